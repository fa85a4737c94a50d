//! Media services that need no robot: media types, media pools, physical media and their sides,
//! and allocation (`Add/Change/DeleteNtmsMediaType`, `Create/DeleteNtmsMediaPool`,
//! `GetNtmsMediaPoolName`, `MoveToNtmsMediaPool`, `Create/DeleteNtmsMedia`, `AllocateNtmsMedia`,
//! `DeallocateNtmsMedia`, `DecommissionNtmsMedia`, `SetNtmsMediaComplete`, `SwapNtmsMedia`).

mod allocate;
pub mod label;
mod overview;
mod physical;
mod pools;
mod types;

pub(crate) use allocate::resolve_side;
pub use allocate::AllocateOptions;
pub use overview::MediaOverview;
pub use physical::MediaSpec;
pub(crate) use physical::*;
pub(crate) use pools::*;
pub use pools::{CreateMode, PoolOptions};
pub(crate) use types::{add_media_type, media_type_by_name};
pub use types::{MediaTypeChanges, MediaTypeSpec};
