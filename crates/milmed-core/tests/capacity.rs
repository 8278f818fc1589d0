//! Shared capacity: a mass-casualty event overwhelms a small Role 2 (docs/capacity.md).

mod common;

use std::collections::BTreeMap;

use milmed_core::engine::capacity::{Capacity, Resource};
use milmed_core::record::{EventKind, Outcome, Patient, Place};
use milmed_core::scenario::Role;

/// A brigade-sized front hit by one mass-casualty strike of 90 on day 1; `small` gives it one
/// small Role 2, otherwise the same chain has ample beds, tables and vehicles.
fn scenario(small: bool, capacity: &str) -> String {
    let (r1, r2, r3, amb, helo) = if small {
        (
            r#"{"T1": 2, "T2": 3, "T3": 6}, "holding": 4"#,
            r#"{"T1": 2, "T2": 3, "T3": 4}, "operating_tables": 1, "holding": 4"#,
            r#"{"T1": 6, "T2": 10, "T3": 20}, "operating_tables": 2"#,
            2,
            1,
        )
    } else {
        (
            r#"{"T1": 200, "T2": 200, "T3": 200}, "holding": 200"#,
            r#"{"T1": 200, "T2": 200, "T3": 200}, "operating_tables": 100, "holding": 200"#,
            r#"{"T1": 200, "T2": 200, "T3": 200}, "operating_tables": 100"#,
            200,
            100,
        )
    };
    format!(
        r#"{{
        "count": 160, "days_of_fighting": 2, "seed": 11, "capacity": "{capacity}",
        "front_configs": [{{"id": "east", "nationality_distribution": [{{"nationality_code": "POL", "percentage": 100}}]}}],
        "facility_configs": [
            {{"id": "r1", "role": "R1", "beds": {r1}}},
            {{"id": "r2", "role": "R2", "beds": {r2}}},
            {{"id": "r3", "role": "R3", "beds": {r3}}},
            {{"id": "r4", "role": "R4"}}
        ],
        "evacuation": {{"air_superiority": true, "legs": {{
            "poi_r1": {{"assets": [{{"kind": "ground_ambulance", "count": {amb}}}]}},
            "r1_r2": {{"assets": [{{"kind": "ground_ambulance", "count": {amb}}}, {{"kind": "helicopter", "count": {helo}}}]}},
            "r2_r3": {{"assets": [{{"kind": "ground_ambulance", "count": {amb}}}, {{"kind": "helicopter", "count": {helo}}}]}}
        }}}},
        "injury_distribution": {{"DIS": 0.05, "NBI": 0.05, "BI": 0.9}},
        "warfare_types": ["artillery"],
        "special_events": [{{"type": "mass_casualty", "day": 1, "hour": 10, "size": 90}}]
    }}"#
    )
}

#[derive(Default, Debug)]
struct Tally {
    deaths: u64,
    dow: u64,
    wait_bed: u64,
    wait_surgery: u64,
    wait_transport: u64,
    diverted: u64,
    wait_minutes: i64,
}

/// Checks one timeline: strictly ordered, one place at a time, at most one outcome, last.
fn coherent(p: &Patient) {
    let tl = &p.timeline;
    assert!(!tl.is_empty(), "patient {} has no timeline", p.id);
    let mut here = Some(Place::POI);
    for (i, e) in tl.iter().enumerate() {
        if i > 0 {
            assert!(
                e.time > tl[i - 1].time,
                "patient {}: timeline not strictly ordered",
                p.id
            );
        }
        if e.kind.is_outcome() {
            assert_eq!(i, tl.len() - 1, "patient {}: event after the outcome", p.id);
        }
        match e.kind {
            EventKind::TransitStart => {
                assert_eq!(
                    here,
                    Some(e.place),
                    "patient {}: leaves a place it is not at",
                    p.id
                );
                here = None;
            }
            EventKind::Diverted => {
                assert_eq!(
                    here, None,
                    "patient {}: diverted while not in transit",
                    p.id
                )
            }
            EventKind::TransitEnd => {
                assert_eq!(here, None, "patient {}: arrives without leaving", p.id);
                here = Some(e.place);
            }
            EventKind::Kia | EventKind::Dow | EventKind::DiedDnbi => {}
            _ => assert_eq!(
                here,
                Some(e.place),
                "patient {}: {} at {:?} while at {:?}",
                p.id,
                e.kind.code(),
                e.place,
                here
            ),
        }
    }
}

fn run(small: bool, capacity: &str) -> (Tally, Option<Capacity>) {
    let s = common::scenario(&scenario(small, capacity));
    let mut t = Tally::default();
    let cap = common::for_each_shared(s, true, |p| {
        coherent(p);
        if p.outcome.is_death() {
            t.deaths += 1;
        }
        if p.outcome == Outcome::Dow {
            t.dow += 1;
        }
        let tl = &p.timeline;
        for (i, e) in tl.iter().enumerate() {
            let waited = tl.get(i + 1).map_or(0, |n| n.time - e.time) / 60;
            match e.kind {
                EventKind::WaitBed => t.wait_bed += 1,
                EventKind::WaitSurgery => t.wait_surgery += 1,
                EventKind::WaitTransport => t.wait_transport += 1,
                EventKind::Diverted => t.diverted += 1,
                _ => continue,
            }
            if e.kind != EventKind::Diverted {
                t.wait_minutes += waited;
            }
        }
    });
    (t, cap)
}

/// No unit used twice at once; no trip over its seats.
fn no_double_booking(cap: &Capacity) {
    let mut by: BTreeMap<Resource, Vec<(i64, i64, u64)>> = BTreeMap::new();
    for u in cap.log() {
        assert!(u.end >= u.start, "{u:?}");
        by.entry(u.resource)
            .or_default()
            .push((u.start, u.end, u.patient));
    }
    assert!(!by.is_empty());
    for (r, mut list) in by {
        list.sort();
        if let Some(seats) = cap.vehicle_capacity(r) {
            // One trip = one (dispatch, back) interval; passengers share it.
            let mut trips: Vec<((i64, i64), u32)> = Vec::new();
            for (a, b, _) in &list {
                match trips.last_mut() {
                    Some((iv, n)) if *iv == (*a, *b) => *n += 1,
                    _ => trips.push(((*a, *b), 1)),
                }
            }
            for w in trips.windows(2) {
                assert!(w[0].0 .1 <= w[1].0 .0, "{r:?}: trips overlap {w:?}");
            }
            for (iv, n) in trips {
                assert!(n <= seats, "{r:?}: trip {iv:?} carries {n} > {seats}");
            }
        } else {
            for w in list.windows(2) {
                assert!(w[0].1 <= w[1].0, "{r:?} used twice at once: {w:?}");
            }
        }
    }
}

#[test]
fn mass_casualty_overwhelms_a_small_role_2() {
    let (small, cap) = run(true, "limited");
    let cap = cap.expect("limited capacity has calendars");
    no_double_booking(&cap);
    let (ample, cap_ample) = run(false, "limited");
    no_double_booking(&cap_ample.expect("calendars"));
    let (unlimited, none) = run(false, "unlimited");
    assert!(none.is_none());
    eprintln!("small {small:?}\nample {ample:?}\nunlimited {unlimited:?}");
    // Saturation shows: queues for beds, tables and vehicles, and diversions.
    assert!(small.wait_bed > 0, "{small:?}");
    assert!(small.wait_surgery > 0, "{small:?}");
    assert!(small.wait_transport > 0, "{small:?}");
    assert!(small.diverted > 0, "{small:?}");
    assert!(
        small.wait_minutes > 10 * ample.wait_minutes.max(1),
        "{small:?} {ample:?}"
    );
    // Deaths rise against the same scenario with ample capacity.
    assert!(small.deaths > ample.deaths, "{small:?} {ample:?}");
    // Ample capacity is (nearly) the unlimited model.
    assert_eq!(ample.diverted, 0);
    assert!(
        ample.deaths.abs_diff(unlimited.deaths) <= 3,
        "{ample:?} {unlimited:?}"
    );
}

#[test]
fn the_role_2_is_the_bottleneck() {
    // The small Role 2's beds are booked back to back during the strike.
    let (_, cap) = run(true, "limited");
    let cap = cap.expect("calendars");
    let r2_bookings = cap
        .log()
        .iter()
        .filter(|u| matches!(u.resource, Resource::Bed { facility: 1, .. }))
        .count();
    assert!(r2_bookings >= 9, "{r2_bookings}");
    let _ = Role::R2;
}
