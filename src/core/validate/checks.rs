//! The checks of one condition or effect against what the layers so far declare:
//! facts it can see, values, operators, named conditions, actions, and what an
//! overlay or profile may do.

use super::LoadedFile;
use super::builder::Builder;
use super::names::{condition_name, effect_name};
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
            Condition::Says(vs) => {
                if vs.is_empty() {
                    self.problems.0.push(file.err(
                        anchor,
                        None,
                        format!("{ctx} → Says: the list is empty"),
                    ));
                }
                return;
            }
            Condition::Is(f, v) => leaf(f, Some(FactKind::One), std::slice::from_ref(v)),
            Condition::In(f, vs) => leaf(f, Some(FactKind::One), vs),
            Condition::Has(f, vs) | Condition::Only(f, vs) => leaf(f, Some(FactKind::Many), vs),
            Condition::Mentions(f, _) => leaf(f, Some(FactKind::Text), &[]),
            Condition::Words(f, n) => self.word_count_leaf(file, anchor, ctx, f, *n),
            Condition::Answered(f) => leaf(f, None, &[]),
        };
        self.check_leaf(file, anchor, ctx, cond, (&fact, wanted, &values), allowed);
    }

    /// A condition on one fact: the fact exists, is asked before, is in a
    /// scope the condition can see, has the kind the condition needs, and has
    /// every value the condition names.
    fn check_leaf(
        &mut self,
        file: &LoadedFile,
        anchor: &str,
        ctx: &str,
        cond: &Condition,
        (fact, wanted, values): (&String, Option<FactKind>, &[String]),
        allowed: &[Scope],
    ) {
        let fact = fact.clone();
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
