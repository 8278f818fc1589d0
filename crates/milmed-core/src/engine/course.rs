//! The clinical course: physiology over time, triage, treatments at each role, evacuation,
//! and the outcome that follows from them.
//!
//! The model in one paragraph (docs/clinical-model.md has the details and sources): the most
//! dangerous condition sets a *reserve* — how many minutes the casualty survives untreated.
//! Time consumes the reserve at a rate that treatments lower (a tourniquet stops a limb bleed,
//! resuscitation slows torso bleeding, surgery stops it). Death happens when the reserve is
//! spent; where that happens (before or after reaching a facility) decides KIA versus DOW.
//! Vital signs and triage are read off the consumed fraction of the reserve at each
//! assessment. Survivors of serious injury carry a late-death risk that grows with injury
//! severity and the depth of shock at definitive care.

use crate::catalog::procedures as p;
use crate::catalog::{Mechanism, Pathology, ProcedureDef, Region};
use crate::record::{
    EventDetail, EventKind, Outcome, Patient, Place, TimelineEvent, Transport, Treatment, Triage,
    Vitals,
};
use crate::rng::Stream;
use crate::scenario::{Category, Environment, Role, Scenario};

use super::capacity::{Capacity, Resource, Trip};
use super::injury::{is_coin, Injury};
use super::Chain;
use crate::scenario::AssetKind;

/// The threat to life that drives physiology.
#[derive(Debug, Clone, Copy)]
struct Threat {
    pathology: Pathology,
    /// Minutes of reserve at rate 1.
    reserve: f64,
    /// Reserve consumed so far.
    used: f64,
    /// Current consumption rate (1 untreated, 0 stopped).
    rate: f64,
    /// Whether it kills instantly (unsurvivable injury).
    instant: bool,
}

impl Threat {
    fn none() -> Self {
        Threat {
            pathology: Pathology::Minor,
            reserve: f64::INFINITY,
            used: 0.0,
            rate: 0.0,
            instant: false,
        }
    }

    fn fraction(&self) -> f64 {
        if self.reserve.is_finite() {
            (self.used / self.reserve).clamp(0.0, 1.0)
        } else {
            0.0
        }
    }

    /// Advances by `minutes`; returns the minutes into the interval at which death occurs.
    fn advance(&mut self, minutes: f64) -> Option<f64> {
        if minutes <= 0.0 || self.rate <= 0.0 || !self.reserve.is_finite() {
            return None;
        }
        let left = self.reserve - self.used;
        let need = left / self.rate;
        if need <= minutes {
            self.used = self.reserve;
            Some(need.max(0.0))
        } else {
            self.used += minutes * self.rate;
            None
        }
    }
}

/// Share of unsurvivable injuries that kill at once (see [`set_threat`]).
const UNSURVIVABLE_INSTANT: f64 = 0.76;
/// Median minutes to death of the other unsurvivable injuries (log-σ 1.1, at most 120).
const UNSURVIVABLE_MEDIAN_MIN: f64 = 18.0;
/// Share of unsurvivable brain injuries that live for hours (see [`set_threat`]).
const UNSURVIVABLE_LINGERING: f64 = 0.07;
/// Median minutes to death of those (log-σ 0.8).
const UNSURVIVABLE_LINGERING_MEDIAN_MIN: f64 = 480.0;

fn set_threat(patient: &Patient, inj: &Injury, rng: &mut Stream) -> Threat {
    let mut best = Threat::none();
    for (i, cond) in patient.conditions.iter().enumerate() {
        let ais = inj.ais[i];
        if ais >= 6 {
            // Unsurvivable: most die at once, the rest within minutes to two hours.
            // Calibration.md A (Webster et al. 2021, time to death of the killed in action):
            // ≥ 55 % at 0 min, 65–70 % by 10 min, ≈ 90 % by 60 min, ≈ 99 % by 120 min. The
            // instant share and this spread put about 7 % of the killed between 1 and 10 min
            // and the bulk of the rest (with the bleeding deaths) between 10 and 60 min.
            let t = if cond.def.pathology == Pathology::Brain && rng.chance(UNSURVIVABLE_LINGERING)
            {
                // Deep coma kept alive by an airway: reaches care and dies there within hours
                // to days (Eastridge et al. 2011: half the deaths of wounds were
                // non-survivable, 83 % of those brain injuries).
                rng.lognormal(UNSURVIVABLE_LINGERING_MEDIAN_MIN, 0.8)
            } else if rng.chance(UNSURVIVABLE_INSTANT) {
                0.0
            } else {
                rng.lognormal(UNSURVIVABLE_MEDIAN_MIN, 1.1).min(120.0)
            };
            return Threat {
                pathology: cond.def.pathology,
                reserve: t,
                used: 0.0,
                rate: 1.0,
                instant: true,
            };
        }
        let median = match (cond.def.pathology, ais) {
            (Pathology::LimbBleed, 5..) => Some((10.0, 0.5)),
            (Pathology::LimbBleed, 4) => Some((16.0, 0.5)),
            (Pathology::LimbBleed, 3) => Some((70.0, 0.6)),
            (Pathology::TorsoBleed, 5..) => Some((25.0, 0.6)),
            (Pathology::TorsoBleed, 4) => Some((110.0, 0.7)),
            (Pathology::TorsoBleed, 3) => Some((360.0, 0.8)),
            (Pathology::Airway, 4..) => Some((30.0, 0.6)),
            (Pathology::Breathing, 5..) => Some((35.0, 0.5)),
            (Pathology::Breathing, 4) => Some((240.0, 0.7)),
            (Pathology::Brain, 5..) => Some((200.0, 0.8)),
            (Pathology::Brain, 4) => Some((900.0, 0.8)),
            (Pathology::Spinal, 5..) => Some((600.0, 0.8)),
            (Pathology::Burn, 4..) => Some((1440.0, 0.8)),
            (Pathology::Systemic, 5..) => Some((2880.0, 0.8)),
            (Pathology::Toxic, 4..) => Some((40.0, 0.6)),
            (Pathology::Toxic, 3) => Some((240.0, 0.7)),
            (Pathology::Cold, 3..) => Some((360.0, 0.7)),
            (Pathology::Heat, 3..) => Some((240.0, 0.7)),
            _ => None,
        };
        if let Some((m, s)) = median {
            let reserve = rng.lognormal(m, s);
            if reserve < best.reserve {
                best = Threat {
                    pathology: cond.def.pathology,
                    reserve,
                    used: 0.0,
                    rate: 1.0,
                    instant: false,
                };
            }
        }
    }
    best
}

struct Course {
    t0: i64,
    end: i64,
    last_time: i64,
    place: Place,
    ended: bool,
    threat: Threat,
    /// Minutes since injury at which the threat was last advanced.
    clock: f64,
    pain: u8,
    fever: f64,
    temp_shift: f64,
    brain: u8,
    max_ais: u8,
    non_ambulatory: bool,
}

impl Course {
    /// Appends an event at `minutes` after injury, keeping the timeline strictly ordered and
    /// inside the scenario. Returns false (and records nothing) past the scenario's end.
    fn event(
        &mut self,
        p: &mut Patient,
        minutes: f64,
        kind: EventKind,
        place: Place,
        detail: EventDetail,
    ) -> bool {
        let mut t = self.t0 + (minutes * 60.0).floor() as i64;
        if t <= self.last_time && !p.timeline.is_empty() {
            t = self.last_time + 1;
        }
        if t > self.end {
            self.ended = true;
            return false;
        }
        self.last_time = t;
        p.timeline.push(TimelineEvent {
            kind,
            place,
            time: t,
            detail,
        });
        true
    }

    /// Advances physiology to `minutes`; returns the death time if death comes first.
    fn advance_to(&mut self, minutes: f64) -> Option<f64> {
        if minutes <= self.clock {
            return None;
        }
        let from = self.clock;
        self.clock = minutes;
        self.threat.advance(minutes - from).map(|d| from + d)
    }

    fn vitals(&mut self, p: &mut Patient, vrng: &mut Stream) -> Triage {
        let s = self.threat.fraction();
        let path = self.threat.pathology;
        let bleed = matches!(
            path,
            Pathology::LimbBleed | Pathology::TorsoBleed | Pathology::Burn
        ) as u8 as f64
            * s;
        let hypoxia = matches!(
            path,
            Pathology::Airway | Pathology::Breathing | Pathology::Toxic
        ) as u8 as f64
            * s;
        let septic = matches!(path, Pathology::Systemic | Pathology::Heat) as u8 as f64 * s;
        let cold = matches!(path, Pathology::Cold) as u8 as f64 * s;
        let n = |r: &mut Stream, sd: f64| r.gauss(0.0, sd);
        let hr = 76.0 + 75.0 * bleed + 35.0 * hypoxia + 45.0 * septic - 25.0 * cold
            + 2.5 * f64::from(self.pain)
            + 12.0 * self.fever
            + n(vrng, 6.0);
        let sbp = 124.0 - 72.0 * bleed.powf(1.4) - 20.0 * hypoxia.powi(2) - 35.0 * septic.powf(1.5)
            + n(vrng, 8.0)
            + if self.brain >= 4 { 12.0 } else { 0.0 };
        let dbp = sbp * vrng.range_f64(0.6, 0.7);
        let rr = 15.0
            + 14.0 * bleed
            + 20.0 * hypoxia
            + 10.0 * septic
            + 0.5 * f64::from(self.pain)
            + 3.0 * self.fever
            + n(vrng, 1.5);
        let rr = if self.brain >= 5 && s > 0.6 {
            rr.min(9.0)
        } else {
            rr
        };
        let spo2 =
            98.0 - 25.0 * hypoxia.powf(1.3) - 8.0 * bleed.powi(2) - 6.0 * septic + n(vrng, 0.8);
        let temp =
            36.9 + self.temp_shift + 1.8 * self.fever - 0.8 * bleed - 3.0 * cold + n(vrng, 0.2);
        let gcs_drop = match self.brain {
            0..=1 => 0.0,
            2 => 1.0,
            3 => 3.0,
            4 => 6.0,
            _ => 9.0,
        } * (0.5 + s)
            + if s > 0.75 { 4.0 } else { 0.0 }
            + 2.0 * hypoxia;
        let gcs = (15.0 - gcs_drop + n(vrng, 0.4)).round().clamp(3.0, 15.0) as u8;
        let v = Vitals {
            time: self.last_time,
            place: self.place,
            heart_rate: hr.round().clamp(30.0, 190.0) as u16,
            respiratory_rate: rr.round().clamp(4.0, 50.0) as u16,
            systolic: sbp.round().clamp(40.0, 190.0) as u16,
            diastolic: dbp.round().clamp(20.0, 120.0) as u16,
            spo2: spo2.round().clamp(50.0, 100.0) as u16,
            temperature_dc: (temp * 10.0).round().clamp(280.0, 420.0) as i16,
            gcs,
            pain: if gcs <= 8 { 0 } else { self.pain },
        };
        p.vitals.push(v);
        self.triage(&v, s)
    }

    /// NATO triage sieve from the measured signs and the injury burden.
    fn triage(&self, v: &Vitals, s: f64) -> Triage {
        if (self.threat.instant && s > 0.0) || (self.brain >= 5 && v.gcs <= 5) {
            return Triage::T4;
        }
        let abnormal = v.systolic < 90
            || v.respiratory_rate > 30
            || v.respiratory_rate < 10
            || v.heart_rate > 120
            || v.spo2 < 90
            || v.gcs < 13;
        // Minutes left before the threat kills at the current rate.
        let minutes_left = if self.threat.rate > 0.0 && self.threat.reserve.is_finite() {
            (self.threat.reserve - self.threat.used) / self.threat.rate
        } else {
            f64::INFINITY
        };
        let urgent_lesion =
            (self.max_ais >= 3 && self.threat.reserve.is_finite()) || self.max_ais >= 4;
        if abnormal || s > 0.3 || minutes_left < 240.0 || urgent_lesion {
            return Triage::T1;
        }
        if self.max_ais >= 3
            || self.threat.reserve.is_finite()
            || self.non_ambulatory
            || (self.max_ais >= 2 && self.pain >= 8)
        {
            return Triage::T2;
        }
        Triage::T3
    }

    fn treat(
        &mut self,
        p: &mut Patient,
        minutes: f64,
        def: &'static ProcedureDef,
        role: Role,
    ) -> bool {
        if def.role_min > role_rank(role) || p.treatments.iter().any(|t| t.def.code == def.code) {
            return false;
        }
        if !self.event(
            p,
            minutes,
            EventKind::Treatment,
            self.place,
            EventDetail::Procedure(def),
        ) {
            return false;
        }
        p.treatments.push(Treatment {
            def,
            place: self.place,
            time: self.last_time,
        });
        true
    }
}

fn role_rank(role: Role) -> u8 {
    match role {
        Role::Poi => 0,
        Role::R1 => 1,
        Role::R2 => 2,
        Role::R3 | Role::Csu => 3,
        Role::R4 => 4,
    }
}

fn is_surgery(def: &ProcedureDef) -> bool {
    [
        p::DEBRIDEMENT.code,
        p::LAPAROTOMY.code,
        p::CRANIOTOMY.code,
        p::CHEST_DRAIN.code,
    ]
    .contains(&def.code)
}

/// Procedures a role gives for a condition, in order.
fn procedures_for(
    path: Pathology,
    region: Region,
    ais: u8,
    role: Role,
    code: &str,
    shock: f64,
    out: &mut [Option<&'static ProcedureDef>; 4],
) {
    *out = [None; 4];
    let r = role_rank(role);
    let set = |o: &mut [Option<&'static ProcedureDef>; 4], list: &[&'static ProcedureDef]| {
        for (i, d) in list.iter().take(4).enumerate() {
            o[i] = Some(d);
        }
    };
    match (path, r) {
        (Pathology::LimbBleed, 0) => set(
            out,
            if ais >= 3 {
                &[&p::TOURNIQUET]
            } else {
                &[&p::PRESSURE_DRESSING]
            },
        ),
        (Pathology::LimbBleed, 1) => set(
            out,
            if shock > 0.3 {
                &[&p::IV_CATHETER, &p::BLOOD_PRODUCT, &p::TETANUS]
            } else if ais >= 3 {
                &[&p::IV_CATHETER, &p::IV_FLUIDS, &p::TETANUS]
            } else {
                // A minor limb wound: cleaned and dressed, no line needed.
                &[&p::WOUND_CARE, &p::TETANUS]
            },
        ),
        (Pathology::LimbBleed, 2) if ais <= 2 && shock <= 0.1 => set(out, &[]),
        (Pathology::LimbBleed, 2) => set(
            out,
            if shock > 0.4 {
                &[&p::RED_CELLS, &p::DEBRIDEMENT, &p::IV_ANTIBIOTICS]
            } else {
                &[&p::DEBRIDEMENT, &p::IV_ANTIBIOTICS]
            },
        ),
        (Pathology::LimbBleed, 3) => set(out, &[&p::WOUND_CARE]),
        (Pathology::TorsoBleed, 0) => set(
            out,
            if region == Region::Pelvis {
                &[&p::FIRST_AID]
            } else {
                &[&p::DIRECT_PRESSURE, &p::HEMORRHAGE_CONTROL]
            },
        ),
        (Pathology::TorsoBleed, 1) => set(
            out,
            if region == Region::Pelvis {
                &[&p::PELVIC_SLING, &p::IV_CATHETER, &p::BLOOD_PRODUCT]
            } else {
                &[&p::IV_CATHETER, &p::BLOOD_PRODUCT]
            },
        ),
        (Pathology::TorsoBleed, 2) => set(
            out,
            if region == Region::Thorax {
                &[&p::CHEST_DRAIN, &p::RED_CELLS, &p::ICU_ADMISSION]
            } else {
                &[&p::LAPAROTOMY, &p::RED_CELLS, &p::ICU_ADMISSION]
            },
        ),
        (Pathology::Airway, 0) => set(
            out,
            if ais >= 4 {
                &[&p::JAW_THRUST, &p::NASOPHARYNGEAL_AIRWAY]
            } else {
                &[&p::HEAD_EXTENSION]
            },
        ),
        (Pathology::Airway, 1) => set(
            out,
            if ais >= 4 {
                &[&p::AIRWAY_SUCTION, &p::ENDOTRACHEAL_TUBE]
            } else {
                &[&p::OXYGEN_MASK]
            },
        ),
        (Pathology::Airway, 2) => set(
            out,
            if ais >= 4 {
                &[&p::CONTROLLED_VENTILATION, &p::ICU_ADMISSION]
            } else {
                &[&p::DEBRIDEMENT]
            },
        ),
        (Pathology::Breathing, 0) => set(
            out,
            if code == "233645004" {
                &[&p::NEEDLE_DECOMPRESSION]
            } else {
                &[&p::FIRST_AID]
            },
        ),
        (Pathology::Breathing, 1) => set(
            out,
            if shock > 0.5 {
                &[&p::OXYGEN_MASK, &p::BAG_MASK]
            } else {
                &[&p::OXYGEN_MASK]
            },
        ),
        (Pathology::Breathing, 2) => set(out, &[&p::CHEST_DRAIN]),
        (Pathology::Brain, 0) => set(
            out,
            if ais >= 3 {
                &[&p::CSPINE_IMMOBILIZATION]
            } else {
                &[]
            },
        ),
        (Pathology::Brain, 1) => set(
            out,
            if ais >= 4 {
                &[&p::OXYGEN_MASK, &p::ENDOTRACHEAL_TUBE]
            } else {
                &[]
            },
        ),
        (Pathology::Brain, 2) => set(out, if ais >= 4 { &[&p::ICU_ADMISSION] } else { &[] }),
        (Pathology::Brain, 3) => set(out, if ais >= 4 { &[&p::CRANIOTOMY] } else { &[] }),
        (Pathology::Brain, _) => set(
            out,
            if ais >= 3 {
                &[&p::HEAD_INJURY_REHAB]
            } else {
                &[]
            },
        ),
        (Pathology::Spinal, 0) => set(
            out,
            if region == Region::Neck {
                &[&p::CSPINE_IMMOBILIZATION, &p::STRETCHER]
            } else {
                &[&p::STRETCHER]
            },
        ),
        (Pathology::Spinal, 1) => set(out, &[&p::BONE_IMMOBILIZATION]),
        (Pathology::Spinal, 3) => set(out, &[&p::BACK_BRACE]),
        (Pathology::Spinal, 4) => set(out, if ais >= 5 { &[&p::SPINAL_REHAB] } else { &[] }),
        (Pathology::Fracture, 0) => set(
            out,
            if region.is_extremity() {
                &[&p::SPLINT]
            } else {
                &[&p::FIRST_AID]
            },
        ),
        (Pathology::Fracture, 1) => set(
            out,
            if code == "397181002" {
                &[&p::BONE_IMMOBILIZATION, &p::ANTIBIOTICS, &p::TETANUS]
            } else {
                &[&p::BONE_IMMOBILIZATION]
            },
        ),
        (Pathology::Fracture, 2) => set(
            out,
            if code == "397181002" || ais >= 3 {
                &[&p::DEBRIDEMENT]
            } else {
                &[]
            },
        ),
        (Pathology::Fracture, 3) => set(out, &[&p::PHYSIOTHERAPY]),
        (Pathology::Wound, 0) => set(out, &[&p::DRESSING]),
        (Pathology::Wound, 1) => set(
            out,
            if ais >= 2 {
                &[&p::WOUND_CARE, &p::TETANUS, &p::ANTIBIOTICS]
            } else {
                &[&p::SUTURE, &p::TETANUS]
            },
        ),
        (Pathology::Wound, 2) => set(out, if ais >= 3 { &[&p::DEBRIDEMENT] } else { &[] }),
        (Pathology::Burn, 0) => set(out, &[&p::DRESSING]),
        (Pathology::Burn, 1) => set(
            out,
            if ais >= 3 {
                &[&p::BURN_CARE, &p::IV_CATHETER, &p::IV_FLUIDS]
            } else {
                &[&p::BURN_CARE]
            },
        ),
        (Pathology::Burn, 2) => set(out, if ais >= 3 { &[&p::DEBRIDEMENT] } else { &[] }),
        (Pathology::Burn, 3) => set(out, if ais >= 4 { &[&p::BURN_UNIT] } else { &[] }),
        (Pathology::Minor, 0) => set(out, &[&p::FIRST_AID]),
        (Pathology::Minor, 1) => set(
            out,
            if code == "44465007" || code == "70704007" {
                &[&p::RICE]
            } else if ais >= 2 {
                &[&p::BONE_IMMOBILIZATION]
            } else {
                &[]
            },
        ),
        (Pathology::Minor, 3) => set(out, &[&p::PHYSIOTHERAPY]),
        (Pathology::Cold, 0) => set(out, &[&p::ACTIVE_WARMING]),
        (Pathology::Cold, 1) => set(
            out,
            if ais >= 3 {
                &[&p::IV_CATHETER, &p::IV_FLUIDS]
            } else {
                &[&p::WOUND_CARE]
            },
        ),
        (Pathology::Heat, 0) => set(out, &[&p::FIRST_AID]),
        (Pathology::Heat, 1) => set(out, &[&p::IV_CATHETER, &p::IV_FLUIDS]),
        (Pathology::Bacterial, 1) => set(
            out,
            if ais >= 2 {
                &[&p::IV_ANTIBIOTICS]
            } else {
                &[&p::ANTIBIOTICS]
            },
        ),
        (Pathology::Illness, 1) => set(
            out,
            if code == "25374005" || code == "128333008" || code == "422400008" {
                &[&p::IV_FLUIDS]
            } else {
                &[]
            },
        ),
        (Pathology::Systemic, 1) => {
            set(out, &[&p::IV_CATHETER, &p::IV_ANTIBIOTICS, &p::OXYGEN_MASK])
        }
        (Pathology::Systemic, 2) => set(
            out,
            if ais >= 4 {
                &[&p::ICU_ADMISSION, &p::CONTROLLED_VENTILATION]
            } else {
                &[]
            },
        ),
        (Pathology::Toxic, 0) => set(out, &[&p::FIRST_AID]),
        (Pathology::Toxic, 1) => set(
            out,
            if ais >= 3 {
                &[&p::OXYGEN_MASK, &p::BAG_MASK, &p::IV_CATHETER]
            } else {
                &[&p::OXYGEN_MASK]
            },
        ),
        (Pathology::Toxic, 2) => set(
            out,
            if ais >= 4 {
                &[&p::CONTROLLED_VENTILATION, &p::ICU_ADMISSION]
            } else {
                &[]
            },
        ),
        (Pathology::Radiation, 0) => set(out, &[&p::FIRST_AID]),
        (Pathology::Radiation, 2) => set(
            out,
            if ais >= 3 {
                &[&p::IV_CATHETER, &p::ICU_ADMISSION]
            } else {
                &[]
            },
        ),
        _ => {}
    }
}

/// How a role's care changes the threat: returns the new consumption rate.
fn care_effect(threat: &Threat, role: Role, rng: &mut Stream) -> f64 {
    if threat.instant {
        // An unsurvivable injury (AIS 6) is not made survivable by a needle decompression or
        // an airway: care changes nothing, and the casualty dies within the drawn minutes.
        return threat.rate;
    }
    let r = role_rank(role);
    match (threat.pathology, r) {
        (Pathology::LimbBleed, 0) => {
            if rng.chance(0.88) {
                0.0
            } else {
                threat.rate * 0.5
            }
        }
        (Pathology::LimbBleed, _) => 0.0,
        (Pathology::TorsoBleed, 0) => threat.rate * 0.85,
        (Pathology::TorsoBleed, 1) => threat.rate * 0.55,
        (Pathology::TorsoBleed, _) => 0.0,
        (Pathology::Airway, 0) => {
            if rng.chance(0.6) {
                0.0
            } else {
                threat.rate
            }
        }
        (Pathology::Airway, _) => 0.0,
        (Pathology::Breathing, 0) => {
            if rng.chance(0.7) {
                0.0
            } else {
                threat.rate
            }
        }
        (Pathology::Breathing, 1) => threat.rate * 0.5,
        (Pathology::Breathing, _) => 0.0,
        (Pathology::Brain, 0) => threat.rate,
        (Pathology::Brain, 1) => threat.rate * 0.6,
        // Role 2 ventilates, gives osmotherapy and can decompress: herniation is held off
        // until the neurosurgeon at Role 3 (calibrated: few survivable brain injuries die
        // after reaching surgical care, see `late_death_risk`).
        (Pathology::Brain, 2) => threat.rate * 0.1,
        (Pathology::Brain, _) => 0.0,
        (Pathology::Toxic, 0) => threat.rate * 0.8,
        (Pathology::Toxic, _) => 0.0,
        (Pathology::Cold, 0) => threat.rate * 0.3,
        (Pathology::Heat, 0) => threat.rate * 0.7,
        (Pathology::Cold | Pathology::Heat, _) => 0.0,
        (Pathology::Burn, 0) => threat.rate,
        (Pathology::Burn, _) => 0.0,
        (Pathology::Systemic, 0) => threat.rate,
        (Pathology::Systemic, 1) => threat.rate * 0.5,
        (Pathology::Systemic, _) => 0.0,
        (Pathology::Spinal, 0 | 1) => threat.rate,
        (Pathology::Spinal, _) => 0.0,
        _ => threat.rate,
    }
}

/// Late-death factor of a casualty whose threat was a brain injury (see [`late_death_risk`]).
const LATE_DEATH_BRAIN: f64 = 0.2;

/// Probability of a late death after definitive care, from ISS, shock at arrival and what
/// the threat was.
fn late_death_risk(iss: u8, shock: f64, coin: bool, threat: Pathology) -> f64 {
    let base = match iss {
        0..=8 => 0.0,
        9..=15 => 0.004,
        16..=24 => 0.025,
        25..=49 => 0.08,
        _ => 0.25,
    };
    // Large-scale combat (saturated surgery, scarce blood and ICU beds) raises late deaths,
    // counter-insurgency care lowers them. Calibrated so that %DOW sits inside calibration.md
    // A (3–8 %) and B (2–6 %) while 85–90 % of battle deaths stay before a facility (C), and
    // potentially survivable deaths are 20–28 % of fatalities in B.
    let k = if coin { 1.2 } else { 2.1 };
    // A survivable brain injury that reached neurosurgery seldom dies later: the deaths of
    // wounds from brain injury were the unsurvivable ones (Eastridge et al. 2011: 83 % of the
    // non-survivable deaths of wounds were brain injuries, while 80 % of the potentially
    // survivable ones were haemorrhage).
    let threat_factor = if threat == Pathology::Brain {
        LATE_DEATH_BRAIN
    } else {
        1.0
    };
    (base * (1.0 + 2.5 * shock) * k * threat_factor).min(0.9)
}

/// Resources a casualty holds while its course runs (limited capacity): released when it
/// leaves, or at the end of the course.
#[derive(Default)]
struct Held {
    bed: Option<(Resource, i64)>,
    table: Option<(Resource, i64)>,
}

impl Held {
    fn release_bed(&mut self, cap: &mut Capacity, patient: u64, until: i64) {
        if let Some((r, start)) = self.bed.take() {
            cap.book_bed(r, patient, start, until);
        }
    }

    fn release_table(&mut self, cap: &mut Capacity, patient: u64, until: i64) {
        if let Some((r, start)) = self.table.take() {
            cap.book_table(r, patient, start, until);
        }
    }
}

/// Runs the course of one casualty and fills triage, vitals, treatments, timeline, outcome.
/// With `cap`, the casualty books beds, tables and vehicles on the shared calendars (and may
/// wait for them); without, capacity is unlimited and the course depends only on its streams.
pub fn run(
    s: &Scenario,
    chain: &Chain,
    inj: &Injury,
    p: &mut Patient,
    rng: &mut Stream,
    vrng: &mut Stream,
    cap: Option<&mut Capacity>,
) {
    let mut held = Held::default();
    match cap {
        None => run_inner(s, chain, inj, p, rng, vrng, None, &mut held),
        Some(cap) => {
            run_inner(s, chain, inj, p, rng, vrng, Some(&mut *cap), &mut held);
            // Whatever is still held is freed when the course ends; a casualty still in care
            // at the end of the scenario keeps it.
            let until = if p.outcome == Outcome::InCare {
                i64::MAX / 4
            } else {
                p.timeline.last().map_or(p.injury_time, |e| e.time)
            };
            held.release_table(cap, p.id, until);
            held.release_bed(cap, p.id, until);
        }
    }
}

/// Minutes after injury (as the course counts) of an absolute time.
fn mins(t0: i64, at: i64) -> f64 {
    (at - t0) as f64 / 60.0 + 1e-6
}

/// Longest wait for a bed before a casualty is diverted, by the triage sent ahead.
fn divert_after_s(t: Triage) -> i64 {
    match t {
        Triage::T1 => 20 * 60,
        Triage::T2 => 60 * 60,
        Triage::T3 | Triage::T4 => 4 * 3600,
    }
}

/// Under contested air helicopters do not fly at night (21:00–04:59 UTC); storm, fog and
/// dust storm ground them for the whole scenario. Returns the first time at or after `t`
/// when a flight may start.
fn next_flyable(t: i64, grounded: bool, contested: bool) -> Option<i64> {
    if grounded {
        return None;
    }
    if !contested {
        return Some(t);
    }
    let day = t.div_euclid(86_400) * 86_400;
    let h = (t - day) / 3600;
    Some(if h < 5 {
        day + 5 * 3600
    } else if h >= 21 {
        day + 86_400 + 5 * 3600
    } else {
        t
    })
}

#[allow(clippy::too_many_arguments)]
fn run_inner(
    s: &Scenario,
    chain: &Chain,
    inj: &Injury,
    p: &mut Patient,
    rng: &mut Stream,
    vrng: &mut Stream,
    mut cap: Option<&mut Capacity>,
    held: &mut Held,
) {
    p.vitals.clear();
    p.treatments.clear();
    p.timeline.clear();
    p.first_surgery = None;
    let coin = is_coin(p.warfare);
    let contested = !s.evacuation.air_superiority;
    let env = p.environment;
    let max_ais = inj.ais.iter().copied().max().unwrap_or(1);
    let primary = p.conditions[0];
    let mut c = Course {
        t0: p.injury_time,
        end: s.end_time(),
        last_time: i64::MIN,
        place: Place::POI,
        ended: false,
        threat: set_threat(p, inj, rng),
        clock: 0.0,
        pain: 0,
        fever: 0.0,
        temp_shift: 0.0,
        brain: 0,
        max_ais,
        non_ambulatory: false,
    };
    for (i, cond) in p.conditions.iter().enumerate() {
        let a = inj.ais[i];
        c.pain = c.pain.max(match cond.def.pathology {
            Pathology::Burn => 6 + a.min(3),
            Pathology::Fracture | Pathology::LimbBleed => 5 + a.min(3),
            Pathology::Wound | Pathology::TorsoBleed | Pathology::Spinal => 3 + a.min(4),
            Pathology::Minor => 2 + a * 2,
            Pathology::Brain | Pathology::Breathing | Pathology::Airway => 3 + a.min(3),
            Pathology::Psych => 0,
            _ => 1 + a,
        });
        if cond.def.pathology == Pathology::Brain {
            c.brain = c.brain.max(a);
        }
        if (cond.region == Region::LowerLimb
            || cond.region == Region::Pelvis
            || cond.region == Region::Spine)
            && (matches!(cond.def.pathology, Pathology::Fracture | Pathology::Spinal) || a >= 3)
            || cond.def.pathology == Pathology::Burn && a >= 3
        {
            c.non_ambulatory = true;
        }
        if matches!(
            cond.def.pathology,
            Pathology::Bacterial | Pathology::Systemic
        ) || (cond.def.pathology == Pathology::Illness
            && cond.mechanism == Mechanism::Infection
            && rng.chance(0.6))
        {
            c.fever = c.fever.max(if a >= 2 { 1.0 } else { 0.6 });
        }
    }
    c.pain = c.pain.min(10);
    if env.has(Environment::ExtremeCold) {
        c.temp_shift -= 0.3;
    }
    if env.has(Environment::ExtremeHeat) {
        c.temp_shift += 0.3;
    }

    let night = {
        let h = ((p.injury_time.rem_euclid(86_400)) / 3600) as u32;
        !(5..=20).contains(&h)
    };
    let air_grounded =
        env.has(Environment::Storm) || env.has(Environment::Fog) || env.has(Environment::DustStorm);
    let mut ground_factor = 1.0;
    for (e, f) in [
        (Environment::Rain, 1.2),
        (Environment::Storm, 1.4),
        (Environment::DustStorm, 1.3),
        (Environment::Fog, 1.2),
        (Environment::MountainousTerrain, 1.5),
        (Environment::UrbanDebris, 1.3),
        (Environment::ExtremeCold, 1.1),
    ] {
        if env.has(e) {
            ground_factor *= f;
        }
    }
    if night {
        ground_factor *= 1.3;
    }

    // ---- Point of injury ----
    c.event(p, 0.0, EventKind::Injury, Place::POI, EventDetail::None);
    let is_bi = p.category == Category::BattleInjury;
    let cbrn = matches!(
        primary.mechanism,
        Mechanism::Chemical | Mechanism::Radiological
    );
    // Self/buddy aid within minutes for battle casualties; DNBI present themselves.
    let (aid_at, medic_at) = if is_bi {
        let buddy = rng.range_f64(1.0, 5.0);
        let medic_median = if coin {
            9.0
        } else if contested {
            22.0
        } else {
            15.0
        };
        let medic =
            buddy + rng.lognormal(medic_median, 0.5) * if p.mass_casualty { 1.4 } else { 1.0 };
        (buddy, medic)
    } else {
        (0.0, 0.0)
    };
    let mut poi_triage = None;
    if is_bi {
        if let Some(d) = c.advance_to(aid_at) {
            return die(&mut c, p, d, EventKind::Kia);
        }
        // Buddy aid: the first POI procedure of the most urgent condition.
        let mut list = [None; 4];
        procedures_for(
            c.threat.pathology,
            primary.region,
            max_ais,
            Role::Poi,
            primary.def.code,
            0.0,
            &mut list,
        );
        let threat_cond = p
            .conditions
            .iter()
            .position(|x| x.def.pathology == c.threat.pathology)
            .unwrap_or(0);
        procedures_for(
            p.conditions[threat_cond].def.pathology,
            p.conditions[threat_cond].region,
            inj.ais[threat_cond],
            Role::Poi,
            p.conditions[threat_cond].def.code,
            0.0,
            &mut list,
        );
        if let Some(Some(first)) = list.first() {
            if c.treat(p, aid_at, first, Role::Poi) {
                c.threat.rate = care_effect(&c.threat, Role::Poi, rng);
            }
        }
        if let Some(d) = c.advance_to(medic_at) {
            return die(&mut c, p, d, EventKind::Kia);
        }
        // Combat medic: assessment, triage, the remaining POI procedures.
        let tri = c.vitals(p, vrng);
        if !c.event(
            p,
            medic_at,
            EventKind::Triage,
            Place::POI,
            EventDetail::Triage(tri),
        ) {
            return in_care(&mut c, p);
        }
        poi_triage = Some(tri);
        p.triage = tri;
        let mut t = medic_at + 1.0;
        for (i, cond) in p.conditions.clone().iter().enumerate() {
            procedures_for(
                cond.def.pathology,
                cond.region,
                inj.ais[i],
                Role::Poi,
                cond.def.code,
                c.threat.fraction(),
                &mut list,
            );
            for d in list.iter().flatten() {
                t += rng.range_f64(1.0, 4.0);
                if c.treat(p, t, d, Role::Poi) && i == threat_cond {
                    c.threat.rate = care_effect(&c.threat, Role::Poi, rng);
                }
            }
        }
        if tri <= Triage::T2 {
            t += 1.0;
            c.treat(p, t, &p::STRETCHER, Role::Poi);
        }
        c.clock = c.clock.max(0.0);
        if let Some(d) = c.advance_to(t) {
            return die(&mut c, p, d, EventKind::Kia);
        }
    }

    // ---- Evacuation from the point of injury ----
    let tri_now = poi_triage.unwrap_or(Triage::T3);
    let hold = if is_bi {
        let base = if coin {
            rng.lognormal(8.0, 0.5)
        } else if contested {
            rng.lognormal(25.0, 0.7)
        } else {
            rng.lognormal(15.0, 0.6)
        };
        // Contested ground holds some casualties for hours until extraction is possible;
        // urgent (T1) casualties are extracted first, at whatever risk (9-liner precedence).
        // 36 % of the others wait 2–8 h: calibration.md A, ≥ 10 % of first surgeries beyond
        // 12 h when air is contested.
        let long_hold = if contested && tri_now != Triage::T1 && rng.chance(0.36) {
            rng.range_f64(120.0, 480.0)
        } else {
            0.0
        };
        // Expectant casualties (T4) are moved after the others (NATO triage: T4 gets comfort
        // care and is evacuated once T1–T3 are gone); most die at the point of injury.
        let expectant = if tri_now == Triage::T4 {
            rng.range_f64(60.0, 180.0)
        } else {
            0.0
        };
        base + long_hold + expectant
    } else if cbrn {
        0.0
    } else if p.category == Category::Disease {
        rng.range_f64(60.0, 720.0)
    } else {
        rng.range_f64(20.0, 180.0)
    };
    let depart = c.clock.max(medic_at) + hold;
    // Helicopters: straight to Role 2 (or 3) for T1 when the air is ours and flying is possible.
    let heli_ok = !air_grounded && (!night || !contested);
    let heli_direct = is_bi
        && tri_now == Triage::T1
        && heli_ok
        && rng.chance(if contested {
            0.15
        } else if coin {
            0.9
        } else {
            0.5
        });
    let first_role = if heli_direct {
        chain.next_role(p.front, Role::R1)
    } else {
        chain.next_role(p.front, Role::Poi)
    };
    let Some(first_role) = first_role else {
        return in_care(&mut c, p);
    };
    // Distance from the point of injury to the first facility of a role.
    let km_to = |role: Role| -> f64 {
        let legs = &s.evacuation.legs;
        match role {
            Role::R1 => legs[0].distance_km,
            Role::R2 => legs[0].distance_km + legs[1].distance_km,
            _ => legs[0].distance_km + legs[1].distance_km + legs[2].distance_km,
        }
    };
    let legs_km = km_to(first_role);
    let mut ground_jitter = 1.0;
    // When the casualty is ready to leave by road; a helicopter may come later.
    let ground_depart = depart;
    let mut depart = depart;
    let (mut transport, mut transit) = if heli_direct {
        // The unit's first casualty report (9-liner) launches the helicopter: wheels-up after
        // the launch time, then the flight out, while the care on the ground goes on; the
        // casualty lifts off when both are done (Kotwal et al. 2016: median 43 min from
        // injury to a surgical facility).
        let launch = if coin {
            rng.lognormal(12.0, 0.5)
        } else {
            rng.lognormal(25.0, 0.6)
        };
        let flight = legs_km / 220.0 * 60.0;
        depart = depart.max(aid_at + launch + flight);
        (Transport::Helicopter, flight + 5.0)
    } else if !is_bi && p.conditions.iter().all(|x| x.def.ais <= 1) {
        (
            Transport::OnFoot,
            legs_km / 4.0 * 60.0 * rng.range_f64(0.2, 0.6),
        )
    } else {
        ground_jitter = rng.range_f64(0.9, 1.3);
        (
            Transport::GroundAmbulance,
            (legs_km / 40.0 * 60.0 + 5.0) * ground_factor * ground_jitter,
        )
    };
    let mut first_role = first_role;
    if let (Some(cap), true) = (cap.as_deref_mut(), transport != Transport::OnFoot) {
        // Shared vehicles: a seat on the earliest trip (casualties of one incident share).
        if let Some(d) = c.advance_to(ground_depart) {
            return die(&mut c, p, d, EventKind::Kia);
        }
        let mut ready = c.t0 + (depart * 60.0).floor() as i64;
        let ground_ready = c.t0 + (ground_depart * 60.0).floor() as i64;
        let origin = p.event_id;
        let flyable = |t: i64| next_flyable(t, air_grounded, contested);
        let mut chosen: Option<(Trip, usize)> = None;
        if heli_direct {
            let leg = (0..2)
                .find(|l| cap.has_kind(p.front, *l, AssetKind::Helicopter))
                .unwrap_or(0);
            let tr = |speed: f64| ((legs_km / speed * 60.0 + 5.0) * 60.0) as i64;
            chosen = cap
                .trip_offer(
                    p.front,
                    leg,
                    AssetKind::Helicopter,
                    ready,
                    origin,
                    &tr,
                    &flyable,
                )
                .filter(|t| t.depart - ready <= 30 * 60)
                .map(|t| (t, leg));
        }
        if chosen.is_none() {
            // No helicopter soon: by road to the first facility instead.
            let road_role = if heli_direct {
                ground_jitter = rng.range_f64(0.9, 1.3);
                chain.next_role(p.front, Role::Poi).unwrap_or(first_role)
            } else {
                first_role
            };
            let km = km_to(road_role);
            let tr = |speed: f64| {
                ((km / speed * 60.0 + 5.0) * ground_factor * ground_jitter * 60.0) as i64
            };
            for kind in [AssetKind::GroundAmbulance, AssetKind::Bus] {
                if kind == AssetKind::Bus && tri_now <= Triage::T2 {
                    continue;
                }
                if let Some(t) =
                    cap.trip_offer(p.front, 0, kind, ground_ready, origin, &tr, &flyable)
                {
                    if chosen.is_none_or(|(b, _)| t.arrive < b.arrive) {
                        chosen = Some((t, 0));
                    }
                }
            }
            if chosen.is_some() {
                // The helicopter is not coming: the casualty leaves by road when ready.
                first_role = road_role;
                depart = ground_depart;
                ready = ground_ready;
            }
        }
        if let Some((trip, _)) = chosen {
            cap.book_trip(&trip, p.id, origin);
            transport = trip.transport;
            transit = (trip.arrive - trip.depart) as f64 / 60.0;
            if trip.depart > ready {
                if !c.event(
                    p,
                    depart,
                    EventKind::WaitTransport,
                    Place::POI,
                    EventDetail::Transport(transport),
                ) {
                    return in_care(&mut c, p);
                }
                depart = mins(c.t0, trip.depart);
            }
        }
    }
    if let Some(d) = c.advance_to(depart) {
        return die(&mut c, p, d, EventKind::Kia);
    }
    if !c.event(
        p,
        depart,
        EventKind::TransitStart,
        Place::POI,
        EventDetail::Transport(transport),
    ) {
        return in_care(&mut c, p);
    }
    let arrive = depart + transit;
    if let Some(d) = c.advance_to(arrive) {
        return die(&mut c, p, d, EventKind::Kia);
    }

    // ---- Facilities ----
    let mut role = first_role;
    let mut t = arrive;
    let mut arriving_by = transport;
    let mut first_facility = true;
    let mut definitive_shock: Option<f64> = None;
    let mut list = [None; 4];
    // The triage sent ahead of the casualty (limited capacity: beds and diversion).
    let mut sent_triage = poi_triage.unwrap_or(Triage::T3);
    loop {
        let mut place = chain.place(p.front, role, rng);
        if let Some(cap) = cap.as_deref_mut() {
            if let Some(alt) = divert(cap, chain, s, p.front, place, sent_triage, c.t0, t) {
                if !c.event(
                    p,
                    t,
                    EventKind::Diverted,
                    place,
                    EventDetail::Transport(arriving_by),
                ) {
                    return in_care(&mut c, p);
                }
                let speed = if arriving_by == Transport::Helicopter {
                    220.0
                } else {
                    40.0 / ground_factor
                };
                t += alt.1 / speed * 60.0;
                if let Some(d) = c.advance_to(t) {
                    let kind = if first_facility {
                        EventKind::Kia
                    } else {
                        death_kind(p)
                    };
                    return die(&mut c, p, d, kind);
                }
                place = alt.0;
                role = place.role;
            }
        }
        if !c.event(
            p,
            t,
            EventKind::TransitEnd,
            place,
            EventDetail::Transport(arriving_by),
        ) {
            return in_care(&mut c, p);
        }
        c.place = place;
        p.last_place = place;
        if !c.event(p, t, EventKind::Arrival, place, EventDetail::None) {
            return in_care(&mut c, p);
        }
        if role == Role::R4 {
            // The record ends on arrival out of theatre, but a casualty whose late death is
            // already under way (section 7) still dies of it, now at Role 4: evacuating
            // faster does not cure anyone, it only moves where they die. A death after the
            // scenario's end does not undo the arrival inside it.
            if let Some(d) = c.advance_to(t + 20_160.0) {
                if c.t0 + (d * 60.0).floor() as i64 <= c.end {
                    return die(&mut c, p, d, death_kind(p));
                }
            }
            c.event(p, t, EventKind::EvacuatedR4, place, EventDetail::None);
            p.outcome = if c.ended {
                Outcome::InCare
            } else {
                Outcome::EvacuatedR4
            };
            return;
        }
        // Assessment and triage.
        t += rng.range_f64(2.0, 8.0);
        if let Some(d) = c.advance_to(t) {
            return die(&mut c, p, d, death_kind(p));
        }
        let tri = c.vitals(p, vrng);
        if first_facility {
            // Triage at first medical contact: the combat medic's for battle casualties,
            // the first facility's for everyone else.
            p.triage = poi_triage.unwrap_or(tri);
            first_facility = false;
        }
        if !c.event(p, t, EventKind::Triage, place, EventDetail::Triage(tri)) {
            return in_care(&mut c, p);
        }
        sent_triage = tri;
        // Waiting for an operating table at surgical roles.
        let needs_surgery = p.conditions.iter().enumerate().any(|(i, x)| {
            procedures_for(
                x.def.pathology,
                x.region,
                inj.ais[i],
                role,
                x.def.code,
                c.threat.fraction(),
                &mut list,
            );
            list.iter().flatten().any(|d| is_surgery(d))
        });
        if needs_surgery {
            // Surgical triage: a T1 whose threat is still running goes to the first free
            // team ahead of the others (NATO 10-1-2: damage-control surgery within 2 h,
            // domain.md); the others wait for the list.
            let urgent = tri == Triage::T1 && c.threat.rate > 0.0;
            let wait = match (contested, urgent) {
                (true, true) => rng.lognormal(30.0, 0.7),
                (false, true) => rng.lognormal(15.0, 0.6),
                (true, false) => rng.lognormal(45.0, 0.7),
                (false, false) => rng.lognormal(25.0, 0.6),
            }
            // The surgical teams receive a mass-casualty incident's wounded at once.
            * if p.mass_casualty { 3.0 } else { 1.0 };
            t += wait;
            if let Some(d) = c.advance_to(t) {
                return die(&mut c, p, d, death_kind(p));
            }
            // An operating table (limited capacity).
            if let (Some(cap), Some(fi)) = (cap.as_deref_mut(), place.facility) {
                let at = c.t0 + (t * 60.0).floor() as i64;
                if let Some((table, start)) = cap.table_offer(fi, at) {
                    if start > at {
                        if !c.event(p, t, EventKind::WaitSurgery, place, EventDetail::None) {
                            return in_care(&mut c, p);
                        }
                        t = mins(c.t0, start);
                        if let Some(d) = c.advance_to(t) {
                            return die(&mut c, p, d, death_kind(p));
                        }
                    }
                    held.table = Some((table, start));
                }
            }
        }
        let shock_here = c.threat.fraction();
        let threat_path = c.threat.pathology;
        let mut surgery_end = t;
        for (i, cond) in p.conditions.clone().iter().enumerate() {
            procedures_for(
                cond.def.pathology,
                cond.region,
                inj.ais[i],
                role,
                cond.def.code,
                shock_here,
                &mut list,
            );
            for d in list.iter().flatten() {
                t += if is_surgery(d) {
                    rng.range_f64(5.0, 15.0)
                } else {
                    rng.range_f64(2.0, 10.0)
                };
                if let Some(dt) = c.advance_to(t) {
                    return die(&mut c, p, dt, death_kind(p));
                }
                if c.treat(p, t, d, role) {
                    if is_surgery(d) && p.first_surgery.is_none() {
                        p.first_surgery = Some(c.last_time);
                    }
                    if cond.def.pathology == threat_path {
                        c.threat.rate = care_effect(&c.threat, role, rng);
                        if c.threat.rate == 0.0
                            && definitive_shock.is_none()
                            && c.threat.reserve.is_finite()
                        {
                            definitive_shock = Some(shock_here);
                        }
                    }
                    if is_surgery(d) {
                        // Surgery takes time.
                        t += rng.range_f64(45.0, 150.0);
                        surgery_end = t;
                    }
                }
            }
        }
        if let Some(cap) = cap.as_deref_mut() {
            let until = c.t0 + (surgery_end * 60.0).floor() as i64;
            held.release_table(cap, p.id, until);
        }
        // Care at this role that is not a listed procedure still acts on the threat.
        if c.threat.rate > 0.0 && role_rank(role) >= 2 {
            c.threat.rate = care_effect(&c.threat, role, rng);
            if c.threat.rate == 0.0 && definitive_shock.is_none() && c.threat.reserve.is_finite() {
                definitive_shock = Some(shock_here);
            }
        }

        // A bed (limited capacity): wait on a holding litter until one is free. The bed is
        // needed after the procedures: resuscitation and damage-control surgery happen in the
        // resuscitation bay and on the operating table as soon as the casualty is triaged, and
        // a full ward does not hold them up (a surgical team operates on a T1 and keeps them
        // in recovery or on a litter until a bed frees). Waiting for the ward before surgery
        // would let bleeding casualties die on a litter beside a free table.
        if let (Some(cap), Some(fi)) = (cap.as_deref_mut(), place.facility) {
            if cap.has_beds(fi) {
                let at = c.last_time.max(c.t0 + (t * 60.0).floor() as i64);
                if let Some(offer) = cap.bed_offer(fi, tri, at) {
                    if offer.start > at {
                        if !c.event(p, t, EventKind::WaitBed, place, EventDetail::None) {
                            return in_care(&mut c, p);
                        }
                        let until = mins(c.t0, offer.start);
                        let death = c.advance_to(until);
                        let end = death.map_or(offer.start, |d| c.t0 + (d * 60.0) as i64);
                        cap.book_holding(fi, p.id, c.last_time, end);
                        if let Some(d) = death {
                            return die(&mut c, p, d, death_kind(p));
                        }
                        t = t.max(until);
                        // Re-assessed when the bed frees: the wait's toll shows in the vitals
                        // and the triage, and the event ends the wait in the timeline.
                        let tri = c.vitals(p, vrng);
                        if !c.event(p, t, EventKind::Triage, place, EventDetail::Triage(tri)) {
                            return in_care(&mut c, p);
                        }
                        sent_triage = tri;
                    }
                    held.bed = Some((offer.resource, offer.start));
                }
            }
        }
        // Decide: return to duty from here, hold, or evacuate onwards.
        let next = chain.next_role(p.front, role);
        let minor = max_ais <= 2
            && !matches!(
                primary.def.pathology,
                Pathology::Fracture | Pathology::Spinal
            )
            && !c.threat.reserve.is_finite();
        let rtd_here = match (p.category, role_rank(role)) {
            (_, r) if r >= 3 => {
                max_ais <= 2
                    && !c.threat.reserve.is_finite()
                    && primary.def.pathology != Pathology::Spinal
            }
            // Forward return to duty of the wounded: 10–20 % in high-intensity war (Korea
            // 15.7 %), most of the minor wounded in counter-insurgency (calibration.md A, B).
            (Category::BattleInjury, _) => minor && rng.chance(if coin { 0.95 } else { 0.33 }),
            (_, 1) => minor && rng.chance(0.85),
            (_, _) => minor || (max_ais <= 2 && rng.chance(0.6)),
        } || next.is_none() && max_ais <= 3;
        // Late death risk after definitive care.
        if let Some(shock) = definitive_shock.take() {
            let risk = late_death_risk(p.iss, shock, coin, c.threat.pathology);
            if rng.chance(risk) {
                let at = t + rng.lognormal(if c.brain >= 4 { 2880.0 } else { 900.0 }, 1.0);
                c.threat = Threat {
                    reserve: 1.0,
                    used: 0.0,
                    rate: 1.0 / (at - t).max(1.0),
                    ..c.threat
                };
                c.clock = t;
            }
        }
        if rtd_here {
            let days = match role_rank(role) {
                1 => rng.range_f64(0.2, 2.5),
                2 => rng.range_f64(1.0, 3.0),
                _ => rng.range_f64(3.0, 10.0),
            };
            let at = t + days * 1440.0;
            if let Some(cap) = cap.as_deref_mut() {
                // A casualty returning to duty keeps the bed for observation, then convalesces
                // outside the bed pool.
                let keep = match role_rank(role) {
                    1 => 240.0,
                    2 => 1440.0,
                    // Convalescents leave the Role 3's acute beds after two days.
                    _ => 2880.0,
                };
                if keep < days * 1440.0 {
                    let until = c.t0 + ((t + keep) * 60.0).floor() as i64;
                    held.release_bed(cap, p.id, until.max(c.last_time));
                }
            }
            if let Some(d) = c.advance_to(at) {
                return die(&mut c, p, d, death_kind(p));
            }
            if c.event(p, at, EventKind::Rtd, place, EventDetail::None) {
                p.outcome = Outcome::Rtd;
            } else {
                p.outcome = Outcome::InCare;
            }
            return;
        }
        let Some(next_role) = next else {
            // Nowhere further to go: recover here.
            if let Some(d) = c.advance_to(t + 20_160.0) {
                return die(&mut c, p, d, death_kind(p));
            }
            return in_care(&mut c, p);
        };
        let dwell = match (role_rank(role), is_bi) {
            // Role 1 cannot operate: an urgent casualty whose bleeding or other threat is
            // still running leaves as soon as resuscitated, for the surgical role (NATO
            // 10-1-2: damage-control surgery within 2 h, domain.md).
            (1, _) if tri == Triage::T1 && c.threat.rate > 0.0 => rng.range_f64(10.0, 30.0),
            (1, _) => rng.range_f64(20.0, 90.0),
            // Role 2 has no neurosurgeon: a head injury whose threat still runs goes on to
            // Role 3 once damage control is done.
            (2, true) if c.threat.pathology == Pathology::Brain && c.threat.rate > 0.0 => {
                rng.range_f64(30.0, 120.0)
            }
            // Stabilisation missions with air superiority move the wounded on as soon as they
            // are stable: from Role 2 to Role 3 within hours of damage control, and out of
            // theatre by the next strategic flight a day or so later (calibration.md B, CCATT
            // series: ≥ 75 % at Role 4 within 2 days of injury).
            (2, true) if coin => rng.range_f64(120.0, 480.0),
            (2, true) => rng.range_f64(360.0, 1440.0),
            (2, false) => rng.range_f64(720.0, 2880.0),
            _ if coin => rng.range_f64(600.0, 1800.0),
            _ => rng.range_f64(1440.0, 3600.0),
        };
        let delay = if contested && role_rank(role) <= 2 && rng.chance(0.12) {
            rng.range_f64(180.0, 720.0)
        } else {
            0.0
        };
        let depart = t + dwell + delay;
        if let Some(d) = c.advance_to(depart) {
            return die(&mut c, p, d, death_kind(p));
        }
        let leg = match role {
            Role::R1 => 1,
            Role::R2 => 2,
            _ => 3,
        };
        let km = s.evacuation.legs[leg].distance_km;
        let strategic = leg == 3 || next_role == Role::R4;
        let mut extra = 0.0;
        let (mut tr, mut minutes) = if strategic {
            extra = rng.range_f64(120.0, 360.0);
            (Transport::StrategicAir, km / 750.0 * 60.0 + extra)
        } else if heli_ok && (tri == Triage::T1 || rng.chance(if contested { 0.1 } else { 0.4 })) {
            extra = rng.lognormal(20.0, 0.5);
            (Transport::Helicopter, km / 220.0 * 60.0 + extra)
        } else {
            (
                Transport::GroundAmbulance,
                (km / 40.0 * 60.0 + 10.0) * ground_factor,
            )
        };
        let mut depart = depart;
        if let Some(cap) = cap.as_deref_mut() {
            let ready = c.last_time.max(c.t0 + (depart * 60.0).floor() as i64);
            let origin = (1u64 << 40) | u64::from(place.facility.unwrap_or(u16::MAX));
            let flyable = |t: i64| next_flyable(t, air_grounded, contested);
            let kinds: &[AssetKind] = if strategic {
                &[
                    AssetKind::Bus,
                    AssetKind::Helicopter,
                    AssetKind::GroundAmbulance,
                ]
            } else if tr == Transport::Helicopter && tri == Triage::T1 {
                &[AssetKind::Helicopter, AssetKind::GroundAmbulance]
            } else if tr == Transport::Helicopter {
                &[AssetKind::GroundAmbulance, AssetKind::Helicopter]
            } else if tri >= Triage::T3 {
                &[AssetKind::GroundAmbulance, AssetKind::Bus]
            } else {
                &[AssetKind::GroundAmbulance]
            };
            let mut chosen: Option<Trip> = None;
            for &kind in kinds {
                // Helicopters are kept for urgent casualties (MEDEVAC precedence): a casualty
                // who is not urgent flies only when no ambulance can leave within the hour.
                if kind == AssetKind::Helicopter
                    && !strategic
                    && tri != Triage::T1
                    && chosen.is_some_and(|b| b.depart - ready <= 3600)
                {
                    continue;
                }
                let tr_s = |speed: f64| {
                    let m = if strategic {
                        // The scheduled flight replaces the drawn wait for a strategic slot.
                        km / speed * 60.0 + 30.0
                    } else if kind == AssetKind::Helicopter {
                        km / speed * 60.0 + extra
                    } else {
                        (km / speed * 60.0 + 10.0) * ground_factor
                    };
                    (m * 60.0) as i64
                };
                if let Some(t) = cap.trip_offer(p.front, leg, kind, ready, origin, &tr_s, &flyable)
                {
                    if chosen.is_none_or(|b| t.arrive < b.arrive) {
                        chosen = Some(t);
                    }
                }
            }
            if let Some(trip) = chosen {
                cap.book_trip(&trip, p.id, origin);
                if !strategic {
                    tr = trip.transport;
                }
                minutes = (trip.arrive - trip.depart) as f64 / 60.0;
                if trip.depart > ready {
                    if !c.event(
                        p,
                        depart,
                        EventKind::WaitTransport,
                        place,
                        EventDetail::Transport(tr),
                    ) {
                        return in_care(&mut c, p);
                    }
                    depart = mins(c.t0, trip.depart);
                    if let Some(d) = c.advance_to(depart) {
                        return die(&mut c, p, d, death_kind(p));
                    }
                }
            }
            let leave = c.t0 + (depart * 60.0).floor() as i64;
            held.release_bed(cap, p.id, leave.max(c.last_time));
        }
        if !c.event(
            p,
            depart,
            EventKind::TransitStart,
            place,
            EventDetail::Transport(tr),
        ) {
            return in_care(&mut c, p);
        }
        t = depart + minutes;
        arriving_by = tr;
        if let Some(d) = c.advance_to(t) {
            return die(&mut c, p, d, death_kind(p));
        }
        role = next_role;
    }
}

fn death_kind(p: &Patient) -> EventKind {
    if p.category == Category::BattleInjury {
        EventKind::Dow
    } else {
        EventKind::DiedDnbi
    }
}

fn die(c: &mut Course, p: &mut Patient, minutes: f64, kind: EventKind) {
    let kind = if kind == EventKind::Kia && p.category != Category::BattleInjury {
        EventKind::DiedDnbi
    } else {
        kind
    };
    if p.vitals.is_empty() {
        // Found dead or dying before any assessment.
        p.triage = Triage::T4;
    }
    if c.event(p, minutes, kind, c.place, EventDetail::None) {
        p.outcome = match kind {
            EventKind::Kia => Outcome::Kia,
            EventKind::Dow => Outcome::Dow,
            _ => Outcome::DiedDnbi,
        };
        p.last_place = c.place;
    } else {
        in_care(c, p);
    }
}

fn in_care(c: &mut Course, p: &mut Patient) {
    p.outcome = Outcome::InCare;
    p.last_place = c.place;
}

/// Where a casualty heading for `place` goes instead when that facility is saturated: its
/// beds would keep the casualty waiting longer than the triage allows, or its holding area is
/// full. Candidates are the other facilities of the same role serving the front and the next
/// role; the one offering a bed soonest (counting the extra distance) is chosen, if it is
/// sooner than waiting here. Returns the place and the extra distance in km.
#[allow(clippy::too_many_arguments)]
fn divert(
    cap: &Capacity,
    chain: &Chain,
    s: &Scenario,
    front: usize,
    place: Place,
    tri: Triage,
    t0: i64,
    t: f64,
) -> Option<(Place, f64)> {
    let fi = place.facility?;
    if !cap.has_beds(fi) {
        return None;
    }
    let at = t0 + (t * 60.0).floor() as i64;
    let here = cap.bed_offer(fi, tri, at)?.start;
    let wait = here - at;
    if wait <= divert_after_s(tri) && (wait == 0 || cap.holding_free(fi, at)) {
        return None;
    }
    let leg_in = match place.role {
        Role::R1 => 0,
        Role::R2 => 1,
        Role::R3 => 2,
        _ => 3,
    };
    // Ground speed for comparing options (the move itself uses the arriving transport).
    let per_km = 60.0 * 60.0 / 40.0;
    let mut best: Option<(Place, f64, i64)> = None;
    let mut consider = |cand: Place, km: f64| {
        let Some(f) = cand.facility else { return };
        if !cap.has_beds(f) {
            return;
        }
        let arrive = at + (km * per_km) as i64;
        if let Some(o) = cap.bed_offer(f, tri, arrive) {
            if o.start < here && best.is_none_or(|b| o.start < b.2) {
                best = Some((cand, km, o.start));
            }
        }
    };
    for (f, _) in &chain.by_front[front][place.role as usize] {
        if *f != fi {
            consider(
                Place {
                    role: place.role,
                    facility: Some(*f),
                },
                s.evacuation.legs[leg_in].distance_km * 0.5,
            );
        }
    }
    if let Some(next) = chain.next_role(front, place.role) {
        if next != Role::R4 {
            let list = &chain.by_front[front][next as usize];
            let km = s.evacuation.legs[(leg_in + 1).min(3)].distance_km;
            for (f, _) in list {
                consider(
                    Place {
                        role: next,
                        facility: Some(*f),
                    },
                    km,
                );
            }
        }
    }
    best.map(|b| (b.0, b.1))
}
