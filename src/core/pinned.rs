//! A case pinned to the guidance it was decided under.
//!
//! The case records the pack, version, profile and digest of its guidance,
//! and the outcome as it stood ([`outcome`]): each verdict, the contact's
//! timing, each required action and each warning. Opened under other guidance
//! (a newer pack, another force profile, a national file modified locally),
//! [`differences`] sets that record beside the outcome under the guidance in
//! force now, without needing the old guidance to be installed.

use std::collections::BTreeMap;

use super::engine::{Assessment, Timing};
use super::guidance::Guidance;
use super::raw::DecidedUnder;
use super::report::verdict_heading;

/// The outcome of an assessment, keyed by what each part is about, in words.
pub fn outcome(a: &Assessment) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (i, c) in a.checks.iter().enumerate() {
        out.insert(
            format!("Check {}: verdict", i + 1),
            verdict_heading(c.verdict).to_owned(),
        );
    }
    if a.ie_contact.purpose.is_some() {
        out.insert(
            "The contact with Immigration Enforcement: verdict".to_owned(),
            verdict_heading(a.ie_contact.verdict).to_owned(),
        );
        let timing = match a.ie_contact.timing_verdict {
            Timing::NotDeferred => "nothing says it must wait",
            Timing::Defer => "must wait for a later juncture",
            Timing::NotProposed => "",
        };
        if !timing.is_empty() {
            out.insert(
                "The contact with Immigration Enforcement: timing".to_owned(),
                timing.to_owned(),
            );
        }
    }
    for r in &a.required {
        out.insert(
            format!("Required action: {}", r.label),
            "required".to_owned(),
        );
    }
    for p in &a.prohibited {
        out.insert(
            format!("Prohibited action: {}", p.label),
            "prohibited".to_owned(),
        );
    }
    for w in &a.warnings {
        let about = match w.about.as_str() {
            "ie_contact" => "the contact",
            other => other,
        };
        out.insert(
            format!("Warning ({}) about {about}: {}", w.kind, w.message),
            "given".to_owned(),
        );
    }
    out
}

/// What a case records of the guidance `g` and the outcome `a` under it.
pub fn decided_under(g: &Guidance, a: &Assessment) -> DecidedUnder {
    DecidedUnder {
        outcome: outcome(a),
        ..of_guidance(g)
    }
}

/// What identifies guidance `g`, with no outcome.
pub fn of_guidance(g: &Guidance) -> DecidedUnder {
    let pack = g.pack();
    DecidedUnder {
        pack: pack.map(|p| p.id.clone()).unwrap_or_default(),
        version: pack.map(|p| p.version.clone()).unwrap_or_default(),
        profile: g.profile.as_ref().map(|p| p.id.clone()),
        digest: g.digest.clone(),
        outcome: BTreeMap::new(),
    }
}

/// Whether `g` is the guidance the case was decided under, byte for byte.
pub fn same_guidance(pinned: &DecidedUnder, g: &Guidance) -> bool {
    pinned.digest == g.digest
}

/// The guidance a case was decided under, in words.
pub fn words(p: &DecidedUnder) -> String {
    let profile = p.profile.as_deref().map_or_else(
        || "no force profile".to_owned(),
        |x| format!("force profile {x}"),
    );
    let short = p.digest.get(..12).unwrap_or(&p.digest);
    format!(
        "{} version {}, {profile} (digest {short})",
        p.pack, p.version
    )
}

/// One part of the outcome that differs: as decided, and under the guidance now.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Difference {
    pub what: String,
    /// Empty when it was not part of the outcome then.
    pub then: String,
    /// Empty when it is not part of the outcome now.
    pub now: String,
}

/// Every part of the outcome that differs, in order of what it is about.
pub fn differences(
    then: &BTreeMap<String, String>,
    now: &BTreeMap<String, String>,
) -> Vec<Difference> {
    let mut keys: Vec<&String> = then.keys().chain(now.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            let (t, n) = (then.get(k), now.get(k));
            (t != n).then(|| Difference {
                what: k.clone(),
                then: t.cloned().unwrap_or_default(),
                now: n.cloned().unwrap_or_default(),
            })
        })
        .collect()
}

/// The differences as plain text lines, for `assess --compare` and the window.
pub fn difference_lines(diffs: &[Difference]) -> Vec<String> {
    let word = |s: &str| {
        if s.is_empty() {
            "(none)".to_owned()
        } else {
            s.to_owned()
        }
    };
    diffs
        .iter()
        .map(|d| {
            format!(
                "{}: as decided {}; now {}",
                d.what,
                word(&d.then),
                word(&d.now)
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(items: &[(&str, &str)]) -> BTreeMap<String, String> {
        items
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect()
    }

    #[test]
    fn differences_name_what_changed_appeared_and_went() {
        let then = map(&[
            ("Check 1: verdict", "REFUSED"),
            ("Required action: Refer to MARAC", "required"),
            ("Check 2: verdict", "PERMITTED"),
        ]);
        let now = map(&[
            ("Check 1: verdict", "PERMITTED"),
            ("Check 2: verdict", "PERMITTED"),
            ("Warning (caution) about case: x", "given"),
        ]);
        let d = differences(&then, &now);
        assert_eq!(d.len(), 3, "{d:?}");
        assert_eq!(d[0].what, "Check 1: verdict");
        assert_eq!(
            (d[0].then.as_str(), d[0].now.as_str()),
            ("REFUSED", "PERMITTED")
        );
        assert!(
            d.iter()
                .any(|x| x.what.starts_with("Required") && x.now.is_empty())
        );
        assert!(
            d.iter()
                .any(|x| x.what.starts_with("Warning") && x.then.is_empty())
        );
        let lines = difference_lines(&d);
        assert!(
            lines
                .iter()
                .any(|l| l.contains("as decided required; now (none)"))
        );
    }

    #[test]
    fn the_same_outcome_has_no_differences() {
        let m = map(&[("Check 1: verdict", "REFUSED")]);
        assert!(differences(&m, &m.clone()).is_empty());
    }
}
