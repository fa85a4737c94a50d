//! The RSM object model: ids, enumerations, objects and their per-type fields.

mod enums;
mod id;
mod object;
mod time;

pub use enums::*;
pub use id::ObjectId;
pub use object::*;
pub(crate) use time::from_millis;
pub use time::{now, Timestamp};
