//! A case decided under other guidance: the guidance then and now, what
//! differs side by side, and the officer's choice (keep as decided, read-only;
//! or decide again under the guidance in force now, with a reason).

use egui::RichText;

use super::state::{Action, GuiState, Screen};
use super::widgets;

pub fn show(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    widgets::heading(ui, "This case was decided under other guidance");
    let Some(c) = &state.comparison else {
        ui.label("No case is waiting.");
        if ui.button("Back to the start").clicked() {
            actions.push(Action::Show(Screen::Start));
        }
        return;
    };
    ui.label(format!("File: {}", c.name));
    ui.label(format!("Decided under: {}.", c.then));
    ui.label(format!("In force now: {}.", c.now));
    ui.add_space(6.0);
    if c.differences.is_empty() {
        ui.label("The guidance differs, but no verdict, required action or warning of this case differs under it.");
    } else {
        widgets::subheading(ui, &format!("What differs ({})", c.differences.len()));
        let word = |s: &str| {
            if s.is_empty() {
                "(none)".to_owned()
            } else {
                s.to_owned()
            }
        };
        for d in &c.differences {
            widgets::card(ui, |ui| {
                ui.add(egui::Label::new(RichText::new(&d.what).strong()).wrap());
                ui.label(format!(
                    "As decided: {}. Under the guidance now: {}.",
                    word(&d.then),
                    word(&d.now)
                ));
            });
        }
    }
    ui.add_space(10.0);
    widgets::subheading(ui, "What to do");
    if ui
        .button("Keep the record as decided (read-only)")
        .clicked()
    {
        actions.push(Action::KeepAsDecided);
    }
    ui.add_space(8.0);
    ui.label(
        "Or decide it again under the guidance in force now. Why? (recorded in the case's trail)",
    );
    let mut reason = c.reason.clone();
    let r = ui.add(
        egui::TextEdit::singleline(&mut reason)
            .id_salt("redecide-reason")
            .desired_width(480.0),
    );
    widgets::name(ui, &r, "Why decide it again");
    if r.changed() {
        actions.push(Action::SetRedecideReason(reason));
    }
    if ui
        .add_enabled(
            !c.reason.trim().is_empty(),
            egui::Button::new("Decide again under the guidance now"),
        )
        .clicked()
    {
        actions.push(Action::DecideAgain);
    }
}
