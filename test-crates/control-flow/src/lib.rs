//! Control flow inside one fn: bindings from `if let` and `match`, loops, closures, pushes into
//! collections, overwriting, and the early-exit and `match` forms of guards.
#![allow(dead_code, unused)]

#[consent::personal(contact.phone_number)]
fn phone_number() -> Option<String> {
    Some(String::from("+15555550123"))
}

#[consent::personal(device.id)]
fn device_ids() -> Vec<String> {
    vec![String::from("a1b2")]
}

#[consent::shares(with = "parent_company", purpose = "analytics")]
fn report_metrics(data: &str) {}

#[consent::check(purpose = "analytics")]
fn analytics_allowed() -> bool {
    false
}

#[consent::check(purpose = "analytics")]
fn analytics_consent() -> Result<(), String> {
    Err(String::from("no consent"))
}

#[derive(Debug)]
struct Error;

// ---- Flows ----

fn if_let_binding() {
    if let Some(phone) = phone_number() {
        report_metrics(&phone); //~ unguarded_share
    }
}

fn match_binding() {
    match phone_number() {
        Some(phone) => report_metrics(&phone), //~ unguarded_share
        None => report_metrics("none"),
    }
}

fn for_loop_items() {
    for id in device_ids() {
        report_metrics(&id); //~ unguarded_share
    }
}

fn pushed_into_a_collection() {
    let mut batch = Vec::new();
    batch.push(phone_number().unwrap_or_default());
    report_metrics(&batch.join(",")); //~ unguarded_share
}

fn captured_by_a_closure() {
    let phone = phone_number().unwrap_or_default();
    let describe = || format!("user {phone}");
    report_metrics(&describe()); //~ unguarded_share
}

fn assigned_in_one_branch(verbose: bool) {
    let mut label = String::from("anonymous");
    if verbose {
        label = phone_number().unwrap_or_default();
    }
    report_metrics(&label); //~ unguarded_share
}

fn overwritten_with_a_constant() {
    let mut label = phone_number().unwrap_or_default();
    label = String::from("anonymous");
    report_metrics(&label);
}

fn only_its_length() {
    let phone = phone_number().unwrap_or_default();
    let digits = phone.len();
    report_metrics(&digits.to_string());
}

fn shadowed_in_an_inner_block() {
    let label = String::from("anonymous");
    {
        let label = phone_number().unwrap_or_default();
    }
    report_metrics(&label);
}

// ---- Guards: early exits and other shapes ----

fn exit_by_panic() {
    if !analytics_allowed() {
        panic!("analytics is off");
    }
    report_metrics(&phone_number().unwrap_or_default());
}

fn exit_by_error() -> Result<(), Error> {
    if !analytics_allowed() {
        Err(Error)?;
    }
    report_metrics(&phone_number().unwrap_or_default());
    Ok(())
}

fn exit_by_assert() {
    assert!(analytics_allowed());
    report_metrics(&phone_number().unwrap_or_default());
}

fn exit_by_continue() {
    for id in device_ids() {
        if !analytics_allowed() {
            continue;
        }
        report_metrics(&id);
    }
}

fn exit_by_break() {
    for id in device_ids() {
        if !analytics_allowed() {
            break;
        }
        report_metrics(&id);
    }
}

fn match_on_the_check() {
    match analytics_allowed() {
        true => report_metrics(&phone_number().unwrap_or_default()),
        false => report_metrics("opted out"),
    }
}

fn match_on_the_check_wrong_arm() {
    match analytics_allowed() {
        true => {}
        false => report_metrics(&phone_number().unwrap_or_default()), //~ unguarded_share
    }
}

fn result_check_with_is_ok() {
    if analytics_consent().is_ok() {
        report_metrics(&phone_number().unwrap_or_default());
    }
}

fn result_check_with_is_err_exit() {
    if analytics_consent().is_err() {
        return;
    }
    report_metrics(&phone_number().unwrap_or_default());
}

fn result_check_inverted() {
    if analytics_consent().is_err() {
        report_metrics(&phone_number().unwrap_or_default()); //~ unguarded_share
    }
}

fn stored_and_negated() {
    let allowed = analytics_allowed();
    if !allowed {
        return;
    }
    report_metrics(&phone_number().unwrap_or_default());
}

fn exit_that_does_not_always_leave(verbose: bool) {
    if !analytics_allowed() {
        if verbose {
            return;
        }
    }
    report_metrics(&phone_number().unwrap_or_default()); //~ unguarded_share
}

fn check_only_on_one_path(fast: bool) {
    if fast {
        if !analytics_allowed() {
            return;
        }
    }
    report_metrics(&phone_number().unwrap_or_default()); //~ unguarded_share
}
