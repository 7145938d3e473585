//! A small pack with steps for the core's unit tests: it exercises the
//! wizard's and the trail's own rules, not any policy.
#![allow(clippy::expect_used, reason = "tests: panics on a broken fixture")]

use super::guidance::Guidance;
use super::parse;
use super::validate::{Library, LoadedFile};

/// A small pack with steps, exercising the wizard's own rules, not any policy.
pub const PACK: &str = r#"Pack(
    id: "t", title: "Test", version: "1", effective: "2020-01-01", review_by: "2030-01-01",
    sources: [(id: "S", title: "S", publisher: "P", date: "2020")],
    guidance: [(id: "R1", title: "R1", explanation: "E", kind: NationalGuidance, sources: ["S"], status: Cited)],
    facts: [
        (id: "role", kind: One, question: "Role?", values: [(id: "a", label: "Apple"), (id: "b", label: "Banana")]),
        (id: "detail", kind: One, question: "Detail?", values: [(id: "x", label: "Ex")], relevant: Is("role", "b")),
        (id: "check_system", scope: Check, kind: One, question: "Q", values: [(id: "s", label: "S")]),
        (id: "check_subject", scope: Check, kind: One, question: "Q", values: [(id: "p", label: "P")]),
        (id: "check_purposes", scope: Check, kind: Many, question: "Q", values: [(id: "good", label: "G"), (id: "bad", label: "B")]),
        (id: "check_reason", scope: Check, kind: Text, question: "Q"),
        (id: "check_extra", scope: Check, kind: One, question: "Extra?", values: [(id: "yes", label: "Yes")], relevant: Is("role", "b")),
        (id: "ie_purpose", scope: IeContact, kind: One, question: "Q", values: [(id: "p", label: "P")]),
        (id: "ie_timing", scope: IeContact, kind: One, question: "Q", values: [(id: "t", label: "T")]),
        (id: "ie_data", scope: IeContact, kind: Many, question: "Q", values: [(id: "d", label: "D")]),
        (id: "ie_reason", scope: IeContact, kind: Text, question: "Q"),
    ],
    actions: [(id: "do", kind: Required, label: "Do it"), (id: "supervisor_review", kind: Required, label: "Supervisor review")],
    decisions: [
        (id: "permit-good", applies_to: Check, when: Has("check_purposes", ["good"]), then: [Permit], because: ["R1"], says: "good"),
        (id: "refuse-bad", applies_to: Check, when: Has("check_purposes", ["bad"]), then: [Refuse], because: ["R1"], says: "bad"),
        (id: "do-when-b", applies_to: Case, when: Is("detail", "x"), then: [Require("do")], because: ["R1"], says: "do"),
        (id: "ie", applies_to: IeContact, when: Answered("ie_purpose"), then: [NotRecommend], because: ["R1"], says: "ie"),
    ],
    steps: [
        (id: "one", heading: "One", stage: Information, facts: ["role", "detail"]),
        (id: "checks", heading: "Checks", stage: PowersAndPolicy, facts: ["check_system", "check_subject", "check_purposes", "check_reason", "check_extra"]),
        (id: "ie", heading: "IE", stage: Options, facts: ["ie_purpose", "ie_timing", "ie_data", "ie_reason"]),
    ],
)"#;

pub fn guidance() -> Guidance {
    guidance_from(PACK)
}

pub fn guidance_from(pack: &str) -> Guidance {
    let (src, file) = parse::guidance_file("t.ron", pack.as_bytes()).expect("parses");
    let (lib, problems) = Library::new(vec![LoadedFile { src, file }]);
    assert!(
        problems.is_empty() && lib.lint().is_empty(),
        "{}",
        lib.lint()
    );
    lib.resolve("t", None).expect("resolves")
}
