//! Key management for administrators (`/api/v1/keys`) and the caller's own usage
//! (`/api/v1/keys/me`). A new key's secret is in the creation response and nowhere else.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use milmed_store::{ApiKey, GeneratedKey, KeyLimits, KeyRole, NewKey, StoreError, UsageDay};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::clock::format_rfc3339_ms;
use crate::error::{ApiError, ErrorBody};
use crate::extract::JsonBody;
use crate::service::now_ms;
use crate::AppState;

/// A key's limits; absent or null means unlimited.
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// Most patients one job may ask for.
    pub max_patients_per_job: Option<u64>,
    /// Most jobs created per UTC day.
    pub jobs_per_day: Option<u64>,
    /// Most requests per minute.
    pub requests_per_minute: Option<u64>,
    /// Most requests per UTC day.
    pub requests_per_day: Option<u64>,
    /// Most patients generated per UTC day.
    pub patients_per_day: Option<u64>,
    /// Most jobs queued or running at once.
    pub max_concurrent_jobs: Option<u64>,
}

impl From<&KeyLimits> for Limits {
    fn from(l: &KeyLimits) -> Self {
        Limits {
            max_patients_per_job: l.max_patients_per_job,
            jobs_per_day: l.jobs_per_day,
            requests_per_minute: l.requests_per_minute,
            requests_per_day: l.requests_per_day,
            patients_per_day: l.patients_per_day,
            max_concurrent_jobs: l.max_concurrent_jobs,
        }
    }
}

impl From<Limits> for KeyLimits {
    fn from(l: Limits) -> Self {
        KeyLimits {
            max_patients_per_job: l.max_patients_per_job,
            jobs_per_day: l.jobs_per_day,
            requests_per_minute: l.requests_per_minute,
            requests_per_day: l.requests_per_day,
            patients_per_day: l.patients_per_day,
            max_concurrent_jobs: l.max_concurrent_jobs,
        }
    }
}

/// A key as listed: never its secret or hash, only the first characters.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeyView {
    /// Key id.
    pub id: String,
    /// Label.
    pub name: String,
    /// The first characters of the key.
    pub key_prefix: String,
    /// `user` or `admin`.
    pub role: String,
    /// Tenant whose jobs and scenarios the key sees.
    pub tenant_id: String,
    /// Limits (null = unlimited).
    pub limits: Limits,
    /// RFC 3339.
    pub created_at: String,
    /// RFC 3339, null when it never expires.
    pub expires_at: Option<String>,
    /// RFC 3339, null unless revoked.
    pub revoked_at: Option<String>,
    /// RFC 3339, null when never used (updated at most every 30 s).
    pub last_used_at: Option<String>,
    /// Whether the key authenticates requests now.
    pub active: bool,
}

impl KeyView {
    fn of(k: &ApiKey) -> KeyView {
        let now = now_ms();
        KeyView {
            id: k.id.clone(),
            name: k.name.clone(),
            key_prefix: k.key_prefix.clone(),
            role: k.role.as_str().to_string(),
            tenant_id: k.tenant_id.clone(),
            limits: Limits::from(&k.limits),
            created_at: format_rfc3339_ms(k.created_at),
            expires_at: k.expires_at.map(format_rfc3339_ms),
            revoked_at: k.revoked_at.map(format_rfc3339_ms),
            last_used_at: k.last_used_at.map(format_rfc3339_ms),
            active: k.revoked_at.is_none() && k.expires_at.is_none_or(|e| e > now),
        }
    }
}

/// A new key.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CreateKey {
    /// Label, 1–100 characters.
    pub name: String,
    /// `user` (default) or `admin`.
    pub role: Option<String>,
    /// Tenant; default: a new tenant of its own (the key's id).
    pub tenant_id: Option<String>,
    /// Limits; default unlimited.
    #[serde(default)]
    pub limits: Limits,
    /// Days until the key expires; default never.
    pub expires_in_days: Option<u32>,
}

/// The created key, with its secret shown this once.
#[derive(Debug, Serialize, ToSchema)]
pub struct CreatedKey {
    /// The secret. It is stored only as a hash and cannot be shown again.
    pub key: String,
    /// The stored key.
    #[serde(flatten)]
    pub info: KeyView,
}

/// Usage counters of one UTC day.
#[derive(Debug, Serialize, ToSchema)]
pub struct Usage {
    /// The day, `YYYY-MM-DD`.
    pub date: String,
    /// Requests counted.
    pub requests: u64,
    /// Patients generated or reserved by jobs.
    pub patients: u64,
    /// Jobs created.
    pub jobs: u64,
}

impl From<&UsageDay> for Usage {
    fn from(u: &UsageDay) -> Self {
        Usage {
            date: format_rfc3339_ms(u.day * 86_400_000)[..10].to_string(),
            requests: u.requests,
            patients: u.patients,
            jobs: u.jobs,
        }
    }
}

/// A key with its usage today.
#[derive(Debug, Serialize, ToSchema)]
pub struct KeyUsage {
    /// The key.
    pub key: KeyView,
    /// Today's counters (UTC); requests of unlimited keys are added once a second.
    pub today: Usage,
    /// The last 30 days with any usage, oldest first.
    pub history: Vec<Usage>,
}

const MAX_NAME: usize = 100;

fn tenant_ok(t: &str) -> bool {
    !t.is_empty()
        && t.len() <= 64
        && t.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
}

/// Creates a key (admin).
#[utoipa::path(post, path = "/api/v1/keys", tag = "keys", security(("api_key" = [])),
    request_body = CreateKey,
    responses(
        (status = 201, description = "Created; the secret is in `key`, shown once", body = CreatedKey),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 403, description = "Not an admin key", body = ErrorBody),
        (status = 422, description = "Invalid field", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<CreateKey>,
) -> Result<(StatusCode, Json<CreatedKey>), ApiError> {
    caller.require_admin()?;
    let name = body.name.trim();
    if name.is_empty() || name.chars().count() > MAX_NAME {
        return Err(ApiError::InvalidRequest(format!(
            "name: must be 1–{MAX_NAME} characters"
        )));
    }
    let role = match body.role.as_deref() {
        None | Some("user") => KeyRole::User,
        Some("admin") => KeyRole::Admin,
        Some(other) => {
            return Err(ApiError::InvalidRequest(format!(
                "role: unknown role {other:?}; expected user or admin"
            )))
        }
    };
    let generated = GeneratedKey::generate()?;
    let tenant_id = match body.tenant_id {
        Some(t) if tenant_ok(&t) => t,
        Some(_) => {
            return Err(ApiError::InvalidRequest(
                "tenant_id: 1–64 characters of A–Z a–z 0–9 - _ .".to_string(),
            ))
        }
        None => format!("t-{}", &generated.hash[..16]),
    };
    let now = now_ms();
    let expires_at = body
        .expires_in_days
        .map(|d| now + i64::from(d) * 86_400_000);
    let stored = state
        .service
        .store
        .create_key(
            &NewKey {
                name: name.to_string(),
                role,
                tenant_id,
                key_prefix: generated.prefix.clone(),
                key_hash: generated.hash.clone(),
                limits: body.limits.into(),
                expires_at,
            },
            now,
        )
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(CreatedKey {
            key: generated.plaintext,
            info: KeyView::of(&stored),
        }),
    ))
}

/// Lists every key (admin), never with secrets.
#[utoipa::path(get, path = "/api/v1/keys", tag = "keys", security(("api_key" = [])),
    responses(
        (status = 200, description = "Keys", body = Vec<KeyView>),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 403, description = "Not an admin key", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<Vec<KeyView>>, ApiError> {
    caller.require_admin()?;
    let keys = state.service.store.list_keys(None).await?;
    Ok(Json(keys.iter().map(KeyView::of).collect()))
}

fn key_not_found(id: &str) -> impl FnOnce(StoreError) -> ApiError + '_ {
    move |e| match e {
        StoreError::NotFound { .. } => ApiError::KeyNotFound(id.to_string()),
        e => e.into(),
    }
}

/// Revokes a key (admin). Other nodes stop accepting it within the auth cache time (5 s).
#[utoipa::path(post, path = "/api/v1/keys/{id}/revoke", tag = "keys", security(("api_key" = [])),
    params(("id" = String, Path, description = "Key id")),
    responses(
        (status = 200, description = "Revoked", body = KeyView),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 403, description = "Not an admin key", body = ErrorBody),
        (status = 404, description = "No such key (`key_not_found`)", body = ErrorBody),
    ))]
pub async fn revoke(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<KeyView>, ApiError> {
    caller.require_admin()?;
    let key = state
        .service
        .store
        .revoke_key(&id, now_ms())
        .await
        .map_err(key_not_found(&id))?;
    state.service.auth.clear();
    Ok(Json(KeyView::of(&key)))
}

async fn usage_of(state: &AppState, key: &ApiKey) -> Result<KeyUsage, ApiError> {
    let now = now_ms();
    state.service.flush_usage().await;
    let store = &state.service.store;
    let today = store.usage_on(&key.id, now).await?;
    let history = store.usage_history(&key.id, now, 30).await?;
    Ok(KeyUsage {
        key: KeyView::of(key),
        today: Usage::from(&today),
        history: history.iter().map(Usage::from).collect(),
    })
}

/// One key's usage (admin).
#[utoipa::path(get, path = "/api/v1/keys/{id}/usage", tag = "keys", security(("api_key" = [])),
    params(("id" = String, Path, description = "Key id")),
    responses(
        (status = 200, description = "Usage", body = KeyUsage),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 403, description = "Not an admin key", body = ErrorBody),
        (status = 404, description = "No such key (`key_not_found`)", body = ErrorBody),
    ))]
pub async fn usage(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<KeyUsage>, ApiError> {
    caller.require_admin()?;
    let key = state
        .service
        .store
        .get_key(&id)
        .await
        .map_err(key_not_found(&id))?;
    Ok(Json(usage_of(&state, &key).await?))
}

/// The caller's own key, limits and usage.
#[utoipa::path(get, path = "/api/v1/keys/me", tag = "keys", security(("api_key" = [])),
    responses(
        (status = 200, description = "The caller's key and usage", body = KeyUsage),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 429, description = "Rate limit (`rate_limited`)", body = ErrorBody),
    ))]
pub async fn me(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<KeyUsage>, ApiError> {
    Ok(Json(usage_of(&state, &caller.key).await?))
}
