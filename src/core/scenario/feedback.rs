//! Feedback for a trainee (issue 18): after a step in practice, what they chose
//! against what the guidance expects, with the rules and their sources; at the
//! end of an assessment, a score per step and overall and what was missed.
//!
//! Everything here is read from the scenario, its run and the guidance: the
//! window only draws it.

use std::fmt::Write as _;

use super::results::{self, Detail, TraineeResult};
use super::{Ran, Scenario, TeachingPoint};
use crate::core::guidance::Guidance;
use crate::core::raw;
use crate::core::wizard;

/// A rule as feedback cites it: its id, title, what it means, and its sources.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cited {
    pub id: String,
    pub title: String,
    pub explanation: String,
    /// Each source in words: title, publisher and date, with the section for the first.
    pub sources: Vec<String>,
}

/// Feedback on one step of the wizard.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepFeedback {
    /// The step's id and heading.
    pub step: String,
    pub heading: String,
    /// Each point scored on the step, with what was expected and chosen.
    pub lines: Vec<Detail>,
    /// What the scenario teaches at this step.
    pub teaching: Vec<TeachingPoint>,
    /// Every rule behind a line or a teaching point, cited once, in the order met.
    pub rules: Vec<Cited>,
}

impl StepFeedback {
    /// Points right, and points in all.
    pub fn score(&self) -> (usize, usize) {
        let right = self.lines.iter().filter(|l| l.item.correct).count();
        (right, self.lines.len())
    }
}

/// The rule `id` as feedback cites it (its id alone when the guidance lacks it).
pub fn cite(g: &Guidance, id: &str) -> Cited {
    let Some(r) = g.rule(id) else {
        return Cited {
            id: id.to_owned(),
            title: String::new(),
            explanation: String::new(),
            sources: Vec::new(),
        };
    };
    let r = &r.rule;
    let sources = r
        .sources
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let mut words = g.sources.get(s).map_or_else(
                || s.clone(),
                |src| format!("{}, {} ({})", src.title, src.publisher, src.date),
            );
            if let (0, Some(section)) = (i, &r.section) {
                let _ = write!(words, ", {section}");
            }
            words
        })
        .collect();
    Cited {
        id: r.id.clone(),
        title: r.title.clone(),
        explanation: r.explanation.clone(),
        sources,
    }
}

/// The heading of step `id` under `g` (the id itself when unknown).
pub fn heading(g: &Guidance, id: &str) -> String {
    wizard::steps(g)
        .iter()
        .find_map(|s| match s {
            wizard::StepKind::Questions(q) if q.id == id => Some(q.heading.clone()),
            _ => None,
        })
        .unwrap_or_else(|| match id {
            wizard::ACTIONS_STEP => "Actions and next steps".to_owned(),
            _ => id.to_owned(),
        })
}

/// Feedback on step `step` of the case `trainee` is recording.
pub fn step_feedback(
    g: &Guidance,
    sc: &Scenario,
    ran: &Ran,
    trainee: &raw::Case,
    step: &str,
) -> StepFeedback {
    let lines: Vec<Detail> = results::details(g, sc, ran, trainee)
        .into_iter()
        .filter(|d| d.item.step == step)
        .collect();
    let teaching: Vec<TeachingPoint> = sc
        .teaching
        .iter()
        .filter(|t| t.step == step)
        .cloned()
        .collect();
    let mut ids: Vec<&str> = Vec::new();
    // The rules behind what was missed first: those are the ones to read.
    let mut by_need: Vec<&Detail> = lines.iter().filter(|l| !l.item.correct).collect();
    by_need.extend(lines.iter().filter(|l| l.item.correct));
    for l in by_need {
        for r in &l.item.rules {
            if !ids.contains(&r.as_str()) {
                ids.push(r);
            }
        }
    }
    for t in &teaching {
        for r in &t.rules {
            if !ids.contains(&r.as_str()) {
                ids.push(r);
            }
        }
    }
    let rules = ids.into_iter().map(|id| cite(g, id)).collect();
    StepFeedback {
        step: step.to_owned(),
        heading: heading(g, step),
        lines,
        teaching,
        rules,
    }
}

/// A score on one step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StepScore {
    pub step: String,
    pub heading: String,
    pub right: usize,
    pub total: usize,
}

/// The end of an assessment: the score per step and overall, and what was missed.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    pub result: TraineeResult,
    pub steps: Vec<StepScore>,
    /// Each point missed, with what was expected and chosen.
    pub missed: Vec<Detail>,
    /// The rules behind what was missed, cited once each.
    pub rules: Vec<Cited>,
}

/// Scores the case `trainee` recorded and says what was missed.
pub fn report(
    g: &Guidance,
    sc: &Scenario,
    ran: &Ran,
    trainee: &raw::Case,
    who: &str,
    completed: &str,
) -> Report {
    let all = results::details(g, sc, ran, trainee);
    let result = TraineeResult {
        trainee: who.to_owned(),
        scenario: sc.title.clone(),
        completed: completed.to_owned(),
        items: all
            .iter()
            .map(|d| super::results::Item {
                chose: d.chose.clone(),
                ..d.item.clone()
            })
            .collect(),
    };
    let order: Vec<String> = wizard::steps(g).iter().map(|s| s.id().to_owned()).collect();
    let mut steps: Vec<StepScore> = result
        .by_step()
        .into_iter()
        .map(|(step, right, total)| StepScore {
            heading: heading(g, &step),
            step,
            right,
            total,
        })
        .collect();
    // In the wizard's order, as the trainee met them.
    steps.sort_by_key(|s| {
        order
            .iter()
            .position(|o| *o == s.step)
            .unwrap_or(usize::MAX)
    });
    let missed: Vec<Detail> = all.into_iter().filter(|d| !d.item.correct).collect();
    let mut ids: Vec<&str> = Vec::new();
    for d in &missed {
        for r in &d.item.rules {
            if !ids.contains(&r.as_str()) {
                ids.push(r);
            }
        }
    }
    let rules = ids.into_iter().map(|id| cite(g, id)).collect();
    Report {
        result,
        steps,
        missed,
        rules,
    }
}
