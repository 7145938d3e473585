//! Required actions that fall away with the proposal they are about.
//!
//! The engine gives the actions the guidance requires from the answers alone.
//! Some are part of carrying out a proposed check or contact (a pack marks
//! them `only_if_going_ahead`: telling the person what would be shared with
//! Immigration Enforcement). Once what requires them cannot go ahead (it is
//! refused) or the officer records not doing it, asking for them would be
//! wrong, so they move to `not_needed`, with why.
//! Every other required action stays, whatever the officer decided.

use super::engine::{Assessment, NotNeeded, Verdict};
use super::guidance::Guidance;
use super::raw::{self, Choice, Target};

/// Moves the required actions that are not needed, given the officer's
/// decisions in `case`, from `a.required` to `a.not_needed`.
pub fn settle(g: &Guidance, case: &raw::Case, a: &mut Assessment) {
    let declined =
        |d: Option<&raw::OfficerDecision>| d.is_some_and(|d| d.choice == Choice::DoNotProceed);
    // Why the contact will not be made, if it will not: refused, or declined.
    let contact = if a.ie_contact.verdict == Verdict::Refused {
        Some("the contact with Immigration Enforcement is refused, so it will not be made")
    } else if declined(case.ie_contact.as_ref().and_then(|c| c.decision.as_ref())) {
        Some("you recorded not making the contact with Immigration Enforcement")
    } else {
        None
    };
    let none_of_the_checks = !case.checks.is_empty()
        && case.checks.iter().enumerate().all(|(i, c)| {
            declined(c.decision.as_ref())
                || a.checks
                    .get(i)
                    .is_some_and(|o| o.verdict == Verdict::Refused)
        });
    let checks = none_of_the_checks
        .then_some("none of the proposed checks will be done (each is refused or declined)");
    let mut keep = Vec::new();
    for r in std::mem::take(&mut a.required) {
        let why = if g.action(&r.action).is_some_and(|d| d.only_if_going_ahead) {
            // Not needed only when every decision that requires it is about
            // something that will not go ahead.
            let whys: Vec<Option<&str>> = r
                .reasons
                .iter()
                .map(|reason| {
                    match g
                        .decisions
                        .iter()
                        .find(|d| d.decision.id == reason.decision)
                        .map(|d| d.decision.applies_to)
                    {
                        Some(Target::IeContact) => contact,
                        Some(Target::Check) => checks,
                        _ => None,
                    }
                })
                .collect();
            if whys.iter().all(Option::is_some) {
                whys.first().copied().flatten()
            } else {
                None
            }
        } else {
            None
        };
        match why {
            Some(why) => a.not_needed.push(NotNeeded {
                action: r,
                why: why.to_owned(),
            }),
            None => keep.push(r),
        }
    }
    a.required = keep;
}
