//! stub
use super::{InputError, InputLimits};
use crate::source::SourceText;
pub fn read(name: &str, _bytes: &[u8], _limits: &InputLimits) -> Result<SourceText, InputError> {
    Err(super::error(name, "todo"))
}
