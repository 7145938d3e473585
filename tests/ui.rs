//! The real window, driven headless through its accessibility tree by label,
//! as a screen reader or keyboard user would reach it. No GPU or display needed.
//!
//! Questions are found by their wording *in the guidance* (looked up by fact
//! and value id), so these tests follow the guidance's wording as it changes.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "a test may panic on a broken fixture"
)]

use std::path::Path;

use egui::accesskit::{Role, Toggled};
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _, by};
use victim_first::core::engine::Verdict;
use victim_first::core::raw::Choice;
use victim_first::gui::{self, Action, Effect, GuiState, Screen};
use victim_first::store;

mod ui_common;
use ui_common::*;

#[test]
fn the_start_screen_shows_the_guidance_in_force_and_the_browser_is_one_click_away() {
    let (mut h, _) = harness();
    h.run();
    assert_eq!(
        h.state().pack,
        "home-office-2023",
        "the current pack by default"
    );
    assert!(h.state().problems.is_empty());
    assert!(h.query_all_by_label_contains("to be reviewed by").count() >= 1);
    assert!(shows(&h, "New case"));
    press(&mut h, "Read the guidance: every rule and its source");
    for id in ["NPCC18-03", "NPCC20-01", "STS-01", "MSA-01"] {
        assert!(shows_part(&h, id), "{id} is listed");
    }
    h.get_by_role_and_label(Role::ComboBox, "National pack")
        .click();
    h.run();
    // Packs are offered by title and date, not by file id.
    let name = h.state().library.display_name("npcc-2018");
    assert!(name.starts_with("NPCC position"), "{name}");
    h.get_by_label(&name).click();
    h.run();
    assert_eq!(h.state().pack, "npcc-2018");
    assert!(shows_part(&h, "NPCC18-03"));
    assert!(!shows_part(&h, "STS-01"));
}

#[test]
fn choosing_a_profile_is_remembered_as_a_setting() {
    let (mut h, effects) = harness();
    h.run();
    h.get_by_role_and_label(Role::ComboBox, "Force profile")
        .click();
    h.run();
    let name = h.state().library.display_name("example-adopting");
    h.get_by_label(&name).click();
    h.run();
    let saved = effects.borrow().iter().find_map(|e| match e {
        Effect::SaveSettings(s) => Some(s.clone()),
        _ => None,
    });
    let s = saved.expect("settings saved");
    assert_eq!(s.profile.as_deref(), Some("example-adopting"));
    // A new window starts with the remembered profile.
    let (lib, problems) = store::load_library(Path::new("guidance"));
    let again = GuiState::with_settings(lib, problems, s);
    assert_eq!(again.profile.as_deref(), Some("example-adopting"));
}

#[test]
fn open_asks_the_shell_for_a_file() {
    let (mut h, effects) = harness();
    h.run();
    press(&mut h, "Open a case file…");
    assert_eq!(effects.borrow().as_slice(), &[Effect::PickCaseFile]);
}

#[test]
fn a_status_only_check_in_a_domestic_abuse_case_is_refused_and_cannot_be_recorded_as_done() {
    let (mut h, _) = harness();
    h.run();
    press(&mut h, "New case");
    da_basics(&mut h);
    go_to(&mut h, "checks");
    press(&mut h, "Add a check");
    answer(&mut h, "check_system", "pnc");
    answer(&mut h, "check_subject", "person");
    answer(&mut h, "check_purposes", "immigration_status");
    type_answer(&mut h, "check_reason", "To find out their status");
    assert_eq!(open(&h).assessment.checks[0].verdict, Verdict::Refused);
    assert!(shows(&h, "REFUSED"), "the verdict in words");
    assert!(shows(&h, "Rule NPCC18-03"), "its rule id");
    // One click on the rule id opens its explanation and source.
    press(&mut h, "Rule NPCC18-03");
    assert!(shows_part(&h, "Source:"));
    assert!(shows_part(&h, "Certainty:"));
    press(&mut h, "Close");
    // Going ahead is never offered; only not doing it.
    assert!(!shows(&h, "check 1: Go ahead"));
    press(&mut h, "check 1: Do not do it");
    type_into(
        &mut h,
        "check 1: Why you decided this",
        "Status alone is no reason",
    );
    let d = open(&h).wizard.case.checks[0]
        .decision
        .clone()
        .expect("decided");
    assert_eq!(d.choice, Choice::DoNotProceed);
    // Even if a file says otherwise, the record blocks it.
    h.state_mut().update(Action::Decide(
        victim_first::core::wizard::About::Check(0),
        victim_first::core::raw::OfficerDecision {
            choice: Choice::Proceed,
            ..d
        },
    ));
    assert!(
        open(&h)
            .blockers
            .iter()
            .any(|b| b.item == "Check 1" && b.message.contains("cannot be recorded"))
    );
}

#[test]
fn a_modern_slavery_case_puts_the_referral_on_the_checklist() {
    let (mut h, _) = harness();
    h.run();
    press(&mut h, "New case");
    answer(&mut h, "role", "victim");
    answer(&mut h, "offence", "modern_slavery");
    answer(&mut h, "age", "adult");
    go_to(&mut h, "victim_first");
    answer(&mut h, "nrm_consent", "refused");
    go_to(&mut h, "actions");
    let ms1 = h
        .state()
        .guidance
        .as_ref()
        .unwrap()
        .action("ms1_notification")
        .unwrap()
        .label
        .clone();
    assert!(shows(&h, &format!("Done: {ms1}")), "MS1 on the checklist");
    // Consent given instead: an NRM referral.
    go_to(&mut h, "victim_first");
    answer(&mut h, "nrm_consent", "given");
    go_to(&mut h, "actions");
    let nrm = h
        .state()
        .guidance
        .as_ref()
        .unwrap()
        .action("nrm_referral")
        .unwrap()
        .label
        .clone();
    assert!(shows(&h, &format!("Done: {nrm}")), "NRM on the checklist");
    press(&mut h, &format!("Done: {nrm}"));
    assert!(open(&h).wizard.case.actions["nrm_referral"].done);
    // Prohibited actions are listed as such, never as something to tick.
    assert!(h.query_all_by_label_contains("Never: ").count() >= 1);
    assert!(!shows_part(&h, "Done: Arrest"));
}

#[test]
fn changing_an_earlier_answer_recomputes_sets_aside_and_is_logged() {
    let (mut h, _) = harness();
    h.run();
    press(&mut h, "New case");
    answer(&mut h, "role", "victim_suspect");
    answer(&mut h, "suspect_matter", "criminal_warrant");
    answer(&mut h, "offence", "domestic_abuse");
    answer(&mut h, "age", "adult");
    go_to(&mut h, "victim_first");
    answer(&mut h, "risk_level", "high");
    let before = open(&h).assessment.required.len();
    assert!(before > 0);
    // Back to the first step: the offence changes, the role changes.
    go_to(&mut h, "report");
    answer(&mut h, "offence", "property");
    answer(&mut h, "role", "victim");
    assert!(
        shows_part(&h, "Set aside: 1 answer"),
        "the suspect matter is kept, set aside"
    );
    go_to(&mut h, "victim_first");
    assert!(shows_part(&h, "Set aside: 1 answer"), "the risk level too");
    let a = &open(&h).assessment;
    assert!(a.notes.iter().filter(|n| n.kind == "set_aside").count() >= 2);
    let w = &open(&h).wizard.case;
    assert_eq!(
        w.facts.get("suspect_matter").map(|_| ()),
        Some(()),
        "kept in the file"
    );
    let changes: Vec<(&str, &str)> = w
        .changes
        .iter()
        .map(|c| (c.fact.as_str(), c.to.as_str()))
        .collect();
    let (_, property) = wording(&h, "offence", "property");
    assert!(
        changes.contains(&("offence", property.as_str())),
        "{changes:?}"
    );
    assert!(changes.iter().any(|(f, _)| *f == "role"));
    go_to(&mut h, "review");
    assert!(
        shows_part(&h, &format!("to \"{property}\"")),
        "the change log is on the review step"
    );
    assert!(shows_part(&h, "Set aside (not used)"));
}

/// Fills everything a domestic abuse case with one permitted check needs.
fn complete_case(h: &mut Harness<'_, GuiState>) {
    press(h, "New case");
    da_basics(h);
    go_to(h, "checks");
    press(h, "Add a check");
    answer(h, "check_system", "pnc");
    answer(h, "check_subject", "suspect");
    answer(h, "check_purposes", "safeguarding_risk");
    answer(h, "check_needs", "previous_incidents");
    type_answer(
        h,
        "check_reason",
        "Suspect's history of violence for the risk assessment",
    );
    assert_eq!(open(h).assessment.checks[0].verdict, Verdict::Permitted);
    press(h, "check 1: Go ahead");
    type_into(
        h,
        "check 1: Why you decided this",
        "Needed for the DASH assessment",
    );
}

#[test]
fn completion_is_blocked_with_what_and_where_then_unblocked() {
    let (mut h, effects) = harness();
    h.run();
    complete_case(&mut h);
    go_to(&mut h, "review");
    assert!(!open(&h).blockers.is_empty());
    assert!(shows_part(&h, "to record before you can finish:"));
    assert!(shows_part(&h, "Record your name or collar number"));
    // Each blocker takes the officer to its step.
    let first_action = open(&h).assessment.required[0].label.clone();
    press(
        &mut h,
        &format!("Go to Actions and next steps for {first_action}"),
    );
    assert_eq!(h.state().steps()[open(&h).wizard.step].id(), "actions");
    let required: Vec<String> = open(&h)
        .assessment
        .required
        .iter()
        .map(|a| a.label.clone())
        .collect();
    for label in &required {
        press(&mut h, &format!("Done: {label}"));
    }
    go_to(&mut h, "review");
    type_into(&mut h, "Your name or collar number", "PC 4321");
    type_into(&mut h, "Your role", "Response officer");
    type_into(&mut h, "Crime reference number", "CR/12345/26");
    let left: Vec<String> = open(&h)
        .blockers
        .iter()
        .map(|b| format!("{}: {}", b.item, b.message))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    press(&mut h, "Finish the record");
    assert_eq!(h.state().screen, Screen::Finished);
    assert!(open(&h).wizard.case.completed.is_some());
    assert!(
        effects.borrow().iter().any(
            |e| matches!(e, Effect::PickSaveFile(n) if n == "case-CR-12345-26-2026-11-29.ron")
        )
    );
}

#[test]
fn save_reopen_and_the_same_state() {
    let (mut h, effects) = harness();
    h.run();
    complete_case(&mut h);
    go_to(&mut h, "report");
    answer(&mut h, "reporting", "phone");
    effects.borrow_mut().clear();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    h.run();
    assert!(matches!(
        effects.borrow().as_slice(),
        [Effect::PickSaveFile(_)]
    ));
    let text = victim_first::core::wizard::case_text(&open(&h).wizard.case).unwrap();
    let dir = std::env::temp_dir().join(format!("vf-ui-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("case.ron");
    std::fs::write(&path, &text).unwrap();
    h.state_mut().update(Action::Saved(path.clone()));
    h.run();
    assert!(!open(&h).dirty);

    let (mut h2, _) = harness();
    h2.run();
    open_case(&mut h2, path.to_str().unwrap());
    assert_eq!(open(&h2).wizard.case, open(&h).wizard.case);
    assert_eq!(open(&h2).assessment, open(&h).assessment);
    assert!(
        open(&h2).file_problems.is_empty(),
        "{}",
        open(&h2).file_problems
    );
    // assess reads what the wizard saved.
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_victim-first"))
        .args(["assess", path.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn every_example_case_opens_in_the_wizard() {
    for e in std::fs::read_dir("tests/data/cases").unwrap().flatten() {
        let p = e.path();
        if !p.to_string_lossy().ends_with(".ron") || p.to_string_lossy().ends_with(".expect.ron") {
            continue;
        }
        let (mut h, _) = harness();
        h.run();
        open_case(&mut h, p.to_str().unwrap());
        assert_eq!(h.state().screen, Screen::Wizard, "{}", p.display());
        assert!(
            open(&h).file_problems.is_empty(),
            "{}: {}",
            p.display(),
            open(&h).file_problems
        );
    }
}

/// Presses Tab until the widget named `label` has the focus.
#[test]
fn a_case_can_be_completed_with_the_keyboard_alone() {
    let (mut h, _) = harness();
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
    key_answer(&mut h, "role", "witness");
    key_answer(&mut h, "offence", "robbery");
    key_answer(&mut h, "age", "adult");
    key_answer(&mut h, "reporting", "in_person");
    next_step(&mut h);
    next_step(&mut h);
    key_answer(&mut h, "situation", "safe");
    key_answer(&mut h, "slavery_indicators", "no");
    key_answer(&mut h, "child_indicators", "no");
    key_answer(&mut h, "needs_interpreter", "no");
    next_step(&mut h);
    next_step(&mut h);
    next_step(&mut h);
    let required: Vec<String> = open(&h)
        .assessment
        .required
        .iter()
        .map(|a| a.label.clone())
        .collect();
    for label in &required {
        key_choose(&mut h, &format!("Done: {label}"));
    }
    next_step(&mut h);
    assert_eq!(h.state().steps()[open(&h).wizard.step].id(), "review");
    key_type(&mut h, "Your name or collar number", "PC 1");
    key_type(&mut h, "Your role", "Response");
    key_type(&mut h, "Crime reference number", "CR/00001/26");
    let left: Vec<String> = open(&h)
        .blockers
        .iter()
        .map(|b| format!("{}: {}", b.item, b.message))
        .collect();
    assert!(left.is_empty(), "{left:?}");
    tab_to(&mut h, "Finish the record");
    h.key_press(egui::Key::Enter);
    h.run();
    assert_eq!(h.state().screen, Screen::Finished);
}

#[test]
fn controls_expose_their_state_and_sections_their_expansion() {
    let (mut h, _) = harness();
    h.run();
    press(&mut h, "New case");
    answer(&mut h, "role", "victim");
    let (q, victim) = wording(&h, "role", "victim");
    let (_, witness) = wording(&h, "role", "witness");
    let victim_name = gui::option_name(&q, &victim);
    let chosen = h.get_by_label(&victim_name);
    assert_eq!(chosen.accesskit_node().role(), Role::RadioButton);
    assert_eq!(chosen.accesskit_node().toggled(), Some(Toggled::True));
    assert_eq!(
        h.get_by_label(&gui::option_name(&q, &witness))
            .accesskit_node()
            .toggled(),
        Some(Toggled::False)
    );
    let headings = h.query_all(by().role(Role::Heading)).count();
    assert!(headings >= 2, "headings are announced as headings");
}

#[test]
fn text_at_200_percent_stays_inside_the_window() {
    let mut state = state_from(Path::new("guidance"));
    state.settings.text_scale = 2.0;
    let (mut h, _) = harness_with(state);
    h.run();
    press(&mut h, "New case");
    go_to(&mut h, "checks");
    press(&mut h, "Add a check");
    h.run();
    for n in h.query_all(by().role(Role::Label)) {
        let r = n.rect();
        assert!(
            r.max.x <= 1100.0 / 2.0 + 1.0,
            "{:?} runs off the window at {r:?}",
            n.accesskit_node().label()
        );
    }
}

#[test]
fn a_new_question_in_a_copy_of_the_guidance_appears_with_no_code_change() {
    let dir = std::env::temp_dir().join(format!("vf-newq-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(Path::new("guidance"), &dir);
    let pack = dir.join("national/npcc-2018.ron");
    let text = std::fs::read_to_string(&pack).unwrap();
    let text = text.replacen(
        "    facts: [\n",
        "    facts: [\n        (id: \"pets_at_home\", kind: One, question: \"Are there pets at the address that need care?\", help: \"A question added by a policy owner.\", values: [(id: \"yes\", label: \"Yes, pets\"), (id: \"no\", label: \"No pets\")]),\n",
        1,
    );
    let text = text.replacen(
        "facts: [\"situation\",",
        "facts: [\"situation\", \"pets_at_home\",",
        1,
    );
    std::fs::write(&pack, text).unwrap();
    let (mut h, _) = harness_with(state_from(&dir));
    h.run();
    assert!(h.state().problems.is_empty(), "{}", h.state().problems);
    press(&mut h, "New case");
    go_to(&mut h, "victim_first");
    assert!(shows(&h, "Are there pets at the address that need care?"));
    press(
        &mut h,
        &gui::option_name("Are there pets at the address that need care?", "Yes, pets"),
    );
    assert_eq!(
        open(&h).wizard.case.facts.get("pets_at_home"),
        Some(&ron::Value::String("yes".to_owned()))
    );
    let _ = std::fs::remove_dir_all(&dir);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            copy_dir(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}

/// Every Rust file under `src/gui/`, its folders included, with its text.
fn gui_files() -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut folders = vec![std::path::PathBuf::from("src/gui")];
    while let Some(dir) = folders.pop() {
        for e in std::fs::read_dir(&dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                folders.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                let text = std::fs::read_to_string(&p).unwrap();
                out.push((p, text));
            }
        }
    }
    assert!(out.len() > 20, "the window's files: {}", out.len());
    out
}

/// Every string literal in `src/gui/`.
fn gui_literals() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (path, text) in gui_files() {
        let name = path.display().to_string();
        for (i, part) in text.split('"').enumerate() {
            if i % 2 == 1 {
                out.push((name.clone(), part.to_owned()));
            }
        }
    }
    out
}

#[test]
fn no_policy_lives_in_the_ui_code() {
    let (lib, _) = store::load_library(Path::new("guidance"));
    let mut gui_text = String::new();
    for (_, text) in gui_files() {
        gui_text.push_str(&text);
    }
    let literals = gui_literals();
    let mut offences = Vec::new();
    for pack in lib.pack_ids() {
        for profile in std::iter::once(None).chain(lib.profile_ids().into_iter().map(Some)) {
            let Ok(g) = lib.resolve(pack, profile) else {
                continue;
            };
            for f in &g.facts {
                // No question wording, help or option list.
                for text in [&f.question, &f.help].into_iter().filter(|t| t.len() > 12) {
                    if gui_text.contains(text.as_str()) {
                        offences.push(format!("wording: {text}"));
                    }
                }
                for v in &f.values {
                    if literals.iter().any(|(_, l)| *l == v.label) && v.label.len() > 3 {
                        offences.push(format!("option: {}", v.label));
                    }
                }
                // No fact or value id as a string literal (the fixed ones live in core/guidance.rs).
                for id in std::iter::once(&f.id).chain(f.values.iter().map(|v| &v.id)) {
                    if literals.iter().any(|(_, l)| l == id) && id.len() > 3 {
                        offences.push(format!("id: {id}"));
                    }
                }
            }
            for d in &g.decisions {
                if literals.iter().any(|(_, l)| *l == d.decision.id)
                    || gui_text.contains(&d.decision.says)
                {
                    offences.push(format!("decision: {}", d.decision.id));
                }
            }
            for r in g.rules.keys() {
                if gui_text.contains(r.as_str()) {
                    offences.push(format!("rule: {r}"));
                }
            }
            for a in &g.actions {
                if gui_text.contains(&a.label) || literals.iter().any(|(_, l)| *l == a.id) {
                    offences.push(format!("action: {}", a.id));
                }
            }
        }
    }
    // No verdict logic: conditions are evaluated, and choices decided, only in the core.
    for word in [
        "Condition::",
        "eval(",
        ".decisions",
        "Effect::Refuse",
        "Effect::Permit",
    ] {
        if gui_text.contains(word) {
            offences.push(format!("logic: {word}"));
        }
    }
    offences.sort();
    offences.dedup();
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

#[test]
fn guidance_problems_are_listed_and_the_rest_keeps_working() {
    let dir = std::env::temp_dir().join(format!("vf-broken-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    copy_dir(Path::new("guidance"), &dir);
    std::fs::write(dir.join("forces/broken.ron"), "Profile(id: \"broken\",").unwrap();
    let (mut h, _) = harness_with(state_from(&dir));
    h.run();
    assert!(shows_part(&h, "Problems found ("));
    assert!(shows_part(&h, "broken.ron:"), "path:line:col");
    // Guidance that lint rejects gives no verdict: no case can be started...
    assert!(shows_part(&h, "No verdict can be given"));
    press(&mut h, "New case");
    assert!(h.state().case.is_none(), "no verdict from broken guidance");
    // ...but the rest of the window keeps working.
    press(&mut h, "About");
    assert!(shows_part(&h, env!("CARGO_PKG_VERSION")));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn the_about_box_shows_the_version_and_the_digest() {
    let (mut h, _) = harness();
    h.run();
    press(&mut h, "About");
    assert!(shows_part(&h, env!("CARGO_PKG_VERSION")));
    assert!(shows_part(&h, "Guidance digest sha256:"));
    assert!(h.query_all_by_label_contains("licence").count() >= 1);
}

#[test]
fn without_a_native_dialog_the_in_window_chooser_opens_a_case() {
    let (mut h, effects) = harness();
    h.run();
    let folder = std::path::PathBuf::from("tests/data/cases");
    let first = h
        .state_mut()
        .open_chooser(gui::ChooserMode::Open, folder.clone(), String::new());
    assert_eq!(first, Effect::ListFolder(folder.clone()));
    h.state_mut()
        .update(Action::Chooser(gui::ChooserAction::Listed(
            folder.clone(),
            vec![],
            vec!["status-only-check.ron".to_owned()],
        )));
    h.run();
    assert!(shows(&h, "Open a case file"), "the chooser is shown");
    press(&mut h, "File status-only-check.ron");
    press(&mut h, "Open");
    assert_eq!(
        effects.borrow().last(),
        Some(&Effect::ReadCase(folder.join("status-only-check.ron")))
    );
    assert!(h.state().chooser.is_none());
}

#[test]
fn unsaved_changes_are_not_lost_by_closing_without_a_warning() {
    let (mut h, _) = harness();
    h.run();
    press(&mut h, "New case");
    answer(&mut h, "role", "victim");
    press(&mut h, "Close case");
    assert!(h.state().case.is_some(), "the first press only warns");
    assert!(shows_part(&h, "unsaved changes"));
    press(&mut h, "Close case");
    assert!(h.state().case.is_none(), "asked again, it closes");
}

#[test]
fn arrow_keys_move_between_the_options_of_a_question() {
    let (mut h, _) = harness();
    h.run();
    press(&mut h, "New case");
    let (q, victim) = wording(&h, "role", "victim");
    let (_, witness) = wording(&h, "role", "witness");
    tab_to(&mut h, &gui::option_name(&q, &victim));
    h.key_press(egui::Key::ArrowDown);
    h.run();
    let witness_name = gui::option_name(&q, &witness);
    assert!(h.get_by_label(&witness_name).is_focused());
    h.key_press(egui::Key::Space);
    h.run();
    let chosen = open(&h).wizard.case.facts.get("role").cloned();
    assert_eq!(chosen, Some(ron::Value::String("witness".to_owned())));
}

/// A deferral is shown beside the contact even when a stricter verdict wins.
#[test]
fn the_contact_shows_its_timing_verdict_beside_a_stricter_verdict() {
    let (mut h, _) = harness();
    h.run();
    open_case(&mut h, "tests/data/cases/juncture-account-not-secured.ron");
    go_to(&mut h, "ie_contact");
    let ie = &open(&h).assessment.ie_contact;
    assert_eq!(ie.verdict.as_str(), "not_recommended");
    assert!(shows_part(&h, "Timing:"), "the timing verdict is on screen");
    assert!(shows_part(&h, "not now, whatever the verdict above"));
    assert!(shows_part(
        &h,
        "Not yet: contact waits until the person's account and the key evidence are secured."
    ));
}
