//! Helpers shared by the integration tests.
#![allow(dead_code)]

use milmed_core::engine::Generator;
use milmed_core::record::Patient;
use milmed_core::scenario::{parse_str, Scenario};

/// Parses a scenario or panics with the error (tests only).
pub fn scenario(json: &str) -> Scenario {
    match parse_str(json) {
        Ok(p) => p.scenario,
        Err(e) => panic!("scenario should parse: {e}"),
    }
}

/// Generates the whole population, calling `f` for each patient in order.
pub fn for_each(s: Scenario, mut f: impl FnMut(&Patient)) -> u64 {
    let gen = Generator::new(s);
    let mut p = Patient::empty();
    let mut n = 0;
    for slot in gen.planner() {
        gen.fill(&slot, &mut p);
        f(&p);
        n += 1;
    }
    n
}

/// Generates the whole population with shared capacity when the scenario limits it (one
/// calendar, slots in order), calling `f` for each patient; returns the calendars.
pub fn for_each_shared(
    s: Scenario,
    keep_log: bool,
    mut f: impl FnMut(&Patient),
) -> Option<milmed_core::engine::Capacity> {
    let gen = Generator::new(s);
    let mut cap = gen.capacity();
    if let (Some(c), true) = (cap.as_mut(), keep_log) {
        c.keep_log();
    }
    let mut p = Patient::empty();
    for slot in gen.planner() {
        match cap.as_mut() {
            Some(c) => gen.fill_shared(&slot, &mut p, c),
            None => gen.fill(&slot, &mut p),
        }
        f(&p);
    }
    cap
}
