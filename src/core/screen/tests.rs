//! Unit tests of the screen.
use super::*;

fn reading() -> Reading {
    Reading {
        shorthand: vec![
            ("ho".into(), "home office".into()),
            ("ie".into(), "immigration enforcement".into()),
            ("ltr".into(), "leave to remain".into()),
            ("o/s".into(), "overstayer".into()),
            ("chk".into(), "check".into()),
            ("det".into(), "detain".into()),
            ("att".into(), "attend".into()),
            ("addr".into(), "address".into()),
        ],
        reported: vec![
            "threat".into(),
            "told her".into(),
            "on about".into(),
            "afraid".into(),
        ],
        asking: vec!["ask".into(), "please".into()],
        negating: vec!["not".into(), "defer".into()],
        neutral: vec!["status as a victim".into()],
        ..Reading::default()
    }
}

fn m(text: &str, p: &str) -> bool {
    let r = reading();
    mentions_any(&prepare(text, Some(&r)), &[p.to_owned()], Some(&r))
}

#[test]
fn plain_matches_keep_their_old_meaning() {
    assert!(m("He was DEPORTED once", "deport"));
    assert!(!m("paralegal advice", "legal"));
    assert!(m("Ask the HO.", "home office"));
    assert!(!m("Hospital first", "ho "));
    assert!(m("See if SHE\u{2019}S\n  legal", "she's legal"));
    assert!(m("see if she is legal", "she's legal"));
}

#[test]
fn shorthand_misspelling_forms_and_splits_are_read() {
    assert!(m("chk LTR / poss o/s", "leave to remain"));
    assert!(m("chk LTR / poss o/s", "overstayer"));
    assert!(m("att addr & det", "attend address"));
    assert!(m("att addr & det", "detain"));
    assert!(m("whether she is lawfuly here", "lawfully"));
    assert!(m("get him deprot", "deport"));
    assert!(m("ask them to de port him", "deport"));
    assert!(m("checkleave asap", "check leave"));
    assert!(!m("she was detained", "detain her"));
    assert!(m("IE detained her", "detain"));
    assert!(m("is she on the HO's radar", "home office radar"));
    assert!(!m("retain her passport", "detain her"));
}

#[test]
fn a_reported_threat_is_context_never_a_request() {
    assert!(!m(
        "told her immigration would lock her up if she rang us",
        "lock her up"
    ));
    assert!(!m(
        "he's always on about getting her sent back",
        "sent back"
    ));
    assert!(m("he made a threat to have her deported", "threat"));
    assert!(m(
        "she is afraid, please ask IE to pick her up",
        "pick her up"
    ));
    assert!(m("He threatened her. IE to pick her up", "pick her up"));
    assert!(!m(
        "he texted \"im calling immigration to pick u up\"",
        "pick you up"
    ));
    assert!(!m("asked IE not to detain or remove her", "remove her"));
}

#[test]
fn what_is_negated_does_not_count() {
    assert!(!m("ask IE not to detain her", "to detain"));
    assert!(m("ask IE not to wait; IE to detain her", "to detain"));
    assert!(m(
        "IE should not wait but come round and detain her now",
        "detain her"
    ));
    assert!(!m("please defer her removal", "her removal"));
    assert!(m("please do not defer", "not defer"));
    assert!(!m("record her status as a victim", "her status"));
    assert!(m("check her status", "her status"));
}
