//! The wizard as officers meet it (issue 16): each step read from the top, the
//! truth about each step's progress, and what a screen reader is told. Driven
//! headless through the accessibility tree, by label.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "a test may panic on a broken fixture"
)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use victim_first::core::wizard::StepKind;
use victim_first::gui::GuiState;

mod ui_common;
use ui_common::*;

/// The heading of step `i` as the window shows it.
fn step_heading(h: &Harness<'_, GuiState>, i: usize) -> String {
    match &h.state().steps()[i] {
        StepKind::Questions(s) => s.heading.clone(),
        StepKind::Actions => "Actions and next steps".to_owned(),
        StepKind::Review => "Review and finish".to_owned(),
    }
}

/// The heading node with this text (the task list's buttons share the words).
fn heading_node<'a>(h: &'a Harness<'_, GuiState>, text: &'a str) -> egui_kittest::Node<'a> {
    h.query_all_by_label(text)
        .find(|n| n.accesskit_node().role() == Role::Heading)
        .unwrap_or_else(|| panic!("no heading {text:?}"))
}

#[test]
fn each_step_opens_at_its_top_with_its_heading_focused() {
    let (mut h, _) = harness();
    new_case(&mut h);
    let first = step_heading(&h, 0);
    assert!(
        heading_node(&h, &first).is_focused(),
        "a new case opens on its first heading"
    );
    let steps = h.state().steps().len();
    for i in 0..steps - 1 {
        // Scrolled down to the Next button at the foot of the step, then on.
        h.get_by_label("Next (Alt+→)").scroll_to_me();
        h.run();
        press(&mut h, "Next (Alt+→)");
        let title = step_heading(&h, i + 1);
        let heading = heading_node(&h, &title);
        if title == "Review and finish" {
            // A new case has things to record: the error summary takes the focus.
            let summary = h
                .query_all(egui_kittest::kittest::by().role(Role::Alert))
                .next()
                .expect("the error summary");
            assert!(
                summary.is_focused(),
                "the review step focuses its error summary"
            );
        } else {
            assert!(
                heading.is_focused(),
                "step {}: {title} has the focus",
                i + 2
            );
        }
        let top = heading.rect().top();
        assert!(
            (0.0..200.0).contains(&top),
            "step {}: {title} is at the top of the window, not scrolled away (y = {top})",
            i + 2
        );
    }
    // Going back does the same.
    h.key_press_modifiers(egui::Modifiers::ALT, egui::Key::ArrowLeft);
    h.run();
    let title = step_heading(&h, steps - 2);
    assert!(heading_node(&h, &title).is_focused());
}

/// Every name and value in the accessibility tree: what a screen reader can read.
fn texts(h: &Harness<'_, GuiState>) -> Vec<String> {
    h.query_all(egui_kittest::kittest::by())
        .flat_map(|n| {
            let node = n.accesskit_node();
            [node.label(), node.value()]
        })
        .flatten()
        .collect()
}

/// The task list's entry for step `i`, as a screen reader reads it.
fn task(h: &Harness<'_, GuiState>, i: usize) -> String {
    let prefix = format!("{}. ", i + 1);
    h.query_all(egui_kittest::kittest::by().role(Role::Button))
        .filter_map(|n| n.accesskit_node().label())
        .find(|l| l.starts_with(&prefix))
        .unwrap_or_else(|| panic!("no task list entry for step {}", i + 1))
}

fn step_index(h: &Harness<'_, GuiState>, id: &str) -> usize {
    h.state()
        .steps()
        .iter()
        .position(|s| s.id() == id)
        .expect("step")
}

#[test]
fn a_new_case_claims_no_step_completed_and_says_why_a_step_has_nothing_to_do() {
    let (mut h, _) = harness();
    new_case(&mut h);
    let n = h.state().steps().len();
    let all: Vec<String> = (0..n).map(|i| task(&h, i)).collect();
    for t in &all {
        assert!(
            !t.ends_with("completed"),
            "nothing is completed in a new case: {all:#?}"
        );
    }
    assert!(all[0].contains(": current step, not started"), "{all:#?}");
    let checks = step_index(&h, "checks");
    let contact = step_index(&h, "ie_contact");
    assert!(
        all[checks].ends_with("nothing to do: no checks proposed"),
        "{all:#?}"
    );
    assert!(
        all[contact].ends_with("nothing to do: no contact with Immigration Enforcement proposed"),
        "{all:#?}"
    );
    // Some actions are required of every case from the start (the victim's
    // rights): the checklist can be begun at once, so it is "not started".
    let actions = step_index(&h, "actions");
    assert!(all[actions].ends_with(": not started"), "{all:#?}");
    assert!(all[n - 1].ends_with("not started"), "{all:#?}");

    // A check proposed: its step now has questions to answer.
    go_to(&mut h, "checks");
    press(&mut h, "Add a check");
    assert!(
        task(&h, checks).ends_with("current step, not started"),
        "{}",
        task(&h, checks)
    );

    // The first step answered in part, then in full.
    go_to(&mut h, "report");
    answer(&mut h, "role", "victim");
    assert!(task(&h, 0).ends_with("in progress"), "{}", task(&h, 0));
}

#[test]
fn a_step_whose_answers_a_change_set_aside_needs_attention() {
    let (mut h, _) = harness();
    new_case(&mut h);
    answer(&mut h, "role", "victim");
    answer(&mut h, "offence", "domestic_abuse");
    answer(&mut h, "age", "adult");
    go_to(&mut h, "victim_first");
    answer(&mut h, "risk_level", "high");
    let vf = step_index(&h, "victim_first");
    assert!(
        !task(&h, vf).contains("needs attention"),
        "{}",
        task(&h, vf)
    );
    // Not domestic abuse after all: the risk answer no longer applies.
    go_to(&mut h, "report");
    answer(&mut h, "offence", "robbery");
    assert!(
        task(&h, vf).ends_with("needs attention: answers set aside after a change"),
        "{}",
        task(&h, vf)
    );
    // Once the officer has looked at the step, it says where it stands again.
    go_to(&mut h, "victim_first");
    go_to(&mut h, "report");
    assert!(
        !task(&h, vf).contains("needs attention"),
        "{}",
        task(&h, vf)
    );
}

#[test]
fn once_the_contact_is_declined_telling_the_person_what_would_be_shared_is_not_needed() {
    let (mut h, _) = harness();
    new_case(&mut h);
    answer(&mut h, "role", "victim");
    answer(&mut h, "offence", "robbery");
    answer(&mut h, "age", "adult");
    go_to(&mut h, "ie_contact");
    press(&mut h, "Propose contact with Immigration Enforcement");
    let label = {
        let g = h.state().guidance.as_ref().expect("guidance");
        g.action("tell_person_about_contact")
            .expect("the action")
            .label
            .clone()
    };
    let required = |h: &Harness<'_, GuiState>| {
        let open = h.state().case.as_ref().expect("open");
        (
            open.assessment
                .required
                .iter()
                .any(|r| r.action == "tell_person_about_contact"),
            open.assessment
                .not_needed
                .iter()
                .any(|n| n.action.action == "tell_person_about_contact"),
        )
    };
    assert_eq!(
        required(&h),
        (true, false),
        "while the contact may go ahead"
    );
    press(&mut h, "the contact: Do not do it");
    assert_eq!(
        required(&h),
        (false, true),
        "once the officer records not making it"
    );
    go_to(&mut h, "actions");
    assert!(h.query_by_label(&format!("Done: {label}")).is_none());
    let says = format!("{label}: not needed, because you recorded not making the contact");
    assert!(texts(&h).iter().any(|t| t.contains(&says)), "{says}");
    // The step's blockers no longer ask for it either.
    let open = h.state().case.as_ref().expect("open");
    assert!(
        !open.blockers.iter().any(|b| b.item.contains(&label)),
        "{:?}",
        open.blockers
    );
}

#[test]
fn an_outweighed_reason_says_what_outweighs_it() {
    let (mut h, _) = harness();
    new_case(&mut h);
    open_case(&mut h, "docs/screenshots/example-case.ron");
    let mut outweighed: Vec<String> = Vec::new();
    for step in ["checks", "ie_contact"] {
        go_to(&mut h, step);
        outweighed.extend(
            texts(&h)
                .into_iter()
                .filter(|t| t.contains("(On its own this reason gives ")),
        );
    }
    assert!(
        !outweighed.is_empty(),
        "the example case has an outweighed reason"
    );
    for l in &outweighed {
        assert!(l.contains("; a stricter reason above gives "), "{l}");
        assert!(!l.contains("(outweighed)"), "{l}");
    }
}

#[test]
fn each_verdict_is_one_item_a_screen_reader_reads_whole() {
    let (mut h, _) = harness();
    new_case(&mut h);
    open_case(&mut h, "docs/screenshots/example-case.ron");
    go_to(&mut h, "checks");
    let spoken: Vec<String> = texts(&h)
        .into_iter()
        .filter(|t| t.starts_with("Check "))
        .filter(|t| t.contains(": REFUSED, because ") || t.contains(": PERMITTED, because "))
        .collect();
    assert_eq!(spoken.len(), 2, "{spoken:#?}");
    assert!(
        spoken[1].starts_with("Check 2, ")
            && spoken[1].contains(": REFUSED, because ")
            && spoken[1].contains("A check whose only purpose"),
        "{spoken:#?}"
    );
    // Focusable: a keyboard user lands on it and hears it whole.
    let with_text = |h: &Harness<'_, GuiState>, focused: bool| {
        h.query_all(egui_kittest::kittest::by())
            .filter(|n| {
                let node = n.accesskit_node();
                node.label().as_ref() == Some(&spoken[1])
                    || node.value().as_ref() == Some(&spoken[1])
            })
            .any(|n| {
                if !focused {
                    n.focus();
                }
                !focused || n.is_focused()
            })
    };
    assert!(with_text(&h, false), "the verdict item");
    h.run();
    assert!(with_text(&h, true), "the verdict item takes the focus");
}

/// The live region's text, if there is one.
fn live(h: &Harness<'_, GuiState>) -> Vec<String> {
    h.query_all(egui_kittest::kittest::by())
        .filter(|n| n.accesskit_node().live() != egui::accesskit::Live::Off)
        .filter_map(|n| n.accesskit_node().label())
        .collect()
}

#[test]
fn a_change_of_verdict_is_announced_politely_once() {
    let (mut h, _) = harness();
    new_case(&mut h);
    answer(&mut h, "role", "victim");
    answer(&mut h, "offence", "robbery");
    answer(&mut h, "age", "adult");
    go_to(&mut h, "checks");
    press(&mut h, "Add a check");
    let before = live(&h);
    // An answer that changes no verdict announces nothing new.
    go_to(&mut h, "report");
    answer(&mut h, "reporting", "in_person");
    assert_eq!(live(&h), before);
    // Choosing the check's purpose changes its verdict: announced once.
    go_to(&mut h, "checks");
    answer(&mut h, "check_purposes", "immigration_status");
    let after = live(&h);
    assert_eq!(after.len(), 1, "one live region: {after:?}");
    assert!(
        after[0].starts_with("Check 1 is now REFUSED (was "),
        "{after:?}"
    );
    // The same words over the following frames: a screen reader hears it once.
    for _ in 0..5 {
        h.step();
        assert_eq!(live(&h), after);
    }
    // Politely: it does not interrupt.
    let node = h
        .query_all(egui_kittest::kittest::by())
        .find(|n| n.accesskit_node().live() != egui::accesskit::Live::Off)
        .expect("live region");
    assert_eq!(node.accesskit_node().live(), egui::accesskit::Live::Polite);
}

#[test]
fn choosers_say_their_value_and_sections_whether_they_are_open() {
    let (mut h, _) = harness();
    h.run();
    let pack = h.get_by_label("National pack");
    assert_eq!(pack.accesskit_node().role(), Role::ComboBox);
    let name = h.state().library.display_name(&h.state().pack);
    assert_eq!(
        pack.accesskit_node().value().as_deref(),
        Some(name.as_str())
    );
    let profile = h.get_by_label("Force profile");
    assert!(
        profile
            .accesskit_node()
            .value()
            .is_some_and(|v| !v.is_empty())
    );
    new_case(&mut h);
    open_case(&mut h, "docs/screenshots/example-case.ron");
    go_to(&mut h, "review");
    let format = h.get_by_label("Note format");
    assert_eq!(format.accesskit_node().role(), Role::ComboBox);
    assert_eq!(format.accesskit_node().value().as_deref(), Some("PDF"));
    go_to(&mut h, "checks");
    let section = h
        .query_all_by_label("The answers this verdict rests on")
        .next()
        .expect("a collapsing section");
    assert_eq!(section.accesskit_node().data().is_expanded(), Some(false));
}

#[test]
fn a_case_naming_a_pack_that_is_not_here_is_refused_and_the_open_case_kept() {
    let (mut h, _) = harness();
    new_case(&mut h);
    open_case(&mut h, "docs/screenshots/example-case.ron");
    answer(&mut h, "reporting", "in_person");
    let before = h.state().case.as_ref().expect("open").wizard.case.clone();
    let text = std::fs::read_to_string("docs/screenshots/example-case.ron")
        .expect("case")
        .replace("pack: \"home-office-2023\"", "pack: \"home-office-2031\"");
    h.state_mut().update(victim_first::gui::Action::CaseRead(
        "from-the-future.ron".to_owned(),
        text.into_bytes(),
    ));
    h.run();
    let s = h.state();
    let open = s.case.as_ref().expect("the open case is kept");
    assert_eq!(open.wizard.case, before, "nothing in the open case changed");
    assert_eq!(
        open.path.as_deref(),
        Some(std::path::Path::new("docs/screenshots/example-case.ron"))
    );
    let m = s.message.clone().expect("a message");
    assert!(m.contains("national pack \"home-office-2031\""), "{m}");
    assert!(
        m.contains("home-office-2023"),
        "it says which packs there are: {m}"
    );
    assert!(m.contains("No verdicts are shown"), "{m}");
    assert!(m.contains("The case open now is kept."), "{m}");
    // Offered read-only, as recorded: its text, no verdicts.
    press(&mut h, "Open it read-only, as recorded");
    assert_eq!(h.state().screen, victim_first::gui::Screen::Recorded);
    let all = texts(&h);
    assert!(
        all.iter().any(|t| t.contains("pack: \"home-office-2031\"")),
        "the file as recorded"
    );
    assert!(
        !all.iter()
            .any(|t| t.contains("REFUSED") || t.contains("PERMITTED")),
        "no verdicts"
    );
    press(&mut h, "Close");
    assert_eq!(h.state().screen, victim_first::gui::Screen::Wizard);
}

#[test]
fn a_damaged_case_file_is_explained_in_plain_words_and_loses_nothing() {
    let (mut h, _) = harness();
    new_case(&mut h);
    open_case(&mut h, "docs/screenshots/example-case.ron");
    let before = h.state().case.as_ref().expect("open").wizard.case.clone();
    let full = std::fs::read("docs/screenshots/example-case.ron").expect("case");
    // Cut short in the middle of a word, as a crash or a full disk leaves it.
    let at = full
        .windows(8)
        .position(|w| w == b"decision")
        .expect("a decision")
        + 6;
    h.state_mut().update(victim_first::gui::Action::CaseRead(
        "cut-short.ron".to_owned(),
        full[..at].to_vec(),
    ));
    h.run();
    let s = h.state();
    assert_eq!(s.case.as_ref().expect("kept").wizard.case, before);
    let m = s.message.clone().expect("a message");
    assert!(
        m.starts_with("This case file could not be opened: it is damaged or incomplete near line "),
        "{m}"
    );
    assert!(m.contains("open the last copy you saved"), "{m}");
    assert!(m.contains("the case open now is kept"), "{m}");
    assert!(
        shows_part(&h, "damaged or incomplete"),
        "the message is on screen"
    );
}

#[test]
fn the_error_summary_is_focused_and_each_link_focuses_the_field_with_its_message_beside_it() {
    let (mut h, _) = harness();
    new_case(&mut h);
    open_case(&mut h, "docs/screenshots/example-case.ron");
    // No errors beside fields before the officer has seen the summary.
    go_to(&mut h, "actions");
    assert!(!texts(&h).iter().any(|t| t.starts_with("Error: ")));
    go_to(&mut h, "review");
    let summary = h
        .query_all(egui_kittest::kittest::by().role(Role::Alert))
        .next()
        .expect("an error summary");
    assert!(summary.is_focused(), "the summary has the focus on arrival");
    let n = h.state().case.as_ref().expect("open").blockers.len();
    assert!(
        summary
            .accesskit_node()
            .label()
            .is_some_and(|l| l.contains(&format!("{n} things to record"))),
        "{:?}",
        summary.accesskit_node().label()
    );

    // A field on this step.
    press(&mut h, "Go to Review and finish for Supervisor's review");
    assert!(
        h.get_by_label("Supervisor's name or collar number")
            .is_focused()
    );
    assert!(
        texts(&h).contains(
            &"Error: A supervisor must review this decision: record their name or collar number."
                .to_owned()
        )
    );

    // A required action on another step: that step, its checkbox focused, the message beside it.
    let (label, item) = {
        let open = h.state().case.as_ref().expect("open");
        let b = open
            .blockers
            .iter()
            .find(|b| b.step == "actions")
            .expect("an action to record");
        (format!("Done: {}", b.item), b.item.clone())
    };
    press(&mut h, &format!("Go to Actions and next steps for {item}"));
    assert_eq!(
        h.state().steps()[h.state().case.as_ref().unwrap().wizard.step].id(),
        "actions"
    );
    assert!(h.get_by_label(&label).is_focused(), "{label}");
    assert!(texts(&h).contains(&"Error: Tick it as done, or record why not.".to_owned()));

    // A decision on a check: the first choice of its group.
    go_to(&mut h, "review");
    press(&mut h, "Go to Database checks for Check 2");
    let focused: Vec<String> = h
        .query_all(egui_kittest::kittest::by())
        .filter(egui_kittest::Node::is_focused)
        .filter_map(|n| n.accesskit_node().label())
        .collect();
    assert_eq!(
        focused,
        ["check 2: Do not do it"],
        "the decision on check 2 has the focus"
    );
    assert!(texts(&h).contains(&"Error: Record what you will do, and why.".to_owned()));
}

#[test]
fn the_crime_reference_shows_an_example_in_the_forces_format() {
    let (mut h, _) = harness();
    new_case(&mut h);
    open_case(&mut h, "tests/data/cases/da-doubts-adopting.ron");
    go_to(&mut h, "review");
    let all = texts(&h);
    let format = h
        .state()
        .guidance
        .as_ref()
        .ok()
        .and_then(|g| g.profile.as_ref())
        .map(|p| p.crime_reference_format.clone())
        .expect("the example profile has a format");
    let example = victim_first::core::record::crime_reference_example(&format);
    assert!(victim_first::core::record::crime_reference_fits(
        &format, &example
    ));
    assert!(
        all.iter()
            .any(|t| t.starts_with(&format!("for example {example} "))),
        "{all:#?}"
    );
    assert!(all.iter().any(|t| t.starts_with("for example PC ")));
}

#[test]
fn at_200_percent_on_1280_by_720_the_step_keeps_the_room_and_the_rest_folds_into_menus() {
    let mut state = state_from(std::path::Path::new("guidance"));
    state.settings.text_scale = 2.0;
    let (mut h, _) = harness_sized(state, egui::vec2(1280.0, 720.0));
    new_case(&mut h);
    open_case(&mut h, "docs/screenshots/example-case.ron");
    // 1280x720 pixels at 200% is 640x360 points.
    let (width, height) = (640.0, 360.0);
    for step in ["report", "checks", "ie_contact", "actions", "review"] {
        go_to(&mut h, step);
        let title = step_heading(&h, step_index(&h, step));
        let top = heading_node(&h, &title).rect().top();
        assert!(
            top <= height / 2.0,
            "{step}: the step starts at {top} of {height}: the work area keeps at least half the height"
        );
        // No task list beside the step: it is a menu.
        assert!(
            h.query_all_by_label_contains("1. ").next().is_none(),
            "{step}: the task list is folded away"
        );
        for n in h
            .query_all(egui_kittest::kittest::by())
            .filter(|n| n.accesskit_node().data().bounds().is_some())
        {
            let r = n.rect();
            if r.width() > 0.0 && r.max.y > 0.0 && r.min.y < height {
                assert!(
                    r.max.x <= width + 1.0,
                    "{step}: {:?} runs off the window at {r:?}",
                    n.accesskit_node().label()
                );
            }
        }
    }
    // A change of verdict is still announced, with the task list folded away.
    go_to(&mut h, "checks");
    press(&mut h, "Add a check");
    answer(&mut h, "check_purposes", "immigration_status");
    assert_eq!(live(&h).len(), 1, "{:?}", live(&h));
    // The menus hold what was folded.
    press(&mut h, "Steps and verdicts");
    assert!(task(&h, 0).starts_with("1. "));
    h.key_press(egui::Key::Escape);
    h.run();
    press(&mut h, "Menu");
    assert!(shows(&h, "Save (Ctrl+S)"));
    // At 100% on the same screen, the task list is beside the step again.
    let (mut wide, _) = harness_sized(
        state_from(std::path::Path::new("guidance")),
        egui::vec2(1280.0, 720.0),
    );
    new_case(&mut wide);
    assert!(task(&wide, 0).starts_with("1. "));
}

/// The change notices on screen.
fn notices(h: &Harness<'_, GuiState>) -> Vec<String> {
    let mut v: Vec<String> = h
        .query_all(egui_kittest::kittest::by())
        .filter_map(|n| n.accesskit_node().label())
        .filter(|t| t.starts_with("Changed ("))
        .collect();
    v.dedup();
    v
}

#[test]
fn a_change_is_shown_on_its_step_with_what_it_altered_and_undone_only_if_nothing_was_decided() {
    let (mut h, _) = harness();
    new_case(&mut h);
    open_case(&mut h, "docs/screenshots/example-case.ron");
    go_to(&mut h, "victim_first");
    assert!(notices(&h).is_empty(), "no change yet");
    answer(&mut h, "risk_level", "standard");
    let (_, high) = wording(&h, "risk_level", "high");
    let (_, standard) = wording(&h, "risk_level", "standard");
    let shown = notices(&h);
    assert_eq!(shown.len(), 1, "{shown:#?}");
    let n = &shown[0];
    assert!(
        n.contains(&format!(
            "from \u{201c}{high}\u{201d} to \u{201c}{standard}\u{201d}"
        )),
        "{n}"
    );
    assert!(n.contains("No longer required: Refer to MARAC"), "{n}");
    // The steps before it say nothing.
    go_to(&mut h, "report");
    assert!(notices(&h).is_empty());

    // Changed back with nothing decided in between: as if it never happened.
    go_to(&mut h, "victim_first");
    answer(&mut h, "risk_level", "high");
    assert!(notices(&h).is_empty());
    assert!(
        h.state()
            .case
            .as_ref()
            .unwrap()
            .wizard
            .case
            .changes
            .is_empty()
    );

    // Changed, something decided on it, changed back: both are on the record.
    answer(&mut h, "risk_level", "standard");
    go_to(&mut h, "actions");
    let label = h.state().case.as_ref().unwrap().assessment.required[0]
        .label
        .clone();
    press(&mut h, &format!("Done: {label}"));
    go_to(&mut h, "victim_first");
    answer(&mut h, "risk_level", "high");
    let log = &h.state().case.as_ref().unwrap().wizard.case.changes;
    assert_eq!(log.len(), 2, "{log:#?}");
    let shown = notices(&h);
    assert_eq!(shown.len(), 1, "the latest change is shown: {shown:#?}");
    assert!(
        shown[0].contains("Now required: Refer to MARAC"),
        "{}",
        shown[0]
    );
    // The checklist was begun before the change added to it: it needs attention again.
    // (A change that adds nothing to it does not: see the test below.)
    let actions = step_index(&h, "actions");
    assert!(
        task(&h, actions).ends_with("needs attention: a change added to the checklist"),
        "{}",
        task(&h, actions)
    );
}

#[test]
fn the_start_screen_warns_of_an_overdue_review_only_for_the_pack_in_force() {
    let (mut h, _) = harness();
    h.run();
    let overdue = |h: &Harness<'_, GuiState>| -> Vec<String> {
        h.query_all(egui_kittest::kittest::by().role(Role::Alert))
            .filter_map(|n| n.accesskit_node().label())
            .filter(|l| l.contains("was due for review by"))
            .collect()
    };
    // The newest pack is in force: the superseded 2020 revision, long overdue, is not warned of.
    assert_eq!(h.state().pack, "home-office-2023");
    assert!(overdue(&h).is_empty(), "{:?}", overdue(&h));
    // With the 2020 revision itself in force, it is.
    h.state_mut().update(victim_first::gui::Action::SelectPack(
        "npcc-2020".to_owned(),
    ));
    h.run();
    let warned = overdue(&h);
    assert_eq!(warned.len(), 1, "{warned:?}");
    assert!(
        warned[0].contains("was due for review by 2022-04-01"),
        "{warned:?}"
    );
}

#[test]
fn a_change_that_adds_nothing_to_the_checklist_does_not_say_it_did() {
    let (mut h, _) = harness();
    new_case(&mut h);
    open_case(&mut h, "docs/screenshots/example-case.ron");
    go_to(&mut h, "actions");
    let label = h.state().case.as_ref().unwrap().assessment.required[0]
        .label
        .clone();
    press(&mut h, &format!("Done: {label}"));
    // How the crime was reported: it changes no required action.
    go_to(&mut h, "report");
    answer(&mut h, "reporting", "in_person");
    let shown = notices(&h);
    assert_eq!(shown.len(), 1, "{shown:#?}");
    assert!(
        shown[0].contains("It changed no verdict and no required action."),
        "{}",
        shown[0]
    );
    let actions = step_index(&h, "actions");
    assert!(
        !task(&h, actions).contains("needs attention"),
        "{}",
        task(&h, actions)
    );
}

#[test]
fn saving_does_not_move_the_officer_and_an_old_offer_does_not_outlive_its_message() {
    let (mut h, _) = harness();
    new_case(&mut h);
    go_to(&mut h, "review");
    let field = "Your role";
    h.get_by_label(field).focus();
    h.run();
    assert!(h.get_by_label(field).is_focused());
    // The first save gives the case a file name: the officer stays where they were.
    h.state_mut()
        .update(victim_first::gui::Action::Saved(std::path::PathBuf::from(
            "saved-case.ron",
        )));
    h.run();
    assert!(
        h.get_by_label(field).is_focused(),
        "the focus stays in the field"
    );

    // A refused case offers to be read as recorded, while its message stands.
    let text = std::fs::read_to_string("docs/screenshots/example-case.ron")
        .expect("case")
        .replace("pack: \"home-office-2023\"", "pack: \"home-office-2031\"");
    h.state_mut().update(victim_first::gui::Action::CaseRead(
        "from-the-future.ron".to_owned(),
        text.into_bytes(),
    ));
    h.run();
    assert!(shows(&h, "Open it read-only, as recorded"));
    h.state_mut()
        .update(victim_first::gui::Action::Saved(std::path::PathBuf::from(
            "saved-case.ron",
        )));
    h.run();
    assert!(
        !shows(&h, "Open it read-only, as recorded"),
        "the offer went with its message"
    );
}

/// Issue 26: where a text reads against a closed answer, the window says which
/// words disagree, under the verdict, and a screen reader hears them with it.
#[test]
fn the_window_names_the_words_that_disagree_with_an_answer() {
    let (mut h, _) = harness();
    new_case(&mut h);
    open_case(
        &mut h,
        "tests/data/cases/i26-words-act-in-agreement-reason.ron",
    );
    go_to(&mut h, "ie_contact");
    let shown: Vec<String> = texts(&h)
        .into_iter()
        .filter(|t| t.starts_with("Words that disagree with your answers: "))
        .collect();
    assert!(
        shown.iter().any(|t| t.contains("\"to attend and deal\"")),
        "{shown:#?}"
    );
    let spoken: Vec<String> = texts(&h)
        .into_iter()
        .filter(|t| t.contains(": INCOMPLETE, because ") && t.contains("Words that disagree"))
        .collect();
    assert_eq!(
        spoken.len(),
        1,
        "the verdict is read with its words: {spoken:#?}"
    );
}
