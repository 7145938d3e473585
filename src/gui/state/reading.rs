//! Opening a case file: read only with the guidance it names, and every
//! problem explained in words the officer can act on, losing nothing.

use std::path::PathBuf;

use super::{GuiState, Recorded, usable};
use crate::core::case::CaseFacts;
use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::parse;
use crate::core::wizard::Wizard;

impl GuiState {
    pub(super) fn case_read(&mut self, name: &str, bytes: &[u8]) {
        self.recorded = None;
        let (src, case) = match parse::case_file(name, bytes) {
            Ok(x) => x,
            Err(d) => {
                self.message = Some(damaged_words(&d, self.case.is_some()));
                return;
            }
        };
        let kept = if self.case.is_some() {
            " The case open now is kept."
        } else {
            ""
        };
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
                    text: src.text.to_string(),
                    message,
                });
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
        let w = Wizard::from_case(g, case);
        let path = Some(PathBuf::from(name)).filter(|_| !name.is_empty());
        self.open(w, path, file_problems);
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
    format!(
        "This case file could not be opened: it is damaged or incomplete{at} (it may have been cut short, edited by hand, or written by another program or a newer version of Victim First).{kept} What you can do: open the last copy you saved, or ask whoever sent it to save it again. The details, for whoever looks into it: {d}"
    )
}
