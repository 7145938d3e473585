//! A force's lock on its installation (issue 19): `lock.ron` in the installed
//! guidance folder names the one force profile the app may give verdicts under.
//!
//! Pure: the text of the file in, a [`Lock`] or a located [`Diagnostic`] out.
//! `store` finds and reads the file, and only in the installed folder; the
//! commands and the window decide what the lock stops.

use serde::Deserialize;

use super::diagnostic::{Diagnostic, Position};
use super::parse;
use super::text;

/// The file's name, in the installed guidance folder.
pub const FILE: &str = "lock.ron";

/// The largest lock file read: one setting and its comment need far less.
pub const MAX_LOCK_BYTES: usize = 64 * 1024;

/// The longest profile id a lock may name (an id, not a sentence).
const MAX_ID_CHARS: usize = 200;

/// The file as written: `(profile: "id")`, nothing else.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LockFile {
    profile: String,
}

/// A lock as read: the profile it names, the file, and where the name is written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Lock {
    /// The force profile the installation is locked to.
    pub profile: String,
    /// The lock file, as shown (its path).
    pub file: String,
    /// Where the profile's id is written in the file, for pointing at it.
    pub at: Option<Position>,
}

/// Reads a lock file's bytes: size, UTF-8 and the shape `(profile: "id")`,
/// strictly (an unknown field is an error, as in every other file).
pub fn parse(path: &str, bytes: &[u8]) -> Result<Lock, Diagnostic> {
    if bytes.len() > MAX_LOCK_BYTES {
        return Err(Diagnostic::new(
            path,
            None,
            format!(
                "a lock file is {} bytes at most (this one is {} bytes); it holds one line, `(profile: \"your-force\")`",
                MAX_LOCK_BYTES,
                bytes.len()
            ),
        ));
    }
    let src = parse::source_text(path, bytes)?;
    let file: LockFile = parse::parse_ron(&src)?;
    let at = src.locate_quoted(&file.profile);
    let id = file.profile.trim();
    if id.is_empty() {
        return Err(Diagnostic::new(
            path,
            at,
            "the lock names no force profile: write its id, as in `(profile: \"your-force\")`",
        ));
    }
    if id != file.profile || id.chars().count() > MAX_ID_CHARS || id.chars().any(char::is_control) {
        return Err(Diagnostic::new(
            path,
            at,
            format!(
                "\"{}\" is not a force profile's id: write the id exactly as the profile's `id:` gives it",
                text::clip(&file.profile, 60)
            ),
        ));
    }
    Ok(Lock {
        profile: file.profile,
        file: path.to_owned(),
        at,
    })
}

impl Lock {
    /// The problem when the guidance has no profile by the lock's name: the
    /// installation is then locked to nothing that can be used, so nothing is.
    pub fn check(&self, profiles: &[&str]) -> Option<Diagnostic> {
        if profiles.contains(&self.profile.as_str()) {
            return None;
        }
        let have = if profiles.is_empty() {
            "none".to_owned()
        } else {
            profiles
                .iter()
                .map(|p| format!("\"{p}\""))
                .collect::<Vec<_>>()
                .join(", ")
        };
        Some(Diagnostic::new(
            &self.file,
            self.at,
            format!(
                "this installation is locked to force profile \"{}\", which the guidance does not have (it has: {have}); no verdict is given until the lock names the force's profile or the profile is installed beside it",
                text::clip(&self.profile, 60)
            ),
        ))
    }

    /// The lock in words: `locked to force profile "x" by <file>`.
    pub fn words(&self) -> String {
        format!(
            "locked to force profile \"{}\" by {}",
            self.profile, self.file
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "// This installation gives verdicts only under the force's own profile.\n(profile: \"example-adopting\")\n";

    #[test]
    fn a_lock_names_its_profile_and_where_it_is_written() {
        let lock = parse("guidance/lock.ron", GOOD.as_bytes()).expect("reads");
        assert_eq!(lock.profile, "example-adopting");
        assert_eq!(lock.file, "guidance/lock.ron");
        assert_eq!(lock.at, Some(Position { line: 2, col: 11 }));
        assert_eq!(
            lock.words(),
            "locked to force profile \"example-adopting\" by guidance/lock.ron"
        );
        assert_eq!(lock.check(&["example-national", "example-adopting"]), None);
    }

    #[test]
    fn an_unknown_field_is_an_error_where_it_is_written() {
        let d = parse(
            "lock.ron",
            b"(\n  profile: \"example-adopting\",\n  unlock_for: \"sergeants\",\n)\n",
        )
        .expect_err("refused");
        assert_eq!(d.pos.map(|p| p.line), Some(3), "{d}");
        assert!(d.message.contains("unlock_for"), "{d}");
    }

    #[test]
    fn bad_syntax_is_an_error_with_its_line_and_column() {
        let d =
            parse("lock.ron", b"// locked\n(profile: example-adopting)\n").expect_err("refused");
        assert_eq!(d.path, "lock.ron");
        let pos = d.pos.expect("located");
        assert_eq!(pos.line, 2, "{d}");
        assert!(pos.col > 1, "{d}");
    }

    #[test]
    fn an_empty_file_or_an_empty_name_locks_nothing_and_is_an_error() {
        let d = parse("lock.ron", b"").expect_err("refused");
        assert_eq!(d.message, "the file is empty");
        let d = parse("lock.ron", b"// only a comment\n").expect_err("refused");
        assert_eq!(d.message, "the file is empty");
        let d = parse("lock.ron", b"(profile: \"\")").expect_err("refused");
        assert!(
            d.message.starts_with("the lock names no force profile"),
            "{d}"
        );
        let d = parse("lock.ron", b"(profile: \"  \")").expect_err("refused");
        assert!(
            d.message.starts_with("the lock names no force profile"),
            "{d}"
        );
        let d = parse("lock.ron", b"()").expect_err("a lock must name a profile");
        assert!(d.message.contains("profile"), "{d}");
    }

    #[test]
    fn a_name_that_is_not_an_id_is_refused() {
        let d = parse("lock.ron", b"(profile: \" example-adopting\")").expect_err("refused");
        assert!(d.message.contains("is not a force profile's id"), "{d}");
        let d = parse("lock.ron", b"(profile: \"a\\nb\")").expect_err("refused");
        assert!(d.message.contains("is not a force profile's id"), "{d}");
    }

    #[test]
    fn a_lock_file_larger_than_the_limit_is_refused_unread() {
        let mut big = GOOD.as_bytes().to_vec();
        big.extend(std::iter::repeat_n(b' ', MAX_LOCK_BYTES));
        let d = parse("lock.ron", &big).expect_err("refused");
        assert!(d.message.starts_with("a lock file is"), "{d}");
    }

    #[test]
    fn a_lock_naming_a_profile_that_is_not_here_is_a_located_problem() {
        let lock = parse("g/lock.ron", b"(profile: \"north-shire\")").expect("reads");
        let d = lock.check(&["example-national"]).expect("a problem");
        assert_eq!(d.path, "g/lock.ron");
        assert_eq!(d.pos, Some(Position { line: 1, col: 11 }));
        assert!(d.message.contains("\"north-shire\""), "{d}");
        assert!(d.message.contains("\"example-national\""), "{d}");
        assert!(lock.check(&[]).expect("a problem").message.contains("none"));
    }
}
