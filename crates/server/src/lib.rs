//! The local web UI of sitrep: `sitrep serve`.
//!
//! One small axum application over a store: JSON APIs under `/api` and a
//! page set written in plain HTML, CSS and JavaScript, embedded in the binary
//! (no framework, nothing fetched from the network). The pages render every
//! piece of document data as text nodes; the server never builds HTML from it.
//!
//! The store is synchronous (SQLite, or PostgreSQL with the `postgres` feature): each request
//! borrows a read-only connection from a small pool on tokio's blocking threads. SQLite's WAL mode
//! lets the UI read while an ingest writes to the same file; PostgreSQL sessions are opened with
//! read-only transactions (`default_transaction_read_only`).
//!
//! ```no_run
//! let addr = "127.0.0.1:8080".parse().unwrap();
//! sitrep_server::serve(std::path::Path::new("sitrep.db"), addr).unwrap();
//! ```

mod api;
mod assets;
mod docview;

use axum::Router;
use sitrep_store::{Locator, Store, StoreError};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

/// Why the server could not start or stopped.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error("no store at {0} (run `sitrep ingest` first or pass --db)")]
    NoStore(PathBuf),
    #[error(transparent)]
    Store(#[from] StoreError),
    // The io errors are part of the message, not a `source`, so `{:#}` does not print them twice.
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: SocketAddr, reason: std::io::Error },
    #[error("server failed: {0}")]
    Io(std::io::Error),
}

impl From<std::io::Error> for ServeError {
    fn from(e: std::io::Error) -> ServeError {
        ServeError::Io(e)
    }
}

/// A bound, not yet running server: [`Server::local_addr`] tells the port when 0 was asked for.
pub struct Server {
    listener: std::net::TcpListener,
    app: Router,
}

impl Server {
    /// Checks the store opens and binds `addr`; nothing is served until [`Server::run`]. `db` is
    /// an SQLite file or a `postgres://` URL.
    pub fn bind(db: &Path, addr: SocketAddr) -> Result<Server, ServeError> {
        let app = router(db)?;
        let listener = std::net::TcpListener::bind(addr).map_err(|reason| ServeError::Bind { addr, reason })?;
        listener.set_nonblocking(true).map_err(|reason| ServeError::Bind { addr, reason })?;
        Ok(Server { listener, app })
    }

    pub fn local_addr(&self) -> Result<SocketAddr, ServeError> {
        Ok(self.listener.local_addr()?)
    }

    /// Serves until the process ends (Ctrl-C).
    pub fn run(self) -> Result<(), ServeError> {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build()?;
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::from_std(self.listener)?;
            axum::serve(listener, self.app).await
        })?;
        Ok(())
    }
}

/// Serves the store at `db` on `addr` until the process ends.
pub fn serve(db: &Path, addr: SocketAddr) -> Result<(), ServeError> {
    Server::bind(db, addr)?.run()
}

/// The application for the store at `db` (which must exist), for embedding or tests.
pub fn router(db: &Path) -> Result<Router, ServeError> {
    let locator = Locator::from_path(db);
    if let Locator::Sqlite(path) = &locator {
        if !path.is_file() {
            return Err(ServeError::NoStore(db.to_owned()));
        }
    }
    // Open once now so a bad file (or an unreachable server) is reported at start, not on the first request.
    let first = locator.open_for_reading()?;
    let pool = Pool { locator, idle: Mutex::new(Vec::new()) };
    pool.put(first);
    Ok(api::routes(Arc::new(pool)))
}

/// Read-only connections to one store, opened on demand and kept for reuse.
pub(crate) struct Pool {
    locator: Locator,
    idle: Mutex<Vec<Store>>,
}

/// How many idle connections are kept.
const POOL_IDLE: usize = 4;

impl Pool {
    fn take(&self) -> Result<Store, StoreError> {
        let idle = self.idle.lock().ok().and_then(|mut v| v.pop());
        match idle {
            Some(s) => Ok(s),
            None => self.locator.open_for_reading(),
        }
    }

    fn put(&self, store: Store) {
        if let Ok(mut v) = self.idle.lock() {
            if v.len() < POOL_IDLE {
                v.push(store);
            }
        }
    }

    /// Runs `f` with a connection; the connection goes back to the pool only when `f` succeeded.
    pub(crate) fn with<T>(&self, f: impl FnOnce(&Store) -> Result<T, api::ApiError>) -> Result<T, api::ApiError> {
        let store = self.take()?;
        let out = f(&store);
        if out.is_ok() {
            self.put(store);
        }
        out
    }
}
