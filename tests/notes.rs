//! The decision note: snapshots of the text and Markdown notes for every example
//! case, JSON round trips, determinism, and `verify` on intact and altered notes.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

mod common;

use std::path::{Path, PathBuf};

use proptest::prelude::*;
use victim_first::core::note::{self, Note, NoteFile, markdown, render};
use victim_first::store;

fn ron_files(dir: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("folder exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| {
            let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
            p.extension().is_some_and(|e| e == "ron") && !name.ends_with(".expect.ron")
        })
        .collect();
    files.sort();
    files
}

/// Every example case and every note fixture.
fn all_cases() -> Vec<PathBuf> {
    let mut v = ron_files("tests/data/cases");
    v.extend(ron_files("tests/data/notes"));
    v
}

/// The note of a case file, made as the window and `note` make it.
fn note_for(path: &Path) -> Note {
    let lib = common::shipped_library();
    let (src, case) = store::read_case(path).unwrap_or_else(|d| panic!("{d}"));
    let g = lib
        .resolve(&case.pack, case.profile.as_deref())
        .unwrap_or_else(|d| panic!("{d}"));
    note::from_case(&g, &src, &case).unwrap_or_else(|d| panic!("{d}"))
}

fn stem(path: &Path) -> String {
    let dir = path
        .parent()
        .and_then(|p| p.file_name())
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    let name = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    format!("{dir}-{name}")
}

#[test]
fn text_and_markdown_snapshots_for_every_case() {
    let files = all_cases();
    assert!(files.len() >= 20, "found {} cases", files.len());
    for path in &files {
        let n = note_for(path);
        insta::assert_snapshot!(format!("note-txt-{}", stem(path)), note::render_text(&n));
        insta::assert_snapshot!(format!("note-md-{}", stem(path)), note::render_markdown(&n));
    }
}

#[test]
fn json_round_trips_to_the_same_note_and_text() {
    for path in all_cases() {
        let n = note_for(&path);
        let json = note::to_json(&n);
        let file: NoteFile = serde_json::from_str(&json).expect("the JSON note parses");
        assert_eq!(file.note, n, "{}", path.display());
        assert_eq!(file.digest, note::digest(&n));
        assert_eq!(
            note::render_text(&file.note),
            note::render_text(&n),
            "{}",
            path.display()
        );
        // And the Markdown converts back to exactly the text.
        let md = note::render_markdown(&n);
        let back: String = markdown::markdown_to_text(&md)
            .into_iter()
            .map(|(l, _)| l + "\n")
            .collect();
        assert_eq!(back, note::render_text(&n), "{}", path.display());
    }
}

#[test]
fn the_same_case_gives_byte_identical_notes() {
    for path in all_cases() {
        let (a, b) = (note_for(&path), note_for(&path));
        assert_eq!(note::render_text(&a), note::render_text(&b));
        assert_eq!(note::render_markdown(&a), note::render_markdown(&b));
        assert_eq!(note::to_json(&a), note::to_json(&b));
    }
}

#[test]
fn untouched_notes_verify_in_every_format() {
    for path in all_cases() {
        let n = note_for(&path);
        for (name, bytes) in [
            ("txt", note::render_text(&n)),
            ("md", note::render_markdown(&n)),
            ("json", note::to_json(&n)),
        ] {
            let v = note::verify(bytes.as_bytes());
            assert!(v.intact, "{} {name}: {:?}", path.display(), v.changes);
            assert_eq!(v.recorded, note::digest(&n));
            assert_eq!(v.guidance.digest, n.guidance.digest, "{name}");
            assert_eq!(v.guidance.layers.len(), n.guidance.layers.len(), "{name}");
            assert_eq!(v.crime_reference, n.crime_reference, "{name}");
            let g = &n.guidance;
            assert_eq!(
                v.guidance.made_under,
                format!("{} ({} version {})", g.title, g.pack, g.version),
                "{name}"
            );
        }
        // A records system that turns line ends into CRLF does not break it.
        let crlf = note::render_text(&n).replace('\n', "\r\n");
        assert!(note::verify(crlf.as_bytes()).intact);
    }
}

#[test]
fn text_is_plain_and_wrapped() {
    for path in all_cases() {
        let text = note::render_text(&note_for(&path));
        for (i, line) in text.lines().enumerate() {
            assert!(
                line.chars().count() <= render::WIDTH,
                "{}:{}: {} characters",
                path.display(),
                i + 1,
                line.chars().count()
            );
            assert!(
                !line.ends_with(' '),
                "{}:{}: trailing space",
                path.display(),
                i + 1
            );
            for c in line.chars() {
                assert!(
                    !c.is_control()
                        && !"\u{2018}\u{2019}\u{201C}\u{201D}\u{2013}\u{2014}\u{2026}\u{a0}"
                            .contains(c),
                    "{}:{}: {c:?}",
                    path.display(),
                    i + 1
                );
            }
        }
    }
}

#[test]
fn the_record_is_on_the_note() {
    let text = note::render_text(&note_for(Path::new("tests/data/notes/da-completed.ron")));
    for want in [
        "Crime reference: CR/12345/26",
        "PC 4521 Okafor (Attending officer)",
        "did not go ahead. Why: Only the suspect's allegation - nothing to add to her",
        "safety. / Not in her interest.",
        "DONE. She declined; leaflet given",
        "PS 1180 Hughes at 2026-11-29T11:40:00Z",
        "\"Medium risk\" to \"High risk\"",
        "At the MARAC meeting on 2026-12-04",
        "Completed: 2026-11-29T11:02:00Z",
    ] {
        assert!(text.contains(want), "missing {want:?} in\n{text}");
    }
    assert!(!text.contains("DRAFT"));
    // A case with no completion time is a draft, and says so before anything else.
    let draft = note::render_text(&note_for(Path::new(
        "tests/data/cases/da-doubts-national.ron",
    )));
    let first = draft.lines().take(6).collect::<Vec<_>>().join("\n");
    assert!(first.contains("*** DRAFT"), "{first}");
}

#[test]
fn control_characters_and_typography_are_made_safe() {
    assert_eq!(
        note::clean("\u{201C}a\u{201D} \u{2014} b\u{2026}\r\nc\u{7}\u{202E}d\t e"),
        "\"a\" - b... / c[U+0007][U+202E]d e"
    );
}

fn altered(original: &str, pos: usize, with: char) -> Option<String> {
    let (i, c) = original.char_indices().nth(pos)?;
    if c == with {
        return None;
    }
    let mut s = original.to_owned();
    s.replace_range(i..i + c.len_utf8(), &with.to_string());
    Some(s)
}

fn fixture() -> &'static (String, String, String) {
    static F: std::sync::OnceLock<(String, String, String)> = std::sync::OnceLock::new();
    F.get_or_init(|| {
        let n = note_for(Path::new("tests/data/notes/da-completed.ron"));
        (
            note::render_text(&n),
            note::render_markdown(&n),
            note::to_json(&n),
        )
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// One character changed anywhere, in any format: verify fails and says where.
    #[test]
    fn one_changed_character_is_detected(
        format in 0usize..3,
        at in 0.0f64..1.0,
        with in prop::sample::select(vec!['x', '0', ' ', '\n', '-', '*', '\\', '"', 'e', 'é', '{']),
    ) {
        let f = fixture();
        let original = match format { 0 => &f.0, 1 => &f.1, _ => &f.2 };
        let len = original.chars().count();
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss, clippy::cast_precision_loss, reason = "a position in a short text")]
        let pos = ((len as f64) * at) as usize;
        if let Some(changed) = altered(original, pos, with) {
            let v = note::verify(changed.as_bytes());
            prop_assert!(!v.intact, "format {format}, char {pos} -> {with:?} not detected");
            prop_assert!(!v.changes.is_empty());
            prop_assert!(
                v.changes.iter().any(|c| c.contains("line") || c.contains("section") || c.contains("field")),
                "{:?}", v.changes
            );
        }
    }
}

#[test]
fn a_changed_verdict_is_named_by_its_section() {
    let (text, _, json) = fixture();
    let changed = text.replacen("NOT RECOMMENDED", "PERMITTED", 1);
    let v = note::verify(changed.as_bytes());
    assert!(!v.intact);
    assert!(
        v.changes
            .iter()
            .any(|c| c.contains("POWERS AND POLICY") && c.contains("lines")),
        "{:?}",
        v.changes
    );
    let changed = json.replacen("PC 4521 Okafor", "PC 4521 Okafoe", 1);
    let v = note::verify(changed.as_bytes());
    assert!(!v.intact);
    assert!(
        v.changes
            .iter()
            .any(|c| c.contains("DECISION NOTE") && c.contains("officer")),
        "{:?}",
        v.changes
    );
}

#[test]
fn export_file_names_are_sanitised() {
    use victim_first::core::note::Format;
    use victim_first::note_cli::file_name;
    let mut n = note_for(Path::new("tests/data/notes/da-completed.ron"));
    assert_eq!(
        file_name(&n, Format::Pdf),
        "decision-note-CR-12345-26-2026-11-29.pdf"
    );
    n.crime_reference = "../../etc/passwd \u{202E}x".to_owned();
    n.completed = String::new();
    n.draft = true;
    let name = file_name(&n, Format::Text);
    assert_eq!(name, "decision-note-etc-passwd-x-2026-11-29-draft.txt");
}

/// Every leaf of a JSON value, with its path (`note.checks[0].verdict`).
fn leaves(v: &serde_json::Value, path: &str, out: &mut Vec<String>) {
    match v {
        serde_json::Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(x, &p, out);
            }
        }
        serde_json::Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, &format!("{path}[{i}]"), out);
            }
        }
        _ => out.push(path.to_owned()),
    }
}

fn at_path<'v>(v: &'v mut serde_json::Value, path: &str) -> &'v mut serde_json::Value {
    let mut cur = v;
    for part in path.split('.') {
        let (key, indexes) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        cur = &mut cur[key];
        for i in indexes.split('[').filter(|s| !s.is_empty()) {
            let i: usize = i.trim_end_matches(']').parse().expect("index");
            cur = &mut cur[i];
        }
    }
    cur
}

/// Words a field may hold in a real note: verdicts and decisions.
const WORDS: [&str; 10] = [
    "permitted",
    "refused",
    "not_recommended",
    "defer",
    "incomplete",
    "not_proposed",
    "proceed",
    "do_not_proceed",
    "undecided",
    "",
];

/// Every field of the JSON note is inside what the digest covers: changing any
/// one of them (the file otherwise written exactly as the app writes it) makes
/// `verify` say ALTERED, and say where.
#[test]
fn changing_any_field_of_the_json_note_is_detected() {
    let mut fields_seen = 0;
    for case in [
        "tests/data/notes/da-completed.ron",
        "tests/data/cases/incomplete.ron",
        // No contact proposed: its verdict must still be covered.
        "tests/data/cases/appearance-only-check.ron",
    ] {
        let n = note_for(Path::new(case));
        let json = note::to_json(&n);
        let value: serde_json::Value = serde_json::from_str(&json).expect("JSON");
        let mut paths = Vec::new();
        leaves(&value, "", &mut paths);
        for p in paths {
            let mut changed = value.clone();
            let leaf = at_path(&mut changed, &p);
            // Each change that still reads as a note: a string edited, or
            // swapped for another verdict or choice word; a flag flipped; a number moved.
            let candidates: Vec<serde_json::Value> = match &*leaf {
                serde_json::Value::Bool(b) => vec![serde_json::Value::Bool(!*b)],
                serde_json::Value::String(s) => {
                    let mut c: Vec<serde_json::Value> = vec![format!("{s}x").into()];
                    c.extend(WORDS.iter().filter(|w| *w != s).map(|w| (*w).into()));
                    c
                }
                serde_json::Value::Number(n) => vec![(n.as_i64().unwrap_or(0) + 1).into()],
                _ => Vec::new(),
            };
            for new in candidates {
                *at_path(&mut changed, &p) = new;
                // Written back exactly as the app writes a note (its field order and
                // layout), so only the digest can tell.
                let Ok(file) = serde_json::from_value::<note::NoteFile>(changed.clone()) else {
                    continue;
                };
                let mut text = serde_json::to_string_pretty(&file).expect("JSON");
                text.push('\n');
                let v = note::verify(text.as_bytes());
                assert!(!v.intact, "{case}: a change to \"{p}\" was not detected");
                assert!(!v.changes.is_empty(), "{case}: {p}: no reason given");
                fields_seen += 1;
            }
        }
    }
    assert!(fields_seen > 100, "{fields_seen} fields");
}
