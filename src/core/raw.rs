//! The shapes of the RON files, exactly as written on disk.
//!
//! These are plain serde types with `deny_unknown_fields` everywhere (enums with
//! struct variants included), so a misspelt field is an error rather than
//! silently ignored. Nothing here is validated: [`super::validate`] turns a set
//! of these into a checked [`super::guidance::Guidance`].
//!
//! The file format is documented for policy owners in `guidance/README.md`.

use serde::{Deserialize, Serialize};

/// One guidance file: a national pack, an overlay a force may adopt, or a force profile.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub enum GuidanceFile {
    /// A national pack: either a baseline (no `extends`) or a revision of another pack.
    Pack(Pack),
    /// Optional guidance a force may adopt; it can only make verdicts stricter.
    Overlay(Overlay),
    /// A force's own settings and local policy, layered on a national pack.
    Profile(Profile),
}

/// A national pack.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    pub id: String,
    pub title: String,
    pub version: String,
    /// The date the guidance took effect, `YYYY-MM-DD`.
    pub effective: String,
    /// The date by which a policy owner must review the pack, `YYYY-MM-DD`.
    pub review_by: String,
    /// The pack this one revises. A revision inherits everything and may supersede rules.
    #[serde(default)]
    pub extends: Option<String>,
    /// Decision rules of the pack it extends that this revision withdraws.
    #[serde(default)]
    pub supersedes: Vec<String>,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub guidance: Vec<GuidanceRule>,
    #[serde(default)]
    pub facts: Vec<Fact>,
    #[serde(default)]
    pub actions: Vec<ActionDef>,
    /// Named conditions that decisions use with `Holds("id")`.
    #[serde(default)]
    pub definitions: Vec<Definition>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
    /// The wizard's steps, in order. A revision without steps keeps its base's;
    /// a revision with steps replaces them all.
    #[serde(default)]
    pub steps: Vec<Step>,
    /// How officers write, for the screen that reads their free text: their
    /// shorthand, and the words that mark a report or a request. A revision
    /// adds to its base's.
    #[serde(default)]
    pub reading: super::screen::Reading,
}

/// One step of the officer's wizard: a heading, help, and the facts it asks.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Step {
    pub id: String,
    /// A short heading, shown in the task list and above the questions.
    pub heading: String,
    /// What the step is about, in plain words, shown under the heading.
    #[serde(default)]
    pub help: String,
    /// The National Decision Model stage the step belongs to.
    pub stage: Stage,
    /// The facts asked on this step, in the order asked.
    #[serde(default)]
    pub facts: Vec<String>,
}

/// The stages of the College of Policing's National Decision Model.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub enum Stage {
    Information,
    ThreatAndRisk,
    PowersAndPolicy,
    Options,
    ActionAndReview,
}

/// Guidance a force may adopt on top of a national pack.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Overlay {
    pub id: String,
    pub title: String,
    pub version: String,
    pub effective: String,
    pub review_by: String,
    /// The national pack this overlay is written against; it must be in the chain of the pack in use.
    pub requires: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub guidance: Vec<GuidanceRule>,
    /// Named conditions that decisions use with `Holds("id")`.
    #[serde(default)]
    pub definitions: Vec<Definition>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

/// A force profile: settings, adopted overlays and local rules.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    pub id: String,
    /// The force's name as officers know it.
    pub force: String,
    pub version: String,
    pub effective: String,
    pub review_by: String,
    pub requires: String,
    /// Overlays the force has adopted, by id.
    #[serde(default)]
    pub adopts: Vec<String>,
    /// The domestic abuse risk tool the force uses.
    pub risk_tool: RiskTool,
    /// Safe reporting routes and third-party support the force offers.
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// How an officer contacts Immigration Enforcement when that is permitted.
    #[serde(default)]
    pub ie_referral_route: String,
    /// The shape of the force's crime reference: `A` stands for a letter, `9` for a
    /// digit, anything else for itself (`"CR/99999/99"`). Empty: any non-blank text.
    #[serde(default)]
    pub crime_reference_format: String,
    #[serde(default)]
    pub summary: String,
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default)]
    pub guidance: Vec<GuidanceRule>,
    /// Named conditions that decisions use with `Holds("id")`.
    #[serde(default)]
    pub definitions: Vec<Definition>,
    #[serde(default)]
    pub decisions: Vec<Decision>,
}

/// The domestic abuse risk assessment tool a force uses.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum RiskTool {
    /// Domestic Abuse, Stalking and Harassment and Honour Based Violence checklist (2009).
    Dash,
    /// The College of Policing's Domestic Abuse Risk Assessment.
    Dara,
}

/// A contact a force offers for safe reporting or third-party advice.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    pub name: String,
    pub offers: String,
    pub how: String,
}

/// A published source a rule rests on.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The source id from the domain brief, such as `SRC-01`.
    pub id: String,
    pub title: String,
    pub publisher: String,
    pub date: String,
    #[serde(default)]
    pub url: Option<String>,
}

/// A rule of guidance as a person would cite it: its id from the brief and what it says.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct GuidanceRule {
    /// The stable id from the domain brief, such as `NPCC18-03`.
    pub id: String,
    pub title: String,
    /// What the rule means, in plain English an officer understands.
    pub explanation: String,
    pub kind: RuleKind,
    /// Ids of the sources it rests on; the first is the main one.
    pub sources: Vec<String>,
    /// Section or paragraph, where known.
    #[serde(default)]
    pub section: Option<String>,
    /// A short quoted phrase, attributed to the first source.
    #[serde(default)]
    pub quote: Option<String>,
    /// How firmly the sources support the rule.
    pub status: Certainty,
    /// What the brief says is silent or in conflict about this rule, if anything.
    #[serde(default)]
    pub caveat: Option<String>,
    /// Shown for context only: no decision rests on it. A rule that is neither
    /// cited by a decision nor marked as context is an error.
    #[serde(default)]
    pub context: bool,
}

/// A named condition, written once and used by many decisions as `Holds("id")`,
/// so that a term such as "only doubts" means the same everywhere.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Definition {
    pub id: String,
    /// What it reads: the case (default), each check, or the IE contact.
    #[serde(default)]
    pub scope: Scope,
    /// What it means, in plain English.
    pub means: String,
    pub when: Condition,
}

/// The type of a rule, by the authority behind it.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub enum RuleKind {
    NationalGuidance,
    Statute,
    StatutoryCode,
    CollegeGuidance,
    /// Crown Prosecution Service legal guidance.
    ProsecutionGuidance,
    InspectorateRecommendation,
    /// What a complainant or campaigner alleges, as reported.
    Allegation,
    GovernmentPolicy,
    CaseLaw,
    ForcePolicy,
}

/// How firmly the sources support a rule, following the brief's tags.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub enum Certainty {
    /// Stated in a source.
    Cited,
    /// Reported by a third party about a primary document.
    Secondary,
    /// Reasoning in the brief, not stated by any source; for a policy owner to confirm.
    Inferred,
    /// No source found addresses the point.
    Silent,
    /// Sources disagree.
    Conflict,
}

/// A fact the officer is asked, and the question that asks it.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Fact {
    pub id: String,
    /// What the fact belongs to: the case, each proposed check, or the proposed IE contact.
    #[serde(default)]
    pub scope: Scope,
    pub kind: FactKind,
    /// The question, in plain English.
    pub question: String,
    #[serde(default)]
    pub help: String,
    /// The answers offered, for `One` and `Many` facts.
    #[serde(default)]
    pub values: Vec<Value>,
    /// When the question is asked; absent means always.
    #[serde(default)]
    pub relevant: Option<Condition>,
}

/// What a fact belongs to.
#[derive(Clone, Copy, Debug, Default, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub enum Scope {
    #[default]
    Case,
    Check,
    IeContact,
}

/// The type of a fact's answer.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum FactKind {
    /// Exactly one of the values.
    One,
    /// Any number of the values.
    Many,
    /// Free text.
    Text,
}

/// One answer a question offers.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Value {
    pub id: String,
    pub label: String,
    #[serde(default)]
    pub help: String,
}

/// An action the guidance requires or prohibits.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ActionDef {
    pub id: String,
    pub kind: ActionKind,
    pub label: String,
    /// A required action that is part of carrying out the check or contact
    /// whose decisions require it (telling the person what would be shared):
    /// when the officer records not doing that, it is shown as not needed.
    #[serde(default)]
    pub only_if_going_ahead: bool,
}

/// Whether an action is something to do or something never to do.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum ActionKind {
    Required,
    Prohibited,
}

/// A decision rule: when its condition holds for a target, its effects apply.
#[derive(Clone, Debug, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    pub id: String,
    pub applies_to: Target,
    pub when: Condition,
    pub then: Vec<Effect>,
    /// The guidance rules (ids from the brief) this decision rests on.
    pub because: Vec<String>,
    /// What the officer is told when the decision applies.
    pub says: String,
}

/// What a decision is about.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum Target {
    /// The case as a whole: required and prohibited actions, warnings.
    Case,
    /// Each proposed database check, one at a time.
    Check,
    /// The proposed contact with Immigration Enforcement, when there is one.
    IeContact,
}

/// A condition over the facts.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum Condition {
    /// Always true.
    Always,
    /// A `One` fact has this value.
    Is(String, String),
    /// A `One` fact has one of these values.
    In(String, Vec<String>),
    /// A `Many` fact includes at least one of these values.
    Has(String, Vec<String>),
    /// A `Many` fact has at least one value, and every value it has is in this list.
    Only(String, Vec<String>),
    /// The fact has an answer (for text, one that is not blank).
    Answered(String),
    /// A `Text` fact contains one of these phrases, read by the screen
    /// (`core::screen`): at the start of a word, in any case, form or
    /// close misspelling, with the guidance's shorthand read in full.
    Mentions(String, Vec<String>),
    /// Any free text of the target mentions one of these phrases: every text
    /// answer in its scope, the officer's reason for their decision on it, the
    /// supervisor's comment, and for the case the notes on its actions.
    /// Read by the screen (`core::screen`), as `Mentions` is.
    Says(Vec<String>),
    /// A `Text` fact is answered with at least this many words (a word has a letter or digit).
    Words(String, u32),
    /// A named condition (a `Definition`) holds.
    Holds(String),
    /// Every condition holds.
    All(Vec<Condition>),
    /// At least one condition holds.
    Any(Vec<Condition>),
    /// The condition does not hold.
    Not(Box<Condition>),
}

/// What a decision does.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub enum Effect {
    /// The check or contact is permitted (national packs only).
    Permit,
    /// The officer must record more before a verdict can be given.
    Incomplete,
    /// IE contact must wait for a later juncture.
    Defer,
    /// The officer may go on only with a stronger recorded reason.
    NotRecommend,
    /// The check or contact must not happen.
    Refuse,
    /// This action must be taken.
    Require(String),
    /// This action must never be taken.
    Prohibit(String),
    /// The officer is warned.
    Warn(WarningKind),
    /// The officer is told something worth knowing.
    Note,
}

/// What kind of warning a decision gives.
#[derive(Clone, Copy, Debug, Deserialize, Serialize, PartialEq, Eq, PartialOrd, Ord)]
#[serde(deny_unknown_fields)]
pub enum WarningKind {
    /// The sources disagree.
    Conflict,
    /// The guidance does not address this.
    Silence,
    /// The stated reason may hide a purpose the guidance forbids.
    Pretext,
    /// A free text and a closed answer disagree: the verdict waits until the
    /// officer corrects one of them (issue 26).
    Disagreement,
    /// Something to weigh before acting.
    Caution,
}

impl WarningKind {
    /// The word used in JSON, the text report and the note.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Conflict => "conflict",
            Self::Silence => "silence",
            Self::Pretext => "pretext",
            Self::Disagreement => "disagreement",
            Self::Caution => "caution",
        }
    }
}

mod case;
pub use case::*;
