//! The app's data model: personal types (struct, enum, type alias), a struct with a field of a
//! personal type, `Classified` structs, and fns, methods and trait methods that return personal
//! data.

use consent::Classified;

/// A phone number in E.164 form: every value is personal.
#[consent::personal(contact.phone_number)]
#[derive(Debug, Clone)]
pub struct PhoneNumber(pub String);

impl PhoneNumber {
    /// The longest number E.164 allows, in digits. Not a phone number.
    pub const MAX_DIGITS: usize = 15;

    /// Parses a number typed by the user.
    pub fn new(raw: &str) -> Self {
        PhoneNumber(raw.replace(' ', ""))
    }

    /// The country calling code, like `+44`.
    pub fn country_code(&self) -> String {
        self.0.chars().take(3).collect()
    }
}

/// A postal address: every value is personal.
#[consent::personal(contact.postal_address)]
#[derive(Debug, Clone)]
pub struct PostalAddress {
    pub street: String,
    pub city: String,
}

/// The last known location: every value, of every variant, is personal.
#[consent::personal(location)]
#[derive(Debug, Clone)]
pub enum LastLocation {
    Precise { latitude: f64, longitude: f64 },
    City(String),
    Unknown,
}

/// A GPS fix: every value declared with this alias is personal.
#[consent::personal(location.precise)]
pub type Coordinates = (f64, f64);

/// An address book entry: not personal as a type, but its `phone` field has a personal type.
#[derive(Debug, Clone)]
pub struct Contact {
    pub display_name: String,
    pub phone: PhoneNumber,
    pub ringtone: String,
}

/// One app session, with personal fields next to plain ones.
#[derive(Debug, Classified)]
pub struct Session {
    #[personal(device.ip_address)]
    pub ip_address: String,
    #[personal(identity.account_id)]
    pub account_id: u64,
    pub started_at: u64,
    pub app_version: String,
}

/// A connection that holds a session.
#[derive(Debug)]
pub struct Connection {
    pub session: Session,
    pub retries: u32,
}

/// The handset.
#[derive(Debug, Default)]
pub struct Device;

impl Device {
    /// The hardware identifier, read without an instance.
    #[consent::personal(device.id)]
    pub fn imei() -> String {
        String::from("490154203237518")
    }

    /// The handset's model name.
    #[consent::personal(device.info)]
    pub fn model(&self) -> String {
        String::from("Pixel 9")
    }

    /// The battery level: not personal.
    pub fn battery_percent(&self) -> u8 {
        80
    }
}

/// Something that belongs to an account.
pub trait Identified {
    /// The account the value belongs to; personal in every impl.
    #[consent::personal(identity.account_id)]
    fn account_ref(&self) -> String;

    /// What kind of value this is: not personal.
    fn kind(&self) -> &'static str;
}

/// A signed-in member.
#[derive(Debug, Default)]
pub struct Member;

impl Identified for Member {
    fn account_ref(&self) -> String {
        String::from("acct-8731")
    }

    fn kind(&self) -> &'static str {
        "member"
    }
}

/// A guest with a temporary account.
#[derive(Debug, Default)]
pub struct Guest;

impl Identified for Guest {
    fn account_ref(&self) -> String {
        String::from("guest-0042")
    }

    fn kind(&self) -> &'static str {
        "guest"
    }
}

/// A one-line description for list views.
pub trait Describe {
    fn describe(&self) -> String;
}

impl Describe for Contact {
    /// A contact is described by the person's name.
    #[consent::personal(identity.name)]
    fn describe(&self) -> String {
        self.display_name.clone()
    }
}

/// The build the app runs.
#[derive(Debug, Default)]
pub struct BuildInfo {
    pub version: String,
}

impl Describe for BuildInfo {
    /// A build is described by its version: not personal.
    fn describe(&self) -> String {
        self.version.clone()
    }
}

/// The account id of the signed-in user.
#[consent::personal(identity.account_id)]
pub fn account_id() -> u64 {
    8731
}

/// The number the user picked as primary: not annotated, but it returns a personal type.
pub fn primary_number() -> PhoneNumber {
    PhoneNumber::new("+15555550123")
}

/// Looks a number up in the address book by name.
pub fn lookup_number(name: &str) -> Option<PhoneNumber> {
    Some(PhoneNumber::new("+15555550100"))
}

/// The current GPS fix.
pub fn last_fix() -> Coordinates {
    (52.52, 13.40)
}

/// Where the map opens: a plain pair of the same shape, not the personal alias.
pub fn map_center() -> (f64, f64) {
    (0.0, 0.0)
}
