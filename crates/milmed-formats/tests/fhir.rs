//! FHIR R4 bundles: every bundle of 10,000-patient runs passes an independent R4 (4.0.1) model
//! (the SMART on FHIR `fhirclient` models in strict mode, run by tests/py/fhir_validate.py:
//! unknown elements, wrong types, malformed primitives and missing required elements are
//! errors), every reference resolves inside its bundle, ids are unique, well-formed and
//! deterministic, and every code is one of the project's verified codes.

mod support;

use std::collections::{HashMap, HashSet};

use milmed_core::catalog::{data, table_rows};
use milmed_core::engine::Generator;
use milmed_core::scenario::Scenario;
use milmed_formats::fhir::{resource_uuid, write_bundle, FhirScratch, ROLE_SYSTEM, TRIAGE_SYSTEM};
use serde_json::Value;
use support::*;

const N: u64 = 10_000;

/// Runs the independent validator over a file of bundles; returns its JSON summary.
fn python_validate(path: &std::path::Path, array: bool) -> Value {
    let mut args: Vec<&std::path::Path> = vec![path, std::path::Path::new("--self-test")];
    if array {
        args.push(std::path::Path::new("--array"));
    }
    let out = python("fhir_validate.py", &args);
    serde_json::from_str(out.trim()).expect("validator prints a JSON summary")
}

fn excerpt(bytes: &[u8]) -> String {
    let text = String::from_utf8_lossy(bytes);
    text.chars().take(1500).collect()
}

/// The project's verified (code → display) pairs for SNOMED CT and LOINC.
struct Codes {
    snomed: HashMap<String, String>,
    loinc: HashMap<String, String>,
}

impl Codes {
    fn load() -> Self {
        let mut snomed = HashMap::new();
        for t in [
            data::SNOMED_CONDITIONS,
            data::SNOMED_PROCEDURES,
            data::SNOMED_MISC,
        ] {
            snomed.extend(table_rows(t));
        }
        Codes {
            snomed,
            loinc: table_rows(data::LOINC).into_iter().collect(),
        }
    }
}

fn is_uuid_v8(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 36
        && [8, 13, 18, 23].iter().all(|&i| b[i] == b'-')
        && b.iter()
            .enumerate()
            .all(|(i, c)| [8, 13, 18, 23].contains(&i) || matches!(c, b'0'..=b'9' | b'a'..=b'f'))
        && b[14] == b'8'
        && matches!(b[19], b'8' | b'9' | b'a' | b'b')
}

/// Visits every object in a JSON tree.
fn walk<'a>(v: &'a Value, f: &mut impl FnMut(&'a serde_json::Map<String, Value>)) {
    match v {
        Value::Object(m) => {
            f(m);
            for x in m.values() {
                walk(x, f);
            }
        }
        Value::Array(a) => {
            for x in a {
                walk(x, f);
            }
        }
        _ => {}
    }
}

fn str_at<'a>(v: &'a Value, path: &[&str]) -> Option<&'a str> {
    let mut cur = v;
    for k in path {
        cur = cur.get(k)?;
    }
    cur.as_str()
}

/// Our own structural checks of one bundle; returns the resource counts by type.
fn check_bundle(
    label: &str,
    bytes: &[u8],
    transaction: bool,
    codes: &Codes,
    all_ids: &mut HashSet<String>,
) -> HashMap<String, usize> {
    let b: Value = serde_json::from_slice(bytes)
        .unwrap_or_else(|e| panic!("{label}: not JSON ({e}): {}", excerpt(bytes)));
    assert_eq!(b["resourceType"], "Bundle", "{label}");
    assert_eq!(
        b["type"],
        if transaction {
            "transaction"
        } else {
            "collection"
        },
        "{label}"
    );
    let bundle_id = b["id"].as_str().unwrap_or("");
    assert!(is_uuid_v8(bundle_id), "{label}: bundle id {bundle_id}");
    assert!(
        all_ids.insert(bundle_id.to_string()),
        "{label}: duplicate id {bundle_id}"
    );
    let entries = b["entry"].as_array().expect("entries");
    let mut full_urls: HashMap<&str, &Value> = HashMap::new();
    let mut counts: HashMap<String, usize> = HashMap::new();
    for e in entries {
        let full = e["fullUrl"].as_str().expect("fullUrl");
        let r = &e["resource"];
        let rtype = r["resourceType"].as_str().expect("resourceType");
        let id = r["id"].as_str().expect("id");
        assert!(is_uuid_v8(id), "{label}: id {id}");
        assert_eq!(
            full,
            format!("urn:uuid:{id}"),
            "{label}: fullUrl and id disagree"
        );
        assert!(
            full_urls.insert(full, r).is_none(),
            "{label}: duplicate fullUrl {full}"
        );
        assert!(
            all_ids.insert(id.to_string()),
            "{label}: id {id} used twice"
        );
        *counts.entry(rtype.to_string()).or_default() += 1;
        if transaction {
            assert_eq!(e["request"]["method"], "PUT", "{label}");
            assert_eq!(e["request"]["url"], format!("{rtype}/{id}"), "{label}");
        } else {
            assert!(
                e.get("request").is_none(),
                "{label}: request in a collection"
            );
        }
    }
    assert_eq!(counts.get("Patient"), Some(&1), "{label}: one Patient");
    assert!(
        counts.get("Encounter").copied().unwrap_or(0) >= 1,
        "{label}: an Encounter"
    );
    assert!(
        counts.get("Condition").copied().unwrap_or(0) >= 1,
        "{label}: a Condition"
    );

    // Every reference resolves inside the bundle; every code is a verified one.
    walk(&b, &mut |m| {
        if let Some(Value::String(r)) = m.get("reference") {
            assert!(
                full_urls.contains_key(r.as_str()),
                "{label}: dangling reference {r}"
            );
        }
        if let (Some(Value::String(system)), Some(Value::String(code))) =
            (m.get("system"), m.get("code"))
        {
            let display = m.get("display").and_then(Value::as_str);
            match system.as_str() {
                "http://snomed.info/sct" => {
                    let d = codes.snomed.get(code.as_str());
                    assert!(
                        d.is_some(),
                        "{label}: SNOMED CT {code} is not in the project's tables"
                    );
                    assert_eq!(display, d.map(String::as_str), "{label}: display of {code}");
                }
                "http://loinc.org" => {
                    let d = codes.loinc.get(code.as_str());
                    assert!(
                        d.is_some(),
                        "{label}: LOINC {code} is not in the project's tables"
                    );
                    assert_eq!(display, d.map(String::as_str), "{label}: display of {code}");
                }
                s if s == TRIAGE_SYSTEM => {
                    assert!(["T1", "T2", "T3", "T4"].contains(&code.as_str()), "{label}");
                }
                s if s == ROLE_SYSTEM => {
                    assert!(
                        ["POI", "R1", "R2", "R3", "CSU", "R4"].contains(&code.as_str()),
                        "{label}"
                    );
                }
                "http://unitsofmeasure.org" => {
                    assert!(
                        ["/min", "mm[Hg]", "%", "Cel", "{score}", "kg", "cm"]
                            .contains(&code.as_str()),
                        "{label}: unit {code}"
                    );
                }
                "urn:iso:std:iso:3166"
                | "http://terminology.hl7.org/CodeSystem/v3-ActCode"
                | "http://terminology.hl7.org/CodeSystem/observation-category"
                | "http://terminology.hl7.org/CodeSystem/condition-clinical"
                | "http://terminology.hl7.org/CodeSystem/condition-ver-status"
                | "http://terminology.hl7.org/CodeSystem/condition-category"
                | "http://terminology.hl7.org/CodeSystem/discharge-disposition" => {}
                other => panic!("{label}: unexpected code system {other}"),
            }
        }
    });

    // Required bindings and time consistency.
    let mut periods: HashMap<String, (String, Option<String>)> = HashMap::new();
    for e in entries {
        let r = &e["resource"];
        match r["resourceType"].as_str() {
            Some("Patient") => {
                let g = r["gender"].as_str().unwrap_or("");
                assert!(g == "male" || g == "female", "{label}: gender {g}");
                assert!(r["identifier"][0]["system"].as_str().is_some(), "{label}");
                assert!(
                    !r["name"][0]["family"].as_str().unwrap_or("").is_empty(),
                    "{label}"
                );
            }
            Some("Encounter") => {
                let status = r["status"].as_str().unwrap_or("");
                let start = str_at(r, &["period", "start"])
                    .expect("period.start")
                    .to_string();
                let end = str_at(r, &["period", "end"]).map(str::to_string);
                assert_eq!(
                    status == "finished",
                    end.is_some(),
                    "{label}: status {status}"
                );
                assert!(status == "finished" || status == "in-progress", "{label}");
                if let Some(end) = &end {
                    assert!(start <= *end, "{label}: encounter ends before it starts");
                }
                periods.insert(
                    format!("urn:uuid:{}", r["id"].as_str().unwrap_or("")),
                    (start, end),
                );
            }
            _ => {}
        }
    }
    for e in entries {
        let r = &e["resource"];
        let when = r
            .get("performedDateTime")
            .or_else(|| r.get("effectiveDateTime"))
            .and_then(Value::as_str);
        if let (Some(t), Some(enc)) = (when, str_at(r, &["encounter", "reference"])) {
            let (start, end) = periods.get(enc).expect("encounter reference resolves");
            assert!(
                start.as_str() <= t && end.as_ref().is_none_or(|e| t <= e.as_str()),
                "{label}: {} at {t} outside its encounter {start}..{end:?}",
                r["resourceType"]
            );
        }
        if r["resourceType"] == "Observation" {
            assert_eq!(r["status"], "final", "{label}");
            if let Some(q) = r.get("valueQuantity") {
                assert_eq!(q["system"], "http://unitsofmeasure.org", "{label}");
                assert_eq!(q["unit"], q["code"], "{label}");
                assert!(q["value"].is_number(), "{label}");
            }
        }
    }
    counts
}

/// Writes every bundle of `s` to a file, checks each one, then has the independent validator
/// read the whole file; returns the bundle and resource counts.
fn validate_run(label: &str, s: Scenario, transaction: bool) -> (u64, u64) {
    let codes = Codes::load();
    let gen = Generator::new(s);
    let mut scratch = FhirScratch::default();
    let mut buf = Vec::with_capacity(1 << 16);
    let mut file = Vec::new();
    let mut all_ids = HashSet::new();
    let (mut bundles, mut resources) = (0u64, 0u64);
    let mut deaths = 0u64;
    let mut by_type: HashMap<String, u64> = HashMap::new();
    for_each_patient(&gen, |p| {
        buf.clear();
        write_bundle(&mut buf, gen.scenario(), p, transaction, &mut scratch);
        let lbl = format!("{label} patient {}", p.id);
        let counts = check_bundle(&lbl, &buf, transaction, &codes, &mut all_ids);
        for (k, v) in counts {
            *by_type.entry(k).or_default() += v as u64;
            resources += v as u64;
        }
        bundles += 1;
        if p.outcome.is_death() {
            deaths += 1;
            assert!(
                String::from_utf8_lossy(&buf).contains("\"deceasedDateTime\""),
                "{lbl}: a death without Patient.deceasedDateTime"
            );
        }
        file.extend_from_slice(&buf);
        file.push(b'\n');
    });
    assert_eq!(bundles, gen.scenario().total_patients, "{label}");
    assert!(deaths > 0, "{label}: the run should contain deaths");
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("patients.fhir.ndjson");
    std::fs::write(&path, &file).expect("write bundles");
    drop(file);
    let summary = python_validate(&path, false);
    assert_eq!(
        summary["bundles"], bundles,
        "{label}: validator saw every bundle"
    );
    for (k, v) in &by_type {
        assert_eq!(summary["resources"][k], *v, "{label}: {k} count");
    }
    (bundles, resources)
}

#[test]
fn default_scenario_bundles_are_valid_r4() {
    let (bundles, resources) = validate_run("default", default_scenario(N, 42), false);
    assert_eq!(bundles, N);
    assert!(
        resources > N * 10,
        "about 20+ resources per patient, got {resources}"
    );
}

#[test]
fn battle_preset_bundles_are_valid_r4() {
    let (bundles, _) = validate_run("nato_article_5", preset("nato_article_5", N, 7), false);
    assert_eq!(bundles, N);
}

#[test]
fn transaction_bundles_are_valid_r4() {
    validate_run(
        "urban_assault/transaction",
        preset("urban_assault", 2_000, 11),
        true,
    );
}

#[test]
fn json_array_file_and_awkward_names_validate() {
    let gen = Generator::new(default_scenario(50, 3));
    let mut scratch = FhirScratch::default();
    let mut file = b"[".to_vec();
    let awkward = awkward_patient(&gen);
    write_bundle(&mut file, gen.scenario(), &awkward, false, &mut scratch);
    for_each_patient(&gen, |p| {
        file.extend_from_slice(b",\n");
        write_bundle(&mut file, gen.scenario(), p, false, &mut scratch);
    });
    file.extend_from_slice(b"]\n");
    let array: Value = serde_json::from_slice(&file).expect("the array is JSON");
    let patient = &array[0]["entry"][0]["resource"];
    assert_eq!(patient["name"][0]["family"], AWKWARD_FAMILY);
    assert_eq!(patient["name"][0]["given"][0], AWKWARD_GIVEN);
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("patients.fhir.json");
    std::fs::write(&path, &file).expect("write");
    let summary = python_validate(&path, true);
    assert_eq!(summary["bundles"], 51);
}

#[test]
fn ids_are_deterministic_and_depend_on_seed_patient_and_index() {
    let a = resource_uuid(42, 7, 3);
    assert_eq!(a, resource_uuid(42, 7, 3));
    assert_ne!(a, resource_uuid(43, 7, 3));
    assert_ne!(a, resource_uuid(42, 8, 3));
    assert_ne!(a, resource_uuid(42, 7, 4));
    assert!(is_uuid_v8(std::str::from_utf8(&a).expect("ASCII")));

    let write_all = |seed: u64| {
        let gen = Generator::new(default_scenario(300, seed));
        let mut out = Vec::new();
        let mut scratch = FhirScratch::default();
        for_each_patient(&gen, |p| {
            write_bundle(&mut out, gen.scenario(), p, false, &mut scratch);
            out.push(b'\n');
        });
        out
    };
    let first = write_all(5);
    assert_eq!(first, write_all(5), "same seed, same bytes");
    assert_ne!(first, write_all(6), "another seed, other ids");
}
