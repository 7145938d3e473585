//! The decision note in the window: the export and copy controls on the review
//! step and the finished screen, and a note opened later, shown read-only with
//! whether it is intact (from `note::verify`) and whether the guidance it was
//! made under is here. No editing controls: nothing here changes a note.

use egui::RichText;

use super::settings::ThemeChoice;
use super::state::{self, Action, GuiState, Open, Screen};
use super::widgets;
use crate::core::guidance::Guidance;
use crate::core::note::render::Kind;
use crate::core::note::{self, Format};

/// The formats offered, in order, with their names.
const FORMATS: [(Format, &str); 4] = [
    (Format::Pdf, "PDF"),
    (Format::Text, "Plain text"),
    (Format::Markdown, "Markdown"),
    (Format::Json, "JSON"),
];

fn format_word(f: Format) -> &'static str {
    FORMATS
        .iter()
        .find(|(g, _)| *g == f)
        .map_or("PDF", |(_, w)| w)
}

/// "Export note…" (with its format) and "Copy note as text", for the open case.
pub fn export_controls(
    ui: &mut egui::Ui,
    (format, modified): (Format, &[String]),
    g: &Guidance,
    open: &Open,
    actions: &mut Vec<Action>,
) {
    widgets::subheading(ui, "The decision note");
    if open.wizard.case.completed.is_none() {
        ui.label("The case is not finished: a note exported now is marked DRAFT.");
    }
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("Note format");
        let r = egui::ComboBox::from_id_salt("note-format")
            .selected_text(format_word(format))
            .show_ui(ui, |ui| {
                for (f, word) in FORMATS {
                    if ui.selectable_label(format == f, word).clicked() {
                        actions.push(Action::SetNoteFormat(f));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        widgets::describe_value(ui, &r, format_word(format));
        if ui.button("Export note…").clicked() {
            actions.push(Action::ExportNote);
        }
        if ui.button("Copy note as text").clicked() {
            // Made only on the click, never per frame.
            match state::note_of(g, open, modified) {
                Ok(n) => {
                    let text = note::render_text(&n);
                    ui.ctx().copy_text(text.clone());
                    actions.push(Action::Copied(text));
                }
                Err(e) => actions.push(Action::Failed(e)),
            }
        }
    });
}

/// A decision note opened read-only.
pub fn show(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    let theme = state.theme();
    widgets::heading(ui, "Decision note (read-only)");
    let Some(shown) = &state.note else {
        ui.label("No note is open.");
        back(ui, state, actions);
        return;
    };
    ui.label(format!("File: {}", shown.name));
    let v = &shown.verified;
    if v.intact {
        status(
            ui,
            theme,
            false,
            "INTACT: the note matches the digest it carries.",
        );
    } else {
        status(
            ui,
            theme,
            true,
            "ALTERED: this note does not match the digest it carries. Do not rely on it; find the original.",
        );
        for c in &v.changes {
            ui.label(format!("• {c}"));
        }
    }
    egui::Grid::new("note-integrity")
        .num_columns(2)
        .show(ui, |ui| {
            let mut row = |k: &str, v: &str| {
                if !v.is_empty() {
                    ui.label(k);
                    ui.label(v);
                    ui.end_row();
                }
            };
            row("Crime reference on the note", &v.crime_reference);
            row("Check code", &v.check_code);
            if !v.recorded.is_empty() {
                row("Note digest", &format!("sha256:{}", v.recorded));
            }
            row("Made under", &v.guidance.made_under);
            if !v.guidance.digest.is_empty() {
                row("Guidance digest", &format!("sha256:{}", v.guidance.digest));
                row("That guidance", &shown.guidance_here);
            }
            row("Content shown from", &shown.source);
            for c in &v.checked {
                row("Checked", c);
            }
        });
    ui.label(
        RichText::new(
            "What a digest proves: that this is the note whose check code was recorded; compare the check code with the one in the records system. What it cannot prove: who made the note, or that what it records was true.",
        )
        .weak(),
    );
    back(ui, state, actions);
    ui.separator();
    for l in &shown.lines {
        match l.kind {
            Kind::Title => {
                widgets::heading(ui, &l.text);
            }
            Kind::Heading => {
                ui.add_space(6.0);
                widgets::subheading(ui, &l.text);
            }
            Kind::Sub => {
                ui.label(RichText::new(&l.text).strong());
            }
            Kind::Rule => {}
            Kind::Text if l.text.is_empty() => ui.add_space(4.0),
            Kind::Text => {
                ui.label(&l.text);
            }
        }
    }
}

fn status(ui: &mut egui::Ui, theme: ThemeChoice, bad: bool, text: &str) {
    if bad {
        widgets::alert(ui, theme, text);
    } else {
        widgets::card(ui, |ui| ui.label(RichText::new(text).strong()));
    }
}

fn back(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        if ui.button("Close the note").clicked() {
            let to = if state.case.is_some() {
                Screen::Wizard
            } else {
                Screen::Start
            };
            actions.push(Action::Show(to));
        }
        if ui.button("Open a decision note…").clicked() {
            actions.push(Action::OpenNote);
        }
    });
}
