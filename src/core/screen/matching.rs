//! Matching a phrase's words against a text's: the same word, its stem, a
//! misspelling of a longer word, a word split in two or run together.

use super::{Phrase, Word};

/// Optimal string alignment distance (Damerau-Levenshtein with adjacent
/// transpositions), from `strsim`.
pub(super) fn distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The edits a misspelling of a word of this length may have: none below six
/// letters, one from six, two from eight.
pub(super) fn allowed_edits(len: usize) -> usize {
    match len {
        0..=5 => 0,
        6 | 7 => 1,
        _ => 2,
    }
}

pub(super) fn same_start(a: &str, b: &str) -> bool {
    a.chars().next() == b.chars().next()
}

/// Whether a text word is the phrase word: the same, the same stem, a close
/// misspelling, or (for a phrase's open last word) a word it begins.
pub(super) fn word_matches(p: &Word, t: &str, t_stem: &str, open: bool, fuzzy: bool) -> bool {
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
pub(super) fn match_len(words: &[Word], i: usize, p: &Phrase) -> Option<usize> {
    // The phrase's own length is near enough: a split or joined word moves
    // the end by one at most.
    match_at(words, i, p, 0).then_some(p.words.len())
}

/// Whether the words hold the phrase, starting anywhere.
pub(super) fn find(words: &[Word], p: &Phrase) -> bool {
    (0..words.len()).any(|i| match_at(words, i, p, 0))
}

/// Whether the phrase's words from `j` match the text's words from `i`.
pub(super) fn match_at(words: &[Word], i: usize, p: &Phrase, j: usize) -> bool {
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
