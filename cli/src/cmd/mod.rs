//! One module per subcommand.

pub mod check;
pub mod eval;
pub mod explain;
pub mod init;
pub mod lsp;
pub mod parse;
pub mod rules;
