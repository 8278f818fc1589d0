//! Deterministic random streams.
//!
//! Every patient owns independent streams derived from `(seed, patient index, domain)`, so a
//! patient's record never depends on how the population is split across threads, and adding a
//! draw in one domain (say, treatments) leaves every other domain's draws untouched.

use rand_core::{RngCore, SeedableRng};
use rand_xoshiro::Xoshiro256PlusPlus;

/// The independent sub-streams of one patient (or of one planning cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Domain {
    /// Front, nationality and the person.
    Person = 1,
    /// Category, mechanism, conditions, body region, severity.
    Injury = 2,
    /// Physiology, triage, treatments, evacuation and outcome.
    Course = 3,
    /// Vital-sign measurement noise.
    Vitals = 4,
    /// The casualty-timeline planner (events, sizes, times).
    Timeline = 5,
}

/// SplitMix64 finaliser: a bijective, well-mixing function of 64 bits.
#[inline]
pub fn mix64(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// Derives a 64-bit key from a seed and a path of integers (order matters).
pub fn derive(seed: u64, path: &[u64]) -> u64 {
    let mut h = mix64(seed ^ 0x6D69_6C6D_6564_0001);
    for &p in path {
        h = mix64(h ^ mix64(p.wrapping_add(0xA076_1D64_78BD_642F)));
    }
    h
}

/// A fast random stream (xoshiro256++) with the sampling helpers the generator needs.
///
/// The helpers are written here rather than taken from a distributions crate so that the
/// mapping from raw bits to values is fixed by this project and cannot change with a dependency
/// upgrade.
#[derive(Clone)]
pub struct Stream {
    inner: Xoshiro256PlusPlus,
    /// The second value of the last Box–Muller pair, used by the next `normal()` call.
    spare: Option<f64>,
}

impl Stream {
    /// A stream for one patient and one domain.
    pub fn for_patient(seed: u64, index: u64, domain: Domain) -> Self {
        Self::from_key(derive(seed, &[index, domain as u64]))
    }

    /// A stream for an arbitrary key (see [`derive`]).
    pub fn from_key(key: u64) -> Self {
        Self {
            inner: Xoshiro256PlusPlus::seed_from_u64(key),
            spare: None,
        }
    }

    /// 64 random bits.
    #[inline]
    pub fn next_u64(&mut self) -> u64 {
        self.inner.next_u64()
    }

    /// Uniform in [0, 1) with 53 bits of precision.
    #[inline]
    pub fn unit(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi).
    #[inline]
    pub fn range_f64(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.unit()
    }

    /// Uniform integer in [0, n); `n` must be > 0 (returns 0 otherwise).
    #[inline]
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 {
            return 0;
        }
        // Lemire's multiply-shift; the tiny bias (< n / 2^64) is irrelevant here and keeps the
        // number of draws fixed, which keeps streams aligned.
        ((self.next_u64() as u128 * n as u128) >> 64) as u64
    }

    /// Uniform index into a slice of length `n`.
    #[inline]
    pub fn index(&mut self, n: usize) -> usize {
        self.below(n as u64) as usize
    }

    /// Uniform integer in [lo, hi] (inclusive).
    #[inline]
    pub fn range_i64(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        lo + self.below((hi - lo) as u64 + 1) as i64
    }

    /// True with probability `p`.
    #[inline]
    pub fn chance(&mut self, p: f64) -> bool {
        self.unit() < p
    }

    /// Standard normal by the Box–Muller transform (pairs of values from two uniforms).
    #[inline]
    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        let u1 = 1.0 - self.unit(); // (0, 1]
        let u2 = self.unit();
        let r = (-2.0 * u1.ln()).sqrt();
        let (sin, cos) = (std::f64::consts::TAU * u2).sin_cos();
        self.spare = Some(r * sin);
        r * cos
    }

    /// Normal with mean and standard deviation.
    #[inline]
    pub fn gauss(&mut self, mean: f64, sd: f64) -> f64 {
        mean + sd * self.normal()
    }

    /// Log-normal with the given median and log-space sigma.
    #[inline]
    pub fn lognormal(&mut self, median: f64, sigma: f64) -> f64 {
        median * (sigma * self.normal()).exp()
    }

    /// Exponential with the given mean.
    #[inline]
    pub fn exponential(&mut self, mean: f64) -> f64 {
        -mean * (1.0 - self.unit()).ln()
    }

    /// Index drawn with the given non-negative weights (need not sum to 1).
    /// Falls back to the last index when all weights are zero.
    pub fn weighted(&mut self, weights: &[f64]) -> usize {
        let total: f64 = weights.iter().sum();
        let mut x = self.unit() * total;
        for (i, w) in weights.iter().enumerate() {
            if x < *w {
                return i;
            }
            x -= *w;
        }
        weights.len().saturating_sub(1)
    }

    /// Item drawn from `(item, weight)` pairs.
    pub fn pick<'a, T>(&mut self, items: &'a [(T, f64)]) -> &'a T {
        let total: f64 = items.iter().map(|(_, w)| *w).sum();
        let mut x = self.unit() * total;
        for (item, w) in items {
            if x < *w {
                return item;
            }
            x -= *w;
        }
        &items[items.len() - 1].0
    }
}

/// Splits `total` into integer parts proportional to `weights` by the largest-remainder method,
/// so the parts always sum to exactly `total`. Ties go to the lower index. Weights that are all
/// zero split evenly.
pub fn apportion(total: u64, weights: &[f64], out: &mut Vec<u64>) {
    out.clear();
    let n = weights.len();
    if n == 0 {
        return;
    }
    let sum: f64 = weights.iter().map(|w| w.max(0.0)).sum();
    let even = sum <= 0.0;
    let mut assigned: u64 = 0;
    let mut remainders: Vec<(f64, usize)> = Vec::with_capacity(n);
    for (i, w) in weights.iter().enumerate() {
        let share = if even {
            1.0 / n as f64
        } else {
            w.max(0.0) / sum
        };
        let exact = share * total as f64;
        let floor = exact.floor().min(total as f64) as u64;
        out.push(floor);
        assigned += floor;
        remainders.push((exact - floor as f64, i));
    }
    // Floating error can push the floors past the total for astronomically large totals; trim.
    while assigned > total {
        if let Some(i) = out.iter().rposition(|&c| c > 0) {
            out[i] -= 1;
            assigned -= 1;
        }
    }
    remainders.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    let mut k = 0;
    while assigned < total {
        let i = remainders[k % n].1;
        if even || weights[i] > 0.0 || sum <= 0.0 {
            out[i] += 1;
            assigned += 1;
        }
        k += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn streams_are_reproducible_and_independent() {
        let a: Vec<u64> = (0..4)
            .map(|_| 0)
            .scan(Stream::for_patient(7, 3, Domain::Person), |s, _| {
                Some(s.next_u64())
            })
            .collect();
        let mut s = Stream::for_patient(7, 3, Domain::Person);
        let b: Vec<u64> = (0..4).map(|_| s.next_u64()).collect();
        assert_eq!(a, b);
        let mut other = Stream::for_patient(7, 3, Domain::Injury);
        assert_ne!(other.next_u64(), a[0]);
    }

    #[test]
    fn apportion_is_exact() {
        let mut out = Vec::new();
        for total in [0u64, 1, 7, 100, 12345, 10_000_001] {
            for w in [
                vec![1.0],
                vec![0.52, 0.33, 0.15],
                vec![0.0, 1.0, 0.0],
                vec![0.0, 0.0],
                vec![1e-9, 1.0, 3.0, 7.5],
            ] {
                apportion(total, &w, &mut out);
                assert_eq!(out.iter().sum::<u64>(), total, "{total} {w:?}");
                assert_eq!(out.len(), w.len());
                let sum: f64 = w.iter().sum();
                if sum > 0.0 {
                    for (c, wi) in out.iter().zip(&w) {
                        let exact = wi / sum * total as f64;
                        assert!((*c as f64 - exact).abs() < 1.0 + 1e-6);
                    }
                }
            }
        }
    }

    #[test]
    fn unit_in_range_and_below_bounded() {
        let mut s = Stream::from_key(1);
        for _ in 0..10_000 {
            let u = s.unit();
            assert!((0.0..1.0).contains(&u));
            assert!(s.below(7) < 7);
        }
    }
}
