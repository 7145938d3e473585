//! An officer's answers, checked against the guidance they are assessed under.
//!
//! A case file ([`raw::Case`]) says which pack and profile it uses and holds the
//! answers. [`CaseFacts::from_raw`] checks every answer against the fact
//! catalogue and reports every problem at once, located in the case file.

use super::condition::{Answer, Answers};
use super::diagnostic::{Diagnostic, Diagnostics};
use super::guidance::{Guidance, check_fact, ie_fact};
use super::raw::{self, FactKind, Scope};
use super::source::SourceText;

/// The longest free text accepted in any answer, in characters.
pub const MAX_TEXT_CHARS: usize = 8_000;

/// The most checks one case may propose.
pub const MAX_CHECKS: usize = 200;

/// The facts of a check that have fields of their own in a case file.
const FIXED_CHECK: [(&str, &str); 4] = [
    (check_fact::SYSTEM, "system"),
    (check_fact::SUBJECT, "subject"),
    (check_fact::PURPOSES, "purposes"),
    (check_fact::REASON, "reason"),
];

/// The facts of the IE contact that have fields of their own in a case file.
const FIXED_IE: [(&str, &str); 4] = [
    (ie_fact::PURPOSE, "purpose"),
    (ie_fact::TIMING, "timing"),
    (ie_fact::DATA, "data"),
    (ie_fact::REASON, "reason"),
];

/// What each answer to the single timing question of earlier case files means, in
/// the juncture questions that replaced it (`guidance/README.md`, "Case files").
/// The old answer said when contact was meant to happen, not what had been done:
/// "now" says it would not wait for safeguarding or the account, but "after the
/// account is secured" does not say that it is, so it answers nothing, and the
/// juncture questions stay unanswered (issue 14).
const LEGACY_TIMING: [(&str, &[(&str, &str)]); 4] = [
    (
        "now",
        &[("safeguarding_in_place", "no"), ("account_secured", "no")],
    ),
    (
        "at_scene_or_sarc",
        &[("safeguarding_in_place", "no"), ("account_secured", "no")],
    ),
    ("after_safeguarding", &[]),
    ("after_account_secured", &[]),
];

/// Checked answers: the case's own, one set per proposed check, and the IE contact's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CaseFacts {
    pub case: Answers,
    pub checks: Vec<Answers>,
    pub ie_contact: Option<Answers>,
    /// The officer's record's free text, which the screen reads too (`Says`).
    pub notes: RecordTexts,
}

/// The free text of the officer's record, by what it is about: the reason
/// for each decision, the supervisor's comment, the notes on actions and the
/// review. None of it can give a verdict; the screen reads it so that a
/// request written there makes a verdict stricter, as it would in a reason.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RecordTexts {
    /// The supervisor's comment, the notes on actions and the review.
    pub case: Vec<String>,
    /// Each check's decision: its reason and when it will be reconsidered.
    pub checks: Vec<Vec<String>>,
    /// The contact's decision: its reason and when it will be reconsidered.
    pub ie_contact: Vec<String>,
}

impl RecordTexts {
    /// The texts of a case file's record, blank ones left out.
    pub fn of(case: &raw::Case) -> Self {
        let keep = |v: &mut Vec<String>, t: &str| {
            if !t.trim().is_empty() {
                v.push(t.to_owned());
            }
        };
        let decision = |d: Option<&raw::OfficerDecision>| {
            let mut v = Vec::new();
            if let Some(d) = d {
                keep(&mut v, &d.reason);
                keep(&mut v, &d.reconsider);
            }
            v
        };
        let mut case_texts = Vec::new();
        if let Some(s) = &case.supervisor {
            keep(&mut case_texts, &s.comment);
        }
        for a in case.actions.values() {
            keep(&mut case_texts, &a.note);
        }
        keep(&mut case_texts, &case.review);
        Self {
            case: case_texts,
            checks: case
                .checks
                .iter()
                .map(|c| decision(c.decision.as_ref()))
                .collect(),
            ie_contact: decision(case.ie_contact.as_ref().and_then(|c| c.decision.as_ref())),
        }
    }
}

struct Checker<'a> {
    g: &'a Guidance,
    src: &'a SourceText,
    problems: Diagnostics,
    /// Problems found past the most that are listed: counted, not located.
    unlisted: usize,
}

impl Checker<'_> {
    /// Every timestamp is RFC 3339, and they come in order: completion and a
    /// supervisor's review not before the start, a change not before the start.
    fn dates(&mut self, case: &raw::Case) {
        let form = "in the form 2026-11-29T10:15:00Z (RFC 3339)";
        let at = |c: &mut Self, field: &str, value: &str| -> Option<i64> {
            let t = super::time::seconds(value);
            if t.is_none() {
                c.err(
                    value,
                    format!(
                        "{field}: \"{}\" is not a date and time {form}",
                        super::text::clip(&super::text::escape(value), 40)
                    ),
                );
            }
            t
        };
        let started = case.started.as_deref().and_then(|v| at(self, "started", v));
        let completed = case
            .completed
            .as_deref()
            .and_then(|v| at(self, "completed", v));
        if let (Some(s), Some(c), Some(v)) = (started, completed, case.completed.as_deref())
            && c < s
        {
            self.err(
                v,
                "completed: the case cannot be completed before it was started".to_owned(),
            );
        }
        if let Some(sup) = &case.supervisor
            && !sup.at.is_empty()
            && let Some(r) = at(self, "supervisor → at", &sup.at)
            && started.is_some_and(|s| r < s)
        {
            self.err(
                &sup.at,
                "supervisor → at: the review cannot come before the case was started".to_owned(),
            );
        }
        for (i, ch) in case.changes.iter().enumerate() {
            if let Some(t) = at(self, &format!("changes[{i}] → at"), &ch.at)
                && started.is_some_and(|s| t < s)
            {
                self.err(
                    &ch.at,
                    format!("changes[{i}] → at: a change cannot come before the case was started"),
                );
            }
        }
    }

    fn err(&mut self, near: &str, message: String) {
        // Enough to act on: the rest are counted (a crafted file may hold
        // hundreds of thousands), leaving room for the line that counts them.
        if self.problems.len() + 1 >= super::diagnostic::MAX_REPORTED_ERRORS {
            self.unlisted += 1;
            return;
        }
        let pos = self.src.locate_quoted(near).or_else(|| {
            // A field name such as `checks:` is not quoted in RON.
            let field = format!("{near}:");
            self.src.text.find(&field).map(|at| self.src.position(at))
        });
        self.problems
            .0
            .push(Diagnostic::new(&self.src.path, pos, message));
    }

    /// Checks one answer given as a RON value against the fact it answers.
    fn answer(&mut self, ctx: &str, fact: &raw::Fact, value: &ron::Value) -> Option<Answer> {
        let expected = match fact.kind {
            FactKind::One => "one of its values, as a string",
            FactKind::Many => "a list of its values",
            FactKind::Text => "text, as a string",
        };
        let answer = match (fact.kind, value) {
            (FactKind::One, ron::Value::String(s)) => Answer::One(s.clone()),
            (FactKind::Text, ron::Value::String(s)) => Answer::Text(s.clone()),
            (FactKind::Many, ron::Value::Seq(items)) => {
                let mut out = Vec::new();
                for item in items {
                    if let ron::Value::String(s) = item {
                        out.push(s.clone());
                    } else {
                        self.err(&fact.id, format!("{ctx}: every item must be a string"));
                        return None;
                    }
                }
                Answer::Many(out)
            }
            (FactKind::One, ron::Value::Bool(b)) => {
                Answer::One(if *b { "yes" } else { "no" }.to_owned())
            }
            _ => {
                self.err(&fact.id, format!("{ctx}: expected {expected}"));
                return None;
            }
        };
        self.check(ctx, fact, answer)
    }

    fn check(&mut self, ctx: &str, fact: &raw::Fact, answer: Answer) -> Option<Answer> {
        let known = |v: &str| fact.values.iter().any(|x| x.id == v);
        let listing = || {
            fact.values
                .iter()
                .map(|x| x.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match &answer {
            Answer::One(v) if !known(v) => {
                self.err(
                    v,
                    format!(
                        "{ctx}: \"{v}\" is not an answer to this question (expected one of: {})",
                        listing()
                    ),
                );
                return None;
            }
            Answer::Many(vs) => {
                let mut ok = true;
                for v in vs {
                    if !known(v) {
                        self.err(v, format!("{ctx}: \"{v}\" is not an answer to this question (expected any of: {})", listing()));
                        ok = false;
                    }
                }
                let mut seen = Vec::new();
                for v in vs {
                    if seen.contains(&v) {
                        self.err(v, format!("{ctx}: \"{v}\" is listed twice"));
                        ok = false;
                    }
                    seen.push(v);
                }
                if !ok {
                    return None;
                }
            }
            Answer::Text(t) if t.chars().count() > MAX_TEXT_CHARS => {
                let near = if self.src.locate_quoted(t).is_some() {
                    t.as_str()
                } else {
                    fact.id.as_str()
                };
                self.err(
                    near,
                    format!(
                        "{ctx}: the text is {} characters; the most accepted is {MAX_TEXT_CHARS}",
                        t.chars().count()
                    ),
                );
                return None;
            }
            _ => {}
        }
        Some(answer)
    }

    fn scoped(&mut self, ctx: &str, id: &str, scope: Scope) -> Option<&raw::Fact> {
        match self.g.fact(id) {
            Some(f) if f.scope == scope => self.g.fact(id),
            _ => {
                self.err(
                    id,
                    format!("{ctx}: the guidance declares no fact \"{id}\" here"),
                );
                None
            }
        }
    }

    /// Answers to the further questions about a check or the contact, given in its
    /// `answers` map. The facts with fields of their own must be given there instead.
    fn further(
        &mut self,
        ctx: &str,
        into: &mut Answers,
        given: &std::collections::BTreeMap<String, ron::Value>,
        scope: Scope,
        fixed: &[(&str, &str)],
    ) {
        for (id, value) in given {
            let here = format!("{ctx} → answers → \"{id}\"");
            if let Some((_, field)) = fixed.iter().find(|(f, _)| f == id) {
                self.err(
                    id,
                    format!("{here}: give this as `{field}:`, not in `answers`"),
                );
                continue;
            }
            let Some(fact) = self.scoped(&here, id, scope).cloned() else {
                continue;
            };
            if let Some(a) = self.answer(&here, &fact, value) {
                into.insert(id.clone(), a);
            }
        }
    }

    /// One proposed check's answers.
    fn case_check(&mut self, i: usize, check: &raw::CaseCheck) -> Answers {
        let ctx = format!("checks → {}", i + 1);
        let mut a = Answers::new();
        // The wizard saves a system or subject not chosen yet as "": unanswered,
        // as it is in the window, not an answer the guidance does not offer.
        if !check.system.is_empty() {
            self.insert(
                &format!("{ctx} → system"),
                &mut a,
                check_fact::SYSTEM,
                Scope::Check,
                Answer::One(check.system.clone()),
            );
        }
        if !check.subject.is_empty() {
            self.insert(
                &format!("{ctx} → subject"),
                &mut a,
                check_fact::SUBJECT,
                Scope::Check,
                Answer::One(check.subject.clone()),
            );
        }
        self.insert(
            &format!("{ctx} → purposes"),
            &mut a,
            check_fact::PURPOSES,
            Scope::Check,
            Answer::Many(check.purposes.clone()),
        );
        self.insert(
            &format!("{ctx} → reason"),
            &mut a,
            check_fact::REASON,
            Scope::Check,
            Answer::Text(check.reason.clone()),
        );
        self.further(&ctx, &mut a, &check.answers, Scope::Check, &FIXED_CHECK);
        a
    }

    /// The proposed contact's answers.
    fn case_ie(&mut self, ie: &raw::CaseIeContact) -> Answers {
        let mut a = Answers::new();
        if let Some(p) = &ie.purpose {
            self.insert(
                "ie_contact → purpose",
                &mut a,
                ie_fact::PURPOSE,
                Scope::IeContact,
                Answer::One(p.clone()),
            );
        }
        if let Some(t) = ie
            .timing
            .as_ref()
            .filter(|_| self.g.fact(ie_fact::TIMING).is_none())
        {
            self.legacy_timing(t, &mut a);
        } else if let Some(t) = &ie.timing {
            self.insert(
                "ie_contact → timing",
                &mut a,
                ie_fact::TIMING,
                Scope::IeContact,
                Answer::One(t.clone()),
            );
        }
        self.insert(
            "ie_contact → data",
            &mut a,
            ie_fact::DATA,
            Scope::IeContact,
            Answer::Many(ie.data.clone()),
        );
        self.insert(
            "ie_contact → reason",
            &mut a,
            ie_fact::REASON,
            Scope::IeContact,
            Answer::Text(ie.reason.clone()),
        );
        self.further(
            "ie_contact",
            &mut a,
            &ie.answers,
            Scope::IeContact,
            &FIXED_IE,
        );
        a
    }

    /// A case file written when the guidance asked a single timing question: its
    /// answer stands for answers to the juncture questions that replaced it. Each
    /// is checked like any other answer, and an answer given in `answers` wins.
    fn legacy_timing(&mut self, value: &str, into: &mut Answers) {
        let Some((_, means)) = LEGACY_TIMING.iter().find(|(v, _)| *v == value) else {
            let known: Vec<&str> = LEGACY_TIMING.iter().map(|(v, _)| *v).collect();
            self.err(
                value,
                format!(
                    "ie_contact → timing: \"{value}\" is not an answer to this question (expected one of: {}; or answer the juncture questions in `answers`)",
                    known.join(", ")
                ),
            );
            return;
        };
        for (fact, answer) in *means {
            self.insert(
                "ie_contact → timing",
                into,
                fact,
                Scope::IeContact,
                Answer::One((*answer).to_owned()),
            );
        }
    }

    fn insert(&mut self, ctx: &str, into: &mut Answers, id: &str, scope: Scope, answer: Answer) {
        if let Some(fact) = self.scoped(ctx, id, scope) {
            let fact = fact.clone();
            if let Some(a) = self.check(ctx, &fact, answer) {
                into.insert(id.to_owned(), a);
            }
        }
    }
}

impl CaseFacts {
    /// Checks a parsed case file against `g`. `src` locates the problems.
    pub fn from_raw(g: &Guidance, src: &SourceText, case: &raw::Case) -> Result<Self, Diagnostics> {
        let mut c = Checker {
            g,
            src,
            problems: Diagnostics::default(),
            unlisted: 0,
        };
        let mut out = Self::default();
        for (id, value) in &case.facts {
            let ctx = format!("facts → \"{id}\"");
            let Some(fact) = c.scoped(&ctx, id, Scope::Case).cloned() else {
                continue;
            };
            if let Some(a) = c.answer(&ctx, &fact, value) {
                out.case.insert(id.clone(), a);
            }
        }
        if case.checks.len() > MAX_CHECKS {
            c.err(
                "checks",
                format!(
                    "checks: {} checks proposed; the most accepted is {MAX_CHECKS}",
                    case.checks.len()
                ),
            );
        }
        for (i, check) in case.checks.iter().enumerate().take(MAX_CHECKS) {
            out.checks.push(c.case_check(i, check));
        }
        out.ie_contact = case.ie_contact.as_ref().map(|ie| c.case_ie(ie));
        out.notes = RecordTexts::of(case);
        c.dates(case);
        if c.problems.is_empty() {
            Ok(out)
        } else {
            c.problems.normalise();
            if c.unlisted > 0 {
                c.problems.0.push(Diagnostic::new(
                    &src.path,
                    None,
                    format!(
                        "... and {} more problems of the same kinds, not listed",
                        c.unlisted
                    ),
                ));
            }
            Err(c.problems)
        }
    }
}
