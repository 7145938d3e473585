//! The case's history in the window: autosaved drafts offered and resumed,
//! recent case files, the pack in force by date, the trail's held-back text,
//! and a case decided under other guidance (kept or decided again).

use super::{Action, Effect, GuiState};
use crate::core::diagnostic::Diagnostics;
use crate::core::wizard;
use crate::core::wizard::Wizard;

/// An unfinished draft, as the start screen offers it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DraftShown {
    pub id: String,
    /// The crime reference, or words saying there is none yet.
    pub reference: String,
    /// When it was last changed (the trail's last entry, else when it was started).
    pub last_change: String,
    /// The step reached, in words.
    pub step: String,
    /// The draft's text, exactly as autosaved.
    pub text: String,
}

impl GuiState {
    /// The actions about drafts, recent cases and re-deciding.
    pub(super) fn history_action(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::DraftRead(id, bytes) => {
                let name = self.drafts.iter().find(|d| d.id == id).map_or_else(
                    || "autosaved draft".to_owned(),
                    |d| format!("autosaved draft ({})", d.reference),
                );
                self.case_read(&name, &bytes, Some(id));
            }
            Action::DraftsFound(d) => self.drafts = d,
            Action::ResumeDraft(id) => {
                if self.would_lose_changes() {
                    return None;
                }
                return Some(Effect::ResumeDraft(id));
            }
            Action::DiscardDraft(id) => self.discard_asked = Some(id),
            Action::ConfirmDiscard(yes) => {
                let id = self.discard_asked.take()?;
                if yes {
                    self.drafts.retain(|d| d.id != id);
                    self.message = Some("The draft is discarded.".to_owned());
                    return Some(Effect::RemoveDraft(id));
                }
            }
            Action::OpenRecent(path) => {
                if self.would_lose_changes() {
                    return None;
                }
                return Some(Effect::ReadCase(path));
            }
            Action::ForgetRecent(path) => {
                let p = path.display().to_string();
                self.settings.recent.retain(|r| r.path != p);
                return Some(Effect::SaveSettings(self.settings.clone()));
            }
            Action::UsePackInForceToday => {
                if let Some(p) = self.pack_in_force_today() {
                    return self.update(Action::SelectPack(p));
                }
            }
            Action::KeepAsDecided => self.keep_as_decided(),
            Action::DecideAgain => self.decide_again(),
            Action::SetRedecideReason(r) => {
                if let Some(c) = &mut self.comparison {
                    c.reason = r;
                }
            }
            _ => {}
        }
        None
    }

    /// With no pack chosen in the settings, starts on the pack in force today
    /// rather than the newest (which may not be in effect yet).
    pub fn start_on_pack_in_force_today(&mut self) {
        if self.settings.pack.is_none()
            && let Some(p) = self.pack_in_force_today()
            && p != self.pack
            && self.pack_allowed(&p)
        {
            self.pack = p;
            self.resolve();
        }
    }

    /// The national pack in force today (by the shell's clock).
    pub fn pack_in_force_today(&self) -> Option<String> {
        let now = self.now();
        self.library.pack_in_force_on(&now).map(str::to_owned)
    }

    /// Writes the text edit the trail was holding back: the officer moved on.
    pub(super) fn settle_trail(&mut self) {
        if let Some(open) = &mut self.case {
            open.recorder.flush(&mut open.wizard.case);
        }
    }

    /// The open case's draft to autosave, when it changed since last asked:
    /// its id and the case file's text (with the text being typed).
    pub fn take_autosave(&mut self) -> Option<(String, crate::core::raw::Case)> {
        let open = self.case.as_mut()?;
        if !open.autosave_due {
            return None;
        }
        open.autosave_due = false;
        let mut case = open.recorder.with_pending(&open.wizard.case);
        if let Ok(g) = &self.guidance {
            case.step = wizard::steps(g)
                .get(open.wizard.step)
                .map(|s| s.id().to_owned());
        }
        // Written out as text on the autosaver's thread, not in the frame.
        Some((open.draft.clone(), case))
    }

    /// The draft id of a case file: the same file gives the same id, so that
    /// two windows opening it meet at one lock.
    pub fn draft_id_for_path(path: &std::path::Path) -> String {
        let d = crate::core::digest::sha256_hex(path.display().to_string().as_bytes());
        format!("file-{}", d.get(..16).unwrap_or(&d))
    }

    /// A new case's draft id: unique to this window and moment.
    pub(super) fn new_draft_id(&self, now: &str) -> String {
        let d = crate::core::digest::sha256_hex(
            format!("{now} {} {}", self.nonce, self.opened).as_bytes(),
        );
        format!("case-{}", d.get(..16).unwrap_or(&d))
    }

    /// A new case under the pack and profile chosen; its trail starts by
    /// saying which guidance and whether it is the pack in force on its date.
    pub(super) fn new_case(&mut self, now: &str) {
        if self.guidance.is_ok() {
            let mut w = Wizard::new(&self.pack, self.profile.as_deref(), now);
            if let Ok(g) = &self.guidance {
                let today: String = now.chars().take(10).collect();
                let why = if self.pack_in_force_today().as_deref() == Some(self.pack.as_str()) {
                    format!("the national pack in force on {today}, the report's date")
                } else {
                    format!("chosen by the officer; not the pack in force on {today}")
                };
                crate::core::trail::append(
                    &mut w.case,
                    now,
                    &crate::core::trail::Event {
                        event: "case started".to_owned(),
                        about: "record".to_owned(),
                        item: "guidance".to_owned(),
                        from: String::new(),
                        to: format!(
                            "{} ({why})",
                            crate::core::pinned::words(&crate::core::pinned::of_guidance(g))
                        ),
                        text: false,
                    },
                );
            }
            let id = self.new_draft_id(now);
            self.open(w, None, Diagnostics::default(), id);
            self.message = None;
        }
    }
}
