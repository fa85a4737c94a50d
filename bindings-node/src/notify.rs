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

use crate::abort::{abort_error, AbortListener, SignalOptions};
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
        options: Option<SignalOptions<'env>>,
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
