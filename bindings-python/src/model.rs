//! The RSM object model as read-only Python classes: `RsmObject` with the fields every object has,
//! and one subclass per object type with the fields of that type (`PhysicalMedia.barcode`,
//! `MediaPool.path`, `Drive.drive_state`, ...). Field names are the core's.

use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

use openrsm::{Detail, Object};
use pyo3::prelude::*;
use pyo3::pyclass::CompareOp;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyList};
use pyo3::PyClassInitializer;

use crate::convert::ToPy;

/// Any RSM object: id, type, name, description, times, enabled flag and operational state.
#[pyclass(frozen, subclass, module = "openrsm")]
pub struct RsmObject {
    pub(crate) object: Object,
}

#[pymethods]
impl RsmObject {
    /// The object's GUID.
    #[getter]
    fn id<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.object.id.to_py(py)
    }

    /// The object's type.
    #[getter(r#type)]
    fn object_type<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.object.object_type.to_py(py)
    }

    /// Its name.
    #[getter]
    fn name(&self) -> &str {
        &self.object.name
    }

    /// Its description.
    #[getter]
    fn description(&self) -> &str {
        &self.object.description
    }

    /// When it was created (UTC).
    #[getter]
    fn created<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.object.created.to_py(py)
    }

    /// When it last changed (UTC).
    #[getter]
    fn modified<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.object.modified.to_py(py)
    }

    /// Whether it is enabled.
    #[getter]
    fn enabled(&self) -> bool {
        self.object.enabled
    }

    /// Its operational state.
    #[getter]
    fn state<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.object.state.to_py(py)
    }

    /// Every field, common ones first, as a dict (what `_repr_html_` and DataFrames show).
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let dict = PyDict::new(py);
        dict.set_item("id", self.id(py)?)?;
        dict.set_item("type", self.object_type(py)?)?;
        dict.set_item("name", self.name())?;
        dict.set_item("description", self.description())?;
        dict.set_item("created", self.created(py)?)?;
        dict.set_item("modified", self.modified(py)?)?;
        dict.set_item("enabled", self.enabled())?;
        dict.set_item("state", self.state(py)?)?;
        for (name, value) in detail_fields(py, &self.object.detail)? {
            dict.set_item(name, value)?;
        }
        Ok(dict)
    }

    fn __repr__(&self) -> String {
        format!("<{} {:?} {}>", class_name(&self.object.detail), self.object.name, self.object.id)
    }

    fn __richcmp__(&self, other: &Bound<'_, PyAny>, op: CompareOp, py: Python<'_>) -> Py<PyAny> {
        let Ok(other) = other.cast::<RsmObject>() else { return py.NotImplemented() };
        let equal = self.object == other.get().object;
        match op {
            CompareOp::Eq => equal.into_pyobject(py).map(|b| b.to_owned().into_any().unbind()).unwrap_or(py.None()),
            CompareOp::Ne => (!equal).into_pyobject(py).map(|b| b.to_owned().into_any().unbind()).unwrap_or(py.None()),
            _ => py.NotImplemented(),
        }
    }

    fn __hash__(&self) -> u64 {
        let mut hasher = DefaultHasher::new();
        self.object.id.hash(&mut hasher);
        hasher.finish()
    }

    fn _repr_html_(slf: &Bound<'_, Self>) -> PyResult<String> {
        display(slf.py())?.getattr("object_html")?.call1((slf,))?.extract()
    }
}

/// Where a physical medium is: `kind` (a `LocationKind`) and the slot, drive or IE port `element`.
#[pyclass(frozen, eq, module = "openrsm")]
#[derive(PartialEq)]
pub struct Location(openrsm::Location);

#[pymethods]
impl Location {
    /// Offline, slot, drive, IE port or transport.
    #[getter]
    fn kind<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.kind.to_py(py)
    }

    /// The id of the slot, drive or IE port; `None` offline or in the transport.
    #[getter]
    fn element<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.element.to_py(py)
    }

    fn __repr__(&self) -> String {
        match self.0.element {
            Some(e) => format!("Location({}, {e})", self.0.kind),
            None => format!("Location({})", self.0.kind),
        }
    }
}

impl ToPy for openrsm::Location {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, Location(*self))?.into_any())
    }
}

/// What is written on a side: label type, label id and the application that wrote it.
#[pyclass(frozen, eq, module = "openrsm")]
#[derive(PartialEq)]
pub struct Omid(openrsm::Omid);

#[pymethods]
impl Omid {
    /// The label type, e.g. `"VOL1"` or `"LTFS"`.
    #[getter]
    fn label_type(&self) -> &str {
        &self.0.label_type
    }

    /// The label id (volume serial, volume id, ...).
    #[getter]
    fn label_id(&self) -> &str {
        &self.0.label_id
    }

    /// The application that wrote it, if known.
    #[getter]
    fn application(&self) -> Option<&str> {
        self.0.application.as_deref()
    }

    fn __repr__(&self) -> String {
        format!("Omid({:?}, {:?}, {:?})", self.0.label_type, self.0.label_id, self.0.application)
    }
}

impl ToPy for openrsm::Omid {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(Bound::new(py, Omid(self.clone()))?.into_any())
    }
}

/// The Python helper module for rich display (`openrsm._display`).
pub(crate) fn display(py: Python<'_>) -> PyResult<Bound<'_, PyModule>> {
    static MODULE: PyOnceLock<Py<PyModule>> = PyOnceLock::new();
    Ok(MODULE.get_or_try_init(py, || py.import("openrsm._display").map(Bound::unbind))?.bind(py).clone())
}

macro_rules! object_classes {
    ($( $(#[$doc:meta])* $class:ident($variant:ident) { $($field:ident),* $(,)? } )*) => {
        $(
            $(#[$doc])*
            #[pyclass(frozen, extends = RsmObject, module = "openrsm")]
            pub struct $class;

            #[pymethods]
            impl $class {
                $(
                    #[getter]
                    fn $field<'py>(slf: &Bound<'py, Self>) -> PyResult<Bound<'py, PyAny>> {
                        match &slf.as_super().get().object.detail {
                            Detail::$variant(d) => d.$field.to_py(slf.py()),
                            _ => unreachable!("a {} always holds {} details", stringify!($class), stringify!($variant)),
                        }
                    }
                )*
            }
        )*

        /// Wrap a core object in the class of its type.
        pub fn wrap(py: Python<'_>, object: Object) -> PyResult<Bound<'_, RsmObject>> {
            let class = class_name(&object.detail);
            let base = PyClassInitializer::from(RsmObject { object });
            match class {
                $( stringify!($class) => Ok(Bound::new(py, base.add_subclass($class))?.into_super()), )*
                _ => Bound::new(py, base),
            }
        }

        fn class_name(detail: &Detail) -> &'static str {
            match detail {
                $( Detail::$variant(_) => stringify!($class), )*
                _ => "RsmObject",
            }
        }

        fn detail_fields<'py>(py: Python<'py>, detail: &Detail) -> PyResult<Vec<(&'static str, Bound<'py, PyAny>)>> {
            Ok(match detail {
                $( Detail::$variant(d) => vec![ $( (stringify!($field), d.$field.to_py(py)?), )* ], )*
                _ => Vec::new(),
            })
        }

        /// Add the object classes to the module.
        pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
            m.add_class::<RsmObject>()?;
            m.add_class::<Location>()?;
            m.add_class::<Omid>()?;
            $( m.add_class::<$class>()?; )*
            Ok(())
        }
    };
}

object_classes! {
    /// The computer running the service.
    Computer(Computer) { librequest_purge_seconds, oprequest_purge_seconds }
    /// A library: offline (shelf), online (robotic) or standalone (one drive).
    Library(Library) { library_type, cleaner_slot, cleaner_uses_left, barcode_reader, inventory_method, auto_recovery, driver }
    /// A changer (the robot of a library).
    Changer(Changer) { library, changer_type, device_path, serial }
    /// The make and model of a changer.
    ChangerType(ChangerType) { vendor, product, device_type }
    /// A drive.
    Drive(Drive) { library, number, drive_state, drive_type, device_path, serial, mount_count, last_cleaned, deferred_dismount_seconds, media, element_address }
    /// The make and model of a drive.
    DriveType(DriveType) { vendor, product, device_type }
    /// A library door.
    IeDoor(IeDoor) { library, door_state, max_open_seconds }
    /// An import/export port ("mail slot").
    IePort(IePort) { library, number, content, position, max_extend_seconds, media, element_address }
    /// A storage slot.
    StorageSlot(StorageSlot) { library, number, slot_state, media, element_address }
    /// A media type.
    MediaType(MediaType) { sides, read_write }
    /// A cartridge, disc or disk.
    PhysicalMedia(PhysicalMedia) { library, location, home_slot, media_type, pool, barcode, barcode_state, media_state, sides, mounted_side }
    /// A side of a physical medium.
    Partition(Partition) { physical_media, side, partition_state, omid, capacity, mount_count, allocation_count, logical_media }
    /// An allocated side as the application sees it.
    LogicalMedia(LogicalMedia) { partition, physical_media, pool }
    /// A media pool.
    MediaPool(MediaPool) { kind, media_type, parent, path, draw_from_free, return_to_free, max_allocations }
    /// A library request: queued work on a library.
    LibRequest(LibRequest) { operation, request_state, priority, library, drive, media, submitted, started, completed, application, user, error_code, error_message, progress_done, progress_total }
    /// A request to an operator.
    OpRequest(OpRequest) { kind, request_state, message, arguments, submitted, application, user }
}

/// A core object returned to Python as an instance of its class.
pub struct Obj(pub Object);

impl<'py> IntoPyObject<'py> for Obj {
    type Target = RsmObject;
    type Output = Bound<'py, RsmObject>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, RsmObject>> {
        wrap(py, self.0)
    }
}

/// Core objects returned to Python as an `openrsm.ObjectList` (a list that renders as a table).
pub struct Objs(pub Vec<Object>);

impl<'py> IntoPyObject<'py> for Objs {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let items = PyList::empty(py);
        for object in self.0 {
            items.append(wrap(py, object)?)?;
        }
        display(py)?.getattr("ObjectList")?.call1((items,))
    }
}
