//! The presenter's view, for a projector (issue 18): large text in high
//! contrast whatever the window's theme, the story on one side, and on the
//! other the class's choices on each step, revealed on the trainer's click.
//! The choices are counted by the core (`results::Class::choices`).

use egui::{Color32, RichText};

use super::settings::ThemeChoice;
use super::state::{Action, GuiState, TrainingAction, View};
use super::theme::Palette;
use super::widgets;
use crate::core::scenario::feedback;

/// How much larger than the window's text.
const SCALE: f32 = 1.8;

fn act(actions: &mut Vec<Action>, a: TrainingAction) {
    actions.push(Action::Training(a));
}

/// What a scored point is about, in words: a question by its wording.
fn point_words(state: &GuiState, what: &str) -> String {
    let fact = what
        .strip_prefix("answer \"")
        .and_then(|r| r.strip_suffix('"'));
    match (fact, &state.guidance) {
        (Some(id), Ok(g)) => g
            .fact(id)
            .map_or_else(|| what.to_owned(), |f| f.question.clone()),
        _ => what.to_owned(),
    }
}

pub fn show(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    let hc = Palette::of(ThemeChoice::HighContrast);
    // High contrast, whatever the theme: the room reads it from the back.
    ui.painter().rect_filled(ui.clip_rect(), 0.0, hc.background);
    let style = ui.style_mut();
    style.visuals = Palette::visuals(ThemeChoice::HighContrast);
    let text = hc.text;
    let strong = hc.strong_text;
    let Some(e) = state.training.scenarios.get(state.training.chosen) else {
        widgets::heading(ui, "Presenter view");
        ui.label("Open the training screen first to choose a scenario.");
        return;
    };
    ui.horizontal_wrapped(|ui| {
        for (label, a) in [
            ("Exit presenter view", TrainingAction::Show(View::Choose)),
            ("Open a class's results…", TrainingAction::OpenClass),
        ] {
            let b = ui.button(RichText::new(label).size(16.0));
            widgets::name(ui, &b, label);
            if b.clicked() {
                act(actions, a);
            }
        }
        if state.training.scenarios.len() > 1 {
            let next = (state.training.chosen + 1) % state.training.scenarios.len();
            let b = ui.button(RichText::new("Next scenario").size(16.0));
            widgets::name(ui, &b, "Next scenario");
            if b.clicked() {
                act(actions, TrainingAction::Choose(next));
            }
        }
    });
    ui.add_space(8.0);
    ui.label(
        RichText::new(e.scenario.title.as_str())
            .size(26.0)
            .strong()
            .color(strong),
    );
    ui.add_space(10.0);
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            left.visuals_mut().override_text_color = Some(text);
            widgets::narrative(left, &e.scenario.narrative, SCALE);
            choices(right, state, &e.scenario.title, strong, actions);
        }
    });
}

/// The class's choices, step by step, each revealed on a click.
fn choices(
    ui: &mut egui::Ui,
    state: &GuiState,
    title: &str,
    strong: Color32,
    actions: &mut Vec<Action>,
) {
    ui.label(
        RichText::new("The class's choices")
            .size(24.0)
            .strong()
            .color(strong),
    );
    let Some(c) = &state.training.class else {
        ui.label(RichText::new("Open the class's results to reveal what they chose.").size(20.0));
        return;
    };
    let all = c.class.choices(title);
    if all.is_empty() {
        ui.label(RichText::new("No result in the class's folder is on this scenario.").size(20.0));
        return;
    }
    let mut steps: Vec<&str> = Vec::new();
    for p in &all {
        if !steps.contains(&p.step.as_str()) {
            steps.push(&p.step);
        }
    }
    for step in steps {
        let heading = state
            .guidance
            .as_ref()
            .map_or_else(|_| step.to_owned(), |g| feedback::heading(g, step));
        let shown = state.training.revealed.iter().any(|s| s == step);
        let label = if shown {
            format!("Hide: {heading}")
        } else {
            format!("Reveal the class's choices: {heading}")
        };
        let b = ui.button(RichText::new(&label).size(20.0));
        widgets::name(ui, &b, &label);
        if b.clicked() {
            act(actions, TrainingAction::Reveal(step.to_owned()));
        }
        if !shown {
            continue;
        }
        for p in all.iter().filter(|p| p.step == step) {
            ui.label(
                RichText::new(format!(
                    "{}: {} of {} right",
                    point_words(state, &p.what),
                    p.right,
                    p.total
                ))
                .size(20.0)
                .strong(),
            );
            let chose: Vec<String> = p.chose.iter().map(|(w, n)| format!("{w} ({n})")).collect();
            let text = format!("Chose: {}", chose.join("; "));
            ui.label(RichText::new(&text).size(18.0));
        }
        ui.add_space(8.0);
    }
}
