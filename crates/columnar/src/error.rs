//! Errors: each names the file (and the row, for a bad row).

use std::path::{Path, PathBuf};

/// Everything that can go wrong writing or reading Parquet.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}: {source}")]
    Parquet {
        path: PathBuf,
        #[source]
        source: parquet::errors::ParquetError,
    },
    /// The file is not Parquet, or is truncated or corrupt where it says what it holds.
    #[error("{path}: {reason}")]
    NotParquet { path: PathBuf, reason: String },
    /// The file is Parquet but not of the shape asked for.
    #[error("{path}: {reason}")]
    Schema { path: PathBuf, reason: String },
    /// One row (1-based, counted over the whole file) could not be read.
    #[error("{path}: row {row}: {reason}")]
    BadRow { path: PathBuf, row: u64, reason: String },
    #[error("a {kind} record must be a JSON object, not {found}")]
    NotARecord { kind: &'static str, found: &'static str },
}

impl Error {
    pub(crate) fn io(path: &Path, source: std::io::Error) -> Error {
        Error::Io { path: path.to_path_buf(), source }
    }

    pub(crate) fn parquet(path: &Path, source: parquet::errors::ParquetError) -> Error {
        Error::Parquet { path: path.to_path_buf(), source }
    }
}

/// The result type of this crate.
pub type Result<T, E = Error> = std::result::Result<T, E>;
