//! A time limit per document, so that one pathological input cannot stall a batch.
//!
//! Reading, structure parsing and rule checking are linear in the input on every text we know, but
//! a batch runs unattended over whatever arrives, and a hostile or simply unforeseen input must not
//! hold up all the files after it. [`run`] sets a deadline for the current thread; the long loops of
//! the engine (the structure builder's line loop, the sentence splitter, the rule engine's candidate
//! loop, the amendment checker, the PDF reader's page loop) call [`check`], which, once the deadline
//! has passed, abandons the work by unwinding with a [`TimeExceeded`] payload. [`run`] catches that
//! payload and returns it as an error; any other panic passes through unchanged.
//!
//! Why unwinding instead of a `Result` through every loop: the checks sit deep inside code that
//! cannot fail otherwise (`Document::parse` never fails), and a deadline is the only reason to stop
//! there. `resume_unwind` does not run the panic hook, so nothing is printed. Without a deadline set
//! (the default, and always in WebAssembly, where `Instant::now` is not available and panics abort)
//! [`check`] costs one thread-local read and never reads the clock.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::time::{Duration, Instant};

thread_local! {
    static DEADLINE: Cell<Option<(Instant, Duration)>> = const { Cell::new(None) };
    static TICKS: Cell<u32> = const { Cell::new(0) };
}

/// The clock is read on every this many calls of [`check`]; the loops that call it do little work
/// per iteration, so the deadline is still noticed within milliseconds.
const CHECK_EVERY: u32 = 64;

/// The work of one document took longer than its limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TimeExceeded {
    pub limit: Duration,
}

impl std::fmt::Display for TimeExceeded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Prüfung nach {} abgebrochen (Zeitgrenze je Dokument überschritten; Grenze einstellbar)", format_limit(self.limit))
    }
}

fn format_limit(d: Duration) -> String {
    if d.as_millis() < 1000 {
        format!("{} ms", d.as_millis())
    } else {
        format!("{} s", d.as_secs())
    }
}

/// Runs `f` with a deadline `limit` from now on this thread (`None`: no deadline). Deadlines nest:
/// an inner `run` cannot extend an outer one.
pub fn run<T>(limit: Option<Duration>, f: impl FnOnce() -> T) -> Result<T, TimeExceeded> {
    let Some(limit) = limit else { return Ok(f()) };
    let due = Instant::now() + limit;
    let previous = DEADLINE.get();
    let effective = match previous {
        Some((outer, outer_limit)) if outer <= due => (outer, outer_limit),
        _ => (due, limit),
    };
    DEADLINE.set(Some(effective));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    DEADLINE.set(previous);
    match result {
        Ok(v) => Ok(v),
        Err(payload) => match payload.downcast::<TimeExceeded>() {
            // Our own deadline: stop here. An outer deadline that passed first: let it unwind on.
            Ok(t) if previous.is_none() || t.limit == limit => Err(*t),
            Ok(t) => panic::resume_unwind(t),
            Err(other) => panic::resume_unwind(other),
        },
    }
}

/// Abandons the current work (by unwinding to [`run`]) if this thread's deadline has passed.
#[inline]
pub fn check() {
    let Some((due, limit)) = DEADLINE.get() else { return };
    let n = TICKS.get().wrapping_add(1);
    TICKS.set(n);
    if n % CHECK_EVERY == 0 && Instant::now() >= due {
        panic::resume_unwind(Box::new(TimeExceeded { limit }));
    }
}

/// Whether a caught panic payload is a passed deadline (for code that contains panics of
/// third-party code and must let the deadline through).
pub fn is_time_exceeded(payload: &(dyn std::any::Any + Send)) -> bool {
    payload.is::<TimeExceeded>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_deadline_runs_to_the_end() {
        assert_eq!(run(None, || 7), Ok(7));
        for _ in 0..1000 {
            check();
        }
    }

    #[test]
    fn an_endless_loop_is_stopped() {
        let limit = Duration::from_millis(50);
        let t = Instant::now();
        let r: Result<(), _> = run(Some(limit), || loop {
            check();
        });
        assert_eq!(r, Err(TimeExceeded { limit }));
        assert!(t.elapsed() < Duration::from_secs(2));
        assert!(DEADLINE.get().is_none(), "deadline left behind");
        assert!(r.unwrap_err().to_string().contains("50 ms"));
    }

    #[test]
    fn other_panics_pass_through() {
        let r = std::panic::catch_unwind(|| run(Some(Duration::from_secs(5)), || panic!("eigener Fehler")));
        assert!(r.is_err());
        assert!(DEADLINE.get().is_none());
    }

    #[test]
    fn an_inner_deadline_cannot_extend_an_outer_one() {
        let outer = Duration::from_millis(30);
        let r = run(Some(outer), || {
            run(Some(Duration::from_secs(60)), || loop {
                check();
            })
        });
        assert_eq!(r, Err(TimeExceeded { limit: outer }));
    }
}
