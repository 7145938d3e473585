//! A file's text as the core holds it: its path, its text and its digest, and
//! where a byte of it is (line and column) for a located error.
//!
//! Below parsing, limits and validation, which all point into it.

use super::diagnostic::Position;
use super::lines::TextIndex;

/// A file's text after the checks every file gets, with its SHA-256 digest.
#[derive(Clone, Debug)]
pub struct SourceText {
    pub path: String,
    /// Borrowed for the built-in files, which live as long as the program.
    pub text: std::borrow::Cow<'static, str>,
    /// Lower-case hex SHA-256 of the bytes as read.
    pub digest: String,
    /// Line starts and quoted strings, built when the first error needs a place.
    index: std::sync::OnceLock<TextIndex>,
}

impl SourceText {
    /// A text as given, for tests and callers that have already checked it.
    pub fn new(path: &str, text: &str, digest: &str) -> Self {
        Self {
            path: path.to_owned(),
            text: std::borrow::Cow::Owned(text.to_owned()),
            digest: digest.to_owned(),
            index: std::sync::OnceLock::new(),
        }
    }

    /// A text compiled into the program: borrowed, not copied.
    pub fn built_in(path: &str, text: &'static str, digest: &str) -> Self {
        Self {
            path: path.to_owned(),
            text: std::borrow::Cow::Borrowed(text),
            digest: digest.to_owned(),
            index: std::sync::OnceLock::new(),
        }
    }

    fn index(&self) -> &TextIndex {
        self.index.get_or_init(|| TextIndex::new(&self.text))
    }

    /// The line and column of byte `offset`, in logarithmic time.
    pub fn position(&self, offset: usize) -> Position {
        self.index().position(&self.text, offset)
    }

    /// Where `"needle"` is first written, if it is.
    pub fn locate_quoted(&self, needle: &str) -> Option<Position> {
        self.find_quoted(needle, 0).map(|at| self.position(at))
    }

    /// The byte offset of the first `"needle"` at or after byte `from`.
    pub fn find_quoted(&self, needle: &str, from: usize) -> Option<usize> {
        self.index().find_quoted(&self.text, needle, from)
    }
}
