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
        (id: "supervisor_review", kind: Required, label: "Supervisor review"),
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
