//! Answers to facts, and evaluating conditions over them.

use std::collections::BTreeMap;

use super::raw::Condition;
use super::screen::{self, Reading};

/// Where [`Condition::Says`] finds every free text of the target it is tried
/// on, joined a field to a line: the engine puts it there for evaluation only.
/// No fact id can be written so (ids are letters, digits and underscores).
pub const SAID: &str = "~said";

/// The most words a `Words` condition may ask for.
pub const MAX_WORDS: usize = 100;

/// An answer to one fact.
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(untagged)]
pub enum Answer {
    /// One value of a `One` fact.
    One(String),
    /// The values chosen for a `Many` fact (possibly none).
    Many(Vec<String>),
    /// Free text.
    Text(String),
}

impl Answer {
    /// Whether this counts as answered: a value, at least one value, or non-blank text.
    pub fn is_answered(&self) -> bool {
        match self {
            Self::One(v) => !v.is_empty(),
            Self::Many(vs) => !vs.is_empty(),
            Self::Text(t) => !t.trim().is_empty(),
        }
    }
}

/// Answers by fact id.
pub type Answers = BTreeMap<String, Answer>;

/// Where a condition looks up facts: the innermost scope first (a check, or the
/// IE contact), then the case.
#[derive(Clone, Copy)]
pub struct Lookup<'a> {
    pub inner: Option<&'a Answers>,
    pub case: &'a Answers,
    /// How officers write (shorthand, what marks a report), from the guidance;
    /// `None` reads text without a shorthand list.
    pub reading: Option<&'a Reading>,
}

impl<'a> Lookup<'a> {
    pub fn case(case: &'a Answers) -> Self {
        Self {
            inner: None,
            case,
            reading: None,
        }
    }

    /// Looks in `inner` first, then the case.
    pub fn scoped(inner: &'a Answers, case: &'a Answers, reading: Option<&'a Reading>) -> Self {
        Self {
            inner: Some(inner),
            case,
            reading,
        }
    }

    /// The same lookup, reading text with this reading.
    #[must_use]
    pub fn reading(self, reading: Option<&'a Reading>) -> Self {
        Self { reading, ..self }
    }

    pub fn get(&self, fact: &str) -> Option<&'a Answer> {
        self.inner
            .and_then(|m| m.get(fact))
            .or_else(|| self.case.get(fact))
    }
}

/// Whether `cond` holds for the answers. Unanswered facts satisfy no test but `Not`.
pub fn eval(cond: &Condition, at: Lookup<'_>) -> bool {
    match cond {
        Condition::Always => true,
        Condition::Is(f, v) => matches!(at.get(f), Some(Answer::One(a)) if a == v),
        Condition::In(f, vs) => matches!(at.get(f), Some(Answer::One(a)) if vs.contains(a)),
        Condition::Has(f, vs) => {
            matches!(at.get(f), Some(Answer::Many(a)) if a.iter().any(|x| vs.contains(x)))
        }
        Condition::Only(f, vs) => matches!(
            at.get(f),
            Some(Answer::Many(a)) if !a.is_empty() && a.iter().all(|x| vs.contains(x))
        ),
        Condition::Answered(f) => at.get(f).is_some_and(Answer::is_answered),
        Condition::Mentions(f, phrases) => match at.get(f) {
            Some(Answer::Text(t)) => {
                screen::mentions_any(&screen::prepare(t, at.reading), phrases, at.reading)
            }
            _ => false,
        },
        Condition::Says(phrases) => match at.get(SAID) {
            Some(Answer::Text(t)) => {
                screen::mentions_any(&screen::prepare(t, at.reading), phrases, at.reading)
            }
            _ => false,
        },
        Condition::Words(f, n) => match at.get(f) {
            Some(Answer::Text(t)) => word_count(t) >= usize::try_from(*n).unwrap_or(usize::MAX),
            _ => false,
        },
        // Validation replaces every named condition by what it means, so none is
        // left by the time a condition is evaluated.
        Condition::Holds(_) => false,
        Condition::All(cs) => cs.iter().all(|c| eval(c, at)),
        Condition::Any(cs) => cs.iter().any(|c| eval(c, at)),
        Condition::Not(c) => !eval(c, at),
    }
}

/// How many words a text has: runs of non-space characters with a letter or digit
/// ("n/a" is one word, "-" none).
pub fn word_count(text: &str) -> usize {
    text.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Every fact id a condition reads, in order of first mention.
pub fn facts_read(cond: &Condition, out: &mut Vec<String>) {
    let mut push = |f: &String| {
        if !out.contains(f) {
            out.push(f.clone());
        }
    };
    match cond {
        Condition::Always | Condition::Holds(_) => {}
        Condition::Is(f, _)
        | Condition::In(f, _)
        | Condition::Has(f, _)
        | Condition::Only(f, _)
        | Condition::Answered(f)
        | Condition::Mentions(f, _)
        | Condition::Words(f, _) => push(f),
        Condition::Says(_) => push(&SAID.to_owned()),
        Condition::All(cs) | Condition::Any(cs) => {
            for c in cs {
                facts_read(c, out);
            }
        }
        Condition::Not(c) => facts_read(c, out),
    }
}

/// Values and phrases a condition tests for one fact, to build representative answers.
pub fn literals_for(cond: &Condition, fact: &str, out: &mut Vec<String>) {
    let mut push_all = |vs: &[String]| {
        for v in vs {
            if !out.contains(v) {
                out.push(v.clone());
            }
        }
    };
    match cond {
        Condition::Is(f, v) if f == fact => push_all(std::slice::from_ref(v)),
        Condition::In(f, vs)
        | Condition::Has(f, vs)
        | Condition::Only(f, vs)
        | Condition::Mentions(f, vs)
            if f == fact =>
        {
            push_all(vs);
        }
        Condition::Says(vs) if fact == SAID => push_all(vs),
        // A text of exactly that many words: with "text" (one word) and unanswered,
        // the representatives are complete for a test of length.
        Condition::Words(f, n) if f == fact => {
            let n = usize::try_from(*n).unwrap_or(0).min(MAX_WORDS);
            push_all(&[vec!["word"; n].join(" ")]);
        }
        Condition::All(cs) | Condition::Any(cs) => {
            for c in cs {
                literals_for(c, fact, out);
            }
        }
        Condition::Not(c) => literals_for(c, fact, out),
        _ => {}
    }
}

/// The phrases `Mentions` asks a text fact to contain (under no `Not`), for the
/// representative text that holds every one of them.
fn asked_phrases(cond: &Condition, fact: &str, negated: bool, out: &mut Vec<String>) {
    match cond {
        Condition::Mentions(f, vs) if f == fact && !negated => {
            for v in vs {
                if !out.contains(v) {
                    out.push(v.clone());
                }
            }
        }
        Condition::Says(vs) if fact == SAID && !negated => {
            for v in vs {
                if !out.contains(v) {
                    out.push(v.clone());
                }
            }
        }
        Condition::All(cs) | Condition::Any(cs) => {
            for c in cs {
                asked_phrases(c, fact, negated, out);
            }
        }
        Condition::Not(c) => asked_phrases(c, fact, !negated, out),
        _ => {}
    }
}

/// The shape of a fact, as far as satisfiability needs it.
pub struct FactShape<'a> {
    pub kind: super::raw::FactKind,
    pub values: Vec<&'a str>,
    /// False when the fact can never be answered (its own question is unreachable).
    pub can_be_answered: bool,
}

/// How many assignments [`satisfiable`] tries before it gives the benefit of the doubt.
/// Past this many combinations of answers, [`satisfiable`] stops at once and answers
/// `true`, so a proof never tries more than this many.
pub const SEARCH_LIMIT: usize = 20_000;

/// Whether some answers to the facts make `cond` true.
///
/// It tries, for each fact the condition reads, "unanswered" and a small set of
/// representative answers built from the literals the condition tests. That set
/// is complete for every operator, so a `false` is certain; past a search limit
/// it answers `true` rather than guess wrong.
pub fn satisfiable<'a>(cond: &Condition, shape: &dyn Fn(&str) -> Option<FactShape<'a>>) -> bool {
    let mut facts = Vec::new();
    facts_read(cond, &mut facts);
    let mut choices: Vec<(String, Vec<Option<Answer>>)> = Vec::new();
    for f in facts {
        let mut options: Vec<Option<Answer>> = vec![None];
        let said = (f == SAID).then_some(FactShape {
            kind: super::raw::FactKind::Text,
            values: Vec::new(),
            can_be_answered: true,
        });
        if let Some(s) = said.or_else(|| shape(&f))
            && s.can_be_answered
        {
            let mut lits = Vec::new();
            literals_for(cond, &f, &mut lits);
            let text = s.kind == super::raw::FactKind::Text;
            options.extend(representatives(&s, &lits));
            // A text holding every phrase the condition asks for and none it
            // asks to be absent: for "a relation and a status word, but no word
            // of control".
            if text {
                let mut wanted = Vec::new();
                asked_phrases(cond, &f, false, &mut wanted);
                if wanted.len() > 1 && wanted.len() < lits.len() {
                    options.push(Some(Answer::Text(wanted.join(" ; "))));
                }
            }
        }
        choices.push((f, options));
    }
    let total = choices
        .iter()
        .try_fold(1usize, |acc, (_, o)| acc.checked_mul(o.len()));
    if total.is_none_or(|t| t > SEARCH_LIMIT) {
        return true;
    }
    // First a guess that settles most real conditions at once: a fact tested only
    // under a `Not` unanswered, any other given its first representative answer.
    let mut guess = Answers::new();
    for (f, opts) in &choices {
        if !negative_only(cond, f, false)
            && let Some(Some(a)) = opts.get(1)
        {
            guess.insert(f.clone(), a.clone());
        }
    }
    if eval(cond, Lookup::case(&guess)) {
        return true;
    }
    // Then every combination: each fact starts unanswered, and the odometer
    // changes one slot at a time.
    let mut idx = vec![0usize; choices.len()];
    let mut answers = Answers::new();
    // Replaces a fact's answer in place where it has one, so the odometer
    // allocates a key only when a fact goes from unanswered to answered.
    let set = |answers: &mut Answers, k: usize, i: usize| {
        if let Some((f, opts)) = choices.get(k) {
            match opts.get(i) {
                Some(Some(a)) => match answers.get_mut(f) {
                    Some(slot) => slot.clone_from(a),
                    None => {
                        answers.insert(f.clone(), a.clone());
                    }
                },
                _ => {
                    answers.remove(f);
                }
            }
        }
    };
    loop {
        if eval(cond, Lookup::case(&answers)) {
            return true;
        }
        // Advance the odometer.
        let mut k = 0;
        loop {
            let Some(slot) = idx.get_mut(k) else {
                return false;
            };
            let len = choices.get(k).map_or(1, |(_, o)| o.len());
            *slot += 1;
            if *slot < len {
                let i = *slot;
                set(&mut answers, k, i);
                break;
            }
            *slot = 0;
            set(&mut answers, k, 0);
            k += 1;
        }
    }
}

/// Whether every test of `fact` in `cond` sits under an odd number of `Not`s
/// (`negated` says whether `cond` itself does).
fn negative_only(cond: &Condition, fact: &str, negated: bool) -> bool {
    match cond {
        Condition::Is(f, _)
        | Condition::In(f, _)
        | Condition::Has(f, _)
        | Condition::Only(f, _)
        | Condition::Answered(f)
        | Condition::Mentions(f, _)
        | Condition::Words(f, _) => f != fact || negated,
        Condition::Says(_) => fact != SAID || negated,
        Condition::All(cs) | Condition::Any(cs) => {
            cs.iter().all(|c| negative_only(c, fact, negated))
        }
        Condition::Not(c) => negative_only(c, fact, !negated),
        Condition::Always | Condition::Holds(_) => true,
    }
}

fn representatives(shape: &FactShape<'_>, lits: &[String]) -> Vec<Option<Answer>> {
    use super::raw::FactKind;
    match shape.kind {
        // A condition only compares a `One` answer with the values it names, so
        // every value it does not name behaves alike: one of them stands for all.
        FactKind::One => {
            let mut out: Vec<Option<Answer>> = shape
                .values
                .iter()
                .filter(|v| lits.iter().any(|l| l == *v))
                .map(|v| Some(Answer::One((*v).to_owned())))
                .collect();
            if let Some(other) = shape.values.iter().find(|v| !lits.iter().any(|l| l == *v)) {
                out.push(Some(Answer::One((*other).to_owned())));
            }
            out
        }
        FactKind::Many => {
            // Subsets of the tested values, plus one value the condition never names.
            let mut pool: Vec<String> = lits
                .iter()
                .filter(|l| shape.values.contains(&l.as_str()))
                .cloned()
                .collect();
            if let Some(other) = shape.values.iter().find(|v| !lits.iter().any(|l| l == *v)) {
                pool.push((*other).to_owned());
            }
            pool.truncate(12);
            let mut out = Vec::new();
            for mask in 1u32..(1u32 << pool.len()) {
                let set: Vec<String> = pool
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, v)| v.clone())
                    .collect();
                out.push(Some(Answer::Many(set)));
            }
            out
        }
        // A text is tested only for the phrases it mentions and its length: each
        // phrase alone, and one text holding every phrase (for a condition that
        // needs two phrases at once, such as a relation and a status word).
        FactKind::Text => {
            let mut out = vec![Some(Answer::Text("text".to_owned()))];
            out.extend(lits.iter().map(|l| Some(Answer::Text(l.clone()))));
            if lits.len() > 1 {
                out.push(Some(Answer::Text(lits.join(" ; "))));
            }
            out
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::raw::FactKind;

    fn s(x: &str) -> String {
        x.to_owned()
    }

    fn answers() -> Answers {
        let mut a = Answers::new();
        a.insert(s("role"), Answer::One(s("victim")));
        a.insert(s("purposes"), Answer::Many(vec![s("immigration_status")]));
        a.insert(s("reason"), Answer::Text(s("See if she is LEGAL")));
        a
    }

    #[test]
    fn operators() {
        let a = answers();
        let at = Lookup::case(&a);
        assert!(eval(&Condition::Is(s("role"), s("victim")), at));
        assert!(!eval(&Condition::Is(s("role"), s("witness")), at));
        assert!(eval(
            &Condition::In(s("role"), vec![s("witness"), s("victim")]),
            at
        ));
        assert!(eval(
            &Condition::Only(s("purposes"), vec![s("immigration_status")]),
            at
        ));
        assert!(!eval(
            &Condition::Only(s("purposes"), vec![s("routine")]),
            at
        ));
        assert!(eval(
            &Condition::Has(s("purposes"), vec![s("immigration_status")]),
            at
        ));
        assert!(eval(
            &Condition::Mentions(s("reason"), vec![s("legal")]),
            at
        ));
        assert!(!eval(&Condition::Answered(s("age")), at));
        assert!(eval(
            &Condition::Not(Box::new(Condition::Answered(s("age")))),
            at
        ));
        assert!(!eval(&Condition::Is(s("age"), s("adult")), at));
    }

    #[test]
    fn mentions_reads_typographic_apostrophes_and_any_spacing_as_typed_plainly() {
        let mut a = Answers::new();
        let at = |a: &Answers, p: &str| {
            eval(
                &Condition::Mentions(s("reason"), vec![s(p)]),
                Lookup::case(a),
            )
        };
        a.insert(s("reason"), Answer::Text(s("See if SHE\u{2019}S\n  legal")));
        assert!(at(&a, "she's legal"));
        assert!(at(&a, "she\u{2019}s legal"));
        // Run-together words are read as the words: "shes" is not "she is", but
        // "checkleave" is "check leave".
        a.insert(s("reason"), Answer::Text(s("check\tleave ")));
        assert!(at(&a, "check leave"));
        assert!(at(&a, "leave "));
        a.insert(s("reason"), Answer::Text(s("checkleave")));
        assert!(at(&a, "check leave"));
    }

    #[test]
    fn mentions_matches_at_the_start_of_a_word() {
        let mut a = Answers::new();
        a.insert(
            s("reason"),
            Answer::Text(s("He was DEPORTED once; paralegal advice")),
        );
        let at = Lookup::case(&a);
        let m = |p: &str| eval(&Condition::Mentions(s("reason"), vec![s(p)]), at);
        assert!(m("deport"));
        assert!(m("paralegal"));
        assert!(!m("legal"));
        assert!(!m("ported"));
        assert!(!m(""));
        assert!(!m(" "));
        assert!(m("deported "));
        // A word's other forms are the word (the screen reads stems).
        assert!(m("deport "));
        assert!(m("advice "));
        let mut b = Answers::new();
        b.insert(
            s("reason"),
            Answer::Text(s("Ask the HO. Hospital first; ho")),
        );
        let at = Lookup::case(&b);
        let w = |p: &str| eval(&Condition::Mentions(s("reason"), vec![s(p)]), at);
        assert!(w("ho "));
        b.insert(s("reason"), Answer::Text(s("Hospital and home visit")));
        let at = Lookup::case(&b);
        assert!(!eval(&Condition::Mentions(s("reason"), vec![s("ho ")]), at));
    }

    #[test]
    fn words_counts_words_with_a_letter_or_digit() {
        let mut a = Answers::new();
        let w = |a: &Answers, n: u32| eval(&Condition::Words(s("reason"), n), Lookup::case(a));
        assert!(!w(&a, 1));
        a.insert(s("reason"), Answer::Text(s("  n/a  ")));
        assert!(w(&a, 1));
        assert!(!w(&a, 2));
        a.insert(s("reason"), Answer::Text(s("- welfare -")));
        assert!(!w(&a, 2));
        a.insert(
            s("reason"),
            Answer::Text(s("Her employer holds her passport")),
        );
        assert!(w(&a, 5));
        assert!(!w(&a, 6));
        let shape = |_: &str| {
            Some(FactShape {
                kind: FactKind::Text,
                values: vec![],
                can_be_answered: true,
            })
        };
        assert!(satisfiable(&Condition::Words(s("reason"), 4), &shape));
        assert!(satisfiable(
            &Condition::All(vec![
                Condition::Answered(s("reason")),
                Condition::Not(Box::new(Condition::Words(s("reason"), 4))),
            ]),
            &shape
        ));
    }

    #[test]
    fn a_text_that_must_mention_two_phrases_at_once_can_hold() {
        let shape = |_: &str| {
            Some(FactShape {
                kind: FactKind::Text,
                values: vec![],
                can_be_answered: true,
            })
        };
        let m = |p: &[&str]| Condition::Mentions(s("reason"), p.iter().map(|x| s(x)).collect());
        let both = Condition::All(vec![m(&["wife", "partner"]), m(&["visa", "legally"])]);
        assert!(satisfiable(&both, &shape));
        // Two phrases at once, and a third absent.
        let but_not = Condition::All(vec![
            m(&["wife", "partner"]),
            m(&["visa", "legally"]),
            Condition::Not(Box::new(m(&["control"]))),
        ]);
        assert!(satisfiable(&but_not, &shape));
        // A phrase that must be there and must not is still a contradiction.
        let never = Condition::All(vec![m(&["visa"]), Condition::Not(Box::new(m(&["visa"])))]);
        assert!(!satisfiable(&never, &shape));
    }

    #[test]
    fn empty_many_is_not_only() {
        let mut a = Answers::new();
        a.insert(s("p"), Answer::Many(vec![]));
        assert!(!eval(
            &Condition::Only(s("p"), vec![s("x")]),
            Lookup::case(&a)
        ));
        assert!(!eval(&Condition::Answered(s("p")), Lookup::case(&a)));
    }

    #[test]
    fn inner_scope_shadows_case() {
        let case = answers();
        let mut check = Answers::new();
        check.insert(s("role"), Answer::One(s("witness")));
        let at = Lookup::scoped(&check, &case, None);
        assert!(eval(&Condition::Is(s("role"), s("witness")), at));
        assert!(eval(&Condition::Answered(s("reason")), at));
    }

    fn shape(f: &str) -> Option<FactShape<'static>> {
        match f {
            "role" => Some(FactShape {
                kind: FactKind::One,
                values: vec!["victim", "witness"],
                can_be_answered: true,
            }),
            "p" => Some(FactShape {
                kind: FactKind::Many,
                values: vec!["a", "b", "c"],
                can_be_answered: true,
            }),
            "never" => Some(FactShape {
                kind: FactKind::One,
                values: vec!["x"],
                can_be_answered: false,
            }),
            _ => None,
        }
    }

    #[test]
    fn satisfiability() {
        let role_is = |v: &str| Condition::Is(s("role"), s(v));
        assert!(satisfiable(&role_is("victim"), &shape));
        let contradiction = Condition::All(vec![role_is("victim"), role_is("witness")]);
        assert!(!satisfiable(&contradiction, &shape));
        let only_a_not_a = Condition::All(vec![
            Condition::Only(s("p"), vec![s("a")]),
            Condition::Not(Box::new(Condition::Has(s("p"), vec![s("a")]))),
        ]);
        assert!(!satisfiable(&only_a_not_a, &shape));
        let has_other = Condition::All(vec![
            Condition::Answered(s("p")),
            Condition::Not(Box::new(Condition::Has(s("p"), vec![s("a"), s("b")]))),
        ]);
        assert!(satisfiable(&has_other, &shape));
        assert!(!satisfiable(&Condition::Is(s("never"), s("x")), &shape));
        assert!(satisfiable(
            &Condition::Not(Box::new(Condition::Answered(s("never")))),
            &shape
        ));
    }
}
