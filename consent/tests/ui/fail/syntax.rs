#[consent::personal(contact.)]
fn phone() -> String {
    String::new()
}

#[consent::check(purpose = )]
fn allows() -> bool {
    true
}

#[consent::check(purpose = "ads" with = "adnet")]
fn allows_ads() -> bool {
    true
}

fn main() {
    let _ = (phone(), allows(), allows_ads());
}
