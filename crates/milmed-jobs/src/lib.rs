//! The milmed job runtime: runs the jobs of the persistent queue (`milmed-store`) on this
//! node, each in a child process of the same binary under operating-system resource limits.
//!
//! - [`Runtime::start`] starts `slots` workers that claim jobs with a lease, run them as child
//!   processes (`milmed job-run`, see [`run_child`]), forward progress, heartbeat, enforce the
//!   memory, CPU, wall-time and output limits, honour cancellation, and record the outcome.
//! - Crash recovery requeues the jobs of lost workers once their lease runs out; retention
//!   deletes old job files and marks the jobs expired.
//! - [`Storage`] owns the layout of job files on disk; [`SecretKey`] seals job passwords so
//!   the database never holds one in the clear.
//!
//! The design is written up in `docs/jobs.md`.
#![warn(missing_docs)]
// Only `sys` (pre_exec, setrlimit, kill) may use unsafe code.
#![deny(unsafe_code)]

mod child;
mod classify;
mod error;
mod limits;
mod metrics_names;
mod options;
mod procfs;
mod runtime;
mod secret;
mod storage;
#[allow(unsafe_code)]
mod sys;

pub use child::{exit_codes, run_child, ChildMessage, ChildSpec, JobResult, OutputFileInfo};
pub use error::JobsError;
pub use limits::Limits;
pub use options::JobOptions;
pub use runtime::{
    ChildCommand, Runtime, RuntimeConfig, RuntimeHandle, WorkerStatus, DEFAULT_NICE,
};
pub use secret::{SealedPassword, SecretKey, SECRET_KEY_FILE};
pub use storage::Storage;

/// Stable error codes of failed jobs (`Job.error_code`), as the API reports them.
pub mod codes {
    /// The job process needed more memory (address space) than its limit.
    pub const MEMORY_LIMIT_EXCEEDED: &str = "memory_limit_exceeded";
    /// The job process used more CPU time than its limit.
    pub const CPU_LIMIT_EXCEEDED: &str = "cpu_limit_exceeded";
    /// The job ran longer (wall-clock time) than its limit.
    pub const TIMEOUT: &str = "timeout";
    /// The job wrote more bytes than its limit.
    pub const OUTPUT_LIMIT_EXCEEDED: &str = "output_limit_exceeded";
    /// Anything else: bad options, an I/O error, a crash of the job process.
    pub const GENERATION_FAILED: &str = "generation_failed";
}
