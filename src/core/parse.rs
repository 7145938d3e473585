//! From bytes to the raw file shapes, with located errors.
//!
//! The caller reads the file (the core does no IO) and passes its bytes and the
//! path it should be reported under. Nothing in here panics on any input.

use ron::extensions::Extensions;
use serde::de::DeserializeOwned;

use super::diagnostic::{Diagnostic, Position, position_of};
use super::raw;

/// The largest file the app will read: far above any real guidance or case file.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// A file's text after the checks every file gets, with its SHA-256 digest.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub path: String,
    pub text: String,
    /// Lower-case hex SHA-256 of the bytes as read.
    pub digest: String,
}

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
    if is_blank_ron(text) {
        return Err(Diagnostic::new(
            path,
            Some(Position { line: 1, col: 1 }),
            "the file is empty",
        ));
    }
    Ok(SourceText {
        path: path.to_owned(),
        text: text.to_owned(),
        digest: super::digest::sha256_hex(bytes),
    })
}

/// True when the text holds nothing but white space and comments.
fn is_blank_ron(text: &str) -> bool {
    let mut rest = text.trim_start();
    loop {
        if rest.is_empty() {
            return true;
        }
        if let Some(after) = rest.strip_prefix("//") {
            rest = after.split_once('\n').map_or("", |(_, r)| r).trim_start();
        } else if let Some(after) = rest.strip_prefix("/*") {
            rest = after.split_once("*/").map_or("", |(_, r)| r).trim_start();
        } else {
            return false;
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
    options().from_str::<T>(&src.text).map_err(|e| {
        Diagnostic::new(
            &src.path,
            Some(Position {
                line: e.span.start.line,
                col: e.span.start.col,
            }),
            describe(&e.code),
        )
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
        ron::Error::ExceededRecursionLimit => {
            "brackets are nested too deeply to be a guidance or case file".to_owned()
        }
        other => other.to_string(),
    }
}

/// Reads a guidance file (pack, overlay or profile).
pub fn guidance_file(
    path: &str,
    bytes: &[u8],
) -> Result<(SourceText, raw::GuidanceFile), Diagnostic> {
    let src = source_text(path, bytes)?;
    let file = parse_ron(&src)?;
    Ok((src, file))
}

/// Reads a case file.
pub fn case_file(path: &str, bytes: &[u8]) -> Result<(SourceText, raw::Case), Diagnostic> {
    let src = source_text(path, bytes)?;
    let case = parse_ron(&src)?;
    Ok((src, case))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_detection_skips_comments() {
        assert!(is_blank_ron(""));
        assert!(is_blank_ron("  \n// only a comment\n/* and a block */  "));
        assert!(!is_blank_ron("// c\nPack()"));
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
    fn unknown_fields_in_struct_variants_are_errors() {
        let src = source_text("c.ron", b"(pack: \"p\", chekcs: [])").expect("text");
        let e = parse_ron::<raw::Case>(&src).err().map(|d| d.to_string());
        let e = e.unwrap_or_default();
        assert!(e.starts_with("c.ron:1:"), "{e}");
        assert!(e.contains("chekcs"), "{e}");
    }
}
