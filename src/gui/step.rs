//! A step of questions the guidance declares: the case's questions, each
//! proposed check with its verdict and decision, or the contact with
//! Immigration Enforcement with its verdict and decision.

use egui::RichText;

use super::questions;
use super::settings::ThemeChoice;
use super::state::{Action, Open};
use super::verdict;
use super::widgets;
use crate::core::engine::Verdict;
use crate::core::guidance::Guidance;
use crate::core::raw::{Scope, Step};
use crate::core::wizard::{About, Wizard, of_step};

#[allow(clippy::too_many_lines, reason = "one step, read top to bottom")]
pub fn show(
    ui: &mut egui::Ui,
    theme: ThemeChoice,
    g: &Guidance,
    open: &Open,
    step: &Step,
    actions: &mut Vec<Action>,
) {
    widgets::heading(ui, &step.heading);
    if !step.help.is_empty() {
        ui.label(&step.help);
    }
    ui.add_space(6.0);
    let w = &open.wizard;
    let has = |scope: Scope| {
        step.facts
            .iter()
            .any(|f| g.fact(f).is_some_and(|x| x.scope == scope))
    };

    if has(Scope::Case) {
        questions_of(ui, g, w, step, About::Case, actions);
    }

    if has(Scope::Check) {
        if w.case.checks.is_empty() {
            ui.label("No checks proposed yet.");
        }
        for i in 0..w.case.checks.len() {
            let about = About::Check(i);
            let title = format!("Check {}: {}", i + 1, w.check_words(g, i));
            ui.add_space(6.0);
            widgets::card(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    widgets::subheading(ui, &title);
                    let r = ui.button("Remove this check");
                    widgets::name(ui, &r, &format!("Remove check {}", i + 1));
                    if r.clicked() {
                        actions.push(Action::RemoveCheck(i));
                    }
                });
                // The answer first: the verdict as it stands, then the questions behind it.
                let outcome = open.assessment.checks.get(i);
                if let Some(o) = outcome {
                    verdict::verdict(
                        ui,
                        theme,
                        &open.assessment,
                        about,
                        &format!("Check {}, {}", i + 1, w.check_words(g, i)),
                        o.verdict,
                        &o.reasons,
                        actions,
                    );
                }
                ui.separator();
                // Which questions apply, worked out once for the whole card.
                let relevant = questions_of(ui, g, w, step, about, actions);
                ui.separator();
                if let Some(o) = outcome {
                    verdict::facts_behind(ui, g, w, about, &relevant);
                    verdict::decision(
                        ui,
                        about,
                        &format!("check {}", i + 1),
                        o.verdict,
                        w.case.checks[i].decision.as_ref(),
                        actions,
                    );
                }
            });
        }
        ui.add_space(6.0);
        if ui.button("Add a check").clicked() {
            actions.push(Action::AddCheck);
        }
    }

    if has(Scope::IeContact) {
        let about = About::IeContact;
        if w.case.ie_contact.is_none() {
            ui.label("No contact with Immigration Enforcement is proposed.");
            if ui
                .button("Propose contact with Immigration Enforcement")
                .clicked()
            {
                actions.push(Action::ProposeIe(true));
            }
        } else {
            if ui.button("Withdraw the proposed contact").clicked() {
                actions.push(Action::ProposeIe(false));
            }
            let ie = &open.assessment.ie_contact;
            verdict::verdict(
                ui,
                theme,
                &open.assessment,
                about,
                "Contact with Immigration Enforcement",
                ie.verdict,
                &ie.reasons,
                actions,
            );
            verdict::timing(ui, theme, ie);
            ui.separator();
            let relevant = questions_of(ui, g, w, step, about, actions);
            ui.separator();
            verdict::facts_behind(ui, g, w, about, &relevant);
            if ie.verdict != Verdict::NotProposed {
                verdict::decision(
                    ui,
                    about,
                    "the contact",
                    ie.verdict,
                    w.case.ie_contact.as_ref().and_then(|c| c.decision.as_ref()),
                    actions,
                );
            }
        }
    }
    ui.add_space(4.0);
    ui.label(RichText::new("Answers are saved in the case when you save it (Ctrl+S).").weak());
}

/// The questions about `about` on this step that apply now, then the answers
/// set aside; returns the ids that apply, for the answers behind the verdict.
fn questions_of(
    ui: &mut egui::Ui,
    g: &Guidance,
    w: &Wizard,
    step: &Step,
    about: About,
    actions: &mut Vec<Action>,
) -> Vec<String> {
    let (relevant, aside) = w.relevance(g, about);
    for fact in of_step(g, step, about, &relevant) {
        questions::question(ui, g, w, about, fact, actions);
    }
    questions::set_aside(ui, g, w, about, &of_step(g, step, about, &aside));
    relevant
}
