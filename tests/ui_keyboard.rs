//! The wizard with the keyboard alone, as a keyboard or switch user meets it.
//!
//! - Typing as an officer types: one key per frame, into every text field of
//!   the wizard, each starting empty. A test that enters a whole string in one
//!   frame cannot see a field that loses focus after its first key (the first
//!   character changes what is drawn above the field, and a field known by its
//!   place on screen is then a new field). Here every character is its own
//!   frame, then a Backspace, then a paste, and the field must hold exactly that.
//! - One Tab stop per question: a radio group is one stop, the arrows choose
//!   within it, and the window's first stop skips to the questions.
//! - The README's example case (`docs/screenshots/example-case.ron`), entered
//!   and completed with the keyboard alone, every key counted: what a keyboard
//!   user pays for the wizard. The README quotes the count. Every key, and
//!   where the focus must then be, is kept as a script (an insta snapshot) that
//!   `scripts/smoke-window.sh` replays into the real window, through saving,
//!   exporting the note and closing with Ctrl+Q.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "a test may panic on a broken fixture"
)]

use std::collections::BTreeSet;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use victim_first::core::condition::Answer;
use victim_first::core::engine::Verdict;
use victim_first::core::raw::Choice;
use victim_first::core::record::choice_words;
use victim_first::core::wizard::{About, StepKind, Wizard};
use victim_first::gui::{self, Effect, GuiState, Screen};
use victim_first::store;

mod ui_common;
use ui_common::*;

const EXAMPLE: &str = "docs/screenshots/example-case.ron";

/// The most keys the example case may take: 1045 since issue 26 added the
/// closed questions (what each check needs to find, a group of ten boxes each
/// a Tab stop, on both checks; what the contact asks of Immigration
/// Enforcement; whether it reveals where she is), 748 before that, since each
/// radio group became one Tab stop (issue 16); 905 before. Lower it when the
/// wizard gets quicker.
const MOST_KEYS: usize = 1045;

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
    let (mut h, effects) = harness();
    h.run();
    let (_, case) = store::read_case(std::path::Path::new(EXAMPLE)).expect("example case");
    // The force's profile, chosen on the start screen, as on a new machine.
    reset_keys();
    let profile = case.profile.clone().expect("the example names a profile");
    let name = h.state().library.display_name(&profile);
    key_combo(&mut h, "Force profile", &name);
    assert_eq!(h.state().profile.as_deref(), Some(profile.as_str()));
    // Counted from here: a force machine remembers its profile.
    let before = keys();
    let target = {
        let g = h.state().guidance.as_ref().expect("guidance");
        Wizard::from_case(g, case.clone())
    };
    chord(&mut h, egui::Modifiers::COMMAND, egui::Key::N);
    record_step(&h);
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
                effects.borrow_mut().clear();
                key(&mut h, egui::Key::Enter);
                // Finishing saves the case: where, the first time, is asked.
                assert!(
                    matches!(effects.borrow().last(), Some(Effect::PickSaveFile(_))),
                    "finishing asks where to save: {:?}",
                    effects.borrow()
                );
                record("dialog case".to_owned());
                break;
            }
        }
        next_step(&mut h);
    }
    assert_eq!(h.state().screen, Screen::Finished);
    record_step(&h);
    // What was recorded is the example case's content.
    let done = &h.state().case.as_ref().unwrap().wizard.case;
    assert_eq!(done.facts, target.case.facts);
    assert_eq!(done.checks.len(), target.case.checks.len());
    let n = keys() - before;
    let typed = typed_keys();
    println!(
        "keys to complete the README's example case with the keyboard alone: {n} ({typed} typed into fields, {} to move and choose)",
        n - typed
    );
    assert!(n <= MOST_KEYS, "{n} keys: more than {MOST_KEYS}");

    // Then exported and closed, still with the keyboard alone: the script the
    // smoke test replays into the real window ends so.
    key_choose(&mut h, "Export note…");
    assert!(
        matches!(effects.borrow().last(), Some(Effect::PickNoteFile(n)) if std::path::Path::new(n).extension().is_some_and(|e| e == "pdf")),
        "Export note… asks where to write the PDF note: {:?}",
        effects.borrow()
    );
    record("dialog note".to_owned());
    chord(&mut h, egui::Modifiers::COMMAND, egui::Key::Q);
    assert_eq!(
        effects.borrow().last(),
        Some(&Effect::Close),
        "Ctrl+Q closes"
    );
    // The script: reviewed when it changes (`cargo insta review`), since the
    // real window must then take it too (scripts/smoke-window.sh).
    insta::assert_snapshot!("example_case_keys", script().join("\n"));
}

fn is_text_field(role: Role) -> bool {
    matches!(role, Role::TextInput | Role::MultilineTextInput)
}

/// The names of the text fields on screen that are empty.
fn empty_fields(h: &Harness<'_, GuiState>) -> Vec<String> {
    h.root()
        .query_all(
            egui_kittest::kittest::by()
                .predicate(|n| is_text_field(n.role()) && n.value().is_none_or(|v| v.is_empty())),
        )
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

fn value_of(h: &Harness<'_, GuiState>, label: &str) -> String {
    let node = h
        .root()
        .query_all(egui_kittest::kittest::by().predicate(|n| is_text_field(n.role())))
        .find(|n| n.accesskit_node().label().as_deref() == Some(label))
        .unwrap_or_else(|| panic!("the field \"{label}\" is gone"));
    node.value().unwrap_or_default()
}

/// What is typed into each field, a key at a time; the last character is then
/// deleted with Backspace and a paste follows.
const TYPED: &str = "Pc 4321/A";
const PASTED: &str = "Zz 9";

/// Types into one field key by key and checks it holds every character.
fn type_key_by_key(h: &mut Harness<'_, GuiState>, label: &str) {
    let node = h
        .root()
        .query_all(egui_kittest::kittest::by().predicate(|n| is_text_field(n.role())))
        .find(|n| n.accesskit_node().label().as_deref() == Some(label))
        .expect("field");
    node.focus();
    h.run();
    for c in TYPED.chars() {
        h.event(egui::Event::Text(c.to_string()));
        h.run();
    }
    h.key_press(egui::Key::Backspace);
    h.run();
    h.event(egui::Event::Paste(PASTED.to_owned()));
    h.run();
    let mut want: String = TYPED.to_owned();
    want.pop();
    want.push_str(PASTED);
    assert_eq!(
        value_of(h, label),
        want,
        "the field \"{label}\" kept only part of what was typed one key per frame"
    );
}

/// Types into every empty text field on the step, including those that appear
/// because of what was typed, and returns the fields typed into.
fn type_every_field(h: &mut Harness<'_, GuiState>, done: &mut BTreeSet<String>) {
    loop {
        let next = empty_fields(h).into_iter().find(|l| !done.contains(l));
        let Some(label) = next else { break };
        type_key_by_key(h, &label);
        done.insert(label);
    }
}

#[test]
fn every_text_field_of_the_wizard_keeps_every_key_typed_one_per_frame() {
    let (mut h, _) = harness();
    h.run();
    press(&mut h, "New case");
    let mut done = BTreeSet::new();

    // The report, the concern and the victim's safety.
    answer(&mut h, "role", "victim");
    answer(&mut h, "offence", "domestic_abuse");
    answer(&mut h, "age", "adult");
    answer(&mut h, "reporting", "in_person");
    type_every_field(&mut h, &mut done);
    go_to(&mut h, "concern");
    answer(&mut h, "concern_source", "third_party_alleged");
    answer(&mut h, "concern_strength", "doubts");
    type_every_field(&mut h, &mut done);
    go_to(&mut h, "victim_first");
    answer(&mut h, "situation", "safe");
    answer(&mut h, "risk_level", "standard");
    answer(&mut h, "slavery_indicators", "no");
    answer(&mut h, "child_indicators", "no");
    answer(&mut h, "needs_interpreter", "no");
    type_every_field(&mut h, &mut done);

    // A check, its reason typed key by key, then the officer's decision.
    go_to(&mut h, "checks");
    press(&mut h, "Add a check");
    answer(&mut h, "check_system", "pnc");
    answer(&mut h, "check_subject", "suspect");
    answer(&mut h, "check_purposes", "safeguarding_risk");
    answer(&mut h, "check_needs", "previous_incidents");
    type_every_field(&mut h, &mut done);
    assert_eq!(
        h.state().case.as_ref().unwrap().assessment.checks[0].verdict,
        Verdict::Permitted,
        "the check's reason reached the record"
    );
    press(&mut h, "check 1: Go ahead");
    type_every_field(&mut h, &mut done);

    // Contact with Immigration Enforcement: a safeguarding request has three
    // further text questions; a deferral asks when it will be reconsidered.
    go_to(&mut h, "ie_contact");
    press(&mut h, "Propose contact with Immigration Enforcement");
    answer(&mut h, "ie_purpose", "safeguarding_request");
    answer(&mut h, "ie_asks", "give_information");
    answer(&mut h, "ie_reveals_location", "no");
    type_every_field(&mut h, &mut done);
    if h.query_all_by_label("the contact: Wait, and reconsider later")
        .next()
        .is_some()
    {
        press(&mut h, "the contact: Wait, and reconsider later");
    } else {
        press(&mut h, "the contact: Do not do it");
    }
    type_every_field(&mut h, &mut done);

    // The checklist's notes, the review date, the officer and the supervisor.
    go_to(&mut h, "actions");
    type_every_field(&mut h, &mut done);
    go_to(&mut h, "review");
    type_every_field(&mut h, &mut done);

    let officer = h
        .state()
        .case
        .as_ref()
        .unwrap()
        .wizard
        .case
        .officer
        .clone()
        .expect("officer recorded");
    let mut want = TYPED.to_owned();
    want.pop();
    want.push_str(PASTED);
    assert_eq!(officer.name, want);
    assert_eq!(officer.role, want);
    assert_eq!(officer.crime_reference, want);
    // Every kind of field was reached.
    for must in [
        "Your name or collar number",
        "Your role",
        "Crime reference number",
        "check 1: Why you decided this",
        "When this decision will be reviewed",
    ] {
        assert!(done.contains(must), "{must} was typed into: {done:?}");
    }
    let reason = &h
        .state()
        .guidance
        .as_ref()
        .unwrap()
        .fact("check_reason")
        .unwrap()
        .question;
    let reason =
        victim_first::gui::question_name(victim_first::core::wizard::About::Check(0), reason);
    assert!(done.contains(&reason), "{done:?}");
    assert!(
        done.len() >= 10,
        "at least ten different fields typed into: {done:?}"
    );
}

#[test]
fn a_radio_group_is_one_tab_stop_and_the_arrows_choose_within_it() {
    let (mut h, _) = harness();
    new_case(&mut h);
    // Arrived on the step with its heading focused: one Tab reaches the first question.
    let (q, first) = {
        let g = h.state().guidance.as_ref().expect("guidance");
        let steps = h.state().steps();
        let StepKind::Questions(s) = &steps[0] else {
            panic!("a step of questions")
        };
        let f = g.fact(&s.facts[0]).expect("fact");
        (f.question.clone(), f.values[0].label.clone())
    };
    key(&mut h, egui::Key::Tab);
    assert_eq!(
        focused(&h).as_deref(),
        Some(victim_first::gui::option_name(&q, &first).as_str())
    );
    // Tab through the whole step: each question's options are one stop.
    let mut seen: Vec<String> = Vec::new();
    for _ in 0..200 {
        let Some(l) = focused(&h) else { break };
        if seen.contains(&l) {
            break;
        }
        seen.push(l);
        key(&mut h, egui::Key::Tab);
    }
    let g = h.state().guidance.as_ref().expect("guidance");
    let steps = h.state().steps();
    let StepKind::Questions(s) = &steps[0] else {
        panic!()
    };
    let live = &h.state().case.as_ref().expect("open").wizard;
    let mut groups = 0;
    for f in live.visible(g, s, victim_first::core::wizard::About::Case) {
        if f.kind != victim_first::core::raw::FactKind::One {
            continue;
        }
        groups += 1;
        let tab_stops = seen
            .iter()
            .filter(|l| l.starts_with(&format!("{} ", f.question)))
            .count();
        assert_eq!(
            tab_stops, 1,
            "{}: one Tab stop, not one per option: {seen:#?}",
            f.question
        );
    }
    assert!(
        groups >= 3,
        "the first step asks several one-answer questions"
    );

    // Within a group the arrows move the choice, and the focus with it.
    let (q, l1) = wording(&h, "role", "victim");
    let (_, l2) = wording(&h, "role", "witness");
    let one = victim_first::gui::option_name(&q, &l1);
    let two = victim_first::gui::option_name(&q, &l2);
    tab_to(&mut h, &one);
    key(&mut h, egui::Key::ArrowDown);
    assert_eq!(focused(&h).as_deref(), Some(two.as_str()));
    let chosen = h.state().case.as_ref().unwrap().wizard.answer(
        h.state().guidance.as_ref().unwrap(),
        victim_first::core::wizard::About::Case,
        "role",
    );
    assert_eq!(
        chosen,
        Some(victim_first::core::condition::Answer::One(
            "witness".to_owned()
        ))
    );
    key(&mut h, egui::Key::ArrowUp);
    assert_eq!(focused(&h).as_deref(), Some(one.as_str()));
}

#[test]
fn the_first_tab_stop_of_the_window_skips_to_the_questions() {
    let (mut h, _) = harness();
    new_case(&mut h);
    key(&mut h, egui::Key::Escape);
    assert_eq!(focused(&h), None);
    key(&mut h, egui::Key::Tab);
    assert_eq!(focused(&h).as_deref(), Some("Skip to the questions"));
    key(&mut h, egui::Key::Enter);
    let (q, first) = wording(&h, "role", "victim");
    assert_eq!(
        focused(&h).as_deref(),
        Some(victim_first::gui::option_name(&q, &first).as_str())
    );
}
