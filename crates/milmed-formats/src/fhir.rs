//! FHIR R4: one Bundle per patient (docs/formats/fhir.md), written by hand like the JSON record
//! for speed — no intermediate tree, no allocation per patient once the scratch space is warm.
//!
//! A bundle holds the Patient, one Encounter per role visit, a Condition per condition, a
//! Procedure per treatment, vital-sign Observations per assessment, a triage Observation per
//! triage, blood group, weight and height. Every `reference` points at a `fullUrl` of the same
//! bundle; every id is a UUID derived from (seed, patient id, resource index), never random.

use milmed_core::nations::NATIONS;
use milmed_core::record::{EventDetail, EventKind, Outcome, Patient, Place, Vitals};
use milmed_core::rng::derive;
use milmed_core::scenario::{Role, Scenario};

use crate::json::{end_array, end_object, key, kv_raw, kv_str, kv_time, push_str, push_tenths};

/// Identifier system of the project's NATO triage code system (T1–T4).
pub const TRIAGE_SYSTEM: &str = "https://milmed.invalid/fhir/CodeSystem/nato-triage";
/// Identifier system of the project's NATO role-of-care code system (POI, R1–R4, CSU).
pub const ROLE_SYSTEM: &str = "https://milmed.invalid/fhir/CodeSystem/nato-role-of-care";
/// Extension carrying the STANAG 2116 rank code.
pub const RANK_EXTENSION: &str = "https://milmed.invalid/fhir/StructureDefinition/military-rank";
/// Extension carrying the military unit.
pub const UNIT_EXTENSION: &str = "https://milmed.invalid/fhir/StructureDefinition/military-unit";
/// Identifier system prefix of service numbers (the nation's ISO code follows).
pub const SERVICE_NUMBER_SYSTEM: &str = "https://milmed.invalid/id/service-number/";

const SNOMED: &str = "http://snomed.info/sct";
const LOINC: &str = "http://loinc.org";
const UCUM: &str = "http://unitsofmeasure.org";
const NATIONALITY: &str = "http://hl7.org/fhir/StructureDefinition/patient-nationality";

/// Domain tag mixed into the UUID derivation so FHIR ids never collide with other streams.
const UUID_DOMAIN: u64 = 0x4648_4952_5234; // "FHIRR4"

/// A deterministic UUID (RFC 9562 version 8, "custom") for resource `index` of patient
/// `patient` under `seed`, as 36 lowercase characters.
pub fn resource_uuid(seed: u64, patient: u64, index: u64) -> [u8; 36] {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hi = derive(seed, &[UUID_DOMAIN, patient, index]);
    let lo = derive(seed, &[UUID_DOMAIN, patient, index, 1]);
    // Version 8 in the high nibble of octet 6, variant 0b10 in the top bits of octet 8.
    let hi = (hi & !0xF000) | 0x8000;
    let lo = (lo & !(0b11 << 62)) | (0b10 << 62);
    let mut out = [b'-'; 36];
    let mut pos = 0;
    for (word, groups) in [(hi, &[8usize, 4, 4][..]), (lo, &[4usize, 12][..])] {
        let mut nibble = 16;
        for &g in groups {
            for _ in 0..g {
                nibble -= 1;
                out[pos] = HEX[((word >> (nibble * 4)) & 0xf) as usize];
                pos += 1;
            }
            pos += 1;
        }
    }
    out
}

/// Display of a role of care in the project's role code system.
pub fn role_display(role: Role) -> &'static str {
    match role {
        Role::Poi => "Point of injury",
        Role::R1 => "Role 1",
        Role::R2 => "Role 2",
        Role::R3 => "Role 3",
        Role::Csu => "Casualty staging unit",
        Role::R4 => "Role 4",
    }
}

/// One stay at a role of care, reconstructed from the timeline.
#[derive(Debug, Clone, Copy)]
struct Visit {
    place: Place,
    start: i64,
    end: Option<i64>,
    /// How the stay ended (transfer, death, return to duty), when it did.
    ended_by: Option<EventKind>,
    uuid: [u8; 36],
}

/// Reusable scratch space of the bundle writer (keeps its capacity between patients).
#[derive(Debug, Default)]
pub struct FhirScratch {
    visits: Vec<Visit>,
}

/// Writes resource ids in order: the bundle is 0, the patient 1, then everything else.
struct Ids {
    seed: u64,
    patient: u64,
    next: u64,
}

impl Ids {
    fn next(&mut self) -> [u8; 36] {
        let u = resource_uuid(self.seed, self.patient, self.next);
        self.next += 1;
        u
    }
}

fn push_uuid_ref(out: &mut Vec<u8>, k: &str, uuid: &[u8; 36]) {
    key(out, k);
    out.extend_from_slice(b"{\"reference\":\"urn:uuid:");
    out.extend_from_slice(uuid);
    out.extend_from_slice(b"\"},");
}

fn begin_entry(out: &mut Vec<u8>, uuid: &[u8; 36], resource_type: &str) {
    out.extend_from_slice(b"{\"fullUrl\":\"urn:uuid:");
    out.extend_from_slice(uuid);
    out.extend_from_slice(b"\",\"resource\":{\"resourceType\":\"");
    out.extend_from_slice(resource_type.as_bytes());
    out.extend_from_slice(b"\",\"id\":\"");
    out.extend_from_slice(uuid);
    out.extend_from_slice(b"\",");
}

fn end_entry(out: &mut Vec<u8>, uuid: &[u8; 36], resource_type: &str, transaction: bool) {
    end_object(out);
    if transaction {
        // PUT with the deterministic id: loading the same output twice is idempotent.
        out.extend_from_slice(b",\"request\":{\"method\":\"PUT\",\"url\":\"");
        out.extend_from_slice(resource_type.as_bytes());
        out.push(b'/');
        out.extend_from_slice(uuid);
        out.extend_from_slice(b"\"}");
    }
    out.extend_from_slice(b"},");
}

/// `"k":{"coding":[{"system":…,"code":…,"display":…}]` plus an optional text, then `},`.
fn concept(out: &mut Vec<u8>, k: &str, system: &str, code: &str, display: &str, text: &str) {
    key(out, k);
    out.extend_from_slice(b"{\"coding\":[{\"system\":\"");
    out.extend_from_slice(system.as_bytes());
    out.extend_from_slice(b"\",\"code\":\"");
    out.extend_from_slice(code.as_bytes());
    out.extend_from_slice(b"\",\"display\":");
    push_str(out, display);
    out.extend_from_slice(b"}]");
    if !text.is_empty() {
        out.extend_from_slice(b",\"text\":");
        push_str(out, text);
    }
    out.extend_from_slice(b"},");
}

/// `"category":[{"coding":[{"system":…observation-category,"code":…}]}],` (no display: the
/// category codes are self-explanatory and an Observation has one each).
fn observation_category(out: &mut Vec<u8>, code: &str) {
    out.extend_from_slice(
        b"\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/observation-category\",\"code\":\"",
    );
    out.extend_from_slice(code.as_bytes());
    out.extend_from_slice(b"\"}]}],");
}

/// `"valueQuantity":{"value":…,"unit":…,"system":UCUM,"code":…},` with `value` pre-formatted.
fn quantity(out: &mut Vec<u8>, k: &str, value: impl FnOnce(&mut Vec<u8>), unit: &str) {
    key(out, k);
    out.extend_from_slice(b"{\"value\":");
    value(out);
    out.extend_from_slice(b",\"unit\":\"");
    out.extend_from_slice(unit.as_bytes());
    out.extend_from_slice(b"\",\"system\":\"");
    out.extend_from_slice(UCUM.as_bytes());
    out.extend_from_slice(b"\",\"code\":\"");
    out.extend_from_slice(unit.as_bytes());
    out.extend_from_slice(b"\"},");
}

fn int(v: u64) -> impl FnOnce(&mut Vec<u8>) {
    move |out| {
        let mut b = itoa::Buffer::new();
        out.extend_from_slice(b.format(v).as_bytes());
    }
}

/// Facility display: the configured facility's name, else the role's name.
fn place_display(s: &Scenario, place: Place) -> &str {
    place
        .facility
        .and_then(|i| s.facilities.get(usize::from(i)))
        .map(|f| f.name.as_str())
        .unwrap_or_else(|| role_display(place.role))
}

/// Rebuilds the role visits from the timeline: a visit opens at the injury (point of injury)
/// or an arrival and closes at the next departure or outcome.
fn build_visits(p: &Patient, ids: &mut Ids, visits: &mut Vec<Visit>) {
    visits.clear();
    visits.push(Visit {
        place: Place::POI,
        start: p.injury_time,
        end: None,
        ended_by: None,
        uuid: ids.next(),
    });
    let mut open = true;
    for e in &p.timeline {
        match e.kind {
            EventKind::Arrival => {
                visits.push(Visit {
                    place: e.place,
                    start: e.time,
                    end: None,
                    ended_by: None,
                    uuid: ids.next(),
                });
                open = true;
            }
            EventKind::TransitStart
            | EventKind::Kia
            | EventKind::Dow
            | EventKind::DiedDnbi
            | EventKind::Rtd
                if open =>
            {
                if let Some(v) = visits.last_mut() {
                    v.end = Some(e.time);
                    v.ended_by = Some(e.kind);
                }
                open = false;
            }
            _ => {}
        }
    }
}

/// The visit during which something happened at `place` at time `t`.
fn visit_at(visits: &[Visit], place: Place, t: i64) -> &[u8; 36] {
    visits
        .iter()
        .rev()
        .find(|v| v.place.role == place.role && v.start <= t)
        .or_else(|| visits.iter().rev().find(|v| v.start <= t))
        .or(visits.first())
        .map(|v| &v.uuid)
        .unwrap_or(&[b'0'; 36])
}

fn encounter_class(role: Role) -> (&'static str, &'static str) {
    match role {
        Role::Poi => ("FLD", "field"),
        Role::R1 => ("EMER", "emergency"),
        _ => ("IMP", "inpatient encounter"),
    }
}

/// Condition severity (the FHIR condition-severity value set) from a severity score: the
/// patient's ISS for the primary condition, a condition's typical AIS for the others.
fn severity(primary: bool, iss: u8, ais: u8) -> (&'static str, &'static str) {
    let class = if primary {
        match iss {
            0..=8 => 0,
            9..=15 => 1,
            _ => 2,
        }
    } else {
        match ais {
            0..=2 => 0,
            3 => 1,
            _ => 2,
        }
    };
    [
        ("255604002", "Mild"),
        ("6736007", "Moderate"),
        ("24484000", "Severe"),
    ][class]
}

/// Writes one patient's Bundle as compact JSON (no trailing newline).
pub fn write_bundle(
    out: &mut Vec<u8>,
    s: &Scenario,
    p: &Patient,
    transaction: bool,
    scratch: &mut FhirScratch,
) {
    let mut ids = Ids {
        seed: s.seed,
        patient: p.id,
        next: 0,
    };
    let bundle_id = ids.next();
    let patient = ids.next();
    build_visits(p, &mut ids, &mut scratch.visits);
    let visits = &scratch.visits;
    let nation = NATIONS.get(p.person.nation);
    let death_time = p
        .timeline
        .iter()
        .rev()
        .find(|e| {
            matches!(
                e.kind,
                EventKind::Kia | EventKind::Dow | EventKind::DiedDnbi
            )
        })
        .map(|e| e.time);
    let rtd_time = p
        .timeline
        .iter()
        .rev()
        .find(|e| e.kind == EventKind::Rtd)
        .map(|e| e.time);

    out.extend_from_slice(b"{\"resourceType\":\"Bundle\",\"id\":\"");
    out.extend_from_slice(&bundle_id);
    out.extend_from_slice(b"\",\"type\":\"");
    out.extend_from_slice(if transaction {
        b"transaction"
    } else {
        b"collection"
    });
    out.extend_from_slice(b"\",");
    if let Some(last) = p.timeline.last() {
        kv_time(out, "timestamp", last.time);
    }
    out.extend_from_slice(b"\"entry\":[");

    // Patient.
    begin_entry(out, &patient, "Patient");
    out.extend_from_slice(b"\"extension\":[");
    if let Some(n) = nation {
        out.extend_from_slice(b"{\"url\":\"");
        out.extend_from_slice(NATIONALITY.as_bytes());
        out.extend_from_slice(b"\",\"extension\":[{\"url\":\"code\",");
        concept(
            out,
            "valueCodeableConcept",
            "urn:iso:std:iso:3166",
            n.code,
            n.name,
            "",
        );
        end_object(out);
        out.extend_from_slice(b"]},");
    }
    out.extend_from_slice(b"{\"url\":\"");
    out.extend_from_slice(RANK_EXTENSION.as_bytes());
    out.extend_from_slice(b"\",");
    kv_str(out, "valueString", p.person.rank);
    end_object(out);
    out.extend_from_slice(b",{\"url\":\"");
    out.extend_from_slice(UNIT_EXTENSION.as_bytes());
    out.extend_from_slice(b"\",");
    kv_str(out, "valueString", &p.person.unit);
    end_object(out);
    out.extend_from_slice(b"],\"identifier\":[");
    if let Some(n) = nation {
        out.extend_from_slice(b"{\"use\":\"official\",\"type\":{\"text\":");
        push_str(out, n.id_scheme);
        out.extend_from_slice(b"},");
        kv_str(out, "system", n.id_system_uri);
        kv_str(out, "value", &p.person.id_number);
        end_object(out);
        out.push(b',');
    }
    out.extend_from_slice(
        b"{\"use\":\"secondary\",\"type\":{\"text\":\"Service number\"},\"system\":\"",
    );
    out.extend_from_slice(SERVICE_NUMBER_SYSTEM.as_bytes());
    out.extend_from_slice(nation.map(|n| n.code).unwrap_or("XXX").as_bytes());
    out.extend_from_slice(b"\",");
    kv_str(out, "value", &p.person.service_number);
    end_object(out);
    out.extend_from_slice(b"],\"name\":[{\"use\":\"official\",");
    kv_str(out, "family", &p.person.family_name);
    out.extend_from_slice(b"\"given\":[");
    push_str(out, p.person.given_name);
    out.extend_from_slice(b"]}],");
    kv_raw(
        out,
        "gender",
        if p.person.female { "female" } else { "male" },
    );
    key(out, "birthDate");
    out.push(b'"');
    p.person.birth_date.write_iso(out);
    out.extend_from_slice(b"\",");
    if let Some(t) = death_time {
        kv_time(out, "deceasedDateTime", t);
    }
    end_entry(out, &patient, "Patient", transaction);

    // Encounters, one per role visit.
    for v in visits {
        begin_entry(out, &v.uuid, "Encounter");
        kv_raw(
            out,
            "status",
            if v.end.is_some() {
                "finished"
            } else {
                "in-progress"
            },
        );
        let (class, class_display) = encounter_class(v.place.role);
        out.extend_from_slice(
            b"\"class\":{\"system\":\"http://terminology.hl7.org/CodeSystem/v3-ActCode\",\"code\":\"",
        );
        out.extend_from_slice(class.as_bytes());
        out.extend_from_slice(b"\",\"display\":\"");
        out.extend_from_slice(class_display.as_bytes());
        out.extend_from_slice(b"\"},\"type\":[");
        out.extend_from_slice(b"{\"coding\":[{\"system\":\"");
        out.extend_from_slice(ROLE_SYSTEM.as_bytes());
        out.extend_from_slice(b"\",\"code\":\"");
        out.extend_from_slice(v.place.role.code().as_bytes());
        out.extend_from_slice(b"\",\"display\":\"");
        out.extend_from_slice(role_display(v.place.role).as_bytes());
        out.extend_from_slice(b"\"}]}],");
        push_uuid_ref(out, "subject", &patient);
        key(out, "period");
        out.push(b'{');
        kv_time(out, "start", v.start);
        if let Some(end) = v.end {
            kv_time(out, "end", end);
        }
        end_object(out);
        out.push(b',');
        let disposition = match v.ended_by {
            Some(EventKind::TransitStart) => Some(("other-hcf", "Other healthcare facility", "")),
            Some(EventKind::Kia | EventKind::Dow | EventKind::DiedDnbi) => {
                Some(("exp", "Expired", ""))
            }
            Some(EventKind::Rtd) => Some(("oth", "Other", "Returned to duty")),
            _ => None,
        };
        if let Some((code, display, text)) = disposition {
            out.extend_from_slice(b"\"hospitalization\":{");
            concept(
                out,
                "dischargeDisposition",
                "http://terminology.hl7.org/CodeSystem/discharge-disposition",
                code,
                display,
                text,
            );
            end_object(out);
            out.push(b',');
        }
        out.extend_from_slice(b"\"location\":[{\"location\":{\"display\":");
        push_str(out, place_display(s, v.place));
        out.extend_from_slice(b"},\"status\":\"");
        out.extend_from_slice(if v.end.is_some() {
            b"completed"
        } else {
            b"active"
        });
        out.extend_from_slice(b"\"}],\"serviceProvider\":{\"display\":\"");
        out.extend_from_slice(b"NATO ");
        out.extend_from_slice(role_display(v.place.role).as_bytes());
        out.extend_from_slice(b"\"},");
        end_entry(out, &v.uuid, "Encounter", transaction);
    }

    // Conditions.
    let first_visit = visits[0].uuid;
    for (i, c) in p.conditions.iter().enumerate() {
        let uuid = ids.next();
        begin_entry(out, &uuid, "Condition");
        let resolved = p.outcome == Outcome::Rtd;
        out.extend_from_slice(
            b"\"clinicalStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-clinical\",\"code\":\"",
        );
        out.extend_from_slice(if resolved { b"resolved" } else { b"active" });
        out.extend_from_slice(b"\"}]},\"verificationStatus\":{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-ver-status\",\"code\":\"confirmed\"}]},\"category\":[{\"coding\":[{\"system\":\"http://terminology.hl7.org/CodeSystem/condition-category\",\"code\":\"encounter-diagnosis\",\"display\":\"Encounter Diagnosis\"}]}],");
        let (sev, sev_display) = severity(i == 0, p.iss, c.def.ais);
        concept(out, "severity", SNOMED, sev, sev_display, "");
        concept(out, "code", SNOMED, c.def.code, c.def.display, "");
        out.extend_from_slice(b"\"bodySite\":[");
        match c.region.body_site() {
            Some((code, display)) => {
                out.extend_from_slice(b"{\"coding\":[{\"system\":\"");
                out.extend_from_slice(SNOMED.as_bytes());
                out.extend_from_slice(b"\",\"code\":\"");
                out.extend_from_slice(code.as_bytes());
                out.extend_from_slice(b"\",\"display\":");
                push_str(out, display);
                out.extend_from_slice(b"}],\"text\":\"");
            }
            None => out.extend_from_slice(b"{\"text\":\""),
        }
        out.extend_from_slice(c.region.key().as_bytes());
        out.extend_from_slice(b"\"}],");
        push_uuid_ref(out, "subject", &patient);
        push_uuid_ref(out, "encounter", &first_visit);
        kv_time(out, "onsetDateTime", p.injury_time);
        if let (true, Some(t)) = (resolved, rtd_time) {
            kv_time(out, "abatementDateTime", t);
        }
        kv_time(out, "recordedDate", p.injury_time.max(first_contact(p)));
        end_entry(out, &uuid, "Condition", transaction);
    }

    // Procedures.
    for t in &p.treatments {
        let uuid = ids.next();
        begin_entry(out, &uuid, "Procedure");
        kv_raw(out, "status", "completed");
        concept(out, "code", SNOMED, t.def.code, t.def.display, "");
        push_uuid_ref(out, "subject", &patient);
        push_uuid_ref(out, "encounter", visit_at(visits, t.place, t.time));
        kv_time(out, "performedDateTime", t.time);
        end_entry(out, &uuid, "Procedure", transaction);
    }

    // Vital signs, one Observation per measurement (the BP panel with its two components).
    for v in &p.vitals {
        let enc = *visit_at(visits, v.place, v.time);
        vital_observations(out, &mut ids, &patient, &enc, v, transaction);
    }

    // Triage at each assessment.
    for e in &p.timeline {
        if let EventDetail::Triage(tri) = e.detail {
            let uuid = ids.next();
            begin_entry(out, &uuid, "Observation");
            kv_raw(out, "status", "final");
            observation_category(out, "survey");
            concept(out, "code", SNOMED, "273887006", "Triage index", "");
            push_uuid_ref(out, "subject", &patient);
            push_uuid_ref(out, "encounter", visit_at(visits, e.place, e.time));
            kv_time(out, "effectiveDateTime", e.time);
            concept(
                out,
                "valueCodeableConcept",
                TRIAGE_SYSTEM,
                tri.code(),
                tri.name(),
                "",
            );
            end_entry(out, &uuid, "Observation", transaction);
        }
    }

    // Blood group, weight and height (from the person's records, so no encounter).
    let uuid = ids.next();
    begin_entry(out, &uuid, "Observation");
    kv_raw(out, "status", "final");
    observation_category(out, "laboratory");
    concept(
        out,
        "code",
        LOINC,
        "882-1",
        "ABO and Rh group [Type] in Blood",
        "",
    );
    push_uuid_ref(out, "subject", &patient);
    let (code, display) = p.person.blood_group.snomed();
    concept(
        out,
        "valueCodeableConcept",
        SNOMED,
        code,
        display,
        p.person.blood_group.label(),
    );
    end_entry(out, &uuid, "Observation", transaction);
    for (code, display, unit, value) in [
        ("29463-7", "Body weight", "kg", p.person.weight_kg),
        ("8302-2", "Body height", "cm", p.person.height_cm),
    ] {
        let uuid = ids.next();
        begin_entry(out, &uuid, "Observation");
        kv_raw(out, "status", "final");
        observation_category(out, "vital-signs");
        concept(out, "code", LOINC, code, display, "");
        push_uuid_ref(out, "subject", &patient);
        quantity(out, "valueQuantity", int(u64::from(value)), unit);
        end_entry(out, &uuid, "Observation", transaction);
    }
    end_array(out);
    out.push(b'}');
}

/// Time of first medical contact (first triage or arrival), or the injury time.
fn first_contact(p: &Patient) -> i64 {
    p.timeline
        .iter()
        .find(|e| matches!(e.kind, EventKind::Triage | EventKind::Arrival))
        .map(|e| e.time)
        .unwrap_or(p.injury_time)
}

fn vital_observations(
    out: &mut Vec<u8>,
    ids: &mut Ids,
    patient: &[u8; 36],
    encounter: &[u8; 36],
    v: &Vitals,
    transaction: bool,
) {
    use milmed_core::catalog::observations as o;
    let head = |out: &mut Vec<u8>, uuid: &[u8; 36], category: &str| {
        begin_entry(out, uuid, "Observation");
        kv_raw(out, "status", "final");
        observation_category(out, category);
    };
    let tail = |out: &mut Vec<u8>| {
        push_uuid_ref(out, "subject", patient);
        push_uuid_ref(out, "encounter", encounter);
        kv_time(out, "effectiveDateTime", v.time);
    };
    const VITAL: &str = "vital-signs";
    const EXAM: &str = "exam";
    let simple: [(&milmed_core::catalog::ObservationDef, u64, &str); 2] = [
        (&o::HEART_RATE, u64::from(v.heart_rate), VITAL),
        (&o::RESPIRATORY_RATE, u64::from(v.respiratory_rate), VITAL),
    ];
    for (def, value, cat) in simple {
        let uuid = ids.next();
        head(out, &uuid, cat);
        concept(out, "code", LOINC, def.code, def.display, "");
        tail(out);
        quantity(out, "valueQuantity", int(value), def.unit);
        end_entry(out, &uuid, "Observation", transaction);
    }
    // Blood pressure panel with systolic and diastolic components.
    let uuid = ids.next();
    head(out, &uuid, VITAL);
    concept(out, "code", LOINC, "85354-9", "Blood pressure panel", "");
    tail(out);
    out.extend_from_slice(b"\"component\":[");
    for (def, value) in [
        (&o::SYSTOLIC_BP, v.systolic),
        (&o::DIASTOLIC_BP, v.diastolic),
    ] {
        out.push(b'{');
        concept(out, "code", LOINC, def.code, def.display, "");
        quantity(out, "valueQuantity", int(u64::from(value)), def.unit);
        end_object(out);
        out.push(b',');
    }
    end_array(out);
    out.push(b',');
    end_entry(out, &uuid, "Observation", transaction);
    // SpO2: the vital-signs profile's 2708-6 plus the pulse-oximetry code actually measured.
    let uuid = ids.next();
    head(out, &uuid, VITAL);
    out.extend_from_slice(b"\"code\":{\"coding\":[{\"system\":\"http://loinc.org\",\"code\":\"2708-6\",\"display\":\"Oxygen saturation in Arterial blood\"},{\"system\":\"http://loinc.org\",\"code\":\"");
    out.extend_from_slice(o::SPO2.code.as_bytes());
    out.extend_from_slice(b"\",\"display\":\"");
    out.extend_from_slice(o::SPO2.display.as_bytes());
    out.extend_from_slice(b"\"}]},");
    tail(out);
    quantity(out, "valueQuantity", int(u64::from(v.spo2)), o::SPO2.unit);
    end_entry(out, &uuid, "Observation", transaction);
    // Temperature (tenths of a degree).
    let uuid = ids.next();
    head(out, &uuid, VITAL);
    concept(
        out,
        "code",
        LOINC,
        o::TEMPERATURE.code,
        o::TEMPERATURE.display,
        "",
    );
    tail(out);
    let t = i64::from(v.temperature_dc);
    quantity(
        out,
        "valueQuantity",
        move |out| push_tenths(out, t),
        o::TEMPERATURE.unit,
    );
    end_entry(out, &uuid, "Observation", transaction);
    for (def, value) in [(&o::GCS, v.gcs), (&o::PAIN, v.pain)] {
        let uuid = ids.next();
        head(out, &uuid, EXAM);
        concept(out, "code", LOINC, def.code, def.display, "");
        tail(out);
        quantity(out, "valueQuantity", int(u64::from(value)), def.unit);
        end_entry(out, &uuid, "Observation", transaction);
    }
}
