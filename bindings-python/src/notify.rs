//! Notifications: `session.notifications(ObjectType.X, ...)` returns a `Subscription`, which is a
//! context manager (`with`/`async with`), a blocking iterator, an async iterator, and has
//! `wait(timeout=None)` and `await next(timeout=None)`.
//!
//! Blocking waits run in [`SLICE`]s with the GIL released and check for Ctrl-C between slices.
//! Async waits poll the core's cancel-safe `Notification::next()` directly in pyo3's coroutine,
//! so a cancelled step (`asyncio.wait_for`) takes nothing from the queue; timers run on the core
//! runtime, as pyo3 coroutines have no tokio reactor.

use std::pin::pin;
use std::time::{Duration, Instant};

use futures::future::{select, Either};
use openrsm::{ErrorKind, Notification, ObjectType, Timeout};
use pyo3::exceptions::{PyStopAsyncIteration, PyStopIteration};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::convert::{Seconds, ToPy};
use crate::enums::PyEnum;
use crate::errors::{to_py_err, IntoPyResult};
use crate::media::SLICE;
use crate::session::{AsyncSession, Session};

/// One notification: `operation` (an `Operation`) happened to the object `object_id` of type
/// `object_type`; `sequence` increases by one per event published by the service.
#[pyclass(frozen, eq, module = "openrsm")]
#[derive(PartialEq)]
pub struct Event(openrsm::Event);

#[pymethods]
impl Event {
    /// Insert, update, delete, or request progress.
    #[getter]
    fn operation<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.operation.to_py(py)
    }

    /// The type of the object.
    #[getter]
    fn object_type<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.object_type.to_py(py)
    }

    /// The object's id.
    #[getter]
    fn object_id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.object_id.to_py(py)
    }

    /// The service-wide sequence number.
    #[getter]
    fn sequence(&self) -> u64 {
        self.0.sequence
    }

    fn __repr__(&self) -> String {
        format!(
            "Event({}, {}, {}, sequence={})",
            self.0.operation, self.0.object_type, self.0.object_id, self.0.sequence
        )
    }
}

/// A subscription to the notifications of some object types (`OpenNtmsNotification`).
///
/// `for event in sub:` and `async for event in sub:` run until the subscription or its session is
/// closed; `wait(timeout)` returns the next event or None when the time passes. A subscriber that
/// fell so far behind that events were dropped gets `NoDataError`: re-read the state it cares
/// about and subscribe again.
#[pyclass(frozen, module = "openrsm")]
pub struct Subscription {
    inner: Notification,
}

/// What ends an iteration instead of raising: the subscription or its session was closed.
fn is_end(err: &openrsm::Error) -> bool {
    err.kind() == ErrorKind::InvalidHandle
}

impl Subscription {
    /// Wait in slices, checking for signals between them (the outer error); `Ok(Ok(None))` after
    /// `timeout`.
    fn wait_blocking(
        &self,
        py: Python<'_>,
        timeout: Option<Duration>,
    ) -> PyResult<openrsm::Result<Option<openrsm::Event>>> {
        let deadline = timeout.map(|t| Instant::now().checked_add(t));
        loop {
            let slice = match deadline {
                None | Some(None) => SLICE,
                Some(Some(d)) => d.saturating_duration_since(Instant::now()).min(SLICE),
            };
            match py.detach(|| self.inner.wait(Timeout::After(slice))) {
                Ok(event) => return Ok(Ok(Some(event))),
                Err(e) if e.kind() == ErrorKind::Timeout => {
                    py.check_signals()?;
                    if let Some(Some(d)) = deadline {
                        if Instant::now() >= d {
                            return Ok(Ok(None));
                        }
                    }
                }
                Err(e) => return Ok(Err(e)),
            }
        }
    }
}

/// The next event, or `Ok(None)` once `timeout` passes. The event is only taken from the queue
/// when this future completes, so dropping it (a cancelled coroutine) loses nothing.
async fn next_event(inner: &Notification, timeout: Option<Duration>) -> openrsm::Result<Option<openrsm::Event>> {
    let Some(timeout) = timeout else { return inner.next().await.map(Some) };
    let timer = openrsm::runtime::handle().spawn(async move { tokio::time::sleep(timeout).await });
    let next = pin!(inner.next());
    match select(next, timer).await {
        Either::Left((result, timer)) => {
            timer.abort();
            result.map(Some)
        }
        Either::Right(_) => Ok(None),
    }
}

#[pymethods]
impl Subscription {
    /// The object types subscribed to (empty: all).
    #[getter]
    fn object_types<'py>(&self, py: Python<'py>) -> PyResult<Vec<Bound<'py, PyAny>>> {
        self.inner.object_types().iter().map(|t| t.to_py(py)).collect()
    }

    /// How many events are queued and not yet taken.
    #[getter]
    fn pending(&self) -> usize {
        self.inner.pending()
    }

    /// Whether the subscription (or its session) is closed.
    #[getter]
    fn closed(&self) -> bool {
        self.inner.is_closed()
    }

    /// Wait for the next event (`WaitForNtmsNotification`): the event, or None when `timeout`
    /// seconds pass (None: wait without limit). Raises `NoDataError` when events were lost and
    /// `InvalidHandleError` when the subscription or its session is closed.
    #[pyo3(signature = (timeout = None))]
    fn wait(&self, py: Python<'_>, timeout: Option<Seconds>) -> PyResult<Option<Event>> {
        Ok(self.wait_blocking(py, timeout.and_then(|t| t.0))?.py()?.map(Event))
    }

    /// The next event if one is queued, else None, without waiting.
    fn try_next(&self) -> PyResult<Option<Event>> {
        Ok(self.inner.try_next().py()?.map(Event))
    }

    /// Awaitable `wait`: the next event, or None when `timeout` seconds pass. Cancelling the
    /// await loses no event.
    #[pyo3(signature = (timeout = None))]
    async fn next(&self, timeout: Option<Seconds>) -> PyResult<Option<Event>> {
        Ok(next_event(&self.inner, timeout.and_then(|t| t.0)).await.py()?.map(Event))
    }

    /// End the subscription (`CloseNtmsNotification`); idempotent. Waiters wake, iterations end.
    fn close(&self) {
        self.inner.close();
    }

    fn __iter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __next__(&self, py: Python<'_>) -> PyResult<Event> {
        match self.wait_blocking(py, None)? {
            Ok(Some(event)) => Ok(Event(event)),
            Ok(None) => unreachable!("an unlimited wait returns an event or an error"),
            Err(e) if is_end(&e) => Err(PyStopIteration::new_err(())),
            Err(e) => Err(to_py_err(e)),
        }
    }

    fn __aiter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    fn __anext__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        slf.call_method0("_anext")
    }

    /// One `async for` step (pyo3 does not take `async fn __anext__` directly).
    async fn _anext(&self) -> PyResult<Event> {
        match self.inner.next().await {
            Ok(event) => Ok(Event(event)),
            Err(e) if is_end(&e) => Err(PyStopAsyncIteration::new_err(())),
            Err(e) => Err(to_py_err(e)),
        }
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, _exc: &Bound<'_, PyTuple>) -> bool {
        self.inner.close();
        false
    }

    fn __aenter__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        crate::session::ready(slf.clone().into_any())
    }

    #[pyo3(signature = (*_exc))]
    fn __aexit__<'py>(slf: &Bound<'py, Self>, _exc: &Bound<'py, PyTuple>) -> PyResult<Bound<'py, PyAny>> {
        slf.get().inner.close();
        crate::session::ready(pyo3::types::PyBool::new(slf.py(), false).to_owned().into_any())
    }

    fn __repr__(&self) -> String {
        let types: Vec<&str> = self.inner.object_types().iter().map(|t| t.name()).collect();
        let state = if self.inner.is_closed() { "closed" } else { "open" };
        format!("<openrsm.Subscription [{}] pending={} {state}>", types.join(", "), self.inner.pending())
    }
}

fn subscribe(session: &openrsm::Session, object_types: &Bound<'_, PyTuple>) -> PyResult<Subscription> {
    let types: Vec<ObjectType> = object_types.iter().map(|t| ObjectType::from_py(&t)).collect::<PyResult<_>>()?;
    Ok(Subscription { inner: session.open_notification(&types).py()? })
}

#[pymethods]
impl Session {
    /// Subscribe to the notifications of these object types (`OpenNtmsNotification`); none
    /// means every type.
    #[pyo3(signature = (*object_types))]
    fn notifications(&self, object_types: &Bound<'_, PyTuple>) -> PyResult<Subscription> {
        subscribe(self.core(), object_types)
    }
}

#[pymethods]
impl AsyncSession {
    /// Subscribe to the notifications of these object types; none means every type. The
    /// subscription is used with `async with` and `async for`.
    #[pyo3(signature = (*object_types))]
    fn notifications(&self, object_types: &Bound<'_, PyTuple>) -> PyResult<Subscription> {
        subscribe(self.core(), object_types)
    }
}
