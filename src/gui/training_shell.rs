//! The shell's part in training: the save dialog for a result, a class's CSV
//! or a scenario (written atomically, `files::write_atomically`), and a folder
//! of result files chosen and read (`store::read_file`, each `.ron` in it).

use std::path::Path;

use super::files;
use super::shell::App;
use super::state::{Action, TrainingAction, TrainingEffect};

/// The most result files read from one folder.
const MAX_RESULTS: usize = 2_000;

impl App {
    /// Carries out one of training's effects.
    pub(super) fn training_effect(&mut self, effect: TrainingEffect) {
        match effect {
            TrainingEffect::SaveText {
                title,
                name,
                extension,
                text,
            } => {
                let picked = rfd::FileDialog::new()
                    .set_title(&title)
                    .add_filter(&extension, &[extension.as_str()])
                    .set_directory(files::start_folder(None))
                    .set_file_name(&name)
                    .save_file();
                let Some(path) = picked else {
                    return;
                };
                let done = match files::write_atomically(&path, text.as_bytes()) {
                    Ok(()) => Action::Training(TrainingAction::Written(path)),
                    Err(e) => {
                        Action::Failed(format!("{} could not be written: {e}", path.display()))
                    }
                };
                if let Some(e) = self.state.update(done) {
                    self.effect(e);
                }
            }
            TrainingEffect::PickResultsFolder => {
                let picked = rfd::FileDialog::new()
                    .set_title("Open a folder of training results")
                    .set_directory(files::start_folder(None))
                    .pick_folder();
                match picked {
                    Some(dir) => self.read_results(&dir),
                    None => {
                        self.state.update(Action::Tell(
                            "No folder was chosen. Type the folder's path under \"Folder of results\" and choose \"Read the folder\" instead.".to_owned(),
                        ));
                    }
                }
            }
            TrainingEffect::ReadResultsFolder(dir) => self.read_results(&dir),
        }
    }

    /// Reads every `.ron` file in `dir` and hands them to the state.
    pub fn read_results(&mut self, dir: &Path) {
        match files::list_folder(dir) {
            Ok((_, names)) => {
                let read = names
                    .into_iter()
                    .take(MAX_RESULTS)
                    .map(|n| {
                        let p = dir.join(&n);
                        (p.display().to_string(), crate::store::read_file(&p))
                    })
                    .collect();
                let done =
                    Action::Training(TrainingAction::ClassRead(dir.display().to_string(), read));
                if let Some(e) = self.state.update(done) {
                    self.effect(e);
                }
            }
            Err(e) => self.state.cannot_read(dir, &e.to_string()),
        }
    }
}
