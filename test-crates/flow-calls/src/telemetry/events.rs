//! Builds events: the third level of the chain.

/// Emits a named event with a description.
pub fn emit(name: &str, description: &str) {
    super::transport::post(&format!("{name}: {description}"));
}

/// Emits a named event whose value is never personal.
pub fn emit_plain(name: &str, value: &str) {
    super::transport::post_plain(&format!("{name}={value}"));
}
