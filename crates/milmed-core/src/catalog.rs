//! The clinical vocabulary the generator uses: SNOMED CT conditions and procedures, LOINC
//! observations, each a row of the project's verified tables in `data/` (copied with their
//! sources from the shared reference). A test checks every code and display against those
//! tables and every SNOMED CT identifier against its Verhoeff check digit.

/// Body region of a wound or condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Region {
    /// Head (brain, skull).
    Head,
    /// Face and eyes.
    Face,
    /// Neck.
    Neck,
    /// Thorax.
    Thorax,
    /// Abdomen.
    Abdomen,
    /// Pelvis.
    Pelvis,
    /// Spine.
    Spine,
    /// Upper limb.
    UpperLimb,
    /// Lower limb.
    LowerLimb,
    /// Whole body / systemic.
    Systemic,
    /// Several regions.
    Multiple,
}

impl Region {
    /// All regions.
    pub const ALL: [Region; 11] = [
        Region::Head,
        Region::Face,
        Region::Neck,
        Region::Thorax,
        Region::Abdomen,
        Region::Pelvis,
        Region::Spine,
        Region::UpperLimb,
        Region::LowerLimb,
        Region::Systemic,
        Region::Multiple,
    ];

    /// Output key.
    pub fn key(self) -> &'static str {
        match self {
            Region::Head => "head",
            Region::Face => "face",
            Region::Neck => "neck",
            Region::Thorax => "thorax",
            Region::Abdomen => "abdomen",
            Region::Pelvis => "pelvis",
            Region::Spine => "spine",
            Region::UpperLimb => "upper_limb",
            Region::LowerLimb => "lower_limb",
            Region::Systemic => "systemic",
            Region::Multiple => "multiple",
        }
    }

    /// Whether the region is a limb (calibration: "extremity wounds").
    pub fn is_extremity(self) -> bool {
        matches!(self, Region::UpperLimb | Region::LowerLimb)
    }

    /// SNOMED CT body-structure code for FHIR `bodySite`, where the verified table has one.
    pub fn body_site(self) -> Option<(&'static str, &'static str)> {
        match self {
            Region::Face => Some(("89545001", "Face structure (body structure)")),
            Region::Thorax => Some((
                "67734004",
                "Structure of thoracic segment of trunk (body structure)",
            )),
            Region::Abdomen => Some(("302553009", "Entire abdomen")),
            Region::Pelvis => Some(("12921003", "Structure of pelvis (body structure)")),
            Region::UpperLimb => Some(("53120007", "Upper limb structure (body structure)")),
            Region::LowerLimb => Some(("61685007", "Lower limb structure (body structure)")),
            _ => None,
        }
    }
}

/// Mechanism of injury or illness.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mechanism {
    /// Gunshot.
    Gunshot,
    /// Blast.
    Explosive,
    /// Fragments / shrapnel.
    Fragment,
    /// Burn.
    Burn,
    /// Blunt force.
    Blunt,
    /// Fall.
    Fall,
    /// Vehicle.
    Vehicle,
    /// Heat, cold, immersion.
    Environmental,
    /// Infection.
    Infection,
    /// Psychological.
    Psychological,
    /// Chemical agent.
    Chemical,
    /// Radiation.
    Radiological,
    /// Other (sports, tools, non-infectious illness).
    Other,
}

impl Mechanism {
    /// All mechanisms.
    pub const ALL: [Mechanism; 13] = [
        Mechanism::Gunshot,
        Mechanism::Explosive,
        Mechanism::Fragment,
        Mechanism::Burn,
        Mechanism::Blunt,
        Mechanism::Fall,
        Mechanism::Vehicle,
        Mechanism::Environmental,
        Mechanism::Infection,
        Mechanism::Psychological,
        Mechanism::Chemical,
        Mechanism::Radiological,
        Mechanism::Other,
    ];

    /// Output key.
    pub fn key(self) -> &'static str {
        match self {
            Mechanism::Gunshot => "gunshot",
            Mechanism::Explosive => "explosive",
            Mechanism::Fragment => "fragment",
            Mechanism::Burn => "burn",
            Mechanism::Blunt => "blunt",
            Mechanism::Fall => "fall",
            Mechanism::Vehicle => "vehicle",
            Mechanism::Environmental => "environmental",
            Mechanism::Infection => "infection",
            Mechanism::Psychological => "psychological",
            Mechanism::Chemical => "chemical",
            Mechanism::Radiological => "radiological",
            Mechanism::Other => "other",
        }
    }

    /// Explosive or fragment (calibration: "explosive mechanism").
    pub fn is_explosive(self) -> bool {
        matches!(self, Mechanism::Explosive | Mechanism::Fragment)
    }
}

/// What a condition does to the body; drives physiology and the treatments it needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pathology {
    /// Compressible (limb) bleeding: a tourniquet stops it.
    LimbBleed,
    /// Non-compressible torso bleeding: needs surgery.
    TorsoBleed,
    /// Airway compromise.
    Airway,
    /// Breathing (pneumothorax, flail chest).
    Breathing,
    /// Brain injury.
    Brain,
    /// Spinal injury.
    Spinal,
    /// Fracture without major bleeding.
    Fracture,
    /// Soft-tissue wound.
    Wound,
    /// Burn.
    Burn,
    /// Minor musculoskeletal injury.
    Minor,
    /// Cold injury.
    Cold,
    /// Heat injury.
    Heat,
    /// Infection treated with antibiotics.
    Bacterial,
    /// Self-limiting illness.
    Illness,
    /// Severe systemic illness.
    Systemic,
    /// Psychological.
    Psych,
    /// Chemical poisoning / exposure.
    Toxic,
    /// Radiation exposure.
    Radiation,
}

/// A SNOMED CT condition the generator can emit.
#[derive(Debug, PartialEq, Eq)]
pub struct ConditionDef {
    /// SNOMED CT concept id.
    pub code: &'static str,
    /// Display from the verified table.
    pub display: &'static str,
    /// The region the concept implies, or `None` for region-generic wounds whose region is
    /// chosen separately (and written as `body_region`).
    pub region: Option<Region>,
    /// Physiological effect.
    pub pathology: Pathology,
    /// Typical AIS (1 minor … 6 unsurvivable).
    pub ais: u8,
}

macro_rules! cond {
    ($name:ident, $code:literal, $display:literal, $region:expr, $path:ident, $ais:literal) => {
        #[doc = $display]
        pub const $name: ConditionDef = ConditionDef {
            code: $code,
            display: $display,
            region: $region,
            pathology: Pathology::$path,
            ais: $ais,
        };
    };
}

use Region as R;

/// Conditions.
pub mod conditions {
    use super::*;
    cond!(GUNSHOT_WOUND, "283545005", "Gunshot wound", None, Wound, 3);
    cond!(
        PENETRATING_WOUND,
        "262560006",
        "Penetrating wound",
        None,
        Wound,
        3
    );
    cond!(OPEN_WOUND, "125643001", "Open wound", None, Wound, 2);
    cond!(FOREIGN_BODY, "125670008", "Foreign body", None, Wound, 1);
    cond!(
        PENETRATING_NECK,
        "428152007",
        "Penetrating wound of neck",
        Some(R::Neck),
        Airway,
        4
    );
    cond!(
        PUNCTURE_ABDOMEN_FB,
        "733372006",
        "Puncture wound of abdomen with foreign body",
        Some(R::Abdomen),
        TorsoBleed,
        4
    );
    cond!(
        PUNCTURE_ABDOMEN,
        "283526001",
        "Puncture wound of abdomen",
        Some(R::Abdomen),
        TorsoBleed,
        3
    );
    cond!(
        PUNCTURE_THIGH_FB,
        "733271001",
        "Puncture wound of thigh with foreign body",
        Some(R::LowerLimb),
        LimbBleed,
        2
    );
    cond!(
        PUNCTURE_ARM_FB,
        "733400001",
        "Puncture wound of upper arm with foreign body",
        Some(R::UpperLimb),
        LimbBleed,
        2
    );
    cond!(
        TRAUMATIC_AMPUTATION,
        "262595009",
        "Traumatic amputation",
        None,
        LimbBleed,
        4
    );
    cond!(
        AMPUTATION_BELOW_KNEE,
        "699875007",
        "Traumatic amputation at level between knee and ankle",
        Some(R::LowerLimb),
        LimbBleed,
        4
    );
    cond!(
        MULTIPLE_TRAUMATIC,
        "1163387009",
        "Multiple traumatic injuries",
        Some(R::Multiple),
        TorsoBleed,
        5
    );
    cond!(BURN, "125666000", "Burn", None, Burn, 2);
    cond!(
        BURN_EPIDERMAL,
        "403190006",
        "Epidermal burn of skin (first degree burn)",
        None,
        Burn,
        1
    );
    cond!(
        BURN_PARTIAL,
        "403191005",
        "Partial thickness burn (second degree burn)",
        None,
        Burn,
        2
    );
    cond!(
        BURN_FULL,
        "403192003",
        "Full thickness burn (third degree burn)",
        None,
        Burn,
        4
    );
    cond!(
        TBI,
        "127295002",
        "Traumatic brain injury",
        Some(R::Head),
        Brain,
        4
    );
    cond!(
        CONCUSSION,
        "110030002",
        "Concussion injury of brain",
        Some(R::Head),
        Brain,
        2
    );
    cond!(
        CONCUSSION_LOC,
        "62564004",
        "Concussion with loss of consciousness",
        Some(R::Head),
        Brain,
        2
    );
    cond!(
        CONCUSSION_NO_LOC,
        "62106007",
        "Concussion with no loss of consciousness",
        Some(R::Head),
        Brain,
        1
    );
    cond!(
        INJURY_OF_HEAD,
        "82271004",
        "Injury of head",
        Some(R::Head),
        Brain,
        2
    );
    cond!(
        SKULL_FRACTURE,
        "371162008",
        "Closed fracture of skull",
        Some(R::Head),
        Brain,
        3
    );
    cond!(
        PNEUMOTHORAX,
        "36118008",
        "Pneumothorax",
        Some(R::Thorax),
        Breathing,
        3
    );
    cond!(
        TENSION_PNEUMOTHORAX,
        "233645004",
        "Tension pneumothorax",
        Some(R::Thorax),
        Breathing,
        5
    );
    cond!(
        HEMOTHORAX,
        "31892009",
        "Hemothorax",
        Some(R::Thorax),
        TorsoBleed,
        4
    );
    cond!(
        FLAIL_CHEST,
        "78011002",
        "Flail chest",
        Some(R::Thorax),
        Breathing,
        4
    );
    cond!(
        HEMORRHAGIC_SHOCK,
        "355001",
        "Hemorrhagic shock",
        Some(R::Systemic),
        TorsoBleed,
        4
    );
    cond!(FRACTURE, "125605004", "Fracture of bone", None, Fracture, 2);
    cond!(
        OPEN_FRACTURE,
        "397181002",
        "Open fracture",
        None,
        Fracture,
        3
    );
    cond!(
        CLOSED_FRACTURE,
        "423125000",
        "Closed fracture of bone",
        None,
        Fracture,
        2
    );
    cond!(
        FRACTURE_FEMUR,
        "71620000",
        "Fracture of femur",
        Some(R::LowerLimb),
        LimbBleed,
        3
    );
    cond!(
        FRACTURE_TIBIA,
        "31978002",
        "Fracture of tibia",
        Some(R::LowerLimb),
        Fracture,
        2
    );
    cond!(
        FRACTURE_LOWER_LEG,
        "414292006",
        "Fracture of lower leg",
        Some(R::LowerLimb),
        Fracture,
        2
    );
    cond!(
        FRACTURE_HUMERUS,
        "66308002",
        "Fracture of humerus",
        Some(R::UpperLimb),
        Fracture,
        2
    );
    cond!(
        FRACTURE_PELVIS,
        "77493009",
        "Fracture of pelvis",
        Some(R::Pelvis),
        TorsoBleed,
        4
    );
    cond!(
        CRUSHING_INJURY,
        "125665001",
        "Crushing injury",
        None,
        Fracture,
        3
    );
    cond!(
        SPINE_FRACTURE_SCI,
        "1734006",
        "Fracture of vertebral column with spinal cord injury",
        Some(R::Spine),
        Spinal,
        5
    );
    cond!(
        SPINE_FRACTURE,
        "15724005",
        "Fracture of vertebral column without spinal cord injury",
        Some(R::Spine),
        Spinal,
        3
    );
    cond!(
        CERVICAL_SPINE,
        "262522002",
        "Injury of cervical spine",
        Some(R::Neck),
        Spinal,
        3
    );
    cond!(
        EYE_REGION,
        "282752000",
        "Injury of eye region",
        Some(R::Face),
        Wound,
        2
    );
    cond!(
        GLOBE_OF_EYE,
        "231794000",
        "Injury of globe of eye",
        Some(R::Face),
        Wound,
        2
    );
    cond!(
        FB_EYE_REGION,
        "787018009",
        "Foreign body of eye region",
        Some(R::Face),
        Wound,
        1
    );
    cond!(
        INJURY_ABDOMEN,
        "128069005",
        "Injury of abdomen",
        Some(R::Abdomen),
        TorsoBleed,
        3
    );
    cond!(
        BLUNT_ABDOMEN,
        "424863004",
        "Blunt injury of abdomen",
        Some(R::Abdomen),
        TorsoBleed,
        3
    );
    cond!(
        PELVIC_INJURY,
        "282771003",
        "Pelvic injury",
        Some(R::Pelvis),
        TorsoBleed,
        3
    );
    cond!(
        KIDNEY_INJURY,
        "40095003",
        "Injury of kidney",
        Some(R::Abdomen),
        TorsoBleed,
        3
    );
    cond!(NERVE_INJURY, "57182000", "Nerve injury", None, Wound, 2);
    cond!(BLUNT_INJURY, "425359009", "Blunt injury", None, Wound, 2);
    cond!(AVULSION, "284554003", "Avulsion - injury", None, Wound, 2);
    cond!(CONTUSION, "125667009", "Contusion", None, Minor, 1);
    cond!(ABRASION, "399963005", "Abrasion", None, Minor, 1);
    cond!(
        LACERATION,
        "312608009",
        "Laceration - injury",
        None,
        Wound,
        1
    );
    cond!(
        SPRAIN_ANKLE,
        "44465007",
        "Sprain of ankle",
        Some(R::LowerLimb),
        Minor,
        1
    );
    cond!(
        SPRAIN_WRIST,
        "70704007",
        "Sprain of wrist",
        Some(R::UpperLimb),
        Minor,
        1
    );
    cond!(
        FRACTURE_ANKLE,
        "16114001",
        "Fracture of ankle",
        Some(R::LowerLimb),
        Fracture,
        2
    );
    cond!(
        FRACTURE_FOREARM,
        "65966004",
        "Fracture of forearm",
        Some(R::UpperLimb),
        Fracture,
        2
    );
    cond!(
        FRACTURE_CLAVICLE,
        "58150001",
        "Fracture of clavicle",
        Some(R::UpperLimb),
        Fracture,
        2
    );
    cond!(
        FRACTURE_RIB,
        "33737001",
        "Fracture of rib",
        Some(R::Thorax),
        Fracture,
        2
    );
    cond!(
        HIP_FRACTURE,
        "359817006",
        "Closed fracture of hip",
        Some(R::Pelvis),
        Fracture,
        3
    );
    cond!(
        MANDIBLE_FRACTURE,
        "263172003",
        "Fracture of mandible",
        Some(R::Face),
        Fracture,
        2
    );
    cond!(
        WHIPLASH,
        "39848009",
        "Whiplash injury to neck",
        Some(R::Neck),
        Minor,
        1
    );
    cond!(
        ACL,
        "444470001",
        "Injury of anterior cruciate ligament",
        Some(R::LowerLimb),
        Minor,
        2
    );
    cond!(
        MENISCUS,
        "239720000",
        "Tear of meniscus of knee",
        Some(R::LowerLimb),
        Minor,
        2
    );
    cond!(
        ROTATOR_CUFF,
        "307731004",
        "Injury of tendon of the rotator cuff of shoulder",
        Some(R::UpperLimb),
        Minor,
        1
    );
    cond!(
        LACERATION_HAND,
        "284549007",
        "Laceration of hand",
        Some(R::UpperLimb),
        Wound,
        1
    );
    cond!(
        LACERATION_FOREARM,
        "283371005",
        "Laceration of forearm",
        Some(R::UpperLimb),
        Wound,
        1
    );
    cond!(
        LACERATION_THIGH,
        "283385000",
        "Laceration of thigh",
        Some(R::LowerLimb),
        Wound,
        1
    );
    cond!(
        LACERATION_FOOT,
        "284551006",
        "Laceration of foot",
        Some(R::LowerLimb),
        Wound,
        1
    );
    cond!(
        FACIAL_LACERATION,
        "370247008",
        "Facial laceration",
        Some(R::Face),
        Wound,
        1
    );
    cond!(FROSTBITE, "370977006", "Frostbite", None, Cold, 2);
    cond!(
        HYPOTHERMIA,
        "386689009",
        "Hypothermia",
        Some(R::Systemic),
        Cold,
        3
    );
    cond!(
        LOW_BACK_PAIN,
        "279039007",
        "Low back pain",
        Some(R::Spine),
        Minor,
        1
    );
    cond!(
        GASTROENTERITIS,
        "25374005",
        "Inflammation of stomach and intestine (gastroenteritis)",
        Some(R::Abdomen),
        Illness,
        1
    );
    cond!(
        DIARRHEAL,
        "128333008",
        "Diarrheal disorder",
        Some(R::Abdomen),
        Illness,
        1
    );
    cond!(
        VOMITING,
        "422400008",
        "Vomiting",
        Some(R::Abdomen),
        Illness,
        1
    );
    cond!(
        PHARYNGITIS,
        "195662009",
        "Acute viral pharyngitis",
        Some(R::Neck),
        Illness,
        1
    );
    cond!(
        STREP_THROAT,
        "43878008",
        "Streptococcal sore throat",
        Some(R::Neck),
        Bacterial,
        1
    );
    cond!(
        SINUSITIS,
        "444814009",
        "Viral sinusitis",
        Some(R::Face),
        Illness,
        1
    );
    cond!(
        BRONCHITIS,
        "10509002",
        "Acute bronchitis",
        Some(R::Thorax),
        Illness,
        1
    );
    cond!(
        PNEUMONIA,
        "233604007",
        "Pneumonia",
        Some(R::Thorax),
        Systemic,
        3
    );
    cond!(
        INFLUENZA,
        "6142004",
        "Influenza",
        Some(R::Systemic),
        Illness,
        1
    );
    cond!(
        COVID19,
        "840539006",
        "Disease caused by severe acute respiratory syndrome coronavirus 2 (COVID-19)",
        Some(R::Systemic),
        Illness,
        1
    );
    cond!(
        CONTACT_DERMATITIS,
        "40275004",
        "Contact dermatitis",
        None,
        Illness,
        1
    );
    cond!(CELLULITIS, "128045006", "Cellulitis", None, Bacterial, 2);
    cond!(
        CELLULITIS_LOWER_LEG,
        "449711005",
        "Cellulitis of lower leg",
        Some(R::LowerLimb),
        Bacterial,
        2
    );
    cond!(
        UTI,
        "68566005",
        "Urinary tract infectious disease",
        Some(R::Pelvis),
        Bacterial,
        1
    );
    cond!(
        DENTAL_CARIES,
        "109570002",
        "Primary dental caries",
        Some(R::Face),
        Illness,
        1
    );
    cond!(
        TOOTH_INFECTION,
        "427898007",
        "Infection of tooth",
        Some(R::Face),
        Bacterial,
        1
    );
    cond!(
        PTSD,
        "47505003",
        "Posttraumatic stress disorder",
        Some(R::Systemic),
        Psych,
        1
    );
    cond!(
        DEPRESSION,
        "370143000",
        "Major depressive disorder",
        Some(R::Systemic),
        Psych,
        1
    );
    cond!(STRESS, "73595000", "Stress", Some(R::Systemic), Psych, 1);
    cond!(FEVER, "386661006", "Fever", Some(R::Systemic), Illness, 1);
    cond!(
        MALARIA,
        "61462000",
        "Malaria",
        Some(R::Systemic),
        Systemic,
        3
    );
    cond!(DENGUE, "38362002", "Dengue", Some(R::Systemic), Systemic, 2);
    cond!(SEPSIS, "91302008", "Sepsis", Some(R::Systemic), Systemic, 5);
    cond!(
        RESPIRATORY_FAILURE,
        "65710008",
        "Acute respiratory failure",
        Some(R::Thorax),
        Systemic,
        5
    );
    cond!(
        ARDS,
        "67782005",
        "Acute respiratory distress syndrome",
        Some(R::Thorax),
        Systemic,
        5
    );
    cond!(
        AKI,
        "14669001",
        "Acute kidney injury",
        Some(R::Abdomen),
        Systemic,
        4
    );
    cond!(CHEMICAL_BURN, "426284001", "Chemical burn", None, Burn, 2);
    cond!(
        POISONING,
        "75478009",
        "Poisoning",
        Some(R::Systemic),
        Toxic,
        3
    );
    cond!(
        CARBON_MONOXIDE,
        "95875007",
        "Exposure to carbon monoxide",
        Some(R::Systemic),
        Toxic,
        2
    );
    cond!(
        INHALATION,
        "785340007",
        "Inhalation of substance",
        Some(R::Thorax),
        Toxic,
        2
    );
    cond!(
        HARMFUL_ENTITY,
        "418715001",
        "Exposure to potentially harmful entity",
        Some(R::Systemic),
        Toxic,
        1
    );
    cond!(
        RADIATION,
        "218190002",
        "Exposure to radiation",
        Some(R::Systemic),
        Radiation,
        2
    );
    /// Heat illness: no verified disorder code exists; the reference names the event concept
    /// "Heat exposure" as the substitute until one is confirmed.
    pub const HEAT_EXPOSURE: ConditionDef = ConditionDef {
        code: "95867001",
        display: "Heat exposure",
        region: Some(R::Systemic),
        pathology: Pathology::Heat,
        ais: 2,
    };
}

/// A SNOMED CT procedure the generator can emit.
#[derive(Debug, PartialEq, Eq)]
pub struct ProcedureDef {
    /// SNOMED CT concept id.
    pub code: &'static str,
    /// Display from the verified table.
    pub display: &'static str,
    /// Lowest role of care that performs it (0 POI … 4 R4), from the table's `role_min`.
    pub role_min: u8,
}

macro_rules! proc_def {
    ($name:ident, $code:literal, $display:literal, $role:literal) => {
        #[doc = $display]
        pub const $name: ProcedureDef = ProcedureDef {
            code: $code,
            display: $display,
            role_min: $role,
        };
    };
}

/// Procedures (role_min: 0 POI, 1 R1, 2 R2, 3 R3, 4 R4).
pub mod procedures {
    use super::ProcedureDef;
    proc_def!(TOURNIQUET, "20655006", "Application of tourniquet", 0);
    proc_def!(
        PRESSURE_DRESSING,
        "26906007",
        "Application of dressing, pressure",
        0
    );
    proc_def!(
        DIRECT_PRESSURE,
        "735346000",
        "Control of hemorrhage by application of direct pressure",
        0
    );
    proc_def!(HEMORRHAGE_CONTROL, "51241000", "Control of hemorrhage", 0);
    proc_def!(DRESSING, "3895009", "Application of dressing", 0);
    proc_def!(PELVIC_SLING, "182556001", "Pelvic sling", 1);
    proc_def!(
        HEAD_EXTENSION,
        "445392009",
        "Obtaining airway by head extension",
        0
    );
    proc_def!(JAW_THRUST, "232666000", "Jaw thrust", 0);
    proc_def!(
        NASOPHARYNGEAL_AIRWAY,
        "182692007",
        "Nasopharyngeal airway insertion",
        0
    );
    proc_def!(AIRWAY_SUCTION, "230040009", "Airway suction technique", 1);
    proc_def!(
        ENDOTRACHEAL_TUBE,
        "112798008",
        "Insertion of endotracheal tube",
        1
    );
    proc_def!(
        NEEDLE_DECOMPRESSION,
        "1290622004",
        "Needle chest decompression for tension pneumothorax",
        0
    );
    proc_def!(
        CHEST_DRAIN,
        "264957007",
        "Insertion of pleural tube drain",
        2
    );
    proc_def!(
        BAG_MASK,
        "425696007",
        "Manual respiratory assistance using bag and mask",
        1
    );
    proc_def!(OXYGEN_MASK, "371908008", "Oxygen administration by mask", 1);
    proc_def!(
        CONTROLLED_VENTILATION,
        "243147009",
        "Controlled ventilation",
        2
    );
    proc_def!(CPR, "89666000", "Cardiopulmonary resuscitation", 0);
    proc_def!(IV_CATHETER, "392230005", "Catheterisation of vein", 1);
    proc_def!(IV_FLUIDS, "281800008", "Intravenous fluid replacement", 1);
    proc_def!(
        BLOOD_PRODUCT,
        "116859006",
        "Transfusion of blood product",
        1
    );
    proc_def!(RED_CELLS, "116863004", "Transfusion of red blood cells", 2);
    proc_def!(ANTIBIOTICS, "281789004", "Antibiotic therapy", 1);
    proc_def!(
        IV_ANTIBIOTICS,
        "281790008",
        "Intravenous antibiotic therapy",
        1
    );
    proc_def!(TETANUS, "384700001", "Injection of tetanus antitoxin", 1);
    proc_def!(SPLINT, "79321009", "Application of splint", 0);
    proc_def!(BONE_IMMOBILIZATION, "274474001", "Bone immobilization", 1);
    proc_def!(
        CSPINE_IMMOBILIZATION,
        "398041008",
        "Cervical spine immobilization",
        0
    );
    proc_def!(BACK_BRACE, "77476009", "Application of back brace", 3);
    proc_def!(SUTURE, "288086009", "Suture open wound", 1);
    proc_def!(WOUND_CARE, "225358003", "Wound care", 1);
    proc_def!(BURN_CARE, "133901003", "Burn care", 1);
    proc_def!(DEBRIDEMENT, "36777000", "Debridement", 2);
    proc_def!(LAPAROTOMY, "86481000", "Laparotomy", 2);
    proc_def!(CRANIOTOMY, "25353009", "Craniotomy", 3);
    proc_def!(
        ACTIVE_WARMING,
        "431949004",
        "Active external warming of subject",
        0
    );
    proc_def!(
        RICE,
        "229586001",
        "Rest, ice, compression and elevation treatment programme",
        1
    );
    proc_def!(PHYSIOTHERAPY, "91251008", "Physical therapy procedure", 3);
    proc_def!(
        HEAD_INJURY_REHAB,
        "47387005",
        "Head injury rehabilitation",
        4
    );
    proc_def!(
        SPINAL_REHAB,
        "75162002",
        "Spinal cord injury rehabilitation",
        4
    );
    proc_def!(
        ICU_ADMISSION,
        "305351004",
        "Admission to intensive care unit",
        2
    );
    proc_def!(BURN_UNIT, "183450002", "Admission to burn unit", 3);
    proc_def!(FIRST_AID, "386308007", "First aid", 0);
    proc_def!(STRETCHER, "58715004", "Moving a patient to a stretcher", 0);
}

/// The step of the NATO 10-1-2 timeline a procedure fulfils (domain.md §3.5: bleeding
/// control within 10 minutes, advanced resuscitation within 1 hour, damage-control surgery
/// within 2 hours).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimelineStep {
    /// Tourniquet, pressure dressing, direct pressure, haemorrhage control, pelvic sling.
    BleedingControl,
    /// Intravenous fluid replacement or a transfusion of blood products.
    Resuscitation,
    /// Debridement, laparotomy, craniotomy or a chest drain: the engine's surgical procedures,
    /// which book an operating table.
    Surgery,
}

impl TimelineStep {
    /// The step of a procedure code, if it is one of the three.
    pub fn of_code(code: &str) -> Option<TimelineStep> {
        use procedures as p;
        let bleeding = [
            p::TOURNIQUET.code,
            p::PRESSURE_DRESSING.code,
            p::DIRECT_PRESSURE.code,
            p::HEMORRHAGE_CONTROL.code,
            p::PELVIC_SLING.code,
        ];
        let resuscitation = [p::IV_FLUIDS.code, p::BLOOD_PRODUCT.code, p::RED_CELLS.code];
        if bleeding.contains(&code) {
            Some(TimelineStep::BleedingControl)
        } else if resuscitation.contains(&code) {
            Some(TimelineStep::Resuscitation)
        } else if SURGICAL_PROCEDURES.iter().any(|d| d.code == code) {
            Some(TimelineStep::Surgery)
        } else {
            None
        }
    }

    /// The target in minutes.
    pub fn target_minutes(self) -> u64 {
        match self {
            TimelineStep::BleedingControl => 10,
            TimelineStep::Resuscitation => 60,
            TimelineStep::Surgery => 120,
        }
    }
}

/// Procedures that are surgery: the first of them is a patient's first surgery.
pub static SURGICAL_PROCEDURES: [&ProcedureDef; 4] = [
    &procedures::DEBRIDEMENT,
    &procedures::LAPAROTOMY,
    &procedures::CRANIOTOMY,
    &procedures::CHEST_DRAIN,
];

/// A LOINC observation code.
#[derive(Debug, PartialEq, Eq)]
pub struct ObservationDef {
    /// LOINC code.
    pub code: &'static str,
    /// Display.
    pub display: &'static str,
    /// UCUM unit.
    pub unit: &'static str,
}

/// Vital-sign observations written for every assessment.
pub mod observations {
    use super::ObservationDef;
    /// Heart rate.
    pub static HEART_RATE: ObservationDef = ObservationDef {
        code: "8867-4",
        display: "Heart rate",
        unit: "/min",
    };
    /// Respiratory rate.
    pub static RESPIRATORY_RATE: ObservationDef = ObservationDef {
        code: "9279-1",
        display: "Respiratory rate",
        unit: "/min",
    };
    /// Systolic blood pressure.
    pub static SYSTOLIC_BP: ObservationDef = ObservationDef {
        code: "8480-6",
        display: "Systolic blood pressure",
        unit: "mm[Hg]",
    };
    /// Diastolic blood pressure.
    pub static DIASTOLIC_BP: ObservationDef = ObservationDef {
        code: "8462-4",
        display: "Diastolic blood pressure",
        unit: "mm[Hg]",
    };
    /// Oxygen saturation by pulse oximetry.
    pub static SPO2: ObservationDef = ObservationDef {
        code: "59408-5",
        display: "Oxygen saturation in Arterial blood by Pulse oximetry",
        unit: "%",
    };
    /// Body temperature.
    pub static TEMPERATURE: ObservationDef = ObservationDef {
        code: "8310-5",
        display: "Body temperature",
        unit: "Cel",
    };
    /// Glasgow coma score.
    pub static GCS: ObservationDef = ObservationDef {
        code: "9269-2",
        display: "Glasgow coma score total",
        unit: "{score}",
    };
    /// Pain score 0–10.
    pub static PAIN: ObservationDef = ObservationDef {
        code: "72514-3",
        display: "Pain severity - 0-10 verbal numeric rating",
        unit: "{score}",
    };
    /// All vital-sign observations in record order.
    pub static ALL: [&ObservationDef; 8] = [
        &HEART_RATE,
        &RESPIRATORY_RATE,
        &SYSTOLIC_BP,
        &DIASTOLIC_BP,
        &SPO2,
        &TEMPERATURE,
        &GCS,
        &PAIN,
    ];
}

/// Verhoeff check over a string of decimal digits (SNOMED CT identifiers end in one).
pub fn verhoeff_valid(digits: &str) -> bool {
    const D: [[u8; 10]; 10] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 2, 3, 4, 0, 6, 7, 8, 9, 5],
        [2, 3, 4, 0, 1, 7, 8, 9, 5, 6],
        [3, 4, 0, 1, 2, 8, 9, 5, 6, 7],
        [4, 0, 1, 2, 3, 9, 5, 6, 7, 8],
        [5, 9, 8, 7, 6, 0, 4, 3, 2, 1],
        [6, 5, 9, 8, 7, 1, 0, 4, 3, 2],
        [7, 6, 5, 9, 8, 2, 1, 0, 4, 3],
        [8, 7, 6, 5, 9, 3, 2, 1, 0, 4],
        [9, 8, 7, 6, 5, 4, 3, 2, 1, 0],
    ];
    const P: [[u8; 10]; 8] = [
        [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
        [1, 5, 7, 6, 2, 8, 3, 0, 9, 4],
        [5, 8, 0, 3, 7, 9, 6, 1, 4, 2],
        [8, 9, 1, 6, 0, 4, 3, 5, 2, 7],
        [9, 4, 5, 3, 1, 2, 6, 8, 7, 0],
        [4, 2, 8, 6, 5, 7, 3, 9, 0, 1],
        [2, 7, 9, 3, 8, 0, 6, 4, 1, 5],
        [7, 0, 4, 6, 9, 1, 3, 2, 5, 8],
    ];
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let mut c = 0u8;
    for (i, b) in digits.bytes().rev().enumerate() {
        c = D[c as usize][P[i % 8][(b - b'0') as usize] as usize];
    }
    c == 0
}

/// The project's copies of the verified reference tables.
pub mod data {
    /// SNOMED CT conditions.
    pub const SNOMED_CONDITIONS: &str = include_str!("../data/snomed-conditions.csv");
    /// SNOMED CT procedures.
    pub const SNOMED_PROCEDURES: &str = include_str!("../data/snomed-procedures.csv");
    /// Other SNOMED CT concepts.
    pub const SNOMED_MISC: &str = include_str!("../data/snomed-misc.csv");
    /// LOINC observations.
    pub const LOINC: &str = include_str!("../data/loinc-observations.csv");
    /// ABO/Rh frequencies per nation.
    pub const BLOOD_GROUPS: &str = include_str!("../data/blood-groups.csv");
}

/// Splits one CSV line into fields (RFC 4180 quoting); enough for the reference tables.
pub fn split_csv_line(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cur.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

/// Every `(code, display)` pair of a table (first two columns), header skipped.
pub fn table_rows(table: &str) -> Vec<(String, String)> {
    table
        .lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(split_csv_line)
        .filter(|f| f.len() >= 2)
        .map(|mut f| {
            let display = std::mem::take(&mut f[1]);
            (std::mem::take(&mut f[0]), display)
        })
        .collect()
}
