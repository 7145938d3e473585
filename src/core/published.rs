//! The check a build makes of the guidance it compiles in.
//!
//! `build.rs` reads every file the manifest (`guidance/national.sha256`) names
//! and calls [`check`]: each file must be byte for byte the one the manifest
//! records, no file may be left out, and the set must pass `lint` as one
//! library. Any problem fails the build, so a binary's built-in guidance is the
//! published guidance, already validated, and a run on it need not lint again.

use super::diagnostic::Diagnostics;
use super::digest::sha256_hex;
use super::guidance::Guidance;
use super::manifest::Manifest;
use super::parse;
use super::validate::{Library, LoadedFile};

/// The prefix of a built-in file's shown path (`<built-in>/national/x.ron`):
/// not a path on any disk, and its last two parts are the manifest's name.
pub const BUILT_IN: &str = "<built-in>";

/// The shown path of a built-in file, from its name in the manifest.
pub fn shown_path(name: &str) -> String {
    format!("{BUILT_IN}/{name}")
}

/// Checks `files` (name in the manifest, bytes) against the manifest's text and
/// lints them together. Returns every problem found, each naming its file.
pub fn check(manifest: &str, files: &[(String, Vec<u8>)]) -> Result<(), Vec<String>> {
    let manifest =
        Manifest::parse(manifest).map_err(|e| vec![format!("guidance/national.sha256: {e}")])?;
    let mut problems = Vec::new();
    for (name, want) in manifest.entries() {
        match files.iter().find(|(n, _)| n == name) {
            None => problems.push(format!(
                "guidance/{name}: named in the manifest but not given to the build"
            )),
            Some((_, bytes)) => {
                let got = sha256_hex(bytes);
                if got != want {
                    problems.push(format!(
                        "guidance/{name}: its SHA-256 is {got}, but the manifest records {want}; \
                         if this is a new published version, run scripts/update-manifest.sh"
                    ));
                }
            }
        }
    }
    for (name, _) in files {
        if !manifest.entries().any(|(n, _)| n == name) {
            problems.push(format!(
                "guidance/{name}: not in the manifest, so it cannot be built in"
            ));
        }
    }
    if !problems.is_empty() {
        return Err(problems);
    }
    let (library, parse_problems) = load(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    let mut all = parse_problems;
    all.0.append(&mut library.lint().0);
    if all.is_empty() {
        Ok(())
    } else {
        all.normalise();
        Err(all.0.iter().map(ToString::to_string).collect())
    }
}

/// Parses `files` (name in the manifest, bytes) into a library, each shown as
/// `<built-in>/name`. Files that do not parse are reported and left out.
pub fn load<'a>(files: impl IntoIterator<Item = (&'a str, &'a [u8])>) -> (Library, Diagnostics) {
    let (loaded, mut problems) = parse_all(files);
    let (library, mut more) = Library::new(loaded);
    problems.0.append(&mut more.0);
    (library, problems)
}

/// Parses `files` (name in the manifest, bytes), each shown as `<built-in>/name`.
pub fn parse_all<'a>(
    files: impl IntoIterator<Item = (&'a str, &'a [u8])>,
) -> (Vec<LoadedFile>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let mut loaded = Vec::new();
    for (name, bytes) in files {
        match parse::guidance_file(&shown_path(name), bytes) {
            Ok((src, file)) => loaded.push(LoadedFile { src, file }),
            Err(d) => problems.0.push(d),
        }
    }
    (loaded, problems)
}

/// One national pack with one force profile (or none), merged ahead of time.
pub struct Resolved {
    pub pack: String,
    pub profile: Option<String>,
    pub guidance: Guidance,
}

/// Every pack and profile pair in `library` that resolves (a profile written
/// for another pack does not): what the build merges ahead of time, so that a
/// run on the built-in guidance merges nothing.
pub fn resolve_all(library: &Library) -> Vec<Resolved> {
    let mut all = Vec::new();
    for pack in library.pack_ids() {
        let profiles = library.profile_ids();
        for profile in std::iter::once(None).chain(profiles.into_iter().map(Some)) {
            if library.incompatibility(pack, profile).is_some() {
                continue;
            }
            if let Ok(guidance) = library.resolve(pack, profile) {
                all.push(Resolved {
                    pack: pack.to_owned(),
                    profile: profile.map(str::to_owned),
                    guidance,
                });
            }
        }
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    const OVERLAY: &str = r#"Overlay(
    id: "o",
    title: "An overlay with nothing to build on",
    version: "1",
    base: "none",
    effective: "2020-01-01",
    review_by: "2030-01-01",
)"#;

    fn manifest_for(files: &[(String, Vec<u8>)]) -> String {
        let mut text = String::new();
        for (n, b) in files {
            text.push_str(&sha256_hex(b));
            text.push_str("  ");
            text.push_str(n);
            text.push('\n');
        }
        text
    }

    #[test]
    fn a_file_that_differs_from_the_manifest_fails_naming_it_and_both_digests() {
        let files = vec![("national/a.ron".to_owned(), b"Pack()".to_vec())];
        let manifest = manifest_for(&files);
        let changed = vec![("national/a.ron".to_owned(), b"Pack() ".to_vec())];
        let err = check(&manifest, &changed).expect_err("a changed byte fails the build");
        assert_eq!(err.len(), 1, "{err:?}");
        assert!(err[0].contains("guidance/national/a.ron"), "{err:?}");
        assert!(err[0].contains(&sha256_hex(b"Pack() ")), "{err:?}");
        assert!(err[0].contains(&sha256_hex(b"Pack()")), "{err:?}");
    }

    #[test]
    fn a_file_missing_or_not_in_the_manifest_fails() {
        let files = vec![("national/a.ron".to_owned(), b"x".to_vec())];
        let manifest = manifest_for(&files);
        let err = check(&manifest, &[]).expect_err("missing");
        assert!(err[0].contains("not given to the build"), "{err:?}");
        let extra = vec![
            ("national/a.ron".to_owned(), b"x".to_vec()),
            ("national/b.ron".to_owned(), b"y".to_vec()),
        ];
        let err = check(&manifest, &extra).expect_err("extra");
        assert!(err[0].contains("national/b.ron"), "{err:?}");
        assert!(err[0].contains("not in the manifest"), "{err:?}");
    }

    #[test]
    fn files_as_published_but_rejected_by_lint_fail_too() {
        let files = vec![("overlays/o.ron".to_owned(), OVERLAY.as_bytes().to_vec())];
        let manifest = manifest_for(&files);
        let err = check(&manifest, &files).expect_err("lint problems fail the build");
        assert!(
            err.iter()
                .all(|e| e.starts_with("<built-in>/overlays/o.ron")),
            "{err:?}"
        );
    }

    #[test]
    fn an_unreadable_manifest_fails() {
        let err = check("not a manifest line", &[]).expect_err("bad manifest");
        assert!(err[0].contains("line 1"), "{err:?}");
    }
}
