//! Notifications: the subscription handle C++'s `openrsm::Notification` owns.

use std::mem::ManuallyDrop;

use openrsm::{ErrorKind, Event, Notification, ObjectType};

use crate::bridge::ffi;
use crate::enums::from_number;
use crate::errors::{drop_guarded, guard, BridgeResult};
use crate::session::SessionHandle;

/// A subscription. `Notification` is `Send + Sync`, so C++ may close it from one thread while
/// another waits on it: the waiter wakes with `INVALID_HANDLE`.
pub(crate) struct NotificationHandle {
    notification: ManuallyDrop<Notification>,
}

impl Drop for NotificationHandle {
    fn drop(&mut self) {
        // SAFETY: `notification` is not used again after this.
        drop_guarded(unsafe { ManuallyDrop::take(&mut self.notification) });
    }
}

impl From<Event> for ffi::Event {
    fn from(e: Event) -> Self {
        ffi::Event {
            operation: e.operation.value(),
            object_type: e.object_type.value(),
            object_id: e.object_id.into(),
            sequence: e.sequence,
        }
    }
}

fn maybe(event: Option<Event>) -> ffi::MaybeEvent {
    match event {
        Some(event) => ffi::MaybeEvent { present: true, event: event.into() },
        None => ffi::MaybeEvent::default(),
    }
}

impl SessionHandle {
    /// Subscribe to these object types (all when empty).
    pub(crate) fn open_notification(&self, object_types: &[u32]) -> BridgeResult<Box<NotificationHandle>> {
        guard(|| {
            let types = object_types.iter().map(|t| from_number(*t)).collect::<openrsm::Result<Vec<ObjectType>>>()?;
            let notification = self.session.open_notification(&types)?;
            Ok(Box::new(NotificationHandle { notification: ManuallyDrop::new(notification) }))
        })
    }
}

impl NotificationHandle {
    /// Wait for the next event; none (rather than `TIMEOUT`) when the time passes.
    pub(crate) fn wait(&self, timeout: &ffi::Wait) -> BridgeResult<ffi::MaybeEvent> {
        guard(|| match self.notification.wait(openrsm::Timeout::from(timeout)) {
            Ok(event) => Ok(maybe(Some(event))),
            Err(e) if e.kind() == ErrorKind::Timeout => Ok(maybe(None)),
            Err(e) => Err(e),
        })
    }

    /// The next queued event, if any.
    pub(crate) fn try_next(&self) -> BridgeResult<ffi::MaybeEvent> {
        guard(|| Ok(maybe(self.notification.try_next()?)))
    }

    /// How many events are queued.
    pub(crate) fn pending(&self) -> BridgeResult<usize> {
        guard(|| Ok(self.notification.pending()))
    }

    /// End the subscription; idempotent.
    pub(crate) fn close(&self) -> BridgeResult<()> {
        guard(|| {
            self.notification.close();
            Ok(())
        })
    }

    /// Whether it is closed.
    pub(crate) fn is_closed(&self) -> BridgeResult<bool> {
        guard(|| Ok(self.notification.is_closed()))
    }

    /// The subscribed object types (empty: all).
    pub(crate) fn object_types(&self) -> BridgeResult<Vec<u32>> {
        guard(|| Ok(self.notification.object_types().iter().map(|t| t.value()).collect()))
    }
}
