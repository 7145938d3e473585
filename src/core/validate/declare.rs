//! Adding one declaration to the `Builder`: a guidance rule, a fact, a named
//! condition, a decision. Each is checked against what the layers so far
//! declare before it is kept.

use std::collections::BTreeSet;

use super::LoadedFile;
use super::builder::Builder;
use super::names::{scopes_for_fact, scopes_for_target};
use crate::core::condition::satisfiable;
use crate::core::guidance::{DecisionEntry, LayerKind, RuleEntry};
use crate::core::raw::{self, FactKind};

impl Builder {
    pub(super) fn add_rule(&mut self, file: &LoadedFile, layer: &str, r: &raw::GuidanceRule) {
        self.check_plain_id(file, "guidance rule", &r.id);
        if let Some(existing) = self.rules.get(&r.id) {
            self.problems.0.push(file.err(
                &r.id,
                None,
                format!(
                    "guidance rule \"{}\" is already defined by \"{}\"; a later layer cannot redefine it",
                    r.id, existing.layer
                ),
            ));
            return;
        }
        let ctx = format!("guidance rule \"{}\"", r.id);
        if r.explanation.trim().is_empty() {
            self.problems.0.push(file.err(
                &r.id,
                None,
                format!("{ctx} → explanation: must not be empty"),
            ));
        }
        if r.sources.is_empty() {
            self.problems.0.push(file.err(
                &r.id,
                None,
                format!("{ctx} → sources: must name at least one source"),
            ));
        }
        for s in &r.sources {
            if !self.sources.contains_key(s) {
                self.problems.0.push(file.err(
                    &r.id,
                    Some(s),
                    format!("{ctx} → sources: no source \"{s}\""),
                ));
            }
        }
        self.rules.insert(
            r.id.clone(),
            RuleEntry {
                rule: r.clone(),
                layer: layer.to_owned(),
            },
        );
    }

    pub(super) fn add_fact(&mut self, file: &LoadedFile, fact: &raw::Fact) {
        self.check_plain_id(file, "fact", &fact.id);
        for v in &fact.values {
            self.check_plain_id(file, "value", &v.id);
        }
        let ctx = format!("fact \"{}\"", fact.id);
        if self.fact_at.contains_key(&fact.id) {
            self.problems
                .0
                .push(file.err(&fact.id, None, format!("{ctx} is defined twice")));
            return;
        }
        if fact.question.trim().is_empty() {
            self.problems.0.push(file.err(
                &fact.id,
                None,
                format!("{ctx} → question: must not be empty"),
            ));
        }
        match fact.kind {
            FactKind::One | FactKind::Many if fact.values.is_empty() => {
                self.problems.0.push(file.err(
                    &fact.id,
                    None,
                    format!(
                        "{ctx} → values: a {:?} fact needs at least one value",
                        fact.kind
                    ),
                ));
            }
            FactKind::Text if !fact.values.is_empty() => self.problems.0.push(file.err(
                &fact.id,
                None,
                format!("{ctx} → values: a Text fact has no values"),
            )),
            _ => {}
        }
        let mut seen = BTreeSet::new();
        for v in &fact.values {
            if !seen.insert(v.id.as_str()) {
                self.problems.0.push(file.err(
                    &fact.id,
                    Some(&v.id),
                    format!("{ctx} → values: \"{}\" appears twice", v.id),
                ));
            }
            if v.label.trim().is_empty() {
                self.problems.0.push(file.err(
                    &fact.id,
                    Some(&v.id),
                    format!("{ctx} → value \"{}\": label must not be empty", v.id),
                ));
            }
        }
        let mut reachable = true;
        let mut fact = fact.clone();
        if let Some(given) = &fact.relevant {
            let allowed = scopes_for_fact(fact.scope);
            let before = self.problems.len();
            let ctx_relevant = format!("{ctx} → relevant");
            self.check_condition(file, &fact.id, &ctx_relevant, given, &allowed);
            let cond = self.expand(given);
            if self.thorough
                && self.problems.len() == before
                && self.within_budget(file, &fact.id, &ctx_relevant, &cond)
            {
                reachable = satisfiable(&cond, &|f| self.shape(f));
                if !reachable {
                    self.problems.0.push(file.err(
                        &fact.id,
                        None,
                        format!("{ctx} → relevant: the question can never be asked, because its condition can never hold"),
                    ));
                }
            }
            fact.relevant = Some(cond);
        }
        if reachable {
            self.reachable.insert(fact.id.clone());
        }
        self.fact_at.insert(fact.id.clone(), self.facts.len());
        self.facts.push(fact);
    }

    pub(super) fn add_definition(&mut self, file: &LoadedFile, def: &raw::Definition) {
        self.check_plain_id(file, "definition", &def.id);
        let ctx = format!("definition \"{}\"", def.id);
        if self.definitions.contains_key(&def.id) {
            self.problems
                .0
                .push(file.err(&def.id, None, format!("{ctx} is defined twice")));
            return;
        }
        if def.means.trim().is_empty() {
            self.problems.0.push(file.err(
                &def.id,
                None,
                format!("{ctx} → means: must not be empty"),
            ));
        }
        let allowed = scopes_for_fact(def.scope);
        let before = self.problems.len();
        self.check_condition(file, &def.id, &format!("{ctx} → when"), &def.when, &allowed);
        let when = self.expand(&def.when);
        if self.thorough && self.problems.len() == before && !satisfiable(&when, &|f| self.shape(f))
        {
            self.problems.0.push(file.err(
                &def.id,
                None,
                format!("{ctx} → when: the condition can never hold"),
            ));
        }
        self.definitions.insert(def.id.clone(), (def.scope, when));
    }

    pub(super) fn add_decision(
        &mut self,
        file: &LoadedFile,
        layer: &str,
        kind: LayerKind,
        d: &raw::Decision,
    ) {
        let ctx = format!("decision \"{}\"", d.id);
        if !self.decision_ids.insert(d.id.clone()) {
            self.problems
                .0
                .push(file.err(&d.id, None, format!("{ctx} is defined twice")));
            return;
        }
        if d.because.is_empty() {
            self.problems.0.push(file.err(
                &d.id,
                None,
                format!("{ctx} → because: must cite at least one guidance rule"),
            ));
        }
        for (i, r) in d.because.iter().enumerate() {
            if d.because.get(..i).is_some_and(|before| before.contains(r)) {
                self.problems.0.push(file.err(
                    &d.id,
                    Some(r),
                    format!("{ctx} → because: \"{r}\" is cited twice"),
                ));
            }
            if !self.rules.contains_key(r) {
                self.problems.0.push(file.err(
                    &d.id,
                    Some(r),
                    format!("{ctx} → because: no guidance rule \"{r}\""),
                ));
            }
        }
        if d.says.trim().is_empty() {
            self.problems
                .0
                .push(file.err(&d.id, None, format!("{ctx} → says: must not be empty")));
        }
        if d.then.is_empty() {
            self.problems.0.push(file.err(
                &d.id,
                None,
                format!("{ctx} → then: must have at least one effect"),
            ));
        }
        for e in &d.then {
            self.check_effect(file, &d.id, &ctx, kind, d.applies_to, e);
        }
        let allowed = scopes_for_target(d.applies_to);
        let before = self.problems.len();
        self.check_condition(file, &d.id, &format!("{ctx} → when"), &d.when, &allowed);
        let mut d = d.clone();
        d.when = self.expand(&d.when);
        if self.thorough
            && self.problems.len() == before
            && self.within_budget(file, &d.id, &format!("{ctx} → when"), &d.when)
            && !satisfiable(&d.when, &|f| self.shape(f))
        {
            self.problems.0.push(file.err(
                &d.id,
                None,
                format!("{ctx} → when: the decision can never apply, because its condition can never hold"),
            ));
        }
        if self.problems.len() == before
            && let Some(why) = super::tighten::loosening(&d)
        {
            self.problems
                .0
                .push(file.err(&d.id, None, format!("{ctx} → when: {why}")));
        }
        self.decisions.push(DecisionEntry {
            decision: std::sync::Arc::new(d),
            layer: layer.to_owned(),
        });
    }
}
