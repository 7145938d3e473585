//! A case file shown as recorded, read-only: the guidance it was decided under
//! is not here, so it gets no verdicts, but the officer can still read what was
//! recorded. Nothing here can change the case open in the wizard.

use egui::RichText;

use super::state::{Action, GuiState, Screen};
use super::widgets;

pub fn show(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    widgets::heading(ui, "Case as recorded (read-only)");
    if let Some(r) = &state.recorded {
        ui.label(format!("File: {}", r.name));
        for line in r.why.lines() {
            ui.label(line);
        }
        ui.label(
            RichText::new("What follows is the case file exactly as recorded: its answers and decisions, with no verdicts.")
                .strong(),
        );
        ui.add_space(6.0);
        widgets::card(ui, |ui| {
            ui.add(egui::Label::new(RichText::new(&r.text).monospace()).wrap());
        });
    } else {
        ui.label("No case is shown.");
    }
    ui.add_space(6.0);
    if ui.button("Close").clicked() {
        let to = if state.case.is_some() {
            Screen::Wizard
        } else {
            Screen::Start
        };
        actions.push(Action::Show(to));
    }
}
