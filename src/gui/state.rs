//! What the window shows, and what the officer can do: state and actions, no drawing.
//!
//! The views read [`GuiState`] and push [`Action`]s; [`GuiState::update`]
//! applies them after drawing and may return an [`Effect`] (a file dialog, a
//! write) that only the shell in `shell.rs` can carry out. Every verdict, the
//! blockers and the change log come from the core (`core::wizard`, `core::record`).

use std::path::PathBuf;

use crate::core::changes::ChangeShown;
use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::engine::Assessment;
use crate::core::guidance::Guidance;
use crate::core::note::Format;
use crate::core::record::{self, Blocker, Field, StepStatus};
use crate::core::validate::Library;
use crate::core::wizard::{self, StepKind, Wizard};

use super::settings::{Settings, ThemeChoice};

mod action;
mod chooser;
mod compare;
mod editing;
mod history;
mod locked;
mod notes;
mod reading;
mod training;

pub use action::{Action, Chooser, ChooserAction, ChooserMode, Effect};
pub use compare::Comparison;
pub use history::DraftShown;
pub use notes::NoteShown;
pub use notes::{format_of, note_of};
pub use training::{Mode, Training, TrainingAction, TrainingEffect, View};

/// Which screen is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Screen {
    /// New case, open a case, the guidance in force.
    Start,
    /// The wizard's steps.
    Wizard,
    /// Every rule with its source, for supervisors and policy owners.
    Browser,
    /// The case is complete: what happens next.
    Finished,
    /// A decision note opened read-only, with whether it is intact.
    Note,
    /// A case file shown as recorded, read-only and without verdicts: the
    /// guidance it was decided under is not here.
    Recorded,
    /// A case decided under other guidance: what differs, keep or decide again.
    Compare,
    /// Training: scenarios, scores, a class's results, the presenter (`state/training.rs`).
    Training,
}

/// A case file that could not be opened for work, offered read-only as recorded.
pub struct Recorded {
    /// The file it was read from.
    pub name: String,
    /// Why it gets no verdicts here, in plain words.
    pub why: String,
    /// The file's text, exactly as recorded.
    pub text: String,
    /// The message that offered it: the offer stands while that message does.
    pub message: String,
}

/// Every step's status, in order.
fn statuses(
    g: &Guidance,
    w: &Wizard,
    blockers: &[Blocker],
    changes: &[ChangeShown],
) -> Vec<StepStatus> {
    record::step_statuses(g, w, blockers, changes)
}

/// What changed between two sets of verdicts, in words ("Check 1 is now
/// REFUSED (was PERMITTED)."), or `None` when no verdict changed.
fn verdict_changes(before: &Assessment, after: &Assessment) -> Option<String> {
    use crate::core::report::verdict_heading;
    let said: Vec<String> = crate::core::changes::verdicts_differing(before, after)
        .into_iter()
        .map(|(what, b, c)| match b {
            Some(b) => format!(
                "{what} is now {} (was {}).",
                verdict_heading(c),
                verdict_heading(b)
            ),
            None => format!("{what} is {}.", verdict_heading(c)),
        })
        .collect();
    (!said.is_empty()).then(|| said.join(" "))
}

/// The case being worked on, with what the core concluded about it.
pub struct Open {
    pub wizard: Wizard,
    /// Where it was read from or last saved to.
    pub path: Option<PathBuf>,
    /// Changed since last saved.
    pub dirty: bool,
    /// The verdicts as they stand, recomputed after every change (never per frame).
    pub assessment: Assessment,
    pub blockers: Vec<Blocker>,
    /// Each step's status for the task list, recomputed with the verdicts.
    pub statuses: Vec<StepStatus>,
    /// Problems found in the file when it was opened.
    pub file_problems: Diagnostics,
    /// Each answer changed since it was first given, with what the change altered,
    /// shown on the step that holds it.
    pub changes: Vec<ChangeShown>,
    /// Which case this is, of those opened in this window (an arrival on a
    /// step is judged by it, not by the file name, which a save changes).
    pub serial: u64,
    /// The officer has seen the review step's list of what blocks completion:
    /// from then on the same messages are shown beside the fields.
    pub review_seen: bool,
    /// The last change of verdict, in words, for a screen reader's live region:
    /// set when a verdict changes, and left alone otherwise, so it is announced once.
    pub announcement: String,
    /// The case's autosaved draft, by id (also the name of its lock).
    pub draft: String,
    /// Changed since the draft was last handed to the autosaver.
    pub autosave_due: bool,
    /// Writes the audit trail, holding back the text being typed.
    pub recorder: crate::core::trail::Recorder,
}

/// Everything the window shows.
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags: first run, About open, warned of unsaved work, settings to save"
)]
pub struct GuiState {
    pub library: Library,
    /// Problems found loading or checking the guidance: shown in the error panel.
    pub problems: Diagnostics,
    pub pack: String,
    pub profile: Option<String>,
    /// The merged guidance for the chosen pack and profile, or why there is none.
    /// Guidance that `lint` rejects never gives a verdict: any problem leaves this an error.
    pub guidance: Result<Guidance, Diagnostics>,
    /// Where the guidance came from, in words (built in, or which folder and why).
    pub source: Option<String>,
    /// The same, in a few words for the top bar.
    pub source_short: Option<String>,
    /// No settings file was found at start: the start screen says what the app
    /// is for, that it never uses the network, and where settings are kept.
    pub first_run: bool,
    /// Where settings are kept, for saying so.
    pub settings_at: Option<String>,
    /// National packs and overlays that differ from the published manifest.
    pub modified: Vec<String>,
    pub screen: Screen,
    pub case: Option<Open>,
    /// A message for the officer: a failure, or a confirmation.
    pub message: Option<String>,
    /// The rule whose explanation is open.
    pub rule: Option<String>,
    pub about_open: bool,
    pub settings: Settings,
    pub chooser: Option<Chooser>,
    /// Today's date and time, RFC 3339 in UTC, supplied by the shell (the core has no clock).
    pub clock: Box<dyn Fn() -> String>,
    /// The theme and text scale last applied to the context: applied again only on a change.
    pub(crate) applied: Option<(ThemeChoice, f32)>,
    /// The officer was warned that the case has unsaved changes; doing it again discards them.
    warned_unsaved: bool,
    /// The format "Export note…" offers first.
    pub note_format: Format,
    /// The plain-text note last put on the clipboard.
    pub copied: Option<String>,
    /// The decision note opened read-only.
    pub note: Option<NoteShown>,
    /// The last case file refused for want of its guidance, offered read-only.
    pub recorded: Option<Recorded>,
    /// Where the focus goes when the window is next drawn.
    pub focus: FocusRequest,
    /// How many cases have been opened or started in this window.
    opened: u64,
    /// Unfinished drafts found on start, offered for recovery.
    pub drafts: Vec<DraftShown>,
    /// Drafts of cases closed or replaced in this window, for the shell to remove.
    pub dropped_drafts: Vec<String>,
    /// A case decided under other guidance, waiting for the officer's choice.
    pub comparison: Option<Comparison>,
    /// The draft the officer asked to discard, awaiting confirmation.
    pub discard_asked: Option<String>,
    /// The settings changed in a way the shell must save (recent cases).
    pub settings_changed: bool,
    /// Set by the shell (process and time): makes a new case's draft id unique
    /// among windows started in the same second.
    pub nonce: u64,
    /// Training scenarios, sessions and a class's results.
    pub training: Training,
    /// The installation's lock: the one profile new cases and verdicts use.
    pub lock: Option<crate::core::lock::Lock>,
}

/// A place the officer asked to put the focus, taken when the window is next drawn.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FocusRequest {
    /// A field (a link in the review step's error summary).
    pub field: Option<Field>,
    /// The step's first question (the skip link).
    pub first_question: bool,
}

/// The guidance for a pack and profile, only when every guidance file is sound.
fn usable(
    library: &Library,
    problems: &Diagnostics,
    pack: &str,
    profile: Option<&str>,
) -> Result<Guidance, Diagnostics> {
    if problems.is_empty() {
        library.resolve(pack, profile)
    } else {
        Err(problems.clone())
    }
}

impl GuiState {
    pub fn new(library: Library, problems: Diagnostics) -> Self {
        Self::with_settings(library, problems, Settings::default())
    }

    /// Starts with saved settings: the force profile and pack chosen last time, where they still exist.
    pub fn with_settings(library: Library, mut problems: Diagnostics, settings: Settings) -> Self {
        problems.0.extend(library.lint().0);
        problems.normalise();
        Self::checked(library, problems, settings)
    }

    /// Starts from guidance as the store loaded it: `lint` runs unless the
    /// build already linted these very files (the built-in guidance), and the
    /// window says where the guidance came from and which national files differ
    /// from the published ones.
    pub fn from_loaded(loaded: crate::store::Loaded, settings: Settings) -> Self {
        let problems = loaded.problems_with_lint();
        let mut state = Self::checked(loaded.library, problems, settings);
        state.source = loaded
            .origin
            .as_ref()
            .map(|o| crate::lock_cli::source_words(o, loaded.lock.as_ref()));
        if let Some(lock) = loaded.lock {
            state.lock_to(lock);
        }
        state.source_short = loaded
            .origin
            .as_ref()
            .map(crate::store::Origin::short_words);
        state.modified = loaded.modified;
        state
    }

    /// Starts with guidance whose problems (lint's included) are `problems`.
    fn checked(library: Library, problems: Diagnostics, settings: Settings) -> Self {
        let packs = library.pack_ids();
        let pack = settings
            .pack
            .clone()
            .filter(|p| packs.contains(&p.as_str()))
            .or_else(|| library.current_pack().map(str::to_owned))
            .unwrap_or_default();
        let profile = settings
            .profile
            .clone()
            .filter(|p| library.profile_ids().contains(&p.as_str()));
        let mut guidance = usable(&library, &problems, &pack, profile.as_deref());
        let profile = if guidance.is_err() && profile.is_some() && problems.is_empty() {
            guidance = usable(&library, &problems, &pack, None);
            None
        } else {
            profile
        };
        Self {
            library,
            problems,
            pack,
            profile,
            guidance,
            source: None,
            source_short: None,
            first_run: false,
            settings_at: None,
            modified: Vec::new(),
            screen: Screen::Start,
            case: None,
            message: None,
            rule: None,
            about_open: false,
            settings,
            chooser: None,
            clock: Box::new(String::new),
            applied: None,
            warned_unsaved: false,
            drafts: Vec::new(),
            dropped_drafts: Vec::new(),
            comparison: None,
            discard_asked: None,
            settings_changed: false,
            nonce: 0,
            note_format: Format::Pdf,
            copied: None,
            note: None,
            recorded: None,
            focus: FocusRequest::default(),
            opened: 0,
            training: Training::default(),
            lock: None,
        }
    }

    fn now(&self) -> String {
        (self.clock)()
    }

    /// The wizard's steps under the guidance in force (empty without guidance).
    pub fn steps(&self) -> Vec<StepKind> {
        self.guidance
            .as_ref()
            .map(wizard::steps)
            .unwrap_or_default()
    }

    fn reassess(&mut self) {
        let (Ok(g), Some(open)) = (&self.guidance, &mut self.case) else {
            return;
        };
        let before = std::mem::replace(&mut open.assessment, open.wizard.assess(g));
        if let Some(words) = verdict_changes(&before, &open.assessment) {
            open.announcement = words;
        }
        open.blockers = record::blockers(&open.wizard.case, g, &open.assessment);
        open.changes = crate::core::changes::shown(g, &open.wizard, &open.assessment);
        open.statuses = statuses(g, &open.wizard, &open.blockers, &open.changes);
    }

    fn open(
        &mut self,
        wizard: Wizard,
        path: Option<PathBuf>,
        file_problems: Diagnostics,
        draft: String,
    ) {
        let Ok(g) = &self.guidance else {
            return;
        };
        self.opened += 1;
        if let Some(old) = self.case.as_ref().filter(|o| o.draft != draft) {
            self.dropped_drafts.push(old.draft.clone());
        }
        if let Some(p) = &path {
            let at = (self.clock)();
            self.settings.remember_case(&p.display().to_string(), &at);
            self.settings_changed = true;
        }
        let assessment = wizard.assess(g);
        let changes = crate::core::changes::shown(g, &wizard, &assessment);
        let blockers = record::blockers(&wizard.case, g, &assessment);
        let statuses = statuses(g, &wizard, &blockers, &changes);
        self.case = Some(Open {
            wizard,
            path,
            dirty: false,
            assessment,
            blockers,
            statuses,
            file_problems,
            announcement: String::new(),
            changes,
            serial: self.opened,
            review_seen: false,
            draft,
            autosave_due: false,
            recorder: crate::core::trail::Recorder::default(),
        });
        self.screen = Screen::Wizard;
    }

    #[allow(clippy::unnecessary_wraps, reason = "returned as `update`'s effect")]
    fn remember(&mut self) -> Option<Effect> {
        self.settings.pack = Some(self.pack.clone());
        // Under a lock the profile is the force's, not the officer's choice.
        if self.lock.is_none() {
            self.settings.profile.clone_from(&self.profile);
        }
        Some(Effect::SaveSettings(self.settings.clone()))
    }

    /// Whether leaving the case now would lose changes: the first time, says so
    /// and returns true; asked again, lets the officer go on.
    fn would_lose_changes(&mut self) -> bool {
        let dirty = self.case.as_ref().is_some_and(|o| o.dirty);
        if dirty && !self.warned_unsaved {
            self.warned_unsaved = true;
            self.message = Some(
                "The case has unsaved changes. Save it first (Ctrl+S), or do that again to discard them.".to_owned(),
            );
            return true;
        }
        self.warned_unsaved = false;
        false
    }

    /// Applies one action; returns what the shell must do, if anything.
    #[allow(
        clippy::too_many_lines,
        reason = "one arm per action, read top to bottom"
    )]
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        let now = self.now();
        if matches!(
            action,
            Action::NewCase | Action::OpenCase | Action::CloseCase
        ) && self.would_lose_changes()
        {
            return None;
        }
        match action {
            Action::SelectPack(p) => {
                if self.lock_refuses_pack(&p) {
                    return None;
                }
                self.pack = p;
                self.resolve();
                return self.remember();
            }
            Action::SelectProfile(p) => {
                if self.lock_refuses_profile(p.as_deref()) {
                    return None;
                }
                self.profile = p;
                self.resolve();
                return self.remember();
            }
            Action::Show(screen) => self.screen = screen,
            Action::NewCase => {
                // A new case mid-session ends the training session, and its
                // scenario's guidance, first.
                self.leave_session();
                self.new_real_case(&now);
            }
            Action::Quit => return Some(Effect::Close),
            Action::OpenCase => return Some(Effect::PickCaseFile),
            Action::CaseRead(name, bytes) => self.case_read(&name, &bytes, None),
            a @ (Action::DraftRead(..)
            | Action::DraftsFound(_)
            | Action::ResumeDraft(_)
            | Action::DiscardDraft(_)
            | Action::ConfirmDiscard(_)
            | Action::OpenRecent(_)
            | Action::ForgetRecent(_)
            | Action::UsePackInForceToday
            | Action::KeepAsDecided
            | Action::DecideAgain
            | Action::SetRedecideReason(_)) => return self.history_action(a),
            Action::Save => {
                self.settle_trail();
                if self.lock_refuses_record() {
                    return None;
                }
                let open = self.case.as_ref()?;
                let text = match wizard::case_text(&open.wizard.case) {
                    Ok(t) => t,
                    Err(e) => {
                        self.message = Some(format!("The case could not be written: {e}"));
                        return None;
                    }
                };
                return Some(match &open.path {
                    Some(p) => Effect::WriteCase(p.clone(), text),
                    None => Effect::PickSaveFile(self.default_file_name()),
                });
            }
            Action::SaveAs => {
                self.case.as_ref()?;
                if self.lock_refuses_record() {
                    return None;
                }
                return Some(Effect::PickSaveFile(self.default_file_name()));
            }
            Action::Saved(path) => {
                self.settings
                    .remember_case(&path.display().to_string(), &now);
                self.settings_changed = true;
                if let Some(open) = &mut self.case {
                    self.message = Some(format!("Saved to {}.", path.display()));
                    open.path = Some(path);
                    open.dirty = false;
                }
            }
            Action::Failed(m) | Action::Tell(m) => self.message = Some(m),
            Action::CloseCase => {
                if let Some(old) = self.case.take() {
                    self.dropped_drafts.push(old.draft);
                }
                self.screen = Screen::Start;
            }
            Action::GoTo(i) => self.go_to(i),
            Action::SkipToQuestions => self.focus.first_question = true,
            Action::GoToField(i, field) => {
                self.go_to(i);
                self.focus.field = Some(field);
            }
            Action::Next => {
                let i = self.case.as_ref().map_or(0, |o| o.wizard.step);
                self.go_to(i + 1);
            }
            Action::Back => {
                let i = self.case.as_ref().map_or(0, |o| o.wizard.step);
                self.go_to(i.saturating_sub(1));
            }
            a @ (Action::SetAnswer(..)
            | Action::AddCheck
            | Action::RemoveCheck(_)
            | Action::ProposeIe(_)
            | Action::Decide(..)
            | Action::SetAction(..)
            | Action::SetOfficer(_)
            | Action::SetSupervisor(_)
            | Action::SetReviewWhen(_)) => self.record_action(a, &now),
            Action::Finish => {
                self.settle_trail();
                let open = self.case.as_mut()?;
                if open.blockers.is_empty() {
                    // Through `edit`, so the trail records it and it is autosaved.
                    self.edit(|w, _| w.case.completed = Some(now));
                    self.screen = Screen::Finished;
                    return self.update(Action::Save);
                }
                self.message = Some(format!(
                    "The case cannot be finished yet: {} thing(s) still to record, listed on the review step.",
                    open.blockers.len()
                ));
            }
            Action::ShowRule(r) => self.rule = r,
            Action::ShowAbout(b) => self.about_open = b,
            Action::SetTheme(t) => {
                self.settings.theme = t;
                return Some(Effect::SaveSettings(self.settings.clone()));
            }
            Action::SetTextScale(s) => {
                self.settings.text_scale = s.clamp(1.0, 2.0);
                return Some(Effect::SaveSettings(self.settings.clone()));
            }
            Action::Chooser(c) => return self.chooser_action(c),
            Action::SetNoteFormat(f) => self.note_format = f,
            a @ (Action::ExportNote
            | Action::NoteWritten(_)
            | Action::Copied(_)
            | Action::OpenNote) => {
                return self.note_action(a);
            }
            Action::Training(t) => return self.training_action(t),
            a @ Action::NoteRead(..) => return self.note_action(a),
        }
        None
    }

    fn go_to(&mut self, i: usize) {
        let left = self.case.as_ref().map(|o| o.wizard.step);
        self.settle_trail();
        if let (Ok(g), Some(open)) = (&self.guidance, &mut self.case) {
            open.wizard.go_to(g, i);
            // The draft records the step reached.
            open.autosave_due = true;
            open.statuses = statuses(g, &open.wizard, &open.blockers, &open.changes);
            if wizard::steps(g)
                .get(open.wizard.step)
                .is_some_and(|s| s.id() == wizard::REVIEW_STEP)
            {
                open.review_seen = true;
            }
            self.screen = Screen::Wizard;
        }
        self.left_step(left);
    }

    /// Records that a file could not be read, with where.
    /// Says why a file could not be read (`why` from [`crate::store::read_file`]).
    pub fn cannot_read(&mut self, path: &std::path::Path, why: &str) {
        let d = Diagnostic::new(&path.display().to_string(), None, why.to_owned());
        self.message = Some(d.to_string());
    }

    /// The theme chosen in the settings.
    pub fn theme(&self) -> ThemeChoice {
        self.settings.theme
    }
}
