//! Scenarios over a small pack that exercises their rules, not any policy.
#![allow(clippy::expect_used, reason = "tests: panics on a broken fixture")]

use super::*;
use crate::core::guidance::Guidance;
use crate::core::raw;
use crate::core::validate::{Library, LoadedFile};

pub(super) const PACK: &str = r#"Pack(
    id: "t", title: "Test", version: "1", effective: "2020-01-01", review_by: "2030-01-01",
    sources: [(id: "S", title: "S", publisher: "P", date: "2020")],
    guidance: [
        (id: "R1", title: "R1", explanation: "E", kind: NationalGuidance, sources: ["S"], status: Cited),
        (id: "R2", title: "R2", explanation: "E", kind: NationalGuidance, sources: ["S"], status: Cited),
        (id: "CTX", title: "Context", explanation: "E", kind: NationalGuidance, sources: ["S"], status: Cited, context: true),
    ],
    facts: [
        (id: "role", kind: One, question: "Role?", values: [(id: "a", label: "A"), (id: "b", label: "B")]),
        (id: "check_system", scope: Check, kind: One, question: "Q", values: [(id: "s", label: "S")]),
        (id: "check_subject", scope: Check, kind: One, question: "Q", values: [(id: "p", label: "P")]),
        (id: "check_purposes", scope: Check, kind: Many, question: "Q", values: [(id: "good", label: "G"), (id: "bad", label: "B")]),
        (id: "check_reason", scope: Check, kind: Text, question: "Q"),
        (id: "ie_purpose", scope: IeContact, kind: One, question: "Q", values: [(id: "p", label: "P")]),
        (id: "ie_timing", scope: IeContact, kind: One, question: "Q", values: [(id: "t", label: "T")]),
        (id: "ie_data", scope: IeContact, kind: Many, question: "Q", values: [(id: "d", label: "D")]),
        (id: "ie_reason", scope: IeContact, kind: Text, question: "Q"),
    ],
    actions: [(id: "do", kind: Required, label: "Do it"), (id: "never", kind: Prohibited, label: "Never"), (id: "supervisor_review", kind: Required, label: "Supervisor review")],
    decisions: [
        (id: "permit-good", applies_to: Check, when: Has("check_purposes", ["good"]), then: [Permit], because: ["R1"], says: "good"),
        (id: "refuse-bad", applies_to: Check, when: Has("check_purposes", ["bad"]), then: [Refuse], because: ["R2"], says: "bad"),
        (id: "do-when-b", applies_to: Case, when: Is("role", "b"), then: [Require("do"), Warn(Caution)], because: ["R1"], says: "do"),
        (id: "never-ever", applies_to: Case, when: Always, then: [Prohibit("never"), Note], because: ["R2"], says: "never"),
        (id: "ie", applies_to: IeContact, when: Answered("ie_purpose"), then: [NotRecommend], because: ["R1"], says: "ie"),
        (id: "ie-later", applies_to: IeContact, when: Answered("ie_data"), then: [Defer], because: ["R1"], says: "later"),
    ],
    steps: [
        (id: "one", heading: "One", stage: Information, facts: ["role"]),
        (id: "checks", heading: "Checks", stage: PowersAndPolicy, facts: ["check_system", "check_subject", "check_purposes", "check_reason"]),
        (id: "ie", heading: "IE", stage: Options, facts: ["ie_purpose", "ie_timing", "ie_data", "ie_reason"]),
    ],
)"#;

pub(super) const SCENARIO: &str = r#"// A test scenario.
Scenario(
    title: "Two checks",
    narrative: (
        person_said: "Someone took my bag.",
        call_handler: "Caller calm.",
        colleague_proposes: "Two checks, and a call to IE.",
    ),
    case: (
        pack: "t",
        facts: {"role": "b"},
        checks: [
            (system: "s", subject: "p", purposes: ["good"], reason: "To find the bag"),
            (system: "s", subject: "p", purposes: ["bad"], reason: "Curious"),
        ],
        ie_contact: (purpose: "p", data: ["d"], reason: "Why not"),
    ),
    expect: (
        checks: [
            (verdict: Permitted, rules: ["R1"]),
            (verdict: Refused, rules: ["R2"]),
        ],
        ie_contact: (verdict: NotRecommended, rules: ["R1"], timing: Defer),
        required: ["do"],
        prohibited: ["never"],
        warnings: [(kind: Caution, rules: ["R1"])],
        notes: [(rules: ["R2"])],
    ),
    teaching: [
        (step: "checks", point: "A check needs a purpose.", rules: ["R1", "R2"]),
        (step: "one", point: "Context.", rules: ["CTX"]),
    ],
)
"#;

pub(super) fn guidance() -> Guidance {
    let (src, file) = crate::core::parse::guidance_file("t.ron", PACK.as_bytes()).expect("parses");
    let (lib, problems) = Library::new(vec![LoadedFile { src, file }]);
    assert!(
        problems.is_empty() && lib.lint().is_empty(),
        "{}",
        lib.lint()
    );
    lib.resolve("t", None).expect("resolves")
}

fn ran(text: &str) -> Result<Ran, String> {
    let (src, sc) = parse("s.ron", text.as_bytes()).map_err(|d| d.to_string())?;
    run(&guidance(), &src, &sc).map_err(|d| d.to_string())
}

#[test]
fn a_scenario_that_matches_the_engine_passes() {
    let r = ran(SCENARIO).expect("runs");
    assert_eq!(r.failures, Vec::new());
}

#[test]
fn a_wrong_verdict_fails_naming_the_item_both_verdicts_and_the_place() {
    let text = SCENARIO.replace(
        "(verdict: Refused, rules: [\"R2\"])",
        "(verdict: Permitted)",
    );
    let (src, sc) = parse("s.ron", text.as_bytes()).expect("parses");
    let r = run(&guidance(), &src, &sc).expect("runs");
    assert_eq!(r.failures.len(), 1, "{:?}", r.failures);
    let f = &r.failures[0];
    assert_eq!(
        f.to_string(),
        "check 2 (s on p): the scenario expects permitted, but the engine gives refused citing R2"
    );
    // Located at the second expected verdict.
    let d = f.diagnostic(&src).to_string();
    assert!(d.starts_with("s.ron:21:14: expect → check 2"), "{d}");
}

#[test]
fn timing_actions_warnings_and_notes_are_compared() {
    let text = SCENARIO
        .replace("timing: Defer", "timing: NotDeferred")
        .replace(
            "required: [\"do\"]",
            "required: [\"do\"], not_required: [\"do\"]",
        )
        .replace("prohibited: [\"never\"]", "prohibited: []")
        .replace(
            "(kind: Caution, rules: [\"R1\"])",
            "(kind: Conflict, rules: [\"R1\"])",
        )
        .replace("notes: [(rules: [\"R2\"])]", "notes: [(rules: [\"R1\"])]");
    let r = ran(&text).expect("runs");
    let items: Vec<String> = r.failures.iter().map(|f| f.item.clone()).collect();
    assert_eq!(
        items,
        [
            "the IE contact's timing",
            "action \"do\"",
            "a conflict warning citing R1",
            "a note citing R1",
        ]
    );
    assert_eq!(r.failures[0].got, "defer");
    assert_eq!(r.failures[2].got, "only: caution citing R1");
}

#[test]
fn unknown_rules_actions_steps_facts_and_values_are_located() {
    let text = SCENARIO
        .replace("rules: [\"R1\", \"R2\"]", "rules: [\"R1\", \"NOPE-1\"]")
        .replace("required: [\"do\"]", "required: [\"dont\"]")
        .replace("(step: \"one\"", "(step: \"two\"")
        .replace(
            "{\"role\": \"b\"}",
            "{\"role\": \"c\", \"colour\": \"red\"}",
        );
    let e = ran(&text).expect_err("refused");
    for want in [
        "teaching: the guidance has no rule \"NOPE-1\"",
        "expect → required: the guidance has no action \"dont\"",
        "teaching: the guidance has no step \"two\" (its steps: one, checks, ie)",
        "\"c\" is not an answer to this question",
        "the guidance declares no fact \"colour\"",
    ] {
        let line = e.lines().find(|l| l.contains(want)).unwrap_or_default();
        assert!(line.starts_with("s.ron:"), "{want} not located in:\n{e}");
        let place = line.split(':').nth(1).unwrap_or_default();
        assert!(place.parse::<usize>().is_ok_and(|n| n > 1), "{line}");
    }
}

#[test]
fn a_verdict_for_each_proposal_and_a_story_are_required() {
    let text = SCENARIO
        .replace("            (verdict: Refused, rules: [\"R2\"]),\n", "")
        .replace(
            "ie_contact: (verdict: NotRecommended, rules: [\"R1\"], timing: Defer),",
            "",
        )
        .replace("Someone took my bag.", " ");
    let e = ran(&text).expect_err("refused");
    assert!(
        e.contains("the story proposes 2 checks, and the scenario expects a verdict on 1"),
        "{e}"
    );
    assert!(
        e.contains("expect → ie_contact: the story proposes contact"),
        "{e}"
    );
    assert!(e.contains("narrative → person_said: is blank"), "{e}");
}

#[test]
fn misspelt_fields_and_verdicts_are_parse_errors_with_places() {
    let e = parse(
        "s.ron",
        SCENARIO
            .replace("verdict: Refused", "verdict: Refsued")
            .as_bytes(),
    )
    .err()
    .map(|d| d.to_string())
    .unwrap_or_default();
    assert!(e.starts_with("s.ron:21:23:"), "{e}");
    let e = parse(
        "s.ron",
        SCENARIO.replace("call_handler:", "call_handlr:").as_bytes(),
    )
    .err()
    .map(|d| d.to_string())
    .unwrap_or_default();
    assert!(e.starts_with("s.ron:6:"), "{e}");
    assert!(parse("s.ron", b"\xff").is_err());
    assert!(parse("s.ron", b"").is_err());
}

#[test]
fn coverage_is_read_from_the_assessment() {
    let g = guidance();
    let (src, sc) = parse("s.ron", SCENARIO.as_bytes()).expect("parses");
    let r = run(&g, &src, &sc).expect("runs");
    let fired = decisions_fired(&r.assessment);
    assert_eq!(
        fired.iter().map(String::as_str).collect::<Vec<_>>(),
        [
            "do-when-b",
            "ie",
            "ie-later",
            "never-ever",
            "permit-good",
            "refuse-bad"
        ]
    );
    let mut cov = Coverage::default();
    cov.add("s", &sc, &r.assessment);
    assert_eq!(cov.missing_decisions([&g]), Vec::<String>::new());
    assert_eq!(cov.missing_rules([&g]), Vec::<String>::new());
    // Role "a": the case decision does not fire; a context rule only taught counts once taught.
    let quiet = SCENARIO
        .replace("{\"role\": \"b\"}", "{\"role\": \"a\"}")
        .replace(
            "(step: \"one\", point: \"Context.\", rules: [\"CTX\"]),",
            "",
        );
    let (src, sc) = parse("q.ron", quiet.as_bytes()).expect("parses");
    let r = run(&g, &src, &sc).expect("runs");
    let mut cov = Coverage::default();
    cov.add("q", &sc, &r.assessment);
    assert_eq!(cov.missing_decisions([&g]), ["do-when-b"]);
    assert_eq!(cov.missing_rules([&g]), ["CTX"]);
    assert_eq!(cov.decisions.get("ie").map(Vec::len), Some(1));
}

#[test]
fn fields_are_found_outside_strings_and_comments() {
    let text = "(a: \"expect: no\", // expect: no\n /* expect: */ expect : 1, expected: 2)";
    let at = field_offset(text, "expect", 0).expect("found");
    assert_eq!(text.get(at..at + 8), Some("expect :"));
    assert_eq!(
        field_offset(text, "expected", 0).map(|i| i > at),
        Some(true)
    );
    assert_eq!(field_offset(text, "missing", 0), None);
    assert_eq!(field_offset("é: 1", "x", 0), None);
}

/// The trainee's case: the scenario's own, with the decisions and actions a
/// good trainee records.
pub(super) fn good_trainee(sc: &Scenario) -> raw::Case {
    let mut case = sc.case.clone();
    let decide = |choice, reason: &str| {
        Some(raw::OfficerDecision {
            choice,
            reason: reason.into(),
            reconsider: String::new(),
        })
    };
    case.checks[0].decision = decide(raw::Choice::Proceed, "");
    case.checks[1].decision = decide(raw::Choice::DoNotProceed, "");
    if let Some(ie) = case.ie_contact.as_mut() {
        ie.decision = decide(raw::Choice::Proceed, "");
    }
    case.actions.insert(
        "do".into(),
        raw::ActionRecord {
            done: true,
            note: String::new(),
        },
    );
    case
}

#[test]
fn a_trainee_is_scored_item_by_item_with_steps_and_rules() {
    let g = guidance();
    let (src, sc) = parse("s.ron", SCENARIO.as_bytes()).expect("parses");
    let ran = run(&g, &src, &sc).expect("runs");
    let mut trainee = good_trainee(&sc);
    let r = results::score(&g, &sc, &ran, &trainee, "PC 1", "2026-12-04T10:00:00Z");
    let what: Vec<(&str, &str, bool)> = r
        .items
        .iter()
        .map(|i| (i.step.as_str(), i.what.as_str(), i.correct))
        .collect();
    assert_eq!(
        what,
        [
            ("one", "answer \"role\"", true),
            ("checks", "check 1: what it is", true),
            ("checks", "decision on check 1", true),
            ("checks", "check 2: what it is", true),
            ("checks", "decision on check 2", true),
            ("ie", "the contact: what it is for", true),
            // Not recommended: going ahead needs a recorded reason.
            ("ie", "decision on the contact", false),
            ("actions", "required action \"do\"", true),
        ]
    );
    assert_eq!(r.score(), (7, 8));
    assert_eq!(r.percent(), 87);
    // A wrong answer and a refused check recorded as going ahead.
    trainee
        .facts
        .insert("role".into(), ron::Value::String("a".into()));
    trainee.checks[1].decision = Some(raw::OfficerDecision {
        choice: raw::Choice::Proceed,
        reason: "Because".into(),
        reconsider: String::new(),
    });
    let r = results::score(&g, &sc, &ran, &trainee, "PC 1", "");
    assert_eq!(r.score(), (5, 8));
    let missed: Vec<(&str, Vec<String>)> = r
        .items
        .iter()
        .filter(|i| !i.correct)
        .map(|i| (i.what.as_str(), i.rules.clone()))
        .collect();
    assert_eq!(
        missed,
        [
            ("answer \"role\"", vec!["CTX".to_owned()]),
            ("decision on check 2", vec!["R2".to_owned()]),
            ("decision on the contact", vec!["R1".to_owned()]),
        ]
    );
    assert_eq!(
        r.by_step(),
        [
            ("one".to_owned(), 0, 1),
            ("checks".to_owned(), 3, 4),
            ("ie".to_owned(), 1, 2),
            ("actions".to_owned(), 1, 1),
        ]
    );
}

#[test]
fn a_result_file_reads_back_and_refuses_unknown_fields() {
    let g = guidance();
    let (src, sc) = parse("s.ron", SCENARIO.as_bytes()).expect("parses");
    let ran = run(&g, &src, &sc).expect("runs");
    let r = results::score(&g, &sc, &ran, &good_trainee(&sc), "PC 1", "T");
    let text = r.to_ron();
    assert!(text.starts_with("TraineeResult("), "{text}");
    assert_eq!(results::parse_result("r.ron", text.as_bytes()), Ok(r));
    let e = results::parse_result("r.ron", text.replace("trainee:", "trainer:").as_bytes())
        .err()
        .map(|d| d.to_string())
        .unwrap_or_default();
    assert!(e.starts_with("r.ron:2:"), "{e}");
}

fn result(who: &str, marks: &[(&str, bool, &[&str])]) -> results::TraineeResult {
    results::TraineeResult {
        trainee: who.into(),
        scenario: "S".into(),
        completed: String::new(),
        items: marks
            .iter()
            .map(|(step, correct, rules)| results::Item {
                step: (*step).into(),
                what: "x".into(),
                correct: *correct,
                rules: rules.iter().map(|r| (*r).to_owned()).collect(),
                chose: String::new(),
            })
            .collect(),
    }
}

#[test]
fn a_class_aggregates_scores_missed_steps_and_rules() {
    let class = results::Class::new(vec![
        result("A", &[("checks", true, &["R1"]), ("ie", true, &["R2"])]),
        result(
            "B",
            &[("checks", false, &["R1", "R2"]), ("ie", true, &["R2"])],
        ),
        result(
            "C",
            &[
                ("checks", false, &["R1"]),
                ("ie", false, &["R2"]),
                ("one", true, &[]),
            ],
        ),
    ]);
    // 100%, 50%, 33%.
    let mut want = [0; 10];
    want[9] = 1;
    want[5] = 1;
    want[3] = 1;
    assert_eq!(class.distribution, want);
    assert_eq!(
        class.missed_steps,
        [("checks".to_owned(), 2), ("ie".to_owned(), 1)]
    );
    assert_eq!(
        class.missed_rules,
        [("R1".to_owned(), 2), ("R2".to_owned(), 2)]
    );
    assert_eq!(
        class.to_csv(),
        "trainee,scenario,completed,correct,total,percent,missed_steps,missed_rules\n\
         A,S,,2,2,100,,\n\
         B,S,,1,2,50,checks,R1 R2\n\
         C,S,,1,3,33,checks ie,R1 R2\n"
    );
}

#[test]
fn csv_fields_are_quoted_and_never_formulas() {
    let class = results::Class::new(vec![result("=HYPERLINK(\"x\"), \"PC\"", &[])]);
    let csv = class.to_csv();
    let row = csv.lines().nth(1).unwrap_or_default();
    assert_eq!(row, "\"'=HYPERLINK(\"\"x\"\"), \"\"PC\"\"\",S,,0,0,100,,");
}
