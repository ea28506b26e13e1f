//! Values moved between places by `std::mem`: the id taken out of the pending report, swapped
//! into the outgoing one or put in place of another, is still the device's id.

use std::mem;

use crate::{machine_id, report};

#[derive(Default)]
pub struct Pending {
    pub id: String,
    pub label: String,
}

pub fn take_and_send(pending: &mut Pending) {
    pending.id = machine_id();
    let id = mem::take(&mut pending.id);
    report(id); //~ unguarded_share
}

pub fn taken_out_leaves_nothing() {
    let mut id = machine_id();
    let _ = mem::take(&mut id);
    report(id);
}

pub fn replace_and_send() {
    let mut current = machine_id();
    let previous = mem::replace(&mut current, String::from("anonymous"));
    report(previous); //~ unguarded_share
    report(current);
}

pub fn swap_and_send() {
    let mut outgoing = String::from("anonymous");
    let mut held = machine_id();
    mem::swap(&mut outgoing, &mut held);
    report(outgoing); //~ unguarded_share
    report(held);
}
