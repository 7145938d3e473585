//! The officer's wizard as pure state: the case being built, the step shown,
//! which questions apply, and the log of changes to answers already given.
//!
//! The case being built *is* a [`raw::Case`], the documented case file format,
//! so what the wizard saves is what `assess` reads. Everything here is generic:
//! the questions, their order, options and relevance come from the guidance.
//! The window only draws a [`Wizard`] and calls its methods.
//!
//! Going back is safe: an answer is *settled* once the officer leaves the step
//! it is on (or when it is read from a file); a later change to a settled answer
//! is logged (what, from, to, when). Answers to questions that no longer apply
//! are kept, shown as set aside, and left out of every verdict (the engine
//! ignores them).

use std::collections::{BTreeMap, BTreeSet};

use super::case::CaseFacts;
use super::condition::{Answer, Answers, Lookup, eval};
use super::engine::{self, Assessment};
use super::guidance::{Guidance, check_fact, ie_fact};
use super::raw::{self, FactKind, Scope};
use super::steps::steps_or_default;

/// The fact kept in a case file's `ie_contact.timing:` field, for guidance that still
/// declares a single timing question (see [`raw::CaseIeContact::timing`]). Any other
/// contact question is kept in `ie_contact.answers`.
const TIMING_FIELD: &str = "ie_timing";

/// What a question is about: the case, one proposed check, or the IE contact.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum About {
    Case,
    /// The check at this index (0-based).
    Check(usize),
    IeContact,
}

impl About {
    /// The word used in notices and the change log: `case`, `check 2`, `ie_contact`.
    pub fn word(self) -> String {
        match self {
            Self::Case => "case".to_owned(),
            Self::Check(i) => format!("check {}", i + 1),
            Self::IeContact => "ie_contact".to_owned(),
        }
    }

    pub fn scope(self) -> Scope {
        match self {
            Self::Case => Scope::Case,
            Self::Check(_) => Scope::Check,
            Self::IeContact => Scope::IeContact,
        }
    }
}

/// One screen of the wizard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepKind {
    /// A step the guidance declares: its questions.
    Questions(raw::Step),
    /// The required actions checklist, the prohibited actions, and the review date.
    Actions,
    /// Every answer, verdict and decision; what blocks completion; the officer.
    Review,
}

/// Step ids of the wizard's own two steps.
pub const ACTIONS_STEP: &str = "actions";
pub const REVIEW_STEP: &str = "review";

impl StepKind {
    pub fn id(&self) -> &str {
        match self {
            Self::Questions(s) => &s.id,
            Self::Actions => ACTIONS_STEP,
            Self::Review => REVIEW_STEP,
        }
    }
}

/// Every step, in order: the guidance's, then the wizard's own two.
pub fn steps(g: &Guidance) -> Vec<StepKind> {
    let mut out: Vec<StepKind> = steps_or_default(&g.facts, &g.steps)
        .into_iter()
        .map(StepKind::Questions)
        .collect();
    out.push(StepKind::Actions);
    out.push(StepKind::Review);
    out
}

/// The step that asks about each proposed check, or the IE contact.
pub fn step_of_scope(g: &Guidance, scope: Scope) -> Option<String> {
    steps_or_default(&g.facts, &g.steps)
        .into_iter()
        .find(|s| {
            s.facts
                .iter()
                .any(|f| g.fact(f).is_some_and(|x| x.scope == scope))
        })
        .map(|s| s.id)
}

/// The wizard's state: the case being built and where the officer is.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Wizard {
    pub case: raw::Case,
    /// The index of the step shown, in [`steps`].
    pub step: usize,
    /// Answers already given and left behind: a change to one of these is logged.
    settled: BTreeSet<(About, String)>,
    /// The answer each logged change replaced, while the case is open (a case
    /// read from a file has only the words): what shows what a change altered.
    pub replaced: BTreeMap<(About, String), Option<Answer>>,
    /// Something was decided (a choice, an action, the officer's details) since
    /// the last change was logged: a change back then keeps both entries.
    decided_since_change: bool,
    /// Steps (by id) the officer has opened since the last change was logged:
    /// a step whose answers a change set aside needs attention until then.
    pub seen_since_change: BTreeSet<String>,
}

fn to_value(a: &Answer) -> ron::Value {
    match a {
        Answer::One(s) | Answer::Text(s) => ron::Value::String(s.clone()),
        Answer::Many(vs) => {
            ron::Value::Seq(vs.iter().map(|v| ron::Value::String(v.clone())).collect())
        }
    }
}

/// Reads a value from a case file as an answer to `fact`, leniently: anything
/// that does not fit is left out (the file's own errors come from [`CaseFacts::from_raw`]).
fn from_value(fact: &raw::Fact, v: &ron::Value) -> Option<Answer> {
    let known = |s: &str| fact.values.iter().any(|x| x.id == s);
    match (fact.kind, v) {
        (FactKind::One, ron::Value::String(s)) if known(s) => Some(Answer::One(s.clone())),
        (FactKind::One, ron::Value::Bool(b)) => {
            Some(Answer::One(if *b { "yes" } else { "no" }.to_owned()))
        }
        (FactKind::Text, ron::Value::String(s)) => Some(Answer::Text(s.clone())),
        (FactKind::Many, ron::Value::Seq(items)) => Some(Answer::Many(
            items
                .iter()
                .filter_map(|i| match i {
                    ron::Value::String(s) if known(s) => Some(s.clone()),
                    _ => None,
                })
                .collect(),
        )),
        _ => None,
    }
}

/// An answer as the officer sees it: value labels, or the text.
pub fn answer_words(g: &Guidance, fact: &str, a: &Answer) -> String {
    match a {
        Answer::One(v) => g.value_label(fact, v).to_owned(),
        Answer::Many(vs) => vs
            .iter()
            .map(|v| g.value_label(fact, v))
            .collect::<Vec<_>>()
            .join("; "),
        Answer::Text(t) => t.trim().to_owned(),
    }
}

impl Wizard {
    /// A new case under `pack` and `profile`, started at `now` (RFC 3339, from the shell).
    pub fn new(pack: &str, profile: Option<&str>, now: &str) -> Self {
        Self {
            case: raw::Case {
                pack: pack.to_owned(),
                profile: profile.map(str::to_owned),
                started: Some(now.to_owned()),
                ..raw::Case::default()
            },
            step: 0,
            settled: BTreeSet::new(),
            replaced: BTreeMap::new(),
            decided_since_change: false,
            seen_since_change: BTreeSet::new(),
        }
    }

    /// A case read from a file: every answer in it counts as already given.
    pub fn from_case(g: &Guidance, case: raw::Case) -> Self {
        let mut w = Self {
            case,
            step: 0,
            settled: BTreeSet::new(),
            replaced: BTreeMap::new(),
            // A file's decisions are taken as made after its changes.
            decided_since_change: true,
            seen_since_change: BTreeSet::new(),
        };
        w.settle_all(g);
        w
    }

    fn settle_all(&mut self, g: &Guidance) {
        let mut abouts = vec![About::Case];
        abouts.extend((0..self.case.checks.len()).map(About::Check));
        if self.case.ie_contact.is_some() {
            abouts.push(About::IeContact);
        }
        for about in abouts {
            for f in g.facts.iter().filter(|f| f.scope == about.scope()) {
                if self
                    .answer(g, about, &f.id)
                    .is_some_and(|a| a.is_answered())
                {
                    self.settled.insert((about, f.id.clone()));
                }
            }
        }
    }

    /// The answer recorded to `fact` about `about`, whether or not it applies.
    pub fn answer(&self, g: &Guidance, about: About, fact: &str) -> Option<Answer> {
        let def = g.fact(fact)?;
        let c = &self.case;
        match about {
            About::Case => c.facts.get(fact).and_then(|v| from_value(def, v)),
            About::Check(i) => {
                let ch = c.checks.get(i)?;
                match fact {
                    check_fact::SYSTEM => Some(Answer::One(ch.system.clone())),
                    check_fact::SUBJECT => Some(Answer::One(ch.subject.clone())),
                    check_fact::PURPOSES => Some(Answer::Many(ch.purposes.clone())),
                    check_fact::REASON => Some(Answer::Text(ch.reason.clone())),
                    _ => ch.answers.get(fact).and_then(|v| from_value(def, v)),
                }
            }
            About::IeContact => {
                let ie = c.ie_contact.as_ref()?;
                match fact {
                    ie_fact::PURPOSE => ie.purpose.clone().map(Answer::One),
                    TIMING_FIELD => ie.timing.clone().map(Answer::One),
                    ie_fact::DATA => Some(Answer::Many(ie.data.clone())),
                    ie_fact::REASON => Some(Answer::Text(ie.reason.clone())),
                    _ => ie.answers.get(fact).and_then(|v| from_value(def, v)),
                }
            }
        }
    }

    /// All the answers about `about`, as the engine reads them (unanswered ones left out).
    fn answers_of(&self, g: &Guidance, about: About) -> Answers {
        g.facts
            .iter()
            .filter(|f| f.scope == about.scope())
            .filter_map(|f| {
                self.answer(g, about, &f.id)
                    .filter(|a| !matches!(a, Answer::One(v) if v.is_empty()))
                    .map(|a| (f.id.clone(), a))
            })
            .collect()
    }

    /// The case's answers as the engine reads them.
    pub fn facts(&self, g: &Guidance) -> CaseFacts {
        CaseFacts {
            case: self.answers_of(g, About::Case),
            checks: (0..self.case.checks.len())
                .map(|i| self.answers_of(g, About::Check(i)))
                .collect(),
            ie_contact: self
                .case
                .ie_contact
                .as_ref()
                .map(|_| self.answers_of(g, About::IeContact)),
            notes: super::case::RecordTexts::of(&self.case),
        }
    }

    /// The verdicts, as they stand.
    pub fn assess(&self, g: &Guidance) -> Assessment {
        let mut a = engine::assess(g, &self.facts(g));
        super::needed::settle(g, &self.case, &mut a);
        a
    }

    /// Which facts about `about` apply given the answers before them (in the
    /// guidance's order, as the engine decides), and which answered ones are set aside.
    pub fn relevance(&self, g: &Guidance, about: About) -> (Vec<String>, Vec<String>) {
        let inner = self.answers_of(g, about);
        if about == About::Case {
            return relevant_ids(g, Scope::Case, &inner, &Answers::new());
        }
        let (case_kept, _) = walk(
            g,
            Scope::Case,
            &self.answers_of(g, About::Case),
            &Answers::new(),
        );
        relevant_ids(g, about.scope(), &inner, &case_kept)
    }

    /// The questions of `step` to show about `about`: those that apply now.
    pub fn visible<'g>(
        &self,
        g: &'g Guidance,
        step: &raw::Step,
        about: About,
    ) -> Vec<&'g raw::Fact> {
        of_step(g, step, about, &self.relevance(g, about).0)
    }

    /// Answers on `step` about `about` that are kept but no longer apply.
    pub fn set_aside<'g>(
        &self,
        g: &'g Guidance,
        step: &raw::Step,
        about: About,
    ) -> Vec<&'g raw::Fact> {
        of_step(g, step, about, &self.relevance(g, about).1)
    }

    /// Records an answer (`None` clears it). A change to an answer already given
    /// is logged at `now`; consecutive changes to one answer make one entry.
    pub fn set_answer(
        &mut self,
        g: &Guidance,
        about: About,
        fact: &str,
        answer: Option<Answer>,
        now: &str,
    ) {
        let Some(def) = g.fact(fact) else {
            return;
        };
        if def.scope != about.scope() {
            return;
        }
        let before = self.answer(g, about, fact);
        let answer = answer.filter(Answer::is_answered);
        let same = match (&before, &answer) {
            (Some(b), Some(a)) => b == a,
            (Some(b), None) => !b.is_answered(),
            (None, None) => true,
            (None, Some(_)) => false,
        };
        if same {
            return;
        }
        // An answer about a check or the contact that carries a pretext warning is on
        // the record when it changes, settled or not: that is how a flagged answer (a
        // reason and an answer that disagree) was resolved.
        let flagged = about != About::Case && {
            let word = about.word();
            self.assess(g)
                .warnings
                .iter()
                .any(|n| (n.kind == "pretext" || n.kind == "disagreement") && n.about == word)
        };
        self.write(about, fact, answer.as_ref());
        if !flagged && !self.settled.contains(&(about, fact.to_owned())) {
            return;
        }
        let from = before
            .as_ref()
            .map(|a| answer_words(g, fact, a))
            .unwrap_or_default();
        let to = answer
            .as_ref()
            .map(|a| answer_words(g, fact, a))
            .unwrap_or_default();
        let word = about.word();
        // Another change to the answer just changed is the same change, unless
        // something was decided on it since: then both are on the record.
        if let Some(last) = self.case.changes.last_mut()
            && last.about == word
            && last.fact == fact
            && !self.decided_since_change
        {
            last.to = to;
            now.clone_into(&mut last.at);
            if last.to == last.from {
                self.case.changes.pop();
                self.replaced.remove(&(about, fact.to_owned()));
            }
            self.seen_afresh(g);
            return;
        }
        self.replaced.insert((about, fact.to_owned()), before);
        self.decided_since_change = false;
        self.seen_afresh(g);
        self.case.changes.push(raw::Change {
            at: now.to_owned(),
            about: word,
            fact: fact.to_owned(),
            from,
            to,
        });
    }

    /// A change was logged: only the step shown has been seen since.
    fn seen_afresh(&mut self, g: &Guidance) {
        self.seen_since_change.clear();
        if let Some(s) = steps(g).get(self.step) {
            self.seen_since_change.insert(s.id().to_owned());
        }
    }

    /// The officer decided something (a choice, an action, their details): a
    /// later change back to an earlier answer is then logged, not undone.
    pub fn decided(&mut self) {
        self.decided_since_change = true;
    }

    /// This wizard with one answer put back as it was, for what a change altered.
    #[must_use]
    pub fn with_answer(&self, about: About, fact: &str, answer: Option<&Answer>) -> Self {
        let mut w = self.clone();
        w.write(about, fact, answer);
        w
    }

    fn write(&mut self, about: About, fact: &str, answer: Option<&Answer>) {
        let one = || match answer {
            Some(Answer::One(s) | Answer::Text(s)) => s.clone(),
            _ => String::new(),
        };
        let many = || match answer {
            Some(Answer::Many(v)) => v.clone(),
            _ => Vec::new(),
        };
        match about {
            About::Case => {
                match answer {
                    Some(a) => self.case.facts.insert(fact.to_owned(), to_value(a)),
                    None => self.case.facts.remove(fact),
                };
            }
            About::Check(i) => {
                let Some(ch) = self.case.checks.get_mut(i) else {
                    return;
                };
                match fact {
                    check_fact::SYSTEM => ch.system = one(),
                    check_fact::SUBJECT => ch.subject = one(),
                    check_fact::PURPOSES => ch.purposes = many(),
                    check_fact::REASON => ch.reason = one(),
                    _ => {
                        match answer {
                            Some(a) => ch.answers.insert(fact.to_owned(), to_value(a)),
                            None => ch.answers.remove(fact),
                        };
                    }
                }
            }
            About::IeContact => {
                let Some(ie) = self.case.ie_contact.as_mut() else {
                    return;
                };
                match fact {
                    ie_fact::PURPOSE => ie.purpose = Some(one()).filter(|s| !s.is_empty()),
                    TIMING_FIELD => ie.timing = Some(one()).filter(|s| !s.is_empty()),
                    ie_fact::DATA => ie.data = many(),
                    ie_fact::REASON => ie.reason = one(),
                    _ => {
                        match answer {
                            Some(a) => ie.answers.insert(fact.to_owned(), to_value(a)),
                            None => ie.answers.remove(fact),
                        };
                    }
                }
            }
        }
    }

    /// Proposes another check; returns its index.
    pub fn add_check(&mut self) -> usize {
        self.case.checks.push(raw::CaseCheck::default());
        self.case.checks.len() - 1
    }

    /// Removes a proposed check, logging it if it had been settled.
    pub fn remove_check(&mut self, g: &Guidance, i: usize, now: &str) {
        if i >= self.case.checks.len() {
            return;
        }
        let was_settled = self.settled.iter().any(|(a, _)| *a == About::Check(i));
        let words = self.check_words(g, i);
        self.case.checks.remove(i);
        // Settled answers, and what changes replaced, of later checks move down one place.
        let moved = |a: About| match a {
            About::Check(j) if j == i => None,
            About::Check(j) if j > i => Some(About::Check(j - 1)),
            other => Some(other),
        };
        self.settled = std::mem::take(&mut self.settled)
            .into_iter()
            .filter_map(|(a, f)| moved(a).map(|a| (a, f)))
            .collect();
        self.replaced = std::mem::take(&mut self.replaced)
            .into_iter()
            .filter_map(|((a, f), v)| moved(a).map(|a| ((a, f), v)))
            .collect();
        if was_settled {
            self.case.changes.push(raw::Change {
                at: now.to_owned(),
                about: About::Check(i).word(),
                fact: String::new(),
                from: words,
                to: "removed".to_owned(),
            });
        }
    }

    /// A check named as the officer sees it: "PNC on the suspect".
    pub fn check_words(&self, g: &Guidance, i: usize) -> String {
        let Some(c) = self.case.checks.get(i) else {
            return String::new();
        };
        let sys = if c.system.is_empty() {
            "?"
        } else {
            g.value_label(check_fact::SYSTEM, &c.system)
        };
        let sub = if c.subject.is_empty() {
            "?"
        } else {
            g.value_label(check_fact::SUBJECT, &c.subject)
        };
        format!("{sys} on {sub}")
    }

    /// Proposes contact with Immigration Enforcement, or withdraws the proposal.
    pub fn set_ie_proposed(&mut self, proposed: bool, now: &str) {
        match (proposed, self.case.ie_contact.is_some()) {
            (true, false) => self.case.ie_contact = Some(raw::CaseIeContact::default()),
            (false, true) => {
                let was_settled = self.settled.iter().any(|(a, _)| *a == About::IeContact);
                self.case.ie_contact = None;
                self.settled.retain(|(a, _)| *a != About::IeContact);
                if was_settled {
                    self.case.changes.push(raw::Change {
                        at: now.to_owned(),
                        about: About::IeContact.word(),
                        fact: String::new(),
                        from: "proposed".to_owned(),
                        to: "withdrawn".to_owned(),
                    });
                }
            }
            _ => {}
        }
    }

    /// Goes to step `to`, settling the answers of the step left.
    pub fn go_to(&mut self, g: &Guidance, to: usize) {
        let all = steps(g);
        if let Some(StepKind::Questions(step)) = all.get(self.step) {
            let mut abouts = vec![About::Case];
            abouts.extend((0..self.case.checks.len()).map(About::Check));
            if self.case.ie_contact.is_some() {
                abouts.push(About::IeContact);
            }
            for about in abouts {
                for f in &step.facts {
                    if self.answer(g, about, f).is_some_and(|a| a.is_answered()) {
                        self.settled.insert((about, f.clone()));
                    }
                }
            }
        }
        self.step = to.min(all.len().saturating_sub(1));
        if let Some(s) = all.get(self.step) {
            self.seen_since_change.insert(s.id().to_owned());
        }
    }

    /// Whether an answer counts as already given (changing it is logged).
    pub fn is_settled(&self, about: About, fact: &str) -> bool {
        self.settled.contains(&(about, fact.to_owned()))
    }
}

/// The case file's text: pretty RON, readable by a person, with a header comment.
/// Written in the same dialect `parse::case_file` reads (implicit `Some`).
pub fn case_text(case: &raw::Case) -> Result<String, ron::Error> {
    let config = ron::ser::PrettyConfig::new()
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .struct_names(false);
    let case = raw::Case {
        format: Some(raw::CASE_FORMAT),
        ..case.clone()
    };
    let body = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .to_string_pretty(&case, config)?;
    Ok(format!(
        "// A Victim First case file, written by the wizard. Check it with `victim-first assess FILE`.\n{body}\n"
    ))
}

/// Walks the facts of `scope` in order, keeping answers to questions that apply.
fn walk(g: &Guidance, scope: Scope, inner: &Answers, case: &Answers) -> (Answers, Vec<String>) {
    let (_, aside, kept) = walk_full(g, scope, inner, case);
    (kept, aside)
}

fn relevant_ids(
    g: &Guidance,
    scope: Scope,
    inner: &Answers,
    case: &Answers,
) -> (Vec<String>, Vec<String>) {
    let (relevant, aside, _) = walk_full(g, scope, inner, case);
    (relevant, aside)
}

/// (facts that apply, answered facts set aside, the answers kept).
fn walk_full(
    g: &Guidance,
    scope: Scope,
    inner: &Answers,
    case: &Answers,
) -> (Vec<String>, Vec<String>, Answers) {
    let mut kept = Answers::new();
    let mut relevant = Vec::new();
    let mut aside = Vec::new();
    for fact in g.facts.iter().filter(|f| f.scope == scope) {
        let applies = fact.relevant.as_ref().is_none_or(|cond| {
            let at = if scope == Scope::Case {
                Lookup::case(&kept)
            } else {
                Lookup::scoped(&kept, case, None)
            }
            .reading(Some(&g.reading));
            eval(cond, at)
        });
        let answer = inner.get(&fact.id);
        if applies {
            relevant.push(fact.id.clone());
            if let Some(a) = answer {
                kept.insert(fact.id.clone(), a.clone());
            }
        } else if answer.is_some_and(Answer::is_answered) {
            aside.push(fact.id.clone());
        }
    }
    (relevant, aside, kept)
}

/// The facts of `step` about `about` whose ids are in `ids` (the relevant or the
/// set-aside ones from [`Wizard::relevance`]), in the step's order.
pub fn of_step<'g>(
    g: &'g Guidance,
    step: &raw::Step,
    about: About,
    ids: &[String],
) -> Vec<&'g raw::Fact> {
    step.facts
        .iter()
        .filter_map(|id| g.fact(id))
        .filter(|f| f.scope == about.scope() && ids.contains(&f.id))
        .collect()
}

#[cfg(test)]
mod tests;
