//! The OpenAPI document and the offline Swagger UI.
//!
//! The Swagger UI assets are embedded at build time from the `vendored` feature of
//! utoipa-swagger-ui (the zip ships inside a crate; nothing is downloaded). The index page is
//! our own with absolute asset paths, so `/docs` and `/docs/` both work without the redirect
//! that a relative-path page would need.

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::{header, HeaderValue};
use axum::response::{Html, IntoResponse, Response};

use crate::error::ApiError;
use crate::AppState;

/// Where the UI loads the document from.
pub const OPENAPI_PATH: &str = "/openapi.json";

const INDEX_HTML: &str = r#"<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>milmed API</title>
  <link rel="stylesheet" href="/docs/swagger-ui.css">
  <link rel="stylesheet" href="/docs/index.css">
  <link rel="icon" type="image/png" href="/docs/favicon-32x32.png" sizes="32x32">
</head>
<body>
  <div id="swagger-ui"></div>
  <script src="/docs/swagger-ui-bundle.js"></script>
  <script src="/docs/swagger-ui-standalone-preset.js"></script>
  <script src="/docs/swagger-initializer.js"></script>
</body>
</html>
"#;

/// Swagger UI configuration: load our document.
pub(crate) fn swagger_config() -> Arc<utoipa_swagger_ui::Config<'static>> {
    Arc::new(utoipa_swagger_ui::Config::from(OPENAPI_PATH))
}

/// The OpenAPI 3 document of this API.
#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
pub async fn openapi_json(State(state): State<AppState>) -> Response {
    (
        [(
            header::CONTENT_TYPE,
            HeaderValue::from_static("application/json"),
        )],
        state.openapi_json.clone(),
    )
        .into_response()
}

/// The OpenAPI document under the v1 prefix (same document).
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "meta",
    responses((status = 200, description = "The OpenAPI document", content_type = "application/json")))]
pub async fn openapi_json_v1(state: State<AppState>) -> Response {
    openapi_json(state).await
}

/// The Swagger UI page.
pub async fn index() -> Html<&'static str> {
    Html(INDEX_HTML)
}

/// A Swagger UI asset.
pub async fn asset(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, ApiError> {
    if file == "index.html" {
        return Ok(index().await.into_response());
    }
    let found = utoipa_swagger_ui::serve(&file, state.swagger.clone())
        .map_err(|e| ApiError::Internal(format!("swagger ui asset {file}: {e}")))?;
    let Some(f) = found else {
        return Err(ApiError::NotFound(format!(
            "no documentation asset {file:?}"
        )));
    };
    let ct = HeaderValue::from_str(&f.content_type)
        .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream"));
    Ok(([(header::CONTENT_TYPE, ct)], f.bytes.into_owned()).into_response())
}
