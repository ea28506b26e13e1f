//! A module named with a raw identifier (`mod r#type;`).

use crate::{phone_number, track};

pub fn report_kind() {
    track(phone_number()); //~ unguarded_share
}
