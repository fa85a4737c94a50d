//! Conversions between Python values and core types that several modules share: object
//! references, byte strings, durations and field values.

use std::time::Duration;

use openrsm::{ObjectId, ObjectType, Session, Timestamp};
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyBytes, PyDelta, PyDeltaAccess, PyList, PyString, PyType};

use crate::enums::PyEnum;
use crate::model::RsmObject;

/// An object named by the caller: an object, a `uuid.UUID`, or a string holding a GUID or a name
/// (a pool path, a barcode, ...). Names are looked up with the core's `Session::resolve`.
#[derive(Clone, Debug)]
pub enum Target {
    /// An id.
    Id(ObjectId),
    /// A name, pool path or barcode.
    Name(String),
}

impl Target {
    /// The id, resolving a name among objects of `object_type`.
    pub fn id(&self, session: &Session, object_type: Option<ObjectType>) -> openrsm::Result<ObjectId> {
        match self {
            Target::Id(id) => Ok(*id),
            Target::Name(name) => Ok(session.resolve(object_type, name)?.id),
        }
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Target {
    type Error = PyErr;
    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(object) = ob.cast::<RsmObject>() {
            return Ok(Target::Id(object.get().object.id));
        }
        if let Ok(text) = ob.cast::<PyString>() {
            let text = text.to_cow()?;
            return Ok(match text.parse::<ObjectId>() {
                Ok(id) => Target::Id(id),
                Err(_) => Target::Name(text.into_owned()),
            });
        }
        if let Some(id) = uuid_arg(&ob)? {
            return Ok(Target::Id(id));
        }
        Err(PyTypeError::new_err(format!(
            "expected an OpenRSM object, a uuid.UUID or a name, not {}",
            ob.get_type().name()?
        )))
    }
}

/// The id in a `uuid.UUID`, read from its 16 `bytes` (pyo3's own conversion goes through a
/// 128-bit `int`, which costs microseconds under the stable ABI).
fn uuid_arg(ob: &Bound<'_, PyAny>) -> PyResult<Option<ObjectId>> {
    static UUID: PyOnceLock<Py<PyType>> = PyOnceLock::new();
    let py = ob.py();
    let class = UUID.import(py, "uuid", "UUID")?;
    if !ob.is_instance(class)? {
        return Ok(None);
    }
    let bytes = ob.getattr(intern!(py, "bytes"))?;
    let bytes: [u8; 16] =
        bytes.cast::<PyBytes>()?.as_bytes().try_into().map_err(|_| PyValueError::new_err("a UUID has 16 bytes"))?;
    Ok(Some(ObjectId::from_bytes(bytes)))
}

/// Resolve an optional target.
pub fn opt_id(
    session: &Session,
    target: &Option<Target>,
    object_type: Option<ObjectType>,
) -> openrsm::Result<Option<ObjectId>> {
    target.as_ref().map(|t| t.id(session, object_type)).transpose()
}

/// A byte string returned to Python as `bytes` (a `Vec<u8>` would become a list of ints).
pub struct Bytes(pub Vec<u8>);

impl<'py> IntoPyObject<'py> for Bytes {
    type Target = PyBytes;
    type Output = Bound<'py, PyBytes>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyBytes>> {
        Ok(PyBytes::new(py, &self.0))
    }
}

/// A length of time given as seconds (`int`/`float`) or a `datetime.timedelta`; `math.inf`
/// means no limit (`None` inside).
#[derive(Clone, Copy, Debug)]
pub struct Seconds(pub Option<Duration>);

impl<'a, 'py> FromPyObject<'a, 'py> for Seconds {
    type Error = PyErr;
    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        let seconds = if let Ok(delta) = ob.cast::<PyDelta>() {
            delta.get_days() as f64 * 86_400.0
                + delta.get_seconds() as f64
                + delta.get_microseconds() as f64 / 1_000_000.0
        } else {
            ob.extract::<f64>()
                .map_err(|_| PyTypeError::new_err("a timeout is a number of seconds or a datetime.timedelta"))?
        };
        if seconds.is_nan() || seconds < 0.0 {
            return Err(PyValueError::new_err(format!("a timeout cannot be {seconds}")));
        }
        if seconds.is_infinite() {
            return Ok(Seconds(None));
        }
        Ok(Seconds(Some(Duration::from_secs_f64(seconds))))
    }
}

/// A core value shown as a Python value (object fields, events, overview rows).
pub trait ToPy {
    /// The Python value.
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>>;
}

macro_rules! to_py_by_conversion {
    ($($t:ty),*) => {$(
        impl ToPy for $t {
            fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
                Ok(self.clone().into_pyobject(py)?.into_any())
            }
        }
    )*};
}

to_py_by_conversion!(String, u16, u32, u64, i32, usize, Timestamp, std::time::Duration);

impl ToPy for bool {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(pyo3::types::PyBool::new(py, *self).to_owned().into_any())
    }
}

impl ToPy for ObjectId {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        Ok(self.as_uuid().into_pyobject(py)?.into_any())
    }
}

impl<T: PyEnum> ToPy for T {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        PyEnum::to_py(*self, py)
    }
}

impl<T: ToPy> ToPy for Option<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        match self {
            Some(v) => v.to_py(py),
            None => Ok(py.None().into_bound(py)),
        }
    }
}

impl<T: ToPy> ToPy for Vec<T> {
    fn to_py<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let list = PyList::empty(py);
        for v in self {
            list.append(v.to_py(py)?)?;
        }
        Ok(list.into_any())
    }
}

/// A byte string taken from Python: `bytes`, `bytearray` or `memoryview` (never `str`, whose
/// encoding would be a guess).
pub struct ByteArg(pub Vec<u8>);

impl<'a, 'py> FromPyObject<'a, 'py> for ByteArg {
    type Error = PyErr;
    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(bytes) = ob.cast::<PyBytes>() {
            return Ok(ByteArg(bytes.as_bytes().to_vec()));
        }
        if let Ok(array) = ob.cast::<pyo3::types::PyByteArray>() {
            return Ok(ByteArg(array.to_vec()));
        }
        if ob.cast::<pyo3::types::PyMemoryView>().is_ok() {
            let copy = ob.py().get_type::<PyBytes>().call1((&*ob,))?;
            return Ok(ByteArg(copy.cast_into::<PyBytes>()?.as_bytes().to_vec()));
        }
        Err(PyTypeError::new_err(format!("expected bytes, not {}", ob.get_type().name()?)))
    }
}

/// A core value returned to Python through [`ToPy`] (lists of ids, records, ...).
pub struct Value<T>(pub T);

impl<'py, T: ToPy> IntoPyObject<'py> for Value<T> {
    type Target = PyAny;
    type Output = Bound<'py, PyAny>;
    type Error = PyErr;
    fn into_pyobject(self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        self.0.to_py(py)
    }
}

/// One object or several: a target, or a list or tuple of targets.
#[derive(Clone, Debug)]
pub struct Targets(pub Vec<Target>);

impl Targets {
    /// The ids, resolving names among objects of `object_type`.
    pub fn ids(&self, session: &Session, object_type: Option<ObjectType>) -> openrsm::Result<Vec<ObjectId>> {
        self.0.iter().map(|t| t.id(session, object_type)).collect()
    }
}

impl<'a, 'py> FromPyObject<'a, 'py> for Targets {
    type Error = PyErr;
    fn extract(ob: Borrowed<'a, 'py, PyAny>) -> PyResult<Self> {
        if let Ok(one) = ob.extract::<Target>() {
            return Ok(Targets(vec![one]));
        }
        if ob.cast::<PyList>().is_ok() || ob.cast::<pyo3::types::PyTuple>().is_ok() {
            let mut all = Vec::new();
            for item in ob.try_iter()? {
                all.push(item?.extract::<Target>()?);
            }
            return Ok(Targets(all));
        }
        Err(PyTypeError::new_err(format!(
            "expected an OpenRSM object, a uuid.UUID, a name, or a list of them, not {}",
            ob.get_type().name()?
        )))
    }
}

/// An optional timeout argument as the core's `Timeout`: `None` and `math.inf` wait without limit.
pub fn timeout(seconds: Option<Seconds>) -> openrsm::Timeout {
    match seconds.and_then(|s| s.0) {
        Some(d) => openrsm::Timeout::After(d),
        None => openrsm::Timeout::Infinite,
    }
}

/// Declare read-only Python classes over plain core records: one getter per listed field
/// (converted with [`ToPy`]), `to_dict()`, `__repr__` and `==`.
macro_rules! records {
    ($( $(#[$doc:meta])* $class:ident($core:ty) { $($field:ident),* $(,)? } )*) => {
        $(
            $(#[$doc])*
            #[pyo3::pyclass(frozen, eq, module = "openrsm")]
            #[derive(PartialEq)]
            pub struct $class(pub $core);

            #[pyo3::pymethods]
            impl $class {
                $(
                    #[getter]
                    fn $field<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                        $crate::convert::ToPy::to_py(&self.0.$field, py)
                    }
                )*

                /// Every field as a dict.
                fn to_dict<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::types::PyDict>> {
                    let dict = pyo3::types::PyDict::new(py);
                    $( dict.set_item(stringify!($field), $crate::convert::ToPy::to_py(&self.0.$field, py)?)?; )*
                    Ok(dict)
                }

                fn __repr__(&self, py: pyo3::Python<'_>) -> pyo3::PyResult<String> {
                    let mut parts: Vec<String> = Vec::new();
                    $( parts.push(format!("{}={}", stringify!($field), $crate::convert::ToPy::to_py(&self.0.$field, py)?.repr()?)); )*
                    Ok(format!("{}({})", stringify!($class), parts.join(", ")))
                }
            }

            impl $crate::convert::ToPy for $core {
                fn to_py<'py>(&self, py: pyo3::Python<'py>) -> pyo3::PyResult<pyo3::Bound<'py, pyo3::PyAny>> {
                    Ok(pyo3::Bound::new(py, $class(self.clone()))?.into_any())
                }
            }
        )*

        /// Add the record classes to the module.
        pub fn register_records(m: &pyo3::Bound<'_, pyo3::types::PyModule>) -> pyo3::PyResult<()> {
            use pyo3::types::PyModuleMethods;
            $( m.add_class::<$class>()?; )*
            Ok(())
        }
    };
}
pub(crate) use records;
