//! Hold an OpenRSM home: open an embedded session on it and keep it open, answering commands on
//! standard input, so that another process can see what happens when it opens the same home.
//!
//! ```text
//! cargo run -p openrsm --example hold_home -- /tmp/rsm-home
//! ready 4242 /tmp/rsm-home
//! write            <- creates an application pool and prints its id
//! wrote 8c4b…
//! quit             <- or end of input: close the session and exit
//! closed
//! ```
//!
//! With no argument the home is `$OPENRSM_HOME` (or the default home). When the session cannot be
//! opened it prints `error CODE NAME message` and exits with status 1.

use std::io::BufRead;
use std::process::ExitCode;

use openrsm::{PoolOptions, Session, SessionOptions};

fn main() -> ExitCode {
    let mut options = SessionOptions::default().application("hold_home");
    if let Some(home) = std::env::args_os().nth(1) {
        options = options.home(home);
    }
    let session = match Session::open(options) {
        Ok(session) => session,
        Err(e) => {
            println!("error {} {} {}", e.code(), e.kind().name(), e.message());
            return ExitCode::FAILURE;
        }
    };
    let home = session.home().map(|h| h.display().to_string()).unwrap_or_default();
    println!("ready {} {home}", std::process::id());
    let mut written = 0;
    for line in std::io::stdin().lock().lines() {
        let Ok(line) = line else { break };
        match line.trim() {
            "write" => {
                written += 1;
                match session.create_media_pool(&format!("Held-{written}"), PoolOptions::default()) {
                    Ok(pool) => println!("wrote {}", pool.id),
                    Err(e) => println!("error {} {} {}", e.code(), e.kind().name(), e.message()),
                }
            }
            "quit" => break,
            "" => {}
            other => println!("unknown command {other:?}"),
        }
    }
    session.close();
    println!("closed");
    ExitCode::SUCCESS
}
