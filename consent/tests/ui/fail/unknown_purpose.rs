#[consent::shares(with = "metrics-inc", purpose = "analytcs")]
fn upload(_data: &str) {}

#[consent::check(purpose = "marketing")]
fn allows_marketing() -> bool {
    true
}

#[consent::token(purpose = "adds")]
struct AdsConsent;

fn main() {
    upload("");
    let _ = (allows_marketing(), AdsConsent);
}
