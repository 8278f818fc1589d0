//! The built-in presets: complete, valid scenarios with a rationale and sources.

use crate::error::Error;
use crate::scenario::{parse_str, Parsed};
use crate::stats::Profile;

/// A preset.
#[derive(Debug)]
pub struct Preset {
    /// Identifier.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Category for listings.
    pub category: &'static str,
    /// One-line rationale.
    pub rationale: &'static str,
    /// Where its numbers come from.
    pub sources: &'static str,
    /// The calibration table its output is checked against.
    pub profile: Profile,
    /// The scenario JSON.
    pub json: &'static str,
}

impl Preset {
    /// The parsed scenario.
    pub fn parse(&self) -> Result<Parsed, Error> {
        parse_str(self.json)
    }
}

/// All presets.
pub static PRESETS: &[Preset] = &[
    Preset {
        id: "nato_article_5",
        name: "NATO Article 5 defence",
        category: "high_intensity",
        rationale: "Peer conflict: artillery and drones, contested air and slow evacuation, as in calibration table A.",
        sources: "calibration.md A (Holcomb 2006 definitions; Owens 2008; Kotwal 2011; Eastridge 2012; Ukrainian field reports); DNBI:BI 0.8 after OIF-1 major combat (Zouris)",
        profile: Profile::HighIntensity,
        json: include_str!("../presets/nato_article_5.json"),
    },
    Preset {
        id: "peacekeeping",
        name: "Peacekeeping / stabilisation",
        category: "stabilisation",
        rationale: "Air superiority and golden-hour evacuation; IEDs and crowd incidents; DNBI about 3.5 per battle injury.",
        sources: "calibration.md B (Kotwal 2016; Kelly 2008; Zouris DNBI:BI 3–3.2; DoD Trauma Registry NBI 34 %)",
        profile: Profile::CounterInsurgency,
        json: include_str!("../presets/peacekeeping.json"),
    },
    Preset {
        id: "urban_assault",
        name: "Urban assault",
        category: "high_intensity",
        rationale: "Phased assaults in a town: more gunshot wounds and crush injuries, DNBI low during the assault.",
        sources: "calibration.md A (Owens 2008; Belmont 2010/2012); DNBI:BI lower in assault phases",
        profile: Profile::HighIntensity,
        json: include_str!("../presets/urban_assault.json"),
    },
    Preset {
        id: "cbrn_incident",
        name: "CBRN incident",
        category: "special",
        rationale: "A chemical release: a few very large clusters of poisoned and exposed casualties with delayed symptoms.",
        sources: "calibration.md C (special presets are checked for coherence, not war statistics); reference README substitutes for CBRN conditions",
        profile: Profile::Special,
        json: include_str!("../presets/cbrn_incident.json"),
    },
    Preset {
        id: "training_exercise",
        name: "Training exercise",
        category: "training",
        rationale: "A small field exercise modelled on a stabilisation mission, with a realistic DNBI load.",
        sources: "calibration.md B",
        profile: Profile::CounterInsurgency,
        json: include_str!("../presets/training_exercise.json"),
    },
    Preset {
        id: "mass_casualty",
        name: "Mass-casualty rehearsal",
        category: "special",
        rationale: "Three explicit mass-casualty incidents (median MASCAL size 15, range 6–519, scaled up to saturate forward roles).",
        sources: "calibration.md C (mass-casualty event sizes)",
        profile: Profile::Special,
        json: include_str!("../presets/mass_casualty.json"),
    },
    Preset {
        id: "arctic_operation",
        name: "Arctic operation",
        category: "high_intensity",
        rationale: "Winter war in the High North: cold injuries join the NBI mix, mountains and darkness slow evacuation.",
        sources: "calibration.md A; cold-injury codes from the reference tables",
        profile: Profile::HighIntensity,
        json: include_str!("../presets/arctic_operation.json"),
    },
    Preset {
        id: "maritime_operation",
        name: "Maritime operation",
        category: "high_intensity",
        rationale: "Amphibious landing under naval and drone threat: burns, blast and immersion.",
        sources: "calibration.md A (Falklands KIA shares, Jackson 1983)",
        profile: Profile::HighIntensity,
        json: include_str!("../presets/maritime_operation.json"),
    },
];

/// Finds a preset by id.
pub fn get(id: &str) -> Result<&'static Preset, Error> {
    PRESETS
        .iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::UnknownPreset(id.to_string()))
}
