//! The determinism contract: the same scenario and seed give byte-identical files for any
//! number of threads, and each patient depends only on (seed, index), not on which chunk or
//! in which order it was generated.

use std::fs;
use std::path::PathBuf;

use milmed_core::engine::Generator;
use milmed_core::record::Patient;
use milmed_core::scenario::parse_str;
use milmed_formats::json::write_record;
use milmed_formats::Format;
use milmed_pipeline::{run, Control, Error, Options};

fn scenario_json() -> &'static str {
    // Everything that draws randomness is on: several warfare types, special events, weather.
    r#"{"total_patients": 5000, "days_of_fighting": 4, "seed": 2024,
        "warfare_types": {"conventional": true, "artillery": true, "drone": true, "guerrilla": true},
        "intensity": "high", "tempo": "escalating",
        "special_events": {"mass_casualty": true, "ambush": true, "major_offensive": true},
        "environmental_conditions": {"rain": true, "night_operations": true}}"#
}

fn generator() -> Generator {
    Generator::new(
        parse_str(scenario_json())
            .expect("scenario parses")
            .scenario,
    )
}

fn out_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("milmed-pipeline-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    dir
}

fn options(dir: PathBuf, threads: usize, pretty: bool, array: bool) -> Options {
    Options {
        formats: vec![Format::Json, Format::Ndjson, Format::Csv],
        out_dir: dir,
        threads,
        pretty,
        array,
        fhir_transaction: false,
        warnings: Vec::new(),
        sync: false,
        packaging: Default::default(),
    }
}

/// Every file of a run, name → bytes, except the manifest (it records timings).
fn files(dir: &PathBuf) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
        .expect("output dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.file_name().is_some_and(|n| n != "manifest.json"))
        .map(|p| {
            let name = p
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            (name, fs::read(&p).expect("file"))
        })
        .collect();
    out.sort();
    out
}

#[test]
fn byte_identical_for_any_thread_count() {
    let gen = generator();
    for (pretty, array) in [(false, false), (true, true)] {
        let mut runs = Vec::new();
        for threads in [1, 2, 3, 8] {
            let dir = out_dir(&format!("t{threads}-{pretty}"));
            let outcome = run(&gen, &options(dir.clone(), threads, pretty, array), |_| {
                Control::Continue
            })
            .expect("run succeeds");
            assert_eq!(outcome.files.len(), 7, "json, ndjson and five CSV tables");
            let got = files(&dir);
            // The manifest's hashes are those of the files on disk.
            for entry in &outcome.files {
                let (_, bytes) = got
                    .iter()
                    .find(|(n, _)| *n == entry.name)
                    .expect("listed file exists");
                assert_eq!(entry.bytes, bytes.len() as u64);
            }
            runs.push(got);
            fs::remove_dir_all(&dir).ok();
        }
        for other in &runs[1..] {
            assert_eq!(runs[0].len(), other.len());
            for ((name, a), (_, b)) in runs[0].iter().zip(other) {
                assert!(a == b, "{name} differs between thread counts");
            }
        }
    }
}

#[test]
fn patients_do_not_depend_on_generation_order() {
    let gen = generator();
    let slots: Vec<_> = gen.planner().collect();
    let mut p = Patient::empty();
    let encode = |p: &Patient| {
        let mut v = Vec::new();
        write_record(&mut v, gen.scenario(), p);
        v
    };
    let in_order: Vec<Vec<u8>> = slots
        .iter()
        .map(|slot| {
            gen.fill(slot, &mut p);
            encode(&p)
        })
        .collect();
    // Backwards, reusing one record buffer (as the pipeline's threads do): same bytes.
    for (i, slot) in slots.iter().enumerate().rev() {
        gen.fill(slot, &mut p);
        assert!(encode(&p) == in_order[i], "patient {i} depends on order");
    }
    // A fresh generator for a strided subset (another "chunking"): same bytes.
    let other = generator();
    for (i, slot) in slots.iter().enumerate().step_by(97) {
        let mut q = Patient::empty();
        other.fill(slot, &mut q);
        assert!(encode(&q) == in_order[i], "patient {i} depends on chunking");
    }
}

#[test]
fn stop_removes_partial_files() {
    let gen = generator();
    let dir = out_dir("stop");
    let mut calls = 0;
    let result = run(&gen, &options(dir.clone(), 2, false, false), |_| {
        calls += 1;
        if calls > 2 {
            Control::Stop
        } else {
            Control::Continue
        }
    });
    assert!(matches!(result, Err(Error::Cancelled)), "cancelled");
    let left: Vec<_> = fs::read_dir(&dir)
        .map(|d| d.filter_map(Result::ok).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    assert!(left.is_empty(), "files left after stop: {left:?}");
    fs::remove_dir_all(&dir).ok();
}

#[test]
fn byte_identical_for_one_and_two_threads_with_capacity_on() {
    // Limited capacity couples the patients (sequential stage); the files must still not
    // depend on the thread count, and must equal the engine filled slot by slot.
    let json = scenario_json().replacen('{', r#"{"capacity": "limited", "#, 1);
    let gen = Generator::new(parse_str(&json).expect("scenario parses").scenario);
    let mut runs = Vec::new();
    for threads in [1, 2] {
        let dir = out_dir(&format!("cap-t{threads}"));
        run(&gen, &options(dir.clone(), threads, false, false), |_| {
            Control::Continue
        })
        .expect("run succeeds");
        runs.push(files(&dir));
        fs::remove_dir_all(&dir).ok();
    }
    for ((name, a), (_, b)) in runs[0].iter().zip(&runs[1]) {
        assert!(
            a == b,
            "{name} differs between 1 and 2 threads with capacity on"
        );
    }
    let ndjson = &runs[0]
        .iter()
        .find(|(n, _)| n == "patients.ndjson")
        .expect("ndjson")
        .1;
    let mut cap = gen.capacity().expect("limited");
    let mut p = Patient::empty();
    let mut expected = Vec::new();
    let mut waits = 0;
    for slot in gen.planner() {
        gen.fill_shared(&slot, &mut p, &mut cap);
        waits += p
            .timeline
            .iter()
            .filter(|e| e.kind.code().starts_with("wait_"))
            .count();
        write_record(&mut expected, gen.scenario(), &p);
        expected.push(b'\n');
    }
    assert!(
        *ndjson == expected,
        "pipeline output equals the sequential engine"
    );
    assert!(waits > 0, "5000 casualties in 4 days queue somewhere");
}
