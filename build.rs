//! Compiles the published guidance into the binary, checked.
//!
//! Every file the manifest (`guidance/national.sha256`) names is read and given
//! to the core's `published::check`: its SHA-256 must be the one the manifest
//! records, and the whole set must pass `lint`. Any problem fails the build. The
//! checked bytes are copied into `OUT_DIR` and included from there, so what was
//! checked is exactly what ships (see `src/builtin.rs`).

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

// The app's own pure core, so the build checks with the very code the app runs.
#[allow(
    dead_code,
    unused_imports,
    unused_macros,
    clippy::all,
    clippy::pedantic,
    reason = "the build uses only the check; the core is linted where it is built as the library"
)]
#[path = "src/core/mod.rs"]
mod core;

fn main() {
    let root = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let guidance = root.join("guidance");
    println!("cargo::rerun-if-changed=guidance");
    println!("cargo::rerun-if-changed=src/core");

    let manifest = read(&guidance.join("national.sha256"));
    let manifest = String::from_utf8(manifest).unwrap_or_else(|_| {
        fail(&["guidance/national.sha256: not UTF-8".to_owned()]);
    });
    let parsed = core::manifest::Manifest::parse(&manifest).unwrap_or_else(|e| {
        fail(&[format!("guidance/national.sha256: {e}")]);
    });
    let files: Vec<(String, Vec<u8>)> = parsed
        .entries()
        .map(|(name, _)| (name.to_owned(), read(&guidance.join(name))))
        .collect();
    if let Err(problems) = core::published::check(&manifest, &files) {
        fail(&problems);
    }

    let mut code = String::from(
        "/// Each built-in guidance file: its name in the manifest, its text as checked\n\
         /// (UTF-8, or the build would have failed), the same file already parsed\n\
         /// (postcard, compressed with LZ4: many times faster to read than RON), and\n\
         /// its SHA-256.\n\
         pub const FILES: &[(&str, &str, &[u8], &str)] = &[\n",
    );
    for (name, bytes) in &files {
        let copy = out.join("guidance").join(name);
        if let Some(dir) = copy.parent() {
            std::fs::create_dir_all(dir)
                .unwrap_or_else(|e| fail(&[format!("{}: {e}", dir.display())]));
        }
        std::fs::write(&copy, bytes)
            .unwrap_or_else(|e| fail(&[format!("{}: {e}", copy.display())]));
        let (src, file) =
            core::parse::guidance_file(name, bytes).unwrap_or_else(|d| fail(&[d.to_string()]));
        let parsed = postcard::to_allocvec(&file)
            .unwrap_or_else(|e| fail(&[format!("{name}: cannot be written: {e}")]));
        let parsed_path = out.join("guidance").join(format!("{name}.bin"));
        std::fs::write(&parsed_path, lz4_flex::compress_prepend_size(&parsed))
            .unwrap_or_else(|e| fail(&[format!("{}: {e}", parsed_path.display())]));
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!(concat!(env!(\"OUT_DIR\"), \"/guidance/{name}\")), \
             include_bytes!(concat!(env!(\"OUT_DIR\"), \"/guidance/{name}.bin\")), {:?}),",
            src.digest
        );
    }
    code.push_str("];\n");

    // Every pack and profile pair, merged now, so a run on the built-in guidance
    // reads one merged guidance instead of merging it (postcard: compact, and
    // read in a fraction of the time JSON takes). The layers' shown paths are
    // not part of the guidance's serialized form, so they travel beside it.
    let (library, problems) =
        core::published::load(files.iter().map(|(n, b)| (n.as_str(), b.as_slice())));
    if !problems.is_empty() {
        fail(&[problems.to_string()]);
    }
    code.push_str(
        "/// Each pack and profile pair the built-in guidance resolves: pack id, profile\n\
         /// id (empty for none), and the merged guidance with its layers' paths (postcard,\n\
         /// compressed with LZ4, which reads back in a tenth of a millisecond).\n\
         pub const RESOLVED: &[(&str, &str, &[u8])] = &[\n",
    );
    for (i, r) in core::published::resolve_all(&library).iter().enumerate() {
        let paths: Vec<&str> = r.guidance.layers.iter().map(|l| l.path.as_str()).collect();
        let bytes = postcard::to_allocvec(&(&r.guidance, paths))
            .unwrap_or_else(|e| fail(&[format!("{}: cannot be written: {e}", r.pack)]));
        let bytes = lz4_flex::compress_prepend_size(&bytes);
        let bin = out.join(format!("resolved-{i}.bin"));
        std::fs::write(&bin, bytes).unwrap_or_else(|e| fail(&[format!("{}: {e}", bin.display())]));
        let _ = writeln!(
            code,
            "    ({:?}, {:?}, include_bytes!(concat!(env!(\"OUT_DIR\"), \"/resolved-{i}.bin\"))),",
            r.pack,
            r.profile.as_deref().unwrap_or_default()
        );
    }
    code.push_str("];\n");
    let _ = writeln!(
        code,
        "/// The manifest the files were checked against.\npub const MANIFEST: &str = {manifest:?};"
    );
    scenarios(&guidance, &out, &mut code);
    let gen_path = out.join("builtin.rs");
    std::fs::write(&gen_path, code)
        .unwrap_or_else(|e| fail(&[format!("{}: {e}", gen_path.display())]));
}

/// The training scenarios in `guidance/scenarios/` (`victim-first scenarios`),
/// built in as text so the binary runs them with nothing beside it. The tests
/// run them against the engine; the build only copies them.
fn scenarios(guidance: &Path, out: &Path, code: &mut String) {
    let dir = guidance.join("scenarios");
    let mut names: Vec<String> = std::fs::read_dir(&dir)
        .map(|d| {
            d.filter_map(Result::ok)
                .filter_map(|e| e.file_name().into_string().ok())
                .filter(|n| {
                    Path::new(n).extension().is_some_and(|x| x == "ron") && !n.starts_with('.')
                })
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    code.push_str(
        "/// Each built-in training scenario: its name (`scenarios/x.ron`) and its text.\n\
         pub const SCENARIOS: &[(&str, &str)] = &[\n",
    );
    for name in names {
        let bytes = read(&dir.join(&name));
        if std::str::from_utf8(&bytes).is_err() {
            fail(&[format!("guidance/scenarios/{name}: not UTF-8 text")]);
        }
        let copy = out.join("scenarios").join(&name);
        if let Some(parent) = copy.parent() {
            std::fs::create_dir_all(parent)
                .unwrap_or_else(|e| fail(&[format!("{}: {e}", parent.display())]));
        }
        std::fs::write(&copy, &bytes)
            .unwrap_or_else(|e| fail(&[format!("{}: {e}", copy.display())]));
        let _ = writeln!(
            code,
            "    ({:?}, include_str!(concat!(env!(\"OUT_DIR\"), {:?}))),",
            format!("scenarios/{name}"),
            format!("/scenarios/{name}")
        );
    }
    code.push_str("];\n");
}

fn read(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap_or_else(|e| fail(&[format!("{}: {e}", path.display())]))
}

fn fail(problems: &[String]) -> ! {
    eprintln!("the built-in guidance does not match its manifest or does not pass lint:");
    for p in problems {
        eprintln!("  {p}");
    }
    std::process::exit(1);
}
