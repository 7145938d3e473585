//! The actions step: the required actions as a checklist (done, or why not),
//! the prohibited actions listed as such (never offered), warnings about the
//! whole case, and when the decision will be reviewed.

use egui::RichText;

use super::settings::ThemeChoice;
use super::state::{Action, Open};
use super::widgets;
use crate::core::raw::ActionRecord;
use crate::core::record::Field;

pub fn show(ui: &mut egui::Ui, theme: ThemeChoice, open: &Open, actions: &mut Vec<Action>) {
    let a = &open.assessment;
    let case = &open.wizard.case;
    widgets::heading(ui, "Actions and next steps");
    ui.label("What the guidance requires in this case, and what it never allows. Tick each required action when done, or record why not.");
    ui.add_space(6.0);
    widgets::subheading(ui, "You must");
    if a.required.is_empty() {
        ui.label("Nothing is required by the answers so far.");
    }
    for act in &a.required {
        let rec = case.actions.get(&act.action).cloned().unwrap_or_default();
        widgets::card(ui, |ui| {
            let mut done = rec.done;
            let r = ui.checkbox(&mut done, RichText::new(&act.label).strong());
            widgets::name(ui, &r, &format!("Done: {}", act.label));
            widgets::field(ui, &r, &Field::Action(act.action.clone()));
            if r.changed() {
                actions.push(Action::SetAction(
                    act.action.clone(),
                    ActionRecord {
                        done,
                        ..rec.clone()
                    },
                ));
            }
            ui.horizontal_wrapped(|ui| {
                ui.label(RichText::new("Because:").weak());
                widgets::rule_links(ui, &act.rules, actions);
            });
            let l = ui.label(if rec.done {
                "A note on how it was done (optional)"
            } else {
                "If not done: why not"
            });
            let mut note = rec.note.clone();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut note)
                        .id_salt(("action-note", act.action.as_str()))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            widgets::name(ui, &r, &format!("Note on: {}", act.label));
            if r.changed() {
                actions.push(Action::SetAction(
                    act.action.clone(),
                    ActionRecord { note, ..rec },
                ));
            }
        });
    }
    if !a.not_needed.is_empty() {
        ui.add_space(8.0);
        widgets::subheading(ui, "No longer needed");
        for n in &a.not_needed {
            ui.horizontal_wrapped(|ui| {
                ui.label(format!(
                    "{}: not needed, because {}.",
                    n.action.label, n.why
                ));
                widgets::rule_links(ui, &n.action.rules, actions);
            });
        }
    }
    ui.add_space(8.0);
    widgets::subheading(ui, "Never do this");
    for act in &a.prohibited {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!("Never: {}", act.label)).color(widgets::error_colour(theme)),
            );
            widgets::rule_links(ui, &act.rules, actions);
        });
    }
    ui.add_space(8.0);
    widgets::subheading(ui, "About the whole case");
    widgets::notices(ui, a, "case", &[], actions);
    ui.add_space(8.0);
    let l = ui.label("When will this decision be reviewed? (a date or a juncture, in your words)");
    let mut when = case.review.clone();
    let r = ui
        .add(
            egui::TextEdit::singleline(&mut when)
                .id_salt("review-when")
                .desired_width(f32::INFINITY),
        )
        .labelled_by(l.id);
    widgets::name(ui, &r, "When this decision will be reviewed");
    if r.changed() {
        actions.push(Action::SetReviewWhen(when));
    }
}
