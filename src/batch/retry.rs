//! Pacing of retries: exponential backoff with jitter, within an overall budget per article.

use std::time::{Duration, Instant};

/// First retry waits about this long.
const BASE: Duration = Duration::from_millis(100);
/// Longest wait between attempts: how soon a waiting article notices that the server is back.
const CAP: Duration = Duration::from_secs(5);

/// One article's retry schedule.
pub struct Retries {
    started: Instant,
    budget: Duration,
    /// Failed attempts so far.
    pub failures: u32,
    rng: fastrand::Rng,
}

impl Retries {
    pub fn new(budget: Duration) -> Self {
        Retries {
            started: Instant::now(),
            budget,
            failures: 0,
            rng: fastrand::Rng::new(),
        }
    }

    /// After a transient failure: how long to wait before the next attempt, or `None` when that
    /// wait would end past the budget. `at_least` is the server's retry pushback, if it sent one.
    /// The wait is drawn from [d/2, d], d = min(CAP, BASE * 2^(failures-1)): never zero (no
    /// spinning), spread out so that articles cut off together do not retry in lockstep.
    pub fn next_wait(&mut self, at_least: Option<Duration>) -> Option<Duration> {
        self.failures += 1;
        let d = BASE
            .saturating_mul(1 << (self.failures - 1).min(16))
            .min(CAP);
        let half = d / 2;
        let jitter = Duration::from_micros(self.rng.u64(0..=half.as_micros() as u64));
        let wait = (half + jitter).max(at_least.unwrap_or_default());
        (self.started.elapsed() + wait <= self.budget).then_some(wait)
    }

    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_with_jitter_up_to_the_cap() {
        let mut r = Retries::new(Duration::from_secs(3600));
        let waits: Vec<Duration> = (0..12).map(|_| r.next_wait(None).unwrap()).collect();
        for (i, w) in waits.iter().enumerate() {
            let d = BASE.saturating_mul(1 << i).min(CAP);
            assert!(
                *w >= d / 2 && *w <= d,
                "wait {i}: {w:?} outside [{:?}, {d:?}]",
                d / 2
            );
        }
        assert!(waits[11] >= CAP / 2);
    }

    #[test]
    fn pushback_is_honoured() {
        let mut r = Retries::new(Duration::from_secs(60));
        let w = r.next_wait(Some(Duration::from_secs(2))).unwrap();
        assert!(w >= Duration::from_secs(2));
    }

    #[test]
    fn the_budget_ends_the_retries() {
        // No time passes here: the waits alone must fit in the budget.
        let mut r = Retries::new(Duration::from_millis(400));
        let mut n = 0;
        while let Some(w) = r.next_wait(None) {
            assert!(w <= Duration::from_millis(400));
            n += 1;
            assert!(n < 10);
        }
        assert!(n >= 1, "at least one retry fits in 400 ms");
        assert_eq!(Retries::new(Duration::ZERO).next_wait(None), None);
    }
}
