#[consent::shares(with = "metrics-inc", purpose = "analytics")]
struct Upload {
    data: String,
}

struct Client;

#[consent::check(purpose = "analytics")]
impl Client {
    fn send(&self) {}
}

fn main() {
    let _ = Upload { data: String::new() }.data;
    Client.send();
}
