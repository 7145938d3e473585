//! Every case under `tests/data/cases/` is assessed against the shipped guidance
//! and checked against the expectations beside it (`NAME.expect.ron`), written
//! by hand from the guidance brief. The full text report of each is also an
//! insta snapshot, so any change to wording or citations is reviewed.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

mod common;

use std::path::{Path, PathBuf};

use serde::Deserialize;
use victim_first::core::engine::{Assessment, Notice};
use victim_first::core::report;

/// What a case must produce. Lists are "at least these"; `not_*` are "none of these".
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Expect {
    /// One entry per proposed check, in order: the exact count is checked.
    checks: Vec<ExpectVerdict>,
    ie_contact: ExpectVerdict,
    #[serde(default)]
    required: Vec<String>,
    #[serde(default)]
    not_required: Vec<String>,
    /// Required by the answers, but part of a proposal that will not go ahead.
    #[serde(default)]
    not_needed: Vec<String>,
    #[serde(default)]
    prohibited: Vec<String>,
    #[serde(default)]
    warnings: Vec<ExpectNotice>,
    #[serde(default)]
    notes: Vec<ExpectNotice>,
    /// Rule ids no warning may cite.
    #[serde(default)]
    absent_warnings: Vec<String>,
    /// Other (pack, profile) pairs under which the same expectations hold:
    /// the case is assessed under each too (issue 26: every point under at
    /// least two packs, and both example profiles where the profile matters).
    #[serde(default)]
    also_under: Vec<(String, Option<String>)>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectVerdict {
    verdict: String,
    /// Rules the verdict must cite (it may cite more).
    #[serde(default)]
    rules: Vec<String>,
    /// For the IE contact: the timing verdict (`defer` or `not_deferred`), when given.
    #[serde(default)]
    timing: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectNotice {
    kind: String,
    rules: Vec<String>,
}

fn case_files() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir("tests/data/cases")
        .expect("tests/data/cases exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            p.extension().is_some_and(|e| e == "ron") && !name.ends_with(".expect.ron")
        })
        .collect();
    files.sort();
    files
}

fn contains_all(have: &[String], want: &[String]) -> bool {
    want.iter().all(|w| have.contains(w))
}

fn notice_matches(list: &[Notice], want: &ExpectNotice) -> bool {
    list.iter()
        .any(|n| n.kind == want.kind && contains_all(&n.rules, &want.rules))
}

fn check(path: &Path, a: &Assessment, e: &Expect) -> Vec<String> {
    let mut failures = Vec::new();
    let mut fail = |m: String| failures.push(format!("{}: {m}", path.display()));
    if a.checks.len() == e.checks.len() {
        for (i, (got, want)) in a.checks.iter().zip(&e.checks).enumerate() {
            if got.verdict.as_str() != want.verdict || !contains_all(&got.rules, &want.rules) {
                fail(format!(
                    "check {}: got {} {:?}, want {} citing {:?}",
                    i + 1,
                    got.verdict.as_str(),
                    got.rules,
                    want.verdict,
                    want.rules
                ));
            }
        }
    } else {
        fail(format!(
            "{} checks assessed, {} expected",
            a.checks.len(),
            e.checks.len()
        ));
    }
    let ie = &a.ie_contact;
    if ie.verdict.as_str() != e.ie_contact.verdict || !contains_all(&ie.rules, &e.ie_contact.rules)
    {
        fail(format!(
            "IE contact: got {} {:?}, want {} citing {:?}",
            ie.verdict.as_str(),
            ie.rules,
            e.ie_contact.verdict,
            e.ie_contact.rules
        ));
    }
    if let Some(t) = &e.ie_contact.timing
        && ie.timing_verdict.as_str() != t
    {
        fail(format!(
            "IE contact timing: got {}, want {t}",
            ie.timing_verdict.as_str()
        ));
    }
    let required: Vec<String> = a.required.iter().map(|x| x.action.clone()).collect();
    let prohibited: Vec<String> = a.prohibited.iter().map(|x| x.action.clone()).collect();
    for r in &e.required {
        if !required.contains(r) {
            fail(format!("{r} should be required; required: {required:?}"));
        }
    }
    for r in &e.not_required {
        if required.contains(r) {
            fail(format!("{r} should not be required"));
        }
    }
    let not_needed: Vec<String> = a
        .not_needed
        .iter()
        .map(|x| x.action.action.clone())
        .collect();
    if e.not_needed != not_needed {
        fail(format!(
            "not needed should be {:?}; it is {not_needed:?}",
            e.not_needed
        ));
    }
    for p in &e.prohibited {
        if !prohibited.contains(p) {
            fail(format!("{p} should be prohibited"));
        }
    }
    for w in &e.warnings {
        if !notice_matches(&a.warnings, w) {
            fail(format!("no {} warning citing {:?}", w.kind, w.rules));
        }
    }
    for n in &e.notes {
        if !notice_matches(&a.notes, n) {
            fail(format!("no note citing {:?}", n.rules));
        }
    }
    for id in &e.absent_warnings {
        if a.warnings.iter().any(|w| w.rules.contains(id)) {
            fail(format!("a warning cites {id}, which should not apply"));
        }
    }
    failures
}

#[test]
fn every_case_meets_its_expectations() {
    let lib = common::shipped_library();
    let files = case_files();
    assert!(
        files.len() >= 15,
        "expected the example cases, found {}",
        files.len()
    );
    let mut failures = Vec::new();
    let mut reports = Vec::new();
    for path in &files {
        let expect_path = path.with_extension("expect.ron");
        let Ok(expect_text) = std::fs::read_to_string(&expect_path) else {
            failures.push(format!(
                "{}: no {} beside it",
                path.display(),
                expect_path.display()
            ));
            continue;
        };
        let options = ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME);
        let expect: Expect = match options.from_str(&expect_text) {
            Ok(e) => e,
            Err(e) => {
                failures.push(format!("{}: {e}", expect_path.display()));
                continue;
            }
        };
        let (g, a) = common::assess_file(lib, path, None, None);
        failures.extend(check(path, &a, &expect));
        for (pack, profile) in &expect.also_under {
            let (_, a) = common::assess_file(lib, path, profile.as_deref(), Some(pack));
            let under = PathBuf::from(format!(
                "{} under {pack} / {}",
                path.display(),
                profile.as_deref().unwrap_or("no profile")
            ));
            failures.extend(check(&under, &a, &expect));
        }
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or_default();
        reports.push((format!("case-{name}"), report::to_text(&g, &a)));
    }
    // Expectations first: they say what is wrong; snapshots only that something changed.
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
    for (name, text) in reports {
        insta::assert_snapshot!(name, text);
    }
}

/// The JSON interface is stable: one full snapshot pins its shape.
#[test]
fn json_shape_is_stable() {
    let lib = common::shipped_library();
    let (_, a) = common::assess_file(
        lib,
        Path::new("tests/data/cases/da-doubts-adopting.ron"),
        None,
        None,
    );
    insta::assert_snapshot!("json-da-doubts-adopting", report::to_json(&a));
}

/// The same facts under a force that adopted Recommendation 1 and one that did not.
#[test]
fn profile_override_changes_only_what_the_profile_adds() {
    let lib = common::shipped_library();
    let path = Path::new("tests/data/cases/da-doubts-national.ron");
    let (_, national) = common::assess_file(lib, path, None, None);
    let (_, adopting) = common::assess_file(lib, path, Some("example-adopting"), None);
    assert_eq!(national.ie_contact.verdict.as_str(), "not_recommended");
    assert_eq!(adopting.ie_contact.verdict.as_str(), "refused");
    assert_eq!(national.checks, adopting.checks);
    assert_eq!(national.prohibited.len(), adopting.prohibited.len());
}

/// Every shipped force profile works with the current national pack: the one no
/// other pack revises.
#[test]
fn every_profile_works_with_the_current_national_pack() {
    let lib = common::shipped_library();
    let revised: Vec<String> = lib
        .files()
        .filter_map(|f| match &f.file {
            victim_first::core::raw::GuidanceFile::Pack(p) => p.extends.clone(),
            _ => None,
        })
        .collect();
    let current: Vec<&str> = lib
        .pack_ids()
        .into_iter()
        .filter(|id| !revised.iter().any(|r| r == id))
        .collect();
    assert_eq!(current, ["home-office-2023"]);
    for profile in lib.profile_ids() {
        assert!(
            lib.resolve(current[0], Some(profile)).is_ok(),
            "{profile} does not work with {}",
            current[0]
        );
    }
}
