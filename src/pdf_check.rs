//! Verifying a PDF decision note as a PDF reader reads it.
//!
//! The file is parsed with `lopdf` (never searched as bytes); the note is only
//! the one embedded file the document's catalogue declares, with the JSON MIME
//! type. Anything a note written by this app never has is refused, saying what
//! was found: not a well-formed PDF, data after the end of the file, an
//! incremental update, encryption, scripts or actions, forms, more than one
//! embedded file, objects nothing refers to.
//!
//! Then the pages. The app's PDFs are deterministic, so the PDF is rebuilt from
//! the embedded note and the two documents are compared object by object, from
//! each page (its drawing, fonts and resources) to the structure tree, the
//! outline, the metadata (XMP) and the document information (Title, Subject):
//! streams by their decoded bytes, dictionaries by key, so a faithful re-save by
//! another program (re-compressed streams, renumbered objects, a rewritten
//! cross-reference table) still matches. A page that differs is named with the
//! first line of text that differs.

use std::collections::BTreeSet;

use lopdf::{Dictionary, Document, Object, ObjectId};

use crate::core::note::{self, Format, Verified};
use crate::pdf;

/// What the page check found, beside the note's own data check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Pages {
    /// Byte for byte the PDF this app writes for the embedded note.
    Exact,
    /// Not the same bytes, but every page, the structure and the metadata are
    /// what this app writes for the embedded note: re-saved by another program.
    Resaved,
    /// A page, the structure or the metadata differ from what the embedded note gives.
    Differ(Vec<String>),
    /// Not compared: the embedded note itself is altered or unreadable.
    NotChecked,
}

/// Keys whose values say how a stream is stored, not what it holds.
const STORAGE_KEYS: [&[u8]; 3] = [b"Length", b"Filter", b"DecodeParms"];

/// Action types a note never has.
const ACTION_TYPES: [&[u8]; 9] = [
    b"JavaScript",
    b"Launch",
    b"SubmitForm",
    b"ResetForm",
    b"ImportData",
    b"URI",
    b"GoToR",
    b"GoToE",
    b"Rendition",
];

/// Checks a PDF note: its structure, its embedded note, and its pages.
pub fn verify(bytes: &[u8]) -> Verified {
    match check(bytes) {
        Ok(v) => v,
        Err(why) => refused(why),
    }
}

fn refused(why: String) -> Verified {
    Verified {
        format: Format::Pdf,
        intact: false,
        recorded: String::new(),
        computed: String::new(),
        check_code: String::new(),
        changes: vec![why],
        crime_reference: String::new(),
        guidance: note::integrity::GuidanceSeen::default(),
        checked: vec!["structure: the file read as a PDF, for what a note never has".to_owned()],
    }
}

/// The embedded note's JSON, read as `verify` reads it (the same refusals), for
/// the window to show a PDF note's content.
pub fn note_data(bytes: &[u8]) -> Result<Vec<u8>, String> {
    read(bytes).map(|(_, json)| json)
}

/// The parsed document and its embedded note, after every structural refusal.
fn read(bytes: &[u8]) -> Result<(Document, Vec<u8>), String> {
    structure(bytes)?;
    let doc =
        Document::load_mem(bytes).map_err(|e| format!("refused: not a well-formed PDF ({e})"))?;
    if doc.trailer.get(b"Prev").is_ok() {
        return Err(
            "refused: an incremental update (the file was changed after it was written)".to_owned(),
        );
    }
    if doc.trailer.get(b"Encrypt").is_ok() {
        return Err("refused: the PDF is encrypted".to_owned());
    }
    actions(&doc)?;
    unreferenced(&doc)?;
    let json = embedded_note(&doc)?;
    Ok((doc, json))
}

fn check(bytes: &[u8]) -> Result<Verified, String> {
    let (doc, json) = read(bytes)?;
    let mut v = note::verify(&json);
    v.format = Format::Pdf;
    v.checked = vec![
        "structure: read as a PDF; no script, action, form, update or hidden object; one embedded note".to_owned(),
        format!("data: the embedded note ({}) {}", pdf::ATTACHMENT, note::integrity::CHECKED_DATA.trim_start_matches("data: ")),
    ];
    let pages = if v.intact {
        compare_with_rebuilt(bytes, &doc, &json)
    } else {
        Pages::NotChecked
    };
    match pages {
        Pages::Exact => v
            .checked
            .push("pages: exactly as this app writes them for the embedded note".to_owned()),
        Pages::Resaved => v.checked.push(
            "pages: re-saved by another program; data intact, pages, structure and metadata match"
                .to_owned(),
        ),
        Pages::Differ(d) => {
            v.intact = false;
            v.changes.push(
                "the embedded data is intact, but the pages are not what it gives: do not rely on the pages"
                    .to_owned(),
            );
            v.changes.extend(d);
        }
        Pages::NotChecked => v.changes.push(
            "the pages were not checked: the embedded note they would be checked against is itself altered"
                .to_owned(),
        ),
    }
    Ok(v)
}

/// What the bytes show before parsing: a PDF header, one cross-reference
/// section, nothing after the end, at most one copy of a note.
fn structure(bytes: &[u8]) -> Result<(), String> {
    if !bytes.starts_with(b"%PDF-") {
        return Err("refused: not a PDF (it does not start with %PDF-)".to_owned());
    }
    let eof = find_last(bytes, b"%%EOF")
        .ok_or_else(|| "refused: the file is cut short (no %%EOF at its end)".to_owned())?;
    if bytes
        .get(eof + 5..)
        .is_some_and(|rest| rest.iter().any(|b| !b.is_ascii_whitespace()))
    {
        return Err("refused: there is data after the end of the PDF (%%EOF)".to_owned());
    }
    if count(bytes, b"startxref") > 1 || count(bytes, b"%%EOF") > 1 {
        return Err(
            "refused: an incremental update (more than one cross-reference section: the file was changed after it was written)"
                .to_owned(),
        );
    }
    let marker = format!("{{\n  \"format\": \"{}\"", note::model::FORMAT);
    if count(bytes, marker.as_bytes()) > 1 {
        return Err("refused: more than one note's data is in the file".to_owned());
    }
    Ok(())
}

fn find_last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Refuses any script, action or form anywhere in the document.
fn actions(doc: &Document) -> Result<(), String> {
    if let Ok(catalog) = doc.catalog() {
        for (key, what) in [
            (&b"OpenAction"[..], "an action run on opening (OpenAction)"),
            (b"AA", "additional actions (AA)"),
            (b"AcroForm", "a form (AcroForm)"),
            (b"Names/JavaScript", "document JavaScript"),
        ] {
            if catalog.get(key).is_ok() {
                return Err(format!("refused: {what}"));
            }
        }
        if let Ok(names) = catalog
            .get(b"Names")
            .and_then(|n| doc.dereference(n).map(|x| x.1))
            && let Ok(names) = names.as_dict()
            && names.get(b"JavaScript").is_ok()
        {
            return Err("refused: document JavaScript".to_owned());
        }
    }
    for (id, object) in &doc.objects {
        let dict = match object {
            Object::Dictionary(d) => d,
            Object::Stream(s) => &s.dict,
            _ => continue,
        };
        if dict.get(b"JS").is_ok() {
            return Err(format!("refused: JavaScript (object {} {})", id.0, id.1));
        }
        if dict.get(b"AA").is_ok() {
            return Err(format!(
                "refused: additional actions (object {} {})",
                id.0, id.1
            ));
        }
        if let Ok(Object::Name(s)) = dict.get(b"S")
            && ACTION_TYPES.contains(&s.as_slice())
        {
            return Err(format!(
                "refused: a {} action (object {} {})",
                String::from_utf8_lossy(s),
                id.0,
                id.1
            ));
        }
        if let Ok(Object::Name(t)) = dict.get(b"Subtype")
            && (t == b"Widget" || t == b"Link")
        {
            return Err(format!(
                "refused: a {} annotation (object {} {})",
                if t == b"Widget" { "form field" } else { "link" },
                id.0,
                id.1
            ));
        }
    }
    Ok(())
}

/// Refuses objects nothing in the document refers to (where a second note, or
/// anything else, could hide from a reader).
fn unreferenced(doc: &Document) -> Result<(), String> {
    let mut seen = BTreeSet::new();
    let mut stack: Vec<&Object> = doc.trailer.iter().map(|(_, o)| o).collect();
    while let Some(o) = stack.pop() {
        match o {
            Object::Reference(id) => {
                if seen.insert(*id)
                    && let Ok(next) = doc.get_object(*id)
                {
                    stack.push(next);
                }
            }
            Object::Array(a) => stack.extend(a.iter()),
            Object::Dictionary(d) => stack.extend(d.iter().map(|(_, v)| v)),
            Object::Stream(s) => stack.extend(s.dict.iter().map(|(_, v)| v)),
            _ => {}
        }
    }
    let unused: Vec<String> = doc
        .objects
        .iter()
        .filter(|(id, o)| !seen.contains(*id) && !is_structural(o))
        .map(|(id, _)| format!("{} {}", id.0, id.1))
        .take(5)
        .collect();
    if unused.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "refused: objects nothing in the document refers to ({}), where other content could hide",
            unused.join(", ")
        ))
    }
}

/// Object streams and cross-reference streams hold other objects; nothing refers to them.
fn is_structural(o: &Object) -> bool {
    matches!(o, Object::Stream(s) if matches!(s.dict.get(b"Type"), Ok(Object::Name(t)) if t == b"ObjStm" || t == b"XRef"))
}

/// The note: the one embedded file the catalogue declares (in its embedded
/// files name tree, or its associated files), with the JSON MIME type.
fn embedded_note(doc: &Document) -> Result<Vec<u8>, String> {
    let specs = declared_files(doc)?;
    let mut notes = Vec::new();
    for id in &specs {
        let spec = doc.get_dictionary(*id).map_err(|_| {
            format!(
                "refused: an embedded file's description is damaged (object {} {})",
                id.0, id.1
            )
        })?;
        let stream_id = spec
            .get(b"EF")
            .and_then(|ef| doc.dereference(ef).map(|x| x.1))
            .and_then(Object::as_dict)
            .and_then(|ef| ef.get(b"F"))
            .and_then(Object::as_reference)
            .map_err(|_| {
                format!(
                    "refused: an embedded file with no data (object {} {})",
                    id.0, id.1
                )
            })?;
        let stream = doc
            .get_object(stream_id)
            .and_then(Object::as_stream)
            .map_err(|_| "refused: an embedded file's data is damaged".to_owned())?;
        let mime = match stream.dict.get(b"Subtype") {
            Ok(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
            _ => String::new(),
        };
        let name = ["UF", "F"]
            .iter()
            .find_map(|k| spec.get(k.as_bytes()).ok())
            .and_then(|o| match o {
                Object::String(s, _) => Some(String::from_utf8_lossy(s).into_owned()),
                _ => None,
            })
            .unwrap_or_default();
        notes.push((name, mime, stream_id));
    }
    match notes.as_slice() {
        [] => Err(format!(
            "refused: no embedded note ({}) is declared in this PDF",
            pdf::ATTACHMENT
        )),
        [(name, mime, id)] => {
            if mime != "application/json" && mime != "application#2Fjson" {
                return Err(format!(
                    "refused: the embedded file is not declared as JSON (its type is \"{}\")",
                    crate::core::text::clip(&crate::core::text::escape(mime), 60).into_owned()
                ));
            }
            if name != pdf::ATTACHMENT {
                return Err(format!(
                    "refused: the embedded file is named \"{}\", not {}",
                    crate::core::text::clip(&crate::core::text::escape(name), 60).into_owned(),
                    pdf::ATTACHMENT
                ));
            }
            let stream = doc
                .get_object(*id)
                .and_then(Object::as_stream)
                .map_err(|_| "refused: the embedded note's data is damaged".to_owned())?;
            if stream.dict.get(b"Filter").is_ok() {
                stream
                    .decompressed_content_with_limit(crate::core::parse::MAX_FILE_BYTES)
                    .map_err(|e| format!("refused: the embedded note cannot be read ({e})"))
            } else {
                Ok(stream.content.clone())
            }
        }
        more => Err(format!(
            "refused: {} embedded files; a note has exactly one",
            more.len()
        )),
    }
}

/// Every embedded file the catalogue declares: in its embedded files name tree
/// and its associated files (`AF`), by reference.
fn declared_files(doc: &Document) -> Result<BTreeSet<ObjectId>, String> {
    let catalog = doc
        .catalog()
        .map_err(|e| format!("refused: the PDF has no catalogue ({e})"))?;
    let mut specs: BTreeSet<ObjectId> = BTreeSet::new();
    let mut inline = 0;
    if let Ok(names) = catalog
        .get(b"Names")
        .and_then(|n| doc.dereference(n).map(|x| x.1))
        && let Ok(names) = names.as_dict()
        && let Ok(tree) = names.get(b"EmbeddedFiles")
    {
        name_tree(doc, tree, &mut specs, &mut inline, 0);
    }
    if let Ok(af) = catalog
        .get(b"AF")
        .and_then(|a| doc.dereference(a).map(|x| x.1))
        && let Ok(af) = af.as_array()
    {
        for o in af {
            match o {
                Object::Reference(id) => {
                    specs.insert(*id);
                }
                _ => inline += 1,
            }
        }
    }
    if inline > 0 {
        return Err(
            "refused: an embedded file declared in an unusual way (not by reference)".to_owned(),
        );
    }
    Ok(specs)
}

/// Collects the file specifications of a name tree (bounded in depth).
fn name_tree(
    doc: &Document,
    node: &Object,
    out: &mut BTreeSet<ObjectId>,
    inline: &mut usize,
    depth: usize,
) {
    if depth > 8 {
        *inline += 1;
        return;
    }
    let Ok((_, node)) = doc.dereference(node) else {
        return;
    };
    let Ok(node) = node.as_dict() else { return };
    if let Ok(Object::Array(names)) = node.get(b"Names") {
        for pair in names.chunks(2) {
            match pair.get(1) {
                Some(Object::Reference(id)) => {
                    out.insert(*id);
                }
                Some(_) => *inline += 1,
                None => {}
            }
        }
    }
    if let Ok(Object::Array(kids)) = node.get(b"Kids") {
        for k in kids {
            name_tree(doc, k, out, inline, depth + 1);
        }
    }
}

/// Rebuilds the PDF from the embedded note and compares what a reader sees.
fn compare_with_rebuilt(bytes: &[u8], doc: &Document, json: &[u8]) -> Pages {
    let Ok(file) = serde_json::from_slice::<note::model::NoteFile>(json) else {
        return Pages::Differ(vec!["the embedded note cannot be read back".to_owned()]);
    };
    let Ok(rebuilt) = pdf::render(&file.note) else {
        return Pages::Differ(vec![
            "the PDF cannot be rebuilt from the embedded note".to_owned(),
        ]);
    };
    if rebuilt == bytes {
        return Pages::Exact;
    }
    let Ok(other) = Document::load_mem(&rebuilt) else {
        return Pages::Differ(vec!["the rebuilt PDF cannot be read".to_owned()]);
    };
    let mut differ = Vec::new();
    let mine = doc.get_pages();
    let theirs = other.get_pages();
    if mine.len() != theirs.len() {
        differ.push(format!(
            "the PDF has {} pages; the note gives {}",
            mine.len(),
            theirs.len()
        ));
    }
    let mut cmp = Compare {
        a: doc,
        b: &other,
        seen: BTreeSet::new(),
        budget: 200_000,
    };
    for ((n, a), (_, b)) in mine.iter().zip(theirs.iter()) {
        if let Some(what) = cmp.objects(&Object::Reference(*a), &Object::Reference(*b), "") {
            differ.push(format!(
                "page {n} differs from what the note gives ({}){}",
                what.trim_start_matches('/'),
                first_line(doc, &other, *n)
            ));
        }
    }
    let ca = doc.catalog().ok().map(|d| Object::Dictionary(d.clone()));
    let cb = other.catalog().ok().map(|d| Object::Dictionary(d.clone()));
    if let (Some(ca), Some(cb)) = (ca, cb)
        && let Some(what) = cmp.objects(&ca, &cb, "")
    {
        differ.push(format!(
            "the document's structure or metadata differs from what the note gives (catalogue {what})"
        ));
    }
    let ia = doc.trailer.get(b"Info").ok().cloned();
    let ib = other.trailer.get(b"Info").ok().cloned();
    match (ia, ib) {
        (Some(ia), Some(ib)) => {
            if let Some(what) = cmp.objects(&ia, &ib, "") {
                differ.push(format!(
                    "the document information differs from what the note gives ({what})"
                ));
            }
        }
        (None, None) => {}
        _ => {
            differ.push("the document information (title, subject) is missing or added".to_owned());
        }
    }
    if differ.is_empty() {
        Pages::Resaved
    } else {
        Pages::Differ(differ)
    }
}

/// ": the first line that differs is ..." for page `n`, when text can be read.
fn first_line(a: &Document, b: &Document, n: u32) -> String {
    let (Ok(ta), Ok(tb)) = (
        a.extract_text_with_limit(&[n], crate::core::parse::MAX_FILE_BYTES),
        b.extract_text_with_limit(&[n], crate::core::parse::MAX_FILE_BYTES),
    ) else {
        return String::new();
    };
    let la: Vec<&str> = ta
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let lb: Vec<&str> = tb
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let at = la.iter().zip(&lb).position(|(x, y)| x != y);
    let show = |s: &str| crate::core::text::clip(&crate::core::text::escape(s), 80).into_owned();
    match at {
        Some(i) => format!(
            "; the first line that differs reads \"{}\" where the note gives \"{}\"",
            show(la[i]),
            show(lb[i])
        ),
        None if la.len() != lb.len() => format!(
            "; it has {} lines of text where the note gives {}",
            la.len(),
            lb.len()
        ),
        None => "; its text reads the same, so something is drawn differently".to_owned(),
    }
}

/// A deep comparison of two documents' object graphs.
struct Compare<'d> {
    a: &'d Document,
    b: &'d Document,
    /// Pairs of objects already compared (the graphs have cycles).
    seen: BTreeSet<(ObjectId, ObjectId)>,
    /// A bound on the work a crafted file can cause.
    budget: usize,
}

impl Compare<'_> {
    /// `None` when equal; else where they first differ, as a path of keys.
    fn objects(&mut self, x: &Object, y: &Object, at: &str) -> Option<String> {
        if self.budget == 0 {
            return Some(format!("{at} (too large to compare)"));
        }
        self.budget -= 1;
        let (x, y) = match (x, y) {
            (Object::Reference(i), Object::Reference(j)) => {
                if !self.seen.insert((*i, *j)) {
                    return None;
                }
                match (self.a.get_object(*i), self.b.get_object(*j)) {
                    (Ok(x), Ok(y)) => (x, y),
                    (Err(_), Err(_)) => return None,
                    _ => return Some(format!("{at} (a missing object)")),
                }
            }
            (Object::Reference(i), y) => match self.a.get_object(*i) {
                Ok(x) => (x, y),
                Err(_) => return Some(format!("{at} (a missing object)")),
            },
            (x, Object::Reference(j)) => match self.b.get_object(*j) {
                Ok(y) => (x, y),
                Err(_) => return Some(format!("{at} (a missing object)")),
            },
            _ => (x, y),
        };
        match (x, y) {
            (Object::Dictionary(p), Object::Dictionary(q)) => self.dicts(p, q, at),
            (Object::Stream(p), Object::Stream(q)) => {
                if let Some(d) = self.dicts(&p.dict, &q.dict, at) {
                    return Some(d);
                }
                let pa = decoded(p);
                let qa = decoded(q);
                if pa == qa {
                    None
                } else {
                    Some(format!("{at} (its content)"))
                }
            }
            (Object::Array(p), Object::Array(q)) => {
                if p.len() != q.len() {
                    return Some(format!(
                        "{at} (a list of {} where the note gives {})",
                        p.len(),
                        q.len()
                    ));
                }
                for (i, (u, v)) in p.iter().zip(q).enumerate() {
                    if let Some(d) = self.objects(u, v, &format!("{at}[{i}]")) {
                        return Some(d);
                    }
                }
                None
            }
            (Object::Real(p), Object::Real(q)) => {
                ((p - q).abs() > 1e-4).then(|| format!("{at} (a number)"))
            }
            (Object::Integer(p), Object::Real(q)) | (Object::Real(q), Object::Integer(p)) => {
                #[allow(clippy::cast_precision_loss, reason = "page coordinates are small")]
                let p = *p as f32;
                ((p - q).abs() > 1e-4).then(|| format!("{at} (a number)"))
            }
            (p, q) if p == q => None,
            // A string written as literal or hexadecimal is the same string.
            (Object::String(p, _), Object::String(q, _)) if p == q => None,
            _ => Some(if at.is_empty() {
                "the document".to_owned()
            } else {
                at.to_owned()
            }),
        }
    }

    fn dicts(&mut self, p: &Dictionary, q: &Dictionary, at: &str) -> Option<String> {
        let keys = |d: &Dictionary| -> BTreeSet<Vec<u8>> {
            d.iter()
                .map(|(k, _)| k.clone())
                .filter(|k| !STORAGE_KEYS.contains(&k.as_slice()) && k.as_slice() != b"Parent")
                .collect()
        };
        let (kp, kq) = (keys(p), keys(q));
        if let Some(k) = kp.symmetric_difference(&kq).next() {
            let side = if kp.contains(k) { "added" } else { "missing" };
            return Some(format!("{at}/{} ({side})", String::from_utf8_lossy(k)));
        }
        for k in &kp {
            let (Ok(u), Ok(v)) = (p.get(k), q.get(k)) else {
                continue;
            };
            let here = format!("{at}/{}", String::from_utf8_lossy(k));
            if let Some(d) = self.objects(u, v, &here) {
                return Some(d);
            }
        }
        None
    }
}

/// A stream's bytes as a reader sees them (decompressed where it can be).
fn decoded(s: &lopdf::Stream) -> Vec<u8> {
    if s.dict.get(b"Filter").is_ok() {
        s.decompressed_content_with_limit(crate::core::parse::MAX_FILE_BYTES)
            .unwrap_or_else(|_| s.content.clone())
    } else {
        s.content.clone()
    }
}
