//! The command-line face of the binary: `lint` and `assess`.
//!
//! Exit codes: 0 when all is well, 1 when a file has problems (each printed as
//! `path:line:col: message` on standard error), 2 for a mistake in the command.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::builtin;
pub use crate::cli_common::{AssessOptions, refuse_on_problems};
use crate::cli_common::{err, fail, out, usage};
use crate::core::case::CaseFacts;
use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::guidance::Guidance;
use crate::core::source::SourceText;
use crate::core::{engine, raw, report, text};
use crate::{scenario_cli, store};

/// Decision support for officers dealing with a victim or witness who may have no leave to remain.
///
/// With no command, the app opens its window.
#[derive(Debug, Parser)]
#[command(name = "victim-first", version, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Open the app's window (the default).
    Gui {
        /// The guidance folder.
        #[arg(long, value_name = "DIR")]
        guidance: Option<PathBuf>,
        /// A case file to open at start.
        #[arg(long, value_name = "CASE")]
        case: Option<PathBuf>,
        /// A decision note (PDF, text, Markdown or JSON) to show read-only at start,
        /// with whether it is intact.
        #[arg(long, value_name = "FILE")]
        note: Option<PathBuf>,
    },
    /// Check every guidance file (pack, overlay, force profile) under PATH, and the
    /// training scenarios in its `scenarios/` folder.
    Lint {
        /// A folder, or a single file (checked with the guidance folder it builds on;
        /// a file in a folder named `scenarios` is checked as a scenario);
        /// by default the guidance in use and its scenarios.
        path: Option<PathBuf>,
        /// For a single file: the guidance folder it builds on.
        #[arg(long, value_name = "DIR")]
        guidance: Option<PathBuf>,
    },
    /// Print the verdicts for a case file.
    Assess {
        /// The case file (RON).
        case: PathBuf,
        /// Assess under this force profile instead of the one the case names.
        #[arg(long, value_name = "FORCE", conflicts_with = "no_profile")]
        profile: Option<String>,
        /// Assess under national guidance only, ignoring any profile the case names.
        #[arg(long)]
        no_profile: bool,
        /// Assess under this national pack instead of the one the case names.
        #[arg(long, value_name = "PACK", conflicts_with = "as_of")]
        pack: Option<String>,
        /// Assess under the national pack in force on this date (YYYY-MM-DD),
        /// or on the date the case was started (`started`): replaying a case
        /// under the guidance of its day without naming the pack.
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// Print JSON for audit tools instead of text.
        #[arg(long, conflicts_with = "compare")]
        json: bool,
        /// The guidance folder.
        #[arg(long, value_name = "DIR")]
        guidance: Option<PathBuf>,
        /// Show what differs between the outcome as the case was decided and the
        /// outcome under the guidance in force now (today's national pack, or
        /// --pack; the case's profile, or --profile).
        #[arg(long)]
        compare: bool,
    },
    /// Write the decision note for a case file.
    Note {
        /// The case file (RON).
        case: PathBuf,
        /// The format.
        #[arg(long, value_enum, default_value = "txt")]
        format: crate::note_cli::NoteFormat,
        /// Write to this file (standard output if absent, except for PDF).
        #[arg(long, value_name = "FILE")]
        out: Option<PathBuf>,
        /// The guidance folder.
        #[arg(long, value_name = "DIR")]
        guidance: Option<PathBuf>,
    },
    /// Run training scenarios against the guidance and print `N passed, N failed`.
    Scenarios {
        /// A folder of scenario files; by default the guidance folder's `scenarios/`,
        /// or the scenarios built into this program.
        dir: Option<PathBuf>,
        /// The guidance folder.
        #[arg(long, value_name = "DIR")]
        guidance: Option<PathBuf>,
        /// Also list the decisions and rules no scenario exercises.
        #[arg(long)]
        coverage: bool,
    },
    /// The guidance built into this program.
    Guidance {
        #[command(subcommand)]
        action: GuidanceAction,
    },
    /// Check that a decision note (text, Markdown, JSON or PDF) is unaltered,
    /// or that a case file's audit trail is whole.
    Verify {
        /// The note file, or a case file (`.ron`).
        file: PathBuf,
        /// The guidance folder to look for the note's guidance in.
        #[arg(long, value_name = "DIR")]
        guidance: Option<PathBuf>,
    },
}

/// What to do with the built-in guidance.
#[derive(Debug, Subcommand)]
pub enum GuidanceAction {
    /// Write the built-in guidance files (and their manifest) into DIR, byte for
    /// byte, to read or to start a force's folder from. Nothing is overwritten.
    Export {
        /// The folder to write into (made if missing).
        dir: PathBuf,
    },
}

fn warn_modified(modified: &[String]) {
    for m in modified {
        err(&format!(
            "{}: warning: national guidance modified locally (not byte for byte a published national file; see guidance/README.md)\n",
            text::escape(m)
        ));
    }
}

/// `victim-first lint [PATH]`.
///
/// With no PATH, the guidance in use: the folder found, or the built-in files
/// (linted again here, as the build did). A folder is checked on top of the
/// built-in guidance, so a force's folder holding only its profile is checked
/// against the national packs it builds on.
pub fn lint(path: Option<PathBuf>, guidance: Option<&std::path::Path>) -> ExitCode {
    let origin = match path {
        Some(p) if std::fs::metadata(&p).is_ok_and(|m| m.is_file()) => {
            return lint_file(&p, guidance);
        }
        Some(p) => {
            if let Some(kind) = store::not_a_file_or_folder(&p) {
                return fail(&Diagnostics(vec![Diagnostic::new(
                    &p.display().to_string(),
                    None,
                    format!("cannot lint: this is {kind}, not a guidance file or folder"),
                )]));
            }
            if !p.exists() {
                return fail(&Diagnostics(vec![Diagnostic::new(
                    &p.display().to_string(),
                    None,
                    "no such file or folder",
                )]));
            }
            store::Origin::Folder(p, store::FolderFrom::Argument)
        }
        None => match store::find_guidance(guidance) {
            Ok(o) => o,
            Err(d) => return fail(&Diagnostics(vec![d])),
        },
    };
    let shown = origin.folder().map_or_else(
        || "the built-in guidance".to_owned(),
        |d| d.display().to_string(),
    );
    let mut loaded = store::load(&origin);
    let mut problems = std::mem::take(&mut loaded.problems);
    problems.0.append(&mut loaded.library.lint().0);
    let (mut lock_problems, lock_warning) = crate::lock_cli::lint_lock(&origin, &loaded);
    problems.0.append(&mut lock_problems.0);
    if let Some(w) = lock_warning {
        err(&w);
    }
    // Scenarios are checked against guidance that is itself clean. A failed
    // expectation prints the engine's verdict, so a locked installation runs
    // only the scenarios it holds itself.
    let foreign = !matches!(
        &origin,
        store::Origin::Folder(_, store::FolderFrom::BesideExecutable)
    );
    let locked_out = foreign && store::installation_locked();
    if locked_out && !scenario_cli::lint_files(&origin).is_empty() {
        err(&format!(
            "{shown}: note: this installation is locked to a force profile, so the scenarios of a named folder are not run here; check them on a policy owner's installation\n"
        ));
    }
    let scenarios = if problems.is_empty() && !locked_out {
        let files = scenario_cli::lint_files(&origin);
        problems
            .0
            .append(&mut scenario_cli::lint(&loaded.library, &files).0);
        files.len()
    } else {
        0
    };
    report_lint(
        &shown,
        (loaded.library.files().count(), scenarios),
        &loaded.modified,
        problems,
    )
}

/// `lint scenarios/x.ron`: one scenario, checked against the guidance in use.
fn lint_scenario(path: &std::path::Path, guidance: Option<&std::path::Path>) -> ExitCode {
    let shown = path.display().to_string();
    if store::installation_locked() {
        // A failed expectation prints the engine's verdict under the
        // scenario's profile: not on a locked installation.
        return fail(&Diagnostics(vec![Diagnostic::new(
            &shown,
            None,
            "this installation is locked to a force profile, so a scenario file is not run here; check it on a policy owner's installation",
        )]));
    }
    let loaded = store::find_and_load(guidance);
    if let Some(code) = refuse_on_problems(&loaded) {
        return code;
    }
    let files = vec![(shown.clone(), store::read_file(path))];
    let problems = scenario_cli::lint(&loaded.library, &files);
    report_lint(&shown, (0, 1), &[], problems)
}

/// Whether `path` is named as a lock is (`lock.ron`; any case, as Windows reads it).
fn is_lock_file(path: &std::path::Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.eq_ignore_ascii_case(crate::core::lock::FILE))
}

/// `lint guidance/lock.ron`: the lock read as a lock, and its profile looked
/// for in the guidance in use (the folder it is in, else as found).
fn lint_lock_file(path: &std::path::Path, guidance: Option<&std::path::Path>) -> ExitCode {
    let shown = path.display().to_string();
    let lock = match store::read_file(path)
        .map_err(|e| Diagnostic::new(&shown, None, e))
        .and_then(|bytes| crate::core::lock::parse(&shown, &bytes))
    {
        Ok(l) => l,
        Err(d) => return fail(&Diagnostics(vec![d])),
    };
    let folder = path.parent().filter(|p| p.is_dir());
    let loaded = match (guidance, folder) {
        (None, Some(dir)) => store::load(&store::Origin::Folder(
            dir.to_path_buf(),
            store::FolderFrom::Argument,
        )),
        _ => store::find_and_load(guidance),
    };
    let profiles: Vec<&str> = loaded.library.profile_ids();
    let problems = Diagnostics(lock.check(&profiles).into_iter().collect());
    report_lint(&shown, (1, 0), &[], problems)
}

/// `lint FILE`: one file, checked with the guidance it builds on; only its own
/// problems are reported.
fn lint_file(path: &std::path::Path, guidance: Option<&std::path::Path>) -> ExitCode {
    let shown = path.display().to_string();
    let in_scenarios = path
        .parent()
        .and_then(std::path::Path::file_name)
        .is_some_and(|n| n == scenario_cli::FOLDER);
    if in_scenarios {
        return lint_scenario(path, guidance);
    }
    if let Some(kind) = store::not_a_file_or_folder(path) {
        return fail(&Diagnostics(vec![Diagnostic::new(
            &shown,
            None,
            format!("cannot lint: this is {kind}, not a guidance file or folder"),
        )]));
    }
    if is_lock_file(path) {
        return lint_lock_file(path, guidance);
    }
    let context = match store::find_guidance(guidance) {
        Ok(o) => o,
        Err(d) => return fail(&Diagnostics(vec![d])),
    };
    let mut loaded = store::load_guidance_with(path, &context);
    let mut problems = std::mem::take(&mut loaded.problems);
    problems.0.append(&mut loaded.library.lint().0);
    problems.0.retain(|d| d.path == shown);
    loaded.modified.retain(|m| m == &shown);
    report_lint(&shown, (1, 0), &loaded.modified, problems)
}

/// `counts`: the guidance files and the scenarios checked.
fn report_lint(
    shown: &str,
    counts: (usize, usize),
    modified: &[String],
    mut problems: Diagnostics,
) -> ExitCode {
    problems.normalise();
    warn_modified(modified);
    let (n, scenarios) = counts;
    if problems.is_empty() {
        let files = if n == 1 { "file" } else { "files" };
        let what = match (n, scenarios) {
            (_, 0) => format!("{n} guidance {files}"),
            (0, 1) => "1 scenario".to_owned(),
            (_, s) => format!(
                "{n} guidance {files} and {s} scenario{}",
                if s == 1 { "" } else { "s" }
            ),
        };
        out(&format!("{}: {what}, no problems\n", text::escape(shown)));
        ExitCode::SUCCESS
    } else {
        let n = problems.len();
        err(&problems.to_string());
        err(&format!(
            "{n} problem{} found\n",
            if n == 1 { "" } else { "s" }
        ));
        ExitCode::from(1)
    }
}

/// `victim-first assess CASE`.
///
/// The guidance must be exactly what `lint` accepts: any problem in any file
/// (a duplicate id above all, which could otherwise swap a file for another)
/// stops here with exit 1, before the case is read, and no verdict is given.
pub fn assess(case_path: &std::path::Path, opts: &AssessOptions) -> ExitCode {
    if !opts.compare
        && opts.as_of.is_none()
        && let Some(code) = assess_built_in(case_path, opts)
    {
        return code;
    }
    let loaded = store::load_for_verdict(opts.guidance.as_deref());
    let lib = &loaded.library;
    if let Some(code) = refuse_on_problems(&loaded) {
        return code;
    }
    if let Some(why) = loaded
        .lock
        .as_ref()
        .and_then(|l| crate::lock_cli::refuse_option(l, opts.profile.as_deref(), opts.no_profile))
    {
        return usage(&why);
    }
    // A pack or profile named on the command line is a command mistake when it does not exist.
    if let Some(p) = &opts.pack
        && !lib.pack_ids().contains(&p.as_str())
    {
        return usage(&format!(
            "--pack: no national pack \"{p}\" (the guidance has: {})",
            lib.pack_ids().join(", ")
        ));
    }
    if let Some(p) = &opts.profile
        && !lib.profile_ids().contains(&p.as_str())
    {
        return usage(&format!(
            "--profile: no force profile \"{p}\" (the guidance has: {})",
            lib.profile_ids().join(", ")
        ));
    }
    let (src, case) = match store::read_case(case_path) {
        Ok(x) => x,
        Err(d) => return fail(&d),
    };
    if opts.compare {
        return crate::case_cli::compare(&loaded, &src, &case, opts);
    }
    // Locked: a case made under another profile gets verdicts only when the
    // locked profile is asked for by name.
    if let Some(lock) = &loaded.lock
        && opts.profile.is_none()
    {
        let refused =
            crate::lock_cli::refuse_case(lock, &src, &case, crate::lock_cli::Command::Assess);
        if !refused.is_empty() {
            return fail(&refused);
        }
    }
    let by_date = match opts.as_of.as_deref() {
        None => None,
        Some(d) => match crate::case_cli::pack_as_of(lib, &case, d) {
            Ok(p) => Some(p),
            Err(code) => return code,
        },
    };
    let pack = by_date
        .as_deref()
        .or(opts.pack.as_deref())
        .unwrap_or(&case.pack);
    let profile = if opts.no_profile {
        None
    } else {
        opts.profile.as_deref().or(case.profile.as_deref())
    };
    let refs = lib.check_case_refs(&src, pack, profile);
    if !refs.is_empty() {
        return fail(&refs);
    }
    if let Some(why) = lib.incompatibility(pack, profile) {
        let fix = "name another with --profile, or use --no-profile for national guidance only";
        if opts.pack.is_some() || opts.profile.is_some() {
            return usage(&format!("{why}; {fix}"));
        }
        let at = src.locate_quoted(profile.unwrap_or_default());
        return fail(&Diagnostics(vec![Diagnostic::new(
            &src.path,
            at,
            format!("profile: {why}"),
        )]));
    }
    let g = match lib.resolve(pack, profile) {
        Ok(g) => g,
        Err(mut d) => {
            d.normalise();
            return fail(&d);
        }
    };
    let code = give_verdicts(
        &g,
        &src,
        &case,
        (loaded.origin.as_ref(), loaded.lock.as_ref()),
        &loaded.modified,
        opts.json,
    );
    // The process ends here: handing thousands of small allocations back one by
    // one would only cost time (about a tenth of a short `assess`), so the
    // operating system takes them back at exit instead.
    std::mem::forget((g, loaded));
    code
}

/// `assess` when no guidance folder is named or installed: the pack and profile
/// pair comes already merged from the build ([`builtin::resolved`]), so nothing
/// is parsed or merged. `None` (go the usual way, which explains any problem)
/// when a folder is in use, the case cannot be read, or the pair was not merged.
fn assess_built_in(case_path: &std::path::Path, opts: &AssessOptions) -> Option<ExitCode> {
    let origin = store::find_guidance(opts.guidance.as_deref()).ok()?;
    if origin != store::Origin::BuiltIn {
        return None;
    }
    let (src, case) = store::read_case(case_path).ok()?;
    let pack = opts.pack.as_deref().unwrap_or(&case.pack);
    let profile = if opts.no_profile {
        None
    } else {
        opts.profile.as_deref().or(case.profile.as_deref())
    };
    let g = builtin::resolved(pack, profile)?;
    let code = give_verdicts(&g, &src, &case, (Some(&origin), None), &[], opts.json);
    std::mem::forget(g);
    Some(code)
}

/// Checks the case's answers against `g`, assesses it and prints the verdicts:
/// the part of `assess` that is the same wherever the guidance came from.
fn give_verdicts(
    g: &Guidance,
    src: &SourceText,
    case: &raw::Case,
    (origin, lock): (Option<&store::Origin>, Option<&crate::core::lock::Lock>),
    modified: &[String],
    json: bool,
) -> ExitCode {
    let facts = match CaseFacts::from_raw(g, src, case) {
        Ok(f) => f,
        Err(d) => return fail(&d),
    };
    let mut a = engine::assess(g, &facts);
    crate::core::needed::settle(g, case, &mut a);
    a.guidance.folder = origin
        .and_then(store::Origin::folder)
        .map(|d| d.display().to_string());
    a.guidance.source = origin.map(|o| crate::lock_cli::source_words(o, lock));
    a.guidance.modified_files = g
        .layers
        .iter()
        .filter(|l| modified.contains(&l.path))
        .map(|l| l.path.clone())
        .collect();
    a.guidance.national_modified_locally = !a.guidance.modified_files.is_empty();
    warn_modified(&a.guidance.modified_files);
    if json {
        out(&report::to_json(&a));
    } else {
        out(&report::to_text(g, &a));
    }
    std::mem::forget((a, facts));
    ExitCode::SUCCESS
}
