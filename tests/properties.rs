//! Properties that must hold for every set of facts, over generated cases and
//! every combination of shipped pack and force profile.

#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    reason = "a test may panic on a broken fixture"
)]

mod common;

use proptest::prelude::*;
use victim_first::core::case::{CaseFacts, RecordTexts};
use victim_first::core::condition::{Answer, Answers};
use victim_first::core::engine::{self, Assessment, CheckOutcome, Timing, Verdict};
use victim_first::core::guidance::{Guidance, check_fact};
use victim_first::core::raw::{self, ActionKind, FactKind, Scope};
use victim_first::core::validate::Library;
use victim_first::core::{parse, report};

/// Texts a generated reason may hold: blank, ordinary, and ones that hint at status.
const TEXTS: &[&str] = &[
    "",
    "   ",
    "Risk assessment for the MARAC",
    "see if she is legal",
    "Check her immigration status",
    "Identify the suspect from the description",
    "Ask them to pick her up after the trial",
    "Any HO markers on her?",
    "Is she known to UKBA",
    "CID asked for her previous reports",
    "Routine, for completeness",
    "n/a",
    "She may be an overstayer",
    "She would refuse",
    "No point asking, she would say no",
    "Whether the victim has leave to remain",
    "Find out whether she is allowed to stay",
    "So IE can take her details and know she is a victim",
    "Defer her removal until the trial, then they can detain her",
    "The Niche task told me to notify IE",
    "Pass on her new address so IE can keep in touch with her",
    "She says she is 16",
    "She says she has a visa, need IE to verify",
    "For her safety",
    "He threatened to have her deported; ask IE to defer removal",
];

/// Generated reasons that plainly ask about the person's immigration status.
const NAMES_STATUS: &[&str] = &[
    "see if she is legal",
    "Check her immigration status",
    "Any HO markers on her?",
    "Is she known to UKBA",
    "Whether the victim has leave to remain",
    "Find out whether she is allowed to stay",
];

/// Generated reasons that ask about status and name no policing purpose.
const REDUCES_TO_STATUS: &[&str] = &[
    "see if she is legal",
    "Check her immigration status",
    "Whether the victim has leave to remain",
    "Find out whether she is allowed to stay",
];

/// A deterministic stream of choices drawn from generated numbers.
struct Picks<'a> {
    seeds: &'a [u32],
    at: usize,
}

impl Picks<'_> {
    fn next(&mut self, n: usize) -> usize {
        let s = self
            .seeds
            .get(self.at % self.seeds.len().max(1))
            .copied()
            .unwrap_or(0);
        self.at += 1;
        if n == 0 {
            0
        } else {
            (s as usize).wrapping_add(self.at * 7919) % n
        }
    }
}

fn answer(fact: &raw::Fact, p: &mut Picks<'_>) -> Option<Answer> {
    // One time in four, leave the fact unanswered.
    if p.next(4) == 0 {
        return None;
    }
    let ids: Vec<String> = fact.values.iter().map(|v| v.id.clone()).collect();
    Some(match fact.kind {
        FactKind::One => Answer::One(ids[p.next(ids.len())].clone()),
        FactKind::Many => {
            let mut chosen: Vec<String> = ids.iter().filter(|_| p.next(3) == 0).cloned().collect();
            if chosen.is_empty() && p.next(2) == 0 {
                chosen.push(ids[p.next(ids.len())].clone());
            }
            Answer::Many(chosen)
        }
        FactKind::Text => Answer::Text(TEXTS[p.next(TEXTS.len())].to_owned()),
    })
}

fn answers_for(g: &Guidance, scope: Scope, p: &mut Picks<'_>) -> Answers {
    let mut a = Answers::new();
    for fact in g.facts.iter().filter(|f| f.scope == scope) {
        if let Some(x) = answer(fact, p) {
            a.insert(fact.id.clone(), x);
        }
    }
    a
}

fn build_case(g: &Guidance, seeds: &[u32]) -> CaseFacts {
    let mut p = Picks { seeds, at: 0 };
    let case = answers_for(g, Scope::Case, &mut p);
    let checks: Vec<Answers> = (0..p.next(4))
        .map(|_| answers_for(g, Scope::Check, &mut p))
        .collect();
    let ie_contact = (p.next(3) != 0).then(|| answers_for(g, Scope::IeContact, &mut p));
    // The record's free text (decision reasons, the supervisor's comment),
    // which the screen reads too: sometimes none, sometimes one of the texts.
    let note = |p: &mut Picks<'_>| -> Vec<String> {
        let t = TEXTS[p.next(TEXTS.len())];
        if p.next(3) == 0 || t.trim().is_empty() {
            Vec::new()
        } else {
            vec![t.to_owned()]
        }
    };
    let notes = RecordTexts {
        case: note(&mut p),
        checks: (0..checks.len()).map(|_| note(&mut p)).collect(),
        ie_contact: note(&mut p),
    };
    CaseFacts {
        case,
        checks,
        ie_contact,
        notes,
    }
}

/// Every (pack, profile) pairing the shipped guidance allows, resolved once per test binary.
fn combinations(lib: &Library) -> &'static [(Option<String>, Guidance)] {
    static ALL: std::sync::OnceLock<Vec<(Option<String>, Guidance)>> = std::sync::OnceLock::new();
    ALL.get_or_init(|| resolve_all(lib))
}

fn resolve_all(lib: &Library) -> Vec<(Option<String>, Guidance)> {
    let mut out = Vec::new();
    for pack in lib.pack_ids() {
        out.push((None, lib.resolve(pack, None).expect("pack resolves")));
        for profile in lib.profile_ids() {
            if let Ok(g) = lib.resolve(pack, Some(profile)) {
                out.push((Some(profile.to_owned()), g));
            }
        }
    }
    out
}

fn status_only(check: &Answers) -> bool {
    matches!(check.get(check_fact::PURPOSES), Some(Answer::Many(p)) if !p.is_empty() && p.iter().all(|x| x == "immigration_status"))
}

fn is(a: &Answers, fact: &str, value: &str) -> bool {
    matches!(a.get(fact), Some(Answer::One(v)) if v == value)
}

fn has(a: &Answers, fact: &str, value: &str) -> bool {
    matches!(a.get(fact), Some(Answer::Many(v)) if v.iter().any(|x| x == value))
}

/// The check is about the suspect strand: the suspect, or the person for the other
/// matter in which they are a suspect (judged under ordinary criminal procedure).
fn suspect_strand(check: &Answers) -> bool {
    is(check, "check_subject", "suspect") || is(check, "check_strand", "suspect_matter")
}

/// Finding out status is among the check's purposes: ticked, confirmed by the officer,
/// or an enquiry to Immigration Enforcement about anyone but the suspect.
fn status_among_purposes(check: &Answers) -> bool {
    has(check, check_fact::PURPOSES, "immigration_status")
        || is(check, "check_status_aim", "yes")
        || (is(check, "check_system", "immigration_enforcement")
            && !is(check, "check_subject", "suspect"))
}

/// A concern about status is recorded, resting on more than appearance.
fn lawful_ground(case: &Answers) -> bool {
    matches!(case.get("concern_source"), Some(Answer::Many(v)) if v.iter().any(|x| x != "appearance_only"))
}

fn prohibited_ids(g: &Guidance) -> Vec<&str> {
    g.actions
        .iter()
        .filter(|a| a.kind == ActionKind::Prohibited)
        .map(|a| a.id.as_str())
        .collect()
}

/// The status question: answered for every check on anyone but the suspect, and a
/// reason that plainly names status cannot be talked round by answering "No". An
/// enquiry to Immigration Enforcement follows the live-case rule.
fn status_question_invariants(outcome: &CheckOutcome) {
    // The status question is answered for every check on anyone but the suspect
    // (ticking status, or an enquiry to Immigration Enforcement, answers it):
    // unanswered, no such check is permitted.
    if !is(&outcome.answers, "check_subject", "suspect")
        && !has(&outcome.answers, check_fact::PURPOSES, "immigration_status")
        && !is(&outcome.answers, "check_system", "immigration_enforcement")
        && !outcome.answers.contains_key("check_status_aim")
    {
        assert_ne!(
            outcome.verdict,
            Verdict::Permitted,
            "permitted with the status question unanswered: {outcome:?}"
        );
    }
    // A reason that plainly asks about status, answered "No": the two disagree,
    // and the check is not permitted.
    if is(&outcome.answers, "check_status_aim", "no")
        && matches!(outcome.answers.get(check_fact::REASON), Some(Answer::Text(t)) if NAMES_STATUS.contains(&t.as_str()))
    {
        assert_ne!(
            outcome.verdict,
            Verdict::Permitted,
            "reason names status, answer No: {outcome:?}"
        );
    }
    // A reason that comes down to status, on anyone but the suspect, is refused
    // whatever is ticked and however the status question is answered (NPCC18-03).
    if !is(&outcome.answers, "check_subject", "suspect")
        && !is(&outcome.answers, "check_strand", "suspect_matter")
        && matches!(outcome.answers.get(check_fact::REASON), Some(Answer::Text(t)) if REDUCES_TO_STATUS.contains(&t.as_str()))
    {
        assert_eq!(
            outcome.verdict,
            Verdict::Refused,
            "reason comes down to status: {outcome:?}"
        );
    }
    // A victim who is also a suspect is never checked as "the suspect" to step round
    // their protections.
    if is(&outcome.answers, "check_suspect_same_person", "yes") {
        assert_ne!(
            outcome.verdict,
            Verdict::Permitted,
            "victim as suspect: {outcome:?}"
        );
    }
    // An enquiry to Immigration Enforcement about anyone but the suspect is never
    // permitted while the case is live (or not recorded as ended), as contact is not.
    if is(&outcome.answers, "check_system", "immigration_enforcement")
        && !is(&outcome.answers, "check_subject", "suspect")
        && !is(&outcome.answers, "check_proceedings_live", "no")
    {
        assert_ne!(
            outcome.verdict,
            Verdict::Permitted,
            "enquiry while live: {outcome:?}"
        );
    }
}

/// What must hold of a proposed contact with Immigration Enforcement.
fn contact_invariants(a: &Assessment, supervisor: bool) {
    let ie = &a.ie_contact.answers;
    assert_ne!(a.ie_contact.verdict, Verdict::NotProposed);
    assert!(!a.ie_contact.rules.is_empty());
    // Enforcement, and contact for no purpose ("routine"), are always refused.
    if is(ie, "ie_purpose", "enforcement") || is(ie, "ie_purpose", "routine") {
        assert_eq!(a.ie_contact.verdict, Verdict::Refused);
    }
    let protective = is(ie, "ie_purpose", "protect_victim_or_investigation");
    // No contact other than to protect the person is permitted while the
    // investigation or a prosecution is live, or not recorded as ended, or
    // recorded as ended while the case's progress says it is live.
    let progress_live = [
        "investigating",
        "suspect_bail",
        "charge_pending",
        "charged",
        "trial_date",
    ]
    .iter()
    .any(|v| has(&a.facts, "case_progress", v));
    if !protective && (!is(ie, "proceedings_live", "no") || progress_live) {
        assert_ne!(
            a.ie_contact.verdict,
            Verdict::Permitted,
            "contact while live"
        );
    }
    // No contact is permitted while safeguarding is not in place, unless it is
    // protective; and then the deferral is visible whatever the verdict.
    if !protective && !is(ie, "safeguarding_in_place", "yes") {
        assert_ne!(a.ie_contact.verdict, Verdict::Permitted);
        assert_eq!(a.ie_contact.timing_verdict, Timing::Defer);
    }
    // Protective contact never shares the account or health information.
    if protective
        && (has(ie, "ie_data", "account_details") || has(ie, "ie_data", "health_information"))
    {
        assert_ne!(a.ie_contact.verdict, Verdict::Permitted);
    }
    // Contact called protective whose reason asks to confirm or check status is a
    // status purpose: never permitted.
    if protective
        && matches!(ie.get("ie_reason"), Some(Answer::Text(t)) if t == "Check her immigration status")
    {
        assert_ne!(
            a.ie_contact.verdict,
            Verdict::Permitted,
            "protective status check"
        );
    }
    // Issue 26: what the contact asks of IE decides. Acting concerning the
    // person is refused under every pack and profile, whatever else is said.
    if has(ie, "ie_asks", "act_on_person") {
        assert_eq!(
            a.ie_contact.verdict,
            Verdict::Refused,
            "act concerning the person"
        );
    }
    // A text of the contact that asks for action concerning the person, beside
    // an answer that does not say so, is never permitted (words and answers
    // disagree); with words that also hold it off, never permitted either.
    if let Some(Answer::Text(t)) = ie.get("ie_reason")
        && (t == "Ask them to pick her up after the trial"
            || t == "Defer her removal until the trial, then they can detain her"
            || t == "Pass on her new address so IE can keep in touch with her"
            || t == "The Niche task told me to notify IE")
    {
        assert_ne!(
            a.ie_contact.verdict,
            Verdict::Permitted,
            "a request in the words: {t}"
        );
    }
    // Protective contact always needs a supervisor's review.
    if protective {
        assert!(supervisor, "protective contact without a supervisor");
    }
}

fn check_invariants(g: &Guidance, facts: &CaseFacts, a: &Assessment) {
    // Issue 26: an enquiry that asks IE to act concerning the person is refused,
    // and a check whose only need is status is refused, on any system.
    for c in &a.checks {
        if has(&c.answers, "check_ie_asks", "act_on_person") {
            assert_eq!(c.verdict, Verdict::Refused, "enquiry asking IE to act");
        }
        let only_status = matches!(c.answers.get("check_needs"), Some(Answer::Many(v)) if v == &["immigration_status".to_owned()]);
        let suspect = is(&c.answers, "check_subject", "suspect")
            || is(&c.answers, "check_strand", "suspect_matter");
        if only_status && !suspect {
            assert_eq!(
                c.verdict,
                Verdict::Refused,
                "a check that needs only status"
            );
        }
    }
    let supervisor = a.required.iter().any(|r| r.action == "supervisor_review");
    for outcome in &a.checks {
        // The answers the engine used: those to questions that apply.
        let check = &outcome.answers;
        // A status-only check is never permitted; about the victim or witness it is
        // refused under NPCC18-03, on any system; about an address it is refused for
        // want of a policing purpose.
        if status_only(check) {
            assert_ne!(outcome.verdict, Verdict::Permitted, "{outcome:?}");
            if !suspect_strand(check) {
                assert_eq!(outcome.verdict, Verdict::Refused, "{outcome:?}");
            }
            if !suspect_strand(check) && !is(check, "check_subject", "address") {
                assert!(outcome.rules.iter().any(|r| r == "NPCC18-03"));
            }
        }
        // No check with status among its purposes is permitted without a recorded
        // concern and a supervisor's review (for the victim or witness and addresses).
        if status_among_purposes(check)
            && !suspect_strand(check)
            && outcome.verdict == Verdict::Permitted
        {
            assert!(
                lawful_ground(&a.facts),
                "permitted with no ground: {outcome:?}"
            );
            assert!(supervisor, "permitted with no supervisor: {outcome:?}");
        }
        status_question_invariants(outcome);
        // Every verdict rests on at least one rule: the shipped guidance is never silent on a check.
        assert!(
            !outcome.rules.is_empty(),
            "verdict without a rule: {outcome:?}"
        );
        assert_ne!(outcome.verdict, Verdict::NotProposed);
        assert_ne!(outcome.verdict, Verdict::Defer);
    }
    assert_eq!(a.checks.len(), facts.checks.len());
    // Enforcement actions are never required, and are always listed as prohibited.
    let prohibited = prohibited_ids(g);
    for r in &a.required {
        assert!(
            !prohibited.contains(&r.action.as_str()),
            "{} required",
            r.action
        );
    }
    for id in [
        "immigration_arrest",
        "immigration_detention",
        "hold_for_immigration_enforcement",
        "take_to_immigration_enforcement",
        "custody_status_questioning",
        "status_threats",
    ] {
        assert!(
            a.prohibited.iter().any(|p| p.action == id),
            "{id} not prohibited"
        );
    }
    // IE contact for enforcement is always refused; a proposal always gets a cited verdict.
    if facts.ie_contact.is_none() {
        assert_eq!(a.ie_contact.verdict, Verdict::NotProposed);
    } else {
        contact_invariants(a, supervisor);
    }
    // Every cited rule exists in the guidance.
    let cited = a
        .checks
        .iter()
        .flat_map(|c| &c.rules)
        .chain(&a.ie_contact.rules)
        .chain(a.required.iter().flat_map(|r| &r.rules))
        .chain(a.prohibited.iter().flat_map(|r| &r.rules))
        .chain(a.warnings.iter().flat_map(|w| &w.rules))
        .chain(a.notes.iter().flat_map(|w| &w.rules));
    for id in cited {
        assert!(g.rule(id).is_some(), "cites unknown rule {id}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn invariants_hold_for_generated_cases(seeds in prop::collection::vec(any::<u32>(), 1..48)) {
        let lib = common::shipped_library();
        for (_, g) in combinations(lib) {
            let facts = build_case(g, &seeds);
            let a = engine::assess(g, &facts);
            check_invariants(g, &facts, &a);
            // Deterministic: the same input gives the same output, byte for byte.
            prop_assert_eq!(report::to_json(&a), report::to_json(&engine::assess(g, &facts)));
        }
    }

    #[test]
    fn a_force_profile_never_loosens_a_verdict(seeds in prop::collection::vec(any::<u32>(), 1..48)) {
        let lib = common::shipped_library();
        let all = combinations(lib);
        for (_, national) in all.iter().filter(|(p, _)| p.is_none()) {
            let pack = national.pack().map(|l| l.id.clone());
            let facts = build_case(national, &seeds);
            let base = engine::assess(national, &facts);
            for (profile, g) in all.iter().filter(|(p, g)| p.is_some() && g.pack().map(|l| l.id.clone()) == pack) {
                let profile = profile.as_deref().unwrap_or_default();
                let with = engine::assess(g, &facts);
                for (b, w) in base.checks.iter().zip(&with.checks) {
                    prop_assert!(w.verdict >= b.verdict, "{profile}: check {:?} -> {:?}", b.verdict, w.verdict);
                }
                prop_assert!(with.ie_contact.verdict >= base.ie_contact.verdict,
                    "{profile}: IE {:?} -> {:?}", base.ie_contact.verdict, with.ie_contact.verdict);
                for r in &base.required {
                    prop_assert!(with.required.iter().any(|x| x.action == r.action), "{profile} dropped {}", r.action);
                }
                for r in &base.prohibited {
                    prop_assert!(with.prohibited.iter().any(|x| x.action == r.action), "{profile} dropped {}", r.action);
                }
            }
        }
    }

    #[test]
    fn more_vulnerability_never_loosens_a_verdict(
        seeds in prop::collection::vec(any::<u32>(), 1..48),
        which in 0usize..9,
    ) {
        let lib = common::shipped_library();
        for (_, g) in combinations(lib) {
            let facts = build_case(g, &seeds);
            let base = engine::assess(g, &facts);
            let mut more = facts.clone();
            let one = |v: &str| Answer::One(v.to_owned());
            let (fact, value) = [
                ("age", "under_18"),
                ("age", "uncertain"),
                ("situation", "in_crisis"),
                ("slavery_indicators", "yes"),
                ("reporting", "safe_reporting_route"),
                ("situation", "hospital_or_sarc"),
                ("child_in_care", "in_care"),
                ("refuge_or_safe_address", "yes"),
                ("may_be_under_18", "yes"),
            ][which];
            if fact == "slavery_indicators" && is(&more.case, "offence", "modern_slavery") {
                continue;
            }
            more.case.insert(fact.to_owned(), one(value));
            let with = engine::assess(g, &more);
            for (b, w) in base.checks.iter().zip(&with.checks) {
                let ids = |o: &CheckOutcome| o.reasons.iter().map(|r| r.decision.clone()).collect::<Vec<_>>();
                prop_assert!(w.verdict >= b.verdict, "{fact}={value}: check {:?} {:?} -> {:?} {:?}", b.verdict, ids(b), w.verdict, ids(w));
            }
            prop_assert!(with.ie_contact.verdict >= base.ie_contact.verdict,
                "{fact}={value}: IE {:?} -> {:?}", base.ie_contact.verdict, with.ie_contact.verdict);
        }
    }

    #[test]
    fn parsing_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let _ = parse::guidance_file("fuzz.ron", &bytes);
        let _ = parse::case_file("fuzz.ron", &bytes);
    }

    #[test]
    fn damaged_guidance_never_panics(cut in 0usize..20_000, junk in "[(),:\\[\\]\"a-z_ ]{0,12}") {
        // Take a real pack, cut it and splice junk in: the loader reports or accepts, never panics.
        let text = std::fs::read_to_string("guidance/national/npcc-2018.ron").expect("pack");
        let at = cut % text.len();
        let at = (0..=at).rev().find(|i| text.is_char_boundary(*i)).unwrap_or(0);
        let damaged = format!("{}{junk}{}", &text[..at], &text[at..]);
        if let Ok((src, file)) = parse::guidance_file("damaged.ron", damaged.as_bytes()) {
            let (lib, _) = Library::new(vec![victim_first::core::validate::LoadedFile { src, file }]);
            let _ = lib.lint();
        }
    }

    #[test]
    fn case_files_with_any_strings_never_panic(
        role in "[a-z_]{0,12}",
        purpose in "[a-z_]{0,20}",
        reason in ".{0,40}",
        profile in prop::option::of("[a-z-]{0,16}"),
    ) {
        let lib = common::shipped_library();
        let text = format!(
            "(pack: \"home-office-2023\", facts: {{\"role\": {role:?}}}, checks: [(system: \"pnc\", subject: \"person\", purposes: [{purpose:?}], reason: {reason:?})], ie_contact: (purpose: {purpose:?}))"
        );
        if let Ok((src, case)) = parse::case_file("gen.ron", text.as_bytes()) {
            let refs = lib.check_case_refs(&src, &case.pack, profile.as_deref());
            if refs.is_empty()
                && let Ok(g) = lib.resolve(&case.pack, profile.as_deref())
                && let Ok(facts) = CaseFacts::from_raw(&g, &src, &case)
            {
                let a = engine::assess(&g, &facts);
                check_invariants(&g, &facts, &a);
            }
        }
    }
}

/// Every decision in every shipped pack and profile applies in at least one
/// generated case: no decision is dead in practice, and the generator reaches
/// every corner the guidance describes.
#[test]
fn every_decision_applies_in_some_generated_case() {
    let lib = common::shipped_library();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        u32::try_from(state >> 32).unwrap_or(0)
    };
    for (profile, g) in combinations(lib) {
        let mut fired = std::collections::BTreeSet::new();
        let all = g.decisions.len();
        // Stop as soon as every decision has applied; give up after enough tries.
        for _ in 0..12000 {
            if fired.len() >= all && g.decisions.iter().all(|d| fired.contains(&d.decision.id)) {
                break;
            }
            let seeds: Vec<u32> = (0..40).map(|_| next()).collect();
            let a = engine::assess(g, &build_case(g, &seeds));
            let reasons = a
                .checks
                .iter()
                .flat_map(|c| &c.reasons)
                .chain(&a.ie_contact.reasons)
                .chain(a.required.iter().flat_map(|r| &r.reasons))
                .chain(a.prohibited.iter().flat_map(|r| &r.reasons));
            fired.extend(reasons.map(|r| r.decision.clone()));
            fired.extend(
                a.warnings
                    .iter()
                    .chain(&a.notes)
                    .map(|n| n.decision.clone()),
            );
        }
        let never: Vec<&str> = g
            .decisions
            .iter()
            .map(|d| d.decision.id.as_str())
            .filter(|id| !fired.contains(*id))
            .collect();
        assert!(
            never.is_empty(),
            "{:?} / {profile:?}: never applied: {never:?}",
            g.pack().map(|p| &p.id)
        );
    }
}

proptest! {
    // Each case assesses every pack and profile twice; fewer cases keep the
    // test's time in proportion.
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Issue 26: free text can only make a verdict stricter. Every text answer
    /// of a generated case, put back to a text that says nothing the screen
    /// reads, gives a verdict no stricter than the case as written, on every
    /// check and the contact, under every pack and profile. (An empty required
    /// text is itself incomplete, so "nothing" is a plain sentence, not blank.)
    #[test]
    fn no_text_makes_a_verdict_looser(seeds in prop::collection::vec(any::<u32>(), 1..48)) {
        let lib = common::shipped_library();
        let neutral = "Recorded after speaking to the officer in the case today";
        for (profile, g) in combinations(lib) {
            let facts = build_case(g, &seeds);
            let with = engine::assess(g, &facts);
            let mut plain = facts.clone();
            let blank = |m: &mut Answers| {
                for v in m.values_mut() {
                    if let Answer::Text(t) = v
                        && !t.trim().is_empty()
                    {
                        *t = neutral.to_owned();
                    }
                }
            };
            blank(&mut plain.case);
            plain.checks.iter_mut().for_each(blank);
            if let Some(ie) = plain.ie_contact.as_mut() {
                blank(ie);
            }
            let say_nothing = |v: &mut Vec<String>| v.iter_mut().for_each(|t| *t = neutral.to_owned());
            say_nothing(&mut plain.notes.case);
            plain.notes.checks.iter_mut().for_each(say_nothing);
            say_nothing(&mut plain.notes.ie_contact);
            let without = engine::assess(g, &plain);
            for (i, (w, b)) in with.checks.iter().zip(&without.checks).enumerate() {
                prop_assert!(w.verdict >= b.verdict, "{profile:?}: check {}: {:?} with its texts, {:?} without", i + 1, w.verdict, b.verdict);
            }
            prop_assert!(with.ie_contact.verdict >= without.ie_contact.verdict,
                "{profile:?}: contact: {:?} with its texts, {:?} without", with.ie_contact.verdict, without.ie_contact.verdict);
        }
    }
}

/// Texts the screen reads as asking Immigration Enforcement to act concerning
/// the person, as officers write them (plain, shorthand, misspelt).
const ACT_TEXTS: &[&str] = &[
    "Ask IE to attend the address and detain her",
    "IE to pop round and pick him up",
    "att addr & det",
    "have them colect her when she is discharged",
];

/// Texts the screen reads as aiming at the person's immigration status.
const STATUS_TEXTS: &[&str] = &[
    "chk LTR / poss o/s",
    "whether she is lawfuly here",
    "is she on the HO's radar",
];

/// Texts the screen reads as telling Immigration Enforcement where the person is.
const LOCATION_TEXTS: &[&str] = &[
    "pass on her new address so IE can keep in touch with her",
    "give them her phone number and where she is staying",
];

/// Puts `text` in place of one of the target's text answers, or, where it has
/// none, in the officer's record beside it (which the screen reads too).
fn plant(target: &mut Answers, notes: &mut Vec<String>, text: &str, pick: usize) {
    let keys: Vec<String> = target
        .iter()
        .filter(|(_, a)| matches!(a, Answer::Text(_)))
        .map(|(k, _)| k.clone())
        .collect();
    match keys.get(pick % (keys.len() + 1)) {
        Some(k) => {
            target.insert(k.clone(), Answer::Text(text.to_owned()));
        }
        None => notes.push(text.to_owned()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Issue 26: a screened hit in any text field beside a contrary closed
    /// answer never yields permitted. Into a generated case, under every pack
    /// and profile, a text asking IE to act goes into a field of a contact
    /// whose answer does not say it acts, a text giving away where the person
    /// is into one whose answer says it does not, and a status aim into a
    /// field of a check on anyone but the suspect (and not for a victim's
    /// other matter as a suspect) whose answers make status no purpose, aim
    /// or need: the target is never permitted.
    #[test]
    fn a_screened_hit_beside_a_contrary_answer_is_never_permitted(
        seeds in prop::collection::vec(any::<u32>(), 1..48),
        pick in any::<usize>(),
    ) {
        let lib = common::shipped_library();
        for (profile, g) in combinations(lib) {
            let facts = build_case(g, &seeds);
            if let Some(ie) = facts.ie_contact.as_ref() {
                // Each contrary text, where the closed answer does not already say it.
                let contrary = [
                    (ACT_TEXTS, !has(ie, "ie_asks", "act_on_person"), 7),
                    (LOCATION_TEXTS, !is(ie, "ie_reveals_location", "yes"), 5),
                ];
                for (texts, answer_says_otherwise, spread) in contrary {
                    let text = texts[pick % texts.len()];
                    let mut with = facts.clone();
                    if let Some(t) = with.ie_contact.as_mut() && answer_says_otherwise {
                        plant(t, &mut with.notes.ie_contact, text, pick / spread);
                        let a = engine::assess(g, &with);
                        prop_assert!(a.ie_contact.verdict != Verdict::Permitted,
                            "{profile:?}: a contact permitted with {text:?} in its texts");
                    }
                }
            }
            for i in 0..facts.checks.len() {
                let c = &facts.checks[i];
                // Status is not contrary where an answer already makes it an aim (a
                // status purpose, aim or need), nor on the suspect or the other
                // matter of a victim who is also a suspect (ordinary procedure).
                if is(c, "check_subject", "suspect")
                    || is(c, "check_strand", "suspect_matter")
                    || is(c, "check_status_aim", "yes")
                    || has(c, "check_purposes", "immigration_status")
                    || has(c, "check_needs", "immigration_status")
                {
                    continue;
                }
                let mut with_status = facts.clone();
                let text = STATUS_TEXTS[pick % STATUS_TEXTS.len()];
                let (checks, notes) = (&mut with_status.checks, &mut with_status.notes.checks);
                if let (Some(t), Some(n)) = (checks.get_mut(i), notes.get_mut(i)) {
                    plant(t, n, text, pick / 3);
                }
                let a = engine::assess(g, &with_status);
                prop_assert!(a.checks[i].verdict != Verdict::Permitted,
                    "{profile:?}: check {} permitted with {text:?} in its texts: {:?}; reasons {:?}", i + 1,
                    with_status.checks[i], a.checks[i].reasons.iter().map(|r| &r.decision).collect::<Vec<_>>());
            }
        }
    }
}
