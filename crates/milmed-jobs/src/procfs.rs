//! Reading a child's memory and CPU use from `/proc` (sampled by the supervisor).

/// The peak resident set (`VmHWM`) in `/proc/<pid>/status` text, in bytes.
pub(crate) fn parse_vm_hwm(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let mut parts = line["VmHWM:".len()..].split_whitespace();
    let n: u64 = parts.next()?.parse().ok()?;
    match parts.next() {
        Some("kB") => n.checked_mul(1024),
        _ => None,
    }
}

/// User plus system CPU time, in clock ticks, from `/proc/<pid>/stat` text.
pub(crate) fn parse_cpu_ticks(stat: &str) -> Option<u64> {
    // The command name (field 2) is in parentheses and may hold spaces: count after its ')'.
    let rest = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = rest.split_whitespace().collect();
    // After the name: state is field 3, utime field 14, stime field 15.
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some(utime + stime)
}

/// `VmHWM` of process `pid` (`"self"` for this process), if readable.
pub(crate) fn peak_memory(pid: &str) -> Option<u64> {
    parse_vm_hwm(&std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?)
}

/// CPU seconds used so far by process `pid`, if readable.
pub(crate) fn cpu_seconds(pid: u32, ticks_per_second: u64) -> Option<f64> {
    let ticks = parse_cpu_ticks(&std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)?;
    Some(ticks as f64 / ticks_per_second.max(1) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vm_hwm() {
        let s = "Name:\tmilmed\nVmPeak:\t  100 kB\nVmHWM:\t   28672 kB\nVmRSS:\t 1 kB\n";
        assert_eq!(parse_vm_hwm(s), Some(28672 * 1024));
        assert_eq!(parse_vm_hwm("Name: x\n"), None);
        assert_eq!(parse_vm_hwm("VmHWM: lots\n"), None);
    }

    #[test]
    fn cpu_ticks_with_spaces_in_the_name() {
        let stat = "1234 (job run) R 1 2 3 4 5 6 7 8 9 10 250 30 0 0 20 0 3 0";
        assert_eq!(parse_cpu_ticks(stat), Some(280));
        assert_eq!(parse_cpu_ticks("garbage"), None);
        let me = std::fs::read_to_string("/proc/self/stat").unwrap();
        assert!(parse_cpu_ticks(&me).is_some());
        assert!(peak_memory("self").unwrap() > 0);
    }
}
