//! The wizard's steps: which questions are asked together, and in what order.
//!
//! A national pack declares `steps`; a revision without `steps` keeps its
//! base's. [`check`] is what `lint` (and `resolve`) prove about them:
//!
//! - step ids are unique and headings are not blank;
//! - every fact is asked on exactly one step, and every fact a step names exists;
//! - a step's facts depend (through `relevant`) only on facts asked on it or on an earlier step;
//! - all the facts asked about each proposed check are on one step, and all the
//!   facts asked about the contact with Immigration Enforcement on one other step.
//!
//! A pack chain that declares no steps at all is accepted: the wizard then asks
//! one step per scope ([`steps_or_default`]).

use super::condition::facts_read;
use super::diagnostic::{Diagnostic, locate_quoted, position_of};
use super::raw::{Fact, Scope, Stage, Step};
use super::source::SourceText;

/// Problems with `steps` over the merged `facts`, located in `src` (the pack being added).
#[allow(
    clippy::too_many_lines,
    reason = "one list of checks, read top to bottom"
)]
pub fn check(src: &SourceText, facts: &[Fact], steps: &[Step]) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    if steps.is_empty() {
        return out;
    }
    let err = |near: &str, message: String| {
        Diagnostic::new(&src.path, locate_quoted(&src.text, near), message)
    };
    // Problems with a step are located in the `steps:` list, not at a fact's definition.
    let in_steps = |near: &str, message: String| {
        // Searched for only when there is a problem to locate.
        let steps_at = src.text.find("steps:").unwrap_or(0);
        let quoted = format!("\"{near}\"");
        let pos = src
            .text
            .get(steps_at..)
            .and_then(|rest| rest.find(&quoted))
            .map(|off| position_of(&src.text, steps_at + off))
            .or_else(|| locate_quoted(&src.text, near));
        Diagnostic::new(&src.path, pos, message)
    };
    // Where each fact is asked: (step index).
    let mut asked_on: Vec<(&str, usize)> = Vec::new();
    for (i, step) in steps.iter().enumerate() {
        if steps[..i].iter().any(|s| s.id == step.id) {
            out.push(err(
                &step.id,
                format!("step \"{}\" is declared twice", step.id),
            ));
        }
        if step.heading.trim().is_empty() {
            out.push(in_steps(
                &step.id,
                format!("step \"{}\" → heading: must not be empty", step.id),
            ));
        }
        for f in &step.facts {
            if !facts.iter().any(|x| &x.id == f) {
                out.push(in_steps(
                    f,
                    format!("step \"{}\" → facts: no fact \"{f}\" is declared", step.id),
                ));
            } else if let Some((_, first)) = asked_on.iter().find(|(id, _)| id == f) {
                out.push(in_steps(
                    &step.id,
                    format!(
                        "step \"{}\" → facts: fact \"{f}\" is already asked on step \"{}\"",
                        step.id, steps[*first].id
                    ),
                ));
            } else {
                asked_on.push((f.as_str(), i));
            }
        }
    }
    for fact in facts {
        let Some(&(_, here)) = asked_on.iter().find(|(id, _)| *id == fact.id) else {
            out.push(err(
                &fact.id,
                format!("fact \"{}\" is not asked on any step", fact.id),
            ));
            continue;
        };
        let mut read = Vec::new();
        if let Some(cond) = &fact.relevant {
            facts_read(cond, &mut read);
        }
        for r in &read {
            if let Some(&(_, there)) = asked_on.iter().find(|(id, _)| id == r)
                && there > here
            {
                out.push(in_steps(
                    &steps[here].id,
                    format!(
                        "fact \"{}\" is asked on step \"{}\" but depends on \"{r}\", asked later on step \"{}\"",
                        fact.id, steps[here].id, steps[there].id
                    ),
                ));
            }
        }
    }
    for (scope, what) in [
        (Scope::Check, "each proposed check"),
        (Scope::IeContact, "the contact with Immigration Enforcement"),
    ] {
        let mut on: Vec<usize> = facts
            .iter()
            .filter(|f| f.scope == scope)
            .filter_map(|f| asked_on.iter().find(|(id, _)| *id == f.id).map(|x| x.1))
            .collect();
        on.sort_unstable();
        on.dedup();
        if on.len() > 1 {
            let names: Vec<&str> = on.iter().map(|i| steps[*i].id.as_str()).collect();
            out.push(in_steps(
                names[1],
                format!(
                    "the questions about {what} must be on one step; they are on steps {}",
                    names.join(", ")
                ),
            ));
        }
    }
    let step_of = |scope: Scope| {
        facts
            .iter()
            .filter(|f| f.scope == scope)
            .find_map(|f| asked_on.iter().find(|(id, _)| *id == f.id).map(|x| x.1))
    };
    if let (Some(c), Some(i)) = (step_of(Scope::Check), step_of(Scope::IeContact))
        && c == i
    {
        out.push(in_steps(
            &steps[c].id,
            format!(
                "step \"{}\" asks about both the checks and the contact with Immigration Enforcement; give each its own step",
                steps[c].id
            ),
        ));
    }
    out
}

/// The steps declared, or, when a pack declares none, one step per scope with every fact.
pub fn steps_or_default(facts: &[Fact], steps: &[Step]) -> Vec<Step> {
    if !steps.is_empty() {
        return steps.to_vec();
    }
    let ids = |scope: Scope| {
        facts
            .iter()
            .filter(|f| f.scope == scope)
            .map(|f| f.id.clone())
            .collect::<Vec<_>>()
    };
    vec![
        Step {
            id: "case".to_owned(),
            heading: "The report".to_owned(),
            help: String::new(),
            stage: Stage::Information,
            facts: ids(Scope::Case),
        },
        Step {
            id: "checks".to_owned(),
            heading: "Checks".to_owned(),
            help: String::new(),
            stage: Stage::PowersAndPolicy,
            facts: ids(Scope::Check),
        },
        Step {
            id: "ie_contact".to_owned(),
            heading: "Contact with Immigration Enforcement".to_owned(),
            help: String::new(),
            stage: Stage::Options,
            facts: ids(Scope::IeContact),
        },
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::raw::{Condition, FactKind};

    fn fact(id: &str, scope: Scope, relevant: Option<Condition>) -> Fact {
        Fact {
            id: id.to_owned(),
            scope,
            kind: FactKind::Text,
            question: "?".to_owned(),
            help: String::new(),
            values: Vec::new(),
            relevant,
        }
    }

    fn step(id: &str, facts: &[&str]) -> Step {
        Step {
            id: id.to_owned(),
            heading: id.to_owned(),
            help: String::new(),
            stage: Stage::Information,
            facts: facts.iter().map(|f| (*f).to_owned()).collect(),
        }
    }

    fn src() -> SourceText {
        SourceText::new("p.ron", "", "")
    }

    fn messages(facts: &[Fact], steps: &[Step]) -> Vec<String> {
        check(&src(), facts, steps)
            .into_iter()
            .map(|d| d.message)
            .collect()
    }

    #[test]
    fn every_fact_on_exactly_one_step_and_known() {
        let facts = [fact("a", Scope::Case, None), fact("b", Scope::Case, None)];
        assert!(messages(&facts, &[step("one", &["a", "b"])]).is_empty());
        let m = messages(&facts, &[step("one", &["a", "zz"]), step("two", &["a"])]);
        assert!(m.iter().any(|x| x.contains("no fact \"zz\"")), "{m:?}");
        assert!(
            m.iter()
                .any(|x| x.contains("already asked on step \"one\""))
        );
        assert!(
            m.iter()
                .any(|x| x.contains("\"b\" is not asked on any step"))
        );
    }

    #[test]
    fn a_fact_may_depend_only_on_its_step_or_earlier() {
        let facts = [
            fact("a", Scope::Case, None),
            fact("b", Scope::Case, Some(Condition::Answered("a".to_owned()))),
        ];
        assert!(messages(&facts, &[step("one", &["a"]), step("two", &["b"])]).is_empty());
        let m = messages(&facts, &[step("one", &["b"]), step("two", &["a"])]);
        assert!(
            m.iter()
                .any(|x| x.contains("depends on \"a\", asked later")),
            "{m:?}"
        );
    }

    #[test]
    fn scoped_facts_keep_together_and_apart() {
        let facts = [
            fact("c1", Scope::Check, None),
            fact("c2", Scope::Check, None),
            fact("i1", Scope::IeContact, None),
        ];
        let m = messages(&facts, &[step("x", &["c1", "i1"]), step("y", &["c2"])]);
        assert!(m.iter().any(|x| x.contains("must be on one step")), "{m:?}");
        assert!(
            m.iter().any(|x| x.contains("give each its own step")),
            "{m:?}"
        );
    }

    #[test]
    fn no_steps_means_one_step_per_scope() {
        let facts = [fact("a", Scope::Case, None), fact("c", Scope::Check, None)];
        assert!(messages(&facts, &[]).is_empty());
        let steps = steps_or_default(&facts, &[]);
        assert_eq!(steps[0].facts, ["a"]);
        assert_eq!(steps[1].facts, ["c"]);
    }
}
