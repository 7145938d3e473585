//! The decision note in the window: export, copy, and a note opened later,
//! driven headless by label as a screen reader or keyboard user would.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "a test may panic on a broken fixture"
)]

use std::cell::RefCell;
use std::path::Path;
use std::rc::Rc;

use clap::Parser as _;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use victim_first::cli::{Cli, Command};
use victim_first::core::note::{self, Format};
use victim_first::gui::{self, Action, ChooserMode, Effect, GuiState, Screen};
use victim_first::store;

type Effects = Rc<RefCell<Vec<Effect>>>;

const CASE: &str = "tests/data/cases/da-doubts-national.ron";

fn harness() -> (Harness<'static, GuiState>, Effects) {
    let (lib, problems) = store::load_library(Path::new("guidance"));
    let mut state = GuiState::new(lib, problems);
    state.clock = Box::new(|| "2026-11-29T10:00:00Z".to_owned());
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

fn press(h: &mut Harness<'_, GuiState>, label: &str) {
    h.get_by_label(label).click_accesskit();
    h.run();
}

fn shows_part(h: &Harness<'_, GuiState>, part: &str) -> bool {
    h.query_all_by_label_contains(part).next().is_some()
}

/// Opens the example case and goes to its review step.
fn at_review(h: &mut Harness<'_, GuiState>) {
    h.run();
    let bytes = std::fs::read(CASE).unwrap();
    h.state_mut()
        .update(Action::CaseRead(CASE.to_owned(), bytes));
    h.run();
    let last = h.state().steps().len() - 1;
    h.state_mut().update(Action::GoTo(last));
    h.run();
}

fn temp_dir(name: &str) -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("vf-ui-note-{name}-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn export_from_the_review_writes_a_note_whose_text_verifies() {
    let (mut h, effects) = harness();
    at_review(&mut h);
    assert!(shows_part(&h, "marked DRAFT"));
    // Choose plain text in the format list, then export.
    press(&mut h, "Note format");
    press(&mut h, "Plain text");
    assert_eq!(h.state().note_format, Format::Text);
    effects.borrow_mut().clear();
    press(&mut h, "Export note…");
    let name = match effects.borrow().as_slice() {
        [Effect::PickNoteFile(name)] => name.clone(),
        other => panic!("expected a save dialog, got {other:?}"),
    };
    assert!(
        name.starts_with("decision-note-") && name.ends_with("-draft.txt"),
        "{name}"
    );
    assert!(
        name.chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '.')
    );

    // No native dialog: the in-window chooser, as Save As does.
    let dir = temp_dir("export");
    effects.borrow_mut().clear();
    let list = h
        .state_mut()
        .open_chooser(ChooserMode::SaveNote, dir.clone(), name.clone());
    assert_eq!(list, Effect::ListFolder(dir.clone()));
    h.run();
    assert!(shows_part(&h, "Export the decision note"));
    press(&mut h, "Save here");
    let (path, bytes) = match effects.borrow().as_slice() {
        [Effect::WriteNote(p, b)] => (p.clone(), b.clone()),
        other => panic!("expected a note write, got {other:?}"),
    };
    assert_eq!(path, dir.join(&name));
    let v = note::verify(&bytes);
    assert!(v.intact, "{:?}", v.changes);
    assert_eq!(v.format, Format::Text);
    let text = String::from_utf8(bytes).unwrap();
    assert!(
        text.contains("DRAFT"),
        "a case not finished is a draft note"
    );

    // The shell's write goes through files.rs, atomically; then the officer is told.
    gui::files::write_atomically(&path, text.as_bytes()).unwrap();
    h.state_mut().update(Action::NoteWritten(path.clone()));
    h.run();
    let message = h.state().message.clone().unwrap_or_default();
    assert!(message.contains("Decision note written"), "{message}");
    assert!(message.contains(&v.check_code), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_chosen_path_without_a_note_extension_gets_the_chosen_format() {
    let (mut h, _) = harness();
    at_review(&mut h);
    let dir = temp_dir("ext");
    for (name, format) in [
        ("n.pdf", Format::Pdf),
        ("n.MD", Format::Markdown),
        ("n.json", Format::Json),
    ] {
        match h.state_mut().note_for_path(dir.join(name)) {
            Some(Effect::WriteNote(p, b)) => {
                assert_eq!(p, dir.join(name));
                let v = victim_first::note_cli::verify_bytes(&b);
                assert!(v.intact, "{name}: {:?}", v.changes);
                assert_eq!(v.format, format, "{name}");
            }
            other => panic!("{name}: {other:?}"),
        }
    }
    h.state_mut().note_format = Format::Markdown;
    match h.state_mut().note_for_path(dir.join("plain")) {
        Some(Effect::WriteNote(p, b)) => {
            assert_eq!(p, dir.join("plain.md"));
            assert!(note::verify(&b).intact);
        }
        other => panic!("{other:?}"),
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn copied_text(h: &Harness<'_, GuiState>) -> Option<String> {
    h.output()
        .platform_output
        .commands
        .iter()
        .find_map(|c| match c {
            egui::OutputCommand::CopyText(t) => Some(t.clone()),
            _ => None,
        })
}

#[test]
fn copy_puts_the_plain_text_note_on_the_clipboard_and_says_so() {
    let (mut h, effects) = harness();
    at_review(&mut h);
    // A finished case: its note is not a draft.
    h.state_mut().case.as_mut().unwrap().wizard.case.completed =
        Some("2026-11-29T10:30:00Z".to_owned());
    h.state_mut().update(Action::Show(Screen::Finished));
    h.run();
    assert!(shows_part(&h, "The record is complete"));
    h.get_by_label("Copy note as text").click_accesskit();
    h.step();
    let on_clipboard = copied_text(&h).expect("the copy reaches the platform clipboard");
    h.run();
    let expected = h.state().note_text().unwrap();
    assert_eq!(on_clipboard, expected);
    assert_eq!(h.state().copied.as_deref(), Some(expected.as_str()));
    assert!(note::verify(on_clipboard.as_bytes()).intact);
    assert!(!on_clipboard.contains("DRAFT"));
    let message = h.state().message.clone().unwrap_or_default();
    assert!(message.contains("on the clipboard"), "{message}");
    // The finished screen exports too, and the name has no draft mark.
    effects.borrow_mut().clear();
    press(&mut h, "Export note…");
    match effects.borrow().as_slice() {
        [Effect::PickNoteFile(name)] => {
            assert!(
                name.ends_with("2026-11-29.pdf") && !name.contains("draft"),
                "{name}"
            );
        }
        other => panic!("expected a save dialog, got {other:?}"),
    }
}

/// The example case's note as JSON.
fn json_note() -> Vec<u8> {
    let (mut h, _) = harness();
    at_review(&mut h);
    h.state().note_bytes(Format::Json).unwrap()
}

fn open_note(bytes: Vec<u8>, name: &str) -> Harness<'static, GuiState> {
    let (mut h, _) = harness();
    h.run();
    h.state_mut()
        .update(Action::NoteRead(name.to_owned(), bytes));
    h.run();
    h
}

#[test]
fn an_untouched_json_note_opens_read_only_and_says_intact() {
    let bytes = json_note();
    let h = open_note(bytes, "note.json");
    assert_eq!(h.state().screen, Screen::Note);
    assert!(shows_part(&h, "INTACT"));
    assert!(!shows_part(&h, "ALTERED"));
    // Whether the guidance it was made under is here: it is.
    assert!(shows_part(&h, "present here"), "guidance present");
    // The content the officer saw, as headings and lines.
    assert!(h.query_all_by_role(Role::Heading).count() > 3);
    assert!(shows_part(&h, "Information"));
    // Read-only: nothing to type into.
    assert_eq!(h.query_all_by_role(Role::TextInput).count(), 0);
}

#[test]
fn a_json_note_with_one_character_changed_says_altered_and_where() {
    let text = String::from_utf8(json_note()).unwrap();
    let at = text.find("\"officer_role\": \"").expect("field") + "\"officer_role\": \"".len();
    let mut altered = text.clone();
    let c = altered.as_bytes()[at];
    let swap = if c == b'X' { "Y" } else { "X" };
    altered.replace_range(at..=at, swap);
    assert_ne!(altered, text);
    let h = open_note(altered.into_bytes(), "note.json");
    assert!(shows_part(&h, "ALTERED"));
    assert!(!shows_part(&h, "INTACT"));
    let v = &h.state().note.as_ref().unwrap().verified;
    assert!(!v.intact);
    assert!(!v.changes.is_empty());
    assert!(shows_part(&h, &v.changes[0]), "says where: {:?}", v.changes);
}

#[test]
fn a_pdf_and_a_text_note_open_with_their_verification() {
    let (mut h, _) = harness();
    at_review(&mut h);
    let pdf = h.state().note_bytes(Format::Pdf).unwrap();
    let txt = h.state().note_bytes(Format::Text).unwrap();
    let shown = open_note(pdf, "note.pdf");
    assert!(shows_part(&shown, "INTACT"));
    assert!(shows_part(&shown, "embedded in the PDF"));
    assert!(shown.query_all_by_role(Role::Heading).count() > 3);
    let mut bad = txt.clone();
    let at = bad.iter().position(u8::is_ascii_lowercase).unwrap();
    bad[at] = b'#';
    let shown = open_note(txt, "note.txt");
    assert!(shows_part(&shown, "INTACT"));
    let shown = open_note(bad, "note.txt");
    assert!(shows_part(&shown, "ALTERED"));
    // Rubbish is refused with a reason, never a panic.
    let shown = open_note(b"%PDF-1.7 nothing here".to_vec(), "x.pdf");
    assert!(shows_part(&shown, "ALTERED"));
}

#[test]
fn the_start_screen_opens_a_note_through_the_shell() {
    let (mut h, effects) = harness();
    h.run();
    press(&mut h, "Open a decision note…");
    assert_eq!(effects.borrow().as_slice(), [Effect::PickNoteToOpen]);
    // The in-window chooser's fallback reads the chosen note.
    let dir = temp_dir("open");
    effects.borrow_mut().clear();
    h.state_mut()
        .open_chooser(ChooserMode::OpenNote, dir.clone(), "n.json".to_owned());
    h.run();
    press(&mut h, "Open");
    assert_eq!(
        effects.borrow().as_slice(),
        [Effect::ReadNote(dir.join("n.json"))]
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn gui_note_argument_parses() {
    let cli = Cli::try_parse_from(["victim-first", "gui", "--note", "note.pdf"]).unwrap();
    match cli.command {
        Some(Command::Gui { note, case, .. }) => {
            assert_eq!(note.as_deref(), Some(Path::new("note.pdf")));
            assert!(case.is_none());
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn the_shell_writes_the_note_atomically_and_reads_it_back_read_only() {
    let mut app = gui::App::new(
        victim_first::store::load_guidance(Path::new("guidance")),
        gui::settings::Settings::default(),
    );
    app.open_case(Path::new(CASE));
    let dir = temp_dir("shell");
    let path = dir.join("decision-note.pdf");
    let bytes = app.state.note_bytes(Format::Pdf).unwrap();
    app.effect(Effect::WriteNote(path.clone(), bytes));
    let message = app.state.message.clone().unwrap_or_default();
    assert!(message.contains("Decision note written"), "{message}");
    let written = std::fs::read(&path).unwrap();
    assert!(victim_first::note_cli::verify_bytes(&written).intact);
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(&dir).unwrap().count(), 1);

    app.effect(Effect::ReadNote(path.clone()));
    assert_eq!(app.state.screen, Screen::Note);
    let shown = app.state.note.as_ref().unwrap();
    assert!(shown.verified.intact);
    assert!(!shown.lines.is_empty());

    // A file that is not there is reported, never a panic.
    app.effect(Effect::ReadNote(dir.join("missing.json")));
    let message = app.state.message.clone().unwrap_or_default();
    assert!(message.contains("missing.json"), "{message}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_markdown_note_shows_its_headings_as_headings() {
    let (mut h, _) = harness();
    at_review(&mut h);
    let md = h.state().note_bytes(Format::Markdown).unwrap();
    let shown = open_note(md, "note.md");
    assert!(shows_part(&shown, "INTACT"));
    let headings: Vec<String> = shown
        .query_all_by_role(Role::Heading)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert!(
        headings.iter().any(|t| t == "1. INFORMATION"),
        "{headings:?}"
    );
    assert!(headings.iter().all(|t| !t.starts_with('#')), "{headings:?}");
}
