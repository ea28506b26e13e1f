//! Fields written after construction: a field once written with personal data is personal
//! wherever it is read. Out-parameters carry what a helper writes into them back to the caller.

use crate::{app_version, maybe_phone_number, phone_number, track};

/// The signed-in user's analytics session, filled in by its methods over time.
#[derive(Debug)]
pub struct AnalyticsSession {
    user_phone: String,
    referrer: String,
    app_version: String,
    contact_batch: Vec<String>,
    screens: Vec<String>,
}

impl AnalyticsSession {
    /// A fresh session with nothing personal in it.
    pub fn new() -> Self {
        Self {
            user_phone: String::new(),
            referrer: String::new(),
            app_version: app_version(),
            contact_batch: Vec::new(),
            screens: Vec::new(),
        }
    }

    /// Attaches the user's number to the session.
    pub fn identify(&mut self) {
        self.user_phone = phone_number();
    }

    // a field written with personal data in another method
    pub fn flush_identity(&self) {
        track(&self.user_phone); //~ unguarded_share
    }

    // a sibling field only ever written with plain data
    pub fn flush_version(&self) {
        track(&self.app_version);
    }

    /// Records who referred the user.
    pub fn set_referrer(&mut self, referrer: String) {
        self.referrer = referrer;
    }

    // a field written by a setter that a caller gives personal data
    pub fn flush_referrer(&self) {
        track(&self.referrer); //~ unguarded_share
    }

    /// Queues one address-book entry for upload.
    pub fn add_contact(&mut self) {
        self.contact_batch.push(phone_number());
    }

    // a `Vec` field that personal data was pushed into
    pub fn flush_contacts(&self) {
        track(&self.contact_batch); //~ unguarded_share
    }

    /// Records a screen view.
    pub fn open_screen(&mut self, name: &str) {
        self.screens.push(name.to_string());
    }

    // a `Vec` field that only plain data was pushed into
    pub fn flush_screens(&self) {
        track(&self.screens);
    }
}

/// The friend who invited the user signs them up: the referrer is the friend's number.
pub fn sign_up_with_referral(session: &mut AnalyticsSession) {
    session.set_referrer(phone_number());
}

/// The settings screen opens.
pub fn open_settings(session: &mut AnalyticsSession) {
    session.open_screen("settings");
}

/// A card on the user's profile page.
#[derive(Debug, Default)]
pub struct ProfileCard {
    pub phone: String,
    pub nickname: String,
}

/// Fills the card's number in, through a `&mut` parameter.
fn attach_phone(card: &mut ProfileCard) {
    card.phone = phone_number();
}

/// Completes the profile.
pub fn complete_profile(card: &mut ProfileCard) {
    attach_phone(card);
    card.nickname = String::from("ada");
}

// a field written with personal data through a `&mut` parameter elsewhere
pub fn share_card_phone(card: &ProfileCard) {
    track(&card.phone); //~ unguarded_share
}

// its sibling, written only with a constant
pub fn share_card_nickname(card: &ProfileCard) {
    track(&card.nickname);
}

/// The support hotline: another type with a field named `phone`, never written with personal
/// data.
#[derive(Debug)]
pub struct SupportLine {
    pub phone: String,
}

// a same-named field of another type
pub fn share_support_line(line: &SupportLine) {
    track(&line.phone);
}

/// A batch of queued uploads.
#[derive(Debug)]
pub struct Batch {
    pub items: Vec<String>,
    pub created_at: u64,
}

// `.push(personal)` into a field of a local struct
pub fn push_into_local_field() {
    let mut batch = Batch {
        items: Vec::new(),
        created_at: 1_700_000_000,
    };
    batch.items.push(phone_number());
    track(&batch.items); //~ unguarded_share
    track(batch.created_at);
}

/// Appends the address book's number to a buffer.
fn fill_numbers(buffer: &mut Vec<String>) {
    buffer.push(phone_number());
}

/// Appends the app's version to a buffer.
fn fill_versions(buffer: &mut Vec<String>) {
    buffer.push(app_version());
}

/// Writes the number into a line of text.
fn write_phone(line: &mut String) {
    line.push_str(&phone_number());
}

/// Stores the number, if any, in a slot.
fn load_phone(slot: &mut Option<String>) {
    *slot = maybe_phone_number();
}

// an out-parameter `&mut Vec` filled with personal data
pub fn out_parameter_vec() {
    let mut buffer = Vec::new();
    fill_numbers(&mut buffer);
    track(&buffer); //~ unguarded_share
}

// an out-parameter `&mut Vec` filled with plain data
pub fn out_parameter_vec_plain() {
    let mut buffer = Vec::new();
    fill_versions(&mut buffer);
    track(&buffer);
}

// an out-parameter `&mut String`
pub fn out_parameter_string() {
    let mut line = String::from("tel:");
    write_phone(&mut line);
    track(&line); //~ unguarded_share
}

// an out-parameter assigned through `*slot = ..`
pub fn out_parameter_deref_assignment() {
    let mut slot = None;
    load_phone(&mut slot);
    track(slot); //~ unguarded_share
}

/// An upload client whose install id is set once, by its constructor.
pub struct InstallReporter {
    install_id: String,
    channel: String,
}

impl InstallReporter {
    /// Reads the install id (the user's number, here) and the release channel.
    pub fn new() -> Self {
        InstallReporter {
            install_id: phone_number(),
            channel: String::from("stable"),
        }
    }

    // a field set by the constructor, read by a method nobody in the crate calls
    pub fn report(&self) {
        track(&self.install_id); //~ unguarded_share
    }

    // its sibling, set with plain data
    pub fn report_channel(&self) {
        track(&self.channel);
    }
}
