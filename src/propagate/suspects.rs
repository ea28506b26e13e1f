//! Names that suggest personal data (`phone`, `imei`, `userEmail`, `device_id`): with the
//! `possible_personal_data` lint on, the walk takes a value so named, and not annotated, for a
//! suspected source.

/// Words (one name segment, or two joined by `_`) that name personal data, with the category
/// they most likely are.
const PERSONAL_WORDS: &[(&str, &str)] = &[
    ("phone", "contact.phone_number"),
    ("phones", "contact.phone_number"),
    ("telephone", "contact.phone_number"),
    ("msisdn", "contact.phone_number"),
    ("phonenumber", "contact.phone_number"),
    ("mobile_number", "contact.phone_number"),
    ("cell_number", "contact.phone_number"),
    ("email", "contact.email"),
    ("emails", "contact.email"),
    ("e_mail", "contact.email"),
    ("mail_address", "contact.email"),
    ("street_address", "contact.postal_address"),
    ("postal_address", "contact.postal_address"),
    ("home_address", "contact.postal_address"),
    ("postcode", "contact.postal_address"),
    ("postal_code", "contact.postal_address"),
    ("zip_code", "contact.postal_address"),
    ("zipcode", "contact.postal_address"),
    ("contacts", "contact.address_book"),
    ("address_book", "contact.address_book"),
    ("first_name", "identity.name"),
    ("last_name", "identity.name"),
    ("full_name", "identity.name"),
    ("given_name", "identity.name"),
    ("family_name", "identity.name"),
    ("firstname", "identity.name"),
    ("lastname", "identity.name"),
    ("fullname", "identity.name"),
    ("surname", "identity.name"),
    ("birthday", "identity.date_of_birth"),
    ("birthdate", "identity.date_of_birth"),
    ("birth_date", "identity.date_of_birth"),
    ("of_birth", "identity.date_of_birth"),
    ("dob", "identity.date_of_birth"),
    ("ssn", "identity.government_id"),
    ("passport", "identity.government_id"),
    ("national_id", "identity.government_id"),
    ("tax_id", "identity.government_id"),
    ("driver_license", "identity.government_id"),
    ("user_id", "identity.account_id"),
    ("userid", "identity.account_id"),
    ("account_id", "identity.account_id"),
    ("customer_id", "identity.account_id"),
    ("username", "identity.account_id"),
    ("user_name", "identity.account_id"),
    ("imei", "device.id"),
    ("imsi", "device.id"),
    ("iccid", "device.id"),
    ("meid", "device.id"),
    ("idfa", "device.id"),
    ("idfv", "device.id"),
    ("gaid", "device.id"),
    ("aaid", "device.id"),
    ("udid", "device.id"),
    ("advertising_id", "device.id"),
    ("ad_id", "device.id"),
    ("android_id", "device.id"),
    ("device_id", "device.id"),
    ("deviceid", "device.id"),
    ("machine_id", "device.id"),
    ("install_id", "device.id"),
    ("installation_id", "device.id"),
    ("hardware_id", "device.id"),
    ("serial_number", "device.id"),
    ("mac_address", "device.id"),
    ("mac_addr", "device.id"),
    ("carrier", "device.carrier"),
    ("mcc", "device.carrier"),
    ("mnc", "device.carrier"),
    ("ip", "device.ip_address"),
    ("ip_address", "device.ip_address"),
    ("ip_addr", "device.ip_address"),
    ("ipaddr", "device.ip_address"),
    ("client_ip", "device.ip_address"),
    ("remote_addr", "device.ip_address"),
    ("hostname", "device.hostname"),
    ("host_name", "device.hostname"),
    ("latitude", "location.precise"),
    ("longitude", "location.precise"),
    ("lat", "location.precise"),
    ("lng", "location.precise"),
    ("geolocation", "location.precise"),
    ("gps", "location.precise"),
    ("coordinates", "location.precise"),
    ("credit_card", "financial"),
    ("card_number", "financial"),
    ("iban", "financial"),
    ("cvv", "financial"),
    ("password", "credentials"),
    ("passwd", "credentials"),
    ("passcode", "credentials"),
];

/// Segments that make a name about personal data rather than the data itself: a setting
/// (`phone_format_enabled`), a question (`is_email_valid`), a description of it
/// (`email_template_id`, `phone_regex`, `phone_count`).
const NOT_THE_DATA: &[&str] = &[
    "enabled",
    "disabled",
    "enable",
    "disable",
    "format",
    "formatted",
    "formatter",
    "template",
    "regex",
    "pattern",
    "valid",
    "validate",
    "validator",
    "validation",
    "verified",
    "is",
    "has",
    "should",
    "can",
    "allow",
    "allowed",
    "show",
    "hide",
    "hidden",
    "visible",
    "field",
    "label",
    "placeholder",
    "column",
    "key",
    "kind",
    "type",
    "len",
    "length",
    "count",
    "max",
    "min",
    "mask",
    "hint",
    "prefix",
    "suffix",
    "required",
    "error",
    "config",
    "setting",
    "settings",
    "flag",
    "consent",
    "version",
    "index",
    "idx",
    "offset",
    "size",
    "limit",
    "timeout",
    "policy",
    "mode",
    "style",
    "width",
    "precision",
];

/// The category a name suggests (`msisdn`, `userEmail`, `device_id`), or `None`.
pub fn suggested_category(name: &str) -> Option<&'static str> {
    let segments = segments(name);
    if segments
        .iter()
        .any(|segment| NOT_THE_DATA.contains(&segment.as_str()))
    {
        return None;
    }
    let category_of = |word: &str| {
        PERSONAL_WORDS
            .iter()
            .find(|(known, _)| *known == word)
            .map(|(_, category)| *category)
    };
    for pair in segments.windows(2) {
        if let Some(category) = category_of(&format!("{}_{}", pair[0], pair[1])) {
            return Some(category);
        }
    }
    segments.iter().find_map(|segment| category_of(segment))
}

/// `userEmail` → `user`, `email`; `device_id` → `device`, `id`; `IMEI` → `imei`.
fn segments(name: &str) -> Vec<String> {
    let mut segments: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut previous_lower = false;
    for character in name.trim_start_matches("r#").chars() {
        if character == '_' || !character.is_alphanumeric() {
            if !current.is_empty() {
                segments.push(std::mem::take(&mut current));
            }
            previous_lower = false;
            continue;
        }
        if character.is_uppercase() && previous_lower && !current.is_empty() {
            segments.push(std::mem::take(&mut current));
        }
        previous_lower = character.is_lowercase() || character.is_ascii_digit();
        current.extend(character.to_lowercase());
    }
    if !current.is_empty() {
        segments.push(current);
    }
    segments
}

#[cfg(test)]
mod tests {
    use super::suggested_category;

    #[test]
    fn names_of_personal_data_suggest_their_category() {
        for (name, category) in [
            ("phone", "contact.phone_number"),
            ("msisdn", "contact.phone_number"),
            ("user_phone", "contact.phone_number"),
            ("userEmail", "contact.email"),
            ("email_address", "contact.email"),
            ("device_id", "device.id"),
            ("deviceId", "device.id"),
            ("IMEI", "device.id"),
            ("advertising_id", "device.id"),
            ("client_ip", "device.ip_address"),
            ("ip_address", "device.ip_address"),
            ("latitude", "location.precise"),
            ("lat", "location.precise"),
            ("first_name", "identity.name"),
            ("date_of_birth", "identity.date_of_birth"),
            ("get_imei", "device.id"),
        ] {
            assert_eq!(suggested_category(name), Some(category), "{name}");
        }
    }

    #[test]
    fn names_about_personal_data_are_not_the_data() {
        for name in [
            "phone_format_enabled",
            "email_template_id",
            "is_email_valid",
            "show_phone",
            "phone_regex",
            "email_count",
            "ip_version",
            "emailVerified",
            "telephony",
            "zip",
            "shipping",
            "template",
            "app_version",
            "latency",
        ] {
            assert_eq!(suggested_category(name), None, "{name}");
        }
    }
}
