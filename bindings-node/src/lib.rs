//! The Node.js binding of OpenRSM: the native module under the `openrsm` npm package.
//!
//! A thin layer over the core crate: it converts types (ids to strings, times to `Date`s, enums to
//! TypeScript enums with the RSM numbers), errors (to messages the package's entry turns into
//! `RsmError` subclasses) and async style (blocking calls to Promises settled off the JavaScript
//! thread). One file per concept, as in the core.

mod abort;
mod backup;
mod blocking;
mod cleaning;
mod detect;
mod enums;
mod errors;
mod ieport;
mod inventory;
mod labels;
mod library;
mod media;
mod model;
mod mount;
mod notify;
mod objects;
mod requests;
mod session;
