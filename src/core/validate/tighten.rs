//! Free text can only make a verdict stricter (issue 26).
//!
//! A decision reads free text through `Mentions` and `Says`. Whatever an
//! officer writes, the verdict must be no looser than the same case with a
//! text that says nothing the screen reads. Because the engine takes the most
//! severe verdict of the decisions that apply, that holds when:
//!
//! - a decision that restricts (any effect but `Permit`) that applies with
//!   such a text still applies whatever the text says: its condition with
//!   every text test false implies its condition;
//! - a decision that permits applies with some text only if it applies with
//!   such a text: its condition implies itself with every text test false.
//!
//! Lint shows it from the condition's shape alone, without search: a part of a
//! condition is *rising* when text can only make it truer than with a text that
//! says nothing (a text test, or `Not` of a falling part), and *falling* when
//! text can only make it less true. `All` and `Any` keep what all their parts
//! are. A part that can never hold with a text that says nothing is rising
//! whatever is inside it (so "status words, and no policing word" may add a
//! refusal), and one that always holds then is falling. A restriction must be
//! rising, a permit falling; anything else is refused, naming this rule.

use crate::core::raw::{Condition, Decision, Effect};

/// Whether a condition reads free text for what it says.
fn reads_text(c: &Condition) -> bool {
    matches!(c, Condition::Mentions(..) | Condition::Says(..))
}

/// The condition's value with a text that says nothing, where that does not
/// depend on any other answer.
fn constant_without_text(c: &Condition) -> Option<bool> {
    match c {
        Condition::Always => Some(true),
        x if reads_text(x) => Some(false),
        Condition::Not(x) => constant_without_text(x).map(|b| !b),
        Condition::All(cs) => {
            let vals: Vec<Option<bool>> = cs.iter().map(constant_without_text).collect();
            if vals.contains(&Some(false)) {
                Some(false)
            } else if vals.iter().all(|v| *v == Some(true)) {
                Some(true)
            } else {
                None
            }
        }
        Condition::Any(cs) => {
            let vals: Vec<Option<bool>> = cs.iter().map(constant_without_text).collect();
            if vals.contains(&Some(true)) {
                Some(true)
            } else if vals.iter().all(|v| *v == Some(false)) {
                Some(false)
            } else {
                None
            }
        }
        _ => None,
    }
}

/// Whether text can only make `c` truer (`rising`) or only less true (not `rising`).
fn moves_only(c: &Condition, rising: bool) -> bool {
    match constant_without_text(c) {
        Some(false) if rising => return true,
        Some(true) if !rising => return true,
        _ => {}
    }
    match c {
        x if reads_text(x) => rising,
        Condition::Not(x) => moves_only(x, !rising),
        Condition::All(cs) | Condition::Any(cs) => cs.iter().all(|x| moves_only(x, rising)),
        _ => true,
    }
}

fn mentions_text(c: &Condition) -> bool {
    match c {
        Condition::All(cs) | Condition::Any(cs) => cs.iter().any(mentions_text),
        Condition::Not(x) => mentions_text(x),
        x => reads_text(x),
    }
}

/// Why a decision (its condition expanded) could let free text loosen a
/// verdict, or `None` where it cannot.
pub(super) fn loosening(d: &Decision) -> Option<String> {
    if !mentions_text(&d.when) {
        return None;
    }
    let permits = d.then.iter().any(|e| matches!(e, Effect::Permit));
    let restricts = d.then.iter().any(|e| !matches!(e, Effect::Permit));
    if restricts && !moves_only(&d.when, true) {
        return Some(
            "free text could make this decision stop applying (a text test under Not): free text may only make a verdict stricter. Test the text where it adds to the condition, or decide the exception by a closed answer".to_owned(),
        );
    }
    if permits && !moves_only(&d.when, false) {
        return Some(
            "free text could make this decision permit where a text that says nothing would not: a permit may depend on text only through Not".to_owned(),
        );
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::raw::Target;

    fn s(x: &str) -> String {
        x.to_owned()
    }

    fn decision(when: Condition, then: Vec<Effect>) -> Decision {
        Decision {
            id: s("d"),
            applies_to: Target::Check,
            when,
            then,
            because: vec![s("R")],
            says: s("x"),
        }
    }

    fn m(p: &str) -> Condition {
        Condition::Mentions(s("reason"), vec![s(p)])
    }

    fn not(c: Condition) -> Condition {
        Condition::Not(Box::new(c))
    }

    #[test]
    fn text_that_adds_a_restriction_is_fine() {
        let d = decision(m("detain"), vec![Effect::Refuse]);
        assert_eq!(loosening(&d), None);
        let d = decision(not(m("risk")), vec![Effect::Permit]);
        assert_eq!(loosening(&d), None);
    }

    #[test]
    fn text_that_lifts_a_restriction_is_refused() {
        let d = decision(
            Condition::All(vec![Condition::Is(s("a"), s("yes")), not(m("risk"))]),
            vec![Effect::Refuse],
        );
        assert!(loosening(&d).is_some());
        let d = decision(m("risk"), vec![Effect::Permit]);
        assert!(loosening(&d).is_some());
    }

    #[test]
    fn an_exception_inside_a_text_test_is_harmless() {
        // Applies only with status words, and not beside a policing word: it
        // never applies to a text that says nothing, so it cannot loosen.
        let d = decision(
            Condition::All(vec![m("status"), not(m("risk"))]),
            vec![Effect::Refuse],
        );
        assert_eq!(loosening(&d), None);
        // But an exception that lifts a closed answer's restriction is not.
        let d = decision(
            Condition::All(vec![
                Condition::Is(s("a"), s("yes")),
                not(Condition::All(vec![m("status"), not(m("victim"))])),
            ]),
            vec![Effect::Incomplete],
        );
        assert!(loosening(&d).is_some());
    }
}
