//! The validated guidance model: what the engine, the wizard and the note read.
//!
//! A [`Guidance`] is one national pack (with the packs it revises), any overlays
//! the force adopts, and the force profile, merged into one checked whole. It is
//! built only by [`super::validate`], so every id it holds resolves.

use std::collections::BTreeMap;

use super::raw;

/// Ids of the facts that make up a proposed check. Every baseline pack declares them.
pub mod check_fact {
    pub const SYSTEM: &str = "check_system";
    pub const SUBJECT: &str = "check_subject";
    pub const PURPOSES: &str = "check_purposes";
    pub const REASON: &str = "check_reason";
}

/// Ids of the facts that make up a proposed contact with Immigration Enforcement.
/// The required action the record asks a supervisor to sign off (the review
/// step's supervisor section); every baseline pack must declare it (lint).
pub const SUPERVISOR_REVIEW_ACTION: &str = "supervisor_review";

pub mod ie_fact {
    pub const PURPOSE: &str = "ie_purpose";
    pub const TIMING: &str = "ie_timing";
    pub const DATA: &str = "ie_data";
    pub const REASON: &str = "ie_reason";
}

/// What part a layer plays.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LayerKind {
    /// A national pack that extends nothing.
    Baseline,
    /// A national pack that revises another.
    Revision,
    /// Optional guidance adopted by the force.
    Overlay,
    /// The force profile.
    Profile,
}

/// One file that went into a [`Guidance`].
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Layer {
    pub id: String,
    pub kind: LayerKind,
    pub title: String,
    pub version: String,
    pub effective: String,
    pub review_by: String,
    pub summary: String,
    /// SHA-256 of the file as loaded.
    pub digest: String,
    /// Where it was loaded from. Not in the JSON report, and not in the
    /// build's resolved form either (`builtin::resolved` puts it back).
    #[serde(skip)]
    pub path: String,
}

/// The force profile's settings.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct ProfileSettings {
    pub id: String,
    pub force: String,
    pub risk_tool: raw::RiskTool,
    pub contacts: Vec<raw::Contact>,
    pub ie_referral_route: String,
    pub adopts: Vec<String>,
    /// The shape of a crime reference (`A` a letter, `9` a digit); empty for any.
    pub crime_reference_format: String,
}

/// A guidance rule and the layer that defines it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct RuleEntry {
    pub rule: raw::GuidanceRule,
    pub layer: String,
}

/// A decision rule and the layer that defines it.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct DecisionEntry {
    /// Shared, so that merging a chain once and reusing it for every overlay and
    /// profile on top of it does not copy every condition.
    pub decision: std::sync::Arc<raw::Decision>,
    pub layer: String,
}

/// Validated, merged guidance.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Guidance {
    /// Every file, national baseline first, then revisions, overlays and the profile.
    pub layers: Vec<Layer>,
    pub profile: Option<ProfileSettings>,
    pub sources: BTreeMap<String, raw::Source>,
    pub rules: BTreeMap<String, RuleEntry>,
    /// Facts in the order they are asked.
    pub facts: Vec<raw::Fact>,
    pub actions: Vec<raw::ActionDef>,
    /// Decisions in layer order, without any a revision superseded.
    pub decisions: Vec<DecisionEntry>,
    /// The wizard's steps, from the latest national pack that declares them (may be empty).
    pub steps: Vec<raw::Step>,
    /// How the screen reads officers' free text (shorthand, what marks a
    /// report), from every national pack of the chain.
    #[serde(default)]
    pub reading: crate::core::screen::Reading,
    /// SHA-256 over the layers' own SHA-256 digests, in layer order: it changes
    /// when any byte of any file changes, or when a layer is added, removed or moved.
    pub digest: String,
}

impl Guidance {
    /// The national pack in force: the last national layer.
    pub fn pack(&self) -> Option<&Layer> {
        self.layers
            .iter()
            .rev()
            .find(|l| matches!(l.kind, LayerKind::Baseline | LayerKind::Revision))
    }

    pub fn fact(&self, id: &str) -> Option<&raw::Fact> {
        self.facts.iter().find(|f| f.id == id)
    }

    pub fn action(&self, id: &str) -> Option<&raw::ActionDef> {
        self.actions.iter().find(|a| a.id == id)
    }

    pub fn rule(&self, id: &str) -> Option<&RuleEntry> {
        self.rules.get(id)
    }

    /// The label of a value of a fact, or the value id itself if unknown.
    pub fn value_label<'a>(&'a self, fact: &str, value: &'a str) -> &'a str {
        self.fact(fact)
            .and_then(|f| f.values.iter().find(|v| v.id == value))
            .map_or(value, |v| v.label.as_str())
    }
}
