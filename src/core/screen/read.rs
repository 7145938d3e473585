//! Reading a text or a phrase into words: case, apostrophes and contractions
//! folded, shorthand expanded, each word stemmed once; a text cut into
//! clauses, with what is reported, negated or neutral marked.

use super::matching::{find, match_len};
use super::{About, Clause, Markers, Phrase, Prepared, Reading, Word};

pub(super) fn stemmer() -> &'static rust_stemmers::Stemmer {
    static STEMMER: std::sync::OnceLock<rust_stemmers::Stemmer> = std::sync::OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

pub(super) fn word(text: &str) -> Word {
    let stem = if text.chars().count() >= 4 && text.chars().all(|c| c.is_ascii_alphabetic()) {
        stemmer().stem(text).into_owned()
    } else {
        text.to_owned()
    };
    Word {
        text: text.to_owned(),
        stem,
    }
}

/// Lower case, apostrophes made plain, and contractions written in full.
pub(super) fn fold(text: &str) -> String {
    let mut plain = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{2032}' | '`' | '\u{00B4}' => {
                plain.push('\'');
            }
            _ => plain.extend(c.to_lowercase()),
        }
    }
    let mut out = String::with_capacity(plain.len() + 8);
    let mut rest = plain.as_str();
    while let Some(at) = rest.find('\'') {
        let (before, after) = rest.split_at(at);
        let after = &after[1..];
        let word_start = before
            .rfind(|c: char| !c.is_alphanumeric())
            .map_or(0, |i| i + 1);
        let head = &before[word_start..];
        let tail_len = after
            .find(|c: char| !c.is_alphanumeric())
            .unwrap_or(after.len());
        let tail = &after[..tail_len];
        out.push_str(&before[..word_start]);
        let full = contraction(head, tail);
        out.push_str(&full);
        rest = &after[tail_len..];
    }
    out.push_str(rest);
    out
}

/// A word with an apostrophe, written in full: "won't" as "will not",
/// "she's" as "she is", "the victim's" as "the victim".
pub(super) fn contraction(head: &str, tail: &str) -> String {
    match (head, tail) {
        ("won", "t") => "will not".to_owned(),
        ("can", "t") => "can not".to_owned(),
        ("shan", "t") => "shall not".to_owned(),
        ("ain", "t") => "is not".to_owned(),
        (h, "t") if h.ends_with('n') => format!("{} not", &h[..h.len() - 1]),
        (h, "s")
            if matches!(
                h,
                "she" | "he" | "it" | "that" | "there" | "who" | "what" | "where" | "here" | "let"
            ) =>
        {
            if h == "let" {
                "let us".to_owned()
            } else {
                format!("{h} is")
            }
        }
        (h, "s" | "") => h.to_owned(),
        (h, "re") => format!("{h} are"),
        (h, "ll") => format!("{h} will"),
        (h, "d") => format!("{h} would"),
        (h, "ve") => format!("{h} have"),
        (h, "m") => format!("{h} am"),
        (h, t) => format!("{h}{t}"),
    }
}

/// Whether a character ends a clause. A line break does not (a text field
/// wraps); the engine joins a target's fields with `|`, which does.
pub(super) fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | ';' | ':' | '!' | '?' | '|' | '(' | ')' | '[' | ']' | '"' | '\u{201C}' | '\u{201D}'
    )
}

/// Splits folded text into raw word strings per clause: a word is a run of
/// letters and digits, or a shorthand that holds a slash or an ampersand.
pub(super) fn raw_clauses(folded: &str, reading: Option<&Reading>) -> Vec<Vec<String>> {
    raw_clauses_quoted(folded, reading)
        .into_iter()
        .map(|(ws, _)| ws)
        .collect()
}

/// As [`raw_clauses`], saying of each clause whether it is inside double
/// quotes: someone's words, quoted.
pub(super) fn raw_clauses_quoted(
    folded: &str,
    reading: Option<&Reading>,
) -> Vec<(Vec<String>, bool)> {
    let mut clauses = Vec::new();
    let mut quoted = false;
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, words: &mut Vec<String>| {
        if !cur.is_empty() {
            words.push(std::mem::take(cur));
        }
    };
    let mut chars = folded.chars().peekable();
    let mut prev = ' ';
    while let Some(c) = chars.next() {
        let after_space = prev.is_whitespace();
        prev = c;
        if matches!(c, '-' | '\u{2013}' | '\u{2014}') && (after_space || c != '-') {
            // A dash between spaces (or an en or em dash) ends a clause.
            flush(&mut cur, &mut words);
            if !words.is_empty() {
                clauses.push((std::mem::take(&mut words), quoted));
            }
            continue;
        }
        if c.is_alphanumeric() {
            cur.push(c);
        } else if (c == '/' || c == '&') && !cur.is_empty() {
            // "o/s", "w/o": kept whole where the shorthand list knows them.
            let mut probe = cur.clone();
            probe.push(c);
            let mut look = chars.clone();
            while let Some(&n) = look.peek() {
                if n.is_alphanumeric() {
                    probe.push(n);
                    look.next();
                } else {
                    break;
                }
            }
            if reading.is_some_and(|r| r.shorthand.iter().any(|(k, _)| *k == probe)) {
                cur = probe;
                chars = look;
            } else {
                flush(&mut cur, &mut words);
                if c == '&' {
                    words.push("and".to_owned());
                }
            }
        } else if c == '&' {
            flush(&mut cur, &mut words);
            words.push("and".to_owned());
        } else {
            flush(&mut cur, &mut words);
            if ends_clause(c) && !words.is_empty() {
                clauses.push((std::mem::take(&mut words), quoted));
            }
            if matches!(c, '"' | '\u{201C}' | '\u{201D}') {
                quoted = match c {
                    '\u{201C}' => true,
                    '\u{201D}' => false,
                    _ => !quoted,
                };
            } else if c == ',' && !words.is_empty() {
                // Kept as a word of its own: what a negating word reaches
                // stops there, and no phrase runs across it.
                words.push(",".to_owned());
            }
        }
    }
    flush(&mut cur, &mut words);
    if !words.is_empty() {
        clauses.push((words, quoted));
    }
    clauses
}

/// Each word, or what the shorthand list says it stands for.
pub(super) fn expand(words: Vec<String>, reading: Option<&Reading>) -> Vec<Word> {
    let mut out = Vec::with_capacity(words.len());
    for w in words {
        match reading.and_then(|r| r.shorthand.iter().find(|(k, _)| *k == w)) {
            Some((_, full)) => out.extend(
                fold(full)
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|s| !s.is_empty())
                    .map(word),
            ),
            None => out.push(word(&w)),
        }
    }
    out
}

/// The words of a marker list, read as a text is. A marker is whole words
/// ("no" is not the start of "now"); its other forms are found by their stems.
pub(super) fn markers(list: &[String], reading: Option<&Reading>) -> Vec<Phrase> {
    list.iter()
        .filter_map(|m| bare_phrase(m, reading))
        .map(|p| Phrase {
            whole: true,
            // Only a long marker may be misspelt ("thretaens"): a short one
            // would find other words ("shared" for "scared").
            fuzzy: p.words.iter().all(|w| w.text.chars().count() >= 8),
            ..p
        })
        .collect()
}

/// A phrase's words, without asking what kind of phrase it is.
pub(super) fn bare_phrase(text: &str, reading: Option<&Reading>) -> Option<Phrase> {
    let folded = fold(text);
    let whole = folded
        .chars()
        .next_back()
        .is_some_and(|c| !c.is_alphanumeric());
    let words: Vec<Word> = raw_clauses(&folded, reading)
        .into_iter()
        .flat_map(|ws| expand(ws, reading))
        .collect();
    (!words.is_empty()).then_some(Phrase {
        words,
        whole,
        fuzzy: true,
        about: About::default(),
    })
}

pub(super) fn read_text(text: &str, reading: Option<&Reading>, m: &Markers) -> Prepared {
    let folded = fold(text);
    let clauses = raw_clauses_quoted(&folded, reading)
        .into_iter()
        .map(|(ws, quoted)| {
            let words = expand(ws, reading);
            let asks = m.asking.iter().any(|p| find(&words, p));
            let from = if quoted {
                Some(0)
            } else {
                (0..words.len())
                    .find(|&i| m.reported.iter().any(|p| match_len(&words, i, p).is_some()))
            };
            let is_reported = if asks { None } else { from };
            let mut negated = vec![false; words.len()];
            let mut shielded = vec![false; words.len()];
            for i in 0..words.len() {
                for p in &m.negating {
                    if let Some(len) = match_len(&words, i, p) {
                        // Two words on, and two more past each "or" or "and"
                        // ("not to detain or remove her").
                        let mut reach = 2;
                        let mut k = i + len;
                        while let Some(w) = words.get(k) {
                            let joins = matches!(w.text.as_str(), "or" | "and" | "nor");
                            if w.text == "," || (reach == 0 && !joins) {
                                break;
                            }
                            if joins {
                                reach = 2;
                            } else {
                                reach -= 1;
                            }
                            if let Some(slot) = negated.get_mut(k) {
                                *slot = true;
                            }
                            k += 1;
                        }
                    }
                }
                for p in &m.undoing {
                    if match_len(&words, i, p).is_some() {
                        for k in (i.saturating_sub(3)..i).rev() {
                            if words.get(k).is_some_and(|w| w.text == ",") {
                                break;
                            }
                            if let Some(slot) = negated.get_mut(k) {
                                *slot = true;
                            }
                        }
                    }
                }
                for p in &m.neutral {
                    if let Some(len) = match_len(&words, i, p) {
                        for slot in shielded.iter_mut().skip(i).take(len) {
                            *slot = true;
                        }
                    }
                }
            }
            Clause {
                words,
                reported: is_reported,
                negated,
                shielded,
            }
        })
        .collect();
    Prepared { clauses }
}

/// Reads a phrase once, with the reading's markers already read. `None` for
/// a phrase with no word in it.
pub(super) fn phrase(text: &str, reading: Option<&Reading>, m: &Markers) -> Option<Phrase> {
    let Phrase { words, whole, .. } = bare_phrase(text, reading)?;
    let about = About {
        report: m.bare_reported.iter().any(|r| find(&words, r)),
        negation: m.bare_negating.iter().any(|n| find(&words, n)),
    };
    Some(Phrase {
        words,
        whole,
        fuzzy: true,
        about,
    })
}
