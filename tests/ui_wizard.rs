//! The wizard as officers meet it (issue 16): each step read from the top, the
//! truth about each step's progress, and what a screen reader is told. Driven
//! headless through the accessibility tree, by label.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "a test may panic on a broken fixture"
)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use victim_first::core::wizard::StepKind;
use victim_first::gui::GuiState;

mod ui_common;
use ui_common::*;

/// The heading of step `i` as the window shows it.
fn step_heading(h: &Harness<'_, GuiState>, i: usize) -> String {
    match &h.state().steps()[i] {
        StepKind::Questions(s) => s.heading.clone(),
        StepKind::Actions => "Actions and next steps".to_owned(),
        StepKind::Review => "Review and finish".to_owned(),
    }
}

fn new_case(h: &mut Harness<'_, GuiState>) {
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
}

/// The heading node with this text (the task list's buttons share the words).
fn heading_node<'a>(h: &'a Harness<'_, GuiState>, text: &'a str) -> egui_kittest::Node<'a> {
    h.query_all_by_label(text)
        .find(|n| n.accesskit_node().role() == Role::Heading)
        .unwrap_or_else(|| panic!("no heading {text:?}"))
}

#[test]
fn each_step_opens_at_its_top_with_its_heading_focused() {
    let (mut h, _) = harness();
    new_case(&mut h);
    let first = step_heading(&h, 0);
    assert!(
        heading_node(&h, &first).is_focused(),
        "a new case opens on its first heading"
    );
    let steps = h.state().steps().len();
    for i in 0..steps - 1 {
        // Scrolled down to the Next button at the foot of the step, then on.
        h.get_by_label("Next (Alt+→)").scroll_to_me();
        h.run();
        press(&mut h, "Next (Alt+→)");
        let title = step_heading(&h, i + 1);
        let heading = heading_node(&h, &title);
        assert!(
            heading.is_focused(),
            "step {}: {title} has the focus",
            i + 2
        );
        let top = heading.rect().top();
        assert!(
            (0.0..200.0).contains(&top),
            "step {}: {title} is at the top of the window, not scrolled away (y = {top})",
            i + 2
        );
    }
    // Going back does the same.
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run();
    let title = step_heading(&h, steps - 2);
    assert!(heading_node(&h, &title).is_focused());
}

/// The task list's entry for step `i`, as a screen reader reads it.
fn task(h: &Harness<'_, GuiState>, i: usize) -> String {
    let prefix = format!("{}. ", i + 1);
    h.query_all(egui_kittest::kittest::by().role(Role::Button))
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no task list entry for step {}", i + 1))
}

fn step_index(h: &Harness<'_, GuiState>, id: &str) -> usize {
    h.state()
        .steps()
        .iter()
        .position(|s| s.id() == id)
        .expect("step")
}

#[test]
fn a_new_case_claims_no_step_completed_and_says_why_a_step_has_nothing_to_do() {
    let (mut h, _) = harness();
    new_case(&mut h);
    let n = h.state().steps().len();
    let all: Vec<String> = (0..n).map(|i| task(&h, i)).collect();
    for t in &all {
        assert!(
            !t.ends_with("completed"),
            "nothing is completed in a new case: {all:#?}"
        );
    }
    assert!(all[0].contains(": current step, not started"), "{all:#?}");
    let checks = step_index(&h, "checks");
    let contact = step_index(&h, "ie_contact");
    assert!(
        all[checks].ends_with("nothing to do: no checks proposed"),
        "{all:#?}"
    );
    assert!(
        all[contact].ends_with("nothing to do: no contact with Immigration Enforcement proposed"),
        "{all:#?}"
    );
    let actions = step_index(&h, "actions");
    assert!(
        all[actions].contains("cannot start yet: waits for step 1, "),
        "{all:#?}"
    );
    assert!(all[n - 1].ends_with("not started"), "{all:#?}");

    // A check proposed: its step now has questions to answer.
    go_to(&mut h, "checks");
    press(&mut h, "Add a check");
    assert!(
        task(&h, checks).ends_with("current step, not started"),
        "{}",
        task(&h, checks)
    );

    // The first step answered in part, then in full.
    go_to(&mut h, "report");
    answer(&mut h, "role", "victim");
    assert!(task(&h, 0).ends_with("in progress"), "{}", task(&h, 0));
}

#[test]
fn a_step_whose_answers_a_change_set_aside_needs_attention() {
    let (mut h, _) = harness();
    new_case(&mut h);
    answer(&mut h, "role", "victim");
    answer(&mut h, "offence", "domestic_abuse");
    answer(&mut h, "age", "adult");
    go_to(&mut h, "victim_first");
    answer(&mut h, "risk_level", "high");
    let vf = step_index(&h, "victim_first");
    assert!(
        !task(&h, vf).contains("needs attention"),
        "{}",
        task(&h, vf)
    );
    // Not domestic abuse after all: the risk answer no longer applies.
    go_to(&mut h, "report");
    answer(&mut h, "offence", "robbery");
    assert!(
        task(&h, vf).ends_with("needs attention: answers set aside after a change"),
        "{}",
        task(&h, vf)
    );
}
