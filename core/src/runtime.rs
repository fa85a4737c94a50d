//! The process-wide tokio runtime on which OpenRSM runs robot work, timers and background tasks.
//!
//! It is never dropped, so that dropping the last session inside some other async context is safe.

use std::sync::OnceLock;

use crate::error::{Error, ErrorKind, Result};

/// The runtime's handle, starting it on first use.
pub fn handle() -> tokio::runtime::Handle {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(2)
                .thread_name("openrsm")
                .enable_all()
                .build()
                .expect("cannot start the OpenRSM runtime threads")
        })
        .handle()
        .clone()
}

/// Run a future to completion from synchronous code. Refused (rather than panicking) when called
/// from inside an async runtime, where blocking would stall it: use the async API there.
pub fn block_on<F: std::future::Future>(future: F) -> Result<F::Output> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(Error::new(
            ErrorKind::InvalidOperation,
            "a blocking OpenRSM call was made from inside an async runtime; use the async form",
        ));
    }
    Ok(handle().block_on(future))
}
