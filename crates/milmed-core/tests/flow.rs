//! The flow report (occupancy and queues per facility, legs, waits) of a shared-capacity run:
//! it agrees with the capacity calendars' own bookings, shows the saturation of a small
//! Role 2, and does not depend on how the patients are split into chunks.

mod common;

use std::collections::BTreeSet;

use milmed_core::engine::capacity::Resource;
use milmed_core::flow::PlaceReport;
use milmed_core::record::{EventKind, Outcome};
use milmed_core::stats::{Accumulator, Report};

/// One front; a mass-casualty strike of 80 on day 1; Role 2 `r2a` (small when `small`) and
/// `r2b` (ample) both serve it, so a saturated `r2a` diverts to `r2b`.
fn scenario(small: bool, capacity: &str) -> String {
    let r2a = if small {
        r#"{"T1": 1, "T2": 2, "T3": 2}, "operating_tables": 1, "holding": 2"#
    } else {
        r#"{"T1": 100, "T2": 100, "T3": 100}, "operating_tables": 50, "holding": 100"#
    };
    format!(
        r#"{{
        "count": 200, "days_of_fighting": 4, "seed": 5, "capacity": "{capacity}",
        "front_configs": [{{"id": "east", "nationality_distribution": [{{"nationality_code": "NLD", "percentage": 100}}]}}],
        "facility_configs": [
            {{"id": "r1", "role": "R1", "beds": {{"T1": 50, "T2": 50, "T3": 50}}, "holding": 50}},
            {{"id": "r2a", "role": "R2", "beds": {r2a}}},
            {{"id": "r2b", "role": "R2", "beds": {{"T1": 50, "T2": 50, "T3": 50}}, "operating_tables": 20, "holding": 50}},
            {{"id": "r3", "role": "R3", "beds": {{"T1": 80, "T2": 80, "T3": 80}}, "operating_tables": 30}},
            {{"id": "r4", "role": "R4"}}
        ],
        "evacuation": {{"air_superiority": true, "legs": {{
            "poi_r1": {{"assets": [{{"kind": "ground_ambulance", "count": 3}}]}},
            "r1_r2": {{"assets": [{{"kind": "ground_ambulance", "count": 20}}, {{"kind": "helicopter", "count": 10}}]}},
            "r2_r3": {{"assets": [{{"kind": "ground_ambulance", "count": 20}}, {{"kind": "helicopter", "count": 10}}]}}
        }}}},
        "injury_distribution": {{"DIS": 0.05, "NBI": 0.05, "BI": 0.9}},
        "warfare_types": ["artillery"],
        "special_events": [{{"type": "mass_casualty", "day": 1, "hour": 9, "size": 80}}]
    }}"#
    )
}

struct Run {
    report: Report,
    /// The report of the patients who died or reached Role 4 before the scenario's end.
    ended: Report,
    /// Bed-seconds the calendars booked for those patients, per facility index.
    ended_bed_seconds: Vec<i64>,
    /// Patients who died or reached Role 4.
    ended_patients: u64,

    /// The whole cohort accumulated in chunks of 7 patients and merged.
    chunked: Report,
    /// Ended waits in the timelines: bed, surgery, transport.
    wait_events: [u64; 3],
    /// Waits still running at the end.
    open_waits: u64,
}

fn run(small: bool, capacity: &str) -> Run {
    let s = common::scenario(&scenario(small, capacity));
    let facilities = s.facilities.len();
    let mut whole = Accumulator::default();
    let mut ended = Accumulator::default();
    let mut ended_ids = BTreeSet::new();

    let mut merged = Accumulator::default();
    let mut chunk = Accumulator::default();
    let mut wait_events = [0; 3];
    let mut open_waits = 0;
    let mut n = 0;
    let sc = s.clone();
    let cap = common::for_each_shared(s, true, |p| {
        whole.add_generated(&sc, p);
        chunk.add_generated(&sc, p);
        n += 1;
        if n % 7 == 0 {
            merged.merge(std::mem::take(&mut chunk));
        }
        match p.outcome {
            // Returned casualties leave the bed some time after their last care, which the
            // records do not date exactly.
            Outcome::InCare | Outcome::Rtd => {}
            _ => {
                ended.add_generated(&sc, p);
                ended_ids.insert(p.id);
            }
        }
        for (i, e) in p.timeline.iter().enumerate() {
            let kind = match e.kind {
                EventKind::WaitBed => 0,
                EventKind::WaitSurgery => 1,
                EventKind::WaitTransport => 2,
                _ => continue,
            };
            // A wait that is the last event is still running at the scenario's end.
            if i + 1 < p.timeline.len() {
                wait_events[kind] += 1;
            } else {
                open_waits += 1;
            }
        }
    });
    merged.merge(chunk);
    let mut booked = vec![0; facilities];

    let cap = cap.expect("limited capacity keeps calendars");
    for u in cap.log() {
        if let Resource::Bed { facility, .. } = u.resource {
            if ended_ids.contains(&u.patient) {
                booked[usize::from(facility)] += u.end - u.start;
            }
        }
    }
    Run {
        report: whole.report(None),
        ended: ended.report(None),
        ended_bed_seconds: booked,
        ended_patients: ended_ids.len() as u64,

        chunked: merged.report(None),
        wait_events,
        open_waits,
    }
}

fn place<'a>(r: &'a Report, id: &str) -> &'a PlaceReport {
    r.flow
        .facilities
        .iter()
        .find(|p| p.place == id)
        .unwrap_or_else(|| panic!("{id} not in the report"))
}

#[test]
fn occupancy_matches_the_calendars_and_saturation_shows() {
    let small = run(true, "limited");
    let ample = run(false, "limited");
    for (name, r) in [("small", &small), ("ample", &ample)] {
        // The ward bed is booked for the last part of a casualty's time in care (after
        // triage, resuscitation and surgery; docs/capacity.md), so the care-hours read from
        // the timelines of the casualties whose course ended cover the calendars' bed-hours
        // (to the second per stay: the engine rounds times to whole seconds), and exceed them
        // by no more than the time before the bed: a few hours per visit.
        assert!(r.ended_patients > 15, "{name}: {}", r.ended_patients);
        for (i, id) in ["r1", "r2a", "r2b", "r3"].iter().enumerate() {
            let p = r.ended.flow.facilities.iter().find(|p| p.place == *id);
            let (care, visits) = p.map_or((0.0, 0), |p| (p.patient_hours, p.arrivals));
            let booked = r.ended_bed_seconds[i] as f64 / 3600.0;
            eprintln!("{name} {id}: in care {care} h, beds booked {booked:.3} h, {visits} visits");
            assert!(
                care + 0.006 + visits as f64 / 3600.0 >= booked,
                "{name} {id}: {care} h in care, {booked} h of beds booked"
            );
            assert!(
                care <= booked + 4.0 * visits as f64,
                "{name} {id}: {care} h in care, {booked} h of beds booked, {visits} visits"
            );
        }
        // Waits in the report are the timelines' wait events.
        let waits = &r.report.flow.waits;
        let counted = [&waits["bed"], &waits["surgery"], &waits["transport"]];
        let started: u64 = r.report.flow.facilities.iter().map(|p| p.waits).sum();
        assert_eq!(
            started,
            r.wait_events.iter().sum::<u64>() + r.open_waits,
            "{name}"
        );
        for (d, events) in counted.iter().zip(r.wait_events) {
            assert_eq!(d.count, events, "{name}: {d:?}");
        }
        // Chunks merged in order give the same report as one pass.
        assert_eq!(
            serde_json::to_string(&r.report).expect("report serialises"),
            serde_json::to_string(&r.chunked).expect("report serialises"),
            "{name}"
        );
    }

    let r2a = place(&small.report, "r2a");
    // The small Role 2 is saturated: it turns casualties away, they queue, and it holds
    // fewer patients at its busiest than the same Role 2 with ample beds.
    assert!(r2a.diverted_away >= 5, "{r2a:?}");
    assert!(r2a.waits > 0 && r2a.queue_patient_hours > 0.0, "{r2a:?}");
    let peak = |p: &PlaceReport| p.peak_occupancy.as_ref().map_or(0.0, |x| x.patients);
    let ample_r2a = place(&ample.report, "r2a");
    assert!(
        peak(r2a) >= 3.0 && peak(r2a) < peak(ample_r2a),
        "{r2a:?} {ample_r2a:?}"
    );
    // The other Role 2 takes the diverted.
    assert!(
        place(&small.report, "r2b").arrivals > place(&ample.report, "r2b").arrivals,
        "diverted casualties arrive at r2b"
    );
    assert_eq!(small.report.flow.diversions, r2a.diverted_away);
    // With ample beds nobody is diverted.
    assert_eq!(ample_r2a.diverted_away, 0);
    assert_eq!(ample.report.flow.diversions, 0);
    // The point of injury of the front is reported with its queue for transport.
    let poi = place(&small.report, "POI@east");
    assert_eq!(poi.front.as_deref(), Some("east"));
    assert!(poi.queue_patient_hours > 0.0, "{poi:?}");
    // Every casualty has a highest role.
    let by_role: u64 = small.report.flow.patients_by_highest_role.values().sum();
    assert_eq!(by_role, small.report.total_patients);
}

#[test]
fn unlimited_capacity_shows_demand_without_queues() {
    let s = common::scenario(&scenario(true, "unlimited"));
    let sc = s.clone();
    let mut acc = Accumulator::default();
    common::for_each(s, |p| acc.add_generated(&sc, p));
    let r = acc.report(None);
    assert_eq!(r.flow.diversions, 0);
    for p in &r.flow.facilities {
        assert_eq!(p.queue_patient_hours, 0.0, "{p:?}");
        assert!(p.peak_queue.is_none());
    }
    // The strike's demand on the small Role 2 exceeds its five beds: what a planner sizes by.
    let r2a = place(&r, "r2a");
    assert!(
        r2a.peak_occupancy
            .as_ref()
            .is_some_and(|p| p.patients > 5.0),
        "{r2a:?}"
    );
    // Legs are named by role and carry their transports.
    assert!(r
        .flow
        .evacuation
        .iter()
        .any(|l| l.from == "POI" && l.to == "R1" && l.transits > 0));
    // 10-1-2: bleeding control at the point of injury is mostly within ten minutes.
    let bleeding = &r.ten_one_two[0];
    assert_eq!(bleeding.step, "bleeding_control");
    assert!(bleeding.patients > 20, "{bleeding:?}");
    assert!(bleeding.within_target <= bleeding.patients);
    let surgery = &r.ten_one_two[2];
    assert_eq!(surgery.patients, r.figures.hits.min(surgery.patients));
    assert_eq!(
        surgery.median_minutes.map(|m| m / 60.0),
        r.figures.median_hours_to_first_surgery
    );
}
