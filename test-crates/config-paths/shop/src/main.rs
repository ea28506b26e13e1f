//! The shop's binary. Its flags are its own (`shop::flags::Flags`, a path into the binary's
//! crate, which `shop::` names as well as the library's): the tracker's id it uploads is
//! checked.

mod flags;

use shop::telemetry::Tracker;

fn main() {
    let flags = flags::Flags::from_env();
    let tracker = Tracker::new(flags.install_id.clone(), String::new());
    if flags.no_tracking {
        return;
    }
    shop::upload_order(&tracker.id);
}
