//! The review step: every answer under its step with a way back to change it,
//! every verdict with its reasons, the officer's decisions, the changes made,
//! the officer's details, what still blocks completion (each with where), and
//! Finish.

use egui::RichText;

use super::settings::ThemeChoice;
use super::state::{Action, Open};
use super::widgets;
use crate::core::guidance::Guidance;
use crate::core::raw::{Officer, Scope, SupervisorReview};
use crate::core::record::{
    Field, choice_words, crime_reference_example, needs_supervisor, step_title,
};
use crate::core::wizard::{About, StepKind, answer_words};

#[allow(
    clippy::too_many_lines,
    clippy::many_single_char_names,
    clippy::type_complexity,
    reason = "the review reads top to bottom"
)]
pub fn show(
    ui: &mut egui::Ui,
    theme: ThemeChoice,
    g: &Guidance,
    open: &Open,
    steps: &[StepKind],
    (note_format, modified): (crate::core::note::Format, &[String]),
    actions: &mut Vec<Action>,
) {
    let w = &open.wizard;
    let a = &open.assessment;
    widgets::heading(ui, "Review and finish");

    // The error summary goes first: what blocks completion, and where.
    if open.blockers.is_empty() {
        ui.label("Nothing blocks completion. Check the record below, then finish.");
    } else {
        // The error summary: focused when the officer arrives on this step, so a
        // screen reader reads it first; each entry a link to the field to fix.
        let n = open.blockers.len();
        let summary = widgets::alert(
            ui,
            theme,
            &format!(
                "There {} {n} thing{} to record before you can finish:",
                if n == 1 { "is" } else { "are" },
                if n == 1 { "" } else { "s" }
            ),
        );
        if widgets::arrived(ui.ctx()) {
            summary.request_focus();
        }
        for b in &open.blockers {
            let at = steps.iter().position(|s| s.id() == b.step);
            ui.horizontal_wrapped(|ui| {
                ui.label(format!("{}: {}", b.item, b.message));
                if let Some(i) = at {
                    let heading = step_title(&steps[i]);
                    let r = ui.link(format!("Go to {heading}"));
                    widgets::name(ui, &r, &format!("Go to {heading} for {}", b.item));
                    if r.clicked() {
                        actions.push(Action::GoToField(i, b.field.clone()));
                    }
                }
            });
        }
    }
    ui.add_space(8.0);

    for (i, s) in steps.iter().enumerate() {
        let StepKind::Questions(step) = s else {
            continue;
        };
        ui.horizontal(|ui| {
            widgets::subheading(ui, &step.heading);
            let r = ui.small_button("Change");
            widgets::name(ui, &r, &format!("Change {}", step.heading));
            if r.clicked() {
                actions.push(Action::GoTo(i));
            }
        });
        let mut abouts = Vec::new();
        for f in &step.facts {
            match g.fact(f).map(|x| x.scope) {
                Some(Scope::Case) if !abouts.contains(&About::Case) => abouts.push(About::Case),
                Some(Scope::Check) if !abouts.iter().any(|a| matches!(a, About::Check(_))) => {
                    abouts.extend((0..w.case.checks.len()).map(About::Check));
                }
                Some(Scope::IeContact)
                    if !abouts.contains(&About::IeContact) && w.case.ie_contact.is_some() =>
                {
                    abouts.push(About::IeContact);
                }
                _ => {}
            }
        }
        for about in abouts {
            let rows: Vec<(String, String)> = w
                .visible(g, step, about)
                .iter()
                .map(|f| {
                    let v = w
                        .answer(g, about, &f.id)
                        .map(|x| answer_words(g, &f.id, &x))
                        .unwrap_or_default();
                    (f.question.clone(), v)
                })
                .collect();
            match about {
                About::Check(n) => {
                    let o = a.checks.get(n);
                    ui.horizontal(|ui| {
                        ui.label(
                            RichText::new(format!("Check {}: {}", n + 1, w.check_words(g, n)))
                                .strong(),
                        );
                        if let Some(o) = o {
                            widgets::verdict_tag(ui, theme, o.verdict);
                        }
                    });
                    widgets::facts_grid(ui, ("review", &step.id, about), &rows);
                    if let Some(o) = o {
                        widgets::reasons(ui, o.verdict, &o.reasons, actions);
                    }
                    decision_line(ui, w.case.checks[n].decision.as_ref());
                }
                About::IeContact => {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new("Contact with Immigration Enforcement").strong());
                        widgets::verdict_tag(ui, theme, a.ie_contact.verdict);
                    });
                    widgets::facts_grid(ui, ("review", &step.id, about), &rows);
                    widgets::reasons(ui, a.ie_contact.verdict, &a.ie_contact.reasons, actions);
                    decision_line(
                        ui,
                        w.case.ie_contact.as_ref().and_then(|c| c.decision.as_ref()),
                    );
                }
                About::Case => widgets::facts_grid(ui, ("review", &step.id, about), &rows),
            }
            let aside = w.set_aside(g, step, about);
            if !aside.is_empty() {
                let names: Vec<&str> = aside.iter().map(|f| f.question.as_str()).collect();
                ui.label(
                    RichText::new(format!("Set aside (not used): {}", names.join("; "))).weak(),
                );
            }
        }
        ui.add_space(6.0);
    }

    widgets::subheading(ui, "Actions");
    for act in &a.required {
        let rec = w.case.actions.get(&act.action);
        let state = match rec {
            Some(r) if r.done => "done".to_owned(),
            Some(r) if !r.note.trim().is_empty() => format!("not done: {}", r.note.trim()),
            _ => "not recorded".to_owned(),
        };
        ui.label(format!("{}: {state}", act.label));
    }
    if !w.case.review.trim().is_empty() {
        ui.label(format!("To be reviewed: {}", w.case.review.trim()));
    }
    ui.add_space(6.0);

    widgets::subheading(ui, "Changes to earlier answers");
    if w.case.changes.is_empty() {
        ui.label("None.");
    }
    for c in &w.case.changes {
        // An empty fact is the proposal itself (a check removed, the contact withdrawn).
        let what = if c.fact.is_empty() {
            "the proposal"
        } else {
            g.fact(&c.fact)
                .map_or(c.fact.as_str(), |f| f.question.as_str())
        };
        let whom = if c.about == "case" {
            String::new()
        } else if c.about == "ie_contact" {
            "contact: ".to_owned()
        } else {
            format!("{}: ", c.about)
        };
        let from = if c.from.is_empty() {
            "(none)"
        } else {
            c.from.as_str()
        };
        let to = if c.to.is_empty() {
            "(none)"
        } else {
            c.to.as_str()
        };
        ui.label(format!(
            "{} · {whom}{what}: from \"{from}\" to \"{to}\"",
            c.at
        ));
    }
    ui.add_space(6.0);

    widgets::subheading(ui, "Your details");
    let o = w.case.officer.clone().unwrap_or_default();
    let format = g
        .profile
        .as_ref()
        .map(|p| p.crime_reference_format.clone())
        .unwrap_or_default();
    let crime_hint = if format.is_empty() {
        "as your force writes it".to_owned()
    } else {
        format!(
            "for example {} (the form {format}: A a letter, 9 a digit)",
            crime_reference_example(&format)
        )
    };
    egui::Grid::new("officer").num_columns(2).show(ui, |ui| {
        type Slot = fn(&mut Officer) -> &mut String;
        let fields: [(&str, &str, &str, Slot, Field); 3] = [
            (
                "Your name or collar number",
                "for example PC 4127 or Sam Patel",
                &o.name,
                |o| &mut o.name,
                Field::OfficerName,
            ),
            (
                "Your role",
                "for example Response officer",
                &o.role,
                |o| &mut o.role,
                Field::OfficerRole,
            ),
            (
                "Crime reference number",
                &crime_hint,
                &o.crime_reference,
                |o| &mut o.crime_reference,
                Field::CrimeReference,
            ),
        ];
        for (i, (label, hint, value, slot, field)) in fields.into_iter().enumerate() {
            let l = ui.label(label);
            let mut text = value.to_owned();
            ui.vertical(|ui| {
                let r = ui
                    .add(
                        egui::TextEdit::singleline(&mut text)
                            .id_salt(("officer", i))
                            .desired_width(320.0),
                    )
                    .labelled_by(l.id);
                widgets::name(ui, &r, label);
                ui.label(RichText::new(hint).weak().small());
                widgets::field(ui, &r, &field);
                if r.changed() {
                    let mut next = o.clone();
                    *slot(&mut next) = text;
                    actions.push(Action::SetOfficer(next));
                }
            });
            ui.end_row();
        }
    });
    if needs_supervisor(&w.case, a) {
        ui.add_space(6.0);
        widgets::subheading(ui, "Supervisor's review");
        ui.label("The guidance asks for a supervisor's review of this decision.");
        let s = w.case.supervisor.clone().unwrap_or_default();
        egui::Grid::new("supervisor").num_columns(2).show(ui, |ui| {
            let l = ui.label("Supervisor's name or collar number");
            let mut name = s.name.clone();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut name)
                        .id_salt(("supervisor", 0))
                        .desired_width(320.0),
                )
                .labelled_by(l.id);
            widgets::name(ui, &r, "Supervisor's name or collar number");
            widgets::field(ui, &r, &Field::Supervisor);
            if r.changed() {
                actions.push(Action::SetSupervisor(SupervisorReview {
                    name,
                    ..s.clone()
                }));
            }
            ui.end_row();
            let l = ui.label("Supervisor's comment");
            let mut comment = s.comment.clone();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut comment)
                        .id_salt(("supervisor", 1))
                        .desired_width(320.0),
                )
                .labelled_by(l.id);
            widgets::name(ui, &r, "Supervisor's comment");
            if r.changed() {
                actions.push(Action::SetSupervisor(SupervisorReview { comment, ..s }));
            }
            ui.end_row();
        });
    }
    ui.add_space(10.0);
    let finish = ui.add_enabled(
        open.blockers.is_empty(),
        egui::Button::new("Finish the record"),
    );
    if open.blockers.is_empty() {
        if finish.clicked() {
            actions.push(Action::Finish);
        }
    } else {
        ui.label(
            RichText::new("Finishing is not possible yet: see the list at the top of this step.")
                .weak(),
        );
    }
    ui.add_space(10.0);
    super::note_view::export_controls(ui, (note_format, modified), g, open, actions);
}

/// A step's heading in the task list.
pub fn heading_of(s: &StepKind) -> String {
    step_title(s).to_owned()
}

fn decision_line(ui: &mut egui::Ui, d: Option<&crate::core::raw::OfficerDecision>) {
    match d {
        Some(d) => {
            let mut line = format!("Decision: {}", choice_words(d.choice));
            if !d.reason.trim().is_empty() {
                line.push_str(". Why: ");
                line.push_str(d.reason.trim());
            }
            if !d.reconsider.trim().is_empty() {
                line.push_str(". Reconsider: ");
                line.push_str(d.reconsider.trim());
            }
            ui.label(line);
        }
        None => {
            ui.label("Decision: not recorded");
        }
    }
}
