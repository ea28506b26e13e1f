//! Fixture `guard-tokens`: consent tokens. A share is guarded for a token's purpose when a token
//! is in hand (the share's receiver or an argument is one, or the enclosing fn or method takes
//! one, `self` included); in return, every creation of a token must itself be guarded, or sit in
//! a check fn for its purpose. The idiom: the analytics client exists only when the user opted
//! in (`Option<Tracker>` left `None`).
//!
//! Creations, guarded (no marker): under `if CHECK` (through the constructor fn and its caller),
//! in `CHECK.then(|| ..)`, after an early return (a derived `Default`), in check fns for the
//! token's purpose (a tuple-struct call, enum variants), in a method of the token itself; a
//! `.clone()` is not a creation. Broken (`unchecked_token` at the creation): a struct literal, a
//! derived `Default`, a tuple-struct call and an enum variant with no check; a creation in a
//! check fn for another purpose, under `other || CHECK`, under a check for another purpose, and
//! in a constructor one of whose callers does not check.
//!
//! Shares, guarded: on the client taken out of `Option<Tracker>` with `if let`, with a token
//! passed as an argument (struct and enum tokens), in a fn taking a token, in a method of the
//! token (`&self`), on a builder the token's method made (through a `let` too), a `requires`
//! call in a fn taking a token, and on a token handed out by a check fn. Broken: asking `.is_some()` of the optional client holds no token
//! (`unguarded_share`); a token for another purpose (`purpose_mismatch`).

mod app;
pub mod made_under;

use app::{
    upload_batch, Account, AdNetwork, AdsConsent, ContactsAccess, FriendFinder, Metrics, Session,
    Settings, Tracker,
};

/// The app, with the analytics client it has only when the user opted in.
pub struct App {
    metrics: Metrics,
    analytics: Option<Tracker>,
}

// ---- Creating tokens ----

impl App {
    /// Connects the analytics client only when the user allowed analytics.
    pub fn start(settings: &Settings) -> App {
        let analytics = if settings.allows_analytics() {
            Some(Tracker::connect())
        } else {
            None
        };
        App {
            metrics: Metrics,
            analytics,
        }
    }

    /// A demo app for the store screenshots, with analytics always on.
    pub fn demo() -> App {
        let endpoint = String::from("https://metrics.example.com/demo");
        App {
            metrics: Metrics,
            analytics: Some(Tracker { endpoint }), //~ unchecked_token
        }
    }
}

/// A struct literal inside `CHECK.then(..)`.
pub fn tracker_if_allowed(settings: &Settings) -> Option<Tracker> {
    let endpoint = String::from("https://metrics.example.com/v1");
    settings.allows_analytics().then(|| Tracker { endpoint })
}

/// A derived `Default` after an early return.
pub fn default_tracker_if_allowed(settings: &Settings) -> Option<Tracker> {
    if !settings.allows_analytics() {
        return None;
    }
    Some(Tracker::default())
}

/// A derived `Default` with no check.
pub fn offline_tracker() -> Tracker {
    Tracker::default() //~ unchecked_token
}

/// A copy of the client the app already holds: `.clone()` creates no token.
pub fn tracker_for_worker(app: &App) -> Option<Tracker> {
    app.analytics.clone()
}

impl Tracker {
    /// A new client made from one in hand, which is the proof it needs.
    pub fn with_endpoint(&self, endpoint: &str) -> Tracker {
        Tracker {
            endpoint: endpoint.to_string(),
        }
    }
}

impl Settings {
    /// The check hands out the ads token: a tuple-struct call inside a check fn for `ads`.
    #[consent::check(purpose = "ads")]
    pub fn ads_consent(&self) -> Option<AdsConsent> {
        self.ads_given_at.map(|given_at| AdsConsent(given_at))
    }

    /// The check hands out the contacts token: enum variants inside a check fn for its purpose.
    #[consent::check(purpose = "friend_suggestions")]
    pub fn contacts_access(&self) -> Option<ContactsAccess> {
        if self.all_contacts {
            Some(ContactsAccess::All)
        } else if self.favourite_contacts {
            Some(ContactsAccess::Favourites)
        } else {
            None
        }
    }

    /// A check for `ads` that hands out the analytics client: it is no check for analytics.
    #[consent::check(purpose = "ads")]
    pub fn ads_tracker(&self) -> Option<Tracker> {
        let endpoint = String::from("https://metrics.example.com/ads");
        match self.ads_given_at {
            Some(_) => Some(Tracker { endpoint }), //~ unchecked_token
            None => None,
        }
    }
}

/// A tuple-struct call with no check: the beta build grants ads consent to everyone.
pub fn beta_ads_consent(now: u64) -> AdsConsent {
    AdsConsent(now) //~ unchecked_token
}

/// An enum variant with no check.
pub fn default_contacts_access() -> ContactsAccess {
    ContactsAccess::Favourites //~ unchecked_token
}

/// `other || CHECK`: beta testers get the client whatever they chose.
pub fn tracker_for_beta(settings: &Settings, beta_tester: bool) -> Option<Tracker> {
    if beta_tester || settings.allows_analytics() {
        Some(Tracker::default()) //~ unchecked_token
    } else {
        None
    }
}

/// The ads check does not allow creating the analytics client.
pub fn tracker_if_ads_allowed(settings: &Settings) -> Option<Tracker> {
    let endpoint = String::from("https://metrics.example.com/v1");
    if settings.allows_ads() {
        Some(Tracker { endpoint }) //~ unchecked_token
    } else {
        None
    }
}

/// Creates the client; `on_opt_in` checks first, `on_debug_menu` does not.
fn new_tracker() -> Tracker {
    let endpoint = String::from("https://metrics.example.com/v2");
    Tracker { endpoint } //~ unchecked_token
}

/// The checked caller of `new_tracker`.
pub fn on_opt_in(settings: &Settings) -> Option<Tracker> {
    if settings.allows_analytics() {
        Some(new_tracker())
    } else {
        None
    }
}

/// The unchecked caller of `new_tracker`.
pub fn on_debug_menu() -> Tracker {
    new_tracker()
}

// ---- Sharing with a token in hand ----

impl App {
    /// The receiver is the client taken out of the `Option`.
    pub fn on_login(&self, account: &Account) {
        if let Some(tracker) = &self.analytics {
            tracker.track("login", &account.phone_number());
        }
    }

    /// Asking whether the client exists is not holding it, and the share does not use it.
    pub fn on_logout(&self, account: &Account) {
        if self.analytics.is_some() {
            self.metrics.report("logout", &account.phone_number()); //~ unguarded_share
        }
    }
}

impl App {
    /// A builder made by the token's method carries its consent down the chain, through a
    /// `let` too (the SDK shape: `client.post_metrics().client_id(id).send()`).
    pub fn on_purchase(&self, account: &Account) {
        if let Some(tracker) = &self.analytics {
            tracker.batch().event(account.phone_number()).send();
            let batch = tracker.batch();
            batch.event(account.phone_number()).send();
        }
    }

    /// A builder with no tracker behind it holds no token.
    pub fn on_purchase_without_tracker(&self, account: &Account) {
        app::Batch::default().event(account.phone_number()).send(); //~ unguarded_share
    }
}

impl Tracker {
    /// A method of the token: `&self` is the token in hand.
    pub fn flush(&self, account: &Account) {
        upload_batch(&[account.phone_number()]);
    }
}

/// The ads token passed as an argument of the share.
pub fn upload_buyer(session: &Session, ads: &AdNetwork, account: &Account) {
    if let Some(consent) = &session.ads_consent {
        ads.upload_audience(consent, &account.phone_number());
    }
}

/// The contacts token (an enum) passed as an argument of the share.
pub fn suggest_friends(session: &Session, finder: &FriendFinder, account: &Account) {
    if let Some(access) = &session.contacts_access {
        finder.suggest(access, &account.phone_number());
    }
}

/// The fn takes the ads token, so every ads share inside is guarded.
pub fn match_customers(_consent: &AdsConsent, ads: &AdNetwork, accounts: &[Account]) {
    for account in accounts {
        ads.match_customer(&account.phone_number());
    }
}

/// Needs ads checked by every caller.
#[consent::requires(purpose = "ads")]
fn show_targeted_ads(ads: &AdNetwork, account: &Account) {
    ads.match_customer(&account.phone_number());
}

/// A fn taking the ads token may call a `requires` fn for ads.
pub fn show_ads_with_consent(_consent: &AdsConsent, ads: &AdNetwork, account: &Account) {
    show_targeted_ads(ads, account);
}

/// The token handed out by the check fn, passed to the share.
pub fn upload_after_asking(settings: &Settings, ads: &AdNetwork, account: &Account) {
    if let Some(consent) = settings.ads_consent() {
        ads.upload_audience(&consent, &account.phone_number());
    }
}

/// The ads token in hand does not allow an analytics share.
pub fn report_with_ads_consent(_consent: &AdsConsent, metrics: &Metrics, account: &Account) {
    metrics.report("login", &account.phone_number()); //~ purpose_mismatch
}
