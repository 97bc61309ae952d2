//! One module per subcommand.

pub mod annotate;
pub mod check;
pub mod eval;
pub mod explain;
pub mod init;
pub mod parse;
pub mod rules;
