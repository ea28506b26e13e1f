//! Personal data sent into a channel comes out of its receiver: `std::sync::mpsc`,
//! `tokio::sync::{mpsc, oneshot}` and `crossbeam_channel`, in one fn, across threads and tasks,
//! and across fns.

use std::sync::mpsc;
use std::thread;

use crate::api::{app_version, contacts, fetch_phone_number, phone_number, track};

// a std channel within one fn
pub fn std_channel() {
    let (sender, receiver) = mpsc::channel();
    sender.send(phone_number()).unwrap();
    track(receiver.recv().unwrap()); //~ unguarded_share
}

// the sender moved to another thread, the receiver iterated here
pub fn std_channel_across_threads() {
    let (sender, receiver) = mpsc::channel();
    thread::spawn(move || {
        sender.send(phone_number()).unwrap();
    });
    for phone in receiver {
        track(phone); //~ unguarded_share
    }
}

// the two ends handed to different fns
pub fn std_channel_across_fns() {
    let (sender, receiver) = mpsc::channel();
    produce_contacts(sender);
    upload_received(receiver);
}

/// Feeds the address book into a channel.
fn produce_contacts(sender: mpsc::Sender<String>) {
    for number in contacts() {
        sender.send(number).unwrap();
    }
}

/// Uploads whatever comes out of a channel.
fn upload_received(receiver: mpsc::Receiver<String>) {
    while let Ok(number) = receiver.recv() {
        track(number); //~ unguarded_share
    }
}

// two channels: only the one that carried personal data yields it
pub fn two_channels() {
    let (phones, phones_out) = mpsc::channel();
    let (versions, versions_out) = mpsc::channel();
    phones.send(phone_number()).unwrap();
    versions.send(app_version()).unwrap();
    track(versions_out.recv().unwrap());
    drop(phones_out);
}

// a tokio channel: a task sends, this task receives
pub async fn tokio_mpsc() {
    let (sender, mut receiver) = tokio::sync::mpsc::channel(16);
    tokio::spawn(async move {
        sender.send(fetch_phone_number().await).await.ok();
    });
    while let Some(phone) = receiver.recv().await {
        track(phone); //~ unguarded_share
    }
}

// a tokio oneshot
pub async fn tokio_oneshot() {
    let (sender, receiver) = tokio::sync::oneshot::channel();
    sender.send(phone_number()).ok();
    track(receiver.await.unwrap()); //~ unguarded_share
}

// a crossbeam channel drained by a worker thread spawned before the send
pub fn crossbeam() {
    let (sender, receiver) = crossbeam_channel::unbounded();
    let worker = thread::spawn(move || {
        for phone in receiver.iter() {
            track(phone); //~ unguarded_share
        }
    });
    sender.send(phone_number()).unwrap();
    drop(sender);
    worker.join().unwrap();
}

// a channel that only ever carries plain data
pub fn plain_channel() {
    let (sender, receiver) = crossbeam_channel::bounded(1);
    sender.send(app_version()).unwrap();
    track(receiver.recv().unwrap());
}
