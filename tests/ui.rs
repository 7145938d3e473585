//! The real window, driven headless through its accessibility tree by label,
//! as a screen reader or keyboard user would reach it. No GPU or display needed.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use victim_first::gui::{self, Action, Effect, GuiState};
use victim_first::store;

fn harness() -> (Harness<'static, GuiState>, Rc<RefCell<Vec<Effect>>>) {
    let (lib, problems) = store::load_library(Path::new("guidance"));
    let state = GuiState::new(lib, problems);
    let effects = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&effects);
    let h = Harness::builder()
        .with_size(egui::vec2(1100.0, 800.0))
        .build_ui_state(
            move |ui, state: &mut GuiState| {
                sink.borrow_mut().extend(gui::root_ui(ui, state));
            },
            state,
        );
    gui::install_fonts(&h.ctx);
    (h, effects)
}

fn read_case(h: &mut Harness<'_, GuiState>, path: &str) {
    let bytes = std::fs::read(path).expect("case file");
    h.state_mut()
        .update(Action::CaseRead(path.to_owned(), bytes));
    h.run();
}

fn choose(h: &mut Harness<'_, GuiState>, combo: &str, option: &str) {
    h.get_by_role_and_label(Role::ComboBox, combo).click();
    h.run();
    h.get_by_label(option).click();
    h.run();
}

#[test]
fn opens_on_the_current_national_pack_with_every_rule_listed() {
    let (mut h, _) = harness();
    h.run();
    assert_eq!(h.state().pack, "safe-to-share-2020");
    assert!(h.state().problems.is_empty());
    for id in ["NPCC18-03", "NPCC20-01", "STS-01", "MSA-01"] {
        assert!(h.query_by_label_contains(id).is_some(), "{id} is listed");
    }
}

#[test]
fn choosing_the_2018_pack_shows_only_its_rules() {
    let (mut h, _) = harness();
    h.run();
    choose(&mut h, "National pack", "npcc-2018");
    assert_eq!(h.state().pack, "npcc-2018");
    assert!(h.query_by_label_contains("NPCC18-03").is_some());
    assert!(h.query_by_label_contains("STS-01").is_none());
    assert!(h.query_by_label_contains("NPCC20-01").is_none());
}

#[test]
fn open_case_asks_the_shell_for_a_file() {
    let (mut h, effects) = harness();
    h.run();
    h.get_by_role_and_label(Role::Button, "Open case…").click();
    h.run();
    assert_eq!(effects.borrow().as_slice(), &[Effect::PickCaseFile]);
}

#[test]
fn a_case_shows_its_verdicts_and_a_profile_change_reassesses_it() {
    let (mut h, _) = harness();
    h.run();
    read_case(&mut h, "tests/data/cases/da-doubts-national.ron");
    // The window takes the pack and profile the case names.
    assert_eq!(h.state().profile.as_deref(), Some("example-national"));
    assert!(h.query_by_label("Not recommended").is_some());
    assert!(h.query_by_label("Refused").is_none());
    choose(&mut h, "Force profile", "example-adopting");
    assert!(h.query_by_label("Refused").is_some());
    assert!(
        h.query_by_label_contains("Link the person to a third party")
            .is_some()
    );
    h.get_by_role_and_label(Role::Button, "Close case").click();
    h.run();
    assert!(h.state().case.is_none());
}

#[test]
fn a_broken_case_file_shows_located_errors_and_no_verdicts() {
    let (mut h, _) = harness();
    h.run();
    read_case(&mut h, "tests/data/bad-cases/unknown-answer.ron");
    assert!(
        h.query_by_label_contains("unknown-answer.ron:5:17: facts → \"role\"")
            .is_some(),
        "the error is shown with its place"
    );
    assert!(h.query_by_label("Permitted").is_none());
}
