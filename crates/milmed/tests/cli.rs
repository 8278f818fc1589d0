//! The `milmed` command line, run as a real process: exact counts, thread independence, and
//! one clear error line with exit code 2 for every kind of bad input.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn milmed(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_milmed"))
        .args(args)
        .output()
        .expect("the milmed binary runs")
}

fn temp_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("milmed-cli-{label}-{}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).expect("temp dir");
    dir
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Asserts a bad-input failure: exit code 2, exactly one line on stderr, no panic, and the
/// line mentions `needle`.
fn assert_input_error(o: &Output, needle: &str) {
    let err = stderr(o);
    assert_eq!(o.status.code(), Some(2), "exit code for {needle:?}: {err}");
    assert!(!err.contains("panicked"), "panic: {err}");
    assert_eq!(
        err.trim_end().lines().count(),
        1,
        "one line expected: {err}"
    );
    assert!(err.starts_with("error: "), "{err}");
    assert!(err.contains(needle), "{needle:?} not named in {err:?}");
}

fn generate(dir: &Path, extra: &[&str]) -> Output {
    let out = dir.to_str().expect("utf-8 path");
    let mut args = vec!["generate", "--quiet", "--out", out];
    args.extend_from_slice(extra);
    milmed(&args)
}

#[test]
fn hundred_thousand_records_identical_for_one_and_two_threads() {
    let a = temp_dir("t1");
    let b = temp_dir("t2");
    for (dir, threads) in [(&a, "1"), (&b, "2")] {
        let o = generate(
            dir,
            &[
                "-n",
                "100000",
                "--seed",
                "7",
                "--format",
                "ndjson",
                "--threads",
                threads,
            ],
        );
        assert!(o.status.success(), "{}", stderr(&o));
    }
    let one = fs::read(a.join("patients.ndjson")).expect("output");
    let two = fs::read(b.join("patients.ndjson")).expect("output");
    assert_eq!(one.iter().filter(|&&c| c == b'\n').count(), 100_000);
    assert!(one == two, "1 and 2 threads differ");
    // The manifest records seed, scenario hash and the file's SHA-256.
    let manifest: serde_json::Value =
        serde_json::from_slice(&fs::read(a.join("manifest.json")).expect("manifest"))
            .expect("manifest is JSON");
    assert_eq!(manifest["seed"], 7);
    assert_eq!(manifest["total_patients"], 100_000);
    assert_eq!(manifest["scenario_hash"].as_str().map(str::len), Some(64));
    assert_eq!(manifest["files"][0]["records"], 100_000);
    // No temporary files are left behind.
    for dir in [&a, &b] {
        for entry in fs::read_dir(dir).expect("dir") {
            let name = entry.expect("entry").file_name();
            assert!(
                !name.to_string_lossy().ends_with(".partial"),
                "{name:?} left"
            );
        }
        fs::remove_dir_all(dir).ok();
    }
}

#[test]
fn runs_are_reproducible_and_seeds_matter() {
    let dirs: Vec<PathBuf> = ["r1", "r2", "r3"].iter().map(|l| temp_dir(l)).collect();
    for (dir, seed) in dirs.iter().zip(["11", "11", "12"]) {
        let o = generate(dir, &["-n", "2000", "--seed", seed, "--format", "json,csv"]);
        assert!(o.status.success(), "{}", stderr(&o));
    }
    for name in [
        "patients.json",
        "patients.csv",
        "conditions.csv",
        "treatments.csv",
        "events.csv",
        "vitals.csv",
    ] {
        let x = fs::read(dirs[0].join(name)).expect("file");
        let y = fs::read(dirs[1].join(name)).expect("file");
        let z = fs::read(dirs[2].join(name)).expect("file");
        assert!(x == y, "{name} differs between identical runs");
        assert!(x != z, "{name} ignores the seed");
    }
    for d in dirs {
        fs::remove_dir_all(d).ok();
    }
}

#[test]
fn one_patient_and_bad_counts() {
    let dir = temp_dir("one");
    let o = generate(&dir, &["-n", "1", "--format", "json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value =
        serde_json::from_slice(&fs::read(dir.join("patients.json")).expect("file")).expect("json");
    assert_eq!(v["patients"].as_array().map(Vec::len), Some(1));
    assert_eq!(v["metadata"]["total_patients"], 1);
    for bad in ["0", "-5", "many", "1.5"] {
        let o = generate(&dir, &["-n", bad]);
        assert_input_error(&o, "--count");
    }
    let o = generate(&dir, &["-n", "10", "--format", "json,pdf"]);
    assert_input_error(&o, "pdf");
    let o = generate(&dir, &["-n", "10", "--threads", "0"]);
    assert_input_error(&o, "--threads");
    let o = generate(&dir, &["-n", "10", "--preset", "no_such_preset"]);
    assert_input_error(&o, "no_such_preset");
    fs::remove_dir_all(dir).ok();
}

#[test]
fn bad_scenario_files_give_one_line_and_exit_code_2() {
    let dir = temp_dir("bad");
    let cases: &[(&str, &str, &str)] = &[
        ("malformed", r#"{"total_patients": 10,"#, "malformed.json"),
        (
            "unknown_key",
            r#"{"total_patients": 10, "colour": "red"}"#,
            "colour",
        ),
        (
            "mix",
            r#"{"injury_distribution": {"Disease": 0.5, "Non-Battle Injury": 0.2, "Battle Injury": 0.2}}"#,
            "injury_distribution",
        ),
        (
            "nation",
            r#"{"front_configs": [{"id": "f", "name": "F", "casualty_rate": 1, "nationality_distribution": [{"nationality_code": "XXX", "percentage": 100}]}]}"#,
            "nationality_code",
        ),
        ("days", r#"{"days_of_fighting": 0}"#, "days_of_fighting"),
        ("type", r#"{"total_patients": "ten"}"#, "total_patients"),
        ("not_object", r#"[1, 2, 3]"#, "bad-not_object.json"),
        ("empty", "", "bad-empty.json"),
    ];
    for (label, body, needle) in cases {
        let path = dir.join(format!("bad-{label}.json"));
        fs::write(&path, body).expect("write");
        let p = path.to_str().expect("utf-8");
        assert_input_error(&milmed(&["scenario", "validate", p]), needle);
        let out = dir.join("out");
        let o = milmed(&[
            "generate",
            "--quiet",
            "--scenario",
            p,
            "--out",
            out.to_str().expect("utf-8"),
        ]);
        assert_input_error(&o, needle);
        assert!(!out.exists(), "nothing is written for bad input ({label})");
    }
    let missing = dir.join("missing.json");
    assert_input_error(
        &milmed(&["scenario", "validate", missing.to_str().expect("utf-8")]),
        "missing.json",
    );
    fs::remove_dir_all(dir).ok();
}

#[test]
fn presets_are_listed_shown_and_valid() {
    let o = milmed(&["presets", "list"]);
    assert!(o.status.success());
    let list = String::from_utf8_lossy(&o.stdout).into_owned();
    let dir = temp_dir("presets");
    for id in [
        "nato_article_5",
        "peacekeeping",
        "urban_assault",
        "cbrn_incident",
        "training_exercise",
        "mass_casualty",
        "arctic_operation",
        "maritime_operation",
    ] {
        assert!(list.contains(id), "{id} missing from the list");
        let shown = milmed(&["presets", "show", id]);
        assert!(shown.status.success(), "{}", stderr(&shown));
        let v: serde_json::Value = serde_json::from_slice(&shown.stdout).expect("preset JSON");
        // The shown configuration is itself a valid scenario file.
        let path = dir.join(format!("{id}.json"));
        fs::write(&path, v["configuration"].to_string()).expect("write");
        let o = milmed(&["scenario", "validate", path.to_str().expect("utf-8")]);
        assert!(o.status.success(), "{id}: {}", stderr(&o));
    }
    assert_input_error(&milmed(&["presets", "show", "nope"]), "nope");
    fs::remove_dir_all(dir).ok();
}

#[test]
fn report_reads_json_and_ndjson_alike() {
    let dir = temp_dir("report");
    let o = generate(
        &dir,
        &[
            "-n",
            "3000",
            "--preset",
            "nato_article_5",
            "--format",
            "json,ndjson",
        ],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let from_json = milmed(&[
        "report",
        "--json",
        dir.join("patients.json").to_str().expect("utf-8"),
    ]);
    let from_ndjson = milmed(&[
        "report",
        "--json",
        dir.join("patients.ndjson").to_str().expect("utf-8"),
    ]);
    assert!(from_json.status.success(), "{}", stderr(&from_json));
    assert_eq!(from_json.stdout, from_ndjson.stdout);
    let r: serde_json::Value = serde_json::from_slice(&from_json.stdout).expect("report JSON");
    assert_eq!(r["total_patients"], 3000, "{r}");
    let text = milmed(&[
        "report",
        dir.join("patients.ndjson").to_str().expect("utf-8"),
    ]);
    let text = String::from_utf8_lossy(&text.stdout).into_owned();
    for needle in [
        "by category",
        "by triage",
        "%KIA",
        "case fatality rate",
        "verdict",
    ] {
        assert!(text.contains(needle), "{needle} missing from the report");
    }
    assert_eq!(
        r["calibration_profile"], "high_intensity",
        "inferred from the mix"
    );
    let special = milmed(&[
        "report",
        "--json",
        "--profile",
        "special",
        dir.join("patients.ndjson").to_str().expect("utf-8"),
    ]);
    assert!(special.status.success(), "{}", stderr(&special));
    let r: serde_json::Value = serde_json::from_slice(&special.stdout).expect("report JSON");
    assert_eq!(r["calibration_profile"], "special", "{r}");
    let junk = dir.join("junk.ndjson");
    fs::write(&junk, "not json\n").expect("write");
    assert_input_error(
        &milmed(&["report", junk.to_str().expect("utf-8")]),
        "junk.ndjson",
    );
    fs::remove_dir_all(dir).ok();
}
