//! Speed benchmarks, rerun with `cargo bench` (or `scripts/bench.sh`).
//!
//! 1. Loading and validating all shipped guidance, in process: read every file,
//!    parse, check every pack, overlay and profile (what `lint` does).
//! 2. Resolving one pack with a profile and assessing one case, in process.
//! 3. `victim-first assess CASE` as a whole process, start to exit, as an
//!    audit script would call it.
//!
//! 4. Hostile inputs (issue 6): a 4 MB case of 250,000 unknown names, 20,000
//!    decisions citing a missing rule, a 120,000-term condition; each refused.
//!
//! 5. Paired start-up (issue 13): `victim-first --version` against `assess CASE`
//!    on the built-in guidance and on a named folder, run alternately so both
//!    see the same machine; the ratio of the medians is what counts.
//!
//! Targets (issue 2): (1) under 5 ms; (3) within a few milliseconds. (4) under a second.
//! (Issue 13): `assess` on the built-in guidance within 1.5x of `--version`.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a benchmark may panic on a broken checkout"
)]

use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

use victim_first::core::case::CaseFacts;
use victim_first::core::engine;
use victim_first::store;

const CASE: &str = "tests/data/cases/da-doubts-adopting.ron";

fn stats(mut samples: Vec<Duration>) -> (Duration, Duration, Duration) {
    samples.sort();
    // Nearest-rank percentiles, in whole per-mille to stay in integers.
    let at = |per_mille: usize| samples[(samples.len() - 1) * per_mille / 1000];
    (at(0), at(500), at(950))
}

fn report(name: &str, samples: Vec<Duration>) {
    let n = samples.len();
    let (min, median, p95) = stats(samples);
    println!(
        "{name:<48} n={n:<4} min {:>8.3} ms   median {:>8.3} ms   p95 {:>8.3} ms",
        min.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e3,
        p95.as_secs_f64() * 1e3
    );
}

fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
    // Warm the file cache and the allocator first.
    for _ in 0..3 {
        std::hint::black_box(f());
    }
    (0..n)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect()
}

fn main() {
    // `cargo bench` passes `--bench`; ignore arguments.
    let guidance = Path::new("guidance");
    println!(
        "victim-first speed benchmarks ({} logical CPUs)",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );

    report(
        "load (read + parse) all shipped guidance",
        time(300, || store::load_library(guidance)),
    );
    report(
        "load + validate all shipped guidance",
        time(300, || {
            let (lib, problems) = store::load_library(guidance);
            assert!(problems.is_empty());
            assert!(lib.lint().is_empty());
            lib
        }),
    );

    report(
        "load the built-in guidance (parse; linted at build)",
        time(300, || {
            let l = store::load_builtin();
            assert!(l.problems_with_lint().is_empty());
            l
        }),
    );

    let (lib, _) = store::load_library(guidance);
    let (src, case) = store::read_case(Path::new(CASE)).expect("case");
    report(
        "resolve pack + profile, check case, assess",
        time(2000, || {
            let g = lib
                .resolve(&case.pack, case.profile.as_deref())
                .expect("resolves");
            let facts = CaseFacts::from_raw(&g, &src, &case).expect("valid case");
            engine::assess(&g, &facts)
        }),
    );

    report(
        "built-in: read the pack + profile the build merged, check case, assess",
        time(2000, || {
            let g = victim_first::builtin::resolved(&case.pack, case.profile.as_deref())
                .expect("merged by the build");
            let facts = CaseFacts::from_raw(&g, &src, &case).expect("valid case");
            engine::assess(&g, &facts)
        }),
    );

    keystroke(&lib);

    let bin = env!("CARGO_BIN_EXE_victim-first");
    report(
        "`victim-first assess CASE` (whole process)",
        time(100, || {
            let out = Command::new(bin)
                .args(["assess", CASE, "--guidance", "guidance"])
                .output()
                .expect("runs");
            assert!(out.status.success());
        }),
    );
    report(
        "`victim-first assess CASE --json` (whole process)",
        time(100, || {
            let out = Command::new(bin)
                .args(["assess", CASE, "--json", "--guidance", "guidance"])
                .output()
                .expect("runs");
            assert!(out.status.success());
        }),
    );
    paired(bin);
    hostile(bin);
}

/// `--version`, `assess` on the built-in guidance and `assess --guidance guidance`,
/// alternately, from a folder with no guidance in it; medians and their ratios.
fn paired(bin: &str) {
    let here = std::env::current_dir().expect("cwd");
    let case = here.join(CASE);
    let case = case.to_str().expect("UTF-8 path");
    let folder = here.join("guidance");
    let folder = folder.to_str().expect("UTF-8 path");
    let elsewhere = std::env::temp_dir();
    let run = |args: &[&str]| {
        let start = Instant::now();
        let out = Command::new(bin)
            .args(args)
            .current_dir(&elsewhere)
            .env_remove("VICTIM_FIRST_GUIDANCE")
            .output()
            .expect("runs");
        let took = start.elapsed();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        took
    };
    let kinds: [&[&str]; 3] = [
        &["--version"],
        &["assess", case],
        &["assess", case, "--guidance", folder],
    ];
    let mut samples: [Vec<Duration>; 3] = Default::default();
    for round in 0..300 {
        // Alternate the order so neither always runs with a warmer cache.
        for k in 0..3 {
            let k = (k + round) % 3;
            samples[k].push(run(kinds[k]));
        }
    }
    let median = |v: &mut Vec<Duration>| {
        v.sort();
        v[v.len() / 2].as_secs_f64() * 1e3
    };
    let [mut version, mut builtin, mut named] = samples;
    let (v, b, n) = (
        median(&mut version),
        median(&mut builtin),
        median(&mut named),
    );
    println!("paired start-up, 300 rounds, medians:");
    println!("  `victim-first --version`                      {v:>8.3} ms");
    println!(
        "  `assess CASE` on the built-in guidance        {b:>8.3} ms   {:.2}x --version (target: within 1.5x)",
        b / v
    );
    println!(
        "  `assess CASE --guidance guidance` (linted)    {n:>8.3} ms   {:.2}x --version",
        n / v
    );
}

/// Hostile inputs (issue 6), each answered with an error: how long a refusal takes.
fn hostile(bin: &str) {
    let dir = std::env::temp_dir().join(format!("vf-bench-{}", std::process::id()));
    let g = dir.join("guidance");
    std::fs::create_dir_all(&dir).expect("temp");
    let _ = Command::new("cp").args(["-r", "guidance"]).arg(&g).status();
    let mut big = String::from("(pack: \"safe-to-share-2020\", facts: {\n");
    big.extend((0..250_000).map(|i| format!("\"u{i:06}\":\"\",\n")));
    big.push_str("})\n");
    let case = dir.join("big.ron");
    std::fs::write(&case, big).expect("write");
    let case = case.display().to_string();
    report(
        "assess a 4 MB case, 250,000 unknown names",
        time(10, || {
            let out = Command::new(bin)
                .args(["assess", &case, "--guidance", "guidance"])
                .output()
                .expect("runs");
            assert_eq!(out.status.code(), Some(1));
        }),
    );
    let profile = |decisions: &str| {
        format!(
            "Profile(id: \"crafted\", force: \"C\", version: \"1\", effective: \"2025-01-01\", review_by: \"2026-01-01\", requires: \"safe-to-share-2020\", adopts: [], risk_tool: Dash, contacts: [], ie_referral_route: \"x\", summary: \"x\", sources: [], guidance: [], decisions: [{decisions}])"
        )
    };
    let crafted = g.join("forces/crafted.ron");
    let missing = |n: usize| {
        (0..n)
            .map(|i| format!("(id: \"d{i}\", applies_to: Check, when: Is(\"role\", \"victim\"), then: [Refuse], because: [\"NO-SUCH-RULE\"], says: \"x\")"))
            .collect::<Vec<_>>()
            .join(",\n")
    };
    std::fs::write(&crafted, profile(&missing(1000))).expect("write");
    let lint = |name: &str| {
        let shown = g.display().to_string();
        report(
            name,
            time(10, || {
                let out = Command::new(bin)
                    .args(["lint", &shown])
                    .output()
                    .expect("runs");
                assert_eq!(out.status.code(), Some(1));
            }),
        );
    };
    lint("lint 1,000 decisions citing a missing rule");
    std::fs::write(&crafted, profile(&missing(20_000))).expect("write");
    lint("lint 20,000 decisions citing a missing rule");
    let terms = vec!["Is(\"role\", \"victim\")"; 120_000].join(",");
    std::fs::write(
        &crafted,
        profile(&format!("(id: \"huge\", applies_to: Check, when: Any([{terms}]), then: [Refuse], because: [\"NPCC18-03\"], says: \"x\")")),
    )
    .expect("write");
    lint("lint a 120,000-term condition");
    let _ = std::fs::remove_dir_all(&dir);
}

/// What a keystroke in a text field costs the frame: the edit applied to the
/// open case (verdicts again, the trail's comparison), with and without
/// handing the draft to the autosaver (the case file's text; the disk write
/// itself is on the autosaver's thread).
fn keystroke(lib: &victim_first::core::validate::Library) {
    use victim_first::core::raw::Officer;
    use victim_first::gui::{Action, GuiState};
    let example = std::fs::read("docs/screenshots/example-case.ron").expect("example case");
    let mut state = GuiState::new(
        lib.clone(),
        victim_first::core::diagnostic::Diagnostics::default(),
    );
    state.clock = Box::new(|| "2026-12-04T09:00:00Z".to_owned());
    state.update(Action::CaseRead("example.ron".to_owned(), example));
    let mut name = String::new();
    let mut key = |state: &mut GuiState| {
        name.push('a');
        if name.len() > 40 {
            name.clear();
        }
        state.update(Action::SetOfficer(Officer {
            name: name.clone(),
            ..Officer::default()
        }));
    };
    report(
        "a keystroke: the edit applied, without autosave",
        time(2000, || {
            key(&mut state);
            state.case.as_mut().map(|o| o.autosave_due = false)
        }),
    );
    report(
        "a keystroke: the edit applied and the draft handed to the autosaver",
        time(2000, || {
            key(&mut state);
            state.take_autosave()
        }),
    );
}
