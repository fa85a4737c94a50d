//! Media types, media pools, physical media and allocation.

use openrsm::media::{CreateMode, MediaTypeChanges};
use openrsm::{AllocateOptions, Error, ErrorKind, MediaOverview, MediaSpec, MediaTypeSpec, PoolOptions};

use crate::bridge::ffi;
use crate::enums::from_number;
use crate::errors::{guard, BridgeResult};
use crate::session::SessionHandle;

fn create_mode(mode: u8) -> openrsm::Result<CreateMode> {
    match mode {
        0 => Ok(CreateMode::CreateNew),
        1 => Ok(CreateMode::OpenExisting),
        2 => Ok(CreateMode::OpenAlways),
        other => Err(Error::new(ErrorKind::InvalidParameter, format!("{other} is not a pool create mode"))),
    }
}

impl TryFrom<&ffi::PoolOptions> for PoolOptions {
    type Error = Error;

    fn try_from(o: &ffi::PoolOptions) -> openrsm::Result<Self> {
        Ok(PoolOptions {
            media_type: (&o.media_type).into(),
            mode: create_mode(o.mode)?,
            create_parents: o.create_parents,
            draw_from_free: o.draw_from_free,
            return_to_free: o.return_to_free,
            max_allocations: o.max_allocations,
            description: o.description.clone(),
        })
    }
}

impl From<&ffi::AllocateOptions> for AllocateOptions {
    fn from(o: &ffi::AllocateOptions) -> Self {
        AllocateOptions {
            new_media: o.new_media,
            next_of: (&o.next_of).into(),
            error_if_unavailable: o.error_if_unavailable,
            timeout: o.has_timeout.then(|| (&o.timeout).into()),
            preferred: (&o.preferred).into(),
        }
    }
}

impl From<MediaOverview> for ffi::MediaOverview {
    fn from(m: MediaOverview) -> Self {
        ffi::MediaOverview {
            id: m.id.into(),
            name: m.name,
            barcode: m.barcode.into(),
            media_type: m.media_type,
            pool: m.pool,
            library: m.library.into(),
            location_kind: m.location_kind.value(),
            element: m.element.into(),
            media_state: m.media_state.value(),
            enabled: m.enabled,
            sides: m.sides,
            allocated_sides: m.allocated_sides,
        }
    }
}

impl SessionHandle {
    /// Add a media type.
    pub(crate) fn add_media_type(&self, spec: &ffi::MediaTypeSpec) -> BridgeResult<ffi::Object> {
        guard(|| {
            let spec = MediaTypeSpec::new(spec.name.clone())
                .sides(spec.sides)
                .read_write(from_number(spec.read_write)?)
                .description(spec.description.clone());
            Ok(self.session.add_media_type(spec)?.into())
        })
    }

    /// The media type with this name, created if missing.
    pub(crate) fn ensure_media_type(&self, name: &str) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.ensure_media_type(name)?.into()))
    }

    /// Change a media type.
    pub(crate) fn change_media_type(&self, id: &ffi::Id, c: &ffi::MediaTypeChanges) -> BridgeResult<ffi::Object> {
        guard(|| {
            let read_write: Option<u32> = (&c.read_write).into();
            let changes = MediaTypeChanges {
                name: (&c.name).into(),
                sides: (&c.sides).into(),
                read_write: read_write.map(from_number).transpose()?,
            };
            Ok(self.session.change_media_type((*id).into(), changes)?.into())
        })
    }

    /// Delete a media type.
    pub(crate) fn delete_media_type(&self, id: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.delete_media_type((*id).into()))
    }

    /// Create or open an application pool.
    pub(crate) fn create_media_pool(&self, path: &str, options: &ffi::PoolOptions) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.create_media_pool(path, options.try_into()?)?.into()))
    }

    /// Delete a pool.
    pub(crate) fn delete_media_pool(&self, pool: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.delete_media_pool((*pool).into()))
    }

    /// A pool's full path.
    pub(crate) fn media_pool_name(&self, pool: &ffi::Id) -> BridgeResult<String> {
        guard(|| self.session.media_pool_name((*pool).into()))
    }

    /// The pool at a path.
    pub(crate) fn media_pool_by_path(&self, path: &str) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.media_pool_by_path(path)?.into()))
    }

    /// A system pool.
    pub(crate) fn system_pool(&self, kind: u32, media_type: &ffi::OptId) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.system_pool(from_number(kind)?, media_type.into())?.into()))
    }

    /// Move a medium to a pool.
    pub(crate) fn move_to_pool(&self, media: &ffi::Id, pool: &ffi::Id) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.move_to_pool((*media).into(), (*pool).into())?.into()))
    }

    /// Create a physical medium.
    pub(crate) fn create_media(&self, spec: &ffi::MediaSpec) -> BridgeResult<ffi::Object> {
        guard(|| {
            let spec = MediaSpec {
                media_type: spec.media_type.into(),
                pool: (&spec.pool).into(),
                barcode: (&spec.barcode).into(),
                name: (&spec.name).into(),
                description: spec.description.clone(),
            };
            Ok(self.session.create_media(spec)?.into())
        })
    }

    /// Delete a physical medium.
    pub(crate) fn delete_media(&self, media: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.delete_media((*media).into()))
    }

    /// Allocate a side.
    pub(crate) fn allocate_media(&self, pool: &ffi::Id, options: &ffi::AllocateOptions) -> BridgeResult<ffi::Object> {
        guard(|| Ok(self.session.allocate_media((*pool).into(), options.into())?.into()))
    }

    /// Give a side back.
    pub(crate) fn deallocate_media(&self, logical_media: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.deallocate_media((*logical_media).into()))
    }

    /// Retire a side.
    pub(crate) fn decommission_media(&self, side: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.decommission_media((*side).into()))
    }

    /// Mark a side complete.
    pub(crate) fn set_media_complete(&self, logical_media: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.set_media_complete((*logical_media).into()))
    }

    /// Swap the sides behind two logical media.
    pub(crate) fn swap_media(&self, first: &ffi::Id, second: &ffi::Id) -> BridgeResult<()> {
        guard(|| self.session.swap_media((*first).into(), (*second).into()))
    }

    /// Every physical medium as an inventory lists it.
    pub(crate) fn media_overview(&self) -> BridgeResult<Vec<ffi::MediaOverview>> {
        guard(|| Ok(self.session.media_overview()?.into_iter().map(Into::into).collect()))
    }
}
