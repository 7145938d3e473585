//! The window: a thin egui view over the core.
//!
//! - `state.rs`: [`GuiState`] (what is shown), [`Action`] (what the officer did),
//!   [`Effect`] (what only the shell can do). No drawing.
//! - one file per screen or step view: `start.rs`, `step.rs` (a step of
//!   questions: the case's, the checks', the contact's), `verdict.rs` (a verdict
//!   and the officer's decision), `actions_step.rs`, `review.rs`, `finished.rs`,
//!   `browser.rs` (the guidance); `chrome.rs` draws what is around them.
//! - `questions.rs` draws any fact as a control, generic over its kind: no
//!   question wording, option or verdict logic lives in this folder.
//! - `theme.rs`, `settings.rs`, `widgets.rs`; `files.rs` and `shell.rs` are the
//!   only files here that touch the file system or the clock.
//!
//! Flow per frame: the views read [`GuiState`] and push [`Action`]s;
//! [`GuiState::update`] applies them after drawing and may return an
//! [`Effect`] that the shell carries out.

mod actions_step;
mod author;
mod browser;
mod chrome;
mod class;
mod compare;
pub mod drafts;
pub mod files;
mod finished;
mod note_view;
mod presenter;
mod questions;
mod radio;
mod recorded;
mod review;
pub mod settings;
mod shell;
mod start;
pub mod state;
mod step;
pub mod theme;
mod training;
mod training_shell;
mod verdict;
mod widgets;

pub use questions::{option_name, question_name};
pub use shell::{App, run};
pub use state::{Action, ChooserAction, ChooserMode, Effect, GuiState, Screen};

use egui::{Key, KeyboardShortcut, Modifiers};

use crate::core::wizard::StepKind;

/// Keyboard shortcuts: Ctrl+S save, Ctrl+O open, Ctrl+N new case, Ctrl+Q close,
/// Alt+→ next step, Alt+← previous step, Ctrl+= / Ctrl+− text size.
fn shortcuts(ctx: &egui::Context, state: &GuiState, actions: &mut Vec<Action>) {
    let press =
        |m: Modifiers, k: Key| ctx.input_mut(|i| i.consume_shortcut(&KeyboardShortcut::new(m, k)));
    if press(Modifiers::COMMAND, Key::S) {
        actions.push(Action::Save);
    }
    if press(Modifiers::COMMAND, Key::O) {
        actions.push(Action::OpenCase);
    }
    if press(Modifiers::COMMAND, Key::N) {
        actions.push(Action::NewCase);
    }
    if press(Modifiers::COMMAND, Key::Q) {
        actions.push(Action::Quit);
    }
    if state.case.is_some() && state.screen == Screen::Wizard {
        if press(Modifiers::ALT, Key::ArrowRight) {
            actions.push(Action::Next);
        }
        if press(Modifiers::ALT, Key::ArrowLeft) {
            actions.push(Action::Back);
        }
    }
    let scale = state.settings.text_scale;
    if press(Modifiers::COMMAND, Key::Plus) || press(Modifiers::COMMAND, Key::Equals) {
        actions.push(Action::SetTextScale(scale + 0.25));
    }
    if press(Modifiers::COMMAND, Key::Minus) {
        actions.push(Action::SetTextScale(scale - 0.25));
    }
}

/// Draws the whole window and applies what the officer did. Returns effects for the shell.
pub fn root_ui(ui: &mut egui::Ui, state: &mut GuiState) -> Vec<Effect> {
    let ctx = ui.ctx().clone();
    let wanted = (state.theme(), state.settings.text_scale);
    if state.applied != Some(wanted) {
        theme::apply(&ctx, wanted.0, wanted.1);
        state.applied = Some(wanted);
    }
    let mut actions = Vec::new();
    shortcuts(&ctx, state, &mut actions);
    let theme = state.theme();
    // A screen or step the officer has just arrived on opens at its top, with
    // its heading focused, whatever brought them there.
    let arrived = arrived(&ctx, state);
    widgets::set_focus_heading(&ctx, arrived);
    let shown = state
        .case
        .as_ref()
        .filter(|o| o.review_seen)
        .map(|o| o.blockers.clone())
        .unwrap_or_default();
    let focus = std::mem::take(&mut state.focus);
    widgets::set_field_context(&ctx, focus.field, shown);
    widgets::set_changes(
        &ctx,
        state
            .case
            .as_ref()
            .map(|o| o.changes.clone())
            .unwrap_or_default(),
    );
    widgets::set_skip(&ctx, focus.first_question);

    // The panels are not filled: the shell clears the window to the panel colour
    // (`App::clear_color`), and under a software rasteriser a second fill of every
    // pixel costs more than all the text drawn on top of it.
    let side = unfilled(egui::Frame::side_top_panel(ui.style()));
    egui::Panel::top("top")
        .frame(side)
        .show(ui, |ui| chrome::top_bar(ui, state, &mut actions));
    egui::Panel::bottom("problems")
        .frame(side)
        .show(ui, |ui| chrome::error_panel(ui, state));

    let in_wizard = state.screen == Screen::Wizard && state.case.is_some();
    // In a narrow window the task list is a menu in the top bar (`chrome::narrow`).
    if in_wizard && !chrome::narrow(&ctx) {
        egui::Panel::left("tasks")
            .resizable(true)
            .default_size(230.0)
            .frame(side)
            .show(ui, |ui| {
                egui::ScrollArea::vertical()
                    .show(ui, |ui| chrome::task_list(ui, state, &mut actions));
            });
    }
    training::side_panel(ui, state, &mut actions);
    let central = unfilled(egui::Frame::central_panel(ui.style()));
    egui::CentralPanel::default().frame(central).show(ui, |ui| {
        let mut area = egui::ScrollArea::vertical()
            .id_salt("main")
            .auto_shrink([false, false]);
        if arrived {
            area = area.vertical_scroll_offset(0.0);
        }
        area.show(ui, |ui| {
            match (state.screen, &state.guidance, &state.case) {
                (Screen::Browser, _, _) => browser::show(ui, state, &mut actions),
                (Screen::Wizard, Ok(g), Some(open)) => {
                    let export = (state.note_format, state.modified.as_slice());
                    wizard_step(ui, theme, g, open, export, &mut actions);
                }
                (Screen::Finished, Ok(g), Some(open)) => {
                    finished::show(
                        ui,
                        g,
                        open,
                        (state.note_format, &state.modified),
                        &mut actions,
                    );
                }
                (Screen::Note, _, _) => note_view::show(ui, state, &mut actions),
                (Screen::Recorded, _, _) => recorded::show(ui, state, &mut actions),
                (Screen::Compare, _, _) => compare::show(ui, state, &mut actions),
                (Screen::Training, _, _) => training::show(ui, state, &mut actions),
                _ => start::show(ui, state, &mut actions),
            }
        });
    });
    widgets::set_focus_heading(&ctx, false);
    widgets::set_skip(&ctx, false);
    chrome::rule_window(&ctx, state, &mut actions);
    chrome::about_window(&ctx, state, &mut actions);
    chrome::chooser_window(&ctx, state, &mut actions);

    let mut effects = Vec::new();
    for a in actions {
        if let Action::Tell(m) = &a
            && m.is_empty()
        {
            state.message = None;
            continue;
        }
        effects.extend(state.update(a));
    }
    effects
}

/// The step of the open case that is shown, with Back and Next at its foot.
fn wizard_step(
    ui: &mut egui::Ui,
    theme: settings::ThemeChoice,
    g: &crate::core::guidance::Guidance,
    open: &state::Open,
    export: (crate::core::note::Format, &[String]),
    actions: &mut Vec<Action>,
) {
    let steps = wizard_steps(g);
    let i = open.wizard.step.min(steps.len().saturating_sub(1));
    match steps.get(i) {
        Some(StepKind::Questions(s)) => step::show(ui, theme, g, open, s, actions),
        Some(StepKind::Actions) => actions_step::show(ui, theme, open, actions),
        Some(StepKind::Review) => review::show(ui, theme, g, open, &steps, export, actions),
        None => {}
    }
    ui.add_space(12.0);
    ui.horizontal(|ui| {
        if i > 0 && ui.button("Back (Alt+←)").clicked() {
            actions.push(Action::Back);
        }
        if i + 1 < steps.len() && ui.button("Next (Alt+→)").clicked() {
            actions.push(Action::Next);
        }
    });
}

/// Where the officer is: the screen, the step, and which case.
type ViewKey = (Screen, Option<usize>, Option<u64>);

/// Whether this frame shows another screen, step or case than the last one drawn.
fn arrived(ctx: &egui::Context, state: &GuiState) -> bool {
    let key: ViewKey = (
        state.screen,
        state.case.as_ref().map(|o| o.wizard.step),
        state.case.as_ref().map(|o| o.serial),
    );
    let id = egui::Id::unique("victim-first/view");
    ctx.data_mut(|d| {
        let changed = d.get_temp::<ViewKey>(id).as_ref() != Some(&key);
        d.insert_temp(id, key);
        changed
    })
}

/// A panel's frame without its fill (see [`clear_colour`]).
fn unfilled(frame: egui::Frame) -> egui::Frame {
    frame.fill(egui::Color32::TRANSPARENT)
}

/// The colour the window is cleared to before each frame: the panels' own colour,
/// so that the panels need no fill of their own.
pub fn clear_colour(visuals: &egui::Visuals) -> [f32; 4] {
    visuals.panel_fill.to_normalized_gamma_f32()
}

fn wizard_steps(g: &crate::core::guidance::Guidance) -> Vec<StepKind> {
    crate::core::wizard::steps(g)
}

/// Adds `DejaVu Sans` (shipped in `assets/fonts`) behind egui's own fonts, so that
/// arrows, accented names and most scripts an officer may type are drawn.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu-sans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("dejavu-sans".to_owned());
    }
    ctx.set_fonts(fonts);
}
