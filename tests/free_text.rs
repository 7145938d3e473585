//! Free text read as an officer means it (the probes of 2026-12-04): a table of
//! reasons, legitimate and not, each with the verdict the domain brief calls for,
//! given the closed answers a careful officer would give beside it (issue 26: a
//! contact that only tells IE something or asks them to hold off, and does not
//! reveal where the person is). Where the words ask IE to act against the person
//! beside those answers, words and answers disagree, and the verdict is
//! incomplete until one is corrected (answering "act concerning the person" is
//! refused: `tests/data/cases/ie-asks-act*.ron`),
//! assessed under the 2018 baseline and the 2023 pack. The reasons were written
//! from the brief before the app was run on them, by two reviewers: one looking
//! for enforcement and status requests the phrase lists let through, the other
//! for legitimate reasons they caught. See `guidance/README.md`, "A reason that
//! asks for enforcement is enforcement" and the bullets after it.

use std::fmt::Write as _;

use victim_first::core::case::CaseFacts;
use victim_first::core::engine::{self, Verdict as V};
use victim_first::core::parse;

mod common;

/// What the reason belongs to, and the rest of the record around it.
#[derive(Clone, Copy, Debug)]
enum K {
    /// A protective contact made properly: agreed, safeguarding in place, the
    /// account secured, the case live, the person told, the least data.
    P,
    /// The same contact whose reason asks about status.
    PE,
    /// A status notification on a case that has ended.
    N,
    /// A check on the victim for safeguarding, the status question answered No.
    V,
    /// The same, for identification.
    VI,
    /// A check on the victim for the investigation, the status question answered No.
    VN,
    /// The same, the status question answered Yes.
    VY,
    /// A check on the suspect for safeguarding.
    S,
}

const REASONS: &[(K, &str, &[V])] = &[
    (
        K::P,
        "Ask IE to take no enforcement action while she is a witness in a live rape investigation",
        &[V::Permitted],
    ),
    (
        K::P,
        "Ask that she not be removed from the UK before she gives evidence at the trial",
        &[V::Permitted],
    ),
    (
        K::P,
        "She is afraid IE will detain her; tell them she is a victim so the migrant victims protocol applies",
        &[V::Permitted],
    ),
    (
        K::P,
        "Her husband threatened to get her deported if she reported him; tell IE she is the victim in a live domestic abuse investigation",
        &[V::Permitted],
    ),
    (
        K::P,
        "She is currently detained by IE; she is the key witness and must be produced to give evidence at trial in March",
        &[V::Permitted],
    ),
    (
        K::P,
        "Suspect not yet apprehended; she is the only witness. Tell IE she is a victim in a live investigation",
        &[V::Permitted],
    ),
    (
        K::P,
        "Ask IE that she be allowed to stay in the UK until she has given evidence at trial",
        &[V::Permitted],
    ),
    (
        K::P,
        "Tell IE to confirm her status as a victim of trafficking in a live investigation",
        &[V::Permitted],
    ),
    (
        K::P,
        "The suspect is looking for her; her whereabouts must not be disclosed. Ask IE to note she is a key witness",
        &[V::Permitted],
    ),
    (
        K::P,
        "The suspect used an app to track her phone; she is the key witness, ask IE to defer any removal",
        &[V::Permitted],
    ),
    (
        K::P,
        "Risk assessed as standard; she is the key witness, ask IE to defer removal until after the trial",
        &[V::Permitted],
    ),
    (
        K::P,
        "She has been served with removal papers; ask IE to defer removal until after the trial",
        &[V::Permitted],
    ),
    (
        K::P,
        "Her employer handed over her passport to the gang; she is a key witness, tell IE she is a victim",
        &[V::Permitted],
    ),
    (
        K::P,
        "The suspect was arrested and charged; she is the key witness. Ask IE to defer her removal",
        &[V::Permitted],
    ),
    (
        K::P,
        "Removal directions already exist; she is a key witness in the trial listed in May. Ask IE for deferral",
        &[V::Permitted],
    ),
    (
        K::P,
        "Request for information from IE on any removal date so we can ask for deferral; she is the key witness",
        &[V::Permitted],
    ),
    (
        K::P,
        "She was taken into detention last week; she is the key witness, ask IE to let us take her statement and defer removal",
        &[V::Permitted],
    ),
    (
        K::P,
        "The suspect threatened to have immigration arrest her. Tell IE she is a victim in a live investigation",
        &[V::Permitted],
    ),
    (
        K::P,
        "Ask IE to keep us informed of any removal decision so the key witness can attend trial",
        &[V::Permitted],
    ),
    (
        K::P,
        "The suspect would monitor her calls and threatened to call IE; tell IE she is a DA victim in a live case",
        &[V::Permitted],
    ),
    (
        K::P,
        "The gang said IE would come and get her if she talked. Tell IE she is a trafficking victim and key witness",
        &[V::Permitted],
    ),
    (
        K::P,
        "She has leave pending appeal; tell IE she is a key witness so removal is not enforced before trial",
        &[V::Permitted],
    ),
    (
        K::N,
        "Case closed. Arrange for her to be picked up by IE",
        &[V::Incomplete],
    ),
    (
        K::N,
        "Case finished, pass her details so they can action her removal",
        &[V::Incomplete],
    ),
    (
        K::N,
        "She is an overstayer; so she can be removed",
        &[V::Incomplete],
    ),
    (
        K::N,
        "Case over; IE can take her into custody at her next reporting event",
        &[V::Incomplete],
    ),
    (
        K::N,
        "She has no visa, so send her back to Albania",
        &[V::Incomplete],
    ),
    (
        K::N,
        "She does not have leave; ask IE to detain her",
        &[V::Incomplete],
    ),
    (
        K::N,
        "She won't tell us her status. Arrange her removal",
        &[V::Incomplete],
    ),
    (
        K::N,
        "Book her in with IE so she can be deported",
        &[V::Incomplete],
    ),
    (
        K::N,
        "Have her removed now the case is closed",
        &[V::Incomplete],
    ),
    (
        K::N,
        "Ask IE to escort her to the removal flight",
        &[V::Incomplete],
    ),
    (
        K::PE,
        "Ask IE to verify her right to reside",
        &[V::NotRecommended],
    ),
    (
        K::PE,
        "Ask IE if she is an overstayer",
        &[V::NotRecommended],
    ),
    (
        K::PE,
        "Ask IE whether she is lawfully here and what leave she holds",
        &[V::NotRecommended],
    ),
    (
        K::PE,
        "Let us know if she is allowed in the UK",
        &[V::NotRecommended],
    ),
    (
        K::PE,
        "Find out from IE where she is living now and what her visa is",
        &[V::NotRecommended],
    ),
    (
        K::PE,
        "Pass her to IE so they can action her removal after the trial",
        &[V::Incomplete],
    ),
    (
        K::V,
        "Her visa is tied to her husband, who uses it to control her; coercive control",
        &[V::Permitted, V::Incomplete],
    ),
    (
        K::V,
        "Previous incidents: her husband took her BRP and passport and keeps them",
        &[V::Permitted, V::Incomplete],
    ),
    (
        K::VI,
        "Confirm her name and date of birth from her BRP for the MG11",
        &[V::Permitted, V::Incomplete],
    ),
    (
        K::V,
        "Her partner holds her papers and controls her money; look for previous DA calls to the address",
        &[V::Permitted, V::Incomplete],
    ),
    (
        K::V,
        "Her visa was arranged by the agency that controls her work and keeps her wages",
        &[V::Permitted, V::Incomplete],
    ),
    (
        K::VI,
        "Home Office interpreter records give a different spelling of her name; need correct details for the MG11",
        &[V::Permitted, V::Incomplete],
    ),
    (
        K::V,
        "DASH assessed as standard; look for previous DA calls to the address",
        &[V::Permitted],
    ),
    (
        K::V,
        "The suspect always checks her phone; look for previous reports of controlling behaviour",
        &[V::Permitted],
    ),
    (
        K::V,
        "She was forced to work on a fishing boat; check for linked reports",
        &[V::Permitted],
    ),
    (
        K::V,
        "The suspect knows her routine and where she works; check previous stalking reports",
        &[V::Permitted],
    ),
    (
        K::V,
        "Check PND for information on previous reports involving her and the suspect",
        &[V::Permitted],
    ),
    (
        K::VI,
        "Marker seen incidentally says immigration status unknown; need to know if that record is her or another person with the same name",
        &[V::Permitted, V::Incomplete],
    ),
    (
        K::V,
        "Are there legally held shotguns at her address",
        &[V::Permitted, V::Incomplete],
    ),
    (
        K::V,
        "CPIA disclosure of her previous convictions as a prosecution witness; her visa history not needed",
        &[V::Permitted, V::Incomplete],
    ),
    (
        K::V,
        "Check all parties at the address for risk to the children before the MASH strategy meeting",
        &[V::Permitted],
    ),
    (K::VY, "Verify her right to reside", &[V::Refused]),
    (K::VY, "Check if she has got status", &[V::Refused]),
    (K::VY, "Is she a failed asylum seeker", &[V::Refused]),
    (
        K::VY,
        "Check her nationality and citizenship",
        &[V::Refused],
    ),
    (K::VY, "See if she is on the HO system", &[V::Refused]),
    (K::VY, "Has she got indefinite leave", &[V::Refused]),
    (K::VY, "Is she legit", &[V::Refused]),
    (K::VY, "Check for an IE marker", &[V::Refused]),
    (K::VY, "Does she have a right to work", &[V::Refused]),
    (K::VY, "UKBA check", &[V::Refused]),
    (
        K::S,
        "Does the suspect have legally held firearms in the house; his partner says he threatened her",
        &[V::Permitted],
    ),
    (
        K::S,
        "He keeps shotguns legally in the house; his partner says he threatened to shoot her",
        &[V::Permitted],
    ),
    (
        K::S,
        "Check suspect's residency address; the victim says he has moved",
        &[V::Permitted],
    ),
    (
        K::S,
        "Check his immigration bail conditions; the victim says he keeps turning up at her house",
        &[V::Permitted],
    ),
    (
        K::S,
        "Suspect's visa was revoked after he assaulted his ex-wife; check for previous violence",
        &[V::Permitted],
    ),
    (
        K::S,
        "The suspect threatened to report his wife to immigration; check his previous DA history",
        &[V::Permitted],
    ),
    (
        K::S,
        "Suspect controls his girlfriend by withholding her visa documents; check his violence markers",
        &[V::Permitted],
    ),
    (
        K::S,
        "Check whether the IP is here legally",
        &[V::Incomplete],
    ),
    (K::S, "See if the female is here legally", &[V::Incomplete]),
    (K::S, "Check if his missus has a visa", &[V::Incomplete]),
    (
        K::S,
        "Check whether the injured party has leave to remain",
        &[V::Incomplete],
    ),
    (
        K::S,
        "Is the lady he lives with an overstayer",
        &[V::Incomplete],
    ),
    (
        K::P,
        "Her passport was handed over to the gang who trafficked her; she is a key witness, tell IE she is a victim",
        &[V::Permitted],
    ),
    (
        K::P,
        "She was forced to work on a fishing boat; she is the key witness, ask IE to defer removal until the trial",
        &[V::Permitted],
    ),
    (
        K::P,
        "The suspect threatened to hand her over to immigration if she spoke to us; tell IE she is a victim in a live investigation",
        &[V::Permitted],
    ),
    (
        K::P,
        "IE had planned to detain her at her reporting event tomorrow; she is the key witness, ask them to defer",
        &[V::Permitted],
    ),
    (
        K::P,
        "Her partner said he would get her removed from the country; tell IE she is a DA victim with a live investigation",
        &[V::Permitted],
    ),
    (
        K::P,
        "She was picked up in an IE enforcement visit to the car wash; she is a trafficking victim and key witness",
        &[V::Permitted],
    ),
    (
        K::P,
        "She is in immigration detention and is the key witness; ask IE to produce her at court for the trial",
        &[V::Permitted],
    ),
    (
        K::P,
        "She is the key witness; ask IE to agree she is not detained or removed before the trial",
        &[V::Permitted],
    ),
    (
        K::P,
        "Tell IE she is a victim so the IEMVP applies and no enforcement is taken while proceedings are live",
        &[V::Permitted],
    ),
    (
        K::P,
        "The suspect knows her routine; she is the key witness, ask IE to defer removal",
        &[V::Permitted],
    ),
    (
        K::P,
        "Ask IE to pause enforcement action until the trial ends; she is the key witness",
        &[V::Permitted],
    ),
    (
        K::N,
        "Don't know if she has leave; ask IE to come and detain her",
        &[V::Incomplete],
    ),
    (
        K::N,
        "She is afraid of her ex but she has no visa; IE can pick her up",
        &[V::Incomplete],
    ),
    (K::N, "So IE can remove her", &[V::Incomplete]),
    (
        K::N,
        "Ask IE to attend the address and deal with her while she is there",
        &[V::Incomplete],
    ),
    (
        K::N,
        "She can be put on the next flight home",
        &[V::Incomplete],
    ),
    (
        K::N,
        "Case over; she is not a British citizen so IE should arrest her",
        &[V::Incomplete],
    ),
    (
        K::N,
        "Get her removed, the case is closed",
        &[V::Incomplete],
    ),
    (
        K::N,
        "Ask IE to pick her up from the refuge, she is worried but has no right to stay",
        &[V::Incomplete],
    ),
    (
        K::PE,
        "Ask IE to check whether she is lawfully here",
        &[V::NotRecommended],
    ),
    (K::PE, "Ask IE what leave she has", &[V::NotRecommended]),
    (K::PE, "Confirm she has valid leave", &[V::NotRecommended]),
    (
        K::PE,
        "Ask IE her nationality and asylum position",
        &[V::NotRecommended],
    ),
    (K::VN, "Verify her right to reside", &[V::Refused]),
    (K::VN, "Check if she has got status", &[V::Refused]),
    (K::VN, "Is she a failed asylum seeker", &[V::Refused]),
    (K::VN, "Has she got indefinite leave", &[V::Refused]),
    (K::VN, "Is she legit", &[V::Refused]),
    (K::VN, "Check her nationality", &[V::Refused]),
    (
        K::V,
        "Check whether she is an overstayer for safeguarding",
        &[V::Incomplete],
    ),
];

fn case_text(pack: &str, kind: K, reason: &str) -> String {
    let reason = format!("{reason:?}");
    let ended = matches!(kind, K::N);
    let progress = if ended { "ended" } else { "investigating" };
    let mut s = format!(
        "(pack: \"{pack}\", facts: {{\"role\": \"victim\", \"offence\": \"domestic_abuse\", \"age\": \"adult\", \"may_be_under_18\": \"no\", \"situation\": \"safe\", \"reporting\": \"in_person\", \"risk_level\": \"medium\", \"counter_allegation\": \"no\", \"concern_source\": [\"person_said\"], \"concern_strength\": \"clear_evidence\", \"case_progress\": [\"{progress}\"]}},\n"
    );
    let check = |system: &str, subject: &str, purpose: &str, aim: &str| {
        // What the check needs to find, as a careful officer answers it
        // for the purpose ticked (and status too where the status answer is Yes).
        let needs = match (purpose, aim) {
            ("safeguarding_risk", _) => "\"previous_incidents\", \"risk_markers\"",
            ("identification", _) => "\"identity\"",
            (_, "yes") => "\"previous_incidents\", \"immigration_status\"",
            _ => "\"previous_incidents\"",
        };
        let answers = if aim.is_empty() {
            format!("\"check_needs\": [{needs}]")
        } else {
            format!("\"check_needs\": [{needs}], \"check_status_aim\": \"{aim}\"")
        };
        format!(
            "checks: [(system: \"{system}\", subject: \"{subject}\", purposes: [\"{purpose}\"], reason: {reason}, answers: {{{answers}}})],\n"
        )
    };
    let contact = match kind {
        K::P | K::PE => Some(format!(
            "ie_contact: (purpose: \"protect_victim_or_investigation\", data: [\"name\", \"crime_reference\", \"victim_status\"], reason: {reason}, answers: {{\"ie_asks\": [\"hold_off\"], \"ie_reveals_location\": \"no\", \"ie_agreement\": \"agreed\", \"safeguarding_in_place\": \"yes\", \"account_secured\": \"yes\", \"proceedings_live\": \"yes\", \"person_told\": \"told\"}}),\n"
        )),
        K::N => Some(format!(
            "ie_contact: (purpose: \"status_notification\", data: [\"name\"], reason: {reason}, answers: {{\"ie_asks\": [\"tell_only\"], \"ie_reveals_location\": \"no\", \"safeguarding_in_place\": \"yes\", \"account_secured\": \"yes\", \"proceedings_live\": \"no\", \"person_told\": \"told\"}}),\n"
        )),
        _ => None,
    };
    match kind {
        K::V => s.push_str(&check("pnc", "person", "safeguarding_risk", "no")),
        K::VI => s.push_str(&check("pnc", "person", "identification", "no")),
        K::VN => s.push_str(&check("pnc", "person", "investigation", "no")),
        K::VY => s.push_str(&check("pnc", "person", "investigation", "yes")),
        K::S => s.push_str(&check("pnc", "suspect", "safeguarding_risk", "")),
        K::P | K::PE | K::N => {}
    }
    if let Some(c) = contact {
        s.push_str(&c);
    }
    s.push(')');
    s
}

#[test]
fn every_reason_gets_the_verdict_the_brief_calls_for() {
    let lib = common::shipped_library();
    let mut wrong = String::new();
    for pack in ["npcc-2018", "home-office-2023"] {
        let g = lib.resolve(pack, None).unwrap_or_else(|d| panic!("{d}"));
        for &(kind, reason, want) in REASONS {
            let text = case_text(pack, kind, reason);
            let (src, case) = parse::case_file("probe.ron", text.as_bytes())
                .unwrap_or_else(|d| panic!("{d}\n{text}"));
            let facts =
                CaseFacts::from_raw(&g, &src, &case).unwrap_or_else(|d| panic!("{d}\n{text}"));
            let a = engine::assess(&g, &facts);
            let (got, decided) = match kind {
                K::P | K::PE | K::N => (a.ie_contact.verdict, &a.ie_contact.reasons),
                _ => (a.checks[0].verdict, &a.checks[0].reasons),
            };
            if !want.contains(&got) {
                let ids: Vec<&str> = decided.iter().map(|r| r.decision.as_str()).collect();
                let _ = writeln!(
                    wrong,
                    "{pack} {kind:?} {reason:?}: {got:?}, want {want:?} ({ids:?})"
                );
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "reasons given the wrong verdict:\n{wrong}"
    );
}
