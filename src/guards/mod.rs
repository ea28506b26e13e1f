//! Guards: which consent checks hold where a sink runs, and whether they cover its purpose.
//!
//! Propagation computes what holds at every program point of a fn (the lattice of
//! [`crate::propagate::guard`]); this stage adds what the callers guarantee. [`entry`] computes,
//! top-down over the call graph, what every chain of callers guarantees at each fn's entry
//! ([`made_under`] adds what holds for the methods of a type only ever made under a check);
//! [`verdict`] turns the facts at a sink into the lint it deserves.

pub mod entry;
pub mod made_under;

use std::sync::Arc;

use crate::propagate::guard::{CheckWitness, GuardSpace, GuardState};

/// Whether the facts at a sink guard its purpose and recipient.
#[derive(Debug, Clone, PartialEq)]
pub enum Verdict {
    Guarded,
    /// Checked on every path, but only for other purposes or recipients: the checks found.
    WrongPurpose(Vec<Arc<CheckWitness>>),
    Unguarded,
}

impl Verdict {
    /// How bad a verdict is, for picking the worst of several paths.
    pub fn severity(&self) -> u8 {
        match self {
            Verdict::Guarded => 0,
            Verdict::WrongPurpose(_) => 1,
            Verdict::Unguarded => 2,
        }
    }
}

/// The verdict for a sink needing `bit`, given what is known there.
pub fn verdict(space: &GuardSpace, state: &GuardState, bit: Option<usize>) -> Verdict {
    if bit.is_some_and(|bit| state.bits.contains(bit)) || space.contradicts(&state.bits) {
        return Verdict::Guarded;
    }
    if state.bits.contains(space.any_check_bit()) {
        return Verdict::WrongPurpose(state.witnesses.clone());
    }
    Verdict::Unguarded
}

/// The verdict for an obligation that needs every one of `bits` (a `requires` fn whose
/// shares inside go to several recipients); no bits at all is no guard.
pub fn verdict_for_all(space: &GuardSpace, state: &GuardState, bits: &[usize]) -> Verdict {
    let all = !bits.is_empty() && bits.iter().all(|&bit| state.bits.contains(bit));
    if all || space.contradicts(&state.bits) {
        return Verdict::Guarded;
    }
    verdict(space, state, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::facts::Polarity;
    use crate::propagate::guard::Cond;
    use crate::resolve::effects::CheckSpec;
    use crate::source::TextSpan;

    fn space() -> GuardSpace {
        GuardSpace::new(
            vec!["ads".into(), "analytics".into()],
            vec!["parent".into(), "ad_network".into()],
        )
    }

    fn check(purpose: Option<&str>, recipient: Option<&str>) -> CheckSpec {
        CheckSpec {
            polarity: Polarity::Allow,
            purpose: purpose.map(str::to_string),
            recipient: recipient.map(str::to_string),
            required: false,
        }
    }

    #[test]
    fn a_check_covers_its_purpose_for_every_recipient() {
        let space = space();
        let bits = space.check_bits(&check(Some("analytics"), None));
        assert!(bits.contains(space.bit("analytics", Some("parent")).unwrap()));
        assert!(bits.contains(space.bit("analytics", None).unwrap()));
        assert!(!bits.contains(space.bit("ads", Some("parent")).unwrap()));
        assert!(bits.contains(space.any_check_bit()));
    }

    #[test]
    fn a_recipient_check_covers_only_that_recipient() {
        let space = space();
        let bits = space.check_bits(&check(Some("ads"), Some("ad_network")));
        assert!(bits.contains(space.bit("ads", Some("ad_network")).unwrap()));
        assert!(!bits.contains(space.bit("ads", Some("parent")).unwrap()));
        assert!(!bits.contains(space.bit("ads", None).unwrap()));
    }

    #[test]
    fn paths_meet_by_intersection_and_add_up_by_union() {
        let space = space();
        let analytics = GuardState::from_bits(space.check_bits(&check(Some("analytics"), None)));
        let everything = GuardState::from_bits(space.check_bits(&check(None, None)));
        let mut met = analytics.clone();
        met.meet(&everything);
        let bit = space.bit("analytics", Some("parent"));
        assert_eq!(verdict(&space, &met, bit), Verdict::Guarded);
        let mut nothing = analytics.clone();
        nothing.meet(&GuardState::default());
        assert_eq!(verdict(&space, &nothing, bit), Verdict::Unguarded);
        let ads = GuardState::from_bits(space.check_bits(&check(Some("ads"), None)));
        assert!(matches!(
            verdict(&space, &ads, bit),
            Verdict::WrongPurpose(_)
        ));
    }

    #[test]
    fn or_of_a_check_and_something_else_proves_nothing_when_true() {
        let space = space();
        let witness = Arc::new(CheckWitness {
            spec: Arc::new(check(Some("analytics"), None)),
            written: "allowed()".into(),
            span: TextSpan::default(),
        });
        let checked = Cond::of_check(&space, witness);
        let either = Cond::or(&checked, &Cond::default());
        assert!(either.when_true.is_empty());
        let both = Cond::and(&checked, &Cond::default());
        assert!(!both.when_true.is_empty());
        assert!(checked
            .negated()
            .when_false
            .bits
            .contains(space.any_check_bit()));
    }
}
