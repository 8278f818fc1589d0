//! Every code the generator can emit is in the project's verified tables, with the same
//! display, and every SNOMED CT identifier passes its Verhoeff check digit.

use milmed_core::catalog::{data, observations, table_rows, verhoeff_valid};
use milmed_core::record::BloodGroup;

fn assert_in(table: &str, code: &str, display: &str) {
    let rows = table_rows(table);
    let row = rows.iter().find(|(c, _)| c == code);
    let Some((_, d)) = row else {
        panic!("code {code} ({display}) is not in the project's tables");
    };
    assert_eq!(d, display, "display of {code}");
}

#[test]
fn verhoeff_known_values() {
    assert!(verhoeff_valid("236"));
    assert!(!verhoeff_valid("237"));
    assert!(verhoeff_valid("283545005"));
    assert!(!verhoeff_valid("283545006"));
    assert!(!verhoeff_valid(""));
    assert!(!verhoeff_valid("12a"));
}

#[test]
fn catalog_codes_are_verified() {
    use milmed_core::catalog::conditions as c;
    use milmed_core::catalog::procedures as p;
    let conds = [
        c::GUNSHOT_WOUND,
        c::PENETRATING_WOUND,
        c::OPEN_WOUND,
        c::FOREIGN_BODY,
        c::PENETRATING_NECK,
        c::PUNCTURE_ABDOMEN_FB,
        c::PUNCTURE_ABDOMEN,
        c::PUNCTURE_THIGH_FB,
        c::PUNCTURE_ARM_FB,
        c::TRAUMATIC_AMPUTATION,
        c::AMPUTATION_BELOW_KNEE,
        c::MULTIPLE_TRAUMATIC,
        c::BURN,
        c::BURN_EPIDERMAL,
        c::BURN_PARTIAL,
        c::BURN_FULL,
        c::TBI,
        c::CONCUSSION,
        c::CONCUSSION_LOC,
        c::CONCUSSION_NO_LOC,
        c::INJURY_OF_HEAD,
        c::SKULL_FRACTURE,
        c::PNEUMOTHORAX,
        c::TENSION_PNEUMOTHORAX,
        c::HEMOTHORAX,
        c::FLAIL_CHEST,
        c::HEMORRHAGIC_SHOCK,
        c::FRACTURE,
        c::OPEN_FRACTURE,
        c::CLOSED_FRACTURE,
        c::FRACTURE_FEMUR,
        c::FRACTURE_TIBIA,
        c::FRACTURE_LOWER_LEG,
        c::FRACTURE_HUMERUS,
        c::FRACTURE_PELVIS,
        c::CRUSHING_INJURY,
        c::SPINE_FRACTURE_SCI,
        c::SPINE_FRACTURE,
        c::CERVICAL_SPINE,
        c::EYE_REGION,
        c::GLOBE_OF_EYE,
        c::FB_EYE_REGION,
        c::INJURY_ABDOMEN,
        c::BLUNT_ABDOMEN,
        c::PELVIC_INJURY,
        c::KIDNEY_INJURY,
        c::NERVE_INJURY,
        c::BLUNT_INJURY,
        c::AVULSION,
        c::CONTUSION,
        c::ABRASION,
        c::LACERATION,
        c::SPRAIN_ANKLE,
        c::SPRAIN_WRIST,
        c::FRACTURE_ANKLE,
        c::FRACTURE_FOREARM,
        c::FRACTURE_CLAVICLE,
        c::FRACTURE_RIB,
        c::HIP_FRACTURE,
        c::MANDIBLE_FRACTURE,
        c::WHIPLASH,
        c::ACL,
        c::MENISCUS,
        c::ROTATOR_CUFF,
        c::LACERATION_HAND,
        c::LACERATION_FOREARM,
        c::LACERATION_THIGH,
        c::LACERATION_FOOT,
        c::FACIAL_LACERATION,
        c::FROSTBITE,
        c::HYPOTHERMIA,
        c::LOW_BACK_PAIN,
        c::GASTROENTERITIS,
        c::DIARRHEAL,
        c::VOMITING,
        c::PHARYNGITIS,
        c::STREP_THROAT,
        c::SINUSITIS,
        c::BRONCHITIS,
        c::PNEUMONIA,
        c::INFLUENZA,
        c::COVID19,
        c::CONTACT_DERMATITIS,
        c::CELLULITIS,
        c::CELLULITIS_LOWER_LEG,
        c::UTI,
        c::DENTAL_CARIES,
        c::TOOTH_INFECTION,
        c::PTSD,
        c::DEPRESSION,
        c::STRESS,
        c::FEVER,
        c::MALARIA,
        c::DENGUE,
        c::SEPSIS,
        c::RESPIRATORY_FAILURE,
        c::ARDS,
        c::AKI,
        c::CHEMICAL_BURN,
        c::POISONING,
        c::CARBON_MONOXIDE,
        c::INHALATION,
        c::HARMFUL_ENTITY,
        c::RADIATION,
    ];
    for d in &conds {
        assert_in(data::SNOMED_CONDITIONS, d.code, d.display);
        assert!(verhoeff_valid(d.code), "{}", d.code);
        assert!(
            !d.code.contains("1000119"),
            "{} is a US-extension id",
            d.code
        );
    }
    // The heat-illness substitute is an event concept from the misc table.
    assert_in(
        data::SNOMED_MISC,
        c::HEAT_EXPOSURE.code,
        c::HEAT_EXPOSURE.display,
    );
    let procs = [
        p::TOURNIQUET,
        p::PRESSURE_DRESSING,
        p::DIRECT_PRESSURE,
        p::HEMORRHAGE_CONTROL,
        p::DRESSING,
        p::PELVIC_SLING,
        p::HEAD_EXTENSION,
        p::JAW_THRUST,
        p::NASOPHARYNGEAL_AIRWAY,
        p::AIRWAY_SUCTION,
        p::ENDOTRACHEAL_TUBE,
        p::NEEDLE_DECOMPRESSION,
        p::CHEST_DRAIN,
        p::BAG_MASK,
        p::OXYGEN_MASK,
        p::CONTROLLED_VENTILATION,
        p::CPR,
        p::IV_CATHETER,
        p::IV_FLUIDS,
        p::BLOOD_PRODUCT,
        p::RED_CELLS,
        p::ANTIBIOTICS,
        p::IV_ANTIBIOTICS,
        p::TETANUS,
        p::SPLINT,
        p::BONE_IMMOBILIZATION,
        p::CSPINE_IMMOBILIZATION,
        p::BACK_BRACE,
        p::SUTURE,
        p::WOUND_CARE,
        p::BURN_CARE,
        p::DEBRIDEMENT,
        p::LAPAROTOMY,
        p::CRANIOTOMY,
        p::ACTIVE_WARMING,
        p::RICE,
        p::PHYSIOTHERAPY,
        p::HEAD_INJURY_REHAB,
        p::SPINAL_REHAB,
        p::ICU_ADMISSION,
        p::BURN_UNIT,
        p::FIRST_AID,
        p::STRETCHER,
    ];
    let roles = ["POI", "R1", "R2", "R3", "R4"];
    for d in &procs {
        assert_in(data::SNOMED_PROCEDURES, d.code, d.display);
        assert!(verhoeff_valid(d.code), "{}", d.code);
        // role_min matches the table's column.
        let row = data::SNOMED_PROCEDURES
            .lines()
            .map(milmed_core::catalog::split_csv_line)
            .find(|f| f[0] == d.code)
            .expect("row exists");
        assert_eq!(
            row[2],
            roles[usize::from(d.role_min)],
            "role_min of {}",
            d.code
        );
    }
    for o in observations::ALL {
        assert!(
            table_rows(data::LOINC).iter().any(|(c, _)| c == o.code),
            "LOINC {}",
            o.code
        );
    }
    for b in BloodGroup::ALL {
        let (code, display) = b.snomed();
        assert_in(data::SNOMED_MISC, code, display);
        assert!(verhoeff_valid(code));
    }
    for r in milmed_core::catalog::Region::ALL {
        if let Some((code, display)) = r.body_site() {
            assert_in(data::SNOMED_MISC, code, display);
        }
    }
}

#[test]
fn every_snomed_code_in_the_tables_passes_verhoeff() {
    for t in [
        data::SNOMED_CONDITIONS,
        data::SNOMED_PROCEDURES,
        data::SNOMED_MISC,
    ] {
        for (code, _) in table_rows(t) {
            assert!(verhoeff_valid(&code), "{code}");
        }
    }
}
