#[consent::personal]
fn phone() -> String {
    String::new()
}

#[consent::personal()]
struct Contact;

#[consent::personal(device.id, reason = "imei")]
struct Device;

fn main() {
    let _ = (phone(), Contact, Device);
}
