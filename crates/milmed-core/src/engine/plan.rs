//! The casualty timeline: when casualties occur, in which incident, of which warfare type.
//!
//! Counts are exact by construction: the N casualties are apportioned (largest remainder) over
//! special events, days (tempo), warfare types (weights) and clock hours (each type's pattern).
//! Within an hour, each warfare type produces incidents one after another, each in its own
//! slice of the hour, and the types' streams are merged by time, so the planner walks the
//! population in time order with memory independent of N.

use crate::rng::{apportion, derive, Domain, Stream};
use crate::scenario::{
    Environment, Intensity, Scenario, SpecialEventKind, TempoProfile, WarfareType,
};

/// Where and when one casualty occurs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Slot {
    /// Patient index (0 … N−1, time order).
    pub index: u64,
    /// Day (1-based).
    pub day: u32,
    /// Injury time, seconds since the epoch.
    pub time: i64,
    /// Warfare type of the incident.
    pub warfare: WarfareType,
    /// Incident id.
    pub event_id: u64,
    /// Casualties in the incident.
    pub event_size: u32,
    /// Part of a mass-casualty cluster.
    pub mass_casualty: bool,
    /// Special event.
    pub special: Option<SpecialEventKind>,
}

/// Relative casualty weight of each clock hour for a warfare type.
fn hour_pattern(w: WarfareType, night_ops: bool, jitter: u32) -> [f64; 24] {
    let mut p = [1.0f64; 24];
    for (h, v) in p.iter_mut().enumerate() {
        let h = h as u32;
        let night = !(5..=20).contains(&h);
        *v = match w {
            WarfareType::Conventional => match h {
                5..=7 => 2.2,
                17..=19 => 2.0,
                _ if night => 0.5,
                _ => 1.0,
            },
            WarfareType::Artillery => {
                let peaks = [4, 10, 15, 21].map(|x| (x + jitter) % 24);
                if peaks.contains(&h) {
                    4.0
                } else {
                    0.35
                }
            }
            WarfareType::Urban => match h {
                6 | 13 => 3.0,
                8..=17 => 1.8,
                _ if night => 0.6,
                _ => 1.0,
            },
            WarfareType::Guerrilla => match h {
                5..=7 | 17..=19 => 3.0,
                _ => 0.3,
            },
            WarfareType::Drone => match h {
                6..=19 => 1.2,
                _ => 0.5,
            },
            WarfareType::Naval => match h {
                4..=6 => 4.0,
                12 => 2.0,
                _ => 0.5,
            },
            WarfareType::Cbrn => {
                if h == (5 + jitter * 3) % 24 || h == (14 + jitter) % 24 {
                    10.0
                } else {
                    0.2
                }
            }
            WarfareType::Peacekeeping => match h {
                8..=18 => 1.5,
                _ => 0.2,
            },
        };
        if night_ops && night {
            *v *= 2.0;
        }
    }
    p
}

/// Incident-size model: (mean size of an ordinary incident, base mass-casualty odds,
/// seconds between casualties inside an incident).
fn cluster_model(w: WarfareType) -> (f64, f64, f64) {
    match w {
        WarfareType::Conventional => (1.6, 0.010, 90.0),
        WarfareType::Artillery => (2.6, 0.040, 30.0),
        WarfareType::Urban => (2.0, 0.015, 60.0),
        WarfareType::Guerrilla => (2.3, 0.010, 40.0),
        WarfareType::Drone => (1.8, 0.005, 20.0),
        WarfareType::Naval => (2.5, 0.030, 45.0),
        WarfareType::Cbrn => (6.0, 0.250, 15.0),
        WarfareType::Peacekeeping => (1.3, 0.003, 120.0),
    }
}

/// Where UTC clock time `clock_hour:minute` falls inside a scenario day: as (hour, minute)
/// counted from the start of that day's 24-hour window, which begins at the scenario's start
/// time. Events are given in clock hours (an ambush at dawn is at dawn whatever the start time),
/// while the planner walks hours from the start.
fn window_position(start_offset_s: u32, clock_hour: u32, minute: u64) -> (u32, u32) {
    let clock_s = (i64::from(clock_hour) * 3600 + minute as i64 * 60) % 86_400;
    let into_window = (clock_s - i64::from(start_offset_s)).rem_euclid(86_400);
    (
        (into_window / 3600) as u32,
        ((into_window % 3600) / 60) as u32,
    )
}

#[derive(Debug, Clone)]
struct SpecialPlan {
    day: u32,
    hour: u32,
    minute: u32,
    size: u64,
    kind: SpecialEventKind,
    warfare: WarfareType,
    ordinal: u64,
}

#[derive(Debug, Clone, Copy, Default)]
struct TypeStream {
    total: u64,
    emitted: u64,
    event_left: u64,
    event_size: u64,
    event_k: u64,
    event_start: f64,
    event_window: f64,
    event_id: u64,
    event_mc: bool,
    event_ordinal: u64,
    next_time: i64,
}

/// Iterates the casualty slots of a scenario in time order.
pub struct Planner {
    seed: u64,
    start: i64,
    start_hour: u32,
    days: u32,
    intensity: Intensity,
    weights: [f64; 8],
    night_ops: bool,
    offensive_days: Option<(u32, u32)>,
    day_counts: Vec<u64>,
    specials: Vec<SpecialPlan>,
    special_pos: usize,
    // Current bucket.
    day: u32,
    hour: u32,
    hour_counts: Vec<[u64; 8]>,
    streams: [TypeStream; 8],
    special_active: Option<(SpecialPlan, u64, f64, f64)>,
    special_cursor: i64,
    bucket_rng: Stream,
    next_index: u64,
    total: u64,
    scratch: Vec<u64>,
}

impl Planner {
    /// A planner for the scenario.
    pub fn new(s: &Scenario) -> Self {
        let seed = s.seed;
        let mut plan_rng = Stream::from_key(derive(seed, &[Domain::Timeline as u64, 0]));
        let dominant = s
            .active_warfare()
            .fold((WarfareType::Conventional, -1.0), |acc, (w, x)| {
                if x > acc.1 {
                    (w, x)
                } else {
                    acc
                }
            })
            .0;
        let n = s.total_patients;
        let mut specials: Vec<SpecialPlan> = Vec::new();
        let mut reserved: u64 = 0;
        for e in &s.special_events.explicit {
            let (hour, minute) = window_position(s.start_offset_s, e.hour, plan_rng.below(30));
            specials.push(SpecialPlan {
                day: e.day,
                hour,
                minute,
                size: e.size,
                kind: e.kind,
                warfare: e.warfare.unwrap_or(dominant),
                ordinal: 0,
            });
            reserved += e.size;
        }
        // Random special events may take at most a third of what the explicit ones leave.
        let mut budget = (n - reserved.min(n)) / 3;
        let days = s.days;
        let mut add_random = |count: u64,
                              kind: SpecialEventKind,
                              warfare: WarfareType,
                              rng: &mut Stream,
                              median: f64,
                              lo: u64,
                              hi: u64,
                              hours: &[u32]| {
            for _ in 0..count {
                let size = (rng.lognormal(median, 0.5).round() as u64).clamp(lo, hi);
                if size > budget {
                    break;
                }
                budget -= size;
                let day = 1 + rng.below(u64::from(days)) as u32;
                let clock_hour = hours[rng.index(hours.len())];
                let (hour, minute) = window_position(s.start_offset_s, clock_hour, rng.below(40));
                specials.push(SpecialPlan {
                    day,
                    hour,
                    minute,
                    size,
                    kind,
                    warfare,
                    ordinal: 0,
                });
            }
        };
        if s.special_events.mass_casualty {
            let count = ((f64::from(days) / 4.0) * s.intensity.mass_casualty_factor())
                .ceil()
                .max(1.0) as u64;
            let all_hours: Vec<u32> = (0..24).collect();
            add_random(
                count,
                SpecialEventKind::MassCasualty,
                dominant,
                &mut plan_rng,
                15.0,
                6,
                120,
                &all_hours,
            );
        }
        if s.special_events.ambush {
            let w = if s.warfare[WarfareType::Guerrilla as usize] > 0.0 {
                WarfareType::Guerrilla
            } else {
                dominant
            };
            let count = (u64::from(days) / 2).max(1);
            add_random(
                count,
                SpecialEventKind::Ambush,
                w,
                &mut plan_rng,
                5.0,
                3,
                12,
                &[5, 6, 7, 17, 18, 19],
            );
        }
        let offensive_days = if s.special_events.major_offensive {
            let len = days.min(3);
            let first = 1 + plan_rng.below(u64::from(days - len + 1)) as u32;
            Some((first, first + len - 1))
        } else {
            None
        };
        specials.sort_by_key(|p| (p.day, p.hour, p.minute));
        for (i, p) in specials.iter_mut().enumerate() {
            p.ordinal = i as u64;
        }
        let special_total: u64 = specials.iter().map(|p| p.size).sum();
        let regular = n - special_total.min(n);

        let mut tempo = s.tempo.daily_weights(days);
        if let Some((a, b)) = offensive_days {
            for d in a..=b {
                tempo[(d - 1) as usize] *= 2.5;
            }
        }
        if matches!(
            s.tempo,
            crate::scenario::Tempo::Profile(TempoProfile::Sustained)
        ) {
            // Day-to-day variation of ±15 % so a sustained scenario does not look machine-made.
            for t in &mut tempo {
                *t *= plan_rng.range_f64(0.85, 1.15);
            }
        }
        let mut day_counts = Vec::new();
        apportion(regular, &tempo, &mut day_counts);

        let start = s.start_time();
        let start_hour = s.start_offset_s / 3600;
        let mut p = Planner {
            seed,
            start,
            start_hour,
            days,
            intensity: s.intensity,
            weights: s.warfare,
            night_ops: s.environment.has(Environment::NightOperations),
            offensive_days,
            day_counts,
            specials,
            special_pos: 0,
            day: 0,
            hour: 0,
            hour_counts: vec![[0; 8]; 24],
            streams: [TypeStream::default(); 8],
            special_active: None,
            special_cursor: i64::MIN,
            bucket_rng: Stream::from_key(0),
            next_index: 0,
            total: n,
            scratch: Vec::with_capacity(24),
        };
        p.enter_day(1);
        p
    }

    /// The number of slots the planner yields.
    pub fn total(&self) -> u64 {
        self.total
    }

    fn enter_day(&mut self, day: u32) {
        self.day = day;
        let count = self
            .day_counts
            .get((day - 1) as usize)
            .copied()
            .unwrap_or(0);
        let mut per_type = Vec::with_capacity(8);
        apportion(count, &self.weights, &mut per_type);
        for row in self.hour_counts.iter_mut() {
            *row = [0; 8];
        }
        for (t, &c) in per_type.iter().enumerate() {
            if c == 0 {
                continue;
            }
            let jitter = (derive(
                self.seed,
                &[Domain::Timeline as u64, 1, u64::from(day), t as u64],
            ) % 3) as u32;
            let clock = hour_pattern(WarfareType::ALL[t], self.night_ops, jitter);
            let rel: Vec<f64> = (0..24)
                .map(|h| clock[((self.start_hour + h) % 24) as usize])
                .collect();
            apportion(c, &rel, &mut self.scratch);
            for h in 0..24 {
                self.hour_counts[h][t] = self.scratch[h];
            }
        }
        self.enter_hour(0);
    }

    fn enter_hour(&mut self, hour: u32) {
        self.hour = hour;
        self.bucket_rng = Stream::from_key(derive(
            self.seed,
            &[
                Domain::Timeline as u64,
                2,
                u64::from(self.day),
                u64::from(hour),
            ],
        ));
        let t0 = self.bucket_start();
        for t in 0..8 {
            self.streams[t] = TypeStream {
                total: self.hour_counts[hour as usize][t],
                next_time: t0,
                ..TypeStream::default()
            };
        }
        self.special_cursor = t0;
    }

    fn bucket_start(&self) -> i64 {
        self.start + (i64::from(self.day - 1) * 24 + i64::from(self.hour)) * 3600
    }

    /// Starts the next incident of type `t` and returns the time of its first casualty.
    fn open_event(&mut self, t: usize) {
        let w = WarfareType::ALL[t];
        let (mean, mc_odds, spread) = cluster_model(w);
        let rng = &mut self.bucket_rng;
        let st = &mut self.streams[t];
        let left = st.total - st.emitted;
        let mc = rng.chance((mc_odds * self.intensity.mass_casualty_factor()).min(0.9));
        let size = if mc {
            (rng.lognormal(15.0, 0.6).round() as u64).max(6)
        } else {
            // Geometric with the type's mean (≥ 1), intensity making incidents a little larger.
            let m = mean
                * match self.intensity {
                    Intensity::Low => 0.8,
                    Intensity::Medium => 1.0,
                    Intensity::High => 1.15,
                    Intensity::Extreme => 1.3,
                };
            let p = 1.0 / m.max(1.0);
            let u = 1.0 - rng.unit();
            1 + (u.ln() / (1.0 - p).max(1e-9).ln()).floor().max(0.0) as u64
        }
        .min(left)
        .max(1);
        let slot_start = 3600.0 * st.emitted as f64 / st.total as f64;
        let slot_len = 3600.0 * size as f64 / st.total as f64;
        let window = (size as f64 * spread * if mc { 0.3 } else { 1.0 }).min(slot_len);
        st.event_start = slot_start + rng.unit() * (slot_len - window);
        st.event_window = window;
        st.event_size = size;
        st.event_left = size;
        st.event_k = 0;
        st.event_mc = mc;
        st.event_id = derive(
            self.seed,
            &[
                Domain::Timeline as u64,
                3,
                u64::from(self.day),
                u64::from(self.hour),
                t as u64,
                st.event_ordinal,
            ],
        );
        st.event_ordinal += 1;
    }

    fn stream_time(&self, t: usize) -> i64 {
        let st = &self.streams[t];
        let off =
            st.event_start + (st.event_k as f64 + 0.5) / st.event_size as f64 * st.event_window;
        self.bucket_start() + off.floor() as i64
    }
}

impl Iterator for Planner {
    type Item = Slot;

    fn next(&mut self) -> Option<Slot> {
        loop {
            if self.next_index >= self.total {
                return None;
            }
            // Special events of this bucket come as one more stream.
            if self.special_active.is_none() {
                if let Some(p) = self.specials.get(self.special_pos) {
                    if p.day == self.day && p.hour == self.hour {
                        let p = p.clone();
                        self.special_pos += 1;
                        let t0 = self.bucket_start();
                        let window = (p.size as f64 * 20.0).min(1800.0);
                        let nominal = f64::from(p.minute) * 60.0;
                        let start = nominal
                            .max((self.special_cursor - t0) as f64)
                            .min((3600.0 - window).max(0.0));
                        self.special_active = Some((p, 0, start, window));
                    }
                }
            }
            // Open incidents for streams that need one.
            for t in 0..8 {
                let st = self.streams[t];
                if st.event_left == 0 && st.emitted < st.total {
                    self.open_event(t);
                    let time = self.stream_time(t);
                    self.streams[t].next_time = time;
                }
            }
            let special_time = self.special_active.as_ref().map(|(p, k, start, window)| {
                self.bucket_start()
                    + (start + (*k as f64 + 0.5) / p.size as f64 * window).floor() as i64
            });
            let mut best: Option<(i64, usize)> = None;
            for t in 0..8 {
                let st = &self.streams[t];
                if st.event_left > 0 && best.is_none_or(|(bt, _)| st.next_time < bt) {
                    best = Some((st.next_time, t));
                }
            }
            let use_special = match (special_time, best) {
                (Some(s), Some((b, _))) => s <= b,
                (Some(_), None) => true,
                _ => false,
            };
            if use_special {
                let index = self.next_index;
                self.next_index += 1;
                let time = special_time.unwrap_or(0);
                let day = self.day;
                let seed = self.seed;
                if let Some((p, k, _, _)) = self.special_active.as_mut() {
                    *k += 1;
                    let slot = Slot {
                        index,
                        day,
                        time,
                        warfare: p.warfare,
                        event_id: derive(seed, &[Domain::Timeline as u64, 4, p.ordinal]),
                        event_size: p.size.min(u64::from(u32::MAX)) as u32,
                        mass_casualty: p.kind == SpecialEventKind::MassCasualty || p.size >= 6,
                        special: Some(p.kind),
                    };
                    if *k >= p.size {
                        self.special_cursor = time + 1;
                        self.special_active = None;
                    }
                    return Some(slot);
                }
            }
            if let Some((time, t)) = best {
                let index = self.next_index;
                self.next_index += 1;
                let offensive = self
                    .offensive_days
                    .is_some_and(|(a, b)| (a..=b).contains(&self.day))
                    && matches!(
                        WarfareType::ALL[t],
                        WarfareType::Conventional | WarfareType::Artillery | WarfareType::Urban
                    );
                let st = &mut self.streams[t];
                let slot = Slot {
                    index,
                    day: self.day,
                    time,
                    warfare: WarfareType::ALL[t],
                    event_id: st.event_id,
                    event_size: st.event_size.min(u64::from(u32::MAX)) as u32,
                    mass_casualty: st.event_mc,
                    special: offensive.then_some(SpecialEventKind::MajorOffensive),
                };
                st.event_left -= 1;
                st.event_k += 1;
                st.emitted += 1;
                if st.event_left > 0 {
                    let next = self.stream_time(t);
                    self.streams[t].next_time = next;
                }
                return Some(slot);
            }
            // Bucket exhausted: next hour (or day).
            if self.hour < 23 {
                self.enter_hour(self.hour + 1);
            } else if self.day < self.days {
                self.enter_day(self.day + 1);
            } else {
                // Unreachable when counts add up; stop rather than loop.
                return None;
            }
        }
    }
}
