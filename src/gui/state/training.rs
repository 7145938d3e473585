//! Training in the window (issue 18): practice and assessment on a built-in
//! scenario in the real wizard, a class's results, the presenter's view, and a
//! case written as a scenario. State and actions only; the scoring and the
//! feedback come from the core (`core::scenario::feedback`, `results`).

use std::path::PathBuf;

use super::{Effect, GuiState, Screen};
use crate::core::parse;
use crate::core::scenario::feedback::{self, Report, StepFeedback};
use crate::core::scenario::results::{self, Class};
use crate::core::scenario::{self, Narrative, Ran, Scenario, TeachingPoint};
use crate::core::wizard;

/// Practice (feedback after each step) or assessment (a score at the end).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Practice,
    Assessment,
}

/// What the training screen shows.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum View {
    /// Choose a scenario and a mode; open a class's results.
    #[default]
    Choose,
    /// The score at the end of a session.
    Report,
    /// A class's results at a glance.
    Class,
    /// For a projector: the story, and the class's choices on the trainer's click.
    Presenter,
    /// The case in progress written as a scenario.
    Author,
}

/// A built-in scenario, read once.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Where it comes from (`<built-in>/scenarios/x.ron`).
    pub name: String,
    pub text: String,
    pub scenario: Scenario,
}

/// A practice or assessment under way on the case open in the wizard.
#[derive(Clone, Debug)]
pub struct Session {
    pub mode: Mode,
    /// The scenario, as [`Training::scenarios`] lists it.
    pub index: usize,
    pub scenario: Scenario,
    /// The scenario's run under its guidance: the verdicts the trainee is scored against.
    pub ran: Ran,
    /// The case this session is on (`Open::serial`).
    pub serial: u64,
    /// Feedback on each step left so far, latest first (practice only).
    pub feedback: Vec<StepFeedback>,
    /// The pack and profile chosen before the session, put back after it.
    pub previous: (String, Option<String>),
}

/// A class's results as read from a folder.
#[derive(Clone, Debug, Default)]
pub struct ClassShown {
    pub folder: String,
    pub class: Class,
    /// Files that could not be read as results, each with why.
    pub problems: Vec<String>,
}

/// The form that writes the case in progress as a scenario.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AuthorForm {
    pub title: String,
    pub narrative: Narrative,
    /// Each teaching point: step id, the point, and its rules as typed (ids apart by spaces or commas).
    pub points: Vec<(String, String, String)>,
    /// Why the last attempt could not be written.
    pub problems: Vec<String>,
}

/// Everything training shows.
#[derive(Clone, Debug, Default)]
pub struct Training {
    pub view: View,
    /// The built-in scenarios (read when training is first opened).
    pub scenarios: Vec<Entry>,
    /// The scenario chosen on the training screen.
    pub chosen: usize,
    /// The trainee's name or collar number, written on the result.
    pub trainee: String,
    pub session: Option<Session>,
    /// The last session's score.
    pub report: Option<Report>,
    pub class: Option<ClassShown>,
    /// A folder of results typed in (when no folder dialog can open).
    pub folder: String,
    /// The presenter: the steps whose class choices are revealed.
    pub revealed: Vec<String>,
    pub author: AuthorForm,
}

/// What a trainee or trainer did.
#[derive(Clone, Debug, PartialEq)]
pub enum TrainingAction {
    /// Open the training screen (reading the built-in scenarios the first time).
    Open,
    Show(View),
    Choose(usize),
    SetTrainee(String),
    Start(Mode),
    /// End the session and score it.
    End,
    /// Leave the session without a score; the guidance chosen before is put back.
    Leave,
    /// Export the last score as a result file.
    ExportResult,
    /// Ask for a folder of result files.
    OpenClass,
    SetFolder(String),
    /// Read the folder typed in.
    ReadFolder,
    /// The shell read a folder: its name, and each file's name and bytes (or why not).
    ClassRead(String, Vec<(String, Result<Vec<u8>, String>)>),
    ExportCsv,
    /// Reveal (or hide) the class's choices on a step, in the presenter.
    Reveal(String),
    SetTitle(String),
    SetNarrative(usize, String),
    AddPoint,
    SetPoint(usize, (String, String, String)),
    RemovePoint(usize),
    /// Write the case in progress as a scenario.
    SaveScenario,
    /// The shell wrote a training file (a result, a CSV, a scenario).
    Written(PathBuf),
}

/// What only the shell can do for training.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TrainingEffect {
    /// Let the user choose where to write `text`: the dialog's title, a file name, its extension.
    SaveText {
        title: String,
        name: String,
        extension: String,
        text: String,
    },
    /// Let the trainer choose a folder of result files.
    PickResultsFolder,
    /// Read every `.ron` file in this folder as a result.
    ReadResultsFolder(PathBuf),
}

/// A file name from free text: letters, digits and dashes.
fn file_stem(text: &str) -> String {
    let s: String = text
        .chars()
        .map(|c| if c.is_alphanumeric() { c } else { '-' })
        .collect();
    let s = s.trim_matches('-').to_lowercase();
    let s: String = s.chars().take(40).collect();
    if s.is_empty() {
        "training".to_owned()
    } else {
        s
    }
}

impl GuiState {
    /// The built-in scenarios, parsed once.
    fn load_scenarios(&mut self) {
        if !self.training.scenarios.is_empty() {
            return;
        }
        for (name, text) in crate::builtin::scenarios() {
            if let Ok((_, sc)) = scenario::parse(&name, text.as_bytes()) {
                self.training.scenarios.push(Entry {
                    name,
                    text: text.to_owned(),
                    scenario: sc,
                });
            }
        }
    }

    /// The session on the case open now, if any.
    pub fn session(&self) -> Option<&Session> {
        let s = self.training.session.as_ref()?;
        (self.case.as_ref().map(|o| o.serial) == Some(s.serial)).then_some(s)
    }

    /// Applies one training action.
    pub(super) fn training_action(&mut self, action: TrainingAction) -> Option<Effect> {
        match action {
            TrainingAction::Open => {
                self.load_scenarios();
                self.screen = Screen::Training;
                if self.training.view == View::Report && self.training.report.is_none() {
                    self.training.view = View::Choose;
                }
            }
            TrainingAction::Show(v) => {
                self.load_scenarios();
                self.training.view = v;
                self.screen = Screen::Training;
            }
            TrainingAction::Choose(i) => {
                self.training.chosen = i;
                self.training.revealed.clear();
            }
            TrainingAction::SetTrainee(t) => self.training.trainee = t,
            TrainingAction::Start(mode) => self.start_session(mode),
            TrainingAction::End => self.end_session(),
            TrainingAction::Leave => self.leave_session(),
            TrainingAction::ExportResult => {
                let r = self.training.report.as_ref()?;
                let who = if r.result.trainee.is_empty() {
                    "trainee"
                } else {
                    &r.result.trainee
                };
                return Some(Effect::Training(TrainingEffect::SaveText {
                    title: "Save the result".into(),
                    name: format!("{}-{}.ron", file_stem(who), file_stem(&r.result.scenario)),
                    extension: "ron".into(),
                    text: r.result.to_ron(),
                }));
            }
            TrainingAction::OpenClass => {
                return Some(Effect::Training(TrainingEffect::PickResultsFolder));
            }
            TrainingAction::SetFolder(f) => self.training.folder = f,
            TrainingAction::ReadFolder => {
                let f = self.training.folder.trim();
                if f.is_empty() {
                    return None;
                }
                return Some(Effect::Training(TrainingEffect::ReadResultsFolder(
                    PathBuf::from(f),
                )));
            }
            TrainingAction::ClassRead(folder, files) => self.class_read(folder, files),
            TrainingAction::ExportCsv => {
                let c = self.training.class.as_ref()?;
                return Some(Effect::Training(TrainingEffect::SaveText {
                    title: "Export the class's results".into(),
                    name: "class-results.csv".into(),
                    extension: "csv".into(),
                    text: c.class.to_csv(),
                }));
            }
            TrainingAction::Reveal(step) => {
                if let Some(at) = self.training.revealed.iter().position(|s| *s == step) {
                    self.training.revealed.remove(at);
                } else {
                    self.training.revealed.push(step);
                }
            }
            a @ (TrainingAction::SetTitle(_)
            | TrainingAction::SetNarrative(..)
            | TrainingAction::AddPoint
            | TrainingAction::SetPoint(..)
            | TrainingAction::RemovePoint(_)
            | TrainingAction::SaveScenario) => return self.author_action(a),
            TrainingAction::Written(path) => {
                self.message = Some(format!("Written to {}.", path.display()));
            }
        }
        None
    }

    fn start_session(&mut self, mode: Mode) {
        let Some(entry) = self.training.scenarios.get(self.training.chosen).cloned() else {
            return;
        };
        if self.would_lose_changes() {
            return;
        }
        if let Some(old) = self.case.take() {
            self.dropped_drafts.push(old.draft);
        }
        let previous = (self.pack.clone(), self.profile.clone());
        self.pack.clone_from(&entry.scenario.case.pack);
        self.profile.clone_from(&entry.scenario.case.profile);
        self.resolve();
        let ran = match &self.guidance {
            Ok(g) => parse::source_text(&entry.name, entry.text.as_bytes())
                .map_err(|d| d.to_string())
                .and_then(|src| scenario::run(g, &src, &entry.scenario).map_err(|d| d.to_string())),
            Err(d) => Err(d.to_string()),
        };
        let ran = match ran {
            Ok(r) if r.failures.is_empty() => r,
            Ok(r) => {
                let why: Vec<String> = r.failures.iter().map(ToString::to_string).collect();
                self.message = Some(format!(
                    "This scenario does not hold under the guidance here, so it cannot be scored: {}",
                    why.join("; ")
                ));
                self.put_back(previous);
                return;
            }
            Err(e) => {
                self.message = Some(format!("This scenario cannot be used here: {e}"));
                self.put_back(previous);
                return;
            }
        };
        let now = self.now();
        self.new_case(&now);
        let Some(serial) = self.case.as_ref().map(|o| o.serial) else {
            self.put_back(previous);
            return;
        };
        self.training.report = None;
        self.training.session = Some(Session {
            mode,
            index: self.training.chosen,
            scenario: entry.scenario,
            ran,
            serial,
            feedback: Vec::new(),
            previous,
        });
        self.screen = Screen::Wizard;
    }

    fn put_back(&mut self, previous: (String, Option<String>)) {
        self.pack = previous.0;
        self.profile = previous.1;
        self.resolve();
    }

    /// Scores the session's case, closes it, and shows the score.
    fn end_session(&mut self) {
        self.settle_trail();
        let now = self.now();
        let (Some(s), Ok(g), Some(open)) = (self.session(), &self.guidance, &self.case) else {
            return;
        };
        let report = feedback::report(
            g,
            &s.scenario,
            &s.ran,
            &open.wizard.case,
            self.training.trainee.trim(),
            &now,
        );
        self.training.report = Some(report);
        self.leave_session();
        self.training.view = View::Report;
        self.screen = Screen::Training;
    }

    /// Closes the session's case and puts back the guidance chosen before.
    pub(super) fn leave_session(&mut self) {
        let Some(s) = self.training.session.take() else {
            return;
        };
        if self.case.as_ref().map(|o| o.serial) == Some(s.serial)
            && let Some(old) = self.case.take()
        {
            self.dropped_drafts.push(old.draft);
        }
        self.put_back(s.previous);
        self.training.view = View::Choose;
        self.screen = Screen::Training;
    }

    /// In practice, the feedback on the step just left (`left`, by index).
    pub(super) fn left_step(&mut self, left: Option<usize>) {
        let (Some(left), Ok(g), Some(open)) = (left, &self.guidance, &self.case) else {
            return;
        };
        if open.wizard.step == left {
            return;
        }
        let Some(step) = wizard::steps(g).get(left).map(|s| s.id().to_owned()) else {
            return;
        };
        let serial = open.serial;
        let case = open.wizard.case.clone();
        let Some(s) = self
            .training
            .session
            .as_mut()
            .filter(|s| s.serial == serial && s.mode == Mode::Practice)
        else {
            return;
        };
        let f = feedback::step_feedback(g, &s.scenario, &s.ran, &case, &step);
        if f.lines.is_empty() && f.teaching.is_empty() {
            return;
        }
        s.feedback.retain(|x| x.step != step);
        s.feedback.insert(0, f);
    }

    fn class_read(&mut self, folder: String, files: Vec<(String, Result<Vec<u8>, String>)>) {
        let mut found = Vec::new();
        let mut problems = Vec::new();
        for (name, bytes) in files {
            match bytes {
                Ok(b) => match results::parse_result(&name, &b) {
                    Ok(r) => found.push(r),
                    Err(d) => problems.push(d.to_string()),
                },
                Err(e) => problems.push(format!("{name}: {e}")),
            }
        }
        if found.is_empty() && problems.is_empty() {
            problems.push(format!("{folder}: no result files (*.ron) found"));
        }
        self.training.class = Some(ClassShown {
            folder,
            class: Class::new(found),
            problems,
        });
        self.training.revealed.clear();
        // Opened from the presenter, the class's choices are shown there.
        if self.training.view != View::Presenter || self.screen != Screen::Training {
            self.training.view = View::Class;
        }
        self.screen = Screen::Training;
    }

    fn author_action(&mut self, action: TrainingAction) -> Option<Effect> {
        let first = self.steps().first().map(|s| s.id().to_owned());
        let form = &mut self.training.author;
        match action {
            TrainingAction::SetTitle(t) => form.title = t,
            TrainingAction::SetNarrative(i, t) => match i {
                0 => form.narrative.person_said = t,
                1 => form.narrative.call_handler = t,
                _ => form.narrative.colleague_proposes = t,
            },
            TrainingAction::AddPoint => {
                form.points
                    .push((first.unwrap_or_default(), String::new(), String::new()));
            }
            TrainingAction::SetPoint(i, p) => {
                if let Some(slot) = form.points.get_mut(i) {
                    *slot = p;
                }
            }
            TrainingAction::RemovePoint(i) if i < form.points.len() => {
                form.points.remove(i);
            }
            TrainingAction::SaveScenario => return self.save_scenario(),
            _ => {}
        }
        None
    }

    /// The case in progress as a scenario's text, checked as `victim-first scenarios` would.
    pub fn scenario_text(&self) -> Result<String, Vec<String>> {
        let (Ok(g), Some(open)) = (&self.guidance, &self.case) else {
            return Err(vec!["Open or start a case first.".to_owned()]);
        };
        let form = &self.training.author;
        let teaching: Vec<TeachingPoint> = form
            .points
            .iter()
            .map(|(step, point, rules)| TeachingPoint {
                step: step.clone(),
                point: point.trim().to_owned(),
                rules: rules
                    .split([' ', ','])
                    .filter(|r| !r.is_empty())
                    .map(str::to_owned)
                    .collect(),
            })
            .collect();
        scenario::author::scenario_text(
            g,
            &open.wizard.case,
            &form.title,
            form.narrative.clone(),
            teaching,
        )
        .map_err(|d| d.0.iter().map(ToString::to_string).collect())
    }

    fn save_scenario(&mut self) -> Option<Effect> {
        match self.scenario_text() {
            Ok(text) => {
                self.training.author.problems.clear();
                Some(Effect::Training(TrainingEffect::SaveText {
                    title: "Save the scenario".into(),
                    name: format!("{}.ron", file_stem(&self.training.author.title)),
                    extension: "ron".into(),
                    text,
                }))
            }
            Err(p) => {
                self.training.author.problems = p;
                None
            }
        }
    }
}
