//! The decision note: the recorded justification, made from a case, the
//! guidance it was assessed under and the assessment.
//!
//! - [`build`] makes the [`Note`] (pure data, worded for people);
//! - [`render`] turns it into the canonical text, or the lines the PDF writer
//!   lays out, and [`markdown`] into Markdown (and back);
//! - [`seal`] computes the digests a note carries and its check code;
//! - [`integrity`] gives the note as JSON and checks a note later ([`verify`]).
//!
//! Every heading and fixed sentence comes from [`wording`].

use std::fmt::Write as _;

pub mod integrity;
pub mod markdown;
pub mod model;
pub mod render;
pub mod seal;
pub mod wording;

pub use integrity::{Verified, digest, to_json, verify};
pub use markdown::render_markdown;
pub use model::{Note, NoteFile, Stage};
pub use render::{Format, render_text};

use super::case::CaseFacts;
use super::condition::{Answer, Answers};
use super::engine::{Assessment, Notice, Reason};
use super::guidance::{Guidance, check_fact};
use super::raw::{self, Scope};
use model::{
    ActionNote, Answered, Because, ChangeNote, CheckNote, Decided, Flag, GuidanceNote, IeNote,
    LayerNote, RuleNote, SupervisorNote,
};

/// Where a fact goes under the National Decision Model.
///
/// The default, [`stage_by_scope`], puts every case question under
/// Information and check and contact questions under Powers and policy. When
/// the guidance groups its questions into steps with a stage, pass a function
/// that looks the stage up there instead.
pub type StageOf<'a> = &'a dyn Fn(&raw::Fact) -> Stage;

/// The fallback stage of a fact, from what it belongs to.
pub fn stage_by_scope(f: &raw::Fact) -> Stage {
    match f.scope {
        Scope::Case => Stage::Information,
        Scope::Check | Scope::IeContact => Stage::PowersAndPolicy,
    }
}

/// The stage of a case question from the wizard step that asks it, where the
/// guidance declares steps; otherwise, and for check and contact questions,
/// [`stage_by_scope`].
pub fn stage_by_step(g: &Guidance, f: &raw::Fact) -> Stage {
    if f.scope != Scope::Case {
        return stage_by_scope(f);
    }
    g.steps
        .iter()
        .find(|s| s.facts.contains(&f.id))
        .map_or_else(
            || stage_by_scope(f),
            |s| match s.stage {
                raw::Stage::Information => Stage::Information,
                raw::Stage::ThreatAndRisk => Stage::ThreatAndRisk,
                raw::Stage::PowersAndPolicy => Stage::PowersAndPolicy,
                raw::Stage::Options => Stage::Options,
                raw::Stage::ActionAndReview => Stage::ActionAndReview,
            },
        )
}

/// The note for a case, with each case question under the stage of the step
/// that asks it ([`stage_by_step`]).
pub fn build(g: &Guidance, case: &raw::Case, facts: &CaseFacts, a: &Assessment) -> Note {
    build_with(g, case, facts, a, &|f| stage_by_step(g, f))
}

/// The note for a case as the wizard holds it: checks the answers against the
/// guidance, assesses the case and builds the note. `src` names the case in
/// any error (its text is only used to locate errors).
pub fn from_case(
    g: &Guidance,
    src: &super::source::SourceText,
    case: &raw::Case,
) -> Result<Note, super::diagnostic::Diagnostics> {
    let facts = CaseFacts::from_raw(g, src, case)?;
    let mut a = super::engine::assess(g, &facts);
    super::needed::settle(g, case, &mut a);
    Ok(build(g, case, &facts, &a))
}

/// Makes text safe to paste into a records system and to print: typographic
/// quotes, dashes and ellipses become ASCII, line breaks become ` / `, tabs and
/// unusual spaces a space, invisible characters are dropped and any other
/// control or direction-changing character is shown as `[U+XXXX]`, and runs of
/// spaces become one. Letters outside ASCII (names) are kept.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' => out.push('\''),
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' => out.push('"'),
            '\u{2010}'..='\u{2015}' | '\u{2212}' => out.push('-'),
            '\u{2026}' => out.push_str("..."),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(" / ");
            }
            '\n' | '\u{2028}' | '\u{2029}' => out.push_str(" / "),
            '\t' | '\u{a0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' => {
                out.push(' ');
            }
            '\u{ad}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => {}
            c if c.is_control()
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c)
                || c == '\u{200E}'
                || c == '\u{200F}' =>
            {
                let _ = write!(out, "[U+{:04X}]", u32::from(c));
            }
            c => out.push(c),
        }
    }
    // Runs of spaces become one, and none is left at either end, so that
    // wrapping never leaves trailing spaces a records system would trim.
    out.split(' ')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

fn answer_text(g: &Guidance, fact: &str, a: &Answer) -> String {
    match a {
        Answer::One(v) => clean(g.value_label(fact, v)),
        Answer::Many(vs) => vs
            .iter()
            .map(|v| clean(g.value_label(fact, v)))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Text(t) => clean(t.trim()),
    }
}

fn is_set_aside(a: &Assessment, about: &str, question: &str) -> bool {
    let quoted = format!("\"{question}\"");
    a.notes
        .iter()
        .any(|n| n.kind == "set_aside" && n.about == about && n.message.contains(&quoted))
}

/// The answers of one scope, in the order the guidance asks them, leaving out
/// those set aside and those listed in `skip`.
fn answers(
    g: &Guidance,
    a: &Assessment,
    scope: Scope,
    about: &str,
    given: &Answers,
    skip: &[&str],
    stage: StageOf<'_>,
) -> Vec<Answered> {
    g.facts
        .iter()
        .filter(|f| f.scope == scope && !skip.contains(&f.id.as_str()))
        .filter_map(|f| {
            let answer = given.get(&f.id)?;
            if !answer.is_answered() || is_set_aside(a, about, &f.question) {
                return None;
            }
            Some(Answered {
                stage: stage(f),
                question: clean(&f.question),
                answer: answer_text(g, &f.id, answer),
            })
        })
        .collect()
}

fn because(rs: &[Reason]) -> Vec<Because> {
    rs.iter()
        .map(|r| Because {
            verdict: r.verdict.map(|v| v.as_str().to_owned()),
            message: clean(&r.message),
            rules: r.rules.clone(),
        })
        .collect()
}

fn decided(d: Option<&raw::OfficerDecision>) -> Option<Decided> {
    d.map(|d| Decided {
        choice: match d.choice {
            raw::Choice::Undecided => "undecided",
            raw::Choice::Proceed => "proceed",
            raw::Choice::DoNotProceed => "do_not_proceed",
            raw::Choice::Defer => "defer",
        }
        .to_owned(),
        reason: clean(d.reason.trim()),
        reconsider: clean(d.reconsider.trim()),
    })
}

fn flag(n: &Notice) -> Flag {
    let message = if n.words.is_empty() {
        n.message.clone()
    } else {
        let words: Vec<String> = n
            .words
            .iter()
            .map(|w| format!("\u{201C}{w}\u{201D}"))
            .collect();
        format!("{} Words found: {}.", n.message, words.join(", "))
    };
    Flag {
        kind: n.kind.clone(),
        about: wording::about(&n.about),
        message: clean(&message),
        rules: n.rules.clone(),
    }
}

fn push_rules(into: &mut Vec<String>, rules: &[String]) {
    for r in rules {
        if !into.contains(r) {
            into.push(r.clone());
        }
    }
}

fn guidance_note(g: &Guidance, a: &Assessment) -> GuidanceNote {
    GuidanceNote {
        pack: a.guidance.pack.clone(),
        title: g.pack().map(|p| clean(&p.title)).unwrap_or_default(),
        version: a.guidance.version.clone(),
        digest: a.guidance.digest.clone(),
        profile: a.guidance.profile.clone(),
        force: g.profile.as_ref().map(|p| clean(&p.force)),
        layers: g
            .layers
            .iter()
            .map(|l| LayerNote {
                id: l.id.clone(),
                kind: match l.kind {
                    super::guidance::LayerKind::Baseline => "baseline",
                    super::guidance::LayerKind::Revision => "revision",
                    super::guidance::LayerKind::Overlay => "overlay",
                    super::guidance::LayerKind::Profile => "profile",
                }
                .to_owned(),
                title: clean(&l.title),
                version: l.version.clone(),
                digest: l.digest.clone(),
            })
            .collect(),
        modified: Vec::new(),
    }
}

/// The note for a case, with facts staged by `stage`.
#[allow(clippy::too_many_lines, reason = "one field of the note after another")]
pub fn build_with(
    g: &Guidance,
    case: &raw::Case,
    facts: &CaseFacts,
    a: &Assessment,
    stage: StageOf<'_>,
) -> Note {
    let fixed_check = [
        check_fact::SYSTEM,
        check_fact::SUBJECT,
        check_fact::PURPOSES,
        check_fact::REASON,
    ];
    let empty = Answers::new();
    let checks: Vec<CheckNote> = a
        .checks
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let about = format!("check {}", i + 1);
            let given = facts.checks.get(i).unwrap_or(&empty);
            CheckNote {
                system: clean(g.value_label(check_fact::SYSTEM, &c.system)),
                subject: clean(g.value_label(check_fact::SUBJECT, &c.subject)),
                purposes: c
                    .purposes
                    .iter()
                    .map(|p| clean(g.value_label(check_fact::PURPOSES, p)))
                    .collect(),
                reason: clean(c.reason.trim()),
                answers: answers(g, a, Scope::Check, &about, given, &fixed_check, stage),
                verdict: c.verdict.as_str().to_owned(),
                rules: c.rules.clone(),
                because: because(&c.reasons),
                decision: decided(case.checks.get(i).and_then(|k| k.decision.as_ref())),
            }
        })
        .collect();
    let ie = &a.ie_contact;
    let ie_contact = IeNote {
        proposed: facts.ie_contact.is_some(),
        answers: facts.ie_contact.as_ref().map_or_else(Vec::new, |given| {
            answers(g, a, Scope::IeContact, "ie_contact", given, &[], stage)
        }),
        verdict: ie.verdict.as_str().to_owned(),
        rules: ie.rules.clone(),
        because: because(&ie.reasons),
        decision: decided(case.ie_contact.as_ref().and_then(|c| c.decision.as_ref())),
    };
    let required: Vec<ActionNote> = a
        .required
        .iter()
        .map(|r| {
            let rec = case.actions.get(&r.action);
            ActionNote {
                label: clean(&r.label),
                rules: r.rules.clone(),
                done: rec.map(|x| x.done),
                note: rec.map(|x| clean(x.note.trim())).unwrap_or_default(),
                not_needed: String::new(),
            }
        })
        .chain(a.not_needed.iter().map(|n| ActionNote {
            label: clean(&n.action.label),
            rules: n.action.rules.clone(),
            done: None,
            note: String::new(),
            not_needed: clean(&n.why),
        }))
        .collect();
    let flags: Vec<Flag> = a
        .warnings
        .iter()
        .chain(a.notes.iter().filter(|n| n.kind != "set_aside"))
        .map(flag)
        .collect();
    let set_aside: Vec<Flag> = a
        .notes
        .iter()
        .filter(|n| n.kind == "set_aside")
        .map(flag)
        .collect();
    let changes = change_log(g, case);

    let mut cited = Vec::new();
    for c in &checks {
        push_rules(&mut cited, &c.rules);
    }
    push_rules(&mut cited, &ie_contact.rules);
    for r in a
        .required
        .iter()
        .chain(a.not_needed.iter().map(|n| &n.action))
    {
        push_rules(&mut cited, &r.rules);
    }
    for p in &a.prohibited {
        push_rules(&mut cited, &p.rules);
    }
    for f in &flags {
        push_rules(&mut cited, &f.rules);
    }
    let rules = cited
        .iter()
        .map(|id| {
            let entry = g.rule(id);
            RuleNote {
                id: id.clone(),
                title: entry.map(|e| clean(&e.rule.title)).unwrap_or_default(),
                status: entry
                    .map(|e| wording::certainty(&format!("{:?}", e.rule.status)).to_owned())
                    .unwrap_or_default(),
                sources: entry
                    .map(|e| {
                        e.rule
                            .sources
                            .iter()
                            .map(|s| {
                                g.sources.get(s).map_or_else(
                                    || s.clone(),
                                    |src| {
                                        clean(&format!(
                                            "{}, {}, {}",
                                            src.title, src.publisher, src.date
                                        ))
                                    },
                                )
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                section: entry
                    .and_then(|e| e.rule.section.as_deref())
                    .map(clean)
                    .unwrap_or_default(),
            }
        })
        .collect();

    let officer = case.officer.as_ref();
    Note {
        crime_reference: officer
            .map(|o| clean(o.crime_reference.trim()))
            .unwrap_or_default(),
        draft: case.completed.is_none(),
        officer: officer.map(|o| clean(o.name.trim())).unwrap_or_default(),
        officer_role: officer.map(|o| clean(o.role.trim())).unwrap_or_default(),
        started: case.started.as_deref().map(clean).unwrap_or_default(),
        completed: case.completed.as_deref().map(clean).unwrap_or_default(),
        facts: answers(g, a, Scope::Case, "case", &facts.case, &[], stage),
        checks,
        ie_contact,
        prohibited: a.prohibited.iter().map(|p| clean(&p.label)).collect(),
        required,
        supervisor: case.supervisor.as_ref().map(|s| SupervisorNote {
            name: clean(s.name.trim()),
            at: clean(s.at.trim()),
            comment: clean(s.comment.trim()),
        }),
        supervisor_needed: a.warnings.iter().any(|w| w.kind == "silence"),
        review: clean(case.review.trim()),
        flags,
        set_aside,
        changes,
        rules,
        guidance: guidance_note(g, a),
    }
}

/// Marks a note made under guidance some of whose national files are not as
/// published: `modified` holds the shown paths of those files (as the store
/// reports them); the note names each such layer, under its title, in its
/// guidance section and (for a PDF) in its running header.
pub fn mark_modified(n: &mut Note, g: &Guidance, modified: &[String]) {
    n.guidance.modified = g
        .layers
        .iter()
        .filter(|l| modified.contains(&l.path))
        .map(|l| format!("{} ({})", l.id, clean(&l.path)))
        .collect();
}

/// The note's change log: drawn from the case's audit trail when it has one
/// (every answer changed, cleared, set aside or taken up again, every verdict
/// that changed, a re-decision), else from the older change list.
fn change_log(g: &Guidance, case: &raw::Case) -> Vec<ChangeNote> {
    let question = |fact: &str| clean(g.fact(fact).map_or(fact, |f| f.question.as_str()));
    if case.trail.is_empty() {
        return case
            .changes
            .iter()
            .map(|c| ChangeNote {
                at: clean(&c.at),
                about: wording::about(&c.about),
                question: question(&c.fact),
                from: clean(&c.from),
                to: clean(&c.to),
            })
            .collect();
    }
    case.trail
        .iter()
        .filter(|e| {
            e.event.ends_with(" changed")
                || e.event.ends_with(" cleared")
                || e.event.starts_with("answer set aside")
                || e.event.starts_with("answer taken up again")
                || e.event == "re-decided"
                || e.event.starts_with("disagreement ")
                || (e.event == "verdict shown" && !e.from.is_empty())
        })
        .map(|e| {
            let about = if e.about == "IE contact" {
                "ie_contact"
            } else {
                e.about.as_str()
            };
            let what = match e.event.as_str() {
                "answer set aside" => {
                    format!("{} (set aside: it no longer applies)", question(&e.item))
                }
                "answer taken up again" => format!("{} (applies again)", question(&e.item)),
                "re-decided" => format!(
                    "Decided again under other guidance, because: {}",
                    clean(&e.item)
                ),
                "verdict shown" => clean("Verdict"),
                "disagreement raised" => format!(
                    "Words and answers disagreed ({}): words found",
                    clean(&e.item)
                ),
                "disagreement resolved" => format!(
                    "The disagreement ({}) was resolved, by changing",
                    clean(&e.item)
                ),
                _ => question(&e.item),
            };
            ChangeNote {
                at: clean(&e.at),
                about: wording::about(about),
                question: what,
                from: clean(&e.from),
                to: clean(&e.to),
            }
        })
        .collect()
}
