//! Opening a case file: read only with the guidance it names, and every
//! problem explained in words the officer can act on, losing nothing.

use std::path::PathBuf;

use super::{GuiState, Recorded, usable};
use crate::core::case::CaseFacts;
use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::parse;
use crate::core::wizard::Wizard;

impl GuiState {
    /// Opens a case file's bytes; `draft` names the autosaved draft it is
    /// (a recovery), else its draft is named after the file.
    pub(super) fn case_read(&mut self, name: &str, bytes: &[u8], draft: Option<String>) {
        self.recorded = None;
        let (src, mut case) = match parse::case_file(name, bytes) {
            Ok(x) => x,
            Err(d) => {
                self.message = Some(damaged_words(&d, self.case.is_some()));
                return;
            }
        };
        let broken = crate::core::trail::check(&case.trail).err();
        let broken_words = broken.as_ref().map(|b| format!(
            "This case's audit trail has been altered since it was written: {b}. Its history cannot be relied on: tell your supervisor, and keep the file as it is."
        ));
        // A case opened mid-session ends the training session first, so the
        // scenario's guidance goes with it.
        self.leave_session();
        if self.compare_if_decided_elsewhere(name, &src.text, &case, draft.as_ref()) {
            self.message = broken_words;
            return;
        }
        let step = case.step.take();
        let kept = if self.case.is_some() {
            " The case open now is kept."
        } else {
            ""
        };
        // Locked to another profile, and its own guidance is not here to compare.
        if let Some(why) = self.lock_words(&case) {
            let message = format!("{why}{kept}");
            self.message = Some(message.clone());
            self.recorded = Some(Recorded {
                name: name.to_owned(),
                why,
                text: src.text.to_string(),
                message,
            });
            return;
        }
        // Only the pack and profile the case was decided under may give its
        // verdicts: a case naming guidance that is not here opens no verdicts.
        let refs = self
            .library
            .check_case_refs(&src, &case.pack, case.profile.as_deref());
        let guidance = if refs.is_empty() {
            usable(
                &self.library,
                &self.problems,
                &case.pack,
                case.profile.as_deref(),
            )
        } else {
            Err(refs)
        };
        let g = match guidance {
            Ok(g) => g,
            Err(why) => {
                self.offer_as_recorded(name, &src.text, &case, &why, kept);
                return;
            }
        };
        self.pack.clone_from(&case.pack);
        self.profile.clone_from(&case.profile);
        self.guidance = Ok(g);
        self.recorded = None;
        let Ok(g) = &self.guidance else {
            return;
        };
        let mut file_problems = Diagnostics::default();
        if let Err(d) = CaseFacts::from_raw(g, &src, &case) {
            file_problems.0.extend(d.0);
        }
        self.message = if file_problems.is_empty() {
            None
        } else {
            Some(format!(
                "{} problem(s) in the case file: answers that do not fit the guidance are left out. See below.",
                file_problems.len()
            ))
        };
        if broken_words.is_some() {
            self.message = broken_words;
        }
        let mut w = Wizard::from_case(g, case);
        if let Some(i) = step.and_then(|id| {
            crate::core::wizard::steps(g)
                .iter()
                .position(|s| s.id() == id)
        }) {
            w.go_to(g, i);
        }
        let recovered = draft.is_some();
        let path = Some(PathBuf::from(name)).filter(|_| !name.is_empty() && !recovered);
        let id = draft.unwrap_or_else(|| Self::draft_id_for_path(std::path::Path::new(name)));
        self.open(w, path, file_problems, id);
        if recovered {
            if let Some(open) = &mut self.case {
                // Recovered work is not yet in any file the officer chose.
                open.dirty = true;
            }
            self.drafts
                .retain(|d| Some(&d.id) != self.case.as_ref().map(|o| &o.draft));
            self.message = Some(
                "The case is recovered as it was last autosaved. Save it (Ctrl+S) to keep it in a file of your choosing.".to_owned(),
            );
        }
    }
}

impl GuiState {
    /// Refuses verdicts to a case whose guidance cannot be used here, and
    /// offers it read-only as recorded.
    fn offer_as_recorded(
        &mut self,
        name: &str,
        text: &str,
        case: &crate::core::raw::Case,
        why: &Diagnostics,
        kept: &str,
    ) {
        let needs = match &case.profile {
            Some(p) => {
                format!("national pack \"{}\" with force profile \"{p}\"", case.pack)
            }
            None => format!("national pack \"{}\"", case.pack),
        };
        let have = format!(
            "the guidance here has the packs {} and the profiles {}",
            self.library.pack_ids().join(", "),
            self.library.profile_ids().join(", ")
        );
        let why_words = if self.problems.is_empty() {
            format!(
                "This case was decided under {needs}, which cannot be used here ({have}). No verdicts are shown for it."
            )
        } else {
            "The guidance here has problems (listed at the bottom of the window), so no case can be given verdicts until they are fixed.".to_owned()
        };
        let message = format!(
            "{why_words}{kept} You can open it read-only, as recorded, or open it where its guidance is installed."
        );
        self.message = Some(message.clone());
        self.recorded = Some(Recorded {
            name: name.to_owned(),
            why: format!("{why_words}\n{why}"),
            text: text.to_owned(),
            message,
        });
    }
}

/// Why a case file could not be read, in words an officer can act on: what
/// is wrong, where, and what to do; the reader's own words last, for whoever
/// looks into it.
fn damaged_words(d: &Diagnostic, a_case_is_open: bool) -> String {
    let at = d
        .pos
        .map(|p| format!(" near line {}, column {}", p.line, p.col))
        .unwrap_or_default();
    let kept = if a_case_is_open {
        " Nothing was changed: the case open now is kept."
    } else {
        ""
    };
    if d.message
        .starts_with("this case was written by a newer version")
    {
        return format!(
            "This case file was written by a newer version of Victim First, which this version cannot read.{kept} What you can do: open it with that version or a newer one, or ask for this app to be updated. The details, for whoever looks into it: {d}"
        );
    }
    format!(
        "This case file could not be opened: it is damaged or incomplete{at} (it may have been cut short, edited by hand, or written by another program or a newer version of Victim First).{kept} What you can do: open the last copy you saved, or ask whoever sent it to save it again. The details, for whoever looks into it: {d}"
    )
}

impl GuiState {
    /// How the start screen offers a draft: its crime reference, when it was
    /// last changed and the step reached. A draft that cannot be read is still
    /// offered (to discard, or to resume and be told what is wrong).
    pub fn draft_shown(&self, id: String, text: String) -> super::DraftShown {
        let case = parse::case_file("draft", text.as_bytes())
            .ok()
            .map(|(_, c)| c);
        let reference = case
            .as_ref()
            .and_then(|c| c.officer.as_ref())
            .map(|o| o.crime_reference.trim().to_owned())
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| "no crime reference yet".to_owned());
        let last_change = case
            .as_ref()
            .and_then(|c| c.trail.last().map(|e| e.at.clone()).or(c.started.clone()))
            .unwrap_or_else(|| "unknown".to_owned());
        let step = match (&case, &self.guidance) {
            (None, _) => "the draft is damaged".to_owned(),
            (Some(c), Ok(g)) => {
                let steps = crate::core::wizard::steps(g);
                c.step
                    .as_ref()
                    .and_then(|id| steps.iter().position(|s| s.id() == id))
                    .map_or_else(
                        || "step 1".to_owned(),
                        |i| format!("step {} of {}", i + 1, steps.len()),
                    )
            }
            (Some(c), Err(_)) => c.step.clone().unwrap_or_else(|| "step 1".to_owned()),
        };
        super::DraftShown {
            id,
            reference,
            last_change,
            step,
            text,
        }
    }
}
