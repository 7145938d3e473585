//! Reading guidance and case files from disk: the only place the core's inputs touch the file system.
//!
//! Everything read here comes from outside the program, so: only regular files
//! are opened (never a FIFO, device or socket, which could block or never end);
//! every read goes through a size cap; a folder reached twice through links is
//! walked once; each kind of guidance file must be in its own folder; and every
//! national pack and overlay is compared with the digests published in the
//! manifest compiled into the app.

use std::collections::BTreeSet;
use std::io::Read as _;
use std::path::{Path, PathBuf};

use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::manifest::{Manifest, Published};
use crate::core::parse::{self, SourceText};
use crate::core::raw;
use crate::core::validate::{Library, LoadedFile};

/// The environment variable that names the guidance folder.
pub const GUIDANCE_ENV: &str = "VICTIM_FIRST_GUIDANCE";

/// The published digests of the national packs and overlays, as shipped.
const MANIFEST: &str = include_str!("../guidance/national.sha256");

/// How deep a guidance folder may nest.
const MAX_DEPTH: usize = 8;

/// The manifest compiled into the app. An unreadable one (which a test rules
/// out) counts as empty, so every national file is reported as not published.
pub fn shipped_manifest() -> Manifest {
    Manifest::parse(MANIFEST).unwrap_or_default()
}

/// Where the guidance folder was found, for saying so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FolderFrom {
    /// `--guidance DIR`.
    Argument,
    /// `$VICTIM_FIRST_GUIDANCE`.
    Environment,
    /// `guidance/` beside the executable: the installed location.
    BesideExecutable,
    /// The source tree the binary was built from (development builds only).
    SourceTree,
}

/// The guidance folder to use: `--guidance`, then `$VICTIM_FIRST_GUIDANCE`, then
/// `guidance/` beside the executable, then (in a development build only) the
/// source tree. Never the working directory. A folder named by the argument or
/// the variable that does not exist is an error naming where it came from.
pub fn find_guidance(arg: Option<&Path>) -> Result<(PathBuf, FolderFrom), Diagnostic> {
    let named = arg
        .map(|a| (a.to_path_buf(), FolderFrom::Argument))
        .or_else(|| {
            std::env::var_os(GUIDANCE_ENV).map(|d| (PathBuf::from(d), FolderFrom::Environment))
        });
    if let Some((dir, from)) = named {
        return match std::fs::metadata(&dir) {
            Ok(m) if m.is_dir() => Ok((dir, from)),
            Ok(m) => Err(Diagnostic::new(
                &dir.display().to_string(),
                None,
                format!(
                    "the guidance folder named by {} is not a folder (it is {})",
                    from_words(from),
                    kind_of(&m)
                ),
            )),
            Err(_) => Err(Diagnostic::new(
                &dir.display().to_string(),
                None,
                format!(
                    "the guidance folder named by {} does not exist",
                    from_words(from)
                ),
            )),
        };
    }
    let mut looked = Vec::new();
    if let Ok(exe) = std::env::current_exe()
        && let Some(dir) = exe.parent()
    {
        let beside = dir.join("guidance");
        if beside.is_dir() {
            return Ok((beside, FolderFrom::BesideExecutable));
        }
        looked.push(beside);
    }
    #[cfg(debug_assertions)]
    {
        let tree = Path::new(env!("CARGO_MANIFEST_DIR")).join("guidance");
        if tree.is_dir() {
            return Ok((tree, FolderFrom::SourceTree));
        }
        looked.push(tree);
    }
    let looked: Vec<String> = looked.iter().map(|p| p.display().to_string()).collect();
    Err(Diagnostic::new(
        "guidance",
        None,
        format!(
            "no guidance folder found (looked in: {}); name one with --guidance DIR or ${GUIDANCE_ENV}",
            looked.join(", ")
        ),
    ))
}

fn from_words(from: FolderFrom) -> &'static str {
    match from {
        FolderFrom::Argument => "--guidance",
        FolderFrom::Environment => "$VICTIM_FIRST_GUIDANCE",
        FolderFrom::BesideExecutable => "the installed location",
        FolderFrom::SourceTree => "the source tree",
    }
}

/// Where guidance is looked for when none is named (see [`find_guidance`]). When
/// none is found: the folder `$VICTIM_FIRST_GUIDANCE` names, else `guidance/`
/// beside the executable, which then fails to load with a clear error. Never the
/// working directory.
pub fn default_guidance_dir() -> PathBuf {
    find_guidance(None).map_or_else(
        |_| {
            std::env::var_os(GUIDANCE_ENV).map_or_else(
                || {
                    std::env::current_exe()
                        .ok()
                        .and_then(|exe| exe.parent().map(|d| d.join("guidance")))
                        .unwrap_or_else(|| PathBuf::from("/nonexistent/victim-first/guidance"))
                },
                PathBuf::from,
            )
        },
        |(dir, _)| dir,
    )
}

/// What a file system entry is, in words.
fn kind_of(m: &std::fs::Metadata) -> &'static str {
    let t = m.file_type();
    if t.is_dir() {
        return "a folder";
    }
    if t.is_file() {
        return "a file";
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if t.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device";
        }
        if t.is_socket() {
            return "a socket";
        }
    }
    "not a regular file"
}

/// Reads a regular file through the size cap. Anything else (a FIFO, a device,
/// a socket, a folder) is refused before it is opened, so it cannot block.
pub fn read_file(path: &Path) -> Result<Vec<u8>, String> {
    let meta = std::fs::metadata(path).map_err(|e| format!("cannot read: {e}"))?;
    if !meta.is_file() {
        return Err(format!(
            "cannot read: this is {}, not a regular file",
            kind_of(&meta)
        ));
    }
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read: {e}"))?;
    // The entry could have been swapped between the two looks: check what was opened.
    match file.metadata() {
        Ok(m) if m.is_file() => {}
        Ok(m) => {
            return Err(format!(
                "cannot read: this is {}, not a regular file",
                kind_of(&m)
            ));
        }
        Err(e) => return Err(format!("cannot read: {e}")),
    }
    let cap = parse::MAX_FILE_BYTES as u64 + 1;
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len().min(cap)).unwrap_or(0));
    file.take(cap)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read: {e}"))?;
    if bytes.len() > parse::MAX_FILE_BYTES {
        return Err(format!(
            "the file is larger than {} bytes, the largest file accepted",
            parse::MAX_FILE_BYTES
        ));
    }
    Ok(bytes)
}

/// Every `.ron` file under `dir`, sorted, each once. The folder is walked twice:
/// first without following links, so that every file is known by its own path,
/// then following them, adding only what a link leads to that was not found.
/// A folder reached again through a link is not walked again in a walk, and a
/// file reached twice is read once.
fn all_ron_files(dir: &Path, problems: &mut Diagnostics) -> Vec<PathBuf> {
    let mut files = BTreeSet::new();
    let mut out = Vec::new();
    let mut walk = Walk {
        follow_links: false,
        dirs: BTreeSet::new(),
        reported: BTreeSet::new(),
        files: &mut files,
        out: &mut out,
        problems,
    };
    walk.dir(dir, 0);
    walk.follow_links = true;
    walk.dirs.clear();
    walk.dir(dir, 0);
    out.sort();
    out
}

/// One walk of a guidance folder (see [`all_ron_files`]).
struct Walk<'a> {
    follow_links: bool,
    /// Folders walked in this walk, by canonical path.
    dirs: BTreeSet<PathBuf>,
    /// Problems already reported (the folder is walked twice).
    reported: BTreeSet<Diagnostic>,
    /// Files found in either walk, by canonical path.
    files: &'a mut BTreeSet<PathBuf>,
    out: &'a mut Vec<PathBuf>,
    problems: &'a mut Diagnostics,
}

impl Walk<'_> {
    /// Reports a problem once, though the folder is walked twice.
    fn problem(&mut self, d: Diagnostic) {
        if self.reported.insert(d.clone()) {
            self.problems.0.push(d);
        }
    }

    fn dir(&mut self, dir: &Path, depth: usize) {
        let shown = dir.display().to_string();
        let Ok(real) = std::fs::canonicalize(dir) else {
            self.problem(Diagnostic::new(&shown, None, "cannot read this folder"));
            return;
        };
        if !self.dirs.insert(real) {
            return;
        }
        if depth > MAX_DEPTH {
            self.problem(Diagnostic::new(
                &shown,
                None,
                format!("folders nested more than {MAX_DEPTH} deep are not read"),
            ));
            return;
        }
        let entries = match std::fs::read_dir(dir) {
            Ok(e) => e,
            Err(e) => {
                self.problem(Diagnostic::new(&shown, None, format!("cannot read: {e}")));
                return;
            }
        };
        let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            if name.starts_with('.') {
                continue;
            }
            let is_link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
            if is_link && !self.follow_links {
                continue;
            }
            let is_ron = p.extension().and_then(|e| e.to_str()) == Some("ron");
            match std::fs::metadata(&p) {
                Ok(m) if m.is_dir() => self.dir(&p, depth + 1),
                Ok(m) if m.is_file() && is_ron => {
                    if let Ok(real) = std::fs::canonicalize(&p)
                        && self.files.insert(real)
                    {
                        self.out.push(p);
                    }
                }
                Ok(m) if is_ron => self.problem(Diagnostic::new(
                    &p.display().to_string(),
                    None,
                    format!("cannot read: this is {}, not a regular file", kind_of(&m)),
                )),
                // A broken link or a link loop: say so if it would have been guidance.
                Err(e) if is_ron => self.problem(Diagnostic::new(
                    &p.display().to_string(),
                    None,
                    format!("cannot read: {e}"),
                )),
                _ => {}
            }
        }
    }
}

/// The folder a kind of guidance file must be in.
fn folder_for(file: &raw::GuidanceFile) -> (&'static str, &'static str) {
    match file {
        raw::GuidanceFile::Pack(_) => ("national", "a national pack"),
        raw::GuidanceFile::Overlay(_) => ("overlays", "an overlay"),
        raw::GuidanceFile::Profile(_) => ("forces", "a force profile"),
    }
}

/// `national/x.ron`: the file's folder and name, as the manifest records it.
fn manifest_name(path: &Path) -> String {
    let parent = path
        .parent()
        .and_then(Path::file_name)
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    format!("{parent}/{name}")
}

/// Guidance as loaded from a folder: the files, every problem, and the national
/// files that differ from the published manifest.
#[derive(Clone, Debug, Default)]
pub struct Loaded {
    pub library: Library,
    pub problems: Diagnostics,
    /// National packs and overlays (as shown paths) that are not byte for byte
    /// the published files: "national guidance modified locally".
    pub modified: Vec<String>,
}

/// Loads every guidance file under `path`. Files that fail to parse are
/// reported and left out; the rest are returned, so one bad file loses nothing else.
pub fn load_library(path: &Path) -> (Library, Diagnostics) {
    let l = load_guidance(path);
    (l.library, l.problems)
}

/// Loads every guidance file under `path`, with the national files that differ
/// from the manifest.
pub fn load_guidance(path: &Path) -> Loaded {
    let (files, mut problems) = load_files(path);
    let modified = modified_national(&files);
    let (library, mut more) = Library::new(files);
    problems.0.append(&mut more.0);
    Loaded {
        library,
        problems,
        modified,
    }
}

/// Loads the guidance under `context` with `file` in place of any file with the
/// same id, so one file can be checked with the packs it builds on.
pub fn load_library_with(file: &Path, context: &Path) -> (Library, Diagnostics) {
    let l = load_guidance_with(file, context);
    (l.library, l.problems)
}

/// [`load_library_with`], with the national files that differ from the manifest.
pub fn load_guidance_with(file: &Path, context: &Path) -> Loaded {
    let (mine, mut problems) = load_files(file);
    let (others, _) = load_files(context);
    let mine_ids: Vec<&str> = mine.iter().map(LoadedFile::id).collect();
    let mine_digests: Vec<&str> = mine.iter().map(|f| f.src.digest.as_str()).collect();
    let mut files: Vec<LoadedFile> = others
        .into_iter()
        .filter(|f| !mine_ids.contains(&f.id()) && !mine_digests.contains(&f.src.digest.as_str()))
        .collect();
    files.extend(mine);
    let modified = modified_national(&files);
    let (library, mut more) = Library::new(files);
    problems.0.append(&mut more.0);
    Loaded {
        library,
        problems,
        modified,
    }
}

/// The national packs and overlays among `files` that are not as published.
fn modified_national(files: &[LoadedFile]) -> Vec<String> {
    let manifest = shipped_manifest();
    files
        .iter()
        .filter(|f| !matches!(f.file, raw::GuidanceFile::Profile(_)))
        .filter(|f| {
            manifest.check(&manifest_name(Path::new(&f.src.path)), &f.src.digest) != Published::Yes
        })
        .map(|f| f.src.path.clone())
        .collect()
}

/// Reads and parses every guidance file under `path` (or `path` itself).
pub fn load_files(path: &Path) -> (Vec<LoadedFile>, Diagnostics) {
    let mut problems = Diagnostics::default();
    let shown = path.display().to_string();
    let paths = match std::fs::metadata(path) {
        Err(_) => {
            problems
                .0
                .push(Diagnostic::new(&shown, None, "no such file or folder"));
            return (Vec::new(), problems);
        }
        Ok(m) if m.is_dir() => all_ron_files(path, &mut problems),
        Ok(_) => vec![path.to_path_buf()],
    };
    let mut files = Vec::new();
    for p in paths {
        let shown = p.display().to_string();
        let bytes = match read_file(&p) {
            Ok(b) => b,
            Err(e) => {
                problems.0.push(Diagnostic::new(&shown, None, e));
                continue;
            }
        };
        match parse::guidance_file(&shown, &bytes) {
            Ok((src, file)) => {
                let (folder, what) = folder_for(&file);
                let parent = p
                    .parent()
                    .and_then(Path::file_name)
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                if parent != folder {
                    problems.0.push(Diagnostic::new(
                        &shown,
                        src.locate_quoted(file_id(&file)),
                        format!(
                            "this is {what}, which is only read from a folder named {folder}/ (this file is in {}/)",
                            crate::core::text::clip(&parent, 60)
                        ),
                    ));
                }
                files.push(LoadedFile { src, file });
            }
            // A case file in a guidance folder is a common slip: say what it is.
            Err(_) if parse::case_file(&shown, &bytes).is_ok() => {
                problems.0.push(Diagnostic::new(
                    &shown,
                    None,
                    "this is a case file, not guidance; assess it with `victim-first assess`",
                ));
            }
            Err(d) => problems.0.push(d),
        }
    }
    (files, problems)
}

fn file_id(file: &raw::GuidanceFile) -> &str {
    match file {
        raw::GuidanceFile::Pack(p) => &p.id,
        raw::GuidanceFile::Overlay(o) => &o.id,
        raw::GuidanceFile::Profile(p) => &p.id,
    }
}

/// Reads and parses a case file.
pub fn read_case(path: &Path) -> Result<(SourceText, raw::Case), Diagnostics> {
    let shown = path.display().to_string();
    let bytes = read_file(path).map_err(|e| Diagnostics(vec![Diagnostic::new(&shown, None, e)]))?;
    parse::case_file(&shown, &bytes).map_err(|d| Diagnostics(vec![d]))
}

/// What `path` is when it exists but is neither a folder nor a regular file
/// (a FIFO, a device...), for refusing it by name.
pub fn not_a_file_or_folder(path: &Path) -> Option<&'static str> {
    std::fs::metadata(path)
        .ok()
        .filter(|m| !m.is_dir() && !m.is_file())
        .map(|m| kind_of(&m))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_manifest_names_a_file_by_its_folder() {
        assert_eq!(
            manifest_name(Path::new("/x/guidance/national/npcc-2018.ron")),
            "national/npcc-2018.ron"
        );
        assert!(shipped_manifest().entries().count() > 0);
    }
}
