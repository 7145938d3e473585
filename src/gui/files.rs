//! The shell's file work: atomic writes, folder listings for the in-window
//! chooser, and the clock (the core has none).

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path` atomically: a temporary file beside it, flushed to
/// disk, renamed over it, then (on Unix) the folder flushed too, so that the
/// rename itself survives a power cut. A crash at any point leaves either the
/// old file or the new one, never a mixture. On Unix the file is readable only
/// by the user; on Windows it takes the permissions of its folder.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    write_stopping_after(path, bytes, None)
}

/// The steps of an atomic write, in order; a crash can come between any two.
pub const WRITE_STEPS: [&str; 6] = [
    "create the temporary file",
    "write the first half",
    "write the rest",
    "flush it to disk",
    "rename it over the file",
    "flush the folder",
];

/// [`write_atomically`], stopping dead after step `stop` of [`WRITE_STEPS`]
/// as a crash would (nothing tidied up): for tests that crash it at each step.
#[doc(hidden)]
pub fn write_stopping_after(path: &Path, bytes: &[u8], stop: Option<usize>) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "case".into(), |n| n.to_string_lossy().into_owned());
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt as _;
        opts.mode(0o600);
    }
    let crashed = |step: usize| stop == Some(step);
    let (first, rest) = bytes.split_at(bytes.len() / 2);
    let result = (|| {
        let mut f = opts.open(&tmp)?;
        if crashed(0) {
            return Ok(true);
        }
        f.write_all(first)?;
        if crashed(1) {
            return Ok(true);
        }
        f.write_all(rest)?;
        if crashed(2) {
            return Ok(true);
        }
        f.sync_all()?;
        if crashed(3) {
            return Ok(true);
        }
        std::fs::rename(&tmp, path)?;
        if crashed(4) {
            return Ok(true);
        }
        // The file is written whatever happens next; flushing the folder only
        // makes the rename durable sooner, so a failure here is not the write's.
        #[cfg(unix)]
        let _ = std::fs::File::open(dir).and_then(|d| d.sync_all());
        Ok(crashed(5))
    })();
    match result {
        Ok(_) => Ok(()),
        Err(e) => {
            let _ = std::fs::remove_file(&tmp);
            Err(e)
        }
    }
}

/// Sub-folders and `.ron` files of `dir`, sorted, hidden ones left out.
pub fn list_folder(dir: &Path) -> std::io::Result<(Vec<String>, Vec<String>)> {
    list_folder_of(dir, &["ron"])
}

/// The file name extensions of decision notes.
pub const NOTE_EXTENSIONS: [&str; 4] = ["pdf", "txt", "md", "json"];

/// Sub-folders of `dir` and its files with one of these extensions (any case),
/// sorted, hidden ones left out.
pub fn list_folder_of(
    dir: &Path,
    extensions: &[&str],
) -> std::io::Result<(Vec<String>, Vec<String>)> {
    let mut folders = Vec::new();
    let mut files = Vec::new();
    for e in std::fs::read_dir(dir)?.flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let p = e.path();
        if p.is_dir() {
            folders.push(name);
        } else if p.extension().is_some_and(|x| {
            extensions
                .iter()
                .any(|e| x.to_string_lossy().eq_ignore_ascii_case(e))
        }) {
            files.push(name);
        }
    }
    folders.sort();
    files.sort();
    Ok((folders, files))
}

/// The folder a chooser starts in: the case's own, else the working folder.
pub fn start_folder(case: Option<&Path>) -> PathBuf {
    case.and_then(Path::parent)
        .filter(|p| !p.as_os_str().is_empty())
        .map(Path::to_path_buf)
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

pub use crate::clock::{now_utc, rfc3339};

#[cfg(test)]
mod tests {
    #[test]
    fn rfc3339_dates() {
        assert_eq!(super::rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(super::rfc3339(1_795_948_500), "2026-11-29T10:35:00Z");
        assert_eq!(super::rfc3339(951_782_400), "2000-02-29T00:00:00Z");
    }
}
