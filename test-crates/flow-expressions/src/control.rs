//! Propagation through `?`, `.await`, pattern bindings, branches and loops, and the
//! flow-sensitive cases where a variable no longer (or not yet) holds personal data.

use crate::api::{
    app_version, contacts, fetch_phone_number, maybe_phone_number, phone_number,
    stored_phone_number, track, StorageError,
};

// `?` unwraps a personal `Result`
pub fn question_mark() -> Result<(), StorageError> {
    let phone = stored_phone_number()?;
    track(phone); //~ unguarded_share
    Ok(())
}

// `.await` on a personal async fn
pub async fn await_result() {
    let phone = fetch_phone_number().await;
    track(phone); //~ unguarded_share
}

// a `match` arm binding; the other arm sends a constant
pub fn match_binding() {
    match maybe_phone_number() {
        Some(phone) => track(phone), //~ unguarded_share
        None => track("no phone"),
    }
}

// an `if let` binding
pub fn if_let_binding() {
    if let Some(phone) = maybe_phone_number() {
        track(phone); //~ unguarded_share
    }
}

// a `let .. else` binding
pub fn let_else_binding() {
    let Some(phone) = maybe_phone_number() else {
        return;
    };
    track(phone); //~ unguarded_share
}

// a `while let` binding
pub fn while_let_binding() {
    let mut queue = contacts();
    while let Some(number) = queue.pop() {
        track(number); //~ unguarded_share
    }
}

// a `for` loop variable
pub fn for_loop() {
    for number in contacts() {
        track(number); //~ unguarded_share
    }
}

// an `if` expression that may yield personal data
pub fn if_expression(verbose: bool) {
    let label = if verbose {
        phone_number()
    } else {
        String::from("anonymous")
    };
    track(label); //~ unguarded_share
}

// a `match` expression that yields personal data
pub fn match_expression() {
    let label = match maybe_phone_number() {
        Some(phone) => phone,
        None => String::from("anonymous"),
    };
    track(label); //~ unguarded_share
}

// a `loop` that breaks with a value
pub fn loop_break_value() {
    let phone = loop {
        if let Some(phone) = maybe_phone_number() {
            break phone;
        }
    };
    track(phone); //~ unguarded_share
}

// `Option::map` hands the value to its closure
pub fn option_map() {
    let uri = maybe_phone_number().map(|phone| format!("tel:{phone}"));
    track(uri); //~ unguarded_share
}

// `unwrap_or_default` keeps the personal value
pub fn unwrap_or_default() {
    track(maybe_phone_number().unwrap_or_default()); //~ unguarded_share
}

// overwritten with a constant before the sink
pub fn overwritten_before_sink() {
    let mut label = phone_number();
    label = String::from("anonymous");
    track(label);
}

// sent before personal data is assigned
pub fn sent_before_assignment() {
    let mut label = String::from("anonymous");
    track(&label);
    label = phone_number();
}

// shadowed by a plain value
pub fn shadowed() {
    let label = phone_number();
    let label = app_version();
    track(label);
}

// a binding in an inner block does not leak out
pub fn inner_block_binding() {
    let label = String::from("anonymous");
    {
        let label = phone_number();
    }
    track(label);
}

// branching on personal data does not make the constants in the branches personal
pub fn branch_on_personal_data() {
    if phone_number().starts_with("+44") {
        track("uk_user");
    } else {
        track("other_user");
    }
}
