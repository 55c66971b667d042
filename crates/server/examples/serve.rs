//! Serves a store without the `sitrep` binary: `cargo run -p sitrep-server --example serve -- DB [ADDR]`.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(db) = args.next().map(PathBuf::from) else {
        eprintln!("usage: serve DB [ADDR]");
        return ExitCode::from(2);
    };
    let addr: SocketAddr = match args.next().unwrap_or_else(|| "127.0.0.1:8080".into()).parse() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("serve: bad address: {e}");
            return ExitCode::from(2);
        }
    };
    let server = match sitrep_server::Server::bind(&db, addr) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("serve: {e}");
            return ExitCode::from(1);
        }
    };
    if let Ok(a) = server.local_addr() {
        eprintln!("serve: http://{a}/");
    }
    match server.run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("serve: {e}");
            ExitCode::from(1)
        }
    }
}
