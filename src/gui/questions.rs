//! Questions drawn from the guidance: one control per fact, generic over its
//! kind. The wording, help, options and relevance are all the guidance's.

use egui::RichText;

use super::radio::{self, RadioOption};
use super::state::Action;
use super::widgets;
use crate::core::condition::Answer;
use crate::core::guidance::Guidance;
use crate::core::raw::{Fact, FactKind};
use crate::core::record::Field;
use crate::core::wizard::{About, Wizard, answer_words};

/// The accessible name of an option: the question, then the option.
pub fn option_name(question: &str, option: &str) -> String {
    format!("{question} {option}")
}

/// A question's accessible name: about a check, it says which check ("Check 2:"
/// before the question), since every check asks the same questions.
pub fn question_name(about: About, question: &str) -> String {
    match about {
        About::Check(i) => format!("Check {}: {question}", i + 1),
        About::Case | About::IeContact => question.to_owned(),
    }
}

/// Draws one question and pushes the officer's answer.
pub fn question(
    ui: &mut egui::Ui,
    g: &Guidance,
    w: &Wizard,
    about: About,
    fact: &Fact,
    actions: &mut Vec<Action>,
) {
    let current = w.answer(g, about, &fact.id);
    let asked = question_name(about, &fact.question);
    let salt = (about, fact.id.as_str());
    ui.add_space(4.0);
    let q = widgets::subheading(ui, &fact.question);
    if !fact.help.is_empty() {
        ui.label(RichText::new(&fact.help).weak());
    }
    let set = |a: Option<Answer>, actions: &mut Vec<Action>| {
        actions.push(Action::SetAnswer(about, fact.id.clone(), a));
    };
    // The first control of the question: where a link to it puts the focus.
    let mut first: Option<egui::Response> = None;
    match fact.kind {
        FactKind::One => {
            let chosen = match &current {
                Some(Answer::One(v)) => v.clone(),
                _ => String::new(),
            };
            ui.push_id(salt, |ui| {
                let options: Vec<RadioOption<'_>> = fact
                    .values
                    .iter()
                    .map(|v| RadioOption {
                        label: &v.label,
                        name: option_name(&asked, &v.label),
                        help: &v.help,
                    })
                    .collect();
                let selected = fact.values.iter().position(|v| v.id == chosen);
                let group = radio::group(ui, salt, &options, selected);
                first = group.stop;
                if let Some(i) = group.chosen {
                    set(Some(Answer::One(fact.values[i].id.clone())), actions);
                }
                if !chosen.is_empty() {
                    let r = ui.small_button("Clear answer");
                    widgets::name(ui, &r, &format!("Clear the answer to: {}", fact.question));
                    if r.clicked() {
                        set(None, actions);
                    }
                }
            });
        }
        FactKind::Many => {
            first = many(ui, fact, &asked, current.as_ref(), salt, &mut |a| {
                set(Some(a), actions);
            });
        }
        FactKind::Text => {
            let mut text = match &current {
                Some(Answer::Text(t)) => t.clone(),
                _ => String::new(),
            };
            let r = ui
                .push_id(salt, |ui| {
                    ui.add(
                        egui::TextEdit::multiline(&mut text)
                            .id_salt(("answer", salt))
                            .desired_rows(2)
                            .desired_width(f32::INFINITY),
                    )
                })
                .inner
                .labelled_by(q.id);
            widgets::name(ui, &r, &asked);
            if r.changed() {
                set(Some(Answer::Text(text)), actions);
            }
            first = Some(r);
        }
    }
    if let Some(r) = first {
        if widgets::take_skip(ui.ctx()) {
            r.request_focus();
            r.scroll_to_me(Some(egui::Align::Center));
        }
        widgets::field(ui, &r, &Field::Answer(about, fact.id.clone()));
    }
    widgets::change_notice(ui, about, &fact.id);
}

/// The check boxes of a question with several answers; returns the first, the
/// question's first Tab stop.
fn many(
    ui: &mut egui::Ui,
    fact: &Fact,
    asked: &str,
    current: Option<&Answer>,
    salt: (About, &str),
    set: &mut dyn FnMut(Answer),
) -> Option<egui::Response> {
    let chosen = match current {
        Some(Answer::Many(v)) => v.clone(),
        _ => Vec::new(),
    };
    ui.push_id(salt, |ui| {
        let mut first = None;
        for v in &fact.values {
            let mut on = chosen.contains(&v.id);
            let r = ui.checkbox(&mut on, &v.label);
            widgets::name(ui, &r, &option_name(asked, &v.label));
            if r.changed() {
                // Keep the guidance's order of values.
                let next: Vec<String> = fact
                    .values
                    .iter()
                    .filter(|x| {
                        if x.id == v.id {
                            on
                        } else {
                            chosen.contains(&x.id)
                        }
                    })
                    .map(|x| x.id.clone())
                    .collect();
                set(Answer::Many(next));
            }
            if first.is_none() {
                first = Some(r);
            }
            if !v.help.is_empty() {
                ui.label(RichText::new(&v.help).weak());
            }
        }
        first
    })
    .inner
}

/// Answers kept but set aside, each with the answer given.
pub fn set_aside(ui: &mut egui::Ui, g: &Guidance, w: &Wizard, about: About, facts: &[&Fact]) {
    if facts.is_empty() {
        return;
    }
    egui::CollapsingHeader::new(format!("Set aside: {} answer(s) that no longer apply", facts.len()))
        .id_salt(("aside", about))
        .show(ui, |ui| {
            ui.label(
                RichText::new("Kept, but not used in any verdict or in the record, because of a later change to an earlier answer.")
                    .weak(),
            );
            for f in facts {
                let a = w
                    .answer(g, about, &f.id)
                    .map(|a| answer_words(g, &f.id, &a))
                    .unwrap_or_default();
                ui.label(format!("{}: {a}", f.question));
            }
        });
}
