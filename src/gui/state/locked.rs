//! A locked installation in the window (issue 19): the force's profile is the
//! only one, whatever the settings remember, and the state refuses another
//! (the start screen shows it as fixed text, but the refusal is here).
//! A case made under another profile is compared, not opened (`compare.rs`).

use super::{GuiState, usable};
use crate::core::lock::Lock;
use crate::core::pinned;
use crate::core::raw;
use crate::core::wizard::Wizard;

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

    /// A case whose profile is not the lock's, and which records no outcome:
    /// it is compared as if decided under its own guidance, when that is here.
    /// False when there is no lock, the case is under the locked profile, or
    /// its own guidance is not here (the caller offers it as recorded).
    pub(super) fn compare_under_lock(
        &mut self,
        name: &str,
        text: &str,
        case: &raw::Case,
        draft: Option<&String>,
    ) -> bool {
        if !self.locked_out(case) {
            return false;
        }
        let Ok(own) = usable(
            &self.library,
            &self.problems,
            &case.pack,
            case.profile.as_deref(),
        ) else {
            return false;
        };
        let mut pinned_case = case.clone();
        let w = Wizard::from_case(&own, case.clone());
        pinned_case.decided_under = Some(pinned::decided_under(&own, &w.assess(&own)));
        self.compare_if_decided_elsewhere(name, text, &pinned_case, draft)
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
        let made = case.profile.as_deref().map_or_else(
            || "national guidance only".to_owned(),
            |p| format!("force profile \"{p}\""),
        );
        Some(format!(
            "This case was made under {made}, and this installation is {}: it can be read as recorded, not given verdicts.",
            lock.words()
        ))
    }
}
