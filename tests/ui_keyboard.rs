//! The README's example case (`docs/screenshots/example-case.ron`), entered and
//! completed with the keyboard alone, every key counted: what a keyboard user
//! or a switch user pays for each step of the wizard. The README quotes the count.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "a test may panic on a broken fixture"
)]

use egui_kittest::Harness;
use victim_first::core::condition::Answer;
use victim_first::core::raw::Choice;
use victim_first::core::record::choice_words;
use victim_first::core::wizard::{About, StepKind, Wizard};
use victim_first::gui::{self, Action, GuiState, Screen};
use victim_first::store;

mod ui_common;
use ui_common::*;

const EXAMPLE: &str = "docs/screenshots/example-case.ron";

/// The most keys the example case may take: 748 since each radio group became
/// one Tab stop (issue 16); 905 before. Lower it when the wizard gets quicker.
const MOST_KEYS: usize = 748;

fn chord(h: &mut Harness<'_, GuiState>, m: egui::Modifiers, k: egui::Key) {
    count_keys(1);
    h.key_press_modifiers(m, k);
    h.run();
}

/// Gives, with the keyboard, every answer the example case holds about
/// `about` on this step that the window does not hold yet, in the order asked.
fn answer_all(h: &mut Harness<'_, GuiState>, target: &Wizard, step: usize, about: About) {
    for _ in 0..100 {
        let next = {
            let s = h.state();
            let g = s.guidance.as_ref().expect("guidance");
            let live = &s.case.as_ref().expect("open").wizard;
            let StepKind::Questions(st) = &s.steps()[step] else {
                return;
            };
            live.visible(g, st, about).into_iter().find_map(|f| {
                let want = target.answer(g, about, &f.id)?;
                (live.answer(g, about, &f.id).as_ref() != Some(&want))
                    .then(|| (f.id.clone(), f.question.clone(), want))
            })
        };
        let Some((fact, question, want)) = next else {
            return;
        };
        match want {
            Answer::One(v) => key_answer_about(h, Some(about), &fact, &v),
            Answer::Many(vs) => {
                for v in vs {
                    let (q, l) = wording_about(h, Some(about), &fact, &v);
                    key_choose(h, &gui::option_name(&q, &l));
                }
            }
            Answer::Text(t) => key_type(h, &gui::question_name(about, &question), &t),
        }
    }
    panic!("the answers about {about:?} never settled");
}

fn decide(h: &mut Harness<'_, GuiState>, what: &str, choice: Choice, why: &str) {
    key_pick(
        h,
        &format!("{what}: "),
        &format!("{what}: {}", choice_words(choice)),
    );
    key_type(h, &format!("{what}: Why you decided this"), why);
}

/// One of the guidance's steps: its answers, checks and contact, and the decisions on them.
fn questions_step(
    h: &mut Harness<'_, GuiState>,
    target: &Wizard,
    i: usize,
    s: &victim_first::core::raw::Step,
) {
    let case = &target.case;
    let g = h.state().guidance.as_ref().expect("guidance").clone();
    let has = |scope| {
        s.facts
            .iter()
            .any(|f| g.fact(f).is_some_and(|x| x.scope == scope))
    };
    if has(victim_first::core::raw::Scope::Case) {
        answer_all(h, target, i, About::Case);
    }
    if has(victim_first::core::raw::Scope::Check) {
        for (n, _) in case.checks.iter().enumerate() {
            key_choose(h, "Add a check");
            answer_all(h, target, i, About::Check(n));
        }
        let verdicts: Vec<_> = h
            .state()
            .case
            .as_ref()
            .unwrap()
            .assessment
            .checks
            .iter()
            .map(|c| c.verdict)
            .collect();
        for (n, v) in verdicts.into_iter().enumerate() {
            let what = format!("check {}", n + 1);
            if v == victim_first::core::engine::Verdict::Permitted {
                decide(h, &what, Choice::Proceed, "Needed for the risk assessment");
            } else {
                decide(h, &what, Choice::DoNotProceed, "Refused by the guidance");
            }
        }
    }
    if has(victim_first::core::raw::Scope::IeContact) && case.ie_contact.is_some() {
        key_choose(h, "Propose contact with Immigration Enforcement");
        answer_all(h, target, i, About::IeContact);
        decide(
            h,
            "the contact",
            Choice::DoNotProceed,
            "Not recommended while the prosecution is live",
        );
    }
}

#[test]
fn the_readme_example_case_can_be_completed_with_the_keyboard_alone_and_its_keys_are_counted() {
    let (mut h, _) = harness();
    h.run();
    let (_, case) = store::read_case(std::path::Path::new(EXAMPLE)).expect("example case");
    // The force's profile is already chosen (a setting, remembered), as on a force machine.
    h.state_mut()
        .update(Action::SelectProfile(case.profile.clone()));
    h.run();
    let target = {
        let g = h.state().guidance.as_ref().expect("guidance");
        Wizard::from_case(g, case.clone())
    };
    reset_keys();
    chord(&mut h, egui::Modifiers::COMMAND, egui::Key::N);
    let steps = h.state().steps();
    for (i, step) in steps.iter().enumerate() {
        assert_eq!(h.state().case.as_ref().unwrap().wizard.step, i);
        match step {
            StepKind::Questions(s) => questions_step(&mut h, &target, i, s),
            StepKind::Actions => {
                let required: Vec<String> = h
                    .state()
                    .case
                    .as_ref()
                    .unwrap()
                    .assessment
                    .required
                    .iter()
                    .map(|a| a.label.clone())
                    .collect();
                for label in required {
                    key_choose(&mut h, &format!("Done: {label}"));
                }
            }
            StepKind::Review => {
                let o = case.officer.clone().expect("officer");
                key_type(&mut h, "Your name or collar number", &o.name);
                key_type(&mut h, "Your role", &o.role);
                key_type(&mut h, "Crime reference number", &o.crime_reference);
                if h.state()
                    .case
                    .as_ref()
                    .unwrap()
                    .blockers
                    .iter()
                    .any(|b| b.item == "Supervisor's review")
                {
                    key_type(&mut h, "Supervisor's name or collar number", "PS 1234");
                }
                let left: Vec<String> = h
                    .state()
                    .case
                    .as_ref()
                    .unwrap()
                    .blockers
                    .iter()
                    .map(|b| format!("{}: {}", b.item, b.message))
                    .collect();
                assert!(left.is_empty(), "{left:#?}");
                tab_to(&mut h, "Finish the record");
                key(&mut h, egui::Key::Enter);
                break;
            }
        }
        next_step(&mut h);
    }
    assert_eq!(h.state().screen, Screen::Finished);
    // What was recorded is the example case's content.
    let done = &h.state().case.as_ref().unwrap().wizard.case;
    assert_eq!(done.facts, target.case.facts);
    assert_eq!(done.checks.len(), target.case.checks.len());
    let n = keys();
    let typed = typed_keys();
    println!(
        "keys to complete the README's example case with the keyboard alone: {n} ({typed} typed into fields, {} to move and choose)",
        n - typed
    );
    assert!(n <= MOST_KEYS, "{n} keys: more than {MOST_KEYS}");
}
