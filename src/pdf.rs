//! The decision note as an archival, accessible PDF (PDF/A-3a and PDF/UA-1),
//! written with `krilla`.
//!
//! The pages show the note's canonical text lines (the same words and line
//! breaks as the text note) in `DejaVu` Sans, embedded, with the headings in bold
//! and tagged as headings, a running header with the crime reference and a
//! footer with the page number and the check code. The JSON note is embedded
//! as an associated file, so the PDF carries its own data; `verify` checks
//! that. The creation date comes from the case, never the clock, so the same
//! case gives the same PDF.
//!
//! This lives outside `core` because it carries fonts and a PDF writer the
//! rest of the core does not need; it does no IO itself.

use std::num::NonZeroU16;

use krilla::configure::{Accessibility, Archival, ConfigurationBuilder};
use krilla::embed::{AssociationKind, EmbeddedFile, MimeType};
use krilla::geom::Point;
use krilla::metadata::{DateTime, Metadata};
use krilla::outline::{Outline, OutlineNode};
use krilla::page::PageSettings;
use krilla::surface::Surface;
use krilla::tagging::{
    Artifact, ArtifactType, ContentTag, Identifier, SpanTag, Tag, TagGroup, TagTree,
};
use krilla::text::{Font, TextDirection};
use krilla::{Document, SerializeSettings};

use crate::core::note::render::{self, Kind, Line};
use crate::core::note::{self, Note, wording};

static REGULAR: &[u8] = include_bytes!("../assets/fonts/DejaVuSans.ttf");
static BOLD: &[u8] = include_bytes!("../assets/fonts/DejaVuSans-Bold.ttf");

/// The name of the embedded JSON note.
pub const ATTACHMENT: &str = "decision-note.json";

const PAGE_W: f32 = 595.28;
const PAGE_H: f32 = 841.89;
const MARGIN_X: f32 = 56.0;
const TOP: f32 = 70.0;
const BOTTOM: f32 = 780.0;

fn style(kind: Kind) -> (f32, f32, bool) {
    // (font size, line height, bold)
    match kind {
        Kind::Title => (16.0, 22.0, true),
        Kind::Heading => (12.0, 18.0, true),
        Kind::Sub => (10.0, 14.0, true),
        Kind::Rule | Kind::Text => (9.5, 13.0, false),
    }
}

/// Where a line goes.
struct Placed<'a> {
    line: &'a Line,
    page: usize,
    y: f32,
}

fn layout(lines: &[Line]) -> (Vec<Placed<'_>>, usize) {
    let mut out = Vec::new();
    let mut page = 0;
    let mut y = TOP;
    for (i, l) in lines.iter().enumerate() {
        if l.kind == Kind::Rule {
            continue;
        }
        if l.text.is_empty() {
            y += 6.0;
            continue;
        }
        let (_, h, _) = style(l.kind);
        // Keep a heading with at least two lines after it.
        let keep = if matches!(l.kind, Kind::Heading | Kind::Sub) {
            h + 2.0 * 13.0
        } else {
            h
        };
        if y + keep > BOTTOM && i > 0 {
            page += 1;
            y = TOP;
        }
        y += h;
        out.push(Placed { line: l, page, y });
    }
    (out, page + 1)
}

/// `2026-11-29T10:15:00Z` (or with an offset, or a bare date) as a PDF date.
fn date(s: &str) -> Option<DateTime> {
    let num = |a: usize, b: usize| s.get(a..b).and_then(|x| x.parse::<u16>().ok());
    let year = num(0, 4)?;
    let mut d = DateTime::new(year)
        .month(u8::try_from(num(5, 7)?).ok()?)
        .day(u8::try_from(num(8, 10)?).ok()?);
    if let (Some(h), Some(m)) = (num(11, 13), num(14, 16)) {
        d = d
            .hour(u8::try_from(h).ok()?)
            .minute(u8::try_from(m).ok()?)
            .second(u8::try_from(num(17, 19).unwrap_or(0)).ok()?);
    }
    Some(d.utc_offset_hour(0).utc_offset_minute(0))
}

/// The text with every character the font cannot draw shown as `[U+XXXX]`:
/// PDF/UA forbids drawing a missing glyph, and a typed name in a script the
/// font lacks must not stop the note being written. The embedded note keeps
/// the characters as typed.
fn printable(font: &[u8], text: &str) -> String {
    use skrifa::MetadataProvider as _;
    use std::fmt::Write as _;
    let Ok(f) = skrifa::FontRef::new(font) else {
        return text.to_owned();
    };
    let map = f.charmap();
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == ' ' || map.map(c).is_some() {
            out.push(c);
        } else {
            let _ = write!(out, "[U+{:04X}]", u32::from(c));
        }
    }
    out
}

fn artifact(s: &mut Surface<'_>, kind: ArtifactType, at: Point, font: &Font, text: &str) {
    s.start_tagged(ContentTag::Artifact(Artifact::new(kind, None)));
    let text = printable(REGULAR, text);
    s.draw_text(at, font.clone(), 8.0, &text, false, TextDirection::Auto);
    s.end_tagged();
}

/// The note as a PDF, with `json` (the JSON note) embedded.
#[allow(
    clippy::too_many_lines,
    reason = "the page loop keeps tagging and drawing side by side"
)]
pub fn render(n: &Note) -> Result<Vec<u8>, String> {
    let lines = render::lines(n);
    let json = note::to_json(n);
    let digest = note::digest(n);
    let regular = Font::new(REGULAR.into(), 0).ok_or("the regular font could not be read")?;
    let bold = Font::new(BOLD.into(), 0).ok_or("the bold font could not be read")?;

    let configuration = ConfigurationBuilder::new()
        .with_archival_validator(Archival::A3_A)
        .with_accessibility_validator(Accessibility::UA1)
        .finish()
        .map_err(|e| format!("PDF configuration: {e:?}"))?;
    let settings = SerializeSettings {
        configuration,
        enable_tagging: true,
        ..SerializeSettings::default()
    };
    let mut doc = Document::new_with(settings);

    let reference = if n.crime_reference.is_empty() {
        wording::NOT_RECORDED
    } else {
        n.crime_reference.as_str()
    };
    let title = format!("{} {reference}", wording::PDF_TITLE);
    let when = if n.completed.is_empty() {
        &n.started
    } else {
        &n.completed
    };
    let when = date(when).unwrap_or_else(|| DateTime::new(1970).month(1).day(1));

    let (placed, pages) = layout(&lines);
    let mut tree = TagTree::new().with_lang(Some("en-GB".to_owned()));
    let mut outline = Outline::new();
    let mut paragraph: Option<TagGroup> = None;
    let code = note::seal::check_code(&digest);
    let mut next = placed.iter().peekable();
    for page_index in 0..pages {
        let mut page = doc.start_page_with(
            PageSettings::from_wh(PAGE_W, PAGE_H).ok_or("the page size is invalid")?,
        );
        let mut s = page.surface();
        let mut header = title.clone();
        if n.draft {
            header = format!("{header} - {}", wording::DRAFT_SHORT);
        }
        if !n.guidance.modified.is_empty() {
            header = format!("{header} - {}", wording::NOT_PUBLISHED_SHORT);
        }
        artifact(
            &mut s,
            ArtifactType::Header,
            Point::from_xy(MARGIN_X, 40.0),
            &regular,
            &header,
        );
        artifact(
            &mut s,
            ArtifactType::Footer,
            Point::from_xy(MARGIN_X, 812.0),
            &regular,
            &format!(
                "{} {} {} {}    {}: {code}",
                wording::PAGE,
                page_index + 1,
                wording::OF,
                pages,
                wording::CHECK_CODE_SHORT
            ),
        );
        while let Some(p) = next.next_if(|p| p.page == page_index) {
            let (size, _, is_bold) = style(p.line.kind);
            let (font, data) = if is_bold {
                (&bold, BOLD)
            } else {
                (&regular, REGULAR)
            };
            let text = printable(data, &p.line.text);
            let id: Identifier = s.start_tagged(ContentTag::Span(SpanTag::empty()));
            s.draw_text(
                Point::from_xy(MARGIN_X, p.y),
                font.clone(),
                size,
                &text,
                false,
                TextDirection::Auto,
            );
            s.end_tagged();
            let level = match p.line.kind {
                Kind::Title => Some(1),
                Kind::Heading => Some(2),
                Kind::Sub => Some(3),
                _ => None,
            };
            if let Some(level) = level {
                if let Some(par) = paragraph.take() {
                    tree.push(par);
                }
                let lvl = NonZeroU16::new(level).ok_or("heading level")?;
                let mut h = TagGroup::new(Tag::Hn(lvl, Some(p.line.text.clone())));
                h.push(id);
                tree.push(h);
                if level <= 2 {
                    outline.push_child(OutlineNode::new(
                        p.line.text.clone(),
                        krilla::destination::XyzDestination::new(
                            page_index,
                            Point::from_xy(MARGIN_X, p.y - 14.0),
                        ),
                    ));
                }
            } else {
                // A new item starts a new paragraph; its continuation lines join it.
                let starts =
                    p.line.text.trim_start().starts_with("- ") || !p.line.text.starts_with(' ');
                if starts && let Some(par) = paragraph.take() {
                    tree.push(par);
                }
                paragraph
                    .get_or_insert_with(|| TagGroup::new(Tag::P))
                    .push(id);
            }
        }
        s.finish();
        page.finish();
    }
    if let Some(par) = paragraph.take() {
        tree.push(par);
    }
    doc.set_tag_tree(tree);
    doc.set_outline(outline);
    let mut meta = Metadata::new()
        .title(title.clone())
        .language("en-GB".to_owned())
        .creator(wording::CREATOR.to_owned())
        .creation_date(when)
        .document_id(digest.clone())
        .description(format!("{}: sha256:{digest}", wording::PDF_SUBJECT));
    if !n.officer.is_empty() {
        meta = meta.authors(vec![n.officer.clone()]);
    }
    doc.set_metadata(meta);
    doc.embed_file(EmbeddedFile {
        path: ATTACHMENT.to_owned(),
        mime_type: MimeType::new("application/json"),
        description: Some(wording::ATTACHMENT_DESCRIPTION.to_owned()),
        association_kind: AssociationKind::Data,
        data: json.into_bytes().into(),
        modification_date: Some(when),
        compress: Some(false),
        location: None,
    })
    .ok_or("the note could not be embedded")?;
    doc.finish()
        .map_err(|e| format!("the PDF could not be written: {e:?}"))
}
