//! ZITADEL's timestamps (RFC 3339, UTC) to epoch milliseconds, so the browser can show
//! them in the user's locale and time zone.

/// Parses `2025-10-01T12:34:56.789012Z` (or with a `+hh:mm` offset). `None` when the
/// text is not such a timestamp: the caller then shows it as sent.
pub fn rfc3339_to_millis(text: &str) -> Option<f64> {
    let bytes = text.as_bytes();
    if bytes.len() < 20
        || bytes[4] != b'-'
        || bytes[7] != b'-'
        || !matches!(bytes[10], b'T' | b't' | b' ')
    {
        return None;
    }
    let number = |range: std::ops::Range<usize>| text.get(range)?.parse::<i64>().ok();
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
    if bytes[13] != b':'
        || bytes[16] != b':'
        || !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
    {
        return None;
    }
    if hour > 23 || minute > 59 || second > 60 {
        return None;
    }
    let mut rest = &text[19..];
    let mut fraction_ms = 0.0;
    if let Some(after_dot) = rest.strip_prefix('.') {
        let digits = after_dot.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        // In whole nanoseconds (digits past the ninth dropped): integer parsing keeps the
        // float parser out of the wasm.
        let kept = &after_dot[..digits.min(9)];
        let nanos = kept.parse::<u64>().ok()? * 10_u64.pow(9 - kept.len() as u32);
        fraction_ms = nanos as f64 / 1e6;
        rest = &after_dot[digits..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6
            && matches!(rest.as_bytes()[0], b'+' | b'-')
            && rest.as_bytes()[3] == b':' =>
        {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (rest.get(1..3)?.parse::<i64>().ok()? * 60
                + rest.get(4..6)?.parse::<i64>().ok()?)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * 86_400 + hour * 3_600 + minute * 60 + second - offset_minutes * 60;
    Some(seconds as f64 * 1000.0 + fraction_ms)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let month_index = (month + 9) % 12;
    let day_of_year = (153 * month_index + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zitadel_timestamps_parse_to_epoch_millis() {
        assert_eq!(rfc3339_to_millis("1970-01-01T00:00:00Z"), Some(0.0));
        // 2025-10-01T12:34:56Z is 1759322096 s after the epoch.
        assert_eq!(
            rfc3339_to_millis("2025-10-01T12:34:56Z"),
            Some(1_759_322_096_000.0)
        );
        let micros = rfc3339_to_millis("2025-10-01T12:34:56.789012Z").unwrap();
        assert!((micros - 1_759_322_096_789.012).abs() < 0.01, "{micros}");
        // RFC 3339 sets no limit on the fraction's digits; below a nanosecond they are dropped.
        let long = rfc3339_to_millis("2025-10-01T12:34:56.1234567891234Z").unwrap();
        assert!((long - 1_759_322_096_123.457).abs() < 0.001, "{long}");
        assert_eq!(
            Some(long),
            rfc3339_to_millis("2025-10-01T12:34:56.123456789Z")
        );
        assert_eq!(
            rfc3339_to_millis("2025-10-01T12:34:56.5Z"),
            Some(1_759_322_096_500.0)
        );
        assert_eq!(
            rfc3339_to_millis("2000-02-29T00:00:00Z"),
            Some(951_782_400_000.0)
        );
    }

    #[test]
    fn offsets_are_applied() {
        assert_eq!(
            rfc3339_to_millis("2025-10-01T14:34:56+02:00"),
            rfc3339_to_millis("2025-10-01T12:34:56Z")
        );
    }

    #[test]
    fn anything_else_is_refused() {
        for text in [
            "",
            "yesterday",
            "2025-10-01",
            "2025-13-01T00:00:00Z",
            "2025-10-01T12:34:56",
            "2025-10-01T12:34:56.Z",
            "2025-10-01T25:00:00Z",
        ] {
            assert_eq!(rfc3339_to_millis(text), None, "{text}");
        }
    }
}
