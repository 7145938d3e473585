//! The `victim-first` binary: the window by default, or a command-line tool.

use std::process::ExitCode;

use clap::Parser as _;
use victim_first::cli::{self, Cli, Command};
use victim_first::note_cli;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        None => gui(None, None, None),
        Some(Command::Gui {
            guidance,
            case,
            note,
        }) => gui(guidance.as_deref(), case.as_deref(), note.as_deref()),
        Some(Command::Lint { path, guidance }) => cli::lint(path, guidance.as_deref()),
        Some(Command::Assess {
            case,
            profile,
            no_profile,
            pack,
            json,
            guidance,
            compare,
            as_of,
        }) => cli::assess(
            &case,
            &cli::AssessOptions {
                profile,
                no_profile,
                pack,
                json,
                guidance,
                compare,
                as_of,
            },
        ),
        Some(Command::Note {
            case,
            format,
            out,
            guidance,
        }) => note_cli::note_command(&case, format.into(), out.as_deref(), guidance.as_deref()),
        Some(Command::Verify { file, guidance }) => {
            note_cli::verify_command(&file, guidance.as_deref())
        }
        Some(Command::Scenarios {
            dir,
            guidance,
            coverage,
        }) => victim_first::scenario_cli::command(dir.as_deref(), guidance.as_deref(), coverage),
        Some(Command::Guidance {
            action: cli::GuidanceAction::Export { dir },
        }) => victim_first::guidance_cli::export(&dir),
    }
}

fn gui(
    dir: Option<&std::path::Path>,
    case: Option<&std::path::Path>,
    note: Option<&std::path::Path>,
) -> ExitCode {
    if let Err(why) = victim_first::bus::check_environment() {
        victim_first::cli_common::err(&format!("victim-first: not opening the window: {why}\n"));
        return ExitCode::from(1);
    }
    // A named folder that is missing is shown in the window as the problem it
    // is (no verdict is given), never replaced by the built-in guidance quietly.
    // On a locked installation a named folder is refused the same way.
    let loaded = victim_first::store::load_for_verdict(dir);
    match victim_first::gui::run(loaded, case, note) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            victim_first::cli_common::err(&format!(
                "victim-first: could not open the window: {e}\n(on a machine with no display, use the `lint` and `assess` commands)\n"
            ));
            ExitCode::from(1)
        }
    }
}
