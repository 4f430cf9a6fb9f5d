//! Formatting the caller's clock as `collectedAt`.

/// An RFC 3339 UTC timestamp with seconds (`2026-11-26T12:00:00Z`) of a Unix time.
///
/// ```
/// use azure_onboarding_live::rfc3339_utc;
/// assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
/// assert_eq!(rfc3339_utc(1_795_694_400), "2026-11-26T12:00:00Z");
/// ```
pub fn rfc3339_utc(unix_seconds: i64) -> String {
    let days = unix_seconds.div_euclid(86_400);
    let secs = unix_seconds.rem_euclid(86_400);
    // Civil from days (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        secs / 3600,
        secs % 3600 / 60,
        secs % 60
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn round_trips_with_the_core_parser() {
        for t in [0, 951_868_800, 1_795_694_400, 4_102_444_799, 1_709_164_800] {
            let s = super::rfc3339_utc(t);
            assert_eq!(azure_onboarding::rfc3339_seconds(&s), Some(t), "{s}");
        }
    }
}
