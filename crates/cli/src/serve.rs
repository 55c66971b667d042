//! `sitrep serve`: the local web UI over a store.

use crate::DbArgs;
use anyhow::{Context, Result};
use clap::Args;
use std::net::SocketAddr;
use std::process::ExitCode;

#[derive(Args, Debug)]
pub struct ServeArgs {
    #[command(flatten)]
    pub db: DbArgs,
    /// Address to listen on. The default only accepts connections from this machine; another
    /// address exposes the store to the network.
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    pub addr: SocketAddr,
}

pub fn run(args: ServeArgs) -> Result<ExitCode> {
    let server = sitrep_server::Server::bind(&args.db.db, args.addr)?;
    let addr = server.local_addr()?;
    if !addr.ip().is_loopback() {
        eprintln!(
            "sitrep: warning: {addr} is reachable from other machines; the store is readable by anyone who can connect"
        );
    }
    let store = args.db.locator();
    eprintln!("sitrep: serving {store} at http://{addr}/ (Ctrl-C to stop)");
    server.run().with_context(|| format!("serving {store}"))?;
    Ok(ExitCode::SUCCESS)
}
