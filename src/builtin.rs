//! The published guidance, compiled into the binary.
//!
//! `build.rs` checks every file the manifest (`guidance/national.sha256`) names
//! against its recorded SHA-256 and lints the set with the app's own core; a
//! build with any difference or problem fails. So the files here are the
//! published ones, already validated: a run that uses only them skips `lint`.

use crate::core::digest;

mod generated {
    include!(concat!(env!("OUT_DIR"), "/builtin.rs"));
}

/// Each built-in file: its name in the manifest (`national/npcc-2018.ron`) and its bytes.
pub fn files() -> &'static [(&'static str, &'static [u8])] {
    generated::FILES
}

/// The manifest the built-in files were checked against when the binary was built.
pub fn manifest() -> &'static str {
    generated::MANIFEST
}

/// SHA-256 over the SHA-256 of each built-in file, in the manifest's order: one
/// digest that names this binary's built-in guidance.
pub fn digest() -> String {
    let each: Vec<String> = files().iter().map(|(_, b)| digest::sha256_hex(b)).collect();
    digest::combined(each.iter().map(String::as_str))
}

/// The program's version, as built.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
