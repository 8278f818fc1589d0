//! The OpenAPI 3 document, generated from the handlers' annotations and the schema derives.

use utoipa::openapi::security::{ApiKey, ApiKeyValue, SecurityScheme};
use utoipa::openapi::{ContentBuilder, Ref, ResponseBuilder};
use utoipa::{Modify, OpenApi};

use crate::error::ErrorBody;
use crate::routes::{
    configurations, docs, downloads, generation, health, jobs, keys, presets, reference, streaming,
    validate, visualizations,
};

/// Name of the API key security scheme; routes that need a key (jobs, generation, keys)
/// reference it when they arrive.
pub const API_KEY_SCHEME: &str = "api_key";

struct ApiKeyScheme;

impl Modify for ApiKeyScheme {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            API_KEY_SCHEME,
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::with_description(
                "X-API-Key",
                "API key; the public demo key is DEMO_MILMED_2025_50_PATIENTS",
            ))),
        );
    }
}

/// Adds the envelope as the `4XX` and `5XX` answers of every operation that does not name
/// them, because any route can answer 404/405/413/500 through the shared layers.
struct CommonErrors;

impl Modify for CommonErrors {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let envelope = || {
            ResponseBuilder::new().content(
                "application/json",
                ContentBuilder::new()
                    .schema(Some(Ref::from_schema_name("ErrorBody")))
                    .build(),
            )
        };
        for item in openapi.paths.paths.values_mut() {
            let ops = [
                &mut item.get,
                &mut item.post,
                &mut item.put,
                &mut item.delete,
                &mut item.patch,
            ];
            for op in ops.into_iter().flatten() {
                let r = &mut op.responses.responses;
                r.entry("4XX".to_string()).or_insert_with(|| {
                    envelope()
                        .description("Client error in the error envelope (e.g. 404 `not_found`, 405 `method_not_allowed`, 413 `payload_too_large`)")
                        .build()
                        .into()
                });
                r.entry("5XX".to_string()).or_insert_with(|| {
                    envelope()
                        .description("Server error in the error envelope, without internal detail (`internal_error`)")
                        .build()
                        .into()
                });
            }
        }
    }
}

#[derive(OpenApi)]
#[openapi(
    info(
        title = "milmed API",
        description = "Synthetic military casualty records for medical exercises (v1).\n\n\
Every path is answered with and without a trailing slash. Every error is the `ErrorBody` \
envelope; its `request_id` equals the `X-Request-Id` response header. Request bodies over \
the configured limit (default 1 MiB) are refused with 413.",
        license(name = "MIT"),
    ),
    paths(
        health::health,
        health::live,
        health::detailed,
        health::ready,
        health::ready_v1,
        health::metrics,
        generation::create,
        jobs::list,
        jobs::get,
        jobs::events,
        jobs::cancel,
        jobs::delete,
        downloads::results,
        downloads::summary,
        downloads::download,
        visualizations::dashboard_data,
        visualizations::patient_detail,
        presets::list,
        presets::categories,
        presets::show,
        reference::nationalities,
        reference::condition_types,
        reference::facility_types,
        reference::warfare_types,
        reference::conditions,
        validate::validate,
        configurations::list,
        configurations::create,
        configurations::show,
        configurations::update,
        configurations::delete,
        configurations::versions,
        streaming::generate_post,
        streaming::generate_get,
        keys::create,
        keys::list,
        keys::revoke,
        keys::usage,
        keys::me,
        docs::openapi_json,
        docs::openapi_json_v1,
    ),
    components(schemas(ErrorBody)),
    modifiers(&ApiKeyScheme, &CommonErrors),
    tags(
        (name = "health", description = "Liveness, readiness, health report, Prometheus metrics"),
        (name = "generation", description = "Submitting generation jobs"),
        (name = "jobs", description = "Jobs of the caller's tenant: status, events, results, summary, cancellation"),
        (name = "downloads", description = "A completed job's files"),
        (name = "presets", description = "Built-in scenarios"),
        (name = "reference", description = "Reference data used in scenarios"),
        (name = "configurations", description = "Scenarios: validation and the tenant's saved configurations (with versions)"),
        (name = "streaming", description = "Generation streamed as it is made, without a job"),
        (name = "keys", description = "API keys and usage"),
        (name = "meta", description = "This document"),
    )
)]
struct ApiDoc;

/// The OpenAPI document of the API as it stands.
pub fn openapi() -> utoipa::openapi::OpenApi {
    ApiDoc::openapi()
}

/// The OpenAPI document as pretty-printed JSON (what `/openapi.json` serves and the CLI prints).
pub fn openapi_json() -> String {
    // The document is built from static annotations; serialising it cannot fail in practice,
    // and if it did the server should still start, serving an empty object.
    openapi()
        .to_pretty_json()
        .unwrap_or_else(|_| "{}".to_string())
}
