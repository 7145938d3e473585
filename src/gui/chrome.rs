//! Everything around the screens: the top bar, the task list, the error panel,
//! messages, the rule explanation, the About box and the in-window file chooser.

use egui::RichText;

use super::review::heading_of;
use super::state::{Action, ChooserAction, ChooserMode, GuiState, Screen};
use super::widgets;
use crate::core::record::StepStatus;

/// The bar along the top: the case's file, and the file and help commands.
/// Whether the window is too narrow, at the text size chosen, for the task
/// list beside the step and a row of buttons above it (200% text on a
/// 1280x720 screen): they fold into menus, so the step keeps the room.
pub fn narrow(ctx: &egui::Context) -> bool {
    ctx.content_rect().width() < 760.0
}

pub fn top_bar(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    if narrow(ui.ctx()) {
        folded_top_bar(ui, state, actions);
    } else {
        full_top_bar(ui, state, actions);
    }
    messages(ui, state, actions);
}

/// The top bar in one row, its buttons and the task list in menus.
fn folded_top_bar(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        if state.case.is_some()
            && state.screen == Screen::Wizard
            && ui.link("Skip to the questions").clicked()
        {
            actions.push(Action::SkipToQuestions);
        }
        ui.label(RichText::new("Victim First").strong());
        ui.menu_button("Menu", |ui| {
            file_buttons(ui, state, actions);
            if let Some(source) = &state.source_short {
                ui.label(RichText::new(format!("Guidance: {source}")).weak());
            }
        });
        if let Some(open) = &state.case {
            if state.screen == Screen::Wizard {
                ui.menu_button("Steps and verdicts", |ui| {
                    egui::ScrollArea::vertical()
                        .max_height(ui.ctx().content_rect().height() * 0.8)
                        .show(ui, |ui| task_list(ui, state, actions));
                });
            }
            if open.dirty {
                ui.label(RichText::new("Unsaved changes").weak());
            }
            // The live region stays on screen while the task list is folded away.
            announcement(ui, open);
        }
    });
}

/// The last change of verdict, in a polite live region: a screen reader reads
/// it once, when it changes.
fn announcement(ui: &mut egui::Ui, open: &super::state::Open) {
    if open.announcement.is_empty() {
        return;
    }
    let r = ui.label(RichText::new(&open.announcement).small());
    ui.ctx().accesskit_node_builder(r.id, |n| {
        n.set_live(egui::accesskit::Live::Polite);
        n.set_label(open.announcement.clone());
    });
}

/// Start, Open, Save, Save as, Close case and About.
fn file_buttons(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    if ui.button("Start").clicked() {
        actions.push(Action::Show(Screen::Start));
    }
    if ui.button("Open… (Ctrl+O)").clicked() {
        actions.push(Action::OpenCase);
    }
    if state.case.is_some() {
        if ui.button("Save (Ctrl+S)").clicked() {
            actions.push(Action::Save);
        }
        if ui.button("Save as…").clicked() {
            actions.push(Action::SaveAs);
        }
        if ui.button("Close case").clicked() {
            actions.push(Action::CloseCase);
        }
    }
    if ui.button("About").clicked() {
        actions.push(Action::ShowAbout(true));
    }
}

fn full_top_bar(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        // The first Tab stop: straight past the menus and the task list to the step's questions.
        if state.case.is_some()
            && state.screen == Screen::Wizard
            && ui.link("Skip to the questions").clicked()
        {
            actions.push(Action::SkipToQuestions);
        }
        ui.label(RichText::new("Victim First").strong().size(18.0));
        file_buttons(ui, state, actions);
        if let Some(open) = &state.case {
            let file = open.path.as_ref().and_then(|p| p.file_name()).map_or_else(
                || "not saved yet".to_owned(),
                |f| f.to_string_lossy().into_owned(),
            );
            let dirty = if open.dirty { " (unsaved changes)" } else { "" };
            ui.label(RichText::new(format!("Case: {file}{dirty}")).weak());
        }
    });
    if let Some(source) = &state.source_short {
        ui.label(RichText::new(format!("Guidance: {source}")).weak());
    }
}

/// Locally modified national guidance, and the message for the officer.
fn messages(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    if !state.modified.is_empty() {
        ui.label(
            RichText::new(format!(
                "National guidance modified locally: {} differ from the published national guidance",
                state.modified.join(", ")
            ))
            .strong()
            .color(widgets::error_colour(state.theme())),
        );
    }
    if let Some(m) = &state.message {
        ui.horizontal_wrapped(|ui| {
            let r = ui.label(RichText::new(m).strong());
            ui.ctx().accesskit_node_builder(r.id, |n| {
                n.set_live(egui::accesskit::Live::Polite);
            });
            if state.recorded.as_ref().is_some_and(|r| &r.message == m)
                && state.screen != super::state::Screen::Recorded
                && ui.button("Open it read-only, as recorded").clicked()
            {
                actions.push(Action::Show(super::state::Screen::Recorded));
            }
            if ui.small_button("Dismiss").clicked() {
                actions.push(Action::Tell(String::new()));
            }
        });
    }
}

/// The task list: every step with its status in words, each a way to jump there.
pub fn task_list(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    let Some(open) = &state.case else {
        return;
    };
    widgets::subheading(ui, "Steps");
    for (i, s) in state.steps().iter().enumerate() {
        let status = open
            .statuses
            .get(i)
            .cloned()
            .unwrap_or(StepStatus::NotStarted);
        let here = open.wizard.step == i && state.screen == super::state::Screen::Wizard;
        let text = format!("{}. {}", i + 1, heading_of(s));
        let r = ui.selectable_label(here, text.as_str());
        let current = if here { "current step, " } else { "" };
        widgets::name(ui, &r, &format!("{text}: {current}{}", status.words()));
        if r.clicked() {
            actions.push(Action::GoTo(i));
        }
        ui.label(
            RichText::new(format!("    {}", status.words()))
                .weak()
                .small(),
        );
    }
    ui.add_space(8.0);
    widgets::subheading(ui, "Verdicts now");
    let a = &open.assessment;
    for (i, c) in a.checks.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("Check {}", i + 1));
            widgets::verdict_tag(ui, state.theme(), c.verdict);
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.label("Contact");
        widgets::verdict_tag(ui, state.theme(), a.ie_contact.verdict);
    });
    ui.label(format!("Required actions: {}", a.required.len()));
    ui.label(format!("Still to record: {}", open.blockers.len()));
    if !narrow(ui.ctx()) {
        announcement(ui, open);
    }
}

/// Guidance problems as `path:line:col: message`; everything else keeps working.
pub fn error_panel(ui: &mut egui::Ui, state: &GuiState) {
    let theme = state.theme();
    let mut all: Vec<String> = state.problems.0.iter().map(ToString::to_string).collect();
    if let Err(d) = &state.guidance {
        for x in &d.0 {
            let s = x.to_string();
            if !all.contains(&s) {
                all.push(s);
            }
        }
    }
    if let Some(open) = &state.case {
        all.extend(open.file_problems.0.iter().map(ToString::to_string));
    }
    if all.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(
        RichText::new(format!("Problems found ({})", all.len()))
            .color(widgets::error_colour(theme))
            .strong(),
    )
    .id_salt("problems")
    .default_open(true)
    .show(ui, |ui| {
        egui::ScrollArea::vertical()
            .max_height(140.0)
            .show(ui, |ui| {
                let most = crate::core::diagnostic::MAX_REPORTED_ERRORS;
                let more = all.len().saturating_sub(most);
                for p in all.into_iter().take(most) {
                    ui.label(RichText::new(p).monospace());
                }
                if more > 0 {
                    ui.label(format!("... and {more} more problems not shown"));
                }
            });
    });
}

/// The explanation of one rule: what it says, its sources and certainty.
pub fn rule_window(ctx: &egui::Context, state: &GuiState, actions: &mut Vec<Action>) {
    let (Some(id), Ok(g)) = (&state.rule, &state.guidance) else {
        return;
    };
    let mut open = true;
    egui::Window::new(format!("Rule {id}"))
        .id(egui::Id::unique("rule-window"))
        .open(&mut open)
        .collapsible(false)
        .default_width(480.0)
        .show(ctx, |ui| match g.rule(id) {
            Some(entry) => {
                let r = &entry.rule;
                widgets::subheading(ui, &format!("{}: {}", r.id, r.title));
                ui.label(&r.explanation);
                for s in r.sources.iter().filter_map(|s| g.sources.get(s)) {
                    ui.label(format!("Source: {} ({}, {})", s.title, s.publisher, s.date));
                }
                if let Some(sec) = &r.section {
                    ui.label(format!("Section: {sec}"));
                }
                if let Some(q) = &r.quote {
                    ui.label(format!("Quoted: “{q}”"));
                }
                ui.label(format!(
                    "Certainty: {}",
                    super::browser::certainty_word(r.status)
                ));
                if let Some(c) = &r.caveat {
                    ui.label(RichText::new(c).italics());
                }
                if ui.button("Close").clicked() {
                    actions.push(Action::ShowRule(None));
                }
            }
            None => {
                ui.label("This rule is not in the guidance in force.");
            }
        });
    if !open {
        actions.push(Action::ShowRule(None));
    }
}

/// The version, the guidance digest and the licences.
pub fn about_window(ctx: &egui::Context, state: &GuiState, actions: &mut Vec<Action>) {
    if !state.about_open {
        return;
    }
    let mut open = true;
    egui::Window::new("About Victim First")
        .open(&mut open)
        .collapsible(false)
        .show(ctx, |ui| {
            ui.label(format!("Victim First version {}", env!("CARGO_PKG_VERSION")));
            match &state.guidance {
                Ok(g) => {
                    if let Some(p) = g.pack() {
                        ui.label(format!("Guidance: {} version {}", p.title, p.version));
                    }
                    ui.label(RichText::new(format!("Guidance digest sha256:{}", g.digest)).monospace());
                }
                Err(_) => {
                    ui.label("No guidance in force.");
                }
            }
            ui.label("Licensed under the MIT or Apache 2.0 licence, at your option.");
            ui.label("Built with egui and eframe (MIT or Apache 2.0). DejaVu Sans font: Bitstream Vera licence and public domain changes.");
            ui.label("The app never opens a network connection.");
            if ui.button("Close").clicked() {
                actions.push(Action::ShowAbout(false));
            }
        });
    if !open {
        actions.push(Action::ShowAbout(false));
    }
}

/// The in-window file chooser: used when no native dialog can open.
pub fn chooser_window(ctx: &egui::Context, state: &GuiState, actions: &mut Vec<Action>) {
    let Some(c) = &state.chooser else {
        return;
    };
    let title = match c.mode {
        ChooserMode::Open => "Open a case file",
        ChooserMode::Save => "Save the case",
        ChooserMode::SaveNote => "Export the decision note",
        ChooserMode::OpenNote => "Open a decision note",
    };
    egui::Window::new(title)
        .id(egui::Id::unique("chooser"))
        .collapsible(false)
        .default_width(520.0)
        .show(ctx, |ui| {
            ui.label(format!("Folder: {}", c.folder.display()));
            if ui.button("Up one folder").clicked() {
                actions.push(Action::Chooser(ChooserAction::Up));
            }
            egui::ScrollArea::vertical()
                .max_height(260.0)
                .show(ui, |ui| {
                    for f in &c.folders {
                        let r = ui.selectable_label(false, format!("[folder] {f}"));
                        widgets::name(ui, &r, &format!("Folder {f}"));
                        if r.clicked() {
                            actions.push(Action::Chooser(ChooserAction::Enter(f.clone())));
                        }
                    }
                    for f in &c.files {
                        let r = ui.selectable_label(c.name == *f, f.as_str());
                        widgets::name(ui, &r, &format!("File {f}"));
                        if r.clicked() {
                            actions.push(Action::Chooser(ChooserAction::SetName(f.clone())));
                        }
                        if r.double_clicked() {
                            actions.push(Action::Chooser(ChooserAction::Confirm));
                        }
                    }
                });
            let l = ui.label("File name");
            let mut name = c.name.clone();
            let r = ui
                .add(egui::TextEdit::singleline(&mut name).id_salt("chooser-file-name"))
                .labelled_by(l.id);
            widgets::name(ui, &r, "File name");
            if r.changed() {
                actions.push(Action::Chooser(ChooserAction::SetName(name)));
            }
            ui.horizontal(|ui| {
                let go = match c.mode {
                    ChooserMode::Open | ChooserMode::OpenNote => "Open",
                    ChooserMode::Save | ChooserMode::SaveNote => "Save here",
                };
                if ui.button(go).clicked() {
                    actions.push(Action::Chooser(ChooserAction::Confirm));
                }
                if ui.button("Cancel").clicked() {
                    actions.push(Action::Chooser(ChooserAction::Cancel));
                }
            });
        });
}
