#[consent::token(purpose = "analytics")]
fn grant() {}

trait Consent {
    #[consent::token(purpose = "analytics")]
    fn grant(&self);
}

fn main() {
    grant();
}
