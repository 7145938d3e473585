//! Dates in guidance: a pack's own ISO dates, a source's free-text date, and the
//! latest date a text mentions (so an overlay cannot cite what is not yet published).

/// A plausible calendar date written `YYYY-MM-DD`.
pub(super) fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
        return false;
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|x| x.parse::<u32>().ok());
    let (Some(year), Some(month), Some(day)) = (num(0..4), num(5..7), num(8..10)) else {
        return false;
    };
    crate::core::time::real_date(i64::from(year), i64::from(month), i64::from(day))
}

/// A day as (year, month, day), comparable in order.
pub(super) type Day = (u32, u32, u32);

/// The day an ISO date (`YYYY-MM-DD`) names.
pub(super) fn iso_day(text: &str) -> Option<Day> {
    if !is_iso_date(text) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text.get(r).and_then(|x| x.parse::<u32>().ok());
    Some((num(0..4)?, num(5..7)?, num(8..10)?))
}

/// The earliest day a source's free-text date can mean: "2018-12-07", "2018-12",
/// "2018"; for a range such as "2019-2022", the earliest day of its last year (the
/// range reaches that far). `None` for a date that names no year ("current").
pub(super) fn source_start(date: &str) -> Option<Day> {
    let parts: Vec<&str> = date.trim().split('-').collect();
    let year = |t: &str| {
        (t.len() == 4)
            .then(|| t.parse::<u32>().ok())
            .flatten()
            .filter(|y| (1900..=2999).contains(y))
    };
    match parts.as_slice() {
        [y] => Some((year(y)?, 1, 1)),
        [y, m] if m.len() == 4 => Some((year(m).or(year(y))?, 1, 1)),
        [y, m] => Some((year(y)?, m.parse().ok()?, 1)),
        [y, m, d] => Some((year(y)?, m.parse().ok()?, d.parse().ok()?)),
        _ => None,
    }
}

/// The latest day a text mentions, as the earliest day it can mean: a year alone
/// ("2024") means its 1 January, a month and year ("March 2024") the 1st of that
/// month, a full date ("8 March 2024") that day.
pub(super) fn latest_mentioned(text: &str) -> Option<Day> {
    const MONTHS: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut latest: Option<Day> = None;
    for (i, w) in words.iter().enumerate() {
        let Some(y) = (w.len() == 4)
            .then(|| w.parse::<u32>().ok())
            .flatten()
            .filter(|y| (1900..=2999).contains(y))
        else {
            continue;
        };
        let before = |k: usize| i.checked_sub(k).and_then(|j| words.get(j));
        let month = before(1)
            .and_then(|m| MONTHS.iter().position(|x| x == m))
            .and_then(|m| u32::try_from(m + 1).ok());
        let day = month
            .and(before(2))
            .and_then(|d| d.parse::<u32>().ok())
            .filter(|d| (1..=31).contains(d));
        let this = (y, month.unwrap_or(1), day.unwrap_or(1));
        latest = Some(latest.map_or(this, |l| l.max(this)));
    }
    latest
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_in_sources_and_text() {
        assert_eq!(source_start("2018-12-07"), Some((2018, 12, 7)));
        assert_eq!(source_start("2018-12"), Some((2018, 12, 1)));
        assert_eq!(source_start("2015"), Some((2015, 1, 1)));
        assert_eq!(source_start("2019-2022"), Some((2022, 1, 1)));
        assert_eq!(source_start("current"), None);
        assert_eq!(
            latest_mentioned("found again in December 2023 and replaced from 8 March 2024"),
            Some((2024, 3, 8))
        );
        assert_eq!(latest_mentioned("the 2022 amendments"), Some((2022, 1, 1)));
        assert_eq!(latest_mentioned("s 52 of the Act"), None);
    }

    #[test]
    fn dates() {
        assert!(is_iso_date("2018-12-07"));
        assert!(is_iso_date("2024-02-29"));
        assert!(!is_iso_date("2023-02-29"));
        assert!(!is_iso_date("2018-13-01"));
        assert!(!is_iso_date("7 Dec 2018"));
        assert!(!is_iso_date("2018-1-07"));
    }
}
