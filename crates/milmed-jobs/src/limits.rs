//! Per-job resource limits.

use std::time::Duration;

/// Limits of one job, enforced on its child process (see `docs/jobs.md` for how each one is
/// detected).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Address space of the job process (`RLIMIT_AS`), in bytes.
    pub memory_bytes: u64,
    /// CPU time of the job process, all threads together (`RLIMIT_CPU`), in seconds.
    pub cpu_seconds: u64,
    /// Wall-clock time from start to exit, enforced by the supervisor.
    pub wall: Duration,
    /// Bytes written over all files (supervisor, from progress; `RLIMIT_FSIZE` per file as the
    /// backstop).
    pub output_bytes: u64,
}

impl Default for Limits {
    /// 512 MiB, 300 s CPU, 600 s wall, 50 GiB of output (operations.md).
    fn default() -> Self {
        Limits {
            memory_bytes: 512 << 20,
            cpu_seconds: 300,
            wall: Duration::from_secs(600),
            output_bytes: 50 << 30,
        }
    }
}
