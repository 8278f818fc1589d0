//! Turning rows into the store's types, once for each backend.
//!
//! The conversions are written once in a macro and instantiated for SQLite's and PostgreSQL's
//! row types, because sqlx's generic row bounds would be longer than the code itself.

use sqlx::Row;

use crate::error::{to_u64, Result, StoreError};
use crate::jobs::{Job, JobEvent, JobStatus, Priority};
use crate::keys::{ApiKey, KeyLimits, KeyRole, UsageDay};
use crate::scenarios::{SavedScenario, ScenarioVersion};

/// Conversions from a result row (of either backend).
pub(crate) trait RowExt {
    fn to_api_key(&self) -> Result<ApiKey>;
    fn to_usage_day(&self) -> Result<UsageDay>;
    fn to_job(&self) -> Result<Job>;
    fn to_job_event(&self) -> Result<JobEvent>;
    fn to_scenario(&self) -> Result<SavedScenario>;
    fn to_scenario_version(&self) -> Result<ScenarioVersion>;
}

fn corrupt(column: &'static str, reason: impl Into<String>) -> StoreError {
    StoreError::Corrupt {
        column,
        reason: reason.into(),
    }
}

fn opt_u64(column: &'static str, v: Option<i64>) -> Result<Option<u64>> {
    v.map(|v| to_u64(column, v)).transpose()
}

fn to_u32(column: &'static str, v: i64) -> Result<u32> {
    u32::try_from(v).map_err(|_| corrupt(column, format!("out of range: {v}")))
}

fn status(column: &'static str, s: &str) -> Result<JobStatus> {
    JobStatus::parse(s).ok_or_else(|| corrupt(column, format!("unknown status {s:?}")))
}

fn json(column: &'static str, text: &str) -> Result<serde_json::Value> {
    serde_json::from_str(text).map_err(|e| corrupt(column, e.to_string()))
}

macro_rules! impl_row_ext {
    ($row:ty) => {
        impl RowExt for $row {
            fn to_api_key(&self) -> Result<ApiKey> {
                let role: String = self.try_get("role")?;
                Ok(ApiKey {
                    id: self.try_get("id")?,
                    name: self.try_get("name")?,
                    key_prefix: self.try_get("key_prefix")?,
                    role: KeyRole::parse(&role)
                        .ok_or_else(|| corrupt("role", format!("unknown role {role:?}")))?,
                    tenant_id: self.try_get("tenant_id")?,
                    limits: KeyLimits {
                        max_patients_per_job: opt_u64(
                            "max_patients_per_job",
                            self.try_get("max_patients_per_job")?,
                        )?,
                        jobs_per_day: opt_u64("jobs_per_day", self.try_get("jobs_per_day")?)?,
                        requests_per_minute: opt_u64(
                            "requests_per_minute",
                            self.try_get("requests_per_minute")?,
                        )?,
                        requests_per_day: opt_u64(
                            "requests_per_day",
                            self.try_get("requests_per_day")?,
                        )?,
                        patients_per_day: opt_u64(
                            "patients_per_day",
                            self.try_get("patients_per_day")?,
                        )?,
                        max_concurrent_jobs: opt_u64(
                            "max_concurrent_jobs",
                            self.try_get("max_concurrent_jobs")?,
                        )?,
                    },
                    created_at: self.try_get("created_at")?,
                    expires_at: self.try_get("expires_at")?,
                    revoked_at: self.try_get("revoked_at")?,
                    last_used_at: self.try_get("last_used_at")?,
                })
            }

            fn to_usage_day(&self) -> Result<UsageDay> {
                Ok(UsageDay {
                    day: self.try_get("day")?,
                    requests: to_u64("requests", self.try_get("requests")?)?,
                    patients: to_u64("patients", self.try_get("patients")?)?,
                    jobs: to_u64("jobs", self.try_get("jobs")?)?,
                })
            }

            fn to_job(&self) -> Result<Job> {
                let status_text: String = self.try_get("status")?;
                let rank: i64 = self.try_get("priority")?;
                let seed: String = self.try_get("seed")?;
                let formats: String = self.try_get("output_formats")?;
                let options: String = self.try_get("options_json")?;
                let result: Option<String> = self.try_get("result_json")?;
                Ok(Job {
                    seq: self.try_get("seq")?,
                    id: self.try_get("id")?,
                    tenant_id: self.try_get("tenant_id")?,
                    owner_key_id: self.try_get("owner_key_id")?,
                    status: status("status", &status_text)?,
                    priority: Priority::from_rank(rank)
                        .ok_or_else(|| corrupt("priority", format!("unknown rank {rank}")))?,
                    scenario_json: self.try_get("scenario_json")?,
                    seed: seed
                        .parse()
                        .map_err(|_| corrupt("seed", format!("not a u64: {seed:?}")))?,
                    patient_count: to_u64("patient_count", self.try_get("patient_count")?)?,
                    output_formats: serde_json::from_str(&formats)
                        .map_err(|e| corrupt("output_formats", e.to_string()))?,
                    options: json("options_json", &options)?,
                    attempts: to_u32("attempts", self.try_get("attempts")?)?,
                    max_attempts: to_u32("max_attempts", self.try_get("max_attempts")?)?,
                    lease_owner: self.try_get("lease_owner")?,
                    lease_expires_at: self.try_get("lease_expires_at")?,
                    heartbeat_at: self.try_get("heartbeat_at")?,
                    cancel_requested: self.try_get("cancel_requested")?,
                    progress_done: to_u64("progress_done", self.try_get("progress_done")?)?,
                    progress_phase: self.try_get("progress_phase")?,
                    bytes_written: to_u64("bytes_written", self.try_get("bytes_written")?)?,
                    error_code: self.try_get("error_code")?,
                    error_message: self.try_get("error_message")?,
                    result_location: self.try_get("result_location")?,
                    result: result.map(|r| json("result_json", &r)).transpose()?,
                    created_at: self.try_get("created_at")?,
                    started_at: self.try_get("started_at")?,
                    finished_at: self.try_get("finished_at")?,
                    updated_at: self.try_get("updated_at")?,
                    files_expired_at: self.try_get("files_expired_at")?,
                })
            }

            fn to_job_event(&self) -> Result<JobEvent> {
                let from: Option<String> = self.try_get("from_status")?;
                let to: String = self.try_get("to_status")?;
                Ok(JobEvent {
                    at: self.try_get("at")?,
                    from_status: from.map(|f| status("from_status", &f)).transpose()?,
                    to_status: status("to_status", &to)?,
                    reason: self.try_get("reason")?,
                })
            }

            fn to_scenario(&self) -> Result<SavedScenario> {
                Ok(SavedScenario {
                    id: self.try_get("id")?,
                    tenant_id: self.try_get("tenant_id")?,
                    name: self.try_get("name")?,
                    latest_version: to_u32("latest_version", self.try_get("latest_version")?)?,
                    created_at: self.try_get("created_at")?,
                    updated_at: self.try_get("updated_at")?,
                })
            }

            fn to_scenario_version(&self) -> Result<ScenarioVersion> {
                Ok(ScenarioVersion {
                    scenario_id: self.try_get("scenario_id")?,
                    version: to_u32("version", self.try_get("version")?)?,
                    scenario_json: self.try_get("scenario_json")?,
                    created_at: self.try_get("created_at")?,
                })
            }
        }
    };
}

impl_row_ext!(sqlx::sqlite::SqliteRow);
impl_row_ext!(sqlx::postgres::PgRow);
