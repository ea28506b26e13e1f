//! Member `loyalty` of fixture `config-paths`: it depends on `shop`, so a `.id` read where the
//! type is not known may be `shop`'s `Tracker::id` (a `[[source]]`), and is taken as one.

use shop::telemetry::Tracker;

/// The loyalty programme's partner (the `[[sink]]` `loyalty::Partner::enroll`).
pub struct Partner;

impl Partner {
    pub fn enroll(&self, member: &str) {
        let _ = member;
    }
}

fn each_tracker(trackers: &[Tracker], visit: impl Fn(&Tracker)) {
    for tracker in trackers {
        visit(tracker);
    }
}

/// Enrols every installation with the partner, without asking.
pub fn enroll_all(trackers: &[Tracker], partner: &Partner) {
    each_tracker(trackers, |tracker| partner.enroll(&tracker.id)); //~ unguarded_share
}
