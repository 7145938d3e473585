//! Where `assess` on the built-in guidance spends its time, phase by phase:
//! `cargo run --release --example phase_times -- CASE [resolve]` (with `resolve`,
//! only resolving, many times over, for a profiler).
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::many_single_char_names,
    reason = "a measuring tool"
)]
use std::time::Instant;
fn main() {
    let case = std::env::args().nth(1).expect("case");
    let only_resolve = std::env::args().nth(2).is_some();
    let n = if only_resolve { 1000 } else { 50 };
    let mut t = [0f64; 6];
    let (files, _) = victim_first::builtin::loaded();
    let (lib, _) = victim_first::core::validate::Library::new(files);
    for _ in 0..n {
        if !only_resolve {
            let s = Instant::now();
            let (files, _) = victim_first::builtin::loaded();
            t[0] += s.elapsed().as_secs_f64();
            let s = Instant::now();
            let (lib2, _) = victim_first::core::validate::Library::new(files);
            std::hint::black_box(lib2);
            t[1] += s.elapsed().as_secs_f64();
        }
        let s = Instant::now();
        let (src, c) = victim_first::store::read_case(std::path::Path::new(&case)).expect("case");
        t[2] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        let g = lib
            .resolve(&c.pack, c.profile.as_deref())
            .expect("resolves");
        t[3] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        let f = victim_first::core::case::CaseFacts::from_raw(&g, &src, &c).expect("facts");
        let a = victim_first::core::engine::assess(&g, &f);
        t[4] += s.elapsed().as_secs_f64();
        let s = Instant::now();
        let text = victim_first::core::report::to_text(&g, &a);
        std::hint::black_box(text);
        t[5] += s.elapsed().as_secs_f64();
    }
    for (name, v) in [
        "parse",
        "Library::new",
        "read case",
        "resolve",
        "facts+assess",
        "report",
    ]
    .iter()
    .zip(t)
    {
        println!("{name:<14} {:.3} ms", v / f64::from(n) * 1e3);
    }
}
