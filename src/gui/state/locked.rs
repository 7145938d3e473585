//! A locked installation in the window (issue 19): the force's profile is the
//! only one, whatever the settings remember, and the state refuses another
//! (the start screen shows it as fixed text, but the refusal is here).
//! A case made under another profile that recorded its outcome is compared
//! with the outcome under the locked profile (`compare.rs`); one that recorded
//! none is offered read-only, as recorded, never assessed under its own
//! profile (that would be a verdict under it). Nothing under another profile is
//! saved or given a note.

use super::GuiState;
use crate::core::lock::Lock;
use crate::core::raw;

impl GuiState {
    /// Puts the window under `lock`: the locked profile, on a national pack
    /// it can be used with (the pack chosen, else the current one, else the
    /// first that works). The settings' remembered profile is ignored.
    pub fn lock_to(&mut self, lock: Lock) {
        let profile = lock.profile.clone();
        self.lock = Some(lock);
        if !self.pack_allowed(&self.pack) {
            let current = self.library.current_pack().map(str::to_owned);
            let first = self
                .library
                .pack_ids()
                .into_iter()
                .find(|p| self.pack_allowed(p))
                .map(str::to_owned);
            if let Some(p) = current.filter(|p| self.pack_allowed(p)).or(first) {
                self.pack = p;
            }
        }
        self.profile = Some(profile);
        self.resolve();
    }

    /// Whether a new case may be decided under `pack`: always, unless the
    /// installation is locked to a profile that cannot be used with it.
    pub fn pack_allowed(&self, pack: &str) -> bool {
        self.lock.as_ref().is_none_or(|l| {
            self.library
                .incompatibility(pack, Some(&l.profile))
                .is_none()
        })
    }

    /// Refuses a profile other than the lock's, saying why; true when refused.
    pub(super) fn lock_refuses_profile(&mut self, profile: Option<&str>) -> bool {
        let Some(lock) = &self.lock else {
            return false;
        };
        if profile == Some(lock.profile.as_str()) {
            return false;
        }
        self.message = Some(format!(
            "This installation is {}: your force has set the profile, so another cannot be chosen.",
            lock.words()
        ));
        true
    }

    /// Refuses a national pack the locked profile cannot be used with; true when refused.
    pub(super) fn lock_refuses_pack(&mut self, pack: &str) -> bool {
        if self.pack_allowed(pack) {
            return false;
        }
        let why = self
            .lock
            .as_ref()
            .and_then(|l| self.library.incompatibility(pack, Some(&l.profile)))
            .unwrap_or_default();
        self.message = Some(format!(
            "This national pack cannot be chosen here: your force has set the force profile, and {why}."
        ));
        true
    }

    /// A case started by the officer (not a training session's): on a locked
    /// installation always under the force's profile, whatever was chosen.
    pub(super) fn new_real_case(&mut self, now: &str) {
        if let Some(lock) = &self.lock
            && self.profile.as_deref() != Some(lock.profile.as_str())
        {
            self.profile = Some(lock.profile.clone());
            self.resolve();
        }
        self.new_case(now);
    }

    /// On a locked installation, refuses to save or make a note of a case
    /// under another profile (a training scenario's case is one): says why;
    /// true when refused. Nothing made under another profile leaves the window
    /// as a record.
    pub(super) fn lock_refuses_record(&mut self) -> bool {
        let (Some(lock), Some(open)) = (&self.lock, &self.case) else {
            return false;
        };
        if !self.locked_out(&open.wizard.case) {
            return false;
        }
        let made = made_under(open.wizard.case.profile.as_deref());
        self.message = Some(format!(
            "This case is under {made} (a training scenario's, or a case opened to read), and this installation is {}: it is not saved or given a decision note here.",
            lock.words()
        ));
        true
    }

    /// Whether the installation is locked to a profile other than the case's.
    pub(super) fn locked_out(&self, case: &raw::Case) -> bool {
        self.lock
            .as_ref()
            .is_some_and(|l| case.profile.as_deref() != Some(l.profile.as_str()))
    }

    /// Why a case under another profile is not opened for work here, in words.
    pub(super) fn lock_words(&self, case: &raw::Case) -> Option<String> {
        let lock = self.lock.as_ref().filter(|_| self.locked_out(case))?;
        let made = made_under(case.profile.as_deref());
        Some(format!(
            "This case was made under {made}, and this installation is {}: it can be read as recorded, not given verdicts.",
            lock.words()
        ))
    }
}

/// The guidance a case was made under, in words: `force profile "x"`, or
/// national guidance only.
fn made_under(profile: Option<&str>) -> String {
    profile.map_or_else(
        || "national guidance only".to_owned(),
        |p| format!("force profile \"{p}\""),
    )
}
