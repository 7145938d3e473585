//! Every heading and fixed sentence of the decision note, in one place.
//!
//! The note's renderers (text, Markdown, PDF) take all their words from here,
//! so a change of wording is a change to this file only. User text and the
//! guidance's own wording (questions, labels, decision messages, rule titles)
//! come from the case and the guidance, never from here.

/// The note's title, first line of every format.
pub const TITLE: &str = "DECISION NOTE";
/// What the note is, under the title.
pub const SUBTITLE: &str =
    "Victim First: recorded decision on information sharing and immigration status";
/// Shown prominently when the case has no completion time.
pub const DRAFT: &str = "*** DRAFT: the officer has not marked this record complete. It is not the final decision note. ***";

pub const CRIME_REFERENCE: &str = "Crime reference";
pub const OFFICER: &str = "Officer";
pub const ROLE: &str = "Role";
pub const STARTED: &str = "Started";
pub const COMPLETED: &str = "Completed";
pub const NOT_RECORDED: &str = "not recorded";
pub const NONE: &str = "none";

/// The National Decision Model headings, in order, numbered in the note.
pub const INFORMATION: &str = "INFORMATION";
pub const THREAT_AND_RISK: &str = "THREAT AND RISK";
pub const POWERS_AND_POLICY: &str = "POWERS AND POLICY";
pub const OPTIONS: &str = "OPTIONS";
pub const ACTION_AND_REVIEW: &str = "ACTION AND REVIEW";
/// The sections after the National Decision Model.
pub const NO_ENFORCEMENT: &str = "NO IMMIGRATION ENFORCEMENT ACTION";
pub const FLAGS: &str = "CONFLICTS, SILENCES AND CAUTIONS";
pub const SET_ASIDE: &str = "ANSWERS SET ASIDE";
pub const CHANGES: &str = "CHANGES TO EARLIER ANSWERS";
pub const RULES: &str = "GUIDANCE RULES CITED";
pub const GUIDANCE: &str = "GUIDANCE USED";
/// The integrity section: everything above it is what the note digest covers.
pub const INTEGRITY: &str = "INTEGRITY";

/// Said when a National Decision Model stage has no answers of its own.
pub const STAGE_EMPTY: &str = "No questions in this guidance are grouped under this heading; the answers are recorded under Information.";
pub const NO_CHECKS: &str = "No database check was proposed.";
pub const CHECK: &str = "Check";
pub const SUBJECT: &str = "subject";
pub const PURPOSES: &str = "Purposes";
pub const REASON: &str = "Officer's reason";
pub const VERDICT: &str = "Verdict";
pub const BECAUSE: &str = "Because";
pub const DECISION: &str = "Officer's decision";
pub const DECISION_REASON: &str = "Why";
pub const RECONSIDER: &str = "Reconsider at";
pub const IE_CONTACT: &str = "Contact with Immigration Enforcement";
pub const IE_NOT_PROPOSED: &str = "No contact with Immigration Enforcement was proposed.";
pub const NOTHING_REJECTED: &str =
    "Nothing proposed was refused, not recommended, deferred or left undone.";
pub const NEVER_OFFERED: &str = "Never offered (prohibited by the guidance)";
pub const REQUIRED: &str = "Required actions";
pub const NO_REQUIRED: &str = "The guidance required no action in this case.";
pub const DONE: &str = "done";
/// A required action that fell away with the proposal it is part of.
pub const NOT_NEEDED: &str = "not needed";
pub const NOT_DONE: &str = "NOT DONE";
pub const NOT_MARKED: &str = "not marked on the checklist";
pub const SUPERVISOR: &str = "Supervisor review";
pub const SUPERVISOR_NEEDED: &str =
    "NOT RECORDED, and needed: the guidance is silent on part of this case";
pub const SUPERVISOR_AT: &str = "at";
pub const SUPERVISOR_WAS_NEEDED: &str = "needed: the guidance is silent on part of this case";
pub const REVIEW: &str = "Decision to be reviewed";

/// The plain statement the issue asks for, followed by the prohibited actions.
pub const NO_ENFORCEMENT_STATEMENT: &str = "No immigration enforcement action was taken by the officer in connection with this report. The guidance prohibits each of the following, and none was offered:";
pub const NO_FLAGS: &str = "The guidance flagged no conflict, silence or caution for this case.";
pub const NO_SET_ASIDE: &str = "No answer was set aside.";
pub const NO_CHANGES: &str = "No earlier answer was changed.";
pub const CHANGE_FROM: &str = "from";
pub const CHANGE_TO: &str = "to";
pub const SOURCES: &str = "Sources";
pub const PACK: &str = "National pack";
pub const VERSION: &str = "version";
pub const GUIDANCE_DIGEST: &str = "Guidance digest";
pub const PROFILE: &str = "Force profile";
pub const NATIONAL_ONLY: &str = "none (national guidance only)";
pub const LAYERS: &str = "Files, in order";

pub const NOTE_DIGEST: &str = "Note digest (SHA-256 of everything above this section)";
pub const CHECK_CODE: &str = "Check code (the start of the note digest, to copy into the record)";
pub const SECTION_DIGESTS: &str = "Section digests";
pub const HOW_TO_VERIFY: &str = "Check with: victim-first verify FILE";

/// The words for a verdict id (`Verdict::as_str`): the report's own headings,
/// so a verdict reads the same on the note as everywhere else.
pub fn verdict(id: &str) -> &str {
    use crate::core::engine::Verdict;
    [
        Verdict::NotProposed,
        Verdict::Permitted,
        Verdict::Incomplete,
        Verdict::Defer,
        Verdict::NotRecommended,
        Verdict::Refused,
    ]
    .into_iter()
    .find(|v| v.as_str() == id)
    .map_or(id, |v| crate::core::report::verdict_heading(v))
}

/// The words for an officer's choice id.
pub fn choice(id: &str) -> &str {
    match id {
        "undecided" => "not decided",
        "proceed" => "went ahead",
        "do_not_proceed" => "did not go ahead",
        "defer" => "deferred",
        other => other,
    }
}

/// The words for a kind of notice: the report's own headings.
pub fn notice(kind: &str) -> &str {
    crate::core::report::notice_heading(kind)
}

/// The words for what a notice or change is about (`case`, `check 2`, `ie_contact`).
pub fn about(about: &str) -> String {
    if about == "case" {
        "The whole case".to_owned()
    } else if about == "ie_contact" {
        IE_CONTACT.to_owned()
    } else if let Some(n) = about.strip_prefix("check ") {
        format!("{CHECK} {n}")
    } else {
        about.to_owned()
    }
}

/// The words for a layer kind.
pub fn layer(kind: &str) -> &str {
    match kind {
        "baseline" => "national baseline",
        "revision" => "national revision",
        "overlay" => "adopted overlay",
        "profile" => "force profile",
        other => other,
    }
}

/// The words for how firmly the sources support a rule.
pub fn certainty(status: &str) -> &str {
    match status {
        "Cited" => "stated in a source",
        "Secondary" => "reported by a third party",
        "Inferred" => "inferred, not stated by any source",
        "Silent" => "no source addresses it",
        "Conflict" => "sources disagree",
        other => other,
    }
}

/// The PDF's document title, before the crime reference.
pub const PDF_TITLE: &str = "Decision note, crime reference";
/// After the running header of a draft.
pub const DRAFT_SHORT: &str = "DRAFT";
/// Under the title, in the running header and in the guidance section of a note
/// made under national guidance that is not the published guidance.
pub const NOT_PUBLISHED: &str = "*** NOT THE PUBLISHED NATIONAL GUIDANCE: made under national guidance modified locally. Do not rely on it as the national position. ***";
pub const NOT_PUBLISHED_SHORT: &str = "NOT PUBLISHED GUIDANCE";
pub const MODIFIED_FILES: &str =
    "National guidance modified locally (not byte for byte as published)";
pub const PAGE: &str = "Page";
pub const OF: &str = "of";
pub const CHECK_CODE_SHORT: &str = "Check code";
pub const CREATOR: &str = "Victim First";
pub const ATTACHMENT_DESCRIPTION: &str =
    "The decision note as data (victim-first-note/1); verify it with victim-first verify";
/// The PDF's subject, before the note digest.
pub const PDF_SUBJECT: &str = "Decision note digest";
