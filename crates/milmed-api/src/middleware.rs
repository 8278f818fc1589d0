//! Request-scoped middleware: request-id hygiene and the error envelope.

use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderValue};
use axum::middleware::Next;
use axum::response::Response;

use crate::clock::now_rfc3339;
use crate::error::{ApiError, ErrorBody, PendingError};

/// The request id header, generated when absent and echoed on every response.
pub const REQUEST_ID: &str = "x-request-id";

/// Longest client-chosen request id that is echoed back.
const MAX_REQUEST_ID_LEN: usize = 128;

/// Whether a client-sent request id is safe to echo into headers, bodies and logs.
fn acceptable_request_id(v: &HeaderValue) -> bool {
    let b = v.as_bytes();
    !b.is_empty()
        && b.len() <= MAX_REQUEST_ID_LEN
        && b.iter()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'-' | b'_' | b'.' | b':'))
}

/// Drops a client request id that is empty, too long or has unusual characters, so the
/// request-id layer generates a fresh one instead of echoing arbitrary bytes into logs.
pub async fn sanitize_request_id(mut req: Request) -> Request {
    let headers = req.headers_mut();
    let values: Vec<&HeaderValue> = headers.get_all(REQUEST_ID).iter().collect();
    let keep = values.len() == 1 && acceptable_request_id(values[0]);
    if !values.is_empty() && !keep {
        headers.remove(REQUEST_ID);
    }
    req
}

/// Renders every error response as the envelope.
///
/// Handler errors arrive as a [`PendingError`] extension; any other response with an error
/// status (axum's plain-text rejections and 405s, tower-http's 413, a caught panic) is
/// rebuilt from its status. Headers such as `Allow` are kept. 5xx causes are logged here,
/// once, and never sent.
pub async fn error_envelope(req: Request, next: Next) -> Response {
    let request_id = req
        .headers()
        .get(REQUEST_ID)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_string();
    let path = req.uri().path().to_string();
    let res = next.run(req).await;
    let status = res.status();
    let pending = res.extensions().get::<PendingError>().cloned();
    if pending.is_none() && !(status.is_client_error() || status.is_server_error()) {
        return res;
    }
    let err = match pending {
        Some(PendingError(e)) => e,
        None => ApiError::from_status(status, &path),
    };
    if err.spec().status.is_server_error() {
        tracing::error!(request_id = %request_id, cause = %err, "request failed");
    }
    let body = ErrorBody::new(&err, &request_id, now_rfc3339());
    let (mut parts, _old_body) = res.into_parts();
    parts.status = err.spec().status;
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    parts.extensions.remove::<PendingError>();
    // Serialising a struct of strings cannot fail; fall back to a fixed body all the same.
    let bytes = serde_json::to_vec(&body).unwrap_or_else(|_| {
        br#"{"error":"Internal Server Error","code":"internal_error","detail":"","timestamp":"","request_id":""}"#
            .to_vec()
    });
    Response::from_parts(parts, Body::from(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_id_hygiene() {
        assert!(acceptable_request_id(&HeaderValue::from_static(
            "abc-123_x.y:z"
        )));
        assert!(!acceptable_request_id(&HeaderValue::from_static("")));
        assert!(!acceptable_request_id(&HeaderValue::from_static("a b")));
        let long = "a".repeat(MAX_REQUEST_ID_LEN + 1);
        assert!(!acceptable_request_id(
            &HeaderValue::from_str(&long).unwrap()
        ));
    }
}
