//! The validated scenario: typed values the engine can trust.

use crate::time::Date;

/// Injury category of a casualty.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Disease (DIS).
    Disease = 0,
    /// Non-battle injury (NBI).
    NonBattleInjury = 1,
    /// Battle injury (BI).
    BattleInjury = 2,
}

impl Category {
    /// All categories in the order used by distributions.
    pub const ALL: [Category; 3] = [
        Category::Disease,
        Category::NonBattleInjury,
        Category::BattleInjury,
    ];

    /// The predecessor's label ("Battle Injury" …).
    pub fn label(self) -> &'static str {
        match self {
            Category::Disease => "Disease",
            Category::NonBattleInjury => "Non-Battle Injury",
            Category::BattleInjury => "Battle Injury",
        }
    }

    /// Short code (DIS, NBI, BI).
    pub fn short(self) -> &'static str {
        match self {
            Category::Disease => "DIS",
            Category::NonBattleInjury => "NBI",
            Category::BattleInjury => "BI",
        }
    }
}

/// The eight warfare types; each has its own temporal pattern and injury profile.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum WarfareType {
    /// Sustained conventional combat.
    Conventional = 0,
    /// Indirect fire.
    Artillery = 1,
    /// Urban assault.
    Urban = 2,
    /// Ambushes and IEDs.
    Guerrilla = 3,
    /// Drone strikes.
    Drone = 4,
    /// Naval and amphibious.
    Naval = 5,
    /// Chemical, biological, radiological, nuclear release.
    Cbrn = 6,
    /// Peacekeeping / stabilisation.
    Peacekeeping = 7,
}

impl WarfareType {
    /// All types in their canonical order.
    pub const ALL: [WarfareType; 8] = [
        WarfareType::Conventional,
        WarfareType::Artillery,
        WarfareType::Urban,
        WarfareType::Guerrilla,
        WarfareType::Drone,
        WarfareType::Naval,
        WarfareType::Cbrn,
        WarfareType::Peacekeeping,
    ];

    /// The scenario key, also written as the record's `scenario` field.
    pub fn key(self) -> &'static str {
        match self {
            WarfareType::Conventional => "conventional",
            WarfareType::Artillery => "artillery",
            WarfareType::Urban => "urban",
            WarfareType::Guerrilla => "guerrilla",
            WarfareType::Drone => "drone",
            WarfareType::Naval => "naval",
            WarfareType::Cbrn => "cbrn",
            WarfareType::Peacekeeping => "peacekeeping",
        }
    }

    /// Parses a scenario key.
    pub fn from_key(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|w| w.key() == s)
    }

    /// One-line description for listings.
    pub fn description(self) -> &'static str {
        match self {
            WarfareType::Conventional => "sustained combat, dawn/dusk peaks, quieter nights",
            WarfareType::Artillery => "surges of indirect fire a few times a day; blast and fragments; high mass-casualty odds",
            WarfareType::Urban => "phased assaults; gunshot, blast and crush from debris",
            WarfareType::Guerrilla => "sporadic ambushes and IEDs at dawn and dusk",
            WarfareType::Drone => "1–4 precision strikes a day; small clusters; blast, fragments, burns",
            WarfareType::Naval => "amphibious waves; burns, immersion, blast",
            WarfareType::Cbrn => "one or few release events; delayed symptoms; chemical and radiological conditions",
            WarfareType::Peacekeeping => "low intensity, daytime incidents, crowd injuries, mostly DNBI",
        }
    }
}

/// Operational intensity: changes event frequency and mass-casualty odds, never the count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Intensity {
    /// Low.
    Low,
    /// Medium.
    Medium,
    /// High.
    High,
    /// Extreme.
    Extreme,
}

impl Intensity {
    /// Scenario key.
    pub fn key(self) -> &'static str {
        match self {
            Intensity::Low => "low",
            Intensity::Medium => "medium",
            Intensity::High => "high",
            Intensity::Extreme => "extreme",
        }
    }

    /// Parses a key.
    pub fn from_key(s: &str) -> Option<Self> {
        [Self::Low, Self::Medium, Self::High, Self::Extreme]
            .into_iter()
            .find(|i| i.key() == s)
    }

    /// Multiplier on the odds that an incident is a mass-casualty cluster.
    pub fn mass_casualty_factor(self) -> f64 {
        match self {
            Intensity::Low => 0.4,
            Intensity::Medium => 1.0,
            Intensity::High => 1.6,
            Intensity::Extreme => 2.5,
        }
    }
}

/// Named tempo profiles over the scenario's days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TempoProfile {
    /// Even load.
    Sustained,
    /// Rising load, last day three times the first.
    Escalating,
    /// A peak in the middle third.
    Surge,
    /// Falling load, first day three times the last.
    Declining,
    /// Alternating busy and quiet days.
    Intermittent,
}

impl TempoProfile {
    /// Scenario key.
    pub fn key(self) -> &'static str {
        match self {
            TempoProfile::Sustained => "sustained",
            TempoProfile::Escalating => "escalating",
            TempoProfile::Surge => "surge",
            TempoProfile::Declining => "declining",
            TempoProfile::Intermittent => "intermittent",
        }
    }

    /// Parses a key.
    pub fn from_key(s: &str) -> Option<Self> {
        [
            Self::Sustained,
            Self::Escalating,
            Self::Surge,
            Self::Declining,
            Self::Intermittent,
        ]
        .into_iter()
        .find(|t| t.key() == s)
    }
}

/// How casualties spread over the days.
#[derive(Debug, Clone, PartialEq)]
pub enum Tempo {
    /// A named profile, defined for any number of days.
    Profile(TempoProfile),
    /// Explicit daily weights; repeated cyclically when shorter than the scenario.
    Custom(Vec<f64>),
}

impl Tempo {
    /// The weight of each day (length `days`). See docs/scenario.md for the rules.
    pub fn daily_weights(&self, days: u32) -> Vec<f64> {
        let n = days.max(1) as usize;
        let pos = |d: usize| {
            if n == 1 {
                0.5
            } else {
                d as f64 / (n - 1) as f64
            }
        };
        (0..n)
            .map(|d| match self {
                Tempo::Profile(TempoProfile::Sustained) => 1.0,
                Tempo::Profile(TempoProfile::Escalating) => 1.0 + 2.0 * pos(d),
                Tempo::Profile(TempoProfile::Declining) => 3.0 - 2.0 * pos(d),
                Tempo::Profile(TempoProfile::Surge) => {
                    let x = (pos(d) - 0.5) / 0.18;
                    0.6 + 2.4 * (-0.5 * x * x).exp()
                }
                Tempo::Profile(TempoProfile::Intermittent) => {
                    if d % 2 == 0 {
                        1.6
                    } else {
                        0.4
                    }
                }
                Tempo::Custom(w) => w[d % w.len()],
            })
            .collect()
    }
}

/// Special events that add visible clusters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SpecialEventKind {
    /// A major offensive: several days of heavier fighting.
    MajorOffensive,
    /// An ambush: a small, sudden cluster.
    Ambush,
    /// A mass-casualty incident.
    MassCasualty,
}

impl SpecialEventKind {
    /// Scenario key.
    pub fn key(self) -> &'static str {
        match self {
            SpecialEventKind::MajorOffensive => "major_offensive",
            SpecialEventKind::Ambush => "ambush",
            SpecialEventKind::MassCasualty => "mass_casualty",
        }
    }

    /// Parses a key.
    pub fn from_key(s: &str) -> Option<Self> {
        [Self::MajorOffensive, Self::Ambush, Self::MassCasualty]
            .into_iter()
            .find(|k| k.key() == s)
    }
}

/// An explicit special event, honoured exactly.
#[derive(Debug, Clone, PartialEq)]
pub struct ExplicitEvent {
    /// Kind.
    pub kind: SpecialEventKind,
    /// Day 1-based.
    pub day: u32,
    /// Hour of day 0–23.
    pub hour: u32,
    /// Casualties in the event.
    pub size: u64,
    /// Warfare type whose injury profile the casualties get (default: the dominant active type).
    pub warfare: Option<WarfareType>,
}

/// Switches and explicit events.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SpecialEvents {
    /// Random major offensives on.
    pub major_offensive: bool,
    /// Random ambushes on.
    pub ambush: bool,
    /// Random mass-casualty incidents on.
    pub mass_casualty: bool,
    /// Explicit events.
    pub explicit: Vec<ExplicitEvent>,
}

/// Environmental conditions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Environment {
    /// Rain.
    Rain = 0,
    /// Fog.
    Fog = 1,
    /// Storm.
    Storm = 2,
    /// Extreme heat.
    ExtremeHeat = 3,
    /// Extreme cold.
    ExtremeCold = 4,
    /// Dust storm.
    DustStorm = 5,
    /// Night operations.
    NightOperations = 6,
    /// Mountainous terrain.
    MountainousTerrain = 7,
    /// Urban debris.
    UrbanDebris = 8,
}

impl Environment {
    /// All conditions in canonical order.
    pub const ALL: [Environment; 9] = [
        Environment::Rain,
        Environment::Fog,
        Environment::Storm,
        Environment::ExtremeHeat,
        Environment::ExtremeCold,
        Environment::DustStorm,
        Environment::NightOperations,
        Environment::MountainousTerrain,
        Environment::UrbanDebris,
    ];

    /// Scenario key.
    pub fn key(self) -> &'static str {
        match self {
            Environment::Rain => "rain",
            Environment::Fog => "fog",
            Environment::Storm => "storm",
            Environment::ExtremeHeat => "extreme_heat",
            Environment::ExtremeCold => "extreme_cold",
            Environment::DustStorm => "dust_storm",
            Environment::NightOperations => "night_operations",
            Environment::MountainousTerrain => "mountainous_terrain",
            Environment::UrbanDebris => "urban_debris",
        }
    }

    /// Parses a key.
    pub fn from_key(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|e| e.key() == s)
    }
}

/// A set of environmental conditions (bit set, canonical order).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EnvironmentSet(pub u16);

impl EnvironmentSet {
    /// Whether `e` is active.
    pub fn has(self, e: Environment) -> bool {
        self.0 & (1 << e as u16) != 0
    }

    /// Adds `e`.
    pub fn insert(&mut self, e: Environment) {
        self.0 |= 1 << e as u16;
    }

    /// Active conditions in canonical order.
    pub fn iter(self) -> impl Iterator<Item = Environment> {
        Environment::ALL.into_iter().filter(move |e| self.has(*e))
    }
}

/// NATO role of care.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Role {
    /// Point of injury.
    Poi = 0,
    /// Role 1.
    R1 = 1,
    /// Role 2.
    R2 = 2,
    /// Role 3.
    R3 = 3,
    /// Casualty staging unit (before strategic evacuation).
    Csu = 4,
    /// Role 4.
    R4 = 5,
}

impl Role {
    /// Short code used in output ("POI", "R1" …).
    pub fn code(self) -> &'static str {
        match self {
            Role::Poi => "POI",
            Role::R1 => "R1",
            Role::R2 => "R2",
            Role::R3 => "R3",
            Role::Csu => "CSU",
            Role::R4 => "R4",
        }
    }

    /// Parses "POI", "R1"…"R4", "Role1"…"Role4", "Role 1"…"Role 4", "CSU" (case-insensitive).
    pub fn parse(s: &str) -> Option<Self> {
        let t: String = s
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '_' && *c != '-')
            .collect::<String>()
            .to_ascii_uppercase();
        match t.as_str() {
            "POI" => Some(Role::Poi),
            "R1" | "ROLE1" => Some(Role::R1),
            "R2" | "ROLE2" | "R2B" | "R2E" | "ROLE2B" | "ROLE2E" => Some(Role::R2),
            "R3" | "ROLE3" => Some(Role::R3),
            "R4" | "ROLE4" => Some(Role::R4),
            "CSU" => Some(Role::Csu),
            _ => None,
        }
    }
}

/// Beds per triage class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Beds {
    /// Beds for T1.
    pub t1: u32,
    /// Beds for T2.
    pub t2: u32,
    /// Beds for T3.
    pub t3: u32,
}

/// One facility (or a group of identical ones) in the chain of care.
#[derive(Debug, Clone, PartialEq)]
pub struct Facility {
    /// Identifier written in records.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Role of care.
    pub role: Role,
    /// Index into [`Scenario::fronts`], or `None` when the facility serves every front.
    pub front: Option<usize>,
    /// Number of identical facilities.
    pub count: u32,
    /// Beds per triage class.
    pub beds: Beds,
    /// Operating tables.
    pub operating_tables: u32,
    /// Litters in the reception/holding area where casualties wait for a bed (per facility of
    /// the group). Used only with [`CapacityModel::Limited`].
    pub holding: u32,
    /// Predecessor calibration override: share of its arrivals that die.
    pub kia_rate: Option<f64>,
    /// Predecessor calibration override: share of its arrivals returned to duty.
    pub rtd_rate: Option<f64>,
}

/// A front (area of operations).
#[derive(Debug, Clone, PartialEq)]
pub struct Front {
    /// Identifier.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Share of all casualties (normalised over fronts).
    pub share: f64,
    /// `(index into nations::NATIONS, share 0–1)`, shares summing to 1.
    pub nations: Vec<(usize, f64)>,
}

/// Kinds of evacuation asset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AssetKind {
    /// Ground ambulance.
    GroundAmbulance,
    /// Helicopter.
    Helicopter,
    /// Bus.
    Bus,
}

/// Evacuation asset group on one leg.
#[derive(Debug, Clone, PartialEq)]
pub struct Asset {
    /// Kind.
    pub kind: AssetKind,
    /// How many.
    pub count: u32,
    /// Litter/seat capacity per trip.
    pub capacity: u32,
    /// Cruise speed in km/h.
    pub speed_kmh: f64,
}

/// Legs of the evacuation chain.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Leg {
    /// POI → Role 1.
    PoiR1 = 0,
    /// Role 1 → Role 2.
    R1R2 = 1,
    /// Role 2 → Role 3.
    R2R3 = 2,
    /// Role 3 → Role 4 (strategic).
    R3R4 = 3,
}

impl Leg {
    /// All legs.
    pub const ALL: [Leg; 4] = [Leg::PoiR1, Leg::R1R2, Leg::R2R3, Leg::R3R4];

    /// Scenario key.
    pub fn key(self) -> &'static str {
        match self {
            Leg::PoiR1 => "poi_r1",
            Leg::R1R2 => "r1_r2",
            Leg::R2R3 => "r2_r3",
            Leg::R3R4 => "r3_r4",
        }
    }
}

/// One leg: distance and assets.
#[derive(Debug, Clone, PartialEq)]
pub struct LegConfig {
    /// Distance in km.
    pub distance_km: f64,
    /// Assets serving the leg.
    pub assets: Vec<Asset>,
}

/// Evacuation configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct Evacuation {
    /// Whether friendly forces hold the air (golden-hour helicopter evacuation); contested air
    /// delays and limits forward air evacuation.
    pub air_superiority: bool,
    /// Legs in order [`Leg::ALL`].
    pub legs: [LegConfig; 4],
}

/// Whether beds, operating tables and evacuation assets are shared and finite.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CapacityModel {
    /// Every casualty finds a bed, a table and a vehicle when needed (independent patients;
    /// the default, and the model of every earlier version).
    #[default]
    Unlimited,
    /// Casualties queue for the facilities' beds, tables and holding and for the legs'
    /// vehicles, in order of injury; saturated facilities divert (docs/capacity.md).
    Limited,
    /// As `Limited`, with the configured chain multiplied as a medical planner would deploy
    /// it for the scenario's casualty estimate: each configured unit is designed for
    /// [`PLANNED_DAILY_LOAD`] casualties a day of its front (docs/capacity.md).
    Planned,
}

/// Casualties a day that one configured chain (the default brigade chain of a front) is
/// designed for, in the `planned` capacity model.
pub const PLANNED_DAILY_LOAD: f64 = 40.0;

impl CapacityModel {
    /// Scenario key.
    pub fn key(self) -> &'static str {
        match self {
            CapacityModel::Unlimited => "unlimited",
            CapacityModel::Limited => "limited",
            CapacityModel::Planned => "planned",
        }
    }
}

/// Optional demographic overrides.
#[derive(Debug, Clone, PartialEq)]
pub struct Demographics {
    /// Share of women; `None` uses each nation's published share.
    pub female_share: Option<f64>,
    /// Youngest age.
    pub min_age: u32,
    /// Oldest age.
    pub max_age: u32,
}

/// A validated, normalised scenario.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Label.
    pub name: String,
    /// Free text.
    pub description: String,
    /// Exact number of patients.
    pub total_patients: u64,
    /// Length in days (1–365).
    pub days: u32,
    /// Day 1.
    pub base_date: Date,
    /// Seconds after midnight UTC of day 1 at which the scenario starts.
    pub start_offset_s: u32,
    /// Fronts (≥ 1), shares summing to 1.
    pub fronts: Vec<Front>,
    /// The chain of care.
    pub facilities: Vec<Facility>,
    /// Evacuation assets and distances.
    pub evacuation: Evacuation,
    /// Shared finite capacity or independent patients.
    pub capacity: CapacityModel,
    /// Category shares `[DIS, NBI, BI]` summing to 1.
    pub injury_mix: [f64; 3],
    /// Warfare-type weights in [`WarfareType::ALL`] order (≥ 1 positive).
    pub warfare: [f64; 8],
    /// Intensity.
    pub intensity: Intensity,
    /// Tempo.
    pub tempo: Tempo,
    /// Special events.
    pub special_events: SpecialEvents,
    /// Environmental conditions.
    pub environment: EnvironmentSet,
    /// Demographic overrides.
    pub demographics: Demographics,
    /// Random seed.
    pub seed: u64,
}

impl Scenario {
    /// Midnight UTC of day 1 plus the start offset, in seconds since the epoch.
    pub fn start_time(&self) -> i64 {
        self.base_date.midnight() + i64::from(self.start_offset_s)
    }

    /// The end of the scenario (start plus `days` × 24 h), in seconds since the epoch.
    pub fn end_time(&self) -> i64 {
        self.start_time() + i64::from(self.days) * 86_400
    }

    /// Active warfare types with their weights.
    pub fn active_warfare(&self) -> impl Iterator<Item = (WarfareType, f64)> + '_ {
        WarfareType::ALL
            .into_iter()
            .zip(self.warfare)
            .filter(|(_, w)| *w > 0.0)
    }
}
