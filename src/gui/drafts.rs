//! Autosaved drafts: every change to an open case written within a second to
//! the user's data folder, off the frame; unfinished drafts found again on
//! start; and a lock so that two windows never work on one case.
//!
//! A draft is the case file's text and nothing else, written by
//! [`files::write_atomically`] (temporary file, sync, rename, folder sync), so a
//! crash at any instant leaves the last whole draft. On Unix the folder is
//! made readable by the user alone (0700) and each draft 0600; on Windows it is
//! in the user's own profile (`%APPDATA%`), which other users cannot read.

use std::path::{Path, PathBuf};
use std::sync::mpsc;

use super::files;

/// Where drafts live: `$VICTIM_FIRST_DRAFTS`, else the platform's place for a
/// user's data: `$XDG_DATA_HOME/victim-first/drafts`, else
/// `~/.local/share/victim-first/drafts` (Linux and other Unix);
/// `%APPDATA%\victim-first\drafts` (Windows).
pub fn folder() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("VICTIM_FIRST_DRAFTS") {
        return Some(PathBuf::from(p));
    }
    Some(data_dir()?.join(env!("CARGO_PKG_NAME")).join("drafts"))
}

#[cfg(not(windows))]
fn data_dir() -> Option<PathBuf> {
    std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))
}

#[cfg(windows)]
fn data_dir() -> Option<PathBuf> {
    std::env::var_os("APPDATA")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
}

/// Makes the drafts folder, readable by the user alone on Unix.
fn make_folder(dir: &Path) -> std::io::Result<()> {
    let mut b = std::fs::DirBuilder::new();
    b.recursive(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::DirBuilderExt as _;
        b.mode(0o700);
    }
    b.create(dir)
}

/// Removes what a write interrupted by a crash left of draft `p` (its hidden
/// temporary files, `.<name>.<process>.tmp`): they hold the case too.
fn remove_leftovers(p: &Path) {
    let (Some(dir), Some(name)) = (p.parent(), p.file_name()) else {
        return;
    };
    let prefix = format!(".{}.", name.to_string_lossy());
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let n = e.file_name().to_string_lossy().into_owned();
        if n.starts_with(&prefix)
            && std::path::Path::new(&n)
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("tmp"))
        {
            let _ = std::fs::remove_file(e.path());
        }
    }
}

/// The draft file of a case.
pub fn path_of(dir: &Path, id: &str) -> PathBuf {
    dir.join(format!("{id}.ron"))
}

/// What a draft holds: a case, written out as the case file's text on the
/// writer's thread, or text already written.
enum Content {
    Case(Box<crate::core::raw::Case>),
    Text(String),
}

/// One unit of work for the writer.
enum Job {
    Write(PathBuf, Content),
    Remove(PathBuf),
}

/// Writes drafts on its own thread, so that a keystroke never waits for a disk.
/// Writes queued faster than the disk takes them are coalesced: only the
/// latest text of each draft is written.
pub struct Autosaver {
    dir: Option<PathBuf>,
    jobs: Option<mpsc::Sender<Job>>,
    thread: Option<std::thread::JoinHandle<()>>,
    /// The last write that failed, to tell the officer once.
    failed: std::sync::Arc<std::sync::Mutex<Option<String>>>,
}

impl Autosaver {
    /// Starts the writer for drafts in `dir` (none: autosave is off, and said so).
    pub fn start(dir: Option<PathBuf>) -> Self {
        let (tx, rx) = mpsc::channel::<Job>();
        let failed = std::sync::Arc::new(std::sync::Mutex::new(None));
        let seen = failed.clone();
        let thread = std::thread::Builder::new()
            .name("autosave".to_owned())
            .spawn(move || {
                while let Ok(first) = rx.recv() {
                    let mut jobs = vec![first];
                    jobs.extend(rx.try_iter());
                    for (i, job) in jobs.iter().enumerate() {
                        let result = match job {
                            Job::Write(p, content) => {
                                let later = jobs[i + 1..].iter().any(|j| match j {
                                    Job::Write(q, _) | Job::Remove(q) => q == p,
                                });
                                if later {
                                    continue;
                                }
                                let text = match content {
                                    Content::Text(t) => Ok(t.clone()),
                                    Content::Case(c) => crate::core::wizard::case_text(c)
                                        .map_err(|e| std::io::Error::other(e.to_string())),
                                };
                                text.and_then(|t| {
                                    p.parent()
                                        .map_or(Ok(()), make_folder)
                                        .and_then(|()| files::write_atomically(p, t.as_bytes()))
                                })
                            }
                            Job::Remove(p) => {
                                remove_leftovers(p);
                                match std::fs::remove_file(p) {
                                    Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(e),
                                    _ => Ok(()),
                                }
                            }
                        };
                        if let (Err(e), Ok(mut f)) = (result, seen.lock()) {
                            *f = Some(e.to_string());
                        }
                    }
                }
            })
            .ok();
        Self {
            dir,
            jobs: Some(tx),
            thread,
            failed,
        }
    }

    pub fn dir(&self) -> Option<&Path> {
        self.dir.as_deref()
    }

    /// Queues the draft `id`'s new case, written out on the writer's thread.
    pub fn write(&self, id: &str, case: crate::core::raw::Case) {
        self.send(id, Content::Case(Box::new(case)));
    }

    /// Queues the draft `id`'s new text.
    pub fn write_text(&self, id: &str, text: String) {
        self.send(id, Content::Text(text));
    }

    fn send(&self, id: &str, content: Content) {
        if let (Some(dir), Some(tx)) = (&self.dir, &self.jobs) {
            let _ = tx.send(Job::Write(path_of(dir, id), content));
        }
    }

    /// Queues the removal of draft `id` (finished or discarded).
    pub fn remove(&self, id: &str) {
        if let (Some(dir), Some(tx)) = (&self.dir, &self.jobs) {
            let _ = tx.send(Job::Remove(path_of(dir, id)));
        }
    }

    /// The last failure, once.
    pub fn take_failure(&self) -> Option<String> {
        self.failed.lock().ok().and_then(|mut f| f.take())
    }

    /// Waits for every queued write: on closing the window.
    pub fn finish(&mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

/// A lock on a case: held while a window has it open, released by the
/// operating system when the window closes or the process dies.
pub struct Lock {
    pub id: String,
    _file: std::fs::File,
}

/// Why a case could not be locked.
pub enum LockError {
    /// Another window has it open.
    Held,
    /// The lock file could not be made; work goes on without it.
    Io(std::io::Error),
}

/// Takes the lock on case `id` in `dir`.
pub fn lock(dir: &Path, id: &str) -> Result<Lock, LockError> {
    make_folder(dir).map_err(LockError::Io)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join(format!("{id}.lock")))
        .map_err(LockError::Io)?;
    match file.try_lock() {
        Ok(()) => Ok(Lock {
            id: id.to_owned(),
            _file: file,
        }),
        Err(std::fs::TryLockError::WouldBlock) => Err(LockError::Held),
        Err(std::fs::TryLockError::Error(e)) => Err(LockError::Io(e)),
    }
}

/// Every draft in `dir`: its id and text, oldest first by name (unreadable
/// ones are left for the officer to find and are never deleted here).
pub fn list(dir: &Path) -> Vec<(String, String)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<(String, String)> = entries
        .flatten()
        .filter_map(|e| {
            let p = e.path();
            let id = p.file_stem()?.to_str()?.to_owned();
            if p.extension()? != "ron" || id.starts_with('.') {
                return None;
            }
            let bytes = crate::store::read_file(&p).ok()?;
            Some((id, String::from_utf8(bytes).ok()?))
        })
        .collect();
    out.sort();
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::expect_used, reason = "tests")]
    use super::*;

    fn temp(name: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("vf-drafts-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        d
    }

    #[test]
    fn a_draft_is_written_off_the_frame_readable_by_the_user_alone_and_removed() {
        let dir = temp("write");
        let mut a = Autosaver::start(Some(dir.clone()));
        for n in 0..50 {
            a.write_text("abc", format!("text {n}"));
        }
        a.finish();
        let p = path_of(&dir, "abc");
        assert_eq!(std::fs::read_to_string(&p).expect("written"), "text 49");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt as _;
            let mode = |p: &Path| std::fs::metadata(p).expect("meta").permissions().mode() & 0o777;
            assert_eq!(mode(&p), 0o600);
            assert_eq!(mode(&dir), 0o700);
        }
        assert_eq!(list(&dir), vec![("abc".to_owned(), "text 49".to_owned())]);
        // What a crash mid-write leaves is removed with the draft.
        let leftover = dir.join(".abc.ron.4242.tmp");
        std::fs::write(&leftover, "half a case").expect("leftover");
        let mut a = Autosaver::start(Some(dir.clone()));
        a.remove("abc");
        a.finish();
        assert!(!p.exists());
        assert!(!leftover.exists());
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_case_is_written_out_as_the_case_files_text_on_the_writers_thread() {
        let dir = temp("case");
        let mut a = Autosaver::start(Some(dir.clone()));
        let case = crate::core::raw::Case {
            pack: "npcc-2020".to_owned(),
            review: "at the first hearing".to_owned(),
            ..crate::core::raw::Case::default()
        };
        a.write("c", case.clone());
        a.finish();
        let text = std::fs::read_to_string(path_of(&dir, "c")).expect("written");
        assert_eq!(text, crate::core::wizard::case_text(&case).expect("text"));
        let _ = std::fs::remove_dir_all(&dir);
    }

    #[test]
    fn a_second_lock_on_one_case_is_refused_until_the_first_is_let_go() {
        let dir = temp("lock");
        let first = lock(&dir, "case1").ok().expect("first lock");
        assert!(matches!(lock(&dir, "case1"), Err(LockError::Held)));
        assert!(lock(&dir, "case2").is_ok(), "another case is free");
        drop(first);
        assert!(lock(&dir, "case1").is_ok(), "free again once let go");
        let _ = std::fs::remove_dir_all(&dir);
    }
}
