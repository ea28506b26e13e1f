//! The lattice the walk's fixpoints run on, as a trait (after rustc's
//! `rustc_mir_dataflow::framework::lattice`).
//!
//! Every abstract state of the walk is a join semi-lattice: [`Taint`](super::value::Taint)
//! (sets of labels), [`Value`](super::value::Value) (taint, fields, channel ends, closures and
//! the check it proves), the facts in force ([`GuardState`](super::guard::GuardState) and
//! [`Cond`](super::guard::Cond), ordered by what is *not* known: their join, where paths meet,
//! keeps only the facts of both) and the locals of a program point (`[Value]`, joined
//! local by local). `join` says whether `self` changed, so a fixpoint loop stops when a
//! round's join changes nothing, instead of comparing a copy of the state before with the
//! state after.
//!
//! "Changed" is what the states' `PartialEq` sees: the labels, not the path each took
//! ([`Steps`](super::value::Steps) are for messages), and the facts, not the checks that
//! witnessed them.

/// A state with a join: the least state that says at least what both say.
pub trait JoinSemiLattice {
    /// Joins `other` into `self`; whether `self` changed.
    fn join(&mut self, other: &Self) -> bool;
}

/// Joins a state that only some values carry (a check's `Cond`, what filtered elements
/// prove): `None` is "nothing known", which absorbs any state. Whether `mine` changed.
pub fn join_optional<T: JoinSemiLattice>(mine: &mut Option<T>, other: Option<&T>) -> bool {
    match (mine.as_mut(), other) {
        (Some(state), Some(other)) => state.join(other),
        (Some(_), None) => {
            *mine = None;
            true
        }
        (None, _) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::JoinSemiLattice;
    use crate::propagate::guard::{Bits, Cond, GuardState};
    use crate::propagate::value::{Label, ParamPath, Steps, Taint, Value};

    fn param(index: u8) -> Taint {
        Taint::single(Label::Param(ParamPath::whole(index)), Steps::default())
    }

    fn facts(bits: &[usize]) -> GuardState {
        let mut set = Bits::default();
        for &bit in bits {
            set.set(bit);
        }
        GuardState::from_bits(set)
    }

    #[test]
    fn a_join_says_whether_it_added_anything() {
        let mut taint = param(0);
        assert!(!taint.join(&Taint::default()));
        assert!(!taint.join(&param(0)));
        assert!(taint.join(&param(1)));
        assert!(!taint.join(&param(1)));
        let mut empty = Taint::default();
        assert!(empty.join(&param(2)));
    }

    #[test]
    fn values_join_field_by_field_and_a_check_on_one_side_is_lost() {
        let mut value = Value::from_taint(param(0));
        assert!(!value.join(&Value::default()));
        assert!(!value.join(&value.clone()));
        assert!(value.join(&Value::from_taint(param(1))));
        let mut checked = Value::from_cond(Cond::of_param(0));
        assert!(checked.join(&Value::default()));
        assert!(checked.is_empty());
    }

    #[test]
    fn facts_join_where_paths_meet_by_keeping_those_of_both() {
        let mut known = facts(&[1, 2]);
        assert!(!known.join(&facts(&[1, 2, 3])));
        assert!(known.join(&facts(&[2])));
        assert_eq!(known, facts(&[2]));
        assert!(!known.join(&facts(&[2])));
    }

    #[test]
    fn locals_join_one_by_one() {
        let mut locals = [Value::from_taint(param(0)), Value::default()];
        let other = [Value::default(), Value::from_taint(param(1))];
        assert!(locals.join(&other[..]));
        assert!(!locals.join(&other[..]));
        assert_eq!(locals[1], Value::from_taint(param(1)));
    }
}
