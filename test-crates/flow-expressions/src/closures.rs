//! Propagation through closures: captures, parameters, return values, and closures moved to
//! other threads and tasks.

use crate::api::{phone_number, track};

// a closure's result computed from a capture
pub fn closure_capture() {
    let phone = phone_number();
    let describe = || format!("user {phone}");
    track(describe()); //~ unguarded_share
}

// a closure's result computed from its parameter
pub fn closure_parameter() {
    let normalise = |raw: &str| raw.replace(' ', "");
    track(normalise(&phone_number())); //~ unguarded_share
}

// a `move` closure that shares what it captured
pub fn closure_shares_capture() {
    let phone = phone_number();
    let report = move || track(&phone); //~ unguarded_share
    report();
}

// a `move` closure handed to `std::thread::spawn`
pub fn thread_spawn() {
    let phone = phone_number();
    std::thread::spawn(move || {
        track(&phone); //~ unguarded_share
    });
}

// what a thread returns comes out of `join`
pub fn thread_join() {
    let worker = std::thread::spawn(|| phone_number().replace(' ', ""));
    track(worker.join().unwrap()); //~ unguarded_share
}

// an `async move` block handed to `tokio::spawn`
pub async fn tokio_spawn() {
    let phone = phone_number();
    tokio::spawn(async move {
        track(&phone); //~ unguarded_share
    });
}

// what a tokio task returns comes out of its handle
pub async fn tokio_join_handle() {
    let task = tokio::spawn(async { phone_number() });
    track(task.await.unwrap()); //~ unguarded_share
}

// a closure that captures personal data but returns only its length
pub fn closure_returns_length() {
    let phone = phone_number();
    let digits = || phone.len();
    track(digits());
}

// a closure that shares its parameter, called with a constant
pub fn closure_called_with_constant() {
    let report = |label: &str| track(label);
    report("app_open");
}
