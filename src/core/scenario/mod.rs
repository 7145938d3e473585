//! Training scenarios: a story a trainee reads, the case they should record, and
//! what the guidance must say about it (issue 18).
//!
//! A scenario file (`guidance/scenarios/*.ron`, format in `guidance/README.md`)
//! is at once classroom material and a regression test of the guidance: its
//! `case` is a case file exactly as `assess` reads it ([`raw::Case`]), and its
//! `expect` is what the engine must conclude. [`run`] assesses the case and
//! lists every expectation that does not hold; [`problems`] finds what a
//! scenario names that the guidance does not have (rules, actions, steps).
//!
//! Pure, like the rest of the core: bytes in, values out.

pub mod author;
mod coverage;
mod expect;
pub mod feedback;
#[cfg(test)]
mod feedback_tests;
pub mod results;
#[cfg(test)]
mod tests;
mod words;

use serde::{Deserialize, Serialize};

use super::diagnostic::Diagnostic;
use super::parse;
use super::raw;
use super::source::SourceText;

pub use coverage::{Coverage, decisions_fired, rules_cited};
pub use expect::{Failure, Ran, problems, run};

/// One scenario file.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// A short title, shown in lists and in every failure.
    pub title: String,
    /// What the trainee reads before they start.
    pub narrative: Narrative,
    /// The case the trainee should record: pack, profile, answers, and the
    /// checks and contact proposed in the story. A case file, field for field.
    pub case: raw::Case,
    /// What the guidance must conclude about that case.
    pub expect: Expect,
    /// What to teach at each step of the wizard, with the rules behind it.
    #[serde(default)]
    pub teaching: Vec<TeachingPoint>,
}

/// The story, in three voices. Fictional people only.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Narrative {
    /// What the person said, in their words as the officer heard them.
    pub person_said: String,
    /// What the call handler noted on the log.
    #[serde(default)]
    pub call_handler: String,
    /// What a colleague proposes: the checks and any contact with Immigration Enforcement.
    #[serde(default)]
    pub colleague_proposes: String,
}

/// What the engine must conclude. Lists of rules and actions are "at least
/// these"; `not_required` is "none of these".
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Expect {
    /// One entry per proposed check, in the case's order.
    #[serde(default)]
    pub checks: Vec<ExpectVerdict>,
    /// The proposed contact's verdict; leave out when none is proposed.
    #[serde(default)]
    pub ie_contact: Option<ExpectContact>,
    /// Actions that must be required.
    #[serde(default)]
    pub required: Vec<String>,
    /// Actions that must not be required.
    #[serde(default)]
    pub not_required: Vec<String>,
    /// Actions that must be prohibited.
    #[serde(default)]
    pub prohibited: Vec<String>,
    /// Warnings that must be given: each of this kind (any kind if left out),
    /// citing at least these rules.
    #[serde(default)]
    pub warnings: Vec<ExpectNotice>,
    /// Notes that must be given, citing at least these rules.
    #[serde(default)]
    pub notes: Vec<ExpectNotice>,
}

/// The verdict expected on one check.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ExpectVerdict {
    pub verdict: Verdict,
    /// Rules the verdict must cite (it may cite more).
    #[serde(default)]
    pub rules: Vec<String>,
}

/// The verdict expected on the proposed contact with Immigration Enforcement.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ExpectContact {
    pub verdict: Verdict,
    #[serde(default)]
    pub rules: Vec<String>,
    /// Whether the contact must wait, judged apart from its merits.
    #[serde(default)]
    pub timing: Option<Timing>,
}

/// A warning or note that must be given.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ExpectNotice {
    /// For a warning: its kind. Left out: any kind.
    #[serde(default)]
    pub kind: Option<raw::WarningKind>,
    pub rules: Vec<String>,
}

/// A verdict, as a scenario names it.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum Verdict {
    Permitted,
    Incomplete,
    Defer,
    NotRecommended,
    Refused,
}

impl Verdict {
    /// The engine's word for it (`not_recommended`), as reports print it.
    pub fn word(self) -> &'static str {
        self.engine().as_str()
    }

    /// The engine's verdict.
    pub fn engine(self) -> super::engine::Verdict {
        use super::engine::Verdict as V;
        match self {
            Self::Permitted => V::Permitted,
            Self::Incomplete => V::Incomplete,
            Self::Defer => V::Defer,
            Self::NotRecommended => V::NotRecommended,
            Self::Refused => V::Refused,
        }
    }
}

/// The contact's timing verdict, as a scenario names it.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum Timing {
    /// Nothing says the contact must wait.
    NotDeferred,
    /// The contact must wait for a later juncture.
    Defer,
}

impl Timing {
    /// The engine's word for it.
    pub fn word(self) -> &'static str {
        self.engine().as_str()
    }

    pub fn engine(self) -> super::engine::Timing {
        match self {
            Self::NotDeferred => super::engine::Timing::NotDeferred,
            Self::Defer => super::engine::Timing::Defer,
        }
    }
}

/// Something to teach at one step of the wizard.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TeachingPoint {
    /// The wizard step's id in the pack (`report`, `concern`, `victim_first`, ...).
    pub step: String,
    /// What the trainee should take from it, in plain words.
    pub point: String,
    /// The guidance rules behind it.
    #[serde(default)]
    pub rules: Vec<String>,
}

/// Reads a scenario file: the checks every file gets (size, UTF-8, NUL, empty),
/// then the shape, with a located error on any fault.
pub fn parse(path: &str, bytes: &[u8]) -> Result<(SourceText, Scenario), Diagnostic> {
    let src = parse::source_text(path, bytes)?;
    let scenario = parse::parse_ron(&src)?;
    Ok((src, scenario))
}

/// The byte offset of the first `name:` field written at or after `from`,
/// outside strings and comments; `None` if there is none.
///
/// RON keeps no spans after parsing, so an expectation that does not hold is
/// located by the field that states it.
pub fn field_offset(text: &str, name: &str, from: usize) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = from;
    while b.get(i).is_some() {
        if let Some(end) = crate::core::parse::skip_string_or_comment(b, i) {
            i = end + 1;
            continue;
        }
        if text.get(i..).is_some_and(|rest| rest.starts_with(name)) {
            let before_ok = i == 0
                || b.get(i - 1)
                    .is_some_and(|p| !(p.is_ascii_alphanumeric() || *p == b'_'));
            let after = text.get(i + name.len()..).unwrap_or_default();
            if before_ok && after.trim_start().starts_with(':') {
                return Some(i);
            }
        }
        i += 1;
    }
    None
}
