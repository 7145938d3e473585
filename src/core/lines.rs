//! Locating places in a file's text in linear time.
//!
//! A [`TextIndex`] is built once per file, when the first error needs a place:
//! the byte offset of every line start, a running count of characters every
//! [`CHECKPOINT`] bytes (so a column is counted from a nearby checkpoint, not the
//! start of the line), and every quoted string in the text, sorted, so that the
//! first `"id"` (or the first after a given offset) is a binary search away.
//! Building it is linear in the file's size; each lookup is logarithmic, so a
//! file with hundreds of thousands of errors is located in well under a second.

use super::diagnostic::Position;

/// Bytes between character-count checkpoints.
const CHECKPOINT: usize = 4096;

/// The longest quoted text indexed: far longer than any id. Longer text (a
/// reason, a summary) is never what an error is located by.
const MAX_ID_BYTES: usize = 256;

/// Line starts, character counts and quoted strings of one text.
#[derive(Clone, Debug, Default)]
pub struct TextIndex {
    /// Byte offset of the start of each line; the first is 0.
    line_starts: Vec<usize>,
    /// Characters before byte `k * CHECKPOINT`, for each `k`.
    chars_before: Vec<usize>,
    /// `(start, end)` of the content between each pair of neighbouring `"`,
    /// sorted by content then offset. `start` is the offset of the opening quote.
    quoted: Vec<(usize, usize)>,
    /// The same for quoted text too long to be an id (a reason, a summary), in
    /// file order: few, and compared by length first.
    long: Vec<(usize, usize)>,
}

fn is_char_start(b: u8) -> bool {
    b & 0xC0 != 0x80
}

/// Characters between bytes `from` and `to`.
fn count_chars(text: &str, from: usize, to: usize) -> usize {
    text.as_bytes()
        .get(from..to)
        .map_or(0, |s| s.iter().filter(|&&b| is_char_start(b)).count())
}

impl TextIndex {
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut chars_before = Vec::with_capacity(bytes.len() / CHECKPOINT + 1);
        let mut chars = 0usize;
        let mut quoted = Vec::new();
        let mut long = Vec::new();
        let mut last_quote: Option<usize> = None;
        let mut last_newline = 0usize;
        for (i, &b) in bytes.iter().enumerate() {
            if i % CHECKPOINT == 0 {
                chars_before.push(chars);
            }
            if is_char_start(b) {
                chars += 1;
            }
            match b {
                b'\n' => {
                    line_starts.push(i + 1);
                    last_newline = i + 1;
                }
                b'"' => {
                    // Only what an id can be: not empty, on one line, not very long.
                    if let Some(q) = last_quote
                        && q + 1 < i
                    {
                        if i - q > MAX_ID_BYTES {
                            long.push((q, i));
                        } else if q >= last_newline
                            && !matches!(
                                bytes.get(q + 1),
                                Some(b' ' | b':' | b',' | b')' | b']' | b'}')
                            )
                        {
                            // The text between a closing and an opening quote (`: `, `, `)
                            // is left out: an id does not start with punctuation or a space.
                            quoted.push((q, i));
                        }
                    }
                    last_quote = Some(i);
                }
                _ => {}
            }
        }
        quoted.sort_unstable_by(|a, b| {
            let ka = bytes.get(a.0 + 1..a.1).unwrap_or_default();
            let kb = bytes.get(b.0 + 1..b.1).unwrap_or_default();
            ka.cmp(kb).then(a.0.cmp(&b.0))
        });
        Self {
            line_starts,
            chars_before,
            quoted,
            long,
        }
    }

    /// Characters in `text` before byte `offset`.
    fn chars_to(&self, text: &str, offset: usize) -> usize {
        let k = offset / CHECKPOINT;
        let base = self.chars_before.get(k).copied().unwrap_or(0);
        let from = (k * CHECKPOINT).min(text.len());
        let to = offset.min(text.len());
        base + count_chars(text, from, to)
    }

    /// The line and column of byte `offset`.
    pub fn position(&self, text: &str, offset: usize) -> Position {
        let offset = offset.min(text.len());
        let line = self.line_starts.partition_point(|&s| s <= offset).max(1);
        let start = self.line_starts.get(line - 1).copied().unwrap_or(0);
        let col = if offset - start <= 2 * CHECKPOINT {
            count_chars(text, start, offset)
        } else {
            self.chars_to(text, offset) - self.chars_to(text, start)
        } + 1;
        Position { line, col }
    }

    /// The offset of the first `"needle"` in `text` at or after byte `from`.
    pub fn find_quoted(&self, text: &str, needle: &str, from: usize) -> Option<usize> {
        if needle.is_empty()
            || needle.contains('"')
            || (needle.len() < MAX_ID_BYTES && needle.starts_with([' ', ':', ',', ')', ']', '}']))
        {
            return None;
        }
        let bytes = text.as_bytes();
        if needle.len() >= MAX_ID_BYTES {
            return self
                .long
                .iter()
                .find(|&&(s, e)| {
                    s >= from
                        && e - s - 1 == needle.len()
                        && bytes.get(s + 1..e) == Some(needle.as_bytes())
                })
                .map(|q| q.0);
        }
        if needle.contains('\n') {
            return None;
        }
        let key = |&(s, e): &(usize, usize)| bytes.get(s + 1..e).unwrap_or_default();
        let target = needle.as_bytes();
        let lo = self
            .quoted
            .partition_point(|q| key(q) < target || (key(q) == target && q.0 < from));
        self.quoted
            .get(lo)
            .filter(|q| key(q) == target)
            .map(|q| q.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::diagnostic::position_of;

    #[test]
    fn positions_agree_with_the_simple_count() {
        let mut text = String::from("ab\ncdé\nfg\n");
        text.extend((0..3000).map(|i| format!("(id: \"é{i}\", x: \"ü\"),\n")));
        let index = TextIndex::new(&text);
        for offset in (0..text.len())
            .filter(|&o| text.is_char_boundary(o))
            .step_by(7)
        {
            assert_eq!(index.position(&text, offset), position_of(&text, offset));
        }
    }

    #[test]
    fn quoted_strings_are_found_first_and_after_an_offset() {
        let text = "(id: \"a\",\n next: \"b\", again: \"a\")";
        let index = TextIndex::new(text);
        assert_eq!(index.find_quoted(text, "a", 0), Some(5));
        assert_eq!(index.find_quoted(text, "a", 6), text.rfind("\"a\""));
        assert_eq!(index.find_quoted(text, "c", 0), None);
        assert_eq!(
            index.position(text, index.find_quoted(text, "b", 0).unwrap_or(0)),
            Position { line: 2, col: 8 }
        );
    }

    #[test]
    fn long_quoted_text_is_found_too() {
        let long = "x".repeat(300);
        let text = format!("(a: \"{long}\", b: \"{long}\")");
        let index = TextIndex::new(&text);
        assert_eq!(index.find_quoted(&text, &long, 0), Some(4));
        assert_eq!(index.find_quoted(&text, &long, 5), Some(311));
    }
}
