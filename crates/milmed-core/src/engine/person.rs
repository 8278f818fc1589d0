//! The person: nationality, sex, name, age, national ID, rank, unit, blood group, body size.

use std::fmt::Write as _;

use crate::catalog::data::BLOOD_GROUPS;
use crate::catalog::split_csv_line;
use crate::nations::{self, Nation, NATIONS};
use crate::record::{BloodGroup, Person};
use crate::rng::Stream;
use crate::scenario::{Scenario, WarfareType};
use crate::time::Date;

/// NATO rank codes (STANAG 2116) with a realistic pyramid (relative weights) and the age band
/// typical of the grade.
const RANKS: [(&str, f64, u32, u32); 20] = [
    ("OR-1", 7.0, 18, 22),
    ("OR-2", 13.0, 18, 24),
    ("OR-3", 17.0, 19, 27),
    ("OR-4", 15.0, 21, 30),
    ("OR-5", 12.0, 23, 34),
    ("OR-6", 8.0, 26, 38),
    ("OR-7", 5.0, 29, 42),
    ("OR-8", 3.0, 32, 46),
    ("OR-9", 1.5, 36, 52),
    ("WO", 1.2, 30, 50),
    ("OF-1", 5.0, 22, 28),
    ("OF-2", 4.5, 25, 34),
    ("OF-3", 3.5, 29, 42),
    ("OF-4", 1.8, 35, 48),
    ("OF-5", 0.8, 40, 54),
    ("OF-6", 0.15, 45, 57),
    ("OF-7", 0.05, 48, 59),
    ("OF-8", 0.02, 50, 60),
    ("OF-9", 0.01, 52, 60),
    ("OF-10", 0.005, 54, 60),
];

const ORDINAL_SUFFIX: [&str; 4] = ["th", "st", "nd", "rd"];

fn unit_kinds(w: WarfareType) -> &'static [&'static str] {
    match w {
        WarfareType::Conventional => &[
            "Mechanised Infantry Bn",
            "Armoured Bn",
            "Infantry Bn",
            "Engineer Bn",
            "Reconnaissance Bn",
        ],
        WarfareType::Artillery => &[
            "Artillery Bn",
            "Mechanised Infantry Bn",
            "Logistics Bn",
            "Air Defence Bn",
        ],
        WarfareType::Urban => &[
            "Infantry Bn",
            "Engineer Bn",
            "Special Operations Coy",
            "Military Police Bn",
        ],
        WarfareType::Guerrilla => &[
            "Infantry Bn",
            "Logistics Bn",
            "Reconnaissance Bn",
            "Engineer Bn",
        ],
        WarfareType::Drone => &[
            "Mechanised Infantry Bn",
            "Artillery Bn",
            "Signals Bn",
            "Logistics Bn",
        ],
        WarfareType::Naval => &[
            "Marine Bn",
            "Amphibious Support Bn",
            "Naval Infantry Bn",
            "Naval Task Group",
        ],
        WarfareType::Cbrn => &[
            "CBRN Defence Bn",
            "Infantry Bn",
            "Logistics Bn",
            "Medical Bn",
        ],
        WarfareType::Peacekeeping => &[
            "Infantry Bn",
            "Military Police Bn",
            "Civil-Military Cooperation Coy",
            "Logistics Bn",
        ],
    }
}

/// Per-nation tables prepared once per generator.
pub struct PersonTables {
    blood: Vec<[f64; 8]>,
}

impl PersonTables {
    /// Reads the blood-group frequencies (normalised per row, as the reference asks).
    pub fn new() -> Self {
        let mut by_code: Vec<(String, [f64; 8])> = Vec::new();
        for line in BLOOD_GROUPS.lines().skip(1) {
            let f = split_csv_line(line);
            if f.len() < 9 {
                continue;
            }
            let mut w = [0.0; 8];
            for (i, x) in w.iter_mut().enumerate() {
                *x = f[i + 1].trim().parse().unwrap_or(0.0);
            }
            let sum: f64 = w.iter().sum();
            if sum > 0.0 {
                for x in &mut w {
                    *x /= sum;
                }
            }
            by_code.push((f[0].clone(), w));
        }
        let lookup = |code: &str| by_code.iter().find(|(c, _)| c == code).map(|(_, w)| *w);
        // Montenegro is missing from the source table; its neighbour Croatia stands in (a
        // modelling choice recorded in docs/data-sources.md). A nation without any row falls
        // back to the unweighted mean of all rows.
        let mean = {
            let mut m = [0.0; 8];
            for (_, w) in &by_code {
                for i in 0..8 {
                    m[i] += w[i] / by_code.len().max(1) as f64;
                }
            }
            m
        };
        let blood = NATIONS
            .iter()
            .map(|n| {
                lookup(n.code)
                    .or_else(|| if n.code == "MNE" { lookup("HRV") } else { None })
                    .unwrap_or(mean)
            })
            .collect();
        PersonTables { blood }
    }
}

impl Default for PersonTables {
    fn default() -> Self {
        Self::new()
    }
}

/// Women's casualty rate per person deployed relative to men's, by category (disease,
/// non-battle injury, battle injury). Women serve in the same force but less often in the
/// roles that take battle injuries, so being a woman lowers the odds of becoming a casualty
/// at all, and of a battle injury most.
///
/// Derived from calibration.md B (DoD Trauma Registry): women are ≈ 3 % of the injured and
/// 63 % of their injuries are NBI, in a force with ≈ 11 % women (calibration.md,
/// demographic references) and an NBI share of injuries of ≈ 33 % (B: 30–36 %). Odds of NBI
/// over BI: women 63 : 37, everyone 33 : 67, hence NBI/BI rate ratio 3.46; women's injury
/// rate 0.03 · 0.89 / (0.11 · 0.97) = 0.25 of men's, hence BI 0.138 and NBI 0.477. No
/// published figure separates disease by sex; it does not depend on the combat role, so
/// its ratio is 1.
pub const WOMEN_RELATIVE_RATE: [f64; 3] = [1.0, 0.477, 0.138];

/// The sex and category odds of a casualty, from the scenario's category mix (of
/// casualties) and the share of women in the deployed force. Returns the probability that
/// the casualty is a woman and the category weights for a woman and for a man. The overall
/// category mix stays exact in expectation: P(category) is the mix whatever the sex.
pub fn sex_and_category(mix: [f64; 3], force_female_share: f64) -> (f64, [f64; 3], [f64; 3]) {
    let f = force_female_share;
    if !(f > 0.0 && f < 1.0) {
        return (f.clamp(0.0, 1.0), mix, mix);
    }
    // Among casualties of category i, the share of women: f·ρᵢ / ((1 − f) + f·ρᵢ).
    let mut women = [0.0; 3];
    let mut men = [0.0; 3];
    for i in 0..3 {
        let rho = WOMEN_RELATIVE_RATE[i];
        let w = f * rho / ((1.0 - f) + f * rho);
        women[i] = mix[i] * w;
        men[i] = mix[i] * (1.0 - w);
    }
    let p_female: f64 = women.iter().sum();
    let total: f64 = p_female + men.iter().sum::<f64>();
    if p_female <= 0.0 || total <= 0.0 {
        return (0.0, mix, mix);
    }
    (p_female / total, women, men)
}

/// The share of women for a nation in this scenario.
pub fn female_share(s: &Scenario, nation: &Nation) -> f64 {
    s.demographics
        .female_share
        .unwrap_or(f64::from(nation.female_share_permille) / 1000.0)
}

/// Who the casualty is before the draw of the details.
#[derive(Debug, Clone, Copy)]
pub struct Identity {
    /// Index into `nations::NATIONS`.
    pub nation: usize,
    /// Female.
    pub female: bool,
    /// Warfare type of the incident (chooses plausible units).
    pub warfare: WarfareType,
    /// Date of injury (ages are relative to it).
    pub injury_day: Date,
}

/// Fills the person.
pub fn fill_person(
    s: &Scenario,
    tables: &PersonTables,
    rng: &mut Stream,
    who: &Identity,
    p: &mut Person,
) {
    let Identity {
        nation: nation_idx,
        female,
        warfare,
        injury_day,
    } = *who;
    let nation = &NATIONS[nation_idx];
    p.nation = nation_idx;
    p.female = female;
    let given = if female {
        nation.female_given
    } else {
        nation.male_given
    };
    p.given_name = given[rng.index(given.len())];
    p.family_name.clear();
    let fam = rng.index(nation.family.len());
    let variant = rng.next_u64();
    nations::write_family_name(nation, fam, female, variant, &mut p.family_name);

    // Rank, then an age typical of it inside the scenario's bounds.
    let weights: [f64; 20] = RANKS.map(|r| r.1);
    let r = rng.weighted(&weights);
    let (rank, _, lo, hi) = RANKS[r];
    p.rank = rank;
    let lo = lo.max(s.demographics.min_age);
    let hi = hi.min(s.demographics.max_age).max(lo);
    // Skewed young inside the band: the minimum of two uniforms.
    let a = rng.range_i64(i64::from(lo), i64::from(hi));
    let b = rng.range_i64(i64::from(lo), i64::from(hi));
    let target_age = a.min(b);
    let day_in_year = rng.below(365) as i64;
    let injury_days = injury_day.days_since_epoch();
    let birth_days = injury_days - (target_age * 36_524 / 100) - day_in_year;
    let mut birth = Date::from_days_since_epoch(birth_days);
    // Keep the age inside the bounds even at leap-year edges.
    let mut age = birth.age_on(injury_day);
    if age < s.demographics.min_age {
        birth = Date::from_days_since_epoch(birth_days - 366);
        age = birth.age_on(injury_day);
    } else if age > s.demographics.max_age {
        birth = Date::from_days_since_epoch(birth_days + 366);
        age = birth.age_on(injury_day);
    }
    p.birth_date = birth;
    p.age = age;

    p.id_number.clear();
    nations::write_national_id(
        nation,
        (birth.year, birth.month, birth.day),
        female,
        rng.next_u64(),
        &mut p.id_number,
    );
    p.service_number.clear();
    let _ = write!(
        p.service_number,
        "{}-{:08}",
        nation.code,
        rng.below(100_000_000)
    );

    p.unit.clear();
    let kinds = unit_kinds(warfare);
    let coy = [b'A', b'B', b'C', b'D'][rng.index(4)] as char;
    let bn = 1 + rng.below(40);
    let suffix = if (11..=13).contains(&(bn % 100)) {
        "th"
    } else {
        ORDINAL_SUFFIX
            .get((bn % 10) as usize)
            .copied()
            .unwrap_or("th")
    };
    let _ = write!(
        p.unit,
        "{coy} Coy, {bn}{suffix} {}",
        kinds[rng.index(kinds.len())]
    );

    p.blood_group = BloodGroup::ALL[rng.weighted(&tables.blood[nation_idx])];

    // ANSUR II means (men 175.6 cm / 85.5 kg, women 162.9 cm / 67.8 kg).
    let (h_mean, h_sd, bmi_mean) = if female {
        (162.9, 6.4, 25.4)
    } else {
        (175.6, 6.9, 27.6)
    };
    let h = rng.gauss(h_mean, h_sd).clamp(145.0, 205.0);
    let bmi = rng.gauss(bmi_mean, 3.0).clamp(18.5, 38.0);
    p.height_cm = h.round() as u16;
    p.weight_kg = (bmi * (h / 100.0) * (h / 100.0)).round() as u16;
}
