//! Feedback, the assessment's report and a scenario written from a case, over
//! the small pack of `tests.rs`.
#![allow(clippy::expect_used, reason = "tests: panics on a broken fixture")]

use super::tests::{SCENARIO, good_trainee, guidance};
use super::*;
use crate::core::raw;

fn setup() -> (crate::core::guidance::Guidance, Scenario, Ran) {
    let g = guidance();
    let (src, sc) = parse("s.ron", SCENARIO.as_bytes()).expect("parses");
    let ran = run(&g, &src, &sc).expect("runs");
    (g, sc, ran)
}

#[test]
fn a_wrong_choice_gets_feedback_citing_the_right_rule_and_its_source() {
    let (g, sc, ran) = setup();
    let mut trainee = good_trainee(&sc);
    trainee.checks[1].decision = Some(raw::OfficerDecision {
        choice: raw::Choice::Proceed,
        reason: "Because".into(),
        reconsider: String::new(),
    });
    let f = feedback::step_feedback(&g, &sc, &ran, &trainee, "checks");
    assert_eq!(f.heading, "Checks");
    assert_eq!(f.score(), (3, 4));
    let wrong: Vec<_> = f.lines.iter().filter(|l| !l.item.correct).collect();
    assert_eq!(wrong.len(), 1);
    assert_eq!(wrong[0].item.what, "decision on check 2");
    assert_eq!(wrong[0].about, "Check 2: the decision");
    assert_eq!(wrong[0].expected, "REFUSED, so Do not do it");
    assert_eq!(wrong[0].chose, "Go ahead");
    assert_eq!(wrong[0].item.rules, ["R2"]);
    // The rule behind what was missed comes first, with its source in words.
    assert_eq!(f.rules[0].id, "R2");
    assert_eq!(f.rules[0].sources, ["S, P (2020)"]);
    assert_eq!(f.teaching.len(), 1);
    // The answers on step one, by their labels.
    trainee
        .facts
        .insert("role".into(), ron::Value::String("a".into()));
    let f = feedback::step_feedback(&g, &sc, &ran, &trainee, "one");
    assert_eq!(f.lines[0].about, "Role?");
    assert_eq!(f.lines[0].expected, "B");
    assert_eq!(f.lines[0].chose, "A");
    assert_eq!(f.rules[0].id, "CTX");
}

#[test]
fn the_report_scores_each_step_and_lists_what_was_missed() {
    let (g, sc, ran) = setup();
    let mut trainee = good_trainee(&sc);
    trainee.actions.clear();
    let r = feedback::report(&g, &sc, &ran, &trainee, "PC 1", "2026-12-04T10:00:00Z");
    assert_eq!(r.result.score(), (6, 8));
    let steps: Vec<(&str, usize, usize)> = r
        .steps
        .iter()
        .map(|s| (s.heading.as_str(), s.right, s.total))
        .collect();
    assert_eq!(
        steps,
        [
            ("One", 1, 1),
            ("Checks", 4, 4),
            ("IE", 1, 2),
            ("Actions and next steps", 0, 1)
        ]
    );
    let missed: Vec<&str> = r.missed.iter().map(|d| d.item.what.as_str()).collect();
    assert_eq!(
        missed,
        ["decision on the contact", "required action \"do\""]
    );
    assert_eq!(
        r.rules.iter().map(|c| c.id.as_str()).collect::<Vec<_>>(),
        ["R1"]
    );
    // The file keeps what was chosen, for the presenter.
    let back = results::parse_result("r.ron", r.result.to_ron().as_bytes()).expect("reads");
    assert_eq!(back, r.result);
    assert_eq!(back.items[7].chose, "not recorded as done");
}

#[test]
fn a_case_written_as_a_scenario_runs_and_passes() {
    let (g, sc, _) = setup();
    let case = good_trainee(&sc);
    let text = author::scenario_text(
        &g,
        &case,
        "From a case",
        Narrative {
            person_said: "Someone took my bag.".into(),
            ..Narrative::default()
        },
        vec![TeachingPoint {
            step: "checks".into(),
            point: "A check needs a purpose.".into(),
            rules: vec!["R1".into()],
        }],
    )
    .expect("written");
    let (src, back) = parse("new.ron", text.as_bytes()).expect("parses");
    assert_eq!(back.title, "From a case");
    assert!(back.case.checks.iter().all(|c| c.decision.is_none()));
    let ran = run(&g, &src, &back).expect("runs");
    assert_eq!(ran.failures, Vec::new());
    assert_eq!(back.expect.checks.len(), 2);
    assert_eq!(back.expect.required, ["do"]);
    // A teaching point naming a rule the guidance lacks is refused, located.
    let bad = author::scenario_text(
        &g,
        &case,
        "Bad",
        Narrative {
            person_said: "x".into(),
            ..Narrative::default()
        },
        vec![TeachingPoint {
            step: "checks".into(),
            point: "p".into(),
            rules: vec!["NOPE".into()],
        }],
    )
    .expect_err("refused");
    assert!(bad.to_string().contains("no rule \"NOPE\""), "{bad}");
}

#[test]
fn a_class_choices_are_counted_point_by_point() {
    let (g, sc, ran) = setup();
    let good = good_trainee(&sc);
    let mut bad = good.clone();
    bad.checks[1].decision = Some(raw::OfficerDecision {
        choice: raw::Choice::Proceed,
        reason: "x".into(),
        reconsider: String::new(),
    });
    let class = results::Class::new(vec![
        results::score(&g, &sc, &ran, &good, "A", ""),
        results::score(&g, &sc, &ran, &bad, "B", ""),
        results::score(&g, &sc, &ran, &bad, "C", ""),
    ]);
    let c = class.choices("Two checks");
    let d = c
        .iter()
        .find(|c| c.what == "decision on check 2")
        .expect("the point");
    assert_eq!((d.right, d.total), (1, 3));
    assert_eq!(
        d.chose,
        [("Go ahead".to_owned(), 2), ("Do not do it".to_owned(), 1)]
    );
    assert!(class.choices("another").is_empty());
}

#[test]
fn checks_recorded_in_another_order_are_paired_by_what_they_are() {
    let (g, sc, ran) = setup();
    let mut trainee = good_trainee(&sc);
    trainee.checks.swap(0, 1);
    let r = results::score(&g, &sc, &ran, &trainee, "PC 1", "");
    assert_eq!(
        r.score(),
        (7, 8),
        "only the contact's decision is wrong, as before"
    );
}
