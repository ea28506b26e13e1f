#[derive(consent::Classified)]
#[personal(contact)]
struct Profile {
    #[personal(phone_numbr)]
    phone: String,
    #[personal]
    email: String,
    #[check(purpose = "adds")]
    ads: bool,
    #[opt_out(purpose = "analytics", reason = "settings page")]
    no_analytics: bool,
    #[opt_out = "analytics"]
    no_tracking: bool,
}

#[derive(consent::Classified)]
enum Contact {
    #[check]
    Phone(#[personal(contact.phone_nubmer)] String),
    Email {
        #[personal(contact.email)]
        address: String,
    },
}

fn main() {
    let profile = Profile {
        phone: String::new(),
        email: String::new(),
        ads: false,
        no_analytics: false,
        no_tracking: false,
    };
    let _ = (profile.phone, profile.email, profile.ads, profile.no_analytics, profile.no_tracking);
    let _ = (Contact::Phone(String::new()), Contact::Email { address: String::new() });
}
