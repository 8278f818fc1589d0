//! Shared, finite capacity: beds, holding litters and operating tables of the facilities, and
//! the vehicles of each evacuation leg (docs/capacity.md).
//!
//! Casualties are simulated one after another in order of injury (the order of the planner's
//! slots). Each books what it needs on the shared calendars as its course reaches that point:
//! a resource unit (one bed, one table, one vehicle) is described by the time it is next free,
//! and a booking always starts at or after that time and moves it on. Bookings of one unit
//! therefore never overlap, by construction, and a unit promised to an earlier casualty is not
//! lent out meanwhile. The calendars hold one number per unit, so memory does not grow with
//! the number of patients; the optional usage log (for tests) does. Scheduled strategic
//! flights are counted per flight instead, for the flights still ahead only.

use std::collections::{BTreeMap, BTreeSet};

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

/// The units of one resource and when each is next free, with a tournament tree over them so
/// that the unit free earliest is found in O(1) and a booking costs O(log n). With `planned`
/// capacity a chain can have tens of thousands of beds or vehicles, and a linear scan per
/// booking made a million casualties quadratic.
#[derive(Debug, Clone, Default)]
struct Pool {
    /// Next free time of each unit.
    free_at: Vec<i64>,
    /// `tree[1]` is the root, `tree[leaves + i]` is unit `i`; each node holds the unit of its
    /// subtree free earliest (lowest index on ties), [`NO_UNIT`] for an empty subtree.
    tree: Vec<u32>,
    leaves: usize,
}

const NO_UNIT: u32 = u32::MAX;

impl Pool {
    fn new(n: u64) -> Self {
        let n = n.min(1 << 20) as usize;
        let leaves = n.next_power_of_two();
        let mut tree = vec![NO_UNIT; 2 * leaves];
        for (i, node) in tree[leaves..leaves + n].iter_mut().enumerate() {
            *node = i as u32;
        }
        let mut pool = Pool {
            free_at: vec![i64::MIN; n],
            tree,
            leaves,
        };
        for node in (1..leaves).rev() {
            pool.tree[node] = pool.better(pool.tree[2 * node], pool.tree[2 * node + 1]);
        }
        pool
    }

    fn len(&self) -> usize {
        self.free_at.len()
    }

    /// The unit free earlier of two (lower index on ties).
    fn better(&self, a: u32, b: u32) -> u32 {
        match (a, b) {
            (NO_UNIT, _) => b,
            (_, NO_UNIT) => a,
            _ if (self.free_at[b as usize], b) < (self.free_at[a as usize], a) => b,
            _ => a,
        }
    }

    /// The unit free earliest and when (lowest index on ties).
    fn earliest(&self) -> Option<(usize, i64)> {
        let unit = *self.tree.get(1)?;
        (unit != NO_UNIT).then(|| (unit as usize, self.free_at[unit as usize]))
    }

    /// The lowest-numbered unit whose free time satisfies `fits`, which must hold for every
    /// time before one where it holds (a deadline test).
    fn first_fitting(&self, fits: impl Fn(i64) -> bool) -> Option<usize> {
        let (_, free) = self.earliest()?;
        if !fits(free) {
            return None;
        }
        let mut node = 1;
        while node < self.leaves {
            let left = self.tree[2 * node];
            node = if left != NO_UNIT && fits(self.free_at[left as usize]) {
                2 * node
            } else {
                2 * node + 1
            };
        }
        Some(self.tree[node] as usize)
    }

    /// Sets when `unit` is next free.
    fn set(&mut self, unit: usize, free: i64) {
        let Some(slot) = self.free_at.get_mut(unit) else {
            return;
        };
        *slot = free;
        let mut node = (self.leaves + unit) / 2;
        while node >= 1 {
            self.tree[node] = self.better(self.tree[2 * node], self.tree[2 * node + 1]);
            node /= 2;
        }
    }
}

#[derive(Debug, Clone)]
struct FacilityPool {
    beds: [Pool; 3],
    holding: Pool,
    tables: Pool,
}

/// A vehicle's last trip, which may still take passengers from the same place if it has not
/// left yet. When it is back at base is kept in its fleet's [`Pool`].
#[derive(Debug, Clone, Copy)]
struct Vehicle {
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
    /// When each vehicle is back at base.
    free: Pool,
    /// Every vehicle's last trip as (origin, departure, vehicle), so that the trips a casualty
    /// could join are a range, not a scan of the fleet.
    trips: BTreeSet<(u64, i64, u32)>,
    /// Scheduled legs only: seats taken on flights ahead that are not full yet, by flight
    /// number (see [`Fleet::scheduled_seat`]).
    flights: BTreeMap<i64, u32>,
    /// Scheduled legs only: runs of full flights ahead, first flight → the flown flight
    /// after the run.
    full_flights: BTreeMap<i64, i64>,
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

/// How long a new trip holds its vehicle before and after its departure with the first
/// casualty: dispatched from its base one transit before, back two transits and the
/// turnaround after.
fn trip_hold(transit: i64) -> (i64, i64) {
    (transit, 2 * transit + TURNAROUND_S)
}

impl Trip {
    /// A new trip leaving with its first casualty at `depart`.
    fn leaving(resource: Resource, transport: Transport, depart: i64, transit: i64) -> Self {
        let (before, after) = trip_hold(transit);
        Trip {
            resource,
            transport,
            depart,
            arrive: depart + transit,
            dispatch: depart - before,
            back: depart + after,
            joined: false,
        }
    }
}

/// Patients can join a planned trip that leaves at most this long after they are ready.
const JOIN_WINDOW_S: i64 = 20 * 60;
/// Strategic evacuation (Role 3 → Role 4) flies on a schedule: a flight every
/// `STRATEGIC_EVERY_S`, from 06:00 UTC; casualties ready before a flight join it.
const STRATEGIC_EVERY_S: i64 = 12 * 3600;
/// Turnaround at base after a trip.
const TURNAROUND_S: i64 = 15 * 60;
/// The leg flown on a schedule (Role 3 → Role 4).
const SCHEDULED_LEG: usize = 3;

/// The number of the first scheduled flight leaving at or after `t` (flight 0 leaves at
/// 06:00 UTC on 1970-01-01).
fn flight_number(t: i64) -> i64 {
    (t - 6 * 3600).div_euclid(STRATEGIC_EVERY_S)
        + i64::from((t - 6 * 3600).rem_euclid(STRATEGIC_EVERY_S) != 0)
}

/// When flight `n` leaves.
fn flight_departure(n: i64) -> i64 {
    n * STRATEGIC_EVERY_S + 6 * 3600
}

impl Fleet {
    /// `count` idle vehicles of a kind, each carrying up to `capacity` casualties.
    fn new(kind: AssetKind, capacity: u32, speed_kmh: f64, count: u64) -> Self {
        let idle = Vehicle {
            trip_depart: i64::MIN,
            trip_arrive: i64::MIN,
            trip_dispatch: i64::MIN,
            trip_load: 0,
            trip_origin: u64::MAX,
        };
        Fleet {
            kind,
            capacity: capacity.max(1),
            speed_kmh,
            vehicles: vec![idle; count as usize],
            free: Pool::new(count),
            trips: BTreeSet::new(),
            flights: BTreeMap::new(),
            full_flights: BTreeMap::new(),
        }
    }

    /// The first seat on a scheduled flight leaving at or after `ready`, and the aircraft
    /// that carries it.
    ///
    /// A scheduled airlift flies its timetable whatever earlier bookings did, so its seats are
    /// counted per flight rather than by when each aircraft is next free: a casualty ready
    /// today is not kept waiting behind a flight booked for next week by a casualty injured
    /// earlier. Seats on one flight are shared by the casualties of every facility of the
    /// front (the aircraft collects at the airhead).
    fn scheduled_seat(
        &self,
        ready: i64,
        transit_s: &dyn Fn(f64) -> i64,
        transport: Transport,
        resource: impl Fn(usize) -> Resource,
    ) -> Option<(usize, Trip)> {
        let transit = transit_s(self.speed_kmh).max(60);
        let timetable = self.timetable(transit)?;
        // Skip a run of full flights in one step: the run ends at a flight with a free seat.
        let mut n = timetable.next_flown(flight_number(ready));
        if let Some((_, &end)) = self.full_flights.range(..=n).next_back() {
            if end > n {
                n = end;
            }
        }
        let capacity = i64::from(self.capacity);
        let taken = i64::from(self.flights.get(&n).copied().unwrap_or(0));
        let unit = n.rem_euclid(timetable.every) + timetable.every * (taken / capacity);
        let trip = Trip {
            joined: taken % capacity != 0,
            ..Trip::leaving(
                resource(unit as usize),
                transport,
                flight_departure(n),
                transit,
            )
        };
        Some((unit as usize, trip))
    }

    /// Which flights the aircraft fly, for a one-way transit of `transit` seconds.
    fn timetable(&self, transit: i64) -> Option<Timetable> {
        let aircraft = self.vehicles.len() as i64;
        if aircraft == 0 {
            return None;
        }
        let (before, after) = trip_hold(transit);
        let booked = before + after;
        let every = ((booked + STRATEGIC_EVERY_S - 1) / STRATEGIC_EVERY_S).max(1);
        Some(Timetable { aircraft, every })
    }

    /// Counts a seat taken on the flight leaving at `depart`; a flight that is now full
    /// joins the runs of full flights that later searches skip.
    fn take_seat(&mut self, depart: i64, transit: i64) {
        let Some(timetable) = self.timetable(transit) else {
            return;
        };
        let n = flight_number(depart);
        let taken = self.flights.entry(n).or_insert(0);
        *taken += 1;
        if i64::from(*taken) < timetable.seats(n, self.capacity) {
            return;
        }
        self.flights.remove(&n);
        // Runs are [first, end): every flown flight in them is full, `end` is flown and not.
        let mut first = n;
        let mut end = timetable.next_flown(n + 1);
        if let Some((&a, &b)) = self.full_flights.range(..n).next_back() {
            if b == n {
                first = a;
            }
        }
        if let Some(b) = self.full_flights.remove(&end) {
            end = b;
        }
        self.full_flights.insert(first, end);
    }
}

/// The flights a scheduled fleet flies: aircraft `r`, `r + every`, `r + 2·every` … fly the
/// flights whose number is `r` modulo `every`, so that one aircraft's trips never overlap.
#[derive(Debug, Clone, Copy)]
struct Timetable {
    aircraft: i64,
    every: i64,
}

impl Timetable {
    /// Seats on flight `n`.
    fn seats(self, n: i64, capacity: u32) -> i64 {
        let r = n.rem_euclid(self.every);
        let flying = if r >= self.aircraft {
            0
        } else {
            (self.aircraft - r + self.every - 1) / self.every
        };
        flying * i64::from(capacity)
    }

    /// The first flight at or after `n` that an aircraft flies.
    fn next_flown(self, n: i64) -> i64 {
        let r = n.rem_euclid(self.every);
        if r < self.aircraft {
            n
        } else {
            n + self.every - r
        }
    }
}

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
                        .map(|a| {
                            let n = (u64::from(a.count) * k).min(100_000);
                            Fleet::new(a.kind, a.capacity, a.speed_kmh, n)
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

    /// Drops the seat counts of scheduled flights that left before `t`. Casualties are
    /// simulated in order of injury, so once one injured at `t` is under way no casualty will
    /// ask for an earlier flight; this keeps the flight table to the flights still ahead.
    pub fn forget_flights_before(&mut self, t: i64) {
        let first = flight_number(t);
        for legs in &mut self.fleets {
            for fleet in &mut legs[SCHEDULED_LEG] {
                while let Some(entry) = fleet.flights.first_entry() {
                    if *entry.key() >= first {
                        break;
                    }
                    entry.remove();
                }
                while let Some(entry) = fleet.full_flights.first_entry() {
                    if *entry.get() > first {
                        break;
                    }
                    entry.remove();
                }
            }
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
            .is_some_and(|f| f.beds.iter().any(|b| b.len() > 0))
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
            if let Some(pool) = self
                .facilities
                .get_mut(facility as usize)
                .and_then(|f| f.beds.get_mut(class as usize))
            {
                debug_assert!(
                    pool.free_at.get(unit as usize).is_none_or(|&f| f <= start),
                    "bed booked twice"
                );
                pool.set(unit as usize, end);
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
                f.holding.set(unit, end.max(start));
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
            if let Some(f) = self.facilities.get_mut(facility as usize) {
                debug_assert!(
                    f.tables
                        .free_at
                        .get(unit as usize)
                        .is_none_or(|&f| f <= start),
                    "table booked twice"
                );
                f.tables.set(unit as usize, end);
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
    /// `origin` (an incident or facility key; only casualties of one origin share a trip,
    /// except on the scheduled strategic flights, which collect at every facility).
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
            AssetKind::Bus if leg == SCHEDULED_LEG => Transport::StrategicAir,
            AssetKind::Bus => Transport::GroundAmbulance,
        };
        let scheduled = leg == SCHEDULED_LEG;
        // The first in (arrival, group, vehicle) order wins, as a scan of every vehicle in
        // order keeping the earliest arrival would choose.
        let mut best: Option<(i64, usize, usize, Trip)> = None;
        let mut consider = |g: usize, u: usize, trip: Trip| {
            if best.is_none_or(|(a, bg, bu, _)| (trip.arrive, g, u) < (a, bg, bu)) {
                best = Some((trip.arrive, g, u, trip));
            }
        };
        for (g, fleet) in fleets[leg].iter().enumerate() {
            if fleet.kind != kind {
                continue;
            }
            let resource = |u: usize| Resource::Vehicle {
                front: front as u16,
                leg: leg as u8,
                group: g as u8,
                unit: u as u32,
            };
            if scheduled {
                if let Some((u, trip)) = fleet.scheduled_seat(ready, transit_s, transport, resource)
                {
                    consider(g, u, trip);
                }
                continue;
            }
            // Join a planned trip from the same place that leaves within the window. A vehicle
            // with such a trip is back at base only after it, so a new trip of its own would
            // arrive later than the joined one: the two kinds of offer never compete for one
            // vehicle.
            let joinable = fleet.trips.range(
                (origin, ready, 0)..=(origin, ready.saturating_add(JOIN_WINDOW_S), u32::MAX),
            );
            for &(_, _, u) in joinable {
                let v = &fleet.vehicles[u as usize];
                if v.trip_load < fleet.capacity {
                    let trip = Trip {
                        resource: resource(u as usize),
                        transport,
                        depart: v.trip_depart,
                        arrive: v.trip_arrive,
                        dispatch: v.trip_dispatch,
                        back: fleet.free.free_at[u as usize],
                        joined: true,
                    };
                    consider(g, u as usize, trip);
                }
            }
            // A new trip: the vehicle drives out from base, loads and drives back. Departure
            // only grows with the time the vehicle is back, so the vehicle back earliest
            // gives the earliest departure, and the lowest-numbered vehicle that makes the
            // same departure is the one to take.
            let transit = transit_s(fleet.speed_kmh).max(60);
            let departure = |free: i64| -> Option<i64> {
                let mut depart = ready.max(free.saturating_add(transit));
                if kind == AssetKind::Helicopter {
                    depart = flyable(depart - transit)? + transit;
                }
                Some(depart)
            };
            let Some((_, soonest)) = fleet.free.earliest() else {
                continue;
            };
            let depart = departure(soonest)?;
            let Some(u) = fleet
                .free
                .first_fitting(|free| departure(free).is_some_and(|d| d <= depart))
            else {
                continue;
            };
            consider(g, u, Trip::leaving(resource(u), transport, depart, transit));
        }
        best.map(|(_, _, _, trip)| trip)
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
            let fleet = self
                .fleets
                .get_mut(front as usize)
                .and_then(|l| l[leg as usize].get_mut(group as usize));
            if let Some(fleet) = fleet {
                if leg as usize == SCHEDULED_LEG {
                    fleet.take_seat(trip.depart, trip.depart - trip.dispatch);
                } else if let Some(v) = fleet.vehicles.get_mut(unit as usize) {
                    if trip.joined {
                        v.trip_load += 1;
                    } else {
                        debug_assert!(
                            fleet.free.free_at[unit as usize] <= trip.dispatch,
                            "vehicle booked twice"
                        );
                        fleet.trips.remove(&(v.trip_origin, v.trip_depart, unit));
                        *v = Vehicle {
                            trip_depart: trip.depart,
                            trip_arrive: trip.arrive,
                            trip_dispatch: trip.dispatch,
                            trip_load: 1,
                            trip_origin: origin,
                        };
                        fleet.trips.insert((origin, trip.depart, unit));
                        fleet.free.set(unit as usize, trip.back);
                    }
                }
            }
            self.record(trip.resource, patient, trip.dispatch, trip.back);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What the tree must answer, by a plain scan: the unit free earliest, lowest index on ties.
    fn scan_earliest(free: &[i64]) -> Option<(usize, i64)> {
        let mut best: Option<(usize, i64)> = None;
        for (i, &f) in free.iter().enumerate() {
            if best.is_none_or(|(_, b)| f < b) {
                best = Some((i, f));
            }
        }
        best
    }

    #[test]
    fn an_empty_pool_offers_nothing() {
        let pool = Pool::new(0);
        assert_eq!(pool.len(), 0);
        assert_eq!(pool.earliest(), None);
        assert_eq!(pool.first_fitting(|_| true), None);
    }

    fn airlift(aircraft: u64, seats: u32) -> Fleet {
        Fleet::new(AssetKind::Bus, seats, 750.0, aircraft)
    }

    fn unit(u: usize) -> Resource {
        Resource::Vehicle {
            front: 0,
            leg: SCHEDULED_LEG as u8,
            group: 0,
            unit: u as u32,
        }
    }

    /// Books the offered seat as `Capacity::book_trip` does for the scheduled leg.
    fn take(fleet: &mut Fleet, ready: i64, transit_s: i64) -> (usize, Trip) {
        let offer = fleet
            .scheduled_seat(ready, &|_| transit_s, Transport::StrategicAir, unit)
            .expect("an airlift with aircraft always offers a seat");
        fleet.take_seat(offer.1.depart, offer.1.depart - offer.1.dispatch);
        offer
    }

    #[test]
    fn flights_leave_on_the_timetable_and_fill_up() {
        let day = 20_000 * 86_400;
        let mut fleet = airlift(1, 2);
        // Ready at 07:00: the next flight is at 18:00; two seats, then the next day's 06:00.
        let ready = day + 7 * 3600;
        let (_, a) = take(&mut fleet, ready, 3 * 3600);
        let (_, b) = take(&mut fleet, ready, 3 * 3600);
        let (_, c) = take(&mut fleet, ready, 3 * 3600);
        assert_eq!(a.depart, day + 18 * 3600);
        assert!(!a.joined && b.joined, "the second seat shares the trip");
        assert_eq!(b.depart, a.depart);
        assert_eq!(c.depart, day + 30 * 3600);
        assert_eq!(a.arrive, a.depart + 3 * 3600);
        // Exactly on a departure: that flight.
        assert_eq!(
            flight_departure(flight_number(day + 6 * 3600)),
            day + 6 * 3600
        );
    }

    #[test]
    fn a_flight_booked_for_next_week_does_not_block_tomorrow() {
        let day = 20_000 * 86_400;
        let mut fleet = airlift(1, 30);
        let (_, late) = take(&mut fleet, day + 7 * 86_400, 3 * 3600);
        let (_, early) = take(&mut fleet, day + 3600, 3 * 3600);
        assert_eq!(late.depart, day + 7 * 86_400 + 6 * 3600);
        assert_eq!(early.depart, day + 6 * 3600);
    }

    /// No aircraft is booked for two trips at once (dispatch … back); passengers of one
    /// trip share it.
    fn assert_no_overlap(trips: &mut [(usize, Trip)]) {
        trips.sort_by_key(|(u, t)| (*u, t.depart));
        for pair in trips.windows(2) {
            let ((u1, t1), (u2, t2)) = (pair[0], pair[1]);
            if u1 == u2 && t1.depart != t2.depart {
                assert!(t1.back <= t2.dispatch, "aircraft {u1} booked twice at once");
            }
        }
    }

    #[test]
    fn an_aircraft_whose_trip_is_longer_than_the_interval_flies_every_other_flight() {
        let day = 20_000 * 86_400;
        // A 7 h transit: 3 × 7 h + 15 min booked per trip, so each aircraft flies every
        // 2nd flight.
        let mut fleet = airlift(3, 1);
        let mut trips: Vec<(usize, Trip)> =
            (0..6).map(|_| take(&mut fleet, day, 7 * 3600)).collect();
        assert_no_overlap(&mut trips);
        // Three aircraft, one seat each: flights 0, 1, 2, 3 carry 2, 1, 2, 1 casualties.
        let mut per_flight: BTreeMap<i64, u32> = BTreeMap::new();
        for (_, t) in &trips {
            *per_flight.entry(t.depart).or_insert(0) += 1;
        }
        assert_eq!(
            per_flight.values().copied().collect::<Vec<_>>(),
            [2, 1, 2, 1]
        );
    }

    #[test]
    fn trips_never_overlap_whatever_the_distance() {
        let day = 20_000 * 86_400;
        // Transits from 1 h to 30 h, around each multiple of the 12 h interval.
        for minutes in [60, 190, 220, 230, 270, 400, 470, 480, 700, 1800] {
            for aircraft in 1..4 {
                let mut fleet = airlift(aircraft, 2);
                let mut trips: Vec<(usize, Trip)> = (0..40)
                    .map(|i| take(&mut fleet, day + i * 3 * 3600, minutes * 60))
                    .collect();
                assert_no_overlap(&mut trips);
            }
        }
    }

    #[test]
    fn a_long_queue_is_one_run_of_full_flights() {
        let day = 20_000 * 86_400;
        let mut fleet = airlift(1, 1);
        let departures: Vec<i64> = (0..1000)
            .map(|_| take(&mut fleet, day, 3 * 3600).1.depart)
            .collect();
        let first = flight_departure(flight_number(day));
        let expected: Vec<i64> = (0..1000).map(|i| first + i * STRATEGIC_EVERY_S).collect();
        assert_eq!(departures, expected);
        assert_eq!(fleet.full_flights.len(), 1, "{:?}", fleet.full_flights);
        assert!(fleet.flights.is_empty(), "full flights keep no seat count");
        // A casualty ready in the middle of the queue gets the first free flight after it.
        let (_, late) = take(&mut fleet, first + 10 * STRATEGIC_EVERY_S, 3 * 3600);
        assert_eq!(late.depart, first + 1000 * STRATEGIC_EVERY_S);
    }

    #[test]
    fn forgetting_past_flights_keeps_the_future_ones() {
        let day = 20_000 * 86_400;
        let mut cap = Capacity {
            facilities: Vec::new(),
            fleets: vec![Default::default()],
            log: None,
        };
        cap.fleets[0][SCHEDULED_LEG].push(airlift(1, 1));
        let fleet = &mut cap.fleets[0][SCHEDULED_LEG][0];
        take(fleet, day, 3600);
        take(fleet, day + 3 * 86_400, 3600);
        cap.forget_flights_before(day + 86_400);
        let fleet = &cap.fleets[0][SCHEDULED_LEG][0];
        let left: Vec<i64> = fleet.full_flights.keys().copied().collect();
        assert_eq!(left, [flight_number(day + 3 * 86_400)]);
    }

    proptest! {
        /// After any sequence of bookings the tree agrees with a scan of the free times, for
        /// the earliest unit and for the first unit free by a deadline.
        #[test]
        fn pool_agrees_with_a_scan(
            n in 1u64..70,
            bookings in proptest::collection::vec((0usize..70, -50i64..50), 0..200),
            deadlines in proptest::collection::vec(-60i64..60, 1..8),
        ) {
            let mut pool = Pool::new(n);
            let mut plain = vec![i64::MIN; n as usize];
            for (unit, free) in bookings {
                let unit = unit % n as usize;
                pool.set(unit, free);
                plain[unit] = free;
                prop_assert_eq!(pool.earliest(), scan_earliest(&plain));
            }
            for deadline in deadlines {
                let want = plain.iter().position(|&f| f <= deadline);
                prop_assert_eq!(pool.first_fitting(|f| f <= deadline), want);
            }
        }
    }
}
