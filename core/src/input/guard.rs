//! Containing panics of third-party readers.
//!
//! pdf-extract (and in rare cases docx-rs) panic on unusual files instead of returning an error. A
//! batch run over a folder of drafts must not die because of one broken file, and the user should see
//! one clear German error instead of a Rust backtrace on standard error. [`contain`] runs a closure
//! under `catch_unwind` and, while it runs, keeps the panic hook quiet *for this thread only*: a
//! process-wide hook is installed once that stays silent on threads inside [`contain`] and delegates
//! to the previous hook everywhere else, so panics elsewhere (bugs in our own code, test failures)
//! are reported as before. Where panics abort (wasm builds with `panic = "abort"`), nothing can be
//! contained; those builds rely on the readers' own errors.

use std::cell::Cell;
use std::panic::{self, AssertUnwindSafe};
use std::sync::Once;

thread_local! {
    static QUIET: Cell<bool> = const { Cell::new(false) };
}

static INSTALL: Once = Once::new();

fn install_hook() {
    INSTALL.call_once(|| {
        let previous = panic::take_hook();
        panic::set_hook(Box::new(move |info| {
            if !QUIET.with(Cell::get) {
                previous(info);
            }
        }));
    });
}

/// Runs `f`; a panic inside it becomes `Err` with the panic message, printed nowhere.
pub(crate) fn contain<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_hook();
    let was_quiet = QUIET.with(|q| q.replace(true));
    let result = panic::catch_unwind(AssertUnwindSafe(f));
    QUIET.with(|q| q.set(was_quiet));
    result.map_err(|payload| {
        // A passed deadline is not the reader's failure: let it unwind to `deadline::run`.
        if crate::deadline::is_time_exceeded(payload.as_ref()) {
            panic::resume_unwind(payload);
        }
        if let Some(s) = payload.downcast_ref::<&str>() {
            (*s).to_string()
        } else if let Some(s) = payload.downcast_ref::<String>() {
            s.clone()
        } else {
            "unbekannter Fehler".to_string()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_a_panic_into_an_error() {
        let r: Result<(), String> = contain(|| panic!("kaputt {}", 3));
        assert_eq!(r.unwrap_err(), "kaputt 3");
        assert_eq!(contain(|| 5).unwrap(), 5);
        assert!(!QUIET.with(Cell::get));
    }
}
