//! Writing a scenario from a case (issue 18, item 5): a trainer completes a
//! case in the wizard, adds the story and teaching points, and the case becomes
//! a scenario whose expectations are what the guidance concludes about it.

use super::{Expect, ExpectContact, ExpectVerdict, Narrative, Scenario, TeachingPoint, Timing};
use super::{Verdict, parse, run};
use crate::core::case::CaseFacts;
use crate::core::diagnostic::{Diagnostic, Diagnostics};
use crate::core::engine::{self, Verdict as EngineVerdict};
use crate::core::guidance::Guidance;
use crate::core::{needed, parse as parsing, raw};

/// The case as a scenario's story proposes it: the answers, the checks and the
/// contact, without anything the trainee is to decide or record.
pub fn story_case(case: &raw::Case) -> raw::Case {
    raw::Case {
        pack: case.pack.clone(),
        profile: case.profile.clone(),
        facts: case.facts.clone(),
        checks: case
            .checks
            .iter()
            .map(|c| raw::CaseCheck {
                decision: None,
                ..c.clone()
            })
            .collect(),
        ie_contact: case.ie_contact.as_ref().map(|c| raw::CaseIeContact {
            decision: None,
            ..c.clone()
        }),
        ..raw::Case::default()
    }
}

fn verdict(v: EngineVerdict) -> Verdict {
    match v {
        EngineVerdict::Permitted => Verdict::Permitted,
        EngineVerdict::Defer => Verdict::Defer,
        EngineVerdict::NotRecommended => Verdict::NotRecommended,
        EngineVerdict::Refused => Verdict::Refused,
        EngineVerdict::Incomplete | EngineVerdict::NotProposed => Verdict::Incomplete,
    }
}

/// The scenario's text: the case's story, `title`, `narrative` and `teaching`,
/// and as its expectations the verdicts (with their rules), the required and
/// prohibited actions the guidance gives now. The text is checked as
/// `victim-first scenarios` would check it; `Err` says what stops it.
pub fn scenario_text(
    g: &Guidance,
    case: &raw::Case,
    title: &str,
    narrative: Narrative,
    teaching: Vec<TeachingPoint>,
) -> Result<String, Diagnostics> {
    let path = "<new scenario>";
    let story = story_case(case);
    let one = |m: String| Diagnostics(vec![Diagnostic::new(path, None, m)]);
    let case_text = crate::core::wizard::case_text(&story)
        .map_err(|e| one(format!("the case could not be written: {e}")))?;
    let src = parsing::source_text(path, case_text.as_bytes()).map_err(|d| Diagnostics(vec![d]))?;
    let facts = CaseFacts::from_raw(g, &src, &story)?;
    let mut a = engine::assess(g, &facts);
    needed::settle(g, &story, &mut a);
    let expect = Expect {
        checks: a
            .checks
            .iter()
            .map(|c| ExpectVerdict {
                verdict: verdict(c.verdict),
                rules: c.rules.clone(),
            })
            .collect(),
        ie_contact: story.ie_contact.as_ref().map(|_| ExpectContact {
            verdict: verdict(a.ie_contact.verdict),
            rules: a.ie_contact.rules.clone(),
            timing: match a.ie_contact.timing_verdict {
                engine::Timing::Defer => Some(Timing::Defer),
                engine::Timing::NotDeferred => Some(Timing::NotDeferred),
                engine::Timing::NotProposed => None,
            },
        }),
        required: a.required.iter().map(|x| x.action.clone()).collect(),
        prohibited: a.prohibited.iter().map(|x| x.action.clone()).collect(),
        ..Expect::default()
    };
    let sc = Scenario {
        title: title.trim().to_owned(),
        narrative,
        case: story,
        expect,
        teaching,
    };
    let config = ron::ser::PrettyConfig::new()
        .extensions(ron::extensions::Extensions::IMPLICIT_SOME)
        .struct_names(true);
    let body = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .to_string_pretty(&sc, config)
        .map_err(|e| one(format!("the scenario could not be written: {e}")))?;
    let text = format!(
        "// A Victim First training scenario, written from a case in the window. Fictional people only.\n// Check it with `victim-first scenarios FOLDER`.\n{body}\n"
    );
    // What `victim-first scenarios` does with the file.
    let (src, back) = parse(path, text.as_bytes()).map_err(|d| Diagnostics(vec![d]))?;
    let ran = run(g, &src, &back)?;
    if let Some(f) = ran.failures.first() {
        return Err(one(f.to_string()));
    }
    Ok(text)
}
