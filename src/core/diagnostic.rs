//! Located problems in guidance and case files.
//!
//! Every problem names the file and, where it can be found, the line and column:
//! `path:line:col: message`. Semantic problems also name the chain of ids that
//! leads to the fault, such as `decision "x" → when → Is("role", "victm"): …`.

use std::fmt;

use super::text::escape;

/// The most errors printed for one run; the rest are counted.
pub const MAX_REPORTED_ERRORS: usize = 200;

/// A line and column, both counted from 1.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    pub line: usize,
    pub col: usize,
}

/// One problem found in one file.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Diagnostic {
    /// The file, as the user named it.
    pub path: String,
    /// Where in the file, when known.
    pub pos: Option<Position>,
    /// What is wrong, in plain words.
    pub message: String,
}

impl Diagnostic {
    pub fn new(path: &str, pos: Option<Position>, message: impl Into<String>) -> Self {
        Self {
            path: path.to_owned(),
            pos,
            message: message.into(),
        }
    }
}

/// Always one line: control characters in the path or message (which may quote
/// a file) are escaped, so a file cannot forge another line or drive the terminal.
impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = escape(&self.path);
        let message = escape(&self.message);
        match self.pos {
            Some(p) => write!(f, "{path}:{}:{}: {message}", p.line, p.col),
            None => write!(f, "{path}: {message}"),
        }
    }
}

/// A list of problems, shown one per line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Sorts by file then position, and drops repeats, so output is stable.
    pub fn normalise(&mut self) {
        self.0.sort();
        self.0.dedup();
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    pub fn len(&self) -> usize {
        self.0.len()
    }
}

/// At most [`MAX_REPORTED_ERRORS`] lines, then a count of the rest.
impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for d in self.0.iter().take(MAX_REPORTED_ERRORS) {
            writeln!(f, "{d}")?;
        }
        let rest = self.0.len().saturating_sub(MAX_REPORTED_ERRORS);
        if rest > 0 {
            writeln!(
                f,
                "... and {rest} more problem{} not shown",
                if rest == 1 { "" } else { "s" }
            )?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}

/// The position of byte `offset` in `text`.
pub fn position_of(text: &str, offset: usize) -> Position {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rfind('\n').map_or(before.chars().count(), |nl| {
        before.get(nl + 1..).map_or(0, |s| s.chars().count())
    }) + 1;
    Position { line, col }
}

/// Where the quoted string `"needle"` first appears in `text`, if it does.
///
/// RON carries no spans past parsing, so semantic errors are located by the
/// first place their id is written; ids are unique within a file, so this is
/// the definition in all but pathological files.
pub fn locate_quoted(text: &str, needle: &str) -> Option<Position> {
    let quoted = format!("\"{needle}\"");
    text.find(&quoted).map(|at| position_of(text, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_lines_and_chars_from_one() {
        let text = "ab\ncdé\nfg";
        assert_eq!(position_of(text, 0), Position { line: 1, col: 1 });
        assert_eq!(position_of(text, 3), Position { line: 2, col: 1 });
        // 'é' is two bytes but one column.
        assert_eq!(position_of(text, 7), Position { line: 2, col: 4 });
        assert_eq!(position_of(text, 8), Position { line: 3, col: 1 });
        assert_eq!(position_of(text, 9), Position { line: 3, col: 2 });
    }

    #[test]
    fn locate_finds_first_quoted_occurrence() {
        let text = "(id: \"a\",\n next: \"b\")";
        assert_eq!(locate_quoted(text, "b"), Some(Position { line: 2, col: 8 }));
        assert_eq!(locate_quoted(text, "c"), None);
    }

    #[test]
    fn display_with_and_without_position() {
        let d = Diagnostic::new("g/x.ron", Some(Position { line: 3, col: 7 }), "bad");
        assert_eq!(d.to_string(), "g/x.ron:3:7: bad");
        let d = Diagnostic::new("g/x.ron", None, "bad");
        assert_eq!(d.to_string(), "g/x.ron: bad");
        let d = Diagnostic::new("g/x\n.ron", None, "no fact \"a\u{1b}[2J\nb\"");
        assert_eq!(d.to_string(), "g/x\\n.ron: no fact \"a\\e[2J\\nb\"");
    }

    #[test]
    fn long_lists_are_cut_with_a_count() {
        let many = Diagnostics(
            (0..MAX_REPORTED_ERRORS + 5)
                .map(|i| Diagnostic::new("c.ron", None, format!("e{i}")))
                .collect(),
        );
        let shown = many.to_string();
        assert_eq!(shown.lines().count(), MAX_REPORTED_ERRORS + 1);
        assert!(
            shown.ends_with("... and 5 more problems not shown\n"),
            "{shown}"
        );
    }
}
