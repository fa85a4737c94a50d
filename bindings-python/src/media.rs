//! Media services on `Session` and `AsyncSession`: media types, media pools, physical media,
//! allocation, and the media overview behind `inventory_frame()`.

use std::time::{Duration, Instant};

use openrsm::{
    AllocateOptions, ErrorKind, MediaOverview, MediaSpec, MediaTypeSpec, Object, ObjectId, ObjectType, PoolKind,
    PoolOptions, ReadWrite, Timeout,
};
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList, PyString};

use crate::convert::{opt_id, Seconds, Target, ToPy};
use crate::enums::Arg;
use crate::errors::IntoPyResult;
use crate::model::{display, Obj};
use crate::session::{blocking, session_methods, AsyncSession, Session};

/// What `create_media_pool` does when the pool exists: `"create_new"` (refuse), `"open_existing"`
/// (refuse when missing) or `"open_always"`.
pub struct Mode(openrsm::media::CreateMode);

impl<'a, 'py> FromPyObject<'a, 'py> for Mode {
    type Error = PyErr;
    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        use openrsm::media::CreateMode;
        let text = ob.cast::<PyString>()?.to_cow()?.to_ascii_lowercase().replace('-', "_");
        Ok(Mode(match text.as_str() {
            "create_new" => CreateMode::CreateNew,
            "open_existing" => CreateMode::OpenExisting,
            "open_always" => CreateMode::OpenAlways,
            _ => {
                return Err(PyValueError::new_err(format!(
                    "mode {text:?} is not one of \"create_new\", \"open_existing\", \"open_always\""
                )))
            }
        }))
    }
}

/// Rows of the media overview, returned as a list of dicts.
pub struct OverviewRows(Vec<MediaOverview>);

impl<'py> IntoPyObject<'py> for OverviewRows {
    type Target = PyList;
    type Output = Bound<'py, PyList>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let rows = PyList::empty(py);
        for r in self.0 {
            let row = PyDict::new(py);
            row.set_item("id", r.id.to_py(py)?)?;
            row.set_item("name", r.name)?;
            row.set_item("barcode", r.barcode)?;
            row.set_item("media_type", r.media_type)?;
            row.set_item("pool", r.pool)?;
            row.set_item("library", r.library)?;
            row.set_item("location_kind", r.location_kind.to_py(py)?)?;
            row.set_item("element", r.element)?;
            row.set_item("media_state", r.media_state.to_py(py)?)?;
            row.set_item("enabled", r.enabled)?;
            row.set_item("sides", r.sides)?;
            row.set_item("allocated_sides", r.allocated_sides)?;
            rows.append(row)?;
        }
        Ok(rows)
    }
}

session_methods! {
    /// Add a media type (`AddNtmsMediaType`) with its system pools `Free/NAME`, `Import/NAME`
    /// and `Unrecognized/NAME`.
    #[pyo3(signature = (name, *, sides = 1, read_write = None, description = String::new()))]
    fn add_media_type(session, name: String, sides: u32, read_write: Option<Arg<ReadWrite>>, description: String) -> Obj {
        let spec = MediaTypeSpec::new(name)
            .sides(sides)
            .read_write(read_write.map_or(ReadWrite::Rewritable, |r| r.0))
            .description(description);
        session.add_media_type(spec).map(Obj)
    }

    /// The media type named `name`, created (one side, rewritable) if there is none.
    fn ensure_media_type(session, name: String) -> Obj {
        session.ensure_media_type(&name).map(Obj)
    }

    /// Change a media type (`ChangeNtmsMediaType`); its sides only while no media of it exist.
    #[pyo3(signature = (media_type, *, name = None, sides = None, read_write = None))]
    fn change_media_type(session, media_type: Target, name: Option<String>, sides: Option<u32>, read_write: Option<Arg<ReadWrite>>) -> Obj {
        let changes = openrsm::media::MediaTypeChanges { name, sides, read_write: read_write.map(|r| r.0) };
        session.change_media_type(media_type.id(session, Some(ObjectType::MediaType))?, changes).map(Obj)
    }

    /// Delete a media type and its system pools (`DeleteNtmsMediaType`); `NotEmptyError` while
    /// media or application pools use it.
    fn delete_media_type(session, media_type: Target) -> () {
        session.delete_media_type(media_type.id(session, Some(ObjectType::MediaType))?)
    }

    /// Create an application pool at a path such as `"Backup/Weekly"` (`CreateNtmsMediaPool`).
    /// `mode` is `"create_new"`, `"open_existing"` or `"open_always"`.
    #[pyo3(signature = (path, *, media_type = None, mode = None, create_parents = false, draw_from_free = true,
        return_to_free = true, max_allocations = 0, description = String::new()))]
    #[allow(clippy::too_many_arguments)]
    fn create_media_pool(
        session,
        path: String,
        media_type: Option<Target>,
        mode: Option<Mode>,
        create_parents: bool,
        draw_from_free: bool,
        return_to_free: bool,
        max_allocations: u32,
        description: String,
    ) -> Obj {
        let options = PoolOptions {
            media_type: opt_id(session, &media_type, Some(ObjectType::MediaType))?,
            mode: mode.map(|m| m.0).unwrap_or_default(),
            create_parents,
            draw_from_free,
            return_to_free,
            max_allocations,
            description,
        };
        session.create_media_pool(&path, options).map(Obj)
    }

    /// Delete an empty application pool (`DeleteNtmsMediaPool`).
    fn delete_media_pool(session, pool: Target) -> () {
        session.delete_media_pool(pool.id(session, Some(ObjectType::MediaPool))?)
    }

    /// The full path of a pool (`GetNtmsMediaPoolName`), e.g. `"Backup/Weekly"`.
    fn media_pool_name(session, pool: Target) -> String {
        session.media_pool_name(pool.id(session, Some(ObjectType::MediaPool))?)
    }

    /// The pool at a path.
    fn media_pool(session, path: String) -> Obj {
        session.media_pool_by_path(&path).map(Obj)
    }

    /// The system pool of `kind` (`PoolKind.FREE`, ...) for a media type, or the top one.
    #[pyo3(signature = (kind, media_type = None))]
    fn system_pool(session, kind: Arg<PoolKind>, media_type: Option<Target>) -> Obj {
        session.system_pool(kind.0, opt_id(session, &media_type, Some(ObjectType::MediaType))?).map(Obj)
    }

    /// Move a physical medium to another pool (`MoveToNtmsMediaPool`) and return it.
    fn move_to_pool(session, media: Target, pool: Target) -> Obj {
        let media = media.id(session, Some(ObjectType::PhysicalMedia))?;
        session.move_to_pool(media, pool.id(session, Some(ObjectType::MediaPool))?).map(Obj)
    }

    /// Create an offline physical medium with its sides (`CreateNtmsMedia`), in `pool` or the
    /// Free pool of its type.
    #[pyo3(signature = (media_type, *, pool = None, barcode = None, name = None, description = String::new()))]
    fn create_media(session, media_type: Target, pool: Option<Target>, barcode: Option<String>, name: Option<String>, description: String) -> Obj {
        let spec = MediaSpec {
            media_type: media_type.id(session, Some(ObjectType::MediaType))?,
            pool: opt_id(session, &pool, Some(ObjectType::MediaPool))?,
            barcode,
            name,
            description,
        };
        session.create_media(spec).map(Obj)
    }

    /// Delete an offline physical medium with no allocated side (`DeleteNtmsMedia`).
    fn delete_media(session, media: Target) -> () {
        session.delete_media(media.id(session, Some(ObjectType::PhysicalMedia))?)
    }

    /// Give an allocated side back (`DeallocateNtmsMedia`).
    fn deallocate_media(session, logical_media: Target) -> () {
        session.deallocate_media(logical_media.id(session, None)?)
    }

    /// Retire a side for good (`DecommissionNtmsMedia`).
    fn decommission_media(session, side: Target) -> () {
        session.decommission_media(side.id(session, None)?)
    }

    /// Mark an allocated side complete: no more writes (`SetNtmsMediaComplete`).
    fn set_media_complete(session, logical_media: Target) -> () {
        session.set_media_complete(logical_media.id(session, None)?)
    }

    /// Swap the sides behind two logical media (`SwapNtmsMedia`).
    fn swap_media(session, first: Target, second: Target) -> () {
        let first = first.id(session, Some(ObjectType::LogicalMedia))?;
        session.swap_media(first, second.id(session, Some(ObjectType::LogicalMedia))?)
    }

    /// Every physical medium as a dict: id, name, barcode, media_type, pool (path), library,
    /// location_kind, element (slot, drive or port number), media_state, enabled, sides,
    /// allocated_sides; ordered by library (offline last), location and element.
    fn media_overview(session) -> OverviewRows {
        session.media_overview().map(OverviewRows)
    }
}

/// How long an allocation may wait for a side, and in what slices, so that a waiting thread
/// checks for Ctrl-C (sync) or can be cancelled (async) every [`SLICE`].
#[derive(Clone, Copy)]
struct Wait {
    /// `None`: do not wait; `Some(None)`: wait without limit; `Some(Some(t))`: until `t`.
    until: Option<Option<Instant>>,
}

/// The longest a blocking wait runs before the binding checks for signals or cancellation.
pub(crate) const SLICE: Duration = Duration::from_millis(100);

impl Wait {
    fn new(timeout: Option<Seconds>) -> Wait {
        Wait { until: timeout.map(|s| s.0.and_then(|d| Instant::now().checked_add(d))) }
    }

    /// The timeout of the next attempt.
    fn slice(&self) -> Option<Timeout> {
        match self.until? {
            None => Some(Timeout::After(SLICE)),
            Some(t) => Some(Timeout::After(t.saturating_duration_since(Instant::now()).min(SLICE))),
        }
    }

    /// Whether time is left after an attempt found nothing.
    fn more(&self) -> bool {
        match self.until {
            None => false,
            Some(None) => true,
            Some(Some(t)) => Instant::now() < t,
        }
    }
}

/// The allocation arguments with every object resolved to its id.
#[derive(Clone)]
struct Allocation {
    pool: ObjectId,
    options: AllocateOptions,
}

impl Allocation {
    #[allow(clippy::too_many_arguments)]
    fn resolve(
        session: &openrsm::Session,
        pool: &Target,
        new_media: bool,
        next_of: &Option<Target>,
        error_if_unavailable: bool,
        preferred: &Option<Target>,
    ) -> openrsm::Result<Allocation> {
        Ok(Allocation {
            pool: pool.id(session, Some(ObjectType::MediaPool))?,
            options: AllocateOptions {
                new_media,
                next_of: opt_id(session, next_of, None)?,
                error_if_unavailable,
                timeout: None,
                preferred: opt_id(session, preferred, Some(ObjectType::PhysicalMedia))?,
            },
        })
    }

    fn attempt(&self, session: &openrsm::Session, wait: &Wait) -> openrsm::Result<Object> {
        let options = AllocateOptions { timeout: wait.slice(), ..self.options.clone() };
        session.allocate_media(self.pool, options)
    }

    fn retry(&self, err: &openrsm::Error, wait: &Wait) -> bool {
        err.kind() == ErrorKind::MediaUnavailable && !self.options.error_if_unavailable && wait.more()
    }
}

/// A side allocated for an awaiting coroutine: if the coroutine is cancelled before it takes the
/// result, dropping this gives the side back, so a cancelled `await` leaves nothing allocated.
struct Allocated {
    session: openrsm::Session,
    logical: Option<Object>,
}

impl Allocated {
    fn take(mut self) -> Object {
        self.logical.take().expect("taken once")
    }
}

impl Drop for Allocated {
    fn drop(&mut self) {
        if let Some(logical) = self.logical.take() {
            // Nobody will see this allocation; a failure here (e.g. a closed session) leaves
            // the side allocated, which is what a failed deallocation always means.
            let _ = self.session.deallocate_media(logical.id);
        }
    }
}

#[pymethods]
impl Session {
    /// Allocate a side from an application pool (`AllocateNtmsMedia`) and return its new
    /// `LogicalMedia`. `new_media` asks for a medium none of whose sides is allocated; `next_of`
    /// for the next side of that logical media's medium; `preferred` favours a medium. With no
    /// `timeout` (or `error_if_unavailable`) it fails at once with `MediaUnavailableError` when
    /// nothing is available; otherwise it waits up to `timeout` seconds (`math.inf`: no limit),
    /// interruptible by Ctrl-C.
    #[pyo3(signature = (pool, *, new_media = false, next_of = None, error_if_unavailable = false, timeout = None, preferred = None))]
    #[allow(clippy::too_many_arguments)]
    fn allocate_media(
        &self,
        py: Python<'_>,
        pool: Target,
        new_media: bool,
        next_of: Option<Target>,
        error_if_unavailable: bool,
        timeout: Option<Seconds>,
        preferred: Option<Target>,
    ) -> PyResult<Obj> {
        let session = self.core().clone();
        let request = py
            .detach(|| Allocation::resolve(&session, &pool, new_media, &next_of, error_if_unavailable, &preferred))
            .py()?;
        let wait = Wait::new(timeout);
        loop {
            match py.detach(|| request.attempt(&session, &wait)) {
                Err(e) if request.retry(&e, &wait) => py.check_signals()?,
                result => return result.map(Obj).py(),
            }
        }
    }

    /// The media overview as a pandas DataFrame, one row per physical medium with the columns
    /// library, location, slot, barcode, name, type, pool, state, sides, allocated, enabled, id.
    /// Needs pandas (`pip install pandas`).
    fn inventory_frame<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let session = self.core().clone();
        let rows = py.detach(move || session.media_overview()).py()?;
        display(py)?.getattr("inventory_frame")?.call1((OverviewRows(rows),))
    }
}

#[pymethods]
impl AsyncSession {
    /// Awaitable `Session.allocate_media`. Cancelling the await (e.g. `asyncio.wait_for`) leaves
    /// nothing allocated.
    #[pyo3(signature = (pool, *, new_media = false, next_of = None, error_if_unavailable = false, timeout = None, preferred = None))]
    #[allow(clippy::too_many_arguments)]
    async fn allocate_media(
        &self,
        pool: Target,
        new_media: bool,
        next_of: Option<Target>,
        error_if_unavailable: bool,
        timeout: Option<Seconds>,
        preferred: Option<Target>,
    ) -> PyResult<Obj> {
        let session = self.core().clone();
        let resolver = session.clone();
        let request = blocking(move || {
            Allocation::resolve(&resolver, &pool, new_media, &next_of, error_if_unavailable, &preferred)
        })
        .await?;
        let wait = Wait::new(timeout);
        loop {
            let (session, attempt) = (session.clone(), request.clone());
            let result = blocking(move || match attempt.attempt(&session, &wait) {
                Ok(logical) => Ok(Ok(Allocated { session, logical: Some(logical) })),
                Err(e) if attempt.retry(&e, &wait) => Ok(Err(e)),
                Err(e) => Err(e),
            })
            .await?;
            if let Ok(allocated) = result {
                return Ok(Obj(allocated.take()));
            }
        }
    }

    /// Awaitable `Session.inventory_frame`.
    async fn inventory_frame(&self) -> PyResult<Py<PyAny>> {
        let session = self.core().clone();
        let rows = blocking(move || session.media_overview()).await?;
        Python::attach(|py| Ok(display(py)?.getattr("inventory_frame")?.call1((OverviewRows(rows),))?.unbind()))
    }
}
