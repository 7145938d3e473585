//! What every command of the command line shares, below all of them: output
//! written escaped (a control character a file smuggled in never reaches the
//! terminal), the exit codes for a file's problems and for a mistake in the
//! command, the rule that guidance with any problem gives no verdict, and
//! what `assess` was asked. The command files (`cli`, `case_cli`, `note_cli`,
//! `scenario_cli`, `lock_cli`) import from here and never from each other's
//! entry point, so no two of them import each other in a circle.

use std::io::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use crate::core::diagnostic::Diagnostics;
use crate::core::text;
use crate::store;

/// Writes to stdout, ignoring a closed pipe (as `head` causes). Any control
/// character a file smuggled into the text is escaped; newlines are kept.
pub fn out(text: &str) {
    let _ = std::io::stdout()
        .lock()
        .write_all(text::escape_lines(text).as_bytes());
}

/// A decision note's own bytes to stdout, unchanged (`note` without `--out`):
/// the note is the file the officer asked for, and its renderer has already
/// made every officer's text in it safe; escaping again would change the
/// bytes its digest covers.
pub fn out_note(bytes: &[u8]) {
    let _ = std::io::stdout().lock().write_all(bytes);
}

/// Writes to stderr, escaped as `out` is.
pub fn err(text: &str) {
    let _ = std::io::stderr()
        .lock()
        .write_all(text::escape_lines(text).as_bytes());
}

pub fn fail(problems: &Diagnostics) -> ExitCode {
    err(&problems.to_string());
    ExitCode::from(1)
}

/// A mistake in the command: exit 2.
pub fn usage(message: &str) -> ExitCode {
    err(&format!("victim-first: {}\n", text::escape(message)));
    ExitCode::from(2)
}

/// The one rule every command that gives a verdict or a note keeps: guidance
/// with any problem `lint` would report gives none. Prints the problems and
/// returns exit 1 then.
pub fn refuse_on_problems(loaded: &store::Loaded) -> Option<ExitCode> {
    let problems = loaded.problems_with_lint();
    if problems.is_empty() {
        return None;
    }
    err(&problems.to_string());
    // A folder named but missing is its own whole message.
    let Some(origin) = &loaded.origin else {
        return Some(ExitCode::from(1));
    };
    let from = format!("the guidance from {}", origin.words());
    err(&format!(
        "victim-first: no verdict: {} has {} problem{}; run `victim-first lint`\n",
        text::escape(&from),
        problems.len(),
        if problems.len() == 1 { "" } else { "s" }
    ));
    Some(ExitCode::from(1))
}

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
    /// Compare the outcome as decided with the outcome under the guidance in force now.
    pub compare: bool,
    /// Assess under the pack in force on this date, or `started`.
    pub as_of: Option<String>,
}
