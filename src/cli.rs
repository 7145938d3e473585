//! The command-line face of the binary: `lint` and `assess`.
//!
//! Exit codes: 0 when all is well, 1 when a file has problems (each printed as
//! `path:line:col: message` on standard error), 2 for a mistake in the command.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::core::case::CaseFacts;
use crate::core::diagnostic::Diagnostics;
use crate::core::{engine, report};
use crate::store;

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
    },
    /// Check every guidance file (pack, overlay, force profile) under PATH.
    Lint {
        /// A folder, or a single file (checked with the guidance folder it builds on);
        /// by default the guidance folder.
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
        #[arg(long, value_name = "PACK")]
        pack: Option<String>,
        /// Print JSON for audit tools instead of text.
        #[arg(long)]
        json: bool,
        /// The guidance folder.
        #[arg(long, value_name = "DIR")]
        guidance: Option<PathBuf>,
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
    /// Check that a decision note (text, Markdown, JSON or PDF) is unaltered.
    Verify {
        /// The note file.
        file: PathBuf,
        /// The guidance folder to look for the note's guidance in.
        #[arg(long, value_name = "DIR")]
        guidance: Option<PathBuf>,
    },
}

/// Writes to stdout, ignoring a closed pipe (as `head` causes).
fn out(text: &str) {
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
}

fn err(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

fn fail(problems: &Diagnostics) -> ExitCode {
    err(&problems.to_string());
    ExitCode::from(1)
}

/// `victim-first lint [PATH]`.
pub fn lint(path: Option<PathBuf>, guidance: Option<PathBuf>) -> ExitCode {
    let path = path.unwrap_or_else(store::default_guidance_dir);
    let single = path.is_file();
    let (lib, mut problems) = if single {
        // A single file is checked against the packs it builds on; only its own
        // problems are reported.
        let context = guidance.unwrap_or_else(store::default_guidance_dir);
        let (lib, mut problems) = store::load_library_with(&path, &context);
        let shown = path.display().to_string();
        problems.0.append(&mut lib.lint().0);
        problems.0.retain(|d| d.path == shown);
        (lib, problems)
    } else {
        let (lib, mut problems) = store::load_library(&path);
        problems.0.append(&mut lib.lint().0);
        (lib, problems)
    };
    if problems.is_empty() && lib.files().next().is_none() {
        problems.0.push(crate::core::diagnostic::Diagnostic::new(
            &path.display().to_string(),
            None,
            "no guidance files (*.ron) found here",
        ));
    }
    problems.normalise();
    if problems.is_empty() {
        let n = if single { 1 } else { lib.files().count() };
        let files = if n == 1 { "file" } else { "files" };
        out(&format!(
            "{}: {n} guidance {files}, no problems\n",
            path.display()
        ));
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
/// What `assess` was asked, beyond the case file.
pub struct AssessOptions {
    /// A profile named on the command line, replacing the case's.
    pub profile: Option<String>,
    /// Ignore any profile.
    pub no_profile: bool,
    /// A national pack named on the command line, replacing the case's.
    pub pack: Option<String>,
    pub json: bool,
    pub guidance: Option<PathBuf>,
}

/// `victim-first assess CASE`.
pub fn assess(case_path: &std::path::Path, opts: &AssessOptions) -> ExitCode {
    let dir = opts
        .guidance
        .clone()
        .unwrap_or_else(store::default_guidance_dir);
    let (lib, load_problems) = store::load_library(&dir);
    if lib.files().next().is_none() {
        // Nothing to assess against: say why, rather than that the pack is unknown.
        let mut d = load_problems;
        if d.is_empty() {
            d.0.push(crate::core::diagnostic::Diagnostic::new(
                &dir.display().to_string(),
                None,
                "no guidance files (*.ron) found here",
            ));
        }
        return fail(&d);
    }
    let (src, case) = match store::read_case(case_path) {
        Ok(x) => x,
        Err(d) => return fail(&d),
    };
    let pack = opts.pack.as_deref().unwrap_or(&case.pack);
    let profile = if opts.no_profile {
        None
    } else {
        opts.profile.as_deref().or(case.profile.as_deref())
    };
    let mut refs = lib.check_case_refs(&src, pack, profile);
    if !load_problems.is_empty() && !refs.is_empty() {
        refs.0.extend(load_problems.0.iter().cloned());
    }
    if !refs.is_empty() {
        return fail(&refs);
    }
    if let Some(why) = lib.incompatibility(pack, profile) {
        let fix = "name another with --profile, or use --no-profile for national guidance only";
        if opts.pack.is_some() || opts.profile.is_some() {
            err(&format!("victim-first: {why}; {fix}\n"));
            return ExitCode::from(2);
        }
        let at = crate::core::diagnostic::locate_quoted(&src.text, profile.unwrap_or_default());
        return fail(&Diagnostics(vec![
            crate::core::diagnostic::Diagnostic::new(&src.path, at, format!("profile: {why}")),
        ]));
    }
    let g = match lib.resolve(pack, profile) {
        Ok(g) => g,
        Err(mut d) => {
            d.0.extend(load_problems.0);
            d.normalise();
            return fail(&d);
        }
    };
    if !load_problems.is_empty() {
        err(&format!(
            "warning: some guidance files could not be read and were left out (run `victim-first lint`):\n{load_problems}"
        ));
    }
    let facts = match CaseFacts::from_raw(&g, &src, &case) {
        Ok(f) => f,
        Err(d) => return fail(&d),
    };
    let a = engine::assess(&g, &facts);
    if opts.json {
        out(&report::to_json(&a));
    } else {
        out(&report::to_text(&g, &a));
    }
    ExitCode::SUCCESS
}
