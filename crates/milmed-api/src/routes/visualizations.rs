//! Chart data for the predecessor's dashboard, computed from a completed job's real output:
//! the statistics the worker accumulated over every written record, and single records read
//! back from the job's file.

use axum::extract::{Path, State};
use axum::{Extension, Json};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

use serde_json::Value;
use utoipa::{IntoParams, ToSchema};

use crate::auth::Caller;
use crate::error::{ApiError, ErrorBody};
use crate::extract::QueryParams;
use crate::routes::downloads::{completed_job, patient_by_index};
use crate::AppState;

/// Which job.
#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
pub struct JobQuery {
    /// A completed job of the caller.
    pub job_id: String,
}

/// One bar or slice.
#[derive(Debug, Serialize, ToSchema)]
pub struct Point {
    /// Category label.
    pub label: String,
    /// Patients.
    pub value: u64,
}

/// Aggregates for charts.
#[derive(Debug, Serialize, ToSchema)]
pub struct DashboardData {
    /// The job.
    pub job_id: String,
    /// Patients in the job.
    pub total_patients: u64,
    /// Series by name: `by_category`, `by_triage`, `by_outcome`, `by_front`, `by_nationality`,
    /// `by_body_region`, `by_mechanism`, `by_warfare_type`; each sorted by label.
    pub charts: BTreeMap<String, Vec<Point>>,
    /// The calibration figures (%KIA, %DOW, case fatality rate, time to surgery …).
    #[schema(value_type = Object)]
    pub figures: Value,
    /// Whether every calibration figure is inside its published range.
    pub plausible: Option<bool>,
}

/// Chart aggregates of a completed job, from the statistics of its written records.
#[utoipa::path(get, path = "/api/v1/visualizations/dashboard-data", tag = "jobs", security(("api_key" = [])),
    params(JobQuery),
    responses(
        (status = 200, description = "Chart series", body = DashboardData),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "No such job (`job_not_found`)", body = ErrorBody),
        (status = 409, description = "Not completed (`job_not_completed`)", body = ErrorBody),
    ))]
pub async fn dashboard_data(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    QueryParams(q): QueryParams<JobQuery>,
) -> Result<Json<DashboardData>, ApiError> {
    let job = completed_job(&state, &caller, &q.job_id).await?;
    let summary = job
        .result
        .as_ref()
        .and_then(|r| r.get("summary"))
        .cloned()
        .unwrap_or(Value::Null);
    let mut charts = BTreeMap::new();
    if let Value::Object(m) = &summary {
        for (name, value) in m {
            if let (true, Value::Object(counts)) = (name.starts_with("by_"), value) {
                let mut series: Vec<Point> = counts
                    .iter()
                    .map(|(label, v)| Point {
                        label: label.clone(),
                        value: v.as_u64().unwrap_or(0),
                    })
                    .collect();
                series.sort_by(|a, b| a.label.cmp(&b.label));
                charts.insert(name.clone(), series);
            }
        }
    }
    Ok(Json(DashboardData {
        job_id: job.id.clone(),
        total_patients: job.patient_count,
        charts,
        figures: summary.get("figures").cloned().unwrap_or(Value::Null),
        plausible: summary.get("plausible").and_then(Value::as_bool),
    }))
}

/// One patient of a completed job, read back from its JSON or NDJSON output (the patient id is
/// the record's `id`, 0-based).
#[utoipa::path(get, path = "/api/v1/visualizations/patient-detail/{patient_id}", tag = "jobs", security(("api_key" = [])),
    params(("patient_id" = u64, Path, description = "The record's id"), JobQuery),
    responses(
        (status = 200, description = "The patient record (docs/formats/record.md)", body = Object),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "No such job or patient", body = ErrorBody),
        (status = 409, description = "Not completed, or no plain json/ndjson output", body = ErrorBody),
    ))]
pub async fn patient_detail(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(patient_id): Path<String>,
    QueryParams(q): QueryParams<JobQuery>,
) -> Result<Json<Value>, ApiError> {
    let index: u64 = patient_id.parse().map_err(|_| {
        ApiError::InvalidRequest(format!(
            "patient_id: {patient_id:?} is not a patient id (a whole number)"
        ))
    })?;
    let job = completed_job(&state, &caller, &q.job_id).await?;
    patient_by_index(&state, &job, index)
        .await?
        .map(Json)
        .ok_or_else(|| {
            ApiError::NotFound(format!("patient_id: job {} has no patient {index}", job.id))
        })
}
