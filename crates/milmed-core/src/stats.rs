//! Statistics of a cohort and its calibration check against published figures
//! (../reference/calibration.md, definitions of Holcomb et al., J Trauma 2006).
//!
//! The accumulator takes a small per-patient [`Summary`], built either from a generated
//! [`Patient`] or from a parsed output file, so `milmed report` and the generator's own
//! summary compute the same numbers.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::catalog::{Mechanism, Region, TimelineStep};
use crate::flow::{FlowAccumulator, FlowEvent, FlowReport};
use crate::nations::NATIONS;
use crate::record::{EventKind, Outcome, Patient, Triage};
use crate::scenario::{Category, Role, Scenario, WarfareType};

/// What the statistics need of one patient.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary<'a> {
    /// Category.
    pub category: Category,
    /// Triage at first contact.
    pub triage: Triage,
    /// Outcome.
    pub outcome: Outcome,
    /// Primary body region.
    pub region: Region,
    /// Primary mechanism.
    pub mechanism: Mechanism,
    /// Nationality code.
    pub nationality: &'a str,
    /// Front id.
    pub front: &'a str,
    /// Warfare type.
    pub warfare: WarfareType,
    /// Mass-casualty cluster member.
    pub mass_casualty: bool,
    /// Female.
    pub female: bool,
    /// Age.
    pub age: u32,
    /// Minutes from injury to first surgery.
    pub minutes_to_surgery: Option<f64>,
    /// Minutes from injury to the first bleeding control (10-1-2: 10 min).
    pub minutes_to_bleeding_control: Option<f64>,
    /// Minutes from injury to the first fluid or blood resuscitation (10-1-2: 1 h).
    pub minutes_to_resuscitation: Option<f64>,
    /// Minutes from injury to the outcome event (death, RTD, R4).
    pub minutes_to_outcome: Option<f64>,
    /// Minutes from injury to the first arrival at Role 2 or higher.
    pub minutes_to_r2: Option<f64>,
    /// Distinct body regions wounded.
    pub regions_wounded: u8,
    /// Reached a medical treatment facility alive.
    pub reached_facility: bool,
}

impl<'a> Summary<'a> {
    /// The summary of a generated patient.
    pub fn of(p: &Patient, nationality: &'a str, front: &'a str) -> Self {
        let minutes = |t: i64| (t - p.injury_time) as f64 / 60.0;
        let outcome_time = p
            .timeline
            .iter()
            .rev()
            .find(|e| e.kind.is_outcome())
            .map(|e| minutes(e.time));
        let r2 = p
            .timeline
            .iter()
            .find(|e| e.kind == EventKind::Arrival && e.place.role >= Role::R2)
            .map(|e| minutes(e.time));
        let reached = p.timeline.iter().any(|e| e.kind == EventKind::Arrival);
        let mut regions = [false; Region::ALL.len()];
        for c in &p.conditions {
            regions[c.region as usize] = true;
        }
        let regions_wounded = regions.iter().filter(|x| **x).count() as u8;
        let [bleeding, resuscitation, _] = first_steps(
            p.injury_time,
            p.treatments.iter().map(|t| (t.def.code, t.time)),
        );
        Summary {
            category: p.category,
            triage: p.triage,
            outcome: p.outcome,
            region: p
                .conditions
                .first()
                .map(|c| c.region)
                .unwrap_or(Region::Systemic),
            mechanism: p
                .conditions
                .first()
                .map(|c| c.mechanism)
                .unwrap_or(Mechanism::Other),
            nationality,
            front,
            warfare: p.warfare,
            mass_casualty: p.mass_casualty,
            female: p.person.female,
            age: p.person.age,
            minutes_to_surgery: p.first_surgery.map(minutes),
            minutes_to_bleeding_control: bleeding,
            minutes_to_resuscitation: resuscitation,
            minutes_to_outcome: outcome_time,
            minutes_to_r2: r2,
            regions_wounded,
            reached_facility: reached,
        }
    }
}

/// Minutes from injury to the first procedure of each 10-1-2 step (bleeding control,
/// resuscitation, surgery), from `(code, time)` pairs.
pub fn first_steps<'a>(
    injury_time: i64,
    treatments: impl IntoIterator<Item = (&'a str, i64)>,
) -> [Option<f64>; 3] {
    let mut first = [None; 3];
    for (code, time) in treatments {
        let slot = match TimelineStep::of_code(code) {
            Some(TimelineStep::BleedingControl) => 0,
            Some(TimelineStep::Resuscitation) => 1,
            Some(TimelineStep::Surgery) => 2,
            None => continue,
        };
        let minutes = (time - injury_time) as f64 / 60.0;
        if first[slot].is_none_or(|m| minutes < m) {
            first[slot] = Some(minutes);
        }
    }
    first
}

/// Accumulates summaries; mergeable, so chunks can be counted in parallel.
#[derive(Debug, Clone, Default)]
pub struct Accumulator {
    total: u64,
    by_category: BTreeMap<&'static str, u64>,
    by_triage: BTreeMap<&'static str, u64>,
    by_outcome: BTreeMap<&'static str, u64>,
    by_region: BTreeMap<&'static str, u64>,
    by_mechanism: BTreeMap<&'static str, u64>,
    by_nationality: BTreeMap<String, u64>,
    by_front: BTreeMap<String, u64>,
    by_warfare: BTreeMap<&'static str, u64>,
    // Battle injuries.
    hits: u64,
    kia: u64,
    dow: u64,
    rtd72: u64,
    bi_explosive: u64,
    bi_gunshot: u64,
    bi_region: BTreeMap<&'static str, u64>,
    bi_multi_region_hospitalised: u64,
    bi_hospitalised: u64,
    bi_living_triage: [u64; 4],
    kia_times: MinuteHistogram,
    surgery_minutes: MinuteHistogram,
    bleeding_control_minutes: MinuteHistogram,
    resuscitation_minutes: MinuteHistogram,
    r2_minutes_t1: MinuteHistogram,
    // DNBI.
    dnbi: u64,
    nbi: u64,
    disease: u64,
    disease_deaths: u64,
    psych: u64,
    women: u64,
    women_dnbi: u64,
    mass_casualty: u64,
    /// Patients by age in whole years (the last bin holds the oldest).
    ages: Vec<u64>,
    /// Occupancy, queues, evacuation legs and waits.
    flow: FlowAccumulator,
}

/// Age bins kept (service ages are far below this).
const AGE_BINS: usize = 128;

fn bump<K: Ord>(m: &mut BTreeMap<K, u64>, k: K) {
    *m.entry(k).or_insert(0) += 1;
}

fn bump_str(m: &mut BTreeMap<String, u64>, k: &str) {
    match m.get_mut(k) {
        Some(v) => *v += 1,
        None => {
            m.insert(k.to_string(), 1);
        }
    }
}

/// Whole minutes kept one per bin; beyond them, whole hours.
const MINUTE_BINS: u64 = 48 * 60;
/// Hour bins after the minute bins (up to 60 days); later times share the last bin.
const HOUR_BINS: u64 = 60 * 24 - 48;

/// A distribution of durations in minutes, exact to the minute for the first 48 hours and to
/// the hour after that. Counts are exact for every patient (no sampling), it merges by adding,
/// and its size does not depend on the number of patients.
#[derive(Debug, Clone, Default)]
pub struct MinuteHistogram {
    /// Allocated on first use: most chunks' accumulators never see some distributions.
    bins: Vec<u64>,
    count: u64,
}

impl MinuteHistogram {
    fn bin_of(minutes: f64) -> usize {
        let m = if minutes.is_finite() && minutes > 0.0 {
            minutes.floor() as u64
        } else {
            0
        };
        let bin = if m < MINUTE_BINS {
            m
        } else {
            (MINUTE_BINS + (m - MINUTE_BINS) / 60).min(MINUTE_BINS + HOUR_BINS - 1)
        };
        bin as usize
    }

    /// The smallest minute value that falls in `bin`.
    fn lower_edge(bin: usize) -> f64 {
        let b = bin as u64;
        if b < MINUTE_BINS {
            b as f64
        } else {
            (MINUTE_BINS + (b - MINUTE_BINS) * 60) as f64
        }
    }

    /// Counts one duration.
    pub fn add(&mut self, minutes: f64) {
        if self.bins.is_empty() {
            self.bins = vec![0; (MINUTE_BINS + HOUR_BINS) as usize];
        }
        let bin = Self::bin_of(minutes);
        self.bins[bin] += 1;
        self.count += 1;
    }

    pub(crate) fn merge(&mut self, other: MinuteHistogram) {
        if other.count == 0 {
            return;
        }
        if self.bins.is_empty() {
            *self = other;
            return;
        }
        for (a, b) in self.bins.iter_mut().zip(other.bins) {
            *a += b;
        }
        self.count += other.count;
    }

    /// Durations counted.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// Durations of at most `minutes` whole minutes.
    pub fn count_within(&self, minutes: u64) -> u64 {
        if self.count == 0 {
            return 0;
        }
        let last = Self::bin_of(minutes as f64);
        self.bins.iter().take(last + 1).sum()
    }

    /// The `q` quantile (0–1), as the lower edge of the bin holding it.
    pub fn quantile(&self, q: f64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let target = ((q * self.count as f64).ceil() as u64).clamp(1, self.count);
        let mut seen = 0;
        for (bin, n) in self.bins.iter().enumerate() {
            seen += n;
            if seen >= target {
                return Some(Self::lower_edge(bin));
            }
        }
        None
    }

    /// Percentage of durations that are at most `minutes` whole minutes (a death in the first
    /// minute is "at 0 min", as the sources count it).
    pub fn pct_within(&self, minutes: u64) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let last = Self::bin_of(minutes as f64);
        let n: u64 = self.bins.iter().take(last + 1).sum();
        Some(100.0 * n as f64 / self.count as f64)
    }

    /// Percentage of durations longer than `minutes` whole minutes.
    pub fn pct_beyond(&self, minutes: u64) -> Option<f64> {
        self.pct_within(minutes).map(|p| 100.0 - p)
    }

    /// The median, as the lower edge of the bin holding the middle duration.
    pub fn median(&self) -> Option<f64> {
        if self.count == 0 {
            return None;
        }
        let target = self.count / 2;
        let mut seen = 0;
        for (bin, n) in self.bins.iter().enumerate() {
            seen += n;
            if seen > target {
                return Some(Self::lower_edge(bin));
            }
        }
        None
    }
}

impl Accumulator {
    /// Adds one patient.
    pub fn add(&mut self, s: &Summary) {
        self.total += 1;
        bump(&mut self.by_category, s.category.label());
        bump(&mut self.by_triage, s.triage.code());
        bump(&mut self.by_outcome, s.outcome.code());
        bump(&mut self.by_region, s.region.key());
        bump(&mut self.by_mechanism, s.mechanism.key());
        bump_str(&mut self.by_nationality, s.nationality);
        bump_str(&mut self.by_front, s.front);
        bump(&mut self.by_warfare, s.warfare.key());
        if s.mass_casualty {
            self.mass_casualty += 1;
        }
        if self.ages.is_empty() {
            self.ages = vec![0; AGE_BINS];
        }
        self.ages[(s.age as usize).min(AGE_BINS - 1)] += 1;
        if s.female {
            self.women += 1;
            if s.category != Category::BattleInjury {
                self.women_dnbi += 1;
            }
        }
        match s.category {
            Category::BattleInjury => {
                self.hits += 1;
                match s.outcome {
                    Outcome::Kia => {
                        self.kia += 1;
                        if let Some(m) = s.minutes_to_outcome {
                            self.kia_times.add(m);
                        }
                    }
                    Outcome::Dow => self.dow += 1,
                    Outcome::Rtd if s.minutes_to_outcome.is_some_and(|m| m <= 72.0 * 60.0) => {
                        self.rtd72 += 1
                    }
                    _ => {}
                }
                if s.mechanism.is_explosive() {
                    self.bi_explosive += 1;
                }
                if s.mechanism == Mechanism::Gunshot {
                    self.bi_gunshot += 1;
                }
                bump(&mut self.bi_region, s.region.key());
                if s.reached_facility {
                    self.bi_hospitalised += 1;
                    if s.regions_wounded >= 2 {
                        self.bi_multi_region_hospitalised += 1;
                    }
                }
                if s.outcome != Outcome::Kia || s.reached_facility {
                    self.bi_living_triage[s.triage as usize - 1] += 1;
                }
                if let Some(m) = s.minutes_to_surgery {
                    self.surgery_minutes.add(m);
                }
                if let Some(m) = s.minutes_to_bleeding_control {
                    self.bleeding_control_minutes.add(m);
                }
                if let Some(m) = s.minutes_to_resuscitation {
                    self.resuscitation_minutes.add(m);
                }
                if s.triage == Triage::T1 {
                    if let Some(m) = s.minutes_to_r2 {
                        self.r2_minutes_t1.add(m);
                    }
                }
            }
            Category::NonBattleInjury => {
                self.dnbi += 1;
                self.nbi += 1;
            }
            Category::Disease => {
                self.dnbi += 1;
                self.disease += 1;
                if s.outcome.is_death() {
                    self.disease_deaths += 1;
                }
                if s.mechanism == Mechanism::Psychological {
                    self.psych += 1;
                }
            }
        }
    }

    /// Adds everything counted by `other` (chunks are merged in chunk order, so the kept
    /// samples are the same for any thread count).
    pub fn merge(&mut self, other: Accumulator) {
        fn merge_map<K: Ord>(a: &mut BTreeMap<K, u64>, b: BTreeMap<K, u64>) {
            for (k, v) in b {
                *a.entry(k).or_insert(0) += v;
            }
        }
        self.total += other.total;
        merge_map(&mut self.by_category, other.by_category);
        merge_map(&mut self.by_triage, other.by_triage);
        merge_map(&mut self.by_outcome, other.by_outcome);
        merge_map(&mut self.by_region, other.by_region);
        merge_map(&mut self.by_mechanism, other.by_mechanism);
        merge_map(&mut self.by_nationality, other.by_nationality);
        merge_map(&mut self.by_front, other.by_front);
        merge_map(&mut self.by_warfare, other.by_warfare);
        merge_map(&mut self.bi_region, other.bi_region);
        self.hits += other.hits;
        self.kia += other.kia;
        self.dow += other.dow;
        self.rtd72 += other.rtd72;
        self.bi_explosive += other.bi_explosive;
        self.bi_gunshot += other.bi_gunshot;
        self.bi_multi_region_hospitalised += other.bi_multi_region_hospitalised;
        self.bi_hospitalised += other.bi_hospitalised;
        for i in 0..4 {
            self.bi_living_triage[i] += other.bi_living_triage[i];
        }
        self.kia_times.merge(other.kia_times);
        self.surgery_minutes.merge(other.surgery_minutes);
        self.bleeding_control_minutes
            .merge(other.bleeding_control_minutes);
        self.resuscitation_minutes
            .merge(other.resuscitation_minutes);
        self.flow.merge(other.flow);
        self.r2_minutes_t1.merge(other.r2_minutes_t1);
        if self.ages.is_empty() {
            self.ages = other.ages;
        } else {
            for (a, b) in self.ages.iter_mut().zip(other.ages) {
                *a += b;
            }
        }
        self.dnbi += other.dnbi;
        self.nbi += other.nbi;
        self.disease += other.disease;
        self.disease_deaths += other.disease_deaths;
        self.psych += other.psych;
        self.women += other.women;
        self.women_dnbi += other.women_dnbi;
        self.mass_casualty += other.mass_casualty;
    }

    /// Adds a generated patient: its summary and its timeline.
    pub fn add_generated(&mut self, s: &Scenario, p: &Patient) {
        let nation = NATIONS.get(p.person.nation).map(|n| n.code).unwrap_or("");
        let front = s.fronts.get(p.front).map(|f| f.id.as_str()).unwrap_or("");
        self.add(&Summary::of(p, nation, front));
        self.flow
            .add_patient(front, p.injury_time, crate::flow::events_of(s, p));
    }

    /// Adds a patient's timeline to the flow figures (occupancy, queues, legs, waits); see
    /// [`FlowAccumulator::add_patient`].
    pub fn add_flow<'a>(
        &mut self,
        front: &str,
        injury_time: i64,
        events: impl IntoIterator<Item = FlowEvent<'a>>,
    ) {
        self.flow.add_patient(front, injury_time, events);
    }

    /// Number of patients.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Builds the report. `profile` chooses the calibration table; `None` infers it.
    pub fn report(&self, profile: Option<Profile>) -> Report {
        let pct = |a: u64, b: u64| {
            if b == 0 {
                None
            } else {
                Some(100.0 * a as f64 / b as f64)
            }
        };
        let hits = self.hits;
        let wia = hits - self.kia;
        let pct_kia = pct(self.kia, hits.saturating_sub(self.rtd72));
        let pct_dow = pct(self.dow, wia.saturating_sub(self.rtd72));
        let cfr = pct(self.kia + self.dow, hits);
        let deaths = self.kia + self.dow;
        let before_facility = pct(self.kia, deaths);
        let living: u64 = self.bi_living_triage.iter().sum();
        let triage_share: Vec<Option<f64>> = self
            .bi_living_triage
            .iter()
            .map(|t| pct(*t, living))
            .collect();
        let region = |keys: &[&str]| {
            let n: u64 = keys
                .iter()
                .map(|k| self.bi_region.get(k).copied().unwrap_or(0))
                .sum();
            let denom: u64 = self
                .bi_region
                .iter()
                .filter(|(k, _)| **k != "multiple" && **k != "systemic")
                .map(|(_, v)| *v)
                .sum();
            pct(n, denom)
        };
        let median_surgery_h = self.surgery_minutes.median().map(|m| m / 60.0);
        let beyond_12h = self.surgery_minutes.pct_beyond(12 * 60);
        let kia_by = |m: u64| self.kia_times.pct_within(m);
        let median_age = {
            let n: u64 = self.ages.iter().sum();
            let mut seen = 0;
            self.ages.iter().position(|c| {
                seen += c;
                n > 0 && seen > n / 2
            })
        }
        .map(|a| a as u32);

        let figures = Figures {
            hits,
            kia: self.kia,
            dow: self.dow,
            rtd_within_72h: self.rtd72,
            pct_kia,
            pct_dow,
            case_fatality_rate: cfr,
            wounded_to_killed: if deaths == 0 {
                None
            } else {
                Some(wia.saturating_sub(self.dow) as f64 / deaths as f64)
            },
            deaths_before_facility_pct: before_facility,
            kia_dead_at_0_min_pct: kia_by(0),
            kia_dead_by_10_min_pct: kia_by(10),
            kia_dead_by_60_min_pct: kia_by(60),
            explosive_pct: pct(self.bi_explosive, hits),
            gunshot_pct: pct(self.bi_gunshot, hits),
            extremity_pct: region(&["upper_limb", "lower_limb"]),
            head_neck_pct: region(&["head", "face", "neck"]),
            thorax_pct: region(&["thorax"]),
            abdomen_pct: region(&["abdomen", "pelvis"]),
            multi_region_hospitalised_pct: pct(
                self.bi_multi_region_hospitalised,
                self.bi_hospitalised,
            ),
            dnbi_to_bi: if hits == 0 {
                None
            } else {
                Some(self.dnbi as f64 / hits as f64)
            },
            nbi_share_of_injuries_pct: pct(self.nbi, self.nbi + hits),
            psychiatric_share_of_dnbi_pct: pct(self.psych, self.dnbi),
            triage_t1_pct: triage_share[0],
            triage_t2_pct: triage_share[1],
            triage_t3_pct: triage_share[2],
            triage_t4_pct: triage_share[3],
            median_hours_to_first_surgery: median_surgery_h,
            surgery_beyond_12h_pct: beyond_12h,
            median_minutes_poi_to_r2_t1: self.r2_minutes_t1.median(),
            // "of wounded": the killed never return (calibration.md A and B).
            forward_rtd_pct: pct(self.rtd72, wia),
            disease_death_pct: pct(self.disease_deaths, self.disease),
            women_pct: pct(self.women, self.total),
            women_dnbi_pct: pct(self.women_dnbi, self.women),
            median_age,
            mass_casualty_pct: pct(self.mass_casualty, self.total),
        };
        let step = |name: &'static str, target: TimelineStep, h: &MinuteHistogram| StepReport {
            step: name,
            target_minutes: target.target_minutes(),
            patients: h.count(),
            within_target: h.count_within(target.target_minutes()),
            within_target_pct: h.pct_within(target.target_minutes()),
            median_minutes: h.median(),
            p90_minutes: h.quantile(0.9),
        };
        let ten_one_two = vec![
            step(
                "bleeding_control",
                TimelineStep::BleedingControl,
                &self.bleeding_control_minutes,
            ),
            step(
                "resuscitation",
                TimelineStep::Resuscitation,
                &self.resuscitation_minutes,
            ),
            step("surgery", TimelineStep::Surgery, &self.surgery_minutes),
        ];
        let profile = profile.unwrap_or_else(|| self.infer_profile());
        let checks = calibration_checks(profile, &figures);
        let plausible = checks.iter().all(|c| c.verdict != Verdict::Outside);
        Report {
            total_patients: self.total,
            by_category: to_string_map(&self.by_category),
            by_triage: to_string_map(&self.by_triage),
            by_outcome: to_string_map(&self.by_outcome),
            by_body_region: to_string_map(&self.by_region),
            by_mechanism: to_string_map(&self.by_mechanism),
            by_nationality: self.by_nationality.clone(),
            by_front: self.by_front.clone(),
            by_warfare_type: to_string_map(&self.by_warfare),
            figures,
            calibration_profile: profile,
            calibration: checks,
            plausible,
            ten_one_two,
            flow: self.flow.report(),
        }
    }

    /// Chooses the calibration table from the cohort itself.
    pub fn infer_profile(&self) -> Profile {
        if self.total > 0 && self.mass_casualty * 2 > self.total {
            return Profile::Special;
        }
        let get = |k: &str| self.by_warfare.get(k).copied().unwrap_or(0);
        let cbrn = get("cbrn");
        let coin = get("guerrilla") + get("peacekeeping");
        if cbrn * 2 > self.total {
            Profile::Special
        } else if coin * 2 > self.total {
            Profile::CounterInsurgency
        } else {
            Profile::HighIntensity
        }
    }
}

fn to_string_map(m: &BTreeMap<&'static str, u64>) -> BTreeMap<String, u64> {
    m.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Calibration table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Profile {
    /// Table A: conventional high-intensity.
    HighIntensity,
    /// Table B: counter-insurgency / stabilisation.
    CounterInsurgency,
    /// Special scenarios (CBRN, mass casualty): only the checks of section C.
    Special,
}

/// The figures of calibration.md for a cohort (percentages 0–100).
#[derive(Debug, Clone, Serialize, PartialEq)]
#[allow(missing_docs)]
pub struct Figures {
    pub hits: u64,
    pub kia: u64,
    pub dow: u64,
    pub rtd_within_72h: u64,
    pub pct_kia: Option<f64>,
    pub pct_dow: Option<f64>,
    pub case_fatality_rate: Option<f64>,
    pub wounded_to_killed: Option<f64>,
    pub deaths_before_facility_pct: Option<f64>,
    pub kia_dead_at_0_min_pct: Option<f64>,
    pub kia_dead_by_10_min_pct: Option<f64>,
    pub kia_dead_by_60_min_pct: Option<f64>,
    pub explosive_pct: Option<f64>,
    pub gunshot_pct: Option<f64>,
    pub extremity_pct: Option<f64>,
    pub head_neck_pct: Option<f64>,
    pub thorax_pct: Option<f64>,
    pub abdomen_pct: Option<f64>,
    pub multi_region_hospitalised_pct: Option<f64>,
    pub dnbi_to_bi: Option<f64>,
    pub nbi_share_of_injuries_pct: Option<f64>,
    pub psychiatric_share_of_dnbi_pct: Option<f64>,
    pub triage_t1_pct: Option<f64>,
    pub triage_t2_pct: Option<f64>,
    pub triage_t3_pct: Option<f64>,
    pub triage_t4_pct: Option<f64>,
    pub median_hours_to_first_surgery: Option<f64>,
    pub surgery_beyond_12h_pct: Option<f64>,
    pub median_minutes_poi_to_r2_t1: Option<f64>,
    pub forward_rtd_pct: Option<f64>,
    pub disease_death_pct: Option<f64>,
    pub women_pct: Option<f64>,
    pub women_dnbi_pct: Option<f64>,
    pub median_age: Option<u32>,
    pub mass_casualty_pct: Option<f64>,
}

/// Result of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Inside the published range.
    Inside,
    /// Outside it.
    Outside,
    /// Not enough data (e.g. no battle injuries).
    NotApplicable,
}

/// One figure next to its target range.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Check {
    /// Figure name.
    pub figure: &'static str,
    /// Value.
    pub value: Option<f64>,
    /// Lower bound.
    pub min: f64,
    /// Upper bound.
    pub max: f64,
    /// Verdict.
    pub verdict: Verdict,
    /// Source of the range.
    pub source: &'static str,
}

fn check(
    figure: &'static str,
    value: Option<f64>,
    min: f64,
    max: f64,
    source: &'static str,
) -> Check {
    let verdict = match value {
        None => Verdict::NotApplicable,
        Some(v) if v >= min && v <= max => Verdict::Inside,
        Some(_) => Verdict::Outside,
    };
    Check {
        figure,
        value,
        min,
        max,
        verdict,
        source,
    }
}

/// The checks of calibration.md for a profile.
pub fn calibration_checks(profile: Profile, f: &Figures) -> Vec<Check> {
    let mut v = Vec::new();
    // Small cohorts give noisy shares; the checks only speak when there are enough hits.
    let enough = f.hits >= 200;
    let g = |x: Option<f64>| if enough { x } else { None };
    match profile {
        Profile::HighIntensity => {
            v.push(check(
                "pct_kia",
                g(f.pct_kia),
                18.0,
                28.0,
                "calibration.md A: Reister; Belmont 2010",
            ));
            v.push(check(
                "pct_dow",
                g(f.pct_dow),
                3.0,
                8.0,
                "calibration.md A: Kotwal 2011",
            ));
            v.push(check(
                "case_fatality_rate",
                g(f.case_fatality_rate),
                20.0,
                30.0,
                "calibration.md A: Reister; Penn-Barwell 2015",
            ));
            v.push(check(
                "wounded_to_killed",
                g(f.wounded_to_killed),
                2.5,
                4.5,
                "calibration.md A",
            ));
            v.push(check(
                "explosive_pct",
                g(f.explosive_pct),
                75.0,
                90.0,
                "calibration.md A: Owens 2008",
            ));
            v.push(check(
                "gunshot_pct",
                g(f.gunshot_pct),
                8.0,
                20.0,
                "calibration.md A: Owens 2008",
            ));
            v.push(check(
                "extremity_pct",
                g(f.extremity_pct),
                50.0,
                60.0,
                "calibration.md A: Owens 2008; Belmont 2012",
            ));
            v.push(check(
                "head_neck_pct",
                g(f.head_neck_pct),
                20.0,
                30.0,
                "calibration.md A",
            ));
            v.push(check(
                "thorax_pct",
                g(f.thorax_pct),
                8.0,
                13.0,
                "calibration.md A",
            ));
            v.push(check(
                "abdomen_pct",
                g(f.abdomen_pct),
                7.0,
                12.0,
                "calibration.md A",
            ));
            v.push(check(
                "triage_t1_pct",
                g(f.triage_t1_pct),
                25.0,
                40.0,
                "calibration.md A: planning assumption",
            ));
            v.push(check(
                "triage_t2_pct",
                g(f.triage_t2_pct),
                25.0,
                30.0,
                "calibration.md A: planning assumption",
            ));
            v.push(check(
                "triage_t3_pct",
                g(f.triage_t3_pct),
                30.0,
                50.0,
                "calibration.md A: planning assumption",
            ));
            v.push(check(
                "triage_t4_pct",
                g(f.triage_t4_pct),
                0.0,
                5.0,
                "calibration.md A: planning assumption",
            ));
            v.push(check(
                "median_hours_to_first_surgery",
                g(f.median_hours_to_first_surgery),
                2.0,
                6.0,
                "calibration.md A",
            ));
            v.push(check(
                "forward_rtd_pct",
                g(f.forward_rtd_pct),
                10.0,
                20.0,
                "calibration.md A: Korea 15.7 %",
            ));
        }
        Profile::CounterInsurgency => {
            v.push(check(
                "pct_kia",
                g(f.pct_kia),
                10.0,
                16.0,
                "calibration.md B: Kotwal 2016",
            ));
            v.push(check(
                "pct_dow",
                g(f.pct_dow),
                2.0,
                6.0,
                "calibration.md B: Kotwal 2016",
            ));
            v.push(check(
                "case_fatality_rate",
                g(f.case_fatality_rate),
                8.0,
                14.0,
                "calibration.md B: Kotwal 2016; Kelly 2008",
            ));
            v.push(check(
                "explosive_pct",
                g(f.explosive_pct),
                70.0,
                80.0,
                "calibration.md B: Owens 2008; Belmont 2012",
            ));
            v.push(check(
                "gunshot_pct",
                g(f.gunshot_pct),
                18.0,
                25.0,
                "calibration.md B",
            ));
            v.push(check(
                "extremity_pct",
                g(f.extremity_pct),
                50.0,
                55.0,
                "calibration.md B",
            ));
            v.push(check(
                "head_neck_pct",
                g(f.head_neck_pct),
                28.0,
                36.0,
                "calibration.md B",
            ));
            v.push(check(
                "thorax_pct",
                g(f.thorax_pct),
                6.0,
                10.0,
                "calibration.md B",
            ));
            v.push(check(
                "abdomen_pct",
                g(f.abdomen_pct),
                7.0,
                11.0,
                "calibration.md B",
            ));
            v.push(check(
                "triage_t1_pct",
                g(f.triage_t1_pct),
                10.0,
                25.0,
                "calibration.md B (soft)",
            ));
            v.push(check(
                "triage_t2_pct",
                g(f.triage_t2_pct),
                20.0,
                30.0,
                "calibration.md B (soft)",
            ));
            v.push(check(
                "triage_t3_pct",
                g(f.triage_t3_pct),
                50.0,
                65.0,
                "calibration.md B (soft)",
            ));
            v.push(check(
                "triage_t4_pct",
                g(f.triage_t4_pct),
                0.0,
                2.0,
                "calibration.md B (soft)",
            ));
            v.push(check(
                "median_minutes_poi_to_r2_t1",
                g(f.median_minutes_poi_to_r2_t1),
                40.0,
                100.0,
                "calibration.md B: Kotwal 2016; McLeod 2007",
            ));
            v.push(check(
                "rtd_within_72h_pct",
                g(f.forward_rtd_pct),
                18.0,
                50.0,
                "calibration.md B: Owens 2008",
            ));
        }
        Profile::Special => {}
    }
    v.push(check(
        "deaths_before_facility_pct",
        g(f.deaths_before_facility_pct).filter(|_| f.kia + f.dow >= 50),
        85.0,
        90.0,
        "calibration.md C: Eastridge 2012",
    ));
    v.push(check(
        "disease_death_pct",
        f.disease_death_pct,
        0.0,
        0.5,
        "calibration.md C",
    ));
    v
}

/// The statistics report of `milmed report` and of a job summary.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Report {
    /// Patients.
    pub total_patients: u64,
    /// Counts by category label.
    pub by_category: BTreeMap<String, u64>,
    /// Counts by triage.
    pub by_triage: BTreeMap<String, u64>,
    /// Counts by final status.
    pub by_outcome: BTreeMap<String, u64>,
    /// Counts by primary body region.
    pub by_body_region: BTreeMap<String, u64>,
    /// Counts by primary mechanism.
    pub by_mechanism: BTreeMap<String, u64>,
    /// Counts by nationality.
    pub by_nationality: BTreeMap<String, u64>,
    /// Counts by front.
    pub by_front: BTreeMap<String, u64>,
    /// Counts by warfare type.
    pub by_warfare_type: BTreeMap<String, u64>,
    /// Calibration figures.
    pub figures: Figures,
    /// Which table was used.
    pub calibration_profile: Profile,
    /// Figures next to their target ranges.
    pub calibration: Vec<Check>,
    /// True when no figure is outside its range.
    pub plausible: bool,
    /// Battle injuries against the NATO 10-1-2 timeline: time from injury to the first
    /// bleeding control, resuscitation and surgery, among those who received each.
    pub ten_one_two: Vec<StepReport>,
    /// Occupancy and queues per place over time, evacuation legs, waits and diversions.
    pub flow: FlowReport,
}

/// One step of the 10-1-2 timeline.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct StepReport {
    /// `bleeding_control`, `resuscitation` or `surgery`.
    pub step: &'static str,
    /// The target: 10, 60 or 120 minutes.
    pub target_minutes: u64,
    /// Battle injuries who received the step.
    pub patients: u64,
    /// Of them, within the target.
    pub within_target: u64,
    /// Share within the target.
    pub within_target_pct: Option<f64>,
    /// Median minutes from injury.
    pub median_minutes: Option<f64>,
    /// 90th percentile, minutes from injury.
    pub p90_minutes: Option<f64>,
}

#[cfg(test)]
mod histogram_tests {
    use super::MinuteHistogram;

    #[test]
    fn shares_and_median_count_whole_minutes() {
        let mut h = MinuteHistogram::default();
        for m in [0.02, 0.5, 0.99, 1.0, 9.9, 10.0, 10.5, 59.0, 61.0, 3000.0] {
            h.add(m);
        }
        assert_eq!(h.count(), 10);
        assert_eq!(h.pct_within(0), Some(30.0), "under a minute is at 0 min");
        assert_eq!(h.pct_within(10), Some(70.0));
        assert_eq!(h.pct_within(60), Some(80.0));
        assert_eq!(h.pct_beyond(60), Some(20.0));
        assert_eq!(h.median(), Some(10.0));
        assert_eq!(MinuteHistogram::default().median(), None);
    }

    #[test]
    fn merging_equals_counting_together() {
        let values: Vec<f64> = (0..5000).map(|i| f64::from(i) * 1.7).collect();
        let mut all = MinuteHistogram::default();
        let mut a = MinuteHistogram::default();
        let mut b = MinuteHistogram::default();
        for (i, v) in values.iter().enumerate() {
            all.add(*v);
            if i % 3 == 0 {
                a.add(*v)
            } else {
                b.add(*v)
            }
        }
        a.merge(b);
        assert_eq!(a.count(), all.count());
        assert_eq!(a.median(), all.median());
        assert_eq!(a.pct_within(720), all.pct_within(720));
        // The middle value is 4250 min; past 48 hours the bins are hours wide: 4200–4259.
        assert_eq!(all.median(), Some(4200.0));
    }
}
