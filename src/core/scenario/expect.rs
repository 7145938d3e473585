//! Running a scenario: what it names must exist, and what it expects must be
//! what the engine concludes.

use std::fmt;

use super::{ExpectNotice, Scenario, field_offset};
use crate::core::case::CaseFacts;
use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::engine::{self, Assessment, Notice};
use crate::core::guidance::Guidance;
use crate::core::source::SourceText;
use crate::core::{needed, steps};

/// One expectation that does not hold.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Failure {
    /// What it is about: `check 1 (pnc on victim)`, `the IE contact`, `required action "x"`.
    pub item: String,
    /// What the scenario expects, in words.
    pub expected: String,
    /// What the engine gives, in words.
    pub got: String,
    /// Where the expectation is written, as a byte offset in the file, when found.
    pub at: Option<usize>,
}

impl Failure {
    /// The failure as a located problem in the scenario file.
    pub fn diagnostic(&self, src: &SourceText) -> Diagnostic {
        Diagnostic::new(
            &src.path,
            self.at.map(|at| src.position(at)),
            format!("expect → {self}"),
        )
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{}: the scenario expects {}, but the engine gives {}",
            self.item, self.expected, self.got
        )
    }
}

/// A scenario that could be run: the engine's assessment and every
/// expectation that does not hold (none: the scenario passes).
#[derive(Clone, Debug)]
pub struct Ran {
    pub assessment: Assessment,
    pub failures: Vec<Failure>,
}

/// What a scenario names that `g` does not have, located in its file: rules,
/// actions and steps, a verdict for each proposal, and a story to read.
pub fn problems(g: &Guidance, src: &SourceText, sc: &Scenario) -> Diagnostics {
    let mut out = Diagnostics::default();
    unknown_names(g, src, sc, &mut out);
    let mut err = |near: Option<usize>, message: String| {
        out.0.push(Diagnostic::new(
            &src.path,
            near.map(|at| src.position(at)),
            message,
        ));
    };
    if sc.title.trim().is_empty() {
        err(
            field_offset(&src.text, "title", 0),
            "title: is blank".into(),
        );
    }
    if sc.narrative.person_said.trim().is_empty() {
        err(
            field_offset(&src.text, "person_said", 0),
            "narrative → person_said: is blank; say what the person said".into(),
        );
    }
    let e = &sc.expect;
    if sc.teaching.is_empty() {
        err(
            field_offset(&src.text, "title", 0),
            "teaching: a scenario needs at least one teaching point".into(),
        );
    }
    let expect_at = field_offset(&src.text, "expect", 0);
    if e.checks.len() != sc.case.checks.len() {
        err(
            expect_at,
            format!(
                "expect → checks: the story proposes {} check{}, and the scenario expects a verdict on {}; give one for each, in order",
                sc.case.checks.len(),
                if sc.case.checks.len() == 1 { "" } else { "s" },
                e.checks.len()
            ),
        );
    }
    match (&sc.case.ie_contact, &e.ie_contact) {
        (Some(_), None) => err(
            expect_at,
            "expect → ie_contact: the story proposes contact with Immigration Enforcement; say what verdict it gets".into(),
        ),
        (None, Some(_)) => err(
            expect_at,
            "expect → ie_contact: the story proposes no contact with Immigration Enforcement, so it can have no verdict".into(),
        ),
        _ => {}
    }
    out
}

/// The rules, actions and steps a scenario names that `g` does not have.
fn unknown_names(g: &Guidance, src: &SourceText, sc: &Scenario, out: &mut Diagnostics) {
    let mut err = |near: Option<usize>, message: String| {
        out.0.push(Diagnostic::new(
            &src.path,
            near.map(|at| src.position(at)),
            message,
        ));
    };
    let quoted = |id: &str| src.find_quoted(id, 0);
    let e = &sc.expect;
    let mut rules: Vec<(&str, &str)> = Vec::new();
    for c in &e.checks {
        rules.extend(c.rules.iter().map(|r| ("expect → checks", r.as_str())));
    }
    if let Some(ie) = &e.ie_contact {
        rules.extend(ie.rules.iter().map(|r| ("expect → ie_contact", r.as_str())));
    }
    for n in &e.warnings {
        rules.extend(n.rules.iter().map(|r| ("expect → warnings", r.as_str())));
    }
    for n in &e.notes {
        rules.extend(n.rules.iter().map(|r| ("expect → notes", r.as_str())));
    }
    for t in &sc.teaching {
        rules.extend(t.rules.iter().map(|r| ("teaching", r.as_str())));
    }
    for (ctx, id) in rules {
        if g.rule(id).is_none() {
            err(
                quoted(id),
                format!("{ctx}: the guidance has no rule \"{id}\""),
            );
        }
    }
    let lists = [
        ("required", &e.required),
        ("not_required", &e.not_required),
        ("prohibited", &e.prohibited),
    ];
    for (ctx, ids) in lists {
        for id in ids {
            if g.action(id).is_none() {
                err(
                    quoted(id),
                    format!("expect → {ctx}: the guidance has no action \"{id}\""),
                );
            }
        }
    }
    let steps = steps::steps_or_default(&g.facts, &g.steps);
    for t in &sc.teaching {
        if !steps.iter().any(|s| s.id == t.step) {
            let known: Vec<&str> = steps.iter().map(|s| s.id.as_str()).collect();
            err(
                quoted(&t.step),
                format!(
                    "teaching: the guidance has no step \"{}\" (its steps: {})",
                    t.step,
                    known.join(", ")
                ),
            );
        }
    }
}

/// Assesses the scenario's case under `g` and compares the outcome with what
/// the scenario expects. `Err` when the scenario names what `g` lacks, or its
/// case's answers do not fit `g` (each problem located).
pub fn run(g: &Guidance, src: &SourceText, sc: &Scenario) -> Result<Ran, Diagnostics> {
    let mut found = problems(g, src, sc);
    let facts = match CaseFacts::from_raw(g, src, &sc.case) {
        Ok(f) => Some(f),
        Err(mut d) => {
            found.0.append(&mut d.0);
            None
        }
    };
    let Some(facts) = facts.filter(|_| found.is_empty()) else {
        found.normalise();
        return Err(found);
    };
    let mut assessment = engine::assess(g, &facts);
    needed::settle(g, &sc.case, &mut assessment);
    let failures = compare(src, sc, &assessment);
    Ok(Ran {
        assessment,
        failures,
    })
}

fn cited(rules: &[String]) -> String {
    if rules.is_empty() {
        String::new()
    } else {
        format!(" citing {}", rules.join(", "))
    }
}

fn has_all(have: &[String], want: &[String]) -> bool {
    want.iter().all(|w| have.contains(w))
}

/// Every expectation that does not hold.
fn compare(src: &SourceText, sc: &Scenario, a: &Assessment) -> Vec<Failure> {
    let text = &src.text;
    let e = &sc.expect;
    let expect_at = field_offset(text, "expect", 0).unwrap_or(0);
    let mut out = Vec::new();
    let mut verdict_at = field_offset(text, "checks", expect_at);
    for (i, (want, got)) in e.checks.iter().zip(&a.checks).enumerate() {
        verdict_at = verdict_at.and_then(|from| field_offset(text, "verdict", from + 1));
        if got.verdict != want.verdict.engine() || !has_all(&got.rules, &want.rules) {
            out.push(Failure {
                item: format!("check {} ({} on {})", i + 1, got.system, got.subject),
                expected: format!("{}{}", want.verdict.word(), cited(&want.rules)),
                got: format!("{}{}", got.verdict.as_str(), cited(&got.rules)),
                at: verdict_at,
            });
        }
    }
    if let Some(want) = &e.ie_contact {
        let at = field_offset(text, "ie_contact", expect_at);
        let got = &a.ie_contact;
        if got.verdict != want.verdict.engine() || !has_all(&got.rules, &want.rules) {
            out.push(Failure {
                item: "the IE contact".into(),
                expected: format!("{}{}", want.verdict.word(), cited(&want.rules)),
                got: format!("{}{}", got.verdict.as_str(), cited(&got.rules)),
                at,
            });
        }
        if let Some(t) = want.timing
            && got.timing_verdict != t.engine()
        {
            out.push(Failure {
                item: "the IE contact's timing".into(),
                expected: t.word().into(),
                got: got.timing_verdict.as_str().into(),
                at: at.and_then(|from| field_offset(text, "timing", from + 1)),
            });
        }
    }
    let required: Vec<&str> = a.required.iter().map(|x| x.action.as_str()).collect();
    let prohibited: Vec<&str> = a.prohibited.iter().map(|x| x.action.as_str()).collect();
    let action_at = |field: &str, id: &str| {
        field_offset(text, field, expect_at).and_then(|from| src.find_quoted(id, from))
    };
    for id in &e.required {
        if !required.contains(&id.as_str()) {
            out.push(Failure {
                item: format!("required action \"{id}\""),
                expected: "it required".into(),
                got: "it not required".into(),
                at: action_at("required", id),
            });
        }
    }
    for id in &e.not_required {
        if required.contains(&id.as_str()) {
            out.push(Failure {
                item: format!("action \"{id}\""),
                expected: "it not required".into(),
                got: "it required".into(),
                at: action_at("not_required", id),
            });
        }
    }
    for id in &e.prohibited {
        if !prohibited.contains(&id.as_str()) {
            out.push(Failure {
                item: format!("prohibited action \"{id}\""),
                expected: "it prohibited".into(),
                got: "it not prohibited".into(),
                at: action_at("prohibited", id),
            });
        }
    }
    notices(
        text,
        expect_at,
        "warnings",
        &e.warnings,
        &a.warnings,
        &mut out,
    );
    notices(text, expect_at, "notes", &e.notes, &a.notes, &mut out);
    out
}

fn notices(
    text: &str,
    expect_at: usize,
    field: &str,
    want: &[ExpectNotice],
    got: &[Notice],
    out: &mut Vec<Failure>,
) {
    let singular = if field == "notes" { "note" } else { "warning" };
    for w in want {
        let kind = w.kind.map(|k| warning_word(k).to_owned());
        let found = got
            .iter()
            .any(|n| kind.as_ref().is_none_or(|k| &n.kind == k) && has_all(&n.rules, &w.rules));
        if !found {
            let what = kind.map_or_else(|| singular.to_owned(), |k| format!("{k} {singular}"));
            let given: Vec<String> = got
                .iter()
                .filter(|n| n.kind != "set_aside")
                .map(|n| format!("{}{}", n.kind, cited(&n.rules)))
                .collect();
            out.push(Failure {
                item: format!("a {what}{}", cited(&w.rules)),
                expected: "it given".into(),
                got: if given.is_empty() {
                    format!("no {singular}s")
                } else {
                    let all = given.join("; ");
                    format!("only: {}", crate::core::text::clip(&all, 300))
                },
                at: field_offset(text, field, expect_at),
            });
        }
    }
}

fn warning_word(kind: crate::core::raw::WarningKind) -> &'static str {
    kind.as_str()
}
