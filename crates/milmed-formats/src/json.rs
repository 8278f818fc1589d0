//! The JSON record (also the NDJSON line), written by hand for speed: no intermediate tree, no
//! allocation per record, numbers through `itoa`.

use milmed_core::nations::NATIONS;
use milmed_core::record::{EventDetail, Patient, Place, TimelineEvent};
use milmed_core::scenario::Scenario;
use milmed_core::time::{iso_date_bytes, write_timestamp, TimestampFormatter};

/// Version of the record schema (docs/formats/record.schema.json).
pub const SCHEMA_VERSION: &str = "1.0.0";

/// Whether any byte is a control character, `"` or `\\`: eight bytes at a time, since this
/// check runs for every name written.
fn needs_escape(bytes: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
    let mut chunks = bytes.chunks_exact(8);
    for c in &mut chunks {
        let mut word = [0u8; 8];
        word.copy_from_slice(c);
        let x = u64::from_le_bytes(word);
        // Bytes below 0x20 (the high bit of x itself excluded: UTF-8 bytes are never below).
        let control = x.wrapping_sub(ONES * 0x20) & !x & HIGH;
        if control
            | has_zero(x ^ (ONES * u64::from(b'"')))
            | has_zero(x ^ (ONES * u64::from(b'\\')))
            != 0
        {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b < 0x20 || b == b'"' || b == b'\\')
}

/// Appends `s` as a JSON string literal.
pub fn push_str(out: &mut Vec<u8>, s: &str) {
    out.push(b'"');
    let bytes = s.as_bytes();
    // Most strings need no escaping: copy them in one go.
    if !needs_escape(bytes) {
        out.extend_from_slice(bytes);
        out.push(b'"');
        return;
    }
    let mut start = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let esc: &[u8] = match b {
            b'"' => b"\\\"",
            b'\\' => b"\\\\",
            b'\n' => b"\\n",
            b'\r' => b"\\r",
            b'\t' => b"\\t",
            0..=0x1f => {
                out.extend_from_slice(&bytes[start..i]);
                out.extend_from_slice(b"\\u00");
                out.push(b"0123456789abcdef"[(b >> 4) as usize]);
                out.push(b"0123456789abcdef"[(b & 0xf) as usize]);
                start = i + 1;
                continue;
            }
            _ => continue,
        };
        out.extend_from_slice(&bytes[start..i]);
        out.extend_from_slice(esc);
        start = i + 1;
    }
    out.extend_from_slice(&bytes[start..]);
    out.push(b'"');
}

#[inline]
pub(crate) fn push_u64(out: &mut Vec<u8>, v: u64) {
    let mut b = itoa::Buffer::new();
    out.extend_from_slice(b.format(v).as_bytes());
}

#[inline]
pub(crate) fn key(out: &mut Vec<u8>, k: &str) {
    out.push(b'"');
    out.extend_from_slice(k.as_bytes());
    out.extend_from_slice(b"\":");
}

#[inline]
pub(crate) fn kv_str(out: &mut Vec<u8>, k: &str, v: &str) {
    key(out, k);
    push_str(out, v);
    out.push(b',');
}

/// `kv_str` for values known to need no escaping (codes, enum keys).
#[inline]
pub(crate) fn kv_raw(out: &mut Vec<u8>, k: &str, v: &str) {
    key(out, k);
    out.push(b'"');
    out.extend_from_slice(v.as_bytes());
    out.extend_from_slice(b"\",");
}

#[inline]
pub(crate) fn kv_time(out: &mut Vec<u8>, k: &str, t: i64) {
    key(out, k);
    out.push(b'"');
    write_timestamp(t, out);
    out.extend_from_slice(b"\",");
}

// The macros below append `"key":` … `,` with the key text joined to its punctuation at
// compile time, so each field costs one fixed-size copy plus its value.

/// `"k":` as one literal.
macro_rules! key {
    ($out:expr, $k:literal) => {
        $out.extend_from_slice(concat!("\"", $k, "\":").as_bytes())
    };
}

/// `"k":"v",` for a value that needs escaping.
macro_rules! kv_str {
    ($out:expr, $k:literal, $v:expr $(,)?) => {{
        key!($out, $k);
        push_str($out, $v);
        $out.push(b',');
    }};
}

/// `"k":"v",` for values known to need no escaping (codes, enum keys).
macro_rules! kv_raw {
    ($out:expr, $k:literal, $v:expr $(,)?) => {{
        $out.extend_from_slice(concat!("\"", $k, "\":\"").as_bytes());
        $out.extend_from_slice($v.as_bytes());
        $out.extend_from_slice(b"\",");
    }};
}

/// `"k":123,`.
macro_rules! kv_u64 {
    ($out:expr, $k:literal, $v:expr $(,)?) => {{
        key!($out, $k);
        push_u64($out, $v);
        $out.push(b',');
    }};
}

/// `"k":"2025-06-01T00:00:00Z",`.
macro_rules! kv_time {
    ($out:expr, $ts:expr, $k:literal, $t:expr $(,)?) => {{
        $out.extend_from_slice(concat!("\"", $k, "\":\"").as_bytes());
        $out.extend_from_slice(&$ts.format($t));
        $out.extend_from_slice(b"\",");
    }};
}

/// Writes a fixed-point number with two decimals from hundredths.
pub fn push_hundredths(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    let a = v.unsigned_abs();
    push_u64(out, a / 100);
    out.push(b'.');
    let f = a % 100;
    out.push(b'0' + (f / 10) as u8);
    out.push(b'0' + (f % 10) as u8);
}

/// Writes tenths as a one-decimal number.
pub fn push_tenths(out: &mut Vec<u8>, v: i64) {
    if v < 0 {
        out.push(b'-');
    }
    let a = v.unsigned_abs();
    push_u64(out, a / 10);
    out.push(b'.');
    out.push(b'0' + (a % 10) as u8);
}

/// Hours since injury in hundredths (rounded).
pub fn hours_hundredths(from: i64, to: i64) -> i64 {
    ((to - from) * 100 + 1800) / 3600
}

pub(crate) fn end_object(out: &mut Vec<u8>) {
    if out.last() == Some(&b',') {
        out.pop();
    }
    out.push(b'}');
}

pub(crate) fn end_array(out: &mut Vec<u8>) {
    if out.last() == Some(&b',') {
        out.pop();
    }
    out.push(b']');
}

/// Facility label (role code) and optional configured facility id for a place.
pub fn place_labels(s: &Scenario, place: Place) -> (&'static str, Option<&str>) {
    (
        place.role.code(),
        place
            .facility
            .and_then(|i| s.facilities.get(usize::from(i)))
            .map(|f| f.id.as_str()),
    )
}

/// Hex form of an event id.
pub fn event_id_hex(id: u64, out: &mut Vec<u8>) {
    for i in (0..16).rev() {
        out.push(b"0123456789abcdef"[((id >> (i * 4)) & 0xf) as usize]);
    }
}

/// Severity class of an ISS.
pub fn severity_class(iss: u8) -> &'static str {
    match iss {
        0..=3 => "minor",
        4..=8 => "moderate",
        9..=15 => "serious",
        16..=24 => "severe",
        25..=74 => "critical",
        _ => "unsurvivable",
    }
}

fn timeline_event(
    out: &mut Vec<u8>,
    ts: &mut TimestampFormatter,
    s: &Scenario,
    p: &Patient,
    e: &TimelineEvent,
) {
    out.push(b'{');
    kv_raw!(out, "event_type", e.kind.code());
    let (role, fid) = place_labels(s, e.place);
    kv_raw!(out, "facility", role);
    if let (
        Some(fid),
        milmed_core::record::EventKind::Arrival | milmed_core::record::EventKind::Diverted,
    ) = (fid, e.kind)
    {
        kv_str!(out, "facility_id", fid);
    }
    kv_time!(out, ts, "timestamp", e.time);
    key!(out, "hours_since_injury");
    push_hundredths(out, hours_hundredths(p.injury_time, e.time));
    out.push(b',');
    match e.detail {
        EventDetail::None => {}
        EventDetail::Triage(t) => kv_raw!(out, "triage", t.code()),
        EventDetail::Procedure(d) => kv_raw!(out, "code", d.code),
        EventDetail::Transport(t) => kv_raw!(out, "transport", t.key()),
    }
    end_object(out);
}

/// Writes one record as compact JSON (no trailing newline).
pub fn write_record(out: &mut Vec<u8>, s: &Scenario, p: &Patient) {
    let nation = NATIONS.get(p.person.nation).map(|n| n.code).unwrap_or("");
    let gender = if p.person.female { "female" } else { "male" };
    // One reservation per record: the field writers below then rarely grow the buffer.
    out.reserve(4096 + 160 * p.timeline.len() + 200 * p.vitals.len());
    let mut ts = TimestampFormatter::new();
    let ts = &mut ts;
    out.push(b'{');
    kv_u64!(out, "id", p.id);
    kv_raw!(out, "nationality", nation);
    kv_raw!(out, "gender", gender);
    kv_raw!(out, "injury_type", p.category.label());
    kv_raw!(out, "triage_category", p.triage.code());
    kv_raw!(out, "status", p.outcome.status());
    kv_str!(out, "front", &s.fronts[p.front].id);
    kv_raw!(out, "final_status", p.outcome.code());
    let (role, fid) = place_labels(s, p.last_place);
    kv_raw!(out, "last_facility", role);
    if let Some(fid) = fid {
        kv_str!(out, "last_facility_id", fid);
    }
    // Demographics.
    key!(out, "demographics");
    out.push(b'{');
    let d = &p.person;
    kv_str!(out, "given_name", d.given_name);
    kv_str!(out, "family_name", &d.family_name);
    kv_raw!(out, "gender", gender);
    out.extend_from_slice(b"\"birthdate\":\"");
    out.extend_from_slice(&iso_date_bytes(d.birth_date));
    out.extend_from_slice(b"\",");
    kv_u64!(out, "age", u64::from(d.age));
    kv_raw!(out, "nationality", nation);
    kv_str!(out, "id_number", &d.id_number);
    kv_str!(out, "service_number", &d.service_number);
    kv_raw!(out, "rank", d.rank);
    kv_str!(out, "unit", &d.unit);
    kv_raw!(out, "blood_type", d.blood_group.label());
    kv_u64!(out, "weight_kg", u64::from(d.weight_kg));
    kv_u64!(out, "height_cm", u64::from(d.height_cm));
    end_object(out);
    out.push(b',');
    // Conditions.
    let write_cond = |out: &mut Vec<u8>, c: &milmed_core::record::Condition| {
        out.push(b'{');
        kv_raw!(out, "code", c.def.code);
        kv_str!(out, "name", c.def.display);
        kv_raw!(out, "body_region", c.region.key());
        kv_raw!(out, "mechanism", c.mechanism.key());
        end_object(out);
        out.push(b',');
    };
    key!(out, "conditions");
    out.push(b'[');
    if let Some(c) = p.conditions.first() {
        write_cond(out, c);
    }
    end_array(out);
    out.push(b',');
    if p.conditions.len() > 1 {
        key!(out, "additional_conditions");
        out.push(b'[');
        for c in &p.conditions[1..] {
            write_cond(out, c);
        }
        end_array(out);
        out.push(b',');
    }
    kv_u64!(out, "severity", u64::from(p.iss));
    kv_raw!(out, "severity_class", severity_class(p.iss));
    // Vitals.
    key!(out, "vitals");
    out.push(b'[');
    for v in &p.vitals {
        out.push(b'{');
        kv_time!(out, ts, "time", v.time);
        kv_raw!(out, "facility", v.place.role.code());
        kv_u64!(out, "heart_rate", u64::from(v.heart_rate));
        kv_u64!(out, "respiratory_rate", u64::from(v.respiratory_rate));
        kv_u64!(out, "systolic_bp", u64::from(v.systolic));
        kv_u64!(out, "diastolic_bp", u64::from(v.diastolic));
        kv_u64!(out, "spo2", u64::from(v.spo2));
        key!(out, "temperature");
        push_tenths(out, i64::from(v.temperature_dc));
        out.push(b',');
        kv_u64!(out, "gcs", u64::from(v.gcs));
        kv_u64!(out, "pain", u64::from(v.pain));
        end_object(out);
        out.push(b',');
    }
    end_array(out);
    out.push(b',');
    // Treatments.
    key!(out, "treatments");
    out.push(b'[');
    for t in &p.treatments {
        out.push(b'{');
        kv_raw!(out, "code", t.def.code);
        kv_str!(out, "name", t.def.display);
        kv_raw!(out, "facility", t.place.role.code());
        kv_time!(out, ts, "time", t.time);
        end_object(out);
        out.push(b',');
    }
    end_array(out);
    out.push(b',');
    // Timeline.
    key!(out, "movement_timeline");
    out.push(b'[');
    for e in &p.timeline {
        timeline_event(out, ts, s, p, e);
        out.push(b',');
    }
    end_array(out);
    out.push(b',');
    kv_time!(out, ts, "injury_time", p.injury_time);
    kv_raw!(out, "scenario", p.warfare.key());
    key!(out, "event_id");
    out.push(b'"');
    event_id_hex(p.event_id, out);
    out.extend_from_slice(b"\",");
    key!(out, "mass_casualty");
    out.extend_from_slice(if p.mass_casualty { b"true," } else { b"false," });
    if let Some(k) = p.special_event {
        kv_raw!(out, "special_event", k.key());
    }
    kv_u64!(out, "day", u64::from(p.day));
    kv_raw!(
        out,
        "body_part",
        p.conditions
            .first()
            .map(|c| c.region.key())
            .unwrap_or("systemic"),
    );
    key!(out, "environmental_conditions");
    out.push(b'[');
    for e in p.environment.iter() {
        out.push(b'"');
        out.extend_from_slice(e.key().as_bytes());
        out.extend_from_slice(b"\",");
    }
    end_array(out);
    out.push(b'}');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_detection_matches_the_byte_rule() {
        let slow = |b: &[u8]| b.iter().any(|&c| c < 0x20 || c == b'"' || c == b'\\');
        let mut samples: Vec<Vec<u8>> = vec![
            b"Kowalska".to_vec(),
            "Łukasz Żółć Øystein Ærø".as_bytes().to_vec(),
            b"O'Brien, Jr.".to_vec(),
        ];
        for special in [b'"', b'\\', b'\n', 0x00, 0x1f, 0x7f, b' ', 0x20, 0x21, 0xc3] {
            for len in 0..20 {
                for pos in 0..len {
                    let mut v = vec![b'a'; len];
                    v[pos] = special;
                    samples.push(v);
                }
            }
        }
        for s in samples {
            assert_eq!(needs_escape(&s), slow(&s), "{s:?}");
        }
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = Vec::new();
        push_str(&mut out, "a\"b\\c\nd\u{1}é");
        assert_eq!(out, "\"a\\\"b\\\\c\\nd\\u0001é\"".as_bytes());
    }
}
