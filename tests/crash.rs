//! No crash loses a case: the atomic write crashed between each of its steps
//! thousands of times, and a real process autosaving as an officer types,
//! killed with SIGKILL at random moments hundreds of times (issue 17).
#![allow(clippy::expect_used, clippy::unwrap_used, reason = "tests")]

use std::io::{BufRead as _, Write as _};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use victim_first::gui::drafts::{self, Autosaver};
use victim_first::gui::files::{WRITE_STEPS, write_atomically, write_stopping_after};

fn temp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("vf-crash-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    std::fs::create_dir_all(&d).unwrap();
    d
}

/// A small deterministic generator, so a failure can be replayed.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[test]
fn a_write_crashed_between_any_two_steps_leaves_the_old_file_or_the_new_one_whole() {
    let dir = temp("steps");
    let path = dir.join("draft.ron");
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let mut old = b"first version".to_vec();
    write_atomically(&path, &old).unwrap();
    let mut crashes = 0;
    for round in 0..3000 {
        let len = usize::try_from(rng.below(4000)).unwrap() + 1;
        let new: Vec<u8> = (0..len)
            .map(|i| b'a' + u8::try_from((i + round) % 26).unwrap())
            .collect();
        let stop =
            usize::try_from(rng.below(u64::try_from(WRITE_STEPS.len()).unwrap() + 1)).unwrap();
        let stop = (stop < WRITE_STEPS.len()).then_some(stop);
        write_stopping_after(&path, &new, stop).unwrap();
        let now = std::fs::read(&path).unwrap();
        match stop {
            // Crashed before the rename: the old file, whole.
            Some(s) if s < 4 => {
                assert_eq!(now, old, "round {round}: crash after {}", WRITE_STEPS[s]);
            }
            // Crashed after the rename, or not at all: the new file, whole.
            _ => {
                assert_eq!(now, new, "round {round}: stop {stop:?}");
                old = new;
            }
        }
        if stop.is_some() {
            crashes += 1;
        }
    }
    assert!(crashes > 2000, "{crashes} crashes injected");
    // What a crash leaves behind is hidden and never offered as a draft.
    let listed = drafts::list(&dir);
    assert_eq!(listed.len(), 1, "{listed:?}");
    let _ = std::fs::remove_dir_all(&dir);
}

/// The child: autosaves a case as if an officer typed a key every 5 ms,
/// saying on standard output the number of each key once it is queued.
fn child(dir: &Path) -> ! {
    let autosaver = Autosaver::start(Some(dir.to_path_buf()));
    let mut out = std::io::stdout();
    let mut typed = String::new();
    for n in 0u64.. {
        typed.push(char::from(b'a' + u8::try_from(n % 26).unwrap_or(0)));
        let text =
            format!("// key {n}\nCase(pack: \"npcc-2020\", facts: {{}}, review: \"{typed}\")\n");
        autosaver.write_text("crash", text);
        let _ = writeln!(out, "{n}");
        let _ = out.flush();
        std::thread::sleep(Duration::from_millis(5));
    }
    unreachable!()
}

/// The number of the last key in a draft's text.
fn key_of(text: &str) -> Option<u64> {
    text.lines().next()?.strip_prefix("// key ")?.parse().ok()
}

#[cfg(unix)]
#[test]
fn a_process_killed_while_autosaving_leaves_its_last_draft_whole_with_under_a_second_lost() {
    if let Some(dir) = std::env::var_os("VF_CRASH_CHILD") {
        child(Path::new(&dir));
    }
    let dir = temp("kill");
    let exe = std::env::current_exe().unwrap();
    let kills: u64 = std::env::var("VF_CRASH_KILLS")
        .ok()
        .and_then(|k| k.parse().ok())
        .unwrap_or(200);
    let mut rng = Rng(0x0bad_cafe_0000_0017);
    let mut worst = 0u64;
    for round in 0..kills {
        let mut c = std::process::Command::new(&exe)
            .args([
                "--exact",
                "a_process_killed_while_autosaving_leaves_its_last_draft_whole_with_under_a_second_lost",
                "--nocapture",
                "--test-threads=1",
            ])
            .env("VF_CRASH_CHILD", &dir)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::null())
            .spawn()
            .unwrap();
        let mut lines = std::io::BufReader::new(c.stdout.take().unwrap()).lines();
        // Most rounds are killed early; every twentieth runs long enough that a
        // second of typing could be lost if the autosaver fell behind.
        let wait = if round % 20 == 19 {
            Duration::from_millis(1200 + rng.below(600))
        } else {
            Duration::from_millis(20 + rng.below(180))
        };
        let start = Instant::now();
        let mut last: Option<u64> = None;
        while start.elapsed() < wait {
            match lines.next() {
                Some(Ok(l)) => last = l.trim().parse().ok().or(last),
                _ => break,
            }
        }
        c.kill().unwrap(); // SIGKILL
        let _ = c.wait();
        for l in lines.map_while(Result::ok) {
            last = l.trim().parse().ok().or(last);
        }
        let text = std::fs::read_to_string(drafts::path_of(&dir, "crash"));
        let Some(last) = last else {
            continue; // killed before its first key
        };
        let Ok(text) = text else {
            // Killed before the first draft reached the disk: fine only if
            // less than a second had been typed.
            assert!(last * 5 <= 1000, "round {round}: no draft after key {last}");
            continue;
        };
        let saved =
            key_of(&text).unwrap_or_else(|| panic!("round {round}: a damaged draft: {text:?}"));
        victim_first::core::parse::case_file("draft", text.as_bytes())
            .unwrap_or_else(|e| panic!("round {round}: the draft does not read: {e}"));
        assert!(saved <= last, "round {round}");
        // Each key is 5 ms apart: what was lost is the keys after the draft.
        let lost_ms = (last - saved) * 5;
        worst = worst.max(lost_ms);
        assert!(
            lost_ms <= 1000,
            "round {round}: {lost_ms} ms of typing lost"
        );
        std::fs::remove_file(drafts::path_of(&dir, "crash")).unwrap();
    }
    eprintln!("{kills} kills, at most {worst} ms of typing lost");
    let _ = std::fs::remove_dir_all(&dir);
}
