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
