//! One casualty record, as the engine fills it. Writers turn it into bytes.
//!
//! A `Patient` is reused from one casualty to the next (its vectors keep their capacity), so
//! generating a record allocates nothing in the steady state.

use crate::catalog::{ConditionDef, Mechanism, ProcedureDef, Region};
use crate::scenario::{Category, EnvironmentSet, Role, SpecialEventKind, WarfareType};
use crate::time::Date;

/// NATO triage category (a project-local code system; no SNOMED CT concept exists).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Triage {
    /// Immediate.
    T1 = 1,
    /// Delayed.
    T2 = 2,
    /// Minimal.
    T3 = 3,
    /// Expectant.
    T4 = 4,
}

impl Triage {
    /// All categories.
    pub const ALL: [Triage; 4] = [Triage::T1, Triage::T2, Triage::T3, Triage::T4];

    /// Code "T1" … "T4".
    pub fn code(self) -> &'static str {
        match self {
            Triage::T1 => "T1",
            Triage::T2 => "T2",
            Triage::T3 => "T3",
            Triage::T4 => "T4",
        }
    }

    /// NATO name.
    pub fn name(self) -> &'static str {
        match self {
            Triage::T1 => "Immediate",
            Triage::T2 => "Delayed",
            Triage::T3 => "Minimal",
            Triage::T4 => "Expectant",
        }
    }
}

/// How a casualty's course ends (or that it has not ended when the scenario does).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// Killed in action: died before reaching a medical treatment facility.
    Kia,
    /// Died of wounds after reaching a facility.
    Dow,
    /// Death from disease or non-battle injury.
    DiedDnbi,
    /// Returned to duty.
    Rtd,
    /// Strategically evacuated to Role 4.
    EvacuatedR4,
    /// Still in care when the scenario ends.
    InCare,
}

impl Outcome {
    /// All outcomes.
    pub const ALL: [Outcome; 6] = [
        Outcome::Kia,
        Outcome::Dow,
        Outcome::DiedDnbi,
        Outcome::Rtd,
        Outcome::EvacuatedR4,
        Outcome::InCare,
    ];

    /// `final_status` value.
    pub fn code(self) -> &'static str {
        match self {
            Outcome::Kia => "KIA",
            Outcome::Dow => "DOW",
            Outcome::DiedDnbi => "DIED_DNBI",
            Outcome::Rtd => "RTD",
            Outcome::EvacuatedR4 => "EVACUATED_R4",
            Outcome::InCare => "IN_CARE",
        }
    }

    /// `status` value: where the casualty stands when the record ends.
    pub fn status(self) -> &'static str {
        match self {
            Outcome::Kia | Outcome::Dow | Outcome::DiedDnbi => "deceased",
            Outcome::Rtd => "returned_to_duty",
            Outcome::EvacuatedR4 => "evacuated",
            Outcome::InCare => "in_care",
        }
    }

    /// Whether the outcome is a death.
    pub fn is_death(self) -> bool {
        matches!(self, Outcome::Kia | Outcome::Dow | Outcome::DiedDnbi)
    }

    /// Parses a `final_status` value.
    pub fn from_code(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|o| o.code() == s)
    }
}

/// Where something happened: the point of injury, a configured facility, or Role 4 at home.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Place {
    /// Role of care.
    pub role: Role,
    /// Index into `Scenario::facilities`, if the place is a configured facility.
    pub facility: Option<u16>,
}

impl Place {
    /// The point of injury.
    pub const POI: Place = Place {
        role: Role::Poi,
        facility: None,
    };
}

/// Kind of timeline event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum EventKind {
    /// Wounding / onset at the point of injury.
    Injury,
    /// Arrival at a facility.
    Arrival,
    /// Triage (category in the event).
    Triage,
    /// A treatment (procedure in the event).
    Treatment,
    /// Departure for the next role.
    TransitStart,
    /// End of a transit (immediately followed by an arrival).
    TransitEnd,
    /// Killed in action.
    Kia,
    /// Died of wounds.
    Dow,
    /// Died of disease / non-battle injury.
    DiedDnbi,
    /// Returned to duty.
    Rtd,
    /// Strategic evacuation to Role 4 completed.
    EvacuatedR4,
    /// Started waiting for a bed (limited capacity); the wait ends with the next event.
    WaitBed,
    /// Started waiting for an operating table (limited capacity).
    WaitSurgery,
    /// Started waiting for an evacuation vehicle (limited capacity); the transport kind
    /// is the detail.
    WaitTransport,
    /// Turned away by a saturated facility (the event's place) and sent on to another.
    Diverted,
}

impl EventKind {
    /// `event_type` value.
    pub fn code(self) -> &'static str {
        match self {
            EventKind::Injury => "injury",
            EventKind::Arrival => "arrival",
            EventKind::Triage => "triage",
            EventKind::Treatment => "treatment",
            EventKind::TransitStart => "transit_start",
            EventKind::TransitEnd => "transit_end",
            EventKind::Kia => "kia",
            EventKind::Dow => "dow",
            EventKind::DiedDnbi => "died_dnbi",
            EventKind::Rtd => "rtd",
            EventKind::EvacuatedR4 => "evacuated_r4",
            EventKind::WaitBed => "wait_bed",
            EventKind::WaitSurgery => "wait_surgery",
            EventKind::WaitTransport => "wait_transport",
            EventKind::Diverted => "diverted",
        }
    }

    /// Every kind, in declaration order.
    pub const ALL: [EventKind; 15] = [
        EventKind::Injury,
        EventKind::Arrival,
        EventKind::Triage,
        EventKind::Treatment,
        EventKind::TransitStart,
        EventKind::TransitEnd,
        EventKind::Kia,
        EventKind::Dow,
        EventKind::DiedDnbi,
        EventKind::Rtd,
        EventKind::EvacuatedR4,
        EventKind::WaitBed,
        EventKind::WaitSurgery,
        EventKind::WaitTransport,
        EventKind::Diverted,
    ];

    /// The kind of an `event_type` value.
    pub fn from_code(code: &str) -> Option<Self> {
        EventKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the event ends the course.
    pub fn is_outcome(self) -> bool {
        matches!(
            self,
            EventKind::Kia
                | EventKind::Dow
                | EventKind::DiedDnbi
                | EventKind::Rtd
                | EventKind::EvacuatedR4
        )
    }
}

/// Evacuation asset used for a transit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Transport {
    /// Carried / walked.
    OnFoot,
    /// Ground ambulance.
    GroundAmbulance,
    /// Helicopter.
    Helicopter,
    /// Strategic aeromedical flight.
    StrategicAir,
}

impl Transport {
    /// Output key.
    pub fn key(self) -> &'static str {
        match self {
            Transport::OnFoot => "litter_carry",
            Transport::GroundAmbulance => "ground_ambulance",
            Transport::Helicopter => "helicopter",
            Transport::StrategicAir => "strategic_air",
        }
    }
}

/// Extra data of an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EventDetail {
    /// Nothing extra.
    None,
    /// Triage category.
    Triage(Triage),
    /// Procedure performed.
    Procedure(&'static ProcedureDef),
    /// Asset used.
    Transport(Transport),
}

/// One timeline event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimelineEvent {
    /// Kind.
    pub kind: EventKind,
    /// Where.
    pub place: Place,
    /// When (seconds since the epoch, UTC).
    pub time: i64,
    /// Extra data.
    pub detail: EventDetail,
}

/// A condition of the casualty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Condition {
    /// Concept.
    pub def: &'static ConditionDef,
    /// Body region.
    pub region: Region,
    /// Mechanism.
    pub mechanism: Mechanism,
}

/// A set of vital signs measured at one assessment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Vitals {
    /// When.
    pub time: i64,
    /// Where.
    pub place: Place,
    /// Heart rate /min.
    pub heart_rate: u16,
    /// Respiratory rate /min.
    pub respiratory_rate: u16,
    /// Systolic blood pressure mm[Hg].
    pub systolic: u16,
    /// Diastolic blood pressure mm[Hg].
    pub diastolic: u16,
    /// SpO2 %.
    pub spo2: u16,
    /// Temperature in tenths of °C.
    pub temperature_dc: i16,
    /// Glasgow coma score 3–15.
    pub gcs: u8,
    /// Pain 0–10.
    pub pain: u8,
}

/// A treatment given.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Treatment {
    /// Procedure.
    pub def: &'static ProcedureDef,
    /// Where.
    pub place: Place,
    /// When.
    pub time: i64,
}

/// ABO/RhD blood group.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BloodGroup {
    /// O+.
    OPos,
    /// A+.
    APos,
    /// B+.
    BPos,
    /// AB+.
    AbPos,
    /// O−.
    ONeg,
    /// A−.
    ANeg,
    /// B−.
    BNeg,
    /// AB−.
    AbNeg,
}

impl BloodGroup {
    /// In the column order of `blood-groups.csv`.
    pub const ALL: [BloodGroup; 8] = [
        BloodGroup::OPos,
        BloodGroup::APos,
        BloodGroup::BPos,
        BloodGroup::AbPos,
        BloodGroup::ONeg,
        BloodGroup::ANeg,
        BloodGroup::BNeg,
        BloodGroup::AbNeg,
    ];

    /// Label such as "A+".
    pub fn label(self) -> &'static str {
        match self {
            BloodGroup::OPos => "O+",
            BloodGroup::APos => "A+",
            BloodGroup::BPos => "B+",
            BloodGroup::AbPos => "AB+",
            BloodGroup::ONeg => "O-",
            BloodGroup::ANeg => "A-",
            BloodGroup::BNeg => "B-",
            BloodGroup::AbNeg => "AB-",
        }
    }

    /// SNOMED CT "Blood group X Rh(D) pos/neg" concept (eHDSI value set).
    pub fn snomed(self) -> (&'static str, &'static str) {
        match self {
            BloodGroup::OPos => ("278147001", "Blood group O Rh(D) positive"),
            BloodGroup::APos => ("278149003", "Blood group A Rh(D) positive"),
            BloodGroup::BPos => ("278150003", "Blood group B Rh(D) positive"),
            BloodGroup::AbPos => ("278151004", "Blood group AB Rh(D) positive"),
            BloodGroup::ONeg => ("278148006", "Blood group O Rh(D) negative"),
            BloodGroup::ANeg => ("278152006", "Blood group A Rh(D) negative"),
            BloodGroup::BNeg => ("278153001", "Blood group B Rh(D) negative"),
            BloodGroup::AbNeg => ("278154007", "Blood group AB Rh(D) negative"),
        }
    }
}

/// The person.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    /// Index into `nations::NATIONS`.
    pub nation: usize,
    /// Female.
    pub female: bool,
    /// Given name.
    pub given_name: &'static str,
    /// Family name (feminine form where the language has one).
    pub family_name: String,
    /// Date of birth.
    pub birth_date: Date,
    /// Age on the day of injury.
    pub age: u32,
    /// National identification number.
    pub id_number: String,
    /// Service number.
    pub service_number: String,
    /// NATO rank code (STANAG 2116).
    pub rank: &'static str,
    /// Unit.
    pub unit: String,
    /// Blood group.
    pub blood_group: BloodGroup,
    /// Weight in kg.
    pub weight_kg: u16,
    /// Height in cm.
    pub height_cm: u16,
}

/// One casualty.
#[derive(Debug, Clone, PartialEq)]
pub struct Patient {
    /// 0 … N−1 in time order.
    pub id: u64,
    /// Index into `Scenario::fronts`.
    pub front: usize,
    /// The person.
    pub person: Person,
    /// Category.
    pub category: Category,
    /// Warfare type of the incident.
    pub warfare: WarfareType,
    /// Incident id (derived from the seed).
    pub event_id: u64,
    /// Part of a mass-casualty cluster.
    pub mass_casualty: bool,
    /// Special event the casualty belongs to.
    pub special_event: Option<SpecialEventKind>,
    /// Day of the scenario (1-based).
    pub day: u32,
    /// Injury / onset time.
    pub injury_time: i64,
    /// Active environmental conditions.
    pub environment: EnvironmentSet,
    /// Primary condition first, then related ones.
    pub conditions: Vec<Condition>,
    /// Injury Severity Score (1–75).
    pub iss: u8,
    /// Triage at first medical contact (or at the point of injury for KIA).
    pub triage: Triage,
    /// Vital signs at each assessment.
    pub vitals: Vec<Vitals>,
    /// Treatments.
    pub treatments: Vec<Treatment>,
    /// Timeline, strictly ordered in time.
    pub timeline: Vec<TimelineEvent>,
    /// Outcome.
    pub outcome: Outcome,
    /// Where the record ends.
    pub last_place: Place,
    /// Time of the first surgery, if any.
    pub first_surgery: Option<i64>,
}

impl Patient {
    /// An empty record to be filled by the engine.
    pub fn empty() -> Self {
        Patient {
            id: 0,
            front: 0,
            person: Person {
                nation: 0,
                female: false,
                given_name: "",
                family_name: String::with_capacity(32),
                birth_date: Date {
                    year: 2000,
                    month: 1,
                    day: 1,
                },
                age: 0,
                id_number: String::with_capacity(24),
                service_number: String::with_capacity(16),
                rank: "",
                unit: String::with_capacity(40),
                blood_group: BloodGroup::OPos,
                weight_kg: 0,
                height_cm: 0,
            },
            category: Category::Disease,
            warfare: WarfareType::Conventional,
            event_id: 0,
            mass_casualty: false,
            special_event: None,
            day: 1,
            injury_time: 0,
            environment: EnvironmentSet::default(),
            conditions: Vec::with_capacity(6),
            iss: 0,
            triage: Triage::T3,
            vitals: Vec::with_capacity(8),
            treatments: Vec::with_capacity(16),
            timeline: Vec::with_capacity(32),
            outcome: Outcome::InCare,
            last_place: Place::POI,
            first_surgery: None,
        }
    }

    /// Primary condition.
    pub fn primary(&self) -> Option<&Condition> {
        self.conditions.first()
    }
}
