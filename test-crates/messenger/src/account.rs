//! The signed-in user's account.

/// The account the user registered with. Messenger accounts are keyed by phone number.
pub struct Account {
    phone_number: String,
    display_name: String,
}

impl Account {
    /// Reads the account stored on the device at registration.
    pub fn signed_in() -> Account {
        Account {
            phone_number: String::from("+15555550123"),
            display_name: String::from("Ada"),
        }
    }

    /// The number the user registered with, in E.164 form.
    #[consent::personal(contact.phone_number)]
    pub fn phone_number(&self) -> String {
        self.phone_number.clone()
    }

    /// The name shown to the user's contacts.
    pub fn greeting(&self) -> String {
        format!("Welcome back, {}", self.display_name)
    }
}
