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
