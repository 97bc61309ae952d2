//! One module per subcommand.

pub mod annotate;
pub mod apply;
pub mod check;
pub mod diff;
pub mod eval;
pub mod explain;
pub mod init;
pub mod lsp;
pub mod parse;
pub mod rules;
pub(crate) mod stream;
