#[consent::shares(with = "metrics-inc", purpose = "analytics", args = ["phne", "self"])]
fn upload(phone: &str, _endpoint: &str) {
    let _ = phone;
}

#[consent::shares(with = "metrics-inc", purpose = "analytics", args = ["data"])]
fn flush() {}

struct Client;

impl Client {
    #[consent::shares(with = "metrics-inc", purpose = "analytics", args = ["event", "event", "x"])]
    fn send(&self, event: &str) {
        let _ = event;
    }

    #[consent::shares(with = "metrics-inc", purpose = "analytics", args = [])]
    fn send_all(&self) {}

    #[consent::shares(with = "metrics-inc", purpose = "analytics", args = "event")]
    fn send_one(&self, event: &str) {
        let _ = event;
    }

    #[consent::shares(with = "metrics-inc", purpose = "analytics", args = [0])]
    fn send_first(&self, event: &str) {
        let _ = event;
    }
}

fn main() {
    upload("", "");
    flush();
    Client.send("");
    Client.send_all();
    Client.send_one("");
    Client.send_first("");
}
