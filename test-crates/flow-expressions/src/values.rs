//! Propagation through bindings, operators, conversions, method calls and construction.

use crate::api::{
    app_version, birth_year, contacts, phone_number, track, Event, SignupEvent, StorageError,
};

// a `let` binding
pub fn let_binding() {
    let phone = phone_number();
    track(&phone); //~ unguarded_share
}

// assignment to an existing variable
pub fn assignment() {
    let mut outgoing = String::new();
    outgoing = phone_number();
    track(&outgoing); //~ unguarded_share
}

// compound assignment appends personal data
pub fn compound_assignment() {
    let mut line = String::from("tel:");
    line += &phone_number();
    track(&line); //~ unguarded_share
}

// a reference, then a dereference
pub fn reference_and_dereference() {
    let phone = phone_number();
    let borrowed = &phone;
    let copy: String = (*borrowed).clone();
    track(copy); //~ unguarded_share
}

// moved into a `Box` and out with `*`
pub fn boxed() {
    let boxed = Box::new(phone_number());
    track(*boxed); //~ unguarded_share
}

// `.clone()`
pub fn clone() {
    let phone = phone_number();
    track(phone.clone()); //~ unguarded_share
}

// `.to_owned()`
pub fn to_owned() {
    let phone = phone_number();
    let owned: String = phone.as_str().to_owned();
    track(owned); //~ unguarded_share
}

// `.to_string()` on a number
pub fn to_string() {
    let year = birth_year();
    track(year.to_string()); //~ unguarded_share
}

// `.into()`
pub fn into() {
    let bytes: Vec<u8> = phone_number().into();
    track(bytes); //~ unguarded_share
}

// any other method call on a personal value
pub fn method_chain() {
    let national = phone_number().trim_start_matches("+1").replace('-', "");
    track(national); //~ unguarded_share
}

// arithmetic and a cast
pub fn arithmetic() {
    let age = 2025 - birth_year();
    track(age as u64); //~ unguarded_share
}

// string concatenation with `+`
pub fn concatenation() {
    let uri = String::from("tel:") + &phone_number();
    track(uri); //~ unguarded_share
}

// indexing a personal collection
pub fn indexing() {
    let numbers = contacts();
    track(&numbers[0]); //~ unguarded_share
}

// slicing a personal string
pub fn slicing() {
    let phone = phone_number();
    track(&phone[..5]); //~ unguarded_share
}

// a struct literal
pub fn struct_literal() {
    let event = SignupEvent {
        name: "signup",
        phone: phone_number(),
    };
    track(event); //~ unguarded_share
}

// a tuple
pub fn tuple() {
    let pair = ("signup", phone_number());
    track(pair); //~ unguarded_share
}

// an enum struct variant
pub fn enum_struct_variant() {
    let event = Event::Signup {
        phone: phone_number(),
        referrer: None,
    };
    track(event); //~ unguarded_share
}

// an enum tuple variant
pub fn enum_tuple_variant() {
    let event = Event::Call(phone_number());
    track(event); //~ unguarded_share
}

// an array
pub fn array() {
    let numbers = [phone_number(), String::from("+15555550100")];
    track(numbers); //~ unguarded_share
}

// `vec!`
pub fn vec_macro() {
    let batch = vec![String::from("+15555550100"), phone_number()];
    track(batch); //~ unguarded_share
}

// `Some`
pub fn some() {
    track(Some(phone_number())); //~ unguarded_share
}

// `Ok`
pub fn ok() {
    let result: Result<String, StorageError> = Ok(phone_number());
    track(result); //~ unguarded_share
}

// a block's value
pub fn block_value() {
    let label = {
        let phone = phone_number();
        format!("user {phone}")
    };
    track(label); //~ unguarded_share
}

// values built only from constants and plain data
pub fn nothing_personal() {
    track(SignupEvent {
        name: "signup",
        phone: String::from("+15555550100"),
    });
    track(Event::AppOpened);
    track(vec![app_version()]);
    track(("version", app_version()));
}
