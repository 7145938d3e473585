//! The eframe shell: owns the state, carries out effects (dialogs, files,
//! settings), supplies the clock, and remembers the window size.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::drafts::{self, Autosaver, Lock, LockError};
use super::files;
use super::settings::{self, Settings};
use super::state::{Action, ChooserMode, Effect, GuiState};
use crate::core::note::Format;

/// The note formats the export dialog offers.
const NOTE_FORMATS: [Format; 4] = [Format::Pdf, Format::Text, Format::Markdown, Format::Json];

/// A note format's name in a dialog's filter list.
pub fn format_name(f: Format) -> &'static str {
    match f {
        Format::Pdf => "PDF (to attach to the record)",
        Format::Text => "Plain text",
        Format::Markdown => "Markdown",
        Format::Json => "JSON (machine-readable)",
    }
}

/// A native dialog that returns "nothing chosen" faster than this could not have
/// been shown to anyone: there is no portal and no zenity. Fall back to the chooser.
const NO_DIALOG: Duration = Duration::from_millis(250);

/// The app as eframe runs it.
pub struct App {
    pub state: GuiState,
    /// The last window size saved, to write settings only on a real change.
    saved_size: Option<[f32; 2]>,
    /// Writes the open case's draft off the frame.
    autosaver: Autosaver,
    /// The lock on the open case, and on a case waiting for the officer's
    /// choice (decided under other guidance).
    locks: Vec<Lock>,
    /// Locks wanted after the last frame: taken (or found held elsewhere) once
    /// per change, not tried again on every frame.
    wanted: Vec<String>,
}

impl App {
    pub fn new(loaded: crate::store::Loaded, settings: Settings) -> Self {
        Self::with_drafts(loaded, settings, drafts::folder())
    }

    /// The app with its drafts in `dir` (none: autosave is off).
    pub fn with_drafts(
        loaded: crate::store::Loaded,
        settings: Settings,
        dir: Option<PathBuf>,
    ) -> Self {
        let mut state = GuiState::from_loaded(loaded, settings);
        state.clock = Box::new(files::now_utc);
        // With the time in the id, the process tells apart windows started together.
        state.nonce = u64::from(std::process::id());
        state.start_on_pack_in_force_today();
        let saved_size = state.settings.window;
        // A draft another window has open is that window's: not offered here.
        let found: Vec<_> = dir
            .as_deref()
            .map(|d| {
                drafts::list(d)
                    .into_iter()
                    .filter(|(id, _)| !matches!(drafts::lock(d, id), Err(LockError::Held)))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
            .into_iter()
            .map(|(id, text)| state.draft_shown(id, text))
            .collect();
        state.update(Action::DraftsFound(found));
        Self {
            state,
            saved_size,
            autosaver: Autosaver::start(dir),
            locks: Vec::new(),
            wanted: Vec::new(),
        }
    }

    /// Takes the lock on case `id`, or says it is open in another window.
    fn take_lock(&mut self, id: &str) -> bool {
        if self.locks.iter().any(|l| l.id == id) {
            return true;
        }
        let Some(dir) = self.autosaver.dir().map(Path::to_path_buf) else {
            return true;
        };
        match drafts::lock(&dir, id) {
            Ok(l) => {
                self.locks.push(l);
                true
            }
            Err(LockError::Held) => {
                self.state.update(Action::Failed(
                    "This case is open in another Victim First window. Carry on there, or close it there first: two windows must not overwrite each other's work. The case open here is kept.".to_owned(),
                ));
                false
            }
            // Without a lock file the case can still be worked on.
            Err(LockError::Io(_)) => true,
        }
    }

    /// After each frame: the open case's draft queued, drafts of cases closed
    /// removed, and the lock held for the open case only.
    fn after_frame(&mut self) {
        let current = self.state.case.as_ref().map(|o| o.draft.clone());
        for id in std::mem::take(&mut self.state.dropped_drafts) {
            if Some(&id) != current.as_ref() {
                self.autosaver.remove(&id);
            }
        }
        let wanted: Vec<String> = current
            .iter()
            .cloned()
            .chain(
                self.state
                    .comparison
                    .as_ref()
                    .map(super::state::Comparison::id),
            )
            .collect();
        if wanted != self.wanted {
            for id in &wanted {
                self.take_lock(id);
            }
            self.locks.retain(|l| wanted.contains(&l.id));
            self.wanted = wanted;
        }
        if let Some((id, case)) = self.state.take_autosave() {
            self.autosaver.write(&id, case);
        }
        if std::mem::take(&mut self.state.settings_changed) {
            settings::save(&self.state.settings);
        }
        if let Some(e) = self.autosaver.take_failure() {
            self.state.update(Action::Failed(format!(
                "The case could not be autosaved ({e}). It is still open here: save it (Ctrl+S) to keep it."
            )));
        }
    }

    /// Reads a case file and opens it in the wizard, or says why not.
    pub fn open_case(&mut self, path: &Path) {
        // One file has one lock however its path is written.
        let path = &path.canonicalize().unwrap_or_else(|_| path.to_path_buf());
        if !self.take_lock(&GuiState::draft_id_for_path(path)) {
            return;
        }
        match crate::store::read_file(path) {
            Ok(bytes) => {
                self.state
                    .update(Action::CaseRead(path.display().to_string(), bytes));
            }
            Err(e) => self.state.cannot_read(path, &e),
        }
    }

    /// Carries out one effect, and any that follow from it.
    pub fn effect(&mut self, effect: Effect) {
        let next = match effect {
            Effect::PickCaseFile => self.pick_open(),
            Effect::PickSaveFile(name) => self.pick_save(name),
            Effect::ReadCase(path) => {
                self.open_case(&path);
                None
            }
            Effect::ResumeDraft(id) => {
                if self.take_lock(&id) {
                    let read = self
                        .autosaver
                        .dir()
                        .map(|d| drafts::path_of(d, &id))
                        .ok_or_else(|| "no drafts folder".to_owned())
                        .and_then(|p: PathBuf| crate::store::read_file(&p));
                    match read {
                        Ok(bytes) => self.state.update(Action::DraftRead(id, bytes)),
                        Err(e) => self.state.update(Action::Failed(format!(
                            "The draft could not be read: {e}. Nothing was changed."
                        ))),
                    }
                } else {
                    None
                }
            }
            Effect::RemoveDraft(id) => {
                // Never a draft another window has open.
                if self.take_lock(&id) {
                    self.autosaver.remove(&id);
                }
                None
            }
            Effect::WriteCase(path, text) => match files::write_atomically(&path, text.as_bytes()) {
                Ok(()) => self.state.update(Action::Saved(
                    path.canonicalize().unwrap_or(path),
                )),
                Err(e) => self.state.update(Action::Failed(format!(
                    "The case could not be saved to {}: {e}. It is still open here; try another folder.",
                    path.display()
                ))),
            },
            Effect::ListFolder(dir) => match self.list(&dir) {
                Ok((folders, names)) => self.state.update(Action::Chooser(
                    super::state::ChooserAction::Listed(dir, folders, names),
                )),
                Err(e) => self.state.update(Action::Failed(format!(
                    "The folder {} cannot be read: {e}",
                    dir.display()
                ))),
            },
            Effect::SaveSettings(s) => {
                settings::save(&s);
                None
            }
            Effect::PickNoteFile(name) => self.pick_note_save(&name),
            Effect::WriteNote(path, bytes) => match files::write_atomically(&path, &bytes) {
                Ok(()) => self.state.update(Action::NoteWritten(path)),
                Err(e) => self.state.update(Action::Failed(format!(
                    "The decision note could not be written to {}: {e}. Try another folder.",
                    path.display()
                ))),
            },
            Effect::PickNoteToOpen => self.pick_note_open(),
            Effect::Training(t) => {
                self.training_effect(t);
                None
            }
            // Handled in `ui`, where the context is.
            Effect::Close => None,
            Effect::ReadNote(path) => {
                self.open_note(&path);
                None
            }
        };
        if let Some(e) = next {
            self.effect(e);
        }
    }

    /// Lists a folder for the in-window chooser: notes when it is choosing a note.
    fn list(&self, dir: &Path) -> std::io::Result<(Vec<String>, Vec<String>)> {
        let notes = self
            .state
            .chooser
            .as_ref()
            .is_some_and(|c| matches!(c.mode, ChooserMode::OpenNote | ChooserMode::SaveNote));
        if notes {
            files::list_folder_of(dir, &files::NOTE_EXTENSIONS)
        } else {
            files::list_folder(dir)
        }
    }

    /// Reads a decision note and shows it read-only, or says why not.
    pub fn open_note(&mut self, path: &Path) {
        match crate::store::read_file(path) {
            Ok(bytes) => {
                self.state
                    .update(Action::NoteRead(path.display().to_string(), bytes));
            }
            Err(e) => self.state.cannot_read(path, &e),
        }
    }

    fn no_dialog(&mut self) {
        self.state.update(Action::Tell(
            "No file dialog is available on this desktop (no desktop portal or zenity), so the app's own chooser is shown.".to_owned(),
        ));
    }

    /// The native dialog for where to write the note: the chosen format's
    /// filter first, then the others; else the in-window chooser.
    fn pick_note_save(&mut self, name: &str) -> Option<Effect> {
        let start = Instant::now();
        let folder = files::start_folder(self.case_path().as_deref());
        let first = self.state.note_format;
        let mut dialog = rfd::FileDialog::new()
            .set_title("Export the decision note")
            .set_directory(&folder)
            .set_file_name(name);
        for f in std::iter::once(first).chain(NOTE_FORMATS.into_iter().filter(|f| *f != first)) {
            dialog = dialog.add_filter(format_name(f), &[f.extension()]);
        }
        match dialog.save_file() {
            Some(p) => self.state.note_for_path(p),
            None if start.elapsed() < NO_DIALOG => {
                self.no_dialog();
                Some(
                    self.state
                        .open_chooser(ChooserMode::SaveNote, folder, name.to_owned()),
                )
            }
            None => None,
        }
    }

    fn pick_note_open(&mut self) -> Option<Effect> {
        let start = Instant::now();
        let folder = files::start_folder(self.case_path().as_deref());
        let picked = rfd::FileDialog::new()
            .set_title("Open a decision note")
            .add_filter("Decision note", &files::NOTE_EXTENSIONS)
            .set_directory(&folder)
            .pick_file();
        match picked {
            Some(p) => Some(Effect::ReadNote(p)),
            None if start.elapsed() < NO_DIALOG => {
                self.no_dialog();
                Some(
                    self.state
                        .open_chooser(ChooserMode::OpenNote, folder, String::new()),
                )
            }
            None => None,
        }
    }

    fn case_path(&self) -> Option<PathBuf> {
        self.state.case.as_ref().and_then(|o| o.path.clone())
    }

    fn pick_open(&mut self) -> Option<Effect> {
        let start = Instant::now();
        let picked = rfd::FileDialog::new()
            .set_title("Open a case file")
            .add_filter("Case file", &["ron"])
            .set_directory(files::start_folder(self.case_path().as_deref()))
            .pick_file();
        match picked {
            Some(p) => Some(Effect::ReadCase(p)),
            None if start.elapsed() < NO_DIALOG => {
                self.state.update(Action::Tell(
                    "No file dialog is available on this desktop (no desktop portal or zenity), so the app's own chooser is shown.".to_owned(),
                ));
                let folder = files::start_folder(self.case_path().as_deref());
                Some(
                    self.state
                        .open_chooser(ChooserMode::Open, folder, String::new()),
                )
            }
            None => None,
        }
    }

    fn pick_save(&mut self, name: String) -> Option<Effect> {
        let start = Instant::now();
        let folder = files::start_folder(self.case_path().as_deref());
        let picked = rfd::FileDialog::new()
            .set_title("Save the case")
            .add_filter("Case file", &["ron"])
            .set_directory(&folder)
            .set_file_name(&name)
            .save_file();
        match picked {
            Some(p) => {
                let text =
                    crate::core::wizard::case_text(&self.state.case.as_ref()?.wizard.case).ok()?;
                Some(Effect::WriteCase(p, text))
            }
            None if start.elapsed() < NO_DIALOG => {
                self.state.update(Action::Tell(
                    "No file dialog is available on this desktop (no desktop portal or zenity), so the app's own chooser is shown.".to_owned(),
                ));
                Some(self.state.open_chooser(ChooserMode::Save, folder, name))
            }
            None => None,
        }
    }

    fn remember_size(&mut self, ctx: &egui::Context) {
        let size = ctx.input(|i| i.viewport().inner_rect.map(|r| [r.width(), r.height()]));
        let Some(size) = size else {
            return;
        };
        if self.saved_size != Some(size) && !ctx.input(|i| i.pointer.any_down()) {
            self.saved_size = Some(size);
            self.state.settings.window = Some(size);
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        for effect in super::root_ui(ui, &mut self.state) {
            if effect == Effect::Close {
                // eframe then runs `on_exit`, as for the window's close button.
                ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
            } else {
                self.effect(effect);
            }
        }
        self.after_frame();
        self.remember_size(ui.ctx());
    }

    fn clear_color(&self, visuals: &egui::Visuals) -> [f32; 4] {
        super::clear_colour(visuals)
    }

    fn on_exit(&mut self, _gl: Option<&eframe::glow::Context>) {
        settings::save(&self.state.settings);
        self.after_frame();
        // A case saved in a file needs no draft; one with unsaved work keeps it.
        if let Some(open) = self.state.case.as_ref().filter(|o| !o.dirty) {
            self.autosaver.remove(&open.draft);
        }
        self.autosaver.finish();
    }
}

/// Opens the window and runs until it is closed.
pub fn run(
    loaded: crate::store::Loaded,
    case: Option<&Path>,
    note: Option<&Path>,
) -> Result<(), eframe::Error> {
    let first_run = settings::path().is_none_or(|p| !p.exists());
    let settings = settings::load();
    let size = settings.window.unwrap_or([1100.0, 800.0]);
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Victim First")
            .with_inner_size(size)
            .with_min_inner_size([480.0, 360.0]),
        ..Default::default()
    };
    let mut app = App::new(loaded, settings);
    app.state.first_run = first_run;
    app.state.settings_at = settings::path().map(|p| p.display().to_string());
    if let Some(path) = case {
        app.open_case(path);
    }
    if let Some(path) = note {
        app.open_note(path);
    }
    eframe::run_native(
        "Victim First",
        options,
        Box::new(|cc| {
            super::install_fonts(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
}
