//! `POST /api/v1/generation`: validates everything, reserves the key's quotas, and queues a
//! job. Nothing is queued unless the whole request is acceptable; a failure after a quota
//! reservation gives the reservation back.

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::{Extension, Json};
use milmed_formats::Format;
use milmed_store::{NewJob, Priority, StoreError, UsageCounter};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::auth::{next_day_ms, too_many, Caller};
use crate::error::{ApiError, ErrorBody};
use crate::extract::JsonBody;
use crate::routes::source::{check_patient_cap, resolve_scenario, ScenarioSource};
use crate::routes::validate::{MIN_PASSWORD_LEN, OUTPUT_FORMATS};
use crate::service::now_ms;
use crate::AppState;

/// A generation request (the predecessor's v1 shape). Exactly one of `configuration`,
/// `configuration_id`, `preset_id`.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GenerationRequest {
    /// A saved scenario's id.
    pub configuration_id: Option<String>,
    /// The scenario itself (docs/scenario.md); `count` is accepted for `total_patients`.
    #[schema(value_type = Option<Object>)]
    pub configuration: Option<Value>,
    /// A preset id (`GET /api/v1/presets`).
    pub preset_id: Option<String>,
    /// Overrides the scenario's patient count.
    pub total_patients: Option<u64>,
    /// The seed; when absent (here and in the scenario) the server draws one and records it.
    pub seed: Option<u64>,
    /// Subset of json, ndjson, csv, xml, xlsx, fhir, ndef; default `["json"]`.
    pub output_formats: Option<Vec<String>>,
    /// Compress every file (gzip unless `compression` says zstd).
    pub use_compression: Option<bool>,
    /// `gzip` or `zstd`; implies compression.
    pub compression: Option<String>,
    /// Encrypt every file with the AES-256-GCM envelope (docs/formats/encryption.md).
    pub use_encryption: Option<bool>,
    /// At least 8 characters; sealed with the server's key for the worker, never stored in
    /// clear, returned or logged.
    pub encryption_password: Option<String>,
    /// `argon2id` (default) or `pbkdf2`.
    pub kdf: Option<String>,
    /// `low`, `normal` (default) or `high`.
    pub priority: Option<String>,
}

/// The answer to a queued job.
#[derive(Debug, Serialize, ToSchema)]
pub struct GenerationAccepted {
    /// The new job's id.
    pub job_id: String,
    /// `queued`.
    pub status: String,
    /// A sentence for humans.
    pub message: String,
    /// Estimated seconds from start to completion.
    pub estimated_duration: f64,
    /// The seed the job runs with (drawn by the server when the request had none).
    pub seed: u64,
    /// Keys accepted but not used, legacy forms mapped, and similar notes.
    pub warnings: Vec<String>,
}

fn invalid(path: &str, message: impl std::fmt::Display) -> ApiError {
    ApiError::InvalidScenario(format!("{path}: {message}"))
}

/// Relative cost of a format against NDJSON (docs/performance.md), for the estimate.
fn format_cost(f: Format) -> f64 {
    match f {
        Format::Fhir => 6.0,
        Format::Xlsx => 4.0,
        Format::Xml => 1.5,
        Format::Csv => 1.2,
        _ => 1.0,
    }
}

/// Queues a generation job.
#[utoipa::path(post, path = "/api/v1/generation", tag = "generation", security(("api_key" = [])),
    request_body = GenerationRequest,
    responses(
        (status = 201, description = "Queued", body = GenerationAccepted),
        (status = 400, description = "Malformed JSON (`malformed_json`)", body = ErrorBody),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "Unknown `configuration_id` (`configuration_not_found`)", body = ErrorBody),
        (status = 413, description = "Body too large", body = ErrorBody),
        (status = 422, description = "Invalid request or scenario naming the field (`invalid_request`, `invalid_scenario`), or over the key's patient cap (`limit_exceeded`)", body = ErrorBody),
        (status = 429, description = "Rate limit or quota (`rate_limited`, `quota_exceeded`) with Retry-After", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    JsonBody(req): JsonBody<GenerationRequest>,
) -> Result<Response, ApiError> {
    let svc = &state.service;
    // Request-level rules first: they are cheap and their paths are top-level.
    let formats = parse_formats(req.output_formats.as_deref())?;
    let priority = match req.priority.as_deref() {
        None | Some("normal") => Priority::Normal,
        Some("low") => Priority::Low,
        Some("high") => Priority::High,
        Some(p) => {
            return Err(invalid(
                "priority",
                format!("unknown priority {p:?}; expected low, normal or high"),
            ))
        }
    };
    let compression = match (req.compression.as_deref(), req.use_compression) {
        (Some(c @ ("gzip" | "zstd")), Some(true) | None) => Some(c.to_string()),
        (Some(_), Some(false)) => {
            return Err(invalid(
                "compression",
                "is set but use_compression is false",
            ))
        }
        (Some(c), _) => {
            return Err(invalid(
                "compression",
                format!("unknown algorithm {c:?}; expected gzip or zstd"),
            ))
        }
        (None, Some(true)) => Some("gzip".to_string()),
        (None, _) => None,
    };
    let kdf = match req.kdf.as_deref() {
        None | Some("argon2id") => None,
        Some("pbkdf2") => Some("pbkdf2".to_string()),
        Some(k) => {
            return Err(invalid(
                "kdf",
                format!("unknown key derivation {k:?}; expected argon2id or pbkdf2"),
            ))
        }
    };
    let encryption = match (
        req.use_encryption.unwrap_or(false),
        &req.encryption_password,
    ) {
        (true, Some(p)) if p.chars().count() >= MIN_PASSWORD_LEN => Some(
            svc.secret
                .seal(p.as_bytes())
                .map_err(|e| ApiError::Internal(e.to_string()))?,
        ),
        (true, _) => {
            return Err(invalid(
                "encryption_password",
                format!(
                    "use_encryption needs a password of at least {MIN_PASSWORD_LEN} characters"
                ),
            ))
        }
        (false, Some(_)) => {
            return Err(invalid(
                "encryption_password",
                "is only used with use_encryption: true",
            ))
        }
        (false, None) => {
            if kdf.is_some() {
                return Err(invalid("kdf", "is only used with use_encryption: true"));
            }
            None
        }
    };
    let source = ScenarioSource {
        configuration: req.configuration,
        configuration_id: req.configuration_id,
        preset_id: req.preset_id,
        total_patients: req.total_patients,
        seed: req.seed,
    };
    let resolved = resolve_scenario(&state, &caller, &source).await?;
    let mut scenario = resolved.scenario;
    if !resolved.seed_given {
        let mut b = [0u8; 8];
        getrandom::fill(&mut b).map_err(|e| ApiError::Internal(format!("rng: {e}")))?;
        // Below 2^53 so that JavaScript clients read it back exactly.
        scenario.seed = u64::from_le_bytes(b) & ((1 << 53) - 1);
    }
    let count = scenario.total_patients;
    let limits = &caller.key.limits;
    check_patient_cap(&caller, count, "total_patients")?;
    // Quotas, counted in the database so they hold across nodes; given back on failure.
    let now = now_ms();
    let key_id = caller.key.id.clone();
    let store = &svc.store;
    let day_end = next_day_ms(now);
    match store
        .reserve_usage(&key_id, now, UsageCounter::Jobs, 1, limits.jobs_per_day)
        .await
    {
        Ok(_) => {}
        Err(StoreError::LimitExceeded { limit, value }) => {
            crate::metrics::rate_limited("quota_jobs");
            let err = ApiError::QuotaExceeded(format!(
                "{limit}: this key may create {value} jobs per UTC day"
            ));
            return Ok(too_many(err, value, day_end, now));
        }
        Err(e) => return Err(e.into()),
    }
    match store
        .reserve_usage(
            &key_id,
            now,
            UsageCounter::Patients,
            count,
            limits.patients_per_day,
        )
        .await
    {
        Ok(_) => {}
        Err(e) => {
            give_back(&state, &key_id, 1, 0).await;
            if let StoreError::LimitExceeded { limit, value } = e {
                crate::metrics::rate_limited("quota_patients");
                let err = ApiError::QuotaExceeded(format!(
                    "{limit}: this key may generate {value} patients per UTC day"
                ));
                return Ok(too_many(err, value, day_end, now));
            }
            return Err(e.into());
        }
    }
    let options = milmed_jobs::JobOptions {
        compression,
        encryption,
        kdf,
        ..Default::default()
    };
    let new = NewJob {
        tenant_id: caller.key.tenant_id.clone(),
        owner_key_id: Some(key_id.clone()),
        priority,
        scenario_json: milmed_core::scenario::to_canonical_json(&scenario).to_string(),
        seed: scenario.seed,
        patient_count: count,
        output_formats: formats.iter().map(|f| f.name().to_string()).collect(),
        options: serde_json::to_value(&options).map_err(|e| ApiError::Internal(e.to_string()))?,
        max_attempts: svc.config.max_attempts,
    };
    let job = match store
        .create_job(&new, now, limits.max_concurrent_jobs)
        .await
    {
        Ok(job) => job,
        Err(e) => {
            give_back(&state, &key_id, 1, count).await;
            if let StoreError::LimitExceeded { value, .. } = e {
                crate::metrics::rate_limited("concurrent");
                let err = ApiError::QuotaExceeded(format!(
                    "max_concurrent_jobs: this key may have {value} jobs queued or running at once; wait for one to finish"
                ));
                // A job slot frees when a job ends; a few seconds is a fair first retry.
                return Ok(too_many(err, value, now + 5_000, now));
            }
            return Err(e.into());
        }
    };
    svc.wake_workers();
    let cost: f64 = formats.iter().map(|f| format_cost(*f)).sum();
    let estimate = (count as f64 * cost / svc.config.patients_per_second).max(0.1);
    let body = GenerationAccepted {
        job_id: job.id.clone(),
        status: "queued".to_string(),
        message: format!(
            "job queued: {count} patients, formats {}; poll GET /api/v1/jobs/{}",
            new.output_formats.join(", "),
            job.id
        ),
        estimated_duration: (estimate * 10.0).ceil() / 10.0,
        seed: scenario.seed,
        warnings: resolved.warnings,
    };
    Ok((StatusCode::CREATED, Json(body)).into_response())
}

/// Returns reserved jobs and patients after a failed submission.
async fn give_back(state: &AppState, key_id: &str, jobs: i64, patients: u64) {
    let patients = i64::try_from(patients).unwrap_or(i64::MAX);
    if let Err(e) = state
        .service
        .store
        .record_usage(key_id, now_ms(), 0, -patients, -jobs)
        .await
    {
        tracing::warn!(error = %e, "cannot give back a quota reservation");
    }
}

fn parse_formats(list: Option<&[String]>) -> Result<Vec<Format>, ApiError> {
    let Some(list) = list else {
        return Ok(vec![Format::Json]);
    };
    if list.is_empty() {
        return Err(invalid(
            "output_formats",
            "at least one output format is required",
        ));
    }
    let mut out: Vec<Format> = Vec::new();
    for (i, name) in list.iter().enumerate() {
        let f = match Format::parse(name) {
            Ok(f) => f,
            _ => {
                return Err(invalid(
                    &format!("output_formats[{i}]"),
                    format!(
                        "unknown format {name:?}; expected one of {}",
                        OUTPUT_FORMATS.join(", ")
                    ),
                ))
            }
        };
        if !out.contains(&f) {
            out.push(f);
        }
    }
    Ok(out)
}
