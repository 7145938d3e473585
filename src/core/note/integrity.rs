//! The note digest, and checking a note later.
//!
//! The note digest is the SHA-256 of the note's canonical text: the plain-text
//! note above its integrity section. Markdown converts back to that text line
//! for line, and JSON (and so the PDF, which carries the JSON) renders to it,
//! so one digest identifies the note in every format. Each section's own
//! digest (its first 8 hex digits) lets [`verify`] say where a note changed.
//!
//! What this proves, and what not: anyone can recompute a digest, so a digest
//! printed on a note only shows that the note is consistent with itself. A
//! change is detectable against a digest (or check code) recorded somewhere the
//! changer cannot reach, such as the force records system.

use std::fmt::Write as _;

use super::markdown::markdown_to_text;
use super::model::{FORMAT, Note, NoteFile};
use super::render::{self, Format};
use super::seal::{Numbered, Section, check_code, digests, is_heading, lines_of, sections};
use super::wording as w;
use crate::core::digest::sha256_hex;

/// The note digest of a note.
pub fn digest(n: &Note) -> String {
    sha256_hex(render::body_text(n).as_bytes())
}

/// The JSON note: the note, its digest and section digests.
pub fn to_json(n: &Note) -> String {
    let (digest, sections) = digests(&render::body_text(n));
    let file = NoteFile {
        format: FORMAT.to_owned(),
        digest,
        sections,
        note: n.clone(),
    };
    // Serialising plain structs of strings cannot fail.
    let mut s = serde_json::to_string_pretty(&file).unwrap_or_default();
    s.push('\n');
    s
}

/// What [`verify`] found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Verified {
    pub format: Format,
    /// True when the note matches the digest it carries, and every part of the
    /// integrity section is consistent.
    pub intact: bool,
    /// The note digest the note carries (empty if none could be read).
    pub recorded: String,
    /// The digest of the note as it is now.
    pub computed: String,
    /// The check code of the digest the note carries.
    pub check_code: String,
    /// What differs, and where, in the file's own line numbers or JSON fields.
    pub changes: Vec<String>,
    pub crime_reference: String,
    /// The guidance the note says it was made under.
    pub guidance: GuidanceSeen,
    /// What was checked, one line each (data; for a PDF, also pages and metadata).
    pub checked: Vec<String>,
}

/// What checking a text, Markdown or JSON note covers.
pub const CHECKED_DATA: &str = "data: every line of the note (every field, for JSON) against the SHA-256 digest it carries, section by section";

/// The guidance a note names.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct GuidanceSeen {
    /// The pack as the note names it (`title (id version v)`).
    pub made_under: String,
    pub digest: String,
    /// The digest of each file, in order.
    pub layers: Vec<String>,
}

fn hex64(s: &str) -> Option<&str> {
    let t = s.trim_end_matches(['.', ',', ';', ')']);
    (t.len() == 64
        && t.chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()))
    .then_some(t)
}

/// Checks a note in any format except PDF (whose embedded JSON is checked
/// instead: see `pdf_check::note_data`). Never panics, whatever the bytes.
pub fn verify(bytes: &[u8]) -> Verified {
    let text = String::from_utf8_lossy(bytes).replace("\r\n", "\n");
    let trimmed = text.trim_start();
    if trimmed.starts_with('{') {
        return verify_json(&text);
    }
    if trimmed.starts_with("# ") {
        let lines: Vec<Numbered> = markdown_to_text(&text)
            .into_iter()
            .map(|(text, at)| Numbered { text, at })
            .collect();
        return verify_lines(Format::Markdown, &lines);
    }
    verify_lines(Format::Text, &lines_of(&text))
}

fn empty(format: Format, change: String) -> Verified {
    Verified {
        format,
        intact: false,
        recorded: String::new(),
        computed: String::new(),
        check_code: String::new(),
        changes: vec![change],
        crime_reference: String::new(),
        guidance: GuidanceSeen::default(),
        checked: vec![CHECKED_DATA.to_owned()],
    }
}

#[allow(
    clippy::too_many_lines,
    reason = "one pass over the integrity section, each finding in order"
)]
fn verify_lines(format: Format, lines: &[Numbered]) -> Verified {
    // The integrity section starts at its heading: the last line that is the
    // heading followed by its underline.
    let start = (0..lines.len())
        .rev()
        .find(|&i| lines.get(i).is_some_and(|l| l.text == w::INTEGRITY) && is_heading(lines, i));
    let Some(start) = start else {
        return empty(
            format,
            format!(
                "the {} section is missing, so there is nothing to check against",
                w::INTEGRITY
            ),
        );
    };
    let (body, footer) = lines.split_at(start);
    let mut text = String::new();
    for l in body {
        text.push_str(&l.text);
        text.push('\n');
    }
    let (computed, now) = digests(&text);
    let body_sections = sections(body);

    // Read the integrity section: the note digest, the check code, the section digests.
    let mut recorded = None;
    let mut code = None;
    let mut listed: Vec<(String, usize)> = Vec::new();
    let mut in_list = false;
    for l in footer {
        for word in l.text.split_whitespace() {
            if let Some(h) = word.strip_prefix("sha256:").and_then(hex64) {
                recorded.get_or_insert((h.to_owned(), l.at));
            }
            if word.len() == 19 && word.matches('-').count() == 3 {
                code.get_or_insert((word.to_owned(), l.at));
            }
            if let Some((n, d)) = word.split_once(':')
                && in_list
                && n.parse::<usize>().is_ok()
            {
                listed.push((d.to_owned(), l.at));
            }
        }
        if l.text.contains(&format!("{}:", w::SECTION_DIGESTS)) {
            in_list = true;
            // The first words of this line are the label; read its list again.
            if let Some((_, rest)) = l.text.split_once(&format!("{}:", w::SECTION_DIGESTS)) {
                for word in rest.split_whitespace() {
                    if let Some((n, d)) = word.split_once(':')
                        && n.parse::<usize>().is_ok()
                    {
                        listed.push((d.to_owned(), l.at));
                    }
                }
            }
        } else if !l.text.starts_with("  ") {
            in_list = false;
        }
    }

    let mut changes = Vec::new();
    let recorded_digest = recorded.as_ref().map(|r| r.0.clone()).unwrap_or_default();
    if recorded.is_none() {
        changes.push(format!(
            "no note digest could be read in the {} section (line {})",
            w::INTEGRITY,
            footer.first().map_or(0, |l| l.at)
        ));
    }
    let sections_differ: Vec<String> = body_sections
        .iter()
        .zip(&now)
        .enumerate()
        .filter(|(i, (_, d))| listed.get(*i).is_some_and(|(l, _)| l != *d))
        .map(|(_, (s, _))| {
            format!(
                "section \"{}\" (lines {}-{}) differs from when the note was made",
                s.name, s.first, s.last
            )
        })
        .collect();
    if listed.len() != now.len() {
        changes.push(format!(
            "the note has {} sections; its {} section lists {}",
            now.len(),
            w::INTEGRITY,
            listed.len()
        ));
    }
    if let Some((r, at)) = &recorded
        && *r != computed
    {
        if sections_differ.is_empty() && listed.len() == now.len() {
            changes.push(format!(
                "the note digest itself (line {at}) was changed; the sections match their digests"
            ));
        } else {
            changes.extend(sections_differ.iter().cloned());
        }
    } else if recorded.is_some() {
        // The body is intact: any differing section digest is a change to the list.
        for (i, (l, at)) in listed.iter().enumerate() {
            if now.get(i).is_some_and(|d| d != l) {
                changes.push(format!(
                    "the digest of section {i} in the {} section (line {at}) was changed",
                    w::INTEGRITY
                ));
            }
        }
    }
    match &code {
        Some((c, at)) if recorded.is_some() && *c != check_code(&recorded_digest) => {
            changes.push(format!("the check code (line {at}) was changed"));
        }
        None => changes.push(format!(
            "no check code could be read in the {} section",
            w::INTEGRITY
        )),
        _ => {}
    }
    // Anything in the integrity section beyond what it should say.
    let expected = render::footer_lines(
        &recorded_digest,
        &listed.iter().map(|l| l.0.clone()).collect::<Vec<_>>(),
    );
    let found: Vec<&str> = footer.iter().map(|l| l.text.as_str()).collect();
    let want: Vec<&str> = expected.iter().map(|l| l.text.as_str()).collect();
    if changes.is_empty()
        && found
            .iter()
            .copied()
            .filter(|l| !l.is_empty())
            .ne(want.iter().copied().filter(|l| !l.is_empty()))
    {
        let at = footer
            .iter()
            .zip(want.iter().chain(std::iter::repeat(&"")))
            .find(|(f, w)| f.text != **w)
            .map_or(0, |(f, _)| f.at);
        changes.push(format!(
            "the wording of the {} section was changed (line {at})",
            w::INTEGRITY
        ));
    }

    Verified {
        format,
        intact: changes.is_empty(),
        check_code: check_code(&recorded_digest),
        recorded: recorded_digest,
        computed,
        changes,
        crime_reference: read_field(body, w::CRIME_REFERENCE),
        guidance: guidance_seen(body),
        checked: vec![CHECKED_DATA.to_owned()],
    }
}

fn read_field(body: &[Numbered], label: &str) -> String {
    let prefix = format!("- {label}: ");
    let Some(at) = body.iter().position(|l| l.text.starts_with(&prefix)) else {
        return String::new();
    };
    // The value, with the continuation lines it was wrapped onto.
    let mut value = body
        .get(at)
        .and_then(|l| l.text.strip_prefix(&prefix))
        .unwrap_or_default()
        .to_owned();
    for l in body.iter().skip(at + 1) {
        match l.text.strip_prefix("  ") {
            Some(rest) if !rest.starts_with("- ") && !rest.starts_with(' ') => {
                value.push(' ');
                value.push_str(rest);
            }
            _ => break,
        }
    }
    if value == w::NOT_RECORDED {
        String::new()
    } else {
        value
    }
}

fn guidance_seen(body: &[Numbered]) -> GuidanceSeen {
    let heading = body
        .iter()
        .rposition(|l| l.text.ends_with(&format!(". {}", w::GUIDANCE)))
        .unwrap_or(body.len());
    let mut digests = body
        .iter()
        .skip(heading)
        .flat_map(|l| l.text.split_whitespace())
        .filter_map(|word| word.strip_prefix("sha256:").and_then(hex64))
        .map(str::to_owned);
    let digest = digests.next().unwrap_or_default();
    GuidanceSeen {
        made_under: read_field(&body[heading.min(body.len())..], w::PACK),
        digest,
        layers: digests.collect(),
    }
}

fn verify_json(text: &str) -> Verified {
    let file: NoteFile = match serde_json::from_str(text) {
        Ok(f) => f,
        Err(e) => {
            return empty(
                Format::Json,
                format!(
                    "not a note in JSON (line {}, column {}): {e}",
                    e.line(),
                    e.column()
                ),
            );
        }
    };
    let body = render::body_text(&file.note);
    let (computed, now) = digests(&body);
    let mut changes = Vec::new();
    if file.format != FORMAT {
        changes.push(format!(
            "field \"format\" is \"{}\", not \"{FORMAT}\"",
            file.format
        ));
    }
    if file.digest == computed {
        for (i, (l, d)) in file.sections.iter().zip(&now).enumerate() {
            if l != d {
                changes.push(format!("field \"sections\" item {i} was changed"));
            }
        }
        if file.sections.len() != now.len() {
            changes.push("field \"sections\" was changed".to_owned());
        }
    } else {
        let names: Vec<Section> = sections(&lines_of(&body));
        let differ: Vec<String> = names
            .iter()
            .zip(&now)
            .enumerate()
            .filter(|(i, (_, d))| file.sections.get(*i).is_some_and(|l| l != *d))
            .map(|(_, (s, _))| {
                format!(
                    "section \"{}\" differs from when the note was made (field \"note\": {})",
                    s.name,
                    json_fields(&s.name)
                )
            })
            .collect();
        if differ.is_empty() && file.sections.len() == now.len() {
            changes
                .push("field \"digest\" was changed; the sections match their digests".to_owned());
        } else if file.sections.len() != now.len() {
            changes.push(format!(
                "the note has {} sections; field \"sections\" lists {}",
                now.len(),
                file.sections.len()
            ));
            changes.extend(differ);
        } else {
            changes.extend(differ);
        }
    }
    // The file must be exactly as this app writes it: anything else is an edit,
    // even one that leaves the content as it was (spacing, escapes, key order).
    if changes.is_empty() {
        let canonical = to_json(&file.note);
        if canonical != text {
            let at = canonical
                .lines()
                .zip(text.lines())
                .position(|(a, b)| a != b)
                .map_or_else(
                    || canonical.lines().count().min(text.lines().count()) + 1,
                    |i| i + 1,
                );
            changes.push(format!(
                "the JSON was edited at line {at}, though the note's content is unchanged (spacing, escapes or order)"
            ));
        }
    }
    let g = &file.note.guidance;
    Verified {
        format: Format::Json,
        intact: changes.is_empty(),
        check_code: check_code(&file.digest),
        recorded: file.digest.clone(),
        computed,
        changes,
        crime_reference: file.note.crime_reference.clone(),
        guidance: GuidanceSeen {
            made_under: format!("{} ({} {} {})", g.title, g.pack, w::VERSION, g.version),
            digest: g.digest.clone(),
            layers: g.layers.iter().map(|l| l.digest.clone()).collect(),
        },
        checked: vec![CHECKED_DATA.to_owned()],
    }
}

/// Which fields of the JSON note a text section is made from.
fn json_fields(section: &str) -> String {
    let name = section.split_once(". ").map_or(section, |(_, n)| n);
    let fields = match name {
        w::INFORMATION | w::THREAT_AND_RISK => "facts",
        w::POWERS_AND_POLICY => "facts, checks, ie_contact",
        w::OPTIONS => "checks, ie_contact, prohibited",
        w::ACTION_AND_REVIEW => "required, supervisor, supervisor_needed, review",
        w::NO_ENFORCEMENT => "prohibited",
        w::FLAGS => "flags",
        w::SET_ASIDE => "set_aside",
        w::CHANGES => "changes",
        w::RULES => "rules",
        w::GUIDANCE => "guidance",
        _ => "crime_reference, draft, officer, officer_role, started, completed, guidance",
    };
    let mut s = String::new();
    let _ = write!(s, "{fields}");
    s
}
