//! What the officer can do ([`Action`]), what only the shell can do
//! ([`Effect`]), and the in-window file chooser's own state.

use std::path::PathBuf;

use super::Screen;
use crate::core::condition::Answer;
use crate::core::note::Format;
use crate::core::raw;
use crate::core::record::Field;
use crate::core::wizard::About;
use crate::gui::settings::{Settings, ThemeChoice};

/// Something the officer did.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    SelectPack(String),
    SelectProfile(Option<String>),
    Show(Screen),
    NewCase,
    /// Close the window (Ctrl+Q), as its close button does: unsaved work keeps its draft.
    Quit,
    /// Ask the shell to let the officer choose a case file.
    OpenCase,
    /// A case file's name and bytes, read by the shell.
    CaseRead(String, Vec<u8>),
    /// An autosaved draft's id and bytes, read by the shell for a recovery.
    DraftRead(String, Vec<u8>),
    /// The unfinished drafts the shell found on start.
    DraftsFound(Vec<super::DraftShown>),
    /// Resume this draft.
    ResumeDraft(String),
    /// Ask to discard this draft (confirmed by `ConfirmDiscard`).
    DiscardDraft(String),
    /// The answer to "discard this draft?".
    ConfirmDiscard(bool),
    /// Open a case file from the recent list.
    OpenRecent(PathBuf),
    /// Remove a case file from the recent list (the file is untouched).
    ForgetRecent(PathBuf),
    /// Choose the national pack in force today.
    UsePackInForceToday,
    /// A case decided under other guidance: keep it as decided, read-only.
    KeepAsDecided,
    /// ...or decide it again under the guidance in force now, for the reason typed.
    DecideAgain,
    SetRedecideReason(String),
    /// Save to the file the case came from, or ask where.
    Save,
    SaveAs,
    /// The shell wrote the case to this file.
    Saved(PathBuf),
    /// The shell could not do something: say so, never silently.
    Failed(String),
    /// Tell the officer something (for instance that no native dialog could open).
    Tell(String),
    CloseCase,
    GoTo(usize),
    Next,
    Back,
    SetAnswer(About, String, Option<Answer>),
    AddCheck,
    RemoveCheck(usize),
    ProposeIe(bool),
    /// The officer's decision on a check (`About::Check`) or the contact.
    Decide(About, raw::OfficerDecision),
    SetAction(String, raw::ActionRecord),
    SetOfficer(raw::Officer),
    SetSupervisor(raw::SupervisorReview),
    SetReviewWhen(String),
    Finish,
    /// Show a guidance rule's explanation, source and certainty (or close it).
    ShowRule(Option<String>),
    ShowAbout(bool),
    SetTheme(ThemeChoice),
    SetTextScale(f32),
    /// The in-window file chooser (used when no native dialog can open).
    Chooser(ChooserAction),
    /// The format "Export note…" writes by default.
    SetNoteFormat(Format),
    /// Export the decision note of the open case (a save dialog, then a write).
    ExportNote,
    /// The shell wrote the note to this file.
    NoteWritten(PathBuf),
    /// The plain-text note was put on the clipboard (the view copies it: it holds the context).
    Copied(String),
    /// Ask the shell to let the officer choose a decision note to open.
    OpenNote,
    /// A note file's name and bytes, read by the shell.
    NoteRead(String, Vec<u8>),
    /// Go to a step and put the focus on the field that needs attention there
    /// (a link in the review step's error summary).
    GoToField(usize, Field),
    /// Put the focus on the first question of the step shown (the skip link).
    SkipToQuestions,
    /// Training: practice, assessment, a class's results (`state/training.rs`).
    Training(super::TrainingAction),
}

/// What the in-window chooser is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChooserMode {
    Open,
    Save,
    /// Choose where to write the decision note.
    SaveNote,
    /// Choose a decision note to open read-only.
    OpenNote,
}

/// The in-window file chooser, used when no native dialog is available.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Chooser {
    pub mode: ChooserMode,
    pub folder: PathBuf,
    /// Sub-folders and the files the chooser is for (`.ron`, or notes), as listed by the shell.
    pub folders: Vec<String>,
    pub files: Vec<String>,
    pub name: String,
}

/// What the officer did in the in-window chooser.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChooserAction {
    /// The shell listed a folder.
    Listed(PathBuf, Vec<String>, Vec<String>),
    Enter(String),
    Up,
    SetName(String),
    Confirm,
    Cancel,
}

/// Something only the shell can do.
#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Let the officer choose a case file to open (a native dialog, else the chooser).
    PickCaseFile,
    /// Let the officer choose where to save; the suggested file name.
    PickSaveFile(String),
    /// Read and open this case file.
    ReadCase(PathBuf),
    /// Read this autosaved draft and open it (a recovery).
    ResumeDraft(String),
    /// Remove this autosaved draft (finished or discarded).
    RemoveDraft(String),
    /// Write the case file's text to this path, atomically.
    WriteCase(PathBuf, String),
    /// List a folder for the in-window chooser.
    ListFolder(PathBuf),
    /// Persist the settings (never case data).
    SaveSettings(Settings),
    /// Let the officer choose where to write the decision note; the suggested
    /// file name (its extension is the format chosen).
    PickNoteFile(String),
    /// Write a decision note's bytes to this path, atomically.
    WriteNote(PathBuf, Vec<u8>),
    /// Let the officer choose a decision note to open (a native dialog, else the chooser).
    PickNoteToOpen,
    /// Read this decision note and show it read-only.
    ReadNote(PathBuf),
    /// Training's own files: a result, a class's CSV, a scenario; a folder of results.
    Training(super::TrainingEffect),
    /// Close the window, by the same path as its close button.
    Close,
}
