//! The flow of casualties through the chain of care, read from their timelines: occupancy and
//! queue length over time per place, evacuation legs, waits, diversions.
//!
//! Like [`crate::stats`], it takes what both sources have — a generated [`crate::record::Patient`]
//! and a record parsed back from an output file — so the job summary and `milmed report` give
//! the same numbers. Counts are exact integers and merge by adding, so the result is the same
//! for any chunking or thread count, and memory depends on the places and the scenario's span,
//! never on the number of patients.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::record::{EventDetail, EventKind, Patient};
use crate::scenario::{Role, Scenario};
use crate::stats::MinuteHistogram;
use crate::time::timestamp_string;

/// One timeline event, as far as the flow needs it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct FlowEvent<'a> {
    /// Event type.
    pub kind: EventKind,
    /// Role of the event's place.
    pub role: Role,
    /// Configured facility id; read on `arrival` and `diverted` only (the records carry it
    /// there), later events happen where the casualty last arrived.
    pub facility: Option<&'a str>,
    /// Seconds since the epoch.
    pub time: i64,
    /// Transport key of a `transit_start` or `wait_transport`.
    pub transport: Option<&'a str>,
}

/// A generated patient's timeline as the flow reads it: the fields a record parsed back from
/// the JSON output has too (`milmed report`), so both give the same figures.
pub fn events_of<'a>(s: &'a Scenario, p: &'a Patient) -> impl Iterator<Item = FlowEvent<'a>> {
    p.timeline.iter().map(move |e| FlowEvent {
        kind: e.kind,
        role: e.place.role,
        facility: e
            .place
            .facility
            .and_then(|i| s.facilities.get(usize::from(i)))
            .map(|f| f.id.as_str()),
        time: e.time,
        transport: match e.detail {
            EventDetail::Transport(t) => Some(t.key()),
            _ => None,
        },
    })
}

const HOUR: i64 = 3600;

/// Longest span of one place's series: a year of scenario and its tail of care. Intervals
/// that would stretch a series further are counted as `intervals_outside_window`, not
/// stored; the generator cannot produce them (at most 365 days), only a hand-edited file can.
const MAX_SPAN_HOURS: i64 = 24 * 500;

/// How long a casualty returning to duty keeps the bed after the last care event (then
/// convalesces outside the bed pool), as in the shared-capacity model (docs/capacity.md).
fn bed_kept_after_last_care(role: Role) -> i64 {
    match role {
        Role::Poi | Role::R1 => 4 * HOUR,
        Role::R2 => 24 * HOUR,
        _ => 48 * HOUR,
    }
}

/// Patients present over time, integrated per clock hour: a stay adds to two hours only (a
/// difference array), so a week-long stay costs what a ten-minute one does.
#[derive(Debug, Clone, Default)]
struct HourIntegral {
    /// Epoch hour of the first bin.
    base: i64,
    /// Stays starting minus stays ending in the hour.
    delta: Vec<i64>,
    /// Seconds to take off (start) or add (end) within the hour.
    correction: Vec<i64>,
    /// Stays still open when their timeline ended (in care at the scenario's end); they are
    /// closed at the cohort's horizon when the report is made.
    open: i64,
}

impl HourIntegral {
    fn last_hour(&self) -> i64 {
        self.base + self.delta.len() as i64 - 1
    }

    /// Makes room for hours `lo..=hi`; false when the series would span too long.
    fn cover(&mut self, lo: i64, hi: i64) -> bool {
        if self.delta.is_empty() {
            if hi - lo >= MAX_SPAN_HOURS {
                return false;
            }
            self.base = lo;
            let n = (hi - lo + 1) as usize;
            self.delta = vec![0; n];
            self.correction = vec![0; n];
            return true;
        }
        let new_lo = lo.min(self.base);
        let new_hi = hi.max(self.last_hour());
        if new_hi - new_lo >= MAX_SPAN_HOURS {
            return false;
        }
        if new_lo < self.base {
            let extra = (self.base - new_lo) as usize;
            self.delta.splice(0..0, std::iter::repeat_n(0, extra));
            self.correction.splice(0..0, std::iter::repeat_n(0, extra));
            self.base = new_lo;
        }
        let len = (new_hi - self.base + 1) as usize;
        self.delta.resize(len, 0);
        self.correction.resize(len, 0);
        true
    }

    /// Counts one presence from `from` to `to` (seconds); false when outside the window.
    fn add(&mut self, from: i64, to: i64) -> bool {
        if to <= from {
            return true;
        }
        let (i, j) = (from.div_euclid(HOUR), to.div_euclid(HOUR));
        if !self.cover(i, j) {
            return false;
        }
        let (a, b) = ((i - self.base) as usize, (j - self.base) as usize);
        self.delta[a] += 1;
        self.correction[a] -= from - i * HOUR;
        self.delta[b] -= 1;
        self.correction[b] += to - j * HOUR;
        true
    }

    /// Counts a presence from `from` that lasts until the horizon.
    fn add_open(&mut self, from: i64) -> bool {
        let i = from.div_euclid(HOUR);
        if !self.cover(i, i) {
            return false;
        }
        let a = (i - self.base) as usize;
        self.delta[a] += 1;
        self.correction[a] -= from - i * HOUR;
        self.open += 1;
        true
    }

    /// A copy with the open stays closed at `horizon` (not before the latest start).
    fn closed_at(&self, horizon: i64) -> HourIntegral {
        let mut c = self.clone();
        if c.open == 0 {
            return c;
        }
        let h = horizon;
        let j = h.div_euclid(HOUR);
        if c.cover(j, j) {
            let b = (j - c.base) as usize;
            c.delta[b] -= c.open;
            c.correction[b] += c.open * (h - j * HOUR);
        }
        c.open = 0;
        c
    }

    fn merge(&mut self, other: &HourIntegral) -> bool {
        if other.delta.is_empty() {
            return true;
        }
        self.open += other.open;
        if !self.cover(other.base, other.last_hour()) {
            return false;
        }
        let off = (other.base - self.base) as usize;
        for (k, (d, c)) in other.delta.iter().zip(&other.correction).enumerate() {
            self.delta[off + k] += d;
            self.correction[off + k] += c;
        }
        true
    }

    /// Patient-seconds in each hour from `base`.
    fn seconds_per_hour(&self) -> Vec<i64> {
        let mut open = 0;
        self.delta
            .iter()
            .zip(&self.correction)
            .map(|(d, c)| {
                open += d;
                open * HOUR + c
            })
            .collect()
    }
}

/// What is counted for one place (a configured facility, or a role or point of injury of a
/// front where no facility is configured).
#[derive(Debug, Clone)]
struct PlaceFlow {
    role: Role,
    front: Option<String>,
    facility: bool,
    arrivals: u64,
    diverted_away: u64,
    waits_started: u64,
    occupancy: HourIntegral,
    queue: HourIntegral,
}

impl PlaceFlow {
    fn new(role: Role, front: Option<String>, facility: bool) -> Self {
        PlaceFlow {
            role,
            front,
            facility,
            arrivals: 0,
            diverted_away: 0,
            waits_started: 0,
            occupancy: HourIntegral::default(),
            queue: HourIntegral::default(),
        }
    }
}

/// Kinds of wait, in report order.
const WAIT_KINDS: [(EventKind, &str); 3] = [
    (EventKind::WaitBed, "bed"),
    (EventKind::WaitSurgery, "surgery"),
    (EventKind::WaitTransport, "transport"),
];

fn wait_index(kind: EventKind) -> Option<usize> {
    WAIT_KINDS.iter().position(|(k, _)| *k == kind)
}

/// One leg of evacuation between two roles.
#[derive(Debug, Clone, Default)]
struct LegFlow {
    transits: u64,
    by_transport: BTreeMap<String, u64>,
    minutes: MinuteHistogram,
}

/// Accumulates the flow of patients; mergeable like [`crate::stats::Accumulator`].
#[derive(Debug, Clone, Default)]
pub struct FlowAccumulator {
    places: BTreeMap<String, PlaceFlow>,
    legs: BTreeMap<(Role, Role), LegFlow>,
    waits: [MinuteHistogram; 3],
    to_first_facility: MinuteHistogram,
    highest_role: BTreeMap<Role, u64>,
    diversions: u64,
    outside_window: u64,
    /// The latest event of the cohort: where stays still open at the end are closed.
    horizon: i64,
    /// Reused string buffers (place keys).
    scratch: [String; 2],
}

/// Where the casualty is while its timeline is walked.
struct Walk<'a> {
    /// Key of the place the casualty last arrived at.
    place: String,
    /// Role of that place.
    role: Role,
    /// In care (after reception triage: resuscitation, theatre or a bed) since.
    admitted: Option<i64>,
    /// Arrived, not yet triaged: the bed is taken at triage (docs/capacity.md).
    awaiting_triage: bool,
    /// Time of the last event that was not a wait or an outcome.
    last_care: i64,
    /// Wait kind (index into [`WAIT_KINDS`]) and start.
    wait: Option<(usize, i64)>,
    /// Origin role, start and transport of the transit under way.
    transit: Option<(Role, i64, Option<&'a str>)>,
}

/// The key of a place: its facility id, or the role at the front (`R1@north`).
fn place_key(out: &mut String, role: Role, facility: Option<&str>, front: &str) {
    out.clear();
    match facility {
        Some(id) => out.push_str(id),
        None => {
            out.push_str(role.code());
            out.push('@');
            out.push_str(front);
        }
    }
}

impl FlowAccumulator {
    /// The place of `key`, created on first sight (`front` only for places that are not
    /// configured facilities).
    fn place_mut(&mut self, key: &str, role: Role, front: Option<&str>) -> Option<&mut PlaceFlow> {
        // Looked up before inserting: the key is only copied the first time it is seen.
        if !self.places.contains_key(key) {
            let flow = PlaceFlow::new(role, front.map(str::to_string), front.is_none());
            self.places.insert(key.to_string(), flow);
        }
        self.places.get_mut(key)
    }

    fn occupy(&mut self, place: &str, from: i64, to: i64) {
        if let Some(p) = self.places.get_mut(place) {
            if !p.occupancy.add(from, to) {
                self.outside_window += 1;
            }
        }
    }

    /// Adds one patient's timeline, in order. `front` is the patient's front: places that are
    /// not configured facilities (the point of injury, a role without facilities) are kept
    /// per front.
    pub fn add_patient<'a>(
        &mut self,
        front: &str,
        injury_time: i64,
        events: impl IntoIterator<Item = FlowEvent<'a>>,
    ) {
        // Buffers kept between patients: no allocation per patient once the places are known.
        let [mut key, mut place] = std::mem::take(&mut self.scratch);
        place_key(&mut key, Role::Poi, None, front);
        let _ = self.place_mut(&key, Role::Poi, Some(front));
        place.clone_from(&key);
        let mut w = Walk {
            place,
            role: Role::Poi,
            admitted: None,
            awaiting_triage: false,
            last_care: injury_time,
            wait: None,
            transit: None,
        };
        let mut highest = Role::Poi;
        let mut reached_facility = false;
        let mut last_time = injury_time;
        for e in events {
            last_time = e.time;
            if let Some((kind, start)) = w.wait.take() {
                if let Some(p) = self.places.get_mut(w.place.as_str()) {
                    if !p.queue.add(start, e.time) {
                        self.outside_window += 1;
                    }
                }
                self.waits[kind].add((e.time - start) as f64 / 60.0);
                // Back in care when a wait for a bed or a table ends, unless it ended the
                // course.
                if WAIT_KINDS[kind].0 != EventKind::WaitTransport && !e.kind.is_outcome() {
                    w.admitted = Some(e.time);
                    w.awaiting_triage = false;
                }
            }
            match e.kind {
                EventKind::Arrival => {
                    place_key(&mut key, e.role, e.facility, front);
                    let front_of_place = e.facility.is_none().then_some(front);
                    if let Some(p) = self.place_mut(&key, e.role, front_of_place) {
                        p.arrivals += 1;
                    }
                    w.place.clone_from(&key);
                    w.role = e.role;
                    if let Some((from, start, transport)) = w.transit.take() {
                        let leg = self.legs.entry((from, e.role)).or_default();
                        leg.transits += 1;
                        leg.minutes.add((e.time - start) as f64 / 60.0);
                        let kind = transport.unwrap_or("unknown");
                        match leg.by_transport.get_mut(kind) {
                            Some(n) => *n += 1,
                            None => {
                                leg.by_transport.insert(kind.to_string(), 1);
                            }
                        }
                    }
                    if !reached_facility && e.role != Role::Poi {
                        self.to_first_facility
                            .add((e.time - injury_time) as f64 / 60.0);
                        reached_facility = true;
                    }
                    highest = highest.max(e.role);
                    w.admitted = None;
                    w.awaiting_triage = e.role != Role::Poi;
                    w.last_care = e.time;
                }
                EventKind::WaitBed | EventKind::WaitSurgery | EventKind::WaitTransport => {
                    if e.kind != EventKind::WaitTransport {
                        // On a holding litter, out of care until a bed or a table frees; a
                        // casualty waiting for transport keeps its bed.
                        if let Some(from) = w.admitted.take() {
                            self.occupy(&w.place, from, e.time);
                        }
                        w.awaiting_triage = false;
                    }
                    if let Some(p) = self.places.get_mut(w.place.as_str()) {
                        p.waits_started += 1;
                    }
                    w.wait = wait_index(e.kind).map(|k| (k, e.time));
                }
                EventKind::TransitStart => {
                    if let Some(from) = w.admitted.take() {
                        self.occupy(&w.place, from, e.time);
                    }
                    w.transit = Some((w.role, e.time, e.transport));
                    w.last_care = e.time;
                }
                EventKind::Diverted => {
                    self.diversions += 1;
                    place_key(&mut key, e.role, e.facility, front);
                    let front_of_place = e.facility.is_none().then_some(front);
                    if let Some(p) = self.place_mut(&key, e.role, front_of_place) {
                        p.diverted_away += 1;
                    }
                }
                EventKind::Kia
                | EventKind::Dow
                | EventKind::DiedDnbi
                | EventKind::EvacuatedR4
                | EventKind::Rtd => {
                    if let Some(from) = w.admitted.take() {
                        let end = if e.kind == EventKind::Rtd {
                            e.time.min(w.last_care + bed_kept_after_last_care(w.role))
                        } else {
                            e.time
                        };
                        self.occupy(&w.place, from, end.max(from));
                    }
                }
                EventKind::Triage => {
                    if std::mem::take(&mut w.awaiting_triage) {
                        w.admitted = Some(e.time);
                    }
                    w.last_care = e.time;
                }
                EventKind::Injury | EventKind::Treatment | EventKind::TransitEnd => {
                    w.last_care = e.time;
                }
            }
        }
        // Still in care, or still waiting, where the timeline ends (the scenario's end): the
        // bed or the wait lasts until the cohort's horizon.
        self.horizon = self.horizon.max(last_time);
        if let Some(p) = self.places.get_mut(w.place.as_str()) {
            let mut inside = true;
            if let Some(from) = w.admitted {
                inside &= p.occupancy.add_open(from);
            }
            if let Some((_, start)) = w.wait {
                inside &= p.queue.add_open(start);
            }
            if !inside {
                self.outside_window += 1;
            }
        }
        *self.highest_role.entry(highest).or_insert(0) += 1;
        self.scratch = [key, w.place];
    }

    /// Adds everything counted by `other`.
    pub fn merge(&mut self, other: FlowAccumulator) {
        for (key, theirs) in other.places {
            match self.places.get_mut(&key) {
                None => {
                    self.places.insert(key, theirs);
                }
                Some(ours) => {
                    ours.arrivals += theirs.arrivals;
                    ours.diverted_away += theirs.diverted_away;
                    ours.waits_started += theirs.waits_started;
                    if !ours.occupancy.merge(&theirs.occupancy) {
                        self.outside_window += 1;
                    }
                    if !ours.queue.merge(&theirs.queue) {
                        self.outside_window += 1;
                    }
                }
            }
        }
        for (k, theirs) in other.legs {
            let ours = self.legs.entry(k).or_default();
            ours.transits += theirs.transits;
            for (t, n) in theirs.by_transport {
                *ours.by_transport.entry(t).or_insert(0) += n;
            }
            ours.minutes.merge(theirs.minutes);
        }
        for (ours, theirs) in self.waits.iter_mut().zip(other.waits) {
            ours.merge(theirs);
        }
        self.to_first_facility.merge(other.to_first_facility);
        for (r, n) in other.highest_role {
            *self.highest_role.entry(r).or_insert(0) += n;
        }
        self.diversions += other.diversions;
        self.outside_window += other.outside_window;
        self.horizon = self.horizon.max(other.horizon);
    }

    /// The flow part of the report.
    pub fn report(&self) -> FlowReport {
        let mut facilities: Vec<(&String, &PlaceFlow)> = self.places.iter().collect();
        facilities.sort_by(|a, b| a.1.role.cmp(&b.1.role).then(a.0.cmp(b.0)));
        FlowReport {
            facilities: facilities
                .into_iter()
                .map(|(k, p)| place_report(k, p, self.horizon))
                .collect(),
            evacuation: self
                .legs
                .iter()
                .map(|((from, to), l)| LegReport {
                    from: from.code(),
                    to: to.code(),
                    transits: l.transits,
                    by_transport: l.by_transport.clone(),
                    transit_minutes: Durations::of(&l.minutes),
                })
                .collect(),
            injury_to_first_facility_minutes: Durations::of(&self.to_first_facility),
            waits: WAIT_KINDS
                .iter()
                .zip(&self.waits)
                .map(|((_, name), h)| (name.to_string(), Durations::of(h)))
                .collect(),
            diversions: self.diversions,
            patients_by_highest_role: self
                .highest_role
                .iter()
                .map(|(r, n)| (r.code().to_string(), *n))
                .collect(),
            intervals_outside_window: self.outside_window,
        }
    }
}

/// Most points of a series in the report: a week of hours; longer scenarios are shown in
/// steps of whole hours.
pub const MAX_SERIES_POINTS: i64 = 168;

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

fn place_report(key: &str, p: &PlaceFlow, horizon: i64) -> PlaceReport {
    let occupancy_integral = p.occupancy.closed_at(horizon);
    let queue_integral = p.queue.closed_at(horizon);
    let (occupancy, queue) = (
        occupancy_integral.seconds_per_hour(),
        queue_integral.seconds_per_hour(),
    );
    let spans = [
        (!occupancy.is_empty()).then(|| (occupancy_integral.base, occupancy_integral.last_hour())),
        (!queue.is_empty()).then(|| (queue_integral.base, queue_integral.last_hour())),
    ];
    let lo = spans.iter().flatten().map(|s| s.0).min();
    let hi = spans.iter().flatten().map(|s| s.1).max();
    let at = |v: &[i64], base: i64, hour: i64| -> i64 {
        if v.is_empty() || hour < base {
            return 0;
        }
        v.get((hour - base) as usize).copied().unwrap_or(0)
    };
    let peak = |v: &[i64], base: i64| -> Option<Peak> {
        let (i, s) = v
            .iter()
            .enumerate()
            .fold(None, |best: Option<(usize, i64)>, (i, s)| match best {
                Some((_, b)) if b >= *s => best,
                _ => Some((i, *s)),
            })?;
        (s > 0).then(|| Peak {
            hour: timestamp_string((base + i as i64) * HOUR),
            patients: round2(s as f64 / HOUR as f64),
        })
    };
    let series = match (lo, hi) {
        (Some(lo), Some(hi)) => {
            let span = hi - lo + 1;
            let step = (span + MAX_SERIES_POINTS - 1) / MAX_SERIES_POINTS;
            let mut occ = Vec::new();
            let mut que = Vec::new();
            let mut h = lo;
            while h <= hi {
                let end = (h + step).min(hi + 1);
                let (mut o, mut q) = (0, 0);
                for hour in h..end {
                    o += at(&occupancy, occupancy_integral.base, hour);
                    q += at(&queue, queue_integral.base, hour);
                }
                let secs = ((end - h) * HOUR) as f64;
                occ.push(round2(o as f64 / secs));
                que.push(round2(q as f64 / secs));
                h = end;
            }
            Series {
                start: Some(timestamp_string(lo * HOUR)),
                step_hours: step as u32,
                occupancy: occ,
                queue: que,
            }
        }
        _ => Series {
            start: None,
            step_hours: 1,
            occupancy: Vec::new(),
            queue: Vec::new(),
        },
    };
    PlaceReport {
        place: key.to_string(),
        role: p.role.code(),
        front: p.front.clone(),
        configured_facility: p.facility,
        arrivals: p.arrivals,
        diverted_away: p.diverted_away,
        waits: p.waits_started,
        patient_hours: round2(occupancy.iter().sum::<i64>() as f64 / HOUR as f64),
        queue_patient_hours: round2(queue.iter().sum::<i64>() as f64 / HOUR as f64),
        peak_occupancy: peak(&occupancy, occupancy_integral.base),
        peak_queue: peak(&queue, queue_integral.base),
        series,
    }
}

/// A distribution of durations, summarised.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Durations {
    /// Durations counted.
    pub count: u64,
    /// Median, minutes (lower edge of its minute, or hour beyond 48 h).
    pub median: Option<f64>,
    /// 90th percentile, minutes.
    pub p90: Option<f64>,
    /// Longest, minutes (lower edge of its bin).
    pub max: Option<f64>,
}

impl Durations {
    /// Summary of a histogram.
    pub fn of(h: &MinuteHistogram) -> Self {
        Durations {
            count: h.count(),
            median: h.median(),
            p90: h.quantile(0.9),
            max: h.quantile(1.0),
        }
    }
}

/// The busiest hour of a series.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Peak {
    /// Start of the hour (UTC).
    pub hour: String,
    /// Mean number of patients over that hour.
    pub patients: f64,
}

/// Occupancy and queue length over time: the mean number of patients in each step.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Series {
    /// Start of the first step (UTC, on the hour); absent when nothing was counted.
    pub start: Option<String>,
    /// Hours per step.
    pub step_hours: u32,
    /// Mean patients in care (triaged, not waiting for a bed or a table, not yet gone),
    /// per step.
    pub occupancy: Vec<f64>,
    /// Mean patients waiting (for a bed, an operating table or transport), per step.
    pub queue: Vec<f64>,
}

/// One place of care.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct PlaceReport {
    /// Facility id, or `ROLE@front` for the point of injury and roles without facilities.
    pub place: String,
    /// Role of care.
    pub role: &'static str,
    /// Front, for places that are not configured facilities.
    pub front: Option<String>,
    /// Whether the place is a configured facility (group).
    pub configured_facility: bool,
    /// Arrivals.
    pub arrivals: u64,
    /// Casualties turned away while saturated.
    pub diverted_away: u64,
    /// Waits started here (bed, surgery, transport).
    pub waits: u64,
    /// Patient-hours in care.
    pub patient_hours: f64,
    /// Patient-hours waiting.
    pub queue_patient_hours: f64,
    /// Busiest hour for patients in care.
    pub peak_occupancy: Option<Peak>,
    /// Longest queue (hourly mean).
    pub peak_queue: Option<Peak>,
    /// Occupancy and queue over time.
    pub series: Series,
}

/// One evacuation leg.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct LegReport {
    /// Role left.
    pub from: &'static str,
    /// Role reached.
    pub to: &'static str,
    /// Transits.
    pub transits: u64,
    /// Transits by transport.
    pub by_transport: BTreeMap<String, u64>,
    /// Departure to arrival.
    pub transit_minutes: Durations,
}

/// The flow part of a report.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct FlowReport {
    /// Places of care, by role.
    pub facilities: Vec<PlaceReport>,
    /// Legs between roles.
    pub evacuation: Vec<LegReport>,
    /// Injury to the first arrival at Role 1 or higher.
    pub injury_to_first_facility_minutes: Durations,
    /// Waits by kind (`bed`, `surgery`, `transport`), minutes.
    pub waits: BTreeMap<String, Durations>,
    /// Diversions.
    pub diversions: u64,
    /// Patients by the highest role reached (`POI` for those who reached none).
    pub patients_by_highest_role: BTreeMap<String, u64>,
    /// Stays left out because they fell outside a place's 500-day window (only possible in
    /// an edited file).
    pub intervals_outside_window: u64,
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_750_000_000 - 1_750_000_000 % HOUR;

    fn ev(kind: EventKind, role: Role, facility: Option<&str>, minutes: i64) -> FlowEvent<'_> {
        FlowEvent {
            kind,
            role,
            facility,
            time: T0 + minutes * 60,
            transport: None,
        }
    }

    #[test]
    fn a_stay_is_split_exactly_over_the_hours_it_touches() {
        let mut h = HourIntegral::default();
        // 00:30 → 03:15: 30 min, 60, 60, 15.
        assert!(h.add(T0 + 1800, T0 + 3 * HOUR + 900));
        // Within one hour: 01:10 → 01:20.
        assert!(h.add(T0 + HOUR + 600, T0 + HOUR + 1200));
        assert_eq!(h.seconds_per_hour(), vec![1800, 3600 + 600, 3600, 900]);
        // An earlier stay moves the base back.
        assert!(h.add(T0 - HOUR, T0 - HOUR + 60));
        assert_eq!(h.seconds_per_hour(), vec![60, 1800, 3600 + 600, 3600, 900]);
    }

    #[test]
    fn merging_halves_gives_the_whole() {
        let stays = [
            (0, 7000),
            (5000, 9000),
            (100, 200),
            (20_000, 30_000),
            (3599, 3601),
        ];
        let mut whole = HourIntegral::default();
        let (mut a, mut b) = (HourIntegral::default(), HourIntegral::default());
        for (i, (from, to)) in stays.iter().enumerate() {
            whole.add(T0 + from, T0 + to);
            if i % 2 == 0 {
                a.add(T0 + from, T0 + to);
            } else {
                b.add(T0 + from, T0 + to);
            }
        }
        // Merged in both orders.
        let mut ab = a.clone();
        assert!(ab.merge(&b));
        let mut ba = b.clone();
        assert!(ba.merge(&a));
        let total: i64 = stays.iter().map(|(f, t)| t - f).sum();
        for m in [&ab, &ba] {
            assert_eq!(m.base, whole.base);
            assert_eq!(m.seconds_per_hour(), whole.seconds_per_hour());
            assert_eq!(m.seconds_per_hour().iter().sum::<i64>(), total);
        }
    }

    #[test]
    fn a_series_longer_than_the_window_is_refused() {
        let mut h = HourIntegral::default();
        assert!(h.add(T0, T0 + 60));
        assert!(!h.add(T0 + MAX_SPAN_HOURS * HOUR, T0 + MAX_SPAN_HOURS * HOUR + 60));
        assert_eq!(h.seconds_per_hour().iter().sum::<i64>(), 60);
    }

    #[test]
    fn a_timeline_gives_beds_queues_legs_and_waits() {
        use EventKind as K;
        let mut acc = FlowAccumulator::default();
        let mut start = ev(K::TransitStart, Role::Poi, None, 20);
        start.transport = Some("ground_ambulance");
        let mut to_r2 = ev(K::TransitStart, Role::R1, Some("r1"), 150);
        to_r2.transport = Some("helicopter");
        acc.add_patient(
            "east",
            T0,
            [
                ev(K::Injury, Role::Poi, None, 0),
                ev(K::WaitTransport, Role::Poi, None, 5),
                start,
                ev(K::TransitEnd, Role::R1, Some("r1"), 50),
                ev(K::Arrival, Role::R1, Some("r1"), 50),
                ev(K::Triage, Role::R1, Some("r1"), 60),
                ev(K::Treatment, Role::R1, Some("r1"), 70),
                to_r2,
                ev(K::Diverted, Role::R2, Some("r2a"), 160),
                ev(K::TransitEnd, Role::R2, Some("r2b"), 200),
                ev(K::Arrival, Role::R2, Some("r2b"), 200),
                ev(K::Triage, Role::R2, Some("r2b"), 205),
                ev(K::WaitBed, Role::R2, Some("r2b"), 206),
                ev(K::Treatment, Role::R2, Some("r2b"), 266),
                ev(K::WaitSurgery, Role::R2, Some("r2b"), 270),
                ev(K::Treatment, Role::R2, Some("r2b"), 300),
                // Returns to duty three days later; keeps the bed 24 h after the last care.
                ev(K::Rtd, Role::R2, Some("r2b"), 300 + 3 * 1440),
            ],
        );
        let r = acc.report();
        let place = |k: &str| {
            r.facilities
                .iter()
                .find(|p| p.place == k)
                .unwrap_or_else(|| panic!("{k} missing: {r:?}"))
        };
        let poi = place("POI@east");
        assert_eq!((poi.role, poi.front.as_deref()), ("POI", Some("east")));
        assert_eq!(
            poi.queue_patient_hours, 0.25,
            "waited 15 min for the ambulance"
        );
        assert_eq!(poi.patient_hours, 0.0);
        let r1 = place("r1");
        assert!(r1.configured_facility);
        assert_eq!(r1.arrivals, 1);
        // In care from triage (60) to departure (150).
        assert_eq!(r1.patient_hours, 1.5);
        let r2a = place("r2a");
        assert_eq!((r2a.arrivals, r2a.diverted_away), (0, 1));
        let r2b = place("r2b");
        assert_eq!((r2b.arrivals, r2b.waits), (1, 2));
        // In care from triage (205) to the bed wait (206), from its end (266) to the table
        // wait (270), and from the surgery (300) to 24 h after that last care.
        assert_eq!(r2b.patient_hours, round2((1.0 + 4.0 + 1440.0) / 60.0));
        // 60 min for a bed, 30 for a table.
        assert_eq!(r2b.queue_patient_hours, 1.5);
        assert_eq!(r.diversions, 1);
        assert_eq!(r.waits["bed"].count, 1);
        assert_eq!(r.waits["bed"].median, Some(60.0));
        assert_eq!(r.waits["surgery"].median, Some(30.0));
        assert_eq!(r.waits["transport"].median, Some(15.0));
        let legs: Vec<_> = r
            .evacuation
            .iter()
            .map(|l| (l.from, l.to, l.transits, l.transit_minutes.median))
            .collect();
        assert_eq!(
            legs,
            vec![("POI", "R1", 1, Some(30.0)), ("R1", "R2", 1, Some(50.0))]
        );
        assert_eq!(r.evacuation[1].by_transport["helicopter"], 1);
        assert_eq!(r.injury_to_first_facility_minutes.median, Some(50.0));
        assert_eq!(r.patients_by_highest_role["R2"], 1);
        // The series covers the stay hour by hour: at most a week of points.
        let s = &r2b.series;
        assert_eq!(s.step_hours, 1);
        assert_eq!(s.occupancy.len(), s.queue.len());
        assert!(s.occupancy.iter().all(|x| (0.0..=1.0).contains(x)));
        assert!(s.occupancy.contains(&1.0));
    }

    #[test]
    fn a_death_while_waiting_for_a_bed_counts_in_the_queue() {
        use EventKind as K;
        let mut acc = FlowAccumulator::default();
        acc.add_patient(
            "east",
            T0,
            [
                ev(K::Injury, Role::Poi, None, 0),
                ev(K::Arrival, Role::R2, Some("r2"), 30),
                ev(K::Triage, Role::R2, Some("r2"), 35),
                ev(K::WaitBed, Role::R2, Some("r2"), 36),
                ev(K::Dow, Role::R2, Some("r2"), 96),
            ],
        );
        let r = acc.report();
        let r2 = r.facilities.iter().find(|p| p.place == "r2");
        let r2 = r2.expect("r2 reported");
        // In care for the minute between triage and the wait, then on a litter until death.
        assert_eq!(r2.patient_hours, round2(1.0 / 60.0));
        assert_eq!(r2.queue_patient_hours, 1.0);
    }
}
