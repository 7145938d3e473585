//! The PDF note, checked by real PDF tools rather than by the code that wrote it:
//! `qpdf --check`, `pdfinfo`, `pdftotext` and `pdfdetach` (poppler-utils), which
//! `scripts/setup.sh` installs.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

mod common;

use std::path::PathBuf;
use std::process::Command;

use victim_first::core::note;
use victim_first::pdf;

use common::note_for;

/// A scratch folder for this test binary.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("victim-first-note-pdf-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir.join(name)
}

fn tool(cmd: &str, args: &[&str]) -> (bool, String) {
    let out = Command::new(cmd)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{cmd} could not run ({e}): run scripts/setup.sh"));
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr),
    )
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

const FIXTURES: &[&str] = &[
    "tests/data/notes/da-completed.ron",
    "tests/data/notes/checks-completed.ron",
    "tests/data/cases/trafficking-no-consent-ie.ron",
];

#[test]
fn real_pdf_tools_accept_the_note_and_find_everything_in_it() {
    for (i, fixture) in FIXTURES.iter().enumerate() {
        let n = note_for(fixture);
        let bytes = pdf::render(&n).expect("the PDF is written");
        let path = scratch(&format!("note-{i}.pdf"));
        std::fs::write(&path, &bytes).expect("written");
        let p = path.to_str().expect("utf-8 path");

        let (ok, out) = tool("qpdf", &["--check", p]);
        assert!(ok, "qpdf --check failed for {fixture}:\n{out}");
        assert!(out.contains("No syntax or stream encoding errors"), "{out}");

        let (ok, info) = tool("pdfinfo", &[p]);
        assert!(ok, "{info}");
        assert!(info.contains("Tagged:          yes"), "{info}");
        let reference = if n.crime_reference.is_empty() {
            "not recorded"
        } else {
            n.crime_reference.as_str()
        };
        assert!(
            info.contains(&format!(
                "Title:           Decision note, crime reference {reference}"
            )),
            "{info}"
        );
        assert!(info.contains("(A4)"), "{info}");
        assert!(info.contains("PDF version:     1.7"), "{info}");

        // Every verdict, rule id, officer reason and the crime reference is in the text.
        let (ok, text) = tool("pdftotext", &["-layout", p, "-"]);
        assert!(ok, "{text}");
        let text = words(&text);
        let mut wanted = vec![reference.to_owned(), note::digest(&n)];
        for c in &n.checks {
            wanted.push(note::wording::verdict(&c.verdict).to_owned());
            wanted.extend(c.rules.iter().cloned());
            wanted.push(c.reason.clone());
            if let Some(d) = &c.decision {
                wanted.push(d.reason.clone());
            }
        }
        let ie = &n.ie_contact;
        if ie.proposed {
            wanted.push(note::wording::verdict(&ie.verdict).to_owned());
        }
        wanted.extend(ie.rules.iter().cloned());
        if let Some(d) = &ie.decision {
            wanted.push(d.reason.clone());
        }
        for r in &n.rules {
            wanted.push(r.id.clone());
        }
        for w in wanted.iter().filter(|w| !w.is_empty()) {
            assert!(
                text.contains(&words(w)),
                "{fixture}: {w:?} not in the PDF's text"
            );
        }
        // Page numbers and the running header are on the page.
        assert!(text.contains("Page 1 of"), "no page number");
        assert!(text.contains(&format!("Decision note, crime reference {reference}")));

        // The embedded note is listed, and the bytes pdfdetach extracts verify.
        let (ok, list) = tool("pdfdetach", &["-list", p]);
        assert!(ok && list.contains(pdf::ATTACHMENT), "{list}");
        let json_path = scratch(&format!("note-{i}.json"));
        let (ok, out) = tool(
            "pdfdetach",
            &["-save", "1", "-o", json_path.to_str().expect("utf-8"), p],
        );
        assert!(ok, "{out}");
        let json = std::fs::read(&json_path).expect("extracted");
        assert_eq!(json, note::to_json(&n).into_bytes());
        assert!(note::verify(&json).intact);
        assert!(victim_first::pdf_check::verify(&bytes).intact);
    }
}

#[test]
fn the_same_case_gives_the_same_pdf_text() {
    let n = note_for(FIXTURES[0]);
    let a = pdf::render(&n).expect("written");
    let b = pdf::render(&n).expect("written");
    let (pa, pb) = (scratch("same-a.pdf"), scratch("same-b.pdf"));
    std::fs::write(&pa, &a).expect("written");
    std::fs::write(&pb, &b).expect("written");
    let (_, ta) = tool("pdftotext", &[pa.to_str().expect("utf-8"), "-"]);
    let (_, tb) = tool("pdftotext", &[pb.to_str().expect("utf-8"), "-"]);
    assert_eq!(ta, tb);
    assert!(!ta.is_empty());
    assert_eq!(a, b, "the PDF bytes are the same too");
}

#[test]
fn a_changed_embedded_note_is_detected() {
    let n = note_for(FIXTURES[0]);
    let bytes = pdf::render(&n).expect("written");
    let json = victim_first::pdf_check::note_data(&bytes).expect("embedded");
    let start = bytes
        .windows(json.len())
        .position(|w| w == json)
        .expect("found");
    // Change one character at several places inside the embedded note.
    for offset in [40, json.len() / 3, json.len() / 2, json.len() - 10] {
        let mut changed = bytes.clone();
        let at = start + offset;
        changed[at] = if changed[at] == b'x' { b'y' } else { b'x' };
        let v = victim_first::pdf_check::verify(&changed);
        assert!(!v.intact, "a change at {offset} was not detected");
        assert!(!v.changes.is_empty());
    }
    let v = victim_first::pdf_check::verify(b"%PDF-1.7 nothing here");
    assert!(!v.intact);
    assert!(v.changes[0].starts_with("refused"), "{:?}", v.changes);
}

#[test]
fn the_command_line_writes_and_verifies_every_format() {
    let exe = env!("CARGO_BIN_EXE_victim-first");
    for format in ["txt", "md", "json", "pdf"] {
        let out = scratch(&format!("cli.{format}"));
        let o = out.to_str().expect("utf-8");
        let status = Command::new(exe)
            .args(["note", FIXTURES[0], "--format", format, "--out", o])
            .status()
            .expect("runs");
        assert!(status.success(), "note --format {format}");
        let v = Command::new(exe)
            .args(["verify", o])
            .output()
            .expect("runs");
        let said = String::from_utf8_lossy(&v.stdout);
        assert!(v.status.success(), "{format}: {said}");
        assert!(said.contains("INTACT"), "{said}");
        assert!(said.contains("present here"), "{said}");
        assert!(said.contains("Made under:"), "{said}");
        // One character changed: verify fails and says where.
        let mut bytes = std::fs::read(&out).expect("written");
        if format != "pdf" {
            let at = bytes.len() / 3;
            bytes[at] = if bytes[at] == b'x' { b'y' } else { b'x' };
            std::fs::write(&out, &bytes).expect("written");
            let v = Command::new(exe)
                .args(["verify", o])
                .output()
                .expect("runs");
            let said = String::from_utf8_lossy(&v.stdout);
            assert_eq!(v.status.code(), Some(1), "{format}: {said}");
            assert!(said.contains("ALTERED"), "{said}");
        }
    }
    // Verified against a guidance folder without that guidance, it says so.
    let out = scratch("elsewhere.txt");
    let o = out.to_str().expect("utf-8");
    let empty = scratch("no-guidance");
    std::fs::create_dir_all(&empty).expect("made");
    assert!(
        Command::new(exe)
            .args(["note", FIXTURES[0], "--out", o])
            .status()
            .expect("runs")
            .success()
    );
    let v = Command::new(exe)
        .args(["verify", o, "--guidance", empty.to_str().expect("utf-8")])
        .output()
        .expect("runs");
    let said = String::from_utf8_lossy(&v.stdout);
    assert!(v.status.success(), "{said}");
    assert!(said.contains("not checked"), "{said}");
    assert!(
        said.contains("no guidance files (*.ron) found here"),
        "{said}"
    );
    // A PDF is never written to the terminal.
    let o = Command::new(exe)
        .args(["note", FIXTURES[0], "--format", "pdf"])
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn characters_the_font_lacks_do_not_stop_the_pdf() {
    let mut n = note_for(FIXTURES[0]);
    n.officer = "PC 1 \u{674E}\u{4F1F} \u{1F642}".to_owned();
    n.crime_reference = "CR/\u{4E00}/26".to_owned();
    let bytes = pdf::render(&n).expect("written despite the missing glyphs");
    let path = scratch("missing-glyphs.pdf");
    std::fs::write(&path, &bytes).expect("written");
    let p = path.to_str().expect("utf-8");
    let (ok, out) = tool("qpdf", &["--check", p]);
    assert!(ok, "{out}");
    let (_, text) = tool("pdftotext", &[p, "-"]);
    assert!(text.contains("[U+674E][U+4F1F]"), "{text}");
    // The embedded note keeps the characters as typed, and verifies.
    let v = victim_first::pdf_check::verify(&bytes);
    assert!(v.intact, "{:?}", v.changes);
    assert_eq!(v.crime_reference, "CR/\u{4E00}/26");
}
