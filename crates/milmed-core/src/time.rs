//! Civil dates and UTC timestamps without a clock.
//!
//! Times are whole seconds since 1970-01-01T00:00:00Z in an `i64`; dates use the proleptic
//! Gregorian calendar (Howard Hinnant's days-from-civil algorithm, re-derived here).

use std::fmt;

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, e.g. 2025.
    pub year: i32,
    /// Month 1–12.
    pub month: u32,
    /// Day of month 1–31.
    pub day: u32,
}

impl Date {
    /// A date when the parts form a real calendar day.
    pub fn new(year: i32, month: u32, day: u32) -> Option<Self> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Self { year, month, day })
    }

    /// Parses `YYYY-MM-DD`.
    pub fn parse(s: &str) -> Option<Self> {
        let b = s.as_bytes();
        if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
            return None;
        }
        let year: i32 = s.get(0..4)?.parse().ok()?;
        let month: u32 = s.get(5..7)?.parse().ok()?;
        let day: u32 = s.get(8..10)?.parse().ok()?;
        Self::new(year, month, day)
    }

    /// Days since 1970-01-01.
    pub fn days_since_epoch(self) -> i64 {
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` days after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Self {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Self { year, month, day }
    }

    /// Midnight UTC of this date, in seconds since the epoch.
    pub fn midnight(self) -> i64 {
        self.days_since_epoch() * 86_400
    }

    /// Whole years from `self` (a birth date) to `on`.
    pub fn age_on(self, on: Date) -> u32 {
        let mut age = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            age -= 1;
        }
        age.max(0) as u32
    }

    /// Writes `YYYY-MM-DD`.
    pub fn write_iso(self, out: &mut Vec<u8>) {
        out.extend_from_slice(&iso_date_bytes(self));
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Whether `year` is a Gregorian leap year.
pub fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// Number of days in a month.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if is_leap(year) => 29,
        2 => 28,
        _ => 0,
    }
}

/// The ISO text `YYYY-MM-DD` of a date (years 0–9999; others are clamped into that range).
pub fn iso_date_bytes(d: Date) -> [u8; 10] {
    let y = d.year.clamp(0, 9999) as u32;
    let mut b = *b"0000-00-00";
    b[0] = b'0' + (y / 1000) as u8;
    b[1] = b'0' + (y / 100 % 10) as u8;
    b[2] = b'0' + (y / 10 % 10) as u8;
    b[3] = b'0' + (y % 10) as u8;
    b[5] = b'0' + (d.month / 10 % 10) as u8;
    b[6] = b'0' + (d.month % 10) as u8;
    b[8] = b'0' + (d.day / 10 % 10) as u8;
    b[9] = b'0' + (d.day % 10) as u8;
    b
}

/// The RFC 3339 UTC timestamp `YYYY-MM-DDTHH:MM:SSZ` for `secs` since the epoch, as bytes
/// (fixed size, so writers copy it without a length check per character).
pub fn timestamp_bytes(secs: i64) -> [u8; 20] {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400) as u32;
    let mut b = *b"0000-00-00T00:00:00Z";
    b[..10].copy_from_slice(&iso_date_bytes(Date::from_days_since_epoch(days)));
    let (h, m, s) = (rem / 3600, rem / 60 % 60, rem % 60);
    b[11] = b'0' + (h / 10) as u8;
    b[12] = b'0' + (h % 10) as u8;
    b[14] = b'0' + (m / 10) as u8;
    b[15] = b'0' + (m % 10) as u8;
    b[17] = b'0' + (s / 10) as u8;
    b[18] = b'0' + (s % 10) as u8;
    b
}

/// Formats many timestamps quickly: the date text of the last day seen is kept, because the
/// timestamps of one record mostly fall on the same few days.
#[derive(Debug, Clone)]
pub struct TimestampFormatter {
    day: i64,
    date: [u8; 10],
}

impl Default for TimestampFormatter {
    fn default() -> Self {
        Self::new()
    }
}

impl TimestampFormatter {
    /// A formatter with nothing cached.
    pub fn new() -> Self {
        TimestampFormatter {
            day: i64::MIN,
            date: [0; 10],
        }
    }

    /// The same bytes as [`timestamp_bytes`].
    #[inline]
    pub fn format(&mut self, secs: i64) -> [u8; 20] {
        let days = secs.div_euclid(86_400);
        if days != self.day {
            self.day = days;
            self.date = iso_date_bytes(Date::from_days_since_epoch(days));
        }
        let rem = (secs - days * 86_400) as u32;
        let mut b = *b"0000-00-00T00:00:00Z";
        b[..10].copy_from_slice(&self.date);
        let (h, m, s) = (rem / 3600, rem / 60 % 60, rem % 60);
        b[11] = b'0' + (h / 10) as u8;
        b[12] = b'0' + (h % 10) as u8;
        b[14] = b'0' + (m / 10) as u8;
        b[15] = b'0' + (m % 10) as u8;
        b[17] = b'0' + (s / 10) as u8;
        b[18] = b'0' + (s % 10) as u8;
        b
    }
}

/// Appends the RFC 3339 UTC timestamp `YYYY-MM-DDTHH:MM:SSZ` for `secs` since the epoch.
pub fn write_timestamp(secs: i64, out: &mut Vec<u8>) {
    out.extend_from_slice(&timestamp_bytes(secs));
}

/// The timestamp as a `String` (for tests and reports).
pub fn timestamp_string(secs: i64) -> String {
    let mut v = Vec::with_capacity(20);
    write_timestamp(secs, &mut v);
    String::from_utf8_lossy(&v).into_owned()
}

/// Parses `YYYY-MM-DDTHH:MM:SSZ` back to seconds (used by reports and tests).
pub fn parse_timestamp(s: &str) -> Option<i64> {
    let b = s.as_bytes();
    if b.len() != 20 || b[10] != b'T' || b[13] != b':' || b[16] != b':' || b[19] != b'Z' {
        return None;
    }
    let date = Date::parse(s.get(0..10)?)?;
    let h: i64 = s.get(11..13)?.parse().ok()?;
    let m: i64 = s.get(14..16)?.parse().ok()?;
    let sec: i64 = s.get(17..19)?.parse().ok()?;
    if h > 23 || m > 59 || sec > 59 {
        return None;
    }
    Some(date.midnight() + h * 3600 + m * 60 + sec)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_days() {
        for d in -800_000..800_000i64 {
            if d % 97 != 0 {
                continue;
            }
            let date = Date::from_days_since_epoch(d);
            assert_eq!(date.days_since_epoch(), d);
            assert!(Date::new(date.year, date.month, date.day).is_some());
        }
        assert_eq!(
            Date::parse("1970-01-01").map(Date::days_since_epoch),
            Some(0)
        );
        assert_eq!(
            Date::parse("2000-03-01").map(Date::days_since_epoch),
            Some(11_017)
        );
    }

    #[test]
    fn rejects_bad_dates() {
        for s in [
            "2025-02-29",
            "2025-13-01",
            "2025-00-10",
            "25-01-01",
            "2025/01/01",
            "",
        ] {
            assert!(Date::parse(s).is_none(), "{s}");
        }
        assert!(Date::parse("2024-02-29").is_some());
    }

    #[test]
    fn formatter_matches_timestamp_bytes() {
        let mut f = TimestampFormatter::new();
        for secs in [
            -86_401,
            -1,
            0,
            1,
            59,
            86_399,
            86_400,
            951_782_400,
            1_748_736_000,
            1_748_822_399,
            4_102_444_800,
            253_402_300_799,
        ] {
            assert_eq!(f.format(secs), timestamp_bytes(secs), "{secs}");
            assert_eq!(f.format(secs + 3_723), timestamp_bytes(secs + 3_723));
        }
    }

    #[test]
    fn timestamps() {
        assert_eq!(timestamp_string(0), "1970-01-01T00:00:00Z");
        let t = Date::parse("2025-06-01").map(Date::midnight).unwrap_or(0) + 3661;
        assert_eq!(timestamp_string(t), "2025-06-01T01:01:01Z");
        assert_eq!(parse_timestamp("2025-06-01T01:01:01Z"), Some(t));
    }

    #[test]
    fn ages() {
        let birth = Date {
            year: 2000,
            month: 6,
            day: 2,
        };
        assert_eq!(
            birth.age_on(Date {
                year: 2025,
                month: 6,
                day: 1
            }),
            24
        );
        assert_eq!(
            birth.age_on(Date {
                year: 2025,
                month: 6,
                day: 2
            }),
            25
        );
    }
}
