//! Layering rules no compiler checks: the core does no IO, reads no clock and
//! knows nothing of the window.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        if p.is_dir() {
            rust_files(&p, out);
        } else if p.extension().is_some_and(|x| x == "rs") {
            out.push(p);
        }
    }
}

#[test]
fn the_core_does_no_io_and_knows_no_gui() {
    let forbidden = [
        "std::fs",
        "std::net",
        "std::env",
        "std::process",
        "std::time",
        "SystemTime",
        "Instant::now",
        "egui",
        "eframe",
        "rfd",
        "println!",
        "eprintln!",
        "std::io::stdout",
        "std::io::stderr",
    ];
    let mut files = Vec::new();
    rust_files(Path::new("src/core"), &mut files);
    assert!(files.len() >= 8, "found the core's files");
    let mut offences = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        for (n, line) in text.lines().enumerate() {
            let code = line.split("//").next().unwrap_or_default();
            for word in forbidden {
                if code.contains(word) {
                    offences.push(format!("{}:{}: uses {word}", f.display(), n + 1));
                }
            }
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}

#[test]
fn no_policy_words_in_the_engine() {
    // The engine applies decisions; it must not decide about offences, purposes or roles itself.
    let engine = std::fs::read_to_string("src/core/engine.rs").unwrap_or_default();
    for word in [
        "domestic_abuse",
        "immigration_status",
        "victim_suspect",
        "enforcement\"",
        "STS-",
        "NPCC",
    ] {
        assert!(!engine.contains(word), "src/core/engine.rs mentions {word}");
    }
}
