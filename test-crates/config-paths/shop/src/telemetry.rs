//! The shop's own usage tracker.

/// The tracker of this installation: its id and signing key are `[[source]]`s.
pub struct Tracker {
    pub id: String,
    /// Private: only this module can read it.
    key: String,
}

impl Tracker {
    pub fn new(id: String, key: String) -> Tracker {
        Tracker { id, key }
    }

    /// The id, signed.
    pub fn signed_id(&self) -> String {
        format!("{}.{}", self.id, self.key)
    }
}
