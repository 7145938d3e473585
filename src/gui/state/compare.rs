//! A case opened under guidance other than the guidance it was decided under:
//! what differs, side by side, and the officer's choice to keep the record as
//! decided (read-only) or to decide again under the guidance in force now.

use std::path::PathBuf;

use super::{GuiState, Recorded, Screen, usable};
use crate::core::pinned::{self, Difference};
use crate::core::raw::{self, DecidedUnder};
use crate::core::trail;
use crate::core::wizard::Wizard;

/// A case waiting for the officer's choice.
pub struct Comparison {
    /// The file it was read from.
    pub name: String,
    /// The file's text, for keeping it read-only as recorded.
    pub text: String,
    pub case: raw::Case,
    /// The guidance it was decided under, in words.
    pub then: String,
    /// The guidance in force now, in words.
    pub now: String,
    pub differences: Vec<Difference>,
    /// The officer's reason for deciding again, as typed.
    pub reason: String,
    /// The draft it came from, for a recovery.
    pub draft: Option<String>,
    /// The guidance in force now: the national pack in force today and the
    /// force profile chosen.
    pub pack: String,
    pub profile: Option<String>,
}

impl Comparison {
    /// The draft id (and lock) of the case waiting.
    pub fn id(&self) -> String {
        self.draft
            .clone()
            .unwrap_or_else(|| GuiState::draft_id_for_path(std::path::Path::new(&self.name)))
    }
}

impl GuiState {
    /// Shows the comparison and returns true when `case` was decided under
    /// guidance other than the guidance in force in the window now.
    pub(super) fn compare_if_decided_elsewhere(
        &mut self,
        name: &str,
        text: &str,
        case: &raw::Case,
        draft: Option<&String>,
    ) -> bool {
        let Some(pin) = &case.decided_under else {
            return false;
        };
        // An unfinished draft whose own guidance is unchanged resumes as it was.
        if draft.is_some()
            && !self.locked_out(case)
            && usable(
                &self.library,
                &self.problems,
                &case.pack,
                case.profile.as_deref(),
            )
            .is_ok_and(|own| pinned::same_guidance(pin, &own))
        {
            return false;
        }
        // The guidance in force now: today's national pack, the profile chosen
        // (or the one the installation is locked to).
        let pack = self
            .pack_in_force_today()
            .filter(|p| self.pack_allowed(p))
            .unwrap_or_else(|| self.pack.clone());
        let profile = match &self.lock {
            Some(l) => Some(l.profile.clone()),
            None => self.profile.clone(),
        };
        let Ok(g) = usable(&self.library, &self.problems, &pack, profile.as_deref()) else {
            return false;
        };
        if pinned::same_guidance(pin, &g) {
            return false;
        }
        let mut now_case = case.clone();
        now_case.pack.clone_from(&pack);
        now_case.profile.clone_from(&profile);
        let w = Wizard::from_case(&g, now_case);
        let outcome = pinned::outcome(&w.assess(&g));
        let now = pinned::decided_under(&g, &w.assess(&g));
        self.comparison = Some(Comparison {
            name: name.to_owned(),
            text: text.to_owned(),
            case: case.clone(),
            then: pinned::words(pin),
            now: pinned::words(&now),
            differences: pinned::differences(&pin.outcome, &outcome),
            reason: String::new(),
            draft: draft.cloned(),
            pack,
            profile,
        });
        self.message = None;
        self.screen = Screen::Compare;
        true
    }

    /// Keeps the record as it was decided: shown read-only, as recorded.
    pub(super) fn keep_as_decided(&mut self) {
        let Some(c) = self.comparison.take() else {
            return;
        };
        let why = format!(
            "Kept as decided under {}. The guidance in force now is {}; the differences were shown when the case was opened.",
            c.then, c.now
        );
        self.recorded = Some(Recorded {
            name: c.name,
            why: why.clone(),
            text: c.text,
            message: why,
        });
        self.screen = Screen::Recorded;
    }

    /// Decides the case again under the guidance in force now, recording why.
    pub(super) fn decide_again(&mut self) {
        let Some(c) = &self.comparison else {
            return;
        };
        if c.reason.trim().is_empty() {
            self.message = Some(
                "Say why the case is being decided again under the guidance in force now: the reason is recorded in its trail.".to_owned(),
            );
            return;
        }
        let Some(c) = self.comparison.take() else {
            return;
        };
        let Ok(g) = usable(&self.library, &self.problems, &c.pack, c.profile.as_deref()) else {
            return;
        };
        self.pack.clone_from(&c.pack);
        self.profile.clone_from(&c.profile);
        let now = self.now();
        let mut case = c.case;
        case.pack.clone_from(&c.pack);
        case.profile.clone_from(&c.profile);
        case.completed = None;
        case.step = None;
        let pin_then: Option<DecidedUnder> = case.decided_under.take();
        trail::append(
            &mut case,
            &now,
            &trail::Event {
                event: "re-decided".to_owned(),
                about: "record".to_owned(),
                item: c.reason.trim().to_owned(),
                from: pin_then.as_ref().map(pinned::words).unwrap_or_default(),
                to: c.now.clone(),
                text: false,
            },
        );
        // Each verdict that the new guidance changes, as the trail records any.
        for d in c
            .differences
            .iter()
            .filter(|d| d.what.ends_with(": verdict"))
        {
            trail::append(
                &mut case,
                &now,
                &trail::Event {
                    event: "verdict shown".to_owned(),
                    about: d.what.trim_end_matches(": verdict").to_owned(),
                    item: "verdict".to_owned(),
                    from: d.then.clone(),
                    to: d.now.clone(),
                    text: false,
                },
            );
        }
        let mut w = Wizard::from_case(&g, case);
        w.case.decided_under = Some(pinned::decided_under(&g, &w.assess(&g)));
        self.guidance = Ok(g);
        let path = Some(PathBuf::from(&c.name)).filter(|_| !c.name.is_empty() && c.draft.is_none());
        let id = c
            .draft
            .unwrap_or_else(|| Self::draft_id_for_path(std::path::Path::new(&c.name)));
        self.open(w, path, crate::core::diagnostic::Diagnostics::default(), id);
        if let Some(open) = &mut self.case {
            open.dirty = true;
            open.autosave_due = true;
        }
        self.message = Some(format!(
            "The case is now decided under {}. Its trail records the change and your reason; check each step again.",
            c.now
        ));
    }
}
