//! The `fides` format of the map: a fideslang `system` manifest (YAML) that a privacy team
//! using Fides can import. One system per crate whose code makes the sink calls, one privacy
//! declaration per recipient and purpose, with our categories mapped to Fides data categories
//! and our purposes to Fides data uses by [`CATEGORIES`] and [`PURPOSES`] (the one table,
//! documented in docs/map-schema.md). With `--compare`, only the flows that appeared or
//! changed are declared (what the change adds).

use std::collections::BTreeMap;
use std::io::{self, Write};

use crate::map::{ChangeKind, DataMap, Flow, Status};

/// Our built-in categories and the Fides data category each one is.
pub(super) const CATEGORIES: &[(&str, &str)] = &[
    ("contact.phone_number", "user.contact.phone_number"),
    ("contact.email", "user.contact.email"),
    ("contact.postal_address", "user.contact.address"),
    ("contact.address_book", "user.contact"),
    ("identity.name", "user.name"),
    ("identity.date_of_birth", "user.demographic.date_of_birth"),
    ("identity.government_id", "user.government_id"),
    ("identity.account_id", "user.unique_id"),
    ("device.id", "user.device.device_id"),
    ("device.carrier", "user.device"),
    ("device.ip_address", "user.device.ip_address"),
    ("device.hostname", "user.device"),
    ("device.info", "user.device"),
    ("location.precise", "user.location.precise"),
    ("location.coarse", "user.location.imprecise"),
    ("activity.usage", "user.behavior"),
    ("activity.messages", "user.content.private"),
    ("financial", "user.financial"),
    ("health", "user.health_and_medical"),
    ("biometric", "user.biometric"),
    ("credentials", "user.authorization.credentials"),
];

/// A custom category (added by a config) under one of our parents maps to that parent's
/// Fides category; any other to `user`.
pub(super) const CATEGORY_PARENTS: &[(&str, &str)] = &[
    ("contact", "user.contact"),
    ("identity", "user"),
    ("device", "user.device"),
    ("location", "user.location"),
    ("activity", "user.behavior"),
];

/// Our built-in purposes and the Fides data use each one is. A custom purpose maps to
/// `third_party_sharing`: every flow in the map goes to a third party.
pub(super) const PURPOSES: &[(&str, &str)] = &[
    ("ads", "marketing.advertising.third_party.targeted"),
    ("analytics", "analytics.reporting"),
    ("personalization", "personalize"),
    ("friend_suggestions", "functional.service"),
    ("product_improvement", "functional.service.improve"),
    ("crash_reporting", "analytics.reporting.system.performance"),
    ("security", "essential.service.security"),
    ("essential", "essential.service"),
];

const CUSTOM_PURPOSE: &str = "third_party_sharing";
const CUSTOM_CATEGORY: &str = "user";

/// The Fides data category of one of ours, and a note when it is a custom one.
fn data_category(category: &str) -> (&'static str, Option<String>) {
    if let Some((_, fides)) = CATEGORIES.iter().find(|(ours, _)| *ours == category) {
        return (fides, None);
    }
    let family = category.split('.').next().unwrap_or(category);
    let fides = CATEGORY_PARENTS
        .iter()
        .find(|(ours, _)| *ours == family)
        .map_or(CUSTOM_CATEGORY, |(_, fides)| fides);
    (
        fides,
        Some(format!(
            "custom category `{category}` has no Fides equivalent: declared as `{fides}`"
        )),
    )
}

fn data_use(purpose: &str) -> (&'static str, Option<String>) {
    match PURPOSES.iter().find(|(ours, _)| *ours == purpose) {
        Some((_, fides)) => (fides, None),
        None => (
            CUSTOM_PURPOSE,
            Some(format!(
                "custom purpose `{purpose}` has no Fides equivalent: declared as `{CUSTOM_PURPOSE}`"
            )),
        ),
    }
}

/// A YAML double-quoted scalar (JSON's escapes are YAML's).
fn quoted(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| "\"\"".to_string())
}

/// A fides key: letters, digits, `_`, `-` and `.` only.
fn fides_key(name: &str) -> String {
    name.chars()
        .map(|character| {
            if character.is_ascii_alphanumeric() || matches!(character, '_' | '-' | '.') {
                character
            } else {
                '_'
            }
        })
        .collect()
}

pub(super) fn write(map: &DataMap, out: &mut dyn Write) -> io::Result<()> {
    let declared: Vec<&Flow> = map
        .flows
        .iter()
        .filter(|flow| {
            flow.change
                .as_ref()
                .is_none_or(|change| change.kind != ChangeKind::Disappeared)
        })
        .collect();
    // crate → (recipient, purpose) → flows.
    let mut systems: BTreeMap<&str, BTreeMap<(&str, &str), Vec<&Flow>>> = BTreeMap::new();
    for flow in declared {
        let krate = flow.sink.in_fn.split("::").next().unwrap_or_default();
        systems
            .entry(krate)
            .or_default()
            .entry((&flow.recipient, &flow.purpose))
            .or_default()
            .push(flow);
    }
    let mut text = format!(
        "# A fideslang system manifest written by {} {}: the personal data the code shares\n\
         # with third parties, one privacy declaration per recipient and purpose. Its categories\n\
         # and purposes are mapped to Fides data categories and data uses by the table in\n\
         # docs/map-schema.md.\n",
        map.tool.name, map.tool.version
    );
    if map.comparison.is_some() {
        text.push_str(
            "# Only the flows that appeared or changed since the earlier map are declared.\n",
        );
    }
    if systems.is_empty() {
        text.push_str("system: []\n");
        return out.write_all(text.as_bytes());
    }
    text.push_str("system:\n");
    for (krate, declarations) in systems {
        text.push_str(&format!("  - fides_key: {}\n", quoted(&fides_key(krate))));
        text.push_str(&format!("    name: {}\n", quoted(krate)));
        text.push_str(&format!(
            "    description: {}\n",
            quoted(&format!(
                "Personal data that the code of `{krate}` shares with third parties, as cargo-consent found it."
            ))
        ));
        text.push_str("    system_type: \"Service\"\n");
        text.push_str("    privacy_declarations:\n");
        for ((recipient, purpose), flows) in declarations {
            write_declaration(recipient, purpose, &flows, &mut text);
        }
    }
    out.write_all(text.as_bytes())
}

fn write_declaration(recipient: &str, purpose: &str, flows: &[&Flow], text: &mut String) {
    let mut notes: Vec<String> = Vec::new();
    let mut categories: Vec<&str> = Vec::new();
    let mut ours: Vec<&str> = Vec::new();
    for flow in flows {
        let (fides, note) = data_category(&flow.category);
        notes.extend(note);
        categories.push(fides);
        ours.push(&flow.category);
    }
    categories.sort_unstable();
    categories.dedup();
    ours.sort_unstable();
    ours.dedup();
    notes.sort();
    notes.dedup();
    let (fides_use, use_note) = data_use(purpose);
    notes.extend(use_note);
    let count = |status: Status| flows.iter().filter(|flow| flow.status == status).count();
    text.push_str(&format!(
        "      # {recipient}, {purpose}: {} ({} {}: {} guarded, {} purpose_mismatch, {} unguarded)\n",
        ours.join(", "),
        flows.len(),
        if flows.len() == 1 { "flow" } else { "flows" },
        count(Status::Guarded),
        count(Status::PurposeMismatch),
        count(Status::Unguarded),
    ));
    for note in notes {
        text.push_str(&format!("      # {note}\n"));
    }
    text.push_str(&format!(
        "      - name: {}\n",
        quoted(&format!("{purpose} with {recipient}"))
    ));
    let list = |items: &[&str]| -> String {
        items
            .iter()
            .map(|item| format!("          - {}\n", quoted(item)))
            .collect()
    };
    text.push_str("        data_categories:\n");
    text.push_str(&list(&categories));
    text.push_str(&format!("        data_use: {}\n", quoted(fides_use)));
    text.push_str("        data_subjects:\n          - \"customer\"\n");
    text.push_str("        data_shared_with_third_parties: true\n");
    text.push_str(&format!("        third_parties: {}\n", quoted(recipient)));
    text.push_str("        shared_categories:\n");
    text.push_str(&list(&categories));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_built_in_category_and_purpose_has_one_fides_equivalent() {
        for category in crate::taxonomy::BUILTIN_CATEGORIES {
            let mapped: Vec<_> = CATEGORIES
                .iter()
                .filter(|(ours, _)| ours == category)
                .collect();
            assert_eq!(mapped.len(), 1, "{category}");
        }
        assert_eq!(CATEGORIES.len(), crate::taxonomy::BUILTIN_CATEGORIES.len());
        for purpose in crate::taxonomy::BUILTIN_PURPOSES {
            let mapped: Vec<_> = PURPOSES
                .iter()
                .filter(|(ours, _)| ours == purpose)
                .collect();
            assert_eq!(mapped.len(), 1, "{purpose}");
        }
        assert_eq!(PURPOSES.len(), crate::taxonomy::BUILTIN_PURPOSES.len());
    }

    #[test]
    fn custom_categories_map_to_their_family_or_user_with_a_note() {
        assert_eq!(data_category("contact.email"), ("user.contact.email", None));
        let (fides, note) = data_category("contact.whatsapp_id");
        assert_eq!(fides, "user.contact");
        assert!(note.is_some_and(|note| note.contains("contact.whatsapp_id")));
        assert_eq!(data_category("loyalty.points").0, "user");
        assert_eq!(data_use("metrics").0, "third_party_sharing");
    }

    /// The table in docs/map-schema.md is this one.
    #[test]
    fn the_documented_mapping_is_the_one_used() {
        let doc = include_str!("../../../docs/map-schema.md");
        let section = doc
            .split("\n## The Fides mapping\n")
            .nth(1)
            .and_then(|rest| rest.split("\n## ").next())
            .expect("docs/map-schema.md has a section `## The Fides mapping`");
        let mut documented: Vec<(String, String)> = section
            .lines()
            .filter_map(|line| {
                let cells: Vec<&str> = line.split('|').map(str::trim).collect();
                match cells.as_slice() {
                    ["", ours, fides, ""] if ours.starts_with('`') && fides.starts_with('`') => {
                        Some((
                            ours.trim_matches('`').to_string(),
                            fides.trim_matches('`').to_string(),
                        ))
                    }
                    _ => None,
                }
            })
            .collect();
        documented.sort();
        let mut ours: Vec<(String, String)> = CATEGORIES
            .iter()
            .chain(CATEGORY_PARENTS)
            .chain(PURPOSES)
            .map(|(ours, fides)| (ours.to_string(), fides.to_string()))
            .collect();
        ours.push(("(other category)".to_string(), CUSTOM_CATEGORY.to_string()));
        ours.push(("(other purpose)".to_string(), CUSTOM_PURPOSE.to_string()));
        ours.sort();
        assert_eq!(documented, ours);
    }
}
