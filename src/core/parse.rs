//! From bytes to the raw file shapes, with located errors.
//!
//! The caller reads the file (the core does no IO) and passes its bytes and the
//! path it should be reported under. Nothing in here panics on any input.

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, Position, position_of};
use super::raw;
use super::source::SourceText;

/// The largest file the app will read: far above any real guidance or case file.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// Checks that the bytes are a non-empty UTF-8 text file of sensible size.
pub fn source_text(path: &str, bytes: &[u8]) -> Result<SourceText, Diagnostic> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Diagnostic::new(
            path,
            None,
            format!(
                "the file is {} bytes; the largest file accepted is {MAX_FILE_BYTES} bytes",
                bytes.len()
            ),
        ));
    }
    // Editors on Windows may start a UTF-8 file with a byte-order mark; it is not content.
    let body = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = match std::str::from_utf8(body) {
        Ok(t) => t,
        Err(e) => {
            let valid = body.get(..e.valid_up_to()).unwrap_or_default();
            let valid_text = String::from_utf8_lossy(valid);
            return Err(Diagnostic::new(
                path,
                Some(position_of(&valid_text, valid_text.len())),
                format!(
                    "this is not UTF-8 text (byte {} is not valid UTF-8); save the file as UTF-8",
                    e.valid_up_to()
                ),
            ));
        }
    };
    if let Some(at) = text.find('\0') {
        return Err(Diagnostic::new(
            path,
            Some(position_of(text, at)),
            "this is not a text file: it contains a NUL byte",
        ));
    }
    // Old Mac files end lines with a lone carriage return, which ron does not
    // take as the end of a `//` comment. Read each as a newline: same length, so
    // every position is unchanged.
    // Only a file with no newline at all is taken to be one: a carriage return
    // inside a value of an ordinary file is kept as it is.
    let text: std::borrow::Cow<'_, str> = if !text.contains('\n') && has_lone_cr(text) {
        std::borrow::Cow::Owned(lone_cr_to_lf(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    match blank_ron(&text) {
        Blank::Yes => {
            return Err(Diagnostic::new(
                path,
                Some(Position { line: 1, col: 1 }),
                "the file is empty",
            ));
        }
        Blank::UnclosedComment(at) => {
            return Err(Diagnostic::new(
                path,
                Some(position_of(&text, at)),
                "a comment opened here with /* is never closed with */",
            ));
        }
        Blank::No => {}
    }
    Ok(SourceText::new(
        path,
        &text,
        &super::digest::sha256_hex(bytes),
    ))
}

fn has_lone_cr(text: &str) -> bool {
    let b = text.as_bytes();
    b.iter()
        .enumerate()
        .any(|(i, &c)| c == b'\r' && b.get(i + 1) != Some(&b'\n'))
}

fn lone_cr_to_lf(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// What the start of a file holds when it is only white space and comments.
#[derive(Debug, PartialEq, Eq)]
enum Blank {
    /// Nothing but white space and comments.
    Yes,
    /// A block comment, opened at this byte, that is never closed.
    UnclosedComment(usize),
    /// Something else.
    No,
}

/// Whether the text holds nothing but white space and comments.
fn blank_ron(text: &str) -> Blank {
    let mut rest = text.trim_start();
    loop {
        if rest.is_empty() {
            return Blank::Yes;
        }
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            match after.split_once("*/") {
                Some((_, r)) => rest = r.trim_start(),
                None => return Blank::UnclosedComment(text.len() - rest.len()),
            }
        } else {
            return Blank::No;
        }
    }
}

fn options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(Extensions::IMPLICIT_SOME)
        .with_default_extension(Extensions::UNWRAP_VARIANT_NEWTYPES)
}

/// Parses RON into `T`, reporting a syntax or shape error at its line and column.
pub fn parse_ron<T: DeserializeOwned>(src: &SourceText) -> Result<T, Diagnostic> {
    if let Some(at) = too_deep(&src.text) {
        return Err(Diagnostic::new(
            &src.path,
            Some(src.position(at)),
            "brackets are nested too deeply to be a guidance or case file",
        ));
    }
    options().from_str::<T>(&src.text).map_err(|e| {
        let at = Position {
            line: e.span.start.line,
            col: e.span.start.col,
        };
        // An error where nothing but blank space follows is the file ending
        // early (cut short, or a bracket never closed), whatever ron expected.
        let reached = Position {
            line: e.span.end.line,
            col: e.span.end.col,
        };
        let end = src.position(src.text.trim_end().len());
        let message = if reached >= end && !matches!(e.code, ron::Error::Eof) {
            format!(
                "the file ends before it is complete: it may have been cut short, or a bracket or quote is not closed ({})",
                describe(&e.code)
            )
        } else {
            describe(&e.code)
        };
        Diagnostic::new(&src.path, Some(at), message)
    })
}

/// How deep brackets may nest in any file the app reads: far beyond any real
/// guidance or case file (a condition may nest 16 levels), and checked in one
/// pass before parsing, because the parser's look-ahead on a value such as
/// `Some(Some(Some(...)))` costs time that grows with the square of the depth
/// (a 4 MB case of nested `Some(` took 30 seconds to refuse).
const MAX_BRACKET_DEPTH: usize = 64;

/// The byte offset where brackets first nest deeper than [`MAX_BRACKET_DEPTH`],
/// outside strings and comments; `None` if they never do.
fn too_deep(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if let Some(end) = skip_string_or_comment(b, i) {
            i = end + 1;
            continue;
        }
        match c {
            b'(' | b'[' | b'{' => {
                depth += 1;
                if depth > MAX_BRACKET_DEPTH {
                    return Some(i);
                }
            }
            b')' | b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Where a string or a comment starting at byte `i` of RON text ends (the
/// index of its last byte, or the newline after a line comment), or `None`
/// when none starts there: for scanning the text outside strings and comments.
pub(crate) fn skip_string_or_comment(b: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    match b.get(i)? {
        b'"' => {
            // A string: to its closing quote, past escapes.
            i += 1;
            while let Some(&d) = b.get(i) {
                if d == b'\\' {
                    i += 1;
                } else if d == b'"' {
                    break;
                }
                i += 1;
            }
        }
        b'/' if b.get(i + 1) == Some(&b'/') => {
            while b.get(i).is_some_and(|&d| d != b'\n') {
                i += 1;
            }
        }
        b'/' if b.get(i + 1) == Some(&b'*') => {
            i += 2;
            while b.get(i).is_some() && !(b.get(i) == Some(&b'*') && b.get(i + 1) == Some(&b'/')) {
                i += 1;
            }
            i += 1;
        }
        _ => return None,
    }
    Some(i)
}

/// A plain-English line beside ron's own words for a syntax error, where they
/// speak of tokens rather than of what to change.
fn plain(code: &ron::Error) -> Option<&'static str> {
    use ron::Error as E;
    Some(match code {
        E::ExpectedMapColon => "a `:` is missing between a name and its value",
        E::ExpectedComma => "a `,` is missing between two items",
        E::ExpectedArrayEnd => "a list is not closed: a `]` or a `,` is missing",
        E::ExpectedMapEnd => "a map is not closed: a `}` or a `,` is missing",
        E::ExpectedStructLikeEnd | E::ExpectedOptionEnd => {
            "the brackets do not match here: a `)` or a `,` is missing, or there is one too many"
        }
        E::ExpectedString => "text must be written in double quotes, \"like this\"",
        E::ExpectedStringEnd => {
            "a text in double quotes is never closed: a closing `\"` is missing, or the file was cut short"
        }
        E::ExpectedArray => "a list in square brackets, [like, this], is expected here",
        E::ExpectedMap => "a map in curly brackets, {\"key\": value}, is expected here",
        E::ExpectedIdentifier => "a field name or a name such as `Case` is expected here",
        E::Eof => "the file ends too early: something is not closed",
        E::TrailingCharacters => "there is more after the end of the file's one value",
        E::UnclosedBlockComment => "a comment opened with /* is never closed with */",
        E::UnexpectedChar(_) => "this character cannot start a value here",
        E::InvalidEscape(_) => "a `\\` in text must start an escape such as \\n or \\\"",
        E::ExpectedOption | E::ExpectedStructLike | E::ExpectedNamedStructLike(_) => {
            "the value here is not the kind this field takes"
        }
        _ => return None,
    })
}

/// ron's message, reworded where it speaks to a programmer rather than a policy owner.
fn describe(code: &ron::Error) -> String {
    let within = |outer: &Option<String>| {
        outer
            .as_ref()
            .map_or_else(String::new, |o| format!(" in `{o}`"))
    };
    match code {
        ron::Error::MissingStructField { field, outer } => {
            format!("the field `{field}` is missing{}", within(outer))
        }
        ron::Error::DuplicateStructField { field, outer } => {
            format!("the field `{field}` is given twice{}", within(outer))
        }
        ron::Error::InvalidValueForType { expected, found } => {
            // A string found where something else belongs may be free text (a
            // name, an address): say it is text, not what it says.
            let found = if found.starts_with("the string") {
                "text".into()
            } else {
                super::text::clip(found, 40)
            };
            super::text::escape(&format!("expected {expected} here, but found {found}"))
                .into_owned()
        }
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested too deeply to be a guidance or case file".to_owned()
        }
        other => {
            // ron's words may quote the file (a name, a value): escape and clip them.
            let own = super::text::escape(&other.to_string()).into_owned();
            let own = super::text::clip(&own, 300).into_owned();
            match plain(other) {
                Some(p) => format!("{p} (ron: {own})"),
                None => own,
            }
        }
    }
}

/// Reads a guidance file (pack, overlay or profile).
pub fn guidance_file(
    path: &str,
    bytes: &[u8],
) -> Result<(SourceText, raw::GuidanceFile), Diagnostic> {
    let src = source_text(path, bytes)?;
    let file = parse_ron(&src)?;
    let mut too_big = super::limits::check_guidance(&src, &file).into_iter();
    if let Some(mut first) = too_big.next() {
        let more = too_big.count();
        if more > 0 {
            first.message = format!(
                "{} (and {more} more condition{} too large)",
                first.message,
                if more == 1 { "" } else { "s" }
            );
        }
        return Err(first);
    }
    Ok((src, file))
}

/// Reads a case file.
pub fn case_file(path: &str, bytes: &[u8]) -> Result<(SourceText, raw::Case), Diagnostic> {
    let src = source_text(path, bytes)?;
    let mut case = parse_ron::<raw::Case>(&src).map_err(|d| newer(&src).unwrap_or(d))?;
    if case.format.is_some_and(|f| f > raw::CASE_FORMAT) {
        return Err(newer(&src).unwrap_or_else(|| {
            Diagnostic::new(
                &src.path,
                None,
                "written by a newer version of Victim First",
            )
        }));
    }
    // The format belongs to the file, not to the case: a case read and written
    // again is written in this version's format.
    case.format = None;
    Ok((src, case))
}

/// Says so when a case file was written by a newer version of the app (its
/// `format` is above [`raw::CASE_FORMAT`]): read leniently, since a newer file
/// may hold fields this version does not know.
fn newer(src: &SourceText) -> Option<Diagnostic> {
    #[derive(serde::Deserialize)]
    #[serde(rename = "Case")]
    struct Format {
        #[serde(default)]
        format: Option<u32>,
    }
    // Only a file that names a format, and never one the depth check refuses:
    // reading a crafted file twice must not cost what it cost to refuse it once.
    if !src.text.contains("format") || too_deep(&src.text).is_some() {
        return None;
    }
    let f = options().from_str::<Format>(&src.text).ok()?.format?;
    (f > raw::CASE_FORMAT).then(|| {
        let at = src.text.find("format").map(|o| src.position(o));
        Diagnostic::new(
            &src.path,
            at,
            format!(
                "this case was written by a newer version of Victim First (case format {f}; this version reads formats up to {}): open it with that version or a newer one. Nothing in it was changed",
                raw::CASE_FORMAT
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_detection_skips_comments() {
        assert_eq!(blank_ron(""), Blank::Yes);
        assert_eq!(
            blank_ron("  \n// only a comment\n/* and a block */  "),
            Blank::Yes
        );
        assert_eq!(blank_ron("// c\nPack()"), Blank::No);
        assert_eq!(blank_ron("\n /* open"), Blank::UnclosedComment(2));
    }

    #[test]
    fn old_mac_line_endings_and_unclosed_comments_are_not_empty_files() {
        let src = source_text("c.ron", b"// a case\r(pack: \"p\")\r").expect("text");
        assert!(parse_ron::<raw::Case>(&src).is_ok());
        let e = source_text("c.ron", b"\n/* never closed\n(pack: \"p\")")
            .err()
            .map(|d| d.to_string());
        assert_eq!(
            e.as_deref(),
            Some("c.ron:2:1: a comment opened here with /* is never closed with */")
        );
    }

    #[test]
    fn binary_and_empty_files_are_refused_with_positions() {
        let e = source_text("x.ron", b"ab\n\xff\xfe")
            .err()
            .map(|d| d.to_string());
        assert_eq!(
            e.as_deref(),
            Some(
                "x.ron:2:1: this is not UTF-8 text (byte 3 is not valid UTF-8); save the file as UTF-8"
            )
        );
        let e = source_text("x.ron", b"\n\n").err().map(|d| d.to_string());
        assert_eq!(e.as_deref(), Some("x.ron:1:1: the file is empty"));
    }

    #[test]
    fn a_byte_order_mark_is_ignored_and_duplicate_answers_are_refused() {
        let src = source_text("c.ron", b"\xEF\xBB\xBF(pack: \"p\")").expect("text");
        assert!(parse_ron::<raw::Case>(&src).is_ok());
        let src = source_text(
            "c.ron",
            b"(pack: \"p\", facts: {\"age\": \"adult\",\n \"age\": \"under_18\"})",
        )
        .expect("text");
        let e = parse_ron::<raw::Case>(&src)
            .err()
            .map(|d| d.to_string())
            .unwrap_or_default();
        assert!(e.starts_with("c.ron:2:"), "{e}");
        assert!(e.contains("\"age\" is given twice"), "{e}");
    }

    #[test]
    fn a_file_cut_short_inside_a_text_says_so_where_the_text_begins() {
        let e = case_file(
            "c.ron",
            b"(\n pack: \"home-office-2023\",\n facts: {\"role\": \"vic",
        )
        .err()
        .map(|d| d.to_string())
        .unwrap_or_default();
        assert!(e.starts_with("c.ron:3:"), "{e}");
        assert!(e.contains("never closed") && e.contains("cut short"), "{e}");
        let e = case_file("c.ron", b"(pack: \"p\", facts: {")
            .err()
            .map(|d| d.to_string())
            .unwrap_or_default();
        assert!(e.contains("cut short"), "{e}");
        // An error in the middle of a file is not called the end of it.
        let e = case_file("c.ron", b"(pack: p, facts: {})")
            .err()
            .map(|d| d.to_string())
            .unwrap_or_default();
        assert!(!e.contains("cut short"), "{e}");
    }

    #[test]
    fn unknown_fields_in_struct_variants_are_errors() {
        let src = source_text("c.ron", b"(pack: \"p\", chekcs: [])").expect("text");
        let e = parse_ron::<raw::Case>(&src).err().map(|d| d.to_string());
        let e = e.unwrap_or_default();
        assert!(e.starts_with("c.ron:1:"), "{e}");
        assert!(e.contains("chekcs"), "{e}");
    }
}
