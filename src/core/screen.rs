//! The screen: how a free text is read against the phrases a condition names.
//!
//! Free text never decides a verdict on its own (the closed answers do); the
//! screen only finds words that make one stricter. It reads as officers write:
//!
//! - case, typographic apostrophes and spacing do not matter;
//! - contractions are read in full ("she's" as "she is", "won't" as "will not"),
//!   and a possessive "'s" is dropped ("the HO's radar" as "the HO radar");
//! - officers' shorthand is read as what it stands for, from the guidance's own
//!   list (`Reading::shorthand`: "HO" as "home office", "LTR" as "leave to remain");
//! - a word matches another form of itself (English Snowball stems: "detained"
//!   for "detain"), a misspelling of a longer word (one edit from six letters,
//!   two from nine, the first letter right: "lawfuly", "deprot"), and a word
//!   split in two or two words run together ("de port", "checkleave");
//! - a phrase's last word may be the start of a longer word ("investigat"
//!   finds "investigation"), unless the phrase ends in a space or a mark.
//!
//! What someone is reported to have said, threatened or feared is context,
//! never a request: a clause holding one of the guidance's `reported` words
//! and none of its `asking` words is *reported*, and a phrase is found there
//! only if the phrase itself is about what was reported ("threat", "afraid").
//! So "he told her immigration would lock her up" asks nothing, while "she is
//! afraid, so ask IE to pick her up" still asks.

use serde::{Deserialize, Serialize};

/// What the guidance tells the screen about how officers write.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Reading {
    /// Shorthand as officers write it, and what it stands for: `("ho", "home office")`.
    #[serde(default)]
    pub shorthand: Vec<(String, String)>,
    /// Words that mark a clause as reporting what someone said, threatened or fears.
    #[serde(default)]
    pub reported: Vec<String>,
    /// Words that mark a clause as asking for something, even beside a report.
    #[serde(default)]
    pub asking: Vec<String>,
    /// Words that turn what follows (up to four words on, in the same clause)
    /// into its opposite: "not", "defer", "instead of". A phrase found there
    /// does not count, unless the phrase holds the word itself.
    #[serde(default)]
    pub negating: Vec<String>,
}

impl Reading {
    /// This reading followed by another's entries (a revision adds to its base).
    pub fn extend(&mut self, more: &Self) {
        for s in &more.shorthand {
            if !self.shorthand.iter().any(|(k, _)| *k == s.0) {
                self.shorthand.push(s.clone());
            }
        }
        for w in &more.reported {
            if !self.reported.contains(w) {
                self.reported.push(w.clone());
            }
        }
        for w in &more.asking {
            if !self.asking.contains(w) {
                self.asking.push(w.clone());
            }
        }
        for w in &more.negating {
            if !self.negating.contains(w) {
                self.negating.push(w.clone());
            }
        }
    }
}

/// One word of a text or a phrase, with its stem.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Word {
    text: String,
    stem: String,
}

/// A clause of a text: its words, and whether it only reports what someone
/// said, threatened or fears.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Clause {
    words: Vec<Word>,
    reported: bool,
    /// For each word, whether a negating word comes up to four words before it.
    negated: Vec<bool>,
}

/// A text read once, to be matched against many phrases.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Prepared {
    clauses: Vec<Clause>,
}

/// A phrase read once: its words, whether its last word must end there, and
/// whether it is itself about what was reported (so found in reported clauses).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Phrase {
    words: Vec<Word>,
    whole: bool,
    about_report: bool,
    negates: bool,
}

fn stemmer() -> &'static rust_stemmers::Stemmer {
    static STEMMER: std::sync::OnceLock<rust_stemmers::Stemmer> = std::sync::OnceLock::new();
    STEMMER.get_or_init(|| rust_stemmers::Stemmer::create(rust_stemmers::Algorithm::English))
}

fn word(text: &str) -> Word {
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
fn fold(text: &str) -> String {
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
fn contraction(head: &str, tail: &str) -> String {
    match (head, tail) {
        ("won", "t") => "will not".to_owned(),
        ("can", "t") => "can not".to_owned(),
        ("shan", "t") => "shall not".to_owned(),
        ("ain", "t") => "is not".to_owned(),
        (h, "t") if h.ends_with('n') => format!("{} not", &h[..h.len() - 1]),
        (h, "s") if matches!(
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
        (h, "s") => h.to_owned(),
        (h, "re") => format!("{h} are"),
        (h, "ll") => format!("{h} will"),
        (h, "d") => format!("{h} would"),
        (h, "ve") => format!("{h} have"),
        (h, "m") => format!("{h} am"),
        (h, "") => h.to_owned(),
        (h, t) => format!("{h}{t}"),
    }
}

/// Whether a character ends a clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | ';' | ':' | '!' | '?' | '\n' | '\r' | '(' | ')' | '[' | ']' | '"' | '\u{201C}' | '\u{201D}'
    )
}

/// Splits folded text into raw word strings per clause: a word is a run of
/// letters and digits, or a shorthand that holds a slash or an ampersand.
fn raw_clauses(folded: &str, reading: Option<&Reading>) -> Vec<Vec<String>> {
    let mut clauses = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut cur = String::new();
    let flush = |cur: &mut String, words: &mut Vec<String>| {
        if !cur.is_empty() {
            words.push(std::mem::take(cur));
        }
    };
    let mut chars = folded.chars().peekable();
    while let Some(c) = chars.next() {
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
                clauses.push(std::mem::take(&mut words));
            }
        }
    }
    flush(&mut cur, &mut words);
    if !words.is_empty() {
        clauses.push(words);
    }
    clauses
}

/// Each word, or what the shorthand list says it stands for.
fn expand(words: Vec<String>, reading: Option<&Reading>) -> Vec<Word> {
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

/// The words of a marker list, read as a text is.
fn markers(list: &[String], reading: Option<&Reading>) -> Vec<Phrase> {
    list.iter().filter_map(|m| bare_phrase(m, reading)).collect()
}

/// A phrase's words, without asking what kind of phrase it is.
fn bare_phrase(text: &str, reading: Option<&Reading>) -> Option<Phrase> {
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
        about_report: false,
        negates: false,
    })
}

/// Reads a text once (from the cache where this thread read it before, with
/// the same reading).
pub fn prepare(text: &str, reading: Option<&Reading>) -> std::rc::Rc<Prepared> {
    with_cache(reading, |c| {
        if let Some(p) = c.texts.get(text) {
            return p.clone();
        }
        if c.texts.len() >= MAX_CACHED_TEXTS {
            c.texts.clear();
        }
        let (reported, asking, negating) = c
            .markers
            .get_or_insert_with(|| {
                (
                    reading.map(|r| markers(&r.reported, Some(r))).unwrap_or_default(),
                    reading.map(|r| markers(&r.asking, Some(r))).unwrap_or_default(),
                    reading.map(|r| markers(&r.negating, Some(r))).unwrap_or_default(),
                )
            })
            .clone();
        let p = std::rc::Rc::new(read_text(text, reading, &reported, &asking, &negating));
        c.texts.insert(text.to_owned(), p.clone());
        p
    })
}

/// How many texts a thread keeps read; past this the cache starts again.
const MAX_CACHED_TEXTS: usize = 4096;

fn read_text(
    text: &str,
    reading: Option<&Reading>,
    reported: &[Phrase],
    asking: &[Phrase],
    negating: &[Phrase],
) -> Prepared {
    let folded = fold(text);
    let clauses = raw_clauses(&folded, reading)
        .into_iter()
        .map(|ws| {
            let words = expand(ws, reading);
            let is_reported = reported.iter().any(|m| find(&words, m))
                && !asking.iter().any(|m| find(&words, m));
            let mut negated = vec![false; words.len()];
            for m in negating {
                for i in 0..words.len() {
                    if match_len(&words, i, m).is_some() {
                        let end = i + m.words.len();
                        for slot in negated.iter_mut().skip(end).take(4) {
                            *slot = true;
                        }
                    }
                }
            }
            Clause {
                words,
                reported: is_reported,
                negated,
            }
        })
        .collect();
    Prepared { clauses }
}

/// Reads a phrase once. `None` for a phrase with no word in it.
pub fn phrase(text: &str, reading: Option<&Reading>) -> Option<Phrase> {
    let Phrase { words, whole, .. } = bare_phrase(text, reading)?;
    let about_report = reading.is_some_and(|r| {
        r.reported
            .iter()
            .filter_map(|m| bare_phrase(m, Some(r)))
            .any(|m| find(&words, &m))
    });
    let negates = reading.is_some_and(|r| {
        r.negating
            .iter()
            .filter_map(|m| bare_phrase(m, Some(r)))
            .any(|m| find(&words, &m))
    });
    Some(Phrase {
        words,
        whole,
        about_report,
        negates,
    })
}

/// Whether the prepared text holds the phrase anywhere it counts.
pub fn holds(text: &Prepared, p: &Phrase) -> bool {
    text.clauses.iter().any(|c| {
        (!c.reported || p.about_report)
            && (0..c.words.len()).any(|i| {
                (p.negates || !c.negated.get(i).copied().unwrap_or(false))
                    && match_at(&c.words, i, p, 0)
            })
    })
}

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent
/// transpositions), from `strsim`.
fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The edits a misspelling of a word of this length may have: none below six
/// letters, one from six, two from nine.
fn allowed_edits(len: usize) -> usize {
    match len {
        0..=5 => 0,
        6..=8 => 1,
        _ => 2,
    }
}

fn same_start(a: &str, b: &str) -> bool {
    a.chars().next() == b.chars().next()
}

/// Whether a text word is the phrase word: the same, the same stem, a close
/// misspelling, or (for a phrase's open last word) a word it begins.
fn word_matches(p: &Word, t: &str, t_stem: &str, open: bool) -> bool {
    if p.text == t || (p.stem.len() >= 3 && p.stem == t_stem) {
        return true;
    }
    if open && t.starts_with(p.text.as_str()) {
        return true;
    }
    let plen = p.text.chars().count();
    let edits = allowed_edits(plen);
    if edits == 0 || !same_start(&p.text, t) {
        return false;
    }
    let tlen = t.chars().count();
    if tlen.abs_diff(plen) <= edits && distance(&p.text, t) <= edits {
        return true;
    }
    if open && tlen > plen {
        // The start of a longer word, misspelt: "invesigation" for "investigat".
        let lo = plen.saturating_sub(edits);
        return (lo..=plen + edits).any(|k| {
            let head: String = t.chars().take(k).collect();
            distance(&p.text, &head) <= edits
        });
    }
    false
}

/// How many text words the phrase takes when it starts at `i`, if it does
/// there (a marker's length, for what it negates).
fn match_len(words: &[Word], i: usize, p: &Phrase) -> Option<usize> {
    // The phrase's own length is near enough: a split or joined word moves
    // the end by one at most.
    match_at(words, i, p, 0).then_some(p.words.len())
}

/// Whether the words hold the phrase, starting anywhere.
fn find(words: &[Word], p: &Phrase) -> bool {
    (0..words.len()).any(|i| match_at(words, i, p, 0))
}

/// Whether the phrase's words from `j` match the text's words from `i`.
fn match_at(words: &[Word], i: usize, p: &Phrase, j: usize) -> bool {
    let Some(pw) = p.words.get(j) else {
        return true;
    };
    let last = j + 1 == p.words.len();
    let open = last && !p.whole;
    let Some(tw) = words.get(i) else {
        return false;
    };
    if word_matches(pw, &tw.text, &tw.stem, open) && match_at(words, i + 1, p, j + 1) {
        return true;
    }
    // A word split in two: "de port", "remov al".
    if let Some(next) = words.get(i + 1)
        && tw.text.len() < pw.text.len()
        && pw.text.starts_with(tw.text.as_str())
    {
        let joined = format!("{}{}", tw.text, next.text);
        {
            let stem = word(&joined).stem;
            if word_matches(pw, &joined, &stem, open) && match_at(words, i + 2, p, j + 1) {
                return true;
            }
        }
    }
    // Two words run together: "checkleave".
    if let Some(pnext) = p.words.get(j + 1)
        && tw.text.len() > pw.text.len()
        && tw.text.starts_with(pw.text.as_str())
    {
        let joined = format!("{}{}", pw.text, pnext.text);
        let last2 = j + 2 == p.words.len();
        let open2 = last2 && !p.whole;
        let w = word(&joined);
        if tw.text.len() > pw.text.len()
            && word_matches(&w, &tw.text, &tw.stem, open2)
            && match_at(words, i + 1, p, j + 2)
        {
            return true;
        }
    }
    false
}

/// Phrases already read, for the reading they were read with: the engine
/// tries the same lists on every check of every case, so each phrase is read
/// once per thread and reading.
#[derive(Default)]
struct Cache {
    reading: Option<Reading>,
    phrases: std::collections::HashMap<String, Option<std::rc::Rc<Phrase>>>,
    texts: std::collections::HashMap<String, std::rc::Rc<Prepared>>,
    /// The reading's reported, asking and negating markers, read.
    markers: Option<(Vec<Phrase>, Vec<Phrase>, Vec<Phrase>)>,
}

thread_local! {
    static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
}

/// Runs `f` on this thread's cache for `reading`, emptied first if it was
/// filled under another reading.
fn with_cache<T>(reading: Option<&Reading>, f: impl FnOnce(&mut Cache) -> T) -> T {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        if c.reading.as_ref() != reading {
            *c = Cache {
                reading: reading.cloned(),
                ..Cache::default()
            };
        }
        f(&mut c)
    })
}

/// A phrase read with this reading, from the cache where it was read before.
fn cached(text: &str, reading: Option<&Reading>) -> Option<std::rc::Rc<Phrase>> {
    if let Some(p) = with_cache(reading, |c| c.phrases.get(text).cloned()) {
        return p;
    }
    let p = phrase(text, reading).map(std::rc::Rc::new);
    with_cache(reading, |c| {
        c.phrases.insert(text.to_owned(), p.clone());
    });
    p
}

/// Whether the text holds any of the phrases (a convenience over
/// [`prepare`], [`phrase`] and [`holds`]).
pub fn mentions_any(text: &Prepared, phrases: &[String], reading: Option<&Reading>) -> bool {
    phrases
        .iter()
        .filter_map(|p| cached(p, reading))
        .any(|p| holds(text, &p))
}

/// The phrases of a list the text holds, as written in the list.
pub fn found<'p>(text: &Prepared, phrases: &'p [String], reading: Option<&Reading>) -> Vec<&'p str> {
    phrases
        .iter()
        .filter(|p| cached(p, reading).is_some_and(|ph| holds(text, &ph)))
        .map(String::as_str)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reading() -> Reading {
        Reading {
            shorthand: vec![
                ("ho".into(), "home office".into()),
                ("ie".into(), "immigration enforcement".into()),
                ("ltr".into(), "leave to remain".into()),
                ("o/s".into(), "overstayer".into()),
                ("chk".into(), "check".into()),
                ("det".into(), "detain".into()),
                ("att".into(), "attend".into()),
                ("addr".into(), "address".into()),
            ],
            reported: vec!["threat".into(), "told her".into(), "on about".into(), "afraid".into()],
            asking: vec!["ask".into(), "please".into()],
            negating: vec!["not".into(), "defer".into()],
        }
    }

    fn m(text: &str, p: &str) -> bool {
        let r = reading();
        mentions_any(&prepare(text, Some(&r)), &[p.to_owned()], Some(&r))
    }

    #[test]
    fn plain_matches_keep_their_old_meaning() {
        assert!(m("He was DEPORTED once", "deport"));
        assert!(!m("paralegal advice", "legal"));
        assert!(m("Ask the HO.", "home office"));
        assert!(!m("Hospital first", "ho "));
        assert!(m("See if SHE\u{2019}S\n  legal", "she's legal"));
        assert!(m("see if she is legal", "she's legal"));
    }

    #[test]
    fn shorthand_misspelling_forms_and_splits_are_read() {
        assert!(m("chk LTR / poss o/s", "leave to remain"));
        assert!(m("chk LTR / poss o/s", "overstayer"));
        assert!(m("att addr & det", "attend the address"));
        assert!(m("att addr & det", "detain"));
        assert!(m("whether she is lawfuly here", "lawfully"));
        assert!(m("get him deprot", "deport"));
        assert!(m("ask them to de port him", "deport"));
        assert!(m("checkleave asap", "check leave"));
        assert!(m("she was detained", "detain her") == false);
        assert!(m("IE detained her", "detain"));
        assert!(m("is she on the HO's radar", "home office radar"));
        assert!(!m("retain her passport", "detain her"));
    }

    #[test]
    fn a_reported_threat_is_context_never_a_request() {
        assert!(!m("told her immigration would lock her up if she rang us", "lock her up"));
        assert!(!m("he's always on about getting her sent back", "sent back"));
        assert!(m("he made a threat to have her deported", "threat"));
        assert!(m("she is afraid, please ask IE to pick her up", "pick her up"));
        assert!(m("He threatened her. IE to pick her up", "pick her up"));
    }

    #[test]
    fn what_is_negated_does_not_count() {
        assert!(!m("ask IE not to detain her", "to detain"));
        assert!(m("ask IE not to wait; IE to detain her", "to detain"));
        assert!(m("IE should not wait but come round and detain her now", "detain her"));
        assert!(!m("please defer her removal", "her removal"));
        assert!(m("please do not defer", "not defer"));
    }
}
