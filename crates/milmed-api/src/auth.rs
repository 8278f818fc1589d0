//! `X-API-Key` authentication, per-key request rates and the rate-limit headers.
//!
//! The middleware [`require_key`] guards every non-public route: it resolves the key (through
//! a short-lived cache, so a status poll costs no database round trip for the lookup), counts
//! the request against the key's per-minute and per-day limits *in the database* (so the
//! limits hold across several API nodes), and hands the handler a [`Caller`]. Keys without
//! request limits are counted in memory and flushed to the database once a second, which keeps
//! unlimited (admin, service) keys off the write path of every request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderName, HeaderValue};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use milmed_store::{hash_key, ApiKey, KeyRole, Millis, Scope, Store, StoreError, UsageCounter};

use crate::error::ApiError;
use crate::service::{now_ms, Service};
use crate::AppState;

/// The header that carries the key.
pub const API_KEY_HEADER: &str = "x-api-key";

const MINUTE_MS: Millis = 60_000;
const DAY_MS: Millis = 86_400_000;

/// The authenticated key behind a request.
#[derive(Debug, Clone)]
pub struct Caller {
    /// The key (never its secret or hash).
    pub key: Arc<ApiKey>,
}

impl Caller {
    /// Which rows the caller may see: its tenant's, or all for administrators.
    pub fn scope(&self) -> Scope<'_> {
        match self.key.role {
            KeyRole::Admin => Scope::All,
            KeyRole::User => Scope::Tenant(&self.key.tenant_id),
        }
    }

    /// Whether the key is an administrator's.
    pub fn is_admin(&self) -> bool {
        self.key.role == KeyRole::Admin
    }

    /// 403 unless the key is an administrator's.
    pub fn require_admin(&self) -> Result<(), ApiError> {
        if self.is_admin() {
            Ok(())
        } else {
            crate::metrics::auth_failed("forbidden");
            Err(ApiError::Forbidden(
                "this route needs an admin key".to_string(),
            ))
        }
    }
}

/// A cached lookup: when it was made and the key found (`None`: no such usable key).
type CachedKey = (Instant, Option<Arc<ApiKey>>);

/// Cache of resolved keys by hash. Revocation reaches a node within [`AuthCache::ttl`].
pub(crate) struct AuthCache {
    ttl: Duration,
    entries: Mutex<HashMap<String, CachedKey>>,
    touched: Mutex<HashMap<String, Millis>>,
}

/// How often `last_used_at` is written for one key at most.
const TOUCH_EVERY_MS: Millis = 30_000;
/// Bound on cached entries, so a flood of random keys cannot grow memory.
const MAX_CACHED: usize = 10_000;

impl AuthCache {
    pub(crate) fn new(ttl: Duration) -> Self {
        AuthCache {
            ttl,
            entries: Mutex::new(HashMap::new()),
            touched: Mutex::new(HashMap::new()),
        }
    }

    /// Forgets every cached key (after a revocation on this node).
    pub(crate) fn clear(&self) {
        if let Ok(mut m) = self.entries.lock() {
            m.clear();
        }
    }

    async fn resolve(
        &self,
        store: &Store,
        plaintext: &str,
        now: Millis,
    ) -> Result<Option<Arc<ApiKey>>, StoreError> {
        let hash = hash_key(plaintext);
        if let Ok(m) = self.entries.lock() {
            if let Some((at, key)) = m.get(&hash) {
                if at.elapsed() < self.ttl {
                    return Ok(key.clone().filter(|k| key_usable(k, now)));
                }
            }
        }
        let found = store.authenticate(plaintext, now).await?.map(Arc::new);
        if let Ok(mut m) = self.entries.lock() {
            if m.len() >= MAX_CACHED {
                m.clear();
            }
            m.insert(hash, (Instant::now(), found.clone()));
        }
        Ok(found)
    }

    /// Whether `last_used_at` of this key is due for an update.
    fn touch_due(&self, key_id: &str, now: Millis) -> bool {
        let Ok(mut m) = self.touched.lock() else {
            return false;
        };
        match m.get(key_id) {
            Some(last) if now - *last < TOUCH_EVERY_MS => false,
            _ => {
                if m.len() >= MAX_CACHED {
                    m.clear();
                }
                m.insert(key_id.to_string(), now);
                true
            }
        }
    }
}

fn key_usable(k: &ApiKey, now: Millis) -> bool {
    k.revoked_at.is_none() && k.expires_at.is_none_or(|e| e > now)
}

/// Requests of keys without request limits, counted here and added to the database in
/// batches by [`Service::flush_usage`].
#[derive(Default)]
pub(crate) struct UsageBuffer(Mutex<HashMap<String, i64>>);

impl UsageBuffer {
    fn add(&self, key_id: &str) {
        if let Ok(mut m) = self.0.lock() {
            *m.entry(key_id.to_string()).or_insert(0) += 1;
        }
    }

    pub(crate) fn take(&self) -> Vec<(String, i64)> {
        match self.0.lock() {
            Ok(mut m) => {
                let mut v: Vec<_> = m.drain().collect();
                v.sort();
                v
            }
            Err(_) => Vec::new(),
        }
    }
}

/// The rate-limit headers of one limit.
#[derive(Debug, Clone, Copy)]
struct RateHeaders {
    limit: u64,
    remaining: u64,
    /// Unix seconds when the window resets.
    reset: i64,
}

impl RateHeaders {
    fn apply(&self, headers: &mut HeaderMap) {
        let set = |h: &mut HeaderMap, name: &'static str, v: String| {
            if let Ok(v) = HeaderValue::from_str(&v) {
                h.insert(HeaderName::from_static(name), v);
            }
        };
        set(headers, "x-ratelimit-limit", self.limit.to_string());
        set(headers, "x-ratelimit-remaining", self.remaining.to_string());
        set(headers, "x-ratelimit-reset", self.reset.to_string());
    }
}

/// A 429 with `Retry-After` and the `X-RateLimit-*` headers.
pub(crate) fn too_many(err: ApiError, limit: u64, reset_ms: Millis, now: Millis) -> Response {
    let retry_after = ((reset_ms - now) + 999) / 1000;
    let mut res = err.into_response();
    let h = res.headers_mut();
    RateHeaders {
        limit,
        remaining: 0,
        reset: reset_ms / 1000,
    }
    .apply(h);
    if let Ok(v) = HeaderValue::from_str(&retry_after.max(1).to_string()) {
        h.insert(axum::http::header::RETRY_AFTER, v);
    }
    res
}

/// The end of the UTC day containing `now`.
pub(crate) fn next_day_ms(now: Millis) -> Millis {
    (now.div_euclid(DAY_MS) + 1) * DAY_MS
}

/// Authenticates the request and counts it against the key's request limits; see the
/// module documentation. Public routes are not behind this layer.
pub(crate) async fn require_key(
    State(state): State<AppState>,
    mut req: Request,
    next: Next,
) -> Response {
    let (caller, rate) = match authenticate(&state, req.headers()).await {
        Ok(found) => found,
        Err(res) => return *res,
    };
    req.extensions_mut().insert(caller);
    let mut res = next.run(req).await;
    if let Some(r) = rate {
        r.apply(res.headers_mut());
    }
    res
}

/// The rate-limit headers to put on a response (from [`authenticate`]).
#[derive(Debug, Clone, Copy)]
pub(crate) struct RateInfo(RateHeaders);

impl RateInfo {
    /// Sets `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`.
    pub(crate) fn apply(&self, headers: &mut HeaderMap) {
        self.0.apply(headers);
    }
}

/// Resolves the `X-API-Key` of `headers` and counts the request against the key's request
/// limits, as [`require_key`] does for protected routes. Public routes that need a caller only
/// for some bodies (validation of a saved configuration) call it themselves. `Err` is the
/// finished 401/429 response.
pub(crate) async fn authenticate(
    state: &AppState,
    headers: &HeaderMap,
) -> Result<(Caller, Option<RateInfo>), Box<Response>> {
    let svc = &state.service;
    let Some(plaintext) = headers.get(API_KEY_HEADER) else {
        crate::metrics::auth_failed("missing_key");
        return Err(Box::new(ApiError::MissingApiKey.into_response()));
    };
    let Ok(plaintext) = plaintext.to_str().map(str::trim) else {
        crate::metrics::auth_failed("invalid_key");
        return Err(Box::new(ApiError::InvalidApiKey.into_response()));
    };
    let now = now_ms();
    let key = match svc.auth.resolve(&svc.store, plaintext, now).await {
        Ok(Some(k)) => k,
        Ok(None) => {
            crate::metrics::auth_failed("invalid_key");
            return Err(Box::new(ApiError::InvalidApiKey.into_response()));
        }
        Err(e) => return Err(Box::new(ApiError::from(e).into_response())),
    };
    let rate = count_request(svc, &key, now).await?;
    if svc.auth.touch_due(&key.id, now) {
        if let Err(e) = svc.store.touch_key(&key.id, now).await {
            tracing::warn!(error = %e, "cannot record key use");
        }
    }
    Ok((Caller { key }, rate.map(RateInfo)))
}

/// Counts one request; `Err` is the finished 429 response.
async fn count_request(
    svc: &Service,
    key: &ApiKey,
    now: Millis,
) -> Result<Option<RateHeaders>, Box<Response>> {
    let mut headers = None;
    if let Some(limit) = key.limits.requests_per_minute {
        let reset = (now.div_euclid(MINUTE_MS) + 1) * MINUTE_MS;
        match svc
            .store
            .reserve_request_minute(&key.id, now, Some(limit))
            .await
        {
            Ok(count) => {
                headers = Some(RateHeaders {
                    limit,
                    remaining: limit.saturating_sub(count),
                    reset: reset / 1000,
                })
            }
            Err(StoreError::LimitExceeded { .. }) => {
                crate::metrics::rate_limited("rate_minute");
                let err = ApiError::RateLimited(format!(
                    "requests_per_minute: this key may make {limit} requests per minute"
                ));
                return Err(Box::new(too_many(err, limit, reset, now)));
            }
            Err(e) => return Err(Box::new(ApiError::from(e).into_response())),
        }
    }
    match key.limits.requests_per_day {
        Some(limit) => {
            let reset = next_day_ms(now);
            match svc
                .store
                .reserve_usage(&key.id, now, UsageCounter::Requests, 1, Some(limit))
                .await
            {
                Ok(count) => {
                    let day = RateHeaders {
                        limit,
                        remaining: limit.saturating_sub(count),
                        reset: reset / 1000,
                    };
                    // Report the limit that will bite first.
                    if headers.is_none_or(|m| day.remaining < m.remaining) {
                        headers = Some(day);
                    }
                }
                Err(StoreError::LimitExceeded { .. }) => {
                    crate::metrics::rate_limited("rate_day");
                    let err = ApiError::RateLimited(format!(
                        "requests_per_day: this key may make {limit} requests per UTC day"
                    ));
                    return Err(Box::new(too_many(err, limit, reset, now)));
                }
                Err(e) => return Err(Box::new(ApiError::from(e).into_response())),
            }
        }
        None => svc.usage.add(&key.id),
    }
    Ok(headers)
}
