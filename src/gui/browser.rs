//! The guidance browser, for supervisors and policy owners: every layer in
//! force, and every rule with its explanation, source and certainty.

use egui::RichText;

use super::state::{Action, GuiState, Screen};
use super::widgets;
use crate::core::guidance::{Guidance, LayerKind};
use crate::core::raw::Certainty;

pub fn show(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    ui.horizontal(|ui| {
        if ui.button("Back to the start").clicked() {
            actions.push(Action::Show(Screen::Start));
        }
        if state.case.is_some() && ui.button("Back to the case").clicked() {
            actions.push(Action::Show(Screen::Wizard));
        }
    });
    widgets::heading(ui, "The guidance");
    super::start::selectors(ui, state, actions);
    match &state.guidance {
        Ok(g) => guidance_ui(ui, g),
        Err(_) => {
            ui.label("This national pack and force profile cannot be used together; see the problems listed below.");
        }
    }
}

/// How firmly a rule is supported, in plain words.
pub fn certainty_word(c: Certainty) -> &'static str {
    match c {
        Certainty::Cited => "cited",
        Certainty::Secondary => "secondary source",
        Certainty::Inferred => "inferred, to be confirmed",
        Certainty::Silent => "guidance silent",
        Certainty::Conflict => "sources conflict",
    }
}

fn guidance_ui(ui: &mut egui::Ui, g: &Guidance) {
    ui.label(format!("Guidance digest sha256:{}", g.digest));
    for layer in &g.layers {
        ui.separator();
        ui.heading(&layer.title);
        ui.label(format!(
            "{} {} · version {} · effective {} · review by {}",
            layer_word(layer.kind),
            layer.id,
            layer.version,
            layer.effective,
            layer.review_by
        ));
        if !layer.summary.is_empty() {
            ui.label(&layer.summary);
        }
        for entry in g.rules.values().filter(|e| e.layer == layer.id) {
            rule_ui(ui, g, &entry.rule);
        }
    }
}

fn layer_word(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::Baseline => "National baseline",
        LayerKind::Revision => "National revision",
        LayerKind::Overlay => "Adopted overlay",
        LayerKind::Profile => "Force profile",
    }
}

pub fn rule_ui(ui: &mut egui::Ui, g: &Guidance, r: &crate::core::raw::GuidanceRule) {
    {
        egui::CollapsingHeader::new(format!("{}  {}", r.id, r.title))
            .id_salt(&r.id)
            .show(ui, |ui| {
                ui.label(&r.explanation);
                let sources: Vec<String> = r
                    .sources
                    .iter()
                    .filter_map(|s| g.sources.get(s))
                    .map(|s| format!("{} ({}, {})", s.title, s.publisher, s.date))
                    .collect();
                ui.label(format!("Source: {}", sources.join("; ")));
                if let Some(q) = &r.quote {
                    ui.label(format!("Quoted: “{q}”"));
                }
                ui.label(format!("Certainty: {}", certainty_word(r.status)));
                if let Some(c) = &r.caveat {
                    ui.label(RichText::new(c).italics());
                }
            });
    }
}
