//! Propagation through iterator adaptors, and the ones whose results are not personal.

use crate::api::{app_version, contacts, phone_number, track};

// `iter().map(..).collect()`
pub fn map_collect() {
    let normalised: Vec<String> = contacts()
        .iter()
        .map(|number| number.replace(' ', ""))
        .collect();
    track(normalised); //~ unguarded_share
}

// `filter_map`
pub fn filter_map() {
    let national: Vec<String> = contacts()
        .into_iter()
        .filter_map(|number| number.strip_prefix("+1").map(str::to_string))
        .collect();
    track(national); //~ unguarded_share
}

// `fold`
pub fn fold() {
    let joined = contacts()
        .iter()
        .fold(String::new(), |all, number| all + number + ",");
    track(joined); //~ unguarded_share
}

// `zip`
pub fn zip() {
    let labels = ["home", "work"];
    let labelled: Vec<(&str, String)> = labels.iter().copied().zip(contacts()).collect();
    track(labelled); //~ unguarded_share
}

// `chain`
pub fn chain() {
    let everyone: Vec<String> = vec![String::from("support")]
        .into_iter()
        .chain(contacts())
        .collect();
    track(everyone); //~ unguarded_share
}

// `flat_map`
pub fn flat_map() {
    let digits: String = contacts()
        .iter()
        .flat_map(|number| number.chars())
        .collect();
    track(digits); //~ unguarded_share
}

// `filter` keeps the items themselves
pub fn filter() {
    let mobiles: Vec<String> = contacts()
        .into_iter()
        .filter(|number| number.starts_with("+447"))
        .collect();
    track(mobiles); //~ unguarded_share
}

// `first`, `last` and `next` yield items
pub fn single_item() {
    let numbers = contacts();
    track(numbers.first()); //~ unguarded_share
    track(numbers.iter().next()); //~ unguarded_share
}

// `for_each` hands each item to a closure that shares it
pub fn for_each() {
    contacts().iter().for_each(|number| track(number)); //~ unguarded_share
}

// `.chars()` of a single personal string
pub fn chars_of_string() {
    let digits: String = phone_number()
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    track(digits); //~ unguarded_share
}

// `.count()` is not personal
pub fn count() {
    track(contacts().iter().count());
}

// counting the filtered items is not personal
pub fn filter_count() {
    track(
        contacts()
            .iter()
            .filter(|number| number.starts_with("+44"))
            .count(),
    );
}

// mapping each item to its length, then summing, is not personal
pub fn sum_of_lengths() {
    let total: usize = contacts().iter().map(|number| number.len()).sum();
    track(total);
}

// `any` is a boolean
pub fn any() {
    track(contacts().iter().any(|number| number.starts_with("+44")));
}

// an iterator over plain data
pub fn plain_items() {
    let versions: Vec<String> = vec![app_version()]
        .into_iter()
        .map(|version| format!("v{version}"))
        .collect();
    track(versions);
}
