//! The `Builder`: merges one layer at a time into a `Guidance`, checking each
//! layer against what came before (ids, references, dates, facts, definitions,
//! decisions). Adding each declaration is in `declare.rs`, the checks of
//! conditions and effects in `checks.rs`, with `names.rs` and `dates.rs` below both.

use std::collections::{BTreeMap, BTreeSet};

use super::LoadedFile;
use super::dates::{is_iso_date, iso_day, latest_mentioned, source_start};
use crate::core::condition::FactShape;
use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::guidance::{
    DecisionEntry, Guidance, Layer, LayerKind, ProfileSettings, RuleEntry, check_fact, ie_fact,
};
use crate::core::raw::{self, Condition, FactKind, Scope};

/// Accumulates layers, checking each against what came before.
#[derive(Clone, Default)]
pub(super) struct Builder {
    pub(super) layers: Vec<Layer>,
    pub(super) profile: Option<ProfileSettings>,
    pub(super) sources: BTreeMap<String, raw::Source>,
    pub(super) rules: BTreeMap<String, RuleEntry>,
    pub(super) facts: Vec<raw::Fact>,
    /// Where each fact is in `facts`, by id (conditions look facts up often).
    pub(super) fact_at: BTreeMap<String, usize>,
    /// The ids of `decisions`, for the "defined twice" check.
    pub(super) decision_ids: BTreeSet<String>,
    /// Facts whose question can be reached, by id.
    pub(super) reachable: BTreeSet<String>,
    pub(super) actions: Vec<raw::ActionDef>,
    pub(super) decisions: Vec<DecisionEntry>,
    /// Named conditions by id: the scope they read and what they mean, expanded.
    pub(super) definitions: BTreeMap<String, (Scope, Condition)>,
    pub(super) problems: Diagnostics,
    /// Whether to prove reachability (see [`ChainCache::thorough`]).
    pub(super) thorough: bool,
    /// Facts of the pack being added that are declared further down, for clearer errors.
    pub(super) later_facts: Vec<String>,
    /// Work spent on satisfiability proofs so far (see `limits::MAX_TOTAL_PROOF_WORK`).
    pub(super) proof_work: u128,
    /// The wizard's steps, from the latest pack in the chain that declares them.
    pub(super) steps: Vec<raw::Step>,
    /// How the screen reads officers' text: every pack of the chain's lists, in order.
    pub(super) reading: crate::core::screen::Reading,
}

/// The parts of a layer every kind of layer has.
pub(super) struct LayerContent<'a> {
    pub(super) kind: LayerKind,
    pub(super) id: &'a str,
    pub(super) title: &'a str,
    pub(super) version: &'a str,
    pub(super) effective: &'a str,
    pub(super) review_by: &'a str,
    pub(super) summary: &'a str,
    pub(super) sources: &'a [raw::Source],
    pub(super) guidance: &'a [raw::GuidanceRule],
    pub(super) definitions: &'a [raw::Definition],
    pub(super) decisions: &'a [raw::Decision],
}

impl Builder {
    pub(super) fn add_pack(&mut self, file: &LoadedFile, p: &raw::Pack) {
        let kind = if p.extends.is_some() {
            LayerKind::Revision
        } else {
            LayerKind::Baseline
        };
        if kind == LayerKind::Baseline && !p.supersedes.is_empty() {
            self.problems.0.push(file.err(
                "supersedes",
                None,
                format!(
                    "pack \"{}\" → supersedes: only a pack that extends another can supersede",
                    p.id
                ),
            ));
        }
        for s in &p.supersedes {
            let before = self.decisions.len();
            self.decisions.retain(|d| &d.decision.id != s);
            self.decision_ids.remove(s);
            if self.decisions.len() == before {
                self.problems.0.push(file.err(
                    "supersedes",
                    Some(s),
                    format!(
                        "pack \"{}\" → supersedes: no decision \"{s}\" in the packs it extends",
                        p.id
                    ),
                ));
            }
        }
        self.later_facts = p.facts.iter().map(|f| f.id.clone()).collect();
        for fact in &p.facts {
            self.later_facts.retain(|id| id != &fact.id);
            self.add_fact(file, fact);
        }
        self.later_facts.clear();
        for a in &p.actions {
            if self.actions.iter().any(|x| x.id == a.id) {
                self.problems.0.push(file.err(
                    &a.id,
                    None,
                    format!("action \"{}\" is defined twice", a.id),
                ));
            } else if a.label.trim().is_empty() {
                self.problems.0.push(file.err(
                    &a.id,
                    None,
                    format!("action \"{}\" → label: must not be empty", a.id),
                ));
                self.actions.push(a.clone());
            } else if a.only_if_going_ahead && a.kind == raw::ActionKind::Prohibited {
                self.problems.0.push(file.err(
                    &a.id,
                    None,
                    format!(
                        "action \"{}\" → only_if_going_ahead: only a required action can fall away with what requires it; a prohibited action is never offered at all",
                        a.id
                    ),
                ));
                self.actions.push(a.clone());
            } else {
                self.actions.push(a.clone());
            }
        }
        self.add_common(
            file,
            &LayerContent {
                kind,
                id: &p.id,
                title: &p.title,
                version: &p.version,
                effective: &p.effective,
                review_by: &p.review_by,
                summary: &p.summary,
                sources: &p.sources,
                guidance: &p.guidance,
                definitions: &p.definitions,
                decisions: &p.decisions,
            },
        );
    }

    pub(super) fn add_overlay(&mut self, file: &LoadedFile, o: &raw::Overlay) {
        self.add_common(
            file,
            &LayerContent {
                kind: LayerKind::Overlay,
                id: &o.id,
                title: &o.title,
                version: &o.version,
                effective: &o.effective,
                review_by: &o.review_by,
                summary: &o.summary,
                sources: &o.sources,
                guidance: &o.guidance,
                definitions: &o.definitions,
                decisions: &o.decisions,
            },
        );
    }

    pub(super) fn add_profile(&mut self, file: &LoadedFile, p: &raw::Profile) {
        self.profile = Some(ProfileSettings {
            id: p.id.clone(),
            force: p.force.clone(),
            risk_tool: p.risk_tool,
            contacts: p.contacts.clone(),
            ie_referral_route: p.ie_referral_route.clone(),
            adopts: p.adopts.clone(),
            crime_reference_format: p.crime_reference_format.clone(),
        });
        self.add_common(
            file,
            &LayerContent {
                kind: LayerKind::Profile,
                id: &p.id,
                title: &p.force,
                version: &p.version,
                effective: &p.effective,
                review_by: &p.review_by,
                summary: &p.summary,
                sources: &p.sources,
                guidance: &p.guidance,
                definitions: &p.definitions,
                decisions: &p.decisions,
            },
        );
    }

    pub(super) fn add_common(&mut self, file: &LoadedFile, c: &LayerContent<'_>) {
        let what = match c.kind {
            LayerKind::Baseline | LayerKind::Revision => "pack",
            LayerKind::Overlay => "overlay",
            LayerKind::Profile => "profile",
        };
        self.check_plain_id(file, what, c.id);
        for s in c.sources {
            self.check_plain_id(file, "source", &s.id);
        }
        for (field, value) in [("effective", c.effective), ("review_by", c.review_by)] {
            if !is_iso_date(value) {
                self.problems.0.push(file.err(
                    value,
                    None,
                    format!(
                        "{what} \"{}\" → {field}: \"{value}\" is not a real date in the form YYYY-MM-DD",
                        c.id
                    ),
                ));
            }
        }
        if is_iso_date(c.effective) && is_iso_date(c.review_by) && c.review_by <= c.effective {
            self.problems.0.push(file.err(
                c.review_by,
                None,
                format!(
                    "{what} \"{}\" → review_by: must be after the effective date",
                    c.id
                ),
            ));
        }
        if c.version.trim().is_empty() {
            self.problems.0.push(file.err(
                c.id,
                None,
                format!("{what} \"{}\" → version: must not be empty", c.id),
            ));
        }
        if matches!(c.kind, LayerKind::Baseline | LayerKind::Revision) {
            self.check_nothing_later(file, c);
        }
        for s in c.sources {
            if self.sources.contains_key(&s.id) {
                self.problems.0.push(file.err(
                    &s.id,
                    None,
                    format!("source \"{}\" is defined twice", s.id),
                ));
            } else {
                self.sources.insert(s.id.clone(), s.clone());
            }
        }
        for r in c.guidance {
            self.add_rule(file, c.id, r);
        }
        for def in c.definitions {
            self.add_definition(file, def);
        }
        for d in c.decisions {
            self.check_plain_id(file, "decision", &d.id);
            self.add_decision(file, c.id, c.kind, d);
        }
        self.layers.push(Layer {
            id: c.id.to_owned(),
            kind: c.kind,
            title: c.title.to_owned(),
            version: c.version.to_owned(),
            effective: c.effective.to_owned(),
            review_by: c.review_by.to_owned(),
            summary: c.summary.to_owned(),
            digest: file.src.digest.clone(),
            path: file.src.path.clone(),
        });
    }

    /// A national pack holds only what existed on its effective date: no source it
    /// declares, and no caveat of a rule it declares, is dated after that date.
    fn check_nothing_later(&mut self, file: &LoadedFile, c: &LayerContent<'_>) {
        let Some(effective) = iso_day(c.effective) else {
            return;
        };
        for s in c.sources {
            if source_start(&s.date).is_some_and(|d| d > effective) {
                self.problems.0.push(file.err(
                    &s.id,
                    None,
                    format!(
                        "source \"{}\" → date: \"{}\" is after the pack's effective date {}; a pack holds only what existed on its date",
                        s.id, s.date, c.effective
                    ),
                ));
            }
        }
        for r in c.guidance {
            for id in &r.sources {
                let date = c
                    .sources
                    .iter()
                    .find(|x| &x.id == id)
                    .or_else(|| self.sources.get(id))
                    .map(|x| x.date.as_str());
                if date.and_then(source_start).is_some_and(|d| d > effective)
                    && !c.sources.iter().any(|x| &x.id == id)
                {
                    self.problems.0.push(file.err(
                        &r.id,
                        None,
                        format!(
                            "guidance rule \"{}\" → sources: \"{id}\" is dated after the pack's effective date {}; a pack holds only what existed on its date",
                            r.id, c.effective
                        ),
                    ));
                }
            }
            if let Some(caveat) = &r.caveat
                && latest_mentioned(caveat).is_some_and(|d| d > effective)
            {
                self.problems.0.push(file.err(
                    &r.id,
                    None,
                    format!(
                        "guidance rule \"{}\" → caveat: mentions a date after the pack's effective date {}; a pack holds only what existed on its date",
                        r.id, c.effective
                    ),
                ));
            }
        }
    }

    /// `cond` with every named condition replaced by what it means. Unknown names
    /// are left in place (and reported by [`Self::check_condition`]).
    pub(super) fn expand(&self, cond: &Condition) -> Condition {
        match cond {
            Condition::Holds(id) => self
                .definitions
                .get(id)
                .map_or_else(|| cond.clone(), |(_, c)| c.clone()),
            Condition::All(cs) => Condition::All(cs.iter().map(|c| self.expand(c)).collect()),
            Condition::Any(cs) => Condition::Any(cs.iter().map(|c| self.expand(c)).collect()),
            Condition::Not(c) => Condition::Not(Box::new(self.expand(c))),
            other => other.clone(),
        }
    }

    /// An id may use only ASCII letters, digits, `-`, `_` and `.`: then no id can
    /// look like another (a Cyrillic "а" for a Latin "a", a zero-width space).
    pub(super) fn check_plain_id(&mut self, file: &LoadedFile, what: &str, id: &str) {
        let plain = !id.is_empty()
            && id
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
        if !plain {
            self.problems.0.push(file.err(
                id,
                None,
                format!(
                    "{what} \"{}\": an id may use only ASCII letters, digits, \"-\", \"_\" and \".\", so that no id can look like another",
                    id.chars()
                        .map(|c| if c.is_ascii_graphic() {
                            c.to_string()
                        } else {
                            format!("[U+{:04X}]", u32::from(c))
                        })
                        .collect::<String>()
                ),
            ));
        }
    }

    /// A fact added so far, by id.
    pub(super) fn fact(&self, id: &str) -> Option<&raw::Fact> {
        self.fact_at.get(id).and_then(|&i| self.facts.get(i))
    }

    pub(super) fn shape(&self, id: &str) -> Option<FactShape<'_>> {
        self.fact(id).map(|f| FactShape {
            kind: f.kind,
            values: f.values.iter().map(|v| v.id.as_str()).collect(),
            can_be_answered: self.reachable.contains(id),
        })
    }

    /// Whether proving `cond` satisfiable fits the budget; if not, says so, so a
    /// crafted condition cannot stall `lint` (or the window, which lints at start).
    pub(super) fn within_budget(
        &mut self,
        file: &LoadedFile,
        anchor: &str,
        ctx: &str,
        cond: &Condition,
    ) -> bool {
        use crate::core::limits::{MAX_PROOF_WORK, MAX_TOTAL_PROOF_WORK};
        let work = crate::core::limits::proof_work(cond, &|f| self.shape(f));
        self.proof_work = self.proof_work.saturating_add(work);
        let why = if work > MAX_PROOF_WORK {
            "the condition is too complex to check (it combines too many answers); split it or test fewer facts together"
        } else if self.proof_work > MAX_TOTAL_PROOF_WORK {
            "the guidance is too large to check: its conditions together need more work than lint allows"
        } else {
            return true;
        };
        self.problems
            .0
            .push(file.err(anchor, None, format!("{ctx}: {why}")));
        false
    }

    pub(super) fn check_fixed_facts(&mut self, file: &LoadedFile) {
        let fixed = [
            (check_fact::SYSTEM, Scope::Check, FactKind::One),
            (check_fact::SUBJECT, Scope::Check, FactKind::One),
            (check_fact::PURPOSES, Scope::Check, FactKind::Many),
            (check_fact::REASON, Scope::Check, FactKind::Text),
            (ie_fact::PURPOSE, Scope::IeContact, FactKind::One),
            (ie_fact::DATA, Scope::IeContact, FactKind::Many),
            (ie_fact::REASON, Scope::IeContact, FactKind::Text),
        ];
        for (id, scope, kind) in fixed {
            let ok = self
                .facts
                .iter()
                .any(|f| f.id == id && f.scope == scope && f.kind == kind);
            if !ok {
                self.problems.0.push(Diagnostic::new(
                    &file.src.path,
                    file.at(id),
                    format!("a baseline pack must declare fact \"{id}\" with scope {scope:?} and kind {kind:?}"),
                ));
            }
        }
    }

    /// The actions the record itself relies on: a baseline pack that renamed
    /// `supervisor_review` would silently drop every supervisor requirement.
    pub(super) fn check_fixed_actions(&mut self, file: &LoadedFile) {
        let id = crate::core::guidance::SUPERVISOR_REVIEW_ACTION;
        let ok = self
            .actions
            .iter()
            .any(|a| a.id == id && a.kind == raw::ActionKind::Required);
        if !ok {
            self.problems.0.push(Diagnostic::new(
                &file.src.path,
                file.at(id),
                format!("a baseline pack must declare the Required action \"{id}\": the record asks a supervisor to sign it off"),
            ));
        }
    }

    pub(super) fn finish(self) -> Result<Guidance, Diagnostics> {
        let mut problems = self.problems;
        if !problems.is_empty() {
            problems.normalise();
            return Err(problems);
        }
        let digest = crate::core::digest::combined(self.layers.iter().map(|l| l.digest.as_str()));
        Ok(Guidance {
            layers: self.layers,
            profile: self.profile,
            sources: self.sources,
            rules: self.rules,
            facts: self.facts,
            actions: self.actions,
            decisions: self.decisions,
            steps: self.steps,
            reading: self.reading,
            digest,
        })
    }
}
