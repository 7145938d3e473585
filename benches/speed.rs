//! Speed benchmarks, rerun with `cargo bench` (or `scripts/bench.sh`).
//!
//! 1. Loading and validating all shipped guidance, in process: read every file,
//!    parse, check every pack, overlay and profile (what `lint` does).
//! 2. Resolving one pack with a profile and assessing one case, in process.
//! 3. `victim-first assess CASE` as a whole process, start to exit, as an
//!    audit script would call it.
//!
//! Targets (issue 2): (1) under 5 ms; (3) within a few milliseconds.

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
}
