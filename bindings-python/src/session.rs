//! Sessions: `openrsm.Session` (blocking calls that release the GIL) and `openrsm.AsyncSession`
//! (the same calls as awaitables, run on the core's runtime so the event loop never blocks).
//!
//! Both classes get their API methods from [`session_methods!`], which writes each method once and
//! generates the blocking and the awaitable form; each concept's file (`objects.rs`, `media.rs`,
//! ...) adds its methods that way.

use std::path::PathBuf;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::errors::IntoPyResult;

/// Generate the same API method on `Session` (blocking, GIL released) and on `AsyncSession`
/// (awaitable, run on the core runtime's blocking pool). The body receives the core session under
/// the name given first and the arguments, and returns an `openrsm::Result`; it runs without the
/// GIL, so arguments must be plain Rust values (see `convert.rs`).
macro_rules! session_methods {
    ($(
        $(#[$meta:meta])*
        fn $name:ident($session:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        #[pyo3::pymethods]
        impl $crate::session::Session {
            $(
                $(#[$meta])*
                fn $name(&self, py: pyo3::Python<'_> $(, $arg: $ty)*) -> pyo3::PyResult<$ret> {
                    let $session = self.core().clone();
                    $crate::errors::IntoPyResult::py(py.detach(move || -> openrsm::Result<$ret> {
                        let $session = &$session;
                        $body
                    }))
                }
            )*
        }

        #[pyo3::pymethods]
        impl $crate::session::AsyncSession {
            $(
                $(#[$meta])*
                async fn $name(&self $(, $arg: $ty)*) -> pyo3::PyResult<$ret> {
                    let $session = self.core().clone();
                    $crate::session::blocking(move || -> openrsm::Result<$ret> {
                        let $session = &$session;
                        $body
                    })
                    .await
                }
            )*
        }
    };
}
pub(crate) use session_methods;

/// Generate an API method backed by one of the core's `_async` forms: on `Session` it runs on the
/// core runtime while the calling thread waits in slices of [`SLICE`](crate::media::SLICE) without
/// the GIL, checking for Ctrl-C; on `AsyncSession` it is an awaitable. Either way, an interrupted
/// or cancelled call drops the core's future, which undoes what it started (a cancelled mount
/// leaves nothing half-done). The body is the inside of an `async move` block that gets the core
/// session under the name given first and returns an `openrsm::Result`.
macro_rules! future_methods {
    ($(
        $(#[$meta:meta])*
        fn $name:ident($session:ident $(, $arg:ident : $ty:ty)* $(,)?) -> $ret:ty $body:block
    )*) => {
        #[pyo3::pymethods]
        impl $crate::session::Session {
            $(
                $(#[$meta])*
                fn $name(&self, py: pyo3::Python<'_> $(, $arg: $ty)*) -> pyo3::PyResult<$ret> {
                    let $session = self.core().clone();
                    $crate::session::run(py, async move {
                        let $session = &$session;
                        $body
                    })
                }
            )*
        }

        #[pyo3::pymethods]
        impl $crate::session::AsyncSession {
            $(
                $(#[$meta])*
                async fn $name(&self $(, $arg: $ty)*) -> pyo3::PyResult<$ret> {
                    let $session = self.core().clone();
                    $crate::session::run_async(async move {
                        let $session = &$session;
                        $body
                    })
                    .await
                }
            )*
        }
    };
}
pub(crate) use future_methods;

/// A task on the core runtime that is aborted when its handle is dropped, so that a Python caller
/// that stops waiting (Ctrl-C, a cancelled `await`) also stops the work.
struct Task<T>(tokio::task::JoinHandle<T>);

impl<T> Drop for Task<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

fn joined<T>(result: Result<openrsm::Result<T>, tokio::task::JoinError>) -> PyResult<T> {
    match result {
        Ok(result) => result.py(),
        Err(e) => Err(PyRuntimeError::new_err(format!("an OpenRSM call failed: {e}"))),
    }
}

/// Run a core future on the core runtime and wait for it from a Python thread: without the GIL,
/// in slices, checking for signals in between (a `KeyboardInterrupt` drops the future).
pub fn run<T, F>(py: Python<'_>, future: F) -> PyResult<T>
where
    T: Send + 'static,
    F: std::future::Future<Output = openrsm::Result<T>> + Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::sync_channel(1);
    let rx = std::sync::Mutex::new(rx);
    let task = Task(openrsm::runtime::handle().spawn(async move {
        let _ = tx.send(future.await);
    }));
    loop {
        match py.detach(|| rx.lock().expect("receiver lock").recv_timeout(crate::media::SLICE)) {
            Ok(result) => return result.py(),
            Err(std::sync::mpsc::RecvTimeoutError::Timeout) => py.check_signals()?,
            // The task ended without sending: it panicked.
            Err(std::sync::mpsc::RecvTimeoutError::Disconnected) => {
                drop(task);
                return Err(PyRuntimeError::new_err("an OpenRSM call failed: its task panicked"));
            }
        }
    }
}

/// Run a core future on the core runtime and await it; dropping the awaitable (a cancelled
/// `await`) aborts the task, which drops the core's future.
pub async fn run_async<T, F>(future: F) -> PyResult<T>
where
    T: Send + 'static,
    F: std::future::Future<Output = openrsm::Result<T>> + Send + 'static,
{
    let mut task = Task(openrsm::runtime::handle().spawn(future));
    joined((&mut task.0).await)
}

/// An awaitable that returns `value`, for `__aenter__`/`__aexit__` (pyo3 does not take
/// `async fn` for these slots directly).
pub fn ready(value: Bound<'_, PyAny>) -> PyResult<Bound<'_, PyAny>> {
    let py = value.py();
    py.get_type::<AsyncSession>().call_method1("_ready", (value,))
}

/// Run a blocking core call on the core runtime's blocking pool and await it.
pub async fn blocking<T, F>(call: F) -> PyResult<T>
where
    T: Send + 'static,
    F: FnOnce() -> openrsm::Result<T> + Send + 'static,
{
    match openrsm::runtime::handle().spawn_blocking(call).await {
        Ok(result) => result.py(),
        Err(e) => Err(PyRuntimeError::new_err(format!("an OpenRSM call failed: {e}"))),
    }
}

fn open(
    py: Python<'_>,
    server: Option<String>,
    application: Option<String>,
    home: Option<PathBuf>,
    notification_capacity: Option<usize>,
) -> PyResult<openrsm::Session> {
    let options = openrsm::SessionOptions { server, application, home, notification_capacity };
    py.detach(move || openrsm::Session::open(options)).py()
}

/// The members `Session` and `AsyncSession` share: closing, identity and `repr`, all of which
/// return at once and so need no async form.
macro_rules! common_members {
    ($class:ident) => {
        #[pymethods]
        impl $class {
            /// Close the session (`CloseNtmsSession`); idempotent. Waits in other threads wake with
            /// `InvalidHandleError`, and subscriptions end.
            fn close(&self) {
                self.inner.close();
            }

            /// Whether the session is closed.
            #[getter]
            fn closed(&self) -> bool {
                self.inner.is_closed()
            }

            /// This session's id.
            #[getter]
            fn id(&self) -> uuid::Uuid {
                self.inner.id().as_uuid()
            }

            /// The application name given at open.
            #[getter]
            fn application(&self) -> &str {
                self.inner.application()
            }

            /// The home directory of the database.
            #[getter]
            fn home(&self) -> PyResult<PathBuf> {
                self.inner.home().py()
            }

            /// The sequence number of the last notification published.
            fn last_sequence(&self) -> PyResult<u64> {
                self.inner.last_sequence().py()
            }

            fn __repr__(&self) -> String {
                describe(stringify!($class), &self.inner)
            }
        }
    };
}

common_members!(Session);
common_members!(AsyncSession);

fn describe(kind: &str, session: &openrsm::Session) -> String {
    let home = session.home().map(|h| h.display().to_string()).unwrap_or_default();
    let state = if session.is_closed() { "closed" } else { "open" };
    format!("<openrsm.{kind} {:?} home={home:?} {state}>", session.application())
}

/// A session with OpenRSM (`OpenNtmsSession`): every call blocks the calling thread, with the GIL
/// released, and long waits stay interruptible by Ctrl-C.
///
/// `Session(server=None, application=None, home=None)`: no server means this computer, with the
/// database in `home` (default: `$OPENRSM_HOME`, else `~/.local/share/openrsm`). Use it as a
/// context manager, or call `close()` (idempotent); calls on a closed session raise
/// `InvalidHandleError`.
#[pyclass(frozen, module = "openrsm")]
pub struct Session {
    inner: openrsm::Session,
}

impl Session {
    /// The core session.
    pub fn core(&self) -> &openrsm::Session {
        &self.inner
    }
}

#[pymethods]
impl Session {
    #[new]
    #[pyo3(signature = (server = None, application = None, home = None, *, notification_capacity = None))]
    fn new(
        py: Python<'_>,
        server: Option<String>,
        application: Option<String>,
        home: Option<PathBuf>,
        notification_capacity: Option<usize>,
    ) -> PyResult<Self> {
        Ok(Session { inner: open(py, server, application, home, notification_capacity)? })
    }

    fn __enter__(slf: Py<Self>) -> Py<Self> {
        slf
    }

    #[pyo3(signature = (*_exc))]
    fn __exit__(&self, _exc: &Bound<'_, pyo3::types::PyTuple>) -> bool {
        self.inner.close();
        false
    }
}

/// A session whose calls are awaitables: `async with openrsm.AsyncSession(home=...) as session:`
/// then `await session.allocate_media(...)`. The calls run on OpenRSM's own threads, so the event
/// loop never blocks; the arguments are those of `Session`.
#[pyclass(frozen, module = "openrsm")]
pub struct AsyncSession {
    inner: openrsm::Session,
}

impl AsyncSession {
    /// The core session.
    pub fn core(&self) -> &openrsm::Session {
        &self.inner
    }
}

#[pymethods]
impl AsyncSession {
    #[new]
    #[pyo3(signature = (server = None, application = None, home = None, *, notification_capacity = None))]
    fn new(
        py: Python<'_>,
        server: Option<String>,
        application: Option<String>,
        home: Option<PathBuf>,
        notification_capacity: Option<usize>,
    ) -> PyResult<Self> {
        Ok(AsyncSession { inner: open(py, server, application, home, notification_capacity)? })
    }

    fn __aenter__<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
        ready(slf.clone().into_any())
    }

    #[pyo3(signature = (*_exc))]
    fn __aexit__<'py>(slf: &Bound<'py, Self>, _exc: &Bound<'py, pyo3::types::PyTuple>) -> PyResult<Bound<'py, PyAny>> {
        slf.get().inner.close();
        ready(pyo3::types::PyBool::new(slf.py(), false).to_owned().into_any())
    }

    /// An awaitable that returns `value` (what `__aenter__`/`__aexit__` hand to `async with`).
    #[staticmethod]
    async fn _ready(value: Py<PyAny>) -> Py<PyAny> {
        value
    }
}
