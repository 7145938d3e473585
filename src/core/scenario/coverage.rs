//! Which decisions and rules a set of scenarios exercises, read from the
//! engine's own assessments (nothing is listed by hand).

use std::collections::{BTreeMap, BTreeSet};

use super::Scenario;
use crate::core::engine::{Assessment, Reason};
use crate::core::guidance::Guidance;

/// The decisions that applied in an assessment: every decision behind a
/// verdict, an action (required, prohibited, or no longer needed), a warning
/// or a note. Every decision has at least one such effect, so a decision
/// whose condition held is in here.
pub fn decisions_fired(a: &Assessment) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut add = |reasons: &[Reason]| {
        out.extend(reasons.iter().map(|r| r.decision.clone()));
    };
    for c in &a.checks {
        add(&c.reasons);
    }
    add(&a.ie_contact.reasons);
    add(&a.ie_contact.timing_reasons);
    for x in a.required.iter().chain(&a.prohibited) {
        add(&x.reasons);
    }
    for n in &a.not_needed {
        add(&n.action.reasons);
    }
    out.extend(
        a.warnings
            .iter()
            .chain(&a.notes)
            .filter(|n| !n.decision.is_empty())
            .map(|n| n.decision.clone()),
    );
    out
}

/// The guidance rules an assessment cites anywhere: verdicts, actions, warnings, notes.
pub fn rules_cited(a: &Assessment) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for c in &a.checks {
        out.extend(c.rules.iter().cloned());
    }
    out.extend(a.ie_contact.rules.iter().cloned());
    for x in a.required.iter().chain(&a.prohibited) {
        out.extend(x.rules.iter().cloned());
    }
    for n in &a.not_needed {
        out.extend(n.action.rules.iter().cloned());
    }
    for n in a.warnings.iter().chain(&a.notes) {
        out.extend(n.rules.iter().cloned());
    }
    out
}

/// What a set of scenarios exercised: for each decision, rule and taught rule,
/// the scenarios (by name) that did.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Coverage {
    pub decisions: BTreeMap<String, Vec<String>>,
    pub rules: BTreeMap<String, Vec<String>>,
    /// Rules named by a teaching point.
    pub taught: BTreeMap<String, Vec<String>>,
}

impl Coverage {
    /// Adds what one scenario, named `name`, exercised.
    pub fn add(&mut self, name: &str, sc: &Scenario, a: &Assessment) {
        for d in decisions_fired(a) {
            self.decisions.entry(d).or_default().push(name.to_owned());
        }
        for r in rules_cited(a) {
            self.rules.entry(r).or_default().push(name.to_owned());
        }
        for t in &sc.teaching {
            for r in &t.rules {
                let by = self.taught.entry(r.clone()).or_default();
                if !by.iter().any(|n| n == name) {
                    by.push(name.to_owned());
                }
            }
        }
    }

    /// Decisions in any of `guidance` that no scenario fired, sorted, each once.
    pub fn missing_decisions<'a>(
        &self,
        guidance: impl IntoIterator<Item = &'a Guidance>,
    ) -> Vec<String> {
        let mut out = BTreeSet::new();
        for g in guidance {
            for d in &g.decisions {
                if !self.decisions.contains_key(&d.decision.id) {
                    out.insert(d.decision.id.clone());
                }
            }
        }
        out.into_iter().collect()
    }

    /// Rules in any of `guidance` that no scenario exercised: a rule decisions
    /// cite must be cited by an assessment; a rule shown for context only (no
    /// decision can cite it) must be named by a teaching point.
    pub fn missing_rules<'a>(
        &self,
        guidance: impl IntoIterator<Item = &'a Guidance>,
    ) -> Vec<String> {
        let mut out = BTreeSet::new();
        for g in guidance {
            for (id, entry) in &g.rules {
                let covered = if entry.rule.context {
                    self.taught.contains_key(id)
                } else {
                    self.rules.contains_key(id)
                };
                if !covered {
                    out.insert(id.clone());
                }
            }
        }
        out.into_iter().collect()
    }
}
