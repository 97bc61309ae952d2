//! Where the tests inside the crate find the shared corpus: the workspace's test kit, so that the
//! rule for missing data (fail under CI, skip with a note elsewhere) is written once.

pub(crate) use digicheck_testkit::{files_under, shared_corpus};
