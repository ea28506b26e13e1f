//! Mail to customers.

/// The newsletter vendor's client (the `[[sink]]` `mail::Mailer::send`).
pub struct Mailer;

impl Mailer {
    /// Subscribes an address to the deals newsletter.
    pub fn send(&self, to: &str, list: &str) {
        let _ = (to, list);
    }
}
