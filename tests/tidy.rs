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

/// Crates that speak HTTP, TLS or DNS, or make a network client: none may be in
/// the build, on any target, as a dependency of any kind (issue 19). A name is
/// matched whole or as the start of a longer name (`hyper` catches `hyper-util`,
/// `rustls` catches `rustls-webpki`).
const NETWORK_CLIENT_CRATES: &[&str] = &[
    "reqwest",
    "hyper",
    "ureq",
    "curl",
    "isahc",
    "attohttpc",
    "surf",
    "http",
    "h2",
    "h3",
    "quinn",
    "awc",
    "native-tls",
    "tokio-native-tls",
    "async-native-tls",
    "rustls",
    "tokio-rustls",
    "async-tls",
    "webpki",
    "openssl",
    "schannel",
    "security-framework",
    "tungstenite",
    "tokio-tungstenite",
    "websocket",
    "trust-dns",
    "hickory",
    "c-ares",
];

/// The packages in a `Cargo.lock` that are network clients.
fn network_clients(lock: &str) -> Vec<String> {
    lock.lines()
        .filter_map(|l| l.strip_prefix("name = \""))
        .filter_map(|l| l.strip_suffix('"'))
        .filter(|name| {
            NETWORK_CLIENT_CRATES.iter().any(|bad| {
                name.strip_prefix(bad)
                    .is_some_and(|rest| rest.is_empty() || rest.starts_with(['-', '_']))
            })
        })
        .map(str::to_owned)
        .collect()
}

#[test]
fn no_http_or_tls_client_is_in_the_build() {
    // Cargo.lock lists every package of every target and every kind (normal,
    // build, dev), so this is stricter than what a Linux build links.
    let lock = std::fs::read_to_string("Cargo.lock").unwrap_or_default();
    assert!(lock.contains("name = \"eframe\""), "read Cargo.lock");
    let found = network_clients(&lock);
    assert!(
        found.is_empty(),
        "network client crates in Cargo.lock: {found:?} (see `cargo tree -i NAME --target all`)"
    );
    // The check itself catches one.
    let planted = "[[package]]\nname = \"hyper-util\"\nversion = \"0.1.0\"\n\n[[package]]\nname = \"httparse\"\n";
    assert_eq!(network_clients(planted), ["hyper-util"]);
}

/// Every place that finds a platform folder from the environment (`HOME`, the
/// `XDG_*` variables) has its Windows branch beside it (`cfg(windows)` and
/// `APPDATA` in the same file), so no path works on Linux alone (issue 19).
#[test]
fn every_platform_folder_has_a_windows_branch() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut offences = Vec::new();
    for f in files {
        let text = std::fs::read_to_string(&f).unwrap_or_default();
        let code: String = text
            .lines()
            .map(|l| l.split("//").next().unwrap_or_default())
            .collect::<Vec<_>>()
            .join("\n");
        let unix_folder = code.contains("\"HOME\"") || code.contains("\"XDG_");
        if unix_folder && !(code.contains("cfg(windows)") && code.contains("\"APPDATA\"")) {
            offences.push(format!(
                "{}: finds a folder from HOME or XDG_* with no cfg(windows) branch using APPDATA",
                f.display()
            ));
        }
    }
    assert!(offences.is_empty(), "{}", offences.join("\n"));
}
