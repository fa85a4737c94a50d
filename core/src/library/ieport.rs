//! Media in and out of a library through its IE ports (`InjectNtmsMedia`, `EjectNtmsMedia`), and
//! door access (`AccessNtmsLibraryDoor`).
//!
//! Injecting takes what operators put in the IE ports into free slots (a medium comes back to its
//! old home slot when it is free) and reads the labels of what came in, so that blank media land in
//! Free, foreign-labelled media in Import and the rest in Unrecognized; media the database knows
//! (by barcode) keep their records. Ejecting carries media to IE ports and extends them for an
//! operator; a medium an operator takes out of a port goes offline, records kept.

use std::collections::HashSet;

use super::changer::*;
use super::elements::*;
use super::inventory::{identify_media, reconcile, settle};
use super::runtime::{await_outcome, Job, JobCtx, NewRequest, Outcome, Plan, Step};
use crate::db;
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::notify::Timeout;
use crate::session::Session;

/// How to inject, for [`Session::inject`] and [`Session::start_inject`].
///
/// ```
/// use openrsm::InjectOptions;
/// assert!(InjectOptions::default().port.is_none());
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct InjectOptions {
    /// Only this IE port; `None`: every port of the library.
    pub port: Option<ObjectId>,
    /// −15..+15, higher first.
    pub priority: i32,
    /// How long to wait.
    pub timeout: Timeout,
}

impl InjectOptions {
    /// Use only this port.
    pub fn port(mut self, port: ObjectId) -> Self {
        self.port = Some(port);
        self
    }
}

/// What to do when the IE ports cannot take every medium to eject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum EjectMode {
    /// Eject now; refuse with `IEPORT_FULL` (ejecting nothing) when there are not enough free
    /// ports (`NTMS_EJECT_IMMEDIATE`).
    #[default]
    Immediate,
    /// Eject what fits now; the rest wait (WAITING) until an operator empties a port
    /// (`NTMS_EJECT_QUEUE`).
    Queue,
}

/// How to eject, for [`Session::eject`].
///
/// ```
/// use openrsm::{EjectMode, EjectOptions};
/// let options = EjectOptions::default().queue().force();
/// assert_eq!(options.mode, EjectMode::Queue);
/// assert!(options.force);
/// ```
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EjectOptions {
    /// Immediate or queued.
    pub mode: EjectMode,
    /// Eject mounted media too, dismounting them first (`NTMS_EJECT_FORCE`); otherwise they are
    /// refused with `UNABLE_TO_EJECT_MOUNTED_MEDIA`.
    pub force: bool,
    /// Only through this IE port; `None`: any port.
    pub port: Option<ObjectId>,
    /// Return once the requests are queued.
    pub nowait: bool,
    /// −15..+15, higher first.
    pub priority: i32,
    /// How long to wait; on timeout the requests still queued are cancelled.
    pub timeout: Timeout,
}

impl EjectOptions {
    /// Queue what does not fit now.
    pub fn queue(mut self) -> Self {
        self.mode = EjectMode::Queue;
        self
    }

    /// Eject mounted media too.
    pub fn force(mut self) -> Self {
        self.force = true;
        self
    }

    /// Use only this port.
    pub fn port(mut self, port: ObjectId) -> Self {
        self.port = Some(port);
        self
    }

    /// Do not wait.
    pub fn nowait(mut self) -> Self {
        self.nowait = true;
        self
    }
}

/// An inject request.
#[derive(Debug, Clone)]
pub(crate) struct InjectJob {
    /// The ports to take media from; empty: all.
    pub ports: Vec<ElementAddress>,
    /// Open the ports for an operator first and wait for [`Session::stop_inject`].
    pub start: bool,
    pub ports_extended: bool,
    pub stopped: bool,
    /// Only retract the ports (a started inject was cancelled).
    pub retract: bool,
}

impl InjectJob {
    pub fn retract_only(job: &InjectJob) -> InjectJob {
        InjectJob { retract: true, ..job.clone() }
    }
}

/// An eject request (one medium).
#[derive(Debug, Clone)]
pub(crate) struct EjectJob {
    pub media: ObjectId,
    pub port: Option<ElementAddress>,
    pub queue: bool,
    pub force: bool,
}

fn port_addresses(ctx: &JobCtx, wanted: &[ElementAddress]) -> Vec<ElementAddress> {
    let all: Vec<ElementAddress> = ctx.rt.layout.import_export.addresses().collect();
    if wanted.is_empty() {
        all
    } else {
        all.into_iter().filter(|a| wanted.contains(a)).collect()
    }
}

pub(crate) fn plan_inject(_ctx: &JobCtx, job: &InjectJob) -> Result<Plan> {
    if job.start && job.ports_extended && !job.stopped {
        return Ok(Plan::Wait("the IE ports are open for an operator".into()));
    }
    Ok(Plan::Run)
}

pub(crate) async fn run_inject(ctx: &JobCtx, job: InjectJob) -> Step {
    let ports = port_addresses(ctx, &job.ports);
    if job.retract {
        for port in &ports {
            let _ = ctx.set_port_extended(*port, false).await;
        }
        let _ = super::inventory::run_detect(ctx, &[ElementType::ImportExport]).await;
        return Step::Done(Ok(Outcome::default()));
    }
    if ports.is_empty() {
        return Step::Done(Err(Error::new(ErrorKind::ResourceNotPresent, "the library has no IE port")));
    }
    if job.start && !job.ports_extended {
        for port in &ports {
            if let Err(e) = ctx.set_port_extended(*port, true).await {
                return Step::Done(Err(e));
            }
        }
        let _ = super::inventory::run_detect(ctx, &[ElementType::ImportExport]).await;
        return Step::Yield(Job::Inject(InjectJob { ports_extended: true, ..job }));
    }
    let result = take_in(ctx, &ports).await;
    if result.is_err() {
        settle(ctx).await;
    }
    Step::Done(result)
}

async fn take_in(ctx: &JobCtx, ports: &[ElementAddress]) -> Result<Outcome> {
    let library = ctx.library();
    let layout = ctx.rt.layout;
    for port in ports {
        ctx.set_port_extended(*port, false).await?;
    }
    ctx.ensure_robot_ready().await?;
    let status: Vec<ElementStatus> = ctx
        .element_status(&[ElementType::ImportExport])
        .await?
        .into_iter()
        .filter(|s| ports.contains(&s.address))
        .collect();
    ctx.db().write(|tx| reconcile(tx, library, &layout, &status))?;
    let mut injected = Vec::new();
    let mut full_error = None;
    for st in status.iter().filter(|s| s.full && s.accessible) {
        ctx.checkpoint()?;
        let (media, slot) = ctx.db().read(|conn| {
            let Some(port) = element_at(conn, library, &layout, st.address)? else { return Ok((None, None)) };
            let Some(media) = media_of(&port) else { return Ok((None, None)) };
            let m = db::load_as(conn, media, ObjectType::PhysicalMedia)?;
            let home = crate::media::media_info(&m)?.home_slot;
            match slot_for(conn, library, home) {
                Ok(slot) => Ok((Some(media), Some(slot))),
                Err(e) if e.kind() == ErrorKind::LibraryFull => Ok((Some(media), None)),
                Err(e) => Err(e),
            }
        })?;
        let Some(media) = media else { continue };
        let Some(slot) = slot else {
            full_error =
                Some(Error::new(ErrorKind::LibraryFull, "the library has no free slot for every injected medium"));
            break;
        };
        let slot_address = address_of(&slot).ok_or_else(|| Error::invalid("a slot has no element address"))?;
        ctx.move_medium(st.address, slot_address).await?;
        ctx.db().write(|tx| record_move(tx, library, &layout, media, st.address, slot_address).map(|_| ()))?;
        injected.push(media);
    }
    // Read what came in, so that it lands in the right pool.
    for media in &injected {
        ctx.checkpoint()?;
        let in_system_pool = ctx.db().read(|conn| {
            let m = db::load_as(conn, *media, ObjectType::PhysicalMedia)?;
            let pool = db::load_as(conn, crate::media::media_info(&m)?.pool, ObjectType::MediaPool)?;
            Ok(crate::media::pool_info(&pool).kind != PoolKind::Application)
        })?;
        if in_system_pool {
            identify_media(ctx, *media).await?;
        }
    }
    if let Some(e) = full_error {
        return Err(e);
    }
    Ok(Outcome { media: injected, ..Default::default() })
}

/// A free IE port (empty in the database) among `wanted` (all when empty).
fn free_port(ctx: &JobCtx, wanted: Option<ElementAddress>) -> Result<Option<Object>> {
    let library = ctx.library();
    ctx.db().read(|conn| {
        let ports = db::query(conn, ObjectType::IePort, "t.library = ?1 ORDER BY t.number", [library])?;
        Ok(ports.into_iter().find(|p| {
            let free = matches!(&p.detail, Detail::IePort(i) if i.media.is_none() && i.content == PortContent::Empty);
            free && p.enabled && wanted.is_none_or(|w| address_of(p) == Some(w))
        }))
    })
}

pub(crate) fn plan_eject(ctx: &JobCtx, job: &EjectJob) -> Result<Plan> {
    let media = ctx.db().read(|conn| db::load_as(conn, job.media, ObjectType::PhysicalMedia))?;
    let info = crate::media::media_info(&media)?;
    if info.library != Some(ctx.library()) {
        return Ok(Plan::Fail(Error::new(
            ErrorKind::InvalidMedia,
            format!("medium {} is not in this library", media.name),
        )));
    }
    match info.location.kind {
        LocationKind::IePort => return Ok(Plan::Run),
        LocationKind::Transport => {
            return Ok(Plan::Fail(Error::new(ErrorKind::MediumNotAccessible, "the medium is in the robot's hand")))
        }
        LocationKind::Drive if info.media_state == MediaState::Mounted && !job.force => {
            return Ok(Plan::Fail(Error::new(
                ErrorKind::UnableToEjectMountedMedia,
                format!("medium {} is mounted: dismount it, or force the eject", media.name),
            )))
        }
        _ => {}
    }
    if free_port(ctx, job.port)?.is_some() {
        return Ok(Plan::Run);
    }
    if job.queue {
        ctx.rt.watch_ports();
        Ok(Plan::Wait("every IE port is full".into()))
    } else {
        Ok(Plan::Fail(Error::new(ErrorKind::IeportFull, "every IE port is full")))
    }
}

pub(crate) async fn run_eject(ctx: &JobCtx, job: EjectJob) -> Result<Outcome> {
    let result = eject_steps(ctx, &job).await;
    if result.is_err() {
        settle(ctx).await;
    }
    result
}

async fn eject_steps(ctx: &JobCtx, job: &EjectJob) -> Result<Outcome> {
    let library = ctx.library();
    let layout = ctx.rt.layout;
    let (media, from) = ctx.db().read(|conn| {
        let media = db::load_as(conn, job.media, ObjectType::PhysicalMedia)?;
        let from = match crate::media::media_info(&media)?.location.element {
            Some(e) => Some(db::load(conn, e)?),
            None => None,
        };
        Ok((media, from))
    })?;
    let from = from.ok_or_else(|| Error::new(ErrorKind::MediumNotAccessible, "the medium's element is unknown"))?;
    if from.object_type == ObjectType::IePort {
        return Ok(Outcome { media: vec![media.id], ..Default::default() });
    }
    let port = free_port(ctx, job.port)?.ok_or_else(|| Error::new(ErrorKind::IeportFull, "every IE port is full"))?;
    let port_address = address_of(&port).ok_or_else(|| Error::invalid("a port has no element address"))?;
    let from_address = address_of(&from).ok_or_else(|| Error::invalid("an element has no address"))?;
    ctx.ensure_robot_ready().await?;
    ctx.set_port_extended(port_address, false).await?;
    if from.object_type == ObjectType::Drive {
        ctx.unload(from_address).await?;
        ctx.db().write(|tx| ctx.set_request_drive(tx, from.id))?;
    }
    ctx.move_medium(from_address, port_address).await?;
    ctx.set_port_extended(port_address, true).await?;
    ctx.db().write(|tx| {
        record_move(tx, library, &layout, media.id, from_address, port_address)?;
        let mut p = db::load_as(tx, port.id, ObjectType::IePort)?;
        if let Detail::IePort(i) = &mut p.detail {
            i.position = PortPosition::Extended;
        }
        db::save(tx, &mut p)
    })?;
    Ok(Outcome { media: vec![media.id], ..Default::default() })
}

pub(crate) async fn run_door_access(ctx: &JobCtx) -> Result<Outcome> {
    // Unlocked, the door can be opened; until it is locked again after being closed, the library
    // is looked at before each robot move, since an operator may move media by hand.
    ctx.lock_door(false).await?;
    ctx.rt.door_unlocked.store(true, std::sync::atomic::Ordering::SeqCst);
    Ok(Outcome::default())
}

impl Session {
    fn port_address(&self, library: ObjectId, port: Option<ObjectId>) -> Result<Option<ElementAddress>> {
        let Some(port) = port else { return Ok(None) };
        self.db()?.read(|conn| {
            let object = db::load_as(conn, port, ObjectType::IePort)?;
            match &object.detail {
                Detail::IePort(p) if p.library == library => Ok(address_of(&object)),
                _ => Err(Error::invalid(format!("IE port {port} is not in library {library}"))),
            }
        })
    }

    /// Inject media (`InjectNtmsMedia`): take what is in the library's IE ports (or one port)
    /// into free slots now. Returns the media taken in.
    pub fn inject(&self, library: ObjectId, options: &InjectOptions) -> Result<Vec<ObjectId>> {
        crate::runtime::block_on(self.inject_async(library, options))?
    }

    /// Like [`inject`](Session::inject), asynchronously.
    pub async fn inject_async(&self, library: ObjectId, options: &InjectOptions) -> Result<Vec<ObjectId>> {
        let (rt, request, receiver) = self.queue_inject(library, options, false).await?;
        let deadline = options.timeout.deadline().map(tokio::time::Instant::from_std);
        Ok(await_outcome(&rt, self, request, receiver, deadline).await?.media)
    }

    /// Start injecting (`NTMS_INJECT_START`): the IE ports extend for an operator to fill, and the
    /// returned request waits until [`stop_inject`](Session::stop_inject).
    pub fn start_inject(&self, library: ObjectId, options: &InjectOptions) -> Result<ObjectId> {
        crate::runtime::block_on(async {
            let (_, request, _) = self.queue_inject(library, options, true).await?;
            Ok(request)
        })?
    }

    /// Stop a started inject (`NTMS_INJECT_STOP`): the ports retract and what is in them is taken
    /// in. Returns the media taken in.
    pub fn stop_inject(&self, request: ObjectId) -> Result<Vec<ObjectId>> {
        crate::runtime::block_on(self.stop_inject_async(request))?
    }

    /// Like [`stop_inject`](Session::stop_inject), asynchronously.
    pub async fn stop_inject_async(&self, request: ObjectId) -> Result<Vec<ObjectId>> {
        let object = self.db()?.read(|conn| db::load_as(conn, request, ObjectType::LibRequest))?;
        let info = super::runtime::request_info(&object)?;
        let library = info.library.ok_or_else(|| Error::invalid("the request has no library"))?;
        if info.operation != LibRequestOperation::Inject {
            return Err(Error::invalid(format!("request {request} is not an inject")));
        }
        let rt = self.library_runtime(library).await?;
        let receiver = rt.update_pending(request, |job| match job {
            Job::Inject(j) if j.start && !j.stopped => {
                j.stopped = true;
                true
            }
            _ => false,
        });
        let receiver = receiver.ok_or_else(|| {
            Error::new(ErrorKind::InvalidOperation, format!("inject request {request} is not waiting for a stop"))
        })?;
        Ok(await_outcome(&rt, self, request, receiver, None).await?.media)
    }

    async fn queue_inject(
        &self,
        library: ObjectId,
        options: &InjectOptions,
        start: bool,
    ) -> Result<(
        std::sync::Arc<super::runtime::LibraryRuntime>,
        ObjectId,
        tokio::sync::oneshot::Receiver<Result<Outcome>>,
    )> {
        let lib = self.db()?.read(|conn| db::load_as(conn, library, ObjectType::Library))?;
        super::inventory::check_library_usable(&lib)?;
        let port = self.port_address(library, options.port)?;
        let rt = self.library_runtime(library).await?;
        let mut new = NewRequest::new(LibRequestOperation::Inject);
        new.priority = options.priority;
        let job = InjectJob {
            ports: port.into_iter().collect(),
            start,
            ports_extended: false,
            stopped: false,
            retract: false,
        };
        let (request, receiver) = rt.submit(self, new, Job::Inject(job))?;
        Ok((rt, request.id, receiver))
    }

    /// Eject media (`EjectNtmsMedia`) through IE ports: one EJECT request per medium. Returns the
    /// requests, in the order of `media`; waits until the media are in the ports unless `nowait`.
    pub fn eject(&self, media: &[ObjectId], options: &EjectOptions) -> Result<Vec<ObjectId>> {
        crate::runtime::block_on(self.eject_async(media, options))?
    }

    /// Like [`eject`](Session::eject), asynchronously.
    pub async fn eject_async(&self, media: &[ObjectId], options: &EjectOptions) -> Result<Vec<ObjectId>> {
        self.inner.check()?;
        if media.is_empty() {
            return Err(Error::invalid("name at least one medium to eject"));
        }
        let deadline = options.timeout.deadline().map(tokio::time::Instant::from_std);
        let targets: Vec<(ObjectId, ObjectId)> = self.db()?.read(|conn| {
            let mut seen = HashSet::new();
            media
                .iter()
                .map(|id| {
                    let found = crate::media::resolve_side(conn, *id, |_| true)?;
                    let info = crate::media::media_info(&found.media)?;
                    let library = info.library.ok_or_else(|| {
                        Error::new(ErrorKind::MediaOffline, format!("medium {} is offline already", found.media.name))
                    })?;
                    if !seen.insert(found.media.id) {
                        return Err(Error::invalid("a medium is named twice"));
                    }
                    if info.media_state == MediaState::Mounted && !options.force {
                        return Err(Error::new(
                            ErrorKind::UnableToEjectMountedMedia,
                            format!("medium {} is mounted: dismount it, or force the eject", found.media.name),
                        ));
                    }
                    Ok((library, found.media.id))
                })
                .collect()
        })?;
        if options.mode == EjectMode::Immediate {
            // All or nothing: refuse when the free ports cannot take every medium now.
            let mut per_library: std::collections::HashMap<ObjectId, usize> = Default::default();
            for (library, _) in &targets {
                *per_library.entry(*library).or_default() += 1;
            }
            for (library, count) in per_library {
                let port = self.port_address(library, options.port)?;
                let free = self.db()?.read(|conn| {
                    let ports = db::query(
                        conn,
                        ObjectType::IePort,
                        "t.library = ?1 AND t.media IS NULL AND t.content = 2 AND o.enabled",
                        [library],
                    )?;
                    Ok(ports.iter().filter(|p| port.is_none_or(|a| address_of(p) == Some(a))).count())
                })?;
                if free < count {
                    return Err(Error::new(
                        ErrorKind::IeportFull,
                        format!("{count} media to eject but {free} free IE ports: nothing was ejected"),
                    ));
                }
            }
        }
        let mut waits = Vec::new();
        let mut requests = Vec::new();
        for (library, media) in targets {
            let port = self.port_address(library, options.port)?;
            let rt = self.library_runtime(library).await?;
            let mut new = NewRequest::new(LibRequestOperation::Eject);
            new.priority = options.priority;
            new.media = Some(media);
            let job = EjectJob { media, port, queue: options.mode == EjectMode::Queue, force: options.force };
            let (request, receiver) = rt.submit(self, new, Job::Eject(job))?;
            requests.push(request.id);
            waits.push((rt, request.id, receiver));
        }
        if options.nowait {
            return Ok(requests);
        }
        let mut first_error = None;
        for (rt, request, receiver) in waits {
            if let Err(e) = await_outcome(&rt, self, request, receiver, deadline).await {
                first_error.get_or_insert(e);
            }
        }
        first_error.map_or(Ok(requests), Err)
    }

    /// Stop a queued eject (`NTMS_EJECT_STOP`): a request still waiting for a port ends STOPPED,
    /// its medium staying where it is.
    pub fn stop_eject(&self, request: ObjectId) -> Result<()> {
        self.end_request(request, LibRequestState::Stopped)
    }

    /// Open the library's door for an operator (`AccessNtmsLibraryDoor`): the door is unlocked.
    /// While it is open the robot does not move; once it is closed the library is looked at again
    /// before the next robot move.
    pub fn access_door(&self, library: ObjectId) -> Result<()> {
        crate::runtime::block_on(self.access_door_async(library))?
    }

    /// Like [`access_door`](Session::access_door), asynchronously.
    pub async fn access_door_async(&self, library: ObjectId) -> Result<()> {
        let lib = self.db()?.read(|conn| db::load_as(conn, library, ObjectType::Library))?;
        super::inventory::check_library_usable(&lib)?;
        let rt = self.library_runtime(library).await?;
        let (request, receiver) = rt.submit(self, NewRequest::new(LibRequestOperation::DoorAccess), Job::DoorAccess)?;
        await_outcome(&rt, self, request.id, receiver, None).await.map(|_| ())
    }
}
