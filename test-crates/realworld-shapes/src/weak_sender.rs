//! A sender kept weakly, upgraded before each send (amazon-q's `TelemetrySender`): the value
//! that `upgrade()` gives comes from the library, and so does the `send` called on what
//! `if let Some(sender)` or a `match` takes out of it. It is the channel's send, never the
//! workspace's `Uploader::send` that shares with the vendor, though both are called `send`.

use std::sync::mpsc::Sender;
use std::sync::Weak;

use crate::machine_id;

pub struct Uploader;

impl Uploader {
    #[consent::shares(with = "vendor", purpose = "analytics")]
    pub fn send(&self, _event: String) {}
}

pub fn post(outbox: &Weak<Sender<String>>) {
    if let Some(sender) = outbox.upgrade() {
        let _ = sender.send(machine_id());
    }
}

pub fn post_or_drop(outbox: &Weak<Sender<String>>) {
    match outbox.upgrade() {
        Some(sender) => {
            let _ = sender.send(machine_id());
        }
        None => {}
    }
}

/// The vendor's own `send`, unguarded: reported.
pub fn upload(uploader: &Uploader) {
    uploader.send(machine_id()); //~ unguarded_share
}
