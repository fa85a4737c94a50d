//! Notification subscriptions: an async iterator of events, `wait(timeoutMs, { signal })`, `close()`.
//!
//! The subscription is its own async iterator: `next()` waits for the next event and reports
//! `done` once the subscription or its session is closed; `return()` — called by `break` in a
//! `for await` loop — closes it, which also ends a `next()` still pending. The core's waits are
//! cancel-safe, so an aborted `wait` loses no event: the event stays queued for the next call.

use napi::bindgen_prelude::*;
use napi_derive::napi;
use openrsm::ErrorKind;
use tokio_util::sync::CancellationToken;

use crate::enums::{ObjectType, Operation};
use crate::errors::to_napi;
use crate::model::parse_timeout;

/// One notification: what happened to which object.
#[napi(object)]
pub struct NotificationEvent {
    /// Insert, update, delete, or request progress.
    pub operation: Operation,
    /// The type of the object.
    pub object_type: ObjectType,
    /// The object's id.
    pub object_id: String,
    /// Service-wide sequence number: increases by one per published event, in commit order.
    pub sequence: i64,
}

impl From<openrsm::Event> for NotificationEvent {
    fn from(e: openrsm::Event) -> Self {
        NotificationEvent {
            operation: e.operation.into(),
            object_type: e.object_type.into(),
            object_id: e.object_id.to_string(),
            sequence: i64::try_from(e.sequence).unwrap_or(i64::MAX),
        }
    }
}

/// A step of the async iteration over a subscription (an `IteratorResult`).
#[napi(object)]
pub struct NotificationStep {
    /// Whether the subscription has ended.
    pub done: bool,
    /// The event, unless `done`.
    pub value: Option<NotificationEvent>,
}

const DONE: NotificationStep = NotificationStep { done: true, value: None };

/// Options of `Notifications.wait`.
#[napi(object)]
pub struct WaitOptions<'env> {
    /// Cancels the wait: the Promise then rejects with an `AbortError` whose `cause` is the
    /// signal's reason, and no event is lost.
    #[napi(ts_type = "AbortSignal")]
    pub signal: Option<Object<'env>>,
}

/// A subscription to the notifications of some object types (`OpenNtmsNotification`), made by
/// `session.notifications(...)`. Iterate it with `for await`, or call `wait(timeoutMs)`. A pending
/// `next()` or `wait()` keeps Node running until an event comes or the subscription (or its
/// session) is closed.
#[napi]
pub struct Notifications {
    pub(crate) inner: openrsm::Notification,
}

#[napi]
impl Notifications {
    /// The object types this subscription receives (empty: all).
    #[napi(getter)]
    pub fn object_types(&self) -> Vec<ObjectType> {
        self.inner.object_types().iter().map(|&t| t.into()).collect()
    }

    /// How many events are queued and not yet taken.
    #[napi(getter)]
    pub fn pending(&self) -> u32 {
        u32::try_from(self.inner.pending()).unwrap_or(u32::MAX)
    }

    /// Whether the subscription is closed (by itself or by its session).
    #[napi(getter)]
    pub fn closed(&self) -> bool {
        self.inner.is_closed()
    }

    /// End the subscription (`CloseNtmsNotification`); closing it again does nothing.
    #[napi]
    pub fn close(&self) {
        self.inner.close();
    }

    /// The next event if one is queued, else `null`, without waiting.
    #[napi]
    pub fn try_next(&self) -> Result<Option<NotificationEvent>> {
        Ok(self.inner.try_next().map_err(to_napi)?.map(Into::into))
    }

    /// The next event, waiting as long as it takes; `done` once the subscription or its session
    /// is closed. Fails with `NoDataError` when the subscriber fell behind and missed events.
    #[napi(ts_return_type = "Promise<IteratorResult<NotificationEvent, undefined>>")]
    pub async fn next(&self) -> Result<NotificationStep> {
        let notification = self.inner.clone();
        match notification.next().await {
            Ok(event) => Ok(NotificationStep { done: false, value: Some(event.into()) }),
            Err(e) if e.kind() == ErrorKind::InvalidHandle => Ok(DONE),
            Err(e) => Err(to_napi(e)),
        }
    }

    /// End the iteration: closes the subscription (what `break` in `for await` calls).
    #[napi(js_name = "return", ts_return_type = "Promise<IteratorResult<NotificationEvent, undefined>>")]
    pub async fn finish(&self) -> Result<NotificationStep> {
        self.inner.close();
        Ok(DONE)
    }

    /// Wait for the next event (`WaitForNtmsNotification`) for at most `timeoutMs` milliseconds
    /// (forever when absent); `null` when the time passes. Fails with `InvalidHandleError` when
    /// the subscription or its session is closed, `NoDataError` when the subscriber fell behind.
    #[napi(ts_return_type = "Promise<NotificationEvent | null>")]
    pub fn wait<'env>(
        &self,
        env: &'env Env,
        timeout_ms: Option<f64>,
        options: Option<WaitOptions<'env>>,
    ) -> Result<PromiseRaw<'env, Option<NotificationEvent>>> {
        let timeout = parse_timeout(timeout_ms)?.unwrap_or(openrsm::Timeout::Infinite);
        let notification = self.inner.clone();
        let abort = CancellationToken::new();
        let listener = match options.and_then(|o| o.signal) {
            Some(signal) => Some(AbortListener::attach(env, signal, abort.clone())?),
            None => None,
        };
        let outcome = async move {
            Ok(tokio::select! {
                biased;
                _ = abort.cancelled() => None,
                result = notification.next_timeout(timeout) => Some(result),
            })
        };
        env.spawn_future_with_callback(outcome, move |env, outcome| {
            let reason = match listener {
                Some(listener) => listener.detach(env)?,
                None => None,
            };
            match (outcome, reason) {
                (None, Some(reason)) => Err(abort_error(env, reason)?),
                (None, None) => Err(napi::Error::from_reason("the wait was cancelled")),
                (Some(Ok(event)), _) => Ok(Some(event.into())),
                (Some(Err(e)), _) if e.kind() == ErrorKind::Timeout => Ok(None),
                (Some(Err(e)), _) => Err(to_napi(e)),
            }
        })
    }
}

/// `EventTarget.addEventListener` / `removeEventListener`, called with a type and a listener.
type EventListenerMethod<'env> = Function<'env, FnArgs<(&'static str, Function<'env, (), ()>)>, Unknown<'env>>;

/// An `abort` listener on an `AbortSignal` that cancels a token, removed again when the wait ends
/// so that one signal can serve many waits.
struct AbortListener {
    signal: ObjectRef<false>,
    listener: FunctionRef<(), ()>,
}

impl AbortListener {
    fn attach(env: &Env, signal: Object<'_>, abort: CancellationToken) -> Result<AbortListener> {
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
    fn detach(self, env: &Env) -> Result<Option<Unknown<'_>>> {
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
fn abort_error(env: &Env, reason: Unknown<'_>) -> Result<napi::Error> {
    let mut error = env.create_error(napi::Error::new(Status::GenericFailure, "The operation was aborted"))?;
    error.set_named_property("name", "AbortError")?;
    error.set_named_property("code", "ABORT_ERR")?;
    error.set_named_property("cause", reason)?;
    Ok(napi::Error::from(error.to_unknown()))
}
