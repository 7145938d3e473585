//! The case file's shapes, exactly as written: the facts an officer recorded, and the
//! record around them (decisions, checklist, officer, review, changes, trail, pin).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// A case file: the facts an officer recorded, for `assess` and for saved cases.
///
/// The first five fields are what `assess` reads. The rest are the officer's
/// record, written by the wizard: what they decided and why, the action
/// checklist, who they are, the supervisor's review and the changes made to
/// earlier answers. Every record field may be left out, so a case file written
/// before the record existed still reads.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// The case file format's version ([`CASE_FORMAT`] when the app writes
    /// it): a file from a newer version of the app is refused, saying so.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<u32>,
    /// The national pack the case is assessed under.
    pub pack: String,
    /// The force profile, if any.
    #[serde(default)]
    pub profile: Option<String>,
    /// Answers to the case-level questions, by fact id. A question answered twice is an error.
    #[serde(default, deserialize_with = "unique_answers")]
    pub facts: BTreeMap<String, ron::Value>,
    /// The database checks proposed.
    #[serde(default)]
    pub checks: Vec<CaseCheck>,
    /// The contact with Immigration Enforcement proposed, if any.
    #[serde(default)]
    pub ie_contact: Option<CaseIeContact>,
    /// Who recorded the decision.
    #[serde(default)]
    pub officer: Option<Officer>,
    /// The required actions: each done, or why not, by action id.
    #[serde(default)]
    pub actions: BTreeMap<String, ActionRecord>,
    /// The supervisor's review, where one is needed.
    #[serde(default)]
    pub supervisor: Option<SupervisorReview>,
    /// Every change to an answer already given, oldest first.
    #[serde(default)]
    pub changes: Vec<Change>,
    /// When the case was started, RFC 3339 in UTC (`2026-11-29T10:15:00Z`).
    #[serde(default)]
    pub started: Option<String>,
    /// When the officer finished the record; absent while it is a draft.
    #[serde(default)]
    pub completed: Option<String>,
    /// When the decision will be reviewed: a date or a juncture, in the officer's words.
    #[serde(default)]
    pub review: String,
    /// The guidance the case was decided under, and what it concluded then:
    /// opened under other guidance, the difference is shown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_under: Option<DecidedUnder>,
    /// The audit trail: every answer, verdict, decision and review, oldest
    /// first, each entry chained to the one before (`core::trail`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub trail: Vec<TrailEntry>,
    /// The wizard step the officer was on, by id: written in autosaved drafts,
    /// so that a recovered case resumes where it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub step: Option<String>,
}

/// The case file format this version writes and reads: 2 added the trail,
/// the guidance the case was decided under and the draft's step.
pub const CASE_FORMAT: u32 = 2;

/// The guidance a case was decided under, and its outcome then, so that a case
/// opened under other guidance can say what differs without that guidance.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct DecidedUnder {
    /// The national pack in force (the last of its chain) and its version.
    pub pack: String,
    #[serde(default)]
    pub version: String,
    /// The force profile, if any.
    #[serde(default)]
    pub profile: Option<String>,
    /// The digest over every file of the guidance (`Guidance::digest`).
    pub digest: String,
    /// The outcome as it stood: each verdict, required action and warning,
    /// by what it is about (`core::pinned::outcome`).
    #[serde(default)]
    pub outcome: BTreeMap<String, String>,
}

/// One entry of a case's audit trail.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct TrailEntry {
    /// When, RFC 3339 in UTC.
    pub at: String,
    /// What happened: `answer given`, `answer changed`, `answer set aside`,
    /// `verdict`, `decision`, `action`, `supervisor review`, `re-decided`...
    pub event: String,
    /// What it is about: `case`, `check 2`, `IE contact`, `record`.
    pub about: String,
    /// The question, field or action.
    pub item: String,
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
    /// SHA-256 over the entry before's hash and this entry's fields.
    pub hash: String,
}

/// A proposed database check as recorded in a case file.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CaseCheck {
    pub system: String,
    pub subject: String,
    #[serde(default)]
    pub purposes: Vec<String>,
    #[serde(default)]
    pub reason: String,
    /// Answers to any further questions the guidance asks about each check, by fact id.
    #[serde(default, deserialize_with = "unique_answers")]
    pub answers: BTreeMap<String, ron::Value>,
    /// What the officer decided to do about this check.
    #[serde(default)]
    pub decision: Option<OfficerDecision>,
}

/// A proposed contact with Immigration Enforcement as recorded in a case file.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct CaseIeContact {
    #[serde(default)]
    pub purpose: Option<String>,
    /// The answer to a single timing question, for guidance that still declares
    /// one (`ie_timing`); the shipped packs ask the juncture as separate facts.
    #[serde(default)]
    pub timing: Option<String>,
    #[serde(default)]
    pub data: Vec<String>,
    #[serde(default)]
    pub reason: String,
    /// Answers to any further questions the guidance asks about the contact, by fact id.
    #[serde(default, deserialize_with = "unique_answers")]
    pub answers: BTreeMap<String, ron::Value>,
    /// What the officer decided to do about the contact.
    #[serde(default)]
    pub decision: Option<OfficerDecision>,
}

/// What the officer decided about a proposed check or contact, and why.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct OfficerDecision {
    pub choice: Choice,
    /// Why. For going ahead with something not recommended, the further reason.
    #[serde(default)]
    pub reason: String,
    /// For a deferral: the juncture or date at which it will be reconsidered.
    #[serde(default)]
    pub reconsider: String,
}

/// The officer's choice about a proposed check or contact.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum Choice {
    /// Not decided yet.
    #[default]
    Undecided,
    /// Go ahead. Never allowed for something refused.
    Proceed,
    /// Do not do it.
    DoNotProceed,
    /// Wait for a later juncture.
    Defer,
}

/// Who recorded the decision.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Officer {
    /// Name or collar number.
    pub name: String,
    #[serde(default)]
    pub role: String,
    /// The crime reference, in the format the force profile defines.
    #[serde(default)]
    pub crime_reference: String,
}

/// A required action on the checklist: done, or why not.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct ActionRecord {
    pub done: bool,
    /// Why it was not done (or a note on how it was).
    #[serde(default)]
    pub note: String,
}

/// A supervisor's review of the decision.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct SupervisorReview {
    /// Name or collar number.
    pub name: String,
    /// When, RFC 3339 in UTC.
    #[serde(default)]
    pub at: String,
    #[serde(default)]
    pub comment: String,
}

/// A change to an answer already given.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// When, RFC 3339 in UTC.
    pub at: String,
    /// What changed: `case`, `check 2` or `ie_contact`.
    pub about: String,
    /// The fact id.
    pub fact: String,
    /// The answer before and after, as shown to the officer (empty for none).
    #[serde(default)]
    pub from: String,
    #[serde(default)]
    pub to: String,
}

/// Reads a map of answers, refusing a question answered twice (a plain map keeps the last silently).
fn unique_answers<'de, D>(d: D) -> Result<BTreeMap<String, ron::Value>, D::Error>
where
    D: serde::Deserializer<'de>,
{
    struct Answers;
    impl<'de> serde::de::Visitor<'de> for Answers {
        type Value = BTreeMap<String, ron::Value>;

        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a map of answers, such as { \"role\": \"victim\" }")
        }

        fn visit_map<A: serde::de::MapAccess<'de>>(
            self,
            mut map: A,
        ) -> Result<Self::Value, A::Error> {
            let mut out = BTreeMap::new();
            while let Some((key, value)) = map.next_entry::<String, ron::Value>()? {
                if out.contains_key(&key) {
                    return Err(serde::de::Error::custom(format!(
                        "the answer to \"{key}\" is given twice"
                    )));
                }
                out.insert(key, value);
            }
            Ok(out)
        }
    }
    d.deserialize_map(Answers)
}
