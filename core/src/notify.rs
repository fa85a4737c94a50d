//! Database notifications: every committed change to an object is published, in commit order, to
//! the subscriptions of its type.
//!
//! A subscription ([`Notification`]) has a bounded queue. A subscriber that falls so far behind that
//! its queue overflows is not silently skipped ahead: its next wait fails with `NO_DATA`, and it
//! must re-read the state it cares about and subscribe again.
//!
//! ```
//! # fn main() -> openrsm::Result<()> {
//! use openrsm::{ObjectType, Operation, Session, SessionOptions, Timeout};
//! let home = tempfile::tempdir().unwrap();
//! let session = Session::open(SessionOptions::default().home(home.path()))?;
//! let pools = session.open_notification(&[ObjectType::MediaPool])?;
//! session.create_media_pool("Backup", Default::default())?;
//! let event = pools.wait(Timeout::from_millis(1000))?;
//! assert_eq!(event.operation, Operation::Insert);
//! assert_eq!(event.object_type, ObjectType::MediaPool);
//! # Ok(()) }
//! ```

use std::collections::VecDeque;
use std::pin::Pin;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard, Weak};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use futures::Stream;
use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Result};
use crate::model::{ObjectId, ObjectType, Operation};

/// How many undelivered events a subscription holds before it is declared lagging.
pub const DEFAULT_QUEUE_CAPACITY: usize = 65_536;

/// One notification: what happened to which object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Event {
    /// Insert, update, delete, or request progress.
    pub operation: Operation,
    /// The type of the object.
    pub object_type: ObjectType,
    /// The object.
    pub object_id: ObjectId,
    /// Service-wide sequence number: increases by one per published event, in commit order.
    pub sequence: u64,
}

/// How long a wait may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Timeout {
    /// Wait until something happens (`INFINITE`).
    #[default]
    Infinite,
    /// Wait at most this long.
    After(Duration),
}

impl Timeout {
    /// At most `ms` milliseconds.
    pub const fn from_millis(ms: u64) -> Timeout {
        Timeout::After(Duration::from_millis(ms))
    }

    /// The deadline this timeout sets from now, `None` for infinite.
    pub fn deadline(self) -> Option<Instant> {
        match self {
            Timeout::Infinite => None,
            Timeout::After(d) => Instant::now().checked_add(d),
        }
    }
}

impl From<Duration> for Timeout {
    fn from(d: Duration) -> Self {
        Timeout::After(d)
    }
}

impl From<Option<Duration>> for Timeout {
    fn from(d: Option<Duration>) -> Self {
        d.map_or(Timeout::Infinite, Timeout::After)
    }
}

#[derive(Default)]
struct Queue {
    events: VecDeque<Event>,
    lagged: bool,
    closed: bool,
}

/// The shared state of one subscription.
pub(crate) struct Subscriber {
    types: Vec<ObjectType>,
    capacity: usize,
    queue: Mutex<Queue>,
    ready: Condvar,
    wakers: tokio::sync::Notify,
}

impl Subscriber {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn wants(&self, t: ObjectType) -> bool {
        self.types.is_empty() || self.types.contains(&t)
    }

    /// Close the subscription and wake every waiter.
    pub(crate) fn close(&self) {
        self.lock().closed = true;
        self.ready.notify_all();
        self.wakers.notify_waiters();
    }

    /// Mark the subscription as broken (state replaced wholesale, e.g. by an import).
    pub(crate) fn break_channel(&self) {
        let mut q = self.lock();
        q.lagged = true;
        q.events.clear();
        drop(q);
        self.ready.notify_all();
        self.wakers.notify_waiters();
    }

    /// Take the next event if there is one; errors for closed or lagging subscriptions.
    fn try_take(q: &mut Queue) -> Option<Result<Event>> {
        if q.closed {
            return Some(Err(Error::closed("notification")));
        }
        if q.lagged {
            return Some(Err(Error::new(
                ErrorKind::NoData,
                "the subscriber fell behind and missed notifications: re-read state and subscribe again",
            )));
        }
        q.events.pop_front().map(Ok)
    }
}

/// Where committed changes are published; one per service.
pub(crate) struct Hub {
    subscribers: Mutex<Vec<Weak<Subscriber>>>,
    sequence: AtomicU64,
}

impl Hub {
    pub(crate) fn new() -> Hub {
        Hub { subscribers: Mutex::new(Vec::new()), sequence: AtomicU64::new(0) }
    }

    /// The sequence number of the last published event (0 before the first).
    pub(crate) fn last_sequence(&self) -> u64 {
        self.sequence.load(Ordering::SeqCst)
    }

    pub(crate) fn subscribe(&self, types: &[ObjectType], capacity: usize) -> Arc<Subscriber> {
        let sub = Arc::new(Subscriber {
            types: types.to_vec(),
            capacity: capacity.max(1),
            queue: Mutex::new(Queue::default()),
            ready: Condvar::new(),
            wakers: tokio::sync::Notify::new(),
        });
        let mut subs = self.subscribers.lock().unwrap_or_else(|p| p.into_inner());
        subs.retain(|s| s.strong_count() > 0);
        subs.push(Arc::downgrade(&sub));
        sub
    }

    /// Publish events of one committed transaction. Called with the database lock held, so that
    /// sequence numbers and delivery follow commit order.
    pub(crate) fn publish(&self, events: &[(Operation, ObjectType, ObjectId)]) {
        if events.is_empty() {
            return;
        }
        let first = self.sequence.fetch_add(events.len() as u64, Ordering::SeqCst) + 1;
        let subs = self.subscribers.lock().unwrap_or_else(|p| p.into_inner());
        for sub in subs.iter().filter_map(Weak::upgrade) {
            let mut delivered = false;
            {
                let mut q = sub.lock();
                if q.closed || q.lagged {
                    continue;
                }
                for (i, &(operation, object_type, object_id)) in events.iter().enumerate() {
                    if !sub.wants(object_type) {
                        continue;
                    }
                    if q.events.len() >= sub.capacity {
                        q.lagged = true;
                        q.events.clear();
                        break;
                    }
                    q.events.push_back(Event { operation, object_type, object_id, sequence: first + i as u64 });
                    delivered = true;
                }
                delivered |= q.lagged;
            }
            if delivered {
                sub.ready.notify_all();
                sub.wakers.notify_waiters();
            }
        }
    }

    /// Break every subscription: after a wholesale change (import) no event stream can describe it.
    pub(crate) fn break_all(&self) {
        let subs = self.subscribers.lock().unwrap_or_else(|p| p.into_inner());
        for sub in subs.iter().filter_map(Weak::upgrade) {
            sub.break_channel();
        }
    }
}

/// A subscription to the notifications of some object types (`OpenNtmsNotification`).
///
/// Made by [`Session::open_notification`](crate::Session::open_notification). Cheap to clone: clones
/// share one queue, so each event is taken by one of them. [`wait`](Notification::wait) blocks the
/// calling thread; [`next`](Notification::next) is the same as a future, and
/// [`stream`](Notification::stream) turns it into a `Stream`. Closing the subscription, or its session, makes
/// every wait fail with `INVALID_HANDLE` instead of hanging.
#[derive(Clone)]
pub struct Notification {
    sub: Arc<Subscriber>,
    session: crate::session::SessionRef,
}

impl Notification {
    pub(crate) fn new(sub: Arc<Subscriber>, session: crate::session::SessionRef) -> Self {
        Notification { sub, session }
    }

    /// The object types this subscription receives (empty: all).
    pub fn object_types(&self) -> &[ObjectType] {
        &self.sub.types
    }

    /// Wait for the next event (`WaitForNtmsNotification`).
    ///
    /// Fails with `TIMEOUT` when the time passes, `NO_DATA` when the subscriber fell behind, and
    /// `INVALID_HANDLE` when the subscription or its session is (or gets) closed.
    pub fn wait(&self, timeout: impl Into<Timeout>) -> Result<Event> {
        self.session.check()?;
        let deadline = timeout.into().deadline();
        let mut q = self.sub.lock();
        loop {
            if let Some(result) = Subscriber::try_take(&mut q) {
                return result;
            }
            q = match deadline {
                None => self.sub.ready.wait(q).unwrap_or_else(|p| p.into_inner()),
                Some(deadline) => {
                    let left = deadline.saturating_duration_since(Instant::now());
                    if left.is_zero() {
                        return Err(Error::new(ErrorKind::Timeout, "no notification arrived in time"));
                    }
                    self.sub.ready.wait_timeout(q, left).unwrap_or_else(|p| p.into_inner()).0
                }
            };
        }
    }

    /// Take the next event if one is queued, without waiting; `Ok(None)` when none is.
    pub fn try_next(&self) -> Result<Option<Event>> {
        self.session.check()?;
        Subscriber::try_take(&mut self.sub.lock()).transpose()
    }

    /// Wait for the next event, asynchronously. Cancel-safe: dropping the future never loses an
    /// event (it is only taken from the queue when the future completes).
    pub async fn next(&self) -> Result<Event> {
        loop {
            self.session.check()?;
            let notified = self.sub.wakers.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            if let Some(result) = Subscriber::try_take(&mut self.sub.lock()) {
                return result;
            }
            notified.await;
        }
    }

    /// Like [`next`](Notification::next), failing with `TIMEOUT` after `timeout`.
    pub async fn next_timeout(&self, timeout: impl Into<Timeout>) -> Result<Event> {
        match timeout.into() {
            Timeout::Infinite => self.next().await,
            Timeout::After(d) => match tokio::time::timeout(d, self.next()).await {
                Ok(result) => result,
                Err(_) => Err(Error::new(ErrorKind::Timeout, "no notification arrived in time")),
            },
        }
    }

    /// The events as an async `Stream`; it ends after yielding the error that closes it.
    pub fn stream(&self) -> NotificationStream {
        let me = self.clone();
        let inner = futures::stream::unfold(Some(me), |state| async move {
            let me = state?;
            match me.next().await {
                Ok(event) => Some((Ok(event), Some(me))),
                Err(e) => Some((Err(e), None)),
            }
        });
        NotificationStream { inner: Box::pin(inner) }
    }

    /// How many events are queued and not yet taken.
    pub fn pending(&self) -> usize {
        self.sub.lock().events.len()
    }

    /// End the subscription (`CloseNtmsNotification`); idempotent. Waiters are woken with `INVALID_HANDLE`.
    pub fn close(&self) {
        self.sub.close();
    }

    /// Whether the subscription is closed (by itself or by its session).
    pub fn is_closed(&self) -> bool {
        self.sub.lock().closed || self.session.check().is_err()
    }
}

impl std::fmt::Debug for Notification {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Notification").field("object_types", &self.sub.types).field("pending", &self.pending()).finish()
    }
}

/// The events of a [`Notification`] as a `Stream` of results.
pub struct NotificationStream {
    inner: Pin<Box<dyn Stream<Item = Result<Event>> + Send>>,
}

impl Stream for NotificationStream {
    type Item = Result<Event>;
    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.inner.as_mut().poll_next(cx)
    }
}
