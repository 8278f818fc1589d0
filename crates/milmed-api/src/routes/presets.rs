//! The built-in presets, read from the core.

use axum::extract::Path;
use axum::Json;
use milmed_core::presets::{self, Preset, PRESETS};
use milmed_core::scenario::to_canonical_json;
use milmed_core::stats::Profile;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::{ApiError, ErrorBody};

/// A preset as listed.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresetSummary {
    /// Identifier, usable as `preset_id`.
    pub id: &'static str,
    /// Display name.
    pub name: &'static str,
    /// Category (see `/api/v1/presets/categories/list`).
    pub category: &'static str,
    /// Why the preset looks as it does.
    pub rationale: &'static str,
    /// Where its numbers come from.
    pub sources: &'static str,
    /// The calibration table its output is judged by.
    #[schema(value_type = String, example = "high_intensity")]
    pub profile: Profile,
}

/// A preset with its ready-to-use scenario.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresetDetail {
    /// The listing fields.
    #[serde(flatten)]
    pub summary: PresetSummary,
    /// The preset's scenario in canonical form, accepted as is as `configuration` by the
    /// generation and validation endpoints.
    #[schema(value_type = Object)]
    pub configuration: serde_json::Value,
}

/// A preset category.
#[derive(Debug, Serialize, ToSchema)]
pub struct PresetCategory {
    /// Category id.
    pub id: &'static str,
    /// Number of presets in it.
    pub preset_count: usize,
    /// Ids of its presets.
    pub presets: Vec<&'static str>,
}

fn summary(p: &'static Preset) -> PresetSummary {
    PresetSummary {
        id: p.id,
        name: p.name,
        category: p.category,
        rationale: p.rationale,
        sources: p.sources,
        profile: p.profile,
    }
}

/// Every built-in preset.
#[utoipa::path(get, path = "/api/v1/presets", tag = "presets",
    responses((status = 200, description = "The presets", body = [PresetSummary])))]
pub async fn list() -> Json<Vec<PresetSummary>> {
    Json(PRESETS.iter().map(summary).collect())
}

/// One preset with its `configuration`.
#[utoipa::path(get, path = "/api/v1/presets/{id}", tag = "presets",
    params(("id" = String, Path, description = "Preset id, e.g. `nato_article_5`")),
    responses(
        (status = 200, description = "The preset", body = PresetDetail),
        (status = 404, description = "No such preset (`preset_not_found`)", body = ErrorBody),
    ))]
pub async fn show(Path(id): Path<String>) -> Result<Json<PresetDetail>, ApiError> {
    let preset = presets::get(&id).map_err(|_| ApiError::PresetNotFound(id))?;
    // A preset that fails to parse is a bug in the shipped data, not the client's fault.
    let parsed = preset
        .parse()
        .map_err(|e| ApiError::Internal(format!("preset {} does not parse: {e}", preset.id)))?;
    Ok(Json(PresetDetail {
        summary: summary(preset),
        configuration: to_canonical_json(&parsed.scenario),
    }))
}

/// The preset categories, in order of first appearance.
#[utoipa::path(get, path = "/api/v1/presets/categories/list", tag = "presets",
    responses((status = 200, description = "The categories", body = [PresetCategory])))]
pub async fn categories() -> Json<Vec<PresetCategory>> {
    let mut out: Vec<PresetCategory> = Vec::new();
    for p in PRESETS {
        match out.iter_mut().find(|c| c.id == p.category) {
            Some(c) => {
                c.preset_count += 1;
                c.presets.push(p.id);
            }
            None => out.push(PresetCategory {
                id: p.category,
                preset_count: 1,
                presets: vec![p.id],
            }),
        }
    }
    Json(out)
}
