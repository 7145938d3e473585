//! Making text from files safe to print.
//!
//! A case or guidance file may hold control characters: an escape sequence that
//! retitles or clears a terminal, a bell, a carriage return that overwrites a
//! line, or a newline inside a value that forges an extra output line. Every
//! value written to a terminal, a report or an error message goes through
//! [`escape`] (one value, on one line) or [`escape_lines`] (a whole report,
//! whose own newlines are kept).

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for characters that must never reach a terminal raw: C0 and C1 controls,
/// DEL, and the Unicode line and paragraph separators and bidirectional overrides
/// that can make printed text read differently from what it is.
fn is_unsafe(c: char) -> bool {
    c.is_control()
        || matches!(
            c,
            '\u{2028}' | '\u{2029}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
}

fn escaped(c: char, out: &mut String) {
    match c {
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{1b}' => out.push_str("\\e"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", u32::from(c));
        }
    }
}

/// One value on one line: every control character, newlines included, is
/// written as a visible escape (`\e`, `\n`, `\u{7}`...).
pub fn escape(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_unsafe(c) {
            escaped(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// A block of lines: newlines are kept, every other control character is escaped.
pub fn escape_lines(s: &str) -> Cow<'_, str> {
    if !s.chars().any(|c| c != '\n' && is_unsafe(c)) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if c != '\n' && is_unsafe(c) {
            escaped(c, &mut out);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// At most `max` characters of `s`, with `…` when cut: for naming a value in a
/// message without echoing all of it.
pub fn clip(s: &str, max: usize) -> Cow<'_, str> {
    match s.char_indices().nth(max) {
        None => Cow::Borrowed(s),
        Some((at, _)) => Cow::Owned(format!("{}…", s.get(..at).unwrap_or_default())),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn controls_are_escaped_and_plain_text_is_untouched() {
        assert_eq!(escape("Sofia, née Łukasz → 2"), "Sofia, née Łukasz → 2");
        assert_eq!(
            escape("a\u{1b}]0;PERMITTED\u{7}b\nc\rd"),
            "a\\e]0;PERMITTED\\u{7}b\\nc\\rd"
        );
        assert_eq!(escape("\u{9b}x\u{202e}"), "\\u{9b}x\\u{202e}");
        assert_eq!(escape_lines("one\ntwo\u{1b}[2J\n"), "one\ntwo\\e[2J\n");
    }

    #[test]
    fn clipping_counts_characters() {
        assert_eq!(clip("abc", 3), "abc");
        assert_eq!(clip("éééé", 2), "éé…");
    }
}
