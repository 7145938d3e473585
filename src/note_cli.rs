//! `victim-first note` and `victim-first verify`: the decision note from the
//! command line. The GUI calls [`make_note`] and [`verify_bytes`] too.

use std::path::Path;
use std::process::ExitCode;

use crate::cli_common::{err, out};
use crate::core::case::CaseFacts;
use crate::core::diagnostic::Diagnostics;
use crate::core::guidance::Guidance;
use crate::core::note::{self, Format, Note, Verified};
use crate::core::{engine, validate::Library};
use crate::{pdf, store};

/// A note made from a case file, with the guidance it was made under.
pub struct Made {
    pub guidance: Guidance,
    pub note: Note,
}

/// Reads a case file, assesses it under the loaded guidance and makes its
/// note. Guidance with any problem `lint` reports makes no note, as `assess`
/// gives no verdict from it.
pub fn make_note(case_path: &Path, loaded: &store::Loaded) -> Result<Made, Diagnostics> {
    let problems = loaded.problems_with_lint();
    if !problems.is_empty() {
        return Err(problems);
    }
    let lib = &loaded.library;
    let (src, case) = store::read_case(case_path)?;
    if let Some(lock) = &loaded.lock {
        let refused =
            crate::lock_cli::refuse_case(lock, &src, &case, crate::lock_cli::Command::Note);
        if !refused.is_empty() {
            return Err(refused);
        }
    }
    let refs = lib.check_case_refs(&src, &case.pack, case.profile.as_deref());
    if !refs.is_empty() {
        return Err(refs);
    }
    let g = lib.resolve(&case.pack, case.profile.as_deref())?;
    let facts = CaseFacts::from_raw(&g, &src, &case)?;
    let mut a = engine::assess(&g, &facts);
    crate::core::needed::settle(&g, &case, &mut a);
    let mut note = note::build(&g, &case, &facts, &a);
    note::mark_modified(&mut note, &g, &loaded.modified);
    Ok(Made { guidance: g, note })
}

/// The note in a format, as bytes.
pub fn render(n: &Note, format: Format) -> Result<Vec<u8>, String> {
    match format {
        Format::Text => Ok(note::render_text(n).into_bytes()),
        Format::Markdown => Ok(note::render_markdown(n).into_bytes()),
        Format::Json => Ok(note::to_json(n).into_bytes()),
        Format::Pdf => pdf::render(n),
    }
}

/// A file name for a note: the crime reference and the date, with anything
/// but letters, digits and `-` replaced, and the format's extension.
pub fn file_name(n: &Note, format: Format) -> String {
    let date = if n.completed.is_empty() {
        &n.started
    } else {
        &n.completed
    };
    let date: String = date.chars().take(10).collect();
    let mut stem = format!("decision-note-{}-{date}", n.crime_reference);
    if n.draft {
        stem.push_str("-draft");
    }
    let mut clean = String::new();
    for c in stem.chars() {
        let c = if c.is_ascii_alphanumeric() || c == '-' {
            c
        } else {
            '-'
        };
        if !(c == '-' && clean.ends_with('-')) {
            clean.push(c);
        }
    }
    let clean: String = clean.trim_matches('-').chars().take(100).collect();
    format!("{clean}.{}", format.extension())
}

/// Checks a note of any format (a PDF through its embedded JSON).
pub fn verify_bytes(bytes: &[u8]) -> Verified {
    if bytes.starts_with(b"%PDF") {
        crate::pdf_check::verify(bytes)
    } else {
        note::verify(bytes)
    }
}

/// Whether the guidance a note names is here, by digest.
pub fn guidance_here(v: &Verified, lib: &Library) -> String {
    let here: Vec<&str> = lib.files().map(|f| f.src.digest.as_str()).collect();
    let layers = &v.guidance.layers;
    if layers.is_empty() {
        return "the note names no guidance files".to_owned();
    }
    let missing = layers
        .iter()
        .filter(|d| !here.contains(&d.as_str()))
        .count();
    let combined = crate::core::digest::combined(layers.iter().map(String::as_str));
    let consistent = if combined == v.guidance.digest {
        ""
    } else {
        " (and the guidance digest does not match the files listed)"
    };
    if missing == 0 {
        format!(
            "present here: all {} guidance files it names are in the guidance in use, byte for byte{consistent}",
            layers.len()
        )
    } else {
        format!(
            "NOT all here: {missing} of the {} guidance files it names are not in the guidance in use (another version, or missing){consistent}",
            layers.len()
        )
    }
}

/// `victim-first note CASE [--format F] [--out FILE]`.
pub fn note_command(
    case: &Path,
    format: Format,
    out_path: Option<&Path>,
    guidance: Option<&Path>,
) -> ExitCode {
    let loaded = store::load_for_verdict(guidance);
    if let Some(code) = crate::cli_common::refuse_on_problems(&loaded) {
        return code;
    }
    let made = match make_note(case, &loaded) {
        Ok(m) => m,
        Err(d) => {
            err(&d.to_string());
            return ExitCode::from(1);
        }
    };
    if let Some(o) = &loaded.origin {
        err(&format!(
            "Guidance from {}\n",
            crate::lock_cli::source_words(o, loaded.lock.as_ref())
        ));
    }
    let bytes = match render(&made.note, format) {
        Ok(b) => b,
        Err(e) => {
            err(&format!("victim-first: {e}\n"));
            return ExitCode::from(1);
        }
    };
    match out_path {
        Some(path) => {
            if let Err(e) = write_atomic(path, &bytes) {
                err(&format!(
                    "victim-first: cannot write {}: {e}\n",
                    path.display()
                ));
                return ExitCode::from(1);
            }
            err(&format!(
                "{}: note digest sha256:{}\n",
                path.display(),
                note::digest(&made.note)
            ));
        }
        None if format == Format::Pdf => {
            err("victim-first: a PDF is not written to the terminal; name a file with --out\n");
            return ExitCode::from(2);
        }
        None => {
            crate::cli_common::out_note(&bytes);
        }
    }
    ExitCode::SUCCESS
}

/// Writes through a temporary file beside `path`, then renames it into place.
fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = path.with_file_name(format!(".{name}.tmp"));
    std::fs::write(&tmp, bytes)?;
    std::fs::rename(&tmp, path)
}

/// `victim-first verify FILE`. Exit 0 intact, 1 altered or unreadable.
pub fn verify_command(file: &Path, guidance: Option<&Path>) -> ExitCode {
    // The same reader, and the same size cap, as every other file the app reads.
    let bytes = match store::read_file(file) {
        Ok(b) => b,
        Err(e) => {
            err(&format!(
                "{}: cannot verify: {}\n",
                crate::core::text::escape(&file.display().to_string()),
                crate::core::text::escape(&e)
            ));
            return ExitCode::from(1);
        }
    };
    if file
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ron"))
    {
        return crate::case_cli::verify_case(file, &bytes, guidance);
    }
    let v = verify_bytes(&bytes);
    let loaded = store::find_and_load(guidance);
    let problems = loaded.problems_with_lint();
    let here = match (&loaded.origin, problems.0.first()) {
        (Some(o), None) => format!(
            "{} (guidance here: {})",
            guidance_here(&v, &loaded.library),
            o.words()
        ),
        (_, Some(first)) => format!(
            "not checked: the guidance here has {} problem(s), the first: {first}",
            problems.len()
        ),
        (None, None) => "not checked".to_owned(),
    };
    out(&report(file, &v, &here));
    if v.intact {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// What `verify` prints.
pub fn report(file: &Path, v: &Verified, here: &str) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let kind = match v.format {
        Format::Text => "a text note",
        Format::Markdown => "a Markdown note",
        Format::Json => "a JSON note",
        Format::Pdf => "a PDF note, checked through the note embedded in it",
    };
    let state = if v.intact { "INTACT" } else { "ALTERED" };
    // Everything taken from the file is escaped, so a crafted note cannot draw
    // on the terminal (say "INTACT" over a changed verdict).
    let esc = |t: &str| crate::core::text::escape(t).into_owned();
    let _ = writeln!(s, "{}: {state} ({kind})", esc(&file.display().to_string()));
    for c in &v.changes {
        let _ = writeln!(s, "  - {}", esc(c));
    }
    for c in &v.checked {
        let _ = writeln!(s, "Checked:         {}", esc(c));
    }
    if !v.crime_reference.is_empty() {
        let _ = writeln!(s, "Crime reference: {}", esc(&v.crime_reference));
    }
    if !v.recorded.is_empty() {
        let _ = writeln!(s, "Note digest:     sha256:{}", esc(&v.recorded));
        let _ = writeln!(s, "Check code:      {}", esc(&v.check_code));
    }
    if !v.intact && !v.computed.is_empty() && v.computed != v.recorded {
        let _ = writeln!(s, "Digest now:      sha256:{}", esc(&v.computed));
    }
    if !v.guidance.made_under.is_empty() {
        let _ = writeln!(s, "Made under:      {}", esc(&v.guidance.made_under));
    }
    if !v.guidance.digest.is_empty() {
        let _ = writeln!(s, "Guidance digest: sha256:{}", esc(&v.guidance.digest));
        let _ = writeln!(s, "That guidance:   {}", esc(here));
    }
    let _ = writeln!(
        s,
        "What a digest proves: that the note is the one whose check code was recorded; compare the check code with the one in the records system.\nWhat it cannot prove: who made the note, or that the facts recorded were true; a forger who rewrites the whole note writes a new, matching digest."
    );
    s
}

/// `--format` on the command line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum NoteFormat {
    Txt,
    Md,
    Json,
    Pdf,
}

impl From<NoteFormat> for Format {
    fn from(f: NoteFormat) -> Self {
        match f {
            NoteFormat::Txt => Self::Text,
            NoteFormat::Md => Self::Markdown,
            NoteFormat::Json => Self::Json,
            NoteFormat::Pdf => Self::Pdf,
        }
    }
}
