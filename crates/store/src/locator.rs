//! Where a store lives: an SQLite file or, with the `postgres` feature, a PostgreSQL database.

use crate::{Result, Store, StoreError};
use std::fmt;
use std::path::{Path, PathBuf};

/// A store's location as given on the command line (`--db`, `SITREP_DB`): a path to an SQLite file,
/// or a `postgres://` / `postgresql://` URL. `Display` masks the URL's password.
#[derive(Clone, PartialEq, Eq)]
pub enum Locator {
    Sqlite(PathBuf),
    Postgres(String),
}

impl Locator {
    /// A URL with a PostgreSQL scheme is a PostgreSQL store; anything else is an SQLite path.
    pub fn parse(s: &str) -> Locator {
        if is_postgres_url(s) {
            Locator::Postgres(s.to_owned())
        } else {
            Locator::Sqlite(PathBuf::from(s))
        }
    }

    /// As [`Locator::parse`]; a path that is not UTF-8 is always an SQLite file.
    pub fn from_path(path: &Path) -> Locator {
        match path.to_str() {
            Some(s) if is_postgres_url(s) => Locator::Postgres(s.to_owned()),
            _ => Locator::Sqlite(path.to_owned()),
        }
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Locator::Postgres(_))
    }

    /// A short name to show: the file name, or the database name (never user, host or password).
    pub fn short_name(&self) -> String {
        match self {
            Locator::Sqlite(path) => path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
            Locator::Postgres(url) => {
                let rest = url.split_once("://").map_or(url.as_str(), |(_, rest)| rest);
                let rest = rest.rsplit_once('@').map_or(rest, |(_, host)| host);
                let rest = rest.split_once('?').map_or(rest, |(main, _)| main);
                rest.split_once('/').map(|(_, db)| db.to_owned()).unwrap_or_default()
            }
        }
    }

    /// Opens the store, creating it if needed (a PostgreSQL database must exist; its tables are
    /// created), and migrates it to the current schema.
    pub fn open(&self) -> Result<Store> {
        match self {
            Locator::Sqlite(path) => Store::open_sqlite(path),
            Locator::Postgres(url) => open_postgres(url, Mode::Create),
        }
    }

    /// Opens a store that must exist already ([`StoreError::Missing`] otherwise): reading commands
    /// never create one.
    pub fn open_existing(&self) -> Result<Store> {
        match self {
            Locator::Sqlite(path) if !path.exists() => Err(StoreError::Missing { store: self.to_string() }),
            Locator::Sqlite(path) => Store::open_sqlite(path),
            Locator::Postgres(url) => open_postgres(url, Mode::Existing),
        }
    }

    /// Opens an existing store for reading only (see [`Store::open_for_reading`]); on PostgreSQL the
    /// session's transactions are read-only (`default_transaction_read_only`).
    pub fn open_for_reading(&self) -> Result<Store> {
        match self {
            Locator::Sqlite(path) => Store::open_sqlite_for_reading(path),
            Locator::Postgres(url) => open_postgres(url, Mode::Reading),
        }
    }
}

impl fmt::Display for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locator::Sqlite(path) => write!(f, "{}", path.display()),
            Locator::Postgres(url) => f.write_str(&mask_url(url)),
        }
    }
}

impl fmt::Debug for Locator {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Locator::Sqlite(path) => f.debug_tuple("Sqlite").field(path).finish(),
            Locator::Postgres(_) => f.debug_tuple("Postgres").field(&self.to_string()).finish(),
        }
    }
}

impl From<&Path> for Locator {
    fn from(path: &Path) -> Locator {
        Locator::from_path(path)
    }
}

fn is_postgres_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// How a PostgreSQL store is opened.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[cfg_attr(not(feature = "postgres"), allow(dead_code))]
pub(crate) enum Mode {
    /// Create the tables when the database has none.
    Create,
    /// The tables must be there.
    Existing,
    /// The tables must be there; afterwards every transaction of the session is read-only.
    Reading,
}

#[cfg(feature = "postgres")]
fn open_postgres(url: &str, mode: Mode) -> Result<Store> {
    crate::pg::open(url, mode)
}

#[cfg(not(feature = "postgres"))]
fn open_postgres(url: &str, _mode: Mode) -> Result<Store> {
    Err(StoreError::NoPostgres { store: mask_url(url) })
}

/// The URL with the password of its user part and of a `password=` parameter replaced by `***`.
/// When in doubt more is masked, never less.
pub(crate) fn mask_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else { return url.to_owned() };
    // The user part ends at the last '@' (an unencoded '@' or '/' in a password stays masked).
    let (userinfo, host) = match rest.rfind('@') {
        Some(at) => (Some(&rest[..at]), &rest[at + 1..]),
        None => (None, rest),
    };
    let mut out = format!("{scheme}://");
    if let Some(userinfo) = userinfo {
        match userinfo.split_once(':') {
            Some((user, _password)) => out.push_str(&format!("{user}:***@")),
            None => out.push_str(&format!("{userinfo}@")),
        }
    }
    match host.split_once('?') {
        Some((path, query)) => {
            out.push_str(path);
            out.push('?');
            let params: Vec<String> = query
                .split('&')
                .map(|kv| {
                    let key = kv.split('=').next().unwrap_or("");
                    if key.eq_ignore_ascii_case("password") {
                        format!("{key}=***")
                    } else {
                        kv.to_owned()
                    }
                })
                .collect();
            out.push_str(&params.join("&"));
        }
        None => out.push_str(host),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_paths_and_urls() {
        assert_eq!(Locator::parse("sitrep.db"), Locator::Sqlite(PathBuf::from("sitrep.db")));
        assert!(Locator::parse("postgres://u@h/db").is_postgres());
        assert!(Locator::parse("postgresql://h/db").is_postgres());
        assert!(!Locator::parse("./postgres.db").is_postgres());
        assert!(Locator::from_path(Path::new("postgres://h:5432/db")).is_postgres());
        assert_eq!(Locator::parse("dir/cases.db").short_name(), "cases.db");
        assert_eq!(Locator::parse("postgres://u:p@h:5432/sitrep?sslmode=disable").short_name(), "sitrep");
        assert_eq!(Locator::parse("postgres://h").short_name(), "");
    }

    #[test]
    fn masks_passwords() {
        let cases = [
            ("postgres://u:secret@127.0.0.1:5432/db", "postgres://u:***@127.0.0.1:5432/db"),
            ("postgres://u@h/db", "postgres://u@h/db"),
            ("postgresql://h/db?password=secret&sslmode=disable", "postgresql://h/db?password=***&sslmode=disable"),
            ("postgres://u:p/a@ss@h/db", "postgres://u:***@h/db"),
            ("postgres://h/db", "postgres://h/db"),
        ];
        for (url, masked) in cases {
            assert_eq!(mask_url(url), masked);
            assert_eq!(Locator::parse(url).to_string(), masked);
            assert!(!format!("{:?}", Locator::parse(url)).contains("secret"));
        }
    }

    #[cfg(not(feature = "postgres"))]
    #[test]
    fn a_build_without_postgres_says_how_to_get_it() {
        let err = Locator::parse("postgres://u:secret@127.0.0.1/db").open().err().unwrap().to_string();
        assert!(err.contains("without PostgreSQL support"), "{err}");
        assert!(err.contains("--features postgres"), "{err}");
        assert!(err.contains("postgres://u:***@127.0.0.1/db") && !err.contains("secret"), "{err}");
    }
}
