//! A case's history in the window: the audit trail written as the officer
//! works, autosave drafts and their recovery, and a case decided under other
//! guidance shown side by side (issue 17).
#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests")]

mod ui_common;

use ui_common::*;
use victim_first::core::trail;
use victim_first::core::wizard::case_text;
use victim_first::gui::{Action, Effect, Screen};

/// A witness report under the 2018 pack, worked in the window and saved.
fn decided_under_2018() -> String {
    let (mut h, _) = harness();
    h.state_mut()
        .update(Action::SelectPack("npcc-2018".to_owned()));
    new_case(&mut h);
    answer(&mut h, "role", "witness");
    answer(&mut h, "offence", "domestic_abuse");
    answer(&mut h, "age", "adult");
    let case = &open(&h).wizard.case;
    assert_eq!(case.pack, "npcc-2018");
    let pin = case
        .decided_under
        .as_ref()
        .expect("the case records its guidance");
    assert_eq!(pin.pack, "npcc-2018");
    case_text(case).expect("text")
}

#[test]
fn the_window_writes_a_chained_trail_as_the_officer_works() {
    let (mut h, _) = harness();
    new_case(&mut h);
    da_basics(&mut h);
    let case = &open(&h).wizard.case;
    let given: Vec<&str> = case
        .trail
        .iter()
        .filter(|e| e.event == "answer given" && e.about == "case")
        .map(|e| e.item.as_str())
        .collect();
    for fact in ["role", "offence", "age", "risk_level"] {
        assert!(given.contains(&fact), "{fact} not in the trail: {given:?}");
    }
    assert!(trail::check(&case.trail).is_ok());
    assert!(
        case.trail.iter().all(|e| e.at == "2026-11-29T10:00:00Z"),
        "each entry has the shell's time"
    );
}

#[test]
fn a_case_decided_under_2018_and_reopened_under_2020_shows_the_witness_difference() {
    let text = decided_under_2018();
    let (mut h, _) = harness();
    // Reopened in 2020, when the 2020 pack is in force.
    h.state_mut().clock = Box::new(|| "2020-06-01T10:00:00Z".to_owned());
    h.run();
    h.state_mut().update(Action::CaseRead(
        "witness.ron".to_owned(),
        text.into_bytes(),
    ));
    h.run();
    assert_eq!(h.state().screen, Screen::Compare);
    assert!(
        h.state().case.is_none(),
        "nothing is decided until the officer chooses"
    );
    assert!(shows_part(&h, "Decided under: npcc-2018"));
    assert!(shows_part(&h, "In force now: npcc-2020"));
    assert!(
        shows_part(&h, "silent on witnesses"),
        "the 2018 warning about witnesses is shown as gone under 2020"
    );
    // Deciding again needs a reason, which the trail records.
    press(&mut h, "Decide again under the guidance now");
    assert!(h.state().case.is_none(), "the button waits for a reason");
    type_into(&mut h, "Why decide it again", "Pack revised; review");
    press(&mut h, "Decide again under the guidance now");
    let case = &open(&h).wizard.case;
    assert_eq!(case.pack, "npcc-2020");
    let last = case.trail.last().expect("an entry");
    assert_eq!(last.event, "re-decided");
    assert_eq!(last.item, "Pack revised; review");
    assert!(last.from.starts_with("npcc-2018"), "{last:?}");
    assert!(trail::check(&case.trail).is_ok());
}

#[test]
fn keeping_the_record_as_decided_shows_it_read_only() {
    let text = decided_under_2018();
    let (mut h, _) = harness();
    // Reopened in 2020, when the 2020 pack is in force.
    h.state_mut().clock = Box::new(|| "2020-06-01T10:00:00Z".to_owned());
    h.state_mut().update(Action::CaseRead(
        "witness.ron".to_owned(),
        text.clone().into_bytes(),
    ));
    h.run();
    press(&mut h, "Keep the record as decided (read-only)");
    assert_eq!(h.state().screen, Screen::Recorded);
    assert!(h.state().case.is_none());
    assert_eq!(
        h.state().recorded.as_ref().map(|r| r.text.clone()),
        Some(text)
    );
}

#[test]
fn the_same_guidance_opens_the_case_without_a_comparison() {
    let text = decided_under_2018();
    let (mut h, _) = harness();
    // Reopened in 2019, when the 2018 pack it was decided under is in force.
    h.state_mut().clock = Box::new(|| "2019-06-01T10:00:00Z".to_owned());
    h.state_mut().update(Action::CaseRead(
        "witness.ron".to_owned(),
        text.into_bytes(),
    ));
    h.run();
    assert_eq!(h.state().screen, Screen::Wizard);
}

#[test]
fn an_altered_trail_is_named_when_the_case_is_opened() {
    let text = decided_under_2018();
    let altered = text.replacen("answer given", "answer changed", 1);
    assert_ne!(altered, text);
    let (mut h, _) = harness();
    h.state_mut()
        .update(Action::SelectPack("npcc-2018".to_owned()));
    h.state_mut().update(Action::CaseRead(
        "witness.ron".to_owned(),
        altered.into_bytes(),
    ));
    h.run();
    assert!(shows_part(&h, "audit trail has been altered"));
    // Entry 1 records the start of the case; entry 2 is the first answer.
    assert!(shows_part(&h, "trail entry 2"));
}

#[test]
fn every_change_hands_a_draft_to_the_autosaver_and_an_idle_frame_none() {
    let (mut h, _) = harness();
    new_case(&mut h);
    let first = h.state_mut().take_autosave();
    assert!(first.is_none(), "an untouched new case has nothing to save");
    answer(&mut h, "role", "victim");
    let (id, case) = h
        .state_mut()
        .take_autosave()
        .expect("a draft after a change");
    assert!(id.starts_with("case-"));
    // The text the autosaver's thread writes.
    let text = case_text(&case).expect("text");
    let (_, parsed) =
        victim_first::core::parse::case_file("draft", text.as_bytes()).expect("reads");
    assert!(parsed.step.is_some(), "the draft says the step reached");
    let mut expected = open(&h).wizard.case.clone();
    expected.step.clone_from(&parsed.step);
    assert_eq!(parsed, expected, "the draft is exactly the case");
    h.run();
    assert!(
        h.state_mut().take_autosave().is_none(),
        "idle frames write nothing"
    );
}

#[test]
fn a_draft_is_offered_on_start_and_resumes_where_it_was() {
    let (mut h, _) = harness();
    new_case(&mut h);
    da_basics(&mut h);
    let (id, case) = h.state_mut().take_autosave().expect("draft");
    let text = case_text(&case).expect("text");
    // A new window finds it.
    let (mut h, effects) = harness();
    let shown = h.state().draft_shown(id.clone(), text.clone());
    assert_eq!(shown.reference, "no crime reference yet");
    assert_eq!(shown.last_change, "2026-11-29T10:00:00Z");
    assert!(shown.step.starts_with("step "), "{}", shown.step);
    h.state_mut().update(Action::DraftsFound(vec![shown]));
    h.run();
    assert!(shows(&h, "Unfinished cases, autosaved"));
    press(&mut h, "Resume no crime reference yet");
    assert_eq!(
        effects.borrow_mut().drain(..).collect::<Vec<_>>(),
        vec![Effect::ResumeDraft(id.clone())]
    );
    h.state_mut()
        .update(Action::DraftRead(id.clone(), text.into_bytes()));
    h.run();
    let o = open(&h);
    assert_eq!(o.draft, id, "the recovered case keeps its draft");
    assert!(o.dirty, "recovered work is not yet in a file");
    assert!(o.path.is_none());
    assert!(o.wizard.step > 0, "resumed at the step reached");
}

#[test]
fn discarding_a_draft_asks_first() {
    let (mut h, effects) = harness();
    let shown = h
        .state()
        .draft_shown("case-1".to_owned(), "Case(pack: \"npcc-2020\")".to_owned());
    h.state_mut().update(Action::DraftsFound(vec![shown]));
    h.run();
    press(&mut h, "Discard no crime reference yet…");
    assert!(
        effects.borrow().is_empty(),
        "nothing removed on the first press"
    );
    press(&mut h, "No, keep it");
    assert!(shows(&h, "Unfinished cases, autosaved"));
    press(&mut h, "Discard no crime reference yet…");
    press(&mut h, "Yes, discard it");
    assert_eq!(
        effects.borrow_mut().drain(..).collect::<Vec<_>>(),
        vec![Effect::RemoveDraft("case-1".to_owned())]
    );
    assert!(!shows(&h, "Unfinished cases, autosaved"));
}

#[test]
fn the_same_file_always_has_the_same_draft_and_lock() {
    use std::path::Path;
    use victim_first::gui::GuiState;
    let a = GuiState::draft_id_for_path(Path::new("/cases/one.ron"));
    assert_eq!(a, GuiState::draft_id_for_path(Path::new("/cases/one.ron")));
    assert_ne!(a, GuiState::draft_id_for_path(Path::new("/cases/two.ron")));
}

#[test]
fn a_saved_case_is_listed_among_recent_cases_and_can_be_removed() {
    let (mut h, effects) = harness();
    new_case(&mut h);
    h.state_mut()
        .update(Action::Saved(std::path::PathBuf::from("/cases/one.ron")));
    assert!(
        h.state().settings_changed,
        "the shell is asked to save the list"
    );
    h.state_mut().update(Action::CloseCase);
    h.run();
    assert!(shows(&h, "Recent cases"));
    assert!(shows_part(&h, "/cases/one.ron (last 2026-11-29T10:00:00Z)"));
    effects.borrow_mut().clear();
    press(&mut h, "Open one.ron");
    assert_eq!(
        effects.borrow_mut().drain(..).collect::<Vec<_>>(),
        vec![Effect::ReadCase(std::path::PathBuf::from("/cases/one.ron"))]
    );
    press(&mut h, "Remove one.ron from the list");
    assert!(h.state().settings.recent.is_empty());
    assert!(!shows(&h, "Recent cases"));
}

#[test]
fn a_new_case_is_decided_under_the_pack_in_force_on_its_date_and_says_so() {
    let (mut h, _) = harness();
    h.state_mut()
        .update(Action::SelectPack("npcc-2018".to_owned()));
    h.run();
    assert!(shows_part(
        &h,
        "The national pack in force today (2026-11-29) is"
    ));
    press(&mut h, "Use the pack in force today");
    assert_eq!(h.state().pack, "home-office-2023");
    assert!(shows_part(
        &h,
        "A new case is decided under this pack: the national pack in force today (2026-11-29)."
    ));
    new_case(&mut h);
    let first = &open(&h).wizard.case.trail[0];
    assert_eq!(first.event, "case started");
    assert!(first.to.starts_with("home-office-2023"), "{first:?}");
    assert!(
        first
            .to
            .contains("in force on 2026-11-29, the report's date"),
        "{first:?}"
    );
}

#[test]
fn bad_case_files_are_explained_and_the_open_case_is_kept() {
    let (mut h, _) = harness();
    new_case(&mut h);
    answer(&mut h, "role", "victim");
    let before = open(&h).wizard.case.clone();
    let cases: [(&str, Vec<u8>, &str); 4] = [
        (
            "newer.ron",
            b"Case(format: 9, pack: \"npcc-2020\", hologram: true)".to_vec(),
            "written by a newer version of Victim First (case format 9",
        ),
        (
            "note.ron",
            b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj".to_vec(),
            "note.ron",
        ),
        (
            "guidance.ron",
            std::fs::read("guidance/national/npcc-2020.ron").unwrap(),
            "guidance.ron:",
        ),
        (
            "edited.ron",
            b"Case(pack: \"npcc-2020\", facts: {\"role\": \"victim\", \"role\": \"witness\"})"
                .to_vec(),
            "edited.ron:1:",
        ),
    ];
    for (name, bytes, says) in cases {
        h.state_mut()
            .update(Action::CaseRead(name.to_owned(), bytes));
        h.run();
        let message = h.state().message.clone().unwrap_or_default();
        assert!(message.contains(says), "{name}: {message}");
        assert!(
            message.to_lowercase().contains("the case open now is kept"),
            "{name}: {message}"
        );
        assert_eq!(open(&h).wizard.case, before, "{name} touched the open case");
    }
}

#[test]
fn the_notes_change_log_is_drawn_from_the_trail() {
    let (mut h, _) = harness();
    new_case(&mut h);
    da_basics(&mut h);
    go_to(&mut h, "checks");
    go_to(&mut h, "victim_first");
    answer(&mut h, "risk_level", "high");
    go_to(&mut h, "checks");
    let note = h.state().make_note().expect("a note");
    let trail_changes = open(&h)
        .wizard
        .case
        .trail
        .iter()
        .filter(|e| e.event == "answer changed")
        .count();
    assert!(trail_changes >= 1, "{:?}", open(&h).wizard.case.trail);
    let risk = note
        .changes
        .iter()
        .find(|c| c.from.to_lowercase().contains("standard"))
        .unwrap_or_else(|| panic!("no risk change in {:?}", note.changes));
    assert!(risk.to.to_lowercase().contains("high"), "{risk:?}");
    assert_eq!(
        note.changes.len(),
        trail_changes,
        "one line in the log for each change in the trail: {:?}",
        note.changes
    );
}

#[test]
fn an_over_large_file_is_refused_by_the_shell_and_the_open_case_kept() {
    use victim_first::gui::{App, settings::Settings};
    let mut app = App::with_drafts(
        victim_first::store::load_builtin(),
        Settings::default(),
        None,
    );
    app.state.clock = Box::new(|| "2026-11-29T10:00:00Z".to_owned());
    app.state.update(Action::NewCase);
    let before = app.state.case.as_ref().map(|o| o.wizard.case.clone());
    let dir = std::env::temp_dir().join(format!("vf-large-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let big = dir.join("big.ron");
    std::fs::write(&big, vec![b' '; 5 * 1024 * 1024]).unwrap();
    app.open_case(&big);
    let message = app.state.message.clone().unwrap_or_default();
    assert!(message.contains("big.ron"), "{message}");
    assert!(
        message.contains("larger than"),
        "says it is too large: {message}"
    );
    assert_eq!(
        app.state.case.as_ref().map(|o| o.wizard.case.clone()),
        before
    );
    let _ = std::fs::remove_dir_all(&dir);
}
