//! Forged PDF notes, made by the tests from real notes with a PDF library
//! (lopdf), as someone changing a note would make them. Each must read ALTERED
//! or be refused, saying what and where; the untouched note and a faithful
//! re-save by `qpdf` read INTACT.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::missing_panics_doc,
    reason = "a test may panic on a broken fixture"
)]

mod common;

use std::process::Command;

use lopdf::content::{Content, Operation};
use lopdf::{Dictionary, Document, Object, Stream, dictionary};
use victim_first::core::note::Verified;
use victim_first::{pdf, pdf_check};

use common::note_for;

fn original() -> Vec<u8> {
    pdf::render(&note_for("tests/data/notes/da-completed.ron")).expect("PDF")
}

fn other_case() -> Vec<u8> {
    pdf::render(&note_for("tests/data/notes/checks-completed.ron")).expect("PDF")
}

fn save(doc: &mut Document) -> Vec<u8> {
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("saved");
    out
}

fn page_one(doc: &Document) -> lopdf::ObjectId {
    *doc.get_pages().get(&1).expect("page 1")
}

fn altered(v: &Verified, what: &str) {
    assert!(!v.intact, "{what}: read as intact: {:?}", v.changes);
    assert!(!v.changes.is_empty(), "{what}: no reason given");
}

fn says(v: &Verified, part: &str, what: &str) {
    assert!(
        v.changes.iter().any(|c| c.contains(part)),
        "{what}: expected a change saying \"{part}\", got {:?}",
        v.changes
    );
}

#[test]
fn the_untouched_note_is_intact_and_its_pages_match() {
    let v = pdf_check::verify(&original());
    assert!(v.intact, "{:?}", v.changes);
    assert!(
        v.checked.iter().any(|c| c.starts_with("pages: exactly")),
        "{:?}",
        v.checked
    );
    assert!(v.checked.iter().any(|c| c.starts_with("structure")));
    assert!(v.checked.iter().any(|c| c.starts_with("data")));
}

#[test]
fn a_faithful_qpdf_resave_is_recognised() {
    let dir = std::env::temp_dir().join(format!("vf-forgery-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let a = dir.join("a.pdf");
    let b = dir.join("b.pdf");
    std::fs::write(&a, original()).expect("write");
    // qpdf is needed (scripts/setup.sh installs it): without it the test
    // fails rather than passing unseen.
    let status = Command::new("qpdf")
        .arg(&a)
        .arg(&b)
        .status()
        .unwrap_or_else(|e| {
            panic!("qpdf is needed for this test (scripts/setup.sh installs it): {e}")
        });
    assert!(status.success() || status.code() == Some(3), "qpdf ran");
    let resaved = std::fs::read(&b).expect("resaved");
    assert_ne!(resaved, original(), "qpdf rewrote the file");
    let v = pdf_check::verify(&resaved);
    assert!(v.intact, "{:?}", v.changes);
    assert!(
        v.checked
            .iter()
            .any(|c| c.contains("re-saved by another program")),
        "{:?}",
        v.checked
    );
    // Re-compressing every stream is still the same document.
    let c = dir.join("c.pdf");
    let _ = Command::new("qpdf")
        .args([
            "--recompress-flate",
            "--compression-level=9",
            "--object-streams=generate",
        ])
        .arg(&a)
        .arg(&c)
        .status();
    if let Ok(bytes) = std::fs::read(&c) {
        let v = pdf_check::verify(&bytes);
        assert!(v.intact, "recompressed: {:?}", v.changes);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn a_line_removed_from_a_page_is_altered_naming_the_page() {
    let mut doc = Document::load_mem(&original()).expect("loads");
    let page = page_one(&doc);
    let content = doc.get_page_content(page);
    let mut ops = Content::decode(&content).expect("decodes");
    // The tenth text drawn on the page: a line of the note.
    let at = ops
        .operations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.operator == "TJ" || o.operator == "Tj")
        .nth(10)
        .map(|(i, _)| i)
        .expect("text on page 1");
    ops.operations.remove(at);
    doc.change_page_content(page, ops.encode().expect("encodes"))
        .expect("changed");
    let v = pdf_check::verify(&save(&mut doc));
    altered(&v, "a line removed");
    says(&v, "page 1 differs", "a line removed");
    says(&v, "do not rely on the pages", "a line removed");
}

#[test]
fn a_page_swapped_in_from_another_case_is_altered() {
    let mut doc = Document::load_mem(&original()).expect("loads");
    let other = Document::load_mem(&other_case()).expect("loads");
    let theirs = other.get_page_content(page_one(&other));
    let page = page_one(&doc);
    doc.change_page_content(page, theirs).expect("changed");
    let v = pdf_check::verify(&save(&mut doc));
    altered(&v, "a page swapped");
    says(&v, "page 1 differs", "a page swapped");
}

#[test]
fn a_box_drawn_over_a_page_with_new_words_is_altered() {
    let mut doc = Document::load_mem(&original()).expect("loads");
    let page = page_one(&doc);
    let overlay = Content {
        operations: vec![
            Operation::new("q", vec![]),
            Operation::new("rg", vec![1.into(), 1.into(), 1.into()]),
            Operation::new("re", vec![60.into(), 600.into(), 300.into(), 20.into()]),
            Operation::new("f", vec![]),
            Operation::new("Q", vec![]),
        ],
    };
    let id = doc.add_object(Stream::new(
        Dictionary::new(),
        overlay.encode().expect("enc"),
    ));
    let page_dict = doc.get_dictionary_mut(page).expect("page");
    let contents = page_dict.get(b"Contents").expect("contents").clone();
    let list = match contents {
        Object::Array(mut a) => {
            a.push(Object::Reference(id));
            a
        }
        other => vec![other, Object::Reference(id)],
    };
    page_dict.set("Contents", Object::Array(list));
    let v = pdf_check::verify(&save(&mut doc));
    altered(&v, "an overlay box");
    says(&v, "page 1 differs", "an overlay box");
}

#[test]
fn an_incremental_update_is_refused() {
    let mut bytes = original();
    let xref_at = bytes.len();
    bytes.extend_from_slice(
        format!("\n9999 0 obj\n<< /Type /Page >>\nendobj\nxref\n9999 1\n{xref_at:010} 00000 n \ntrailer\n<< /Size 10000 /Prev 0 >>\nstartxref\n{xref_at}\n%%EOF\n")
            .as_bytes(),
    );
    let v = pdf_check::verify(&bytes);
    altered(&v, "an incremental update");
    says(&v, "incremental update", "an incremental update");
}

#[test]
fn javascript_and_open_actions_are_refused() {
    for (what, action) in [
        (
            "JavaScript",
            dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("app.alert(1)") },
        ),
        (
            "OpenAction",
            dictionary! { "S" => "GoTo", "D" => vec![0.into(), "Fit".into()] },
        ),
    ] {
        let mut doc = Document::load_mem(&original()).expect("loads");
        let id = doc.add_object(action);
        doc.catalog_mut()
            .expect("catalog")
            .set("OpenAction", Object::Reference(id));
        let v = pdf_check::verify(&save(&mut doc));
        altered(&v, what);
        says(&v, "refused", what);
        says(&v, "OpenAction", what);
    }
    // A JavaScript action anywhere, not only on opening.
    let mut doc = Document::load_mem(&original()).expect("loads");
    let js =
        doc.add_object(dictionary! { "S" => "JavaScript", "JS" => Object::string_literal("x") });
    let page = page_one(&doc);
    doc.get_dictionary_mut(page)
        .expect("page")
        .set("AA", dictionary! { "O" => Object::Reference(js) });
    let v = pdf_check::verify(&save(&mut doc));
    altered(&v, "page action");
    says(&v, "refused", "page action");
}

#[test]
fn spare_appended_and_bare_json_are_refused() {
    let other_json = pdf_check::note_data(&other_case()).expect("other note");
    // A spare note hidden in an object nothing refers to.
    let mut doc = Document::load_mem(&original()).expect("loads");
    doc.add_object(Stream::new(Dictionary::new(), other_json.clone()));
    let v = pdf_check::verify(&save(&mut doc));
    altered(&v, "a spare note");
    says(&v, "refused", "a spare note");
    // A note appended after the end of the file.
    let mut appended = original();
    appended.extend_from_slice(&other_json);
    let v = pdf_check::verify(&appended);
    says(&v, "after the end", "an appended note");
    // A bare header and a note.
    let mut bare = b"%PDF-1.7\n".to_vec();
    bare.extend_from_slice(&pdf_check::note_data(&original()).expect("note"));
    let v = pdf_check::verify(&bare);
    altered(&v, "a bare header");
    says(&v, "refused", "a bare header");
}

#[test]
fn a_truncated_file_is_refused() {
    let bytes = original();
    for cut in [bytes.len() / 2, bytes.len() - 20] {
        let v = pdf_check::verify(&bytes[..cut]);
        altered(&v, "truncated");
        says(&v, "refused", "truncated");
    }
}

#[test]
fn two_notes_are_refused() {
    let mut doc = Document::load_mem(&original()).expect("loads");
    let other_json = pdf_check::note_data(&other_case()).expect("other note");
    let mut s = Stream::new(
        dictionary! { "Type" => "EmbeddedFile", "Subtype" => "application/json" },
        other_json,
    );
    s.allows_compression = false;
    let data = doc.add_object(s);
    let spec = doc.add_object(dictionary! {
        "Type" => "Filespec",
        "F" => Object::string_literal(pdf::ATTACHMENT),
        "UF" => Object::string_literal(pdf::ATTACHMENT),
        "EF" => dictionary! { "F" => Object::Reference(data) },
    });
    let catalog = doc.catalog_mut().expect("catalog");
    let af = match catalog.get(b"AF") {
        Ok(Object::Array(a)) => {
            let mut a = a.clone();
            a.push(Object::Reference(spec));
            a
        }
        _ => vec![Object::Reference(spec)],
    };
    catalog.set("AF", Object::Array(af));
    let v = pdf_check::verify(&save(&mut doc));
    altered(&v, "two notes");
    says(&v, "refused", "two notes");
}

#[test]
fn another_cases_note_swapped_into_the_attachment_is_altered_by_its_pages() {
    let mut doc = Document::load_mem(&original()).expect("loads");
    let other_json = pdf_check::note_data(&other_case()).expect("other note");
    let target = doc
        .objects
        .iter()
        .find(|(_, o)| {
            matches!(o, Object::Stream(s) if matches!(s.dict.get(b"Type"), Ok(Object::Name(n)) if n == b"EmbeddedFile"))
        })
        .map(|(id, _)| *id)
        .expect("the embedded note");
    if let Ok(Object::Stream(s)) = doc.get_object_mut(target) {
        s.set_content(other_json);
        s.allows_compression = false;
    }
    let v = pdf_check::verify(&save(&mut doc));
    altered(&v, "a swapped attachment");
    says(
        &v,
        "the embedded data is intact, but the pages are not",
        "a swapped attachment",
    );
    says(&v, "page 1 differs", "a swapped attachment");
}

#[test]
fn a_changed_subject_in_the_document_information_is_altered() {
    let mut doc = Document::load_mem(&original()).expect("loads");
    let info = doc
        .trailer
        .get(b"Info")
        .and_then(Object::as_reference)
        .expect("info");
    doc.get_dictionary_mut(info).expect("info").set(
        "Subject",
        Object::string_literal("Decision note: RECOMMENDED"),
    );
    let v = pdf_check::verify(&save(&mut doc));
    altered(&v, "the subject");
    says(&v, "document information", "the subject");
}
