//! Saving the case in progress as a training scenario (issue 18): a title, the
//! story in three voices, and teaching points on the wizard's steps with their
//! rules. The scenario's expectations are what the guidance concludes about the
//! case (`core::scenario::author`), checked as `victim-first scenarios` checks a file.

use egui::RichText;

use super::state::{Action, GuiState, Screen, TrainingAction, View};
use super::{theme, widgets};

fn act(actions: &mut Vec<Action>, a: TrainingAction) {
    actions.push(Action::Training(a));
}

/// A labelled text field with a stable id; pushes `make(text)` on a change.
fn field(
    ui: &mut egui::Ui,
    label: &str,
    salt: (&str, usize),
    text: &str,
    multiline: bool,
    actions: &mut Vec<Action>,
    make: impl FnOnce(String) -> TrainingAction,
) {
    let l = ui.label(label);
    let mut t = text.to_owned();
    let edit = if multiline {
        egui::TextEdit::multiline(&mut t).desired_rows(3)
    } else {
        egui::TextEdit::singleline(&mut t)
    };
    let r = ui
        .add(edit.id_salt(salt).desired_width(f32::INFINITY))
        .labelled_by(l.id);
    widgets::name(ui, &r, label);
    if r.changed() {
        act(actions, make(t));
    }
}

pub fn show(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    widgets::heading(ui, "Save the case as a training scenario");
    let Some(open) = &state.case else {
        ui.label("Start or open a case first, and complete it in the wizard; then come back here.");
        if ui.button("Back to the start").clicked() {
            actions.push(Action::Show(Screen::Start));
        }
        return;
    };
    ui.label(format!(
        "The case's answers, its {} proposed check(s) and {} become the story's case; what the guidance concludes about them now becomes what the scenario expects. Decisions, actions and the officer are left out: they are the trainee's to record. Use fictional people only.",
        open.wizard.case.checks.len(),
        if open.wizard.case.ie_contact.is_some() {
            "the proposed contact with Immigration Enforcement"
        } else {
            "no contact with Immigration Enforcement"
        }
    ));
    let form = &state.training.author;
    ui.add_space(8.0);
    field(
        ui,
        "Title",
        ("author-title", 0),
        &form.title,
        false,
        actions,
        TrainingAction::SetTitle,
    );
    let story = &form.narrative;
    for (i, (label, text)) in [
        ("What the person said", &story.person_said),
        ("What the call handler noted", &story.call_handler),
        ("What a colleague proposes", &story.colleague_proposes),
    ]
    .into_iter()
    .enumerate()
    {
        field(
            ui,
            label,
            ("author-narrative", i),
            text,
            true,
            actions,
            |t| TrainingAction::SetNarrative(i, t),
        );
    }
    ui.add_space(8.0);
    points(ui, state, actions);
    if !form.problems.is_empty() {
        let colours = theme::Palette::of(state.theme());
        ui.add_space(6.0);
        ui.label(RichText::new("The scenario cannot be saved yet:").strong());
        for p in &form.problems {
            ui.label(RichText::new(p.as_str()).color(colours.error));
        }
    }
    ui.add_space(8.0);
    ui.horizontal_wrapped(|ui| {
        for (label, a) in [
            ("Save as a scenario…", Some(TrainingAction::SaveScenario)),
            ("Back to the case", None),
            ("Training", Some(TrainingAction::Show(View::Choose))),
        ] {
            let b = ui.button(label);
            widgets::name(ui, &b, label);
            if b.clicked() {
                match a {
                    Some(a) => act(actions, a),
                    None => actions.push(Action::Show(Screen::Wizard)),
                }
            }
        }
    });
}

/// The teaching points: each a step, what to take away, and the rules behind it.
fn points(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    let form = &state.training.author;
    widgets::subheading(ui, "Teaching points");
    let steps = state.steps();
    for (i, (step, point, rules)) in form.points.iter().enumerate() {
        ui.group(|ui| {
            let label = format!("Teaching point {}: step", i + 1);
            let shown = steps
                .iter()
                .find(|s| s.id() == step)
                .map_or_else(|| step.clone(), step_words);
            let combo = egui::ComboBox::from_id_salt(("author-step", i))
                .selected_text(shown)
                .show_ui(ui, |ui| {
                    for s in &steps {
                        if ui.selectable_label(s.id() == step, step_words(s)).clicked() {
                            act(
                                actions,
                                TrainingAction::SetPoint(
                                    i,
                                    (s.id().to_owned(), point.clone(), rules.clone()),
                                ),
                            );
                        }
                    }
                });
            widgets::name(ui, &combo.response, &label);
            let (at, listed) = (step.clone(), rules.clone());
            field(
                ui,
                &format!("Teaching point {}: what to take away", i + 1),
                ("author-point", i),
                point,
                true,
                actions,
                |t| TrainingAction::SetPoint(i, (at, t, listed)),
            );
            let (at, said) = (step.clone(), point.clone());
            field(
                ui,
                &format!(
                    "Teaching point {}: the rules behind it (ids, apart by spaces)",
                    i + 1
                ),
                ("author-rules", i),
                rules,
                false,
                actions,
                |t| TrainingAction::SetPoint(i, (at, said, t)),
            );
            let label = format!("Remove teaching point {}", i + 1);
            let b = ui.button(&label);
            widgets::name(ui, &b, &label);
            if b.clicked() {
                act(actions, TrainingAction::RemovePoint(i));
            }
        });
    }
    let b = ui.button("Add a teaching point");
    widgets::name(ui, &b, "Add a teaching point");
    if b.clicked() {
        act(actions, TrainingAction::AddPoint);
    }
}

fn step_words(s: &crate::core::wizard::StepKind) -> String {
    match s {
        crate::core::wizard::StepKind::Questions(q) => q.heading.clone(),
        other => other.id().to_owned(),
    }
}
