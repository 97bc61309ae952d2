//! Where the tests inside the crate find the shared corpus (`../shared/corpus`, beside the
//! repository). Tests that compare a hand-written reader with its grammar on real text need it:
//! under CI its absence is a failure, elsewhere the comparison is skipped with a note.

use std::path::{Path, PathBuf};

/// `../shared/corpus`, or `None` (with a note) outside CI when it is missing; `what` names the
/// comparison that cannot run.
pub(crate) fn shared_corpus(what: &str) -> Option<PathBuf> {
    let p = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if p.is_dir() {
        Some(p)
    } else if std::env::var_os("CI").is_some() {
        panic!("../shared/corpus is missing, but CI is set: the {what} on the corpora cannot run");
    } else {
        eprintln!("NOTE: ../shared/corpus not found — {what} on the shared corpora skipped");
        None
    }
}
