//! Parsing scenario JSON (the predecessor's field names and aliases included) into a
//! [`Scenario`], with errors that name the field path.

use std::collections::BTreeMap;

use serde::Deserialize;
use serde_json::Value;

use super::model::*;
use crate::error::{Error, FieldError};
use crate::nations;
use crate::time::Date;

/// Bounds on input sizes (strings and arrays), so hostile input cannot balloon memory.
pub mod limits {
    /// Longest name/label.
    pub const NAME_LEN: usize = 200;
    /// Longest description.
    pub const DESCRIPTION_LEN: usize = 4000;
    /// Longest identifier.
    pub const ID_LEN: usize = 64;
    /// Most fronts.
    pub const FRONTS: usize = 32;
    /// Most nations per front.
    pub const NATIONS_PER_FRONT: usize = 64;
    /// Most facilities.
    pub const FACILITIES: usize = 256;
    /// Most explicit special events.
    pub const EXPLICIT_EVENTS: usize = 1000;
    /// Most custom tempo weights.
    pub const TEMPO_WEIGHTS: usize = 365;
    /// Most days.
    pub const DAYS: u32 = 365;
}

/// The result of parsing: the scenario and warnings about accepted legacy keys.
#[derive(Debug, Clone)]
pub struct Parsed {
    /// The validated scenario.
    pub scenario: Scenario,
    /// Human-readable warnings (legacy keys accepted, mapped or ignored).
    pub warnings: Vec<String>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct RawScenario {
    name: Option<String>,
    description: Option<String>,
    #[serde(alias = "count")]
    total_patients: Option<Value>,
    days_of_fighting: Option<Value>,
    base_date: Option<String>,
    start_time: Option<String>,
    front_configs: Option<Vec<RawFront>>,
    facility_configs: Option<Vec<RawFacility>>,
    evacuation: Option<RawEvacuation>,
    capacity: Option<String>,
    #[serde(alias = "injury_mix")]
    injury_distribution: Option<BTreeMap<String, f64>>,
    warfare_types: Option<RawWarfare>,
    intensity: Option<String>,
    tempo: Option<RawTempo>,
    special_events: Option<RawSpecialEvents>,
    environmental_conditions: Option<RawEnvironment>,
    demographics: Option<RawDemographics>,
    seed: Option<u64>,
    // Predecessor keys: accepted with a warning (its server ignored them).
    medical_simulation: Option<Value>,
    advanced_overrides: Option<Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFront {
    id: Option<String>,
    name: Option<String>,
    casualty_rate: Option<f64>,
    nationality_distribution: Option<Vec<RawNationShare>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawNationShare {
    nationality_code: String,
    percentage: f64,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFacility {
    id: Option<String>,
    name: Option<String>,
    role: String,
    front_id: Option<String>,
    count: Option<u32>,
    beds: Option<RawBeds>,
    operating_tables: Option<u32>,
    holding: Option<u32>,
    kia_rate: Option<f64>,
    rtd_rate: Option<f64>,
    // Predecessor keys.
    capacity: Option<u32>,
    nationality: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBeds {
    #[serde(rename = "T1", alias = "t1")]
    t1: Option<u32>,
    #[serde(rename = "T2", alias = "t2")]
    t2: Option<u32>,
    #[serde(rename = "T3", alias = "t3")]
    t3: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvacuation {
    air_superiority: Option<bool>,
    legs: Option<BTreeMap<String, RawLeg>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLeg {
    distance_km: Option<f64>,
    assets: Option<Vec<RawAsset>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAsset {
    kind: String,
    count: u32,
    capacity: Option<u32>,
    speed_kmh: Option<f64>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawWarfare {
    Map(BTreeMap<String, BoolOrWeight>),
    List(Vec<String>),
}

#[derive(Deserialize, Clone, Copy)]
#[serde(untagged)]
enum BoolOrWeight {
    Bool(bool),
    Weight(f64),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawTempo {
    Named(String),
    Weights(Vec<f64>),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawSpecialEvents {
    Switches(RawSpecialSwitches),
    List(Vec<RawExplicitEvent>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpecialSwitches {
    major_offensive: Option<bool>,
    ambush: Option<bool>,
    mass_casualty: Option<bool>,
    events: Option<Vec<RawExplicitEvent>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawExplicitEvent {
    #[serde(rename = "type")]
    kind: String,
    day: u32,
    hour: Option<u32>,
    size: u64,
    warfare_type: Option<String>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum RawEnvironment {
    Map(BTreeMap<String, bool>),
    List(Vec<String>),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDemographics {
    female_share: Option<f64>,
    min_age: Option<u32>,
    max_age: Option<u32>,
}

/// Parses a scenario from JSON text.
pub fn parse_str(json: &str) -> Result<Parsed, Error> {
    // serde would accept a struct written as an array; a scenario is always an object.
    match json.trim_start().as_bytes().first() {
        Some(b'{') => {}
        None => return Err(Error::one("", "empty input: a scenario is a JSON object")),
        Some(_) => {
            return Err(match serde_json::from_str::<Value>(json) {
                Err(e) => Error::one("", format!("invalid JSON: {e}")),
                Ok(_) => Error::one("", "a scenario must be a JSON object"),
            })
        }
    }
    let mut de = serde_json::Deserializer::from_str(json);
    let raw: RawScenario = serde_path_to_error::deserialize(&mut de).map_err(json_error)?;
    de.end()
        .map_err(|e| Error::one("", format!("invalid JSON: {e}")))?;
    from_raw(raw)
}

/// Parses a scenario from an already-decoded JSON value (the API's `configuration`).
pub fn parse_value(value: &Value) -> Result<Parsed, Error> {
    if !value.is_object() {
        return Err(Error::one("", "a scenario must be a JSON object"));
    }
    let raw: RawScenario = serde_path_to_error::deserialize(value).map_err(json_error)?;
    from_raw(raw)
}

fn json_error(e: serde_path_to_error::Error<serde_json::Error>) -> Error {
    let path = e.path().to_string();
    let inner = e.into_inner();
    // A syntax error has no meaningful field path ("?" or "."): report the position only.
    let path = if inner.is_syntax() || inner.is_eof() || path == "?" {
        String::new()
    } else {
        path
    };
    let msg = inner.to_string();
    // serde's "data did not match any variant of untagged enum X" says nothing useful.
    let msg = if msg.contains("untagged enum") {
        "has the wrong shape (see docs/scenario.md)".to_string()
    } else if msg.contains("expected value") || inner.is_syntax() || inner.is_eof() {
        format!("invalid JSON: {msg}")
    } else {
        msg
    };
    Error::one(if path == "." { "" } else { &path }, msg)
}

struct Ctx {
    errors: Vec<FieldError>,
    warnings: Vec<String>,
}

impl Ctx {
    fn err(&mut self, path: impl Into<String>, msg: impl Into<String>) {
        self.errors.push(FieldError {
            path: path.into(),
            message: msg.into(),
        });
    }

    fn bounded(&mut self, path: &str, s: &str, max: usize) {
        if s.chars().count() > max {
            self.err(path, format!("is longer than {max} characters"));
        }
        if s.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
            self.err(path, "contains control characters");
        }
    }
}

fn count_value(ctx: &mut Ctx, path: &str, v: &Value) -> Option<u64> {
    match v {
        Value::Number(n) => {
            if let Some(u) = n.as_u64() {
                if u == 0 {
                    ctx.err(path, "must be at least 1");
                    None
                } else {
                    Some(u)
                }
            } else if n.as_i64().is_some() {
                ctx.err(path, format!("must be at least 1, got {n}"));
                None
            } else {
                ctx.err(path, format!("must be a whole number, got {n}"));
                None
            }
        }
        other => {
            ctx.err(path, format!("must be a whole number, got {}", kind(other)));
            None
        }
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// The default fronts: those of the predecessor's default request (Poland, Estonia, Finland).
fn default_fronts() -> Vec<Front> {
    let idx = |c: &str| nations::nation_index(c).unwrap_or(0);
    vec![
        Front {
            id: "poland".into(),
            name: "Poland".into(),
            share: 0.6,
            nations: vec![
                (idx("POL"), 0.5),
                (idx("LTU"), 0.25),
                (idx("NLD"), 0.2),
                (idx("ESP"), 0.05),
            ],
        },
        Front {
            id: "estonia".into(),
            name: "Estonia".into(),
            share: 0.3,
            nations: vec![(idx("EST"), 0.5), (idx("GBR"), 0.5)],
        },
        Front {
            id: "finland".into(),
            name: "Finland".into(),
            share: 0.1,
            nations: vec![(idx("FIN"), 0.5), (idx("USA"), 0.5)],
        },
    ]
}

/// Default beds and tables per role (a brigade-sized chain; see docs/scenario.md).
pub fn default_beds(role: Role) -> (Beds, u32) {
    match role {
        Role::Poi => (
            Beds {
                t1: 0,
                t2: 0,
                t3: 0,
            },
            0,
        ),
        Role::R1 => (
            Beds {
                t1: 2,
                t2: 4,
                t3: 10,
            },
            0,
        ),
        Role::R2 => (
            Beds {
                t1: 4,
                t2: 10,
                t3: 20,
            },
            2,
        ),
        Role::R3 => (
            Beds {
                t1: 20,
                t2: 50,
                t3: 80,
            },
            6,
        ),
        Role::Csu => (
            Beds {
                t1: 5,
                t2: 10,
                t3: 20,
            },
            0,
        ),
        Role::R4 => (
            Beds {
                t1: 100,
                t2: 200,
                t3: 300,
            },
            20,
        ),
    }
}

/// The default chain: per front a Role 1 group and a Role 2; one shared Role 3 and Role 4.
fn default_facilities(fronts: &[Front]) -> Vec<Facility> {
    let mut out = Vec::new();
    for (role, count) in [(Role::R1, 3), (Role::R2, 1)] {
        for (i, f) in fronts.iter().enumerate() {
            let (beds, tables) = default_beds(role);
            out.push(Facility {
                id: format!("{}_{}", role.code().to_ascii_lowercase(), f.id),
                name: format!("{} {}", role_name(role), f.name),
                role,
                front: Some(i),
                count,
                beds,
                operating_tables: tables,
                holding: default_holding(role),
                kia_rate: None,
                rtd_rate: None,
            });
        }
    }
    for role in [Role::R3, Role::R4] {
        let (beds, tables) = default_beds(role);
        out.push(Facility {
            id: role.code().to_ascii_lowercase(),
            name: role_name(role).to_string(),
            role,
            front: None,
            count: 1,
            beds,
            operating_tables: tables,
            holding: default_holding(role),
            kia_rate: None,
            rtd_rate: None,
        });
    }
    out
}

/// Default litters in the reception/holding area per role.
pub fn default_holding(role: Role) -> u32 {
    match role {
        Role::Poi => 0,
        Role::R1 => 6,
        Role::R2 => 12,
        Role::R3 => 30,
        Role::Csu => 40,
        Role::R4 => 100,
    }
}

fn role_name(role: Role) -> &'static str {
    match role {
        Role::Poi => "Point of injury",
        Role::R1 => "Role 1",
        Role::R2 => "Role 2",
        Role::R3 => "Role 3",
        Role::Csu => "Casualty staging unit",
        Role::R4 => "Role 4",
    }
}

/// Default evacuation: doctrine-like distances and assets for a brigade.
pub fn default_evacuation() -> Evacuation {
    let amb = |count| Asset {
        kind: AssetKind::GroundAmbulance,
        count,
        capacity: 4,
        speed_kmh: 40.0,
    };
    let helo = |count| Asset {
        kind: AssetKind::Helicopter,
        count,
        capacity: 4,
        speed_kmh: 220.0,
    };
    Evacuation {
        air_superiority: true,
        legs: [
            LegConfig {
                distance_km: 8.0,
                assets: vec![amb(6)],
            },
            LegConfig {
                distance_km: 30.0,
                assets: vec![amb(4), helo(2)],
            },
            LegConfig {
                distance_km: 80.0,
                assets: vec![amb(4), helo(2)],
            },
            LegConfig {
                distance_km: 2000.0,
                assets: vec![Asset {
                    kind: AssetKind::Bus,
                    count: 1,
                    capacity: 30,
                    speed_kmh: 750.0,
                }],
            },
        ],
    }
}

fn from_raw(raw: RawScenario) -> Result<Parsed, Error> {
    let mut ctx = Ctx {
        errors: Vec::new(),
        warnings: Vec::new(),
    };

    let name = raw.name.unwrap_or_else(|| "Scenario".to_string());
    ctx.bounded("name", &name, limits::NAME_LEN);
    let description = raw.description.unwrap_or_default();
    ctx.bounded("description", &description, limits::DESCRIPTION_LEN);

    let total_patients = match &raw.total_patients {
        Some(v) => count_value(&mut ctx, "total_patients", v).unwrap_or(1),
        None => 1000,
    };

    let days = match &raw.days_of_fighting {
        Some(v) => match count_value(&mut ctx, "days_of_fighting", v) {
            Some(d) if d > u64::from(limits::DAYS) => {
                ctx.err(
                    "days_of_fighting",
                    format!("must be 1 … {}, got {d}", limits::DAYS),
                );
                1
            }
            Some(d) => d as u32,
            None => 1,
        },
        None => 8,
    };

    let base_date = match &raw.base_date {
        Some(s) => match Date::parse(s) {
            Some(d) if (1900..=2200).contains(&d.year) => d,
            _ => {
                ctx.err(
                    "base_date",
                    format!("must be an ISO date YYYY-MM-DD between 1900 and 2200, got {s:?}"),
                );
                Date {
                    year: 2025,
                    month: 6,
                    day: 1,
                }
            }
        },
        None => Date {
            year: 2025,
            month: 6,
            day: 1,
        },
    };

    let start_offset_s = match &raw.start_time {
        None => 0,
        Some(s) => match parse_hhmm(s) {
            Some(v) => v,
            None => {
                ctx.err(
                    "start_time",
                    format!("must be HH:MM or HH:MM:SS (UTC), got {s:?}"),
                );
                0
            }
        },
    };

    // Fronts.
    let fronts = match raw.front_configs {
        None => default_fronts(),
        Some(list) => parse_fronts(&mut ctx, list),
    };

    // Facilities.
    let facilities = match raw.facility_configs {
        None => default_facilities(&fronts),
        Some(list) => parse_facilities(&mut ctx, list, &fronts),
    };

    let evacuation = match raw.evacuation {
        None => default_evacuation(),
        Some(e) => parse_evacuation(&mut ctx, e),
    };

    let capacity = match raw
        .capacity
        .as_deref()
        .map(str::to_ascii_lowercase)
        .as_deref()
    {
        None | Some("unlimited") => CapacityModel::Unlimited,
        Some("limited") => CapacityModel::Limited,
        Some("planned") => CapacityModel::Planned,
        Some(other) => {
            ctx.err(
                "capacity",
                format!("unknown value {other:?}; expected unlimited, limited or planned"),
            );
            CapacityModel::Unlimited
        }
    };

    let injury_mix = match raw.injury_distribution {
        None => [0.25, 0.20, 0.55],
        Some(map) => parse_injury_mix(&mut ctx, map),
    };

    let warfare = match raw.warfare_types {
        None => {
            let mut w = [0.0; 8];
            w[WarfareType::Conventional as usize] = 1.0;
            w[WarfareType::Artillery as usize] = 1.0;
            w
        }
        Some(w) => parse_warfare(&mut ctx, w),
    };

    let intensity = match raw.intensity {
        None => Intensity::Medium,
        Some(s) => Intensity::from_key(&s.to_ascii_lowercase()).unwrap_or_else(|| {
            ctx.err(
                "intensity",
                format!("unknown value {s:?}; expected low, medium, high or extreme"),
            );
            Intensity::Medium
        }),
    };

    let tempo = match raw.tempo {
        None => Tempo::Profile(TempoProfile::Sustained),
        Some(RawTempo::Named(s)) => match TempoProfile::from_key(&s.to_ascii_lowercase()) {
            Some(p) => Tempo::Profile(p),
            None => {
                ctx.err("tempo", format!("unknown value {s:?}; expected sustained, escalating, surge, declining, intermittent or a list of daily weights"));
                Tempo::Profile(TempoProfile::Sustained)
            }
        },
        Some(RawTempo::Weights(w)) => {
            if w.is_empty() || w.len() > limits::TEMPO_WEIGHTS {
                ctx.err(
                    "tempo",
                    format!(
                        "a custom tempo needs 1 … {} daily weights",
                        limits::TEMPO_WEIGHTS
                    ),
                );
            } else if w.iter().any(|x| !x.is_finite() || *x < 0.0) {
                ctx.err("tempo", "daily weights must be finite and ≥ 0");
            } else if w.iter().all(|x| *x == 0.0) {
                ctx.err("tempo", "at least one daily weight must be positive");
            }
            Tempo::Custom(if w.is_empty() { vec![1.0] } else { w })
        }
    };
    if let Tempo::Custom(w) = &tempo {
        // A day whose weight is zero gets no casualties; but every cycle must carry some.
        let weights = tempo.daily_weights(days);
        if weights.iter().all(|x| *x <= 0.0) && !w.is_empty() {
            ctx.err(
                "tempo",
                "the daily weights give no casualties in the scenario's days",
            );
        }
    }

    let special_events = match raw.special_events {
        None => SpecialEvents::default(),
        Some(RawSpecialEvents::Switches(s)) => {
            let explicit = parse_explicit(
                &mut ctx,
                s.events.unwrap_or_default(),
                "special_events.events",
                days,
            );
            SpecialEvents {
                major_offensive: s.major_offensive.unwrap_or(false),
                ambush: s.ambush.unwrap_or(false),
                mass_casualty: s.mass_casualty.unwrap_or(false),
                explicit,
            }
        }
        Some(RawSpecialEvents::List(list)) => SpecialEvents {
            explicit: parse_explicit(&mut ctx, list, "special_events", days),
            ..SpecialEvents::default()
        },
    };
    let explicit_total: u64 = special_events.explicit.iter().map(|e| e.size).sum();
    if explicit_total > total_patients {
        ctx.err(
            "special_events",
            format!("explicit events hold {explicit_total} casualties, more than total_patients ({total_patients})"),
        );
    }

    let environment = match raw.environmental_conditions {
        None => EnvironmentSet::default(),
        Some(e) => parse_environment(&mut ctx, e),
    };

    let demographics = match raw.demographics {
        None => Demographics {
            female_share: None,
            min_age: 18,
            max_age: 60,
        },
        Some(d) => {
            let min_age = d.min_age.unwrap_or(18);
            let max_age = d.max_age.unwrap_or(60);
            if !(17..=70).contains(&min_age) {
                ctx.err("demographics.min_age", "must be 17 … 70");
            }
            if !(17..=70).contains(&max_age) || max_age < min_age {
                ctx.err("demographics.max_age", "must be 17 … 70 and ≥ min_age");
            }
            if let Some(f) = d.female_share {
                if !(0.0..=1.0).contains(&f) {
                    ctx.err("demographics.female_share", "must be a fraction 0 … 1");
                }
            }
            Demographics {
                female_share: d.female_share,
                min_age,
                max_age,
            }
        }
    };

    if raw.medical_simulation.is_some() {
        ctx.warnings.push("medical_simulation: accepted for compatibility and ignored; the clinical course is always simulated".into());
    }
    if raw.advanced_overrides.is_some() {
        ctx.warnings
            .push("advanced_overrides: accepted for compatibility and ignored".into());
    }

    if !ctx.errors.is_empty() {
        return Err(Error::InvalidScenario(ctx.errors));
    }
    Ok(Parsed {
        scenario: Scenario {
            name,
            description,
            total_patients,
            days,
            base_date,
            start_offset_s,
            fronts,
            facilities,
            evacuation,
            capacity,
            injury_mix,
            warfare,
            intensity,
            tempo,
            special_events,
            environment,
            demographics,
            seed: raw.seed.unwrap_or(42),
        },
        warnings: ctx.warnings,
    })
}

/// `HH:MM` or `HH:MM:SS` (the hour may have one digit) to seconds after midnight; anything
/// else is `None`.
fn parse_hhmm(s: &str) -> Option<u32> {
    let digits = |part: &str, widths: std::ops::RangeInclusive<usize>, max: u32| -> Option<u32> {
        let b = part.as_bytes();
        if !widths.contains(&b.len()) || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let v = b.iter().fold(0, |acc, d| acc * 10 + u32::from(d - b'0'));
        (v < max).then_some(v)
    };
    let mut parts = s.split(':');
    let h = digits(parts.next()?, 1..=2, 24)?;
    let m = digits(parts.next()?, 2..=2, 60)?;
    let sec = match parts.next() {
        None => 0,
        Some(p) => digits(p, 2..=2, 60)?,
    };
    parts.next().is_none().then_some(h * 3600 + m * 60 + sec)
}

fn parse_fronts(ctx: &mut Ctx, list: Vec<RawFront>) -> Vec<Front> {
    if list.is_empty() {
        ctx.err("front_configs", "needs at least one front");
    }
    if list.len() > limits::FRONTS {
        ctx.err(
            "front_configs",
            format!("at most {} fronts", limits::FRONTS),
        );
    }
    let mut fronts = Vec::new();
    let mut rate_sum = 0.0;
    for (i, f) in list.into_iter().enumerate().take(limits::FRONTS) {
        let p = format!("front_configs[{i}]");
        let id = f.id.unwrap_or_else(|| format!("front_{}", i + 1));
        ctx.bounded(&format!("{p}.id"), &id, limits::ID_LEN);
        if fronts.iter().any(|x: &Front| x.id == id) {
            ctx.err(format!("{p}.id"), format!("duplicate front id {id:?}"));
        }
        let name = f.name.unwrap_or_else(|| id.clone());
        ctx.bounded(&format!("{p}.name"), &name, limits::NAME_LEN);
        let rate = f.casualty_rate.unwrap_or(1.0);
        if !rate.is_finite() || rate <= 0.0 {
            ctx.err(
                format!("{p}.casualty_rate"),
                format!("must be > 0, got {rate}"),
            );
        }
        rate_sum += rate.max(0.0);
        let mut nations = Vec::new();
        match f.nationality_distribution {
            None => ctx.err(format!("{p}.nationality_distribution"), "is required"),
            Some(dist) => {
                if dist.is_empty() {
                    ctx.err(
                        format!("{p}.nationality_distribution"),
                        "needs at least one nation",
                    );
                }
                if dist.len() > limits::NATIONS_PER_FRONT {
                    ctx.err(
                        format!("{p}.nationality_distribution"),
                        format!("at most {} nations", limits::NATIONS_PER_FRONT),
                    );
                }
                let mut sum = 0.0;
                for (j, n) in dist.iter().enumerate() {
                    let q = format!("{p}.nationality_distribution[{j}]");
                    if !n.percentage.is_finite() || n.percentage < 0.0 {
                        ctx.err(format!("{q}.percentage"), "must be ≥ 0");
                        continue;
                    }
                    sum += n.percentage;
                    match nations::nation_index(&n.nationality_code) {
                        Some(idx) => {
                            if nations.iter().any(|(x, _)| *x == idx) {
                                ctx.err(format!("{q}.nationality_code"), format!("{} listed twice", n.nationality_code));
                            }
                            nations.push((idx, n.percentage));
                        }
                        None => ctx.err(
                            format!("{q}.nationality_code"),
                            format!("unknown nation {:?}; see `milmed presets` docs or /api/v1/configurations/reference/nationalities/", n.nationality_code),
                        ),
                    }
                }
                if !dist.is_empty() && (sum - 100.0).abs() > 0.01 {
                    ctx.err(
                        format!("{p}.nationality_distribution"),
                        format!("percentages sum to {}, expected 100", trim_float(sum)),
                    );
                }
                let total: f64 = nations.iter().map(|(_, s)| *s).sum();
                if total > 0.0 {
                    for n in &mut nations {
                        n.1 /= total;
                    }
                }
            }
        }
        fronts.push(Front {
            id,
            name,
            share: rate,
            nations,
        });
    }
    if rate_sum > 0.0 {
        for f in &mut fronts {
            f.share /= rate_sum;
        }
    }
    fronts
}

fn trim_float(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

fn parse_facilities(ctx: &mut Ctx, list: Vec<RawFacility>, fronts: &[Front]) -> Vec<Facility> {
    if list.len() > limits::FACILITIES {
        ctx.err(
            "facility_configs",
            format!("at most {} facilities", limits::FACILITIES),
        );
    }
    let mut out: Vec<Facility> = Vec::new();
    for (i, f) in list.into_iter().enumerate().take(limits::FACILITIES) {
        let p = format!("facility_configs[{i}]");
        let Some(role) = Role::parse(&f.role) else {
            ctx.err(format!("{p}.role"), format!("unknown role {:?}; expected POI, R1…R4, Role1…Role4, \"Role 1\"…\"Role 4\" or CSU", f.role));
            continue;
        };
        let id = f.id.unwrap_or_else(|| format!("facility_{}", i + 1));
        ctx.bounded(&format!("{p}.id"), &id, limits::ID_LEN);
        if out.iter().any(|x| x.id == id) {
            ctx.err(format!("{p}.id"), format!("duplicate facility id {id:?}"));
        }
        let name = f.name.unwrap_or_else(|| id.clone());
        ctx.bounded(&format!("{p}.name"), &name, limits::NAME_LEN);
        let front = match &f.front_id {
            None => None,
            Some(fid) => match fronts.iter().position(|x| &x.id == fid) {
                Some(k) => Some(k),
                None => {
                    ctx.err(format!("{p}.front_id"), format!("no front with id {fid:?}"));
                    None
                }
            },
        };
        let (default_beds, default_tables) = default_beds(role);
        let mut beds = match &f.beds {
            None => default_beds,
            Some(b) => Beds {
                t1: b.t1.unwrap_or(default_beds.t1),
                t2: b.t2.unwrap_or(default_beds.t2),
                t3: b.t3.unwrap_or(default_beds.t3),
            },
        };
        if let Some(cap) = f.capacity {
            if f.beds.is_none() {
                // Predecessor facilities had one capacity number; split it like the defaults.
                let t1 = cap / 8;
                let t2 = cap * 3 / 10;
                beds = Beds {
                    t1,
                    t2,
                    t3: cap - t1 - t2,
                };
                ctx.warnings.push(format!(
                    "{p}.capacity: legacy key, mapped to beds {{T1: {t1}, T2: {}, T3: {}}}",
                    beds.t2, beds.t3
                ));
            } else {
                ctx.warnings.push(format!(
                    "{p}.capacity: legacy key ignored because beds is given"
                ));
            }
        }
        if let Some(n) = &f.nationality {
            if nations::nation_index(n).is_none() {
                ctx.err(format!("{p}.nationality"), format!("unknown nation {n:?}"));
            } else {
                ctx.warnings.push(format!(
                    "{p}.nationality: legacy key accepted; facilities are not nation-specific"
                ));
            }
        }
        let count = f.count.unwrap_or(1);
        if count == 0 || count > 1000 {
            ctx.err(format!("{p}.count"), "must be 1 … 1000");
        }
        for (key, rate) in [("kia_rate", f.kia_rate), ("rtd_rate", f.rtd_rate)] {
            if let Some(r) = rate {
                if !(0.0..=1.0).contains(&r) {
                    ctx.err(
                        format!("{p}.{key}"),
                        format!("must be a fraction 0 … 1, got {r}"),
                    );
                }
            }
        }
        out.push(Facility {
            id,
            name,
            role,
            front,
            count: count.max(1),
            beds,
            operating_tables: f.operating_tables.unwrap_or(default_tables),
            holding: f.holding.unwrap_or_else(|| default_holding(role)),
            kia_rate: f.kia_rate,
            rtd_rate: f.rtd_rate,
        });
    }
    out.sort_by_key(|f| f.role);
    out
}

fn parse_evacuation(ctx: &mut Ctx, raw: RawEvacuation) -> Evacuation {
    let mut evac = default_evacuation();
    if let Some(a) = raw.air_superiority {
        evac.air_superiority = a;
    }
    for (key, leg) in raw.legs.unwrap_or_default() {
        let p = format!("evacuation.legs.{key}");
        let Some(l) = Leg::ALL.into_iter().find(|l| l.key() == key) else {
            ctx.err(p, "unknown leg; expected poi_r1, r1_r2, r2_r3 or r3_r4");
            continue;
        };
        let cfg = &mut evac.legs[l as usize];
        if let Some(d) = leg.distance_km {
            if !d.is_finite() || d <= 0.0 || d > 20_000.0 {
                ctx.err(format!("{p}.distance_km"), "must be > 0 and ≤ 20000");
            } else {
                cfg.distance_km = d;
            }
        }
        if let Some(assets) = leg.assets {
            let mut parsed = Vec::new();
            for (i, a) in assets.iter().enumerate() {
                let q = format!("{p}.assets[{i}]");
                let (kind, cap, speed) = match a.kind.as_str() {
                    "ground_ambulance" => (AssetKind::GroundAmbulance, 4, 40.0),
                    "helicopter" => (AssetKind::Helicopter, 4, 220.0),
                    "bus" => (AssetKind::Bus, 20, 50.0),
                    other => {
                        ctx.err(format!("{q}.kind"), format!("unknown asset {other:?}; expected ground_ambulance, helicopter or bus"));
                        continue;
                    }
                };
                let speed_kmh = a.speed_kmh.unwrap_or(speed);
                if !speed_kmh.is_finite() || speed_kmh <= 0.0 || speed_kmh > 1000.0 {
                    ctx.err(format!("{q}.speed_kmh"), "must be > 0 and ≤ 1000");
                }
                parsed.push(Asset {
                    kind,
                    count: a.count,
                    capacity: a.capacity.unwrap_or(cap).max(1),
                    speed_kmh,
                });
            }
            cfg.assets = parsed;
        }
    }
    evac
}

fn parse_injury_mix(ctx: &mut Ctx, map: BTreeMap<String, f64>) -> [f64; 3] {
    let mut mix = [0.0; 3];
    let mut seen = [false; 3];
    for (k, v) in &map {
        let idx = match k.as_str() {
            "Disease" | "disease" | "DIS" => 0,
            "Non-Battle Injury" | "non_battle_injury" | "NBI" => 1,
            "Battle Injury" | "battle_injury" | "BI" => 2,
            _ => {
                ctx.err(
                    format!("injury_distribution.{k}"),
                    "unknown category; expected \"Disease\", \"Non-Battle Injury\", \"Battle Injury\"",
                );
                continue;
            }
        };
        if seen[idx] {
            ctx.err(format!("injury_distribution.{k}"), "category given twice");
        }
        seen[idx] = true;
        if !v.is_finite() || *v < 0.0 {
            ctx.err(format!("injury_distribution.{k}"), "must be ≥ 0");
        }
        mix[idx] = *v;
    }
    let sum: f64 = mix.iter().sum();
    if (sum - 1.0).abs() <= 1e-6 {
        mix
    } else if (sum - 100.0).abs() <= 0.01 {
        mix.map(|x| x / 100.0)
    } else {
        ctx.err(
            "injury_distribution",
            format!(
                "shares sum to {}, expected 1 (fractions) or 100 (percentages)",
                trim_float(sum)
            ),
        );
        [0.25, 0.2, 0.55]
    }
}

fn parse_warfare(ctx: &mut Ctx, raw: RawWarfare) -> [f64; 8] {
    let mut w = [0.0; 8];
    match raw {
        RawWarfare::Map(map) => {
            for (k, v) in map {
                let Some(t) = WarfareType::from_key(&k) else {
                    ctx.err(format!("warfare_types.{k}"), "unknown warfare type; expected conventional, artillery, urban, guerrilla, drone, naval, cbrn or peacekeeping");
                    continue;
                };
                w[t as usize] = match v {
                    BoolOrWeight::Bool(true) => 1.0,
                    BoolOrWeight::Bool(false) => 0.0,
                    BoolOrWeight::Weight(x) => {
                        if !x.is_finite() || x < 0.0 {
                            ctx.err(format!("warfare_types.{k}"), "weight must be ≥ 0");
                            0.0
                        } else {
                            x
                        }
                    }
                };
            }
        }
        RawWarfare::List(list) => {
            for (i, k) in list.iter().enumerate() {
                match WarfareType::from_key(k) {
                    Some(t) => w[t as usize] = 1.0,
                    None => ctx.err(
                        format!("warfare_types[{i}]"),
                        format!("unknown warfare type {k:?}"),
                    ),
                }
            }
        }
    }
    if w.iter().all(|x| *x <= 0.0) {
        ctx.err("warfare_types", "at least one warfare type must be active");
    }
    w
}

fn parse_explicit(
    ctx: &mut Ctx,
    list: Vec<RawExplicitEvent>,
    path: &str,
    days: u32,
) -> Vec<ExplicitEvent> {
    if list.len() > limits::EXPLICIT_EVENTS {
        ctx.err(
            path,
            format!("at most {} explicit events", limits::EXPLICIT_EVENTS),
        );
    }
    let mut out = Vec::new();
    for (i, e) in list.into_iter().enumerate().take(limits::EXPLICIT_EVENTS) {
        let p = format!("{path}[{i}]");
        let Some(kind) = SpecialEventKind::from_key(&e.kind) else {
            ctx.err(
                format!("{p}.type"),
                format!(
                    "unknown event type {:?}; expected major_offensive, ambush or mass_casualty",
                    e.kind
                ),
            );
            continue;
        };
        if e.day == 0 || e.day > days {
            ctx.err(
                format!("{p}.day"),
                format!("must be 1 … {days} (days_of_fighting)"),
            );
        }
        let hour = e.hour.unwrap_or(12);
        if hour > 23 {
            ctx.err(format!("{p}.hour"), "must be 0 … 23");
        }
        if e.size == 0 {
            ctx.err(format!("{p}.size"), "must be at least 1");
        }
        let warfare = match &e.warfare_type {
            None => None,
            Some(k) => match WarfareType::from_key(k) {
                Some(t) => Some(t),
                None => {
                    ctx.err(
                        format!("{p}.warfare_type"),
                        format!("unknown warfare type {k:?}"),
                    );
                    None
                }
            },
        };
        out.push(ExplicitEvent {
            kind,
            day: e.day,
            hour,
            size: e.size,
            warfare,
        });
    }
    out
}

fn parse_environment(ctx: &mut Ctx, raw: RawEnvironment) -> EnvironmentSet {
    let mut set = EnvironmentSet::default();
    let mut apply = |ctx: &mut Ctx, key: &str, path: String, on: bool| {
        let mapped = match key {
            "extreme_weather" => Some((Environment::Storm, true)),
            "urban_environment" => Some((Environment::UrbanDebris, true)),
            _ => Environment::from_key(key).map(|e| (e, false)),
        };
        match mapped {
            Some((e, legacy)) => {
                if legacy {
                    ctx.warnings.push(format!("{path}: legacy key mapped to {}", e.key()));
                }
                if on {
                    set.insert(e);
                }
            }
            None => ctx.err(path, "unknown environmental condition; expected rain, fog, storm, extreme_heat, extreme_cold, dust_storm, night_operations, mountainous_terrain or urban_debris"),
        }
    };
    match raw {
        RawEnvironment::Map(map) => {
            for (k, on) in map {
                apply(ctx, &k, format!("environmental_conditions.{k}"), on);
            }
        }
        RawEnvironment::List(list) => {
            for (i, k) in list.iter().enumerate() {
                apply(ctx, k, format!("environmental_conditions[{i}]"), true);
            }
        }
    }
    set
}
