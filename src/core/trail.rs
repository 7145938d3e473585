//! The case's audit trail: what was answered, changed, set aside, shown and
//! decided, and when, in the case file itself.
//!
//! Append-only, and checkable: each entry's hash is SHA-256 over the previous
//! entry's hash and this entry's fields, so an entry edited, deleted or moved
//! breaks the chain at the first entry after it, and [`check`] names that entry.
//! Entries cut from the end leave a shorter chain that is still whole, and an
//! answer can be edited in the file without the trail: [`disagreements`]
//! replays the trail against the case to find both. The hashes have no key, so
//! a trail rewritten consistently, hashes and all, is not found by the file
//! alone: the decision note's check code in the records system anchors it.
//!
//! What to record is worked out by comparing the case before and after each
//! change ([`events`]), so no editing path can forget to record itself.
//! Typing into a text field would give one entry per key; [`Recorder`] keeps
//! the latest text edit pending and records it once the officer moves on.

use std::collections::BTreeMap;

use super::changes::verdicts_differing;
use super::digest::combined;
use super::engine::Assessment;
use super::guidance::Guidance;
use super::raw::{self, Case, TrailEntry};
use super::report::verdict_heading;
use super::wizard::{About, Wizard, answer_words};

/// Something to record, before it is given its place in the chain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    pub event: String,
    pub about: String,
    pub item: String,
    pub from: String,
    pub to: String,
    /// Typed text: consecutive edits of the same field make one entry.
    pub text: bool,
}

/// The hash an entry must have, following the entry before it (`""` for the first).
pub fn hash_of(before: &str, e: &TrailEntry) -> String {
    combined([
        before,
        e.at.as_str(),
        e.event.as_str(),
        e.about.as_str(),
        e.item.as_str(),
        e.from.as_str(),
        e.to.as_str(),
    ])
}

/// Appends an entry at `at`, chained to the last.
pub fn append(case: &mut Case, at: &str, e: &Event) {
    let before = case.trail.last().map_or("", |l| l.hash.as_str()).to_owned();
    let mut entry = TrailEntry {
        at: at.to_owned(),
        event: e.event.clone(),
        about: e.about.clone(),
        item: e.item.clone(),
        from: e.from.clone(),
        to: e.to.clone(),
        hash: String::new(),
    };
    entry.hash = hash_of(&before, &entry);
    case.trail.push(entry);
}

/// Where a trail's chain breaks.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Break {
    /// The first entry that does not follow from the one before it, from 1.
    pub entry: usize,
    pub at: String,
    pub what: String,
}

impl std::fmt::Display for Break {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "trail entry {} ({}, {}) does not follow from the entry before it: an entry was edited, deleted or moved at or just before it",
            self.entry, self.at, self.what
        )
    }
}

/// Checks the chain; `Err` names the first entry that does not follow.
pub fn check(trail: &[TrailEntry]) -> Result<(), Break> {
    let mut before = "";
    for (i, e) in trail.iter().enumerate() {
        if hash_of(before, e) != e.hash {
            return Err(Break {
                entry: i + 1,
                at: e.at.clone(),
                what: format!("{}: {} / {}", e.event, e.about, e.item),
            });
        }
        before = &e.hash;
    }
    Ok(())
}

/// A value as recorded: its words, and whether it is typed text.
type Recorded = BTreeMap<(String, String), (String, bool)>;

fn about_words(about: About) -> String {
    match about {
        About::Case => "case".to_owned(),
        About::Check(i) => format!("check {}", i + 1),
        About::IeContact => "IE contact".to_owned(),
    }
}

/// Every answer and record field of the case, in words, keyed by what it is about.
fn flatten(g: &Guidance, w: &Wizard) -> Recorded {
    let mut out = Recorded::new();
    let mut put = |about: &str, item: &str, value: String, text: bool| {
        if !value.trim().is_empty() {
            out.insert((about.to_owned(), item.to_owned()), (value, text));
        }
    };
    let mut abouts = vec![About::Case];
    abouts.extend((0..w.case.checks.len()).map(About::Check));
    if w.case.ie_contact.is_some() {
        abouts.push(About::IeContact);
        put("IE contact", "proposed", "yes".to_owned(), false);
    }
    for about in abouts {
        let a = about_words(about);
        for f in g.facts.iter().filter(|f| f.scope == about.scope()) {
            if let Some(ans) = w.answer(g, about, &f.id) {
                let text = f.kind == raw::FactKind::Text;
                put(&a, &f.id, answer_words(g, &f.id, &ans), text);
            }
        }
        let decision = match about {
            About::Case => None,
            About::Check(i) => w.case.checks.get(i).and_then(|c| c.decision.as_ref()),
            About::IeContact => w.case.ie_contact.as_ref().and_then(|c| c.decision.as_ref()),
        };
        if let Some(d) = decision {
            put(&a, "decision", format!("{:?}", d.choice), false);
            put(&a, "decision reason", d.reason.clone(), true);
            put(&a, "reconsider at", d.reconsider.clone(), true);
        }
    }
    if let Some(o) = &w.case.officer {
        put("record", "officer's name", o.name.clone(), true);
        put("record", "officer's role", o.role.clone(), true);
        put("record", "crime reference", o.crime_reference.clone(), true);
    }
    for (id, r) in &w.case.actions {
        let done = if r.done { "done" } else { "not done" };
        put("action", id, done.to_owned(), false);
        put("action", &format!("{id} note"), r.note.clone(), true);
    }
    if let Some(s) = &w.case.supervisor {
        put("supervisor review", "name", s.name.clone(), true);
        put("supervisor review", "comment", s.comment.clone(), true);
    }
    put("record", "review", w.case.review.clone(), true);
    if let Some(c) = &w.case.completed {
        put("record", "finished", c.clone(), false);
    }
    out
}

/// The answers kept but set aside, by what they are about.
fn set_aside(g: &Guidance, w: &Wizard) -> Vec<(String, String)> {
    let mut abouts = vec![About::Case];
    abouts.extend((0..w.case.checks.len()).map(About::Check));
    if w.case.ie_contact.is_some() {
        abouts.push(About::IeContact);
    }
    abouts
        .into_iter()
        .flat_map(|about| {
            let a = about_words(about);
            w.relevance(g, about)
                .1
                .into_iter()
                .map(move |f| (a.clone(), f))
        })
        .collect()
}

fn kind_of(about: &str, item: &str) -> &'static str {
    match (about, item) {
        ("action", _) => "action",
        ("supervisor review", _) => "supervisor review",
        ("record", "finished") => "record",
        ("record", _) => "officer's details",
        (_, "decision" | "decision reason" | "reconsider at") => "decision",
        _ => "answer",
    }
}

/// What a change from `before` to `after` gives the trail: answers given,
/// changed, cleared, set aside or taken up again; decisions, actions, the
/// officer's details and the review; each disagreement between words and
/// answers raised or resolved (issue 26); and each verdict that changed.
pub fn events(
    g: &Guidance,
    before: &Wizard,
    after: &Wizard,
    was: &Assessment,
    now: &Assessment,
) -> Vec<Event> {
    let mut out = Vec::new();
    let (old, new) = (flatten(g, before), flatten(g, after));
    let mut keys: Vec<&(String, String)> = old.keys().chain(new.keys()).collect();
    keys.sort();
    keys.dedup();
    for key in keys {
        let (about, item) = key;
        let kind = kind_of(about, item);
        let (verb, from, to, text) = match (old.get(key), new.get(key)) {
            (None, Some((v, t))) => ("given", String::new(), v.clone(), *t),
            (Some((v, t)), None) => ("cleared", v.clone(), String::new(), *t),
            (Some((x, _)), Some((y, t))) if x != y => ("changed", x.clone(), y.clone(), *t),
            _ => continue,
        };
        out.push(Event {
            event: format!("{kind} {verb}"),
            about: about.clone(),
            item: item.clone(),
            from,
            to,
            text,
        });
    }
    let (sb, sa) = (set_aside(g, before), set_aside(g, after));
    for (about, item) in sa.iter().filter(|x| !sb.contains(x)) {
        out.push(Event {
            event: "answer set aside".to_owned(),
            about: about.clone(),
            item: item.clone(),
            from: String::new(),
            to: String::new(),
            text: false,
        });
    }
    for (about, item) in sb.iter().filter(|x| !sa.contains(x)) {
        out.push(Event {
            event: "answer taken up again".to_owned(),
            about: about.clone(),
            item: item.clone(),
            from: String::new(),
            to: String::new(),
            text: false,
        });
    }
    // A disagreement between words and answers, raised or resolved: what
    // the screen found, and what the officer changed to resolve it.
    let raised = |a: &Assessment| -> Vec<(String, String, String)> {
        a.warnings
            .iter()
            .filter(|w| w.kind == "disagreement")
            .map(|w| (w.about.clone(), w.decision.clone(), w.words.join(", ")))
            .collect()
    };
    let (dis_was, dis_now) = (raised(was), raised(now));
    for (about, decision, words) in dis_now.iter().filter(|d| !dis_was.contains(d)) {
        out.push(Event {
            event: "disagreement raised".to_owned(),
            about: about.clone(),
            item: decision.clone(),
            from: String::new(),
            to: words.clone(),
            text: false,
        });
    }
    for (about, decision, words) in dis_was.iter().filter(|d| !dis_now.contains(d)) {
        let changed: Vec<String> = out
            .iter()
            .filter(|e| {
                e.event.ends_with(" changed")
                    || e.event.ends_with(" given")
                    || e.event.ends_with(" cleared")
            })
            .map(|e| format!("{} {}", e.about, e.item))
            .collect();
        out.push(Event {
            event: "disagreement resolved".to_owned(),
            about: about.clone(),
            item: decision.clone(),
            from: words.clone(),
            to: changed.join(", "),
            text: false,
        });
    }
    for (what, from, to) in verdicts_differing(was, now) {
        out.push(Event {
            event: "verdict shown".to_owned(),
            about: what,
            item: "verdict".to_owned(),
            from: from
                .map(|v| verdict_heading(v).to_owned())
                .unwrap_or_default(),
            to: verdict_heading(to).to_owned(),
            text: false,
        });
    }
    out
}

/// Where the case's answers and record differ from what its trail says they
/// became: an answer edited in the file without the trail, or trail entries
/// cut from the end. Each difference in words. A case whose trail did not
/// begin with it (no `case started` entry: begun before the trail existed) is
/// checked only for what the trail recorded.
pub fn disagreements(g: &Guidance, w: &Wizard) -> Vec<String> {
    let mut said: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut from_the_start = false;
    for e in &w.case.trail {
        let key = (e.about.clone(), e.item.clone());
        if e.event == "case started" {
            from_the_start = true;
        } else if e.event.ends_with(" given") || e.event.ends_with(" changed") {
            said.insert(key, e.to.clone());
        } else if e.event.ends_with(" cleared") {
            said.insert(key, String::new());
        }
    }
    let now = flatten(g, w);
    let mut keys: Vec<&(String, String)> = said.keys().chain(now.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let is = now.get(key).map_or("", |(v, _)| v.as_str());
            let was = match said.get(key) {
                Some(v) => v.as_str(),
                None if from_the_start => "",
                None => return None,
            };
            (is != was).then(|| {
                format!(
                    "{} / {}: the case says \"{is}\", its trail says \"{was}\"",
                    key.0, key.1
                )
            })
        })
        .collect()
}

/// Records events into a case's trail, holding back the latest text edit so
/// that typing a sentence makes one entry, not one per key.
#[derive(Clone, Debug, Default)]
pub struct Recorder {
    pending: Option<(String, Event)>,
}

impl Recorder {
    /// Records `events`, which happened at `at`.
    pub fn record(&mut self, case: &mut Case, at: &str, events: Vec<Event>) {
        for e in events {
            match &mut self.pending {
                Some((when, p)) if e.text && p.about == e.about && p.item == e.item => {
                    p.to = e.to;
                    at.clone_into(when);
                }
                _ => {
                    self.flush(case);
                    if e.text {
                        self.pending = Some((at.to_owned(), e));
                    } else {
                        append(case, at, &e);
                    }
                }
            }
        }
    }

    /// Writes the held-back text edit, if any (the officer moved on).
    pub fn flush(&mut self, case: &mut Case) {
        if let Some((at, mut p)) = self.pending.take()
            && p.from != p.to
        {
            {
                let kind = p.event.rsplit_once(' ').map_or("answer", |(k, _)| k);
                let verb = if p.from.is_empty() {
                    "given"
                } else if p.to.is_empty() {
                    "cleared"
                } else {
                    "changed"
                };
                p.event = format!("{kind} {verb}");
                append(case, &at, &p);
            }
        }
    }

    /// The case as it would read with the held-back edit written: for an
    /// autosave, which must not end the edit.
    pub fn with_pending(&self, case: &Case) -> Case {
        let mut c = case.clone();
        let mut r = self.clone();
        r.flush(&mut c);
        c
    }
}

#[cfg(test)]
mod tests;
