//! Metric names and label values emitted by the runtime (operations.md's table), in one place
//! so the dashboard and alert rules can be checked against them.

/// Counter, label `format`: patients written by completed jobs.
pub(crate) const PATIENTS_GENERATED: &str = "patients_generated_total";
/// Histogram (seconds), label `format`: one job's generation time.
pub(crate) const GENERATION_DURATION: &str = "patient_generation_duration_seconds";
/// Counter, label `error_type` (the failure code): failed generations.
pub(crate) const GENERATION_ERRORS: &str = "patient_generation_errors_total";
/// Histogram (seconds), label `job_type`: wall time of jobs, whatever their outcome.
pub(crate) const JOB_EXECUTION: &str = "job_execution_seconds";
/// Histogram (bytes): peak resident memory of each finished job process.
pub(crate) const JOB_PEAK_MEMORY: &str = "job_peak_memory_bytes";
/// Counter: lease heartbeats sent by this node's workers.
pub(crate) const WORKER_HEARTBEATS: &str = "worker_heartbeats_total";
/// Counter, labels `from_status`, `to_status`: the transitions this runtime causes.
pub(crate) const STATUS_CHANGES: &str = "job_status_changes_total";
/// Gauge: jobs this node is running now.
pub(crate) const ACTIVE_JOBS: &str = "worker_active_jobs";

/// The only `job_type` so far.
pub(crate) const JOB_TYPE_GENERATION: &str = "generation";

/// Counts one status transition.
pub(crate) fn status_change(from: &'static str, to: &'static str) {
    metrics::counter!(STATUS_CHANGES, "from_status" => from, "to_status" => to).increment(1);
}
