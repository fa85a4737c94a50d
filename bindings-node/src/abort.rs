//! `AbortSignal`s for the waits that take one: a listener that cancels a token, the `AbortError`
//! an aborted wait rejects with, and [`spawn_abortable`], which runs a core future on the core's
//! runtime and settles a Promise with its outcome or with that `AbortError`.

use std::future::Future;

use napi::bindgen_prelude::*;
use tokio_util::sync::CancellationToken;

/// Options of the waits that accept an `AbortSignal`.
#[napi_derive::napi(object)]
pub struct SignalOptions<'env> {
    /// Cancels the wait: the Promise then rejects with an `AbortError` whose `cause` is the
    /// signal's reason.
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<Object<'env>>,
}

/// What aborting does to the core's work.
pub(crate) enum OnAbort {
    /// Drop the future: right for pure waits, which change nothing.
    Drop,
    /// Run this (blocking) call, which makes the core's work end early and undo itself, and
    /// settle with the outcome: `AbortError` if the work failed, its result if it had finished.
    Cancel(Box<dyn FnOnce() -> openrsm::Result<()> + Send>),
}

/// Run `future` on the core's runtime, cancellable by `signal`, and settle a Promise with
/// `settle(outcome)` or, once aborted, an `AbortError`.
pub(crate) fn spawn_abortable<'env, T, V, F, S>(
    env: &'env Env,
    signal: Option<Object<'env>>,
    on_abort: OnAbort,
    future: F,
    settle: S,
) -> Result<PromiseRaw<'env, V>>
where
    T: Send + 'static,
    V: ToNapiValue,
    F: Future<Output = openrsm::Result<T>> + Send + 'static,
    S: FnOnce(openrsm::Result<T>) -> Result<V> + 'static,
{
    let abort = CancellationToken::new();
    let listener = match signal {
        Some(signal) => Some(AbortListener::attach(env, signal, abort.clone())?),
        None => None,
    };
    let mut task = openrsm::runtime::handle().spawn(future);
    let outcome = async move {
        let joined = tokio::select! {
            biased;
            _ = abort.cancelled() => match on_abort {
                OnAbort::Drop => {
                    task.abort();
                    None
                }
                OnAbort::Cancel(cancel) => {
                    // The request may have finished already: then there is nothing to cancel.
                    let _ = crate::blocking::run(cancel).await;
                    Some(task.await)
                }
            },
            joined = &mut task => Some(joined),
        };
        Ok(joined)
    };
    env.spawn_future_with_callback(outcome, move |env, joined| {
        let reason = match listener {
            Some(listener) => listener.detach(env)?,
            None => None,
        };
        match (joined, reason) {
            (None, Some(reason)) | (Some(Ok(Err(_))), Some(reason)) => Err(abort_error(env, reason)?),
            (None, None) => Err(napi::Error::from_reason("the wait was cancelled")),
            (Some(Err(_)), _) => Err(napi::Error::from_reason("an OpenRSM call panicked")),
            (Some(Ok(outcome)), _) => settle(outcome),
        }
    })
}

/// `EventTarget.addEventListener` / `removeEventListener`, called with a type and a listener.
type EventListenerMethod<'env> = Function<'env, FnArgs<(&'static str, Function<'env, (), ()>)>, Unknown<'env>>;

/// An `abort` listener on an `AbortSignal` that cancels a token, removed again when the wait ends
/// so that one signal can serve many waits.
pub(crate) struct AbortListener {
    signal: ObjectRef<false>,
    listener: FunctionRef<(), ()>,
}

impl AbortListener {
    pub(crate) fn attach(env: &Env, signal: Object<'_>, abort: CancellationToken) -> Result<AbortListener> {
        if signal.get_named_property::<bool>("aborted")? {
            abort.cancel();
        }
        let on_abort = env.create_function_from_closure::<(), (), _>("onAbort", move |_| {
            abort.cancel();
            Ok(())
        })?;
        let add: EventListenerMethod = signal.get_named_property("addEventListener")?;
        add.apply(signal, ("abort", on_abort).into())?;
        Ok(AbortListener { signal: signal.create_ref()?, listener: on_abort.create_ref()? })
    }

    /// Remove the listener; the signal's reason if it was aborted.
    pub(crate) fn detach(self, env: &Env) -> Result<Option<Unknown<'_>>> {
        let signal = self.signal.get_value(env)?;
        let listener = self.listener.borrow_back(env)?;
        let remove: EventListenerMethod = signal.get_named_property("removeEventListener")?;
        remove.apply(signal, ("abort", listener).into())?;
        let reason = if signal.get_named_property::<bool>("aborted")? {
            Some(signal.get_named_property::<Unknown>("reason")?)
        } else {
            None
        };
        self.signal.unref(env)?;
        Ok(reason)
    }
}

/// The error an aborted wait rejects with, as Node's own APIs make it: an `Error` named
/// `AbortError` with code `ABORT_ERR` and the signal's reason as `cause`.
pub(crate) fn abort_error(env: &Env, reason: Unknown<'_>) -> Result<napi::Error> {
    let mut error = env.create_error(napi::Error::new(Status::GenericFailure, "The operation was aborted"))?;
    error.set_named_property("name", "AbortError")?;
    error.set_named_property("code", "ABORT_ERR")?;
    error.set_named_property("cause", reason)?;
    Ok(napi::Error::from(error.to_unknown()))
}
