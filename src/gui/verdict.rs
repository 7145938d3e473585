//! The verdict beside a check or the contact, the facts behind it, and the
//! officer's recorded decision: only the choices the verdict allows are offered.

use egui::RichText;

use super::radio::{self, RadioOption};
use super::settings::ThemeChoice;
use super::state::Action;
use super::widgets;
use crate::core::engine::{Assessment, IeOutcome, Reason, Timing, Verdict};
use crate::core::guidance::Guidance;
use crate::core::raw::{Choice, OfficerDecision, Scope};
use crate::core::record::{Field, choice_words, choices};
use crate::core::wizard::{About, Wizard, answer_words};

/// The verdict, its deciding reasons with rule ids, and grouped warnings. The
/// verdict line is one focusable item that a screen reader reads whole:
/// "Check 2, PNC on the victim: REFUSED, because ..." (`what` names the thing).
#[allow(
    clippy::too_many_arguments,
    reason = "what is judged, and how to draw it"
)]
pub fn verdict(
    ui: &mut egui::Ui,
    theme: ThemeChoice,
    a: &Assessment,
    about: About,
    what: &str,
    v: Verdict,
    reasons: &[Reason],
    actions: &mut Vec<Action>,
) {
    let row = ui
        .horizontal(|ui| {
            ui.label(RichText::new("Verdict:").strong());
            widgets::verdict_tag(ui, theme, v);
        })
        .response;
    let item = ui.interact(
        row.rect,
        ui.scope_id().with(("verdict", about)),
        egui::Sense::focusable_noninteractive(),
    );
    // The words of a text that disagree with a closed answer (issue 26), shown
    // under the verdict and read with it, so the officer knows what to change.
    let disagreeing = disagreeing_words(a, &about.word());
    let mut spoken = spoken_verdict(what, v, reasons);
    if let Some(line) = &disagreeing {
        spoken.push(' ');
        spoken.push_str(line);
    }
    ui.ctx().accesskit_node_builder(item.id, |n| {
        n.set_role(egui::accesskit::Role::Label);
        n.set_label(spoken);
    });
    if item.has_focus() {
        widgets::focus_ring(ui, row.rect);
    }
    widgets::field(ui, &item, &Field::Verdict(about));
    widgets::reasons(ui, v, reasons, actions);
    if let Some(line) = &disagreeing {
        ui.label(RichText::new(line.as_str()).strong());
    }
    widgets::notices(ui, a, &about.word(), reasons, actions);
}

/// "Words that disagree with your answers: ..." for a target whose free text
/// reads against one of its closed answers; `None` when nothing disagrees.
pub fn disagreeing_words(a: &Assessment, about: &str) -> Option<String> {
    let mut words: Vec<String> = Vec::new();
    for w in a
        .warnings
        .iter()
        .filter(|w| w.about == about && w.kind == "disagreement")
    {
        for x in &w.words {
            let quoted = format!("\"{x}\"");
            if !words.contains(&quoted) {
                words.push(quoted);
            }
        }
    }
    (!words.is_empty()).then(|| {
        format!(
            "Words that disagree with your answers: {}.",
            words.join(", ")
        )
    })
}

/// A verdict as a screen reader reads it: what, the verdict, and the deciding reasons.
pub fn spoken_verdict(what: &str, v: Verdict, reasons: &[Reason]) -> String {
    let deciding: Vec<&str> = reasons
        .iter()
        .filter(|r| r.verdict == Some(v))
        .map(|r| r.message.as_str())
        .collect();
    let heading = crate::core::report::verdict_heading(v);
    if deciding.is_empty() {
        format!("{what}: {heading}")
    } else {
        format!("{what}: {heading}, because {}", deciding.join(" "))
    }
}

/// The contact's timing verdict, shown apart from its verdict so that a deferral
/// is never hidden behind a stricter verdict.
pub fn timing(ui: &mut egui::Ui, theme: ThemeChoice, ie: &IeOutcome) {
    match ie.timing_verdict {
        Timing::Defer => {
            ui.horizontal(|ui| {
                ui.label(RichText::new("Timing:").strong());
                widgets::verdict_tag(ui, theme, Verdict::Defer);
                ui.label("not now, whatever the verdict above");
            });
            for r in &ie.timing_reasons {
                ui.label(format!("{} [{}]", r.message, r.rules.join(", ")));
            }
        }
        Timing::NotDeferred => {
            ui.label(
                RichText::new("Timing: nothing in the guidance says the contact must wait.").weak(),
            );
        }
        Timing::NotProposed => {}
    }
}

/// The answers the verdict rests on, as the officer gave them (`relevant`: the
/// ids of the facts about `about` that apply, from `Wizard::relevance`).
pub fn facts_behind(
    ui: &mut egui::Ui,
    g: &Guidance,
    w: &Wizard,
    about: About,
    relevant: &[String],
) {
    // Built only while the section is open: egui skips a collapsed body.
    egui::CollapsingHeader::new("The answers this verdict rests on")
        .id_salt(("behind", about))
        .show(ui, |ui| {
            let rows: Vec<(String, String)> = g
                .facts
                .iter()
                .filter(|f| f.scope == about.scope() && relevant.contains(&f.id))
                .map(|f| {
                    let a = w
                        .answer(g, about, &f.id)
                        .map(|a| answer_words(g, &f.id, &a))
                        .unwrap_or_default();
                    (f.question.clone(), a)
                })
                .collect();
            widgets::facts_grid(ui, ("behind-grid", about), &rows);
            if about.scope() != Scope::Case {
                ui.label(
                    RichText::new("And the answers about the case on the earlier steps.").weak(),
                );
            }
        });
}

/// What the officer decides, and why.
pub fn decision(
    ui: &mut egui::Ui,
    about: About,
    what: &str,
    v: Verdict,
    current: Option<&OfficerDecision>,
    actions: &mut Vec<Action>,
) {
    let d = current.cloned().unwrap_or_default();
    widgets::subheading(ui, &format!("Your decision on {what}"));
    let offered = choices(v);
    if v == Verdict::Refused {
        ui.label("This is refused: it cannot be recorded as done. Record that you will not do it, or change what is proposed above.");
    } else if v == Verdict::Incomplete {
        ui.label("Answer the questions above to get a verdict; until then you can only record that you will not do it.");
    } else if v == Verdict::NotRecommended {
        ui.label("Not recommended: you may go ahead only with a further recorded reason, and a supervisor must then review the decision.");
    }
    ui.push_id(("decision", about), |ui| {
        let options: Vec<RadioOption<'_>> = offered
            .iter()
            .map(|&c| RadioOption {
                label: choice_words(c),
                name: format!("{what}: {}", choice_words(c)),
                help: "",
            })
            .collect();
        let selected = offered.iter().position(|&c| c == d.choice);
        let group = radio::group(ui, ("decision", about), &options, selected);
        if let Some(i) = group.chosen {
            actions.push(Action::Decide(
                about,
                OfficerDecision {
                    choice: offered[i],
                    ..d.clone()
                },
            ));
        }
        if let Some(r) = group.stop {
            widgets::field(ui, &r, &Field::Decision(about));
        }
        if d.choice != Choice::Undecided && !choices(v).contains(&d.choice) {
            widgets::alert(
                ui,
                ThemeChoice::Light,
                &format!(
                    "You recorded \"{}\", which this verdict does not allow. Choose again.",
                    choice_words(d.choice)
                ),
            );
        }
        let reason_label = if v == Verdict::NotRecommended && d.choice == Choice::Proceed {
            "The further reason for going ahead"
        } else {
            "Why you decided this"
        };
        let l = ui.label(reason_label);
        let mut reason = d.reason.clone();
        let r = ui
            .add(
                egui::TextEdit::multiline(&mut reason)
                    .id_salt(("decision-reason", about))
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(l.id);
        widgets::name(ui, &r, &format!("{what}: {reason_label}"));
        widgets::field(ui, &r, &Field::DecisionReason(about));
        if r.changed() {
            actions.push(Action::Decide(
                about,
                OfficerDecision {
                    reason,
                    ..d.clone()
                },
            ));
        }
        if d.choice == Choice::Defer {
            let l = ui.label("When it will be reconsidered (a juncture or a date)");
            let mut when = d.reconsider.clone();
            let r = ui
                .add(
                    egui::TextEdit::singleline(&mut when)
                        .id_salt(("decision-reconsider", about))
                        .desired_width(f32::INFINITY),
                )
                .labelled_by(l.id);
            widgets::name(ui, &r, &format!("{what}: when it will be reconsidered"));
            widgets::field(ui, &r, &Field::Reconsider(about));
            if r.changed() {
                actions.push(Action::Decide(
                    about,
                    OfficerDecision {
                        reconsider: when,
                        ..d
                    },
                ));
            }
        }
    });
}
