//! Formatting the caller's clock as `collectedAt`.

/// An RFC 3339 UTC timestamp with seconds (`2026-11-26T12:00:00Z`) of a Unix time (the
/// core's [`azure_onboarding::rfc3339_utc`]).
///
/// ```
/// use azure_onboarding_live::rfc3339_utc;
/// assert_eq!(rfc3339_utc(0), "1970-01-01T00:00:00Z");
/// assert_eq!(rfc3339_utc(1_795_694_400), "2026-11-26T12:00:00Z");
/// ```
pub fn rfc3339_utc(unix_seconds: i64) -> String {
    azure_onboarding::rfc3339_utc(unix_seconds)
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
