//! Where the analysis was cut short. Every cap that stops it (a nesting depth, a number of
//! fixpoint rounds) records an [`Incomplete`] naming the place and the cap; the scan reports
//! each as a `parse_error` finding, so a run that did not see everything never looks clean and
//! `-D parse_error` fails it.

use crate::source::TextSpan;

/// A cap that cuts the analysis short, with its bound.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub enum Cap {
    /// Lowering a body: expressions nested deeper are not analysed.
    LoweringDepth(usize),
    /// Walking a body: expressions nested deeper are not analysed.
    WalkDepth(usize),
    /// A loop's locals had not settled after this many walks of its body.
    LoopRounds(usize),
    /// A recursive fn's summary had not settled after this many walks.
    RecursionRounds(usize),
}

/// One place where a cap was hit.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
pub struct Incomplete {
    pub span: TextSpan,
    pub cap: Cap,
}

impl Cap {
    /// What was cut short, for the finding's message.
    pub fn message(self) -> String {
        match self {
            Cap::LoweringDepth(depth) | Cap::WalkDepth(depth) => format!(
                "code nests deeper than {} levels here; the analysis does not follow data below \
                 that depth",
                thousands(depth as u64)
            ),
            Cap::LoopRounds(rounds) => format!(
                "the data in this loop had not settled after {rounds} rounds; flows that need \
                 more rounds are missed"
            ),
            Cap::RecursionRounds(rounds) => format!(
                "this recursive fn's summary had not settled after {rounds} walks; flows that \
                 need more are missed"
            ),
        }
    }

    /// The label under the place.
    pub fn label(self) -> &'static str {
        match self {
            Cap::LoweringDepth(_) | Cap::WalkDepth(_) => "the analysis stops at this depth",
            Cap::LoopRounds(_) => "this loop was walked as often as allowed",
            Cap::RecursionRounds(_) => "this fn was walked as often as allowed",
        }
    }
}

/// `2000` as `2,000` (for messages, and the benchmark's tables).
pub fn thousands(number: u64) -> String {
    let digits = number.to_string();
    let mut grouped = String::new();
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

#[cfg(test)]
mod tests {
    use super::thousands;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(thousands(7), "7");
        assert_eq!(thousands(2_000), "2,000");
        assert_eq!(thousands(1_234_567), "1,234,567");
    }
}
