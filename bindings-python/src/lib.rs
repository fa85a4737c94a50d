//! The native module of the `openrsm` Python package (`openrsm._native`): a thin layer that
//! converts the core's types, errors and async style. One file per concept, as in the core:
//! `session.rs` (Session, AsyncSession), `objects.rs` (object management), `media.rs` (media
//! types, pools, media, allocation), `notify.rs` (subscriptions), `backup.rs` (export/import), `library.rs` (library control), `vlib.rs`
//! (the virtual library's outside), `oprequest.rs` (operator requests), `detect.rs` (device
//! detection), `model.rs` (object classes),
//! `enums.rs` (RSM enumerations), `errors.rs` (exceptions), `convert.rs` (argument conversions).

use pyo3::prelude::*;

mod backup;
mod convert;
mod detect;
mod enums;
mod errors;
mod library;
mod media;
mod model;
mod notify;
mod objects;
mod oprequest;
mod session;
mod vlib;

/// The native part of the `openrsm` package; import `openrsm` instead.
#[pymodule]
#[pyo3(name = "_native")]
fn native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    enums::register(m)?;
    errors::register(m)?;
    model::register(m)?;
    m.add_class::<session::Session>()?;
    m.add_class::<session::AsyncSession>()?;
    m.add_class::<notify::Subscription>()?;
    m.add_class::<notify::Event>()?;
    m.add_class::<backup::SnapshotInfo>()?;
    library::register(m)?;
    vlib::register(m)?;
    detect::register(m)?;
    m.add("SCHEMA_VERSION", openrsm::SCHEMA_VERSION)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
