//! The errors ingest reports: every one names the file (and the line, for a
//! corpus record) at fault, so a user can find and fix the input.

use std::path::PathBuf;

/// Everything that can go wrong reading an input.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: cannot read: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: file is {size} bytes, over the limit of {limit} bytes")]
    TooLarge { path: PathBuf, size: u64, limit: u64 },
    #[error("{path}: binary file ({reason}), not a text document")]
    Binary { path: PathBuf, reason: String },
    #[error("{path}: empty document (no text after decoding)")]
    Empty { path: PathBuf },
    #[error("{path}: not a file or directory")]
    NotFound { path: PathBuf },
    #[error("{path}:{line}: {reason}")]
    BadRecord { path: PathBuf, line: u64, reason: String },
    /// A row of a Parquet corpus (rows are numbered from 1 over the file).
    #[error("{path}: row {row}: {reason}")]
    BadRow { path: PathBuf, row: u64, reason: String },
    #[error("{path}: unsupported input: {reason}")]
    Unsupported { path: PathBuf, reason: String },
}

impl Error {
    /// The file the error is about.
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::Io { path, .. }
            | Error::TooLarge { path, .. }
            | Error::Binary { path, .. }
            | Error::Empty { path }
            | Error::NotFound { path }
            | Error::BadRecord { path, .. }
            | Error::BadRow { path, .. }
            | Error::Unsupported { path, .. } => path,
        }
    }

    /// The line (JSON Lines, CSV) or row (Parquet) of a corpus record at
    /// fault, when there is one.
    pub fn line(&self) -> Option<u64> {
        match self {
            Error::BadRecord { line, .. } => Some(*line),
            Error::BadRow { row, .. } => Some(*row),
            _ => None,
        }
    }

    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
