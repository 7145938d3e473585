//! `victim-first guidance export DIR`: the built-in guidance written out, byte
//! for byte, for a policy owner to read or to start a force profile from.
//!
//! Nothing is overwritten: a file already in DIR with other bytes stops the
//! export before anything is written, naming the file.

use std::io::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::builtin;
use crate::cli_common::{err, out};

/// The manifest's file name, written beside the guidance so that
/// `sha256sum -c national.sha256` checks the folder by hand.
const MANIFEST_NAME: &str = "national.sha256";

/// `victim-first guidance export DIR`.
pub fn export(dir: &Path) -> ExitCode {
    let mut files: Vec<(&str, &[u8])> = builtin::files();
    files.push((MANIFEST_NAME, builtin::manifest().as_bytes()));
    let mut clashes = Vec::new();
    let mut to_write = Vec::new();
    for (name, bytes) in &files {
        let path = dir.join(name);
        match crate::store::read_file(&path) {
            Ok(there) if there == *bytes => {}
            Ok(_) => clashes.push(format!(
                "{}: already there with other contents; not overwritten",
                path.display()
            )),
            Err(_) if path.exists() => clashes.push(format!(
                "{}: already there and not a readable file; not overwritten",
                path.display()
            )),
            Err(_) => to_write.push((path, *bytes)),
        }
    }
    if !clashes.is_empty() {
        for c in &clashes {
            err(&format!("{c}\n"));
        }
        err(
            "victim-first: nothing was written; export to an empty folder, or move those files first\n",
        );
        return ExitCode::from(1);
    }
    for (path, bytes) in &to_write {
        if let Err(e) = write_new(path, bytes) {
            err(&format!("{}: cannot write: {e}\n", path.display()));
            return ExitCode::from(1);
        }
    }
    out(&format!(
        "{}: {} built-in guidance files and the manifest written ({} already there), victim-first {}, digest sha256:{}\n\
         Check it with `victim-first lint {}`; a force profile goes in its forces/ folder.\n",
        dir.display(),
        builtin::files().len(),
        files.len() - to_write.len(),
        builtin::VERSION,
        builtin::digest(),
        dir.display()
    ));
    ExitCode::SUCCESS
}

/// Writes a file that is not there yet (its folder made as needed), never
/// replacing one that appeared meanwhile.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent)?;
    }
    let mut f = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
}
