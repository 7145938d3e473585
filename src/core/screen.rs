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
//!   two from eight, the first letter right: "lawfuly", "deprot"), and a word
//!   split in two or two words run together ("de port", "checkleave");
//! - a phrase's last word may be the start of a longer word ("investigat"
//!   finds "investigation"), unless the phrase ends in a space or a mark.
//!
//! Read as a request (`Says`), what someone is reported to have said,
//! threatened or feared is context,
//! never a request: a clause holding one of the guidance's `reported` words
//! and none of its `asking` words is *reported*, and a phrase is found there
//! only if the phrase itself is about what was reported ("threat", "afraid").
//! So "he told her immigration would lock her up" asks nothing, while "she is
//! afraid, so ask IE to pick her up" still asks.

use serde::{Deserialize, Serialize};

/// What the guidance tells the screen about how officers write.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
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
    /// Words that turn what follows (the next two words, up to a comma)
    /// into its opposite: "not", "defer", "instead of". A phrase found there
    /// does not count, unless the phrase holds the word itself.
    #[serde(default)]
    pub negating: Vec<String>,
    /// Words that undo what comes just before them (the three words before,
    /// back to a comma): "her removal be deferred".
    #[serde(default)]
    pub undoing: Vec<String>,
    /// Phrases that use a screened word in a harmless sense ("her status as a
    /// victim"): a phrase found over their words does not count.
    #[serde(default)]
    pub neutral: Vec<String>,
    /// A digest of the lists, worked out once: what tells one reading from
    /// another in the screen's cache without comparing every entry.
    #[serde(skip)]
    digest: std::sync::OnceLock<[u8; 32]>,
}

impl PartialEq for Reading {
    fn eq(&self, other: &Self) -> bool {
        self.shorthand == other.shorthand
            && self.reported == other.reported
            && self.asking == other.asking
            && self.negating == other.negating
            && self.neutral == other.neutral
            && self.undoing == other.undoing
    }
}

impl Eq for Reading {}

impl Reading {
    /// SHA-256 over every entry, worked out on first use (`extend` forgets it).
    fn digest(&self) -> [u8; 32] {
        *self.digest.get_or_init(|| {
            use sha2::Digest as _;
            let mut h = sha2::Sha256::new();
            let mut put = |s: &str| {
                h.update(s.len().to_le_bytes());
                h.update(s.as_bytes());
            };
            for (k, v) in &self.shorthand {
                put(k);
                put(v);
            }
            for list in [
                &self.reported,
                &self.asking,
                &self.negating,
                &self.neutral,
                &self.undoing,
            ] {
                put("|");
                for w in list {
                    put(w);
                }
            }
            h.finalize().into()
        })
    }

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
        for w in &more.undoing {
            if !self.undoing.contains(w) {
                self.undoing.push(w.clone());
            }
        }
        for w in &more.neutral {
            if !self.neutral.contains(w) {
                self.neutral.push(w.clone());
            }
        }
        self.digest = std::sync::OnceLock::new();
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
    /// Where a report of what someone said, threatened or fears begins, if
    /// the clause holds one and asks nothing: what follows it is context.
    reported: Option<usize>,
    /// For each word, whether a negating word comes up to two words before it
    /// (not past a comma).
    negated: Vec<bool>,
    /// For each word, whether it is part of a neutral phrase.
    shielded: Vec<bool>,
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
    /// Whether a misspelling of its words counts (not for markers: "shared"
    /// is not "scared").
    fuzzy: bool,
    /// What the phrase is itself about, so that the context it would
    /// otherwise be skipped in still counts for it.
    about: About,
}

/// Whether a phrase is itself about what was reported ("he threatened"), so
/// found in reported clauses, or itself negates ("not to detain"), so found
/// where a negating word comes before.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct About {
    report: bool,
    negation: bool,
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
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | ';' | ':' | '!' | '?' | '|' | '(' | ')' | '[' | ']' | '"' | '\u{201C}' | '\u{201D}'
    )
}

/// Splits folded text into raw word strings per clause: a word is a run of
/// letters and digits, or a shorthand that holds a slash or an ampersand.
fn raw_clauses(folded: &str, reading: Option<&Reading>) -> Vec<Vec<String>> {
    raw_clauses_quoted(folded, reading)
        .into_iter()
        .map(|(ws, _)| ws)
        .collect()
}

/// As [`raw_clauses`], saying of each clause whether it is inside double
/// quotes: someone's words, quoted.
fn raw_clauses_quoted(folded: &str, reading: Option<&Reading>) -> Vec<(Vec<String>, bool)> {
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

/// The words of a marker list, read as a text is. A marker is whole words
/// ("no" is not the start of "now"); its other forms are found by their stems.
fn markers(list: &[String], reading: Option<&Reading>) -> Vec<Phrase> {
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
        fuzzy: true,
        about: About::default(),
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
        let m = c.markers(reading);
        let p = std::rc::Rc::new(read_text(text, reading, &m));
        c.texts.insert(text.to_owned(), p.clone());
        p
    })
}

/// How many texts a thread keeps read; past this the cache starts again.
const MAX_CACHED_TEXTS: usize = 4096;

fn read_text(text: &str, reading: Option<&Reading>, m: &Markers) -> Prepared {
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
fn phrase(text: &str, reading: Option<&Reading>, m: &Markers) -> Option<Phrase> {
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

/// Whether the prepared text holds the phrase anywhere it counts: what is
/// only reported, negated or neutral does not count, unless the phrase is
/// itself about a report or a negation.
pub fn holds(text: &Prepared, p: &Phrase) -> bool {
    // Every way a word can match (the same, its stem, a misspelling with the
    // first letter right, split or run together) starts with the same
    // character: the positions where it does not are passed over at once.
    let first = p.words.first().and_then(|w| w.text.chars().next());
    let starts = |w: &Word| w.text.chars().next() == first;
    text.clauses.iter().any(|c| {
        (0..c.words.len()).any(|i| {
            let context = c.reported.is_some_and(|from| i >= from);
            let flag = |v: &[bool], k: usize| v.get(k).copied().unwrap_or(false);
            (!context || p.about.report)
                && c.words.get(i).is_some_and(starts)
                && match_at(&c.words, i, p, 0)
                && (p.about.negation || !flag(&c.negated, i))
                && !(i..i + p.words.len()).any(|k| flag(&c.shielded, k))
        })
    })
}

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent
/// transpositions), from `strsim`.
fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The edits a misspelling of a word of this length may have: none below six
/// letters, one from six, two from eight.
fn allowed_edits(len: usize) -> usize {
    match len {
        0..=5 => 0,
        6 | 7 => 1,
        _ => 2,
    }
}

fn same_start(a: &str, b: &str) -> bool {
    a.chars().next() == b.chars().next()
}

/// Whether a text word is the phrase word: the same, the same stem, a close
/// misspelling, or (for a phrase's open last word) a word it begins.
fn word_matches(p: &Word, t: &str, t_stem: &str, open: bool, fuzzy: bool) -> bool {
    // The same stem, unless the text's word is much shorter than the phrase's
    // ("routine" is not "routinely", though both stem to "routin").
    let long_enough = t.chars().count() + 1 >= p.text.chars().count();
    if p.text == t || (p.stem.len() >= 3 && p.stem == t_stem && long_enough) {
        return true;
    }
    if open && t.starts_with(p.text.as_str()) {
        return true;
    }
    let plen = p.text.chars().count();
    let edits = if fuzzy { allowed_edits(plen) } else { 0 };
    // One word the start of the other is another word, not a misspelling
    // ("routine" is not "routinely", "lawful" not "lawfully").
    if edits == 0
        || !same_start(&p.text, t)
        || p.text.starts_with(t)
        || t.starts_with(p.text.as_str())
    {
        return false;
    }
    let tlen = t.chars().count();
    if tlen.abs_diff(plen) <= edits && distance(&p.text, t) <= edits {
        return true;
    }
    // A misspelt form of the word: its stem misspelt ("thretaens").
    let slen = p.stem.chars().count();
    let sedits = allowed_edits(slen).min(edits);
    if sedits > 0
        && t_stem.chars().count().abs_diff(slen) <= sedits
        && distance(&p.stem, t_stem) <= sedits
    {
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
    if word_matches(pw, &tw.text, &tw.stem, open, p.fuzzy) && match_at(words, i + 1, p, j + 1) {
        return true;
    }
    // A word split in two: "de port", "remov al".
    if let Some(next) = words.get(i + 1)
        && tw.text.len() < pw.text.len()
        && pw.text.starts_with(tw.text.as_str())
    {
        let joined = format!("{}{}", tw.text, next.text);
        // Exactly the word, split (no misspelling on top: "can now" is not
        // "cannot").
        let whole_word = joined == pw.text || (open && joined.starts_with(pw.text.as_str()));
        if whole_word && match_at(words, i + 2, p, j + 1) {
            return true;
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
        // Exactly the two words run together (no misspelling on top).
        if (tw.text == joined || (open2 && tw.text.starts_with(joined.as_str())))
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
/// A reading's marker lists, read once per reading: reported, asking,
/// negating, neutral and undoing as markers are matched in a text, and the
/// reported and negating lists as plain phrases, to tell whether a phrase of
/// a condition is itself about a report or a negation.
#[derive(Default)]
struct Markers {
    reported: Vec<Phrase>,
    asking: Vec<Phrase>,
    negating: Vec<Phrase>,
    neutral: Vec<Phrase>,
    undoing: Vec<Phrase>,
    bare_reported: Vec<Phrase>,
    bare_negating: Vec<Phrase>,
}

impl Markers {
    fn read(reading: Option<&Reading>) -> Self {
        let Some(r) = reading else {
            return Self::default();
        };
        let bare = |list: &[String]| {
            list.iter()
                .filter_map(|m| bare_phrase(m, Some(r)))
                .collect()
        };
        Self {
            reported: markers(&r.reported, Some(r)),
            asking: markers(&r.asking, Some(r)),
            negating: markers(&r.negating, Some(r)),
            neutral: markers(&r.neutral, Some(r)),
            undoing: markers(&r.undoing, Some(r)),
            bare_reported: bare(&r.reported),
            bare_negating: bare(&r.negating),
        }
    }
}

#[derive(Default)]
struct Cache {
    /// The digest of the reading the cache was filled under.
    digest: Option<[u8; 32]>,
    phrases: std::collections::HashMap<String, Option<std::rc::Rc<Phrase>>>,
    texts: std::collections::HashMap<String, std::rc::Rc<Prepared>>,
    /// The reading's markers, read.
    markers: Option<std::rc::Rc<Markers>>,
}

impl Cache {
    fn markers(&mut self, reading: Option<&Reading>) -> std::rc::Rc<Markers> {
        self.markers
            .get_or_insert_with(|| std::rc::Rc::new(Markers::read(reading)))
            .clone()
    }
}

thread_local! {
    static CACHE: std::cell::RefCell<Cache> = std::cell::RefCell::new(Cache::default());
}

/// Runs `f` on this thread's cache for `reading`, emptied first if it was
/// filled under another reading.
fn with_cache<T>(reading: Option<&Reading>, f: impl FnOnce(&mut Cache) -> T) -> T {
    CACHE.with(|c| {
        let mut c = c.borrow_mut();
        let digest = reading.map(Reading::digest);
        if c.digest != digest {
            *c = Cache {
                digest,
                ..Cache::default()
            };
        }
        f(&mut c)
    })
}

/// Each phrase of a list read with this reading, from the cache where it was
/// read before, until `f` says stop; what `f` returned then, if it did.
fn each_phrase<T>(
    phrases: &[String],
    reading: Option<&Reading>,
    mut f: impl FnMut(&str, &Phrase) -> Option<T>,
) -> Option<T> {
    with_cache(reading, |c| {
        for text in phrases {
            let p = if let Some(p) = c.phrases.get(text.as_str()) {
                p.clone()
            } else {
                let m = c.markers(reading);
                let p = phrase(text, reading, &m).map(std::rc::Rc::new);
                c.phrases.insert(text.clone(), p.clone());
                p
            };
            if let Some(p) = p
                && let Some(out) = f(text, &p)
            {
                return Some(out);
            }
        }
        None
    })
}

/// Whether the text holds any of the phrases (a convenience over
/// [`prepare`], [`phrase`] and [`holds`]).
pub fn mentions_any(text: &Prepared, phrases: &[String], reading: Option<&Reading>) -> bool {
    each_phrase(phrases, reading, |_, p| holds(text, p).then_some(())).is_some()
}

/// The phrases of a list the text holds, as written in the list.
pub fn found<'p>(
    text: &Prepared,
    phrases: &'p [String],
    reading: Option<&Reading>,
) -> Vec<&'p str> {
    let mut out: Vec<&'p str> = Vec::new();
    let _: Option<()> = each_phrase(phrases, reading, |t, p| {
        if holds(text, p)
            && let Some(w) = phrases.iter().find(|x| x.as_str() == t)
        {
            out.push(w.as_str());
        }
        None
    });
    out
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
            reported: vec![
                "threat".into(),
                "told her".into(),
                "on about".into(),
                "afraid".into(),
            ],
            asking: vec!["ask".into(), "please".into()],
            negating: vec!["not".into(), "defer".into()],
            neutral: vec!["status as a victim".into()],
            ..Reading::default()
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
        assert!(m("att addr & det", "attend address"));
        assert!(m("att addr & det", "detain"));
        assert!(m("whether she is lawfuly here", "lawfully"));
        assert!(m("get him deprot", "deport"));
        assert!(m("ask them to de port him", "deport"));
        assert!(m("checkleave asap", "check leave"));
        assert!(!m("she was detained", "detain her"));
        assert!(m("IE detained her", "detain"));
        assert!(m("is she on the HO's radar", "home office radar"));
        assert!(!m("retain her passport", "detain her"));
    }

    #[test]
    fn a_reported_threat_is_context_never_a_request() {
        assert!(!m(
            "told her immigration would lock her up if she rang us",
            "lock her up"
        ));
        assert!(!m(
            "he's always on about getting her sent back",
            "sent back"
        ));
        assert!(m("he made a threat to have her deported", "threat"));
        assert!(m(
            "she is afraid, please ask IE to pick her up",
            "pick her up"
        ));
        assert!(m("He threatened her. IE to pick her up", "pick her up"));
        assert!(!m(
            "he texted \"im calling immigration to pick u up\"",
            "pick you up"
        ));
        assert!(!m("asked IE not to detain or remove her", "remove her"));
    }

    #[test]
    fn what_is_negated_does_not_count() {
        assert!(!m("ask IE not to detain her", "to detain"));
        assert!(m("ask IE not to wait; IE to detain her", "to detain"));
        assert!(m(
            "IE should not wait but come round and detain her now",
            "detain her"
        ));
        assert!(!m("please defer her removal", "her removal"));
        assert!(m("please do not defer", "not defer"));
        assert!(!m("record her status as a victim", "her status"));
        assert!(m("check her status", "her status"));
    }
}
