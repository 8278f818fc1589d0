//! The milmed HTTP API (v1): routes, the error envelope, the OpenAPI document and the offline
//! Swagger UI. The binary mounts [`router`] and prints [`openapi_json`].
//!
//! This crate depends inwards only: on the engine (`milmed-core`), the format names
//! (`milmed-formats`) and the store (`milmed-store`); the job runtime joins it with the routes
//! that need it.
#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod answers;
pub mod auth;
pub mod clock;
pub mod error;
pub mod extract;
pub mod metrics;
pub mod middleware;
pub mod openapi;
pub(crate) mod routes;
pub mod service;

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::DefaultBodyLimit;
use axum::routing::{get, post};
use axum::Router;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::normalize_path::NormalizePathLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;

pub use error::{ApiError, ErrorBody};
pub use metrics::{Metrics, ScrapeSnapshot};
pub use openapi::{openapi, openapi_json};
pub use service::{Service, ServiceConfig};

use routes::{
    configurations, docs, downloads, generation, health, jobs, keys, presets, reference, streaming,
    validate, visualizations,
};

/// Default limit on request bodies: 1 MiB.
pub const DEFAULT_BODY_LIMIT: usize = 1024 * 1024;

/// Settings of the HTTP API.
#[derive(Debug, Clone)]
pub struct ApiConfig {
    /// Largest accepted request body in bytes; larger ones get 413.
    pub body_limit: usize,
}

impl Default for ApiConfig {
    fn default() -> Self {
        ApiConfig {
            body_limit: DEFAULT_BODY_LIMIT,
        }
    }
}

/// State shared by the handlers.
#[derive(Clone)]
pub(crate) struct AppState {
    /// The OpenAPI document, rendered once at start-up.
    pub openapi_json: Bytes,
    /// Swagger UI configuration.
    pub swagger: Arc<utoipa_swagger_ui::Config<'static>>,
    /// The store, the runtime and the service settings.
    pub service: Arc<Service>,
}

/// The API's routes. Paths are registered without a trailing slash; a layer in [`router`]
/// trims the slash before routing.
fn routes(config: &ApiConfig, service: Arc<Service>) -> Router {
    let state = AppState {
        openapi_json: Bytes::from(openapi_json()),
        swagger: docs::swagger_config(),
        service,
    };
    let v1_ref = "/api/v1/configurations/reference";
    let protected = Router::new()
        .route("/api/v1/generation", post(generation::create))
        .route("/api/v1/jobs", get(jobs::list))
        .route("/api/v1/jobs/{id}", get(jobs::get).delete(jobs::delete))
        .route("/api/v1/jobs/{id}/events", get(jobs::events))
        .route("/api/v1/jobs/{id}/results", get(downloads::results))
        .route("/api/v1/jobs/{id}/summary", get(downloads::summary))
        .route("/api/v1/jobs/{id}/cancel", post(jobs::cancel))
        .route("/api/v1/downloads/{job_id}", get(downloads::download))
        .route(
            "/api/v1/visualizations/dashboard-data",
            get(visualizations::dashboard_data),
        )
        .route(
            "/api/v1/visualizations/patient-detail/{patient_id}",
            get(visualizations::patient_detail),
        )
        .route("/api/v1/keys", get(keys::list).post(keys::create))
        .route("/api/v1/keys/me", get(keys::me))
        .route("/api/v1/keys/{id}/revoke", post(keys::revoke))
        .route("/api/v1/keys/{id}/usage", get(keys::usage))
        .route(
            "/api/v1/configurations",
            get(configurations::list).post(configurations::create),
        )
        .route(
            "/api/v1/configurations/{id}",
            get(configurations::show)
                .put(configurations::update)
                .delete(configurations::delete),
        )
        .route(
            "/api/v1/configurations/{id}/versions",
            get(configurations::versions),
        )
        .route(
            "/api/v1/streaming/generate",
            get(streaming::generate_get).post(streaming::generate_post),
        )
        .route_layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::require_key,
        ));
    Router::new()
        .merge(protected)
        .route("/health", get(health::health))
        .route("/api/v1/health/live", get(health::live))
        .route("/api/v1/health", get(health::detailed))
        .route("/ready", get(health::ready))
        .route("/api/v1/health/ready", get(health::ready_v1))
        .route("/metrics", get(health::metrics))
        .route("/api/v1/presets", get(presets::list))
        .route("/api/v1/presets/categories/list", get(presets::categories))
        .route("/api/v1/presets/{id}", get(presets::show))
        .route(
            &format!("{v1_ref}/nationalities"),
            get(reference::nationalities),
        )
        .route(
            &format!("{v1_ref}/condition-types"),
            get(reference::condition_types),
        )
        .route(
            &format!("{v1_ref}/facility-types"),
            get(reference::facility_types),
        )
        .route(
            &format!("{v1_ref}/warfare-types"),
            get(reference::warfare_types),
        )
        .route(&format!("{v1_ref}/conditions"), get(reference::conditions))
        .route("/api/v1/configurations/validate", post(validate::validate))
        .route("/openapi.json", get(docs::openapi_json))
        .route("/api/v1/openapi.json", get(docs::openapi_json_v1))
        .route("/docs", get(docs::index))
        .route("/docs/{*file}", get(docs::asset))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(DefaultBodyLimit::max(config.body_limit))
        .with_state(state)
}

async fn not_found(uri: axum::http::Uri) -> ApiError {
    ApiError::NotFound(format!("no route for {}", uri.path()))
}

async fn method_not_allowed(method: axum::http::Method, uri: axum::http::Uri) -> ApiError {
    ApiError::MethodNotAllowed(format!("{} does not accept {method}", uri.path()))
}

/// The complete API as an axum router, ready to serve.
///
/// Layers, outermost first: request metrics ([`metrics::track_requests`]), request-id hygiene,
/// request id (generated when absent, echoed as `X-Request-Id`), tracing span, error envelope,
/// panic catcher, body limit, trailing-slash normalisation, then routing (whose layer
/// [`metrics::layer_routes`] reports the matched route template). The normalisation must run before routing, which
/// `Router::layer` cannot do, so the routes sit behind a fallback service.
pub fn router(config: ApiConfig, service: Arc<Service>) -> Router {
    wrap(routes(&config, service), &config)
}

/// Puts the shared layers around `routes` (split from [`router`] so tests can wrap their own
/// routes, e.g. one that panics).
fn wrap(routes: Router, config: &ApiConfig) -> Router {
    let inner = ServiceBuilder::new()
        .layer(NormalizePathLayer::trim_trailing_slash())
        .layer(RequestBodyLimitLayer::new(config.body_limit))
        .service(metrics::layer_routes(routes));
    // Failures are logged once by the envelope middleware (with the cause), not again here.
    let trace = TraceLayer::new_for_http().on_failure(()).make_span_with(|req: &axum::http::Request<_>| {
        let id = req
            .headers()
            .get(middleware::REQUEST_ID)
            .and_then(|v| v.to_str().ok())
            .unwrap_or("");
        tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
    });
    Router::new().fallback_service(inner).layer(
        ServiceBuilder::new()
            .layer(axum::middleware::from_fn(metrics::track_requests))
            .layer(axum::middleware::map_request(
                middleware::sanitize_request_id,
            ))
            .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
            .layer(PropagateRequestIdLayer::x_request_id())
            .layer(trace)
            .layer(axum::middleware::from_fn(middleware::error_envelope))
            .layer(CatchPanicLayer::new()),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::body::Body;
    use axum::http::{Request, StatusCode};
    use http_body_util::BodyExt;
    use tower::ServiceExt;

    #[tokio::test]
    async fn a_panic_is_a_500_envelope_without_detail() {
        async fn boom() -> &'static str {
            panic!("secret internal state /var/lib/x")
        }
        let app = wrap(
            Router::new().route("/boom", get(boom)),
            &ApiConfig::default(),
        );
        let res = app
            .oneshot(Request::get("/boom/").body(Body::empty()).unwrap())
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let id = res.headers()["x-request-id"].to_str().unwrap().to_string();
        let body = res.into_body().collect().await.unwrap().to_bytes();
        let v: serde_json::Value = serde_json::from_slice(&body).unwrap();
        assert_eq!(v["code"], "internal_error");
        assert_eq!(v["error"], "Internal Server Error");
        assert_eq!(v["request_id"], id.as_str());
        assert!(!v["detail"].as_str().unwrap().contains("secret"));
    }
}
