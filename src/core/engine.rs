//! The rules engine: from guidance and facts to verdicts, with the rules behind them.
//!
//! Pure and deterministic: the same guidance and facts always give the same
//! [`Assessment`], byte for byte once rendered. No policy lives here; the engine
//! only applies the decisions in the guidance:
//!
//! 1. Answers to questions that are not relevant (given earlier answers) are set aside.
//! 2. Every decision is tried against its target: the case, each check, the IE contact.
//! 3. A target's verdict is the most severe verdict effect of the decisions that
//!    apply: refused, then not recommended, then defer, then incomplete, then
//!    permitted. Every decision that applied is cited, not only the one that won.
//! 4. Required and prohibited actions, warnings and notes are collected, never
//!    overridden. An action that is prohibited is never listed as required.

mod outcome;
#[cfg(test)]
mod tests;

pub use outcome::{
    ActionOutcome, Assessment, CheckOutcome, GuidanceUsed, IeOutcome, LayerUsed, NotNeeded, Notice,
    Reason, Timing, Verdict,
};

use super::case::CaseFacts;
use super::condition::{Answer, Answers, Lookup, SAID, eval};
use super::guidance::{Guidance, check_fact, ie_fact};
use super::raw::{ActionKind, Condition, Effect, Scope, Target, WarningKind};
use super::screen;

/// The answers that count (those to questions that are relevant given the
/// answers before them, in the order the guidance asks them), and the ids of
/// answered facts whose questions do not apply.
fn relevant_and_set_aside(
    g: &Guidance,
    scope: Scope,
    inner: &Answers,
    case: &Answers,
) -> (Answers, Vec<String>) {
    let mut kept = Answers::new();
    let mut aside = Vec::new();
    for fact in g.facts.iter().filter(|f| f.scope == scope) {
        let Some(answer) = inner.get(&fact.id) else {
            continue;
        };
        let relevant = fact.relevant.as_ref().is_none_or(|cond| {
            let at = if scope == Scope::Case {
                Lookup::case(&kept)
            } else {
                Lookup::scoped(&kept, case, None)
            }
            .reading(Some(&g.reading));
            eval(cond, at)
        });
        if relevant {
            kept.insert(fact.id.clone(), answer.clone());
        } else if answer.is_answered() {
            aside.push(fact.id.clone());
        }
    }
    (kept, aside)
}

/// The answers a target's decisions are tried on: its own, and under
/// [`SAID`] every free text of it (its text answers, then the record's texts
/// given, in that order), for `Says`: each field apart, a field that goes on
/// from the one before it read run on from it.
fn with_said(answers: &Answers, record: &[&[String]]) -> Answers {
    let mut texts: Vec<&str> = answers
        .values()
        .filter_map(|a| match a {
            Answer::Text(t) if !t.trim().is_empty() => Some(t.as_str()),
            _ => None,
        })
        .collect();
    texts.extend(record.iter().flat_map(|r| r.iter().map(String::as_str)));
    // Each field apart; and a field that goes on from the field before it (it
    // starts with a small letter) run on from it as well, so that a request split across two fields is
    // found.
    let mut runs: Vec<String> = Vec::new();
    for t in &texts {
        let goes_on = runs.last().is_some() && continues(t);
        match runs.last_mut() {
            Some(last) if goes_on => {
                last.push(' ');
                last.push_str(t);
            }
            _ => runs.push((*t).to_owned()),
        }
    }
    // Every field is read on its own too: a report in one field never frames
    // a request in the next away.
    let said = format!("{} | {}", texts.join(" | "), runs.join(" | "));
    let mut out = answers.clone();
    out.insert(SAID.to_owned(), Answer::Text(said));
    out
}

/// Whether a field reads as going on from the one before it: it starts with
/// a small letter.
fn continues(t: &str) -> bool {
    t.trim_start()
        .chars()
        .next()
        .is_some_and(char::is_lowercase)
}

fn push_unique(into: &mut Vec<String>, ids: &[String]) {
    for id in ids {
        if !into.contains(id) {
            into.push(id.clone());
        }
    }
}

/// What applying decisions to one target produced.
#[derive(Default)]
struct Collected {
    verdict: Option<Verdict>,
    rules: Vec<String>,
    reasons: Vec<Reason>,
}

struct Run<'g> {
    g: &'g Guidance,
    required: Vec<ActionOutcome>,
    prohibited: Vec<ActionOutcome>,
    warnings: Vec<Notice>,
    notes: Vec<Notice>,
}

impl Run<'_> {
    fn apply(&mut self, target: Target, about: &str, at: Lookup<'_>) -> Collected {
        let mut out = Collected::default();
        for entry in self
            .g
            .decisions
            .iter()
            .filter(|d| d.decision.applies_to == target)
        {
            let d = &entry.decision;
            if !eval(&d.when, at) {
                continue;
            }
            let own = d.then.iter().filter_map(Verdict::from_effect).max();
            let reason = Reason {
                decision: d.id.clone(),
                verdict: own,
                message: d.says.clone(),
                rules: d.because.clone(),
            };
            if let Some(v) = own {
                out.verdict = Some(out.verdict.map_or(v, |cur| cur.max(v)));
            }
            for effect in &d.then {
                match effect {
                    Effect::Require(a) => self.action(ActionKind::Required, a, &reason),
                    Effect::Prohibit(a) => self.action(ActionKind::Prohibited, a, &reason),
                    Effect::Warn(kind) => self.warnings.push(Notice {
                        kind: warning_word(*kind).to_owned(),
                        about: about.to_owned(),
                        message: d.says.clone(),
                        rules: d.because.clone(),
                        decision: d.id.clone(),
                        words: words_found(&d.when, at),
                    }),
                    Effect::Note => self.notes.push(Notice {
                        kind: "note".to_owned(),
                        about: about.to_owned(),
                        message: d.says.clone(),
                        rules: d.because.clone(),
                        decision: d.id.clone(),
                        words: Vec::new(),
                    }),
                    _ => {}
                }
            }
            if own.is_some() {
                out.reasons.push(reason);
            }
        }
        // The decisions behind the verdict come first, then those it outweighed.
        out.reasons.sort_by_key(|r| std::cmp::Reverse(r.verdict));
        for r in &out.reasons {
            push_unique(&mut out.rules, &r.rules);
        }
        out
    }

    fn action(&mut self, kind: ActionKind, id: &str, reason: &Reason) {
        let list = match kind {
            ActionKind::Required => &mut self.required,
            ActionKind::Prohibited => &mut self.prohibited,
        };
        if let Some(existing) = list.iter_mut().find(|a| a.action == id) {
            push_unique(&mut existing.rules, &reason.rules);
            if !existing
                .reasons
                .iter()
                .any(|r| r.decision == reason.decision)
            {
                existing.reasons.push(Reason {
                    verdict: None,
                    ..reason.clone()
                });
            }
            return;
        }
        let label = self
            .g
            .action(id)
            .map_or(id, |a| a.label.as_str())
            .to_owned();
        list.push(ActionOutcome {
            action: id.to_owned(),
            label,
            rules: reason.rules.clone(),
            reasons: vec![Reason {
                verdict: None,
                ..reason.clone()
            }],
        });
    }

    /// Records that answers were not used because their questions do not apply.
    fn set_aside(&mut self, about: &str, ids: &[String]) {
        for id in ids {
            let question = self.g.fact(id).map_or(id.as_str(), |f| f.question.as_str());
            self.notes.push(Notice {
                kind: "set_aside".to_owned(),
                about: about.to_owned(),
                message: format!(
                    "The answer to \"{question}\" was not used: given the other answers, the question does not apply."
                ),
                rules: Vec::new(),
                decision: String::new(),
                words: Vec::new(),
            });
        }
    }

    /// Where nothing in the guidance decides, say so rather than invent a verdict.
    fn silent(&mut self, about: &str) -> Verdict {
        self.warnings.push(Notice {
            kind: "silence".to_owned(),
            about: about.to_owned(),
            message: "No rule in this guidance decides this; record your reasoning and ask a supervisor to review it.".to_owned(),
            rules: Vec::new(),
            decision: String::new(),
            words: Vec::new(),
        });
        Verdict::Incomplete
    }
}

/// The phrases a condition's text tests found, where the test holds and is
/// not under a `Not`: what a warning about free text points at.
fn words_found(cond: &Condition, at: Lookup<'_>) -> Vec<String> {
    let mut out = Vec::new();
    collect_words(cond, at, &mut out);
    out
}

fn collect_words(cond: &Condition, at: Lookup<'_>, out: &mut Vec<String>) {
    let text = match cond {
        Condition::Mentions(f, phrases) => at.get(f).map(|a| (a, phrases)),
        Condition::Says(phrases) => at.get(SAID).map(|a| (a, phrases)),
        Condition::All(cs) | Condition::Any(cs) => {
            for c in cs {
                collect_words(c, at, out);
            }
            return;
        }
        _ => return,
    };
    if let Some((Answer::Text(t), phrases)) = text {
        let prepared = screen::prepare(t, at.reading);
        for w in screen::found(&prepared, phrases, at.reading) {
            if !out.iter().any(|x| x == w) {
                out.push(w.to_owned());
            }
        }
    }
}

fn warning_word(kind: WarningKind) -> &'static str {
    kind.as_str()
}

fn one_value(a: &Answers, id: &str) -> String {
    match a.get(id) {
        Some(Answer::One(v)) => v.clone(),
        _ => String::new(),
    }
}

fn text_value(a: &Answers, id: &str) -> String {
    match a.get(id) {
        Some(Answer::Text(t)) => t.clone(),
        _ => String::new(),
    }
}

fn many_values(a: &Answers, id: &str) -> Vec<String> {
    match a.get(id) {
        Some(Answer::Many(v)) => v.clone(),
        _ => Vec::new(),
    }
}

impl IeOutcome {
    fn not_proposed() -> Self {
        Self {
            purpose: None,
            timing: None,
            data: Vec::new(),
            reason: String::new(),
            answers: Answers::new(),
            verdict: Verdict::NotProposed,
            rules: Vec::new(),
            reasons: Vec::new(),
            timing_verdict: Timing::NotProposed,
            timing_reasons: Vec::new(),
        }
    }
}

impl Run<'_> {
    /// The outcome for a proposed contact, with its timing verdict apart from its merits.
    fn ie_contact(&mut self, raw_ie: &Answers, case: &Answers, record: &[&[String]]) -> IeOutcome {
        let (ie, aside) = relevant_and_set_aside(self.g, Scope::IeContact, raw_ie, case);
        self.set_aside("ie_contact", &aside);
        let said = with_said(&ie, record);
        let at = Lookup::scoped(&said, case, Some(&self.g.reading));
        let c = self.apply(Target::IeContact, "ie_contact", at);
        let verdict = match c.verdict {
            Some(v) => v,
            None => self.silent("ie_contact"),
        };
        let timing_reasons: Vec<Reason> = c
            .reasons
            .iter()
            .filter(|r| r.verdict == Some(Verdict::Defer))
            .cloned()
            .collect();
        let timing_verdict = if timing_reasons.is_empty() {
            Timing::NotDeferred
        } else {
            Timing::Defer
        };
        IeOutcome {
            purpose: Some(one_value(&ie, ie_fact::PURPOSE)).filter(|p| !p.is_empty()),
            timing: Some(one_value(&ie, ie_fact::TIMING)).filter(|t| !t.is_empty()),
            data: many_values(&ie, ie_fact::DATA),
            reason: text_value(&ie, ie_fact::REASON),
            answers: ie,
            verdict,
            rules: c.rules,
            reasons: c.reasons,
            timing_verdict,
            timing_reasons,
        }
    }
}

/// Applies the guidance to the facts.
pub fn assess(g: &Guidance, facts: &CaseFacts) -> Assessment {
    let empty = Answers::new();
    let (case, aside) = relevant_and_set_aside(g, Scope::Case, &facts.case, &empty);
    let mut run = Run {
        g,
        required: Vec::new(),
        prohibited: Vec::new(),
        warnings: Vec::new(),
        notes: Vec::new(),
    };
    run.set_aside("case", &aside);

    let case_said = with_said(&case, &[&facts.notes.case]);
    run.apply(
        Target::Case,
        "case",
        Lookup::case(&case_said).reading(Some(&g.reading)),
    );

    let mut checks = Vec::new();
    for (i, raw_check) in facts.checks.iter().enumerate() {
        let about = format!("check {}", i + 1);
        let (check, aside) = relevant_and_set_aside(g, Scope::Check, raw_check, &case);
        run.set_aside(&about, &aside);
        let own = facts.notes.checks.get(i).map_or(&[][..], Vec::as_slice);
        let said = with_said(&check, &[own, &facts.notes.case]);
        let at = Lookup::scoped(&said, &case, Some(&g.reading));
        let c = run.apply(Target::Check, &about, at);
        let verdict = match c.verdict {
            Some(v) => v,
            None => run.silent(&about),
        };
        checks.push(CheckOutcome {
            system: one_value(&check, check_fact::SYSTEM),
            subject: one_value(&check, check_fact::SUBJECT),
            purposes: many_values(&check, check_fact::PURPOSES),
            reason: text_value(&check, check_fact::REASON),
            answers: check,
            verdict,
            rules: c.rules,
            reasons: c.reasons,
        });
    }

    let ie_contact = match &facts.ie_contact {
        None => IeOutcome::not_proposed(),
        Some(raw_ie) => {
            run.ie_contact(raw_ie, &case, &[&facts.notes.ie_contact, &facts.notes.case])
        }
    };

    // An action that is prohibited is never offered as required.
    let prohibited_ids: Vec<String> = run.prohibited.iter().map(|a| a.action.clone()).collect();
    run.required.retain(|a| !prohibited_ids.contains(&a.action));

    let pack = g.pack();
    Assessment {
        guidance: GuidanceUsed {
            pack: pack.map(|p| p.id.clone()).unwrap_or_default(),
            version: pack.map(|p| p.version.clone()).unwrap_or_default(),
            digest: g.digest.clone(),
            profile: g.profile.as_ref().map(|p| p.id.clone()),
            layers: g
                .layers
                .iter()
                .map(|l| LayerUsed {
                    id: l.id.clone(),
                    kind: l.kind,
                    version: l.version.clone(),
                    digest: l.digest.clone(),
                })
                .collect(),
            folder: None,
            source: None,
            national_modified_locally: false,
            modified_files: Vec::new(),
        },
        facts: case,
        checks,
        ie_contact,
        prohibited: run.prohibited,
        required: run.required,
        not_needed: Vec::new(),
        warnings: run.warnings,
        notes: run.notes,
    }
}
