//! Training in the window (issue 18): practice gives feedback citing the rule,
//! an assessment is scored as worked out by hand, a class's results are
//! aggregated, and a case saved as a scenario runs as a passing scenario.
#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests")]

mod ui_common;

use egui_kittest::kittest::Queryable as _;
use ui_common::*;
use victim_first::core::scenario::results::{Item, TraineeResult};
use victim_first::gui::state::{Mode, TrainingAction, TrainingEffect, View};
use victim_first::gui::{Action, Effect, Screen};

type H = egui_kittest::Harness<'static, victim_first::gui::GuiState>;

/// Opens the training screen and starts scenario `n` (from 1) in `mode`.
fn start(h: &mut H, n: usize, mode: Mode) {
    h.run();
    if h.state().screen != Screen::Training {
        press(h, "Practice or assessment…");
    }
    assert_eq!(h.state().screen, Screen::Training);
    let title = h.state().training.scenarios[n - 1].scenario.title.clone();
    press(h, &format!("Scenario {n}: {title}"));
    press(
        h,
        match mode {
            Mode::Practice => "Start practice",
            Mode::Assessment => "Start assessment",
        },
    );
    assert_eq!(h.state().screen, Screen::Wizard, "{:?}", h.state().message);
    assert_eq!(h.state().session().map(|s| s.mode), Some(mode));
}

#[test]
fn practice_a_wrong_choice_gets_feedback_citing_the_right_rule() {
    let (mut h, _) = harness();
    // Scenario 1: the husband's claim about status is only what the suspect alleges: doubts.
    start(&mut h, 1, Mode::Practice);
    // The story is beside the wizard, under the scenario's own guidance.
    assert!(shows(&h, "Training: practice"));
    assert!(shows_part(&h, "Amira Haddad"));
    assert_eq!(h.state().pack, "home-office-2023");
    assert_eq!(h.state().profile.as_deref(), Some("example-national"));
    answer(&mut h, "role", "victim");
    go_to(&mut h, "concern");
    // Leaving the first step gave its feedback; nothing on the next yet.
    assert!(shows_part(&h, "Right. "));
    answer(&mut h, "concern_source", "suspect_alleged");
    answer(&mut h, "concern_strength", "clear_evidence");
    next_step(&mut h);
    let s = h.state().session().expect("session");
    let f = &s.feedback[0];
    assert_eq!(f.step, "concern");
    assert_eq!(f.score(), (1, 2));
    let wrong = f
        .lines
        .iter()
        .find(|l| !l.item.correct)
        .expect("a wrong line");
    assert_eq!(wrong.item.what, "answer \"concern_strength\"");
    let (_, doubts) = wording(&h, "concern_strength", "doubts");
    let (_, clear) = wording(&h, "concern_strength", "clear_evidence");
    assert_eq!(wrong.expected, doubts);
    assert_eq!(wrong.chose, clear);
    // On screen: what was expected against what was chosen, and the rule, with its source.
    let said = format!(
        "Not what the guidance expects. {}: the guidance expects {doubts}; you chose {clear}",
        wrong.about
    );
    assert!(shows(&h, &said), "{said}");
    assert!(shows(&h, "Rule IA71-01"));
    assert!(shows_part(&h, "Source: "));
    // The rule link opens the rule.
    h.get_all_by_label("Rule IA71-01").next().unwrap().click();
    h.run();
    assert_eq!(h.state().rule.as_deref(), Some("IA71-01"));
}

#[test]
fn assessment_gives_no_feedback_then_scores_as_worked_out_by_hand() {
    let (mut h, effects) = harness();
    h.state_mut()
        .update(Action::Training(TrainingAction::Show(View::Choose)));
    h.run();
    type_into(&mut h, "Your name or collar number", "PC 4471");
    // Scenario 17: a witness under the 2020 guidance.
    start(&mut h, 17, Mode::Assessment);
    assert_eq!(h.state().pack, "npcc-2020");
    answer(&mut h, "role", "witness");
    answer(&mut h, "offence", "violence");
    answer(&mut h, "age", "adult");
    // Wrong: the scenario says in person.
    answer(&mut h, "reporting", "phone");
    next_step(&mut h);
    assert!(h.state().session().expect("session").feedback.is_empty());
    assert!(!shows_part(&h, "the guidance expects"));
    press(&mut h, "Hand in for scoring");
    // By hand: the scenario's 9 answers (report 4, concern 2, victim first 3),
    // its one check (what it is, and the decision: 2), and the one required
    // action. Right: role, offence, age; so 3 of 12, 25%.
    let r = h.state().training.report.clone().expect("a report");
    assert_eq!(r.result.trainee, "PC 4471");
    assert_eq!(r.result.score(), (3, 12));
    assert_eq!(r.result.percent(), 25);
    let steps: Vec<(&str, usize, usize)> = r
        .steps
        .iter()
        .map(|s| (s.step.as_str(), s.right, s.total))
        .collect();
    assert_eq!(
        steps,
        [
            ("report", 3, 4),
            ("concern", 0, 2),
            ("victim_first", 0, 3),
            ("checks", 0, 2),
            ("actions", 0, 1)
        ]
    );
    assert_eq!(r.missed.len(), 9);
    assert!(shows(&h, "Overall: 3 of 12 right (25%)"));
    assert!(shows(&h, &r.steps[0].heading));
    assert!(shows(&h, "3 of 4 right"));
    // What was missed, with its rules: the check's verdict rests on CPIA-01.
    assert!(shows(&h, "Rule CPIA-01"));
    // The session is over: the case is closed and the guidance chosen before is back.
    assert!(h.state().case.is_none());
    assert_eq!(h.state().screen, Screen::Training);
    // The result exports through the shell as a result file that reads back.
    effects.borrow_mut().clear();
    press(&mut h, "Export the result…");
    let e = effects.borrow().last().cloned().expect("an effect");
    let Effect::Training(TrainingEffect::SaveText { name, text, .. }) = e else {
        panic!("not a save: {e:?}");
    };
    assert!(name.starts_with("pc-4471-"), "{name}");
    let back = victim_first::core::scenario::results::parse_result(&name, text.as_bytes())
        .expect("a result file");
    assert_eq!(back, r.result);
}

fn result(who: &str, marks: &[(&str, bool, &str)]) -> TraineeResult {
    TraineeResult {
        trainee: who.into(),
        scenario: "S".into(),
        completed: "2026-12-04T10:00:00Z".into(),
        items: marks
            .iter()
            .map(|(step, correct, rule)| Item {
                step: (*step).into(),
                what: format!("{step} point"),
                correct: *correct,
                rules: vec![(*rule).into()],
                chose: if *correct { "right" } else { "wrong" }.into(),
            })
            .collect(),
    }
}

#[test]
fn the_class_summary_aggregates_three_result_files() {
    let dir = std::env::temp_dir().join(format!("vf-class-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let files = [
        result("Ann", &[("checks", true, "R1"), ("ie_contact", true, "R2")]),
        result(
            "Bob",
            &[("checks", false, "R1"), ("ie_contact", true, "R2")],
        ),
        result(
            "Cai",
            &[("checks", false, "R1"), ("ie_contact", false, "R2")],
        ),
    ];
    for r in &files {
        std::fs::write(dir.join(format!("{}.ron", r.trainee)), r.to_ron()).unwrap();
    }
    let (mut h, effects) = harness_sized(
        state_from(std::path::Path::new("guidance")),
        egui::vec2(1100.0, 2000.0),
    );
    h.state_mut()
        .update(Action::Training(TrainingAction::Show(View::Choose)));
    h.run();
    type_into(&mut h, "Folder of results", &dir.display().to_string());
    press(&mut h, "Read the folder");
    let e = effects.borrow().last().cloned().expect("an effect");
    assert_eq!(
        e,
        Effect::Training(TrainingEffect::ReadResultsFolder(dir.clone()))
    );
    // What the shell does with it: every .ron file in the folder, read.
    let mut read = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    for p in names {
        read.push((p.display().to_string(), Ok(std::fs::read(&p).unwrap())));
    }
    h.state_mut()
        .update(Action::Training(TrainingAction::ClassRead(
            dir.display().to_string(),
            read,
        )));
    h.run();
    let c = &h.state().training.class.as_ref().expect("a class").class;
    assert_eq!(c.results.len(), 3);
    let mut want = [0; 10];
    want[0] = 1; // Cai, 0%
    want[5] = 1; // Bob, 50%
    want[9] = 1; // Ann, 100%
    assert_eq!(c.distribution, want);
    assert_eq!(
        c.missed_steps,
        [("checks".to_owned(), 2), ("ie_contact".to_owned(), 1)]
    );
    assert_eq!(c.missed_rules, [("R1".to_owned(), 2), ("R2".to_owned(), 1)]);
    // Drawn: the charts are named with their figures, and each trainee's score.
    assert!(shows_part(&h, "Score distribution. 0–9%: 1; 10–19%: 0"));
    assert!(shows_part(&h, "50–59%: 1"));
    assert!(shows_part(&h, "90–100%: 1"));
    assert!(shows(&h, "The rules most often missed. R1: 2; R2: 1"));
    assert!(shows(&h, "Bob"));
    assert!(shows(&h, "1 of 2 (50%)"));
    assert!(shows_part(&h, "3 results from"));
    // Exported as CSV.
    press(&mut h, "Export as CSV…");
    let e = effects.borrow().last().cloned().expect("an effect");
    let Effect::Training(TrainingEffect::SaveText { text, .. }) = e else {
        panic!("not a save: {e:?}");
    };
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 4, "{text}");
    assert!(lines[2].starts_with("Bob,S,2026-12-04T10:00:00Z,1,2,50,checks,R1"));
    // The presenter shows the class's choices on a click.
    h.state_mut()
        .update(Action::Training(TrainingAction::Show(View::Presenter)));
    h.run();
    let title = h.state().training.scenarios[0].scenario.title.clone();
    assert!(shows(&h, &title));
    assert!(shows(&h, "Exit presenter view"));
    std::fs::remove_dir_all(&dir).ok();
}

#[test]
fn the_presenter_reveals_the_class_choices_on_a_click() {
    let (mut h, _) = harness();
    h.state_mut()
        .update(Action::Training(TrainingAction::Show(View::Presenter)));
    h.run();
    let title = h.state().training.scenarios[0].scenario.title.clone();
    let mut r = result("Ann", &[("checks", true, "R1")]);
    r.scenario.clone_from(&title);
    let mut s = result("Bob", &[("checks", false, "R1")]);
    s.scenario.clone_from(&title);
    h.state_mut()
        .update(Action::Training(TrainingAction::ClassRead(
            "class".into(),
            vec![
                ("a.ron".into(), Ok(r.to_ron().into_bytes())),
                ("b.ron".into(), Ok(s.to_ron().into_bytes())),
            ],
        )));
    h.run();
    assert_eq!(
        h.state().training.view,
        View::Presenter,
        "the class opened from the presenter"
    );
    assert!(shows(&h, &title));
    assert!(!shows_part(&h, "Chose: "));
    let heading = h
        .state()
        .guidance
        .as_ref()
        .map(|g| victim_first::core::scenario::feedback::heading(g, "checks"))
        .unwrap();
    press(&mut h, &format!("Reveal the class's choices: {heading}"));
    assert!(shows(&h, "Chose: right (1); wrong (1)"));
}

#[test]
fn a_case_saved_as_a_scenario_runs_as_a_passing_scenario() {
    let (mut h, effects) = harness();
    open_case(&mut h, "tests/data/cases/da-doubts-adopting.ron");
    assert!(h.state().case.is_some(), "{:?}", h.state().message);
    h.state_mut().update(Action::Show(Screen::Start));
    h.run();
    press(&mut h, "Save the case in progress as a scenario…");
    type_into(&mut h, "Title", "A case from practice");
    type_into(
        &mut h,
        "What the person said",
        "Mia Stone, 31, says her partner hit her.",
    );
    press(&mut h, "Add a teaching point");
    type_into(
        &mut h,
        "Teaching point 1: what to take away",
        "She is a victim first.",
    );
    type_into(
        &mut h,
        "Teaching point 1: the rules behind it (ids, apart by spaces)",
        "NPCC18-01",
    );
    effects.borrow_mut().clear();
    press(&mut h, "Save as a scenario…");
    assert!(
        h.state().training.author.problems.is_empty(),
        "{:?}",
        h.state().training.author.problems
    );
    let e = effects.borrow().last().cloned().expect("an effect");
    let Effect::Training(TrainingEffect::SaveText { name, text, .. }) = e else {
        panic!("not a save: {e:?}");
    };
    assert_eq!(name, "a-case-from-practice.ron");
    // What `victim-first scenarios DIR` does with the file.
    let (lib, _) = victim_first::store::load_library(std::path::Path::new("guidance"));
    let mut coverage = victim_first::core::scenario::Coverage::default();
    let ran = victim_first::scenario_cli::run_all(
        &lib,
        &[(name.clone(), Ok(text.into_bytes()))],
        &mut coverage,
    );
    assert!(
        matches!(&ran[0].1, victim_first::scenario_cli::Outcome::Passed { title } if title == "A case from practice"),
        "the saved scenario does not pass"
    );
}

/// Writes the example class in `docs/screenshots/class/` that the screenshots
/// and the user guide show: twelve fictional trainees on scenario 1, each
/// scored by the core from a case with its own mistakes.
/// `cargo test --test ui_training -- --ignored write_the_example_class`
#[test]
#[ignore = "writes the screenshots' example class"]
fn write_the_example_class() {
    use victim_first::core::raw;
    let (lib, _) = victim_first::store::load_library(std::path::Path::new("guidance"));
    let (name, text) = victim_first::builtin::scenarios()
        .next()
        .expect("scenario 1");
    let (src, sc) = victim_first::core::scenario::parse(&name, text.as_bytes()).expect("parses");
    let g = lib
        .resolve(&sc.case.pack, sc.case.profile.as_deref())
        .expect("guidance");
    let ran = victim_first::core::scenario::run(&g, &src, &sc).expect("runs");
    let dir = std::path::Path::new("docs/screenshots/class");
    std::fs::create_dir_all(dir).unwrap();
    let decide = |choice, reason: &str| {
        Some(raw::OfficerDecision {
            choice,
            reason: reason.into(),
            reconsider: String::new(),
        })
    };
    for k in 0..12usize {
        let mut case = sc.case.clone();
        case.checks[0].decision = decide(raw::Choice::Proceed, "");
        case.checks[1].decision = decide(
            if k % 4 == 1 {
                raw::Choice::Proceed
            } else {
                raw::Choice::DoNotProceed
            },
            "",
        );
        if let Some(ie) = case.ie_contact.as_mut() {
            ie.decision = if k % 2 == 0 {
                decide(raw::Choice::Proceed, "")
            } else {
                decide(raw::Choice::DoNotProceed, "")
            };
        }
        if k % 3 == 0 {
            case.facts.insert(
                "concern_strength".into(),
                ron::Value::String("clear_evidence".into()),
            );
        }
        if k % 5 == 2 {
            case.facts.insert(
                "status_used_to_control".into(),
                ron::Value::String("no".into()),
            );
        }
        // Two trainees left half the questions unanswered.
        if k % 5 == 4 {
            case.facts.retain(|f, _| f.len() % 2 == 0);
        }
        for (i, a) in ran.assessment.required.iter().enumerate() {
            if i < 6 - k % 5 {
                case.actions.insert(
                    a.action.clone(),
                    raw::ActionRecord {
                        done: true,
                        note: String::new(),
                    },
                );
            }
        }
        let who = format!("PC {}", 1101 + k);
        let r = victim_first::core::scenario::results::score(
            &g,
            &sc,
            &ran,
            &case,
            &who,
            "2026-12-04T10:30:00Z",
        );
        std::fs::write(dir.join(format!("trainee-{:02}.ron", k + 1)), r.to_ron()).unwrap();
    }
}

#[test]
fn practice_a_decision_the_verdict_does_not_allow_cites_the_verdict_rules() {
    use victim_first::core::condition::Answer;
    use victim_first::core::raw::{Choice, OfficerDecision};
    use victim_first::core::wizard::About;
    let (mut h, _) = harness();
    // Scenario 1: the contact "to tell them what the husband said" is NOT RECOMMENDED.
    start(&mut h, 1, Mode::Practice);
    go_to(&mut h, "ie_contact");
    let edits = [
        Action::ProposeIe(true),
        Action::SetAnswer(
            About::IeContact,
            "ie_purpose".into(),
            Some(Answer::One("status_notification".into())),
        ),
        // Going ahead with what is not recommended, with no further reason.
        Action::Decide(
            About::IeContact,
            OfficerDecision {
                choice: Choice::Proceed,
                reason: String::new(),
                reconsider: String::new(),
            },
        ),
    ];
    for a in edits {
        h.state_mut().update(a);
    }
    h.run();
    next_step(&mut h);
    let s = h.state().session().expect("session");
    let f = &s.feedback[0];
    assert_eq!(f.step, "ie_contact");
    let decision = f
        .lines
        .iter()
        .find(|l| l.item.what == "decision on the contact")
        .expect("the decision");
    assert!(!decision.item.correct);
    assert!(
        decision.expected.starts_with("NOT RECOMMENDED"),
        "{}",
        decision.expected
    );
    // The rules the guidance's verdict rests on, as the scenario expects them.
    for rule in ["NPCC18-04", "STS-01"] {
        assert!(decision.item.rules.iter().any(|r| r == rule), "{rule}");
        assert!(shows(&h, &format!("Rule {rule}")), "{rule} on screen");
    }
    let purpose = f
        .lines
        .iter()
        .find(|l| l.item.what == "the contact: what it is for")
        .expect("the purpose");
    assert!(purpose.item.correct);
}
