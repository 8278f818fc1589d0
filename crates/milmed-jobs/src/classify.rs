//! Why a job process ended, as a stable error code and a short message for the user.
//!
//! Pure functions over what the supervisor observed, so every rule is unit-tested.

use crate::child::exit_codes;
use crate::codes;
use crate::Limits;

/// Why the supervisor itself killed the job process, if it did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum KillReason {
    /// A user cancelled the job.
    Cancel,
    /// The wall-time limit passed.
    Timeout,
    /// The bytes written passed the output limit.
    OutputLimit,
    /// The runtime is shutting down; the job is left to lease recovery.
    Shutdown,
    /// The worker lost its lease (another worker may run the job now).
    LeaseLost,
}

/// How the job process ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Ending {
    /// It exited with this code.
    Exited(i32),
    /// A signal killed it.
    Signaled(i32),
}

/// Everything the classification looks at.
#[derive(Debug, Clone)]
pub(crate) struct Observed<'a> {
    pub ending: Ending,
    pub killed: Option<KillReason>,
    /// The last CPU-time sample of the process, in seconds.
    pub cpu_seconds: Option<f64>,
    /// The tail of the process's standard error.
    pub stderr: &'a str,
    pub limits: Limits,
}

/// A failed job's code and message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Failure {
    pub code: &'static str,
    pub message: String,
}

fn failure(code: &'static str, message: String) -> Failure {
    Failure { code, message }
}

/// Signs in the standard error of a process that ran out of address space: Rust's allocation
/// failure message (it then aborts), and thread creation failing for lack of memory.
fn out_of_memory_text(stderr: &str) -> bool {
    stderr.contains("memory allocation of")
        || stderr.contains("Cannot allocate memory")
        || stderr.contains("failed to spawn thread")
        || stderr.contains("cannot start worker threads")
}

/// The last `error: …` line the job process printed (it prints no server paths), shortened.
fn error_line(stderr: &str) -> Option<String> {
    let line = stderr
        .lines()
        .rev()
        .find_map(|l| l.strip_prefix("error: "))?
        .trim();
    let mut s: String = line.chars().take(300).collect();
    if s.len() < line.len() {
        s.push('…');
    }
    Some(s)
}

/// Classifies the end of a job process that did not succeed, or that the supervisor killed.
/// `None` for a clean exit 0 that nobody killed (the caller then checks the result).
pub(crate) fn classify(o: &Observed<'_>) -> Option<Failure> {
    let l = &o.limits;
    let memory = || {
        failure(
            codes::MEMORY_LIMIT_EXCEEDED,
            format!(
                "the job needed more than its memory limit of {} MiB",
                l.memory_bytes >> 20
            ),
        )
    };
    let cpu = || {
        failure(
            codes::CPU_LIMIT_EXCEEDED,
            format!(
                "the job used more than its CPU time limit of {} s",
                l.cpu_seconds
            ),
        )
    };
    let output = || {
        failure(
            codes::OUTPUT_LIMIT_EXCEEDED,
            format!(
                "the job's output exceeded its limit of {} bytes",
                l.output_bytes
            ),
        )
    };
    match o.killed {
        Some(KillReason::Timeout) => {
            return Some(failure(
                codes::TIMEOUT,
                format!(
                    "the job ran longer than its time limit of {} s",
                    l.wall.as_secs()
                ),
            ))
        }
        Some(KillReason::OutputLimit) => return Some(output()),
        // Not failures of the job; the caller handles them before classifying.
        Some(KillReason::Cancel | KillReason::Shutdown | KillReason::LeaseLost) => return None,
        None => {}
    }
    match o.ending {
        Ending::Exited(0) => None,
        Ending::Signaled(libc::SIGXCPU) => Some(cpu()),
        Ending::Signaled(libc::SIGXFSZ) => Some(output()),
        // Nobody here sent it: the kernel does at the CPU hard limit (when SIGXCPU did not end
        // the process), and the OOM killer does under memory pressure.
        Ending::Signaled(libc::SIGKILL)
            if o.cpu_seconds
                .is_some_and(|s| s + 0.5 >= l.cpu_seconds as f64) =>
        {
            Some(cpu())
        }
        Ending::Signaled(libc::SIGABRT) if out_of_memory_text(o.stderr) => Some(memory()),
        Ending::Exited(exit_codes::OUT_OF_MEMORY) => Some(memory()),
        Ending::Exited(exit_codes::OUTPUT_LIMIT) => Some(output()),
        Ending::Exited(101) if out_of_memory_text(o.stderr) => Some(memory()),
        Ending::Exited(code) => Some(failure(
            codes::GENERATION_FAILED,
            error_line(o.stderr)
                .unwrap_or_else(|| format!("the job process exited with status {code}")),
        )),
        Ending::Signaled(sig) => Some(failure(
            codes::GENERATION_FAILED,
            format!("the job process was killed by signal {sig}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use std::time::Duration;

    use super::*;

    fn obs(ending: Ending, stderr: &str) -> Observed<'_> {
        Observed {
            ending,
            killed: None,
            cpu_seconds: None,
            stderr,
            limits: Limits {
                memory_bytes: 48 << 20,
                cpu_seconds: 1,
                wall: Duration::from_secs(2),
                output_bytes: 1000,
            },
        }
    }

    fn code(o: &Observed<'_>) -> Option<&'static str> {
        classify(o).map(|f| f.code)
    }

    #[test]
    fn success_and_supervisor_kills() {
        assert_eq!(code(&obs(Ending::Exited(0), "")), None);
        let mut o = obs(Ending::Signaled(libc::SIGKILL), "");
        o.killed = Some(KillReason::Timeout);
        assert_eq!(code(&o), Some(codes::TIMEOUT));
        assert!(classify(&o).unwrap().message.contains("2 s"));
        o.killed = Some(KillReason::OutputLimit);
        assert_eq!(code(&o), Some(codes::OUTPUT_LIMIT_EXCEEDED));
        o.killed = Some(KillReason::Cancel);
        assert_eq!(code(&o), None);
    }

    #[test]
    fn limits_detected_from_the_death() {
        assert_eq!(
            code(&obs(Ending::Signaled(libc::SIGXCPU), "")),
            Some(codes::CPU_LIMIT_EXCEEDED)
        );
        assert_eq!(
            code(&obs(Ending::Signaled(libc::SIGXFSZ), "")),
            Some(codes::OUTPUT_LIMIT_EXCEEDED)
        );
        let mut k = obs(Ending::Signaled(libc::SIGKILL), "");
        assert_eq!(code(&k), Some(codes::GENERATION_FAILED));
        k.cpu_seconds = Some(2.9);
        assert_eq!(code(&k), Some(codes::CPU_LIMIT_EXCEEDED));
        let abort = "memory allocation of 67108864 bytes failed\n";
        assert_eq!(
            code(&obs(Ending::Signaled(libc::SIGABRT), abort)),
            Some(codes::MEMORY_LIMIT_EXCEEDED)
        );
        assert_eq!(
            code(&obs(Ending::Signaled(libc::SIGABRT), "assertion failed")),
            Some(codes::GENERATION_FAILED)
        );
        let panic = "thread 'main' panicked at std/src/thread/mod.rs:\nfailed to spawn thread: Os { code: 11 }";
        assert_eq!(
            code(&obs(Ending::Exited(101), panic)),
            Some(codes::MEMORY_LIMIT_EXCEEDED)
        );
        assert_eq!(
            code(&obs(Ending::Exited(exit_codes::OUT_OF_MEMORY), "")),
            Some(codes::MEMORY_LIMIT_EXCEEDED)
        );
        assert_eq!(
            code(&obs(Ending::Exited(exit_codes::OUTPUT_LIMIT), "")),
            Some(codes::OUTPUT_LIMIT_EXCEEDED)
        );
    }

    #[test]
    fn other_failures_keep_the_childs_short_message() {
        let f = classify(&obs(
            Ending::Exited(3),
            "warning: x\nerror: cannot write patients.json: disk full\n",
        ))
        .unwrap();
        assert_eq!(f.code, codes::GENERATION_FAILED);
        assert_eq!(f.message, "cannot write patients.json: disk full");
        let f = classify(&obs(Ending::Exited(7), "")).unwrap();
        assert_eq!(f.message, "the job process exited with status 7");
        let long = format!("error: {}", "x".repeat(1000));
        assert!(
            classify(&obs(Ending::Exited(3), &long))
                .unwrap()
                .message
                .chars()
                .count()
                <= 301
        );
        let f = classify(&obs(Ending::Signaled(libc::SIGSEGV), "")).unwrap();
        assert_eq!(f.code, codes::GENERATION_FAILED);
    }
}
