//! Every record the real engine writes validates against the published JSON Schema
//! (docs/formats/record.schema.json), and the schema rejects broken records.

use jsonschema::Validator;
use milmed_core::engine::Generator;
use milmed_core::presets::PRESETS;
use milmed_core::record::Patient;
use milmed_core::scenario::{parse_str, Scenario};
use milmed_formats::json::write_record;
use serde_json::Value;

const SCHEMA: &str = include_str!("../../../docs/formats/record.schema.json");

/// Patients generated per scenario.
const N: u64 = 2_000;

fn schema() -> Value {
    serde_json::from_str(SCHEMA).expect("record.schema.json is valid JSON")
}

fn validator() -> Validator {
    let schema = schema();
    if let Err(e) = jsonschema::meta::validate(&schema) {
        panic!("record.schema.json does not conform to the draft 2020-12 meta-schema: {e}");
    }
    match jsonschema::draft202012::new(&schema) {
        Ok(v) => v,
        Err(e) => panic!("record.schema.json does not compile: {e}"),
    }
}

fn parse(json: &str) -> Scenario {
    match parse_str(json) {
        Ok(p) => p.scenario,
        Err(e) => panic!("scenario should parse: {e}"),
    }
}

/// Generates `s` with the real engine and validates every record; returns the record count
/// and the first record (for the negative tests).
fn validate_all(label: &str, s: Scenario, v: &Validator) -> (u64, Value) {
    let gen = Generator::new(s);
    let mut p = Patient::empty();
    let mut buf = Vec::with_capacity(8192);
    let mut n = 0u64;
    let mut first = Value::Null;
    let mut failures: Vec<String> = Vec::new();
    for slot in gen.planner() {
        gen.fill(&slot, &mut p);
        buf.clear();
        write_record(&mut buf, gen.scenario(), &p);
        let record: Value = match serde_json::from_slice(&buf) {
            Ok(r) => r,
            Err(e) => panic!(
                "{label}: record {} is not valid JSON ({e}): {}",
                p.id,
                String::from_utf8_lossy(&buf)
            ),
        };
        if failures.len() < 10 {
            for err in v.iter_errors(&record).take(3) {
                failures.push(format!("record {} at {}: {err}", p.id, err.instance_path()));
            }
        }
        if n == 0 {
            first = record;
        }
        n += 1;
    }
    assert!(
        failures.is_empty(),
        "{label}: records violate record.schema.json:\n{}",
        failures.join("\n")
    );
    assert_eq!(n, N, "{label}: wrong number of records");
    (n, first)
}

#[test]
fn every_preset_record_matches_the_schema() {
    let v = validator();
    let mut total = 0;
    for preset in PRESETS {
        let mut s = match preset.parse() {
            Ok(p) => p.scenario,
            Err(e) => panic!("preset {} should parse: {e}", preset.id),
        };
        s.total_patients = N;
        s.seed = 20_260_101;
        total += validate_all(preset.id, s, &v).0;
    }
    assert_eq!(total, N * PRESETS.len() as u64);
}

const DEFAULT_ALL_ON: &str = r#"{
  "total_patients": 2000,
  "seed": 99,
  "environmental_conditions": ["rain", "fog", "storm", "extreme_heat", "extreme_cold",
    "dust_storm", "night_operations", "mountainous_terrain", "urban_debris"],
  "special_events": {"major_offensive": true, "ambush": true, "mass_casualty": true,
    "events": [{"type": "ambush", "day": 2, "hour": 5, "size": 12}]}
}"#;

#[test]
fn default_scenario_with_everything_on_matches_the_schema() {
    let v = validator();
    validate_all("default+all", parse(DEFAULT_ALL_ON), &v);
}

#[test]
fn every_warfare_type_matches_the_schema() {
    let v = validator();
    let s = parse(
        r#"{"total_patients": 2000, "seed": 5, "warfare_types": ["conventional", "artillery",
        "urban", "guerrilla", "drone", "naval", "cbrn", "peacekeeping"],
        "evacuation": {"air_superiority": false}}"#,
    );
    validate_all("all warfare types", s, &v);
}

fn rejects(v: &Validator, record: &Value, what: &str) {
    assert!(
        !v.is_valid(record),
        "the schema should reject a record with {what}"
    );
}

#[test]
fn schema_rejects_broken_records() {
    let v = validator();
    let (_, good) = validate_all("default+all", parse(DEFAULT_ALL_ON), &v);
    assert!(v.is_valid(&good), "the unchanged record must be valid");

    let mut r = good.clone();
    if let Some(o) = r.as_object_mut() {
        o.remove("id");
    }
    rejects(&v, &r, "no id");

    let mut r = good.clone();
    r["triage_category"] = Value::from("T5");
    rejects(&v, &r, "triage T5");

    let mut r = good.clone();
    r["unexpected"] = Value::from(1);
    rejects(&v, &r, "an extra top-level key");

    let mut r = good.clone();
    r["demographics"]["nickname"] = Value::from("Doc");
    rejects(&v, &r, "an extra key in demographics");

    let mut r = good.clone();
    r["movement_timeline"][0]["note"] = Value::from("x");
    rejects(&v, &r, "an extra key in a timeline event");

    let mut r = good.clone();
    r["injury_time"] = Value::from("2025-06-01 10:00:00");
    rejects(&v, &r, "a timestamp without T and Z");

    let mut r = good.clone();
    r["demographics"]["birthdate"] = Value::from("2001-13-01");
    rejects(&v, &r, "month 13 in a date");

    let mut r = good.clone();
    r["conditions"][0]["code"] = Value::from("SCTID-1");
    rejects(&v, &r, "a non-numeric SNOMED CT code");

    let mut r = good.clone();
    r["final_status"] = Value::from("DEAD");
    rejects(&v, &r, "an unknown final_status");

    let mut r = good;
    r["movement_timeline"][0]["triage"] = Value::from("T1");
    rejects(&v, &r, "a triage value on an injury event");
}
