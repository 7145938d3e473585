//! Decision note benchmarks, rerun with `cargo bench --bench note`.
//!
//! For a typical completed case (`tests/data/notes/da-completed.ron`), in process,
//! with the guidance already loaded and the case assessed:
//! 1. building the note from the case, guidance and assessment;
//! 2. rendering the plain text (and its digest);
//! 3. rendering Markdown and JSON;
//! 4. writing the PDF (PDF/A-3a, PDF/UA-1, fonts subset and embedded);
//! 5. verifying a text note and a PDF note.
//!
//! Targets (issue 8): the PDF well under 100 ms, the text under 1 ms.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a benchmark may panic on a broken checkout"
)]

use std::path::Path;
use std::time::{Duration, Instant};

use victim_first::core::case::CaseFacts;
use victim_first::core::{engine, note};
use victim_first::{pdf, store};

const CASE: &str = "tests/data/notes/da-completed.ron";

fn report(name: &str, mut samples: Vec<Duration>) {
    samples.sort();
    let n = samples.len();
    let at = |per_mille: usize| samples[(n - 1) * per_mille / 1000];
    println!(
        "{name:<40} n={n:<5} min {:>8.3} ms   median {:>8.3} ms   p95 {:>8.3} ms",
        at(0).as_secs_f64() * 1e3,
        at(500).as_secs_f64() * 1e3,
        at(950).as_secs_f64() * 1e3
    );
}

fn time<T>(n: usize, mut f: impl FnMut() -> T) -> Vec<Duration> {
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
    let (lib, problems) = store::load_library(Path::new("guidance"));
    assert!(problems.is_empty(), "{problems}");
    let (src, case) = store::read_case(Path::new(CASE)).unwrap();
    let g = lib.resolve(&case.pack, case.profile.as_deref()).unwrap();
    let facts = CaseFacts::from_raw(&g, &src, &case).unwrap();
    let a = engine::assess(&g, &facts);
    let n = note::build(&g, &case, &facts, &a);
    println!(
        "victim-first note benchmarks, {CASE} ({} logical CPUs)",
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    );
    report(
        "build the note",
        time(2000, || note::build(&g, &case, &facts, &a)),
    );
    report(
        "text (with its digest)",
        time(2000, || note::render_text(&n)),
    );
    report("Markdown", time(2000, || note::render_markdown(&n)));
    report("JSON", time(2000, || note::to_json(&n)));
    report("PDF", time(100, || pdf::render(&n).unwrap()));
    let text = note::render_text(&n);
    report(
        "verify a text note",
        time(2000, || note::verify(text.as_bytes())),
    );
    let bytes = pdf::render(&n).unwrap();
    report(
        "verify a PDF note",
        time(2000, || victim_first::pdf_check::verify(&bytes)),
    );
    println!("PDF size: {} bytes", bytes.len());
}
