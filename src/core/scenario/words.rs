//! What a trainee chose and what the guidance expects, in words: answers by
//! their option labels, checks and decisions as the wizard shows them.

use crate::core::engine::Verdict;
use crate::core::guidance::{Guidance, check_fact};
use crate::core::raw;
use crate::core::record;
use crate::core::report::verdict_heading;

/// An answer in words: each value by its label in the guidance.
pub fn value(g: &Guidance, fact: &str, v: &ron::Value) -> String {
    match v {
        ron::Value::String(s) => g.value_label(fact, s).to_owned(),
        ron::Value::Seq(items) => {
            let all: Vec<String> = items.iter().map(|i| value(g, fact, i)).collect();
            if all.is_empty() {
                "none".to_owned()
            } else {
                all.join(", ")
            }
        }
        ron::Value::Bool(b) => if *b { "yes" } else { "no" }.to_owned(),
        ron::Value::Number(n) => format!("{}", n.into_f64()),
        ron::Value::Option(Some(inner)) => value(g, fact, inner),
        ron::Value::Option(None) | ron::Value::Unit => "no answer".to_owned(),
        other => format!("{other:?}"),
    }
}

/// A proposed check: the system, on whom, and what for.
pub fn check(g: &Guidance, c: &raw::CaseCheck) -> String {
    let purposes: Vec<&str> = c
        .purposes
        .iter()
        .map(|p| g.value_label(check_fact::PURPOSES, p))
        .collect();
    format!(
        "{} on {}, for {}",
        blank(g.value_label(check_fact::SYSTEM, &c.system)),
        blank(g.value_label(check_fact::SUBJECT, &c.subject)),
        if purposes.is_empty() {
            "no purpose".to_owned()
        } else {
            purposes.join(", ")
        }
    )
}

fn blank(s: &str) -> &str {
    if s.is_empty() { "(not chosen)" } else { s }
}

/// The verdict and the decisions it allows.
pub fn allowed(v: Option<Verdict>) -> String {
    let Some(v) = v else {
        return "no verdict".to_owned();
    };
    let choices: Vec<&str> = record::choices(v)
        .into_iter()
        .map(record::choice_words)
        .collect();
    let mut out = format!("{}, so {}", verdict_heading(v), choices.join(" or "));
    if v == Verdict::NotRecommended {
        out.push_str(" (going ahead only with a further recorded reason)");
    }
    out
}

/// The officer's decision in words.
pub fn decision(d: Option<&raw::OfficerDecision>) -> String {
    d.map_or_else(
        || record::choice_words(raw::Choice::Undecided).to_owned(),
        |d| record::choice_words(d.choice).to_owned(),
    )
}
