//! The checks of one condition or effect against what the layers so far declare:
//! facts it can see, values, operators, named conditions, actions, and what an
//! overlay or profile may do. Small helpers for names, scopes and dates.

use super::LoadedFile;
use super::builder::Builder;
use crate::core::guidance::LayerKind;
use crate::core::raw::{ActionKind, Condition, Effect, FactKind, Scope, Target};

impl Builder {
    pub(super) fn check_effect(
        &mut self,
        file: &LoadedFile,
        id: &str,
        ctx: &str,
        layer: LayerKind,
        target: Target,
        e: &Effect,
    ) {
        let verdict = matches!(
            e,
            Effect::Permit
                | Effect::Incomplete
                | Effect::Defer
                | Effect::NotRecommend
                | Effect::Refuse
        );
        let name = effect_name(e);
        if verdict && target == Target::Case {
            self.problems.0.push(file.err(
                id,
                None,
                format!("{ctx} → then: {name} gives a verdict, but a decision about the Case has none; apply it to Check or IeContact"),
            ));
        }
        if matches!(e, Effect::Defer) && target == Target::Check {
            self.problems.0.push(file.err(
                id,
                None,
                format!("{ctx} → then: Defer applies only to IeContact; a check is permitted, incomplete, not recommended or refused"),
            ));
        }
        if matches!(e, Effect::Permit) && matches!(layer, LayerKind::Overlay | LayerKind::Profile) {
            self.problems.0.push(file.err(
                id,
                None,
                format!("{ctx} → then: Permit would loosen the national guidance; an overlay or force profile may only make verdicts stricter"),
            ));
        }
        let (action, wanted) = match e {
            Effect::Require(a) => (a, ActionKind::Required),
            Effect::Prohibit(a) => (a, ActionKind::Prohibited),
            _ => return,
        };
        match self.actions.iter().find(|x| &x.id == action) {
            None => {
                let hint = if matches!(layer, LayerKind::Overlay | LayerKind::Profile) {
                    " (actions are declared by the national pack; an overlay or profile can only use them)"
                } else {
                    ""
                };
                self.problems.0.push(file.err(
                    id,
                    Some(action),
                    format!("{ctx} → then: {name}: no action \"{action}\"{hint}"),
                ));
            }
            Some(def) if def.kind != wanted => self.problems.0.push(file.err(
                id,
                Some(action),
                format!(
                    "{ctx} → then: {name}: action \"{action}\" is {:?}, not {wanted:?}",
                    def.kind
                ),
            )),
            Some(_) => {}
        }
    }

    /// A named condition must be defined before it is used, and read facts the
    /// condition using it can see.
    pub(super) fn check_holds(
        &mut self,
        file: &LoadedFile,
        anchor: &str,
        ctx: &str,
        name: &str,
        allowed: &[Scope],
    ) {
        match self.definitions.get(name) {
            None => self.problems.0.push(file.err(
                anchor,
                Some(name),
                format!("{ctx} → Holds: no definition \"{name}\" (a definition must come before the conditions that use it)"),
            )),
            Some((scope, _)) if !allowed.contains(scope) => {
                self.problems.0.push(file.err(
                    anchor,
                    Some(name),
                    format!("{ctx} → Holds: definition \"{name}\" reads {scope:?} facts, which this condition cannot see"),
                ));
            }
            Some(_) => {}
        }
    }

    /// A `Words` condition asks for 1 to `MAX_WORDS` words of a `Text` fact.
    fn word_count_leaf(
        &mut self,
        file: &LoadedFile,
        anchor: &str,
        ctx: &str,
        fact: &str,
        n: u32,
    ) -> (String, Option<FactKind>, Vec<String>) {
        let max = crate::core::limits::MAX_WORDS;
        if n == 0 || usize::try_from(n).unwrap_or(usize::MAX) > max {
            self.problems.0.push(file.err(
                anchor,
                Some(fact),
                format!("{ctx} → Words: the number of words must be from 1 to {max}"),
            ));
        }
        (fact.to_owned(), Some(FactKind::Text), Vec::new())
    }

    pub(super) fn check_condition(
        &mut self,
        file: &LoadedFile,
        anchor: &str,
        ctx: &str,
        cond: &Condition,
        allowed: &[Scope],
    ) {
        let leaf = |f: &String, wanted: Option<FactKind>, values: &[String]| {
            (f.clone(), wanted, values.to_vec())
        };
        let (fact, wanted, values) = match cond {
            Condition::Always => return,
            Condition::All(cs) | Condition::Any(cs) => {
                if cs.is_empty() {
                    let op = condition_name(cond);
                    self.problems.0.push(file.err(
                        anchor,
                        None,
                        format!("{ctx}: {op}([]) is empty; list at least one condition"),
                    ));
                }
                for c in cs {
                    self.check_condition(file, anchor, ctx, c, allowed);
                }
                return;
            }
            Condition::Not(c) => {
                self.check_condition(file, anchor, ctx, c, allowed);
                return;
            }
            Condition::Holds(name) => {
                self.check_holds(file, anchor, ctx, name, allowed);
                return;
            }
            Condition::Is(f, v) => leaf(f, Some(FactKind::One), std::slice::from_ref(v)),
            Condition::In(f, vs) => leaf(f, Some(FactKind::One), vs),
            Condition::Has(f, vs) | Condition::Only(f, vs) => leaf(f, Some(FactKind::Many), vs),
            Condition::Mentions(f, _) => leaf(f, Some(FactKind::Text), &[]),
            Condition::Words(f, n) => self.word_count_leaf(file, anchor, ctx, f, *n),
            Condition::Answered(f) => leaf(f, None, &[]),
        };
        let op = condition_name(cond);
        let Some(def) = self.fact_at.get(&fact).and_then(|&i| self.facts.get(i)) else {
            let why = if self.later_facts.contains(&fact) {
                format!(
                    "fact \"{fact}\" is asked later; a question may only depend on questions asked before it"
                )
            } else {
                format!("no fact \"{fact}\"")
            };
            self.problems
                .0
                .push(file.err(anchor, Some(&fact), format!("{ctx} → {op}: {why}")));
            return;
        };
        if !allowed.contains(&def.scope) {
            self.problems.0.push(file.err(
                anchor,
                Some(&fact),
                format!(
                    "{ctx} → {op}: fact \"{fact}\" belongs to {:?}, which this condition cannot see",
                    def.scope
                ),
            ));
        }
        if let Some(w) = wanted
            && def.kind != w
        {
            self.problems.0.push(file.err(
                anchor,
                Some(&fact),
                format!(
                    "{ctx} → {op}: fact \"{fact}\" is {:?}; {op} needs a {w:?} fact",
                    def.kind
                ),
            ));
        }
        let list_empty = matches!(
            cond,
            Condition::In(_, vs) | Condition::Has(_, vs) | Condition::Only(_, vs) | Condition::Mentions(_, vs)
                if vs.is_empty()
        );
        if list_empty {
            self.problems.0.push(file.err(
                anchor,
                Some(&fact),
                format!("{ctx} → {op}: the list is empty"),
            ));
        }
        let unknown: Vec<String> = values
            .iter()
            .filter(|v| !def.values.iter().any(|x| &x.id == *v))
            .cloned()
            .collect();
        if !unknown.is_empty() {
            let known: Vec<&str> = def.values.iter().map(|x| x.id.as_str()).collect();
            let known = known.join(", ");
            for v in unknown {
                self.problems.0.push(file.err(
                    anchor,
                    Some(&v),
                    format!("{ctx} → {op}: fact \"{fact}\" has no value \"{v}\" (it has: {known})"),
                ));
            }
        }
    }
}

pub(super) fn scopes_for_fact(scope: Scope) -> Vec<Scope> {
    match scope {
        Scope::Case => vec![Scope::Case],
        Scope::Check => vec![Scope::Case, Scope::Check],
        Scope::IeContact => vec![Scope::Case, Scope::IeContact],
    }
}

pub(super) fn scopes_for_target(target: Target) -> Vec<Scope> {
    match target {
        Target::Case => vec![Scope::Case],
        Target::Check => vec![Scope::Case, Scope::Check],
        Target::IeContact => vec![Scope::Case, Scope::IeContact],
    }
}

pub(super) fn condition_name(c: &Condition) -> &'static str {
    match c {
        Condition::Always => "Always",
        Condition::Is(..) => "Is",
        Condition::In(..) => "In",
        Condition::Has(..) => "Has",
        Condition::Only(..) => "Only",
        Condition::Answered(..) => "Answered",
        Condition::Mentions(..) => "Mentions",
        Condition::Words(..) => "Words",
        Condition::All(..) => "All",
        Condition::Any(..) => "Any",
        Condition::Not(..) => "Not",
        Condition::Holds(..) => "Holds",
    }
}

pub(super) fn effect_name(e: &Effect) -> &'static str {
    match e {
        Effect::Permit => "Permit",
        Effect::Incomplete => "Incomplete",
        Effect::Defer => "Defer",
        Effect::NotRecommend => "NotRecommend",
        Effect::Refuse => "Refuse",
        Effect::Require(_) => "Require",
        Effect::Prohibit(_) => "Prohibit",
        Effect::Warn(_) => "Warn",
        Effect::Note => "Note",
    }
}

/// A plausible calendar date written `YYYY-MM-DD`.
pub(super) fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    crate::core::time::real_date(i64::from(year), i64::from(month), i64::from(day))
}

/// A day as (year, month, day), comparable in order.
pub(super) type Day = (u32, u32, u32);

/// The day an ISO date (`YYYY-MM-DD`) names.
pub(super) fn iso_day(text: &str) -> Option<Day> {
    if !is_iso_date(text) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|x| x.parse::<u32>().ok());
    Some((num(0..4)?, num(5..7)?, num(8..10)?))
}

/// The earliest day a source's free-text date can mean: "2018-12-07", "2018-12",
/// "2018"; for a range such as "2019-2022", the earliest day of its last year (the
/// range reaches that far). `None` for a date that names no year ("current").
pub(super) fn source_start(date: &str) -> Option<Day> {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let year = |t: &str| {
        (t.len() == 4)
            .then(|| t.parse::<u32>().ok())
            .flatten()
            .filter(|y| (1900..=2999).contains(y))
    };
    match parts.as_slice() {
        [y] => Some((year(y)?, 1, 1)),
        [y, m] if m.len() == 4 => Some((year(m).or(year(y))?, 1, 1)),
        [y, m] => Some((year(y)?, m.parse().ok()?, 1)),
        [y, m, d] => Some((year(y)?, m.parse().ok()?, d.parse().ok()?)),
        _ => None,
    }
}

/// The latest day a text mentions, as the earliest day it can mean: a year alone
/// ("2024") means its 1 January, a month and year ("March 2024") the 1st of that
/// month, a full date ("8 March 2024") that day.
pub(super) fn latest_mentioned(text: &str) -> Option<Day> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut latest: Option<Day> = None;
    for (i, w) in words.iter().enumerate() {
        let Some(y) = (w.len() == 4)
            .then(|| w.parse::<u32>().ok())
            .flatten()
            .filter(|y| (1900..=2999).contains(y))
        else {
            continue;
        };
        let before = |k: usize| i.checked_sub(k).and_then(|j| words.get(j));
        let month = before(1)
            .and_then(|m| MONTHS.iter().position(|x| x == m))
            .and_then(|m| u32::try_from(m + 1).ok());
        let day = month
            .and(before(2))
            .and_then(|d| d.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d));
        let this = (y, month.unwrap_or(1), day.unwrap_or(1));
        latest = Some(latest.map_or(this, |l| l.max(this)));
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_sources_and_text() {
        assert_eq!(source_start("2018-12-07"), Some((2018, 12, 7)));
        assert_eq!(source_start("2018-12"), Some((2018, 12, 1)));
        assert_eq!(source_start("2015"), Some((2015, 1, 1)));
        assert_eq!(source_start("2019-2022"), Some((2022, 1, 1)));
        assert_eq!(source_start("current"), None);
        assert_eq!(
            latest_mentioned("found again in December 2023 and replaced from 8 March 2024"),
            Some((2024, 3, 8))
        );
        assert_eq!(latest_mentioned("the 2022 amendments"), Some((2022, 1, 1)));
        assert_eq!(latest_mentioned("s 52 of the Act"), None);
    }

    #[test]
    fn dates() {
        assert!(is_iso_date("2018-12-07"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2018-13-01"));
        assert!(!is_iso_date("7 Dec 2018"));
        assert!(!is_iso_date("2018-1-07"));
    }
}
