//! Large fixed-seed runs: every preset's statistics fall inside the published ranges of
//! calibration.md, and a requested category mix is reproduced within ±1 percentage point.

mod common;

use milmed_core::nations::NATIONS;
use milmed_core::presets::PRESETS;
use milmed_core::scenario::Scenario;
use milmed_core::stats::{Accumulator, Profile, Report, Summary, Verdict};

fn report(s: Scenario, profile: Option<Profile>) -> Report {
    let fronts: Vec<String> = s.fronts.iter().map(|f| f.id.clone()).collect();
    let mut acc = Accumulator::default();
    common::for_each(s, |p| {
        let nation = NATIONS.get(p.person.nation).map(|n| n.code).unwrap_or("");
        acc.add(&Summary::of(p, nation, &fronts[p.front]));
    });
    acc.report(profile)
}

#[test]
fn every_preset_is_inside_the_calibration_ranges() {
    let mut failures = Vec::new();
    for preset in PRESETS {
        let mut s = preset.parse().expect("preset parses").scenario;
        s.total_patients = 60_000;
        s.seed = 20_240_601;
        // Judged against the table the preset declares (its own mix is diluted at this N).
        let r = report(s, Some(preset.profile));
        assert_eq!(r.total_patients, 60_000);
        let applicable = r
            .calibration
            .iter()
            .filter(|c| c.verdict != Verdict::NotApplicable)
            .count();
        // Special scenarios (CBRN, mass casualty) are judged by the checks of section C only.
        let needed = if r.calibration_profile == Profile::Special {
            2
        } else {
            12
        };
        assert!(
            applicable >= needed,
            "{}: only {applicable} checks apply",
            preset.id
        );
        for c in &r.calibration {
            if c.verdict == Verdict::Outside {
                failures.push(format!(
                    "{}: {} = {:.2}, expected {}–{}",
                    preset.id,
                    c.figure,
                    c.value.unwrap_or(f64::NAN),
                    c.min,
                    c.max
                ));
            }
        }
        if !r.plausible {
            failures.push(format!("{}: verdict not plausible", preset.id));
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}

#[test]
fn requested_category_mix_within_one_point_at_100k() {
    for (mix, expect) in [
        (
            r#"{"Disease": 0.30, "Non-Battle Injury": 0.20, "Battle Injury": 0.50}"#,
            [30.0, 20.0, 50.0],
        ),
        (
            r#"{"Disease": 52, "Non-Battle Injury": 33, "Battle Injury": 15}"#,
            [52.0, 33.0, 15.0],
        ),
    ] {
        let s = common::scenario(&format!(
            r#"{{"total_patients": 100000, "seed": 99, "injury_distribution": {mix},
                "warfare_types": {{"conventional": true}}}}"#
        ));
        let r = report(s, None);
        for (label, want) in ["Disease", "Non-Battle Injury", "Battle Injury"]
            .iter()
            .zip(expect)
        {
            let got = r.by_category.get(*label).copied().unwrap_or(0) as f64 / 1000.0;
            assert!(
                (got - want).abs() <= 1.0,
                "{label}: {got:.2} % requested {want} % ({mix})"
            );
        }
    }
}

/// Every preset at its own size with planned capacity (the default chain of its fronts and
/// the default evacuation assets, deployed as many times as its casualty estimate needs; see
/// docs/capacity.md). Several seeds are pooled so that each preset is judged on at least
/// 20 000 casualties. Two figures have known gaps under shared capacity (waits move deaths
/// from before a facility to after arrival, and queues delay surgery); they are held to
/// widened bounds here and listed in docs/capacity.md.
#[test]
fn every_preset_is_inside_the_calibration_ranges_with_planned_capacity() {
    let mut failures = Vec::new();
    for preset in PRESETS {
        let base = preset.parse().expect("preset parses").scenario;
        let fronts: Vec<String> = base.fronts.iter().map(|f| f.id.clone()).collect();
        let runs = 30_000u64.div_ceil(base.total_patients).clamp(1, 40);
        let mut acc = Accumulator::default();
        let mut waits = 0u64;
        for seed in 0..runs {
            let mut s = base.clone();
            s.capacity = milmed_core::scenario::CapacityModel::Planned;
            s.seed = 20_240_601 + seed;
            common::for_each_shared(s, false, |p| {
                let nation = NATIONS.get(p.person.nation).map(|n| n.code).unwrap_or("");
                acc.add(&Summary::of(p, nation, &fronts[p.front]));
                waits += p
                    .timeline
                    .iter()
                    .filter(|e| e.kind.code().starts_with("wait_"))
                    .count() as u64;
            });
        }
        assert!(waits > 0, "{}: nobody waited", preset.id);
        let r = acc.report(Some(preset.profile));
        for c in &r.calibration {
            let v = c.value.unwrap_or(f64::NAN);
            let (min, max) = match c.figure {
                "deaths_before_facility_pct" => (80.0, c.max),
                "median_hours_to_first_surgery" => (c.min, 8.0),
                _ => (c.min, c.max),
            };
            if c.verdict != Verdict::NotApplicable && !(min..=max).contains(&v) {
                failures.push(format!(
                    "{}: {} = {v:.2}, expected {min}–{max}",
                    preset.id, c.figure
                ));
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
