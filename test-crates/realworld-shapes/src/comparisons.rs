//! A check compared with a literal.

#[allow(clippy::bool_comparison)]
pub fn equals_true() {
    if crate::analytics_allowed() == true {
        crate::report(crate::machine_id());
    }
}

#[allow(clippy::bool_comparison)]
pub fn equals_false_returns() {
    if crate::analytics_allowed() == false {
        return;
    }
    crate::report(crate::machine_id());
}

#[allow(clippy::bool_comparison)]
pub fn literal_first() {
    if true != crate::analytics_allowed() {
        return;
    }
    crate::report(crate::machine_id());
}

#[allow(clippy::bool_comparison)]
pub fn wrong_side() {
    if crate::analytics_allowed() == false {
        crate::report(crate::machine_id()); //~ unguarded_share
    }
}
