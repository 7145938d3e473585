//! A case's history on the command line: `verify CASE.ron` checks the audit
//! trail's chain and names the first bad entry; `assess CASE --compare` sets
//! the outcome as decided beside the outcome under the guidance now (issue 17).
#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use victim_first::core::raw::Case;
use victim_first::core::wizard::case_text;

fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_victim-first"))
        .args(args)
        .output()
        .unwrap()
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vf-history-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A case the window wrote: a witness report under the 2018 pack, its trail
/// four entries (the start, then three answers), its outcome pinned.
const WRITTEN: &str = "docs/screenshots/decided-2018.ron";

fn written() -> Case {
    let bytes = std::fs::read(WRITTEN).unwrap();
    victim_first::core::parse::case_file(WRITTEN, &bytes)
        .unwrap()
        .1
}

fn verify(dir: &Path, name: &str, case: &Case) -> Output {
    let p = dir.join(name);
    std::fs::write(&p, case_text(case).unwrap()).unwrap();
    run(&["verify", p.to_str().unwrap()])
}

#[test]
fn verify_passes_a_whole_trail_and_names_the_first_bad_entry() {
    let dir = temp("verify");
    let whole = written();
    assert_eq!(whole.trail.len(), 4);
    let o = verify(&dir, "whole.ron", &whole);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("TRAIL INTACT (4 entries"), "{}", text(&o));
    assert!(
        text(&o).contains("as the trail recorded them"),
        "{}",
        text(&o)
    );

    let mut edited = whole.clone();
    edited.trail[1].to = "A victim".to_owned();
    let o = verify(&dir, "edited.ron", &edited);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("TRAIL ALTERED: trail entry 2"),
        "{}",
        text(&o)
    );

    let mut deleted = whole.clone();
    deleted.trail.remove(1);
    let o = verify(&dir, "deleted.ron", &deleted);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("TRAIL ALTERED: trail entry 2"),
        "{}",
        text(&o)
    );

    let mut reordered = whole;
    reordered.trail.swap(2, 3);
    let o = verify(&dir, "reordered.ron", &reordered);
    assert_eq!(o.status.code(), Some(1));
    assert!(
        text(&o).contains("TRAIL ALTERED: trail entry 3"),
        "{}",
        text(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn verify_finds_an_answer_edited_without_the_trail_and_entries_cut_from_its_end() {
    let dir = temp("replay");
    let mut edited = written();
    edited
        .facts
        .insert("role".to_owned(), ron::Value::String("victim".to_owned()));
    let o = verify(&dir, "edited.ron", &edited);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("TRAIL INTACT"),
        "the chain itself is whole"
    );
    assert!(
        text(&o).contains("ANSWERS DIFFER FROM THE TRAIL (1)"),
        "{}",
        text(&o)
    );
    assert!(text(&o).contains("case / role"), "{}", text(&o));

    let mut cut = written();
    cut.trail.pop();
    let o = verify(&dir, "cut.ron", &cut);
    assert_eq!(o.status.code(), Some(1), "{}", text(&o));
    assert!(
        text(&o).contains("ANSWERS DIFFER FROM THE TRAIL"),
        "{}",
        text(&o)
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compare_uses_the_outcome_the_case_recorded() {
    let o = run(&["assess", WRITTEN, "--compare", "--pack", "npcc-2020"]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(
        t.starts_with(
            "Decided under: npcc-2018 version 2018.12.2, no force profile (digest dfc72b94efa9)\n"
        ),
        "the pinned guidance, not assessed again: {t}"
    );
    assert!(!t.contains("assessed again"), "{t}");
    let witness = t
        .lines()
        .find(|l| l.contains("silent on witnesses"))
        .unwrap_or_else(|| panic!("no witness line in\n{t}"));
    assert!(
        witness.ends_with("as decided given; now (none)"),
        "{witness}"
    );
}

#[test]
fn verify_gives_a_located_error_for_a_damaged_case_file() {
    let dir = temp("damaged");
    let p = dir.join("cut.ron");
    std::fs::write(&p, "Case(pack: \"npcc-2020\", trail: [(at: \"x\", ev").unwrap();
    let o = run(&["verify", p.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(text(&o).contains("cut.ron:1:"), "{}", text(&o));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compare_shows_the_witness_difference_between_the_2018_and_2020_packs() {
    let o = run(&[
        "assess",
        "tests/data/cases/witness-2018.ron",
        "--compare",
        "--pack",
        "npcc-2020",
    ]);
    let t = text(&o);
    assert!(o.status.success(), "{t}");
    assert!(t.contains("Decided under: npcc-2018"), "{t}");
    assert!(t.contains("In force now:  npcc-2020"), "{t}");
    let witness = t
        .lines()
        .find(|l| l.contains("silent on witnesses"))
        .unwrap_or_else(|| panic!("no witness line in\n{t}"));
    assert!(
        witness.ends_with("as decided given; now (none)"),
        "{witness}"
    );
}

#[test]
fn compare_under_the_same_pack_finds_no_difference() {
    let o = run(&[
        "assess",
        "tests/data/cases/witness-2018.ron",
        "--compare",
        "--pack",
        "npcc-2018",
    ]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("No verdict, required action or warning differs."));
}

#[test]
fn compare_defaults_to_the_pack_in_force_today() {
    let o = run(&["assess", "tests/data/cases/witness-2018.ron", "--compare"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("In force now:  home-office-2023"),
        "{}",
        text(&o)
    );
}

#[test]
fn the_pack_in_force_is_chosen_by_date() {
    let (lib, problems) = victim_first::store::load_library(Path::new("guidance"));
    assert!(problems.is_empty(), "{problems}");
    let on = |d: &str| lib.pack_in_force_on(d).map(str::to_owned);
    assert_eq!(on("2018-01-01"), None, "before the first pack");
    assert_eq!(
        on("2018-12-07").as_deref(),
        Some("npcc-2018"),
        "its first day"
    );
    assert_eq!(on("2019-06-30").as_deref(), Some("npcc-2018"));
    assert_eq!(on("2020-04-23").as_deref(), Some("npcc-2020"));
    assert_eq!(on("2021-01-01").as_deref(), Some("safe-to-share-2020"));
    assert_eq!(on("2022-06-01").as_deref(), Some("home-office-2021"));
    assert_eq!(
        on("2026-12-04T10:00:00Z").as_deref(),
        Some("home-office-2023")
    );
}

#[test]
fn assess_as_of_a_date_uses_the_pack_in_force_that_day() {
    let case = "tests/data/cases/witness-2018.ron";
    let o = run(&["assess", case, "--as-of", "2020-06-01"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(text(&o).contains("As of 2020-06-01: the national pack in force was npcc-2020."));
    assert!(
        text(&o).contains("Guidance: npcc-2020 version"),
        "{}",
        text(&o)
    );
    // The case's own start date, without naming a pack or a date.
    let dir = temp("as-of");
    let p = dir.join("started-2019.ron");
    let body = std::fs::read_to_string(case).unwrap();
    let started = body.replacen("\n(\n", "\n(\n    started: \"2019-03-01T10:00:00Z\",\n", 1);
    assert_ne!(started, body);
    std::fs::write(&p, started).unwrap();
    let o = run(&["assess", p.to_str().unwrap(), "--as-of", "started"]);
    assert!(o.status.success(), "{}", text(&o));
    assert!(
        text(&o).contains("As of 2019-03-01: the national pack in force was npcc-2018."),
        "{}",
        text(&o)
    );
    let o = run(&["assess", case, "--as-of", "2017-01-01"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(text(&o).contains("no national pack here was in force on 2017-01-01"));
    let _ = std::fs::remove_dir_all(&dir);
}
