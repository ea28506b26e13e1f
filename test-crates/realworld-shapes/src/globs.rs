//! Calls of `crate::report`, which the crate root has only through its glob of `vendor`.

pub fn unguarded() {
    crate::report(crate::machine_id()); //~ unguarded_share
}

pub fn guarded() {
    if crate::analytics_allowed() {
        crate::report(crate::machine_id());
    }
}
