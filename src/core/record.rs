//! The officer's record: which decisions may be recorded against a verdict, and
//! what still blocks completing the case.
//!
//! Rules (from the issue and the guidance's own verdict meanings):
//! - a refused check or contact can only be recorded as not done (or the
//!   proposal changed); it is never offered as "go ahead";
//! - going ahead with something not recommended needs a further reason, and
//!   then a supervisor's review;
//! - a deferral records when it will be reconsidered;
//! - every required action is done, or has a note why not; prohibited actions
//!   are listed, never offered;
//! - the officer's name, role and a crime reference in the force's format;
//! - a supervisor's review when the guidance requires one.

use super::changes::ChangeShown;
use super::engine::{Assessment, Verdict};
use super::guidance::{Guidance, check_fact};
use super::raw::{self, Choice};
use super::wizard::{ACTIONS_STEP, About, REVIEW_STEP, StepKind, Wizard, step_of_scope, steps};

/// The required action that asks for a supervisor's review (declared with the
/// guidance model, whose lint checks that the baseline pack has it).
pub use super::guidance::SUPERVISOR_REVIEW_ACTION;

/// The choices an officer may record against a verdict, in the order offered.
pub fn choices(verdict: Verdict) -> Vec<Choice> {
    match verdict {
        Verdict::Permitted => vec![Choice::Proceed, Choice::DoNotProceed, Choice::Defer],
        Verdict::NotRecommended => vec![Choice::DoNotProceed, Choice::Defer, Choice::Proceed],
        Verdict::Defer => vec![Choice::Defer, Choice::DoNotProceed],
        Verdict::Refused | Verdict::Incomplete => vec![Choice::DoNotProceed],
        Verdict::NotProposed => Vec::new(),
    }
}

/// The choice in plain words.
pub fn choice_words(c: Choice) -> &'static str {
    match c {
        Choice::Undecided => "Not decided yet",
        Choice::Proceed => "Go ahead",
        Choice::DoNotProceed => "Do not do it",
        Choice::Defer => "Wait, and reconsider later",
    }
}

/// Whether `text` fits a crime reference `format`: `A` a letter, `9` a digit,
/// anything else itself. An empty format accepts any non-blank text.
pub fn crime_reference_fits(format: &str, text: &str) -> bool {
    let text = text.trim();
    if format.is_empty() {
        return !text.is_empty();
    }
    text.chars().count() == format.chars().count()
        && format.chars().zip(text.chars()).all(|(f, t)| match f {
            'A' => t.is_ascii_alphabetic(),
            '9' => t.is_ascii_digit(),
            other => other == t,
        })
}

/// Something that stops the case being completed: where, what, and what to do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Blocker {
    /// The step to go to.
    pub step: String,
    /// What it is about, as the officer sees it: "Check 1", "Contact with Immigration Enforcement".
    pub item: String,
    pub message: String,
    /// The field on that step that fixes it: where the error summary's link
    /// puts the focus, and where the same message is shown beside the field.
    pub field: Field,
}

/// A field of the record that a blocker is about.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Field {
    /// An answer to a question about the case, a check or the contact.
    Answer(About, String),
    /// The verdict on a check or the contact (questions still open).
    Verdict(About),
    /// The officer's choice about a check or the contact.
    Decision(About),
    /// The reason for that choice.
    DecisionReason(About),
    /// When a deferred check or contact will be reconsidered.
    Reconsider(About),
    /// A required action on the checklist, by id.
    Action(String),
    OfficerName,
    OfficerRole,
    CrimeReference,
    Supervisor,
}

/// An example of a crime reference in a force's format (`A` a letter, `9` a
/// digit, anything else itself): "CR/12345/67" for "CR/99999/99".
pub fn crime_reference_example(format: &str) -> String {
    let mut digits = "1234567890".chars().cycle();
    let mut letters = "ABCDEFGHJK".chars().cycle();
    format
        .chars()
        .map(|c| match c {
            '9' => digits.next().unwrap_or('0'),
            'A' => letters.next().unwrap_or('A'),
            other => other,
        })
        .collect()
}

/// Whether the decisions recorded need a supervisor's review.
pub fn needs_supervisor(case: &raw::Case, a: &Assessment) -> bool {
    let proceeds_against_advice = |v: Verdict, d: Option<&raw::OfficerDecision>| {
        v == Verdict::NotRecommended && d.is_some_and(|d| d.choice == Choice::Proceed)
    };
    a.required
        .iter()
        .any(|r| r.action == SUPERVISOR_REVIEW_ACTION)
        || a.checks
            .iter()
            .zip(&case.checks)
            .any(|(o, c)| proceeds_against_advice(o.verdict, c.decision.as_ref()))
        || case
            .ie_contact
            .as_ref()
            .is_some_and(|ie| proceeds_against_advice(a.ie_contact.verdict, ie.decision.as_ref()))
}

fn decision_blockers(
    out: &mut Vec<Blocker>,
    step: &str,
    (item, about): (&str, About),
    verdict: Verdict,
    decision: Option<&raw::OfficerDecision>,
) {
    let mut push = |message: String, field: Field| {
        out.push(Blocker {
            step: step.to_owned(),
            item: item.to_owned(),
            message,
            field,
        });
    };
    if verdict == Verdict::Incomplete {
        push(
            "Answer the questions still open: the guidance cannot give a verdict yet.".to_owned(),
            Field::Verdict(about),
        );
    }
    let Some(d) = decision.filter(|d| d.choice != Choice::Undecided) else {
        push(
            "Record what you will do, and why.".to_owned(),
            Field::Decision(about),
        );
        return;
    };
    if !choices(verdict).contains(&d.choice) {
        push(
            format!(
                "\"{}\" cannot be recorded when the verdict is {}: record that you will not do it, or change what is proposed.",
                choice_words(d.choice),
                verdict_words(verdict)
            ),
            Field::Decision(about),
        );
    }
    if d.reason.trim().is_empty() {
        let what = if verdict == Verdict::NotRecommended && d.choice == Choice::Proceed {
            "Record the further reason for going ahead although it is not recommended."
        } else {
            "Record why you decided this."
        };
        push(what.to_owned(), Field::DecisionReason(about));
    }
    if d.choice == Choice::Defer && d.reconsider.trim().is_empty() {
        push(
            "Record the juncture or date at which it will be reconsidered.".to_owned(),
            Field::Reconsider(about),
        );
    }
}

/// A verdict in plain words, lower case, for messages.
pub fn verdict_words(v: Verdict) -> &'static str {
    match v {
        Verdict::NotProposed => "not proposed",
        Verdict::Permitted => "permitted",
        Verdict::Incomplete => "incomplete",
        Verdict::Defer => "defer",
        Verdict::NotRecommended => "not recommended",
        Verdict::Refused => "refused",
    }
}

/// Everything that stops the case being completed, in step order.
pub fn blockers(case: &raw::Case, g: &Guidance, a: &Assessment) -> Vec<Blocker> {
    let mut out = Vec::new();
    let checks_step = step_of_scope(g, raw::Scope::Check).unwrap_or_default();
    for (i, (o, c)) in a.checks.iter().zip(&case.checks).enumerate() {
        let item = format!("Check {}", i + 1);
        if c.reason.trim().is_empty() {
            out.push(Blocker {
                step: checks_step.clone(),
                item: item.clone(),
                message: "Record why this check is needed.".to_owned(),
                field: Field::Answer(About::Check(i), check_fact::REASON.to_owned()),
            });
        }
        decision_blockers(
            &mut out,
            &checks_step,
            (&item, About::Check(i)),
            o.verdict,
            c.decision.as_ref(),
        );
    }
    if let Some(ie) = &case.ie_contact {
        let step = step_of_scope(g, raw::Scope::IeContact).unwrap_or_default();
        decision_blockers(
            &mut out,
            &step,
            ("Contact with Immigration Enforcement", About::IeContact),
            a.ie_contact.verdict,
            ie.decision.as_ref(),
        );
    }
    for r in &a.required {
        let rec = case.actions.get(&r.action);
        if !rec.is_some_and(|x| x.done || !x.note.trim().is_empty()) {
            out.push(Blocker {
                step: ACTIONS_STEP.to_owned(),
                item: r.label.clone(),
                message: "Tick it as done, or record why not.".to_owned(),
                field: Field::Action(r.action.clone()),
            });
        }
    }
    let officer = case.officer.clone().unwrap_or_default();
    let mut review = |item: &str, message: String, field: Field| {
        out.push(Blocker {
            step: REVIEW_STEP.to_owned(),
            item: item.to_owned(),
            message,
            field,
        });
    };
    if officer.name.trim().is_empty() {
        review(
            "Your name or collar number",
            "Record your name or collar number.".to_owned(),
            Field::OfficerName,
        );
    }
    if officer.role.trim().is_empty() {
        review(
            "Your role",
            "Record your role.".to_owned(),
            Field::OfficerRole,
        );
    }
    let format = g
        .profile
        .as_ref()
        .map(|p| p.crime_reference_format.as_str())
        .unwrap_or_default();
    if !crime_reference_fits(format, &officer.crime_reference) {
        let message = if format.is_empty() {
            "Record the crime reference.".to_owned()
        } else {
            format!(
                "Record the crime reference in the form {format} (A a letter, 9 a digit), for example {}.",
                crime_reference_example(format)
            )
        };
        review("Crime reference", message, Field::CrimeReference);
    }
    if needs_supervisor(case, a)
        && case
            .supervisor
            .as_ref()
            .is_none_or(|s| s.name.trim().is_empty())
    {
        review(
            "Supervisor's review",
            "A supervisor must review this decision: record their name or collar number."
                .to_owned(),
            Field::Supervisor,
        );
    }
    out
}

/// A step's status in the task list: the truth about what is left there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StepStatus {
    NotStarted,
    InProgress,
    Completed,
    /// Nothing is asked here for this case, and why ("no checks proposed").
    NothingToDo(&'static str),
    /// Nothing can be answered here until an earlier step is: which one.
    CannotStartYet(String),
    /// Look again after a change: answers given here are set aside, or the
    /// checklist, once begun, has gained actions. Says which.
    NeedsAttention(&'static str),
}

impl StepStatus {
    pub fn words(&self) -> String {
        match self {
            Self::NotStarted => "not started".to_owned(),
            Self::InProgress => "in progress".to_owned(),
            Self::Completed => "completed".to_owned(),
            Self::NothingToDo(why) => format!("nothing to do: {why}"),
            Self::CannotStartYet(what) => format!("cannot start yet: waits for {what}"),
            Self::NeedsAttention(why) => format!("needs attention: {why}"),
        }
    }

    /// Whether the step is done with, for the steps after it.
    fn settled(&self) -> bool {
        matches!(
            self,
            Self::Completed | Self::NothingToDo(_) | Self::NeedsAttention(_)
        )
    }
}

/// Every step's status, in order. A step of questions is completed when every
/// question that applies is answered and nothing on it blocks completion; one
/// where no question applies says why (no checks or contact proposed) or which
/// earlier step it waits for; one holding answers set aside by a later change
/// needs attention. The actions step waits for the question steps; the review
/// is completed only when the record is.
pub fn step_statuses(
    g: &Guidance,
    w: &Wizard,
    blockers: &[Blocker],
    changes: &[ChangeShown],
) -> Vec<StepStatus> {
    let all = steps(g);
    let mut abouts = vec![About::Case];
    abouts.extend((0..w.case.checks.len()).map(About::Check));
    if w.case.ie_contact.is_some() {
        abouts.push(About::IeContact);
    }
    let aside: Vec<(About, Vec<String>)> =
        abouts.iter().map(|&a| (a, w.relevance(g, a).1)).collect();
    let mut out: Vec<StepStatus> = Vec::with_capacity(all.len());
    for step in &all {
        let blocked = blockers.iter().any(|b| b.step == step.id());
        let waiting = || {
            out.iter()
                .zip(&all)
                .enumerate()
                .find(|(_, (st, _))| !st.settled())
                .map(|(k, (_, s))| format!("step {}, {}", k + 1, step_title(s)))
        };
        let status = match step {
            StepKind::Questions(s) => {
                let mut asked = 0;
                let mut answered = 0;
                for &about in &abouts {
                    for f in w.visible(g, s, about) {
                        asked += 1;
                        if w.answer(g, about, &f.id).is_some_and(|a| a.is_answered()) {
                            answered += 1;
                        }
                    }
                }
                let has = |scope: raw::Scope| {
                    s.facts
                        .iter()
                        .any(|f| g.fact(f).is_some_and(|x| x.scope == scope))
                };
                // Answers a change set aside here: worth a look, until the
                // officer has opened the step since.
                let set_aside = !w.seen_since_change.contains(&s.id)
                    && aside
                        .iter()
                        .any(|(_, ids)| ids.iter().any(|id| s.facts.contains(id)));
                if set_aside {
                    StepStatus::NeedsAttention("answers set aside after a change")
                } else if asked == 0 && has(raw::Scope::Check) && w.case.checks.is_empty() {
                    StepStatus::NothingToDo("no checks proposed")
                } else if asked == 0 && has(raw::Scope::IeContact) && w.case.ie_contact.is_none() {
                    StepStatus::NothingToDo("no contact with Immigration Enforcement proposed")
                } else if asked == 0 {
                    waiting().map_or(
                        StepStatus::NothingToDo("none of its questions apply to this case"),
                        StepStatus::CannotStartYet,
                    )
                } else if answered == 0 {
                    StepStatus::NotStarted
                } else if answered < asked || blocked {
                    StepStatus::InProgress
                } else {
                    StepStatus::Completed
                }
            }
            // Required actions can be ticked as soon as there are any; with
            // none yet, the step waits for the answers that would require them.
            StepKind::Actions => {
                if blocked {
                    if w.case.actions.is_empty() {
                        StepStatus::NotStarted
                    } else if changes
                        .iter()
                        .any(|c| c.added.iter().any(|id| !w.case.actions.contains_key(id)))
                    {
                        // The checklist was begun, then an answer changed and
                        // required something on it not yet recorded.
                        StepStatus::NeedsAttention("a change added to the checklist")
                    } else {
                        StepStatus::InProgress
                    }
                } else if let Some(what) = waiting() {
                    StepStatus::CannotStartYet(what)
                } else {
                    StepStatus::Completed
                }
            }
            StepKind::Review => {
                let begun = w.case.officer.as_ref().is_some_and(|o| {
                    [&o.name, &o.role, &o.crime_reference]
                        .iter()
                        .any(|t| !t.trim().is_empty())
                });
                if w.case.completed.is_some() {
                    StepStatus::Completed
                } else if begun {
                    StepStatus::InProgress
                } else {
                    StepStatus::NotStarted
                }
            }
        };
        out.push(status);
    }
    out
}

/// A step's title as the task list shows it.
pub fn step_title(s: &StepKind) -> &str {
    match s {
        StepKind::Questions(q) => &q.heading,
        StepKind::Actions => "Actions and next steps",
        StepKind::Review => "Review and finish",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refused_is_never_offered_as_go_ahead() {
        assert_eq!(choices(Verdict::Refused), [Choice::DoNotProceed]);
        assert!(!choices(Verdict::Incomplete).contains(&Choice::Proceed));
        assert!(choices(Verdict::NotRecommended).contains(&Choice::Proceed));
    }

    #[test]
    fn crime_reference_format() {
        assert!(crime_reference_fits("CR/99999/99", "CR/12345/26"));
        assert!(!crime_reference_fits("CR/99999/99", "CR/1234/26"));
        assert!(!crime_reference_fits("AA99", "1A99"));
        assert!(crime_reference_fits("", "anything"));
        assert!(!crime_reference_fits("", "  "));
    }
}
