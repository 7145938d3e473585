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
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use victim_first::core::wizard::About;
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
    harness_sized(state, egui::vec2(1100.0, 800.0))
}

/// A harness over a window of this size (in pixels at 100% text).
pub fn harness_sized(state: GuiState, size: egui::Vec2) -> (Harness<'static, GuiState>, Effects) {
    let effects = Rc::new(RefCell::new(Vec::new()));
    let sink = Rc::clone(&effects);
    let h = Harness::builder().with_size(size).build_ui_state(
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
/// A question's accessible name and the label of one of its options, from the
/// guidance in force; a question about a check is asked of the first check.
pub fn wording(h: &Harness<'_, GuiState>, fact: &str, value: &str) -> (String, String) {
    wording_about(h, None, fact, value)
}

/// [`wording`] for the question about `about` (the first check when `None`).
pub fn wording_about(
    h: &Harness<'_, GuiState>,
    about: Option<About>,
    fact: &str,
    value: &str,
) -> (String, String) {
    let g = h.state().guidance.as_ref().expect("guidance");
    let f = g.fact(fact).expect("fact");
    let about = about.unwrap_or(match f.scope {
        victim_first::core::raw::Scope::Check => About::Check(0),
        victim_first::core::raw::Scope::IeContact => About::IeContact,
        victim_first::core::raw::Scope::Case => About::Case,
    });
    let label = f
        .values
        .iter()
        .find(|v| v.id == value)
        .map(|v| v.label.clone())
        .expect("value");
    (gui::question_name(about, &f.question), label)
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
    let f = h
        .state()
        .guidance
        .as_ref()
        .expect("guidance")
        .fact(fact)
        .expect("fact")
        .clone();
    let about = match f.scope {
        victim_first::core::raw::Scope::Check => About::Check(0),
        _ => About::Case,
    };
    type_into(h, &gui::question_name(about, &f.question), text);
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

thread_local! {
    /// Keys pressed by the helpers below (a chord or a typed character is one),
    /// for counting what a keyboard user needs to complete a case. Per thread,
    /// as each test runs on its own thread: a count is never another test's.
    static KEYS: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// Of [`KEYS`], the characters typed into fields (the rest moves and chooses).
    static TYPED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
    /// What the helpers did since [`reset_keys`], one line each, in the words of
    /// `xdotool` (`key Tab`, `type …`) with what must then hold (`focus NAME`):
    /// the script `scripts/smoke-window.py` replays into the real window.
    static SCRIPT: RefCell<Vec<String>> = const { RefCell::new(Vec::new()) };
}

/// How many keys the helpers have pressed since the last [`reset_keys`].
pub fn keys() -> usize {
    KEYS.get()
}

pub fn reset_keys() {
    KEYS.set(0);
    TYPED.set(0);
    SCRIPT.with_borrow_mut(Vec::clear);
}

/// Of [`keys`], the characters typed into fields (the rest moves and chooses).
pub fn typed_keys() -> usize {
    TYPED.get()
}

pub fn count_keys(n: usize) {
    KEYS.set(KEYS.get() + n);
}

/// Adds a line to the script of what was done ([`script`]).
pub fn record(line: String) {
    assert!(!line.contains('\n'), "one line each: {line:?}");
    SCRIPT.with_borrow_mut(|s| {
        // Reaching a control already reached adds nothing to check.
        if !(line.starts_with("focus ") && s.last() == Some(&line)) {
            s.push(line);
        }
    });
}

/// The script of what the helpers did since [`reset_keys`].
pub fn script() -> Vec<String> {
    SCRIPT.with_borrow(Clone::clone)
}

/// The name `xdotool` gives a key, with `modifiers` (`ctrl+n`, `alt+Right`).
pub fn xdotool_name(modifiers: egui::Modifiers, k: egui::Key) -> String {
    let key = match k {
        egui::Key::Tab => "Tab".to_owned(),
        egui::Key::Space => "space".to_owned(),
        egui::Key::Enter => "Return".to_owned(),
        egui::Key::ArrowDown => "Down".to_owned(),
        egui::Key::ArrowUp => "Up".to_owned(),
        egui::Key::ArrowLeft => "Left".to_owned(),
        egui::Key::ArrowRight => "Right".to_owned(),
        egui::Key::Escape => "Escape".to_owned(),
        other => other.name().to_lowercase(),
    };
    let mut name = String::new();
    if modifiers.command || modifiers.ctrl {
        name.push_str("ctrl+");
    }
    if modifiers.alt {
        name.push_str("alt+");
    }
    if modifiers.shift {
        name.push_str("shift+");
    }
    name + &key
}

/// One key press with modifiers, then the frames it causes.
pub fn chord(h: &mut Harness<'_, GuiState>, m: egui::Modifiers, k: egui::Key) {
    count_keys(1);
    record(format!("key {}", xdotool_name(m, k)));
    h.key_press_modifiers(m, k);
    h.run();
}

/// One key press, then the frames it causes.
pub fn key(h: &mut Harness<'_, GuiState>, k: egui::Key) {
    chord(h, egui::Modifiers::NONE, k);
}

/// The name of the focused control, if any.
pub fn focused(h: &Harness<'_, GuiState>) -> Option<String> {
    h.query_all(egui_kittest::kittest::by())
        .find(egui_kittest::Node::is_focused)
        .and_then(|n| n.accesskit_node().label())
}

/// Presses Tab until a control whose name satisfies `want` has the focus.
pub fn tab_until(h: &mut Harness<'_, GuiState>, what: &str, want: impl Fn(&str) -> bool) {
    for _ in 0..400 {
        if let Some(l) = focused(h).filter(|l| want(l)) {
            record(format!("focus {l}"));
            return;
        }
        key(h, egui::Key::Tab);
    }
    panic!("Tab never reached {what}");
}

pub fn tab_to(h: &mut Harness<'_, GuiState>, label: &str) {
    tab_until(h, label, |l| l == label);
}

pub fn key_choose(h: &mut Harness<'_, GuiState>, label: &str) {
    tab_to(h, label);
    key(h, egui::Key::Space);
}

/// Chooses an option of a question with the keyboard ([`key_pick`]).
pub fn key_answer(h: &mut Harness<'_, GuiState>, fact: &str, value: &str) {
    key_answer_about(h, None, fact, value);
}

/// [`key_answer`] for the question about `about` (the first check when `None`).
pub fn key_answer_about(
    h: &mut Harness<'_, GuiState>,
    about: Option<About>,
    fact: &str,
    value: &str,
) {
    let (q, l) = wording_about(h, about, fact, value);
    key_pick(h, &format!("{q} "), &gui::option_name(&q, &l));
}

/// Chooses the option named `wanted` of the group whose names start with
/// `prefix`, with the keyboard, as a person would: Tab to the group, then the
/// arrow keys within it (where a group is one Tab stop, the arrows choose as
/// they move), or Tab on to the option (where each option is its own stop);
/// Space if it is not chosen yet.
pub fn key_pick(h: &mut Harness<'_, GuiState>, prefix: &str, wanted: &str) {
    tab_until(h, wanted, |l| l.starts_with(prefix));
    for _ in 0..40 {
        if focused(h).as_deref() == Some(wanted) {
            record(format!("focus {wanted}"));
            break;
        }
        let before = focused(h);
        key(h, egui::Key::ArrowDown);
        let after = focused(h);
        if after == before || !after.as_deref().is_some_and(|l| l.starts_with(prefix)) {
            // The arrows do not move within this group here: Tab on.
            tab_to(h, wanted);
        }
    }
    let chosen = h
        .query_all(egui_kittest::kittest::by())
        .find(egui_kittest::Node::is_focused)
        .and_then(|n| n.accesskit_node().toggled())
        .is_some_and(|t| t == egui::accesskit::Toggled::True);
    if !chosen {
        key(h, egui::Key::Space);
    }
}

/// Chooses `option` from the drop-down list named `combo` with the keyboard:
/// Tab to it, Space to open it, the arrows down to the option, Space to choose.
pub fn key_combo(h: &mut Harness<'_, GuiState>, combo: &str, option: &str) {
    tab_to(h, combo);
    key(h, egui::Key::Space);
    for _ in 0..40 {
        if focused(h).as_deref() == Some(option) {
            record(format!("focus {option}"));
            key(h, egui::Key::Space);
            return;
        }
        key(h, egui::Key::ArrowDown);
    }
    panic!("the arrows never reached {option} in {combo}");
}

pub fn key_type(h: &mut Harness<'_, GuiState>, label: &str, text: &str) {
    tab_to(h, label);
    count_keys(text.chars().count());
    TYPED.set(TYPED.get() + text.chars().count());
    record(format!("type {text}"));
    h.event(egui::Event::Text(text.to_owned()));
    h.run();
}

/// Alt+→ to the next step; the script then expects its heading focused.
pub fn next_step(h: &mut Harness<'_, GuiState>) {
    chord(h, egui::Modifiers::ALT, egui::Key::ArrowRight);
    record_step(h);
}

/// Records that a step or screen has been reached, by its focused heading
/// (the focus goes to a new screen's heading as it opens).
pub fn record_step(h: &Harness<'_, GuiState>) {
    let heading = focused(h).expect("a new screen focuses its heading");
    record(format!("step {heading}"));
}

/// A new case, started with Ctrl+N as an officer would.
pub fn new_case(h: &mut Harness<'_, GuiState>) {
    h.run();
    h.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    h.run();
}
