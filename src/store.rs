//! Reading guidance and case files from disk: the only place the core's inputs touch the file system.

use std::path::{Path, PathBuf};

use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::parse::{self, SourceText};
use crate::core::raw;
use crate::core::validate::{Library, LoadedFile};

/// Where guidance is looked for when none is named: `$VICTIM_FIRST_GUIDANCE`,
/// then `guidance/` in the working directory, then `guidance/` beside the
/// executable, then the source tree the binary was built from.
pub fn default_guidance_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("VICTIM_FIRST_GUIDANCE") {
        return PathBuf::from(dir);
    }
    let mut candidates = vec![PathBuf::from("guidance")];
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        candidates.push(dir.join("guidance"));
    }
    candidates.push(Path::new(env!("CARGO_MANIFEST_DIR")).join("guidance"));
    candidates
        .iter()
        .find(|c| c.is_dir())
        .cloned()
        .unwrap_or_else(|| PathBuf::from("guidance"))
}

/// Every `.ron` file under `path` (or `path` itself if it is a file), sorted.
fn ron_files(path: &Path, out: &mut Vec<PathBuf>, problems: &mut Diagnostics) {
    if path.is_file() {
        out.push(path.to_path_buf());
        return;
    }
    let entries = match std::fs::read_dir(path) {
        Ok(e) => e,
        Err(e) => {
            problems.0.push(Diagnostic::new(
                &path.display().to_string(),
                None,
                format!("cannot read: {e}"),
            ));
            return;
        }
    };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for p in paths {
        let hidden = p
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if p.is_dir() {
            ron_files(&p, out, problems);
        } else if p.extension().and_then(|e| e.to_str()) == Some("ron") {
            out.push(p);
        }
    }
}

/// Loads every guidance file under `path`. Files that fail to parse are
/// reported and left out; the rest are returned, so one bad file loses nothing else.
pub fn load_library(path: &Path) -> (Library, Diagnostics) {
    let (files, mut problems) = load_files(path);
    let (lib, mut more) = Library::new(files);
    problems.0.append(&mut more.0);
    (lib, problems)
}

/// Loads the guidance under `context` with `file` in place of any file with the
/// same id, so one file can be checked with the packs it builds on.
pub fn load_library_with(file: &Path, context: &Path) -> (Library, Diagnostics) {
    let (mine, mut problems) = load_files(file);
    let (others, _) = load_files(context);
    let mine_ids: Vec<&str> = mine.iter().map(LoadedFile::id).collect();
    let mine_digests: Vec<&str> = mine.iter().map(|f| f.src.digest.as_str()).collect();
    let mut files: Vec<LoadedFile> = others
        .into_iter()
        .filter(|f| !mine_ids.contains(&f.id()) && !mine_digests.contains(&f.src.digest.as_str()))
        .collect();
    files.extend(mine);
    let (lib, mut more) = Library::new(files);
    problems.0.append(&mut more.0);
    (lib, problems)
}

/// Reads and parses every guidance file under `path` (or `path` itself).
pub fn load_files(path: &Path) -> (Vec<LoadedFile>, Diagnostics) {
    let mut problems = Diagnostics::default();
    if !path.exists() {
        problems.0.push(Diagnostic::new(
            &path.display().to_string(),
            None,
            "no such file or folder",
        ));
        return (Vec::new(), problems);
    }
    let mut paths = Vec::new();
    ron_files(path, &mut paths, &mut problems);
    let mut files = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        match std::fs::read(&p) {
            Ok(bytes) => match parse::guidance_file(&shown, &bytes) {
                Ok((src, file)) => files.push(LoadedFile { src, file }),
                // A case file in a guidance folder is a common slip: say what it is.
                Err(_) if parse::case_file(&shown, &bytes).is_ok() => {
                    problems.0.push(Diagnostic::new(
                        &shown,
                        None,
                        "this is a case file, not guidance; assess it with `victim-first assess`",
                    ));
                }
                Err(d) => problems.0.push(d),
            },
            Err(e) => problems
                .0
                .push(Diagnostic::new(&shown, None, format!("cannot read: {e}"))),
        }
    }
    (files, problems)
}

/// Reads and parses a case file.
pub fn read_case(path: &Path) -> Result<(SourceText, raw::Case), Diagnostics> {
    let shown = path.display().to_string();
    let bytes = std::fs::read(path).map_err(|e| {
        Diagnostics(vec![Diagnostic::new(
            &shown,
            None,
            format!("cannot read: {e}"),
        )])
    })?;
    parse::case_file(&shown, &bytes).map_err(|d| Diagnostics(vec![d]))
}
