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
use crate::core::parse;
use crate::core::raw;
use crate::core::source::SourceText;
use crate::core::validate::{Library, LoadedFile};

/// The folder of training scenarios inside a guidance folder.
pub const SCENARIO_FOLDER: &str = "scenarios";

mod origin;

pub use origin::{
    FolderFrom, GUIDANCE_ENV, Origin, find_guidance, installation_locked, installed_folder,
    lock_refusing_folder, read_lock,
};

/// How deep a guidance folder may nest.
const MAX_DEPTH: usize = 8;

/// The manifest compiled into the app. An unreadable one (which a test rules
/// out) counts as empty, so every national file is reported as not published.
pub fn shipped_manifest() -> Manifest {
    Manifest::parse(crate::builtin::manifest()).unwrap_or_default()
}

/// What a file system entry is, in words.
pub(crate) fn kind_of(m: &std::fs::Metadata) -> &'static str {
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

/// Every `.ron` file under `dir` (but none in a `scenarios/` folder), sorted, each once. The folder is walked twice:
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
            // The installation's lock is read by `read_lock`, never as guidance.
            if name.starts_with('.')
                || (depth == 0 && name.eq_ignore_ascii_case(crate::core::lock::FILE))
            {
                continue;
            }
            let is_link = std::fs::symlink_metadata(&p).is_ok_and(|m| m.file_type().is_symlink());
            if is_link && !self.follow_links {
                continue;
            }
            let is_ron = p.extension().and_then(|e| e.to_str()) == Some("ron");
            match std::fs::metadata(&p) {
                // Training scenarios live beside the guidance, not in it.
                Ok(m) if m.is_dir() && name == SCENARIO_FOLDER => {}
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
    /// Where the guidance came from.
    pub origin: Option<Origin>,
    /// Only the built-in files, which the build linted: `lint` need not run again.
    pub prevalidated: bool,
    /// The installation's lock (`lock.ron` in the installed folder only): the
    /// one force profile verdicts may be given under.
    pub lock: Option<crate::core::lock::Lock>,
}

impl Loaded {
    /// Every problem that stops a verdict: loading problems, then (unless the
    /// build already linted this exact set) everything `lint` finds. The one
    /// rule for `assess`, `note`, `verify` and the window.
    pub fn problems_with_lint(&self) -> Diagnostics {
        let mut all = self.problems.clone();
        if all.is_empty() && self.library.files().next().is_none() {
            all.0.push(Diagnostic::new(
                &self
                    .origin
                    .as_ref()
                    .and_then(Origin::folder)
                    .map(|d| d.display().to_string())
                    .unwrap_or_default(),
                None,
                "no guidance files (*.ron) found here",
            ));
        }
        if all.is_empty() && !self.prevalidated {
            all = self.library.lint();
        }
        // A lock naming a profile that is not here locks the app out, never
        // open. (With no guidance read at all, that is not the lock's fault.)
        if let Some(d) = self
            .lock
            .as_ref()
            .filter(|_| self.library.files().next().is_some())
            .and_then(|l| l.check(&self.library.profile_ids()))
        {
            all.0.push(d);
        }
        all.normalise();
        all
    }
}

/// The guidance built into the program, parsed. Its files were checked against
/// the manifest and linted when the program was built.
pub fn load_builtin() -> Loaded {
    let (files, mut problems) = crate::builtin::loaded();
    let (library, mut more) = Library::new(files);
    problems.0.append(&mut more.0);
    Loaded {
        library,
        problems,
        modified: Vec::new(),
        origin: Some(Origin::BuiltIn),
        prevalidated: true,
        lock: None,
    }
}

/// The guidance from where [`find_guidance`] found it: the built-in files alone,
/// or a folder read on top of them.
pub fn load(origin: &Origin) -> Loaded {
    match origin {
        Origin::BuiltIn => load_builtin(),
        Origin::Folder(dir, from) => {
            let (files, problems) = files_of(origin);
            let mut l = finish(files, problems);
            l.origin = Some(origin.clone());
            // Only the installed folder can lock: its lock is read, or is the problem.
            if *from == FolderFrom::BesideExecutable {
                match read_lock(dir) {
                    Some(Ok(lock)) => l.lock = Some(lock),
                    Some(Err(d)) => l.problems.0.push(d),
                    None => {}
                }
            }
            l
        }
    }
}

/// [`find_and_load`] for everything that gives a verdict (the window,
/// `assess`, `note`, `scenarios`): on a locked installation a folder named by
/// `--guidance` or `$VICTIM_FIRST_GUIDANCE` is refused, naming the lock.
pub fn load_for_verdict(arg: Option<&Path>) -> Loaded {
    if let Some(d) = lock_refusing_folder(arg) {
        // The lock goes with the refusal, so the window shows the force's
        // profile as fixed, not a chooser.
        let lock = installed_folder()
            .and_then(|i| read_lock(&i))
            .and_then(Result::ok);
        return Loaded {
            problems: Diagnostics(vec![d]),
            lock,
            ..Loaded::default()
        };
    }
    find_and_load(arg)
}

/// Finds the guidance ([`find_guidance`]) and loads it ([`load`]); a folder
/// that is named but missing is the one problem.
pub fn find_and_load(arg: Option<&Path>) -> Loaded {
    match find_guidance(arg) {
        Ok(origin) => load(&origin),
        Err(d) => Loaded {
            problems: Diagnostics(vec![d]),
            ..Loaded::default()
        },
    }
}

/// The files guidance from `origin` is made of: the built-in ones, and a
/// folder's files on top of them. A folder file with the same
/// bytes as a built-in one stands for it; a national pack or overlay with a
/// built-in one's id but other bytes replaces it (a policy owner trying a new
/// revision) and is reported as modified locally, like any national file that
/// is not as published. A force profile that reuses a built-in example
/// profile's id is left beside it, so `lint` reports the duplicate id: a
/// profile cannot take the place of another by its name.
/// Returns them with the problems met reading them.
fn files_of(origin: &Origin) -> (Vec<LoadedFile>, Diagnostics) {
    match origin {
        Origin::BuiltIn => crate::builtin::loaded(),
        Origin::Folder(dir, _) => {
            let (mine, mut more) = load_files(dir);
            let same: Vec<&str> = mine.iter().map(|f| f.src.digest.as_str()).collect();
            let (builtin, mut problems) = crate::builtin::loaded_except(&same);
            if mine.is_empty() && more.is_empty() {
                // A folder named or installed for guidance that holds none is a
                // mistake to say, not a reason to carry on with the built-in files.
                more.0.push(Diagnostic::new(
                    &dir.display().to_string(),
                    None,
                    "no guidance files (*.ron) found here",
                ));
            }
            problems.0.append(&mut more.0);
            (layer(builtin, mine, false), problems)
        }
    }
}

/// `top` on `base`: a base file is dropped when a top file has its bytes, or its
/// id (for a force profile only when `profiles_replace`).
fn layer(base: Vec<LoadedFile>, top: Vec<LoadedFile>, profiles_replace: bool) -> Vec<LoadedFile> {
    let mut files: Vec<LoadedFile> = base
        .into_iter()
        .filter(|b| {
            !top.iter().any(|f| {
                f.src.digest == b.src.digest
                    || (f.id() == b.id()
                        && (profiles_replace || !matches!(f.file, raw::GuidanceFile::Profile(_))))
            })
        })
        .collect();
    files.extend(top);
    files
}

/// A library from files, with the national ones that are not as published.
fn finish(files: Vec<LoadedFile>, mut problems: Diagnostics) -> Loaded {
    let modified = modified_national(&files);
    let (library, mut more) = Library::new(files);
    problems.0.append(&mut more.0);
    Loaded {
        library,
        problems,
        modified,
        ..Loaded::default()
    }
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
        ..Loaded::default()
    }
}

/// Loads the guidance from `context` with `file` in place of any file with the
/// same id, so one file can be checked with the packs it builds on.
pub fn load_library_with(file: &Path, context: &Origin) -> (Library, Diagnostics) {
    let l = load_guidance_with(file, context);
    (l.library, l.problems)
}

/// [`load_library_with`], with the national files that differ from the manifest.
pub fn load_guidance_with(file: &Path, context: &Origin) -> Loaded {
    let (mine, mut problems) = load_files(file);
    let (others, _) = files_of(context);
    let files = layer(others, mine, true);
    let mut l = finish(files, std::mem::take(&mut problems));
    l.origin = Some(context.clone());
    l
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
