#[consent::shares(purpose = "analytics")]
fn upload(_data: &str) {}

fn main() {
    upload("");
}
