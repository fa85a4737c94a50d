//! Shared by the benchmarks: sizes (full or quick), timing and percentiles.
#![allow(dead_code)] // each benchmark uses a different part of this module

use std::time::{Duration, Instant};

/// Whether to run small sizes only, to check the benchmarks work (`OPENRSM_BENCH_QUICK=1`).
pub fn quick() -> bool {
    std::env::var("OPENRSM_BENCH_QUICK").is_ok_and(|v| !v.is_empty() && v != "0")
}

/// `full`, or `small` in quick mode.
pub fn size(full: usize, small: usize) -> usize {
    if quick() {
        small
    } else {
        full
    }
}

/// CPU time this thread has used.
pub fn thread_cpu() -> Duration {
    let mut t = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `t` is a valid, writable timespec for the duration of the call.
    if unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut t) } != 0 {
        return Duration::ZERO;
    }
    Duration::new(t.tv_sec as u64, t.tv_nsec as u32)
}

/// Wall-clock and CPU time of one call.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Timing {
    /// Elapsed time.
    pub wall: Duration,
    /// CPU time of the calling thread: what the work costs when the machine is busy.
    pub cpu: Duration,
}

/// Time one call of `f`.
pub fn measure<T>(f: impl FnOnce() -> T) -> (T, Timing) {
    let (cpu, start) = (thread_cpu(), Instant::now());
    let value = std::hint::black_box(f());
    let wall = start.elapsed();
    (value, Timing { wall, cpu: thread_cpu().saturating_sub(cpu) })
}

/// The `p`-th percentile (0..=100) of sorted values.
pub fn percentile<T: Copy>(sorted: &[T], p: f64) -> T {
    assert!(!sorted.is_empty());
    let rank = ((p / 100.0) * (sorted.len() - 1) as f64).round() as usize;
    sorted[rank.min(sorted.len() - 1)]
}

/// Milliseconds with two decimals.
pub fn ms(d: Duration) -> String {
    format!("{:.2} ms", d.as_secs_f64() * 1e3)
}

/// Microseconds with one decimal.
pub fn us(d: Duration) -> String {
    format!("{:.1} µs", d.as_secs_f64() * 1e6)
}

/// Whether a target was met (not judged in quick mode, whose sizes are too small to say).
pub fn verdict(met: bool) -> &'static str {
    if quick() {
        "not judged in a quick run"
    } else if met {
        "target met"
    } else {
        "TARGET MISSED"
    }
}
