//! Liveness. Readiness (database, migrations, worker) comes with the store and job runtime.

use axum::Json;
use serde::Serialize;
use utoipa::ToSchema;

use crate::clock::now_rfc3339;

/// A liveness answer.
#[derive(Debug, Serialize, ToSchema)]
pub struct Liveness {
    /// Always `"ok"`: the process is up and answering.
    pub status: &'static str,
    /// Server version.
    pub version: &'static str,
    /// Server time, RFC 3339 UTC.
    pub timestamp: String,
}

fn liveness() -> Json<Liveness> {
    Json(Liveness {
        status: "ok",
        version: env!("CARGO_PKG_VERSION"),
        timestamp: now_rfc3339(),
    })
}

/// Cheap liveness for load balancers: touches nothing but the clock.
#[utoipa::path(get, path = "/health", tag = "health",
    responses((status = 200, description = "The process is alive", body = Liveness)))]
pub async fn health() -> Json<Liveness> {
    liveness()
}

/// Liveness under the v1 prefix (same answer as `/health`).
#[utoipa::path(get, path = "/api/v1/health/live", tag = "health",
    responses((status = 200, description = "The process is alive", body = Liveness)))]
pub async fn live() -> Json<Liveness> {
    liveness()
}
