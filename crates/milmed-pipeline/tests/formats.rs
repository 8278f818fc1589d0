//! Every output format is byte-identical with 1 and 2 threads, the manifest lists every file
//! with its hash, and no temporary file is left behind.

use std::path::Path;

use milmed_core::engine::Generator;
use milmed_core::scenario::parse_str;
use milmed_formats::Format;
use milmed_pipeline::{run, Control, Options};
use sha2::{Digest, Sha256};

fn options(dir: &Path, threads: usize, fhir_transaction: bool) -> Options {
    Options {
        formats: Format::ALL.to_vec(),
        out_dir: dir.to_path_buf(),
        threads,
        pretty: false,
        array: false,
        fhir_transaction,
        warnings: Vec::new(),
        sync: false,
        packaging: Default::default(),
    }
}

fn generator(n: u64, seed: u64) -> Generator {
    let mut s = parse_str(r#"{"special_events": {"mass_casualty": true}}"#)
        .expect("scenario")
        .scenario;
    s.total_patients = n;
    s.seed = seed;
    Generator::new(s)
}

fn listing(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("list")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn every_format_is_identical_for_one_and_two_threads() {
    // More than two chunks per thread, so chunks really interleave.
    let gen = generator(3_000, 77);
    for transaction in [false, true] {
        let one = tempfile::tempdir().expect("temp dir");
        let two = tempfile::tempdir().expect("temp dir");
        let a = run(&gen, &options(one.path(), 1, transaction), |_| {
            Control::Continue
        })
        .expect("1 thread");
        let b = run(&gen, &options(two.path(), 2, transaction), |_| {
            Control::Continue
        })
        .expect("2 threads");
        assert_eq!(
            a.files.len(),
            12,
            "json, ndjson, 5 csv, xml, xlsx, fhir, fhir-json, ndef"
        );
        for (fa, fb) in a.files.iter().zip(&b.files) {
            assert_eq!(fa.name, fb.name);
            let bytes_a = std::fs::read(one.path().join(&fa.name)).expect("read");
            let bytes_b = std::fs::read(two.path().join(&fb.name)).expect("read");
            assert!(
                bytes_a == bytes_b,
                "{} differs between 1 and 2 threads",
                fa.name
            );
            assert_eq!(fa.sha256, fb.sha256, "{}", fa.name);
            assert_eq!(fa.bytes, bytes_a.len() as u64, "{}: manifest size", fa.name);
            let digest: String = Sha256::digest(&bytes_a)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            assert_eq!(fa.sha256, digest, "{}: manifest hash", fa.name);
        }
        let names = listing(one.path());
        assert!(
            names.iter().all(|n| !n.ends_with(".partial")),
            "temporary files left: {names:?}"
        );
        for expected in [
            "patients.xml",
            "patients.xlsx",
            "patients.fhir.ndjson",
            "patients.fhir.json",
            "patients.ndef",
            "manifest.json",
        ] {
            assert!(
                names.contains(&expected.to_string()),
                "{expected} missing: {names:?}"
            );
        }
        let records = |name: &str| {
            a.files
                .iter()
                .find(|f| f.name == name)
                .map(|f| f.records)
                .unwrap_or_else(|| panic!("{name} not in the manifest"))
        };
        assert_eq!(records("patients.ndjson"), Some(3_000));
        assert_eq!(records("patients.csv"), Some(3_000));
        assert_eq!(
            records("events.csv"),
            None,
            "related tables vary per patient"
        );
        let csv = std::fs::read(one.path().join("patients.csv")).expect("read");
        let line_ends = csv.iter().filter(|&&b| b == b'\n').count();
        let crlf = csv.windows(2).filter(|w| w == b"\r\n").count();
        assert_eq!(line_ends, 3_001, "a header and a row per patient");
        assert_eq!(crlf, line_ends, "RFC 4180 line ends are CRLF");
        let fhir = std::fs::read_to_string(one.path().join("patients.fhir.ndjson")).expect("read");
        assert_eq!(fhir.lines().count(), 3_000);
        let kind = if transaction {
            "\"type\":\"transaction\""
        } else {
            "\"type\":\"collection\""
        };
        assert!(fhir.lines().all(|l| l.contains(kind)), "bundle type {kind}");
        let array: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(one.path().join("patients.fhir.json")).expect("read"),
        )
        .expect("the FHIR array is JSON");
        assert_eq!(array.as_array().map(Vec::len), Some(3_000));
    }
}

#[test]
fn cancelling_an_xlsx_run_leaves_no_files() {
    let gen = generator(5_000, 3);
    let dir = tempfile::tempdir().expect("temp dir");
    let mut opts = options(dir.path(), 2, false);
    opts.formats = vec![Format::Xlsx, Format::Fhir];
    let mut calls = 0;
    let result = run(&gen, &opts, |_| {
        calls += 1;
        if calls > 3 {
            Control::Stop
        } else {
            Control::Continue
        }
    });
    assert!(matches!(result, Err(milmed_pipeline::Error::Cancelled)));
    assert!(
        listing(dir.path()).is_empty(),
        "left: {:?}",
        listing(dir.path())
    );
}
