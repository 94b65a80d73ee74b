//! [`CliError`]: what stops a command, and the exit code it gives.

use std::fmt;
use std::io;

/// Why a command stopped. Every one exits 2, except a closed pipe (`nanp
/// list | head`): the reader's choice, not a failure, so it exits 0 quietly.
#[derive(Debug)]
pub enum CliError {
    /// Options that cannot be right, or an output that would overwrite an input.
    Usage(String),
    /// Reading or writing `what` failed.
    Io { what: String, source: io::Error },
    /// An input that cannot be used at all (no data rows, not a table, a
    /// refused overlay), with its message.
    Input(String),
}

impl CliError {
    pub fn io(what: &str, source: io::Error) -> CliError {
        CliError::Io {
            what: what.to_owned(),
            source,
        }
    }

    /// Whether the error is a closed standard output.
    pub fn is_broken_pipe(&self) -> bool {
        matches!(self, CliError::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
    }
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::Usage(m) | CliError::Input(m) => f.write_str(m),
            CliError::Io { what, source } if what.is_empty() => write!(f, "{source}"),
            CliError::Io { what, source } => write!(f, "{what}: {source}"),
        }
    }
}

impl From<io::Error> for CliError {
    /// An error whose message names its file already (see `io::Named`), or
    /// one of standard output.
    fn from(e: io::Error) -> CliError {
        CliError::io("", e)
    }
}

impl From<csv::Error> for CliError {
    fn from(e: csv::Error) -> CliError {
        match e.into_kind() {
            csv::ErrorKind::Io(e) => CliError::from(e),
            other => CliError::Input(format!("{other:?}")),
        }
    }
}

impl From<serde_json::Error> for CliError {
    fn from(e: serde_json::Error) -> CliError {
        match e.io_error_kind() {
            Some(kind) => CliError::from(io::Error::from(kind)),
            None => CliError::Input(e.to_string()),
        }
    }
}
