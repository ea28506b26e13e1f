//! Arguments across fns: a helper that shares its argument is a finding at its sink, once,
//! when some caller passes personal data, and not when every caller passes plain data.

use crate::{app_version, contacts, phone_number, send_crash_report, track};

/// Reports a sign-up with the number it is given.
fn report_signup(phone: &str) {
    track(phone); //~ unguarded_share
}

// personal data passed into a helper that shares it
pub fn sign_up() {
    report_signup(&phone_number());
}

/// Shares whatever label it is given.
fn share_label(label: &str) {
    track(label); //~ unguarded_share
}

// one caller passes personal data ...
pub fn label_from_phone() {
    share_label(&phone_number());
}

// ... and one a constant: still exactly one finding, at the helper's sink
pub fn label_from_constant() {
    share_label("guest");
}

/// Shares the name of a screen; every caller passes a constant.
fn share_screen_name(screen: &str) {
    track(screen);
}

// only plain callers: no finding
pub fn open_settings() {
    share_screen_name("settings");
}

// only plain callers: no finding
pub fn open_inbox() {
    share_screen_name("inbox");
}

/// Reports one contact.
fn report_contact(contact: &str) {
    track(contact); //~ unguarded_share
}

// several callers with personal data: one finding at the helper's sink
pub fn import_address_book() {
    for contact in contacts() {
        report_contact(&contact);
    }
}

// the second of several callers
pub fn add_contact() {
    report_contact(&phone_number());
}

/// Uploads a payload, retrying by recursion, and shares it on the last attempt.
fn upload_with_retries(payload: &str, attempts_left: u32) {
    if attempts_left == 0 {
        track(payload); //~ unguarded_share
        return;
    }
    upload_with_retries(payload, attempts_left - 1);
}

// a recursive helper that eventually shares its argument
pub fn recursive_sharing() {
    upload_with_retries(&phone_number(), 3);
}

/// Syncs the address book page by page, with `upload_page`.
fn sync_from(numbers: &[String], page: usize) {
    if page * 10 < numbers.len() {
        upload_page(numbers, page);
    }
}

/// Uploads one page, then syncs the rest with `sync_from`.
fn upload_page(numbers: &[String], page: usize) {
    let end = numbers.len().min(page * 10 + 10);
    track(&numbers[page * 10..end]); //~ unguarded_share
    sync_from(numbers, page + 1);
}

// mutual recursion
pub fn mutual_recursion() {
    sync_from(&contacts(), 0);
}

// personal data in the argument `args` lists
pub fn listed_argument() {
    send_crash_report("startup", &phone_number()); //~ unguarded_share
}

// personal data only in an argument `args` does not list
pub fn unlisted_argument() {
    send_crash_report(&phone_number(), "panic in startup");
}

/// Reports a crash with a local tag.
fn crash_with_tag(tag: &str) {
    send_crash_report(tag, "panic in sync");
}

// personal data reaches the unlisted argument through a helper
pub fn unlisted_argument_through_helper() {
    crash_with_tag(&phone_number());
}

/// An address-book entry: personal as a whole.
#[consent::personal(contact.address_book)]
#[derive(Debug)]
pub struct ContactCard {
    pub name: String,
    pub number: String,
}

impl ContactCard {
    /// Backs this card up to the cloud provider (the receiver is what is shared).
    #[consent::shares(with = "backup_provider", purpose = "product_improvement")]
    pub fn back_up(&self) {}

    /// Attaches a note about this card to a crash report; only `note` leaves the device.
    #[consent::shares(with = "crash_vendor", purpose = "crash_reporting", args = ["note"])]
    pub fn attach_to_crash(&self, note: &str) {}
}

/// A beacon that sends itself.
#[derive(Debug)]
pub struct Beacon {
    pub payload: String,
}

impl Beacon {
    /// Transmits the beacon, payload and all.
    #[consent::shares(with = "segment", purpose = "analytics")]
    pub fn transmit(&self) {}
}

// `self` is the personal value: a receiver of a personal type
pub fn personal_receiver(card: &ContactCard) {
    card.back_up(); //~ unguarded_share
}

// `self` is not in `args`: the personal receiver does not count
pub fn personal_receiver_not_listed(card: &ContactCard) {
    card.attach_to_crash("import failed");
}

// the listed argument carries personal data
pub fn listed_argument_of_method(card: &ContactCard) {
    card.attach_to_crash(&card.number); //~ unguarded_share
}

// `self` built from personal data
pub fn receiver_built_from_personal_data() {
    let beacon = Beacon {
        payload: phone_number(),
    };
    beacon.transmit(); //~ unguarded_share
}

// `self` built from plain data
pub fn receiver_built_from_plain_data() {
    let beacon = Beacon {
        payload: app_version(),
    };
    beacon.transmit();
}
