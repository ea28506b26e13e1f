//! Friend suggestions: matching the address book against other users, only when the user asked.

use crate::settings::Settings;

/// One entry of the phone's address book.
pub struct Contact {
    pub name: String,
    pub number: String,
}

/// The phone's address book, as the OS hands it to the app.
#[derive(consent::Classified)]
pub struct AddressBook {
    #[personal(contact.address_book)]
    pub entries: Vec<Contact>,
    /// When the book was last read, in seconds since the epoch.
    pub read_at: u64,
}

impl AddressBook {
    /// Reads the address book through the OS contacts API.
    pub fn load() -> AddressBook {
        AddressBook {
            entries: Vec::new(),
            read_at: 1_700_000_000,
        }
    }
}

/// Client for the friend-finder service, run by a partner company.
pub struct FriendFinder {
    endpoint: String,
}

impl FriendFinder {
    pub fn new() -> FriendFinder {
        FriendFinder {
            endpoint: String::from("https://friends.example.org/match"),
        }
    }

    /// Uploads contacts and returns the ones that have an account.
    #[consent::shares(with = "friend_finder", purpose = "friend_suggestions")]
    pub fn match_contacts(&self, contacts: &[Contact]) -> Vec<String> {
        println!("POST {} ({} contacts)", self.endpoint, contacts.len());
        Vec::new()
    }
}

/// Suggests friends from the address book, only when contact sync is on: clean.
pub fn suggest_friends(settings: &Settings, book: &AddressBook, finder: &FriendFinder) -> Vec<String> {
    let mut suggestions = Vec::new();
    if settings.contact_sync {
        suggestions = finder.match_contacts(&book.entries);
    }
    suggestions
}
