//! Running the core's blocking calls off the JavaScript thread.
//!
//! Each call runs on a thread of its own rather than on a tokio blocking pool: threads of a tokio
//! runtime carry its context, and the core refuses blocking calls made from inside a runtime (it
//! would stall it). A thread per call also keeps long waits (allocation with a timeout) from
//! occupying libuv's small pool, which Node needs for file and DNS work.

use crate::errors::to_napi;

/// Run `call` on a new thread; the returned future completes with its result.
pub(crate) async fn run<T, F>(call: F) -> napi::Result<T>
where
    F: FnOnce() -> openrsm::Result<T> + Send + 'static,
    T: Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    std::thread::Builder::new()
        .name("openrsm-call".into())
        .spawn(move || {
            // The receiver is gone only if the Promise's future was dropped (the environment is
            // shutting down): nobody waits for the result then.
            let _ = tx.send(call());
        })
        .map_err(|e| napi::Error::from_reason(format!("cannot start a thread for an OpenRSM call: {e}")))?;
    match rx.await {
        Ok(result) => result.map_err(to_napi),
        Err(_) => Err(napi::Error::from_reason("an OpenRSM call panicked")),
    }
}
