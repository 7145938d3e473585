//! The red-team corpus (issue 26): officers' free texts, written from the
//! guidance brief before the screen was changed, in both directions, each put
//! into the field it was written for on a record whose closed answers are the
//! innocent ones (a check for safeguarding that does not aim at status; a
//! contact that only asks Immigration Enforcement to hold off, tells them
//! nothing of where the person is, with safeguarding in place).
//!
//! - A `block` text (a request for action against the person, a status aim,
//!   a location given away, a routine or system-prompted reason) must never
//!   leave the verdict permitted: the closed answers say one thing and the
//!   words another, so at best the record is incomplete until they agree.
//! - A `pass` text (a protective request, a threat or fear reported, an
//!   ordinary policing need) must leave the verdict as the same record gives
//!   with a text that says nothing, and raise no disagreement.
//!
//! Each text is also mutated as officers mutate words (a misspelling, the
//! usual shorthand, its clauses reordered, and split across two fields), and
//! the whole is run under the 2018 baseline and the 2023 pack. The test
//! prints the rates; wrongful permits must be none, and wrongful refusals or
//! disagreements on legitimate texts at most 2%, each one listed.

#![allow(clippy::expect_used, reason = "a test may panic on a broken fixture")]

use std::fmt::Write as _;

use victim_first::core::case::CaseFacts;
use victim_first::core::engine::{self, Assessment, Verdict};
use victim_first::core::parse;

mod common;

#[derive(Clone, Debug)]
struct Entry {
    block: bool,
    kind: String,
    field: String,
    text: String,
    line: usize,
}

fn corpus() -> Vec<Entry> {
    let text = std::fs::read_to_string("tests/data/red-team/corpus.txt").expect("corpus");
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line_t = line.trim();
        if line_t.is_empty() || line_t.starts_with('#') {
            continue;
        }
        let parts: Vec<&str> = line_t.splitn(4, '|').map(str::trim).collect();
        assert_eq!(parts.len(), 4, "line {}: {line}", i + 1);
        let block = match parts[0] {
            "block" => true,
            "pass" => false,
            other => panic!("line {}: direction {other}", i + 1),
        };
        out.push(Entry {
            block,
            kind: parts[1].to_owned(),
            field: parts[2].to_owned(),
            text: parts[3].to_owned(),
            line: i + 1,
        });
    }
    out
}

/// A RON string literal.
fn q(t: &str) -> String {
    let mut s = String::from("\"");
    for c in t.chars() {
        match c {
            '"' => s.push_str("\\\""),
            '\\' => s.push_str("\\\\"),
            _ => s.push(c),
        }
    }
    s.push('"');
    s
}

/// Where a text goes, and which target's verdict it is judged by.
#[derive(Default)]
struct Slots {
    check_reason: String,
    check_decision: String,
    enquiry_info: String,
    ie_reason: String,
    ie_why_not: String,
    ie_decision: String,
    safeguarding_info: String,
    safeguarding_risk: String,
    supervisor: String,
}

const NEUTRAL_CHECK: &str =
    "Previous incidents at the address and any warning markers, for the risk assessment";
const NEUTRAL_IE: &str =
    "She is the key witness and the trial is listed for March; ask that any removal be deferred";
const NEUTRAL_WHY_NOT: &str = "Removal is due within hours and she cannot be reached before then";
const NEUTRAL_NOTE: &str = "Recorded after discussion with the officer in the case";
const NEUTRAL_RISK: &str = "The men she lives with hold her wages and her passport";
const NEUTRAL_INFO: &str = "Whether the two named men are linked to exploitation enquiries";

impl Slots {
    fn neutral() -> Self {
        Self {
            check_reason: NEUTRAL_CHECK.into(),
            check_decision: NEUTRAL_NOTE.into(),
            enquiry_info: NEUTRAL_INFO.into(),
            ie_reason: NEUTRAL_IE.into(),
            ie_why_not: NEUTRAL_WHY_NOT.into(),
            ie_decision: NEUTRAL_NOTE.into(),
            safeguarding_info: NEUTRAL_INFO.into(),
            safeguarding_risk: NEUTRAL_RISK.into(),
            supervisor: NEUTRAL_NOTE.into(),
        }
    }
}

/// Which record and target a field is judged on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    /// Check 1: a PNC check on the victim for safeguarding.
    Check,
    /// Check 2: an enquiry to Immigration Enforcement (never permitted by its
    /// closed answers alone; judged against the same record's neutral verdict).
    Enquiry,
    /// The protective contact.
    Contact,
    /// The safeguarding information request (a second record).
    Safeguarding,
}

fn record(pack: &str, s: &Slots, safeguarding: bool) -> String {
    let contact = if safeguarding {
        format!(
            r#"ie_contact: (
        purpose: "safeguarding_request",
        data: ["name", "crime_reference", "victim_status"],
        reason: {reason},
        answers: {{"ie_asks": ["give_information"], "ie_info_wanted": ["suspect_information"], "ie_reveals_location": "no", "ie_risk_addressed": {risk}, "ie_info_needed": {info}, "ie_no_other_way": "Our systems hold nothing on them and she does not know their full names", "safeguarding_in_place": "yes", "account_secured": "yes", "proceedings_live": "yes", "person_told": "told"}},
        decision: (choice: Proceed, reason: {dec}),
    ),"#,
            reason = q("To find out whether the men who hold her passport are known to them"),
            risk = q(&s.safeguarding_risk),
            info = q(&s.safeguarding_info),
            dec = q(&s.ie_decision),
        )
    } else {
        format!(
            r#"ie_contact: (
        purpose: "protect_victim_or_investigation",
        data: ["name", "date_of_birth", "crime_reference", "victim_status"],
        reason: {reason},
        answers: {{"ie_asks": ["hold_off"], "ie_reveals_location": "no", "safeguarding_in_place": "yes", "account_secured": "yes", "proceedings_live": "yes", "person_told": "told", "ie_agreement": "not_asked", "ie_without_agreement_ground": "investigation", "ie_agreement_why_not": {why}}},
        decision: (choice: Proceed, reason: {dec}),
    ),"#,
            reason = q(&s.ie_reason),
            why = q(&s.ie_why_not),
            dec = q(&s.ie_decision),
        )
    };
    format!(
        r#"(
    pack: "{pack}",
    facts: {{"role": "victim", "offence": "violence", "age": "adult", "may_be_under_18": "no", "child_in_care": "no", "situation": "safe", "reporting": "in_person", "refuge_or_safe_address": "no", "slavery_indicators": "no", "status_used_to_control": "no", "child_indicators": "no", "needs_interpreter": "no", "concern_source": ["person_said"], "concern_strength": "clear_evidence", "case_progress": ["investigating"]}},
    checks: [
        (system: "pnc", subject: "person", purposes: ["safeguarding_risk"], reason: {creason}, answers: {{"check_status_aim": "no", "check_needs": ["previous_incidents", "risk_markers"]}}, decision: (choice: Proceed, reason: {cdec})),
        (system: "immigration_enforcement", subject: "person", purposes: ["linked_exploitation"], reason: "Links to the men who hold her passport", answers: {{"check_needs": ["exploitation_links"], "check_ie_asks": ["give_information"], "check_reveals_location": "no", "check_risk_addressed": {risk}, "check_info_needed": {info}, "check_no_other_way": "Our systems hold nothing on them", "check_proceedings_live": "yes"}}),
    ],
    {contact}
    supervisor: (name: "PS 123", comment: {sup}),
)"#,
        creason = q(&s.check_reason),
        cdec = q(&s.check_decision),
        risk = q(NEUTRAL_RISK),
        info = q(&s.enquiry_info),
        sup = q(&s.supervisor),
    )
}

fn assess(pack: &str, s: &Slots, safeguarding: bool) -> Assessment {
    let lib = common::shipped_library();
    let text = record(pack, s, safeguarding);
    let (src, case) =
        parse::case_file("<red team>", text.as_bytes()).unwrap_or_else(|d| panic!("{d}\n{text}"));
    let g = lib.resolve(pack, None).unwrap_or_else(|d| panic!("{d}"));
    let facts = CaseFacts::from_raw(&g, &src, &case).unwrap_or_else(|d| panic!("{d}\n{text}"));
    engine::assess(&g, &facts)
}

/// The words the screen found on a target, for the listing.
fn words(a: &Assessment, t: Target) -> Vec<String> {
    let about = match t {
        Target::Check => "check 1",
        Target::Enquiry => "check 2",
        Target::Contact | Target::Safeguarding => "ie_contact",
    };
    a.warnings
        .iter()
        .filter(|w| w.about == about)
        .flat_map(|w| w.words.iter().cloned())
        .collect()
}

/// The verdict of a target, and whether a disagreement was raised on it.
fn judged(a: &Assessment, t: Target) -> (Verdict, bool) {
    let (v, about) = match t {
        Target::Check => (a.checks[0].verdict, "check 1"),
        Target::Enquiry => (a.checks[1].verdict, "check 2"),
        Target::Contact | Target::Safeguarding => (a.ie_contact.verdict, "ie_contact"),
    };
    let disagreement = a
        .warnings
        .iter()
        .any(|w| w.kind == "disagreement" && w.about == about);
    (v, disagreement)
}

/// Puts a text (and, split, a second part) where its field is, and says
/// what it is judged on.
fn place(e: &Entry, text: &str, second: Option<&str>) -> (Slots, Target, bool) {
    let mut s = Slots::neutral();
    let ie_kind = matches!(
        e.kind.as_str(),
        "act" | "location" | "protective" | "threat"
    );
    let (target, safeguarding) = match e.field.as_str() {
        "check_reason" => {
            s.check_reason = text.into();
            if let Some(b) = second {
                s.check_decision = b.into();
            }
            (Target::Check, false)
        }
        "check_info_needed" => {
            s.enquiry_info = text.into();
            (Target::Enquiry, false)
        }
        "ie_reason" => {
            s.ie_reason = text.into();
            if let Some(b) = second {
                s.ie_decision = b.into();
            }
            (Target::Contact, false)
        }
        "ie_agreement_why_not" => {
            s.ie_why_not = text.into();
            if let Some(b) = second {
                s.ie_decision = b.into();
            }
            (Target::Contact, false)
        }
        "ie_info_needed" => {
            s.safeguarding_info = text.into();
            if let Some(b) = second {
                s.ie_decision = b.into();
            }
            (Target::Safeguarding, true)
        }
        "ie_risk_addressed" => {
            s.safeguarding_risk = text.into();
            if let Some(b) = second {
                s.ie_decision = b.into();
            }
            (Target::Safeguarding, true)
        }
        "decision_comment" if ie_kind => {
            s.ie_decision = text.into();
            (Target::Contact, false)
        }
        "decision_comment" => {
            s.check_decision = text.into();
            (Target::Check, false)
        }
        "supervisor_comment" => {
            s.supervisor = text.into();
            if ie_kind {
                (Target::Contact, false)
            } else {
                (Target::Check, false)
            }
        }
        other => panic!("line {}: unknown field {other}", e.line),
    };
    // A comment has no field after it but the supervisor's comment: split,
    // its first part goes in the officer's reason for the decision on the
    // same target and the rest in the supervisor's comment, the next field.
    if let Some(b) = second
        && matches!(e.field.as_str(), "decision_comment" | "supervisor_comment")
    {
        match target {
            Target::Check => s.check_decision = text.into(),
            _ => s.ie_decision = text.into(),
        }
        s.supervisor = b.into();
    }
    (s, target, safeguarding)
}

/// Officers' mutations of a text: a misspelling of its longest word, the
/// usual shorthand, its clauses reordered, and the text split in two.
fn mutations(t: &str) -> Vec<(&'static str, String, Option<String>)> {
    let mut out = Vec::new();
    // A misspelling: two letters of the longest word (of six or more) swapped.
    if let Some(w) = t
        .split(|c: char| !c.is_alphabetic())
        .filter(|w| w.len() >= 6)
        .max_by_key(|w| w.len())
    {
        let mut cs: Vec<char> = w.chars().collect();
        let mid = cs.len() / 2;
        cs.swap(mid, mid + 1);
        let typo: String = cs.into_iter().collect();
        out.push(("misspelt", t.replacen(w, &typo, 1), None));
    }
    // Shorthand.
    let mut short = t.to_owned();
    for (long, abbr) in [
        ("Immigration Enforcement", "IE"),
        ("immigration enforcement", "IE"),
        ("Home Office", "HO"),
        ("home office", "HO"),
        ("leave to remain", "LTR"),
        ("address", "addr"),
        ("check", "chk"),
        ("please", "pls"),
    ] {
        short = short.replace(long, abbr);
    }
    if short != t {
        out.push(("shorthand", short, None));
    }
    // Reordered: the clauses turned round.
    let clauses: Vec<&str> = t
        .split(['.', ';'])
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect();
    if clauses.len() > 1 {
        let mut r = clauses.clone();
        r.reverse();
        out.push(("reordered", r.join(". "), None));
    }
    // Split across two fields, at the middle word (the second part starts
    // in small letters, as a continuation does).
    let words: Vec<&str> = t.split_whitespace().collect();
    if words.len() >= 6 {
        let (a, b) = words.split_at(words.len() / 2);
        out.push(("split", a.join(" "), Some(b.join(" "))));
    }
    out
}

/// The records the corpus is put into say nothing wrong with a text that
/// says nothing: the check and the protective contact are permitted, and no
/// target raises a disagreement. So every flag the corpus test counts is the
/// text's doing.
#[test]
fn the_neutral_records_are_clean() {
    for pack in ["npcc-2018", "home-office-2023"] {
        for safeguarding in [false, true] {
            let a = assess(pack, &Slots::neutral(), safeguarding);
            let found: Vec<String> = a
                .warnings
                .iter()
                .filter(|w| w.kind == "disagreement")
                .map(|w| format!("{} {} {:?}", w.about, w.decision, w.words))
                .collect();
            assert!(found.is_empty(), "{pack} {safeguarding}: {found:?}");
            assert_eq!(
                a.checks[0].verdict,
                Verdict::Permitted,
                "{pack}: {:?}",
                a.checks[0].reasons
            );
            if !safeguarding {
                assert_eq!(
                    a.ie_contact.verdict,
                    Verdict::Permitted,
                    "{pack}: {:?}",
                    a.ie_contact.reasons
                );
            }
        }
    }
}

#[test]
fn the_red_team_corpus() {
    let entries = corpus();
    assert!(entries.len() >= 300, "{} entries", entries.len());
    let mut report = String::new();
    let mut wrongful_permits = Vec::new();
    let mut wrongful_flags = Vec::new();
    let (mut block_n, mut pass_n) = (0usize, 0usize);
    for pack in ["npcc-2018", "home-office-2023"] {
        let neutral_plain = assess(pack, &Slots::neutral(), false);
        let neutral_safe = assess(pack, &Slots::neutral(), true);
        for e in &entries {
            let mut variants = vec![("as written", e.text.clone(), None)];
            variants.extend(
                mutations(&e.text)
                    .into_iter()
                    // The enquiry's next field holds a fixed answer here.
                    .filter(|(how, _, _)| !(*how == "split" && e.field == "check_info_needed")),
            );
            for (how, text, second) in variants {
                let (slots, target, safeguarding) = place(e, &text, second.as_deref());
                let a = assess(pack, &slots, safeguarding);
                let base = if safeguarding {
                    &neutral_safe
                } else {
                    &neutral_plain
                };
                let (v, disagreement) = judged(&a, target);
                let (v0, disagreement0) = judged(base, target);
                let label = format!(
                    "{pack} line {} {how} [{} {}] {:?}{}: {:?} (neutral {:?}) {:?}",
                    e.line,
                    e.kind,
                    e.field,
                    text,
                    second
                        .as_deref()
                        .map(|b| format!(" + {b:?}"))
                        .unwrap_or_default(),
                    v,
                    v0,
                    words(&a, target)
                );
                if e.block {
                    block_n += 1;
                    if v == Verdict::Permitted {
                        wrongful_permits.push(label);
                    }
                } else {
                    pass_n += 1;
                    if v != v0 || (disagreement && !disagreement0) {
                        wrongful_flags.push(label);
                    }
                }
            }
        }
    }
    // Counts of a few thousand are exact in an f64.
    let rate = |n: usize, of: usize| {
        let (n, of) = (
            u32::try_from(n).unwrap_or(u32::MAX),
            u32::try_from(of.max(1)).unwrap_or(u32::MAX),
        );
        100.0 * f64::from(n) / f64::from(of)
    };
    let _ = writeln!(
        report,
        "red team: {} texts, {block_n} blocked-direction runs, {pass_n} legitimate runs",
        entries.len()
    );
    let _ = writeln!(
        report,
        "wrongful permits: {} of {block_n} ({:.2}%)",
        wrongful_permits.len(),
        rate(wrongful_permits.len(), block_n)
    );
    let _ = writeln!(
        report,
        "wrongful refusals or disagreements on legitimate texts: {} of {pass_n} ({:.2}%)",
        wrongful_flags.len(),
        rate(wrongful_flags.len(), pass_n)
    );
    for l in &wrongful_permits {
        let _ = writeln!(report, "  PERMITTED: {l}");
    }
    for l in &wrongful_flags {
        let _ = writeln!(report, "  FLAGGED: {l}");
    }
    println!("{report}");
    assert!(wrongful_permits.is_empty(), "{report}");
    assert!(rate(wrongful_flags.len(), pass_n) <= 2.0, "{report}");
}
