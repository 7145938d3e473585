//! A change to an earlier answer, shown where it happened: what changed, from
//! what to what, and which verdicts and required actions it altered.
//!
//! What it altered is worked out by putting the replaced answer back and
//! assessing again, so it is exact for the changes made while the case is open.
//! A change read from a case file has only its words: it is shown without them.

use super::engine::{Assessment, Verdict};
use super::guidance::Guidance;
use super::report::verdict_heading;
use super::wizard::{About, Wizard};

/// One logged change, as its step shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ChangeShown {
    pub about: About,
    pub fact: String,
    /// When, RFC 3339, as logged.
    pub at: String,
    pub from: String,
    pub to: String,
    /// What it altered, one line each ("Check 2: PERMITTED, now REFUSED");
    /// `None` when the answer it replaced is not known (read from a file).
    pub altered: Option<Vec<String>>,
    /// The ids of the actions it made required.
    pub added: Vec<String>,
}

/// The `About` a change log entry names (`case`, `check 2`, `ie_contact`).
pub fn about_of(word: &str) -> Option<About> {
    match word {
        "case" => Some(About::Case),
        "ie_contact" => Some(About::IeContact),
        _ => word
            .strip_prefix("check ")
            .and_then(|n| n.parse::<usize>().ok())
            .and_then(|n| n.checked_sub(1))
            .map(About::Check),
    }
}

/// The latest logged change to each answer, with what it altered (`now`: the
/// verdicts as they stand).
pub fn shown(g: &Guidance, w: &Wizard, now: &Assessment) -> Vec<ChangeShown> {
    let mut out: Vec<ChangeShown> = Vec::new();
    for c in w.case.changes.iter().rev() {
        let Some(about) = about_of(&c.about) else {
            continue;
        };
        if out.iter().any(|s| s.about == about && s.fact == c.fact) {
            continue;
        }
        let before = w
            .replaced
            .get(&(about, c.fact.clone()))
            .map(|b| w.with_answer(about, &c.fact, b.as_ref()).assess(g));
        let added = before
            .as_ref()
            .map(|b| {
                now.required
                    .iter()
                    .filter(|a| !b.required.iter().any(|x| x.action == a.action))
                    .map(|a| a.action.clone())
                    .collect()
            })
            .unwrap_or_default();
        out.push(ChangeShown {
            about,
            fact: c.fact.clone(),
            at: c.at.clone(),
            from: c.from.clone(),
            to: c.to.clone(),
            altered: before.as_ref().map(|b| altered(now, b)),
            added,
        });
    }
    out.reverse();
    out
}

/// Each verdict that differs between two assessments of one case: what it is
/// about ("Check 2", "The contact with Immigration Enforcement"), the verdict
/// before (`None` for a check that was not there) and after.
pub fn verdicts_differing(
    before: &Assessment,
    after: &Assessment,
) -> Vec<(String, Option<Verdict>, Verdict)> {
    let mut out = Vec::new();
    for (i, c) in after.checks.iter().enumerate() {
        let b = before.checks.get(i).map(|b| b.verdict);
        if b != Some(c.verdict) {
            out.push((format!("Check {}", i + 1), b, c.verdict));
        }
    }
    let (b, c) = (before.ie_contact.verdict, after.ie_contact.verdict);
    if b != c {
        out.push((
            "The contact with Immigration Enforcement".to_owned(),
            Some(b),
            c,
        ));
    }
    out
}

/// What differs between the verdicts before a change and after it.
fn altered(now: &Assessment, before: &Assessment) -> Vec<String> {
    let mut lines: Vec<String> = verdicts_differing(before, now)
        .into_iter()
        .filter_map(|(what, b, c)| {
            b.map(|b| format!("{what}: {}, now {}", verdict_heading(b), verdict_heading(c)))
        })
        .collect();
    for a in &now.required {
        if !before.required.iter().any(|x| x.action == a.action) {
            lines.push(format!("Now required: {}", a.label));
        }
    }
    for a in &before.required {
        if !now.required.iter().any(|x| x.action == a.action) {
            lines.push(format!("No longer required: {}", a.label));
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_change_log_entry_names_what_it_is_about() {
        assert_eq!(about_of("case"), Some(About::Case));
        assert_eq!(about_of("check 2"), Some(About::Check(1)));
        assert_eq!(about_of("ie_contact"), Some(About::IeContact));
        assert_eq!(about_of("check 0"), None);
        assert_eq!(about_of("something"), None);
    }
}
