struct User;

#[consent::personal(contact.email)]
impl User {
    fn email(&self) -> String {
        String::new()
    }
}

#[consent::personal(device.id)]
const IMEI: &str = "";

#[consent::personal(device.id)]
mod device {}

fn main() {
    let _ = (User.email(), IMEI);
}
