//! A trainee's result on a scenario, and a class's results at a glance (issue 18, item 6).
//!
//! [`score`] compares the case a trainee recorded with the scenario: each answer
//! the scenario expects, what each check and the contact are for, the
//! trainee's decision on each against the guidance's verdict, and each action
//! the guidance requires, marked done. Each is an [`Item`], on a wizard step,
//! with the rules behind it. A [`TraineeResult`] is a small RON file; a
//! [`Class`] aggregates many: the score distribution, the steps and rules most
//! often missed, and a CSV export.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Ran, Scenario, words};
use crate::core::diagnostic::Diagnostic;
use crate::core::engine::Verdict as EngineVerdict;
use crate::core::parse;
use crate::core::raw::{self, Choice};
use crate::core::{guidance::Guidance, record, steps};

/// One trainee's result on one scenario: the file a trainee's session exports.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TraineeResult {
    /// The trainee, as the trainer knows them (a name or collar number).
    pub trainee: String,
    /// The scenario's title.
    pub scenario: String,
    /// When the trainee finished, RFC 3339 (given by the caller: the core reads no clock).
    #[serde(default)]
    pub completed: String,
    /// Everything scored, in the wizard's order.
    pub items: Vec<Item>,
}

/// One scored point.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Item {
    /// The wizard step it belongs to.
    pub step: String,
    /// What was scored, in words: `answer "risk_level"`, `decision on check 2`.
    pub what: String,
    pub correct: bool,
    /// The rules behind it, to revisit when it was missed.
    #[serde(default)]
    pub rules: Vec<String>,
    /// What the trainee chose, in words (for a presenter to show the class's choices).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub chose: String,
}

impl TraineeResult {
    /// Items right, and items in all.
    pub fn score(&self) -> (usize, usize) {
        let right = self.items.iter().filter(|i| i.correct).count();
        (right, self.items.len())
    }

    /// The score as a whole percentage, rounded down (100 for a result with no items).
    pub fn percent(&self) -> usize {
        let (right, all) = self.score();
        (right * 100).checked_div(all).unwrap_or(100)
    }

    /// Right and total per step, in the order the steps first appear.
    pub fn by_step(&self) -> Vec<(String, usize, usize)> {
        let mut out: Vec<(String, usize, usize)> = Vec::new();
        for i in &self.items {
            let at = if let Some(at) = out.iter().position(|(s, _, _)| *s == i.step) {
                at
            } else {
                out.push((i.step.clone(), 0, 0));
                out.len() - 1
            };
            if let Some(entry) = out.get_mut(at) {
                entry.1 += usize::from(i.correct);
                entry.2 += 1;
            }
        }
        out
    }

    /// The file's text.
    pub fn to_ron(&self) -> String {
        let pretty = ron::ser::PrettyConfig::new().struct_names(true);
        ron::ser::to_string_pretty(self, pretty).unwrap_or_default()
    }
}

/// Reads a result file, with a located error on any fault.
pub fn parse_result(path: &str, bytes: &[u8]) -> Result<TraineeResult, Diagnostic> {
    let src = parse::source_text(path, bytes)?;
    parse::parse_ron(&src)
}

/// Scores the case `trainee` recorded against `sc`, which `ran` is the run of
/// (so the guidance's verdicts and required actions are known).
pub fn score(
    g: &Guidance,
    sc: &Scenario,
    ran: &Ran,
    trainee: &raw::Case,
    who: &str,
    completed: &str,
) -> TraineeResult {
    TraineeResult {
        trainee: who.to_owned(),
        scenario: sc.title.clone(),
        completed: completed.to_owned(),
        items: details(g, sc, ran, trainee)
            .into_iter()
            .map(|d| Item {
                chose: d.chose,
                ..d.item
            })
            .collect(),
    }
}

/// One scored point with, in words, what the guidance expects and what the trainee chose.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Detail {
    pub item: Item,
    /// What the point is about, in words: the question, or the check or contact.
    pub about: String,
    pub expected: String,
    pub chose: String,
}

/// Everything [`score`] scores, with what was expected and chosen, in the wizard's order.
pub fn details(g: &Guidance, sc: &Scenario, ran: &Ran, trainee: &raw::Case) -> Vec<Detail> {
    let steps = steps::steps_or_default(&g.facts, &g.steps);
    let step_of = |fact: &str| {
        steps
            .iter()
            .find(|s| s.facts.iter().any(|f| f == fact))
            .map_or_else(String::new, |s| s.id.clone())
    };
    let taught = |step: &str| -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for t in sc.teaching.iter().filter(|t| t.step == step) {
            for r in &t.rules {
                if !out.contains(r) {
                    out.push(r.clone());
                }
            }
        }
        out
    };
    let mut items = Vec::new();
    for (fact, want) in &sc.case.facts {
        let step = step_of(fact);
        let rules = taught(&step);
        let got = trainee.facts.get(fact);
        let what = g
            .fact(fact)
            .map_or_else(|| format!("answer \"{fact}\""), |f| f.question.clone());
        items.push(Detail {
            item: Item {
                step,
                what: format!("answer \"{fact}\""),
                correct: got.is_some_and(|v| same(v, want)),
                rules,
                chose: String::new(),
            },
            about: what,
            expected: words::value(g, fact, want),
            chose: got.map_or_else(|| "no answer".to_owned(), |v| words::value(g, fact, v)),
        });
    }
    proposals(g, sc, ran, trainee, &step_of, &taught, &mut items);
    for a in &ran.assessment.required {
        let done = trainee.actions.get(&a.action).is_some_and(|r| r.done);
        let label = g
            .action(&a.action)
            .map_or(a.action.as_str(), |x| x.label.as_str());
        items.push(Detail {
            item: Item {
                step: "actions".into(),
                what: format!("required action \"{}\"", a.action),
                correct: done,
                rules: a.rules.clone(),
                chose: String::new(),
            },
            about: format!("Required action: {label}"),
            expected: "done".to_owned(),
            chose: if done { "done" } else { "not recorded as done" }.to_owned(),
        });
    }
    items
}

/// The items about each proposed check and the contact: what it is, and the decision.
fn proposals(
    g: &Guidance,
    sc: &Scenario,
    ran: &Ran,
    trainee: &raw::Case,
    step_of: &dyn Fn(&str) -> String,
    taught: &dyn Fn(&str) -> Vec<String>,
    items: &mut Vec<Detail>,
) {
    let mut item = |step: &str,
                    what: String,
                    correct: bool,
                    rules: Vec<String>,
                    ec: (String, String, String)| {
        items.push(Detail {
            item: Item {
                step: step.to_owned(),
                what,
                correct,
                rules,
                chose: String::new(),
            },
            about: ec.0,
            expected: ec.1,
            chose: ec.2,
        });
    };
    let checks_step = step_of(crate::core::guidance::check_fact::PURPOSES);
    let paired = pair_checks(&sc.case.checks, &trainee.checks);
    for (i, want) in sc.case.checks.iter().enumerate() {
        let got = paired
            .get(i)
            .copied()
            .flatten()
            .and_then(|j| trainee.checks.get(j));
        let what_for = got.is_some_and(|c| {
            c.system == want.system
                && c.subject == want.subject
                && sorted(&c.purposes) == sorted(&want.purposes)
        });
        item(
            &checks_step,
            format!("check {}: what it is", i + 1),
            what_for,
            taught(&checks_step),
            (
                format!("Check {}: what it is", i + 1),
                words::check(g, want),
                got.map_or_else(|| "no such check".to_owned(), |c| words::check(g, c)),
            ),
        );
        let verdict = ran.assessment.checks.get(i).map(|c| c.verdict);
        let rules = sc
            .expect
            .checks
            .get(i)
            .map(|e| e.rules.clone())
            .unwrap_or_default();
        let decided = got.and_then(|c| c.decision.as_ref());
        item(
            &checks_step,
            format!("decision on check {}", i + 1),
            verdict.is_some_and(|v| allowed(v, decided)),
            rules,
            (
                format!("Check {}: the decision", i + 1),
                words::allowed(verdict),
                words::decision(decided),
            ),
        );
    }
    contact(g, sc, ran, trainee, &(step_of, taught), &mut item);
}

/// A scored point: its step, what, whether right, its rules, and (about, expected, chose).
type Point<'a> = dyn FnMut(&str, String, bool, Vec<String>, (String, String, String)) + 'a;
/// Which step asks a fact, and the rules a step's teaching points cite.
type Lookups<'a> = (&'a dyn Fn(&str) -> String, &'a dyn Fn(&str) -> Vec<String>);

/// The items about the proposed contact: what it is for, and the decision.
fn contact(
    g: &Guidance,
    sc: &Scenario,
    ran: &Ran,
    trainee: &raw::Case,
    (step_of, taught): &Lookups<'_>,
    item: &mut Point<'_>,
) {
    if let Some(want) = &sc.case.ie_contact {
        let ie = crate::core::guidance::ie_fact::PURPOSE;
        let ie_step = step_of(ie);
        let got = trainee.ie_contact.as_ref();
        let purpose = |p: Option<&String>| {
            p.map_or_else(
                || "no purpose".to_owned(),
                |p| g.value_label(ie, p).to_owned(),
            )
        };
        item(
            &ie_step,
            "the contact: what it is for".into(),
            got.is_some_and(|c| c.purpose == want.purpose),
            taught(&ie_step),
            (
                "The contact with Immigration Enforcement: what it is for".to_owned(),
                purpose(want.purpose.as_ref()),
                got.map_or_else(
                    || "no contact proposed".to_owned(),
                    |c| purpose(c.purpose.as_ref()),
                ),
            ),
        );
        let rules = sc
            .expect
            .ie_contact
            .as_ref()
            .map(|e| e.rules.clone())
            .unwrap_or_default();
        let verdict = ran.assessment.ie_contact.verdict;
        let decided = got.and_then(|c| c.decision.as_ref());
        item(
            &ie_step,
            "decision on the contact".into(),
            allowed(verdict, decided),
            rules,
            (
                "The contact with Immigration Enforcement: the decision".to_owned(),
                words::allowed(Some(verdict)),
                words::decision(decided),
            ),
        );
    }
}

/// Which of the trainee's checks answers each check of the story: the first
/// not yet paired on the same system and subject, else the one in the same place.
/// A trainee who records the story's checks in another order is not marked down for it.
fn pair_checks(want: &[raw::CaseCheck], got: &[raw::CaseCheck]) -> Vec<Option<usize>> {
    let mut used = vec![false; got.len()];
    let mut out: Vec<Option<usize>> = vec![None; want.len()];
    let same = |a: &raw::CaseCheck, b: &raw::CaseCheck| {
        a.system == b.system && a.subject == b.subject && sorted(&a.purposes) == sorted(&b.purposes)
    };
    let near =
        |a: &raw::CaseCheck, b: &raw::CaseCheck| a.system == b.system && a.subject == b.subject;
    for test in [
        &same as &dyn Fn(&raw::CaseCheck, &raw::CaseCheck) -> bool,
        &near,
    ] {
        for (i, w) in want.iter().enumerate() {
            if out.get(i).copied().flatten().is_some() {
                continue;
            }
            if let Some(j) =
                (0..got.len()).find(|&j| !used[j] && got.get(j).is_some_and(|g| test(w, g)))
            {
                used[j] = true;
                out[i] = Some(j);
            }
        }
    }
    for (i, slot) in out.iter_mut().enumerate() {
        if slot.is_none() && used.get(i) == Some(&false) {
            used[i] = true;
            *slot = Some(i);
        }
    }
    out
}

fn sorted(v: &[String]) -> Vec<&String> {
    let mut out: Vec<&String> = v.iter().collect();
    out.sort();
    out
}

/// The same answer: lists compared as sets.
fn same(a: &ron::Value, b: &ron::Value) -> bool {
    match (a, b) {
        (ron::Value::Seq(x), ron::Value::Seq(y)) => {
            let key = |v: &ron::Value| format!("{v:?}");
            let mut x: Vec<String> = x.iter().map(key).collect();
            let mut y: Vec<String> = y.iter().map(key).collect();
            x.sort();
            y.sort();
            x == y
        }
        _ => a == b,
    }
}

/// A decision the verdict allows; going ahead with what is not recommended needs a reason.
fn allowed(v: EngineVerdict, decided: Option<&raw::OfficerDecision>) -> bool {
    let Some(d) = decided else { return false };
    if d.choice == Choice::Undecided || !record::choices(v).contains(&d.choice) {
        return false;
    }
    !(v == EngineVerdict::NotRecommended
        && d.choice == Choice::Proceed
        && d.reason.trim().is_empty())
}

/// A class's results at a glance.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Class {
    /// How many results scored in each tenth: `[0]` is 0–9%, ..., `[9]` is 90–100%.
    pub distribution: [usize; 10],
    /// Steps by how many items on them were missed, most first (ties by name).
    pub missed_steps: Vec<(String, usize)>,
    /// Rules by how many missed items they are behind, most first (ties by id).
    pub missed_rules: Vec<(String, usize)>,
    /// The results, as given.
    pub results: Vec<TraineeResult>,
}

impl Class {
    pub fn new(results: Vec<TraineeResult>) -> Self {
        let mut distribution = [0usize; 10];
        let mut steps: BTreeMap<String, usize> = BTreeMap::new();
        let mut rules: BTreeMap<String, usize> = BTreeMap::new();
        for r in &results {
            let bin = (r.percent() / 10).min(9);
            if let Some(slot) = distribution.get_mut(bin) {
                *slot += 1;
            }
            for i in r.items.iter().filter(|i| !i.correct) {
                *steps.entry(i.step.clone()).or_default() += 1;
                for rule in &i.rules {
                    *rules.entry(rule.clone()).or_default() += 1;
                }
            }
        }
        let ranked = |m: BTreeMap<String, usize>| {
            let mut v: Vec<(String, usize)> = m.into_iter().collect();
            v.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
            v
        };
        Self {
            distribution,
            missed_steps: ranked(steps),
            missed_rules: ranked(rules),
            results,
        }
    }

    /// One row per result: trainee, scenario, completed, right, total, percent,
    /// the steps and the rules missed. Fields are quoted where needed, and one
    /// that a spreadsheet would read as a formula is prefixed with `'`.
    pub fn to_csv(&self) -> String {
        let mut out = String::from(
            "trainee,scenario,completed,correct,total,percent,missed_steps,missed_rules\n",
        );
        for r in &self.results {
            let (right, all) = r.score();
            let mut steps: Vec<&str> = Vec::new();
            let mut rules: Vec<&str> = Vec::new();
            for i in r.items.iter().filter(|i| !i.correct) {
                if !steps.contains(&i.step.as_str()) {
                    steps.push(&i.step);
                }
                for rule in &i.rules {
                    if !rules.contains(&rule.as_str()) {
                        rules.push(rule);
                    }
                }
            }
            let row = [
                csv_field(&r.trainee),
                csv_field(&r.scenario),
                csv_field(&r.completed),
                right.to_string(),
                all.to_string(),
                r.percent().to_string(),
                csv_field(&steps.join(" ")),
                csv_field(&rules.join(" ")),
            ];
            out.push_str(&row.join(","));
            out.push('\n');
        }
        out
    }
}

/// How a class answered one scored point: how many right, and each choice made.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Choices {
    pub step: String,
    pub what: String,
    pub right: usize,
    pub total: usize,
    /// Each choice in words, with how many made it, most first (ties by words).
    pub chose: Vec<(String, usize)>,
}

impl Class {
    /// The class's choices on scenario `title`, point by point, in the order met.
    pub fn choices(&self, title: &str) -> Vec<Choices> {
        let mut out: Vec<Choices> = Vec::new();
        for r in self.results.iter().filter(|r| r.scenario == title) {
            for i in &r.items {
                let at = if let Some(at) = out
                    .iter()
                    .position(|c| c.step == i.step && c.what == i.what)
                {
                    at
                } else {
                    out.push(Choices {
                        step: i.step.clone(),
                        what: i.what.clone(),
                        ..Choices::default()
                    });
                    out.len() - 1
                };
                let Some(c) = out.get_mut(at) else { continue };
                c.total += 1;
                c.right += usize::from(i.correct);
                let words = if i.chose.is_empty() {
                    "not recorded"
                } else {
                    i.chose.as_str()
                };
                if let Some(slot) = c.chose.iter_mut().find(|(w, _)| w == words) {
                    slot.1 += 1;
                } else {
                    c.chose.push((words.to_owned(), 1));
                }
            }
        }
        for c in &mut out {
            c.chose
                .sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        }
        out
    }
}

fn csv_field(text: &str) -> String {
    let text = if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    };
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text
    }
}
