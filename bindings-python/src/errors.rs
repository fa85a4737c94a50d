//! RSM errors as Python exceptions: one root `openrsm.RsmError(Exception)` and one subclass per
//! core `ErrorKind`, built when the module loads from `ErrorKind::ALL`.
//!
//! A subclass is named after the RSM name in CamelCase with `Error` appended
//! (`OBJECT_NOT_FOUND` → `ObjectNotFoundError`, `TIMEOUT` → `TimeoutError`) and carries the class
//! attributes `code` (the RSM number) and `kind` (the `openrsm.ErrorKind` member). Where a Python
//! standard exception means the same thing it is a second base, so that generic handlers work:
//! `TimeoutError`, `PermissionError`, `ValueError`, `LookupError`, `ConnectionError`.

use openrsm::ErrorKind;
use pyo3::exceptions::{
    PyConnectionError, PyException, PyLookupError, PyPermissionError, PyTimeoutError, PyValueError,
};
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::{PyDict, PyTuple, PyType};

use crate::enums::PyEnum;

pyo3::create_exception!(
    openrsm,
    RsmError,
    PyException,
    "The root of every OpenRSM error. `code` is the RSM error number and `kind` the `ErrorKind`."
);

static CLASSES: PyOnceLock<Vec<(ErrorKind, Py<PyType>)>> = PyOnceLock::new();

/// The Python class name of an error kind: `OBJECT_NOT_FOUND` → `ObjectNotFoundError`.
pub fn class_name(kind: ErrorKind) -> String {
    let mut name = String::new();
    for word in kind.name().split('_') {
        let mut chars = word.chars();
        if let Some(first) = chars.next() {
            name.push(first.to_ascii_uppercase());
            name.extend(chars.map(|c| c.to_ascii_lowercase()));
        }
    }
    name.push_str("Error");
    name
}

/// The Python standard exception that also describes a kind, if any.
fn standard_base(py: Python<'_>, kind: ErrorKind) -> Option<Bound<'_, PyType>> {
    Some(match kind {
        ErrorKind::Timeout => py.get_type::<PyTimeoutError>(),
        ErrorKind::AccessDenied => py.get_type::<PyPermissionError>(),
        ErrorKind::InvalidParameter => py.get_type::<PyValueError>(),
        ErrorKind::ObjectNotFound => py.get_type::<PyLookupError>(),
        ErrorKind::NotConnected => py.get_type::<PyConnectionError>(),
        _ => return None,
    })
}

fn classes(py: Python<'_>) -> PyResult<&'static Vec<(ErrorKind, Py<PyType>)>> {
    CLASSES.get_or_try_init(py, || {
        let root = py.get_type::<RsmError>();
        let type_ = py.get_type::<PyType>();
        let mut classes = Vec::with_capacity(ErrorKind::ALL.len());
        for &kind in ErrorKind::ALL {
            let name = class_name(kind);
            let bases = match standard_base(py, kind) {
                Some(base) => PyTuple::new(py, [root.clone(), base])?,
                None => PyTuple::new(py, [root.clone()])?,
            };
            let namespace = PyDict::new(py);
            namespace.set_item("__module__", "openrsm")?;
            namespace.set_item("__qualname__", &name)?;
            namespace.set_item("__doc__", format!("RSM error {} ({}).", kind.name(), kind.code()))?;
            namespace.set_item("code", kind.code())?;
            namespace.set_item("kind", kind.to_py(py)?)?;
            let class = type_.call1((name.as_str(), bases, namespace))?.cast_into::<PyType>()?;
            classes.push((kind, class.unbind()));
        }
        Ok(classes)
    })
}

/// The Python exception class of a kind.
pub fn class_of(py: Python<'_>, kind: ErrorKind) -> PyResult<Bound<'_, PyType>> {
    let classes = classes(py)?;
    let (_, class) = classes.iter().find(|(k, _)| *k == kind).unwrap_or(&classes[0]);
    Ok(class.bind(py).clone())
}

/// Add `RsmError`, every subclass, and `ERROR_KINDS` (the core's list, in its order) to the module.
pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    let root = py.get_type::<RsmError>();
    root.setattr("__module__", "openrsm")?;
    m.add("RsmError", root)?;
    let mut kinds = Vec::new();
    for (kind, class) in classes(py)? {
        m.add(class_name(*kind).as_str(), class.bind(py))?;
        kinds.push(kind.to_py(py)?);
    }
    m.add("ERROR_KINDS", kinds)?;
    Ok(())
}

/// Convert a core error into its Python exception; the message includes the chain of causes.
pub fn to_py_err(err: openrsm::Error) -> PyErr {
    Python::attach(|py| match class_of(py, err.kind()) {
        Ok(class) => PyErr::from_type(class, err.full_message()),
        Err(e) => e,
    })
}

/// `?` on core results in functions returning `PyResult`.
pub trait IntoPyResult<T> {
    /// The result with a core error converted to its Python exception.
    fn py(self) -> PyResult<T>;
}

impl<T> IntoPyResult<T> for openrsm::Result<T> {
    fn py(self) -> PyResult<T> {
        self.map_err(to_py_err)
    }
}
