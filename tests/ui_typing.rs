//! Typing as an officer types: one key per frame, into every text field of the
//! wizard, each starting empty.
//!
//! A test that enters a whole string in one frame cannot see a field that loses
//! focus after its first key (the first character changes what is drawn above
//! the field, and a field known by its place on screen is then a new field).
//! Here every character is its own frame, then a Backspace, then a paste, and
//! the field must hold exactly what was typed.

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
use victim_first::core::engine::Verdict;
use victim_first::gui::GuiState;

mod ui_common;
use ui_common::{answer, go_to, harness, press};

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
