//! Saved scenarios of the caller's tenant (`/api/v1/configurations`), with versions.
//!
//! - A configuration is saved only after full validation; what is stored (and returned as
//!   `configuration`) is the canonical scenario, every default filled in — except `seed`,
//!   which is kept only when the client set it, so that a configuration saved without a seed
//!   still gets a fresh one drawn per generation.
//! - Every `PUT` stores a new version (`version` + 1); `parent_config_id` names the version it
//!   replaced as `{id}@v{n}` (null for version 1).
//! - Another tenant's configuration is 404 `configuration_not_found`, as an unknown id is.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::{Extension, Json};
use milmed_core::scenario::to_canonical_json;
use milmed_store::{SavedScenario, ScenarioVersion, StoreError};
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::auth::Caller;
use crate::clock::format_rfc3339_ms;
use crate::error::{ApiError, ErrorBody};
use crate::extract::JsonBody;
use crate::routes::source::has_seed;
use crate::routes::validate::{check_scenario, issues_detail, Overrides};
use crate::service::now_ms;
use crate::AppState;

/// A saved configuration (one version of it).
#[derive(Debug, Serialize, ToSchema)]
#[schema(example = json!({
    "id": "0b6f6a2e-3c7e-4e7a-9d55-3c1d2f4b8a10",
    "name": "Exercise Baltic Shield",
    "version": 2,
    "parent_config_id": "0b6f6a2e-3c7e-4e7a-9d55-3c1d2f4b8a10@v1",
    "created_at": "2026-01-05T10:00:00.000Z",
    "updated_at": "2026-01-06T08:30:00.000Z",
    "configuration": {"name": "Exercise Baltic Shield", "total_patients": 1440}
}))]
pub struct Configuration {
    /// Configuration id (UUID); the same for every version.
    pub id: String,
    /// Name, unique within the tenant (the scenario's `name`).
    pub name: String,
    /// Version number: 1 when created, + 1 for each `PUT`.
    pub version: u32,
    /// The version this one replaced, as `{id}@v{n}`; null for version 1.
    pub parent_config_id: Option<String>,
    /// When version 1 was saved (RFC 3339).
    pub created_at: String,
    /// When this version was saved (RFC 3339).
    pub updated_at: String,
    /// The canonical scenario: every default filled in; `seed` only when the client set one.
    #[schema(value_type = Object)]
    pub configuration: Value,
}

impl Configuration {
    fn of(saved: &SavedScenario, v: &ScenarioVersion) -> Result<Self, ApiError> {
        let configuration = serde_json::from_str(&v.scenario_json).map_err(|e| {
            ApiError::Internal(format!("saved configuration {} is not JSON: {e}", saved.id))
        })?;
        Ok(Configuration {
            id: saved.id.clone(),
            name: saved.name.clone(),
            version: v.version,
            parent_config_id: (v.version > 1).then(|| format!("{}@v{}", saved.id, v.version - 1)),
            created_at: format_rfc3339_ms(saved.created_at),
            updated_at: format_rfc3339_ms(v.created_at),
            configuration,
        })
    }
}

fn not_found(id: &str) -> impl FnOnce(StoreError) -> ApiError + '_ {
    move |e| match e {
        StoreError::NotFound { .. } => ApiError::ConfigurationNotFound(id.to_string()),
        e => e.into(),
    }
}

/// Validates a scenario body and returns its name and the JSON to store.
fn canonical(body: Value) -> Result<(String, String), ApiError> {
    if !body.is_object() {
        return Err(ApiError::InvalidRequest(
            "the body must be a scenario object".to_string(),
        ));
    }
    let seed = has_seed(&body);
    let named = body
        .get("name")
        .and_then(Value::as_str)
        .is_some_and(|n| !n.trim().is_empty());
    let parsed = check_scenario(body, "", &Overrides::default())
        .map_err(|issues| ApiError::InvalidScenario(issues_detail(&issues)))?;
    if !named {
        return Err(ApiError::InvalidScenario(
            "name: a saved configuration needs a non-empty name".to_string(),
        ));
    }
    let mut json = to_canonical_json(&parsed.scenario);
    if !seed {
        if let Value::Object(m) = &mut json {
            m.remove("seed");
        }
    }
    Ok((parsed.scenario.name.clone(), json.to_string()))
}

/// Lists the configurations of the caller's tenant (all tenants for an admin key), oldest
/// first, each at its newest version.
#[utoipa::path(get, path = "/api/v1/configurations", tag = "configurations",
    security(("api_key" = [])),
    responses(
        (status = 200, description = "Saved configurations, newest version of each", body = Vec<Configuration>),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 429, description = "Rate limit (`rate_limited`)", body = ErrorBody),
    ))]
pub async fn list(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
) -> Result<Json<Vec<Configuration>>, ApiError> {
    let store = &state.service.store;
    let saved = store.list_scenarios(caller.scope()).await?;
    let mut out = Vec::with_capacity(saved.len());
    for s in &saved {
        match store
            .get_scenario_version(caller.scope(), &s.id, Some(s.latest_version))
            .await
        {
            Ok(v) => out.push(Configuration::of(s, &v)?),
            // Deleted between the two reads.
            Err(StoreError::NotFound { .. }) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(Json(out))
}

/// Saves a scenario as version 1 of a new configuration.
#[utoipa::path(post, path = "/api/v1/configurations", tag = "configurations",
    security(("api_key" = [])),
    request_body(content = Object, description = "A scenario object (docs/scenario.md) with a non-empty `name`"),
    responses(
        (status = 201, description = "Saved", body = Configuration),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 409, description = "The tenant already has a configuration of this name (`conflict`)", body = ErrorBody),
        (status = 422, description = "Invalid scenario, naming the field path (`invalid_scenario`, `invalid_request`)", body = ErrorBody),
        (status = 429, description = "Rate limit (`rate_limited`)", body = ErrorBody),
    ))]
pub async fn create(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    JsonBody(body): JsonBody<Value>,
) -> Result<(StatusCode, Json<Configuration>), ApiError> {
    let (name, json) = canonical(body)?;
    let store = &state.service.store;
    let saved = store
        .create_scenario(&caller.key.tenant_id, &name, &json, now_ms())
        .await
        .map_err(|e| match e {
            StoreError::Conflict { .. } => ApiError::Conflict(format!(
                "name: a configuration named {name:?} already exists"
            )),
            e => e.into(),
        })?;
    let v = store
        .get_scenario_version(caller.scope(), &saved.id, Some(1))
        .await
        .map_err(not_found(&saved.id))?;
    Ok((StatusCode::CREATED, Json(Configuration::of(&saved, &v)?)))
}

/// One configuration at its newest version.
#[utoipa::path(get, path = "/api/v1/configurations/{id}", tag = "configurations",
    security(("api_key" = [])),
    params(("id" = String, Path, description = "Configuration id")),
    responses(
        (status = 200, description = "The configuration", body = Configuration),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "Unknown, or another tenant's (`configuration_not_found`)", body = ErrorBody),
        (status = 429, description = "Rate limit (`rate_limited`)", body = ErrorBody),
    ))]
pub async fn show(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Configuration>, ApiError> {
    let store = &state.service.store;
    let saved = store
        .get_scenario(caller.scope(), &id)
        .await
        .map_err(not_found(&id))?;
    let v = store
        .get_scenario_version(caller.scope(), &id, Some(saved.latest_version))
        .await
        .map_err(not_found(&id))?;
    Ok(Json(Configuration::of(&saved, &v)?))
}

/// Saves a new version of a configuration. The body is the whole scenario; its `name` may be
/// left out, and when present must be the configuration's name (renaming is not supported).
#[utoipa::path(put, path = "/api/v1/configurations/{id}", tag = "configurations",
    security(("api_key" = [])),
    params(("id" = String, Path, description = "Configuration id")),
    request_body(content = Object, description = "The new scenario (docs/scenario.md)"),
    responses(
        (status = 200, description = "The new version", body = Configuration),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "Unknown, or another tenant's (`configuration_not_found`)", body = ErrorBody),
        (status = 422, description = "Invalid scenario, naming the field path (`invalid_scenario`, `invalid_request`)", body = ErrorBody),
        (status = 429, description = "Rate limit (`rate_limited`)", body = ErrorBody),
    ))]
pub async fn update(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
    JsonBody(mut body): JsonBody<Value>,
) -> Result<Json<Configuration>, ApiError> {
    let store = &state.service.store;
    let saved = store
        .get_scenario(caller.scope(), &id)
        .await
        .map_err(not_found(&id))?;
    if let Value::Object(m) = &mut body {
        match m.get("name") {
            None | Some(Value::Null) => {
                m.insert("name".into(), Value::from(saved.name.clone()));
            }
            Some(Value::String(n)) if *n != saved.name => {
                return Err(ApiError::InvalidScenario(format!(
                    "name: a configuration keeps its name ({:?}); leave `name` out or save a new configuration",
                    saved.name
                )))
            }
            Some(_) => {}
        }
    }
    let (_, json) = canonical(body)?;
    let v = store
        .add_scenario_version(caller.scope(), &id, &json, now_ms())
        .await
        .map_err(not_found(&id))?;
    let saved = store
        .get_scenario(caller.scope(), &id)
        .await
        .map_err(not_found(&id))?;
    Ok(Json(Configuration::of(&saved, &v)?))
}

/// Deletes a configuration with all its versions.
#[utoipa::path(delete, path = "/api/v1/configurations/{id}", tag = "configurations",
    security(("api_key" = [])),
    params(("id" = String, Path, description = "Configuration id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "Unknown, or another tenant's (`configuration_not_found`)", body = ErrorBody),
        (status = 429, description = "Rate limit (`rate_limited`)", body = ErrorBody),
    ))]
pub async fn delete(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<StatusCode, ApiError> {
    state
        .service
        .store
        .delete_scenario(caller.scope(), &id)
        .await
        .map_err(not_found(&id))?;
    Ok(StatusCode::NO_CONTENT)
}

/// Every version of a configuration, oldest first.
#[utoipa::path(get, path = "/api/v1/configurations/{id}/versions", tag = "configurations",
    security(("api_key" = [])),
    params(("id" = String, Path, description = "Configuration id")),
    responses(
        (status = 200, description = "Versions, oldest first", body = Vec<Configuration>),
        (status = 401, description = "Missing or invalid key", body = ErrorBody),
        (status = 404, description = "Unknown, or another tenant's (`configuration_not_found`)", body = ErrorBody),
        (status = 429, description = "Rate limit (`rate_limited`)", body = ErrorBody),
    ))]
pub async fn versions(
    State(state): State<AppState>,
    Extension(caller): Extension<Caller>,
    Path(id): Path<String>,
) -> Result<Json<Vec<Configuration>>, ApiError> {
    let store = &state.service.store;
    let saved = store
        .get_scenario(caller.scope(), &id)
        .await
        .map_err(not_found(&id))?;
    let versions = store
        .list_scenario_versions(caller.scope(), &id)
        .await
        .map_err(not_found(&id))?;
    let out = versions
        .iter()
        .map(|v| Configuration::of(&saved, v))
        .collect::<Result<Vec<_>, _>>()?;
    Ok(Json(out))
}
