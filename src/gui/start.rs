//! The start screen: new case, open a case file, and the guidance in force
//! (pack title, version, dates, force profile, digest), with a clear warning
//! when a pack is past its review-by date. The pack and profile are settings.

use egui::RichText;

use super::settings::ThemeChoice;
use super::state::{Action, GuiState, Screen};
use super::widgets;
use crate::core::guidance::LayerKind;

pub fn show(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    let theme = state.theme();
    widgets::heading(ui, "Victim First");
    ui.label("A report where the victim or a witness may have no leave to remain: the checks, any contact with Immigration Enforcement, and the victim's safety, with the guidance each verdict rests on.");
    if state.first_run {
        first_run(ui, state);
    }
    ui.add_space(10.0);
    ui.horizontal_wrapped(|ui| {
        let new = ui.add_enabled(
            state.guidance.is_ok(),
            egui::Button::new(RichText::new("New case").size(18.0)),
        );
        if new.clicked() {
            actions.push(Action::NewCase);
        }
        if ui
            .button(RichText::new("Open a case file…").size(18.0))
            .clicked()
        {
            actions.push(Action::OpenCase);
        }
        if ui.button("Open a decision note…").clicked() {
            actions.push(Action::OpenNote);
        }
        if state.case.is_some() && ui.button("Back to the case in progress").clicked() {
            actions.push(Action::Show(Screen::Wizard));
        }
    });
    drafts(ui, state, actions);
    recent(ui, state, actions);
    super::training::start_section(ui, state, actions);
    ui.add_space(12.0);
    widgets::subheading(ui, "The guidance in force");
    selectors(ui, state, actions);
    by_date(ui, state, actions);
    match &state.guidance {
        Ok(g) => {
            let today: String = (state.clock)().chars().take(10).collect();
            for layer in &g.layers {
                let what = match layer.kind {
                    LayerKind::Baseline => "National guidance",
                    LayerKind::Revision => "National guidance (revision)",
                    LayerKind::Overlay => "Adopted by the force",
                    LayerKind::Profile => "Force profile",
                };
                ui.label(format!(
                    "{what}: {}, version {}, in effect from {}, to be reviewed by {}",
                    layer.title, layer.version, layer.effective, layer.review_by
                ));
                // Only what is in force now is worth a warning: the pack chosen, and
                // what the force adopted on top of it; not the packs it revises.
                let in_force = layer.id == state.pack
                    || matches!(layer.kind, LayerKind::Overlay | LayerKind::Profile);
                if in_force && !today.is_empty() && layer.review_by.as_str() < today.as_str() {
                    widgets::alert(
                        ui,
                        theme,
                        &format!(
                            "\"{}\" was due for review by {}. It may be out of date: check with your force's policy owner before relying on it.",
                            layer.title, layer.review_by
                        ),
                    );
                }
            }
            if let Some(p) = &g.profile {
                ui.label(format!("Force: {}", p.force));
            }
            if let Some(source) = &state.source {
                ui.label(format!("Where the guidance comes from: {source}."));
            }
            egui::CollapsingHeader::new("Guidance digest (for supervisors)")
                .id_salt("digest")
                .show(ui, |ui| {
                    ui.label(RichText::new(format!("sha256:{}", g.digest)).monospace());
                });
        }
        Err(_) if !state.problems.is_empty() => {
            widgets::alert(
                ui,
                theme,
                "No verdict can be given: the guidance files have the problems listed below. Fix them (run `victim-first lint`) and restart.",
            );
        }
        Err(_) => {
            widgets::alert(
                ui,
                theme,
                "This national pack and force profile cannot be used together; see the problems listed below.",
            );
        }
    }
    ui.add_space(8.0);
    if ui
        .button("Read the guidance: every rule and its source")
        .clicked()
    {
        actions.push(Action::Show(Screen::Browser));
    }
    ui.add_space(12.0);
    settings(ui, theme, state.settings.text_scale, actions);
}

/// The first start on this computer (no settings file yet): what the app is
/// for, that it never uses the network, and where settings are kept.
fn first_run(ui: &mut egui::Ui, state: &GuiState) {
    ui.add_space(6.0);
    egui::Frame::group(ui.style()).show(ui, |ui| {
        ui.label(RichText::new("First time here?").strong());
        ui.label("Start a new case and answer the questions step by step: each proposed check and any contact with Immigration Enforcement gets a verdict with the rules behind it, and the finished case gives a decision note for the record.");
        ui.label("It never uses the network: nothing you enter leaves this computer unless you save or export it yourself.");
        let at = state
            .settings_at
            .as_deref()
            .unwrap_or("no settings folder was found, so nothing is kept");
        ui.label(format!(
            "Your display settings (theme, text size, pack and profile) and the names of recent case files are kept in {at}; answers and decisions never are. A case you are working on is autosaved, for you alone, until it is finished."
        ));
    });
}

/// The national pack and force profile choosers (remembered as settings).
pub fn selectors(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("National pack");
        let chosen = state.library.display_name(&state.pack);
        let r = egui::ComboBox::from_id_salt("pack")
            .selected_text(chosen.clone())
            .show_ui(ui, |ui| {
                // Under a lock, only the packs the force's profile can be used with.
                for id in state
                    .library
                    .pack_ids()
                    .into_iter()
                    .filter(|p| state.pack_allowed(p))
                {
                    let name = state.library.display_name(id);
                    if ui.selectable_label(state.pack == id, name).clicked() {
                        actions.push(Action::SelectPack(id.to_owned()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        widgets::describe_value(ui, &r, &chosen);
        if let Some(lock) = &state.lock {
            // Set by the force: fixed text, not a control.
            ui.label(format!(
                "Force profile: {} — set by your force",
                state.library.display_name(&lock.profile)
            ));
            return;
        }
        let label = ui.label("Force profile");
        let chosen = state.profile.as_deref().map_or_else(
            || "None (national guidance only)".to_owned(),
            |p| state.library.display_name(p),
        );
        let r = egui::ComboBox::from_id_salt("profile")
            .selected_text(chosen.clone())
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(state.profile.is_none(), "None (national guidance only)")
                    .clicked()
                {
                    actions.push(Action::SelectProfile(None));
                }
                for id in state.library.profile_ids() {
                    let name = state.library.display_name(id);
                    if ui
                        .selectable_label(state.profile.as_deref() == Some(id), name)
                        .clicked()
                    {
                        actions.push(Action::SelectProfile(Some(id.to_owned())));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        widgets::describe_value(ui, &r, &chosen);
    });
}

/// Theme and text size.
pub fn settings(ui: &mut egui::Ui, theme: ThemeChoice, scale: f32, actions: &mut Vec<Action>) {
    widgets::subheading(ui, "Display");
    ui.horizontal_wrapped(|ui| {
        ui.label("Theme:");
        for t in ThemeChoice::ALL {
            let r = ui.radio(theme == t, t.words());
            widgets::name(ui, &r, &format!("Theme {}", t.words()));
            if r.clicked() {
                actions.push(Action::SetTheme(t));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("Text size: {:.0}%", scale * 100.0));
        if ui.button("Smaller (Ctrl −)").clicked() {
            actions.push(Action::SetTextScale(scale - 0.25));
        }
        if ui.button("Larger (Ctrl +)").clicked() {
            actions.push(Action::SetTextScale(scale + 0.25));
        }
    });
}

/// Unfinished cases found autosaved: resume, or discard after confirming.
fn drafts(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    let open = state.case.as_ref().map(|o| o.draft.as_str());
    let offered: Vec<_> = state
        .drafts
        .iter()
        .filter(|d| Some(d.id.as_str()) != open)
        .collect();
    if offered.is_empty() {
        return;
    }
    ui.add_space(12.0);
    widgets::subheading(ui, "Unfinished cases, autosaved");
    ui.label("These cases were being worked on when the app last closed or stopped. Resume one to carry on where it was, or discard it.");
    for d in offered {
        widgets::card(ui, |ui| {
            ui.label(RichText::new(&d.reference).strong());
            ui.label(format!(
                "Last changed {}; reached {}.",
                d.last_change, d.step
            ));
            if state.discard_asked.as_deref() == Some(d.id.as_str()) {
                ui.label("Discard this draft? It cannot be recovered afterwards.");
                ui.horizontal(|ui| {
                    if ui.button("Yes, discard it").clicked() {
                        actions.push(Action::ConfirmDiscard(true));
                    }
                    if ui.button("No, keep it").clicked() {
                        actions.push(Action::ConfirmDiscard(false));
                    }
                });
            } else {
                ui.horizontal(|ui| {
                    let resume = ui.button(format!("Resume {}", d.reference));
                    if resume.clicked() {
                        actions.push(Action::ResumeDraft(d.id.clone()));
                    }
                    let discard = ui.button(format!("Discard {}…", d.reference));
                    if discard.clicked() {
                        actions.push(Action::DiscardDraft(d.id.clone()));
                    }
                });
            }
        });
    }
}

/// Which pack a new case is decided under, against the pack in force today.
fn by_date(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    let today: String = (state.clock)().chars().take(10).collect();
    match state.pack_in_force_today() {
        Some(p) if p == state.pack => {
            ui.label(format!(
                "A new case is decided under this pack: the national pack in force today ({today})."
            ));
        }
        Some(p) => {
            ui.label(format!(
                "The national pack in force today ({today}) is {}; a new case is decided under the pack chosen above, and its record says so.",
                state.library.display_name(&p)
            ));
            if ui.button("Use the pack in force today").clicked() {
                actions.push(Action::UsePackInForceToday);
            }
        }
        None => {
            ui.label(format!("No national pack here was in force on {today}."));
        }
    }
}

/// Case files opened or saved lately: names and times only, removable.
fn recent(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    if state.settings.recent.is_empty() {
        return;
    }
    ui.add_space(12.0);
    widgets::subheading(ui, "Recent cases");
    for r in &state.settings.recent {
        let path = std::path::PathBuf::from(&r.path);
        let name = path
            .file_name()
            .map_or_else(|| r.path.clone(), |n| n.to_string_lossy().into_owned());
        ui.horizontal_wrapped(|ui| {
            if ui.button(format!("Open {name}")).clicked() {
                actions.push(Action::OpenRecent(path.clone()));
            }
            ui.label(format!("{} (last {})", r.path, r.at));
            if ui
                .small_button(format!("Remove {name} from the list"))
                .clicked()
            {
                actions.push(Action::ForgetRecent(path.clone()));
            }
        });
    }
}
