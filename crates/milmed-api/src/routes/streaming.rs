//! `POST/GET /api/v1/streaming/generate`: generation without a job, streamed as it is made.
//!
//! One blocking thread plans, fills and encodes chunks of patients with the same
//! [`ChunkEncoder`] as the pipeline (so each record's bytes equal those of
//! `milmed generate --format ndjson` for the same scenario and seed) and sends them into a
//! bounded channel whose receiver is the response body. A slow client therefore slows the
//! generator, memory stays at a few chunks, and a client that disconnects makes the next send
//! fail, which stops the generator.

use std::collections::HashMap;

use axum::body::{Body, Bytes};
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Extension;
use milmed_core::engine::Generator;
use milmed_core::record::Patient;
use milmed_core::scenario::Scenario;
use milmed_formats::{output_files, ChunkEncoder, EncodeOptions, Format};
use milmed_store::{StoreError, UsageCounter};
use serde::Deserialize;
use serde_json::Value;
use tokio::sync::mpsc;
use utoipa::{IntoParams, ToSchema};

use crate::auth::{next_day_ms, too_many, Caller};
use crate::error::{ApiError, ErrorBody};
use crate::extract::JsonBody;
use crate::routes::source::{check_patient_cap, resolve_scenario, ScenarioSource};
use crate::service::now_ms;
use crate::AppState;

/// Patients encoded per chunk sent to the client. Output does not depend on it.
const STREAM_CHUNK: usize = 128;
/// Chunks buffered between the generator and the socket: the back-pressure bound.
const CHANNEL_CAPACITY: usize = 4;
/// The response header carrying the seed used (drawn when the request fixed none).
pub const SEED_HEADER: &str = "x-milmed-seed";

/// The streamed encodings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum StreamFormat {
    /// One JSON record per line (`application/x-ndjson`), the default.
    Ndjson,
    /// One JSON array of records (`application/json`).
    Json,
}

impl StreamFormat {
    fn parse(s: &str, field: &str) -> Result<Self, ApiError> {
        match s {
            "ndjson" => Ok(StreamFormat::Ndjson),
            "json" => Ok(StreamFormat::Json),
            other => Err(ApiError::InvalidRequest(format!(
                "{field}: unknown streaming format {other:?}; expected ndjson or json"
            ))),
        }
    }

    fn label(self) -> &'static str {
        match self {
            StreamFormat::Ndjson => "ndjson",
            StreamFormat::Json => "json",
        }
    }

    fn media_type(self) -> &'static str {
        match self {
            StreamFormat::Ndjson => "application/x-ndjson",
            StreamFormat::Json => "application/json",
        }
    }
}

/// A generation-shaped request for streaming. `output_formats`, when given, must be one
/// streamable format (`ndjson` or `json`); packaging options are refused, since a stream is
/// neither compressed nor encrypted.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StreamRequest {
    /// The scenario (see docs/scenario.md); `count` is accepted for `total_patients`.
    #[schema(value_type = Option<Object>)]
    pub configuration: Option<Value>,
    /// A saved configuration of the caller's tenant.
    pub configuration_id: Option<String>,
    /// A preset id (see `/api/v1/presets`).
    pub preset_id: Option<String>,
    /// Overrides the scenario's patient count.
    #[serde(alias = "count")]
    pub total_patients: Option<u64>,
    /// Overrides the scenario's seed; when neither sets one, the server draws one and
    /// reports it in `X-Milmed-Seed`.
    pub seed: Option<u64>,
    /// `["ndjson"]` or `["json"]` (the `format` query parameter takes precedence).
    pub output_formats: Option<Vec<String>>,
    /// Must be false or absent.
    pub use_compression: Option<bool>,
    /// Must be false or absent.
    pub use_encryption: Option<bool>,
    /// Must be absent (streams are not encrypted).
    pub encryption_password: Option<String>,
    /// Accepted and ignored (a stream does not queue): low, normal, high.
    pub priority: Option<String>,
}

/// The `format` query parameter of the POST route.
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; parsed by hand to refuse unknown parameters
pub struct FormatQuery {
    /// `ndjson` (default) or `json` (one JSON array).
    pub format: Option<String>,
}

/// The query of the GET route (every parameter optional; exactly one of `configuration_id`,
/// `preset_id`).
#[derive(Debug, Default, IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)] // documents the query; parsed by hand for field-named errors
pub struct StreamQuery {
    /// A saved configuration of the caller's tenant.
    configuration_id: Option<String>,
    /// A preset id.
    preset_id: Option<String>,
    /// Number of patients (overrides the scenario's); `total_patients` is accepted too.
    count: Option<u64>,
    /// Seed; drawn by the server when neither the request nor the configuration sets one.
    seed: Option<u64>,
    /// `ndjson` (default) or `json`.
    format: Option<String>,
}

/// Streams patients generated from a scenario (body as for `POST /api/v1/generation`).
#[utoipa::path(post, path = "/api/v1/streaming/generate", tag = "streaming",
    security(("api_key" = [])),
    params(FormatQuery),
    request_body = StreamRequest,
    responses(
        (status = 200, description = "Patients, chunked: NDJSON (`application/x-ndjson`) or, with `format=json`, one JSON array. The seed used is in `X-Milmed-Seed`.",
            content(("application/x-ndjson"), ("application/json")),
            headers(("X-Milmed-Seed" = u64, description = "The seed used (drawn by the server when the request fixed none)"))),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 422, description = "Invalid request or scenario naming the field (`invalid_request`, `invalid_scenario`); count over the key's cap (`limit_exceeded`, naming `max_patients_per_job`)", body = ErrorBody),
        (status = 429, description = "Rate limit or daily patient quota (`rate_limited`, `quota_exceeded`), with `Retry-After`", body = ErrorBody),
    ))]
pub async fn generate_post(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(q): Query<HashMap<String, String>>,
    JsonBody(body): JsonBody<StreamRequest>,
) -> Result<Response, ApiError> {
    let mut format = None;
    for (k, v) in &q {
        match k.as_str() {
            "format" => format = Some(StreamFormat::parse(v, "format")?),
            other => {
                return Err(ApiError::InvalidRequest(format!(
                    "{other}: unknown query parameter; expected format"
                )))
            }
        }
    }
    if let Some(formats) = &body.output_formats {
        let [one] = formats.as_slice() else {
            return Err(ApiError::InvalidRequest(
                "output_formats: a stream has exactly one format, ndjson or json".to_string(),
            ));
        };
        let f = StreamFormat::parse(one, "output_formats[0]")?;
        if format.is_some_and(|q| q != f) {
            return Err(ApiError::InvalidRequest(format!(
                "output_formats[0]: {one:?} contradicts the format query parameter"
            )));
        }
        format = Some(f);
    }
    if body.use_compression == Some(true) {
        return Err(ApiError::InvalidRequest(
            "use_compression: a stream is not compressed; create a job for packaged files"
                .to_string(),
        ));
    }
    if body.use_encryption == Some(true) || body.encryption_password.is_some() {
        return Err(ApiError::InvalidRequest(
            "use_encryption: a stream is not encrypted; create a job for encrypted files"
                .to_string(),
        ));
    }
    if let Some(p) = &body.priority {
        if !crate::routes::validate::PRIORITIES.contains(&p.as_str()) {
            return Err(ApiError::InvalidRequest(format!(
                "priority: unknown priority {p:?}; expected low, normal or high"
            )));
        }
    }
    let source = ScenarioSource {
        configuration: body.configuration,
        configuration_id: body.configuration_id,
        preset_id: body.preset_id,
        total_patients: body.total_patients,
        seed: body.seed,
    };
    stream(
        &state,
        &caller,
        &source,
        format.unwrap_or(StreamFormat::Ndjson),
        "total_patients",
    )
    .await
}

/// Streams patients of a saved configuration or a preset.
#[utoipa::path(get, path = "/api/v1/streaming/generate", tag = "streaming",
    security(("api_key" = [])),
    params(StreamQuery),
    responses(
        (status = 200, description = "Patients, chunked: NDJSON (`application/x-ndjson`) or, with `format=json`, one JSON array. The seed used is in `X-Milmed-Seed`.",
            content(("application/x-ndjson"), ("application/json")),
            headers(("X-Milmed-Seed" = u64, description = "The seed used (drawn by the server when the request fixed none)"))),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 422, description = "Invalid parameter naming it (`invalid_request`, `invalid_scenario`); count over the key's cap (`limit_exceeded`, naming `max_patients_per_job`)", body = ErrorBody),
        (status = 429, description = "Rate limit or daily patient quota (`rate_limited`, `quota_exceeded`), with `Retry-After`", body = ErrorBody),
    ))]
pub async fn generate_get(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Query(q): Query<HashMap<String, String>>,
) -> Result<Response, ApiError> {
    let number = |k: &str, v: &str| {
        v.parse::<u64>().map_err(|_| {
            ApiError::InvalidRequest(format!("{k}: {v:?} is not a non-negative integer"))
        })
    };
    let mut source = ScenarioSource::default();
    let mut format = StreamFormat::Ndjson;
    let mut count_field = "count";
    for (k, v) in &q {
        match k.as_str() {
            "configuration_id" => source.configuration_id = Some(v.clone()),
            "preset_id" => source.preset_id = Some(v.clone()),
            "count" | "total_patients" => {
                if source.total_patients.is_some() {
                    return Err(ApiError::InvalidRequest(
                        "count: give count or total_patients, not both".to_string(),
                    ));
                }
                source.total_patients = Some(number(k, v)?);
                count_field = if k == "count" {
                    "count"
                } else {
                    "total_patients"
                };
            }
            "seed" => source.seed = Some(number(k, v)?),
            "format" => format = StreamFormat::parse(v, "format")?,
            other => {
                return Err(ApiError::InvalidRequest(format!(
                    "{other}: unknown query parameter; expected configuration_id, preset_id, count, seed, format"
                )))
            }
        }
    }
    stream(&state, &caller, &source, format, count_field).await
}

/// Resolves, checks the caps, reserves the quota and starts the stream.
async fn stream(
    state: &AppState,
    caller: &Caller,
    source: &ScenarioSource,
    format: StreamFormat,
    count_field: &str,
) -> Result<Response, ApiError> {
    let resolved = resolve_scenario(state, caller, source).await?;
    for w in &resolved.warnings {
        tracing::debug!(warning = %w, "streamed scenario accepted with a warning");
    }
    let mut scenario = resolved.scenario;
    if !resolved.seed_given {
        scenario.seed = draw_seed()?;
    }
    let n = scenario.total_patients;
    let field = if source.total_patients.is_some() {
        count_field
    } else if source.configuration.is_some() {
        "configuration.total_patients"
    } else {
        "total_patients"
    };
    check_patient_cap(caller, n, field)?;
    let key = &caller.key;
    let store = &state.service.store;
    let now = now_ms();
    let limit = key.limits.patients_per_day;
    match store
        .reserve_usage(&key.id, now, UsageCounter::Patients, n, limit)
        .await
    {
        Ok(_) => {}
        Err(StoreError::LimitExceeded { .. }) => {
            let limit = limit.unwrap_or_default();
            let err = ApiError::QuotaExceeded(format!(
                "patients_per_day: this key may generate {limit} patients per UTC day; {n} more would exceed it"
            ));
            return Ok(too_many(err, limit, next_day_ms(now), now));
        }
        Err(e) => return Err(e.into()),
    }

    let seed = scenario.seed;
    let (tx, rx) = mpsc::channel::<Result<Bytes, std::io::Error>>(CHANNEL_CAPACITY);
    let producer = tokio::task::spawn_blocking(move || produce(scenario, format, &tx));
    // Gives back the reservation of patients that were not sent (client gone, failure).
    let service = state.service.clone();
    let key_id = key.id.clone();
    tokio::spawn(async move {
        let written = match producer.await {
            Ok(w) => w,
            Err(e) => {
                tracing::error!(error = %e, "streaming generator panicked");
                0
            }
        };
        if written < n {
            let unused = i64::try_from(n - written).unwrap_or(i64::MAX);
            if let Err(e) = service
                .store
                .record_usage(&key_id, now_ms(), 0, -unused, 0)
                .await
            {
                tracing::warn!(error = %e, "cannot give back unused streaming quota");
            }
        }
    });
    let body = futures_util::stream::unfold(rx, |mut rx| async move {
        rx.recv().await.map(|item| (item, rx))
    });
    let mut res = Body::from_stream(body).into_response();
    *res.status_mut() = StatusCode::OK;
    let h = res.headers_mut();
    h.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(format.media_type()),
    );
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    if let Ok(v) = HeaderValue::from_str(&seed.to_string()) {
        h.insert(SEED_HEADER, v);
    }
    Ok(res)
}

/// A fresh seed from the operating system's generator.
fn draw_seed() -> Result<u64, ApiError> {
    getrandom::u64().map_err(|e| ApiError::Internal(format!("cannot draw a seed: {e}")))
}

/// Generates and encodes the scenario chunk by chunk into `tx`, on a blocking thread; returns
/// the patients sent. Stops early when the receiver is gone (the client disconnected).
fn produce(
    scenario: Scenario,
    format: StreamFormat,
    tx: &mpsc::Sender<Result<Bytes, std::io::Error>>,
) -> u64 {
    let gen = Generator::new(scenario);
    let s = gen.scenario();
    let fmt = match format {
        StreamFormat::Ndjson => Format::Ndjson,
        StreamFormat::Json => Format::Json,
    };
    let files = output_files(&[fmt]);
    let Some(file) = files.first().copied() else {
        return 0;
    };
    let mut enc = ChunkEncoder::new(
        &files,
        EncodeOptions {
            pretty: false,
            array: true,
            fhir_transaction: false,
        },
    );
    let send = |bytes: &[u8]| -> bool {
        bytes.is_empty() || tx.blocking_send(Ok(Bytes::copy_from_slice(bytes))).is_ok()
    };
    if !send(&enc.prologue(&file, &Value::Null)) {
        return 0;
    }
    let mut planner = gen.planner();
    let mut patient = Patient::empty();
    let mut written = 0u64;
    loop {
        enc.clear();
        let mut in_chunk = 0u64;
        for slot in planner.by_ref().take(STREAM_CHUNK) {
            gen.fill(&slot, &mut patient);
            if let Err(e) = enc.push(s, &patient) {
                tracing::error!(error = %e, "streaming encoder failed");
                // Aborts the response: the client sees a truncated body, not a complete one.
                let _ = tx.blocking_send(Err(std::io::Error::other("encoding failed")));
                return written;
            }
            in_chunk += 1;
        }
        if in_chunk == 0 {
            break;
        }
        if !send(&enc.buffers[0]) {
            tracing::debug!(written, "streaming client went away; generation stopped");
            count_patients(format, written);
            return written;
        }
        written += in_chunk;
    }
    if send(enc.epilogue(&file)) {
        count_patients(format, written);
    }
    written
}

/// Adds the patients sent to the `patients_generated_total` counter.
fn count_patients(format: StreamFormat, n: u64) {
    metrics::counter!("patients_generated_total", "format" => format.label()).increment(n);
}
