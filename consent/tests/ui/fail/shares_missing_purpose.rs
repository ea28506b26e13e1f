#[consent::shares(with = "metrics-inc")]
fn upload(_data: &str) {}

#[consent::shares]
fn upload_anything(_data: &str) {}

fn main() {
    upload("");
    upload_anything("");
}
