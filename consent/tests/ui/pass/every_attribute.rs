//! Every attribute on every item kind it accepts. The items must come out unchanged, so they are
//! all used from `main` as plain Rust.

// Categories: full names, parents, unambiguous leaves, string literals, several at once.
#[consent::personal(contact.phone_number)]
fn phone_number() -> String {
    String::from("+1 555 0100")
}

#[consent::personal(contact)]
struct ContactCard {
    email: String,
}

#[consent::personal(phone_number, device.id, "device.carrier", financial,)]
enum Identifier {
    Phone(String),
    Imei(String),
}

#[consent::personal(location)]
type Coordinates = (f64, f64);

#[cfg_attr(all(), consent::personal(device.id))]
fn machine_id() -> String {
    String::from("0123")
}

// Shares, checks and opt-outs on free fns.
#[consent::shares(with = "metrics-inc", purpose = "analytics")]
fn upload(_payload: &str) {}

#[consent::shares(with = "adnet", purpose = "ads", args = ["user"])]
fn bid(_endpoint: &str, user: &str) -> usize {
    user.len()
}

#[consent::check]
fn allows_everything() -> bool {
    true
}

#[consent::check(purpose = "analytics")]
fn allows_analytics() -> Result<(), String> {
    Ok(())
}

#[consent::check(with = "adnet")]
fn allows_adnet() -> Option<()> {
    Some(())
}

#[consent::check(with = "adnet", purpose = "ads")]
fn allows_adnet_ads() -> bool {
    true
}

#[consent::opt_out]
fn opted_out_of_everything() -> bool {
    false
}

#[consent::opt_out(purpose = "crash_reporting", with = "sentry")]
fn opted_out_of_crash_reports() -> bool {
    false
}

#[consent::requires(purpose = "ads")]
fn show_targeted_ad(user: &str) -> usize {
    bid("https://adnet.example/bid", user)
}

#[consent::declassify(reason = "a count identifies nobody")]
fn count(ids: &[String]) -> usize {
    ids.len()
}

#[consent::token(purpose = "analytics")]
struct AnalyticsConsent(());

#[consent::token(purpose = "personalization")]
enum Personalization {
    Granted,
}

// Methods: in impl blocks, trait declarations and trait provided methods.
struct Client;

#[consent::allow(possible_personal_data, reason = "the client only forwards what it is given")]
impl Client {
    #[consent::personal(identity.account_id)]
    fn account_id(&self) -> u64 {
        7
    }

    #[consent::shares(with = "metrics-inc", purpose = "analytics", args = ["self", "event"])]
    fn send(&self, event: &str) -> usize {
        event.len()
    }

    #[consent::check(purpose = "friend_suggestions")]
    fn allows_friend_suggestions(&self) -> bool {
        true
    }

    #[consent::opt_out(purpose = "product_improvement")]
    fn opted_out_of_product_improvement(&self) -> bool {
        false
    }

    #[consent::requires(purpose = "security")]
    fn report_abuse(&self) {}

    #[consent::declassify(reason = "only the length leaves")]
    fn length(&self, text: &str) -> usize {
        text.len()
    }

    #[consent::allow(unguarded_share, reason = "the user pressed send")]
    fn send_now(&self) -> usize {
        self.send("now")
    }
}

trait Telemetry {
    type Payload;

    #[consent::shares(with = "metrics-inc", purpose = "analytics")]
    fn track(&self, event: &str);

    #[consent::shares(with = "metrics-inc", purpose = "analytics", args = ["event"])]
    fn track_twice(&self, event: &str) {
        self.track(event);
        self.track(event);
    }

    #[consent::personal(device.info)]
    fn device_model(&self) -> String;

    #[consent::check(purpose = "analytics")]
    fn enabled(&self) -> bool;

    #[consent::opt_out(purpose = "analytics")]
    fn disabled(&self) -> bool {
        !self.enabled()
    }

    #[consent::requires(purpose = "analytics")]
    fn flush(&self);

    #[consent::declassify(reason = "a histogram over all users")]
    fn histogram(&self) -> Vec<u32>;
}

impl Telemetry for Client {
    #[consent::personal(contact.email)]
    type Payload = String;

    #[consent::shares(with = "metrics-inc", purpose = "analytics")]
    fn track(&self, _event: &str) {}

    fn device_model(&self) -> String {
        String::from("phone")
    }

    fn enabled(&self) -> bool {
        true
    }

    #[consent::requires(purpose = "analytics")]
    fn flush(&self) {}

    fn histogram(&self) -> Vec<u32> {
        Vec::new()
    }
}

// Allow on the other items it may sit on.
#[consent::allow(ignored_check, reason = "the result is logged, not used")]
mod inline_module {
    pub fn log() {}
}

#[consent::allow(parse_error, reason = "generated")]
trait Generated {}

#[consent::allow(unknown_category, reason = "the category comes from another team's config")]
const LIMIT: usize = 3;

#[consent::allow(unchecked_token, reason = "tests build tokens directly")]
static TOKEN_NAME: &str = "analytics";

#[consent::allow(unknown_purpose, reason = "fixture")]
#[consent::allow(purpose_mismatch, reason = "stacked attributes each apply")]
fn stacked() {}

// Fields, through the derive: named, tuple and enum variant fields.
#[derive(consent::Classified)]
struct Profile {
    #[personal(phone_number)]
    phone: String,
    #[personal(contact.email, "identity.name")]
    email: String,
    #[check(purpose = "ads")]
    allows_ads: bool,
    #[check]
    allows_all: bool,
    #[opt_out(purpose = "analytics", with = "metrics-inc")]
    no_analytics: bool,
    #[opt_out]
    no_sharing: bool,
    #[cfg_attr(all(), personal(device.id))]
    imei: String,
    app_version: String,
}

#[derive(consent::Classified)]
struct Location(#[personal(location.precise)] f64, #[personal(location.precise)] f64);

#[derive(consent::Classified, Debug)]
enum Event {
    Login {
        #[personal(identity.account_id)]
        user: u64,
    },
    Message(#[personal(activity.messages)] String),
    Tick,
}

fn main() {
    let client = Client;
    let card = ContactCard {
        email: String::from("a@example.com"),
    };
    let identifiers = [Identifier::Phone(phone_number()), Identifier::Imei(machine_id())];
    let coordinates: Coordinates = (0.0, 0.0);
    if allows_everything() && allows_analytics().is_ok() && allows_adnet().is_some() {
        upload(&card.email);
    }
    if allows_adnet_ads() && !opted_out_of_everything() && !opted_out_of_crash_reports() {
        show_targeted_ad("user");
    }
    let _ = (
        identifiers.len(),
        coordinates,
        count(&[]),
        AnalyticsConsent(()),
        Personalization::Granted,
        client.account_id(),
        client.allows_friend_suggestions(),
        client.opted_out_of_product_improvement(),
        client.length("text"),
        client.send_now(),
        <Client as Telemetry>::Payload::new(),
        client.device_model(),
        client.disabled(),
        client.histogram(),
        LIMIT,
        TOKEN_NAME,
    );
    client.report_abuse();
    client.track_twice("open");
    client.flush();
    inline_module::log();
    stacked();
    let profile = Profile {
        phone: String::new(),
        email: String::new(),
        allows_ads: false,
        allows_all: false,
        no_analytics: true,
        no_sharing: true,
        imei: String::new(),
        app_version: String::from("1.0"),
    };
    let _ = (
        profile.phone,
        profile.email,
        profile.allows_ads,
        profile.allows_all,
        profile.no_analytics,
        profile.no_sharing,
        profile.imei,
        profile.app_version,
    );
    let Location(latitude, longitude) = Location(1.0, 2.0);
    let _ = (latitude, longitude);
    let _ = [
        Event::Login { user: 1 },
        Event::Message(String::new()),
        Event::Tick,
    ];
}
