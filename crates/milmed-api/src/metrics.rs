//! Placeholder until the Prometheus module lands.

/// Counts a rate-limited request.
pub fn rate_limited(_reason: &'static str) {}

/// Counts a failed authentication.
pub fn auth_failed(_reason: &'static str) {}
