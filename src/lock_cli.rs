//! What a force's lock stops on the command line (issue 19): `assess` and
//! `note` give verdicts only under the locked profile. Refusing a guidance
//! folder named on a locked installation is `store::load_for_verdict`.

use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::lock::Lock;
use crate::core::raw;
use crate::core::source::SourceText;
use crate::store::{self, FolderFrom, Loaded, Origin};

/// The command a case is refused for, which decides what the refusal advises.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Command {
    Assess,
    /// `assess --compare` on a case that records no outcome.
    Compare,
    Note,
}

/// A profile in words: `force profile "x"`, or national guidance only.
fn profile_words(profile: Option<&str>) -> String {
    profile.map_or_else(
        || "national guidance only (no force profile)".to_owned(),
        |p| format!("force profile \"{p}\""),
    )
}

/// Whether `--profile` or `--no-profile` asks for something the lock forbids:
/// the words of the refusal (a mistake in the command, exit 2).
pub fn refuse_option(lock: &Lock, profile: Option<&str>, no_profile: bool) -> Option<String> {
    let asked = if no_profile {
        "--no-profile".to_owned()
    } else {
        match profile {
            Some(p) if p != lock.profile => format!("--profile {p}"),
            _ => return None,
        }
    };
    Some(format!(
        "{asked}: this installation is {}, and gives verdicts only under that profile",
        lock.words()
    ))
}

/// A case made under another profile than the lock's: why no verdict is
/// given for it, located at the profile the case names.
pub fn refuse_case(
    lock: &Lock,
    src: &SourceText,
    case: &raw::Case,
    command: Command,
) -> Diagnostics {
    if case.profile.as_deref() == Some(lock.profile.as_str()) {
        return Diagnostics::default();
    }
    let at = case
        .profile
        .as_deref()
        .and_then(|p| src.locate_quoted(p))
        .or_else(|| src.locate_quoted(&case.pack));
    let p = &lock.profile;
    // What the window offers: a case that recorded its outcome is compared
    // (kept as decided, or decided again); one that did not is read as recorded.
    let window = if case.decided_under.is_some() {
        format!(
            "the window offers to keep it as decided (read-only) or decide it again under \"{p}\""
        )
    } else {
        "the window shows it as recorded (read-only)".to_owned()
    };
    let fix = match command {
        Command::Assess if case.decided_under.is_some() => format!(
            "`victim-first assess CASE --profile {p}` gives its verdicts under \"{p}\", `victim-first assess CASE --compare` shows what differs from the outcome it recorded, and {window}; or use an installation that has its profile"
        ),
        Command::Assess => format!(
            "`victim-first assess CASE --profile {p}` gives its verdicts under \"{p}\", and {window}; or use an installation that has its profile"
        ),
        Command::Compare => format!(
            "the case records no outcome to compare with, and assessing it again under its own guidance is not allowed here; `victim-first assess CASE --profile {p}` gives its verdicts under \"{p}\", and {window}; or use an installation that has its profile"
        ),
        Command::Note => format!(
            "{window}; a note is made from a case under \"{p}\" (start it anew, or decide it again in the window where it recorded its outcome); or use an installation that has its profile"
        ),
    };
    Diagnostics(vec![Diagnostic::new(
        &src.path,
        at,
        format!(
            "no {}: this case was made under {}, and this installation is {}. What you can do: {fix}",
            if command == Command::Note {
                "note"
            } else {
                "verdict"
            },
            profile_words(case.profile.as_deref()),
            lock.words()
        ),
    )])
}

/// Where the guidance came from, in words, with the lock when one is in force:
/// the `From:` line of `assess` and its JSON `guidance.source`.
pub fn source_words(origin: &crate::store::Origin, lock: Option<&Lock>) -> String {
    match lock {
        Some(l) => format!("{}; {}", origin.words(), l.words()),
        None => origin.words(),
    }
}

/// What `lint` says about a lock: its problems (unreadable, or naming a
/// profile the guidance lacks), and a warning when the folder linted is not
/// the installed one, where a lock locks nothing.
pub fn lint_lock(origin: &Origin, loaded: &Loaded) -> (Diagnostics, Option<String>) {
    let mut problems = Diagnostics::default();
    let profiles = loaded.library.profile_ids();
    if let Some(lock) = &loaded.lock {
        problems.0.extend(lock.check(&profiles));
        return (problems, None);
    }
    let Origin::Folder(dir, from) = origin else {
        return (problems, None);
    };
    // The installed folder's unreadable lock is already among the load's problems.
    if *from == FolderFrom::BesideExecutable {
        return (problems, None);
    }
    let Some(read) = store::read_lock(dir) else {
        return (problems, None);
    };
    let lock = match read {
        Ok(lock) => lock,
        Err(d) => {
            problems.0.push(d);
            return (problems, None);
        }
    };
    problems.0.extend(lock.check(&profiles));
    let installed = store::installed_folder()
        .and_then(|i| std::fs::canonicalize(i).ok())
        .is_some_and(|i| std::fs::canonicalize(dir).is_ok_and(|d| d == i));
    let warning = (!installed).then(|| {
        format!(
            "{}: warning: a lock counts only in the guidance folder installed beside the program; in a folder named by --guidance, $VICTIM_FIRST_GUIDANCE or `lint DIR` it locks nothing\n",
            lock.file
        )
    });
    (problems, warning)
}
