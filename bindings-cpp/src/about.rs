//! Facts about the core that C++ exposes as constants and functions (and tests against the core).

use crate::bridge::ffi::CoreFacts;
use crate::errors::{guard, BridgeResult};

/// The core's version, schema version, home variable and size limits.
pub(crate) fn core_facts() -> BridgeResult<CoreFacts> {
    guard(|| {
        Ok(CoreFacts {
            version: env!("CARGO_PKG_VERSION").to_string(),
            schema_version: openrsm::SCHEMA_VERSION,
            home_env: openrsm::HOME_ENV.to_string(),
            max_name_len: openrsm::MAX_NAME_LEN,
            max_description_len: openrsm::MAX_DESCRIPTION_LEN,
            max_barcode_len: openrsm::MAX_BARCODE_LEN,
            max_attribute_size: openrsm::MAX_ATTRIBUTE_SIZE,
        })
    })
}

/// The home used when a session names none.
pub(crate) fn default_home() -> BridgeResult<String> {
    guard(|| Ok(openrsm::default_home()?.to_string_lossy().into_owned()))
}
