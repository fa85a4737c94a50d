//! Media services on a session: media types, media pools, physical media and allocation
//! (`Add/Change/DeleteNtmsMediaType`, `Create/DeleteNtmsMediaPool`, `GetNtmsMediaPoolName`,
//! `MoveToNtmsMediaPool`, `Create/DeleteNtmsMedia`, `AllocateNtmsMedia`, `DeallocateNtmsMedia`,
//! `DecommissionNtmsMedia`, `SetNtmsMediaComplete`, `SwapNtmsMedia`).

use napi::bindgen_prelude::*;
use napi_derive::napi;

use crate::blocking::run;
use crate::enums::{LocationKind, MediaState, PoolKind, ReadWrite};
use crate::model::{parse_id, parse_opt_id, parse_timeout, RsmObject};
use crate::session::Session;

/// A new media type, for `Session.addMediaType`.
#[napi(object)]
pub struct MediaTypeSpec {
    /// Its name, unique among media types (e.g. `LTO-6`).
    pub name: String,
    /// Sides per medium (default 1; 2 for double-sided optical).
    pub sides: Option<u32>,
    /// Rewritable (default), WORM or read-only.
    pub read_write: Option<ReadWrite>,
    /// Its description.
    pub description: Option<String>,
}

/// Changes to a media type, for `Session.changeMediaType`; absent fields stay as they are.
#[napi(object)]
pub struct MediaTypeChanges {
    /// New name.
    pub name: Option<String>,
    /// New number of sides (only while no media of the type exist).
    pub sides: Option<u32>,
    /// New read/write kind.
    pub read_write: Option<ReadWrite>,
}

/// What `createMediaPool` does when the pool exists already.
#[napi(string_enum)]
pub enum CreateMode {
    /// Create it; refuse with `InvalidParameterError` if it exists (the default).
    #[napi(value = "createNew")]
    CreateNew,
    /// Open it; refuse with `ObjectNotFoundError` if it does not exist.
    #[napi(value = "openExisting")]
    OpenExisting,
    /// Open it if it exists, create it otherwise.
    #[napi(value = "openAlways")]
    OpenAlways,
}

/// Options of a new application pool, for `Session.createMediaPool`.
#[napi(object)]
#[derive(Default)]
pub struct PoolOptions {
    /// The id of the media type of its media (absent: any).
    pub media_type: Option<String>,
    /// What to do when it exists (default `createNew`).
    pub mode: Option<CreateMode>,
    /// Create missing parent pools of the path (default false).
    pub create_parents: Option<bool>,
    /// When empty, draw media from the Free pool (default true).
    pub draw_from_free: Option<bool>,
    /// Return deallocated media to Free (default true).
    pub return_to_free: Option<bool>,
    /// Allocations per side before decommission, 0 = no limit (the default).
    pub max_allocations: Option<u32>,
    /// Its description.
    pub description: Option<String>,
}

/// A new physical medium, for `Session.createMedia`.
#[napi(object)]
pub struct MediaSpec {
    /// The id of its media type.
    pub media_type: String,
    /// The id of its pool (absent: the Free pool of its media type).
    pub pool: Option<String>,
    /// Its barcode.
    pub barcode: Option<String>,
    /// Its name (absent: the barcode, or a name made from its id).
    pub name: Option<String>,
    /// Its description.
    pub description: Option<String>,
}

/// How `Session.allocateMedia` chooses a side.
#[napi(object)]
#[derive(Default)]
pub struct AllocateOptions {
    /// Take a side of a medium none of whose sides is allocated (`NTMS_ALLOCATE_NEW`).
    pub new_media: Option<bool>,
    /// Take the next side of the medium of this logical media or side (`NTMS_ALLOCATE_NEXT`).
    pub next_of: Option<String>,
    /// Fail at once with `MediaUnavailableError` when nothing is available.
    pub error_if_unavailable: Option<bool>,
    /// Otherwise wait this many milliseconds for a side to become available (`Infinity`: no
    /// limit; absent: do not wait).
    pub timeout_ms: Option<f64>,
    /// Prefer this medium.
    pub preferred: Option<String>,
}

/// One physical medium as an inventory lists it, from `Session.mediaOverview`.
#[napi(object)]
pub struct MediaOverview {
    /// The medium's id.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Its barcode, if it has one.
    pub barcode: Option<String>,
    /// The name of its media type.
    pub media_type: String,
    /// The path of the pool that holds it, e.g. `Free/LTO-6` or `Backup/Weekly`.
    pub pool: String,
    /// The name of its library; absent when it is offline (on a shelf).
    pub library: Option<String>,
    /// Whether it is in a slot, a drive, an IE port, the transport, or offline.
    pub location_kind: LocationKind,
    /// The number of the slot, drive or IE port it is in; absent offline or in the transport.
    pub element: Option<u32>,
    /// Idle, mounted, ...
    pub media_state: MediaState,
    /// Whether it is enabled.
    pub enabled: bool,
    /// How many sides it has.
    pub sides: u32,
    /// How many of its sides are allocated.
    pub allocated_sides: u32,
}

impl From<openrsm::MediaOverview> for MediaOverview {
    fn from(m: openrsm::MediaOverview) -> Self {
        MediaOverview {
            id: m.id.to_string(),
            name: m.name,
            barcode: m.barcode,
            media_type: m.media_type,
            pool: m.pool,
            library: m.library,
            location_kind: m.location_kind.into(),
            element: m.element,
            media_state: m.media_state.into(),
            enabled: m.enabled,
            sides: m.sides,
            allocated_sides: m.allocated_sides,
        }
    }
}

impl PoolOptions {
    fn into_core(self) -> Result<openrsm::PoolOptions> {
        let defaults = openrsm::PoolOptions::default();
        Ok(openrsm::PoolOptions {
            media_type: parse_opt_id(self.media_type.as_deref())?,
            mode: match self.mode {
                None | Some(CreateMode::CreateNew) => openrsm::media::CreateMode::CreateNew,
                Some(CreateMode::OpenExisting) => openrsm::media::CreateMode::OpenExisting,
                Some(CreateMode::OpenAlways) => openrsm::media::CreateMode::OpenAlways,
            },
            create_parents: self.create_parents.unwrap_or(defaults.create_parents),
            draw_from_free: self.draw_from_free.unwrap_or(defaults.draw_from_free),
            return_to_free: self.return_to_free.unwrap_or(defaults.return_to_free),
            max_allocations: self.max_allocations.unwrap_or(defaults.max_allocations),
            description: self.description.unwrap_or(defaults.description),
        })
    }
}

impl AllocateOptions {
    fn into_core(self) -> Result<openrsm::AllocateOptions> {
        Ok(openrsm::AllocateOptions {
            new_media: self.new_media.unwrap_or(false),
            next_of: parse_opt_id(self.next_of.as_deref())?,
            error_if_unavailable: self.error_if_unavailable.unwrap_or(false),
            timeout: parse_timeout(self.timeout_ms)?,
            preferred: parse_opt_id(self.preferred.as_deref())?,
        })
    }
}

#[napi]
impl Session {
    /// Add a media type (`AddNtmsMediaType`) with its system pools (`Free/<name>`, ...).
    #[napi]
    pub async fn add_media_type(&self, spec: MediaTypeSpec) -> Result<RsmObject> {
        let session = self.inner.clone();
        let mut core = openrsm::MediaTypeSpec::new(spec.name);
        core.sides = spec.sides.unwrap_or(core.sides);
        core.read_write = spec.read_write.map_or(core.read_write, Into::into);
        core.description = spec.description.unwrap_or_default();
        run(move || session.add_media_type(core)).await.map(Into::into)
    }

    /// The media type with this name, created (one-sided, rewritable) if there is none.
    #[napi]
    pub async fn ensure_media_type(&self, name: String) -> Result<RsmObject> {
        let session = self.inner.clone();
        run(move || session.ensure_media_type(&name)).await.map(Into::into)
    }

    /// Change a media type (`ChangeNtmsMediaType`); renaming renames its system pools too.
    #[napi]
    pub async fn change_media_type(&self, id: String, changes: MediaTypeChanges) -> Result<RsmObject> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        let changes = openrsm::media::MediaTypeChanges {
            name: changes.name,
            sides: changes.sides,
            read_write: changes.read_write.map(Into::into),
        };
        run(move || session.change_media_type(id, changes)).await.map(Into::into)
    }

    /// Delete a media type and its system pools (`DeleteNtmsMediaType`); `NotEmptyError` while
    /// media or application pools of the type exist.
    #[napi]
    pub async fn delete_media_type(&self, id: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.delete_media_type(id)).await
    }

    /// Create (or open, per `mode`) an application pool at a path such as `Backup/Weekly`
    /// (`CreateNtmsMediaPool`).
    #[napi]
    pub async fn create_media_pool(&self, path: String, options: Option<PoolOptions>) -> Result<RsmObject> {
        let session = self.inner.clone();
        let options = options.unwrap_or_default().into_core()?;
        run(move || session.create_media_pool(&path, options)).await.map(Into::into)
    }

    /// Delete an empty application pool (`DeleteNtmsMediaPool`).
    #[napi]
    pub async fn delete_media_pool(&self, id: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.delete_media_pool(id)).await
    }

    /// The full path of a pool (`GetNtmsMediaPoolName`), e.g. `Backup/Weekly` or `Free/LTO-6`.
    #[napi]
    pub async fn media_pool_name(&self, id: String) -> Result<String> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.media_pool_name(id)).await
    }

    /// The pool at a path.
    #[napi]
    pub async fn media_pool_by_path(&self, path: String) -> Result<RsmObject> {
        let session = self.inner.clone();
        run(move || session.media_pool_by_path(&path)).await.map(Into::into)
    }

    /// The system pool of a kind for a media type (`Free/LTO-6`), or the top one (`Free`).
    #[napi]
    pub async fn system_pool(&self, kind: PoolKind, media_type: Option<String>) -> Result<RsmObject> {
        let (session, media_type) = (self.inner.clone(), parse_opt_id(media_type.as_deref())?);
        run(move || session.system_pool(kind.into(), media_type)).await.map(Into::into)
    }

    /// Move a physical medium to another pool (`MoveToNtmsMediaPool`); the moved medium.
    #[napi]
    pub async fn move_to_pool(&self, media: String, pool: String) -> Result<RsmObject> {
        let (session, media, pool) = (self.inner.clone(), parse_id(&media)?, parse_id(&pool)?);
        run(move || session.move_to_pool(media, pool)).await.map(Into::into)
    }

    /// Create a physical medium with its sides (`CreateNtmsMedia`), offline until a library takes it in.
    #[napi]
    pub async fn create_media(&self, spec: MediaSpec) -> Result<RsmObject> {
        let session = self.inner.clone();
        let mut core = openrsm::MediaSpec::new(parse_id(&spec.media_type)?);
        core.pool = parse_opt_id(spec.pool.as_deref())?;
        core.barcode = spec.barcode;
        core.name = spec.name;
        core.description = spec.description.unwrap_or_default();
        run(move || session.create_media(core)).await.map(Into::into)
    }

    /// Every physical medium with its type, pool path, library and place in it, ordered by library
    /// (offline media last), location and element number: one read for inventory tables.
    #[napi]
    pub async fn media_overview(&self) -> Result<Vec<MediaOverview>> {
        let session = self.inner.clone();
        run(move || session.media_overview()).await.map(|list| list.into_iter().map(Into::into).collect())
    }

    /// Delete an offline physical medium with no allocated side, and its sides (`DeleteNtmsMedia`).
    #[napi]
    pub async fn delete_media(&self, id: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&id)?);
        run(move || session.delete_media(id)).await
    }

    /// Allocate a side from an application pool (`AllocateNtmsMedia`); its new logical media.
    #[napi]
    pub async fn allocate_media(&self, pool: String, options: Option<AllocateOptions>) -> Result<RsmObject> {
        let (session, pool) = (self.inner.clone(), parse_id(&pool)?);
        let options = options.unwrap_or_default().into_core()?;
        run(move || session.allocate_media(pool, options)).await.map(Into::into)
    }

    /// Give an allocated side back (`DeallocateNtmsMedia`).
    #[napi]
    pub async fn deallocate_media(&self, logical_media: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&logical_media)?);
        run(move || session.deallocate_media(id)).await
    }

    /// Retire a side for good (`DecommissionNtmsMedia`).
    #[napi]
    pub async fn decommission_media(&self, side: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&side)?);
        run(move || session.decommission_media(id)).await
    }

    /// Mark an allocated side complete: no more writes (`SetNtmsMediaComplete`).
    #[napi]
    pub async fn set_media_complete(&self, logical_media: String) -> Result<()> {
        let (session, id) = (self.inner.clone(), parse_id(&logical_media)?);
        run(move || session.set_media_complete(id)).await
    }

    /// Swap the sides behind two logical media (`SwapNtmsMedia`).
    #[napi]
    pub async fn swap_media(&self, first: String, second: String) -> Result<()> {
        let (session, a, b) = (self.inner.clone(), parse_id(&first)?, parse_id(&second)?);
        run(move || session.swap_media(a, b)).await
    }
}
