//! How long one extraction may run, and the flag that stops it from outside ([`Budget`]). Extraction checks it
//! between stages and every few thousand steps of its long loops, so a page that needs too long fails with
//! [`ExtractError::TookTooLong`] and a user's Cancel ends the work within a fraction of a second
//! ([`ExtractError::Cancelled`]). Reads the clock; does no other I/O.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use super::ExtractError;

/// The time one extraction may take and the flag that cancels it. The clock starts when the budget is made, so
/// make it just before extracting; one budget may cover several extractions (an article, then the whole page).
#[derive(Debug, Clone)]
pub struct Budget {
    /// When the time is up.
    deadline: Instant,
    /// The time given, for the error message.
    limit: Duration,
    /// Set (by anyone holding a clone) to stop the extraction.
    cancel: Arc<AtomicBool>,
}

/// Checks the clock once in this many steps of a long loop (reading it costs more than a step).
const STEPS_PER_CHECK: usize = 4096;

impl Budget {
    /// The time an ordinary page needs many times over: the 181 benchmark pages take 2 ms each on average and the
    /// largest page the fetcher accepts (20 MiB) well under 2 s. A page that needs more is hostile.
    pub const DEFAULT_TIME_LIMIT: Duration = Duration::from_secs(10);

    /// A budget of `limit` from now, ended early when `cancel` is set.
    pub fn new(limit: Duration, cancel: Arc<AtomicBool>) -> Self {
        Budget { deadline: Instant::now() + limit, limit, cancel }
    }

    /// `Ok` while time remains and nobody has cancelled.
    pub fn check(&self) -> Result<(), ExtractError> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(ExtractError::Cancelled);
        }
        if Instant::now() >= self.deadline {
            return Err(ExtractError::TookTooLong { limit: self.limit });
        }
        Ok(())
    }

    /// [`Budget::check`] at every [`STEPS_PER_CHECK`]th `step` of a loop, `Ok` at the others.
    pub(crate) fn check_at(&self, step: usize) -> Result<(), ExtractError> {
        if step.is_multiple_of(STEPS_PER_CHECK) { self.check() } else { Ok(()) }
    }
}

impl Default for Budget {
    /// [`Budget::DEFAULT_TIME_LIMIT`] from now, with a cancel flag nobody else holds.
    fn default() -> Self {
        Budget::new(Budget::DEFAULT_TIME_LIMIT, Arc::default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_budget_ends_by_time_or_by_its_flag() {
        assert!(Budget::default().check().is_ok());
        let spent = Budget::new(Duration::ZERO, Arc::default());
        assert!(matches!(spent.check(), Err(ExtractError::TookTooLong { .. })));
        assert!(spent.check_at(1).is_ok(), "between checks the clock is not read");
        let flag = Arc::new(AtomicBool::new(false));
        let budget = Budget::new(Duration::from_secs(60), flag.clone());
        assert!(budget.check().is_ok());
        flag.store(true, Ordering::Relaxed);
        assert!(matches!(budget.check(), Err(ExtractError::Cancelled)));
    }
}
