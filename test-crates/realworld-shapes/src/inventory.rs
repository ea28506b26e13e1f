//! A module that imports `report` from the crate root privately, for its own use.

use crate::report;

/// Counts the modules; uses the private import.
pub fn module_count() -> usize {
    report(String::from("counted"));
    3
}
