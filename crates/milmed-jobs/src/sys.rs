//! The only `unsafe` code of the crate: resource limits and the parent-death signal set in the
//! child between `fork` and `exec`, and signals sent to a child by pid.

use tokio::process::Command;

use crate::Limits;

/// `RLIMIT_CPU` hard limit above the soft one: at the soft limit the kernel sends `SIGXCPU`
/// (the job's own death, classified as `cpu_limit_exceeded`), at the hard one `SIGKILL`.
pub(crate) const CPU_HARD_MARGIN: u64 = 2;

fn rlim(v: u64) -> libc::rlim_t {
    // rlim_t is u64 on Linux; anything that does not fit is "unlimited".
    libc::rlim_t::try_from(v).unwrap_or(libc::RLIM_INFINITY)
}

/// Makes the child started by `cmd` run under `limits`, at scheduling priority `nice`, and die
/// with its parent.
pub(crate) fn confine(cmd: &mut Command, limits: &Limits, nice: i32) {
    let memory = rlim(limits.memory_bytes);
    let cpu_soft = rlim(limits.cpu_seconds);
    let cpu_hard = rlim(limits.cpu_seconds.saturating_add(CPU_HARD_MARGIN));
    let fsize = rlim(limits.output_bytes);
    let parent = std::process::id();
    // SAFETY: the closure runs in the forked child before exec, where only async-signal-safe
    // functions may be called. It only makes raw system calls (setrlimit, setpriority, prctl,
    // getppid) on values computed before the fork and builds `io::Error`s from errno, which
    // allocates nothing; it touches no lock, allocator or shared state of the parent.
    unsafe {
        cmd.pre_exec(move || {
            set(libc::RLIMIT_AS, memory, memory)?;
            set(libc::RLIMIT_CPU, cpu_soft, cpu_hard)?;
            set(libc::RLIMIT_FSIZE, fsize, fsize)?;
            set(libc::RLIMIT_CORE, 0, 0)?;
            // A job shares the cores with the API of its node: at a lower priority it takes
            // only the CPU time that requests leave over. Set in the single-threaded child
            // before exec, so every thread the job starts inherits it.
            if nice != 0 && libc::setpriority(libc::PRIO_PROCESS, 0, nice) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // A killed server takes its jobs with it: their leases expire and another node
            // reruns them. The signal fires when the forking *thread* exits, which for a
            // tokio worker thread is the end of the runtime.
            if libc::prctl(libc::PR_SET_PDEATHSIG, libc::SIGKILL, 0, 0, 0) != 0 {
                return Err(std::io::Error::last_os_error());
            }
            // The parent may have died before prctl took effect: then nobody would kill us.
            if u32::try_from(libc::getppid()).ok() != Some(parent) {
                return Err(std::io::Error::from_raw_os_error(libc::ESRCH));
            }
            Ok(())
        });
    }
}

/// SAFETY (callers): async-signal-safe, a single system call.
unsafe fn set(
    resource: libc::__rlimit_resource_t,
    soft: libc::rlim_t,
    hard: libc::rlim_t,
) -> std::io::Result<()> {
    let l = libc::rlimit {
        rlim_cur: soft,
        rlim_max: hard,
    };
    // SAFETY: `l` is a valid rlimit that outlives the call.
    if unsafe { libc::setrlimit(resource, &l) } != 0 {
        return Err(std::io::Error::last_os_error());
    }
    Ok(())
}

/// Sends `SIGKILL` to the child `pid`.
///
/// Only called for a child that has not been reaped yet (its `wait` has not returned), so the
/// pid still belongs to it (at worst a zombie) and cannot have been reused.
pub(crate) fn kill(pid: u32) {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return;
    };
    // SAFETY: kill(2) with a pid we own and a constant signal; no memory is involved.
    unsafe {
        libc::kill(pid, libc::SIGKILL);
    }
}

/// Clock ticks per second of `/proc/<pid>/stat` times.
pub(crate) fn clock_ticks() -> u64 {
    // SAFETY: sysconf only reads a system constant.
    let t = unsafe { libc::sysconf(libc::_SC_CLK_TCK) };
    u64::try_from(t).ok().filter(|&t| t > 0).unwrap_or(100)
}
