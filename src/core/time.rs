//! Timestamps in case files: RFC 3339 (ISO 8601), read without a clock.
//!
//! `2026-11-29T10:15:00Z`, with optional fractions of a second and an offset
//! (`+01:00`) in place of `Z`. A date that does not exist (30 February), a time
//! past 23:59:59, or anything else is `None`: a located error for the case
//! file, never a note dated 1970.

/// Whether a day exists, in the years a record can be about (1900 to 2999).
pub fn real_date(year: i64, month: i64, day: i64) -> bool {
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1900..=2999).contains(&year) && (1..=days).contains(&day)
}

/// Seconds since 1970-01-01T00:00:00Z, for comparing two timestamps.
pub fn seconds(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() < 20 || b.get(10) != Some(&b'T') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let t = s.get(r)?;
        if t.bytes().all(|c| c.is_ascii_digit()) {
            t.parse().ok()
        } else {
            None
        }
    };
    if b.get(4) != Some(&b'-')
        || b.get(7) != Some(&b'-')
        || b.get(13) != Some(&b':')
        || b.get(16) != Some(&b':')
    {
        return None;
    }
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !real_date(year, month, day) || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let mut rest = s.get(19..)?;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 || digits > 9 {
            return None;
        }
        rest = frac.get(digits..)?;
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ => {
            let sign = match rest.as_bytes().first() {
                Some(b'+') => 1,
                Some(b'-') => -1,
                _ => return None,
            };
            let (h, m) = rest.get(1..)?.split_once(':')?;
            if h.len() != 2 || m.len() != 2 {
                return None;
            }
            let (h, m): (i64, i64) = (h.parse().ok()?, m.parse().ok()?);
            if h > 23 || m > 59 {
                return None;
            }
            sign * (h * 3600 + m * 60)
        }
    };
    // Days from the civil date (Howard Hinnant's algorithm).
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * 86_400 + hour * 3600 + minute * 60 + second - offset)
}

#[cfg(test)]
mod tests {
    use super::seconds;

    #[test]
    fn reads_rfc_3339_and_refuses_the_rest() {
        assert_eq!(seconds("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(seconds("2026-11-29T10:15:00Z"), Some(1_795_947_300));
        assert_eq!(
            seconds("2026-11-29T11:15:00+01:00"),
            seconds("2026-11-29T10:15:00Z")
        );
        assert_eq!(
            seconds("2026-11-29T10:15:00.250Z"),
            seconds("2026-11-29T10:15:00Z")
        );
        assert!(seconds("2024-02-29T00:00:00Z").is_some());
        for bad in [
            "29/11/2026",
            "2026-11-29",
            "2026-02-30T10:00:00Z",
            "2025-02-29T10:00:00Z",
            "2026-11-29T24:00:00Z",
            "2026-11-29T10:15:00",
            "2026-11-29T10:15:00+1:00",
            "2026-11-29 10:15:00Z",
            "0000-01-01T00:00:00Z",
            "",
        ] {
            assert_eq!(seconds(bad), None, "{bad}");
        }
    }
}
