//! The command line on a case's history: `assess CASE --compare` (the outcome
//! as decided beside the outcome under the guidance in force now) and
//! `verify CASE` (the audit trail's chain).

use std::fmt::Write as _;
use std::path::Path;
use std::process::ExitCode;

use crate::cli_common::{AssessOptions, err, fail, out, usage};
use crate::core::case::CaseFacts;
use crate::core::diagnostic::Diagnostics;
use crate::core::engine;
use crate::core::guidance::Guidance;
use crate::core::source::SourceText;
use crate::core::validate::Library;
use crate::core::{pinned, raw, trail};
use crate::store;

/// Today's date, `YYYY-MM-DD` in UTC: the shell reads the clock, not the core.
fn today() -> String {
    crate::clock::now_utc().chars().take(10).collect()
}

/// The outcome of `case` under `g`, or why the case does not fit it.
fn outcome_under(
    g: &Guidance,
    src: &SourceText,
    case: &raw::Case,
) -> Result<std::collections::BTreeMap<String, String>, Diagnostics> {
    let facts = CaseFacts::from_raw(g, src, case)?;
    let mut a = engine::assess(g, &facts);
    crate::core::needed::settle(g, case, &mut a);
    Ok(pinned::outcome(&a))
}

/// `assess CASE --compare`.
pub fn compare(
    loaded: &store::Loaded,
    src: &SourceText,
    case: &raw::Case,
    opts: &AssessOptions,
) -> ExitCode {
    let lib = &loaded.library;
    let today = today();
    let Some(now_pack) = opts
        .pack
        .as_deref()
        .or_else(|| lib.pack_in_force_on(&today))
    else {
        return usage("--compare: no national pack is in force today; name one with --pack");
    };
    // Locked: the guidance now is the locked profile's, whatever the case names.
    let locked = loaded.lock.as_ref().map(|l| l.profile.as_str());
    let now_profile = if opts.no_profile {
        None
    } else {
        locked
            .or(opts.profile.as_deref())
            .or(case.profile.as_deref())
    };
    let now_g = match lib.resolve(now_pack, now_profile) {
        Ok(g) => g,
        Err(d) => return fail(&d),
    };
    // As decided: the outcome the case recorded, else its own guidance now.
    let (then_words, then) = if let Some(pin) = &case.decided_under {
        (pinned::words(pin), pin.outcome.clone())
    } else {
        // Assessing it again under its own profile would be a verdict the lock forbids.
        if let Some(lock) = &loaded.lock {
            let refused =
                crate::lock_cli::refuse_case(lock, src, case, crate::lock_cli::Command::Compare);
            if !refused.is_empty() {
                return fail(&refused);
            }
        }
        let g = match lib.resolve(&case.pack, case.profile.as_deref()) {
            Ok(g) => g,
            Err(d) => return fail(&d),
        };
        let words = pinned::words(&pinned::of_guidance(&g));
        match outcome_under(&g, src, case) {
            Ok(o) => (
                format!("{words} (the case records no outcome: assessed again under it)"),
                o,
            ),
            Err(d) => return fail(&d),
        }
    };
    let mut now_case = case.clone();
    now_pack.clone_into(&mut now_case.pack);
    now_case.profile = now_profile.map(str::to_owned);
    let now = match outcome_under(&now_g, src, &now_case) {
        Ok(o) => o,
        Err(d) => return fail(&d),
    };
    let now_words = pinned::words(&pinned::of_guidance(&now_g));
    let diffs = pinned::differences(&then, &now);
    let mut text = format!("Decided under: {then_words}\nIn force now:  {now_words}\n");
    if case
        .decided_under
        .as_ref()
        .is_some_and(|p| pinned::same_guidance(p, &now_g))
    {
        text.push_str("The guidance is the same, byte for byte.\n");
    }
    if diffs.is_empty() {
        text.push_str("No verdict, required action or warning differs.\n");
    } else {
        let _ = writeln!(text, "{} difference(s):", diffs.len());
        for line in pinned::difference_lines(&diffs) {
            let _ = writeln!(text, "  {line}");
        }
    }
    out(&text);
    ExitCode::SUCCESS
}

/// `verify CASE.ron`: the case file reads, its trail's chain is whole, and its
/// answers are what the trail says they became (checked with the case's own
/// guidance, when it is here).
pub fn verify_case(file: &Path, bytes: &[u8], guidance: Option<&Path>) -> ExitCode {
    let shown = file.display().to_string();
    let (_, case) = match crate::core::parse::case_file(&shown, bytes) {
        Ok(x) => x,
        Err(d) => {
            err(&format!("{d}\n"));
            return ExitCode::from(1);
        }
    };
    let mut text = String::new();
    let mut code = match trail::check(&case.trail) {
        Ok(()) => {
            let _ = writeln!(
                text,
                "{shown}: TRAIL INTACT ({} entries, each following from the one before)",
                case.trail.len()
            );
            ExitCode::SUCCESS
        }
        Err(b) => {
            let _ = writeln!(text, "{shown}: TRAIL ALTERED: {b}");
            ExitCode::from(1)
        }
    };
    if !case.trail.is_empty() {
        let loaded = store::find_and_load(guidance);
        let g = if loaded.problems_with_lint().is_empty() {
            loaded
                .library
                .resolve(&case.pack, case.profile.as_deref())
                .ok()
        } else {
            None
        };
        match g {
            Some(g) => {
                let w = crate::core::wizard::Wizard::from_case(&g, case.clone());
                let differ = trail::disagreements(&g, &w);
                if differ.is_empty() {
                    text.push_str("Answers:         as the trail recorded them\n");
                } else {
                    code = ExitCode::from(1);
                    let _ = writeln!(
                        text,
                        "{shown}: ANSWERS DIFFER FROM THE TRAIL ({}): edited without it, or entries cut from its end",
                        differ.len()
                    );
                    for d in differ.iter().take(20) {
                        let _ = writeln!(text, "  - {d}");
                    }
                }
            }
            None => text.push_str(
                "Answers:         not compared with the trail: the case's guidance is not here\n",
            ),
        }
    }
    if let Some(p) = &case.decided_under {
        let _ = writeln!(text, "Decided under:   {}", pinned::words(p));
    }
    if let Some(last) = case.trail.last() {
        let _ = writeln!(text, "Last entry:      {} ({})", last.at, last.event);
    }
    out(&text);
    code
}

/// `assess --as-of DATE|started`: the national pack in force on that date (or
/// on the date the case was started), said on standard error.
pub fn pack_as_of(lib: &Library, case: &raw::Case, asked: &str) -> Result<String, ExitCode> {
    let date = if asked == "started" {
        case.started.clone().unwrap_or_default()
    } else {
        asked.to_owned()
    };
    let day = date.get(..10).unwrap_or(&date);
    if crate::core::time::seconds(&format!("{day}T00:00:00Z")).is_none() {
        return Err(usage(&format!(
            "--as-of: \"{asked}\" is not a date (YYYY-MM-DD) or `started` with a start date in the case"
        )));
    }
    match lib.pack_in_force_on(day) {
        Some(p) => {
            err(&format!(
                "As of {day}: the national pack in force was {p}.\n"
            ));
            Ok(p.to_owned())
        }
        None => Err(usage(&format!(
            "--as-of: no national pack here was in force on {day}"
        ))),
    }
}
