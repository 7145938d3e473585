//! Rendering an [`Assessment`] for people (plain text) and for audit tools (JSON).
//!
//! The JSON shape is a stable interface, documented in `guidance/README.md`
//! under "The assess JSON". Add fields; never rename or remove one.

use std::fmt::Write as _;

use super::engine::{Assessment, Notice, Reason, Verdict};
use super::guidance::{Guidance, check_fact};

/// The assessment as pretty-printed JSON, ending with a newline.
pub fn to_json(a: &Assessment) -> String {
    // Serialising plain structs of strings and vectors cannot fail.
    let mut s = serde_json::to_string_pretty(a).unwrap_or_default();
    s.push('\n');
    s
}

fn verdict_heading(v: Verdict) -> &'static str {
    match v {
        Verdict::NotProposed => "NOT PROPOSED",
        Verdict::Permitted => "PERMITTED",
        Verdict::Incomplete => "INCOMPLETE",
        Verdict::Defer => "DEFER",
        Verdict::NotRecommended => "NOT RECOMMENDED",
        Verdict::Refused => "REFUSED",
    }
}

fn cite(rules: &[String]) -> String {
    if rules.is_empty() {
        String::new()
    } else {
        format!(" [{}]", rules.join(", "))
    }
}

fn reasons(out: &mut String, rs: &[Reason]) {
    for r in rs {
        let verdict = r
            .verdict
            .map_or_else(String::new, |v| format!("{}: ", v.as_str()));
        let _ = writeln!(out, "    - {verdict}{}{}", r.message, cite(&r.rules));
    }
}

fn notices(out: &mut String, heading: &str, list: &[Notice]) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "\n{heading}");
    for n in list {
        let kind = if n.kind == "note" {
            String::new()
        } else {
            format!("{}: ", n.kind)
        };
        let _ = writeln!(
            out,
            "  - ({}) {kind}{}{}",
            n.about,
            n.message,
            cite(&n.rules)
        );
    }
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
        reasons(&mut out, &c.reasons);
    }

    let _ = writeln!(
        out,
        "\nContact with Immigration Enforcement: {}{}",
        verdict_heading(a.ie_contact.verdict),
        cite(&a.ie_contact.rules)
    );
    reasons(&mut out, &a.ie_contact.reasons);

    for (heading, list) in [("Never do this", &a.prohibited), ("You must", &a.required)] {
        let _ = writeln!(out, "\n{heading}");
        if list.is_empty() {
            let _ = writeln!(out, "  (nothing)");
        }
        for act in list {
            let _ = writeln!(out, "  - {}{}", act.label, cite(&act.rules));
        }
    }
    notices(&mut out, "Warnings", &a.warnings);
    notices(&mut out, "Notes", &a.notes);
    out
}
