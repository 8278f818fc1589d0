//! Shared, finite capacity: beds, holding litters and operating tables of the facilities, and
//! the vehicles of each evacuation leg (docs/capacity.md).
//!
//! Casualties are simulated one after another in order of injury (the order of the planner's
//! slots). Each books what it needs on the shared calendars as its course reaches that point:
//! a resource unit (one bed, one table, one vehicle) is described by the time it is next free,
//! and a booking always starts at or after that time and moves it on. Bookings of one unit
//! therefore never overlap, by construction, and a unit promised to an earlier casualty is not
//! lent out meanwhile. The calendars hold one number per unit, so memory does not grow with
//! the number of patients; the optional usage log (for tests) does.

use crate::record::{Transport, Triage};
use crate::scenario::{AssetKind, CapacityModel, Scenario, PLANNED_DAILY_LOAD};

/// A booking of one resource unit, kept when the log is on (tests check them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Usage {
    /// What was booked.
    pub resource: Resource,
    /// Who booked it (patient index).
    pub patient: u64,
    /// From (seconds since the epoch).
    pub start: i64,
    /// Until (exclusive).
    pub end: i64,
}

/// One unit of a shared resource.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Resource {
    /// Bed `unit` of class `class` (0 = T1, 1 = T2, 2 = T3) of a facility group.
    Bed {
        /// Facility index in the scenario.
        facility: u16,
        /// Bed class.
        class: u8,
        /// Bed number within the class.
        unit: u32,
    },
    /// A litter of the reception/holding area.
    Holding {
        /// Facility index.
        facility: u16,
        /// Litter number.
        unit: u32,
    },
    /// An operating table.
    Table {
        /// Facility index.
        facility: u16,
        /// Table number.
        unit: u32,
    },
    /// A vehicle (one trip books it from dispatch to its return to base).
    Vehicle {
        /// Front index.
        front: u16,
        /// Leg (0 = POI → R1 … 3 = R3 → R4).
        leg: u8,
        /// Asset group on the leg.
        group: u8,
        /// Vehicle number.
        unit: u32,
    },
}

#[derive(Debug, Clone, Default)]
struct Pool {
    /// Next free time of each unit.
    free_at: Vec<i64>,
}

impl Pool {
    fn new(n: u64) -> Self {
        Pool {
            free_at: vec![i64::MIN; n.min(1 << 20) as usize],
        }
    }

    /// The unit free earliest and when (lowest index on ties).
    fn earliest(&self) -> Option<(usize, i64)> {
        let mut best: Option<(usize, i64)> = None;
        for (i, &f) in self.free_at.iter().enumerate() {
            if best.is_none_or(|(_, b)| f < b) {
                best = Some((i, f));
            }
        }
        best
    }
}

#[derive(Debug, Clone)]
struct FacilityPool {
    beds: [Pool; 3],
    holding: Pool,
    tables: Pool,
}

/// A vehicle's state: when it is back at base, and its last trip (which may still take
/// passengers from the same place if it has not left yet).
#[derive(Debug, Clone, Copy)]
struct Vehicle {
    free_at: i64,
    trip_depart: i64,
    trip_arrive: i64,
    trip_dispatch: i64,
    trip_load: u32,
    trip_origin: u64,
}

#[derive(Debug, Clone)]
struct Fleet {
    kind: AssetKind,
    capacity: u32,
    speed_kmh: f64,
    vehicles: Vec<Vehicle>,
}

/// A bed offer: where and from when.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BedOffer {
    /// The bed.
    pub resource: Resource,
    /// When it can take the casualty.
    pub start: i64,
}

/// A seat on a vehicle trip.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Trip {
    /// The vehicle.
    pub resource: Resource,
    /// Kind of transport.
    pub transport: Transport,
    /// Departure with the casualty aboard.
    pub depart: i64,
    /// Arrival at the destination.
    pub arrive: i64,
    /// Dispatch from base (start of the vehicle's booking).
    pub dispatch: i64,
    /// Back at base (end of the vehicle's booking).
    pub back: i64,
    /// Whether the casualty joined a trip already planned (shared ride).
    pub joined: bool,
}

/// Patients can join a planned trip that leaves at most this long after they are ready.
const JOIN_WINDOW_S: i64 = 20 * 60;
/// Strategic evacuation (Role 3 → Role 4) flies on a schedule: a flight every
/// `STRATEGIC_EVERY_S`, from 06:00 UTC; casualties ready before a flight join it.
const STRATEGIC_EVERY_S: i64 = 12 * 3600;
/// Turnaround at base after a trip.
const TURNAROUND_S: i64 = 15 * 60;

/// Shared capacity state of a scenario (one per generation, used sequentially).
#[derive(Debug, Clone)]
pub struct Capacity {
    facilities: Vec<FacilityPool>,
    /// `fleets[front][leg]`.
    fleets: Vec<[Vec<Fleet>; 4]>,
    log: Option<Vec<Usage>>,
}

fn class_index(t: Triage) -> usize {
    match t {
        Triage::T1 => 0,
        Triage::T2 => 1,
        // Expectant casualties get a minimal-care bed.
        Triage::T3 | Triage::T4 => 2,
    }
}

impl Capacity {
    /// The calendars of a scenario; `None` when its capacity is unlimited.
    pub fn for_scenario(s: &Scenario) -> Option<Self> {
        (s.capacity != CapacityModel::Unlimited).then(|| Self::new(s))
    }

    /// How many times the configured chain is deployed for a front (`Some(front)`) or for the
    /// facilities serving every front (`None`): 1 unless the model is `planned`, where it is
    /// the front's (or the whole theatre's, per front) expected casualties a day over
    /// [`PLANNED_DAILY_LOAD`], rounded up.
    pub fn planned_factor(s: &Scenario, front: Option<usize>) -> u64 {
        if s.capacity != CapacityModel::Planned {
            return 1;
        }
        // Sized for the busiest day of the tempo profile, not the average day: a chain built
        // for the mean load is short of vehicles and tables for days on end in a surge or an
        // escalation, and its casualties wait hours for surgery (calibration.md A: median
        // injury → first surgery 2–6 h).
        let weights = s.tempo.daily_weights(s.days);
        let mean = weights.iter().sum::<f64>() / weights.len().max(1) as f64;
        let peak = weights.iter().copied().fold(0.0, f64::max);
        let peak_ratio = if mean > 0.0 {
            (peak / mean).max(1.0)
        } else {
            1.0
        };
        let per_day = s.total_patients as f64 / f64::from(s.days.max(1)) * peak_ratio;
        let load = match front {
            Some(f) => per_day * s.fronts.get(f).map_or(1.0, |x| x.share),
            None => per_day / s.fronts.len().max(1) as f64,
        };
        ((load / PLANNED_DAILY_LOAD).ceil() as u64).clamp(1, 1000)
    }

    /// The calendars of a scenario, whatever its capacity model says (`unlimited` is read as
    /// `limited`).
    pub fn new(s: &Scenario) -> Self {
        let facilities = s
            .facilities
            .iter()
            .map(|f| {
                let c = u64::from(f.count) * Self::planned_factor(s, f.front);
                FacilityPool {
                    beds: [
                        Pool::new(c * u64::from(f.beds.t1)),
                        Pool::new(c * u64::from(f.beds.t2)),
                        Pool::new(c * u64::from(f.beds.t3)),
                    ],
                    holding: Pool::new(c * u64::from(f.holding)),
                    tables: Pool::new(c * u64::from(f.operating_tables)),
                }
            })
            .collect();
        let fleets = s
            .fronts
            .iter()
            .enumerate()
            .map(|(fi, _)| {
                let k = Self::planned_factor(s, Some(fi));
                let mut legs: [Vec<Fleet>; 4] = Default::default();
                for (l, cfg) in s.evacuation.legs.iter().enumerate() {
                    legs[l] = cfg
                        .assets
                        .iter()
                        .map(|a| Fleet {
                            kind: a.kind,
                            capacity: a.capacity.max(1),
                            speed_kmh: a.speed_kmh,
                            vehicles: vec![
                                Vehicle {
                                    free_at: i64::MIN,
                                    trip_depart: i64::MIN,
                                    trip_arrive: i64::MIN,
                                    trip_dispatch: i64::MIN,
                                    trip_load: 0,
                                    trip_origin: u64::MAX,
                                };
                                (u64::from(a.count) * k).min(100_000) as usize
                            ],
                        })
                        .collect();
                }
                legs
            })
            .collect();
        Capacity {
            facilities,
            fleets,
            log: None,
        }
    }

    /// Keeps every booking (for tests; memory grows with the patients).
    pub fn keep_log(&mut self) {
        self.log = Some(Vec::new());
    }

    /// The bookings kept since [`Capacity::keep_log`].
    pub fn log(&self) -> &[Usage] {
        self.log.as_deref().unwrap_or(&[])
    }

    /// Seats per trip of a vehicle resource.
    pub fn vehicle_capacity(&self, r: Resource) -> Option<u32> {
        match r {
            Resource::Vehicle {
                front, leg, group, ..
            } => self
                .fleets
                .get(front as usize)
                .and_then(|l| l[leg as usize].get(group as usize))
                .map(|f| f.capacity),
            _ => None,
        }
    }

    fn record(&mut self, resource: Resource, patient: u64, start: i64, end: i64) {
        if let Some(log) = &mut self.log {
            log.push(Usage {
                resource,
                patient,
                start,
                end,
            });
        }
    }

    /// Whether the facility's beds are modelled (a facility configured with no beds at all
    /// is treated as unconstrained).
    pub fn has_beds(&self, facility: u16) -> bool {
        self.facilities
            .get(facility as usize)
            .is_some_and(|f| f.beds.iter().any(|b| !b.free_at.is_empty()))
    }

    /// The earliest bed for a casualty of triage `t` arriving at `at`: its own class first,
    /// then the more acute classes (a T1 bed can hold a T2 casualty). Among beds free by `at`
    /// the own class wins; otherwise the one free soonest.
    pub fn bed_offer(&self, facility: u16, t: Triage, at: i64) -> Option<BedOffer> {
        let f = self.facilities.get(facility as usize)?;
        let own = class_index(t);
        let mut best: Option<BedOffer> = None;
        for class in (0..=own).rev() {
            if let Some((unit, free)) = f.beds[class].earliest() {
                let start = free.max(at);
                let offer = BedOffer {
                    resource: Resource::Bed {
                        facility,
                        class: class as u8,
                        unit: unit as u32,
                    },
                    start,
                };
                if start == at {
                    return Some(offer);
                }
                if best.is_none_or(|b| start < b.start) {
                    best = Some(offer);
                }
            }
        }
        best
    }

    /// Books a bed from `start` until `end`.
    pub fn book_bed(&mut self, bed: Resource, patient: u64, start: i64, end: i64) {
        if let Resource::Bed {
            facility,
            class,
            unit,
        } = bed
        {
            let end = end.max(start);
            if let Some(slot) = self
                .facilities
                .get_mut(facility as usize)
                .and_then(|f| f.beds[class as usize].free_at.get_mut(unit as usize))
            {
                debug_assert!(*slot <= start, "bed booked twice");
                *slot = end;
            }
            self.record(bed, patient, start, end);
        }
    }

    /// Whether a holding litter is free at `at`.
    pub fn holding_free(&self, facility: u16, at: i64) -> bool {
        self.facilities
            .get(facility as usize)
            .and_then(|f| f.holding.earliest())
            .is_some_and(|(_, free)| free <= at)
    }

    /// Books a holding litter for a wait from `start` to `end`; false when none is free.
    pub fn book_holding(&mut self, facility: u16, patient: u64, start: i64, end: i64) -> bool {
        let Some(f) = self.facilities.get_mut(facility as usize) else {
            return false;
        };
        match f.holding.earliest() {
            Some((unit, free)) if free <= start => {
                f.holding.free_at[unit] = end.max(start);
                let r = Resource::Holding {
                    facility,
                    unit: unit as u32,
                };
                self.record(r, patient, start, end.max(start));
                true
            }
            _ => false,
        }
    }

    /// The earliest operating table at or after `at`; `None` when the facility has none
    /// configured (surgery there is then unconstrained).
    pub fn table_offer(&self, facility: u16, at: i64) -> Option<(Resource, i64)> {
        let f = self.facilities.get(facility as usize)?;
        let (unit, free) = f.tables.earliest()?;
        Some((
            Resource::Table {
                facility,
                unit: unit as u32,
            },
            free.max(at),
        ))
    }

    /// Books a table from `start` until `end`.
    pub fn book_table(&mut self, table: Resource, patient: u64, start: i64, end: i64) {
        if let Resource::Table { facility, unit } = table {
            let end = end.max(start);
            if let Some(slot) = self
                .facilities
                .get_mut(facility as usize)
                .and_then(|f| f.tables.free_at.get_mut(unit as usize))
            {
                debug_assert!(*slot <= start, "table booked twice");
                *slot = end;
            }
            self.record(table, patient, start, end);
        }
    }

    /// Whether the leg has vehicles of a kind on this front.
    pub fn has_kind(&self, front: usize, leg: usize, kind: AssetKind) -> bool {
        self.fleets.get(front).is_some_and(|l| {
            l[leg]
                .iter()
                .any(|f| f.kind == kind && !f.vehicles.is_empty())
        })
    }

    /// The earliest seat on a `kind` vehicle of `leg` for a casualty ready at `ready` at
    /// `origin` (an incident or facility key; only casualties of one origin share a trip).
    /// `transit_s(speed)` is the casualty's transit time with a vehicle of that speed.
    /// `flyable(t)` moves a helicopter departure to the next time flying is allowed (or
    /// `None` if never). Nothing is booked.
    #[allow(clippy::too_many_arguments)]
    pub fn trip_offer(
        &self,
        front: usize,
        leg: usize,
        kind: AssetKind,
        ready: i64,
        origin: u64,
        transit_s: &dyn Fn(f64) -> i64,
        flyable: &dyn Fn(i64) -> Option<i64>,
    ) -> Option<Trip> {
        let fleets = self.fleets.get(front)?;
        let transport = match kind {
            AssetKind::GroundAmbulance => Transport::GroundAmbulance,
            AssetKind::Helicopter => Transport::Helicopter,
            AssetKind::Bus if leg == 3 => Transport::StrategicAir,
            AssetKind::Bus => Transport::GroundAmbulance,
        };
        let scheduled = leg == 3;
        let window = if scheduled {
            STRATEGIC_EVERY_S
        } else {
            JOIN_WINDOW_S
        };
        let mut best: Option<Trip> = None;
        for (g, fleet) in fleets[leg].iter().enumerate() {
            if fleet.kind != kind {
                continue;
            }
            let transit = transit_s(fleet.speed_kmh).max(60);
            for (u, v) in fleet.vehicles.iter().enumerate() {
                let resource = Resource::Vehicle {
                    front: front as u16,
                    leg: leg as u8,
                    group: g as u8,
                    unit: u as u32,
                };
                // Join the vehicle's planned trip from the same place.
                let cand = if v.trip_origin == origin
                    && v.trip_load < fleet.capacity
                    && v.trip_depart >= ready
                    && v.trip_depart <= ready + window
                {
                    Trip {
                        resource,
                        transport,
                        depart: v.trip_depart,
                        arrive: v.trip_arrive,
                        dispatch: v.trip_dispatch,
                        back: v.free_at,
                        joined: true,
                    }
                } else {
                    // A new trip: the vehicle drives out from base, loads and drives back.
                    let mut depart = ready.max(v.free_at.saturating_add(transit));
                    if kind == AssetKind::Helicopter && !scheduled {
                        depart = flyable(depart - transit)? + transit;
                    }
                    if scheduled {
                        let phase = (depart - 6 * 3600).rem_euclid(STRATEGIC_EVERY_S);
                        if phase != 0 {
                            depart += STRATEGIC_EVERY_S - phase;
                        }
                    }
                    Trip {
                        resource,
                        transport,
                        depart,
                        arrive: depart + transit,
                        dispatch: depart - transit,
                        back: depart + 2 * transit + TURNAROUND_S,
                        joined: false,
                    }
                };
                if best.is_none_or(|b| cand.arrive < b.arrive) {
                    best = Some(cand);
                }
            }
        }
        best
    }

    /// Books a seat offered by [`Capacity::trip_offer`].
    pub fn book_trip(&mut self, trip: &Trip, patient: u64, origin: u64) {
        if let Resource::Vehicle {
            front,
            leg,
            group,
            unit,
        } = trip.resource
        {
            if let Some(v) = self
                .fleets
                .get_mut(front as usize)
                .and_then(|l| l[leg as usize].get_mut(group as usize))
                .and_then(|f| f.vehicles.get_mut(unit as usize))
            {
                if trip.joined {
                    v.trip_load += 1;
                } else {
                    debug_assert!(v.free_at <= trip.dispatch, "vehicle booked twice");
                    *v = Vehicle {
                        free_at: trip.back,
                        trip_depart: trip.depart,
                        trip_arrive: trip.arrive,
                        trip_dispatch: trip.dispatch,
                        trip_load: 1,
                        trip_origin: origin,
                    };
                }
            }
            self.record(trip.resource, patient, trip.dispatch, trip.back);
        }
    }
}
