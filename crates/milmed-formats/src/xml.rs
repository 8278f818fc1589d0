//! The XML document `patients.xml` (docs/formats/xml.md, schema docs/formats/patients.xsd):
//! one root element carrying the metadata, one `<patient>` element per record, streamed.
//!
//! Element and attribute names follow the JSON record's field names. Every text goes through
//! [`push_text`] / [`push_attr`], which escape markup characters and replace characters that
//! XML 1.0 does not allow (most C0 controls, U+FFFE, U+FFFF) with U+FFFD.

use milmed_core::nations::NATIONS;
use milmed_core::record::{Condition, EventDetail, EventKind, Patient};
use milmed_core::scenario::Scenario;
use milmed_core::time::write_timestamp;
use serde_json::Value;

use crate::json::{
    event_id_hex, hours_hundredths, place_labels, push_hundredths, push_tenths, push_u64,
    severity_class,
};

/// Namespace of the document (the XSD's target namespace).
pub const NAMESPACE: &str = "https://milmed.invalid/schema/patients/1";

/// Whether `c` may appear in an XML 1.0 document.
fn xml_char_ok(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

fn push_escaped(out: &mut Vec<u8>, s: &str, attr: bool) {
    let needs_work = s
        .bytes()
        .any(|b| b < 0x20 || b == b'&' || b == b'<' || b == b'>' || b == b'"' || b == 0xEF);
    if !needs_work {
        out.extend_from_slice(s.as_bytes());
        return;
    }
    let mut utf8 = [0u8; 4];
    for c in s.chars() {
        match c {
            '&' => out.extend_from_slice(b"&amp;"),
            '<' => out.extend_from_slice(b"&lt;"),
            '>' => out.extend_from_slice(b"&gt;"),
            '"' if attr => out.extend_from_slice(b"&quot;"),
            // Attribute-value normalisation would turn these into spaces: keep them as refs.
            '\t' if attr => out.extend_from_slice(b"&#9;"),
            '\n' if attr => out.extend_from_slice(b"&#10;"),
            '\r' => out.extend_from_slice(b"&#13;"),
            c if !xml_char_ok(c) => out.extend_from_slice("\u{FFFD}".as_bytes()),
            c => out.extend_from_slice(c.encode_utf8(&mut utf8).as_bytes()),
        }
    }
}

/// Appends `s` as XML character data.
pub fn push_text(out: &mut Vec<u8>, s: &str) {
    push_escaped(out, s, false);
}

/// Appends `s` as the content of a double-quoted attribute value.
pub fn push_attr(out: &mut Vec<u8>, s: &str) {
    push_escaped(out, s, true);
}

/// ` name="value"` with escaping.
fn attr(out: &mut Vec<u8>, name: &str, value: &str) {
    out.push(b' ');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"=\"");
    push_attr(out, value);
    out.push(b'"');
}

/// ` name="value"` for values known to need no escaping (codes, keys, numbers).
fn attr_raw(out: &mut Vec<u8>, name: &str, value: &[u8]) {
    out.push(b' ');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"=\"");
    out.extend_from_slice(value);
    out.push(b'"');
}

fn attr_u64(out: &mut Vec<u8>, name: &str, v: u64) {
    let mut b = itoa::Buffer::new();
    attr_raw(out, name, b.format(v).as_bytes());
}

fn attr_time(out: &mut Vec<u8>, name: &str, t: i64) {
    out.push(b' ');
    out.extend_from_slice(name.as_bytes());
    out.extend_from_slice(b"=\"");
    write_timestamp(t, out);
    out.push(b'"');
}

/// `<name>text</name>`.
fn element(out: &mut Vec<u8>, name: &str, text: &str) {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
    push_text(out, text);
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
}

fn element_u64(out: &mut Vec<u8>, name: &str, v: u64) {
    out.push(b'<');
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
    push_u64(out, v);
    out.extend_from_slice(b"</");
    out.extend_from_slice(name.as_bytes());
    out.push(b'>');
}

/// The XML declaration and the root start tag with the file's metadata as attributes.
pub fn prologue(metadata: &Value) -> Vec<u8> {
    let mut out = Vec::with_capacity(512);
    out.extend_from_slice(b"<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<patients xmlns=\"");
    out.extend_from_slice(NAMESPACE.as_bytes());
    out.push(b'"');
    for name in [
        "schema_version",
        "generator",
        "generator_version",
        "seed",
        "scenario_hash",
        "scenario_name",
        "total_patients",
        "base_date",
        "days",
    ] {
        match metadata.get(name) {
            Some(Value::String(s)) => attr(&mut out, name, s),
            Some(Value::Number(n)) => attr(&mut out, name, &n.to_string()),
            Some(Value::Bool(b)) => attr(&mut out, name, if *b { "true" } else { "false" }),
            _ => {}
        }
    }
    out.extend_from_slice(b">\n");
    out
}

/// The root end tag.
pub const EPILOGUE: &[u8] = b"</patients>\n";

fn condition(out: &mut Vec<u8>, c: &Condition, primary: bool) {
    out.extend_from_slice(b"<condition");
    attr_raw(out, "code", c.def.code.as_bytes());
    attr_raw(out, "body_region", c.region.key().as_bytes());
    attr_raw(out, "mechanism", c.mechanism.key().as_bytes());
    attr_raw(out, "primary", if primary { b"true" } else { b"false" });
    out.push(b'>');
    push_text(out, c.def.display);
    out.extend_from_slice(b"</condition>");
}

/// Writes one `<patient>` element followed by a newline.
pub fn write_patient(out: &mut Vec<u8>, s: &Scenario, p: &Patient) {
    let nation = NATIONS.get(p.person.nation).map(|n| n.code).unwrap_or("");
    let gender = if p.person.female { "female" } else { "male" };
    out.extend_from_slice(b"<patient");
    attr_u64(out, "id", p.id);
    attr_raw(out, "nationality", nation.as_bytes());
    attr_raw(out, "gender", gender.as_bytes());
    attr_raw(out, "injury_type", p.category.label().as_bytes());
    attr_raw(out, "triage_category", p.triage.code().as_bytes());
    attr_raw(out, "status", p.outcome.status().as_bytes());
    attr(out, "front", &s.fronts[p.front].id);
    attr_raw(out, "final_status", p.outcome.code().as_bytes());
    let (role, fid) = place_labels(s, p.last_place);
    attr_raw(out, "last_facility", role.as_bytes());
    if let Some(fid) = fid {
        attr(out, "last_facility_id", fid);
    }
    out.extend_from_slice(b"><demographics>");
    let d = &p.person;
    element(out, "given_name", d.given_name);
    element(out, "family_name", &d.family_name);
    element(out, "gender", gender);
    out.extend_from_slice(b"<birthdate>");
    d.birth_date.write_iso(out);
    out.extend_from_slice(b"</birthdate>");
    element_u64(out, "age", u64::from(d.age));
    element(out, "nationality", nation);
    element(out, "id_number", &d.id_number);
    element(out, "service_number", &d.service_number);
    element(out, "rank", d.rank);
    element(out, "unit", &d.unit);
    element(out, "blood_type", d.blood_group.label());
    element_u64(out, "weight_kg", u64::from(d.weight_kg));
    element_u64(out, "height_cm", u64::from(d.height_cm));
    out.extend_from_slice(b"</demographics><conditions>");
    for (i, c) in p.conditions.iter().enumerate() {
        condition(out, c, i == 0);
    }
    out.extend_from_slice(b"</conditions><severity");
    attr_raw(out, "class", severity_class(p.iss).as_bytes());
    out.push(b'>');
    push_u64(out, u64::from(p.iss));
    out.extend_from_slice(b"</severity><vitals>");
    for v in &p.vitals {
        out.extend_from_slice(b"<vital");
        attr_time(out, "time", v.time);
        attr_raw(out, "facility", v.place.role.code().as_bytes());
        attr_u64(out, "heart_rate", u64::from(v.heart_rate));
        attr_u64(out, "respiratory_rate", u64::from(v.respiratory_rate));
        attr_u64(out, "systolic_bp", u64::from(v.systolic));
        attr_u64(out, "diastolic_bp", u64::from(v.diastolic));
        attr_u64(out, "spo2", u64::from(v.spo2));
        out.extend_from_slice(b" temperature=\"");
        push_tenths(out, i64::from(v.temperature_dc));
        out.push(b'"');
        attr_u64(out, "gcs", u64::from(v.gcs));
        attr_u64(out, "pain", u64::from(v.pain));
        out.extend_from_slice(b"/>");
    }
    out.extend_from_slice(b"</vitals><treatments>");
    for t in &p.treatments {
        out.extend_from_slice(b"<treatment");
        attr_raw(out, "code", t.def.code.as_bytes());
        attr_raw(out, "facility", t.place.role.code().as_bytes());
        attr_time(out, "time", t.time);
        out.push(b'>');
        push_text(out, t.def.display);
        out.extend_from_slice(b"</treatment>");
    }
    out.extend_from_slice(b"</treatments><movement_timeline>");
    for e in &p.timeline {
        out.extend_from_slice(b"<event");
        attr_raw(out, "event_type", e.kind.code().as_bytes());
        let (role, fid) = place_labels(s, e.place);
        attr_raw(out, "facility", role.as_bytes());
        if let (Some(fid), EventKind::Arrival | EventKind::Diverted) = (fid, e.kind) {
            attr(out, "facility_id", fid);
        }
        attr_time(out, "timestamp", e.time);
        out.extend_from_slice(b" hours_since_injury=\"");
        push_hundredths(out, hours_hundredths(p.injury_time, e.time));
        out.push(b'"');
        match e.detail {
            EventDetail::None => {}
            EventDetail::Triage(t) => attr_raw(out, "triage", t.code().as_bytes()),
            EventDetail::Procedure(d) => attr_raw(out, "code", d.code.as_bytes()),
            EventDetail::Transport(t) => attr_raw(out, "transport", t.key().as_bytes()),
        }
        out.extend_from_slice(b"/>");
    }
    out.extend_from_slice(b"</movement_timeline><injury_time>");
    write_timestamp(p.injury_time, out);
    out.extend_from_slice(b"</injury_time>");
    element(out, "scenario", p.warfare.key());
    out.extend_from_slice(b"<event_id>");
    event_id_hex(p.event_id, out);
    out.extend_from_slice(b"</event_id>");
    element(
        out,
        "mass_casualty",
        if p.mass_casualty { "true" } else { "false" },
    );
    if let Some(k) = p.special_event {
        element(out, "special_event", k.key());
    }
    element_u64(out, "day", u64::from(p.day));
    element(
        out,
        "body_part",
        p.conditions
            .first()
            .map(|c| c.region.key())
            .unwrap_or("systemic"),
    );
    out.extend_from_slice(b"<environmental_conditions>");
    for e in p.environment.iter() {
        element(out, "condition", e.key());
    }
    out.extend_from_slice(b"</environmental_conditions></patient>\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(s: &str) -> String {
        let mut v = Vec::new();
        push_text(&mut v, s);
        String::from_utf8(v).expect("escaped text stays UTF-8")
    }

    fn attribute(s: &str) -> String {
        let mut v = Vec::new();
        push_attr(&mut v, s);
        String::from_utf8(v).expect("escaped text stays UTF-8")
    }

    #[test]
    fn escapes_markup_and_keeps_non_ascii() {
        assert_eq!(text("Łukasz & <Ørsted>"), "Łukasz &amp; &lt;Ørsted&gt;");
        assert_eq!(attribute("O\"Brien & Sons"), "O&quot;Brien &amp; Sons");
        assert_eq!(text("say \"hi\""), "say \"hi\"");
        assert_eq!(text("Žofie Dvořáková"), "Žofie Dvořáková");
    }

    #[test]
    fn replaces_characters_xml_forbids() {
        assert_eq!(text("a\u{0}b\u{1F}c"), "a\u{FFFD}b\u{FFFD}c");
        assert_eq!(text("x\u{FFFE}y\u{FFFF}"), "x\u{FFFD}y\u{FFFD}");
        assert_eq!(text("tab\tnew\nline"), "tab\tnew\nline");
        assert_eq!(attribute("tab\tnew\nline\r"), "tab&#9;new&#10;line&#13;");
        // U+FFFD itself and other BMP characters starting with 0xEF pass unchanged.
        assert_eq!(text("\u{FFFD}\u{F900}"), "\u{FFFD}\u{F900}");
    }
}
