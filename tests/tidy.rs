//! Layering rules no compiler checks: the core does no IO, reads no clock and
//! knows nothing of the window; no files import each other in a circle.

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

/// A source file's code before its tests (which follow `#[cfg(test)]`);
/// `None` for a file of tests only (`tests.rs`, `*_tests.rs`).
fn code_outside_tests(f: &Path) -> Option<String> {
    let name = f.file_name().and_then(|n| n.to_str()).unwrap_or_default();
    if name == "tests.rs" || name.ends_with("_tests.rs") {
        return None;
    }
    let text = std::fs::read_to_string(f).unwrap_or_default();
    Some(
        text.split("#[cfg(test)]")
            .next()
            .unwrap_or_default()
            .to_owned(),
    )
}

/// The room a file belongs to in the import graph: each file or folder under
/// `src/core/` and `src/gui/` is a room of its own, and so is each file or
/// folder directly under `src/` (a folder's files are one room with its
/// `.rs`; `src/gui/mod.rs` is the room `gui`, so a child that uses what its
/// parent declares, while the parent calls the child, is a circle too).
fn room(module: &[String]) -> Option<String> {
    match module {
        [] => None,
        [top, second, ..] if top == "core" || top == "gui" => Some(format!("{top}/{second}")),
        [top, ..] => Some(top.clone()),
    }
}

/// A file's module path: `src/core/engine/outcome.rs` is `core::engine::outcome`.
fn module_of(path: &Path) -> Vec<String> {
    let rel = path.strip_prefix("src").unwrap_or(path);
    let mut parts: Vec<String> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy().into_owned())
        .collect();
    if let Some(last) = parts.pop() {
        let stem = last.trim_end_matches(".rs").to_owned();
        if stem != "mod" && stem != "lib" && stem != "main" {
            parts.push(stem);
        }
    }
    parts
}

/// Every `use` path of a source text, with `{...}` groups spelled out, and
/// every `crate::`/`super::` path written inline.
fn paths_in(text: &str) -> Vec<String> {
    fn expand(prefix: &str, tree: &str, out: &mut Vec<String>) {
        let tree = tree.trim();
        if let Some(open) = tree.find('{') {
            let head = format!("{prefix}{}", &tree[..open]);
            let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
            let mut depth = 0;
            let mut start = 0;
            for (i, c) in inner.char_indices() {
                match c {
                    '{' => depth += 1,
                    '}' => depth -= 1,
                    ',' if depth == 0 => {
                        expand(&head, &inner[start..i], out);
                        start = i + 1;
                    }
                    _ => {}
                }
            }
            expand(&head, &inner[start..], out);
        } else if !tree.is_empty() {
            out.push(format!("{prefix}{tree}"));
        }
    }
    let mut out = Vec::new();
    let mut stmt: Option<String> = None;
    for line in text.lines() {
        let t = line.trim();
        if stmt.is_none() {
            let body = ["use ", "pub use ", "pub(crate) use ", "pub(super) use "]
                .iter()
                .find_map(|k| t.strip_prefix(k));
            if let Some(b) = body {
                stmt = Some(b.to_owned());
            } else {
                continue;
            }
        } else if let Some(s) = stmt.as_mut() {
            s.push(' ');
            s.push_str(t);
        }
        if let Some(s) = stmt.take_if(|s| s.contains(';')) {
            let s = s.split(';').next().unwrap_or_default().to_owned();
            let s: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
            expand("", &s, &mut out);
        }
    }
    for key in ["crate::", "super::"] {
        let mut from = 0;
        while let Some(i) = text[from..].find(key) {
            let s = from + i;
            let len = text[s..]
                .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == ':'))
                .unwrap_or(text.len() - s);
            out.push(text[s..s + len].to_owned());
            from = s + len.max(1);
        }
    }
    out
}

/// The room a path names, seen from the module `from`.
fn room_of_path(from: &[String], path: &str) -> Option<String> {
    let mut segs: Vec<&str> = path.split("::").map(str::trim).collect();
    let mut module: Vec<String> = match segs.first() {
        Some(&"crate") => {
            segs.remove(0);
            Vec::new()
        }
        Some(&"super") => {
            let mut m = from.to_vec();
            while segs.first() == Some(&"super") {
                segs.remove(0);
                m.pop();
            }
            m
        }
        _ => return None,
    };
    for s in segs {
        if s.is_empty() || s == "self" || s == "*" || s.contains(' ') {
            break;
        }
        module.push(s.to_owned());
        let dir = Path::new("src").join(module.join("/"));
        if !(dir.with_extension("rs").is_file() || dir.join("mod.rs").is_file()) {
            module.pop();
            break;
        }
    }
    room(&module)
}

/// Issue 27: the import graph of `src/` has no circles, so every file sits
/// on a floor above what it uses. Reads every `use` line and inline
/// `crate::`/`super::` path outside tests, and fails naming each circle.
#[test]
fn the_import_graph_has_no_circles() {
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    files.sort();
    let mut edges: std::collections::BTreeMap<String, std::collections::BTreeSet<String>> =
        std::collections::BTreeMap::new();
    for f in &files {
        if f.ends_with("lib.rs") {
            continue;
        }
        let Some(text) = code_outside_tests(f) else {
            continue;
        };
        // Comments say nothing about imports.
        let code: String = text
            .lines()
            .filter(|l| !l.trim_start().starts_with("//"))
            .collect::<Vec<_>>()
            .join("\n");
        let module = module_of(f);
        let Some(me) = room(&module) else {
            continue;
        };
        for p in paths_in(&code) {
            if let Some(other) = room_of_path(&module, &p)
                && other != me
            {
                edges.entry(me.clone()).or_default().insert(other);
            }
        }
    }
    assert!(edges.len() >= 20, "read the rooms: {edges:?}");
    // A circle is a path back to where it started.
    let mut circles: Vec<Vec<String>> = Vec::new();
    for start in edges.keys() {
        let mut stack = vec![(start.clone(), vec![start.clone()])];
        let mut seen = std::collections::BTreeSet::new();
        while let Some((at, path)) = stack.pop() {
            for next in edges.get(&at).into_iter().flatten() {
                if next == start {
                    let mut c = path.clone();
                    c.push(start.clone());
                    circles.push(c);
                } else if next > start && seen.insert(next.clone()) {
                    let mut p = path.clone();
                    p.push(next.clone());
                    stack.push((next.clone(), p));
                }
            }
        }
    }
    let named: Vec<String> = circles.iter().map(|c| c.join(" -> ")).collect();
    assert!(
        named.is_empty(),
        "files import each other in a circle:\n{}",
        named.join("\n")
    );
}

/// Issue 27: one output funnel. Everything the program prints goes through
/// `src/cli_common.rs` (which escapes every string it prints); no other file
/// of `src/` prints, outside its tests.
#[test]
fn nothing_prints_outside_the_command_lines_funnel() {
    let printing = [
        "println!",
        "eprintln!",
        "print!(",
        "eprint!(",
        "std::io::stdout",
        "std::io::stderr",
        "io::stdout()",
        "io::stderr()",
        "dbg!(",
    ];
    let mut files = Vec::new();
    rust_files(Path::new("src"), &mut files);
    let mut found = Vec::new();
    for f in &files {
        if f == Path::new("src/cli_common.rs") {
            continue;
        }
        let Some(code) = code_outside_tests(f) else {
            continue;
        };
        for (i, line) in code.lines().enumerate() {
            if line.trim_start().starts_with("//") {
                continue;
            }
            if let Some(p) = printing.iter().find(|p| line.contains(*p)) {
                found.push(format!("{}:{}: {p}", f.display(), i + 1));
            }
        }
    }
    assert!(
        found.is_empty(),
        "prints outside src/cli_common.rs:\n{}",
        found.join("\n")
    );
}
