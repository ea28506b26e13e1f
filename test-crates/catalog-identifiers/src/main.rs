//! Fixture `catalog-identifiers`: every identifier producer of the catalog (machine-uid,
//! whoami, hostname, gethostname, mac_address, local-ip-address, if-addrs, sysinfo) used the
//! way apps use them, flowing into the app's upload fn behind its "share usage data" setting
//! (clean) and without it (found).

#![allow(dead_code)]

mod profile;
mod settings;
mod support;
mod upload;

fn main() {
    let settings = settings::Settings::load();
    profile::report_install(&settings);
    profile::report_machine(&settings);
    support::upload_bundle();
    support::report_network();
    support::report_accounts();
}
