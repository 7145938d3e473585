//! The officer's record as the wizard changes it: each answer, check,
//! decision, action, the officer's and supervisor's details, all through
//! [`GuiState::edit`] (verdicts again, the trail, the draft).

use super::{Action, GuiState, usable};
use crate::core::guidance::Guidance;
use crate::core::wizard::About;
use crate::core::wizard::Wizard;

impl GuiState {
    /// The actions that change the case's answers and record.
    pub(super) fn record_action(&mut self, action: Action, now: &str) {
        match action {
            Action::SetAnswer(about, fact, answer) => {
                self.edit(|w, g| w.set_answer(g, about, &fact, answer, now));
            }
            Action::AddCheck => self.edit(|w, _| {
                w.add_check();
            }),
            Action::RemoveCheck(i) => self.edit(|w, g| w.remove_check(g, i, now)),
            Action::ProposeIe(yes) => self.edit(|w, _| w.set_ie_proposed(yes, now)),
            Action::Decide(about, d) => self.edit(|w, _| {
                w.decided();
                match about {
                    About::Check(i) => {
                        if let Some(c) = w.case.checks.get_mut(i) {
                            c.decision = Some(d);
                        }
                    }
                    About::IeContact => {
                        if let Some(ie) = &mut w.case.ie_contact {
                            ie.decision = Some(d);
                        }
                    }
                    About::Case => {}
                }
            }),
            Action::SetAction(id, rec) => self.edit(|w, _| {
                w.decided();
                w.case.actions.insert(id, rec);
            }),
            Action::SetOfficer(o) => self.edit(|w, _| {
                w.decided();
                w.case.officer = Some(o);
            }),
            Action::SetSupervisor(s) => self.edit(|w, _| {
                w.decided();
                w.case.supervisor = Some(s);
            }),
            Action::SetReviewWhen(t) => self.edit(|w, _| {
                w.decided();
                w.case.review = t;
            }),
            _ => {}
        }
    }

    pub(super) fn edit(&mut self, f: impl FnOnce(&mut Wizard, &Guidance)) {
        let now = self.now();
        let Some(before) = self.case.as_ref().map(|o| o.wizard.clone()) else {
            return;
        };
        if let (Ok(g), Some(open)) = (&self.guidance, &mut self.case) {
            if open.wizard.case.completed.is_some() {
                // A change after finishing reopens the record.
                open.wizard.case.completed = None;
            }
            f(&mut open.wizard, g);
            open.dirty = true;
        }
        let was = self.case.as_ref().map(|o| o.assessment.clone());
        self.reassess();
        if let (Ok(g), Some(open), Some(was)) = (&self.guidance, &mut self.case, was) {
            let events =
                crate::core::trail::events(g, &before, &open.wizard, &was, &open.assessment);
            open.recorder.record(&mut open.wizard.case, &now, events);
            open.wizard.case.decided_under =
                Some(crate::core::pinned::decided_under(g, &open.assessment));
            open.autosave_due = true;
        }
    }

    pub(super) fn resolve(&mut self) {
        self.guidance = usable(
            &self.library,
            &self.problems,
            &self.pack,
            self.profile.as_deref(),
        );
        let Some(open) = &self.case else {
            return;
        };
        let (pack, profile) = (self.pack.clone(), self.profile.clone());
        if open.wizard.case.pack == pack && open.wizard.case.profile == profile {
            self.reassess();
            return;
        }
        // The open case moves to the guidance chosen: recorded in its trail.
        let words = |pack: &str, profile: Option<&str>| match profile {
            Some(p) => format!("{pack} with {p}"),
            None => pack.to_owned(),
        };
        let then = words(&open.wizard.case.pack, open.wizard.case.profile.as_deref());
        let now = words(&pack, profile.as_deref());
        let at = self.now();
        if let Some(open) = &mut self.case {
            crate::core::trail::append(
                &mut open.wizard.case,
                &at,
                &crate::core::trail::Event {
                    event: "guidance chosen".to_owned(),
                    about: "record".to_owned(),
                    item: "national pack and force profile".to_owned(),
                    from: then,
                    to: now,
                    text: false,
                },
            );
        }
        self.edit(|w, _| {
            w.case.pack = pack;
            w.case.profile = profile;
        });
    }
}
