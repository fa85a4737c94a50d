//! Mounting and dismounting media (`MountNtmsMedia`, `DismountNtmsMedia`, `DismountNtmsDrive`).
//!
//! A mount asks for sides; each becomes a MOUNT request in its library, and the call returns when
//! all are mounted — or none: if one fails, times out or the session closes, the others are
//! cancelled and what was mounted is put back. A medium left in a drive by a DEFERRED dismount
//! stays DISMOUNTABLE and serves the next mount of it with no robot move; it goes home by itself
//! after the drive's deferred-dismount delay, or when its drive is needed.

use std::sync::Arc;

use futures::stream::{FuturesUnordered, StreamExt};
use serde::{Deserialize, Serialize};

use super::changer::ElementAddress;
use super::elements::*;
use super::inventory::settle;
use super::runtime::{await_outcome, Job, JobCtx, LibraryRuntime, NewRequest, Outcome, Plan};
use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::notify::Timeout;
use crate::service::Service;
use crate::session::Session;

/// How to mount, for [`Session::mount`] (`MountNtmsMedia` options).
///
/// ```
/// use openrsm::MountOptions;
/// let options = MountOptions::default().write().error_if_unavailable().priority(10);
/// assert!(options.write && options.read && options.error_if_unavailable);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct MountOptions {
    /// Mount for reading (`NTMS_MOUNT_READ`, on by default).
    pub read: bool,
    /// Mount for writing (`NTMS_MOUNT_WRITE`): refused for complete sides and read-only media.
    pub write: bool,
    /// Fail at once when a medium or drive is busy instead of waiting (`ERROR_IF_UNAVAILABLE`).
    pub error_if_unavailable: bool,
    /// Fail with `MEDIA_OFFLINE` for a medium outside every library instead of asking an operator
    /// to bring it and waiting (`ERROR_IF_OFFLINE`).
    pub error_if_offline: bool,
    /// Mount the media in these drives, one per medium, in order (`SPECIFIC_DRIVE`).
    pub drives: Vec<ObjectId>,
    /// Return once the requests are queued instead of when the media are mounted (`NOWAIT`).
    pub nowait: bool,
    /// −15..+15, higher first.
    pub priority: i32,
    /// How long to wait; on timeout everything is undone and the call fails with `TIMEOUT`.
    pub timeout: Timeout,
}

impl Default for MountOptions {
    fn default() -> Self {
        MountOptions {
            read: true,
            write: false,
            error_if_unavailable: false,
            error_if_offline: false,
            drives: Vec::new(),
            nowait: false,
            priority: 0,
            timeout: Timeout::Infinite,
        }
    }
}

impl MountOptions {
    /// Mount for writing too.
    pub fn write(mut self) -> Self {
        self.write = true;
        self
    }

    /// Fail at once when something is busy.
    pub fn error_if_unavailable(mut self) -> Self {
        self.error_if_unavailable = true;
        self
    }

    /// Fail at once for offline media.
    pub fn error_if_offline(mut self) -> Self {
        self.error_if_offline = true;
        self
    }

    /// Mount the next medium in this drive.
    pub fn drive(mut self, drive: ObjectId) -> Self {
        self.drives.push(drive);
        self
    }

    /// Do not wait for the mounts.
    pub fn nowait(mut self) -> Self {
        self.nowait = true;
        self
    }

    /// Set the priority.
    pub fn priority(mut self, priority: i32) -> Self {
        self.priority = priority;
        self
    }

    /// Set how long to wait.
    pub fn timeout(mut self, timeout: impl Into<Timeout>) -> Self {
        self.timeout = timeout.into();
        self
    }
}

/// A mounted medium (or, with `nowait`, one whose mount is queued).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MountedMedia {
    /// What the caller asked to mount (a logical media, side or physical medium).
    pub media: ObjectId,
    /// The physical medium.
    pub physical_media: ObjectId,
    /// The side mounted.
    pub side: ObjectId,
    /// The MOUNT library request.
    pub request: ObjectId,
    /// The drive it is mounted in; `None` while a `nowait` mount is under way.
    pub drive: Option<ObjectId>,
    /// The drive's device path, where the application reads and writes.
    pub device_path: Option<String>,
}

/// How to dismount, for [`Session::dismount`].
///
/// ```
/// use openrsm::DismountOptions;
/// assert!(!DismountOptions::default().deferred);
/// assert!(DismountOptions::deferred().deferred);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct DismountOptions {
    /// Leave the medium in the drive (DISMOUNTABLE) so that the next mount of it needs no robot
    /// move (`NTMS_DISMOUNT_DEFERRED`); otherwise it goes back to its slot now (`IMMEDIATE`).
    pub deferred: bool,
    /// −15..+15, higher first.
    pub priority: i32,
    /// How long to wait.
    pub timeout: Timeout,
}

impl DismountOptions {
    /// A deferred dismount.
    pub fn deferred() -> Self {
        DismountOptions { deferred: true, ..Default::default() }
    }

    /// An immediate dismount.
    pub fn immediate() -> Self {
        DismountOptions::default()
    }

    /// Set the priority.
    pub fn priority(mut self, priority: i32) -> Self {
        self.priority = priority;
        self
    }
}

/// A mount request.
#[derive(Debug, Clone)]
pub(crate) struct MountJob {
    pub side: ObjectId,
    pub media: ObjectId,
    pub drive: Option<ObjectId>,
    pub error_if_unavailable: bool,
}

/// A dismount request.
#[derive(Debug, Clone)]
pub(crate) struct DismountJob {
    pub media: ObjectId,
    pub deferred: bool,
}

/// How a mount can be done now.
enum Choice {
    /// The medium is in a usable drive already (left there by a deferred dismount).
    Reuse {
        drive: Box<Object>,
    },
    /// Carry the medium from where it is to this drive, first putting away what is in it.
    Carry {
        drive: Box<Object>,
        evict: Option<ObjectId>,
        from: Box<Object>,
    },
    Wait(String),
    Fail(Error),
}

fn usable(drive: &Object) -> bool {
    drive.enabled && drive.state == OperationalState::Ready
}

fn drive_state(drive: &Object) -> DriveState {
    match &drive.detail {
        Detail::Drive(d) => d.drive_state,
        _ => DriveState::Dismounted,
    }
}

fn busy(drive: &Object) -> bool {
    matches!(drive_state(drive), DriveState::Mounted | DriveState::BeingCleaned)
}

fn choose(ctx: &JobCtx, job: &MountJob) -> Result<Choice> {
    let library = ctx.library();
    ctx.db().read(|conn| {
        let media = db::load_as(conn, job.media, ObjectType::PhysicalMedia)?;
        let info = crate::media::media_info(&media)?;
        let unavailable = |reason: String| {
            if job.error_if_unavailable {
                Choice::Fail(Error::new(ErrorKind::MediaNotAvailable, reason))
            } else {
                Choice::Wait(reason)
            }
        };
        if !media.enabled {
            return Ok(Choice::Fail(Error::new(
                ErrorKind::ResourceDisabled,
                format!("medium {} is disabled", media.name),
            )));
        }
        match info.library {
            None => {
                return Ok(Choice::Fail(Error::new(
                    ErrorKind::MediaOffline,
                    format!("medium {} is offline", media.name),
                )))
            }
            Some(l) if l != library => {
                return Ok(Choice::Fail(Error::new(
                    ErrorKind::InvalidLibrary,
                    format!("medium {} is now in another library", media.name),
                )))
            }
            _ => {}
        }
        let drives = db::query(conn, ObjectType::Drive, "t.library = ?1 ORDER BY t.number", [library])?;
        if !drives.iter().any(usable) {
            return Ok(Choice::Fail(Error::new(
                ErrorKind::DeviceNotAvailable,
                "no drive of the library can be used (disabled or needing service)",
            )));
        }
        let specific = match job.drive {
            Some(id) => match drives.iter().find(|d| d.id == id) {
                Some(d) => Some(d),
                None => {
                    return Ok(Choice::Fail(Error::new(
                        ErrorKind::InvalidDriveObject,
                        format!("drive {id} is not in the medium's library"),
                    )))
                }
            },
            None => None,
        };
        let from = match info.location.kind {
            LocationKind::Drive => {
                let here = drives.iter().find(|d| Some(d.id) == info.location.element).cloned();
                let Some(here) = here else {
                    return Ok(Choice::Fail(Error::new(ErrorKind::InvalidMedia, "the medium's drive is unknown")));
                };
                if busy(&here) {
                    return Ok(unavailable(format!("medium {} is mounted", media.name)));
                }
                if usable(&here) && specific.is_none_or(|s| s.id == here.id) {
                    return Ok(Choice::Reuse { drive: Box::new(here) });
                }
                here
            }
            LocationKind::Slot => match info.location.element {
                Some(slot) => db::load_as(conn, slot, ObjectType::StorageSlot)?,
                None => return Ok(Choice::Fail(Error::new(ErrorKind::InvalidMedia, "the medium's slot is unknown"))),
            },
            LocationKind::IePort | LocationKind::Transport => {
                return Ok(Choice::Fail(Error::new(
                    ErrorKind::MediumNotAccessible,
                    format!("medium {} is in {}: inject it first", media.name, info.location.kind),
                )))
            }
            LocationKind::Offline => {
                return Ok(Choice::Fail(Error::new(
                    ErrorKind::MediaOffline,
                    format!("medium {} is offline", media.name),
                )))
            }
        };
        let target = match specific {
            Some(d) => {
                if !d.enabled {
                    return Ok(Choice::Fail(Error::new(
                        ErrorKind::ResourceDisabled,
                        format!("drive {} is disabled", d.name),
                    )));
                }
                if d.state != OperationalState::Ready {
                    return Ok(Choice::Fail(Error::new(
                        ErrorKind::DeviceNotAvailable,
                        format!("drive {} needs service", d.name),
                    )));
                }
                if busy(d) {
                    return Ok(if job.error_if_unavailable {
                        Choice::Fail(Error::new(ErrorKind::DeviceNotAvailable, format!("drive {} is in use", d.name)))
                    } else {
                        Choice::Wait(format!("drive {} is in use", d.name))
                    });
                }
                d.clone()
            }
            None => {
                let candidates = drives.iter().filter(|d| usable(d) && d.id != from.id);
                let empty =
                    candidates.clone().find(|d| media_of(d).is_none() && drive_state(d) == DriveState::Dismounted);
                let evictable =
                    || candidates.clone().filter(|d| !busy(d) && media_of(d).is_some()).min_by_key(|d| d.modified);
                match empty.or_else(evictable) {
                    Some(d) => d.clone(),
                    None if job.error_if_unavailable => {
                        return Ok(Choice::Fail(Error::new(ErrorKind::DeviceNotAvailable, "every drive is in use")))
                    }
                    None => return Ok(Choice::Wait("every drive is in use".into())),
                }
            }
        };
        let evict = media_of(&target);
        Ok(Choice::Carry { drive: Box::new(target), evict, from: Box::new(from) })
    })
}

pub(crate) fn plan_mount(ctx: &JobCtx, job: &MountJob) -> Result<Plan> {
    Ok(match choose(ctx, job)? {
        choice @ (Choice::Reuse { .. } | Choice::Carry { .. }) => {
            // Running comes right after planning, on the same database state: keep the choice.
            *ctx.memo.lock().unwrap_or_else(|p| p.into_inner()) = Some(Box::new(choice));
            Plan::Run
        }
        Choice::Wait(reason) => Plan::Wait(reason),
        Choice::Fail(e) => Plan::Fail(e),
    })
}

/// Record a mount: the drive MOUNTED with the medium, the medium MOUNTED with its side, counts up.
fn mark_mounted(tx: &mut Tx<'_>, drive: ObjectId, job: &MountJob) -> Result<Outcome> {
    let mut d = db::load_as(tx, drive, ObjectType::Drive)?;
    let info = drive_info_mut(&mut d);
    info.drive_state = DriveState::Mounted;
    info.media = Some(job.media);
    info.mount_count += 1;
    let device_path = info.device_path.clone();
    db::save(tx, &mut d)?;
    let mut m = db::load_as(tx, job.media, ObjectType::PhysicalMedia)?;
    let mi = crate::media::media_info_mut(&mut m);
    mi.media_state = MediaState::Mounted;
    mi.mounted_side = Some(job.side);
    mi.location = Location { kind: LocationKind::Drive, element: Some(drive) };
    db::save(tx, &mut m)?;
    let mut side = db::load_as(tx, job.side, ObjectType::Partition)?;
    crate::media::side_info_mut(&mut side).mount_count += 1;
    db::save(tx, &mut side)?;
    // The request's drive is recorded with its end (from the outcome).
    Ok(Outcome { drive: Some(drive), device_path, media: vec![job.media], ..Default::default() })
}

/// Put the medium in `drive` back in a slot: unload, move, record.
pub(crate) async fn return_home(ctx: &JobCtx, drive: &Object, media: ObjectId) -> Result<()> {
    let library = ctx.library();
    let layout = ctx.rt.layout;
    let (from, to) = put_away(ctx, drive, media).await?;
    ctx.write(|tx| record_move(tx, library, &layout, media, from, to).map(|_| ()))
}

/// Unload the medium in `drive` and carry it to a slot (its home if free); returns the drive's and
/// the slot's addresses, for the caller to record.
async fn put_away(ctx: &JobCtx, drive: &Object, media: ObjectId) -> Result<(ElementAddress, ElementAddress)> {
    let library = ctx.library();
    let drive_address = address_of(drive).ok_or_else(|| {
        Error::new(ErrorKind::InvalidDriveObject, format!("drive {} has no element address", drive.name))
    })?;
    let home = ctx.db().read(|conn| {
        let m = db::load_as(conn, media, ObjectType::PhysicalMedia)?;
        let home = crate::media::media_info(&m)?.home_slot;
        slot_for(conn, library, home)
    })?;
    let slot_address =
        address_of(&home).ok_or_else(|| Error::new(ErrorKind::InvalidOperation, "the slot has no element address"))?;
    ctx.unload(drive_address).await?;
    ctx.move_medium(drive_address, slot_address).await?;
    Ok((drive_address, slot_address))
}

pub(crate) async fn run_mount(ctx: &JobCtx, job: MountJob) -> Result<Outcome> {
    let planned = ctx.memo.lock().unwrap_or_else(|p| p.into_inner()).take().and_then(|m| m.downcast::<Choice>().ok());
    let choice = match planned {
        Some(choice) => *choice,
        None => choose(ctx, &job)?,
    };
    match choice {
        Choice::Wait(reason) => Err(Error::new(ErrorKind::DeviceNotAvailable, reason)),
        Choice::Fail(e) => Err(e),
        Choice::Reuse { drive } => ctx.write_final(|tx| mark_mounted(tx, drive.id, &job)),
        Choice::Carry { drive, evict, from } => {
            let result = carry(ctx, &job, &drive, evict, &from).await;
            if result.is_err() {
                undo_mount(ctx, job.media).await;
            }
            result
        }
    }
}

async fn carry(
    ctx: &JobCtx,
    job: &MountJob,
    drive: &Object,
    evict: Option<ObjectId>,
    from: &Object,
) -> Result<Outcome> {
    let library = ctx.library();
    let layout = ctx.rt.layout;
    let drive_address = address_of(drive).ok_or_else(|| {
        Error::new(ErrorKind::InvalidDriveObject, format!("drive {} has no element address", drive.name))
    })?;
    let from_address = address_of(from)
        .ok_or_else(|| Error::new(ErrorKind::InvalidOperation, format!("{} has no element address", from.name)))?;
    ctx.use_drive(drive.id);
    ctx.write(|tx| {
        let mut m = db::load_as(tx, job.media, ObjectType::PhysicalMedia)?;
        crate::media::media_info_mut(&mut m).media_state = MediaState::InUse;
        db::save(tx, &mut m)
    })?;
    ctx.ensure_robot_ready().await?;
    if let Some(evicted) = evict {
        return_home(ctx, drive, evicted).await?;
    }
    ctx.checkpoint()?;
    if from.object_type == ObjectType::Drive {
        ctx.unload(from_address).await?;
    }
    ctx.move_medium(from_address, drive_address).await?;
    if let Err(e) = ctx.load(drive_address).await {
        ctx.write(|tx| record_move(tx, library, &layout, job.media, from_address, drive_address).map(|_| ()))?;
        if e.kind() == ErrorKind::UnableToLoadMedium {
            ctx.write(|tx| set_operational_state(tx, drive.id, OperationalState::NeedsService))?;
            ctx.raise_operator_request(
                OpRequestKind::DeviceService,
                &format!(
                    "drive {} of library {} failed to load a medium: {}",
                    drive.name,
                    ctx.library_name(),
                    e.message()
                ),
                &[drive.id],
            )?;
        }
        return Err(e);
    }
    if let Err(e) = ctx.checkpoint() {
        ctx.write(|tx| record_move(tx, library, &layout, job.media, from_address, drive_address).map(|_| ()))?;
        return Err(e);
    }
    ctx.write_final(|tx| {
        // Where the medium came from is empty now; mark_mounted records the drive and medium.
        if let Some(mut source) = element_at(tx, library, &layout, from_address)? {
            if media_of(&source) == Some(job.media) && set_element_media(&mut source, None, false) {
                db::save(tx, &mut source)?;
            }
        }
        mark_mounted(tx, drive.id, job)
    })
}

/// After a failed or cancelled mount: make the database match the changer, and put the medium
/// back in a slot if it was left in a drive, so that nothing stays half done.
async fn undo_mount(ctx: &JobCtx, media: ObjectId) {
    settle(ctx).await;
    let left = ctx.db().read(|conn| {
        let m = db::load_as(conn, media, ObjectType::PhysicalMedia)?;
        let info = crate::media::media_info(&m)?;
        match (info.location.kind, info.location.element) {
            (LocationKind::Drive, Some(d)) if info.media_state != MediaState::Mounted => {
                Ok(Some(db::load_as(conn, d, ObjectType::Drive)?))
            }
            _ => Ok(None),
        }
    });
    if let Ok(Some(drive)) = left {
        if return_home(ctx, &drive, media).await.is_err() {
            settle(ctx).await;
        }
    }
}

pub(crate) fn plan_dismount(ctx: &JobCtx, job: &DismountJob) -> Result<Plan> {
    ctx.db().read(|conn| {
        let media = db::load_as(conn, job.media, ObjectType::PhysicalMedia)?;
        let info = crate::media::media_info(&media)?;
        if info.library != Some(ctx.library()) || info.location.kind != LocationKind::Drive {
            return Ok(Plan::Fail(Error::new(
                ErrorKind::InvalidMedia,
                format!("medium {} is not in a drive of this library", media.name),
            )));
        }
        Ok(Plan::Run)
    })
}

pub(crate) async fn run_dismount(ctx: &JobCtx, job: DismountJob) -> Result<Outcome> {
    let (media, drive) = ctx.db().read(|conn| {
        let media = db::load_as(conn, job.media, ObjectType::PhysicalMedia)?;
        let info = crate::media::media_info(&media)?;
        let drive = match (info.location.kind, info.location.element) {
            (LocationKind::Drive, Some(d)) => db::load_as(conn, d, ObjectType::Drive)?,
            _ => return Err(Error::new(ErrorKind::InvalidMedia, format!("medium {} is not in a drive", media.name))),
        };
        Ok((media, drive))
    })?;
    if job.deferred {
        return ctx.write_final(|tx| {
            let mut d = db::load_as(tx, drive.id, ObjectType::Drive)?;
            if drive_info(&d)?.drive_state == DriveState::Mounted {
                drive_info_mut(&mut d).drive_state = DriveState::Dismountable;
                db::save(tx, &mut d)?;
                let mut m = db::load_as(tx, media.id, ObjectType::PhysicalMedia)?;
                let mi = crate::media::media_info_mut(&mut m);
                mi.media_state = MediaState::Loaded;
                mi.mounted_side = None;
                db::save(tx, &mut m)?;
            }
            ctx.set_request_drive(tx, drive.id)?;
            Ok(Outcome { drive: Some(drive.id), media: vec![media.id], ..Default::default() })
        });
    }
    let library = ctx.library();
    let layout = ctx.rt.layout;
    let result = async {
        ctx.use_drive(drive.id);
        ctx.ensure_robot_ready().await?;
        let (from, to) = put_away(ctx, &drive, media.id).await?;
        ctx.write_final(|tx| {
            record_move(tx, library, &layout, media.id, from, to)?;
            Ok(Outcome { drive: Some(drive.id), media: vec![media.id], ..Default::default() })
        })
    }
    .await;
    if result.is_err() {
        settle(ctx).await;
    }
    result
}

/// Put away media whose deferred dismount delay has passed.
pub(crate) fn queue_due_deferred_dismounts(rt: &Arc<LibraryRuntime>, service: &Arc<Service>) {
    if !rt.housekeeping_due() {
        return;
    }
    let due = service.db().read(|conn| {
        let drives = db::query(conn, ObjectType::Drive, "t.library = ?1 AND t.drive_state = 7", [rt.id])?;
        let now = now();
        Ok(drives
            .into_iter()
            .filter_map(|d| {
                let info = drive_info(&d).ok()?;
                let idle = now.signed_duration_since(d.modified).num_seconds();
                (idle >= i64::from(info.deferred_dismount_seconds)).then_some(info.media).flatten()
            })
            .collect::<Vec<ObjectId>>())
    });
    for media in due.unwrap_or_default() {
        rt.submit_internal(Job::Dismount(DismountJob { media, deferred: false }));
    }
}

/// The requests of a mount whose caller stopped waiting (its future was dropped, e.g. a cancelled
/// task): dropping this cancels them and puts back, in the background, whatever got mounted all
/// the same, so that an abandoned mount leaves nothing half-done.
struct Abandoned {
    session: Session,
    /// Each request with its library's runtime (none for an offline medium) and the medium.
    requests: Vec<(ObjectId, Option<Arc<LibraryRuntime>>, ObjectId)>,
}

impl Drop for Abandoned {
    fn drop(&mut self) {
        if self.requests.is_empty() {
            return;
        }
        for (request, rt, _) in &self.requests {
            let _ = match rt {
                Some(rt) => rt.cancel(*request, LibRequestState::Cancelled).map(|_| ()),
                None => self.session.cancel_request(*request),
            };
        }
        let session = self.session.clone();
        let requests: Vec<(ObjectId, ObjectId)> = self.requests.drain(..).map(|(r, _, m)| (r, m)).collect();
        crate::runtime::handle().spawn(async move {
            let mut mounted = Vec::new();
            for (request, media) in requests {
                // A request that PASSED although cancelled (it had finished) left its medium mounted.
                if session.wait_request_async(request, Timeout::Infinite).await.is_ok() {
                    mounted.push(media);
                }
            }
            if !mounted.is_empty() && !session.is_closed() {
                let _ = session.dismount_async(&mounted, &DismountOptions::immediate().priority(15)).await;
            }
        });
    }
}

impl Session {
    /// Mount media (`MountNtmsMedia`): each of `media` (a logical media, a side, or a physical
    /// medium with one side) is mounted in a drive of its library. Waits until all are mounted,
    /// or, if one cannot be, undoes the others and fails with its error. See [`MountOptions`].
    pub fn mount(&self, media: &[ObjectId], options: &MountOptions) -> Result<Vec<MountedMedia>> {
        crate::runtime::block_on(self.mount_async(media, options))?
    }

    /// Like [`mount`](Session::mount), asynchronously.
    pub async fn mount_async(&self, media: &[ObjectId], options: &MountOptions) -> Result<Vec<MountedMedia>> {
        self.inner.check()?;
        if media.is_empty() {
            return Err(Error::invalid("name at least one medium to mount"));
        }
        if !options.read && !options.write {
            return Err(Error::invalid("mount for reading, writing or both"));
        }
        if !(-15..=15).contains(&options.priority) {
            return Err(Error::invalid(format!("priority {} is outside -15..15", options.priority)));
        }
        if !options.drives.is_empty() && options.drives.len() != media.len() {
            return Err(Error::invalid("with specific drives, name one drive per medium"));
        }
        let mut seen = std::collections::HashSet::new();
        if !options.drives.iter().all(|d| seen.insert(*d)) {
            return Err(Error::invalid("a drive is named twice"));
        }
        let deadline = options.timeout.deadline().map(tokio::time::Instant::from_std);
        let targets = self.mount_targets(media, options)?;
        let mut seen = std::collections::HashSet::new();
        if !targets.iter().all(|t| seen.insert(t.physical)) {
            return Err(Error::invalid("a medium is named twice"));
        }
        // Queue every mount, then wait for all.
        let mut waits = FuturesUnordered::new();
        let mut results: Vec<MountedMedia> = Vec::new();
        let mut abandoned = Abandoned { session: self.clone(), requests: Vec::new() };
        let requests = &mut abandoned.requests;
        for (index, target) in targets.iter().enumerate() {
            let job = MountJob {
                side: target.side,
                media: target.physical,
                drive: options.drives.get(index).copied(),
                error_if_unavailable: options.error_if_unavailable,
            };
            let mut new = NewRequest::new(LibRequestOperation::Mount);
            new.priority = options.priority;
            new.media = Some(target.physical);
            new.drive = job.drive;
            let (request, rt, receiver) = match target.library {
                Some(library) => {
                    let rt = self.library_runtime(library).await?;
                    let (request, receiver) = rt.submit(self, new, Job::Mount(job))?;
                    (request.id, Some(rt), Some(receiver))
                }
                None => (self.queue_offline_mount(new, job, deadline, options.nowait)?, None, None),
            };
            requests.push((request, rt.clone(), target.physical));
            results.push(MountedMedia {
                media: target.given,
                physical_media: target.physical,
                side: target.side,
                request,
                drive: None,
                device_path: None,
            });
            if !options.nowait {
                let session = self.clone();
                waits.push(async move {
                    let outcome = match (rt, receiver) {
                        (Some(rt), Some(receiver)) => await_outcome(&rt, &session, request, receiver, deadline).await,
                        _ => session.wait_offline_mount(request, deadline).await,
                    };
                    (index, outcome)
                });
            }
        }
        if options.nowait {
            abandoned.requests.clear();
            return Ok(results);
        }
        let mut failure: Option<Error> = None;
        while let Some((index, outcome)) = waits.next().await {
            match outcome {
                Ok(outcome) => {
                    results[index].drive = outcome.drive;
                    results[index].device_path = outcome.device_path;
                }
                Err(e) => {
                    if failure.is_none() {
                        for (request, rt, _) in &abandoned.requests {
                            if let Some(rt) = rt {
                                let _ = rt.cancel(*request, LibRequestState::Cancelled);
                            } else {
                                let _ = self.cancel_request(*request);
                            }
                        }
                        failure = Some(e);
                    }
                }
            }
        }
        abandoned.requests.clear();
        if let Some(error) = failure {
            // All or nothing: put back what did get mounted.
            let mounted: Vec<ObjectId> =
                results.iter().filter(|r| r.drive.is_some()).map(|r| r.physical_media).collect();
            if !mounted.is_empty() && !self.is_closed() {
                let _ = Box::pin(self.dismount_async(&mounted, &DismountOptions::immediate().priority(15))).await;
            }
            return Err(error);
        }
        Ok(results)
    }

    fn mount_targets(&self, media: &[ObjectId], options: &MountOptions) -> Result<Vec<MountTarget>> {
        self.db()?.read(|conn| {
            let mut targets = Vec::new();
            for id in media {
                let found =
                    crate::media::resolve_side(conn, *id, |p| p.partition_state != PartitionState::Decommissioned)?;
                let Detail::Partition(side) = &found.side.detail else { unreachable!("a side") };
                let info = crate::media::media_info(&found.media)?;
                let media_type = db::load_as(conn, info.media_type, ObjectType::MediaType)?;
                if options.write {
                    if side.partition_state == PartitionState::Complete {
                        return Err(Error::new(
                            ErrorKind::MediaNotAvailable,
                            format!("side {} is complete: it can be mounted only for reading", found.side.name),
                        ));
                    }
                    if side.partition_state == PartitionState::Decommissioned {
                        return Err(Error::new(
                            ErrorKind::InvalidMedia,
                            format!("side {} is decommissioned", found.side.name),
                        ));
                    }
                    if matches!(&media_type.detail, Detail::MediaType(t) if t.read_write == ReadWrite::ReadOnly) {
                        return Err(Error::new(
                            ErrorKind::MediaIncompatible,
                            format!("{} media are read-only", media_type.name),
                        ));
                    }
                }
                if !found.media.enabled || !found.side.enabled {
                    return Err(Error::new(
                        ErrorKind::ResourceDisabled,
                        format!("medium {} is disabled", found.media.name),
                    ));
                }
                match info.library {
                    None if options.error_if_offline => {
                        return Err(Error::new(
                            ErrorKind::MediaOffline,
                            format!("medium {} is offline", found.media.name),
                        ))
                    }
                    Some(library) => {
                        let lib = db::load_as(conn, library, ObjectType::Library)?;
                        super::inventory::check_library_usable(&lib)?;
                    }
                    None => {}
                }
                targets.push(MountTarget {
                    given: *id,
                    physical: found.media.id,
                    side: found.side.id,
                    library: info.library,
                });
            }
            for drive in &options.drives {
                let d = db::load(conn, *drive)?;
                drive_info(&d)?;
            }
            Ok(targets)
        })
    }

    /// A mount of an offline medium: its request waits (WAITING, with an operator request to
    /// bring the medium) until the medium is in a library; then it is queued there.
    fn queue_offline_mount(
        &self,
        new: NewRequest,
        job: MountJob,
        deadline: Option<tokio::time::Instant>,
        nowait: bool,
    ) -> Result<ObjectId> {
        let (application, user) = (self.inner.application.clone(), self.inner.user.clone());
        let request = self.db()?.write(|tx| {
            let media = db::load_as(tx, job.media, ObjectType::PhysicalMedia)?;
            let new = NewRequest { state: LibRequestState::Waiting, ..new };
            let request = super::runtime::insert_request(tx, None, &new, &application, &user)?;
            let oprequest = crate::oprequest::raise(
                tx,
                OpRequestKind::MoveMedia,
                &format!("put medium {} into a library: an application needs it mounted", media.name),
                &[job.media],
                &application,
                &user,
            )?;
            let mut m = media;
            crate::media::media_info_mut(&mut m).media_state = MediaState::OpReq;
            db::save(tx, &mut m)?;
            Ok((request, oprequest.id))
        })?;
        let (request, oprequest) = request;
        self.offline_mounts().insert(request.id, super::runtime::OfflineMount { job, oprequest });
        if nowait {
            let session = self.clone();
            let id = request.id;
            crate::runtime::handle().spawn(async move {
                let _ = session.wait_offline_mount(id, deadline).await;
            });
        }
        Ok(request.id)
    }

    /// Wait for an offline medium to come into a library, then mount it there.
    async fn wait_offline_mount(&self, request: ObjectId, deadline: Option<tokio::time::Instant>) -> Result<Outcome> {
        let waiting = self
            .offline_mounts()
            .get(&request)
            .cloned()
            .ok_or_else(|| Error::new(ErrorKind::RequestRefused, "the request was cancelled"))?;
        let job = waiting.job.clone();
        let timeout = match deadline {
            Some(d) => Timeout::After(d.saturating_duration_since(tokio::time::Instant::now())),
            None => Timeout::Infinite,
        };
        let waited = self.wait_until_online(request, job.media, waiting.oprequest, timeout).await;
        self.offline_mounts().remove(&request);
        let library = match waited {
            Ok(library) => library,
            Err(e) => {
                let end = if e.kind() == ErrorKind::RequestRefused && self.is_closed() {
                    LibRequestState::Cancelled
                } else {
                    LibRequestState::Failed
                };
                let _ = self.end_detached_request(request, end, &e);
                return Err(e);
            }
        };
        let rt = self.library_runtime(library).await?;
        let receiver = rt.adopt(self, request, Job::Mount(job))?;
        await_outcome(&rt, self, request, receiver, deadline).await
    }

    async fn wait_until_online(
        &self,
        request: ObjectId,
        media: ObjectId,
        oprequest: ObjectId,
        timeout: Timeout,
    ) -> Result<ObjectId> {
        let closed = self.inner.cancel.clone();
        let watch = crate::oprequest::watch_object(self, ObjectType::PhysicalMedia, media, timeout, |m| {
            let info = crate::media::media_info(m).ok()?;
            if matches!(info.location.kind, LocationKind::Slot | LocationKind::Drive) {
                return info.library.map(Ok);
            }
            None
        });
        let refused = async {
            loop {
                let answered = self.db().and_then(|db| {
                    db.read(|conn| {
                        let object = db::load_as(conn, oprequest, ObjectType::OpRequest)?;
                        Ok(matches!(&object.detail, Detail::OpRequest(i) if i.request_state == OpRequestState::Refused))
                    })
                });
                if answered.unwrap_or(true) || !self.offline_mounts().contains_key(&request) {
                    return;
                }
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        };
        tokio::select! {
            library = watch => {
                let library = library.map_err(|e| match e.kind() {
                    ErrorKind::Timeout => Error::new(ErrorKind::Timeout, "the offline medium was not brought in time"),
                    _ => e,
                })?;
                self.db()?.write(|tx| crate::oprequest::resolve(tx, OpRequestKind::MoveMedia, media))?;
                Ok(library)
            }
            _ = refused => Err(Error::new(ErrorKind::RequestRefused, "the operator request to bring the medium was refused, or the mount was cancelled")),
            _ = closed.cancelled() => Err(Error::new(ErrorKind::RequestRefused, "the session closed")),
        }
    }

    /// Dismount media (`DismountNtmsMedia`): IMMEDIATE puts them back in their slots; DEFERRED
    /// leaves them in their drives, DISMOUNTABLE, for a later mount or until the drive's delay.
    pub fn dismount(&self, media: &[ObjectId], options: &DismountOptions) -> Result<()> {
        crate::runtime::block_on(self.dismount_async(media, options))?
    }

    /// Like [`dismount`](Session::dismount), asynchronously.
    pub async fn dismount_async(&self, media: &[ObjectId], options: &DismountOptions) -> Result<()> {
        self.inner.check()?;
        let deadline = options.timeout.deadline().map(tokio::time::Instant::from_std);
        let targets: Vec<(ObjectId, ObjectId, Option<ObjectId>)> = self.db()?.read(|conn| {
            media
                .iter()
                .map(|id| {
                    let found = crate::media::resolve_side(conn, *id, |_| true)?;
                    let info = crate::media::media_info(&found.media)?;
                    match (info.library, info.location.kind) {
                        (Some(library), LocationKind::Drive) => Ok((library, found.media.id, info.location.element)),
                        _ => Err(Error::new(
                            ErrorKind::InvalidMedia,
                            format!("medium {} is not mounted", found.media.name),
                        )),
                    }
                })
                .collect()
        })?;
        let mut waits = Vec::new();
        for (library, media, drive) in targets {
            let rt = self.library_runtime(library).await?;
            let mut new = NewRequest::new(LibRequestOperation::Dismount);
            new.priority = options.priority;
            new.media = Some(media);
            new.drive = drive;
            let (request, receiver) =
                rt.submit(self, new, Job::Dismount(DismountJob { media, deferred: options.deferred }))?;
            waits.push((rt, request.id, receiver));
        }
        let mut first_error = None;
        for (rt, request, receiver) in waits {
            if let Err(e) = await_outcome(&rt, self, request, receiver, deadline).await {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(()), Err)
    }

    /// Dismount whatever is in a drive (`DismountNtmsDrive`), immediately.
    pub fn dismount_drive(&self, drive: ObjectId) -> Result<()> {
        crate::runtime::block_on(self.dismount_drive_async(drive))?
    }

    /// Like [`dismount_drive`](Session::dismount_drive), asynchronously.
    pub async fn dismount_drive_async(&self, drive: ObjectId) -> Result<()> {
        let object = self.db()?.read(|conn| db::load(conn, drive))?;
        let info = drive_info(&object)?;
        let media =
            info.media.ok_or_else(|| Error::new(ErrorKind::Empty, format!("drive {} is empty", object.name)))?;
        self.dismount_async(&[media], &DismountOptions::immediate()).await
    }
}

struct MountTarget {
    given: ObjectId,
    physical: ObjectId,
    side: ObjectId,
    library: Option<ObjectId>,
}
