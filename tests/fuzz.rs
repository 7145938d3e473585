//! Fuzzing each loader (issue 6): the guidance file loader and the case file
//! loader, over arbitrary bytes and over real files mutated byte by byte, each
//! followed by everything that runs on a file that loads (lint, resolve, check
//! the case, assess, render). Nothing may panic, hang or use unbounded memory.
//!
//! Bounded for CI: a fixed number of cases per property (override with
//! `PROPTEST_CASES`), each under a time guard.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

mod common;

use std::time::{Duration, Instant};

use proptest::prelude::*;
use victim_first::core::case::CaseFacts;
use victim_first::core::validate::{Library, LoadedFile};
use victim_first::core::{engine, parse, report};
use victim_first::scenario_cli;

/// Per input, far above what any input here needs.
const GUARD: Duration = Duration::from_secs(5);

const GUIDANCE: [&str; 6] = [
    "guidance/national/npcc-2018.ron",
    "guidance/national/npcc-2020.ron",
    "guidance/national/safe-to-share-2020.ron",
    "guidance/overlays/sts-rec1.ron",
    "guidance/forces/example-adopting.ron",
    "guidance/forces/example-national.ron",
];

const CASES: [&str; 4] = [
    "tests/data/cases/da-doubts-adopting.ron",
    "tests/data/cases/status-only-check.ron",
    "tests/data/cases/ie-sarc-crisis.ron",
    "tests/data/cases/witness-2018.ron",
];

const SCENARIOS: [&str; 3] = [
    "guidance/scenarios/01-da-standard-risk-national.ron",
    "guidance/scenarios/11-slavery-no-consent-crisis.ron",
    "guidance/scenarios/22-status-enquiries-national.ron",
];

/// Fragments that make damage interesting to a RON parser and to validation.
const TOKENS: [&str; 14] = [
    "(",
    ")",
    "[",
    "]",
    "\"",
    ",",
    ":",
    "Not(",
    "All([",
    "/*",
    "\r",
    "\u{1b}[2J",
    "Permit",
    "é",
];

/// One edit of a file's bytes.
#[derive(Clone, Debug)]
enum Edit {
    Flip(usize, u8),
    Delete(usize, usize),
    Insert(usize, u8),
    Token(usize, usize),
    /// Copy up to 64 bytes from the first offset to the second (repeats ids, fields...).
    Duplicate(usize, usize, usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Flip(a, b)),
        (any::<usize>(), 1usize..16).prop_map(|(a, n)| Edit::Delete(a, n)),
        (any::<usize>(), any::<u8>()).prop_map(|(a, b)| Edit::Insert(a, b)),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(a, t)| Edit::Token(a, t)),
        (any::<usize>(), any::<usize>(), 1usize..64).prop_map(|(a, b, n)| Edit::Duplicate(a, b, n)),
    ]
}

fn apply(bytes: &mut Vec<u8>, edits: &[Edit]) {
    for e in edits {
        let len = bytes.len().max(1);
        match *e {
            Edit::Flip(at, b) => {
                if let Some(x) = bytes.get_mut(at % len) {
                    *x = b;
                }
            }
            Edit::Delete(at, n) => {
                let start = (at % len).min(bytes.len());
                let end = (start + n).min(bytes.len());
                bytes.drain(start..end);
            }
            Edit::Insert(at, b) => bytes.insert((at % len).min(bytes.len()), b),
            Edit::Token(at, t) => {
                let at = (at % len).min(bytes.len());
                let token = TOKENS[t % TOKENS.len()].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            Edit::Duplicate(from, to, n) => {
                let from = (from % len).min(bytes.len());
                let end = (from + n).min(bytes.len());
                let piece = bytes[from..end].to_vec();
                let to = (to % len).min(bytes.len());
                bytes.splice(to..to, piece);
            }
        }
    }
}

/// The shipped guidance files, parsed once.
fn shipped_files() -> Vec<LoadedFile> {
    GUIDANCE
        .iter()
        .map(|p| {
            let bytes = std::fs::read(p).expect("shipped file");
            let (src, file) = parse::guidance_file(p, &bytes).expect("parses");
            LoadedFile { src, file }
        })
        .collect()
}

/// Everything that runs on a case once it loads, under every pack and profile.
fn assess_everywhere(lib: &Library, name: &str, bytes: &[u8]) {
    let Ok((src, case)) = parse::case_file(name, bytes) else {
        return;
    };
    let _ = lib.check_case_refs(&src, &case.pack, case.profile.as_deref());
    let mut profiles: Vec<Option<&str>> = vec![None, case.profile.as_deref()];
    profiles.extend(lib.profile_ids().into_iter().map(Some));
    for pack in lib.pack_ids() {
        for profile in &profiles {
            if let Ok(g) = lib.resolve(pack, *profile)
                && let Ok(facts) = CaseFacts::from_raw(&g, &src, &case)
            {
                let a = engine::assess(&g, &facts);
                let _ = report::to_text(&g, &a);
                let _ = report::to_json(&a);
            }
        }
    }
}

/// The most memory this process has held, from Linux's own count.
fn peak_memory_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn the_guidance_loader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let start = Instant::now();
        if let Ok((src, file)) = parse::guidance_file("fuzz.ron", &bytes) {
            let (lib, _) = Library::new(vec![LoadedFile { src, file }]);
            let _ = lib.lint();
        }
        prop_assert!(start.elapsed() < GUARD);
    }

    #[test]
    fn the_case_loader_survives_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..4096)) {
        let start = Instant::now();
        assess_everywhere(common::shipped_library(), "fuzz.ron", &bytes);
        prop_assert!(start.elapsed() < GUARD);
    }

    #[test]
    fn mutated_guidance_files_are_reported_or_checked(
        which in 0..GUIDANCE.len(),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let start = Instant::now();
        let mut files = shipped_files();
        let mut bytes = std::fs::read(GUIDANCE[which]).expect("file");
        apply(&mut bytes, &edits);
        files.remove(which);
        if let Ok((src, file)) = parse::guidance_file(GUIDANCE[which], &bytes) {
            files.push(LoadedFile { src, file });
        }
        let (lib, _) = Library::new(files);
        let _ = lib.lint();
        assess_everywhere(&lib, CASES[which % CASES.len()], &std::fs::read(CASES[which % CASES.len()]).expect("case"));
        prop_assert!(start.elapsed() < GUARD);
    }

    #[test]
    fn mutated_scenario_files_are_reported_or_run(
        which in 0..SCENARIOS.len(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let start = Instant::now();
        let mut bytes = std::fs::read(SCENARIOS[which]).expect("scenario");
        apply(&mut bytes, &edits);
        let files = vec![(SCENARIOS[which].to_owned(), Ok(bytes.clone()))];
        let mut coverage = victim_first::core::scenario::Coverage::default();
        for (_, outcome) in scenario_cli::run_all(common::shipped_library(), &files, &mut coverage) {
            if let scenario_cli::Outcome::Failed { located, .. } | scenario_cli::Outcome::Broken(located) = outcome {
                let _ = located.to_string();
            }
        }
        let _ = victim_first::core::scenario::results::parse_result("r.ron", &bytes);
        prop_assert!(start.elapsed() < GUARD);
    }

    #[test]
    fn mutated_case_files_are_reported_or_assessed(
        which in 0..CASES.len(),
        edits in prop::collection::vec(edit(), 1..8),
    ) {
        let start = Instant::now();
        let mut bytes = std::fs::read(CASES[which]).expect("case");
        apply(&mut bytes, &edits);
        assess_everywhere(common::shipped_library(), CASES[which], &bytes);
        prop_assert!(start.elapsed() < GUARD);
    }
}

/// The largest case accepted, full of errors, is loaded and checked in bounded memory.
#[test]
fn the_largest_case_loads_in_bounded_memory() {
    let mut text = String::from("(pack: \"safe-to-share-2020\", facts: {\n");
    text.extend((0..250_000).map(|i| format!("\"u{i:06}\":\"\",\n")));
    text.push_str("})\n");
    assert!(text.len() < parse::MAX_FILE_BYTES);
    let lib = common::shipped_library();
    let (src, case) = parse::case_file("big.ron", text.as_bytes()).expect("parses");
    let g = lib.resolve(&case.pack, None).expect("resolves");
    let errors = CaseFacts::from_raw(&g, &src, &case).expect_err("unknown facts");
    assert_eq!(errors.len(), 200, "199 listed and a count of the rest");
    let shown = errors.to_string();
    assert!(
        shown.ends_with("big.ron: ... and 249801 more problems of the same kinds, not listed\n"),
        "{shown}"
    );
    if let Some(peak) = peak_memory_bytes() {
        // A 4 MB file: its text, its parse and a quarter of a million located
        // errors stay well under this.
        assert!(peak < 1024 * 1024 * 1024, "peak memory {peak} bytes");
    }
}
