#[consent::token]
struct AnalyticsConsent;

#[consent::requires(with = "adnet")]
fn show_ad() {}

#[consent::check(purpose = "", with = "")]
fn allows() -> bool {
    true
}

fn main() {
    let _ = (AnalyticsConsent, allows());
    show_ad();
}
