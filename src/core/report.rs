//! Rendering an [`Assessment`] for people (plain text) and for audit tools (JSON).
//!
//! The JSON shape is a stable interface, documented in `guidance/README.md`
//! under "The assess JSON". Add fields; never rename or remove one.

use std::fmt::Write as _;

use super::engine::{Assessment, Notice, Reason, Timing, Verdict};
use super::guidance::{Guidance, check_fact, ie_fact};
use super::text::escape;

/// The assessment as pretty-printed JSON, ending with a newline.
pub fn to_json(a: &Assessment) -> String {
    // Serialising plain structs of strings and vectors cannot fail.
    let mut s = serde_json::to_string_pretty(a).unwrap_or_default();
    s.push('\n');
    s
}

/// The word shown to a person for a verdict.
pub fn verdict_heading(v: Verdict) -> &'static str {
    match v {
        Verdict::NotProposed => "NOT PROPOSED",
        Verdict::Permitted => "PERMITTED",
        Verdict::Incomplete => "INCOMPLETE",
        Verdict::Defer => "DEFER",
        Verdict::NotRecommended => "NOT RECOMMENDED",
        Verdict::Refused => "REFUSED",
    }
}

/// The words shown to a person for a kind of notice.
pub fn notice_heading(kind: &str) -> &str {
    match kind {
        "conflict" => "Sources conflict",
        "silence" => "Guidance silent",
        "pretext" => "Possible pretext",
        "disagreement" => "Words and answers disagree",
        "caution" => "Caution",
        "note" => "Note",
        "set_aside" => "Answer not used",
        other => other,
    }
}

fn cite(rules: &[String]) -> String {
    if rules.is_empty() {
        String::new()
    } else {
        format!(" [{}]", rules.join(", "))
    }
}

/// Every rule behind some reasons, each once, in order.
fn rules_of(rs: &[Reason]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for r in rs {
        for id in &r.rules {
            if !out.contains(id) {
                out.push(id.clone());
            }
        }
    }
    out
}

fn reasons(out: &mut String, a: &Assessment, about: &str, rs: &[Reason]) {
    for r in rs {
        let verdict = r
            .verdict
            .map_or_else(String::new, |v| format!("{}: ", v.as_str()));
        let _ = writeln!(
            out,
            "    - {verdict}{}{}{}",
            escape(&r.message),
            words_found(a, about, &r.decision),
            cite(&r.rules)
        );
    }
}

/// " Words found: ..." for a decision that read free text on this target,
/// from its warning (a disagreement names the words it found).
fn words_found(a: &Assessment, about: &str, decision: &str) -> String {
    let words: Vec<String> = a
        .warnings
        .iter()
        .filter(|w| w.about == about && w.decision == decision)
        .flat_map(|w| w.words.iter().map(|x| format!("\"{}\"", escape(x))))
        .collect();
    if words.is_empty() {
        String::new()
    } else {
        format!(" Words found: {}.", words.join(", "))
    }
}

/// Warnings, then notes, about one target, indented under it; a decision already
/// shown as a reason for the verdict is not shown again.
fn notices_about(out: &mut String, a: &Assessment, about: &str, shown: &[Reason], indent: &str) {
    for n in a
        .warnings
        .iter()
        .chain(&a.notes)
        .filter(|n| n.about == about)
    {
        if !shown.iter().any(|r| r.decision == n.decision) {
            notice(out, n, indent);
        }
    }
}

fn notice(out: &mut String, n: &Notice, indent: &str) {
    let _ = writeln!(
        out,
        "{indent}! {}: {}{}",
        notice_heading(&n.kind),
        escape(&n.message),
        cite(&n.rules)
    );
}

/// The labels of several values of one fact, joined for reading.
pub fn labels(g: &Guidance, fact: &str, values: &[String]) -> String {
    values
        .iter()
        .map(|v| g.value_label(fact, v))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The assessment as plain text for a terminal or a records system.
pub fn to_text(g: &Guidance, a: &Assessment) -> String {
    let mut out = String::new();
    let profile = a
        .guidance
        .profile
        .as_deref()
        .map_or_else(String::new, |p| format!(", force profile {p}"));
    let _ = writeln!(
        out,
        "Guidance: {} version {}{profile}\nDigest:   sha256:{}",
        a.guidance.pack, a.guidance.version, a.guidance.digest
    );
    if let Some(source) = &a.guidance.source {
        let _ = writeln!(out, "From:     {}", escape(source));
    } else if let Some(folder) = &a.guidance.folder {
        let _ = writeln!(out, "Folder:   {}", escape(folder));
    }
    if a.guidance.national_modified_locally {
        let _ = writeln!(
            out,
            "WARNING:  national guidance modified locally: {} differ from the published digests",
            escape(&a.guidance.modified_files.join(", "))
        );
    }

    let _ = writeln!(out, "\nDatabase checks");
    if a.checks.is_empty() {
        let _ = writeln!(out, "  (none proposed)");
    }
    for (i, c) in a.checks.iter().enumerate() {
        let _ = writeln!(
            out,
            "  {}. {} on {}: {}{}",
            i + 1,
            g.value_label(check_fact::SYSTEM, &c.system),
            g.value_label(check_fact::SUBJECT, &c.subject),
            verdict_heading(c.verdict),
            cite(&c.rules)
        );
        let _ = writeln!(
            out,
            "     for: {}\n     reason recorded: {}",
            or_none(&labels(g, check_fact::PURPOSES, &c.purposes)),
            or_none(c.reason.trim())
        );
        reasons(&mut out, a, &format!("check {}", i + 1), &c.reasons);
        notices_about(&mut out, a, &format!("check {}", i + 1), &c.reasons, "    ");
    }

    ie_contact_text(&mut out, g, a);

    for (heading, list) in [("Never do this", &a.prohibited), ("You must", &a.required)] {
        let _ = writeln!(out, "\n{heading}");
        if list.is_empty() {
            let _ = writeln!(out, "  (nothing)");
        }
        for act in list {
            let _ = writeln!(out, "  - {}{}", act.label, cite(&act.rules));
        }
    }
    if !a.not_needed.is_empty() {
        let _ = writeln!(out, "\nNo longer needed");
        for n in &a.not_needed {
            let _ = writeln!(
                out,
                "  - {}{}: {}",
                n.action.label,
                cite(&n.action.rules),
                n.why
            );
        }
    }
    let mut first = true;
    for n in a
        .warnings
        .iter()
        .chain(&a.notes)
        .filter(|n| n.about == "case")
    {
        if first {
            let _ = writeln!(out, "\nAbout the whole case");
            first = false;
        }
        notice(&mut out, n, "  ");
    }
    out
}

/// The IE contact: its verdict, what was proposed, the timing verdict, and why.
fn ie_contact_text(out: &mut String, g: &Guidance, a: &Assessment) {
    let ie = &a.ie_contact;
    let _ = writeln!(
        out,
        "\nContact with Immigration Enforcement: {}{}",
        verdict_heading(ie.verdict),
        cite(&ie.rules)
    );
    if ie.verdict != Verdict::NotProposed {
        let one = |fact: &str, v: &Option<String>| {
            v.as_deref()
                .map_or("(none)", |v| g.value_label(fact, v))
                .to_owned()
        };
        let _ = writeln!(out, "     for: {}", one(ie_fact::PURPOSE, &ie.purpose));
        if ie.timing.is_some() {
            let _ = writeln!(out, "     when: {}", one(ie_fact::TIMING, &ie.timing));
        }
        let _ = writeln!(
            out,
            "     sharing: {}\n     reason recorded: {}",
            or_none(&labels(g, ie_fact::DATA, &ie.data)),
            or_none(ie.reason.trim())
        );
        let timing = match ie.timing_verdict {
            Timing::Defer => "DEFER, not now",
            Timing::NotDeferred | Timing::NotProposed => "no reason to wait",
        };
        let _ = writeln!(
            out,
            "     timing: {timing}{}",
            cite(&rules_of(&ie.timing_reasons))
        );
    }
    reasons(out, a, "ie_contact", &ie.reasons);
    notices_about(out, a, "ie_contact", &ie.reasons, "    ");
}

/// A value on one line, with any control characters escaped.
fn or_none(s: &str) -> std::borrow::Cow<'_, str> {
    if s.is_empty() {
        "(none)".into()
    } else {
        escape(s)
    }
}
