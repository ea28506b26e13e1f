#[consent::shares(whith = "metrics-inc", purpose = "analytics")]
fn upload(_data: &str) {}

#[consent::check(purpose = "ads", recipient = "adnet")]
fn allows_ads() -> bool {
    true
}

#[consent::opt_out(purpose = "ads", purpose = "analytics")]
fn opted_out() -> bool {
    false
}

#[consent::check(ads)]
fn allows_ads_positional() -> bool {
    true
}

#[consent::requires(purpose = ads)]
fn show_ad() {}

fn main() {
    upload("");
    let _ = (allows_ads(), opted_out(), allows_ads_positional());
    show_ad();
}
