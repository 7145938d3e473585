//! A force's lock on its installation (issue 19): the real binary copied into
//! a folder with `guidance/forces/north-shire.ron` and `guidance/lock.ron`
//! beside it, as a force installs it. Locked, it gives verdicts only under
//! the force's profile; a named guidance folder, a case under another profile
//! and a lock that cannot be read all give none; `lint`, `verify`,
//! `guidance export` and the training scenarios keep working.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

const LOCK: &str = "// This installation gives verdicts only under North Shire's profile.\n(profile: \"north-shire\")\n";
/// A case under the built-in example profile.
const ADOPTING: &str = "tests/data/cases/da-doubts-adopting.ron";

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `exe` in `cwd` with no guidance folder in its environment.
fn run(exe: &Path, cwd: &Path, args: &[&str]) -> Run {
    run_env(exe, cwd, args, None)
}

fn run_env(exe: &Path, cwd: &Path, args: &[&str], env: Option<&Path>) -> Run {
    let mut cmd = Command::new(exe);
    cmd.args(args)
        .current_dir(cwd)
        .env_remove("VICTIM_FIRST_GUIDANCE");
    if let Some(dir) = env {
        cmd.env("VICTIM_FIRST_GUIDANCE", dir);
    }
    // A copy being written by another test's thread when this one forks
    // keeps its writer open in the child for a moment: exec then says "text
    // file busy". Try again briefly rather than fail on the race.
    let mut tries = 0;
    let out = loop {
        match cmd.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
            other => break other.expect("runs"),
        }
    };
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// The example adopting profile as the program exports it, renamed: a
/// force's own profile.
fn north_shire() -> String {
    static TEXT: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TEXT.get_or_init(exported).clone()
}

fn exported() -> String {
    let dir = scratch("export");
    let out = Command::new(env!("CARGO_BIN_EXE_victim-first"))
        .args(["guidance", "export"])
        .arg(dir.0.join("g"))
        .output()
        .expect("runs");
    assert!(out.status.success(), "{out:?}");
    let text = std::fs::read_to_string(dir.0.join("g/forces/example-adopting.ron")).unwrap();
    assert!(text.contains("id: \"example-adopting\""));
    text.replace("id: \"example-adopting\"", "id: \"north-shire\"")
}

/// The program as a force installs it: a hard link to the test build where
/// the file system allows (no file is open for writing), else a copy.
fn install_binary(exe: &Path) {
    let built = env!("CARGO_BIN_EXE_victim-first");
    if std::fs::hard_link(built, exe).is_err() {
        std::fs::copy(built, exe).expect("copy");
    }
}

fn scratch(name: &str) -> Scratch {
    let p = std::env::temp_dir().join(format!("vf-lock-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).expect("scratch");
    Scratch(p)
}

/// An installation: the program, `guidance/forces/north-shire.ron` and, when
/// given, `guidance/lock.ron` with `lock`; and a case under north-shire.
struct Install {
    dir: Scratch,
    exe: PathBuf,
}

impl Install {
    fn new(name: &str, lock: Option<&str>) -> Self {
        let dir = scratch(name);
        let exe = dir.0.join("victim-first");
        install_binary(&exe);
        std::fs::create_dir_all(dir.0.join("guidance/forces")).unwrap();
        std::fs::write(dir.0.join("guidance/forces/north-shire.ron"), north_shire()).unwrap();
        if let Some(l) = lock {
            std::fs::write(dir.0.join("guidance/lock.ron"), l).unwrap();
        }
        let case = std::fs::read_to_string(ADOPTING)
            .unwrap()
            .replace("profile: \"example-adopting\"", "profile: \"north-shire\"");
        std::fs::write(dir.0.join("north.ron"), case).unwrap();
        std::fs::copy(ADOPTING, dir.0.join("adopting.ron")).unwrap();
        Self { dir, exe }
    }

    fn run(&self, args: &[&str]) -> Run {
        run(&self.exe, &self.dir.0, args)
    }

    fn lock_file(&self) -> String {
        self.dir.0.join("guidance/lock.ron").display().to_string()
    }
}

#[test]
fn a_locked_installation_assesses_under_its_profile_and_says_it_is_locked() {
    let i = Install::new("assess", Some(LOCK));
    let r = i.run(&["assess", "north.ron"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let from = r
        .stdout
        .lines()
        .find(|l| l.starts_with("From:"))
        .expect("a From: line");
    assert!(
        from.ends_with(&format!(
            "; locked to force profile \"north-shire\" by {}",
            i.lock_file()
        )),
        "{from}"
    );
    // The same verdicts as the same installation unlocked.
    let open = Install::new("assess-open", None);
    let o = open.run(&["assess", "north.ron", "--json"]);
    let l = i.run(&["assess", "north.ron", "--json"]);
    assert_eq!((o.code, l.code), (0, 0), "{}{}", o.stderr, l.stderr);
    let mut o: serde_json::Value = serde_json::from_str(&o.stdout).unwrap();
    let mut l: serde_json::Value = serde_json::from_str(&l.stdout).unwrap();
    let source = l["guidance"]["source"].as_str().unwrap().to_owned();
    assert!(
        source.contains("locked to force profile \"north-shire\""),
        "{source}"
    );
    for v in [&mut o, &mut l] {
        v["guidance"]["folder"] = serde_json::Value::Null;
        v["guidance"]["source"] = serde_json::Value::Null;
    }
    assert_eq!(o, l);
    // The locked profile named on the command line is no other profile.
    let r = i.run(&["assess", "north.ron", "--profile", "north-shire"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // The note is made too, and says where its guidance came from.
    let r = i.run(&["note", "north.ron"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stderr.contains("locked to force profile"), "{}", r.stderr);
}

#[test]
fn a_guidance_folder_named_on_a_locked_installation_is_refused() {
    let i = Install::new("named", Some(LOCK));
    let other = i.dir.0.join("other");
    std::fs::create_dir_all(other.join("forces")).unwrap();
    std::fs::write(other.join("forces/north-shire.ron"), north_shire()).unwrap();
    let other_s = other.display().to_string();
    for args in [
        vec!["assess", "north.ron", "--guidance", &other_s],
        vec!["assess", "adopting.ron", "--guidance", &other_s],
        vec!["note", "north.ron", "--guidance", &other_s],
        vec!["scenarios", "--guidance", &other_s],
    ] {
        let r = i.run(&args);
        assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}: no verdict: {}", r.stdout);
        assert!(
            r.stderr.starts_with(&format!(
                "{}: this installation is locked to force profile \"north-shire\" by this file, so a guidance folder named by --guidance is not used",
                i.lock_file()
            )),
            "{args:?}: {}",
            r.stderr
        );
    }
    let r = run_env(&i.exe, &i.dir.0, &["assess", "north.ron"], Some(&other));
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "no verdict: {}", r.stdout);
    assert!(
        r.stderr.contains("named by $VICTIM_FIRST_GUIDANCE")
            && r.stderr.contains("unset $VICTIM_FIRST_GUIDANCE"),
        "{}",
        r.stderr
    );
    // What a policy owner and a supervisor use still works with a folder named.
    let r = i.run(&["lint", &other_s]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = i.run(&["lint"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("/guidance: "), "{}", r.stdout);
    let export = i.dir.0.join("export");
    let r = i.run(&["guidance", "export", &export.display().to_string()]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = i.run(&["note", "north.ron", "--out", "north.txt"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let r = i.run(&["verify", "north.txt", "--guidance", &other_s]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains("INTACT"), "{}", r.stdout);
    // Training is practice: the scenarios still run, each under its own profile.
    let r = i.run(&["scenarios"]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    assert!(r.stdout.contains(" passed, 0 failed"), "{}", r.stdout);
}

#[test]
fn a_case_made_under_another_profile_gets_no_verdict_and_no_note() {
    let i = Install::new("other-profile", Some(LOCK));
    let r = i.run(&["assess", "adopting.ron"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "no verdict: {}", r.stdout);
    assert!(
        r.stderr.starts_with(&format!(
            "adopting.ron:5:14: no verdict: this case was made under force profile \"example-adopting\", and this installation is locked to force profile \"north-shire\" by {}. What you can do: ",
            i.lock_file()
        )),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("--profile north-shire"), "{}", r.stderr);
    let r = i.run(&["note", "adopting.ron"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "no note: {}", r.stdout);
    assert!(
        r.stderr
            .contains("no note: this case was made under force profile \"example-adopting\""),
        "{}",
        r.stderr
    );
    // Another profile, or none, asked for on the command line: a mistake in the command.
    for args in [
        ["assess", "north.ron", "--profile", "example-adopting"].as_slice(),
        ["assess", "north.ron", "--no-profile"].as_slice(),
    ] {
        let r = i.run(args);
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty());
        assert!(
            r.stderr.contains("gives verdicts only under that profile"),
            "{}",
            r.stderr
        );
    }
    // The locked profile asked for by name: verdicts under it, for that case.
    let r = i.run(&["assess", "adopting.ron", "--profile", "north-shire"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // A case that records no outcome is not assessed again under its own profile to compare.
    let r = i.run(&["assess", "adopting.ron", "--compare"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stderr.contains("records no outcome"), "{}", r.stderr);
    // A case that records its outcome is compared with the guidance of the lock.
    let decided = std::fs::canonicalize("docs/screenshots/decided-2018.ron").unwrap();
    let r = i.run(&["assess", &decided.display().to_string(), "--compare"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stdout
            .starts_with("Decided under: npcc-2018 version 2018.12.2, no force profile"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .lines()
            .nth(1)
            .is_some_and(|l| l.contains("force profile north-shire")),
        "{}",
        r.stdout
    );
}

#[test]
fn a_lock_that_cannot_be_used_gives_a_located_error_and_no_verdict() {
    for (name, lock, at) in [
        (
            "unknown-field",
            "(\n  profile: \"north-shire\",\n  except: \"supervisors\",\n)\n",
            ":3:",
        ),
        ("syntax", "// locked\n(profile: north-shire)\n", ":2:"),
        ("empty", "", ":1:1: the file is empty"),
        (
            "missing-profile",
            "(profile: \"south-shire\")\n",
            ":1:11: this installation is locked to force profile \"south-shire\", which the guidance does not have",
        ),
    ] {
        let i = Install::new(name, Some(lock));
        for args in [
            ["assess", "north.ron"].as_slice(),
            ["note", "north.ron"].as_slice(),
        ] {
            let r = i.run(args);
            assert_eq!(r.code, 1, "{name} {args:?}: {}", r.stderr);
            assert!(r.stdout.is_empty(), "{name}: no verdict: {}", r.stdout);
            assert!(
                r.stderr.starts_with(&format!("{}{at}", i.lock_file())),
                "{name}: {}",
                r.stderr
            );
            assert!(r.stderr.contains("no verdict"), "{name}: {}", r.stderr);
        }
        // Nor is a named folder a way round a broken lock.
        let r = i.run(&["assess", "adopting.ron", "--guidance", "guidance"]);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{name}: no verdict: {}", r.stdout);
        // `lint` names the same problem.
        let r = i.run(&["lint"]);
        assert_eq!(r.code, 1, "{name}: {}", r.stderr);
        assert!(
            r.stderr.starts_with(&format!("{}{at}", i.lock_file())),
            "{name}: {}",
            r.stderr
        );
    }
}

#[test]
fn a_lock_in_a_named_folder_locks_nothing_and_lint_says_so() {
    // No lock installed: the program beside a guidance folder without one.
    let i = Install::new("named-lock", None);
    let g = i.dir.0.join("guidance");
    std::fs::write(g.join("lock.ron"), LOCK).unwrap();
    std::fs::rename(&g, i.dir.0.join("mine")).unwrap();
    let r = i.run(&["assess", "adopting.ron", "--guidance", "mine"]);
    assert_eq!(r.code, 0, "not locked: {}", r.stderr);
    let r = i.run(&["lint", "mine"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(
        r.stderr.contains("mine/lock.ron: warning: a lock counts only in the guidance folder installed beside the program"),
        "{}",
        r.stderr
    );
    // A policy owner's copy with a lock that names no profile there: lint finds it.
    std::fs::write(i.dir.0.join("mine/lock.ron"), "(profile: \"south-shire\")").unwrap();
    let r = i.run(&["lint", "mine"]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(
            "mine/lock.ron:1:11: this installation is locked to force profile \"south-shire\""
        ),
        "{}",
        r.stderr
    );
}

#[test]
fn a_locked_installation_runs_no_scenario_it_does_not_hold() {
    // A scenario's failed expectation prints the engine's verdict under the
    // scenario's profile, so a scenario an officer writes is a way round the
    // lock unless it is not run.
    let i = Install::new("scenarios", Some(LOCK));
    let dir = i.dir.0.join("mine");
    std::fs::create_dir_all(dir.join("scenarios")).unwrap();
    std::fs::copy(
        "guidance/scenarios/01-da-standard-risk-national.ron",
        dir.join("scenarios/mine.ron"),
    )
    .unwrap();
    let mine = dir.display().to_string();
    let only = dir.join("scenarios").display().to_string();
    let r = i.run(&["scenarios", &only]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "{}", r.stdout);
    assert!(
        r.stderr.contains("only its own scenarios run here"),
        "{}",
        r.stderr
    );
    let file = dir.join("scenarios/mine.ron").display().to_string();
    let r = i.run(&["lint", &file]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("a scenario file is not run here"),
        "{}",
        r.stderr
    );
    std::fs::create_dir_all(dir.join("forces")).unwrap();
    std::fs::write(dir.join("forces/north-shire.ron"), north_shire()).unwrap();
    let r = i.run(&["lint", &mine]);
    assert!(
        r.stderr
            .contains("the scenarios of a named folder are not run here"),
        "{}{}",
        r.stdout,
        r.stderr
    );
    // Its own scenarios (the built-in ones) still run: practice is not a decision.
    let r = i.run(&["scenarios"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // Unlocked, the same folder's scenario runs.
    let open = Install::new("scenarios-open", None);
    let r = open.run(&["scenarios", &only]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
}

#[cfg(unix)]
#[test]
fn an_installed_guidance_folder_that_has_gone_is_no_verdict_and_no_unlock() {
    // A link to a share that has gone: neither the built-in guidance quietly,
    // nor a named folder, since whether it was locked cannot be told.
    let i = Install::new("gone", Some(LOCK));
    let guidance = i.dir.0.join("guidance");
    std::fs::remove_dir_all(&guidance).unwrap();
    std::os::unix::fs::symlink(i.dir.0.join("share-that-has-gone"), &guidance).unwrap();
    let r = i.run(&["assess", "adopting.ron"]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.is_empty(), "no verdict: {}", r.stdout);
    assert!(
        r.stderr
            .contains("whether this installation is locked cannot be told"),
        "{}",
        r.stderr
    );
    let other = i.dir.0.join("other");
    std::fs::create_dir_all(other.join("forces")).unwrap();
    std::fs::write(other.join("forces/north-shire.ron"), north_shire()).unwrap();
    let r = i.run(&[
        "assess",
        "adopting.ron",
        "--guidance",
        &other.display().to_string(),
    ]);
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stdout.is_empty(), "no verdict: {}", r.stdout);
    assert!(r.stderr.contains("its lock cannot be read"), "{}", r.stderr);
}

#[test]
fn lint_reads_a_lock_file_as_a_lock() {
    // The natural check after writing the lock: `lint guidance/lock.ron`.
    let i = Install::new("lint-lock", Some(LOCK));
    let r = i.run(&["lint", &i.lock_file()]);
    assert_eq!(r.code, 0, "{}{}", r.stdout, r.stderr);
    std::fs::write(
        i.dir.0.join("guidance/lock.ron"),
        "(profile: \"south-shire\")\n",
    )
    .unwrap();
    let r = i.run(&["lint", &i.lock_file()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains(&format!("{}:1:11: this installation is locked to force profile \"south-shire\", which the guidance does not have", i.lock_file())),
        "{}{}",
        r.stdout,
        r.stderr
    );
    std::fs::write(
        i.dir.0.join("guidance/lock.ron"),
        "(profle: \"north-shire\")\n",
    )
    .unwrap();
    let r = i.run(&["lint", &i.lock_file()]);
    assert_eq!(r.code, 1, "{}", r.stderr);
    assert!(
        r.stderr.contains("lock.ron:1:2:"),
        "{}{}",
        r.stdout,
        r.stderr
    );
}
