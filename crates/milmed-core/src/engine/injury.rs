//! Category → mechanism → conditions → body region → severity.

use crate::catalog::conditions as c;
use crate::catalog::{ConditionDef, Mechanism, Pathology, Region};
use crate::record::Condition;
use crate::rng::Stream;
use crate::scenario::{Category, Environment, EnvironmentSet, WarfareType};

use Mechanism as M;
use Region as R;

/// Whether the warfare type belongs to the counter-insurgency / stabilisation family
/// (calibration table B) rather than large-scale combat (table A).
pub fn is_coin(w: WarfareType) -> bool {
    matches!(w, WarfareType::Guerrilla | WarfareType::Peacekeeping)
}

fn battle_mechanisms(w: WarfareType) -> &'static [(Mechanism, f64)] {
    match w {
        WarfareType::Conventional => &[
            (M::Explosive, 0.37),
            (M::Fragment, 0.38),
            (M::Gunshot, 0.20),
            (M::Burn, 0.03),
            (M::Blunt, 0.02),
        ],
        WarfareType::Artillery => &[
            (M::Explosive, 0.50),
            (M::Fragment, 0.40),
            (M::Gunshot, 0.03),
            (M::Burn, 0.04),
            (M::Blunt, 0.03),
        ],
        WarfareType::Urban => &[
            (M::Explosive, 0.42),
            (M::Fragment, 0.30),
            (M::Gunshot, 0.18),
            (M::Blunt, 0.07),
            (M::Burn, 0.03),
        ],
        WarfareType::Guerrilla => &[
            (M::Explosive, 0.55),
            (M::Fragment, 0.20),
            (M::Gunshot, 0.22),
            (M::Burn, 0.03),
        ],
        WarfareType::Drone => &[
            (M::Explosive, 0.45),
            (M::Fragment, 0.40),
            (M::Burn, 0.12),
            (M::Blunt, 0.03),
        ],
        WarfareType::Naval => &[
            (M::Explosive, 0.45),
            (M::Fragment, 0.25),
            (M::Burn, 0.12),
            (M::Blunt, 0.04),
            (M::Environmental, 0.04),
            (M::Gunshot, 0.10),
        ],
        WarfareType::Cbrn => &[
            (M::Chemical, 0.75),
            (M::Radiological, 0.10),
            (M::Explosive, 0.08),
            (M::Burn, 0.07),
        ],
        WarfareType::Peacekeeping => &[
            (M::Explosive, 0.45),
            (M::Fragment, 0.27),
            (M::Gunshot, 0.22),
            (M::Blunt, 0.05),
            (M::Burn, 0.01),
        ],
    }
}

fn nbi_mechanisms(env: EnvironmentSet, w: WarfareType) -> [(Mechanism, f64); 6] {
    let mut environmental: f64 = 0.04;
    if env.has(Environment::ExtremeHeat) || env.has(Environment::ExtremeCold) {
        environmental = 0.22;
    }
    if w == WarfareType::Naval {
        environmental += 0.04;
    }
    let debris = if env.has(Environment::UrbanDebris) || w == WarfareType::Urban {
        0.10
    } else {
        0.04
    };
    // Calibration.md B (Hauret et al. 2010): falls ≈ 18 % and vehicles 12–16 % of NBI,
    // sports and training ≈ 20 % (part of "other", with tools and everyday injuries).
    // Mountains add falls.
    let fall = if env.has(Environment::MountainousTerrain) {
        0.28
    } else {
        0.18
    };
    [
        (M::Fall, fall),
        (M::Vehicle, 0.14),
        (M::Other, 0.53),
        (M::Blunt, debris),
        (M::Burn, 0.03),
        (M::Environmental, environmental),
    ]
}

fn disease_mechanisms(w: WarfareType) -> [(Mechanism, f64); 3] {
    let psych = match w {
        WarfareType::Conventional
        | WarfareType::Artillery
        | WarfareType::Urban
        | WarfareType::Drone => 0.40,
        // An amphibious assault is combat like any other (calibration.md A, FM 22-51: one
        // combat-stress casualty per 3–5 wounded).
        WarfareType::Naval => 0.40,
        WarfareType::Cbrn => 0.25,
        WarfareType::Guerrilla => 0.22,
        WarfareType::Peacekeeping => 0.15,
    };
    [
        (M::Infection, 0.82 * (1.0 - psych)),
        (M::Psychological, psych),
        (M::Other, 0.18 * (1.0 - psych)),
    ]
}

const REGIONS_PEER: [(Region, f64); 9] = [
    (R::UpperLimb, 0.20),
    (R::LowerLimb, 0.36),
    (R::Head, 0.12),
    (R::Face, 0.07),
    (R::Neck, 0.04),
    (R::Thorax, 0.09),
    (R::Abdomen, 0.08),
    (R::Pelvis, 0.02),
    (R::Spine, 0.02),
];

const REGIONS_COIN: [(Region, f64); 9] = [
    (R::UpperLimb, 0.19),
    (R::LowerLimb, 0.33),
    (R::Head, 0.15),
    (R::Face, 0.09),
    (R::Neck, 0.06),
    (R::Thorax, 0.08),
    (R::Abdomen, 0.08),
    (R::Pelvis, 0.01),
    (R::Spine, 0.01),
];

type Choices = &'static [(&'static ConditionDef, f64)];

/// Share of the deadly trunk and neck wounds that bleed out over minutes instead of killing at
/// once (calibrated: potentially survivable deaths, calibration.md B).
const EXSANGUINATING_SHARE: f64 = 0.25;

fn penetrating(m: Mechanism, r: Region) -> Choices {
    let gsw = m == M::Gunshot;
    match (gsw, r) {
        (false, R::Head) => &[
            (&c::TBI, 0.45),
            (&c::CONCUSSION, 0.35),
            (&c::SKULL_FRACTURE, 0.20),
        ],
        (true, R::Head) => &[(&c::TBI, 0.8), (&c::SKULL_FRACTURE, 0.2)],
        (false, R::Face) => &[
            (&c::EYE_REGION, 0.3),
            (&c::GLOBE_OF_EYE, 0.2),
            (&c::FB_EYE_REGION, 0.3),
            (&c::MANDIBLE_FRACTURE, 0.2),
        ],
        (true, R::Face) => &[
            (&c::GUNSHOT_WOUND, 0.6),
            (&c::GLOBE_OF_EYE, 0.2),
            (&c::MANDIBLE_FRACTURE, 0.2),
        ],
        (false, R::Neck) => &[
            (&c::PENETRATING_NECK, 0.7),
            (&c::CERVICAL_SPINE, 0.1),
            (&c::PENETRATING_WOUND, 0.2),
        ],
        (true, R::Neck) => &[(&c::GUNSHOT_WOUND, 0.7), (&c::CERVICAL_SPINE, 0.3)],
        (false, R::Thorax) => &[
            (&c::PENETRATING_WOUND, 0.35),
            (&c::HEMOTHORAX, 0.2),
            (&c::PNEUMOTHORAX, 0.2),
            (&c::TENSION_PNEUMOTHORAX, 0.1),
            (&c::FLAIL_CHEST, 0.15),
        ],
        (true, R::Thorax) => &[
            (&c::GUNSHOT_WOUND, 0.5),
            (&c::HEMOTHORAX, 0.25),
            (&c::PNEUMOTHORAX, 0.15),
            (&c::TENSION_PNEUMOTHORAX, 0.1),
        ],
        (false, R::Abdomen) => &[
            (&c::PUNCTURE_ABDOMEN_FB, 0.5),
            (&c::INJURY_ABDOMEN, 0.3),
            (&c::KIDNEY_INJURY, 0.2),
        ],
        (true, R::Abdomen) => &[
            (&c::GUNSHOT_WOUND, 0.6),
            (&c::INJURY_ABDOMEN, 0.25),
            (&c::KIDNEY_INJURY, 0.15),
        ],
        (false, R::Pelvis) => &[(&c::PELVIC_INJURY, 0.5), (&c::FRACTURE_PELVIS, 0.5)],
        (true, R::Pelvis) => &[(&c::GUNSHOT_WOUND, 0.5), (&c::FRACTURE_PELVIS, 0.5)],
        (_, R::Spine) => &[(&c::SPINE_FRACTURE, 0.6), (&c::SPINE_FRACTURE_SCI, 0.4)],
        (false, R::UpperLimb) => &[
            (&c::PUNCTURE_ARM_FB, 0.45),
            (&c::OPEN_FRACTURE, 0.2),
            (&c::FRACTURE_HUMERUS, 0.1),
            (&c::TRAUMATIC_AMPUTATION, 0.08),
            (&c::PENETRATING_WOUND, 0.17),
        ],
        (true, R::UpperLimb) => &[
            (&c::GUNSHOT_WOUND, 0.6),
            (&c::FRACTURE_HUMERUS, 0.25),
            (&c::OPEN_FRACTURE, 0.15),
        ],
        (false, _) => &[
            (&c::PUNCTURE_THIGH_FB, 0.35),
            (&c::OPEN_FRACTURE, 0.15),
            (&c::FRACTURE_FEMUR, 0.1),
            (&c::AMPUTATION_BELOW_KNEE, 0.12),
            (&c::FRACTURE_TIBIA, 0.08),
            (&c::PENETRATING_WOUND, 0.2),
        ],
        (true, _) => &[
            (&c::GUNSHOT_WOUND, 0.5),
            (&c::FRACTURE_FEMUR, 0.3),
            (&c::OPEN_FRACTURE, 0.2),
        ],
    }
}

const BURNS: Choices = &[
    (&c::BURN_PARTIAL, 0.5),
    (&c::BURN_FULL, 0.22),
    (&c::BURN_EPIDERMAL, 0.18),
    (&c::BURN, 0.10),
];
const BURN_REGIONS: [(Region, f64); 6] = [
    (R::UpperLimb, 0.3),
    (R::LowerLimb, 0.2),
    (R::Face, 0.2),
    (R::Thorax, 0.15),
    (R::Abdomen, 0.05),
    (R::Neck, 0.1),
];
const BATTLE_BLUNT: Choices = &[
    (&c::CRUSHING_INJURY, 0.3),
    (&c::FRACTURE, 0.2),
    (&c::BLUNT_ABDOMEN, 0.1),
    (&c::FLAIL_CHEST, 0.1),
    (&c::INJURY_OF_HEAD, 0.15),
    (&c::CONCUSSION_LOC, 0.15),
];
const CHEMICAL: Choices = &[
    (&c::POISONING, 0.5),
    (&c::CHEMICAL_BURN, 0.2),
    (&c::INHALATION, 0.2),
    (&c::HARMFUL_ENTITY, 0.1),
];
const FALLS: Choices = &[
    (&c::SPRAIN_ANKLE, 0.25),
    (&c::SPRAIN_WRIST, 0.1),
    (&c::FRACTURE_ANKLE, 0.12),
    (&c::FRACTURE_FOREARM, 0.1),
    (&c::FRACTURE_CLAVICLE, 0.08),
    (&c::ACL, 0.1),
    (&c::MENISCUS, 0.1),
    (&c::HIP_FRACTURE, 0.03),
    (&c::CONCUSSION_NO_LOC, 0.07),
    (&c::LOW_BACK_PAIN, 0.05),
];
const VEHICLE: Choices = &[
    (&c::FRACTURE_RIB, 0.15),
    (&c::WHIPLASH, 0.2),
    (&c::CLOSED_FRACTURE, 0.15),
    (&c::CONTUSION, 0.2),
    (&c::CONCUSSION_NO_LOC, 0.1),
    (&c::FRACTURE_TIBIA, 0.08),
    (&c::FRACTURE_LOWER_LEG, 0.05),
    (&c::BLUNT_ABDOMEN, 0.04),
    (&c::SPINE_FRACTURE, 0.03),
];
const NBI_OTHER: Choices = &[
    (&c::LACERATION_HAND, 0.15),
    (&c::LACERATION_FOREARM, 0.07),
    (&c::LACERATION_THIGH, 0.05),
    (&c::LACERATION_FOOT, 0.05),
    (&c::FACIAL_LACERATION, 0.05),
    (&c::ROTATOR_CUFF, 0.1),
    (&c::LOW_BACK_PAIN, 0.2),
    (&c::ABRASION, 0.08),
    (&c::CONTUSION, 0.1),
    (&c::SPRAIN_ANKLE, 0.1),
    (&c::LACERATION, 0.05),
];
const NBI_BLUNT: Choices = &[
    (&c::CONTUSION, 0.5),
    (&c::CLOSED_FRACTURE, 0.3),
    (&c::INJURY_OF_HEAD, 0.2),
];
const NBI_BURN: Choices = &[(&c::BURN_EPIDERMAL, 0.6), (&c::BURN_PARTIAL, 0.4)];
const INFECTIONS: Choices = &[
    (&c::GASTROENTERITIS, 0.18),
    (&c::DIARRHEAL, 0.10),
    (&c::VOMITING, 0.03),
    (&c::PHARYNGITIS, 0.12),
    (&c::STREP_THROAT, 0.05),
    (&c::SINUSITIS, 0.05),
    (&c::BRONCHITIS, 0.10),
    (&c::INFLUENZA, 0.10),
    (&c::COVID19, 0.05),
    (&c::PNEUMONIA, 0.03),
    (&c::CELLULITIS, 0.04),
    (&c::CELLULITIS_LOWER_LEG, 0.02),
    (&c::UTI, 0.04),
    (&c::TOOTH_INFECTION, 0.03),
    (&c::FEVER, 0.04),
    (&c::SEPSIS, 0.002),
];
const TROPICAL: Choices = &[(&c::MALARIA, 0.5), (&c::DENGUE, 0.5)];
const PSYCH: Choices = &[(&c::STRESS, 0.6), (&c::PTSD, 0.15), (&c::DEPRESSION, 0.25)];
const DISEASE_OTHER: Choices = &[
    (&c::CONTACT_DERMATITIS, 0.35),
    (&c::DENTAL_CARIES, 0.35),
    (&c::FEVER, 0.3),
];
const LIMB_REGIONS: [(Region, f64); 2] = [(R::UpperLimb, 0.5), (R::LowerLimb, 0.5)];
const ANY_SKIN: [(Region, f64); 5] = [
    (R::UpperLimb, 0.35),
    (R::LowerLimb, 0.35),
    (R::Face, 0.1),
    (R::Thorax, 0.1),
    (R::Abdomen, 0.1),
];

/// The drawn injury: mechanism, conditions (primary first), severity and immediate lethality.
pub struct Injury {
    /// Mechanism.
    pub mechanism: Mechanism,
    /// AIS of each condition, parallel to the conditions.
    pub ais: [u8; 6],
    /// Injury Severity Score.
    pub iss: u8,
}

fn region_for(def: &ConditionDef, rng: &mut Stream, fallback: &[(Region, f64)]) -> Region {
    def.region.unwrap_or_else(|| *rng.pick(fallback))
}

/// Draws mechanism and conditions into `out`.
pub fn draw_injury(
    category: Category,
    warfare: WarfareType,
    env: EnvironmentSet,
    rng: &mut Stream,
    out: &mut Vec<Condition>,
) -> Injury {
    out.clear();
    let mut ais = [0u8; 6];
    let coin = is_coin(warfare);
    let mechanism = match category {
        Category::BattleInjury => *rng.pick(battle_mechanisms(warfare)),
        Category::NonBattleInjury => *rng.pick(&nbi_mechanisms(env, warfare)),
        Category::Disease => *rng.pick(&disease_mechanisms(warfare)),
    };
    let push = |out: &mut Vec<Condition>,
                ais: &mut [u8; 6],
                def: &'static ConditionDef,
                region: Region,
                a: u8| {
        if out.len() < 6
            && !out
                .iter()
                .any(|x| x.def.code == def.code && x.region == region)
        {
            ais[out.len()] = a.clamp(1, 6);
            out.push(Condition {
                def,
                region,
                mechanism,
            });
        }
    };
    match (category, mechanism) {
        (Category::BattleInjury, M::Explosive | M::Fragment | M::Gunshot) => {
            let table: &[(Region, f64)] = if coin { &REGIONS_COIN } else { &REGIONS_PEER };
            let region = *rng.pick(table);
            let def = *rng.pick(penetrating(mechanism, region));
            let mut a = def.ais;
            // Severity spread around the concept's typical AIS.
            let u = rng.unit();
            if u < if coin { 0.8 } else { 0.42 } {
                a = a.saturating_sub(1).max(1);
            } else if u > 0.85 {
                a += 1;
            }
            // Unsurvivable injuries (AIS 6) concentrate in the head, neck and thorax.
            let fatal_odds = match region {
                R::Head => 0.55,
                R::Thorax => 0.42,
                R::Neck => 0.35,
                R::Abdomen | R::Pelvis => 0.10,
                _ => 0.0,
            } * if coin { 0.5 } else { 1.45 };
            let polytrauma =
                mechanism == M::Explosive && rng.chance(if coin { 0.015 } else { 0.03 });
            if polytrauma {
                push(out, &mut ais, &c::MULTIPLE_TRAUMATIC, R::Multiple, 6);
                push(out, &mut ais, def, region, a.max(4));
            } else if rng.chance(fatal_odds) {
                if matches!(region, R::Thorax | R::Abdomen | R::Pelvis | R::Neck)
                    && rng.chance(EXSANGUINATING_SHARE)
                {
                    // Non-compressible haemorrhage of the trunk or neck: fatal within the hour
                    // unless a surgeon stops it, so potentially survivable. Eastridge et al.
                    // 2012: a quarter of the killed in action were potentially survivable,
                    // 91 % of them haemorrhage, two thirds of that truncal.
                    // The blood loss is scored on the wound (AIS 5 for a trunk or neck wound
                    // bleeding out); the shock it causes drives the course.
                    push(out, &mut ais, def, region, a.max(5));
                    push(out, &mut ais, &c::HEMORRHAGIC_SHOCK, R::Systemic, 5);
                } else {
                    push(out, &mut ais, def, region, 6);
                }
            } else {
                push(out, &mut ais, def, region, a);
            }
            // Secondary conditions.
            if matches!(def.pathology, Pathology::Wound | Pathology::TorsoBleed)
                && region == R::Thorax
                && rng.chance(0.5)
            {
                let sec = if rng.chance(0.5) {
                    &c::HEMOTHORAX
                } else {
                    &c::PNEUMOTHORAX
                };
                push(out, &mut ais, sec, R::Thorax, 3);
            }
            if mechanism.is_explosive() {
                // Blast and fragments wound several regions (polytrauma): calibration.md A,
                // ≥ 45 % of hospitalised battle casualties have multi-region injuries.
                let extra = if rng.chance(0.62) {
                    1 + rng.below(2)
                } else {
                    0
                };
                for _ in 0..extra {
                    let r2 = *rng.pick(table);
                    if r2 == region {
                        continue;
                    }
                    let d2 = if rng.chance(0.6) {
                        &c::FOREIGN_BODY
                    } else {
                        &c::OPEN_WOUND
                    };
                    push(out, &mut ais, d2, r2, 1 + rng.below(2) as u8);
                }
                if mechanism == M::Explosive && region != R::Head && rng.chance(0.25) {
                    push(out, &mut ais, &c::CONCUSSION, R::Head, 2);
                }
                if mechanism == M::Explosive && rng.chance(0.10) {
                    let r2 = *rng.pick(&BURN_REGIONS);
                    push(out, &mut ais, &c::BURN_PARTIAL, r2, 2);
                }
            }
            if def.pathology == Pathology::Fracture && rng.chance(0.3) {
                push(out, &mut ais, &c::NERVE_INJURY, region, 2);
            }
        }
        (Category::BattleInjury, M::Burn) | (Category::NonBattleInjury, M::Burn) => {
            let table = if category == Category::BattleInjury {
                BURNS
            } else {
                NBI_BURN
            };
            let def = *rng.pick(table);
            let region = region_for(def, rng, &BURN_REGIONS);
            let a = def.ais + u8::from(rng.chance(0.2));
            push(out, &mut ais, def, region, a);
            if category == Category::BattleInjury && rng.chance(0.3) {
                push(out, &mut ais, &c::INHALATION, R::Thorax, 3);
            }
        }
        (Category::BattleInjury, M::Blunt) => {
            let def = *rng.pick(BATTLE_BLUNT);
            let region = region_for(def, rng, &LIMB_REGIONS);
            push(
                out,
                &mut ais,
                def,
                region,
                def.ais + u8::from(rng.chance(0.2)),
            );
            if rng.chance(0.3) {
                push(out, &mut ais, &c::CONTUSION, *rng.pick(&ANY_SKIN), 1);
            }
        }
        (Category::BattleInjury, M::Chemical) => {
            let def = *rng.pick(CHEMICAL);
            let region = region_for(def, rng, &ANY_SKIN);
            let a = def.ais + u8::from(rng.chance(0.3)) + u8::from(rng.chance(0.1));
            push(out, &mut ais, def, region, a);
            if def.code == c::POISONING.code && rng.chance(0.3) {
                push(out, &mut ais, &c::INHALATION, R::Thorax, 2);
            }
        }
        (Category::BattleInjury, M::Radiological) => {
            let a = c::RADIATION.ais + u8::from(rng.chance(0.3)) + u8::from(rng.chance(0.15));
            push(out, &mut ais, &c::RADIATION, R::Systemic, a);
            if rng.chance(0.2) {
                push(out, &mut ais, &c::BURN_PARTIAL, *rng.pick(&BURN_REGIONS), 2);
            }
        }
        (_, M::Environmental) => {
            let heat = env.has(Environment::ExtremeHeat);
            let cold = env.has(Environment::ExtremeCold) || warfare == WarfareType::Naval;
            let use_heat = if heat && cold {
                rng.chance(0.5)
            } else if heat || cold {
                heat
            } else {
                rng.chance(0.5)
            };
            if use_heat {
                push(
                    out,
                    &mut ais,
                    &c::HEAT_EXPOSURE,
                    R::Systemic,
                    2 + u8::from(rng.chance(0.15)),
                );
            } else if rng.chance(0.6) {
                let r = *rng.pick(&LIMB_REGIONS);
                push(out, &mut ais, &c::FROSTBITE, r, 2);
            } else {
                push(
                    out,
                    &mut ais,
                    &c::HYPOTHERMIA,
                    R::Systemic,
                    2 + u8::from(rng.chance(0.3)),
                );
            }
        }
        (Category::NonBattleInjury, _) => {
            let table = match mechanism {
                M::Fall => FALLS,
                M::Vehicle => VEHICLE,
                M::Blunt => NBI_BLUNT,
                _ => NBI_OTHER,
            };
            let def = *rng.pick(table);
            let region = region_for(def, rng, &LIMB_REGIONS);
            let a = if rng.chance(0.1) {
                def.ais + 1
            } else {
                def.ais
            };
            push(out, &mut ais, def, region, a);
            if mechanism == M::Vehicle && rng.chance(0.35) {
                push(out, &mut ais, &c::CONTUSION, *rng.pick(&ANY_SKIN), 1);
            }
        }
        (_, M::Psychological) => {
            let def = *rng.pick(PSYCH);
            push(out, &mut ais, def, R::Systemic, 1);
        }
        (_, M::Infection) => {
            let tropical = env.has(Environment::ExtremeHeat) && rng.chance(0.08);
            let def = if tropical {
                *rng.pick(TROPICAL)
            } else {
                *rng.pick(INFECTIONS)
            };
            let region = region_for(def, rng, &LIMB_REGIONS);
            push(out, &mut ais, def, region, def.ais);
            if def.code == c::PNEUMONIA.code && rng.chance(0.05) {
                push(out, &mut ais, &c::SEPSIS, R::Systemic, 4);
            }
            if def.code == c::SEPSIS.code && rng.chance(0.3) {
                push(out, &mut ais, &c::AKI, R::Abdomen, 4);
            }
        }
        _ => {
            let def = *rng.pick(DISEASE_OTHER);
            let region = region_for(def, rng, &ANY_SKIN);
            push(out, &mut ais, def, region, def.ais);
        }
    }
    if out.is_empty() {
        push(out, &mut ais, &c::CONTUSION, R::UpperLimb, 1);
    }
    let iss = injury_severity_score(out, &ais);
    Injury {
        mechanism,
        ais,
        iss,
    }
}

/// The six body regions of the Injury Severity Score (Baker et al. 1974), plus one for the
/// model's non-anatomical conditions (disease, poisoning, radiation, exposure), which have no
/// ISS region but still grade a casualty's severity.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum IssRegion {
    HeadNeck,
    Face,
    Chest,
    AbdomenPelvicContents,
    ExtremitiesPelvicGirdle,
    External,
    NonAnatomical,
}

impl IssRegion {
    /// Number of regions (the non-anatomical one, the last, included).
    const COUNT: usize = IssRegion::NonAnatomical as usize + 1;
}

/// Skin-deep injuries, scored in the external region wherever they are.
const SKIN_DEEP: [&str; 8] = [
    c::CONTUSION.code,
    c::ABRASION.code,
    c::LACERATION.code,
    c::LACERATION_HAND.code,
    c::LACERATION_FOREARM.code,
    c::LACERATION_THIGH.code,
    c::LACERATION_FOOT.code,
    c::FACIAL_LACERATION.code,
];

/// The ISS region a condition is scored in; `None` for a physiological state that is scored
/// on the wound that causes it (haemorrhagic shock).
fn iss_region(cond: &Condition) -> Option<IssRegion> {
    let def = cond.def;
    if def.code == c::HEMORRHAGIC_SHOCK.code {
        return None;
    }
    if def.pathology == Pathology::Burn || SKIN_DEEP.contains(&def.code) {
        return Some(IssRegion::External);
    }
    Some(match cond.region {
        R::Head | R::Neck => IssRegion::HeadNeck,
        R::Face => IssRegion::Face,
        R::Thorax => IssRegion::Chest,
        R::Abdomen => IssRegion::AbdomenPelvicContents,
        // A spine injury without a level is scored as lumbar; cervical injuries carry the
        // neck region.
        R::Spine => IssRegion::AbdomenPelvicContents,
        // Fractures of the pelvic ring and hip belong to the pelvic girdle; wounds of the
        // pelvis reach its contents.
        R::Pelvis
            if def.pathology == Pathology::Fracture || def.code == c::FRACTURE_PELVIS.code =>
        {
            IssRegion::ExtremitiesPelvicGirdle
        }
        R::Pelvis => IssRegion::AbdomenPelvicContents,
        R::UpperLimb | R::LowerLimb => IssRegion::ExtremitiesPelvicGirdle,
        R::Systemic | R::Multiple => IssRegion::NonAnatomical,
    })
}

/// ISS: the sum of squares of the highest AIS in the three most severely injured ISS body
/// regions; 75 whenever any AIS is 6. Two wounds of the same ISS region (an arm and a leg,
/// the head and the neck) count once, at the higher AIS.
pub fn injury_severity_score(conditions: &[Condition], ais: &[u8; 6]) -> u8 {
    // The highest AIS per ISS region, indexed by the region.
    let mut worst = [0u8; IssRegion::COUNT];
    for (cond, &a) in conditions.iter().zip(ais.iter()) {
        if a >= 6 {
            return 75;
        }
        if let Some(region) = iss_region(cond) {
            let slot = &mut worst[region as usize];
            *slot = (*slot).max(a);
        }
    }
    worst.sort_unstable_by(|a, b| b.cmp(a));
    worst.iter().take(3).map(|a| a * a).sum::<u8>().max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn iss(conds: &[(&'static ConditionDef, Region, u8)]) -> u8 {
        let mut ais = [0u8; 6];
        let list: Vec<Condition> = conds
            .iter()
            .enumerate()
            .map(|(i, &(def, region, a))| {
                ais[i] = a;
                Condition {
                    def,
                    region,
                    mechanism: M::Explosive,
                }
            })
            .collect();
        injury_severity_score(&list, &ais)
    }

    #[test]
    fn wounds_of_one_iss_region_count_once_at_the_highest_ais() {
        // Both limbs are one ISS region: 4², not 4² + 3².
        assert_eq!(
            iss(&[
                (&c::AMPUTATION_BELOW_KNEE, R::LowerLimb, 4),
                (&c::FRACTURE_HUMERUS, R::UpperLimb, 3),
            ]),
            16
        );
        // Head and neck are one region.
        assert_eq!(
            iss(&[(&c::TBI, R::Head, 4), (&c::CERVICAL_SPINE, R::Neck, 3)]),
            16
        );
    }

    #[test]
    fn the_three_worst_regions_are_summed() {
        // Baker's example shape: chest 4, abdomen 3, limbs 2, face 1 → 16 + 9 + 4.
        assert_eq!(
            iss(&[
                (&c::FLAIL_CHEST, R::Thorax, 4),
                (&c::INJURY_ABDOMEN, R::Abdomen, 3),
                (&c::FRACTURE_TIBIA, R::LowerLimb, 2),
                (&c::EYE_REGION, R::Face, 1),
            ]),
            29
        );
    }

    #[test]
    fn burns_and_skin_wounds_are_external_wherever_they_are() {
        assert_eq!(
            iss(&[
                (&c::BURN_PARTIAL, R::Thorax, 2),
                (&c::LACERATION_THIGH, R::LowerLimb, 1),
                (&c::HEMOTHORAX, R::Thorax, 4),
            ]),
            16 + 4
        );
    }

    #[test]
    fn haemorrhagic_shock_is_scored_on_its_wound() {
        assert_eq!(
            iss(&[
                (&c::PENETRATING_WOUND, R::Thorax, 5),
                (&c::HEMORRHAGIC_SHOCK, R::Systemic, 5),
            ]),
            25
        );
    }

    #[test]
    fn pelvic_fractures_are_girdle_and_pelvic_wounds_are_contents() {
        assert_eq!(
            iss(&[
                (&c::FRACTURE_PELVIS, R::Pelvis, 4),
                (&c::FRACTURE_FEMUR, R::LowerLimb, 3),
            ]),
            16
        );
        assert_eq!(
            iss(&[
                (&c::GUNSHOT_WOUND, R::Pelvis, 4),
                (&c::FRACTURE_FEMUR, R::LowerLimb, 3),
            ]),
            25
        );
    }

    #[test]
    fn any_ais_6_is_75() {
        assert_eq!(
            iss(&[(&c::TBI, R::Head, 6), (&c::FRACTURE_TIBIA, R::LowerLimb, 2)]),
            75
        );
    }

    #[test]
    fn non_anatomical_conditions_still_grade_severity() {
        assert_eq!(iss(&[(&c::SEPSIS, R::Systemic, 5)]), 25);
        assert_eq!(iss(&[(&c::HEMORRHAGIC_SHOCK, R::Systemic, 5)]), 1);
    }
}
