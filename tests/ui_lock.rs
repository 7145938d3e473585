//! A locked installation in the window (issue 19): the start screen shows the
//! force's profile as fixed text with no control to change it, the settings'
//! remembered profile is ignored, and the state refuses another profile
//! whatever sends it. A case made under another profile is compared (or, if
//! it recorded no outcome, offered as recorded), never opened under it; a
//! training session's case is never saved or given a note, and a new case or a
//! case opened mid-session ends the session.
#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests")]

mod ui_common;

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use ui_common::*;
use victim_first::core::lock;
use victim_first::gui::settings::Settings;
use victim_first::gui::state::{Mode, TrainingAction, View};
use victim_first::gui::{Action, Effect, GuiState, Screen};
use victim_first::store;

const LOCKED: &str = "example-adopting";

/// The built-in guidance, locked to the example adopting profile by a file as
/// `store` reads it from the installed folder; the settings remember another
/// profile and a pack that profile cannot be used with.
fn locked_state() -> GuiState {
    let mut loaded = store::load_builtin();
    loaded.lock = Some(
        lock::parse(
            "/opt/victim-first/guidance/lock.ron",
            b"(profile: \"example-adopting\")",
        )
        .expect("lock"),
    );
    let settings = Settings {
        profile: Some("example-national".to_owned()),
        pack: Some("npcc-2018".to_owned()),
        ..Settings::default()
    };
    let mut state = GuiState::from_loaded(loaded, settings);
    state.clock = Box::new(|| "2026-11-29T10:00:00Z".to_owned());
    state
}

#[test]
fn the_start_screen_shows_the_locked_profile_as_text_with_no_control() {
    let state = locked_state();
    assert_eq!(
        state.profile.as_deref(),
        Some(LOCKED),
        "not the remembered one"
    );
    assert_ne!(
        state.pack, "npcc-2018",
        "a pack the profile can be used with"
    );
    assert!(
        state.guidance.is_ok(),
        "{:?}",
        state.guidance.as_ref().err()
    );
    let name = state.library.display_name(LOCKED);
    let (mut h, _) = harness_with(state);
    h.run();
    let fixed = format!("Force profile: {name} — set by your force");
    let node = h.get_by_label(&fixed);
    assert_eq!(node.accesskit_node().role(), Role::Label);
    assert!(
        h.query_by_role_and_label(Role::ComboBox, "Force profile")
            .is_none(),
        "no profile chooser"
    );
    // The pack chooser offers only packs the locked profile can be used with.
    h.get_by_role_and_label(Role::ComboBox, "National pack")
        .click();
    h.run();
    let npcc18 = h.state().library.display_name("npcc-2018");
    assert!(!shows(&h, &npcc18), "{npcc18} is not offered");
    let ho21 = h.state().library.display_name("home-office-2021");
    assert!(shows(&h, &ho21), "{ho21} is offered");
    // Where the guidance comes from names the lock.
    assert!(shows_part(
        &h,
        "locked to force profile \"example-adopting\" by /opt/victim-first/guidance/lock.ron"
    ));
}

#[test]
fn another_profile_is_refused_by_the_state_and_a_new_case_uses_the_locked_one() {
    let (mut h, effects) = harness_with(locked_state());
    h.run();
    for other in [Some("example-national".to_owned()), None] {
        let effect = h.state_mut().update(Action::SelectProfile(other.clone()));
        assert!(effect.is_none(), "{other:?}: nothing saved");
        assert_eq!(h.state().profile.as_deref(), Some(LOCKED), "{other:?}");
        assert!(
            h.state()
                .message
                .as_deref()
                .is_some_and(|m| m.contains("another cannot be chosen")),
            "{:?}",
            h.state().message
        );
    }
    // A pack the profile cannot be used with is refused too; one it can, chosen.
    let before = h.state().pack.clone();
    assert!(
        h.state_mut()
            .update(Action::SelectPack("npcc-2018".to_owned()))
            .is_none()
    );
    assert_eq!(h.state().pack, before);
    let saved = h
        .state_mut()
        .update(Action::SelectPack("home-office-2021".to_owned()));
    let Some(Effect::SaveSettings(s)) = saved else {
        panic!("settings saved: {saved:?}");
    };
    assert_eq!(s.pack.as_deref(), Some("home-office-2021"));
    assert_eq!(
        s.profile.as_deref(),
        Some("example-national"),
        "the officer's own setting is left as it was"
    );
    assert!(h.state().guidance.is_ok());
    new_case(&mut h);
    let case = &open(&h).wizard.case;
    assert_eq!(case.profile.as_deref(), Some(LOCKED));
    assert_eq!(case.pack, "home-office-2021");
    drop(effects);
}

/// A case worked under the example national profile, as its file is saved.
fn case_under_national() -> String {
    let (mut h, _) = harness();
    h.state_mut()
        .update(Action::SelectProfile(Some("example-national".to_owned())));
    new_case(&mut h);
    answer(&mut h, "role", "victim");
    answer(&mut h, "offence", "domestic_abuse");
    answer(&mut h, "age", "adult");
    let case = &open(&h).wizard.case;
    assert_eq!(case.profile.as_deref(), Some("example-national"));
    assert!(case.decided_under.is_some());
    victim_first::core::wizard::case_text(case).expect("text")
}

/// A case file's text with something changed in the case.
fn rewritten(text: &str, change: impl FnOnce(&mut victim_first::core::raw::Case)) -> String {
    let (_, mut case) =
        victim_first::core::parse::case_file("case.ron", text.as_bytes()).expect("reads");
    change(&mut case);
    victim_first::core::wizard::case_text(&case).expect("text")
}

#[test]
fn a_case_under_another_profile_is_compared_and_decided_again_only_under_the_lock() {
    let text = case_under_national();
    let (mut h, _) = harness_with(locked_state());
    h.state_mut().update(Action::CaseRead(
        "national.ron".to_owned(),
        text.clone().into_bytes(),
    ));
    h.run();
    assert_eq!(h.state().screen, Screen::Compare);
    assert!(h.state().case.is_none(), "not opened under its own profile");
    assert_eq!(h.state().profile.as_deref(), Some(LOCKED));
    let c = h.state().comparison.as_ref().expect("compared");
    assert_eq!(c.profile.as_deref(), Some(LOCKED));
    h.state_mut()
        .update(Action::SetRedecideReason("force profile locked".to_owned()));
    h.state_mut().update(Action::DecideAgain);
    h.run();
    let case = &open(&h).wizard.case;
    assert_eq!(case.profile.as_deref(), Some(LOCKED));
    assert_eq!(h.state().profile.as_deref(), Some(LOCKED));
    // The same file without its recorded outcome: never assessed under its
    // own profile (that would be a verdict under it), only offered as recorded.
    let undecided = rewritten(&text, |c| c.decided_under = None);
    let (mut h, _) = harness_with(locked_state());
    h.state_mut().update(Action::CaseRead(
        "undecided.ron".to_owned(),
        undecided.into_bytes(),
    ));
    h.run();
    assert_ne!(h.state().screen, Screen::Compare);
    assert!(
        h.state().comparison.is_none(),
        "no outcome worked out for it"
    );
    assert!(h.state().case.is_none());
    let r = h.state().recorded.as_ref().expect("offered as recorded");
    assert!(
        r.why
            .contains("made under force profile \"example-national\""),
        "{}",
        r.why
    );
    assert_eq!(h.state().profile.as_deref(), Some(LOCKED));
}

/// Starts built-in scenario 1 (under the example national profile) in practice.
fn start_scenario_one(h: &mut egui_kittest::Harness<'static, GuiState>) {
    h.state_mut()
        .update(Action::Training(TrainingAction::Show(View::Choose)));
    h.state_mut()
        .update(Action::Training(TrainingAction::Choose(0)));
    h.state_mut()
        .update(Action::Training(TrainingAction::Start(Mode::Practice)));
    h.run();
    assert_eq!(h.state().screen, Screen::Wizard, "{:?}", h.state().message);
    assert!(h.state().session().is_some());
    assert_eq!(h.state().profile.as_deref(), Some("example-national"));
}

#[test]
fn a_training_session_under_another_profile_leaves_no_case_or_note_under_it() {
    let (mut h, effects) = harness_with(locked_state());
    h.run();
    start_scenario_one(&mut h);
    // The session's case is practice: it is neither saved nor given a note.
    effects.borrow_mut().clear();
    h.state_mut().update(Action::Save);
    h.state_mut().update(Action::SaveAs);
    h.run();
    assert!(
        !effects
            .borrow()
            .iter()
            .any(|e| matches!(e, Effect::PickSaveFile(_) | Effect::WriteCase(..))),
        "{:?}",
        effects.borrow()
    );
    assert!(
        h.state()
            .message
            .as_deref()
            .is_some_and(|m| m.contains("is not saved or given a decision note here")),
        "{:?}",
        h.state().message
    );
    let refused = h
        .state()
        .make_note()
        .expect_err("no note under another profile");
    assert!(refused.contains("locked to force profile"), "{refused}");
    // New case mid-session: the session ends, and the case is the force's.
    h.state_mut().update(Action::NewCase);
    h.run();
    assert!(h.state().session().is_none(), "the session ended");
    assert_eq!(open(&h).wizard.case.profile.as_deref(), Some(LOCKED));
    assert_eq!(h.state().profile.as_deref(), Some(LOCKED));
    assert!(h.state().make_note().is_ok());
}

#[test]
fn a_case_opened_mid_session_ends_the_session_and_its_guidance() {
    let (mut h, _) = harness_with(locked_state());
    h.run();
    start_scenario_one(&mut h);
    let text = rewritten(&case_under_national(), |c| {
        c.profile = Some(LOCKED.to_owned());
        c.decided_under = None;
    });
    h.state_mut()
        .update(Action::CaseRead("ours.ron".to_owned(), text.into_bytes()));
    h.run();
    assert!(h.state().session().is_none(), "the session ended");
    assert_eq!(open(&h).wizard.case.profile.as_deref(), Some(LOCKED));
    assert_eq!(h.state().profile.as_deref(), Some(LOCKED));
}

#[test]
fn a_case_whose_profile_is_not_here_is_offered_only_as_recorded() {
    let text = rewritten(&case_under_national(), |c| {
        c.decided_under = None;
        c.profile = Some("south-shire".to_owned());
    });
    let (mut h, _) = harness_with(locked_state());
    h.state_mut()
        .update(Action::CaseRead("south.ron".to_owned(), text.into_bytes()));
    h.run();
    assert!(h.state().case.is_none());
    assert_eq!(h.state().profile.as_deref(), Some(LOCKED));
    let r = h.state().recorded.as_ref().expect("offered as recorded");
    assert!(
        r.why.contains("made under force profile \"south-shire\""),
        "{}",
        r.why
    );
}
