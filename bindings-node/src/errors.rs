//! Errors: every core error reaches JavaScript as an `Error` whose message starts with the RSM kind
//! and code, `"OBJECT_NOT_FOUND (4312): media pool \"X\" not found"` (the core's own `Display`).
//!
//! napi-rs can only throw plain `Error`s, so the hand-written entry (`index.js`) recognises that
//! prefix and throws the matching `RsmError` subclass instead, with `code` (the RSM number) and
//! `kind` (the RSM name). [`error_kinds`] gives it the table to build those classes from.

use napi::bindgen_prelude::*;
use napi_derive::napi;

/// Turn a core error into the napi error the entry layer re-wraps.
pub(crate) fn to_napi(err: openrsm::Error) -> napi::Error {
    let kind = err.kind();
    napi::Error::new(Status::GenericFailure, format!("{} ({}): {}", kind.name(), kind.code(), err.full_message()))
}

/// A core error of `kind` for a bad argument caught while converting it (e.g. a malformed id).
pub(crate) fn invalid(message: impl Into<String>) -> napi::Error {
    to_napi(openrsm::Error::new(openrsm::ErrorKind::InvalidParameter, message))
}

/// One RSM error kind, as [`error_kinds`] lists it.
#[napi(object)]
pub struct ErrorKindInfo {
    /// The RSM name without `ERROR_`, e.g. `OBJECT_NOT_FOUND`: the `kind` of its errors.
    pub kind: String,
    /// The RSM number, e.g. 4312: the `code` of its errors.
    pub code: u32,
    /// The name of its `RsmError` subclass, e.g. `ObjectNotFoundError`.
    pub class_name: String,
}

/// Every error kind of the core, in code order.
#[napi]
pub fn error_kinds() -> Vec<ErrorKindInfo> {
    openrsm::ErrorKind::ALL
        .iter()
        .map(|k| ErrorKindInfo { kind: k.name().to_owned(), code: k.code(), class_name: format!("{k:?}Error") })
        .collect()
}

/// Test hook, not part of the API: a Promise rejected with an error of the kind whose RSM number
/// is `code`, raised through the same path as every other asynchronous call.
#[napi(js_name = "__raiseErrorForTest")]
pub async fn raise_error_for_test(code: u32) -> Result<()> {
    crate::blocking::run(move || {
        let kind = openrsm::ErrorKind::from_code(code).ok_or_else(|| {
            openrsm::Error::new(openrsm::ErrorKind::InvalidParameter, format!("no error kind has code {code}"))
        })?;
        Err(openrsm::Error::new(kind, format!("raised for a test of {}", kind.name())))
    })
    .await
}
