//! Training in the window (issue 18): the start screen's Training section, the
//! screen to choose a scenario, the story and feedback beside the wizard during
//! a session, and the score at the end. A thin view over `state/training.rs`;
//! the feedback and the score come from `core::scenario::feedback`.

use egui::RichText;

use super::state::{Action, GuiState, Mode, Screen, TrainingAction, View};
use super::{author, class, presenter, theme, widgets};
use crate::core::scenario::feedback::{Cited, StepFeedback};
use crate::core::scenario::results::Detail;

fn act(actions: &mut Vec<Action>, a: TrainingAction) {
    actions.push(Action::Training(a));
}

/// A button with an accessible name: pushes `a` when clicked.
fn button(ui: &mut egui::Ui, label: &str, actions: &mut Vec<Action>, a: TrainingAction) {
    let r = ui.button(label);
    widgets::name(ui, &r, label);
    if r.clicked() {
        act(actions, a);
    }
}

/// The start screen's Training section.
pub fn start_section(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    ui.add_space(12.0);
    widgets::subheading(ui, "Training");
    ui.label("Work a classroom scenario in the real wizard: practice, with feedback after each step, or assessment, scored at the end. A trainer can open a class's results, present a scenario to a room, or save a case as a new scenario.");
    ui.horizontal_wrapped(|ui| {
        button(ui, "Practice or assessment…", actions, TrainingAction::Open);
        button(
            ui,
            "Open a class's results…",
            actions,
            TrainingAction::OpenClass,
        );
        button(
            ui,
            "Presenter view",
            actions,
            TrainingAction::Show(View::Presenter),
        );
        if state.case.is_some() && state.session().is_none() {
            button(
                ui,
                "Save the case in progress as a scenario…",
                actions,
                TrainingAction::Show(View::Author),
            );
        }
    });
}

/// The training screen: whichever view is chosen.
pub fn show(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    // Another view opens at its top, as another screen does.
    let view = state.training.view;
    let id = egui::Id::unique("victim-first/training-view");
    let changed = ui.ctx().data_mut(|d| {
        let changed = d.get_temp::<View>(id) != Some(view);
        d.insert_temp(id, view);
        changed
    });
    if changed {
        ui.scroll_to_cursor(Some(egui::Align::TOP));
    }
    match view {
        View::Choose => choose(ui, state, actions),
        View::Report => report(ui, state, actions),
        View::Class => class::show(ui, state, actions),
        View::Presenter => presenter::show(ui, state, actions),
        View::Author => author::show(ui, state, actions),
    }
}

fn choose(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    widgets::heading(ui, "Training");
    ui.label("Choose a scenario. Read the story, then record the case in the wizard as you would for real. In practice you get feedback each time you leave a step; in an assessment you see nothing until you hand it in.");
    ui.add_space(8.0);
    let l = ui.label("Your name or collar number (written on your result)");
    let mut who = state.training.trainee.clone();
    let r = ui
        .add(egui::TextEdit::singleline(&mut who).id_salt("training-trainee"))
        .labelled_by(l.id);
    widgets::name(ui, &r, "Your name or collar number");
    if r.changed() {
        act(actions, TrainingAction::SetTrainee(who));
    }
    ui.add_space(8.0);
    ui.columns(2, |cols| {
        if let [left, right] = cols {
            widgets::subheading(left, "Scenarios");
            for (i, e) in state.training.scenarios.iter().enumerate() {
                let text = format!("Scenario {}: {}", i + 1, e.scenario.title);
                let r = left.radio(state.training.chosen == i, &text);
                widgets::name(left, &r, &text);
                if r.clicked() {
                    act(actions, TrainingAction::Choose(i));
                }
            }
            chosen(right, state, actions);
        }
    });
    ui.add_space(12.0);
    class::open_controls(ui, state, actions);
    ui.add_space(12.0);
    if ui.button("Back to the start").clicked() {
        actions.push(Action::Show(Screen::Start));
    }
}

/// The scenario chosen: its story, and the buttons that start it.
fn chosen(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    // Clear of the scroll bar.
    ui.set_max_width(ui.available_width() - 16.0);
    if let Some(e) = state.training.scenarios.get(state.training.chosen) {
        widgets::subheading(ui, &e.scenario.title);
        widgets::narrative(ui, &e.scenario.narrative, 1.0);
    }
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        ui.add_enabled_ui(
            state.problems.is_empty() && !state.training.scenarios.is_empty(),
            |ui| {
                button(
                    ui,
                    "Start practice",
                    actions,
                    TrainingAction::Start(Mode::Practice),
                );
                button(
                    ui,
                    "Start assessment",
                    actions,
                    TrainingAction::Start(Mode::Assessment),
                );
            },
        );
        button(
            ui,
            "Presenter view",
            actions,
            TrainingAction::Show(View::Presenter),
        );
        if state.training.report.is_some() {
            button(
                ui,
                "The last score",
                actions,
                TrainingAction::Show(View::Report),
            );
        }
    });
}

/// Beside the wizard during a session: the story, and in practice the feedback.
pub fn side_panel(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    if state.screen != Screen::Wizard {
        return;
    }
    let Some(s) = state.session() else {
        return;
    };
    let frame = egui::Frame::side_top_panel(ui.style()).fill(egui::Color32::TRANSPARENT);
    egui::Panel::right("training")
        .resizable(true)
        .default_size(380.0)
        .frame(frame)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("training-side")
                .show(ui, |ui| {
                    let mode = match s.mode {
                        Mode::Practice => "Training: practice",
                        Mode::Assessment => "Training: assessment",
                    };
                    widgets::subheading(ui, mode);
                    ui.label(RichText::new(s.scenario.title.as_str()).strong());
                    ui.add_space(4.0);
                    widgets::narrative(ui, &s.scenario.narrative, 1.0);
                    ui.horizontal_wrapped(|ui| {
                        let end = match s.mode {
                            Mode::Practice => "End and see the score",
                            Mode::Assessment => "Hand in for scoring",
                        };
                        button(ui, end, actions, TrainingAction::End);
                        button(ui, "Leave training", actions, TrainingAction::Leave);
                    });
                    ui.separator();
                    match s.mode {
                        Mode::Assessment => {
                            ui.label("No feedback until you hand it in: then a score for each step and what was missed.");
                        }
                        Mode::Practice if s.feedback.is_empty() => {
                            ui.label("Feedback on a step appears here when you leave it (Next, Back or the task list).");
                        }
                        Mode::Practice => {
                            for (i, f) in s.feedback.iter().enumerate() {
                                step_feedback(ui, state, f, i == 0, actions);
                            }
                        }
                    }
                });
        });
}

/// What a line says: right or not, what the guidance expects, what was chosen.
fn line(ui: &mut egui::Ui, state: &GuiState, d: &Detail, actions: &mut Vec<Action>) {
    let colours = theme::Palette::of(state.theme());
    let (mark, colour) = if d.item.correct {
        ("Right", colours.text)
    } else {
        ("Not what the guidance expects", colours.error)
    };
    let text = format!(
        "{mark}. {}: the guidance expects {}; you chose {}",
        d.about, d.expected, d.chose
    );
    // A label's text is its accessible name.
    ui.label(RichText::new(&text).color(colour));
    if !d.item.correct && !d.item.rules.is_empty() {
        ui.horizontal_wrapped(|ui| {
            ui.label("The rule:");
            widgets::rule_links(ui, &d.item.rules, actions);
        });
    }
}

/// The rules cited, each with its title, meaning and sources.
pub fn cited(ui: &mut egui::Ui, rules: &[Cited], actions: &mut Vec<Action>) {
    for c in rules {
        ui.horizontal_wrapped(|ui| {
            widgets::rule_links(ui, std::slice::from_ref(&c.id), actions);
            ui.label(RichText::new(c.title.as_str()).strong());
        });
        if !c.explanation.is_empty() {
            ui.label(c.explanation.as_str());
        }
        for s in &c.sources {
            let text = format!("Source: {s}");
            ui.label(RichText::new(text).small());
        }
        ui.add_space(4.0);
    }
}

fn step_feedback(
    ui: &mut egui::Ui,
    state: &GuiState,
    f: &StepFeedback,
    open: bool,
    actions: &mut Vec<Action>,
) {
    let (right, all) = f.score();
    let title = format!("Feedback on {}: {right} of {all} right", f.heading);
    egui::CollapsingHeader::new(RichText::new(&title).strong())
        .id_salt(("training-feedback", f.step.as_str()))
        .default_open(open)
        .show(ui, |ui| {
            for d in &f.lines {
                line(ui, state, d, actions);
            }
            for t in &f.teaching {
                ui.label(RichText::new(format!("To take away: {}", t.point)).italics());
            }
            if !f.rules.is_empty() {
                ui.label(RichText::new("The rules and their sources").strong());
                cited(ui, &f.rules, actions);
            }
        });
}

fn report(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    let Some(r) = &state.training.report else {
        return;
    };
    widgets::heading(ui, "Your score");
    let (right, all) = r.result.score();
    ui.label(RichText::new(r.result.scenario.as_str()).strong());
    let overall = format!("Overall: {right} of {all} right ({}%)", r.result.percent());
    ui.label(RichText::new(&overall).size(20.0));
    ui.add_space(6.0);
    widgets::subheading(ui, "Each step");
    egui::Grid::new("training-steps")
        .striped(true)
        .show(ui, |ui| {
            for s in &r.steps {
                ui.label(s.heading.as_str());
                ui.label(format!("{} of {} right", s.right, s.total));
                ui.end_row();
            }
        });
    ui.add_space(6.0);
    widgets::subheading(ui, "What was missed");
    if r.missed.is_empty() {
        ui.label("Nothing: every point as the guidance expects.");
    }
    for d in &r.missed {
        line(ui, state, d, actions);
    }
    if !r.rules.is_empty() {
        ui.add_space(6.0);
        widgets::subheading(ui, "The rules to read again");
        cited(ui, &r.rules, actions);
    }
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        button(
            ui,
            "Export the result…",
            actions,
            TrainingAction::ExportResult,
        );
        button(
            ui,
            "Back to training",
            actions,
            TrainingAction::Show(View::Choose),
        );
    });
}
