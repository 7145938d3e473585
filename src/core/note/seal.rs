//! The digests a note carries: the note digest over its canonical text, each
//! section's short digest, and the check code an officer types into a records
//! system. Rendering stamps them on a note; [`super::integrity`] recomputes
//! them to check one.

use super::wording as w;
use crate::core::digest::sha256_hex;

/// The note digest and each section's short digest, for a canonical body.
pub fn digests(body: &str) -> (String, Vec<String>) {
    let sections = sections(&lines_of(body))
        .iter()
        .map(|s| short(&s.text))
        .collect();
    (sha256_hex(body.as_bytes()), sections)
}

pub(super) fn short(text: &str) -> String {
    sha256_hex(text.as_bytes()).chars().take(8).collect()
}

/// A check code: the first 80 bits of a hex digest in Crockford base 32, in
/// four groups of four, short enough to type into a records system.
pub fn check_code(digest: &str) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    let mut bits: u128 = 0;
    for c in digest.chars().take(20) {
        bits = (bits << 4) | u128::from(c.to_digit(16).unwrap_or(0));
    }
    let mut out = String::new();
    for i in 0..16 {
        if i > 0 && i % 4 == 0 {
            out.push('-');
        }
        let shift = 5 * (15 - i);
        let idx = usize::try_from((bits >> shift) & 31).unwrap_or(0);
        out.push(char::from(ALPHABET.get(idx).copied().unwrap_or(b'0')));
    }
    out
}

/// A line of a note as read back, with the line number it had in the file.
pub(super) struct Numbered {
    pub text: String,
    pub at: usize,
}

pub(super) fn lines_of(text: &str) -> Vec<Numbered> {
    text.lines()
        .enumerate()
        .map(|(i, l)| Numbered {
            text: l.to_owned(),
            at: i + 1,
        })
        .collect()
}

/// A section of the body: from one heading to the next.
pub(super) struct Section {
    pub name: String,
    pub first: usize,
    pub last: usize,
    pub text: String,
}

pub(super) fn is_heading(lines: &[Numbered], i: usize) -> bool {
    let (Some(l), Some(next)) = (lines.get(i), lines.get(i + 1)) else {
        return false;
    };
    !l.text.is_empty()
        && !l.text.starts_with(' ')
        && next.text.chars().count() == l.text.chars().count()
        && next.text.chars().all(|c| c == '-')
}

pub(super) fn sections(lines: &[Numbered]) -> Vec<Section> {
    let mut out: Vec<Section> = Vec::new();
    let mut cur = Section {
        name: w::TITLE.to_owned(),
        first: lines.first().map_or(1, |l| l.at),
        last: 0,
        text: String::new(),
    };
    for (i, l) in lines.iter().enumerate() {
        if is_heading(lines, i) {
            out.push(cur);
            cur = Section {
                name: l.text.clone(),
                first: l.at,
                last: l.at,
                text: String::new(),
            };
        }
        cur.text.push_str(&l.text);
        cur.text.push('\n');
        cur.last = l.at;
    }
    out.push(cur);
    out
}
