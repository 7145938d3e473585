//! Limits that keep the work done on a crafted file bounded.
//!
//! A guidance file is data from outside the program: a condition of a hundred
//! thousand terms, or one nested thousands deep, must give a clear error rather
//! than stall `lint`, `assess` or the window. The limits are far above anything
//! real guidance needs (the shipped packs' largest condition has a few dozen
//! terms and is nested a few deep).

use super::condition::{FactShape, SEARCH_LIMIT, facts_read, literals_for};
use super::diagnostic::{Diagnostic, MAX_REPORTED_ERRORS};
use super::raw::{self, Condition, FactKind};
use super::source::SourceText;

/// The most terms (operators and tests) one condition may have.
pub const MAX_CONDITION_TERMS: usize = 400;

/// The deepest one condition may nest `All`, `Any` and `Not`.
pub const MAX_CONDITION_DEPTH: usize = 16;

/// The most terms all the conditions of one file may have together.
pub const MAX_FILE_TERMS: usize = 20_000;

/// The most decisions one file may declare.
pub const MAX_DECISIONS: usize = 1_000;

/// The most facts, rules or sources one file may declare.
pub const MAX_DECLARATIONS: usize = 500;

/// The most actions one file may declare, and values one fact may offer.
pub const MAX_SMALL_LIST: usize = 200;

/// The most words a `Words` condition may ask for (kept with the conditions).
pub use super::condition::MAX_WORDS;

/// The most work (assignments tried × terms evaluated) `lint` spends proving that
/// one condition can hold. Past it, the condition is reported as too complex.
pub const MAX_PROOF_WORK: u128 = 2_000_000;

/// The most proof work spent on one merged guidance (a pack chain, its overlays
/// and a profile). Past it, further conditions are reported as too complex.
pub const MAX_TOTAL_PROOF_WORK: u128 = 10_000_000;

/// The number of terms and the nesting depth of a condition.
pub fn size(cond: &Condition) -> (usize, usize) {
    match cond {
        Condition::All(cs) | Condition::Any(cs) => {
            let mut terms = 1;
            let mut depth = 0;
            for c in cs {
                let (t, d) = size(c);
                terms += t;
                depth = depth.max(d);
            }
            (terms, depth + 1)
        }
        Condition::Not(c) => {
            let (t, d) = size(c);
            (t + 1, d + 1)
        }
        _ => (1, 0),
    }
}

/// Problems with the size of the conditions in a parsed guidance file, located
/// at the fact or decision that holds each.
pub fn check_guidance(src: &SourceText, file: &raw::GuidanceFile) -> Vec<Diagnostic> {
    let (facts, decisions, actions): (&[raw::Fact], &[raw::Decision], &[raw::ActionDef]) =
        match file {
            raw::GuidanceFile::Pack(p) => (&p.facts, &p.decisions, &p.actions),
            raw::GuidanceFile::Overlay(o) => (&[], &o.decisions, &[]),
            raw::GuidanceFile::Profile(p) => (&[], &p.decisions, &[]),
        };
    let (rules, sources) = match file {
        raw::GuidanceFile::Pack(p) => (p.guidance.len(), p.sources.len()),
        raw::GuidanceFile::Overlay(o) => (o.guidance.len(), o.sources.len()),
        raw::GuidanceFile::Profile(p) => (p.guidance.len(), p.sources.len()),
    };
    // How many of each a file may hold: validation compares each new id with
    // those before it, so the counts bound its work.
    let counts = [
        ("decisions", decisions.len(), MAX_DECISIONS),
        ("facts", facts.len(), MAX_DECLARATIONS),
        ("guidance rules", rules, MAX_DECLARATIONS),
        ("sources", sources, MAX_DECLARATIONS),
        ("actions", actions.len(), MAX_SMALL_LIST),
    ];
    for (what, n, max) in counts {
        if n > max {
            return vec![Diagnostic::new(
                &src.path,
                None,
                format!("the file declares {n} {what}; the most accepted in one file is {max}"),
            )];
        }
    }
    if let Some(f) = facts.iter().find(|f| f.values.len() > MAX_SMALL_LIST) {
        return vec![Diagnostic::new(
            &src.path,
            src.locate_quoted(&f.id),
            format!(
                "fact \"{}\" → values: {} values; the most accepted is {MAX_SMALL_LIST}",
                super::text::clip(&f.id, 60),
                f.values.len()
            ),
        )];
    }
    let held = facts
        .iter()
        .filter_map(|f| {
            f.relevant
                .as_ref()
                .map(|c| (format!("fact \"{}\" → relevant", f.id), f.id.as_str(), c))
        })
        .chain(decisions.iter().map(|d| {
            (
                format!("decision \"{}\" → when", d.id),
                d.id.as_str(),
                &d.when,
            )
        }));
    let mut problems = Vec::new();
    let mut total = 0usize;
    for (ctx, id, cond) in held {
        let (terms, depth) = size(cond);
        total += terms;
        let why = if terms > MAX_CONDITION_TERMS {
            format!(
                "the condition has {terms} terms; the most accepted is {MAX_CONDITION_TERMS} (split it into several decisions)"
            )
        } else if depth > MAX_CONDITION_DEPTH {
            format!(
                "the condition is nested {depth} deep; the most accepted is {MAX_CONDITION_DEPTH}"
            )
        } else {
            continue;
        };
        let ctx = super::text::escape(&ctx).into_owned();
        problems.push(Diagnostic::new(
            &src.path,
            src.locate_quoted(id),
            format!("{ctx}: {why}"),
        ));
        if problems.len() >= MAX_REPORTED_ERRORS {
            break;
        }
    }
    if problems.is_empty() && total > MAX_FILE_TERMS {
        problems.push(Diagnostic::new(
            &src.path,
            None,
            format!(
                "the file's conditions have {total} terms together; the most accepted in one file is {MAX_FILE_TERMS}"
            ),
        ));
    }
    problems
}

/// An upper bound on the work of proving `cond` satisfiable: the assignments
/// the proof may try (unanswered, or each representative answer, for every
/// fact it reads) times the terms evaluated for each.
pub fn proof_work<'a>(cond: &Condition, shape: &dyn Fn(&str) -> Option<FactShape<'a>>) -> u128 {
    let (terms, _) = size(cond);
    let mut read = Vec::new();
    facts_read(cond, &mut read);
    let mut combinations: u128 = 1;
    for f in &read {
        let answers = match shape(f) {
            Some(s) if s.can_be_answered => {
                let mut lits = Vec::new();
                literals_for(cond, f, &mut lits);
                let tested = lits
                    .iter()
                    .filter(|l| s.values.contains(&l.as_str()))
                    .count();
                let other = usize::from(s.values.iter().any(|v| !lits.iter().any(|l| l == v)));
                match s.kind {
                    FactKind::One => tested + other,
                    FactKind::Many => {
                        let pool = (tested + other).min(12);
                        (1usize << pool) - 1
                    }
                    FactKind::Text => 1 + lits.len(),
                }
            }
            _ => 0,
        };
        combinations = combinations.saturating_mul(1 + answers as u128);
    }
    // Past the search limit the proof gives up at once, having only counted.
    if combinations > SEARCH_LIMIT as u128 {
        return terms as u128;
    }
    combinations.saturating_mul(terms as u128)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is(f: &str, v: &str) -> Condition {
        Condition::Is(f.to_owned(), v.to_owned())
    }

    #[test]
    fn size_counts_terms_and_depth() {
        assert_eq!(size(&Condition::Always), (1, 0));
        let c = Condition::All(vec![
            is("a", "x"),
            Condition::Not(Box::new(Condition::Any(vec![is("b", "y"), is("c", "z")]))),
        ]);
        assert_eq!(size(&c), (6, 3));
    }

    #[test]
    fn proof_work_multiplies_the_answers_tried() {
        let shape = |f: &str| {
            (f != "z").then(|| FactShape {
                kind: FactKind::One,
                values: vec!["x", "y", "w"],
                can_be_answered: true,
            })
        };
        let c = Condition::All(vec![is("a", "x"), is("b", "y")]);
        // 3 terms; two facts, each unanswered, the value tested, or one value
        // standing for the two the condition does not name.
        assert_eq!(proof_work(&c, &shape), 3 * 3 * 3);
        assert_eq!(proof_work(&is("z", "x"), &shape), 1);
    }
}
