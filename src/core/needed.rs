//! Required actions that fall away with the proposal they are about.
//!
//! The engine gives the actions the guidance requires from the answers alone.
//! Some are part of carrying out a proposed check or contact (a pack marks
//! them `only_if_going_ahead`: telling the person what would be shared with
//! Immigration Enforcement). Once what requires them cannot go ahead (it is
//! refused) or the officer records not doing it, asking for them would be
//! wrong, so they move to `not_needed`, with why.
//! Every other required action stays, whatever the officer decided.

use super::engine::{Assessment, NotNeeded, Verdict};
use super::guidance::Guidance;
use super::raw::{self, Choice, Target};

/// Moves the required actions that are not needed, given the officer's
/// decisions in `case`, from `a.required` to `a.not_needed`.
pub fn settle(g: &Guidance, case: &raw::Case, a: &mut Assessment) {
    let declined =
        |d: Option<&raw::OfficerDecision>| d.is_some_and(|d| d.choice == Choice::DoNotProceed);
    // Why the contact will not be made, if it will not: refused, or declined.
    let contact = if a.ie_contact.verdict == Verdict::Refused {
        Some("the contact with Immigration Enforcement is refused, so it will not be made")
    } else if declined(case.ie_contact.as_ref().and_then(|c| c.decision.as_ref())) {
        Some("you recorded not making the contact with Immigration Enforcement")
    } else {
        None
    };
    let none_of_the_checks = !case.checks.is_empty()
        && case.checks.iter().enumerate().all(|(i, c)| {
            declined(c.decision.as_ref())
                || a.checks
                    .get(i)
                    .is_some_and(|o| o.verdict == Verdict::Refused)
        });
    let checks = none_of_the_checks
        .then_some("none of the proposed checks will be done (each is refused or declined)");
    let mut keep = Vec::new();
    for r in std::mem::take(&mut a.required) {
        let why = if g.action(&r.action).is_some_and(|d| d.only_if_going_ahead) {
            // Not needed only when every decision that requires it is about
            // something that will not go ahead.
            let whys: Vec<Option<&str>> = r
                .reasons
                .iter()
                .map(|reason| {
                    match g
                        .decisions
                        .iter()
                        .find(|d| d.decision.id == reason.decision)
                        .map(|d| d.decision.applies_to)
                    {
                        Some(Target::IeContact) => contact,
                        Some(Target::Check) => checks,
                        _ => None,
                    }
                })
                .collect();
            if whys.iter().all(Option::is_some) {
                whys.first().copied().flatten()
            } else {
                None
            }
        } else {
            None
        };
        match why {
            Some(why) => a.not_needed.push(NotNeeded {
                action: r,
                why: why.to_owned(),
            }),
            None => keep.push(r),
        }
    }
    a.required = keep;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::case::CaseFacts;
    use crate::core::engine;
    use crate::core::parse;
    use crate::core::validate::{Library, LoadedFile};

    /// A contact that requires telling the person (only if it goes ahead) and a
    /// referral (whatever happens); refused when its purpose is "bad".
    const PACK: &str = r#"Pack(
        id: "t", title: "Test", version: "1", effective: "2020-01-01", review_by: "2030-01-01",
        sources: [(id: "S", title: "S", publisher: "P", date: "2020")],
        guidance: [(id: "R1", title: "R1", explanation: "E", kind: NationalGuidance, sources: ["S"], status: Cited)],
        facts: [
            (id: "check_system", scope: Check, kind: One, question: "Q", values: [(id: "s", label: "S")]),
            (id: "check_subject", scope: Check, kind: One, question: "Q", values: [(id: "p", label: "P")]),
            (id: "check_purposes", scope: Check, kind: Many, question: "Q", values: [(id: "good", label: "G")]),
            (id: "check_reason", scope: Check, kind: Text, question: "Q"),
            (id: "ie_purpose", scope: IeContact, kind: One, question: "Q", values: [(id: "good", label: "G"), (id: "bad", label: "B")]),
            (id: "ie_timing", scope: IeContact, kind: One, question: "Q", values: [(id: "t", label: "T")]),
            (id: "ie_data", scope: IeContact, kind: Many, question: "Q", values: [(id: "d", label: "D")]),
            (id: "ie_reason", scope: IeContact, kind: Text, question: "Q"),
        ],
        actions: [
            (id: "tell", kind: Required, label: "Tell", only_if_going_ahead: true),
            (id: "refer", kind: Required, label: "Refer"),
            (id: "supervisor_review", kind: Required, label: "Supervisor review"),
        ],
        decisions: [
            (id: "ie-good", applies_to: IeContact, when: Is("ie_purpose", "good"), then: [Permit, Require("tell"), Require("refer")], because: ["R1"], says: "good"),
            (id: "ie-bad", applies_to: IeContact, when: Is("ie_purpose", "bad"), then: [Refuse, Require("tell")], because: ["R1"], says: "bad"),
        ],
    )"#;

    fn run(purpose: &str, choice: Option<Choice>) -> Assessment {
        let (src, file) = parse::guidance_file("t.ron", PACK.as_bytes()).expect("parses");
        let (lib, problems) = Library::new(vec![LoadedFile { src, file }]);
        assert!(
            problems.is_empty() && lib.lint().is_empty(),
            "{}",
            lib.lint()
        );
        let g = lib.resolve("t", None).expect("resolves");
        let text = format!(
            "(pack: \"t\", ie_contact: (purpose: \"{purpose}\", reason: \"r\"{}))",
            choice.map_or_else(String::new, |c| format!(", decision: (choice: {c:?})"))
        );
        let (src, case) = parse::case_file("c.ron", text.as_bytes()).expect("case");
        let facts = CaseFacts::from_raw(&g, &src, &case).expect("facts");
        let mut a = engine::assess(&g, &facts);
        settle(&g, &case, &mut a);
        a
    }

    fn ids(list: &[crate::core::engine::ActionOutcome]) -> Vec<&str> {
        list.iter().map(|a| a.action.as_str()).collect()
    }

    #[test]
    fn telling_the_person_falls_away_only_when_the_contact_will_not_be_made() {
        // Going ahead, or not decided yet: both are needed.
        for choice in [None, Some(Choice::Proceed), Some(Choice::Defer)] {
            let a = run("good", choice);
            assert_eq!(ids(&a.required), ["tell", "refer"], "{choice:?}");
            assert!(a.not_needed.is_empty());
        }
        // Declined: telling falls away, with why; the referral stays.
        let a = run("good", Some(Choice::DoNotProceed));
        assert_eq!(ids(&a.required), ["refer"]);
        assert_eq!(a.not_needed.len(), 1);
        assert_eq!(a.not_needed[0].action.action, "tell");
        assert!(
            a.not_needed[0]
                .why
                .contains("you recorded not making the contact")
        );
        // Refused: it will never be made, decided or not.
        let a = run("bad", None);
        assert!(a.required.is_empty());
        assert!(a.not_needed[0].why.contains("is refused"));
    }

    #[test]
    fn only_a_required_action_may_fall_away() {
        let pack = PACK.replace(
            r#"(id: "refer", kind: Required, label: "Refer"),"#,
            r#"(id: "refer", kind: Required, label: "Refer"), (id: "arrest", kind: Prohibited, label: "Arrest", only_if_going_ahead: true),"#,
        );
        let (src, file) = parse::guidance_file("t.ron", pack.as_bytes()).expect("parses");
        let (lib, _) = Library::new(vec![LoadedFile { src, file }]);
        let lint = lib.lint().to_string();
        assert!(
            lint.contains("action \"arrest\" → only_if_going_ahead: only a required action"),
            "{lint}"
        );
    }
}
