//! Where the guidance comes from (`find_guidance`, `Origin`), and the lock a
//! force puts on its installation (`lock.ron` in the installed folder only).

use std::path::{Path, PathBuf};

use crate::core::diagnostic::Diagnostic;
use crate::core::lock::{self, Lock};

use super::kind_of;

/// The environment variable that names the guidance folder.
pub const GUIDANCE_ENV: &str = "VICTIM_FIRST_GUIDANCE";

/// Why a guidance folder was chosen, for saying so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FolderFrom {
    /// `--guidance DIR`.
    Argument,
    /// `$VICTIM_FIRST_GUIDANCE`.
    Environment,
    /// `guidance/` beside the executable: the installed location.
    BesideExecutable,
}

/// Where the guidance in use came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Only the guidance built into this program: no folder was named, and none
    /// is installed beside it.
    BuiltIn,
    /// A folder, and why it was chosen, read on top of the built-in guidance.
    Folder(PathBuf, FolderFrom),
}

impl Origin {
    /// The folder, when there is one.
    pub fn folder(&self) -> Option<&Path> {
        match self {
            Self::BuiltIn => None,
            Self::Folder(dir, _) => Some(dir),
        }
    }

    /// Where the guidance came from, in words, for every output that gives a verdict.
    pub fn words(&self) -> String {
        match self {
            Self::BuiltIn => format!(
                "built into this program (victim-first {}): the published guidance, checked when it was built, digest sha256:{}; no guidance folder was named or installed",
                crate::builtin::VERSION,
                short(&crate::builtin::digest())
            ),
            Self::Folder(dir, from) => format!(
                "the folder {} ({}), read on top of the guidance built into this program",
                dir.display(),
                match from {
                    FolderFrom::Argument => "named by --guidance",
                    FolderFrom::Environment => "named by $VICTIM_FIRST_GUIDANCE",
                    FolderFrom::BesideExecutable => "installed beside the program",
                }
            ),
        }
    }

    /// Where the guidance came from, in a few words (the window's top bar).
    pub fn short_words(&self) -> String {
        match self {
            Self::BuiltIn => format!("built in (victim-first {})", crate::builtin::VERSION),
            Self::Folder(dir, _) => format!("folder {}", dir.display()),
        }
    }
}

/// The first 16 hex digits of a digest: enough to tell builds apart in a sentence.
fn short(digest: &str) -> &str {
    digest.get(..16).unwrap_or(digest)
}

/// Where the guidance comes from: `--guidance`, then `$VICTIM_FIRST_GUIDANCE`,
/// then `guidance/` beside the executable (the installed location), else only
/// the guidance built into the program. Never the working directory. A folder
/// named by the argument or the variable that does not exist is an error naming
/// where it came from, never a quiet fall back to the built-in guidance (which
/// would drop the force's profile without a word).
pub fn find_guidance(arg: Option<&Path>) -> Result<Origin, Diagnostic> {
    let named = arg
        .map(|a| (a.to_path_buf(), FolderFrom::Argument))
        .or_else(|| {
            std::env::var_os(GUIDANCE_ENV).map(|d| (PathBuf::from(d), FolderFrom::Environment))
        });
    if let Some((dir, from)) = named {
        return match std::fs::metadata(&dir) {
            Ok(m) if m.is_dir() => Ok(Origin::Folder(dir, from)),
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
    if let Some(beside) = installed_folder() {
        return Ok(Origin::Folder(beside, FolderFrom::BesideExecutable));
    }
    Ok(Origin::BuiltIn)
}

/// `guidance/` beside the executable (the installed location), when anything
/// is there: a folder, or something else by that name (a file, a link to a
/// share that has gone), which is then an error when read, never a quiet fall
/// back to the built-in guidance and no lock.
pub fn installed_folder() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let beside = exe.parent()?.join("guidance");
    match std::fs::symlink_metadata(&beside) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        _ => Some(beside),
    }
}

/// The lock in `dir`: `None` when there is no `lock.ron` there, else the lock
/// or why it cannot be read. Anything by that name counts (a folder, a link
/// that leads nowhere): a lock that cannot be read is an error, never no lock.
pub fn read_lock(dir: &Path) -> Option<Result<Lock, Diagnostic>> {
    let path = dir.join(lock::FILE);
    let shown = path.display().to_string();
    match std::fs::symlink_metadata(&path) {
        Ok(_) => {}
        // No lock only when there is certainly none: a folder that cannot be
        // read, or a guidance "folder" that is not one, leaves it unknown.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && dir.is_dir() => return None,
        Err(e) => {
            return Some(Err(Diagnostic::new(
                &shown,
                None,
                format!(
                    "whether this installation is locked cannot be told: {e}; no verdict is given until the installed guidance folder can be read"
                ),
            )));
        }
    }
    Some(
        super::read_file(&path)
            .map_err(|e| Diagnostic::new(&shown, None, e))
            .and_then(|bytes| lock::parse(&shown, &bytes)),
    )
}

/// Whether this installation is locked, or may be (its lock cannot be read):
/// then only what the installation holds may give a verdict, even in practice.
pub fn installation_locked() -> bool {
    installed_folder().and_then(|i| read_lock(&i)).is_some()
}

/// On a locked installation, the refusal of a guidance folder named by
/// `--guidance` or `$VICTIM_FIRST_GUIDANCE`; `None` when none is named or the
/// installation is not locked.
pub fn lock_refusing_folder(arg: Option<&Path>) -> Option<Diagnostic> {
    let from = if arg.is_some() {
        FolderFrom::Argument
    } else if std::env::var_os(GUIDANCE_ENV).is_some() {
        FolderFrom::Environment
    } else {
        return None;
    };
    let installed = installed_folder()?;
    let read = read_lock(&installed)?;
    let file = installed.join(lock::FILE).display().to_string();
    let to = match &read {
        Ok(l) => format!(" to force profile \"{}\"", l.profile),
        Err(_) => " (or may be: its lock cannot be read)".to_owned(),
    };
    Some(Diagnostic::new(
        &file,
        None,
        format!(
            "this installation is locked{to} by this file, so a guidance folder named by {} is not used for a verdict; {} and run again (a policy owner can still check a folder with `victim-first lint DIR`)",
            from_words(from),
            match from {
                FolderFrom::Environment => "unset $VICTIM_FIRST_GUIDANCE",
                _ => "leave out --guidance",
            }
        ),
    ))
}

fn from_words(from: FolderFrom) -> &'static str {
    match from {
        FolderFrom::Argument => "--guidance",
        FolderFrom::Environment => "$VICTIM_FIRST_GUIDANCE",
        FolderFrom::BesideExecutable => "the installed location",
    }
}
