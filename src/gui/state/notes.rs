//! The decision note of the open case, and a note opened read-only: made by
//! the core, rendered by `note_cli`, checked by `verify`.

use std::path::PathBuf;

use super::{Action, Effect, GuiState, Open, Screen};
use crate::core::guidance::Guidance;
use crate::core::note::Verified;
use crate::core::note::render::{Kind, Line};
use crate::core::note::{self, Format, Note, NoteFile};
use crate::core::source::SourceText;
use crate::core::wizard;

/// A decision note opened read-only: what `verify` found, and its content.
pub struct NoteShown {
    /// The file it was read from.
    pub name: String,
    pub verified: Verified,
    /// Whether the guidance the note names is in the guidance folder here.
    pub guidance_here: String,
    /// The note's lines, headings marked, as the officer saw them.
    pub lines: Vec<Line>,
    /// How the content was read (from the JSON, the PDF's embedded note, or the file's own text).
    pub source: String,
}

impl GuiState {
    /// The decision note of the open case as the wizard holds it, made by the
    /// core (a case not finished gives a note marked DRAFT).
    pub fn make_note(&self) -> Result<Note, String> {
        let Some(open) = &self.case else {
            return Err("Open or start a case first.".to_owned());
        };
        if let Some(lock) = self
            .lock
            .as_ref()
            .filter(|_| self.locked_out(&open.wizard.case))
        {
            return Err(format!(
                "No note is made of a case under another force profile here: this installation is {}.",
                lock.words()
            ));
        }
        let Ok(g) = &self.guidance else {
            return Err(
                "No note can be made: the guidance cannot be used; see the problems listed."
                    .to_owned(),
            );
        };
        note_of(g, open, &self.modified)
    }
    /// The note of the open case as the bytes of a format.
    pub fn note_bytes(&self, format: Format) -> Result<Vec<u8>, String> {
        let n = self.make_note()?;
        crate::note_cli::render(&n, format)
            .map_err(|e| format!("The decision note cannot be written: {e}"))
    }
    /// The plain-text note of the open case.
    pub fn note_text(&self) -> Result<String, String> {
        self.make_note().map(|n| note::render_text(&n))
    }
    /// The note's bytes for a path the officer chose: the format from its
    /// extension, else the format chosen (its extension is then added).
    pub fn note_for_path(&mut self, path: PathBuf) -> Option<Effect> {
        let (path, format) = if let Some(f) = format_of(&path) {
            (path, f)
        } else {
            let mut p = path.into_os_string();
            p.push(".");
            p.push(self.note_format.extension());
            (PathBuf::from(p), self.note_format)
        };
        match self.note_bytes(format) {
            Ok(bytes) => Some(Effect::WriteNote(path, bytes)),
            Err(e) => {
                self.message = Some(e);
                None
            }
        }
    }
    /// Reads a note's bytes for the read-only view: verifies them and takes the
    /// content from the JSON (or the PDF's embedded JSON), else the file's text.
    pub fn read_note(&self, name: String, bytes: &[u8]) -> NoteShown {
        let verified = crate::note_cli::verify_bytes(bytes);
        let guidance_here = crate::note_cli::guidance_here(&verified, &self.library);
        let (json, source) = if bytes.starts_with(b"%PDF") {
            (
                crate::pdf_check::note_data(bytes).ok(),
                "the note embedded in the PDF",
            )
        } else if verified.format == Format::Json {
            (Some(bytes.to_vec()), "the JSON note")
        } else {
            (None, "the file's own text")
        };
        let parsed = json.and_then(|j| serde_json::from_slice::<NoteFile>(&j).ok());
        let (lines, source) = match parsed {
            Some(f) => (note::render::body_lines(&f.note), source.to_owned()),
            None if verified.format == Format::Pdf || verified.format == Format::Json => (
                Vec::new(),
                "nothing: the note in the file cannot be read".to_owned(),
            ),
            None => (text_lines(bytes, verified.format), source.to_owned()),
        };
        NoteShown {
            name,
            verified,
            guidance_here,
            lines,
            source,
        }
    }
}

/// The decision note of a case as the wizard holds it, made by the core.
pub fn note_of(g: &Guidance, open: &Open, modified: &[String]) -> Result<Note, String> {
    let case = &open.wizard.case;
    let name = open
        .path
        .as_ref()
        .map_or_else(|| "case".to_owned(), |p| p.display().to_string());
    let text = wizard::case_text(case).unwrap_or_default();
    let src = SourceText::new(&name, &text, "");
    let mut n = note::from_case(g, &src, case)
        .map_err(|d| format!("The decision note cannot be made: {d}"))?;
    note::mark_modified(&mut n, g, modified);
    Ok(n)
}

/// The note format a file name's extension names, if any.
pub fn format_of(path: &std::path::Path) -> Option<Format> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    [Format::Pdf, Format::Text, Format::Markdown, Format::Json]
        .into_iter()
        .find(|f| f.extension() == ext)
}

/// A text or Markdown note's lines as written, with headings marked where the
/// text shows them (an underline below, or a Markdown `#`).
fn text_lines(bytes: &[u8], format: Format) -> Vec<Line> {
    let text = String::from_utf8_lossy(bytes);
    let raw: Vec<&str> = text.lines().collect();
    let mut out = Vec::new();
    for (i, l) in raw.iter().enumerate() {
        let underlined = raw
            .get(i + 1)
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c == '=' || c == '-'));
        let is_rule = !l.is_empty() && l.chars().all(|c| c == '=' || c == '-');
        let kind = if format == Format::Markdown && l.starts_with("# ") {
            Kind::Title
        } else if (format == Format::Markdown && l.starts_with("##")) || underlined {
            Kind::Heading
        } else if is_rule {
            Kind::Rule
        } else {
            Kind::Text
        };
        if kind != Kind::Rule {
            let text = if format == Format::Markdown && kind != Kind::Text {
                l.trim_start_matches('#').trim_start()
            } else {
                l
            };
            out.push(Line {
                kind,
                text: text.to_owned(),
            });
        }
    }
    out
}

impl GuiState {
    /// The actions about the decision note: export, written, copied, opened.
    pub(super) fn note_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::ExportNote => {
                let n = self.make_note().map_err(|e| self.message = Some(e)).ok()?;
                return Some(Effect::PickNoteFile(crate::note_cli::file_name(
                    &n,
                    self.note_format,
                )));
            }
            Action::NoteWritten(path) => {
                self.settle_trail();
                let code = self
                    .make_note()
                    .map(|n| note::seal::check_code(&note::digest(&n)))
                    .unwrap_or_default();
                self.message = Some(format!(
                    "Decision note written to {}. Its check code is {code}: record it in the records system so that any later change can be detected.",
                    path.display()
                ));
                // The case is finished: its draft is no longer needed.
                if let Some(open) = self
                    .case
                    .as_ref()
                    // Only once the finished case is also in a file: the draft
                    // may be its only copy if the save was cancelled.
                    .filter(|o| o.wizard.case.completed.is_some() && !o.dirty)
                {
                    return Some(Effect::RemoveDraft(open.draft.clone()));
                }
            }
            Action::Copied(text) => {
                self.message = Some(
                    "The decision note is on the clipboard as plain text: paste it into the records system.".to_owned(),
                );
                self.copied = Some(text);
            }
            Action::OpenNote => return Some(Effect::PickNoteToOpen),
            Action::NoteRead(name, bytes) => {
                self.note = Some(self.read_note(name, &bytes));
                self.message = None;
                self.screen = Screen::Note;
            }
            _ => {}
        }
        None
    }
}
