//! Helpers shared by the window tests: a harness over the real `root_ui`, and
//! ways to reach a control by its accessible name, with the mouse or the keyboard.

#![allow(
    dead_code,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "each test file uses some of these; a test may panic on a broken fixture"
)]

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use victim_first::gui::{self, Action, Effect, GuiState};
use victim_first::store;

pub type Effects = Rc<RefCell<Vec<Effect>>>;

pub fn state_from(dir: &Path) -> GuiState {
    let (lib, problems) = store::load_library(dir);
    let mut state = GuiState::new(lib, problems);
    state.clock = Box::new(|| "2026-11-29T10:00:00Z".to_owned());
    state
}

pub fn harness_with(state: GuiState) -> (Harness<'static, GuiState>, Effects) {
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

pub fn harness() -> (Harness<'static, GuiState>, Effects) {
    harness_with(state_from(Path::new("guidance")))
}

/// The wording of a question and one of its options, from the guidance in force.
pub fn wording(h: &Harness<'_, GuiState>, fact: &str, value: &str) -> (String, String) {
    let g = h.state().guidance.as_ref().expect("guidance");
    let f = g.fact(fact).expect("fact");
    let label = f
        .values
        .iter()
        .find(|v| v.id == value)
        .map(|v| v.label.clone())
        .expect("value");
    (f.question.clone(), label)
}

/// Whether a widget with exactly this name is on screen (it may be more than once).
pub fn shows(h: &Harness<'_, GuiState>, label: &str) -> bool {
    h.query_all_by_label(label).next().is_some()
}

/// Whether a widget whose name contains this is on screen.
pub fn shows_part(h: &Harness<'_, GuiState>, part: &str) -> bool {
    h.query_all_by_label_contains(part).next().is_some()
}

pub fn press(h: &mut Harness<'_, GuiState>, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run();
}

/// Chooses an option of a question, found by fact and value id.
pub fn answer(h: &mut Harness<'_, GuiState>, fact: &str, value: &str) {
    let (q, l) = wording(h, fact, value);
    press(h, &gui::option_name(&q, &l));
}

pub fn type_into(h: &mut Harness<'_, GuiState>, label: &str, text: &str) {
    let node = h.get_by_label(label);
    node.focus();
    h.run();
    h.get_by_label(label).type_text(text);
    h.run();
}

pub fn type_answer(h: &mut Harness<'_, GuiState>, fact: &str, text: &str) {
    let q = h
        .state()
        .guidance
        .as_ref()
        .expect("guidance")
        .fact(fact)
        .expect("fact")
        .question
        .clone();
    type_into(h, &q, text);
}

pub fn go_to(h: &mut Harness<'_, GuiState>, step_id: &str) {
    let i = h
        .state()
        .steps()
        .iter()
        .position(|s| s.id() == step_id)
        .expect("step");
    h.state_mut().update(Action::GoTo(i));
    h.run();
}

pub fn open_case(h: &mut Harness<'_, GuiState>, path: &str) {
    let bytes = std::fs::read(path).expect("case file");
    h.state_mut()
        .update(Action::CaseRead(path.to_owned(), bytes));
    h.run();
}

/// A domestic abuse report by a victim, adult, safe, no slavery or child indicators.
pub fn da_basics(h: &mut Harness<'_, GuiState>) {
    answer(h, "role", "victim");
    answer(h, "offence", "domestic_abuse");
    answer(h, "age", "adult");
    answer(h, "reporting", "in_person");
    go_to(h, "concern");
    answer(h, "concern_source", "third_party_alleged");
    answer(h, "concern_strength", "doubts");
    go_to(h, "victim_first");
    answer(h, "situation", "safe");
    answer(h, "risk_level", "standard");
    answer(h, "slavery_indicators", "no");
    answer(h, "child_indicators", "no");
    answer(h, "needs_interpreter", "no");
}

pub fn open<'h>(h: &'h Harness<'_, GuiState>) -> &'h gui::state::Open {
    h.state().case.as_ref().expect("a case is open")
}

pub fn tab_to(h: &mut Harness<'_, GuiState>, label: &str) {
    for _ in 0..400 {
        if h.query_by_label(label).is_some_and(|n| n.is_focused()) {
            return;
        }
        h.key_press(egui::Key::Tab);
        h.run();
    }
    panic!("Tab never reached {label}");
}

pub fn key_choose(h: &mut Harness<'_, GuiState>, label: &str) {
    tab_to(h, label);
    h.key_press(egui::Key::Space);
    h.run();
}

pub fn key_answer(h: &mut Harness<'_, GuiState>, fact: &str, value: &str) {
    let (q, l) = wording(h, fact, value);
    key_choose(h, &gui::option_name(&q, &l));
}

pub fn key_type(h: &mut Harness<'_, GuiState>, label: &str, text: &str) {
    tab_to(h, label);
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

pub fn next_step(h: &mut Harness<'_, GuiState>) {
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowRight);
    h.run();
}
