//! The JSON body extractor. It replaces `axum::Json` for input because axum's rejections are
//! plain text without field paths; this one yields [`ApiError`]s that name the field.

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::{header, StatusCode};
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// A JSON request body, decoded into `T`.
///
/// - body over the size limit → 413 `payload_too_large`
/// - a declared non-JSON content type → 415 `unsupported_media_type` (a missing one is
///   accepted: older clients post JSON without declaring it)
/// - invalid JSON, trailing data, nesting deeper than the parser's limit → 400 `malformed_json`
/// - valid JSON of the wrong shape (type, unknown or missing field) → 422 `invalid_request`,
///   naming the field path
#[derive(Debug, Clone)]
pub struct JsonBody<T>(pub T);

fn is_json_content_type(req: &Request) -> bool {
    let Some(ct) = req.headers().get(header::CONTENT_TYPE) else {
        return true;
    };
    let Ok(ct) = ct.to_str() else {
        return false;
    };
    let essence = ct
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || (essence.starts_with("application/") && essence.ends_with("+json"))
}

/// Decodes `bytes` as `T`, classifying the failure as malformed (400) or wrong shape (422).
pub fn decode<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, ApiError> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let value: T = serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner();
        if inner.is_syntax() || inner.is_eof() {
            ApiError::MalformedJson(format!("invalid JSON: {inner}"))
        } else if path.is_empty() || path == "." || path == "?" {
            ApiError::InvalidRequest(inner.to_string())
        } else {
            ApiError::InvalidRequest(format!("{path}: {inner}"))
        }
    })?;
    de.end()
        .map_err(|e| ApiError::MalformedJson(format!("invalid JSON: {e}")))?;
    Ok(value)
}

impl<S, T> FromRequest<S> for JsonBody<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        if !is_json_content_type(&req) {
            return Err(ApiError::UnsupportedMediaType(
                "the body must be JSON (Content-Type: application/json)".to_string(),
            ));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rej| {
            if rej.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge("the request body is larger than allowed".to_string())
            } else {
                ApiError::MalformedJson(format!("could not read the request body: {rej}"))
            }
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            return Err(ApiError::MalformedJson(
                "the request body is empty; a JSON object is expected".to_string(),
            ));
        }
        decode(&bytes).map(JsonBody)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct T {
        a: u32,
    }

    #[test]
    fn classifies_failures() {
        assert!(matches!(decode::<T>(b"{"), Err(ApiError::MalformedJson(_))));
        assert!(matches!(
            decode::<T>(br#"{"a": 1} x"#),
            Err(ApiError::MalformedJson(_))
        ));
        let deep = "[".repeat(1000) + &"]".repeat(1000);
        assert!(matches!(
            decode::<serde_json::Value>(deep.as_bytes()),
            Err(ApiError::MalformedJson(_))
        ));
        match decode::<T>(br#"{"a": "x"}"#) {
            Err(ApiError::InvalidRequest(d)) => assert!(d.starts_with("a: "), "{d}"),
            other => panic!("{other:?}"),
        }
        match decode::<T>(br#"{"a": 1, "b": 2}"#) {
            Err(ApiError::InvalidRequest(d)) => assert!(d.contains("unknown field"), "{d}"),
            other => panic!("{other:?}"),
        }
        assert!(decode::<T>(br#"{"a": 1}"#).is_ok());
    }
}

/// Query parameters decoded into `T`; a bad or unknown parameter is a 422 `invalid_request`
/// envelope naming it (axum's own rejection is plain text).
#[derive(Debug, Clone)]
pub struct QueryParams<T>(pub T);

impl<S, T> axum::extract::FromRequestParts<S> for QueryParams<T>
where
    S: Send + Sync,
    T: DeserializeOwned,
{
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| QueryParams(q.0))
            .map_err(|e| ApiError::InvalidRequest(e.body_text()))
    }
}
