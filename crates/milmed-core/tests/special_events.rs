//! Special events happen at the clock hour the scenario gives, whatever its start time.

use milmed_core::engine::Generator;
use milmed_core::record::Patient;
use milmed_core::scenario::{parse_str, SpecialEventKind};

/// Injury clock hours (UTC) of the casualties of the one explicit mass-casualty event.
fn event_hours(start_time: &str, day: u32, hour: u32) -> Vec<(i64, i64)> {
    let json = format!(
        r#"{{"total_patients": 300, "days_of_fighting": 3, "base_date": "2025-06-01",
            "start_time": "{start_time}",
            "special_events": [{{"type": "mass_casualty", "day": {day}, "hour": {hour}, "size": 40}}]}}"#
    );
    let s = parse_str(&json).expect("valid scenario").scenario;
    let gen = Generator::new(s);
    let mut p = Patient::empty();
    let mut out = Vec::new();
    for slot in gen.planner() {
        gen.fill(&slot, &mut p);
        if p.special_event == Some(SpecialEventKind::MassCasualty) {
            // (calendar day since base date, clock hour)
            let since_base = p.injury_time - gen.scenario().base_date.midnight();
            out.push((
                since_base.div_euclid(86_400),
                since_base.rem_euclid(86_400) / 3600,
            ));
        }
    }
    out
}

#[test]
fn explicit_event_at_midnight_start_keeps_its_hour() {
    let hours = event_hours("00:00", 2, 14);
    assert_eq!(hours.len(), 40);
    assert!(hours.iter().all(|&h| h == (1, 14)), "{hours:?}");
}

#[test]
fn explicit_event_hour_is_a_clock_hour_for_a_later_start() {
    // Day 1 runs from 06:00 on the base date to 06:00 the next day: 14:00 is on the base
    // date, 03:00 on the calendar day after it.
    let afternoon = event_hours("06:00", 1, 14);
    assert_eq!(afternoon.len(), 40);
    assert!(afternoon.iter().all(|&h| h == (0, 14)), "{afternoon:?}");
    let night = event_hours("06:00", 1, 3);
    assert_eq!(night.len(), 40);
    assert!(night.iter().all(|&h| h == (1, 3)), "{night:?}");
}
