//! Where a generation request's scenario comes from: an inline `configuration`, a saved
//! `configuration_id` of the caller's tenant, or a built-in `preset_id` — exactly one — plus
//! the top-level `total_patients` and `seed` overrides. Shared by the generation, streaming and
//! validation routes, so all of them accept and reject the same requests.

use milmed_core::presets;
use milmed_core::scenario::Scenario;
use milmed_store::StoreError;
use serde_json::Value;

use crate::auth::Caller;
use crate::error::ApiError;
use crate::routes::validate::{check_scenario, issues_detail, Overrides};
use crate::AppState;

/// The scenario part of a generation-shaped request.
#[derive(Debug, Clone, Default)]
pub(crate) struct ScenarioSource {
    /// An inline scenario object (`count` accepted for `total_patients`).
    pub configuration: Option<Value>,
    /// A saved configuration of the caller's tenant (its newest version).
    pub configuration_id: Option<String>,
    /// A built-in preset.
    pub preset_id: Option<String>,
    /// Replaces the scenario's patient count.
    pub total_patients: Option<u64>,
    /// Replaces the scenario's seed.
    pub seed: Option<u64>,
}

/// A resolved, fully validated scenario.
#[derive(Debug, Clone)]
pub(crate) struct Resolved {
    /// The scenario, overrides applied. When `seed_given` is false its `seed` is the parser's
    /// default, and the caller is expected to draw one.
    pub scenario: Scenario,
    /// Accepted legacy keys, mapped or ignored.
    pub warnings: Vec<String>,
    /// Whether the request (`seed`) or the scenario source (a `seed` key in the inline or saved
    /// configuration) fixed the seed.
    pub seed_given: bool,
}

/// Whether a scenario object sets its seed.
pub(crate) fn has_seed(scenario: &Value) -> bool {
    scenario.get("seed").is_some_and(|s| !s.is_null())
}

/// The newest version of a saved configuration as a scenario object, if the caller's tenant
/// (any tenant for an admin key) has one with this id. Unknown and foreign ids both give
/// `None`, so a tenant cannot probe another's ids.
pub(crate) async fn load_configuration(
    state: &AppState,
    caller: &Caller,
    id: &str,
) -> Result<Option<Value>, ApiError> {
    match state
        .service
        .store
        .get_scenario_version(caller.scope(), id, None)
        .await
    {
        Ok(v) => serde_json::from_str(&v.scenario_json)
            .map(Some)
            .map_err(|e| ApiError::Internal(format!("saved configuration {id} is not JSON: {e}"))),
        Err(StoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

/// Resolves and validates the scenario of a generation-shaped request.
///
/// Errors, all 422 with the field path in the detail:
/// - not exactly one of `configuration`, `configuration_id`, `preset_id` → `invalid_request`;
/// - `configuration` not an object → `invalid_request`;
/// - unknown `configuration_id` (or another tenant's) or `preset_id` → `invalid_scenario`
///   naming that field;
/// - a scenario that fails validation → `invalid_scenario` listing every `path: message`
///   (paths inside an inline configuration are prefixed `configuration.`; errors in the
///   overridden `total_patients`/`seed` are reported at the top level).
///
/// It does not check the key's patient cap or quotas; see [`check_patient_cap`].
pub(crate) async fn resolve_scenario(
    state: &AppState,
    caller: &Caller,
    req: &ScenarioSource,
) -> Result<Resolved, ApiError> {
    let given = [
        req.configuration.is_some(),
        req.configuration_id.is_some(),
        req.preset_id.is_some(),
    ]
    .into_iter()
    .filter(|g| *g)
    .count();
    if given != 1 {
        return Err(ApiError::InvalidRequest(format!(
            "configuration, configuration_id, preset_id: exactly one must be given ({given} were)"
        )));
    }
    let (scenario, prefix) = if let Some(config) = &req.configuration {
        if !config.is_object() {
            return Err(ApiError::InvalidRequest(
                "configuration: must be a JSON object".to_string(),
            ));
        }
        (config.clone(), "configuration")
    } else if let Some(id) = &req.configuration_id {
        match load_configuration(state, caller, id).await? {
            Some(config) => (config, ""),
            None => {
                return Err(ApiError::InvalidScenario(format!(
                    "configuration_id: no saved configuration has the id {id:?}"
                )))
            }
        }
    } else {
        let id = req.preset_id.as_deref().unwrap_or_default();
        let preset = presets::get(id).map_err(|_| {
            ApiError::InvalidScenario(format!(
                "preset_id: no preset has the id {id:?}; see GET /api/v1/presets"
            ))
        })?;
        let config: Value = serde_json::from_str(preset.json)
            .map_err(|e| ApiError::Internal(format!("preset {id} is not JSON: {e}")))?;
        (config, "")
    };
    let seed_given = req.seed.is_some() || has_seed(&scenario);
    let overrides = Overrides {
        total_patients: req.total_patients,
        seed: req.seed,
    };
    let parsed = check_scenario(scenario, prefix, &overrides)
        .map_err(|issues| ApiError::InvalidScenario(issues_detail(&issues)))?;
    Ok(Resolved {
        scenario: parsed.scenario,
        warnings: parsed.warnings,
        seed_given,
    })
}

/// 422 `limit_exceeded` when `n` patients are over the key's `max_patients_per_job`;
/// `field` is the request field that set the count (`total_patients`, `count`).
pub(crate) fn check_patient_cap(caller: &Caller, n: u64, field: &str) -> Result<(), ApiError> {
    match caller.key.limits.max_patients_per_job {
        Some(max) if n > max => Err(ApiError::LimitExceeded(format!(
            "{field}: {n} patients requested, over this key's limit max_patients_per_job = {max}"
        ))),
        _ => Ok(()),
    }
}
