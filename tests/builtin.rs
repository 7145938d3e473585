//! The guidance built into the binary: it is the published guidance, it is used
//! when no folder is named or installed (the binary alone in an empty folder
//! gives the verdicts the tests expect), it can be written out byte for byte,
//! and a force's folder is read on top of it with every local change flagged.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

use std::path::{Path, PathBuf};
use std::process::Command;

use victim_first::builtin;
use victim_first::core::published;

struct Scratch(PathBuf);

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

fn scratch(name: &str) -> Scratch {
    let p = std::env::temp_dir().join(format!("vf-builtin-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&p);
    std::fs::create_dir_all(&p).expect("scratch");
    Scratch(p)
}

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs `exe` in `cwd` with no guidance folder in its environment.
fn run_in(exe: &Path, cwd: &Path, args: &[&str]) -> Run {
    let out = Command::new(exe)
        .args(args)
        .current_dir(cwd)
        .env_remove("VICTIM_FIRST_GUIDANCE")
        .output()
        .expect("runs");
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

fn exe() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_victim-first"))
}

fn cases() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir("tests/data/cases")
        .expect("cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| {
            p.extension().is_some_and(|x| x == "ron")
                && !p.to_string_lossy().ends_with(".expect.ron")
        })
        .collect();
    v.sort();
    v
}

/// The JSON report without where the guidance came from, which is all that may differ.
fn verdicts(json: &str) -> serde_json::Value {
    let mut v: serde_json::Value = serde_json::from_str(json).expect("JSON");
    v["guidance"]["folder"] = serde_json::Value::Null;
    v["guidance"]["source"] = serde_json::Value::Null;
    v
}

#[test]
fn the_built_in_files_are_the_published_files_in_the_source_tree() {
    assert!(
        builtin::files().len() >= 8,
        "packs, overlay and example profiles"
    );
    for (name, bytes) in builtin::files() {
        let on_disk = std::fs::read(Path::new("guidance").join(name)).expect(name);
        assert!(
            on_disk == *bytes,
            "{name} is built in as it is in guidance/"
        );
    }
    assert_eq!(
        builtin::manifest(),
        std::fs::read_to_string("guidance/national.sha256").expect("manifest")
    );
}

#[test]
fn the_check_the_build_uses_passes_the_shipped_files_and_fails_a_changed_byte() {
    let files: Vec<(String, Vec<u8>)> = builtin::files()
        .into_iter()
        .map(|(n, b)| ((*n).to_owned(), b.to_vec()))
        .collect();
    assert_eq!(published::check(builtin::manifest(), &files), Ok(()));
    // One byte of one national pack changed: the build would fail, naming it.
    let mut changed = files.clone();
    let pack = changed
        .iter_mut()
        .find(|(n, _)| n == "national/npcc-2020.ron")
        .expect("pack");
    pack.1.extend_from_slice(b"\n// edited\n");
    let err = published::check(builtin::manifest(), &changed).expect_err("fails");
    assert_eq!(err.len(), 1, "{err:?}");
    assert!(err[0].starts_with("guidance/national/npcc-2020.ron: its SHA-256 is"));
}

#[test]
fn the_parsed_form_the_build_wrote_is_each_file_parsed_again() {
    for f in builtin::all() {
        let from_build = builtin::parsed(f).unwrap_or_else(|| panic!("{}: unreadable", f.name));
        let (_, parsed) = victim_first::core::parse::guidance_file(f.name, f.bytes).expect(f.name);
        assert_eq!(
            format!("{from_build:?}"),
            format!("{parsed:?}"),
            "{}",
            f.name
        );
    }
}

#[test]
fn every_pair_the_build_merged_is_what_resolve_gives_and_none_is_missing() {
    let lib = victim_first::store::load_builtin().library;
    let merged: Vec<(&str, Option<&str>)> = builtin::resolved_pairs().collect();
    let resolvable: Vec<(String, Option<String>)> = published::resolve_all(&lib)
        .into_iter()
        .map(|r| (r.pack, r.profile))
        .collect();
    assert!(
        merged.len() >= 10,
        "every pack, with and without a profile: {merged:?}"
    );
    assert_eq!(
        merged,
        resolvable
            .iter()
            .map(|(p, f)| (p.as_str(), f.as_deref()))
            .collect::<Vec<_>>()
    );
    for (pack, profile) in merged {
        let fast = builtin::resolved(pack, profile).expect("merged by the build");
        let slow = lib.resolve(pack, profile).expect("resolves");
        assert_eq!(
            format!("{fast:?}"),
            format!("{slow:?}"),
            "{pack} with {profile:?}: the build's merge is resolve's, layer paths included"
        );
    }
    // A profile written for another pack was not merged: the usual way explains it.
    assert!(builtin::resolved("npcc-2018", Some("example-adopting")).is_none());
    assert!(builtin::resolved("no-such-pack", None).is_none());
    assert!(
        builtin::resolved("home-office-2023", Some("")).is_none(),
        "a profile named \"\" is not \"no profile\""
    );
}

#[test]
fn a_bad_case_gets_the_same_refusal_from_the_built_in_guidance_as_from_the_folder() {
    let dir = scratch("bad");
    let here = std::env::current_dir().expect("cwd");
    let mut bad: Vec<PathBuf> = std::fs::read_dir("tests/data/bad-cases")
        .expect("bad cases")
        .map(|e| here.join(e.expect("entry").path()))
        .collect();
    bad.sort();
    // A pair that does not fit, and ids named on the command line that do not exist.
    let case = here.join(&cases()[0]);
    let mut runs: Vec<Vec<String>> = bad
        .iter()
        .map(|p| {
            vec![
                "assess".to_owned(),
                p.to_string_lossy().into_owned(),
                "--json".to_owned(),
            ]
        })
        .collect();
    for extra in [
        &["--pack", "npcc-2018", "--profile", "example-adopting"][..],
        &["--pack", "npcc-2018"][..],
        &["--pack", "nope"][..],
        &["--profile", "nope"][..],
        &["--profile", ""][..],
    ] {
        let mut args = vec![
            "assess".to_owned(),
            case.to_string_lossy().into_owned(),
            "--json".to_owned(),
        ];
        args.extend(extra.iter().map(|a| (*a).to_owned()));
        runs.push(args);
    }
    let mut refused = 0;
    for args in runs {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let alone = run_in(&exe(), &dir.0, &args);
        let mut with_folder = args.clone();
        let folder = here.join("guidance");
        let folder = folder.to_string_lossy();
        with_folder.extend(["--guidance", &folder]);
        let named = run_in(&exe(), &here, &with_folder);
        assert_eq!(alone.code, named.code, "{args:?}: {}", alone.stderr);
        assert_eq!(alone.stderr, named.stderr, "{args:?}");
        if alone.code != 0 {
            refused += 1;
        } else {
            assert_eq!(verdicts(&alone.stdout), verdicts(&named.stdout), "{args:?}");
        }
    }
    assert!(
        refused >= bad.len() + 4,
        "every bad case and bad id is refused"
    );
}

#[test]
fn the_binary_alone_in_an_empty_folder_gives_the_verdicts_the_tests_expect() {
    let dir = scratch("alone");
    let lone = dir.0.join("victim-first");
    // A hard link where the file system allows: a copy is a file open for
    // writing, and a process another test forks meanwhile would hold it open,
    // making this one's exec fail with "text file busy".
    if std::fs::hard_link(exe(), &lone).is_err() {
        std::fs::copy(exe(), &lone).expect("copy the binary");
    }
    let here = std::env::current_dir().expect("cwd");
    let all = cases();
    assert!(all.len() >= 40, "the example cases");
    for case in &all {
        let case = here.join(case);
        let alone = run_in(
            &lone,
            &dir.0,
            &["assess", &case.to_string_lossy(), "--json"],
        );
        assert_eq!(alone.code, 0, "{}: {}", case.display(), alone.stderr);
        assert!(!alone.stderr.contains("no guidance"), "{}", alone.stderr);
        let with_folder = run_in(
            &exe(),
            &here,
            &[
                "assess",
                &case.to_string_lossy(),
                "--json",
                "--guidance",
                "guidance",
            ],
        );
        assert_eq!(with_folder.code, 0, "{}", with_folder.stderr);
        assert_eq!(
            verdicts(&alone.stdout),
            verdicts(&with_folder.stdout),
            "{}: the built-in guidance gives the same verdicts as the shipped folder",
            case.display()
        );
    }
    // It says where its guidance came from, in words.
    let text = run_in(
        &lone,
        &dir.0,
        &["assess", &here.join(&all[0]).to_string_lossy()],
    );
    assert!(
        text.stdout
            .contains("From:     built into this program (victim-first "),
        "{}",
        text.stdout
    );
    // `note` and `verify` work alone too, and say the same.
    let note_path = dir.0.join("note.txt");
    let note = run_in(
        &lone,
        &dir.0,
        &[
            "note",
            &here.join(&all[0]).to_string_lossy(),
            "--out",
            &note_path.to_string_lossy(),
        ],
    );
    assert_eq!(note.code, 0, "{}", note.stderr);
    assert!(
        note.stderr
            .contains("Guidance from built into this program"),
        "{}",
        note.stderr
    );
    let verify = run_in(&lone, &dir.0, &["verify", &note_path.to_string_lossy()]);
    assert_eq!(verify.code, 0, "{}", verify.stdout);
    assert!(verify.stdout.contains("present here"), "{}", verify.stdout);
    assert!(
        verify.stdout.contains("built into this program"),
        "{}",
        verify.stdout
    );
    // `lint` with nothing named checks the built-in guidance.
    let lint = run_in(&lone, &dir.0, &["lint"]);
    assert_eq!(lint.code, 0, "{}", lint.stderr);
    assert!(
        lint.stdout.starts_with("the built-in guidance: "),
        "{}",
        lint.stdout
    );
}

#[test]
fn guidance_export_writes_the_built_in_files_byte_for_byte_and_overwrites_nothing() {
    let dir = scratch("export");
    let out = dir.0.join("exported");
    let r = run_in(
        &exe(),
        &dir.0,
        &["guidance", "export", &out.to_string_lossy()],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    for (name, bytes) in builtin::files() {
        assert!(
            std::fs::read(out.join(name)).expect(name) == *bytes,
            "{name}"
        );
    }
    assert_eq!(
        std::fs::read_to_string(out.join("national.sha256")).expect("manifest"),
        builtin::manifest()
    );
    // The export lints clean and is as published: no "modified locally".
    let lint = run_in(&exe(), &dir.0, &["lint", &out.to_string_lossy()]);
    assert_eq!(lint.code, 0, "{}", lint.stderr);
    assert!(!lint.stderr.contains("modified"), "{}", lint.stderr);
    // Again into the same folder: nothing to do, nothing lost.
    let again = run_in(
        &exe(),
        &dir.0,
        &["guidance", "export", &out.to_string_lossy()],
    );
    assert_eq!(again.code, 0, "{}", again.stderr);
    // A file there with other contents stops the export before anything is written.
    let edited = out.join("national/npcc-2020.ron");
    std::fs::write(&edited, "my own draft").expect("write");
    std::fs::remove_file(out.join("national/npcc-2018.ron")).expect("remove");
    let clash = run_in(
        &exe(),
        &dir.0,
        &["guidance", "export", &out.to_string_lossy()],
    );
    assert_eq!(clash.code, 1);
    assert!(
        clash.stderr.contains("npcc-2020.ron: already there"),
        "{}",
        clash.stderr
    );
    assert_eq!(
        std::fs::read_to_string(&edited).expect("kept"),
        "my own draft"
    );
    assert!(
        !out.join("national/npcc-2018.ron").exists(),
        "nothing written"
    );
}

const CASE: &str = "tests/data/cases/da-doubts-adopting.ron";

#[test]
fn a_force_folder_with_only_its_profile_is_read_on_top_of_the_built_in_packs() {
    let dir = scratch("force");
    let g = dir.0.join("guidance");
    std::fs::create_dir_all(g.join("forces")).expect("forces");
    let profile = std::fs::read_to_string("guidance/forces/example-adopting.ron")
        .expect("profile")
        .replace("id: \"example-adopting\"", "id: \"my-force\"");
    std::fs::write(g.join("forces/my-force.ron"), profile).expect("write");
    let here = std::env::current_dir().expect("cwd");
    let case = here.join(CASE);
    let lint = run_in(&exe(), &dir.0, &["lint", &g.to_string_lossy()]);
    assert_eq!(lint.code, 0, "{}", lint.stderr);
    let r = run_in(
        &exe(),
        &dir.0,
        &[
            "assess",
            &case.to_string_lossy(),
            "--guidance",
            &g.to_string_lossy(),
            "--profile",
            "my-force",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.contains("force profile my-force"), "{}", r.stdout);
    assert!(
        r.stdout.contains(&format!(
            "From:     the folder {} (named by --guidance), read on top of the guidance built into this program",
            g.display()
        )),
        "{}",
        r.stdout
    );
    assert!(!r.stderr.contains("modified"), "{}", r.stderr);
}

#[test]
fn a_profile_cannot_take_a_built_in_example_profiles_place_by_its_id() {
    let dir = scratch("taken");
    let g = dir.0.join("guidance");
    std::fs::create_dir_all(g.join("forces")).expect("forces");
    let weaker = std::fs::read_to_string("guidance/forces/example-adopting.ron")
        .expect("profile")
        .replace("adopts: [\"sts-rec1\"]", "adopts: []");
    std::fs::write(g.join("forces/example-adopting.ron"), weaker).expect("write");
    let case = std::env::current_dir().expect("cwd").join(CASE);
    let r = run_in(
        &exe(),
        &dir.0,
        &[
            "assess",
            &case.to_string_lossy(),
            "--guidance",
            &g.to_string_lossy(),
        ],
    );
    assert_eq!(r.code, 1, "{}", r.stdout);
    assert!(r.stderr.contains("example-adopting"), "{}", r.stderr);
    assert!(r.stderr.contains("no verdict"), "{}", r.stderr);
    // `note` keeps the same rule.
    let n = run_in(
        &exe(),
        &dir.0,
        &[
            "note",
            &case.to_string_lossy(),
            "--guidance",
            &g.to_string_lossy(),
        ],
    );
    assert_eq!(n.code, 1, "{}", n.stdout);
    assert!(n.stdout.is_empty());
}

#[test]
fn a_locally_modified_national_pack_in_a_named_folder_is_still_flagged() {
    let dir = scratch("modified");
    let g = dir.0.join("guidance");
    std::fs::create_dir_all(g.join("national")).expect("national");
    let mut pack = std::fs::read_to_string("guidance/national/npcc-2020.ron").expect("pack");
    pack.push_str("// a local edit\n");
    let path = g.join("national/npcc-2020.ron");
    std::fs::write(&path, pack).expect("write");
    let case = std::env::current_dir().expect("cwd").join(CASE);
    let r = run_in(
        &exe(),
        &dir.0,
        &[
            "assess",
            &case.to_string_lossy(),
            "--guidance",
            &g.to_string_lossy(),
            "--json",
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).expect("JSON");
    assert_eq!(v["guidance"]["national_modified_locally"], true);
    assert_eq!(
        v["guidance"]["modified_files"][0],
        path.display().to_string().as_str()
    );
    assert!(
        r.stderr.contains("national guidance modified locally"),
        "{}",
        r.stderr
    );
    let lint = run_in(&exe(), &dir.0, &["lint", &g.to_string_lossy()]);
    assert!(
        lint.stderr.contains("national guidance modified locally"),
        "{}",
        lint.stderr
    );
}

#[test]
fn a_note_made_under_a_locally_modified_national_pack_says_so_in_every_format() {
    let dir = scratch("note-modified");
    let g = dir.0.join("guidance");
    std::fs::create_dir_all(g.join("national")).expect("national");
    let mut pack = std::fs::read_to_string("guidance/national/npcc-2020.ron").expect("pack");
    pack.push_str("// a local edit\n");
    std::fs::write(g.join("national/npcc-2020.ron"), pack).expect("write");
    let case = std::env::current_dir().expect("cwd").join(CASE);
    let gs = g.to_string_lossy().into_owned();
    let cs = case.to_string_lossy().into_owned();
    for (format, want) in [
        ("txt", "NOT THE PUBLISHED NATIONAL GUIDANCE"),
        ("md", "NOT THE PUBLISHED NATIONAL GUIDANCE"),
        ("json", "\"modified\": ["),
    ] {
        let r = run_in(
            &exe(),
            &dir.0,
            &["note", &cs, "--format", format, "--guidance", &gs],
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        assert!(r.stdout.contains(want), "{format}: {}", r.stdout);
        assert!(r.stdout.contains("npcc-2020"), "{format} names the pack");
    }
    let pdf = dir.0.join("note.pdf");
    let r = run_in(
        &exe(),
        &dir.0,
        &[
            "note",
            &cs,
            "--format",
            "pdf",
            "--out",
            &pdf.to_string_lossy(),
            "--guidance",
            &gs,
        ],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let bytes = std::fs::read(&pdf).expect("pdf");
    let doc = lopdf::Document::load_mem(&bytes).expect("a PDF");
    let page1 = doc.extract_text(&[1]).expect("text");
    assert!(
        page1.contains("NOT PUBLISHED GUIDANCE"),
        "running header: {page1}"
    );
    assert!(
        page1.contains("NOT THE PUBLISHED NATIONAL GUIDANCE"),
        "under the title: {page1}"
    );
    // The flag is inside the digest: the note still verifies, and says what it is.
    let v = run_in(&exe(), &dir.0, &["verify", &pdf.to_string_lossy()]);
    assert_eq!(v.code, 0, "{}", v.stdout);
    // Made under the published guidance, the note carries no such flag.
    let clean = run_in(&exe(), &dir.0, &["note", &cs]);
    assert!(
        !clean.stdout.contains("NOT THE PUBLISHED"),
        "{}",
        clean.stdout
    );
}
