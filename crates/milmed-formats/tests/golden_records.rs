//! Golden snapshots: the first records of fixed seeds, byte for byte. A change to the engine or
//! the writers that changes output shows here; when the change is intended, regenerate with
//! `UPDATE_GOLDEN=1 cargo test -p milmed-formats --test golden_records` and review the diff.

use std::path::PathBuf;

use milmed_core::engine::Generator;
use milmed_core::presets;
use milmed_core::record::Patient;
use milmed_core::scenario::{parse_str, Scenario};
use milmed_formats::json::write_record;

/// Records pinned per snapshot.
const FIRST: usize = 5;

fn render(mut s: Scenario, seed: u64) -> String {
    s.seed = seed;
    let gen = Generator::new(s);
    let mut p = Patient::empty();
    let mut out = Vec::new();
    for slot in gen.planner().take(FIRST) {
        gen.fill(&slot, &mut p);
        write_record(&mut out, gen.scenario(), &p);
        out.push(b'\n');
    }
    String::from_utf8(out).expect("records are UTF-8")
}

fn check(name: &str, actual: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden")
        .join(name);
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "{}: {e}; run with UPDATE_GOLDEN=1 to create it",
            path.display()
        )
    });
    if expected != actual {
        let first_diff = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{name}: output differs from the golden file at record {first_diff}.\nexpected: {}\nactual:   {}",
            expected.lines().nth(first_diff).unwrap_or("<none>"),
            actual.lines().nth(first_diff).unwrap_or("<none>")
        );
    }
}

fn default_scenario() -> Scenario {
    parse_str(r#"{"total_patients": 1000}"#)
        .expect("default scenario")
        .scenario
}

#[test]
fn default_scenario_seed_7() {
    check("default-seed-7.ndjson", &render(default_scenario(), 7));
}

#[test]
fn default_scenario_seed_42() {
    check("default-seed-42.ndjson", &render(default_scenario(), 42));
}

#[test]
fn every_preset_seed_1() {
    for preset in presets::PRESETS {
        let s = preset.parse().expect("preset parses").scenario;
        check(&format!("{}-seed-1.ndjson", preset.id), &render(s, 1));
    }
}
