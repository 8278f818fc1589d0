//! The one error envelope of the API and the one table that maps each error to its HTTP
//! status, stable `code` and reason phrase.
//!
//! Handlers return [`ApiError`]. Its `IntoResponse` does not write the body: it attaches the
//! error to the response, and the envelope middleware (`crate::middleware`) renders it, because
//! only the middleware knows the request id. The same middleware turns every other error
//! response (axum's plain-text rejections, tower-http's 413, a caught panic) into the envelope
//! through [`ApiError::from_status`], so no error leaves the server in another shape.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;

/// Every error the API reports. The variant fixes status, code and reason phrase
/// ([`ApiError::spec`]); the payload is the human-readable `detail`.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ApiError {
    /// The body is not syntactically valid JSON (or nests too deeply).
    #[error("{0}")]
    MalformedJson(String),
    /// The body is JSON of the wrong shape: wrong type, unknown or missing field.
    #[error("{0}")]
    InvalidRequest(String),
    /// The scenario failed validation (used by the generation endpoint).
    #[error("{0}")]
    InvalidScenario(String),
    /// No route has this path.
    #[error("{0}")]
    NotFound(String),
    /// No preset has this id.
    #[error("no preset has the id {0:?}; see GET /api/v1/presets")]
    PresetNotFound(String),
    /// The route exists but not for this method.
    #[error("{0}")]
    MethodNotAllowed(String),
    /// The request body is larger than the configured limit.
    #[error("{0}")]
    PayloadTooLarge(String),
    /// The body is not declared as JSON.
    #[error("{0}")]
    UnsupportedMediaType(String),
    /// Another 4xx produced by the HTTP layer, kept with its status.
    #[error("{1}")]
    OtherClientError(StatusCode, String),
    /// No `X-API-Key` header on a route that needs one.
    #[error("this route needs an API key in the X-API-Key header")]
    MissingApiKey,
    /// The key is unknown, revoked or expired.
    #[error("the API key is not valid (unknown, revoked or expired)")]
    InvalidApiKey,
    /// The key is valid but lacks the right (e.g. a `user` key on an admin route).
    #[error("{0}")]
    Forbidden(String),
    /// A job id that does not exist or belongs to another tenant.
    #[error("no job has the id {0:?}")]
    JobNotFound(String),
    /// A saved scenario id that does not exist or belongs to another tenant.
    #[error("no configuration has the id {0:?}")]
    ConfigurationNotFound(String),
    /// An API key id that does not exist.
    #[error("no API key has the id {0:?}")]
    KeyNotFound(String),
    /// The job is not completed, so it has no files (yet).
    #[error("{0}")]
    JobNotCompleted(String),
    /// The job has already finished and cannot change any more.
    #[error("{0}")]
    JobFinished(String),
    /// The request does not fit the current state (a duplicate name…).
    #[error("{0}")]
    Conflict(String),
    /// The job's files were deleted by the retention policy.
    #[error("{0}")]
    FilesExpired(String),
    /// A request over one of the key's per-request limits (the patient cap), naming it.
    #[error("{0}")]
    LimitExceeded(String),
    /// Too many requests in the key's minute or day; the response carries `Retry-After`.
    #[error("{0}")]
    RateLimited(String),
    /// A daily or concurrency quota of the key is used up; the response carries `Retry-After`.
    #[error("{0}")]
    QuotaExceeded(String),
    /// The server is temporarily unable to serve.
    #[error("{0}")]
    ServiceUnavailable(String),
    /// A bug or an I/O failure. The cause is logged once, never sent to the client.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Status, code and reason phrase of one error kind: the row of the error table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ErrorSpec {
    /// HTTP status.
    pub status: StatusCode,
    /// Stable snake_case code that clients can branch on.
    pub code: &'static str,
    /// The HTTP reason phrase sent as `error` (the predecessor's wording, e.g. "Validation Error").
    pub error: &'static str,
}

const fn spec(status: StatusCode, code: &'static str, error: &'static str) -> ErrorSpec {
    ErrorSpec {
        status,
        code,
        error,
    }
}

/// Detail sent for every 5xx: internal causes stay in the log.
const INTERNAL_DETAIL: &str =
    "the server could not complete the request; quote the request_id when reporting it";

impl ApiError {
    /// The error table: the only place that says which status, code and phrase an error has.
    pub fn spec(&self) -> ErrorSpec {
        match self {
            ApiError::MalformedJson(_) => {
                spec(StatusCode::BAD_REQUEST, "malformed_json", "Bad Request")
            }
            ApiError::InvalidRequest(_) => spec(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_request",
                "Validation Error",
            ),
            ApiError::InvalidScenario(_) => spec(
                StatusCode::UNPROCESSABLE_ENTITY,
                "invalid_scenario",
                "Validation Error",
            ),
            ApiError::NotFound(_) => spec(StatusCode::NOT_FOUND, "not_found", "Not Found"),
            ApiError::PresetNotFound(_) => {
                spec(StatusCode::NOT_FOUND, "preset_not_found", "Not Found")
            }
            ApiError::MethodNotAllowed(_) => spec(
                StatusCode::METHOD_NOT_ALLOWED,
                "method_not_allowed",
                "Method Not Allowed",
            ),
            ApiError::PayloadTooLarge(_) => spec(
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload_too_large",
                "Payload Too Large",
            ),
            ApiError::UnsupportedMediaType(_) => spec(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported_media_type",
                "Unsupported Media Type",
            ),
            ApiError::OtherClientError(status, _) => ErrorSpec {
                status: *status,
                code: "client_error",
                error: status.canonical_reason().unwrap_or("Client Error"),
            },
            ApiError::MissingApiKey => {
                spec(StatusCode::UNAUTHORIZED, "missing_api_key", "Unauthorized")
            }
            ApiError::InvalidApiKey => {
                spec(StatusCode::UNAUTHORIZED, "invalid_api_key", "Unauthorized")
            }
            ApiError::Forbidden(_) => spec(StatusCode::FORBIDDEN, "forbidden", "Forbidden"),
            ApiError::JobNotFound(_) => spec(StatusCode::NOT_FOUND, "job_not_found", "Not Found"),
            ApiError::ConfigurationNotFound(_) => spec(
                StatusCode::NOT_FOUND,
                "configuration_not_found",
                "Not Found",
            ),
            ApiError::KeyNotFound(_) => spec(StatusCode::NOT_FOUND, "key_not_found", "Not Found"),
            ApiError::JobNotCompleted(_) => {
                spec(StatusCode::CONFLICT, "job_not_completed", "Conflict")
            }
            ApiError::JobFinished(_) => spec(StatusCode::CONFLICT, "job_finished", "Conflict"),
            ApiError::Conflict(_) => spec(StatusCode::CONFLICT, "conflict", "Conflict"),
            ApiError::FilesExpired(_) => spec(StatusCode::GONE, "files_expired", "Gone"),
            ApiError::LimitExceeded(_) => spec(
                StatusCode::UNPROCESSABLE_ENTITY,
                "limit_exceeded",
                "Validation Error",
            ),
            ApiError::RateLimited(_) => spec(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "Too Many Requests",
            ),
            ApiError::QuotaExceeded(_) => spec(
                StatusCode::TOO_MANY_REQUESTS,
                "quota_exceeded",
                "Too Many Requests",
            ),
            ApiError::ServiceUnavailable(_) => spec(
                StatusCode::SERVICE_UNAVAILABLE,
                "service_unavailable",
                "Service Unavailable",
            ),
            ApiError::Internal(_) => spec(
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal_error",
                "Internal Server Error",
            ),
        }
    }

    /// The `detail` sent to the client: the message for 4xx, a fixed text for 5xx.
    pub fn public_detail(&self) -> String {
        if self.spec().status.is_server_error() {
            INTERNAL_DETAIL.to_string()
        } else {
            self.to_string()
        }
    }

    /// The error for a bare error status produced outside the handlers (axum's defaults,
    /// tower-http layers, a caught panic), so that it too leaves in the envelope.
    pub fn from_status(status: StatusCode, path: &str) -> ApiError {
        match status {
            StatusCode::NOT_FOUND => ApiError::NotFound(format!("no route for {path}")),
            StatusCode::METHOD_NOT_ALLOWED => {
                ApiError::MethodNotAllowed(format!("{path} does not accept this method"))
            }
            StatusCode::PAYLOAD_TOO_LARGE => {
                ApiError::PayloadTooLarge("the request body is larger than allowed".to_string())
            }
            StatusCode::UNSUPPORTED_MEDIA_TYPE => ApiError::UnsupportedMediaType(
                "the body must be JSON (Content-Type: application/json)".to_string(),
            ),
            StatusCode::BAD_REQUEST => ApiError::MalformedJson("the request is malformed".into()),
            StatusCode::UNPROCESSABLE_ENTITY => {
                ApiError::InvalidRequest("the request has the wrong shape".into())
            }
            StatusCode::UNAUTHORIZED => ApiError::InvalidApiKey,
            StatusCode::TOO_MANY_REQUESTS => ApiError::RateLimited("too many requests".to_string()),
            StatusCode::SERVICE_UNAVAILABLE => {
                ApiError::ServiceUnavailable("the service is temporarily unavailable".into())
            }
            s if s.is_client_error() => ApiError::OtherClientError(
                s,
                s.canonical_reason().unwrap_or("client error").to_string(),
            ),
            s => ApiError::Internal(format!("bare {s} response from the HTTP layer")),
        }
    }
}

impl From<milmed_store::StoreError> for ApiError {
    /// Store errors that reach a handler unclassified: rows of other tenants are already
    /// indistinguishable from missing ones, limits are quotas, everything else is internal.
    fn from(e: milmed_store::StoreError) -> Self {
        use milmed_store::StoreError as S;
        match e {
            S::NotFound { what } => ApiError::NotFound(format!("{what} not found")),
            S::Conflict { detail } => ApiError::Conflict(detail),
            S::Invalid { field, reason } => ApiError::InvalidRequest(format!("{field}: {reason}")),
            S::LimitExceeded { limit, value } => {
                ApiError::QuotaExceeded(format!("the key's limit {limit} = {value} is reached"))
            }
            other => ApiError::Internal(other.to_string()),
        }
    }
}

/// Every row of the error table, for the documentation and the tests.
pub fn error_table() -> Vec<ErrorSpec> {
    let e = String::new;
    [
        ApiError::MalformedJson(e()),
        ApiError::InvalidRequest(e()),
        ApiError::InvalidScenario(e()),
        ApiError::NotFound(e()),
        ApiError::PresetNotFound(e()),
        ApiError::MethodNotAllowed(e()),
        ApiError::PayloadTooLarge(e()),
        ApiError::UnsupportedMediaType(e()),
        ApiError::MissingApiKey,
        ApiError::InvalidApiKey,
        ApiError::Forbidden(e()),
        ApiError::JobNotFound(e()),
        ApiError::ConfigurationNotFound(e()),
        ApiError::KeyNotFound(e()),
        ApiError::JobNotCompleted(e()),
        ApiError::JobFinished(e()),
        ApiError::Conflict(e()),
        ApiError::FilesExpired(e()),
        ApiError::LimitExceeded(e()),
        ApiError::RateLimited(e()),
        ApiError::QuotaExceeded(e()),
        ApiError::ServiceUnavailable(e()),
        ApiError::Internal(e()),
    ]
    .iter()
    .map(ApiError::spec)
    .collect()
}

/// The error envelope, the body of every error response.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[schema(example = json!({
    "error": "Validation Error",
    "code": "invalid_request",
    "detail": "configuration: must be a JSON object",
    "timestamp": "2026-01-05T10:00:00Z",
    "request_id": "6f1c2e1e-4a8e-4b51-9d2c-0d8f1f0b9a3e"
}))]
pub struct ErrorBody {
    /// HTTP reason phrase, e.g. "Not Found", "Validation Error".
    pub error: String,
    /// Stable snake_case error code.
    pub code: String,
    /// Human-readable detail naming the offending field path where there is one.
    pub detail: String,
    /// When the error happened, RFC 3339 UTC.
    pub timestamp: String,
    /// Equal to the `X-Request-Id` response header.
    pub request_id: String,
}

impl ErrorBody {
    /// The envelope for `err` in the request `request_id` at `timestamp`.
    pub fn new(err: &ApiError, request_id: &str, timestamp: String) -> Self {
        let s = err.spec();
        ErrorBody {
            error: s.error.to_string(),
            code: s.code.to_string(),
            detail: err.public_detail(),
            timestamp,
            request_id: request_id.to_string(),
        }
    }
}

/// Response extension that carries the error to the envelope middleware.
#[derive(Debug, Clone)]
pub(crate) struct PendingError(pub ApiError);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let mut res = self.spec().status.into_response();
        res.extensions_mut().insert(PendingError(self));
        res
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_snake_case_and_statuses_are_errors() {
        let table = error_table();
        let mut codes: Vec<_> = table.iter().map(|s| s.code).collect();
        codes.sort_unstable();
        let n = codes.len();
        codes.dedup();
        assert_eq!(codes.len(), n, "duplicate code in the error table");
        for s in &table {
            assert!(s.status.is_client_error() || s.status.is_server_error());
            assert!(s.code.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        }
    }

    #[test]
    fn server_errors_hide_their_cause() {
        let e = ApiError::Internal("database file /secret/x locked".into());
        assert!(!e.public_detail().contains("secret"));
        let b = ErrorBody::new(&e, "rid", "t".into());
        assert_eq!(b.code, "internal_error");
        assert_eq!(b.request_id, "rid");
    }

    #[test]
    fn bare_statuses_map_to_their_rows() {
        assert_eq!(
            ApiError::from_status(StatusCode::NOT_FOUND, "/x")
                .spec()
                .code,
            "not_found"
        );
        assert_eq!(
            ApiError::from_status(StatusCode::PAYLOAD_TOO_LARGE, "/x")
                .spec()
                .status,
            StatusCode::PAYLOAD_TOO_LARGE
        );
        assert_eq!(
            ApiError::from_status(StatusCode::BAD_GATEWAY, "/x")
                .spec()
                .status,
            StatusCode::INTERNAL_SERVER_ERROR
        );
    }
}
