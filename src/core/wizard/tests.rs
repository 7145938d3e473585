//! The wizard's own rules, over a small pack that exercises them, not any policy.
#![allow(
    clippy::expect_used,
    clippy::many_single_char_names,
    clippy::unnecessary_wraps,
    reason = "tests: short names, panics on a broken fixture"
)]
use super::*;
use crate::core::engine::Verdict;
use crate::core::parse;
use crate::core::raw::Choice;
use crate::core::record::{self, blockers};
use crate::core::validate::{Library, LoadedFile};

use crate::core::fixture::{PACK, guidance, guidance_from};

fn one(v: &str) -> Option<Answer> {
    Some(Answer::One(v.to_owned()))
}

fn step(g: &Guidance, i: usize) -> raw::Step {
    match &steps(g)[i] {
        StepKind::Questions(s) => s.clone(),
        other => panic!("not a question step: {other:?}"),
    }
}

#[test]
fn a_change_to_a_check_under_a_pretext_warning_is_logged_at_once() {
    let text = PACK.replace(
        r#"(id: "ie", applies_to: IeContact,"#,
        r#"(id: "flag", applies_to: Check, when: Mentions("check_reason", ["odd"]), then: [Warn(Pretext)], because: ["R1"], says: "odd"),
        (id: "ie", applies_to: IeContact,"#,
    );
    let (src, file) = parse::guidance_file("t.ron", text.as_bytes()).expect("parses");
    let (lib, _) = Library::new(vec![LoadedFile { src, file }]);
    assert!(lib.lint().is_empty(), "{}", lib.lint());
    let g = lib.resolve("t", None).expect("resolves");
    let mut w = Wizard::new("t", None, "T0");
    let i = w.add_check();
    let text = |t: &str| Some(Answer::Text(t.to_owned()));
    w.set_answer(&g, About::Check(i), "check_reason", text("fine"), "T1");
    w.set_answer(
        &g,
        About::Check(i),
        "check_reason",
        text("an odd one"),
        "T2",
    );
    // Not settled and not flagged before: not a change to the record.
    assert!(w.case.changes.is_empty());
    // Flagged: the change that resolves it is on the record at once.
    w.set_answer(
        &g,
        About::Check(i),
        "check_reason",
        text("a plain one"),
        "T3",
    );
    assert_eq!(w.case.changes.len(), 1);
    assert_eq!(w.case.changes[0].from, "an odd one");
    assert_eq!(w.case.changes[0].to, "a plain one");
}

#[test]
fn steps_are_the_guidance_s_then_actions_and_review() {
    let g = guidance();
    let ids: Vec<String> = steps(&g).iter().map(|s| s.id().to_owned()).collect();
    assert_eq!(ids, ["one", "checks", "ie", "actions", "review"]);
    assert_eq!(step_of_scope(&g, Scope::Check).as_deref(), Some("checks"));
}

#[test]
fn only_relevant_questions_show_and_changes_after_leaving_a_step_are_logged() {
    let g = guidance();
    let mut w = Wizard::new("t", None, "T0");
    let s1 = step(&g, 0);
    let ids = |w: &Wizard| -> Vec<String> {
        w.visible(&g, &s1, About::Case)
            .iter()
            .map(|f| f.id.clone())
            .collect()
    };
    assert_eq!(ids(&w), ["role"]);
    w.set_answer(&g, About::Case, "role", one("a"), "T1");
    w.set_answer(&g, About::Case, "role", one("b"), "T2");
    // Changing one's mind on the same visit is not a change to the record.
    assert!(w.case.changes.is_empty());
    assert_eq!(ids(&w), ["role", "detail"]);
    w.set_answer(&g, About::Case, "detail", one("x"), "T3");
    let i = w.add_check();
    w.set_answer(&g, About::Check(i), "check_extra", one("yes"), "T3");
    w.go_to(&g, 1);
    assert_eq!(w.assess(&g).required[0].action, "do");
    let checks = step(&g, 1);
    assert_eq!(w.visible(&g, &checks, About::Check(0)).len(), 5);

    // Going back and changing an earlier answer: everything after follows.
    w.go_to(&g, 0);
    w.set_answer(&g, About::Case, "role", one("a"), "T4");
    assert_eq!(ids(&w), ["role"]);
    let aside: Vec<&str> = w
        .set_aside(&g, &s1, About::Case)
        .iter()
        .map(|f| f.id.as_str())
        .collect();
    assert_eq!(aside, ["detail"], "kept, shown as set aside");
    assert_eq!(
        w.case.facts.get("detail"),
        Some(&ron::Value::String("x".to_owned()))
    );
    assert_eq!(
        w.set_aside(&g, &checks, About::Check(0)).len(),
        1,
        "check_extra set aside"
    );
    let a = w.assess(&g);
    assert!(
        a.required.is_empty(),
        "the set-aside answer no longer counts"
    );
    assert!(a.notes.iter().any(|n| n.kind == "set_aside"));
    assert_eq!(
        w.case.changes,
        [raw::Change {
            at: "T4".to_owned(),
            about: "case".to_owned(),
            fact: "role".to_owned(),
            from: "Banana".to_owned(),
            to: "Apple".to_owned(),
        }]
    );
    // Typing on: one entry per answer changed, not per keystroke; back to the start removes it.
    w.set_answer(&g, About::Case, "role", one("b"), "T5");
    assert!(w.case.changes.is_empty());
}

#[test]
fn further_check_and_contact_answers_go_in_their_answers_maps_and_round_trip() {
    let g = guidance();
    let mut w = Wizard::new("t", None, "2026-11-29T10:00:00Z");
    w.set_answer(&g, About::Case, "role", one("b"), "T");
    let i = w.add_check();
    w.set_answer(&g, About::Check(i), "check_system", one("s"), "T");
    w.set_answer(&g, About::Check(i), "check_subject", one("p"), "T");
    w.set_answer(
        &g,
        About::Check(i),
        "check_purposes",
        Some(Answer::Many(vec!["bad".to_owned()])),
        "T",
    );
    w.set_answer(&g, About::Check(i), "check_extra", one("yes"), "T");
    w.set_ie_proposed(true, "T");
    w.set_answer(&g, About::IeContact, "ie_purpose", one("p"), "T");
    let c = &w.case.checks[0];
    assert_eq!(c.system, "s");
    assert_eq!(
        c.answers.get("check_extra"),
        Some(&ron::Value::String("yes".to_owned()))
    );
    let a = w.assess(&g);
    assert_eq!(a.checks[0].verdict, Verdict::Refused);
    assert_eq!(a.ie_contact.verdict, Verdict::NotRecommended);
    let text = case_text(&w.case).expect("writes");
    let (src, back) = parse::case_file("c.ron", text.as_bytes()).expect("reads back");
    assert_eq!(back, w.case);
    let facts = CaseFacts::from_raw(&g, &src, &back).expect("assess reads what the wizard writes");
    assert_eq!(facts, w.facts(&g));
    let again = Wizard::from_case(&g, back);
    assert!(again.is_settled(About::Check(0), "check_extra"));
}

#[test]
fn completion_is_blocked_until_every_decision_action_and_detail_is_recorded() {
    let g = guidance();
    let mut w = Wizard::new("t", None, "T0");
    w.set_answer(&g, About::Case, "role", one("b"), "T");
    w.set_answer(&g, About::Case, "detail", one("x"), "T");
    let i = w.add_check();
    w.set_answer(
        &g,
        About::Check(i),
        "check_purposes",
        Some(Answer::Many(vec!["bad".to_owned()])),
        "T",
    );
    w.set_ie_proposed(true, "T");
    w.set_answer(&g, About::IeContact, "ie_purpose", one("p"), "T");
    let a = w.assess(&g);
    let b = blockers(&w.case, &g, &a);
    let has = |b: &[record::Blocker], step: &str, item: &str| {
        b.iter().any(|x| x.step == step && x.item == item)
    };
    assert!(has(&b, "checks", "Check 1"));
    assert!(has(&b, "ie", "Contact with Immigration Enforcement"));
    assert!(has(&b, ACTIONS_STEP, "Do it"));
    assert!(has(&b, REVIEW_STEP, "Your name or collar number"));

    // A refused check recorded as going ahead is still blocked.
    w.case.checks[0].reason = "why".to_owned();
    w.case.checks[0].decision = Some(raw::OfficerDecision {
        choice: Choice::Proceed,
        reason: "r".to_owned(),
        reconsider: String::new(),
    });
    let b = blockers(&w.case, &g, &w.assess(&g));
    assert!(
        b.iter()
            .any(|x| x.item == "Check 1" && x.message.contains("cannot be recorded")),
        "{b:?}"
    );
    w.case.checks[0].decision = Some(raw::OfficerDecision {
        choice: Choice::DoNotProceed,
        reason: "refused".to_owned(),
        reconsider: String::new(),
    });
    // Not recommended, gone ahead with: a further reason, then a supervisor.
    w.case.ie_contact.as_mut().expect("proposed").decision = Some(raw::OfficerDecision {
        choice: Choice::Proceed,
        reason: String::new(),
        reconsider: String::new(),
    });
    let a = w.assess(&g);
    let b = blockers(&w.case, &g, &a);
    assert!(
        b.iter().any(|x| x.message.contains("further reason")),
        "{b:?}"
    );
    assert!(record::needs_supervisor(&w.case, &a));
    w.case.ie_contact.as_mut().expect("proposed").decision = Some(raw::OfficerDecision {
        choice: Choice::Proceed,
        reason: "key witness".to_owned(),
        reconsider: String::new(),
    });
    w.case.actions.insert(
        "do".to_owned(),
        raw::ActionRecord {
            done: false,
            note: "not possible tonight".to_owned(),
        },
    );
    w.case.officer = Some(raw::Officer {
        name: "PC 123".to_owned(),
        role: "Response".to_owned(),
        crime_reference: "CR1".to_owned(),
    });
    let b = blockers(&w.case, &g, &w.assess(&g));
    assert_eq!(b.len(), 1, "{b:?}");
    assert_eq!(b[0].item, "Supervisor's review");
    w.case.supervisor = Some(raw::SupervisorReview {
        name: "PS 9".to_owned(),
        at: String::new(),
        comment: String::new(),
    });
    assert!(blockers(&w.case, &g, &w.assess(&g)).is_empty());
}

#[test]
fn a_step_whose_questions_all_wait_on_an_earlier_step_says_so() {
    use crate::core::record::{StepStatus, step_statuses};
    let pack = PACK.replace(
        r#"facts: ["role", "detail"]),"#,
        r#"facts: ["role"]), (id: "more", heading: "More", stage: Information, facts: ["detail"]),"#,
    );
    let g = guidance_from(&pack);
    let mut w = Wizard::new("t", None, "T0");
    let status = |w: &Wizard| {
        let a = w.assess(&g);
        let shown = crate::core::changes::shown(&g, w, &a);
        step_statuses(&g, w, &blockers(&w.case, &g, &a), &shown)
    };
    let s = status(&w);
    assert_eq!(s[0], StepStatus::NotStarted);
    assert_eq!(s[1], StepStatus::CannotStartYet("step 1, One".to_owned()));
    assert_eq!(s[2], StepStatus::NothingToDo("no checks proposed"));
    assert_eq!(
        s[3],
        StepStatus::NothingToDo("no contact with Immigration Enforcement proposed")
    );
    w.set_answer(&g, About::Case, "role", one("a"), "T1");
    let s = status(&w);
    assert_eq!(s[0], StepStatus::Completed);
    assert_eq!(
        s[1],
        StepStatus::NothingToDo("none of its questions apply to this case")
    );
    w.set_answer(&g, About::Case, "role", one("b"), "T1");
    assert_eq!(status(&w)[1], StepStatus::NotStarted);
    w.set_answer(&g, About::Case, "detail", one("x"), "T1");
    assert_eq!(status(&w)[1], StepStatus::Completed);
    // Back to "a": the answer on step 2 is set aside, so it needs attention.
    w.set_answer(&g, About::Case, "role", one("a"), "T1");
    assert_eq!(
        status(&w)[1],
        StepStatus::NeedsAttention("answers set aside after a change")
    );
    // Until the officer opens that step again.
    w.go_to(&g, 1);
    w.go_to(&g, 0);
    assert_eq!(
        status(&w)[1],
        StepStatus::NothingToDo("none of its questions apply to this case")
    );
}
