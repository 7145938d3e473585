//! `victim-first scenarios [DIR]`: every training scenario run headless against
//! the engine, and the scenario half of `lint` (issue 18).
//!
//! Which scenarios: the folder named; else the `scenarios/` folder of the
//! guidance folder in use, when it has one; else the scenarios built into the
//! binary (`guidance/scenarios/` when it was built, see `build.rs`). Each is run
//! under the guidance found the usual way (`store::find_and_load`), which must
//! pass `lint` first, as for `assess`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::guidance::Guidance;
use crate::core::scenario::{self, Coverage};
use crate::core::text;
use crate::core::validate::Library;
use crate::{builtin, cli_common, store};

/// The folder of a guidance folder that holds its training scenarios; the
/// guidance walk (`store`) never reads it as guidance.
pub use crate::store::SCENARIO_FOLDER as FOLDER;

/// The most scenario files read from one folder, and how deep it is walked.
const MAX_FILES: usize = 2_000;
const MAX_DEPTH: usize = 4;

/// A scenario file to run: the path it is shown by, and its bytes (or why they
/// could not be read).
pub type ScenarioFile = (String, Result<Vec<u8>, String>);

/// The scenarios run when none is named: the guidance folder's `scenarios/`,
/// when a folder is in use and has one, else the built-in scenarios.
pub fn default_files(origin: Option<&store::Origin>) -> Vec<ScenarioFile> {
    if let Some(dir) = origin.and_then(store::Origin::folder) {
        let here = dir.join(FOLDER);
        if here.is_dir() {
            return folder_files(&here).unwrap_or_default();
        }
    }
    builtin::scenarios()
        .map(|(name, text)| (name, Ok(text.as_bytes().to_vec())))
        .collect()
}

/// The scenarios that belong to the guidance `lint` checks: the built-in ones
/// with the built-in guidance, a folder's own `scenarios/` with a folder (none
/// if it has none: the built-in scenarios are not the folder's to answer for).
pub fn lint_files(origin: &store::Origin) -> Vec<ScenarioFile> {
    match origin.folder() {
        Some(dir) => folder_files(&dir.join(FOLDER)).unwrap_or_default(),
        None => default_files(None),
    }
}

/// Every `.ron` file in `dir` and the folders under it, sorted by path.
/// `Err` when `dir` is not a readable folder.
pub fn folder_files(dir: &Path) -> Result<Vec<ScenarioFile>, Diagnostic> {
    let shown = dir.display().to_string();
    if !dir.is_dir() {
        return Err(Diagnostic::new(&shown, None, "no such folder of scenarios"));
    }
    let mut paths = Vec::new();
    walk(dir, 0, &mut paths);
    paths.sort();
    paths.truncate(MAX_FILES);
    Ok(paths
        .into_iter()
        .map(|p| {
            let bytes = store::read_file(&p);
            (p.display().to_string(), bytes)
        })
        .collect())
}

fn walk(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for e in entries.flatten() {
        let p = e.path();
        let name = e.file_name();
        if name.to_string_lossy().starts_with('.') || out.len() > MAX_FILES {
            continue;
        }
        // Links are not followed: a scenario folder is plain files.
        let Ok(kind) = e.file_type() else { continue };
        if kind.is_dir() && depth < MAX_DEPTH {
            walk(&p, depth + 1, out);
        } else if kind.is_file() && p.extension().is_some_and(|x| x == "ron") {
            out.push(p);
        }
    }
}

/// The guidance each pack and profile pair resolves to, merged once.
struct Resolver<'a> {
    library: &'a Library,
    done: BTreeMap<(String, Option<String>), Option<Guidance>>,
}

impl<'a> Resolver<'a> {
    fn new(library: &'a Library) -> Self {
        Self {
            library,
            done: BTreeMap::new(),
        }
    }

    /// The guidance a scenario's case names, or why there is none, located in its file.
    fn get(
        &mut self,
        src: &crate::core::source::SourceText,
        case: &crate::core::raw::Case,
    ) -> Result<&Guidance, Diagnostics> {
        let lib = self.library;
        let pack = case.pack.as_str();
        let profile = case.profile.as_deref();
        let refs = lib.check_case_refs(src, pack, profile);
        if !refs.is_empty() {
            return Err(refs);
        }
        if let Some(why) = lib.incompatibility(pack, profile) {
            let at = src.locate_quoted(profile.unwrap_or(pack));
            return Err(Diagnostics(vec![Diagnostic::new(
                &src.path,
                at,
                format!("case → profile: {why}"),
            )]));
        }
        let key = (pack.to_owned(), profile.map(str::to_owned));
        let g = self
            .done
            .entry(key)
            .or_insert_with(|| lib.resolve(pack, profile).ok());
        g.as_ref().ok_or_else(|| {
            Diagnostics(vec![Diagnostic::new(
                &src.path,
                None,
                "the guidance it names does not resolve; run `victim-first lint`",
            )])
        })
    }
}

/// What running one scenario file gave.
pub enum Outcome {
    /// Every expectation holds.
    Passed { title: String },
    /// Some expectations do not hold.
    Failed {
        title: String,
        failures: Vec<scenario::Failure>,
        located: Diagnostics,
    },
    /// The file could not be run: unreadable, malformed, or naming what the guidance lacks.
    Broken(Diagnostics),
}

/// Runs every file against `library`, adding what each exercised to `coverage`.
pub fn run_all(
    library: &Library,
    files: &[ScenarioFile],
    coverage: &mut Coverage,
) -> Vec<(String, Outcome)> {
    let mut resolver = Resolver::new(library);
    let mut out = Vec::new();
    for (shown, bytes) in files {
        let outcome = match bytes {
            Err(e) => Outcome::Broken(Diagnostics(vec![Diagnostic::new(shown, None, e)])),
            Ok(bytes) => run_one(&mut resolver, shown, bytes, coverage),
        };
        out.push((shown.clone(), outcome));
    }
    out
}

fn run_one(
    resolver: &mut Resolver<'_>,
    shown: &str,
    bytes: &[u8],
    coverage: &mut Coverage,
) -> Outcome {
    let (src, sc) = match scenario::parse(shown, bytes) {
        Ok(x) => x,
        Err(d) => return Outcome::Broken(Diagnostics(vec![d])),
    };
    let g = match resolver.get(&src, &sc.case) {
        Ok(g) => g,
        Err(d) => return Outcome::Broken(d),
    };
    match scenario::run(g, &src, &sc) {
        Err(d) => Outcome::Broken(d),
        Ok(ran) => {
            coverage.add(shown, &sc, &ran.assessment);
            if ran.failures.is_empty() {
                Outcome::Passed { title: sc.title }
            } else {
                let located =
                    Diagnostics(ran.failures.iter().map(|f| f.diagnostic(&src)).collect());
                Outcome::Failed {
                    title: sc.title,
                    failures: ran.failures,
                    located,
                }
            }
        }
    }
}

/// The scenario problems `lint` reports: every file that cannot be run, and
/// every expectation that contradicts the engine, each located.
pub fn lint(library: &Library, files: &[ScenarioFile]) -> Diagnostics {
    let mut problems = Diagnostics::default();
    for (_, outcome) in run_all(library, files, &mut Coverage::default()) {
        match outcome {
            Outcome::Passed { .. } => {}
            Outcome::Failed { mut located, .. } | Outcome::Broken(mut located) => {
                problems.0.append(&mut located.0);
            }
        }
    }
    problems
}

/// `victim-first scenarios [DIR]`: runs each scenario and prints `N passed, N
/// failed`; exit 1 when any failed or could not be run.
pub fn command(dir: Option<&Path>, guidance: Option<&Path>, show_coverage: bool) -> ExitCode {
    // Practice, not decisions: on a locked installation scenarios still run
    // under their own pack and profile, but only on the installed guidance.
    let loaded = store::load_for_verdict(guidance);
    if let Some(code) = cli_common::refuse_on_problems(&loaded) {
        return code;
    }
    if dir.is_some() && store::installation_locked() {
        // A failed expectation prints the engine's verdict under the
        // scenario's profile, so only the installation's own scenarios run.
        cli_common::err(
            "victim-first: this installation is locked to a force profile, so only its own scenarios run here (`victim-first scenarios` with no folder); check a folder of scenarios on a policy owner's installation\n",
        );
        return ExitCode::from(1);
    }
    let files = match dir {
        Some(d) => match folder_files(d) {
            Ok(f) => f,
            Err(e) => {
                cli_common::err(&format!("{e}\n"));
                return ExitCode::from(1);
            }
        },
        None => default_files(loaded.origin.as_ref()),
    };
    if files.is_empty() {
        let place = dir.map_or_else(
            || "the scenarios in use".to_owned(),
            |d| d.display().to_string(),
        );
        cli_common::err(&format!(
            "{}: no scenario files (*.ron) found\n",
            text::escape(&place)
        ));
        return ExitCode::from(1);
    }
    let mut coverage = Coverage::default();
    let (mut passed, mut failed) = (0usize, 0usize);
    let mut report = String::new();
    for (shown, outcome) in run_all(&loaded.library, &files, &mut coverage) {
        match outcome {
            Outcome::Passed { title } => {
                passed += 1;
                let _ = writeln!(report, "ok    {shown}: {}", text::escape(&title));
            }
            Outcome::Failed {
                title, failures, ..
            } => {
                failed += 1;
                let _ = writeln!(report, "FAIL  {shown}: {}", text::escape(&title));
                for f in failures {
                    let _ = writeln!(report, "      {}", text::escape(&f.to_string()));
                }
            }
            Outcome::Broken(problems) => {
                failed += 1;
                let _ = writeln!(report, "FAIL  {shown}: cannot be run");
                for d in &problems.0 {
                    let _ = writeln!(report, "      {d}");
                }
            }
        }
    }
    if show_coverage {
        report.push_str(&coverage_report(&loaded.library, &coverage));
    }
    let _ = writeln!(report, "{passed} passed, {failed} failed");
    cli_common::out(&report);
    if failed == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// The decisions and rules of every pack and profile pair that no scenario exercised.
fn coverage_report(library: &Library, coverage: &Coverage) -> String {
    let all: Vec<Guidance> = crate::core::published::resolve_all(library)
        .into_iter()
        .map(|r| r.guidance)
        .collect();
    let decisions = coverage.missing_decisions(&all);
    let rules = coverage.missing_rules(&all);
    let mut out = String::new();
    let mut list = |what: &str, ids: &[String]| {
        if ids.is_empty() {
            let _ = writeln!(out, "every {what} is exercised by a scenario");
        } else {
            let _ = writeln!(
                out,
                "{} {what}{} no scenario exercises: {}",
                ids.len(),
                if ids.len() == 1 { "" } else { "s" },
                ids.join(", ")
            );
        }
    };
    list("decision", &decisions);
    list("rule", &rules);
    out
}
