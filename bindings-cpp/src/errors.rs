//! Errors across the bridge, and the guard that keeps panics on the Rust side.
//!
//! cxx turns an `Err` into a `rust::Error` whose only content is `what()`, the `Display` of the
//! error. [`BridgeError`] therefore prints as `CODE|MESSAGE`; the C++ side (`src/errors.cpp`) reads
//! the code back and throws the matching `openrsm::Error` subclass. A panic that would unwind into
//! C++ (which cxx turns into an abort) is caught by [`guard`] and reported as
//! [`INTERNAL_ERROR_CODE`].

use std::any::Any;
use std::fmt;
use std::panic::{catch_unwind, AssertUnwindSafe};

use openrsm::{Error, ErrorKind};

/// The code reported for a panic caught at the boundary: `ERROR_INTERNAL_ERROR` (1359), which no
/// RSM function returns, so it always means a bug in OpenRSM.
pub(crate) const INTERNAL_ERROR_CODE: u32 = 1359;

/// An error on its way to C++: an RSM code and a message for people.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BridgeError {
    code: u32,
    message: String,
}

impl fmt::Display for BridgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}|{}", self.code, self.message)
    }
}

impl From<Error> for BridgeError {
    fn from(err: Error) -> Self {
        BridgeError { code: err.code(), message: err.full_message() }
    }
}

impl BridgeError {
    fn panic(payload: Box<dyn Any + Send>) -> Self {
        let what = payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic with no message".to_string());
        BridgeError { code: INTERNAL_ERROR_CODE, message: format!("internal error in OpenRSM: {what}") }
    }
}

/// The result of every bridge function.
pub(crate) type BridgeResult<T> = Result<T, BridgeError>;

/// Run `f`, turning its error into a [`BridgeError`] and a panic into an internal error, so that
/// nothing unwinds into C++.
pub(crate) fn guard<T>(f: impl FnOnce() -> openrsm::Result<T>) -> BridgeResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(result) => result.map_err(BridgeError::from),
        Err(payload) => Err(BridgeError::panic(payload)),
    }
}

/// Drop `value` without letting a panic in its destructor unwind into C++ (cxx drops boxes from
/// C++ destructors).
pub(crate) fn drop_guarded<T>(value: T) {
    let _ = catch_unwind(AssertUnwindSafe(move || drop(value)));
}

/// Fail with the error of RSM code `code`; a code the core does not know is `INVALID_PARAMETER`.
pub(crate) fn testing_fail(code: u32, message: &str) -> BridgeResult<()> {
    guard(|| {
        let kind = ErrorKind::from_code(code).ok_or_else(|| {
            Error::new(ErrorKind::InvalidParameter, format!("{code} is not an RSM error code OpenRSM knows"))
        })?;
        Err(Error::new(kind, message))
    })
}

/// Panic inside [`guard`], as any bug in the core would.
pub(crate) fn testing_panic(message: &str) -> BridgeResult<()> {
    guard(|| -> openrsm::Result<()> { panic!("{message}") })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_print_code_then_message_with_causes() {
        let io = std::io::Error::other("disk on fire");
        let err = BridgeError::from(Error::new(ErrorKind::DatabaseFailure, "cannot write").with_source(io));
        assert_eq!(err.to_string(), "4313|cannot write: disk on fire");
    }

    #[test]
    fn panics_become_internal_errors() {
        let err = testing_panic("boom").unwrap_err();
        assert_eq!(err.code, INTERNAL_ERROR_CODE);
        assert!(err.message.contains("boom"), "{}", err.message);
        let formatted = guard(|| -> openrsm::Result<()> { panic!("{} {}", "formatted", 7) }).unwrap_err();
        assert!(formatted.message.ends_with("formatted 7"), "{}", formatted.message);
    }

    #[test]
    fn every_kind_fails_with_its_own_code() {
        for kind in ErrorKind::ALL {
            assert_eq!(testing_fail(kind.code(), "x").unwrap_err().code, kind.code());
        }
        assert_eq!(testing_fail(0, "x").unwrap_err().code, ErrorKind::InvalidParameter.code());
        assert!(ErrorKind::from_code(INTERNAL_ERROR_CODE).is_none(), "1359 must stay free for panics");
    }
}
