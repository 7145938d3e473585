//! Training scenarios (issue 18): every shipped scenario passes against the
//! shipped guidance; an altered one fails, naming the scenario, the item and
//! both verdicts; together they exercise every decision and every rule; and
//! `lint` locates what a scenario names that the guidance lacks.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use victim_first::core::published;
use victim_first::core::scenario::Coverage;
use victim_first::scenario_cli::{self, Outcome};

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_victim-first"))
        .args(args)
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A fresh scratch folder, removed when dropped.
struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("vf-scenarios-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("scenarios")).expect("scratch folder");
    Scratch(dir)
}

fn shipped() -> Vec<scenario_cli::ScenarioFile> {
    scenario_cli::folder_files(Path::new("guidance/scenarios")).expect("the shipped scenarios")
}

#[test]
fn every_shipped_scenario_passes() {
    let files = shipped();
    assert!(files.len() >= 16, "only {} scenarios", files.len());
    let mut coverage = Coverage::default();
    let mut wrong = Vec::new();
    for (path, outcome) in scenario_cli::run_all(common::shipped_library(), &files, &mut coverage) {
        match outcome {
            Outcome::Passed { .. } => {}
            Outcome::Failed { located, .. } | Outcome::Broken(located) => {
                wrong.push(format!("{path}:\n{located}"));
            }
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_built_in_scenarios_are_the_shipped_files() {
    let built_in: Vec<(String, Vec<u8>)> = victim_first::builtin::scenarios()
        .map(|(name, text)| (name, text.as_bytes().to_vec()))
        .collect();
    let on_disk: Vec<(String, Vec<u8>)> = shipped()
        .into_iter()
        .map(|(path, bytes)| {
            let name = Path::new(&path)
                .file_name()
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (
                published::shown_path(&format!("scenarios/{name}")),
                bytes.expect("readable"),
            )
        })
        .collect();
    assert_eq!(built_in, on_disk);
    // And the command with no folder runs them, from anywhere.
    let (code, stdout, stderr) = run(&["scenarios"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(
        stdout.ends_with(&format!("{} passed, 0 failed\n", on_disk.len())),
        "{stdout}"
    );
    assert!(
        stdout.contains("ok    <built-in>/scenarios/01-"),
        "{stdout}"
    );
    let (code, stdout, _) = run(&["scenarios", "--coverage"]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains(
            "every decision is exercised by a scenario\nevery rule is exercised by a scenario\n"
        ),
        "{stdout}"
    );
}

/// Every decision fires, and every rule is cited, in some scenario's assessment;
/// a rule shown for context only (which no decision may cite) is taught instead.
/// Computed from the assessments over every pack and profile pair, not listed.
#[test]
fn the_scenarios_exercise_every_decision_and_every_rule() {
    let lib = common::shipped_library();
    let mut coverage = Coverage::default();
    let _ = scenario_cli::run_all(lib, &shipped(), &mut coverage);
    let all: Vec<_> = published::resolve_all(lib)
        .into_iter()
        .map(|r| r.guidance)
        .collect();
    assert!(all.len() >= 8, "every pack and profile pair");
    assert_eq!(coverage.missing_rules(&all), Vec::<String>::new());
    assert_eq!(coverage.missing_decisions(&all), Vec::<String>::new());
}

/// A check whose system and subject are not chosen yet is saved by the wizard
/// with both empty: a case file reads them as unanswered (so the check is
/// incomplete), not as answers the guidance does not offer.
#[test]
fn a_check_saved_before_its_system_is_chosen_is_incomplete_not_an_error() {
    let dir = scratch("draft");
    let case = dir.0.join("draft.ron");
    std::fs::write(
        &case,
        "(pack: \"home-office-2023\", facts: {\"role\": \"victim\"}, checks: [(system: \"\", subject: \"\")])",
    )
    .expect("write");
    let (code, stdout, stderr) = run(&["assess", "--json", case.to_str().unwrap()]);
    assert_eq!(code, 0, "{stderr}");
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["checks"][0]["verdict"], "incomplete");
    let reasons = v["checks"][0]["reasons"].as_array().expect("reasons");
    assert!(
        reasons.iter().any(|r| r["decision"] == "check-no-subject"),
        "{stdout}"
    );
}

#[test]
fn an_altered_copy_fails_naming_the_scenario_the_item_and_both_verdicts() {
    let dir = scratch("altered");
    let original = std::fs::read_to_string("guidance/scenarios/01-da-standard-risk-national.ron")
        .expect("read");
    let wrong = "(verdict: Permitted, rules: [\"NPCC18-03\"])";
    let altered = original.replacen("(verdict: Refused, rules: [\"NPCC18-03\"])", wrong, 1);
    assert_ne!(altered, original, "the fixture has the verdict to alter");
    let file = dir.0.join("scenarios/altered.ron");
    std::fs::write(&file, &altered).expect("write");
    let folder = dir.0.join("scenarios");
    let (code, stdout, _) = run(&["scenarios", folder.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.ends_with("0 passed, 1 failed\n"), "{stdout}");
    assert!(
        stdout.contains(&format!(
            "FAIL  {}: Domestic abuse, standard risk: a partner's claim about status (force not adopting Rec 1)",
            file.display()
        )),
        "{stdout}"
    );
    assert!(
        stdout.contains("check 2 (pnc on person): the scenario expects permitted citing NPCC18-03, but the engine gives refused citing NPCC18-03"),
        "{stdout}"
    );
    // lint says the same, at the verdict that is wrong.
    let line = altered
        .lines()
        .position(|l| l.contains(wrong))
        .expect("the altered line")
        + 1;
    let col = altered
        .lines()
        .nth(line - 1)
        .unwrap()
        .find("verdict")
        .unwrap()
        + 1;
    let (code, stdout, stderr) = run(&["lint", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}");
    assert!(
        stderr.contains(&format!(
            "{}:{line}:{col}: expect → check 2 (pnc on person): the scenario expects permitted",
            file.display()
        )),
        "{stderr}"
    );
}

#[test]
fn lint_locates_unknown_facts_values_and_rule_ids_in_a_scenario() {
    let dir = scratch("unknown");
    let text = r#"Scenario(
    title: "Unknown names",
    narrative: (person_said: "Something happened."),
    case: (
        pack: "home-office-2023",
        facts: {
            "role": "victm",
            "colour": "red",
        },
    ),
    expect: (required: ["victims_code_rights"]),
    teaching: [(step: "report", point: "A point.", rules: ["NPCC99-01"])],
)
"#;
    let file = dir.0.join("scenarios/unknown.ron");
    std::fs::write(&file, text).expect("write");
    let (code, stdout, stderr) = run(&["lint", file.to_str().unwrap()]);
    assert_eq!(code, 1, "{stdout}{stderr}");
    let shown = file.display().to_string();
    for (line, col, says) in [
        (7, 21, "\"victm\" is not an answer to this question"),
        (8, 13, "the guidance declares no fact \"colour\""),
        (12, 60, "teaching: the guidance has no rule \"NPCC99-01\""),
    ] {
        let want = format!("{shown}:{line}:{col}: ");
        assert!(
            stderr
                .lines()
                .any(|l| l.starts_with(&want) && l.contains(says)),
            "{want}…{says} not in:\n{stderr}"
        );
    }
    // The folder form finds it in DIR/scenarios too (beside a force's profile), and
    // `scenarios` refuses to run it.
    std::fs::create_dir_all(dir.0.join("forces")).expect("forces");
    std::fs::copy(
        "guidance/forces/example-national.ron",
        dir.0.join("forces/example-national.ron"),
    )
    .expect("copy");
    let (code, _, stderr) = run(&["lint", dir.0.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no rule \"NPCC99-01\""), "{stderr}");
    let (code, stdout, _) = run(&["scenarios", dir.0.join("scenarios").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stdout.contains(&format!("FAIL  {shown}: cannot be run")),
        "{stdout}"
    );
    assert!(stdout.ends_with("0 passed, 1 failed\n"), "{stdout}");
}

#[test]
fn a_missing_or_empty_folder_of_scenarios_is_an_error() {
    let dir = scratch("empty");
    let (code, _, stderr) = run(&["scenarios", dir.0.join("scenarios").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("no scenario files (*.ron) found"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["scenarios", dir.0.join("nowhere").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no such folder of scenarios"), "{stderr}");
    let bad = dir.0.join("scenarios/bad.ron");
    std::fs::write(&bad, b"\xff\xfe not text").expect("write");
    let (code, stdout, _) = run(&["scenarios", dir.0.join("scenarios").to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(stdout.contains("is not UTF-8 text"), "{stdout}");
}
