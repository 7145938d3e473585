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

use matching::match_at;
use read::{bare_phrase, markers, phrase, read_text};

mod matching;
mod read;

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
        // Each marker list: the revision's words after the base's, once each.
        for (mine, theirs) in [
            (&mut self.reported, &more.reported),
            (&mut self.asking, &more.asking),
            (&mut self.negating, &more.negating),
            (&mut self.undoing, &more.undoing),
            (&mut self.neutral, &more.neutral),
        ] {
            for w in theirs {
                if !mine.contains(w) {
                    mine.push(w.clone());
                }
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
mod tests;
