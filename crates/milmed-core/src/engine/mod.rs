//! The generator: scenario → planner of slots → one patient per slot.

pub mod capacity;
mod course;
pub mod injury;
pub mod person;
pub mod plan;

pub use capacity::Capacity;
pub use plan::{Planner, Slot};

use crate::nations::NATIONS;
use crate::record::{Patient, Place};
use crate::rng::{Domain, Stream};
use crate::scenario::{Category, Role, Scenario};
use crate::time::Date;

/// Which facilities serve each front at each role.
#[derive(Debug, Clone)]
pub struct Chain {
    /// `by_front[front][role as usize]` = facility indices with weights (their counts).
    by_front: Vec<[Vec<(u16, f64)>; 6]>,
}

impl Chain {
    fn new(s: &Scenario) -> Self {
        let mut by_front: Vec<[Vec<(u16, f64)>; 6]> =
            (0..s.fronts.len()).map(|_| Default::default()).collect();
        for (fi, front) in by_front.iter_mut().enumerate() {
            for (i, f) in s.facilities.iter().enumerate() {
                if f.front.is_none_or(|x| x == fi) && f.role != Role::Poi {
                    front[f.role as usize].push((i as u16, f64::from(f.count)));
                }
            }
        }
        Chain { by_front }
    }

    /// The next role after `role` that exists for the front. Role 4 always exists (home).
    pub fn next_role(&self, front: usize, role: Role) -> Option<Role> {
        let order = [Role::R1, Role::R2, Role::R3, Role::Csu, Role::R4];
        order
            .into_iter()
            .filter(|r| *r > role)
            .find(|r| *r == Role::R4 || !self.by_front[front][*r as usize].is_empty())
    }

    /// A concrete place for a role (a configured facility when there is one).
    pub fn place(&self, front: usize, role: Role, rng: &mut Stream) -> Place {
        let list = &self.by_front[front][role as usize];
        let facility = match list.len() {
            0 => None,
            1 => Some(list[0].0),
            _ => {
                let total: f64 = list.iter().map(|x| x.1).sum();
                let mut x = rng.unit() * total;
                let mut chosen = list[list.len() - 1].0;
                for (i, w) in list {
                    if x < *w {
                        chosen = *i;
                        break;
                    }
                    x -= w;
                }
                Some(chosen)
            }
        };
        Place { role, facility }
    }
}

/// Precomputed tables for one scenario; shared read-only by all threads.
pub struct Generator {
    scenario: Scenario,
    chain: Chain,
    person: person::PersonTables,
    front_weights: Vec<f64>,
    nation_weights: Vec<Vec<f64>>,
}

impl Generator {
    /// Prepares a generator.
    pub fn new(scenario: Scenario) -> Self {
        let chain = Chain::new(&scenario);
        let front_weights = scenario.fronts.iter().map(|f| f.share).collect();
        let nation_weights = scenario
            .fronts
            .iter()
            .map(|f| f.nations.iter().map(|n| n.1).collect())
            .collect();
        Generator {
            scenario,
            chain,
            person: person::PersonTables::new(),
            front_weights,
            nation_weights,
        }
    }

    /// The scenario.
    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    /// A planner yielding every slot in time order.
    pub fn planner(&self) -> Planner {
        Planner::new(&self.scenario)
    }

    /// Fills `p` with the casualty of `slot`. Depends only on the seed and the slot: capacity
    /// is unlimited here, whatever the scenario says (see [`Generator::fill_shared`]).
    pub fn fill(&self, slot: &Slot, p: &mut Patient) {
        self.fill_with(slot, p, None)
    }

    /// Fills `p` with the casualty of `slot`, booking beds, tables and vehicles on `cap`.
    /// Slots must be filled in planner order, one after another, with one `cap` for the
    /// whole scenario: the result depends on every earlier casualty.
    pub fn fill_shared(&self, slot: &Slot, p: &mut Patient, cap: &mut Capacity) {
        self.fill_with(slot, p, Some(cap))
    }

    /// The capacity calendars of the scenario, when its capacity is limited.
    pub fn capacity(&self) -> Option<Capacity> {
        Capacity::for_scenario(&self.scenario)
    }

    fn fill_with(&self, slot: &Slot, p: &mut Patient, mut cap: Option<&mut Capacity>) {
        let s = &self.scenario;
        if let Some(cap) = cap.as_deref_mut() {
            cap.forget_flights_before(slot.time);
        }
        let seed = s.seed;
        let mut prng = Stream::for_patient(seed, slot.index, Domain::Person);
        let mut irng = Stream::for_patient(seed, slot.index, Domain::Injury);
        let mut crng = Stream::for_patient(seed, slot.index, Domain::Course);
        let mut vrng = Stream::for_patient(seed, slot.index, Domain::Vitals);

        p.id = slot.index;
        p.day = slot.day;
        p.injury_time = slot.time;
        p.warfare = slot.warfare;
        p.event_id = slot.event_id;
        p.mass_casualty = slot.mass_casualty;
        p.special_event = slot.special;
        p.environment = s.environment;

        let front = prng.weighted(&self.front_weights);
        p.front = front;
        let nation_local = prng.weighted(&self.nation_weights[front]);
        let nation = s.fronts[front]
            .nations
            .get(nation_local)
            .map(|n| n.0)
            .unwrap_or(0);
        // The nation's (or scenario's) share of women is their share of the deployed force;
        // their share of casualties is lower, and lowest among battle injuries.
        let force_share = person::female_share(s, &NATIONS[nation]);
        let (p_female, women, men) = person::sex_and_category(s.injury_mix, force_share);
        let female = prng.chance(p_female);
        let injury_day = Date::from_days_since_epoch(slot.time.div_euclid(86_400));
        let who = person::Identity {
            nation,
            female,
            warfare: slot.warfare,
            injury_day,
        };
        person::fill_person(s, &self.person, &mut prng, &who, &mut p.person);

        let weights = if female { women } else { men };
        let category = Category::ALL[irng.weighted(&weights)];
        p.category = category;
        let inj = injury::draw_injury(
            category,
            slot.warfare,
            s.environment,
            &mut irng,
            &mut p.conditions,
        );
        p.iss = inj.iss;
        p.triage = crate::record::Triage::T3;
        p.last_place = Place::POI;
        course::run(s, &self.chain, &inj, p, &mut crng, &mut vrng, cap);
    }
}
