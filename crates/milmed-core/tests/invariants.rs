//! Property tests of the record invariants over random scenarios and seeds.

mod common;

use milmed_core::catalog::{data, table_rows, verhoeff_valid};
use milmed_core::nations::{validate_national_id, NATIONS};
use milmed_core::record::{EventKind, Outcome, Patient};
use milmed_core::scenario::{Category, Role};
use milmed_core::time::Date;
use proptest::prelude::*;
use std::collections::BTreeSet;

fn code_set() -> BTreeSet<String> {
    [
        data::SNOMED_CONDITIONS,
        data::SNOMED_PROCEDURES,
        data::SNOMED_MISC,
    ]
    .iter()
    .flat_map(|t| table_rows(t))
    .map(|(c, _)| c)
    .collect()
}

fn check_patient(
    p: &Patient,
    codes: &BTreeSet<String>,
    min_age: u32,
    max_age: u32,
    end: i64,
) -> Result<(), String> {
    // Timeline: strictly ordered, starts with the injury, inside the scenario.
    let t = &p.timeline;
    if t.is_empty() || t[0].kind != EventKind::Injury || t[0].time != p.injury_time {
        return Err("timeline must start with the injury".into());
    }
    for w in t.windows(2) {
        if w[1].time <= w[0].time {
            return Err(format!("timeline not strictly ordered at {:?}", w[1].kind));
        }
    }
    if t.iter().any(|e| e.time > end) {
        return Err("event after the scenario end".into());
    }
    let outcomes: Vec<_> = t.iter().filter(|e| e.kind.is_outcome()).collect();
    if outcomes.len() > 1 {
        return Err("more than one outcome".into());
    }
    if let Some(o) = outcomes.first() {
        if t.last().map(|e| e.kind) != Some(o.kind) {
            return Err("events after the outcome".into());
        }
    }
    match p.outcome {
        Outcome::InCare => {
            if !outcomes.is_empty() {
                return Err("in care with an outcome event".into());
            }
        }
        o => {
            let expect = match o {
                Outcome::Kia => EventKind::Kia,
                Outcome::Dow => EventKind::Dow,
                Outcome::DiedDnbi => EventKind::DiedDnbi,
                Outcome::Rtd => EventKind::Rtd,
                Outcome::EvacuatedR4 => EventKind::EvacuatedR4,
                Outcome::InCare => unreachable!(),
            };
            if outcomes.first().map(|e| e.kind) != Some(expect) {
                return Err(format!("final status {o:?} without its event"));
            }
        }
    }
    let arrived = t.iter().any(|e| e.kind == EventKind::Arrival);
    if p.outcome == Outcome::Kia && arrived {
        return Err("KIA after reaching a facility".into());
    }
    if p.outcome == Outcome::Dow && !arrived {
        return Err("DOW without reaching a facility".into());
    }
    if matches!(p.outcome, Outcome::Kia | Outcome::Dow) && p.category != Category::BattleInjury {
        return Err("KIA/DOW for a non-battle casualty".into());
    }
    // No patient in two places: every arrival follows a transit end at the same place.
    for (i, e) in t.iter().enumerate() {
        if e.kind == EventKind::Arrival {
            let prev = i.checked_sub(1).map(|j| t[j]);
            if prev.map(|x| (x.kind, x.place)) != Some((EventKind::TransitEnd, e.place)) {
                return Err("arrival without a transit end at the same place".into());
            }
        }
        if e.kind == EventKind::TransitEnd && e.place.role == Role::Poi {
            return Err("transit ending at the point of injury".into());
        }
    }
    // Treatments appear in the timeline and respect the role that can give them.
    for tr in &p.treatments {
        if !t
            .iter()
            .any(|e| e.kind == EventKind::Treatment && e.time == tr.time)
        {
            return Err("treatment missing from the timeline".into());
        }
        let rank = match tr.place.role {
            Role::Poi => 0,
            Role::R1 => 1,
            Role::R2 => 2,
            Role::R3 | Role::Csu => 3,
            Role::R4 => 4,
        };
        if tr.def.role_min > rank {
            return Err(format!("{} given below its role", tr.def.display));
        }
    }
    let mut seen = BTreeSet::new();
    for tr in &p.treatments {
        if !seen.insert(tr.def.code) {
            return Err(format!("{} repeated", tr.def.display));
        }
    }
    // Ages relative to the injury date.
    let injury_day = Date::from_days_since_epoch(p.injury_time.div_euclid(86_400));
    if p.person.birth_date.age_on(injury_day) != p.person.age
        || p.person.age < min_age
        || p.person.age > max_age
    {
        return Err(format!("age {} inconsistent", p.person.age));
    }
    // Codes.
    for c in &p.conditions {
        if !codes.contains(c.def.code) || !verhoeff_valid(c.def.code) {
            return Err(format!("condition code {} not verified", c.def.code));
        }
    }
    for tr in &p.treatments {
        if !codes.contains(tr.def.code) || !verhoeff_valid(tr.def.code) {
            return Err(format!("procedure code {} not verified", tr.def.code));
        }
    }
    // National ID.
    let n = &NATIONS[p.person.nation];
    let b = p.person.birth_date;
    if !validate_national_id(
        n,
        &p.person.id_number,
        (b.year, b.month, b.day),
        p.person.female,
    ) {
        return Err(format!("invalid {} id {}", n.code, p.person.id_number));
    }
    // Vitals in physiological bounds.
    for v in &p.vitals {
        if !(3..=15).contains(&v.gcs) || v.spo2 > 100 || v.diastolic >= v.systolic || v.pain > 10 {
            return Err(format!("vitals out of bounds: {v:?}"));
        }
    }
    Ok(())
}

fn scenario_json(n: u64, days: u32, warfare: &str, env: &str, seed: u64, events: bool) -> String {
    let special = if events {
        r#", "special_events": {"mass_casualty": true, "ambush": true, "major_offensive": true, "events": [{"type": "mass_casualty", "day": 1, "hour": 3, "size": 4}]}"#
    } else {
        ""
    };
    format!(
        r#"{{"total_patients": {n}, "days_of_fighting": {days}, "warfare_types": {{"{warfare}": true}}, "environmental_conditions": {{"{env}": true}}, "seed": {seed}{special}}}"#
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn invariants_hold(
        n in 5u64..400,
        days in 1u32..12,
        warfare in prop::sample::select(vec!["conventional", "artillery", "urban", "guerrilla", "drone", "naval", "cbrn", "peacekeeping"]),
        env in prop::sample::select(vec!["rain", "fog", "storm", "extreme_heat", "extreme_cold", "dust_storm", "night_operations", "mountainous_terrain", "urban_debris"]),
        seed in any::<u64>(),
        events in any::<bool>(),
    ) {
        let s = common::scenario(&scenario_json(n, days, warfare, env, seed, events));
        let end = s.end_time();
        let start = s.start_time();
        let codes = code_set();
        let mut last_time = i64::MIN;
        let mut next_id = 0;
        let mut err = None;
        let count = common::for_each(s, |p| {
            if err.is_some() {
                return;
            }
            if p.id != next_id {
                err = Some(format!("ids not sequential at {}", p.id));
            }
            next_id += 1;
            if p.injury_time < last_time || p.injury_time < start || p.injury_time >= end {
                err = Some(format!("injury time out of order or range at {}", p.id));
            }
            last_time = p.injury_time;
            if let Err(e) = check_patient(p, &codes, 18, 60, end) {
                err = Some(format!("patient {}: {e}", p.id));
            }
        });
        prop_assert_eq!(count, n, "exact count");
        prop_assert!(err.is_none(), "{:?}", err);
    }
}

#[test]
fn every_preset_satisfies_the_invariants() {
    let codes = code_set();
    for preset in milmed_core::presets::PRESETS {
        let mut s = preset.parse().expect("preset parses").scenario;
        s.total_patients = s.total_patients.min(3000);
        let explicit: u64 = s.special_events.explicit.iter().map(|e| e.size).sum();
        s.total_patients = s.total_patients.max(explicit);
        let end = s.end_time();
        let (lo, hi) = (s.demographics.min_age, s.demographics.max_age);
        let expected = s.total_patients;
        let mut failures = Vec::new();
        let n = common::for_each(s, |p| {
            if let Err(e) = check_patient(p, &codes, lo, hi, end) {
                failures.push(format!("{} patient {}: {e}", preset.id, p.id));
            }
        });
        assert_eq!(n, expected);
        assert!(
            failures.is_empty(),
            "{:?}",
            &failures[..failures.len().min(5)]
        );
    }
}
