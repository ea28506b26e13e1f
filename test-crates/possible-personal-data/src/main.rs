//! Fixture `possible-personal-data`: data nobody annotated, named like personal data.
//!
//! Covers a field (`signup.msisdn`), a local (`let phone`), a parameter (`email`), a fn
//! (`device_id()`) and a method (`profile.email_address()`) named like personal data, each
//! reaching a sink unchecked; and what stays quiet: a `bool` flag named after a phone number,
//! a template id named after an email, a suspected value behind the right check, a sink that
//! annotated data already makes a finding of, and an `allow` with a reason.

#![allow(dead_code, unused)]

struct Signup {
    msisdn: String,
    plan: String,
    phone_format_enabled: bool,
    email_template_id: u32,
}

struct Profile {
    handle: String,
}

impl Profile {
    fn email_address(&self) -> String {
        format!("{}@example.com", self.handle)
    }
}

struct Settings {
    analytics_consent: bool,
}

impl Settings {
    #[consent::check(purpose = "analytics")]
    fn analytics_allowed(&self) -> bool {
        self.analytics_consent
    }
}

/// The user's number, annotated.
#[consent::personal(contact.phone_number)]
fn verified_number() -> String {
    String::from("+15555550123")
}

/// Reads the hardware id; nothing says it is personal.
fn device_id() -> String {
    String::from("c0ffee")
}

fn read_input() -> String {
    String::from("+15555550100")
}

#[consent::shares(with = "crm_vendor", purpose = "analytics")]
fn send_event(_name: &str, _properties: &[(&str, &str)]) {}

fn signup() -> Signup {
    Signup {
        msisdn: read_input(),
        plan: String::from("family"),
        phone_format_enabled: true,
        email_template_id: 7,
    }
}

// an unannotated field named like a phone number
fn report_signup() {
    let signup = signup();
    send_event("signup", &[("plan", &signup.plan), ("msisdn", &signup.msisdn)]); //~[on] possible_personal_data
    send_event("plan", &[("plan", &signup.plan)]);
}

// a flag and an id named after personal data are not the data
fn report_settings() {
    let signup = signup();
    let format = if signup.phone_format_enabled { "e164" } else { "local" };
    send_event("settings", &[("format", format)]);
    send_event("template", &[("template", &signup.email_template_id.to_string())]);
}

// a local named like a phone number
fn report_typed_number() {
    let phone = read_input();
    send_event("typed", &[("number", &phone)]); //~[on] possible_personal_data
}

// a parameter named like an email address
fn report_invite(email: &str) {
    send_event("invite", &[("to", email)]); //~[on] possible_personal_data
}

// a fn named like a device id
fn report_device() {
    send_event("device", &[("id", &device_id())]); //~[on] possible_personal_data
}

// a method named like an email address
fn report_profile(profile: &Profile) {
    send_event("profile", &[("email", &profile.email_address())]); //~[on] possible_personal_data
}

// behind the check for the sink's purpose: quiet
fn report_with_consent(settings: &Settings) {
    if settings.analytics_allowed() {
        let phone = read_input();
        send_event("typed", &[("number", &phone)]);
    }
}

// annotated data makes this an `unguarded_share`; it is not reported twice
fn report_verified() {
    let phone = verified_number();
    send_event("verified", &[("number", &phone)]); //~ unguarded_share
}

// allowed, with the reason
#[consent::allow(possible_personal_data, reason = "the support line, not a user's number")]
fn report_support_line() {
    let phone = "+15555550199";
    send_event("support_line_shown", &[("phone", phone)]);
}

fn main() {
    report_signup();
    report_settings();
    report_typed_number();
    report_invite("friend@example.com");
    report_device();
    report_profile(&Profile {
        handle: String::from("ada"),
    });
    report_with_consent(&Settings {
        analytics_consent: false,
    });
    report_verified();
    report_support_line();
}
