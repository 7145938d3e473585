//! The decision note as data: what every format shows, and what the JSON carries.
//!
//! Everything here is already worded for people (labels, not ids, except rule
//! ids, which officers cite). Every field is shown in the text note, so the note
//! digest, computed over the text, covers every field.

use serde::{Deserialize, Serialize};

/// The version of the JSON shape. Add fields with a new version; never rename one.
pub const FORMAT: &str = "victim-first-note/1";

/// Where a fact belongs in the National Decision Model.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    Information,
    ThreatAndRisk,
    PowersAndPolicy,
    Options,
    ActionAndReview,
}

/// A question and the answer recorded, both as shown to the officer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Answered {
    pub stage: Stage,
    pub question: String,
    pub answer: String,
}

/// One decision of the guidance behind a verdict.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Because {
    /// The verdict this decision gave on its own (`refused`, ...), if any.
    pub verdict: Option<String>,
    pub message: String,
    pub rules: Vec<String>,
}

/// What the officer decided about a proposal.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decided {
    /// `undecided`, `proceed`, `do_not_proceed` or `defer`.
    pub choice: String,
    pub reason: String,
    pub reconsider: String,
}

/// A proposed database check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CheckNote {
    pub system: String,
    pub subject: String,
    pub purposes: Vec<String>,
    pub reason: String,
    /// Answers to any further questions about the check.
    pub answers: Vec<Answered>,
    /// `Verdict::as_str`: `permitted`, `refused`, ...
    pub verdict: String,
    pub rules: Vec<String>,
    pub because: Vec<Because>,
    pub decision: Option<Decided>,
}

/// The proposed contact with Immigration Enforcement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct IeNote {
    pub proposed: bool,
    /// Every answer about the contact, in the order the guidance asks them.
    pub answers: Vec<Answered>,
    pub verdict: String,
    pub rules: Vec<String>,
    pub because: Vec<Because>,
    pub decision: Option<Decided>,
}

/// A required action and what the officer recorded about it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ActionNote {
    pub label: String,
    pub rules: Vec<String>,
    /// `Some(true)` done, `Some(false)` not done, `None` not marked.
    pub done: Option<bool>,
    pub note: String,
    /// Why it is no longer needed (the proposal it is part of will not go
    /// ahead); empty when it is needed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub not_needed: String,
}

/// A warning or note the guidance gave.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// `conflict`, `silence`, `pretext`, `caution`, `note` or `set_aside`.
    pub kind: String,
    /// What it is about, worded (`Check 2`).
    pub about: String,
    pub message: String,
    pub rules: Vec<String>,
}

/// A change to an earlier answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChangeNote {
    pub at: String,
    pub about: String,
    pub question: String,
    pub from: String,
    pub to: String,
}

/// A guidance rule cited anywhere in the note, with its sources.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RuleNote {
    pub id: String,
    pub title: String,
    pub status: String,
    /// Each source as `title, publisher, date`.
    pub sources: Vec<String>,
    pub section: String,
}

/// One file of the guidance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LayerNote {
    pub id: String,
    pub kind: String,
    pub title: String,
    pub version: String,
    pub digest: String,
}

/// The guidance the note was made under.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct GuidanceNote {
    pub pack: String,
    pub title: String,
    pub version: String,
    pub digest: String,
    /// The force profile id and the force's name.
    pub profile: Option<String>,
    pub force: Option<String>,
    pub layers: Vec<LayerNote>,
    /// The national files used that are not byte for byte the published ones
    /// ("national guidance modified locally"), by layer id: empty for the
    /// published guidance. Part of the note's text, so inside its digest.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub modified: Vec<String>,
}

/// The whole decision note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Note {
    pub crime_reference: String,
    /// True when the case has no completion time.
    pub draft: bool,
    pub officer: String,
    pub officer_role: String,
    pub started: String,
    pub completed: String,
    /// Case-level answers, each with its stage.
    pub facts: Vec<Answered>,
    pub checks: Vec<CheckNote>,
    pub ie_contact: IeNote,
    /// Labels of the actions the guidance prohibits.
    pub prohibited: Vec<String>,
    pub required: Vec<ActionNote>,
    pub supervisor: Option<SupervisorNote>,
    /// True when the guidance is silent on part of the case.
    pub supervisor_needed: bool,
    pub review: String,
    pub flags: Vec<Flag>,
    pub set_aside: Vec<Flag>,
    pub changes: Vec<ChangeNote>,
    pub rules: Vec<RuleNote>,
    pub guidance: GuidanceNote,
}

/// A supervisor's review.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupervisorNote {
    pub name: String,
    pub at: String,
    pub comment: String,
}

/// The JSON file: the note, its digests, and the format version.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteFile {
    pub format: String,
    /// SHA-256 of the note's canonical text (the text note above its integrity section).
    pub digest: String,
    /// The first 8 hex digits of the SHA-256 of each section of that text, in order.
    pub sections: Vec<String>,
    pub note: Note,
}
