//! The window: a thin egui view over the core.
//!
//! For now it lets an officer, supervisor or policy owner pick the national
//! pack and force profile, read every rule with its source, and open a case
//! file to see its verdicts. The wizard builds on the same state later.
//!
//! Flow per frame: the view reads [`GuiState`] and pushes [`Action`]s;
//! [`GuiState::update`] applies them after drawing and may return an
//! [`Effect`] (such as "ask for a file") that the shell in [`App`] carries out.

use std::path::PathBuf;

use egui::{Color32, RichText};

use crate::core::case::CaseFacts;
use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::engine::{self, Assessment, Reason, Verdict};
use crate::core::guidance::{Guidance, LayerKind, check_fact, ie_fact};
use crate::core::raw::Certainty;
use crate::core::validate::Library;
use crate::core::{parse, report};

/// Something the officer asked for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Action {
    SelectPack(String),
    SelectProfile(Option<String>),
    /// Ask the shell to let the officer choose a case file.
    OpenCase,
    /// A case file's name and bytes, read by the shell.
    CaseRead(String, Vec<u8>),
    CloseCase,
}

/// Something only the shell can do.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    PickCaseFile,
}

/// A case file that was opened, and what came of it.
#[derive(Clone, Debug)]
pub struct OpenCase {
    pub name: String,
    pub result: Result<Assessment, Diagnostics>,
}

/// Everything the window shows.
pub struct GuiState {
    pub library: Library,
    /// Problems found loading or checking the guidance.
    pub problems: Diagnostics,
    pub pack: String,
    pub profile: Option<String>,
    /// The merged guidance for the chosen pack and profile, or why there is none.
    pub guidance: Result<Guidance, Diagnostics>,
    pub case: Option<OpenCase>,
    /// The guidance folder the files were read from, when known.
    pub folder: Option<String>,
    /// National packs and overlays that differ from the published manifest.
    pub modified: Vec<String>,
    /// The last case file's bytes, kept so a change of pack or profile re-assesses it.
    case_bytes: Option<(String, Vec<u8>)>,
}

impl GuiState {
    pub fn new(library: Library, mut problems: Diagnostics) -> Self {
        problems.0.extend(library.lint().0);
        problems.normalise();
        let pack = library
            .pack_ids()
            .last()
            .map(|s| (*s).to_owned())
            .unwrap_or_default();
        let mut state = Self {
            library,
            problems,
            pack,
            profile: None,
            guidance: Err(Diagnostics::default()),
            case: None,
            folder: None,
            modified: Vec::new(),
            case_bytes: None,
        };
        state.guidance = state.usable();
        state
    }

    /// The guidance for the chosen pack and profile, only when every guidance
    /// file is sound: guidance that `lint` rejects never gives a verdict.
    fn usable(&self) -> Result<Guidance, Diagnostics> {
        if self.problems.is_empty() {
            self.library.resolve(&self.pack, self.profile.as_deref())
        } else {
            Err(self.problems.clone())
        }
    }

    fn reresolve(&mut self) {
        self.guidance = self.usable();
        if let Some((name, bytes)) = self.case_bytes.clone() {
            self.case = Some(self.assess(&name, &bytes));
        }
    }

    fn assess(&self, name: &str, bytes: &[u8]) -> OpenCase {
        let result = (|| {
            let g = self.guidance.as_ref().map_err(Clone::clone)?;
            let (src, case) = parse::case_file(name, bytes).map_err(|d| Diagnostics(vec![d]))?;
            let facts = CaseFacts::from_raw(g, &src, &case)?;
            Ok(engine::assess(g, &facts))
        })();
        OpenCase {
            name: name.to_owned(),
            result,
        }
    }

    /// Applies one action; returns what the shell must do, if anything.
    pub fn update(&mut self, action: Action) -> Option<Effect> {
        match action {
            Action::SelectPack(p) => {
                self.pack = p;
                self.reresolve();
            }
            Action::SelectProfile(p) => {
                self.profile = p;
                self.reresolve();
            }
            Action::OpenCase => return Some(Effect::PickCaseFile),
            Action::CaseRead(name, bytes) => {
                // Start from the pack and profile the case names, when the guidance has them;
                // the officer can then change either and see the case re-assessed.
                if let Ok((src, case)) = parse::case_file(&name, &bytes)
                    && self
                        .library
                        .check_case_refs(&src, &case.pack, case.profile.as_deref())
                        .is_empty()
                {
                    self.pack = case.pack;
                    self.profile = case.profile;
                    self.guidance = self.usable();
                }
                self.case = Some(self.assess(&name, &bytes));
                self.case_bytes = Some((name, bytes));
            }
            Action::CloseCase => {
                self.case = None;
                self.case_bytes = None;
            }
        }
        None
    }
}

fn verdict_text(v: Verdict) -> RichText {
    verdict_words(v).size(20.0)
}

fn verdict_words(v: Verdict) -> RichText {
    let (word, colour) = match v {
        Verdict::NotProposed => ("Not proposed", Color32::GRAY),
        Verdict::Permitted => ("Permitted", Color32::from_rgb(0, 110, 50)),
        Verdict::Incomplete => ("Incomplete", Color32::from_rgb(150, 100, 0)),
        Verdict::Defer => ("Defer", Color32::from_rgb(150, 100, 0)),
        Verdict::NotRecommended => ("Not recommended", Color32::from_rgb(170, 60, 0)),
        Verdict::Refused => ("Refused", Color32::from_rgb(180, 0, 0)),
    };
    RichText::new(word).strong().color(colour)
}

fn certainty_word(c: Certainty) -> &'static str {
    match c {
        Certainty::Cited => "cited",
        Certainty::Secondary => "secondary source",
        Certainty::Inferred => "inferred, to be confirmed",
        Certainty::Silent => "guidance silent",
        Certainty::Conflict => "sources conflict",
    }
}

fn problems_ui(ui: &mut egui::Ui, problems: &Diagnostics) {
    let most = crate::core::limits::MAX_REPORTED_ERRORS;
    for d in problems.0.iter().take(most) {
        ui.label(RichText::new(d.to_string()).color(Color32::from_rgb(180, 0, 0)));
    }
    if problems.len() > most {
        ui.label(format!(
            "... and {} more problems not shown",
            problems.len() - most
        ));
    }
}

fn selectors_ui(ui: &mut egui::Ui, state: &GuiState, actions: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let label = ui.label("National pack");
        egui::ComboBox::from_id_salt("pack")
            .selected_text(state.pack.as_str())
            .show_ui(ui, |ui| {
                for id in state.library.pack_ids() {
                    if ui.selectable_label(state.pack == id, id).clicked() {
                        actions.push(Action::SelectPack(id.to_owned()));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("Force profile");
        egui::ComboBox::from_id_salt("profile")
            .selected_text(
                state
                    .profile
                    .as_deref()
                    .unwrap_or("None (national guidance only)"),
            )
            .show_ui(ui, |ui| {
                if ui
                    .selectable_label(state.profile.is_none(), "None (national guidance only)")
                    .clicked()
                {
                    actions.push(Action::SelectProfile(None));
                }
                for id in state.library.profile_ids() {
                    if ui
                        .selectable_label(state.profile.as_deref() == Some(id), id)
                        .clicked()
                    {
                        actions.push(Action::SelectProfile(Some(id.to_owned())));
                    }
                }
            })
            .response
            .labelled_by(label.id);
        if ui.button("Open case…").clicked() {
            actions.push(Action::OpenCase);
        }
        if state.case.is_some() && ui.button("Close case").clicked() {
            actions.push(Action::CloseCase);
        }
    });
}

fn guidance_ui(ui: &mut egui::Ui, g: &Guidance) {
    ui.label(format!("Guidance digest sha256:{}", g.digest));
    for layer in &g.layers {
        ui.separator();
        ui.heading(&layer.title);
        ui.label(format!(
            "{} {} · version {} · effective {} · review by {}",
            layer_word(layer.kind),
            layer.id,
            layer.version,
            layer.effective,
            layer.review_by
        ));
        if !layer.summary.is_empty() {
            ui.label(&layer.summary);
        }
        for entry in g.rules.values().filter(|e| e.layer == layer.id) {
            rule_ui(ui, g, &entry.rule);
        }
    }
}

fn layer_word(kind: LayerKind) -> &'static str {
    match kind {
        LayerKind::Baseline => "National baseline",
        LayerKind::Revision => "National revision",
        LayerKind::Overlay => "Adopted overlay",
        LayerKind::Profile => "Force profile",
    }
}

fn rule_ui(ui: &mut egui::Ui, g: &Guidance, r: &crate::core::raw::GuidanceRule) {
    {
        egui::CollapsingHeader::new(format!("{}  {}", r.id, r.title))
            .id_salt(&r.id)
            .show(ui, |ui| {
                ui.label(&r.explanation);
                let sources: Vec<String> = r
                    .sources
                    .iter()
                    .filter_map(|s| g.sources.get(s))
                    .map(|s| format!("{} ({}, {})", s.title, s.publisher, s.date))
                    .collect();
                ui.label(format!("Source: {}", sources.join("; ")));
                if let Some(q) = &r.quote {
                    ui.label(format!("Quoted: “{q}”"));
                }
                ui.label(format!("Type: {:?}; {}", r.kind, certainty_word(r.status)));
                if let Some(c) = &r.caveat {
                    ui.label(RichText::new(c).italics());
                }
            });
    }
}

/// Each decision behind a verdict; those the verdict outweighed are marked so.
fn reasons_ui(ui: &mut egui::Ui, verdict: Verdict, reasons: &[Reason]) {
    for r in reasons {
        let outweighed = r.verdict.is_some_and(|v| v < verdict);
        let text = format!("    {} [{}]", r.message, r.rules.join(", "));
        if outweighed {
            ui.label(RichText::new(format!("{text} (outweighed)")).weak());
        } else {
            ui.label(text);
        }
    }
}

fn notices_ui(ui: &mut egui::Ui, a: &Assessment, about: &str, shown: &[Reason]) {
    for n in a
        .warnings
        .iter()
        .chain(&a.notes)
        .filter(|n| n.about == about)
    {
        if shown.iter().any(|r| r.decision == n.decision) {
            continue;
        }
        let head = RichText::new(format!("{}:", report::notice_heading(&n.kind))).strong();
        ui.horizontal_wrapped(|ui| {
            ui.label(head);
            ui.label(format!("{} [{}]", n.message, n.rules.join(", ")));
        });
    }
}

fn recorded_ui(ui: &mut egui::Ui, rows: &[(&str, String)]) {
    egui::Grid::new(ui.next_auto_id())
        .num_columns(2)
        .show(ui, |ui| {
            for (name, value) in rows {
                ui.label(RichText::new(*name).weak());
                ui.label(if value.is_empty() {
                    "(none)"
                } else {
                    value.as_str()
                });
                ui.end_row();
            }
        });
}

fn assessment_ui(ui: &mut egui::Ui, g: &Guidance, a: &Assessment) {
    let profile = a.guidance.profile.as_deref().unwrap_or("none");
    ui.label(format!(
        "Assessed under {} version {} · force profile {profile} · guidance digest sha256:{}",
        a.guidance.pack, a.guidance.version, a.guidance.digest
    ));
    ui.separator();
    ui.heading("Database checks");
    if a.checks.is_empty() {
        ui.label("None proposed.");
    }
    for (i, c) in a.checks.iter().enumerate() {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(format!(
                    "{}. {} on {}",
                    i + 1,
                    g.value_label(check_fact::SYSTEM, &c.system),
                    g.value_label(check_fact::SUBJECT, &c.subject)
                ))
                .strong(),
            );
            ui.label(verdict_text(c.verdict));
        });
        recorded_ui(
            ui,
            &[
                ("For", report::labels(g, check_fact::PURPOSES, &c.purposes)),
                ("Reason recorded", c.reason.trim().to_owned()),
            ],
        );
        reasons_ui(ui, c.verdict, &c.reasons);
        notices_ui(ui, a, &format!("check {}", i + 1), &c.reasons);
        ui.add_space(6.0);
    }
    ui.separator();
    let ie = &a.ie_contact;
    ui.horizontal_wrapped(|ui| {
        ui.heading("Contact with Immigration Enforcement");
        ui.label(verdict_text(ie.verdict));
    });
    if ie.verdict != Verdict::NotProposed {
        let one = |fact: &str, v: &Option<String>| {
            v.as_deref()
                .map_or_else(String::new, |v| g.value_label(fact, v).to_owned())
        };
        recorded_ui(
            ui,
            &[
                ("For", one(ie_fact::PURPOSE, &ie.purpose)),
                ("When", one(ie_fact::TIMING, &ie.timing)),
                ("Sharing", report::labels(g, ie_fact::DATA, &ie.data)),
                ("Reason recorded", ie.reason.trim().to_owned()),
            ],
        );
    }
    reasons_ui(ui, ie.verdict, &ie.reasons);
    notices_ui(ui, a, "ie_contact", &ie.reasons);
    ui.separator();
    ui.heading("Never do this");
    for act in &a.prohibited {
        ui.label(format!("• {} [{}]", act.label, act.rules.join(", ")));
    }
    ui.heading("You must");
    for act in &a.required {
        ui.label(format!("• {} [{}]", act.label, act.rules.join(", ")));
    }
    ui.heading("About the whole case");
    notices_ui(ui, a, "case", &[]);
}

/// Draws the whole window and applies what the officer did. Returns effects for the shell.
pub fn root_ui(ui: &mut egui::Ui, state: &mut GuiState) -> Vec<Effect> {
    let mut actions = Vec::new();
    egui::Panel::top("top").show(ui, |ui| {
        ui.heading("Victim First");
        selectors_ui(ui, state, &mut actions);
        if let Some(folder) = &state.folder {
            ui.label(format!("Guidance folder: {folder}"));
        }
        if !state.modified.is_empty() {
            ui.label(
                RichText::new(format!(
                    "National guidance modified locally: {} differ from the published national guidance",
                    state.modified.join(", ")
                ))
                .strong()
                .color(Color32::from_rgb(180, 0, 0)),
            );
        }
        if !state.problems.is_empty() {
            ui.label(RichText::new("Problems in the guidance files:").strong());
            problems_ui(ui, &state.problems);
        }
    });
    egui::CentralPanel::default().show(ui, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| match (&state.guidance, &state.case) {
            (Err(_), _) if !state.problems.is_empty() => {
                ui.label(
                    RichText::new(
                        "No verdict can be given: the guidance files have the problems listed above. \
                         Fix them (run `victim-first lint`) and restart.",
                    )
                    .strong(),
                );
            }
            (Err(d), _) => {
                ui.label("This national pack and force profile cannot be used together:");
                let fresh = Diagnostics(
                    d.0.iter()
                        .filter(|x| !state.problems.0.contains(x))
                        .cloned()
                        .collect(),
                );
                if fresh.is_empty() {
                    ui.label("see the problems in the guidance files above.");
                } else {
                    problems_ui(ui, &fresh);
                }
            }
            (Ok(g), Some(case)) => {
                let file = std::path::Path::new(&case.name)
                    .file_name()
                    .map_or_else(|| case.name.clone(), |f| f.to_string_lossy().into_owned());
                ui.heading(format!("Case: {file}"));
                match &case.result {
                    Ok(a) => assessment_ui(ui, g, a),
                    Err(d) => problems_ui(ui, d),
                }
            }
            (Ok(g), None) => guidance_ui(ui, g),
        });
    });
    actions
        .into_iter()
        .filter_map(|a| state.update(a))
        .collect()
}

/// Adds `DejaVu Sans` (shipped in `assets/fonts`) behind egui's own fonts, so that
/// arrows, accented names and most scripts an officer may type are drawn.
pub fn install_fonts(ctx: &egui::Context) {
    let mut fonts = egui::FontDefinitions::default();
    fonts.font_data.insert(
        "dejavu-sans".to_owned(),
        std::sync::Arc::new(egui::FontData::from_static(include_bytes!(
            "../assets/fonts/DejaVuSans.ttf"
        ))),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        fonts
            .families
            .entry(family)
            .or_default()
            .push("dejavu-sans".to_owned());
    }
    ctx.set_fonts(fonts);
}

/// The eframe shell: owns the state and carries out effects.
pub struct App {
    pub state: GuiState,
}

impl App {
    pub fn new(dir: &std::path::Path) -> Self {
        let loaded = crate::store::load_guidance(dir);
        let mut state = GuiState::new(loaded.library, loaded.problems);
        state.folder = Some(dir.display().to_string());
        state.modified = loaded.modified;
        Self { state }
    }

    fn pick_case(&mut self) {
        let picked: Option<PathBuf> = rfd::FileDialog::new()
            .set_title("Open a case file")
            .add_filter("Case file", &["ron"])
            .pick_file();
        if let Some(path) = picked {
            self.open_case(&path);
        }
    }

    /// Reads a case file and shows its verdicts, or why it cannot be read.
    pub fn open_case(&mut self, path: &std::path::Path) {
        let name = path.display().to_string();
        match crate::store::read_file(path) {
            Ok(bytes) => {
                self.state.update(Action::CaseRead(name, bytes));
            }
            Err(e) => {
                self.state.case = Some(OpenCase {
                    result: Err(Diagnostics(vec![Diagnostic::new(&name, None, e)])),
                    name,
                });
            }
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        for effect in root_ui(ui, &mut self.state) {
            match effect {
                Effect::PickCaseFile => self.pick_case(),
            }
        }
    }
}

/// Opens the window and runs until it is closed.
pub fn run(dir: &std::path::Path, case: Option<&std::path::Path>) -> Result<(), eframe::Error> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("Victim First")
            .with_inner_size([1100.0, 800.0]),
        ..Default::default()
    };
    let mut app = App::new(dir);
    if let Some(path) = case {
        app.open_case(path);
    }
    eframe::run_native(
        "Victim First",
        options,
        Box::new(|cc| {
            install_fonts(&cc.egui_ctx);
            Ok(Box::new(app))
        }),
    )
}
