//! Wall-clock timestamps for responses. The core has no clock on purpose; the API is the
//! boundary where time enters.

use std::time::{SystemTime, UNIX_EPOCH};

use milmed_core::time::Date;

/// Now as RFC 3339 UTC with second precision, e.g. `2026-01-05T10:00:00Z`.
pub fn now_rfc3339() -> String {
    // A clock before 1970 is a broken host, not a reason to fail a response: clamp to the epoch.
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    format_rfc3339(secs)
}

/// Seconds since the Unix epoch as RFC 3339 UTC.
pub fn format_rfc3339(secs: u64) -> String {
    let days = (secs / 86_400) as i64;
    let rem = secs % 86_400;
    let date = Date::from_days_since_epoch(days);
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem / 60 % 60,
        rem % 60
    )
}

/// Milliseconds since the Unix epoch (the store's unit) as RFC 3339 UTC with milliseconds,
/// e.g. `2026-01-05T10:00:00.250Z`; instants before the epoch clamp to it.
pub fn format_rfc3339_ms(ms: i64) -> String {
    let ms = ms.max(0) as u64;
    let s = format_rfc3339(ms / 1000);
    format!("{}.{:03}Z", &s[..s.len() - 1], ms % 1000)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_rfc3339(0), "1970-01-01T00:00:00Z");
        // 2026-01-05T10:00:00Z
        assert_eq!(format_rfc3339(1_767_607_200), "2026-01-05T10:00:00Z");
        // Leap day.
        assert_eq!(format_rfc3339(951_782_400 + 86_399), "2000-02-29T23:59:59Z");
        assert_eq!(
            format_rfc3339_ms(1_767_607_200_250),
            "2026-01-05T10:00:00.250Z"
        );
        assert_eq!(format_rfc3339_ms(-5), "1970-01-01T00:00:00.000Z");
    }
}
