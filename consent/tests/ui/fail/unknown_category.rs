#[consent::personal(contact.phone_numbr)]
fn phone() -> String {
    String::new()
}

#[consent::personal(phone_numbr, shoe_size)]
struct Contact;

#[consent::personal("device.idd")]
type DeviceId = String;

#[consent::personal(contact::phone_number)]
fn phone_path() -> String {
    String::new()
}

fn main() {
    let _ = (phone(), Contact, DeviceId::new(), phone_path());
}
