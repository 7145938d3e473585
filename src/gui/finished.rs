//! The finished case: the decision is recorded; what happens next.

use super::state::{Action, Open, Screen};
use super::{note_view, widgets};
use crate::core::guidance::Guidance;
use crate::core::note::Format;

pub fn show(
    ui: &mut egui::Ui,
    g: &Guidance,
    open: &Open,
    (format, modified): (Format, &[String]),
    actions: &mut Vec<Action>,
) {
    widgets::heading(ui, "The record is complete");
    let w = &open.wizard.case;
    if let Some(at) = &w.completed {
        ui.label(format!("Completed at {at}."));
    }
    match &open.path {
        Some(p) => ui.label(format!("Saved to {}.", p.display())),
        None => ui.label("Not saved yet: save it now (Ctrl+S)."),
    };
    let open_actions: Vec<&str> = open
        .assessment
        .required
        .iter()
        .filter(|a| !w.actions.get(&a.action).is_some_and(|r| r.done))
        .map(|a| a.label.as_str())
        .collect();
    if open_actions.is_empty() {
        ui.label("Every required action is recorded as done.");
    } else {
        widgets::subheading(ui, "Required actions still open");
        for a in open_actions {
            ui.label(format!("• {a}"));
        }
    }
    if !w.review.trim().is_empty() {
        ui.label(format!(
            "The decision will be reviewed: {}",
            w.review.trim()
        ));
    }
    ui.add_space(8.0);
    note_view::export_controls(ui, (format, modified), g, open, actions);
    ui.add_space(8.0);
    ui.horizontal(|ui| {
        if ui.button("Back to the review").clicked() {
            actions.push(Action::Show(Screen::Wizard));
        }
        if ui.button("Start another case").clicked() {
            actions.push(Action::CloseCase);
        }
    });
}
