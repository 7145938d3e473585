//! What the engine gives back: verdicts, the reasons behind them, and the
//! actions, warnings and notes collected on the way. Plain data, serialised
//! as is by `assess --json`.

use serde::Serialize;

use super::super::condition::Answers;
use super::super::guidance::LayerKind;
use super::super::raw::Effect;

/// A verdict on a check or on IE contact. Ordered from least to most severe.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// No IE contact is proposed.
    NotProposed,
    Permitted,
    /// A purpose, reason or other detail is missing, or the guidance does not decide.
    Incomplete,
    /// IE contact must wait for a later juncture.
    Defer,
    /// The officer may go on only with a stronger recorded reason.
    NotRecommended,
    Refused,
}

impl Verdict {
    /// The word used in JSON and in the text report.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotProposed => "not_proposed",
            Self::Permitted => "permitted",
            Self::Incomplete => "incomplete",
            Self::Defer => "defer",
            Self::NotRecommended => "not_recommended",
            Self::Refused => "refused",
        }
    }

    pub(super) fn from_effect(e: &Effect) -> Option<Self> {
        match e {
            Effect::Permit => Some(Self::Permitted),
            Effect::Incomplete => Some(Self::Incomplete),
            Effect::Defer => Some(Self::Defer),
            Effect::NotRecommend => Some(Self::NotRecommended),
            Effect::Refuse => Some(Self::Refused),
            _ => None,
        }
    }
}

/// Which guidance the assessment used.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct GuidanceUsed {
    /// The national pack id.
    pub pack: String,
    /// The national pack's version.
    pub version: String,
    /// SHA-256 over the SHA-256 of every file that went into the guidance, in order.
    pub digest: String,
    /// The force profile id, if any.
    pub profile: Option<String>,
    /// Every file that went into the guidance, baseline first.
    pub layers: Vec<LayerUsed>,
    /// The guidance folder the files were read from, when read from one.
    pub folder: Option<String>,
    /// Where the guidance came from, in words (built in, or which folder and why).
    pub source: Option<String>,
    /// True when a national pack or overlay used differs from the published
    /// manifest: "national guidance modified locally".
    pub national_modified_locally: bool,
    /// The national files used that differ from the manifest.
    pub modified_files: Vec<String>,
}

/// One file that went into the guidance.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LayerUsed {
    pub id: String,
    pub kind: LayerKind,
    pub version: String,
    pub digest: String,
}

/// One decision that applied: what it says and the rules it cites.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Reason {
    /// The decision's id in the guidance.
    pub decision: String,
    /// The verdict this decision gave on its own, if it gave one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub verdict: Option<Verdict>,
    pub message: String,
    pub rules: Vec<String>,
}

/// The outcome for one proposed check.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct CheckOutcome {
    pub system: String,
    pub subject: String,
    pub purposes: Vec<String>,
    /// The reason the officer recorded.
    pub reason: String,
    /// Every answer about this check that was used (answers set aside are not).
    pub answers: Answers,
    pub verdict: Verdict,
    /// Every guidance rule behind the verdict, in the order first cited.
    pub rules: Vec<String>,
    pub reasons: Vec<Reason>,
}

/// Whether proposed IE contact must wait, judged apart from its merits: a
/// deferral stays visible even when a stricter verdict is also given.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Timing {
    /// No contact is proposed.
    NotProposed,
    /// Nothing in the guidance says the contact must wait.
    NotDeferred,
    /// At least one decision says the contact must wait for a later juncture.
    Defer,
}

impl Timing {
    /// The word used in JSON.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::NotProposed => "not_proposed",
            Self::NotDeferred => "not_deferred",
            Self::Defer => "defer",
        }
    }
}

/// The outcome for IE contact.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct IeOutcome {
    /// What was proposed, as recorded (empty when nothing was).
    pub purpose: Option<String>,
    pub timing: Option<String>,
    pub data: Vec<String>,
    pub reason: String,
    /// Every answer about the contact that was used (answers set aside are not).
    pub answers: Answers,
    pub verdict: Verdict,
    pub rules: Vec<String>,
    pub reasons: Vec<Reason>,
    /// The timing verdict: whether the contact must wait, whatever its verdict.
    pub timing_verdict: Timing,
    /// The decisions that defer it, if any (also among `reasons`).
    pub timing_reasons: Vec<Reason>,
}

/// A required or prohibited action.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ActionOutcome {
    pub action: String,
    pub label: String,
    pub rules: Vec<String>,
    pub reasons: Vec<Reason>,
}

/// A warning or a note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Notice {
    /// `conflict`, `silence`, `pretext` or `caution` for warnings; `note` for notes.
    pub kind: String,
    /// What it is about: `case`, `check 2`, `ie_contact`.
    pub about: String,
    pub message: String,
    pub rules: Vec<String>,
    /// The decision that gave it; empty when the engine itself says the guidance is silent.
    pub decision: String,
    /// For a decision that read free text: the phrases the screen found, as
    /// the guidance writes them (so a disagreement names its words).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub words: Vec<String>,
}

/// Everything the engine concludes about a case.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Assessment {
    pub guidance: GuidanceUsed,
    /// The answers about the case that were used (answers set aside are not).
    pub facts: Answers,
    pub checks: Vec<CheckOutcome>,
    pub ie_contact: IeOutcome,
    pub prohibited: Vec<ActionOutcome>,
    pub required: Vec<ActionOutcome>,
    /// Required actions about carrying out a proposal the officer has recorded
    /// not doing: no longer needed, and why (`needed::settle`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub not_needed: Vec<NotNeeded>,
    pub warnings: Vec<Notice>,
    pub notes: Vec<Notice>,
}

/// A required action that fell away with the proposal it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NotNeeded {
    pub action: ActionOutcome,
    /// Why, in the officer's words: "you recorded not making the contact".
    pub why: String,
}
