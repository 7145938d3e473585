//! The in-window file chooser, used when no native dialog can open.

use std::path::PathBuf;

use super::{Chooser, ChooserAction, ChooserMode, Effect, GuiState};
use crate::core::wizard;

impl GuiState {
    /// A file name for a new save: the crime reference and the date, made safe.
    pub fn default_file_name(&self) -> String {
        let Some(open) = &self.case else {
            return "case.ron".to_owned();
        };
        let reference = open
            .wizard
            .case
            .officer
            .as_ref()
            .map(|o| o.crime_reference.trim().to_owned())
            .unwrap_or_default();
        let date: String = open
            .wizard
            .case
            .started
            .clone()
            .or_else(|| Some(self.now()))
            .unwrap_or_default()
            .chars()
            .take(10)
            .collect();
        let safe: String = reference
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' {
                    c
                } else {
                    '-'
                }
            })
            .collect();
        let stem = [safe.trim_matches('-'), date.as_str()]
            .into_iter()
            .filter(|s| !s.is_empty())
            .collect::<Vec<_>>()
            .join("-");
        if stem.is_empty() {
            "case.ron".to_owned()
        } else {
            format!("case-{stem}.ron")
        }
    }

    pub(super) fn chooser_action(&mut self, a: ChooserAction) -> Option<Effect> {
        match a {
            ChooserAction::Listed(folder, folders, files) => {
                if let Some(c) = &mut self.chooser {
                    c.folder = folder;
                    c.folders = folders;
                    c.files = files;
                }
                None
            }
            ChooserAction::Enter(name) => {
                let c = self.chooser.as_mut()?;
                Some(Effect::ListFolder(c.folder.join(name)))
            }
            ChooserAction::Up => {
                let c = self.chooser.as_mut()?;
                let up = c.folder.parent()?.to_path_buf();
                Some(Effect::ListFolder(up))
            }
            ChooserAction::SetName(n) => {
                if let Some(c) = &mut self.chooser {
                    c.name = n;
                }
                None
            }
            ChooserAction::Confirm => {
                let c = self.chooser.take()?;
                let name = c.name.trim();
                if name.is_empty() {
                    self.message = Some("Choose or type a file name.".to_owned());
                    self.chooser = Some(c);
                    return None;
                }
                let path = c.folder.join(name);
                match c.mode {
                    ChooserMode::Open => Some(Effect::ReadCase(path)),
                    ChooserMode::Save => {
                        let text = wizard::case_text(&self.case.as_ref()?.wizard.case).ok()?;
                        Some(Effect::WriteCase(path, text))
                    }
                    ChooserMode::SaveNote => self.note_for_path(path),
                    ChooserMode::OpenNote => Some(Effect::ReadNote(path)),
                }
            }
            ChooserAction::Cancel => {
                self.chooser = None;
                None
            }
        }
    }
    /// Opens the in-window chooser in `folder` (the shell then lists it).
    pub fn open_chooser(&mut self, mode: ChooserMode, folder: PathBuf, name: String) -> Effect {
        self.chooser = Some(Chooser {
            mode,
            folder: folder.clone(),
            folders: Vec::new(),
            files: Vec::new(),
            name,
        });
        Effect::ListFolder(folder)
    }
}
