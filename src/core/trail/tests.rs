//! The trail's own rules: what a change records, typing as one entry, and a
//! chain that names the first entry edited, deleted or moved.
#![allow(
    clippy::expect_used,
    clippy::unnecessary_wraps,
    reason = "tests: panics on a broken fixture; answers are optional"
)]

use super::*;
use crate::core::condition::Answer;
use crate::core::fixture::guidance;
use crate::core::raw::{Choice, OfficerDecision};

/// Applies `f` to the wizard and records what it changed at `at`.
fn change(g: &Guidance, w: &mut Wizard, r: &mut Recorder, at: &str, f: impl FnOnce(&mut Wizard)) {
    let before = w.clone();
    let was = before.assess(g);
    f(w);
    let now = w.assess(g);
    let ev = events(g, &before, w, &was, &now);
    r.record(&mut w.case, at, ev);
}

fn one(v: &str) -> Option<Answer> {
    Some(Answer::One(v.to_owned()))
}

/// A case with answers given, changed, set aside, a verdict and a decision.
fn worked() -> Wizard {
    let g = guidance();
    let mut w = Wizard::new("t", None, "T0");
    let mut r = Recorder::default();
    change(&g, &mut w, &mut r, "T1", |w| {
        w.set_answer(&g, About::Case, "role", one("b"), "T1");
    });
    change(&g, &mut w, &mut r, "T2", |w| {
        w.set_answer(&g, About::Case, "detail", one("x"), "T2");
    });
    change(&g, &mut w, &mut r, "T3", |w| {
        let i = w.add_check();
        w.set_answer(
            &g,
            About::Check(i),
            "check_purposes",
            Some(Answer::Many(vec!["bad".to_owned()])),
            "T3",
        );
    });
    change(&g, &mut w, &mut r, "T4", |w| {
        w.case.checks[0].decision = Some(OfficerDecision {
            choice: Choice::DoNotProceed,
            ..OfficerDecision::default()
        });
    });
    change(&g, &mut w, &mut r, "T5", |w| {
        w.set_answer(&g, About::Case, "role", one("a"), "T5");
    });
    r.flush(&mut w.case);
    w
}

#[test]
fn a_case_worked_through_records_each_answer_verdict_decision_and_set_aside() {
    let w = worked();
    let said: Vec<String> = w
        .case
        .trail
        .iter()
        .map(|e| {
            format!(
                "{} | {} | {} | {} -> {}",
                e.event, e.about, e.item, e.from, e.to
            )
        })
        .collect();
    let has = |s: &str| {
        assert!(
            said.iter().any(|l| l.contains(s)),
            "no entry with {s:?} in\n{}",
            said.join("\n")
        );
    };
    has("answer given | case | role |  -> Banana");
    has("answer given | case | detail |  -> Ex");
    has("verdict shown | Check 1 | verdict |  -> REFUSED");
    has("decision given | check 1 | decision |  -> DoNotProceed");
    has("answer changed | case | role | Banana -> Apple");
    has("answer set aside | case | detail");
    assert!(check(&w.case.trail).is_ok());
}

#[test]
fn typing_a_sentence_makes_one_entry_recorded_when_the_officer_moves_on() {
    let g = guidance();
    let mut w = Wizard::new("t", None, "T0");
    let mut r = Recorder::default();
    let i = w.add_check();
    let sentence = "to find the suspect";
    for n in 1..=sentence.len() {
        change(&g, &mut w, &mut r, &format!("K{n}"), |w| {
            w.set_answer(
                &g,
                About::Check(i),
                "check_reason",
                Some(Answer::Text(sentence[..n].to_owned())),
                "K",
            );
        });
    }
    assert!(w.case.trail.is_empty(), "held back while typing");
    let autosaved = r.with_pending(&w.case);
    assert_eq!(
        autosaved.trail.len(),
        1,
        "an autosave holds the edit so far"
    );
    assert!(w.case.trail.is_empty(), "and does not end it");
    change(&g, &mut w, &mut r, "T9", |w| {
        w.set_answer(&g, About::Case, "role", one("a"), "T9");
    });
    let texts: Vec<&TrailEntry> = w
        .case
        .trail
        .iter()
        .filter(|e| e.item == "check_reason")
        .collect();
    assert_eq!(texts.len(), 1, "{:?}", w.case.trail);
    assert_eq!(texts[0].to, sentence);
    assert_eq!(texts[0].event, "answer given");
    assert_eq!(
        texts[0].at,
        format!("K{}", sentence.len()),
        "the time of the last key"
    );
    assert_eq!(w.case.trail.last().map(|e| e.item.as_str()), Some("role"));
}

#[test]
fn an_edited_entry_is_named() {
    let mut t = worked().case.trail;
    assert!(t.len() >= 5);
    t[2].to = "PERMITTED".to_owned();
    let b = check(&t).expect_err("edited");
    assert_eq!(b.entry, 3);
    assert!(b.to_string().contains("trail entry 3"), "{b}");
}

#[test]
fn a_deleted_entry_is_named_by_the_entry_after_it() {
    let mut t = worked().case.trail;
    t.remove(1);
    assert_eq!(check(&t).expect_err("deleted").entry, 2);
    let mut t = worked().case.trail;
    t.remove(0);
    assert_eq!(check(&t).expect_err("first deleted").entry, 1);
}

#[test]
fn a_reordered_entry_is_named() {
    let mut t = worked().case.trail;
    t.swap(2, 3);
    assert_eq!(check(&t).expect_err("reordered").entry, 3);
}

#[test]
fn an_entry_edited_with_its_hash_recomputed_breaks_the_next_one() {
    let mut t = worked().case.trail;
    t[1].to = "Apple".to_owned();
    let before = t[0].hash.clone();
    t[1].hash = hash_of(&before, &t[1]);
    assert_eq!(check(&t).expect_err("rehashed").entry, 3);
}

#[test]
fn nothing_changed_records_nothing() {
    let g = guidance();
    let w = worked();
    let a = w.assess(&g);
    assert!(events(&g, &w, &w, &a, &a).is_empty());
}

#[test]
fn a_case_agrees_with_its_trail_until_an_answer_is_edited_without_it() {
    let g = guidance();
    let mut w = Wizard::new("t", None, "T0");
    append(
        &mut w.case,
        "T0",
        &Event {
            event: "case started".to_owned(),
            about: "record".to_owned(),
            item: "guidance".to_owned(),
            from: String::new(),
            to: "t".to_owned(),
            text: false,
        },
    );
    let mut r = Recorder::default();
    change(&g, &mut w, &mut r, "T1", |w| {
        w.set_answer(&g, About::Case, "role", one("b"), "T1");
    });
    change(&g, &mut w, &mut r, "T2", |w| {
        w.set_answer(&g, About::Case, "detail", one("x"), "T2");
    });
    r.flush(&mut w.case);
    assert!(
        disagreements(&g, &w).is_empty(),
        "{:?}",
        disagreements(&g, &w)
    );
    // Edited in the file, the trail left alone.
    let mut edited = w.clone();
    edited
        .case
        .facts
        .insert("role".to_owned(), ron::Value::String("a".to_owned()));
    let d = disagreements(&g, &edited);
    assert_eq!(d.len(), 1, "{d:?}");
    assert!(
        d[0].starts_with("case / role: the case says \"Apple\""),
        "{d:?}"
    );
    // The last entry cut off: the answer it recorded is no longer in the trail.
    let mut cut = w.clone();
    cut.case.trail.pop();
    assert!(!disagreements(&g, &cut).is_empty());
    // An answer added by hand to a case the trail followed from its start.
    let mut added = w;
    added.case.officer = Some(crate::core::raw::Officer {
        name: "Someone".to_owned(),
        ..crate::core::raw::Officer::default()
    });
    assert!(
        disagreements(&g, &added)
            .iter()
            .any(|x| x.contains("officer's name"))
    );
}
