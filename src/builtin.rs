//! The published guidance, compiled into the binary.
//!
//! `build.rs` checks every file the manifest (`guidance/national.sha256`) names
//! against its recorded SHA-256 and lints the set with the app's own core; a
//! build with any difference or problem fails. So the files here are the
//! published ones, already validated: a run that uses only them skips `lint`.

use crate::core::diagnostic::Diagnostics;
use crate::core::guidance::Guidance;
use crate::core::parse;
use crate::core::source::SourceText;
use crate::core::validate::LoadedFile;
use crate::core::{digest, published, raw};

mod generated {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// One built-in file.
#[derive(Clone, Copy, Debug)]
pub struct File {
    /// Its name in the manifest (`national/npcc-2018.ron`).
    pub name: &'static str,
    /// Its bytes, as published and checked.
    pub bytes: &'static [u8],
    /// The same bytes as text: the build proved them UTF-8.
    pub text: &'static str,
    /// The same file parsed by the build (`raw::GuidanceFile`, postcard, LZ4).
    pub parsed: &'static [u8],
    /// The SHA-256 of `bytes`, computed by the build.
    pub digest: &'static str,
}

/// Every built-in file, in the manifest's order.
pub fn all() -> impl Iterator<Item = File> {
    generated::FILES
        .iter()
        .map(|&(name, text, parsed, digest)| File {
            name,
            bytes: text.as_bytes(),
            text,
            parsed,
            digest,
        })
}

/// Each built-in file: its name in the manifest (`national/npcc-2018.ron`) and its bytes.
pub fn files() -> Vec<(&'static str, &'static [u8])> {
    all().map(|f| (f.name, f.bytes)).collect()
}

/// The training scenarios shipped in `guidance/scenarios/`, in name order: each
/// shown as `<built-in>/scenarios/x.ron`, with its text.
pub fn scenarios() -> impl Iterator<Item = (String, &'static str)> {
    generated::SCENARIOS
        .iter()
        .map(|&(name, text)| (published::shown_path(name), text))
}

/// The manifest the built-in files were checked against when the binary was built.
pub fn manifest() -> &'static str {
    generated::MANIFEST
}

/// SHA-256 over the SHA-256 of each built-in file, in the manifest's order: one
/// digest that names this binary's built-in guidance.
pub fn digest() -> String {
    digest::combined(all().map(|f| f.digest))
}

/// The built-in files, parsed: read from the build's parsed form rather than
/// parsed from RON again. A file whose parsed form cannot be read (which
/// `tests/builtin.rs` rules out) is parsed from its RON instead, so nothing is lost.
pub fn loaded() -> (Vec<LoadedFile>, Diagnostics) {
    loaded_except(&[])
}

/// [`loaded`], leaving out the files with these digests (a folder holds the same
/// bytes, so they need not be read twice).
pub fn loaded_except(digests: &[&str]) -> (Vec<LoadedFile>, Diagnostics) {
    let mut files = Vec::new();
    let mut problems = Diagnostics::default();
    for f in all().filter(|f| !digests.contains(&f.digest)) {
        let shown = published::shown_path(f.name);
        match parsed(f) {
            Some(file) => files.push(LoadedFile {
                src: SourceText::built_in(&shown, f.text, f.digest),
                file,
            }),
            None => match parse::guidance_file(&shown, f.bytes) {
                Ok((src, file)) => files.push(LoadedFile { src, file }),
                Err(d) => problems.0.push(d),
            },
        }
    }
    (files, problems)
}

/// A file's parsed form as the build wrote it.
pub fn parsed(file: File) -> Option<raw::GuidanceFile> {
    let bytes = lz4_flex::decompress_size_prepended(file.parsed).ok()?;
    postcard::from_bytes(&bytes).ok()
}

/// The built-in guidance for `pack` with `profile` (or none), as the build
/// merged it: what `Library::resolve` gives on the built-in files, without the
/// merging (`tests/builtin.rs` holds the two equal for every pair). `None` when
/// the pair was not merged (an unknown id, or a profile written for another
/// pack); the caller then resolves as usual, which says why.
pub fn resolved(pack: &str, profile: Option<&str>) -> Option<Guidance> {
    // The table writes "no profile" as an empty id; a profile named "" is not that.
    if profile == Some("") {
        return None;
    }
    let profile = profile.unwrap_or_default();
    let &(_, _, bytes) = generated::RESOLVED
        .iter()
        .find(|(p, f, _)| *p == pack && *f == profile)?;
    let bytes = lz4_flex::decompress_size_prepended(bytes).ok()?;
    let (mut guidance, paths): (Guidance, Vec<String>) = postcard::from_bytes(&bytes).ok()?;
    if paths.len() != guidance.layers.len() {
        return None;
    }
    for (layer, path) in guidance.layers.iter_mut().zip(paths) {
        layer.path = path;
    }
    Some(guidance)
}

/// Every pack and profile pair the build merged (profile empty for none).
pub fn resolved_pairs() -> impl Iterator<Item = (&'static str, Option<&'static str>)> {
    generated::RESOLVED
        .iter()
        .map(|&(p, f, _)| (p, (!f.is_empty()).then_some(f)))
}

/// The program's version, as built.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
