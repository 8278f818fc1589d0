//! `POST /api/v1/configurations/validate`: validation as a service. A scenario that fails
//! validation is a normal answer (200, `valid: false`); only a body that is not a JSON object
//! of an accepted shape is an error (400/413/415/422 envelope).

use axum::extract::State;
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use axum::Json;
use milmed_core::presets;
use milmed_core::scenario::{parse_value, to_canonical_json, Parsed};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::auth::{authenticate, Caller};
use crate::error::{ApiError, ErrorBody};
use crate::extract::JsonBody;
use crate::routes::source::load_configuration;
use crate::AppState;

/// The output formats a job can produce.
pub const OUTPUT_FORMATS: [&str; 7] = ["json", "ndjson", "csv", "xml", "xlsx", "fhir", "ndef"];
/// Job priorities.
pub const PRIORITIES: [&str; 3] = ["low", "normal", "high"];
/// Shortest accepted encryption password.
pub const MIN_PASSWORD_LEN: usize = 8;

/// The generation request shape, accepted here so clients can check what they are about to
/// submit. A body without `configuration`, `configuration_id` or `preset_id` is taken to be
/// the scenario itself.
#[derive(Debug, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ValidateRequest {
    /// The scenario (see docs/scenario.md); `count` is accepted for `total_patients`.
    #[schema(value_type = Option<Object>)]
    pub configuration: Option<Value>,
    /// A saved configuration's id (`/api/v1/configurations`); needs `X-API-Key`.
    pub configuration_id: Option<String>,
    /// A preset id (see `/api/v1/presets`).
    pub preset_id: Option<String>,
    /// Overrides the scenario's patient count.
    pub total_patients: Option<u64>,
    /// Overrides the scenario's seed.
    pub seed: Option<u64>,
    /// Requested output formats.
    pub output_formats: Option<Vec<String>>,
    /// Zip the output.
    // Accepted so that generation-shaped bodies validate; no rule depends on it.
    #[allow(dead_code)]
    pub use_compression: Option<bool>,
    /// Encrypt the output (needs `encryption_password`).
    pub use_encryption: Option<bool>,
    /// Password for encryption, at least 8 characters; never echoed.
    pub encryption_password: Option<String>,
    /// Queue priority: low, normal, high.
    pub priority: Option<String>,
}

/// One problem, with the path of the field it concerns.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct ValidationIssue {
    /// Dotted field path, e.g. `configuration.front_configs[1].nationality_distribution`;
    /// empty when the problem concerns the whole body.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

/// The validation answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct ValidationResult {
    /// Whether the request would be accepted.
    pub valid: bool,
    /// Every problem found (empty when valid).
    pub errors: Vec<ValidationIssue>,
    /// Accepted legacy keys, mapped or ignored, and similar notes.
    pub warnings: Vec<String>,
    /// The scenario in canonical form, every default filled in (null when invalid).
    #[schema(value_type = Option<Object>)]
    pub normalized: Option<Value>,
}

pub(crate) fn issue(path: impl Into<String>, message: impl Into<String>) -> ValidationIssue {
    ValidationIssue {
        path: path.into(),
        message: message.into(),
    }
}

/// Validates a scenario, or a generation-shaped request wrapping one.
///
/// The route is public, but a saved configuration belongs to a tenant: a body with a
/// (non-null) `configuration_id` is authenticated like a protected route (401 without a valid
/// `X-API-Key`, counted against the key's request limits).
#[utoipa::path(post, path = "/api/v1/configurations/validate", tag = "configurations",
    request_body(content = ValidateRequest,
        description = "A generation-shaped request (`configuration`, `configuration_id` or `preset_id`), or a bare scenario object"),
    security((), ("api_key" = [])),
    responses(
        (status = 200, description = "Validation result, valid or not", body = ValidationResult),
        (status = 400, description = "Malformed JSON (`malformed_json`)", body = ErrorBody),
        (status = 401, description = "`configuration_id` without a valid `X-API-Key` (`missing_api_key`, `invalid_api_key`)", body = ErrorBody),
        (status = 413, description = "Body too large (`payload_too_large`)", body = ErrorBody),
        (status = 415, description = "Body not JSON (`unsupported_media_type`)", body = ErrorBody),
        (status = 422, description = "Body of the wrong shape (`invalid_request`)", body = ErrorBody),
        (status = 429, description = "`configuration_id` with a key over its request rate (`rate_limited`)", body = ErrorBody),
    ))]
pub async fn validate(
    State(state): State<AppState>,
    headers: HeaderMap,
    JsonBody(body): JsonBody<Value>,
) -> Result<Response, ApiError> {
    let Value::Object(obj) = body else {
        return Err(ApiError::InvalidRequest(
            "the body must be a JSON object: a scenario, or a request with `configuration`, `configuration_id` or `preset_id`"
                .to_string(),
        ));
    };
    let wrapped = ["configuration", "configuration_id", "preset_id"]
        .iter()
        .any(|k| obj.contains_key(*k));
    if !wrapped {
        let result = validate_scenario(Value::Object(obj), "", &Overrides::default());
        return Ok(Json(result).into_response());
    }
    let req: ValidateRequest =
        serde_path_to_error::deserialize(Value::Object(obj)).map_err(|e| {
            let path = e.path().to_string();
            ApiError::InvalidRequest(format!("{path}: {}", e.into_inner()))
        })?;
    if req.configuration_id.is_none() {
        return Ok(Json(validate_request(&req, None).await?).into_response());
    }
    let (caller, rate) = match authenticate(&state, &headers).await {
        Ok(found) => found,
        Err(res) => return Ok(*res),
    };
    let result = validate_request(&req, Some((&state, &caller))).await?;
    let mut res = Json(result).into_response();
    if let Some(r) = rate {
        r.apply(res.headers_mut());
    }
    Ok(res)
}

/// Top-level values that replace the scenario's own.
#[derive(Debug, Default)]
pub(crate) struct Overrides {
    /// Replaces `total_patients` (and its alias `count`).
    pub total_patients: Option<u64>,
    /// Replaces `seed`.
    pub seed: Option<u64>,
}

/// Checks a generation-shaped request. `caller` is needed (and given by the handler) only
/// when the request names a `configuration_id`.
async fn validate_request(
    req: &ValidateRequest,
    caller: Option<(&AppState, &Caller)>,
) -> Result<ValidationResult, ApiError> {
    let mut errors = Vec::new();
    let sources = [
        req.configuration.is_some(),
        req.configuration_id.is_some(),
        req.preset_id.is_some(),
    ];
    if sources.iter().filter(|s| **s).count() != 1 {
        errors.push(issue(
            "",
            "exactly one of configuration, configuration_id, preset_id must be given",
        ));
    }
    if let Some(formats) = &req.output_formats {
        if formats.is_empty() {
            errors.push(issue(
                "output_formats",
                "at least one output format is required",
            ));
        }
        for (i, f) in formats.iter().enumerate() {
            if !OUTPUT_FORMATS.contains(&f.as_str()) {
                errors.push(issue(
                    format!("output_formats[{i}]"),
                    format!(
                        "unknown format {f:?}; expected one of {}",
                        OUTPUT_FORMATS.join(", ")
                    ),
                ));
            }
        }
    }
    if req.use_encryption == Some(true)
        && req
            .encryption_password
            .as_ref()
            .is_none_or(|p| p.chars().count() < MIN_PASSWORD_LEN)
    {
        errors.push(issue(
            "encryption_password",
            format!("use_encryption needs a password of at least {MIN_PASSWORD_LEN} characters"),
        ));
    }
    if let Some(p) = &req.priority {
        if !PRIORITIES.contains(&p.as_str()) {
            errors.push(issue(
                "priority",
                format!(
                    "unknown priority {p:?}; expected one of {}",
                    PRIORITIES.join(", ")
                ),
            ));
        }
    }
    let overrides = Overrides {
        total_patients: req.total_patients,
        seed: req.seed,
    };
    let mut result = if !errors.is_empty() {
        ValidationResult {
            valid: false,
            errors: Vec::new(),
            warnings: Vec::new(),
            normalized: None,
        }
    } else if let Some(config) = &req.configuration {
        if !config.is_object() {
            return Err(ApiError::InvalidRequest(
                "configuration: must be a JSON object".to_string(),
            ));
        }
        validate_scenario(config.clone(), "configuration", &overrides)
    } else if let Some(id) = &req.preset_id {
        match presets::get(id).and_then(|p| p.parse()) {
            Ok(parsed) => validate_scenario(to_canonical_json(&parsed.scenario), "", &overrides),
            Err(_) => ValidationResult {
                valid: false,
                errors: vec![issue("preset_id", format!("no preset has the id {id:?}"))],
                warnings: Vec::new(),
                normalized: None,
            },
        }
    } else if let Some(id) = &req.configuration_id {
        let saved = match caller {
            Some((state, caller)) => load_configuration(state, caller, id).await?,
            None => None,
        };
        match saved {
            Some(config) => validate_scenario(config, "", &overrides),
            None => ValidationResult {
                valid: false,
                errors: vec![issue(
                    "configuration_id",
                    format!("no saved configuration has the id {id:?}"),
                )],
                warnings: Vec::new(),
                normalized: None,
            },
        }
    } else {
        ValidationResult {
            valid: false,
            errors: Vec::new(),
            warnings: Vec::new(),
            normalized: None,
        }
    };
    errors.append(&mut result.errors);
    result.valid = errors.is_empty();
    result.errors = errors;
    if !result.valid {
        result.normalized = None;
    }
    Ok(result)
}

/// Validates one scenario object; `prefix` is prepended to the field paths of its errors.
pub(crate) fn validate_scenario(scenario: Value, prefix: &str, ov: &Overrides) -> ValidationResult {
    match check_scenario(scenario, prefix, ov) {
        Ok(parsed) => ValidationResult {
            valid: true,
            errors: Vec::new(),
            normalized: Some(to_canonical_json(&parsed.scenario)),
            warnings: parsed.warnings,
        },
        Err(errors) => ValidationResult {
            valid: false,
            errors,
            warnings: Vec::new(),
            normalized: None,
        },
    }
}

/// Parses one scenario object after applying the overrides; the errors carry field paths
/// with `prefix` prepended (except errors in overridden fields, which are the top-level
/// values the client sent).
pub(crate) fn check_scenario(
    mut scenario: Value,
    prefix: &str,
    ov: &Overrides,
) -> Result<Parsed, Vec<ValidationIssue>> {
    let mut overridden = Vec::new();
    if let Value::Object(m) = &mut scenario {
        if let Some(n) = ov.total_patients {
            m.remove("count");
            m.insert("total_patients".into(), Value::from(n));
            overridden.push("total_patients");
        }
        if let Some(s) = ov.seed {
            m.insert("seed".into(), Value::from(s));
            overridden.push("seed");
        }
    }
    parse_value(&scenario).map_err(|e| {
        e.field_errors()
            .iter()
            .map(|fe| {
                // An error in an overridden field is about the top-level value the
                // client sent, so it is reported there.
                let path = if prefix.is_empty() || overridden.contains(&fe.path.as_str()) {
                    fe.path.clone()
                } else if fe.path.is_empty() {
                    prefix.to_string()
                } else {
                    format!("{prefix}.{}", fe.path)
                };
                issue(path, fe.message.clone())
            })
            .collect()
    })
}

/// The issues as one `detail` line: `path: message; path: message`.
pub(crate) fn issues_detail(issues: &[ValidationIssue]) -> String {
    issues
        .iter()
        .map(|i| {
            if i.path.is_empty() {
                i.message.clone()
            } else {
                format!("{}: {}", i.path, i.message)
            }
        })
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(v: Value) -> ValidationResult {
        let Value::Object(obj) = v else { panic!() };
        let req: ValidateRequest = serde_json::from_value(Value::Object(obj)).unwrap();
        futures_util::FutureExt::now_or_never(validate_request(&req, None))
            .unwrap()
            .unwrap()
    }

    #[test]
    fn wrapped_errors_are_prefixed_and_overrides_apply() {
        let r = run(json!({"configuration": {"days_of_fighting": 0}}));
        assert!(!r.valid);
        assert!(
            r.errors
                .iter()
                .any(|e| e.path == "configuration.days_of_fighting"),
            "{:?}",
            r.errors
        );
        let r = run(json!({"configuration": {"count": 5}, "total_patients": 7, "seed": 3}));
        assert!(r.valid, "{:?}", r.errors);
        let n = r.normalized.unwrap();
        assert_eq!(n["total_patients"], 7);
        assert_eq!(n["seed"], 3);
    }

    #[test]
    fn request_rules() {
        let r = run(json!({"configuration": {}, "preset_id": "peacekeeping"}));
        assert!(!r.valid);
        let r = run(
            json!({"preset_id": "peacekeeping", "output_formats": ["json", "pdf"],
                           "use_encryption": true, "encryption_password": "short", "priority": "urgent"}),
        );
        let paths: Vec<_> = r.errors.iter().map(|e| e.path.as_str()).collect();
        assert_eq!(
            paths,
            ["output_formats[1]", "encryption_password", "priority"]
        );
        let r = run(json!({"preset_id": "nope"}));
        assert_eq!(r.errors[0].path, "preset_id");
        let r = run(json!({"preset_id": "peacekeeping", "total_patients": 10}));
        assert!(r.valid);
        assert_eq!(r.normalized.unwrap()["total_patients"], 10);
    }

    #[test]
    fn bare_scenario() {
        let r = validate_scenario(json!({"bogus": 1}), "", &Overrides::default());
        assert!(!r.valid);
        assert_eq!(r.errors.len(), 1);
    }
}
