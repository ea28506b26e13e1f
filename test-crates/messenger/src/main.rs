//! Fixture `messenger`: the showcase of SPEC §1, a small messaging app that promised its users an
//! ads opt-out and then sends their phone number to its parent company "for metrics".
//!
//! It covers module discovery (`mod` files and the `metrics/mod.rs` directory module), personal
//! methods (`Account::phone_number`, `Device::device_id`, carrier and country codes), personal
//! fields of a `Classified` struct (`ActivityStats`), check and opt-out fields and methods on the
//! `Settings` struct, and shares to three recipients. Exactly one path leaks: the daily-active
//! report in `metrics/mod.rs`, which only ever runs behind the *ads* opt-out. The team took the
//! opt-out to cover "metrics" too; the user was asked about ads, not about analytics, so the
//! share to the parent company is a `purpose_mismatch`.

#![allow(dead_code, unused)]

mod account;
mod ads;
mod contacts;
mod device;
mod metrics;
mod settings;

use account::Account;
use ads::AdsClient;
use contacts::{AddressBook, FriendFinder};
use device::Device;
use metrics::{ActivityStats, ParentCompany};
use settings::Settings;

/// Start-up: load the user's choices, then run the background jobs that talk to other companies.
fn main() {
    let settings = Settings::load();
    let account = Account::signed_in();
    let device = Device::current();
    let stats = ActivityStats::today();
    let address_book = AddressBook::load();

    let parent = ParentCompany::connect();
    let ads_client = AdsClient::new();
    let friend_finder = FriendFinder::new();

    metrics::report_app_start(&stats, &parent);
    metrics::report_engagement(&settings, &stats, &parent);
    // "Users who opted out of ads don't get the daily report": the ads opt-out is the only
    // check on the way to the parent company's metrics.
    if !settings.ads_opt_out {
        metrics::report_daily_active(&account, &stats, &parent);
    }

    ads::share_audience(&settings, &device, &ads_client);
    ads::attribute_install(&settings, &device, &ads_client);

    let suggestions = contacts::suggest_friends(&settings, &address_book, &friend_finder);
    println!("{} friend suggestions", suggestions.len());
}
