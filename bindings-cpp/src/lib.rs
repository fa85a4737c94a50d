//! The Rust half of OpenRSM's C++ binding: a [cxx](https://cxx.rs) bridge over the `openrsm` core.
//!
//! C++ applications do not use this crate directly: they include `openrsm/openrsm.hpp` and link
//! `openrsm::openrsm` (see `bindings-cpp/README.md`). This crate is built as a static library by
//! the CMake project next to it. It only converts types and errors: all behaviour is the core's.
//!
//! One module per concept: [`bridge`] declares what crosses (structs and functions); `errors`
//! turns core errors and panics into C++ exceptions; `enums`, `object_id` and `convert` convert
//! values; `session`, `objects`, `media`, `backup`, `label`, `notify`, `library` and `detect` forward
//! the calls.
#![deny(missing_docs)]

mod about;
mod backup;
pub(crate) mod bridge;
mod convert;
mod detect;
mod enums;
mod errors;
mod label;
mod library;
mod media;
mod notify;
mod object_id;
mod objects;
mod session;
