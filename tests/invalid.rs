//! Broken guidance and case files give located, stable errors and exit code 1,
//! through the real binary. Each fixture's full error output is a golden
//! (insta) snapshot.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

use std::path::PathBuf;
use std::process::Command;

fn entries(dir: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("fixture folder")
        .map(|e| e.expect("entry").path())
        .collect();
    v.sort();
    v
}

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

fn name(p: &std::path::Path) -> String {
    p.file_name()
        .and_then(|n| n.to_str())
        .unwrap_or_default()
        .replace('.', "_")
}

#[test]
fn every_invalid_guidance_fixture_fails_lint_with_located_errors() {
    let fixtures = entries("tests/data/invalid");
    let names: Vec<String> = fixtures.iter().map(|p| name(p)).collect();
    for required in [
        "unknown-field",
        "dangling-reference",
        "duplicate-id",
        "overlay-loosens",
        "lookalike-id",
        "syntax-error_ron",
        "empty_ron",
        "binary_ron",
    ] {
        assert!(
            names.iter().any(|n| n == required),
            "missing fixture {required}"
        );
    }
    for path in fixtures {
        let shown = path.display().to_string();
        let (code, stdout, stderr) = run(&["lint", &shown]);
        assert_eq!(code, 1, "{shown} should fail lint; stdout: {stdout}");
        for line in stderr.lines().filter(|l| !l.ends_with("found")) {
            assert!(
                line.starts_with(&shown),
                "every error names its file: {line}"
            );
            let after = line.get(shown.len()..).unwrap_or_default();
            assert!(
                after.contains(".ron:") || after.starts_with(':'),
                "every error is located: {line}"
            );
        }
        insta::assert_snapshot!(format!("lint-{}", name(&path)), stderr);
    }
}

#[test]
fn shipped_guidance_lints_clean() {
    let (code, stdout, stderr) = run(&["lint", "guidance"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains("no problems"), "{stdout}");
}

#[test]
fn bad_case_files_give_located_errors() {
    for path in entries("tests/data/bad-cases") {
        let shown = path.display().to_string();
        let (code, stdout, stderr) = run(&["assess", &shown, "--guidance", "guidance"]);
        assert_eq!(code, 1, "{shown} should be refused");
        assert!(stdout.is_empty(), "no verdicts for a bad case: {stdout}");
        assert!(stderr.lines().all(|l| l.starts_with(&shown)), "{stderr}");
        insta::assert_snapshot!(format!("assess-{}", name(&path)), stderr);
    }
}

#[test]
fn missing_files_are_reported_not_panicked_on() {
    let (code, _, stderr) = run(&["assess", "tests/data/no-such-case.ron"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("tests/data/no-such-case.ron: cannot read:"),
        "{stderr}"
    );
    let (code, _, stderr) = run(&["lint", "tests/data/no-such-folder"]);
    assert_eq!(code, 1);
    assert!(
        stderr.starts_with("tests/data/no-such-folder: no such file or folder"),
        "{stderr}"
    );
}

#[test]
fn assess_json_and_text_agree_on_verdicts() {
    let case = "tests/data/cases/ie-sarc-crisis.ron";
    let (code, json, _) = run(&["assess", case, "--json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    assert_eq!(v["ie_contact"]["verdict"], "not_recommended");
    assert_eq!(v["ie_contact"]["timing_verdict"], "defer");
    assert_eq!(v["guidance"]["pack"], "home-office-2023");
    assert_eq!(v["guidance"]["digest"].as_str().map(str::len), Some(64));
    let (code, text, _) = run(&["assess", case]);
    assert_eq!(code, 0);
    assert!(
        text.contains("Contact with Immigration Enforcement: NOT RECOMMENDED"),
        "{text}"
    );
    assert!(text.contains("     timing: DEFER, not now"), "{text}");
}

#[test]
fn pack_override_reassesses_under_another_pack() {
    let case = "tests/data/cases/witness-2020.ron";
    let (_, json2020, _) = run(&["assess", case, "--json"]);
    let (_, json2018, _) = run(&["assess", case, "--json", "--pack", "npcc-2018"]);
    assert!(!json2020.contains("NPCC18-08"));
    assert!(json2018.contains("NPCC18-08"));
}

#[test]
fn a_case_file_given_to_lint_is_named_as_one() {
    let (code, _, stderr) = run(&["lint", "tests/data/cases/ie-sarc-crisis.ron"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr.lines().next(),
        Some(
            "tests/data/cases/ie-sarc-crisis.ron: this is a case file, not guidance; assess it with `victim-first assess`"
        )
    );
}

#[test]
fn a_single_file_is_linted_with_the_packs_it_builds_on() {
    for file in [
        "guidance/forces/example-adopting.ron",
        "guidance/overlays/sts-rec1.ron",
    ] {
        let (code, stdout, stderr) = run(&["lint", file]);
        assert_eq!(code, 0, "{stderr}");
        assert!(stdout.contains("1 guidance file, no problems"), "{stdout}");
    }
}

#[test]
fn an_empty_or_missing_guidance_folder_is_an_error() {
    let empty = std::env::temp_dir().join(format!("vf-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("temp folder");
    let shown = empty.display().to_string();
    let (code, _, stderr) = run(&["lint", &shown]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("no guidance files (*.ron) found here"),
        "{stderr}"
    );
    let case = "tests/data/cases/ie-sarc-crisis.ron";
    let (code, _, stderr) = run(&["assess", case, "--guidance", "tests/data/no-such-folder"]);
    assert_eq!(code, 1);
    assert_eq!(
        stderr,
        "tests/data/no-such-folder: the guidance folder named by --guidance does not exist\n"
    );
    std::fs::remove_dir_all(&empty).ok();
}

#[test]
fn a_pack_that_does_not_fit_the_profile_is_a_command_mistake() {
    let case = "tests/data/cases/da-doubts-adopting.ron";
    let (code, stdout, stderr) = run(&["assess", case, "--pack", "npcc-2018"]);
    assert_eq!(code, 2, "{stdout}");
    assert!(
        stderr.contains(
            "force profile \"example-adopting\" is written for national pack \"safe-to-share-2020\""
        ),
        "{stderr}"
    );
    assert!(stderr.contains("--no-profile"), "{stderr}");
    // It names the packs the profile does work with: its own and every revision of it.
    assert!(
        stderr.contains(
            "it works with \"home-office-2021\", \"home-office-2023\", \"safe-to-share-2020\""
        ),
        "{stderr}"
    );
    let (code, stdout, _) = run(&[
        "assess",
        case,
        "--pack",
        "npcc-2018",
        "--no-profile",
        "--json",
    ]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    assert_eq!(v["guidance"]["pack"], "npcc-2018");
    assert_eq!(v["guidance"]["profile"], serde_json::Value::Null);
}

/// One rule for every command: guidance that `lint` rejects gives no verdict
/// and no note, whichever command reads it, and `verify` does not vouch for it.
#[test]
fn every_command_refuses_each_broken_guidance_fixture() {
    let case = "tests/data/cases/da-doubts-adopting.ron";
    let folders: Vec<PathBuf> = entries("tests/data/invalid")
        .into_iter()
        .filter(|p| p.is_dir())
        .collect();
    assert!(folders.len() >= 5, "{folders:?}");
    let dir = std::env::temp_dir().join(format!("vf-every-command-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let note = dir.join("note.txt");
    let (code, _, stderr) = run(&["note", case, "--out", note.to_str().expect("utf-8")]);
    assert_eq!(code, 0, "{stderr}");
    for g in folders {
        let g = g.to_str().expect("utf-8");
        for args in [
            vec!["assess", case, "--guidance", g],
            vec!["assess", case, "--guidance", g, "--json"],
            vec!["note", case, "--guidance", g],
            vec!["note", case, "--guidance", g, "--format", "json"],
        ] {
            let (code, stdout, stderr) = run(&args);
            assert_eq!(code, 1, "{args:?} gave exit {code}: {stdout}");
            assert!(stdout.is_empty(), "{args:?} printed: {stdout}");
            assert!(
                stderr.contains(g),
                "{args:?}: the problems are located: {stderr}"
            );
        }
        let (_, stdout, _) = run(&["verify", note.to_str().expect("utf-8"), "--guidance", g]);
        assert!(
            stdout.contains("not checked: the guidance here has"),
            "verify with {g}: {stdout}"
        );
    }
    let _ = std::fs::remove_dir_all(&dir);
}

/// Issue 27: the record asks a supervisor to sign off the required action
/// `supervisor_review`, named in the code. A baseline pack that renamed it
/// would silently drop every supervisor requirement; lint refuses it instead,
/// at the pack, in words.
#[test]
fn a_baseline_pack_without_the_supervisor_action_is_refused() {
    let dir = std::env::temp_dir().join(format!("vf-no-supervisor-{}", std::process::id()));
    let national = dir.join("national");
    std::fs::create_dir_all(&national).expect("scratch folder");
    let pack = std::fs::read_to_string("guidance/national/npcc-2018.ron").expect("baseline pack");
    let renamed = pack.replace("\"supervisor_review\"", "\"supervisor_sign_off\"");
    assert_ne!(renamed, pack, "the baseline names the action");
    std::fs::write(national.join("npcc-2018.ron"), renamed).expect("write");
    let (code, _, stderr) = run(&["lint", dir.to_str().expect("utf-8 path")]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("npcc-2018.ron:")
            && stderr.contains("must declare the Required action \"supervisor_review\""),
        "{stderr}"
    );
}
