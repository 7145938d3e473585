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

use serde::Serialize;

use super::case::CaseFacts;
use super::condition::{Answer, Answers, Lookup, eval};
use super::guidance::{Guidance, LayerKind, check_fact, ie_fact};
use super::raw::{ActionKind, Effect, Scope, Target, WarningKind};

/// A verdict on a check or on IE contact. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No IE contact is proposed.
    NotProposed,
    Permitted,
    /// A purpose, reason or other detail is missing, or the guidance does not decide.
    Incomplete,
    /// IE contact must wait for a later juncture.
    Defer,
    /// The officer may go on only with a stronger recorded reason.
    NotRecommended,
    Refused,
}

impl Verdict {
    /// The word used in JSON and in the text report.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotProposed => "not_proposed",
            Self::Permitted => "permitted",
            Self::Incomplete => "incomplete",
            Self::Defer => "defer",
            Self::NotRecommended => "not_recommended",
            Self::Refused => "refused",
        }
    }

    fn from_effect(e: &Effect) -> Option<Self> {
        match e {
            Effect::Permit => Some(Self::Permitted),
            Effect::Incomplete => Some(Self::Incomplete),
            Effect::Defer => Some(Self::Defer),
            Effect::NotRecommend => Some(Self::NotRecommended),
            Effect::Refuse => Some(Self::Refused),
            _ => None,
        }
    }
}

/// Which guidance the assessment used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GuidanceUsed {
    /// The national pack id.
    pub pack: String,
    /// The national pack's version.
    pub version: String,
    /// SHA-256 over the SHA-256 of every file that went into the guidance, in order.
    pub digest: String,
    /// The force profile id, if any.
    pub profile: Option<String>,
    /// Every file that went into the guidance, baseline first.
    pub layers: Vec<LayerUsed>,
    /// The guidance folder the files were read from, when read from one.
    pub folder: Option<String>,
    /// Where the guidance came from, in words (built in, or which folder and why).
    pub source: Option<String>,
    /// True when a national pack or overlay used differs from the published
    /// manifest: "national guidance modified locally".
    pub national_modified_locally: bool,
    /// The national files used that differ from the manifest.
    pub modified_files: Vec<String>,
}

/// One file that went into the guidance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LayerUsed {
    pub id: String,
    pub kind: LayerKind,
    pub version: String,
    pub digest: String,
}

/// One decision that applied: what it says and the rules it cites.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The decision's id in the guidance.
    pub decision: String,
    /// The verdict this decision gave on its own, if it gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    pub message: String,
    pub rules: Vec<String>,
}

/// The outcome for one proposed check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckOutcome {
    pub system: String,
    pub subject: String,
    pub purposes: Vec<String>,
    /// The reason the officer recorded.
    pub reason: String,
    /// Every answer about this check that was used (answers set aside are not).
    pub answers: Answers,
    pub verdict: Verdict,
    /// Every guidance rule behind the verdict, in the order first cited.
    pub rules: Vec<String>,
    pub reasons: Vec<Reason>,
}

/// Whether proposed IE contact must wait, judged apart from its merits: a
/// deferral stays visible even when a stricter verdict is also given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// No contact is proposed.
    NotProposed,
    /// Nothing in the guidance says the contact must wait.
    NotDeferred,
    /// At least one decision says the contact must wait for a later juncture.
    Defer,
}

impl Timing {
    /// The word used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotProposed => "not_proposed",
            Self::NotDeferred => "not_deferred",
            Self::Defer => "defer",
        }
    }
}

/// The outcome for IE contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IeOutcome {
    /// What was proposed, as recorded (empty when nothing was).
    pub purpose: Option<String>,
    pub timing: Option<String>,
    pub data: Vec<String>,
    pub reason: String,
    /// Every answer about the contact that was used (answers set aside are not).
    pub answers: Answers,
    pub verdict: Verdict,
    pub rules: Vec<String>,
    pub reasons: Vec<Reason>,
    /// The timing verdict: whether the contact must wait, whatever its verdict.
    pub timing_verdict: Timing,
    /// The decisions that defer it, if any (also among `reasons`).
    pub timing_reasons: Vec<Reason>,
}

/// A required or prohibited action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionOutcome {
    pub action: String,
    pub label: String,
    pub rules: Vec<String>,
    pub reasons: Vec<Reason>,
}

/// A warning or a note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// `conflict`, `silence`, `pretext` or `caution` for warnings; `note` for notes.
    pub kind: String,
    /// What it is about: `case`, `check 2`, `ie_contact`.
    pub about: String,
    pub message: String,
    pub rules: Vec<String>,
    /// The decision that gave it; empty when the engine itself says the guidance is silent.
    pub decision: String,
}

/// Everything the engine concludes about a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub guidance: GuidanceUsed,
    /// The answers about the case that were used (answers set aside are not).
    pub facts: Answers,
    pub checks: Vec<CheckOutcome>,
    pub ie_contact: IeOutcome,
    pub prohibited: Vec<ActionOutcome>,
    pub required: Vec<ActionOutcome>,
    /// Required actions about carrying out a proposal the officer has recorded
    /// not doing: no longer needed, and why (`needed::settle`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_needed: Vec<NotNeeded>,
    pub warnings: Vec<Notice>,
    pub notes: Vec<Notice>,
}

/// A required action that fell away with the proposal it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotNeeded {
    pub action: ActionOutcome,
    /// Why, in the officer's words: "you recorded not making the contact".
    pub why: String,
}

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
                Lookup {
                    inner: Some(&kept),
                    case,
                }
            };
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
                    }),
                    Effect::Note => self.notes.push(Notice {
                        kind: "note".to_owned(),
                        about: about.to_owned(),
                        message: d.says.clone(),
                        rules: d.because.clone(),
                        decision: d.id.clone(),
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
        });
        Verdict::Incomplete
    }
}

fn warning_word(kind: WarningKind) -> &'static str {
    match kind {
        WarningKind::Conflict => "conflict",
        WarningKind::Silence => "silence",
        WarningKind::Pretext => "pretext",
        WarningKind::Caution => "caution",
    }
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
    fn ie_contact(&mut self, raw_ie: &Answers, case: &Answers) -> IeOutcome {
        let (ie, aside) = relevant_and_set_aside(self.g, Scope::IeContact, raw_ie, case);
        self.set_aside("ie_contact", &aside);
        let at = Lookup {
            inner: Some(&ie),
            case,
        };
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

    run.apply(Target::Case, "case", Lookup::case(&case));

    let mut checks = Vec::new();
    for (i, raw_check) in facts.checks.iter().enumerate() {
        let about = format!("check {}", i + 1);
        let (check, aside) = relevant_and_set_aside(g, Scope::Check, raw_check, &case);
        run.set_aside(&about, &aside);
        let at = Lookup {
            inner: Some(&check),
            case: &case,
        };
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
        Some(raw_ie) => run.ie_contact(raw_ie, &case),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::condition::Answer;
    use crate::core::parse;
    use crate::core::validate::{Library, LoadedFile};

    /// A small pack that exercises the engine's own rules, not any policy.
    const PACK: &str = r#"Pack(
        id: "t", title: "Test", version: "1", effective: "2020-01-01", review_by: "2030-01-01",
        sources: [(id: "S", title: "S", publisher: "P", date: "2020")],
        guidance: [
            (id: "R1", title: "R1", explanation: "E", kind: NationalGuidance, sources: ["S"], status: Cited),
            (id: "R2", title: "R2", explanation: "E", kind: NationalGuidance, sources: ["S"], status: Cited),
        ],
        facts: [
            (id: "role", kind: One, question: "Q", values: [(id: "a", label: "A"), (id: "b", label: "B")]),
            (id: "detail", kind: One, question: "Q", values: [(id: "x", label: "X")], relevant: Is("role", "b")),
            (id: "check_system", scope: Check, kind: One, question: "Q", values: [(id: "s", label: "S")]),
            (id: "check_subject", scope: Check, kind: One, question: "Q", values: [(id: "p", label: "P")]),
            (id: "check_purposes", scope: Check, kind: Many, question: "Q", values: [(id: "good", label: "G"), (id: "bad", label: "B"), (id: "odd", label: "O")]),
            (id: "check_reason", scope: Check, kind: Text, question: "Q"),
            (id: "ie_purpose", scope: IeContact, kind: One, question: "Q", values: [(id: "p", label: "P")]),
            (id: "ie_timing", scope: IeContact, kind: One, question: "Q", values: [(id: "t", label: "T")]),
            (id: "ie_data", scope: IeContact, kind: Many, question: "Q", values: [(id: "d", label: "D")]),
            (id: "ie_reason", scope: IeContact, kind: Text, question: "Q"),
            (id: "ie_flag", scope: IeContact, kind: One, question: "Q", values: [(id: "x", label: "X")]),
        ],
        definitions: [(id: "flag", scope: IeContact, means: "The flag is set.", when: Is("ie_flag", "x"))],
        actions: [
            (id: "do", kind: Required, label: "Do"),
            (id: "never", kind: Prohibited, label: "Never"),
        ],
        decisions: [
            (id: "permit-good", applies_to: Check, when: Has("check_purposes", ["good"]), then: [Permit], because: ["R1"], says: "good"),
            (id: "refuse-bad", applies_to: Check, when: Has("check_purposes", ["bad"]), then: [Refuse], because: ["R2"], says: "bad"),
            (id: "detail-note", applies_to: Case, when: Is("detail", "x"), then: [Note, Require("do")], because: ["R1"], says: "detail"),
            (id: "never", applies_to: Case, when: Always, then: [Prohibit("never")], because: ["R2"], says: "never"),
            (id: "defer-ie", applies_to: IeContact, when: Answered("ie_timing"), then: [Defer], because: ["R1"], says: "later"),
            (id: "flagged", applies_to: IeContact, when: Holds("flag"), then: [NotRecommend], because: ["R2"], says: "flagged"),
        ],
    )"#;

    fn guidance() -> Guidance {
        let (src, file) = parse::guidance_file("t.ron", PACK.as_bytes()).expect("parses");
        let (lib, problems) = Library::new(vec![LoadedFile { src, file }]);
        assert!(
            problems.is_empty() && lib.lint().is_empty(),
            "{}",
            lib.lint()
        );
        lib.resolve("t", None).expect("resolves")
    }

    fn check(purposes: &[&str]) -> Answers {
        let mut a = Answers::new();
        let list = purposes.iter().map(|p| (*p).to_owned()).collect();
        a.insert("check_purposes".to_owned(), Answer::Many(list));
        a
    }

    #[test]
    fn most_severe_verdict_wins_and_every_decision_is_cited_deciding_first() {
        let g = guidance();
        let facts = CaseFacts {
            checks: vec![check(&["good", "bad"]), check(&["good"]), check(&["odd"])],
            ..CaseFacts::default()
        };
        let a = assess(&g, &facts);
        assert_eq!(a.checks[0].verdict, Verdict::Refused);
        assert_eq!(a.checks[0].rules, ["R2", "R1"]);
        assert_eq!(a.checks[0].reasons[1].verdict, Some(Verdict::Permitted));
        assert_eq!(a.checks[1].verdict, Verdict::Permitted);
        // Nothing decides the third: the engine says so instead of inventing a verdict.
        assert_eq!(a.checks[2].verdict, Verdict::Incomplete);
        assert!(a.checks[2].rules.is_empty());
        assert!(
            a.warnings
                .iter()
                .any(|w| w.kind == "silence" && w.about == "check 3")
        );
    }

    #[test]
    fn answers_to_questions_not_asked_are_set_aside() {
        let g = guidance();
        let mut case = Answers::new();
        case.insert("role".to_owned(), Answer::One("a".to_owned()));
        case.insert("detail".to_owned(), Answer::One("x".to_owned()));
        let a = assess(
            &g,
            &CaseFacts {
                case: case.clone(),
                ..CaseFacts::default()
            },
        );
        // The detail is only asked when role is b: its answer is set aside, and a note says so.
        assert!(a.required.is_empty());
        assert_eq!(a.notes.len(), 1);
        assert_eq!(a.notes[0].kind, "set_aside");
        case.insert("role".to_owned(), Answer::One("b".to_owned()));
        let a = assess(
            &g,
            &CaseFacts {
                case,
                ..CaseFacts::default()
            },
        );
        assert_eq!(a.notes.len(), 1);
        assert_eq!(a.notes[0].decision, "detail-note");
        assert_eq!(a.required[0].action, "do");
    }

    #[test]
    fn ie_contact_is_not_proposed_unless_present() {
        let g = guidance();
        let a = assess(&g, &CaseFacts::default());
        assert_eq!(a.ie_contact.verdict, Verdict::NotProposed);
        assert_eq!(a.prohibited[0].action, "never");
        let mut ie = Answers::new();
        ie.insert("ie_timing".to_owned(), Answer::One("t".to_owned()));
        let a = assess(
            &g,
            &CaseFacts {
                ie_contact: Some(ie),
                ..CaseFacts::default()
            },
        );
        assert_eq!(a.ie_contact.verdict, Verdict::Defer);
        assert_eq!(a.ie_contact.rules, ["R1"]);
        assert_eq!(a.ie_contact.timing_verdict, Timing::Defer);
    }

    #[test]
    fn a_deferral_stays_visible_under_a_stricter_verdict() {
        let g = guidance();
        let mut ie = Answers::new();
        ie.insert("ie_timing".to_owned(), Answer::One("t".to_owned()));
        ie.insert("ie_flag".to_owned(), Answer::One("x".to_owned()));
        let a = assess(
            &g,
            &CaseFacts {
                ie_contact: Some(ie.clone()),
                ..CaseFacts::default()
            },
        );
        // The named condition was expanded at validation and applies here.
        assert_eq!(a.ie_contact.verdict, Verdict::NotRecommended);
        assert_eq!(a.ie_contact.timing_verdict, Timing::Defer);
        assert_eq!(a.ie_contact.timing_reasons[0].decision, "defer-ie");
        ie.remove("ie_timing");
        let a = assess(
            &g,
            &CaseFacts {
                ie_contact: Some(ie),
                ..CaseFacts::default()
            },
        );
        assert_eq!(a.ie_contact.verdict, Verdict::NotRecommended);
        assert_eq!(a.ie_contact.timing_verdict, Timing::NotDeferred);
        assert!(a.ie_contact.timing_reasons.is_empty());
    }
}
