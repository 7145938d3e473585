//! Helpers shared by the integration tests.
#![allow(dead_code, reason = "each test binary uses a different subset")]

use std::path::Path;

use victim_first::core::case::CaseFacts;
use victim_first::core::engine::{self, Assessment};
use victim_first::core::guidance::Guidance;
use victim_first::core::validate::Library;
use victim_first::store;

/// The guidance shipped in `guidance/`, which must load without a single problem.
/// Loaded once per test binary.
pub fn shipped_library() -> &'static Library {
    static LIB: std::sync::OnceLock<Library> = std::sync::OnceLock::new();
    LIB.get_or_init(|| {
        let (lib, problems) = store::load_library(Path::new("guidance"));
        assert!(problems.is_empty(), "{problems}");
        let lint = lib.lint();
        assert!(lint.is_empty(), "{lint}");
        lib
    })
}

/// Assesses a case file, optionally overriding its profile or pack.
pub fn assess_file(
    lib: &Library,
    path: &Path,
    profile: Option<&str>,
    pack: Option<&str>,
) -> (Guidance, Assessment) {
    let (src, case) = store::read_case(path).unwrap_or_else(|d| panic!("{d}"));
    let g = lib
        .resolve(
            pack.unwrap_or(&case.pack),
            profile.or(case.profile.as_deref()),
        )
        .unwrap_or_else(|d| panic!("{d}"));
    let facts =
        CaseFacts::from_raw(&g, &src, &case).unwrap_or_else(|d| panic!("{}: {d}", path.display()));
    let mut a = engine::assess(&g, &facts);
    victim_first::core::needed::settle(&g, &case, &mut a);
    (g, a)
}

/// The decision note of a case file under the shipped guidance.
pub fn note_for(path: &str) -> victim_first::core::note::Note {
    let lib = shipped_library();
    let (src, case) = store::read_case(Path::new(path)).unwrap_or_else(|d| panic!("{d}"));
    let g = lib
        .resolve(&case.pack, case.profile.as_deref())
        .unwrap_or_else(|d| panic!("{d}"));
    let facts = CaseFacts::from_raw(&g, &src, &case).unwrap_or_else(|d| panic!("{d}"));
    let mut a = engine::assess(&g, &facts);
    victim_first::core::needed::settle(&g, &case, &mut a);
    victim_first::core::note::build(&g, &case, &facts, &a)
}
