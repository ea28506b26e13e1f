//! Method calls on receivers whose type the scan cannot know, and the workspace methods that
//! share their names. A name alone must not invent a call (issue 11 §2, each rule met on a real
//! app of the test bed):
//!
//! - a receiver chain that starts at a library item (`url::Url::parse(..)`) calls the
//!   library's method, never a workspace one of the same name;
//! - a std method name (`collect`, `get`) on a receiver of unknown type is std's: it reaches
//!   only workspace methods that are annotated;
//! - the type of `load()?` through a `Result` alias is known, so `.upload(..)` is that type's;
//! - where a name is all there is, the flow says the call was matched by name.

use crate::profile::phone_number;

#[consent::shares(with = "crashlytics", purpose = "crash_reporting")]
fn report(_payload: String) {}

/// An unannotated workspace type whose methods are named like `Url`'s and std's and send what
/// they are given to the crash reporter: any call of them invented by a name is a false alarm.
pub struct Labels;

impl Labels {
    pub fn set_query(&mut self, query: Option<&str>) {
        report(query.unwrap_or_default().to_string());
    }

    pub fn collect(&self) -> String {
        let _ = self;
        crate::profile::phone_number()
    }

    pub fn upload(&self, payload: String) {
        report(payload);
    }
}

// `Url::parse(..)` starts at the `url` crate: `set_query` is `Url::set_query`, not
// `Labels::set_query`, even though the result of `parse` has no type the scan knows
pub fn library_chain() {
    let mut url = url::Url::parse("https://example.com/").unwrap();
    url.set_query(Some(&phone_number()));
}

// `collect` on a closure's parameter, whose type is not known: std's `collect`, which hands
// out no phone number
pub fn std_name_on_unknown_receiver() {
    let copy = |list: std::vec::IntoIter<String>| list.collect::<Vec<String>>().join(",");
    report(copy(vec![String::from("a")].into_iter()));
}

/// A session that uploads nothing anywhere.
pub struct Session;

impl Session {
    pub fn upload(&self, payload: String) {
        let _ = payload;
    }
}

type Result<T> = std::result::Result<T, String>;

fn load() -> Result<Session> {
    Ok(Session)
}

// `load()?` is a `Session` through the `Result` alias: its `upload` is not `Labels::upload`
pub fn alias_keeps_the_type() -> Result<()> {
    load()?.upload(phone_number());
    Ok(())
}

/// Forwards to the crash reporter; reached only by its name.
pub struct Relay;

impl Relay {
    pub fn forward(&self, payload: String) {
        report(payload); //~ unguarded_share
    }
}

// the receiver is what an unannotated closure returns: the name `forward` is all there is,
// and the finding's flow says so
pub fn only_the_name() {
    let relay = || Relay;
    relay().forward(phone_number());
}
