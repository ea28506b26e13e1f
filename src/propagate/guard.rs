//! What is known at a program point about the user's choices: the lattice the walk computes.
//!
//! A check says something about every (purpose, recipient) pair it covers. [`GuardSpace`] numbers
//! those pairs, so what is known at a program point is a bit set ([`GuardState`]): a check for
//! `analytics` sets the `analytics` bit of every recipient, an all-purpose check sets every bit.
//! Along one path facts add up (union); where paths meet, only what holds on all of them stays
//! (intersection). Because coverage is decided per bit, "every path through the fn, then every
//! chain of callers" splits exactly into "the fn's own paths" or "all callers" for each bit.
//!
//! A fact may also depend on a `bool` (or Result/Option) parameter of the fn being walked
//! ([`Atom`]): it is resolved at each call from the argument passed there (the guards stage's
//! entry guards). A boolean-like value carries a [`Cond`]: what it proves on each side.

use std::sync::Arc;

use crate::facts::cfg::CfgAssumption;
use crate::facts::Polarity;
use crate::propagate::lattice::JoinSemiLattice;
use crate::resolve::effects::CheckSpec;
use crate::source::TextSpan;

/// The (purpose, recipient) pairs checks can speak about, numbered for bit sets.
#[derive(Debug, Clone)]
pub struct GuardSpace {
    purposes: Vec<String>,
    /// Per purpose: whether a check is required for it (`required = true`): then only the
    /// required checks cover its pairs.
    required: Vec<bool>,
    /// The `#[cfg]` atoms some fn needs one way (see [`CfgAssumption`]): two bits each, after
    /// the "some check" bit, for "needed true" and "needed false". A state that has both bits
    /// of one atom is on a path no build has.
    cfg_atoms: Vec<String>,
    /// Recipient 0 is "no particular recipient": what tokens and `requires` need.
    recipients: Vec<String>,
}

/// Bit sets over a [`GuardSpace`]: missing words are zero, so the empty set allocates nothing.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Bits(Vec<u64>);

impl Bits {
    pub fn set(&mut self, index: usize) {
        let word = index / 64;
        if self.0.len() <= word {
            self.0.resize(word + 1, 0);
        }
        self.0[word] |= 1 << (index % 64);
    }

    pub fn contains(&self, index: usize) -> bool {
        self.0
            .get(index / 64)
            .is_some_and(|word| word & (1 << (index % 64)) != 0)
    }

    pub fn is_empty(&self) -> bool {
        self.0.iter().all(|word| *word == 0)
    }

    pub fn union_with(&mut self, other: &Bits) {
        if self.0.len() < other.0.len() {
            self.0.resize(other.0.len(), 0);
        }
        for (word, other_word) in self.0.iter_mut().zip(&other.0) {
            *word |= other_word;
        }
    }

    /// Keeps the bits `other` has too; whether a bit was dropped.
    pub fn intersect_with(&mut self, other: &Bits) -> bool {
        let mut changed = self.0.iter().skip(other.0.len()).any(|word| *word != 0);
        self.0.truncate(other.0.len());
        for (word, other_word) in self.0.iter_mut().zip(&other.0) {
            let kept = *word & other_word;
            changed |= kept != *word;
            *word = kept;
        }
        while self.0.last() == Some(&0) {
            self.0.pop();
        }
        changed
    }
}

impl GuardSpace {
    pub fn new(mut purposes: Vec<String>, mut recipients: Vec<String>) -> GuardSpace {
        purposes.sort();
        purposes.dedup();
        recipients.sort();
        recipients.dedup();
        recipients.retain(|recipient| !recipient.is_empty());
        recipients.insert(0, String::new());
        GuardSpace {
            required: vec![false; purposes.len()],
            purposes,
            recipients,
            cfg_atoms: Vec::new(),
        }
    }

    /// Numbers the `#[cfg]` atoms fns are assumed under.
    pub fn with_cfg_atoms(mut self, mut atoms: Vec<String>) -> GuardSpace {
        atoms.sort();
        atoms.dedup();
        self.cfg_atoms = atoms;
        self
    }

    /// The facts a fn's own `#[cfg]`s give: whatever runs it was built with them.
    pub fn cfg_bits(&self, assumptions: &[CfgAssumption]) -> Bits {
        let mut bits = Bits::default();
        for assumption in assumptions {
            if let Ok(index) = self.cfg_atoms.binary_search(&assumption.atom) {
                bits.set(self.any_check_bit() + 1 + 2 * index + usize::from(assumption.holds));
            }
        }
        bits
    }

    pub fn has_cfg_atoms(&self) -> bool {
        !self.cfg_atoms.is_empty()
    }

    /// Whether facts need some `#[cfg]` atom both ways: no build runs that path.
    pub fn contradicts(&self, bits: &Bits) -> bool {
        (0..self.cfg_atoms.len()).any(|index| {
            let first = self.any_check_bit() + 1 + 2 * index;
            bits.contains(first) && bits.contains(first + 1)
        })
    }

    /// Marks the purposes that have a required check: their other checks stop covering them.
    pub fn with_required(mut self, purposes: &[String]) -> GuardSpace {
        for purpose in purposes {
            if let Some(index) = self.purpose_index(purpose) {
                self.required[index] = true;
            }
        }
        self
    }

    /// Bits in all: every pair, then the "some allowing check" bit, then two per cfg atom.
    pub fn len(&self) -> usize {
        self.purposes.len() * self.recipients.len() + 1 + 2 * self.cfg_atoms.len()
    }

    pub fn is_empty(&self) -> bool {
        self.purposes.is_empty()
    }

    /// The bit that says "some check allowed something here", whatever its purpose.
    pub fn any_check_bit(&self) -> usize {
        self.purposes.len() * self.recipients.len()
    }

    fn purpose_index(&self, purpose: &str) -> Option<usize> {
        self.purposes
            .binary_search_by(|p| p.as_str().cmp(purpose))
            .ok()
    }

    fn recipient_index(&self, recipient: &str) -> Option<usize> {
        self.recipients[1..]
            .binary_search_by(|r| r.as_str().cmp(recipient))
            .ok()
            .map(|index| index + 1)
    }

    /// The bit a sink to `recipient` for `purpose` needs (`None`: tokens and `requires`,
    /// which need a check that names no particular recipient).
    pub fn bit(&self, purpose: &str, recipient: Option<&str>) -> Option<usize> {
        let purpose = self.purpose_index(purpose)?;
        let recipient = match recipient {
            None => 0,
            Some(recipient) => self.recipient_index(recipient)?,
        };
        Some(purpose * self.recipients.len() + recipient)
    }

    /// The pairs an allowing check covers: its purpose (or all) and its recipient (or all).
    pub fn check_bits(&self, check: &CheckSpec) -> Bits {
        let mut bits = Bits::default();
        let purposes: Vec<usize> = match &check.purpose {
            Some(purpose) => self.purpose_index(purpose).into_iter().collect(),
            None => (0..self.purposes.len()).collect(),
        };
        // A purpose with a required check is covered by required checks only.
        let purposes: Vec<usize> = purposes
            .into_iter()
            .filter(|&purpose| check.required || !self.required[purpose])
            .collect();
        if purposes.is_empty() {
            return bits;
        }
        let recipients: Vec<usize> = match &check.recipient {
            Some(recipient) => self.recipient_index(recipient).into_iter().collect(),
            None => (0..self.recipients.len()).collect(),
        };
        for purpose in purposes {
            for &recipient in &recipients {
                bits.set(purpose * self.recipients.len() + recipient);
            }
        }
        bits.set(self.any_check_bit());
        bits
    }

    /// Whether an allowing `check` covers the pair numbered `bit`.
    pub fn covers(&self, check: &CheckSpec, bit: Option<usize>) -> bool {
        bit.is_some_and(|bit| self.check_bits(check).contains(bit))
    }

    /// The pairs a bit set holds, for people (`--dump`): a purpose alone when every
    /// recipient of it is set, else `purpose/recipient` (`/*` for "no particular recipient").
    /// The "some check allowed something" bit is shown only when nothing else is set.
    pub fn describe(&self, bits: &Bits) -> Vec<String> {
        let mut described = Vec::new();
        let width = self.recipients.len();
        for (purpose_index, purpose) in self.purposes.iter().enumerate() {
            let set: Vec<usize> = (0..width)
                .filter(|recipient| bits.contains(purpose_index * width + recipient))
                .collect();
            if set.len() == width {
                described.push(purpose.clone());
                continue;
            }
            for recipient in set {
                let shown = if recipient == 0 {
                    "*"
                } else {
                    &self.recipients[recipient]
                };
                described.push(format!("{purpose}/{shown}"));
            }
        }
        if described.is_empty() && bits.contains(self.any_check_bit()) {
            described.push("some check".to_string());
        }
        described
    }

    /// Every pair of one purpose: what a token or `requires` for it guarantees.
    pub fn purpose_bits(&self, purpose: &str) -> Bits {
        // A token or `requires` fn stands for the required check too.
        self.check_bits(&CheckSpec {
            polarity: Polarity::Allow,
            purpose: Some(purpose.to_string()),
            recipient: None,
            required: true,
        })
    }
}

/// A check as it was found in the code, for messages.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckWitness {
    pub spec: Arc<CheckSpec>,
    /// How the user wrote it, e.g. `settings.ads_opt_out`.
    pub written: String,
    pub span: TextSpan,
}

/// A fact that depends on a parameter: "parameter `param` was true (or Ok/Some)" or false.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Atom {
    pub param: u8,
    pub truthy: bool,
}

/// How many checks are kept per state for messages.
const MAX_WITNESSES: usize = 4;

/// What is known at a program point: the pairs checked, facts that depend on parameters,
/// and (for messages) which checks were seen.
#[derive(Debug, Clone, Default)]
pub struct GuardState {
    pub bits: Bits,
    pub atoms: Vec<Atom>,
    pub witnesses: Vec<Arc<CheckWitness>>,
}

/// Two states are the same when they know the same; which checks were seen is not compared.
impl PartialEq for GuardState {
    fn eq(&self, other: &GuardState) -> bool {
        self.bits == other.bits && self.atoms == other.atoms
    }
}

impl GuardState {
    pub fn is_empty(&self) -> bool {
        self.bits.is_empty() && self.atoms.is_empty()
    }

    /// Facts along one path add up.
    pub fn add(&mut self, other: &GuardState) {
        self.bits.union_with(&other.bits);
        for atom in &other.atoms {
            if let Err(position) = self.atoms.binary_search(atom) {
                self.atoms.insert(position, *atom);
            }
        }
        self.add_witnesses(&other.witnesses);
    }

    pub fn add_witnesses(&mut self, witnesses: &[Arc<CheckWitness>]) {
        for witness in witnesses {
            if self.witnesses.len() >= MAX_WITNESSES {
                break;
            }
            if !self.witnesses.iter().any(|known| known == witness) {
                self.witnesses.push(witness.clone());
            }
        }
    }

    /// Where paths meet, only what holds on all of them stays: the lattice's join
    /// ([`JoinSemiLattice`]), named for what it does to the facts.
    pub fn meet(&mut self, other: &GuardState) {
        self.join(other);
    }

    pub fn from_bits(bits: Bits) -> GuardState {
        GuardState {
            bits,
            ..GuardState::default()
        }
    }
}

/// The facts in force are ordered by what is not known: where paths meet, only what holds on
/// all of them stays (the intersection). The checks seen on either path stay for messages;
/// they are not facts, and do not count as a change.
impl JoinSemiLattice for GuardState {
    fn join(&mut self, other: &GuardState) -> bool {
        let mut changed = self.bits.intersect_with(&other.bits);
        let atoms = self.atoms.len();
        self.atoms.retain(|atom| other.atoms.contains(atom));
        changed |= self.atoms.len() != atoms;
        self.add_witnesses(&other.witnesses);
        changed
    }
}

/// Meets `other` into `target`, where `None` means "everything" (the identity) on both sides.
pub fn meet_optional(target: &mut Option<GuardState>, other: Option<GuardState>) {
    let Some(other) = other else {
        return;
    };
    match target {
        None => *target = Some(other),
        Some(target) => target.meet(&other),
    }
}

/// What a boolean-like value (a `bool`, or a Result/Option check) proves on each side: when it
/// is true/`Ok`/`Some`, and when it is false/`Err`/`None`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Cond {
    pub when_true: GuardState,
    pub when_false: GuardState,
}

impl Cond {
    /// The facts a check's value gives: an allow check proves its pairs when true, an opt-out
    /// when false.
    pub fn of_check(space: &GuardSpace, witness: Arc<CheckWitness>) -> Cond {
        let mut allowed = GuardState::from_bits(space.check_bits(&witness.spec));
        let polarity = witness.spec.polarity;
        allowed.witnesses.push(witness);
        match polarity {
            Polarity::Allow => Cond {
                when_true: allowed,
                when_false: GuardState::default(),
            },
            Polarity::OptOut => Cond {
                when_true: GuardState::default(),
                when_false: allowed,
            },
        }
    }

    /// A parameter's value, whatever callers pass: resolved per call.
    pub fn of_param(param: u8) -> Cond {
        let side = |truthy| GuardState {
            atoms: vec![Atom { param, truthy }],
            ..GuardState::default()
        };
        Cond {
            when_true: side(true),
            when_false: side(false),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.when_true.is_empty() && self.when_false.is_empty()
    }

    pub fn negated(&self) -> Cond {
        Cond {
            when_true: self.when_false.clone(),
            when_false: self.when_true.clone(),
        }
    }

    /// `a && b`: true only when both are; false when either is (what holds on both sides).
    pub fn and(left: &Cond, right: &Cond) -> Cond {
        let mut when_true = left.when_true.clone();
        when_true.add(&right.when_true);
        let mut when_false = left.when_false.clone();
        when_false.meet(&right.when_false);
        Cond {
            when_true,
            when_false,
        }
    }

    /// `a || b`: false only when both are; true when either is.
    pub fn or(left: &Cond, right: &Cond) -> Cond {
        let mut when_true = left.when_true.clone();
        when_true.meet(&right.when_true);
        let mut when_false = left.when_false.clone();
        when_false.add(&right.when_false);
        Cond {
            when_true,
            when_false,
        }
    }

    /// Where two values meet (`let ok = if a { c1 } else { c2 }`): the lattice's join.
    pub fn meet(&mut self, other: &Cond) {
        self.join(other);
    }

    pub fn side(&self, truthy: bool) -> &GuardState {
        if truthy {
            &self.when_true
        } else {
            &self.when_false
        }
    }
}

/// What a check proves where two values meet: on each side, what both prove.
impl JoinSemiLattice for Cond {
    fn join(&mut self, other: &Cond) -> bool {
        let when_true = self.when_true.join(&other.when_true);
        let when_false = self.when_false.join(&other.when_false);
        when_true || when_false
    }
}
