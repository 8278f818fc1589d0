//! Public reference data, read from the core's tables so the API never disagrees with the
//! generator.

use std::sync::OnceLock;

use axum::Json;
use milmed_core::catalog::{data, split_csv_line};
use milmed_core::nations::NATIONS;
use milmed_core::scenario::{Category, Role, WarfareType};
use serde::Serialize;
use utoipa::ToSchema;

/// A nation that can appear in `nationality_distribution`.
#[derive(Debug, Serialize, ToSchema)]
pub struct Nationality {
    /// ISO 3166-1 alpha-3 code, e.g. `POL`.
    pub code: &'static str,
    /// English short name.
    pub name: &'static str,
    /// The national identification scheme used for generated IDs.
    pub id_scheme: &'static str,
}

/// An injury category: the keys of `injury_distribution`.
#[derive(Debug, Serialize, ToSchema)]
pub struct ConditionType {
    /// Short code: `DIS`, `NBI`, `BI`.
    pub code: &'static str,
    /// The label used as key in `injury_distribution`, e.g. `Battle Injury`.
    pub name: &'static str,
}

/// A role of care that a facility can have.
#[derive(Debug, Serialize, ToSchema)]
pub struct FacilityType {
    /// Code used in output and accepted as `role` (`R1` …; `Role 1` is accepted too).
    pub code: &'static str,
    /// Display name.
    pub name: &'static str,
    /// What the role does.
    pub description: &'static str,
}

/// A warfare type: the keys of `warfare_types`.
#[derive(Debug, Serialize, ToSchema)]
pub struct WarfareTypeInfo {
    /// Scenario key.
    pub key: &'static str,
    /// Temporal pattern and injury profile.
    pub description: &'static str,
}

/// A SNOMED CT condition of the verified reference table.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Condition {
    /// SNOMED CT concept id.
    pub code: String,
    /// Display term.
    pub display: String,
    /// SNOMED CT semantic tag where the table gives one.
    pub semantic_tag: String,
    /// `battle_injury`, `non_battle_injury`, `disease` ….
    pub category: String,
    /// Body region.
    pub body_region: String,
    /// Mechanism.
    pub mechanism: String,
    /// Typical severity.
    pub typical_severity: String,
    /// ICD-10 code where known (empty otherwise).
    pub icd10: String,
}

/// The nations of the generator's table.
#[utoipa::path(get, path = "/api/v1/configurations/reference/nationalities", tag = "reference",
    responses((status = 200, description = "Nations", body = [Nationality])))]
pub async fn nationalities() -> Json<Vec<Nationality>> {
    Json(
        NATIONS
            .iter()
            .map(|n| Nationality {
                code: n.code,
                name: n.name,
                id_scheme: n.id_scheme,
            })
            .collect(),
    )
}

/// The injury categories.
#[utoipa::path(get, path = "/api/v1/configurations/reference/condition-types", tag = "reference",
    responses((status = 200, description = "Injury categories", body = [ConditionType])))]
pub async fn condition_types() -> Json<Vec<ConditionType>> {
    Json(
        Category::ALL
            .iter()
            .map(|c| ConditionType {
                code: c.short(),
                name: c.label(),
            })
            .collect(),
    )
}

/// The roles of care.
#[utoipa::path(get, path = "/api/v1/configurations/reference/facility-types", tag = "reference",
    responses((status = 200, description = "Roles of care", body = [FacilityType])))]
pub async fn facility_types() -> Json<Vec<FacilityType>> {
    // The core's Role has no descriptions; they are listing text, so they live here.
    let rows = [
        (Role::Poi, "Point of injury", "Self and buddy aid, combat medic: haemorrhage control, airway, tourniquet"),
        (Role::R1, "Role 1", "Unit medical post: triage, resuscitation, stabilisation, primary care"),
        (Role::R2, "Role 2", "Forward surgical capability: damage-control surgery and resuscitation, limited holding beds"),
        (Role::R3, "Role 3", "Deployed hospital: specialist surgery, intensive care, imaging"),
        (Role::Csu, "Casualty staging unit", "Holding before strategic evacuation"),
        (Role::R4, "Role 4", "Definitive care and rehabilitation in the home nation"),
    ];
    Json(
        rows.iter()
            .map(|(r, name, description)| FacilityType {
                code: r.code(),
                name,
                description,
            })
            .collect(),
    )
}

/// The warfare types.
#[utoipa::path(get, path = "/api/v1/configurations/reference/warfare-types", tag = "reference",
    responses((status = 200, description = "Warfare types", body = [WarfareTypeInfo])))]
pub async fn warfare_types() -> Json<Vec<WarfareTypeInfo>> {
    Json(
        WarfareType::ALL
            .iter()
            .map(|w| WarfareTypeInfo {
                key: w.key(),
                description: w.description(),
            })
            .collect(),
    )
}

/// Parses the core's verified SNOMED CT condition table once. Columns are found by header
/// name so a reordered table cannot shift fields.
fn condition_table() -> &'static [Condition] {
    static TABLE: OnceLock<Vec<Condition>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut lines = data::SNOMED_CONDITIONS.lines();
        let header = lines.next().map(split_csv_line).unwrap_or_default();
        let col = |name: &str| header.iter().position(|h| h == name);
        let cols = [
            col("code"),
            col("display"),
            col("semantic_tag"),
            col("category"),
            col("body_region"),
            col("mechanism"),
            col("typical_severity"),
            col("icd10"),
        ];
        lines
            .filter(|l| !l.trim().is_empty())
            .map(split_csv_line)
            .map(|f| {
                let get = |i: usize| cols[i].and_then(|c| f.get(c)).cloned().unwrap_or_default();
                Condition {
                    code: get(0),
                    display: get(1),
                    semantic_tag: get(2),
                    category: get(3),
                    body_region: get(4),
                    mechanism: get(5),
                    typical_severity: get(6),
                    icd10: get(7),
                }
            })
            .filter(|c| !c.code.is_empty())
            .collect()
    })
}

/// The SNOMED CT condition codes the generator draws from.
#[utoipa::path(get, path = "/api/v1/configurations/reference/conditions", tag = "reference",
    responses((status = 200, description = "SNOMED CT conditions", body = [Condition])))]
pub async fn conditions() -> Json<&'static [Condition]> {
    Json(condition_table())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn condition_table_is_complete() {
        let t = condition_table();
        assert!(t.len() > 100, "{} rows", t.len());
        assert!(t
            .iter()
            .all(|c| c.code.bytes().all(|b| b.is_ascii_digit()) && !c.display.is_empty()));
        assert!(t
            .iter()
            .any(|c| c.code == "283545005" && c.display == "Gunshot wound"));
    }
}
