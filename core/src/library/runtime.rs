//! The scheduler of each library: a task on the OpenRSM runtime that carries out the library's
//! requests one robot operation at a time, in order of priority then arrival.
//!
//! The database is the queue: a request is a `LIBREQUEST` row (QUEUED, WAITING, INPROCESS, then
//! PASSED, FAILED, CANCELLED or STOPPED). What it asks for in detail, and who waits for it, lives in
//! memory next to it. Each pass, the scheduler reads the queue in order and runs the first request
//! that can run now; one that must wait for a drive, a port or a medium goes WAITING and is looked at
//! again when anything changes.

use std::collections::{HashMap, VecDeque};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, Weak};
use std::time::{Duration, Instant};

use tokio::sync::{oneshot, Notify};
use tokio_util::sync::CancellationToken;

use super::changer::*;
use crate::db::{self, Db};
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::service::Service;
use crate::session::Session;

/// How often an idle scheduler looks again at waiting requests and deferred dismounts.
const IDLE_TICK: Duration = Duration::from_millis(500);

/// The library runtimes of one service, and the mounts waiting for offline media to come into a
/// library.
#[derive(Default)]
pub(crate) struct Runtimes {
    libraries: Mutex<HashMap<ObjectId, Arc<LibraryRuntime>>>,
    offline_mounts: Mutex<HashMap<ObjectId, OfflineMount>>,
}

/// A mount request waiting for its medium to be brought into a library.
#[derive(Debug, Clone)]
pub(crate) struct OfflineMount {
    pub job: super::mount::MountJob,
    pub oprequest: ObjectId,
}

impl Runtimes {
    fn lock(&self) -> MutexGuard<'_, HashMap<ObjectId, Arc<LibraryRuntime>>> {
        self.libraries.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn offline_mounts(&self) -> MutexGuard<'_, HashMap<ObjectId, OfflineMount>> {
        self.offline_mounts.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub(crate) fn get(&self, library: ObjectId) -> Option<Arc<LibraryRuntime>> {
        self.lock().get(&library).cloned()
    }

    pub(crate) fn all(&self) -> Vec<Arc<LibraryRuntime>> {
        self.lock().values().cloned().collect()
    }

    /// Stop and forget a library's runtime (the library is being deleted).
    pub(crate) fn remove(&self, library: ObjectId) -> Option<Arc<LibraryRuntime>> {
        let removed = self.lock().remove(&library);
        if let Some(rt) = &removed {
            rt.stopped.store(true, Ordering::SeqCst);
            rt.wake();
        }
        removed
    }
}

/// What a request asks for.
#[derive(Debug, Clone)]
pub(crate) enum Job {
    Mount(super::mount::MountJob),
    Dismount(super::mount::DismountJob),
    Inventory(super::inventory::InventoryJob),
    Inject(super::ieport::InjectJob),
    Eject(super::ieport::EjectJob),
    DoorAccess,
    Clean(super::cleaning::CleanJob),
    InjectCleaner(super::cleaning::InjectCleanerJob),
    EjectCleaner(super::cleaning::EjectCleanerJob),
    /// Internal: pick up changes made from outside (detection).
    Detect(Vec<ElementType>),
}

/// Whether and how a request can run now.
pub(crate) enum Plan {
    /// It can run.
    Run,
    /// It must wait for something; the reason is for logs and people.
    Wait(String),
    /// It cannot be done.
    Fail(Error),
}

/// What running a request step did.
pub(crate) enum Step {
    /// It finished.
    Done(Result<Outcome>),
    /// It did its part and waits again (e.g. an inject whose ports are open for the operator), with
    /// its new state.
    Yield(Job),
}

/// What a finished request produced.
#[derive(Debug, Clone, Default)]
pub(crate) struct Outcome {
    pub drive: Option<ObjectId>,
    pub media: Vec<ObjectId>,
    pub inventory: Option<super::inventory::InventorySummary>,
}

struct Pending {
    job: Job,
    cancel: CancellationToken,
    done: Option<oneshot::Sender<Result<Outcome>>>,
    application: String,
    user: String,
}

type Done = oneshot::Sender<Result<Outcome>>;

#[derive(Default)]
struct Queue {
    pending: HashMap<ObjectId, Pending>,
    internal: VecDeque<(Job, Option<Done>)>,
    running: Option<(ObjectId, CancellationToken)>,
    stopping: Vec<ObjectId>,
}

#[derive(Default)]
pub(crate) struct Stats {
    pub requests: AtomicU64,
    pub changer_calls: AtomicU64,
    pub changer_nanos: AtomicU64,
}

/// One library's scheduler and changer.
pub(crate) struct LibraryRuntime {
    pub id: ObjectId,
    service: Weak<Service>,
    pub changer: Arc<dyn Changer>,
    pub layout: ChangerLayout,
    pub identity: ChangerIdentity,
    pub timeouts: ChangerTimeouts,
    queue: Mutex<Queue>,
    wake: Notify,
    pub stats: Stats,
    /// The door was seen open: look at every element again once it closes.
    pub door_was_open: AtomicBool,
    /// The door was unlocked for an operator and not locked again yet.
    pub door_unlocked: AtomicBool,
    stopped: AtomicBool,
    /// A request waits for an IE port: look at the ports when idle.
    ports_watched: AtomicBool,
    last_housekeeping: Mutex<Option<Instant>>,
}

/// The runtime of a library, starting it (and its changer) on first use.
pub(crate) async fn runtime_for(service: &Arc<Service>, library: ObjectId) -> Result<Arc<LibraryRuntime>> {
    if let Some(rt) = service.libraries.get(library) {
        return Ok(rt);
    }
    let object = service.db().read(|conn| db::load_as(conn, library, ObjectType::Library))?;
    let Detail::Library(info) = &object.detail else { unreachable!("loaded as a library") };
    if info.library_type == LibraryType::Offline {
        return Err(Error::new(
            ErrorKind::InvalidLibrary,
            format!("{} is an offline library: it has no robot", object.name),
        ));
    }
    let driver = info.driver.clone().ok_or_else(|| {
        Error::new(ErrorKind::LibraryOffline, format!("library {} has no driver to control it", object.name))
    })?;
    let changer = open_changer(&driver).map_err(|e| e.with_context(format!("library {}", object.name)))?;
    let layout = changer.layout().await?;
    let identity = changer.identity().await?;
    let timeouts = changer.timeouts();
    let rt = {
        let mut map = service.libraries.lock();
        if let Some(rt) = map.get(&library) {
            return Ok(rt.clone());
        }
        let rt = Arc::new(LibraryRuntime {
            id: library,
            service: Arc::downgrade(service),
            changer,
            layout,
            identity,
            timeouts,
            queue: Mutex::new(Queue::default()),
            wake: Notify::new(),
            stats: Stats::default(),
            door_was_open: AtomicBool::new(false),
            door_unlocked: AtomicBool::new(false),
            stopped: AtomicBool::new(false),
            ports_watched: AtomicBool::new(false),
            last_housekeeping: Mutex::new(None),
        });
        map.insert(library, rt.clone());
        rt
    };
    let stale = rt.forget_stale_requests(service)?;
    if stale {
        rt.queue().internal.push_back((Job::Detect(Vec::new()), None));
    }
    crate::runtime::handle().spawn(worker(rt.clone()));
    Ok(rt)
}

async fn worker(rt: Arc<LibraryRuntime>) {
    loop {
        if rt.stopped.load(Ordering::SeqCst) {
            return;
        }
        let Some(service) = rt.service.upgrade() else { return };
        let worked = rt.step(&service).await;
        drop(service);
        if !worked {
            let _ = tokio::time::timeout(IDLE_TICK, rt.wake.notified()).await;
        }
    }
}

fn error_of(info: &LibRequestInfo) -> Error {
    let kind = info.error_code.and_then(ErrorKind::from_code).unwrap_or(ErrorKind::InvalidOperation);
    Error::new(kind, info.error_message.clone().unwrap_or_else(|| format!("the request ended {}", info.request_state)))
}

pub(crate) fn request_info(object: &Object) -> Result<&LibRequestInfo> {
    match &object.detail {
        Detail::LibRequest(info) => Ok(info),
        _ => Err(Error::invalid(format!("{} is a {}, not a library request", object.id, object.object_type))),
    }
}

pub(crate) fn request_info_mut(object: &mut Object) -> &mut LibRequestInfo {
    match &mut object.detail {
        Detail::LibRequest(info) => info,
        _ => unreachable!("request_info_mut on a {}", object.object_type),
    }
}

/// A request that has not finished.
pub(crate) fn is_unfinished(state: LibRequestState) -> bool {
    matches!(state, LibRequestState::Queued | LibRequestState::InProcess | LibRequestState::Waiting)
}

/// A new request row.
pub(crate) struct NewRequest {
    pub operation: LibRequestOperation,
    pub priority: i32,
    pub drive: Option<ObjectId>,
    pub media: Option<ObjectId>,
    pub state: LibRequestState,
}

impl NewRequest {
    pub fn new(operation: LibRequestOperation) -> Self {
        NewRequest { operation, priority: 0, drive: None, media: None, state: LibRequestState::Queued }
    }
}

/// Insert a request row (in `tx`); its arrival order is given by the database.
pub(crate) fn insert_request(
    tx: &mut db::Tx<'_>,
    library: Option<ObjectId>,
    new: &NewRequest,
    application: &str,
    user: &str,
) -> Result<Object> {
    if !(-15..=15).contains(&new.priority) {
        return Err(Error::invalid(format!("priority {} is outside -15..15", new.priority)));
    }
    let request = db::new_object(
        format!("{} {}", new.operation, now().format("%H:%M:%S%.3f")),
        Detail::LibRequest(LibRequestInfo {
            operation: new.operation,
            request_state: new.state,
            priority: new.priority,
            library,
            drive: new.drive,
            media: new.media,
            submitted: now(),
            started: None,
            completed: None,
            application: application.to_owned(),
            user: user.to_owned(),
            error_code: None,
            error_message: None,
            progress_done: 0,
            progress_total: 0,
        }),
    );
    db::insert(tx, &request)?;
    Ok(request)
}

impl LibraryRuntime {
    fn queue(&self) -> MutexGuard<'_, Queue> {
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Wake the scheduler: something changed that a waiting request may need.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub fn service(&self) -> Result<Arc<Service>> {
        self.service.upgrade().ok_or_else(|| Error::closed("service"))
    }

    /// Requests left unfinished by an earlier process cannot go on: nobody waits for them and
    /// their details were in that process's memory. Returns whether one was in process (then the
    /// library must be looked at again).
    fn forget_stale_requests(&self, service: &Arc<Service>) -> Result<bool> {
        service.db().write(|tx| {
            let stale =
                db::query(tx, ObjectType::LibRequest, "t.library = ?1 AND t.request_state IN (0, 1, 5)", [self.id])?;
            let mut was_running = false;
            for mut request in stale {
                let info = request_info_mut(&mut request);
                was_running |= info.request_state == LibRequestState::InProcess;
                info.request_state = LibRequestState::Cancelled;
                info.completed = Some(now());
                info.error_code = Some(ErrorKind::RequestRefused.code());
                info.error_message = Some("the service restarted before the request finished".into());
                db::save(tx, &mut request)?;
                tx.notify(Operation::EventComplete, ObjectType::LibRequest, request.id);
            }
            Ok(was_running)
        })
    }

    /// Queue a request: insert its row and remember what it asks. Returns the request and a
    /// receiver of its outcome.
    pub fn submit(
        self: &Arc<Self>,
        session: &Session,
        new: NewRequest,
        job: Job,
    ) -> Result<(Object, oneshot::Receiver<Result<Outcome>>)> {
        let db = session.db()?;
        let (application, user) = (session.inner.application.clone(), session.inner.user.clone());
        let (tx_done, rx_done) = oneshot::channel();
        let cancel = session.inner.cancel.child_token();
        let request = db.write(|tx| insert_request(tx, Some(self.id), &new, &application, &user))?;
        self.queue()
            .pending
            .insert(request.id, Pending { job, cancel: cancel.clone(), done: Some(tx_done), application, user });
        // Closing the session cancels what it still has queued here.
        let weak = Arc::downgrade(self);
        let id = request.id;
        crate::runtime::handle().spawn(async move {
            cancel.cancelled().await;
            if let Some(rt) = weak.upgrade() {
                let _ = rt.cancel(id, LibRequestState::Cancelled);
            }
        });
        self.wake();
        Ok((request, rx_done))
    }

    /// Queue internal work (no request row, nobody waits).
    pub fn submit_internal(&self, job: Job) {
        self.queue().internal.push_back((job, None));
        self.wake();
    }

    /// Queue internal work and get its outcome.
    pub fn run_internal(&self, job: Job) -> oneshot::Receiver<Result<Outcome>> {
        let (done, receiver) = oneshot::channel();
        self.queue().internal.push_back((job, Some(done)));
        self.wake();
        receiver
    }

    /// Take over an existing request row (a mount that waited outside any library for its medium):
    /// it joins this library's queue.
    pub fn adopt(
        self: &Arc<Self>,
        session: &Session,
        request: ObjectId,
        job: Job,
    ) -> Result<oneshot::Receiver<Result<Outcome>>> {
        let (done, receiver) = oneshot::channel();
        let cancel = session.inner.cancel.child_token();
        session.db()?.write(|tx| {
            let mut object = db::load_as(tx, request, ObjectType::LibRequest)?;
            let info = request_info_mut(&mut object);
            info.library = Some(self.id);
            info.request_state = LibRequestState::Queued;
            db::save(tx, &mut object)
        })?;
        self.queue().pending.insert(
            request,
            Pending {
                job,
                cancel,
                done: Some(done),
                application: session.inner.application.clone(),
                user: session.inner.user.clone(),
            },
        );
        self.wake();
        Ok(receiver)
    }

    /// Change a queued or waiting request's details; if `f` says it did, whoever waited for it
    /// before is replaced by the returned receiver.
    pub fn update_pending(
        &self,
        request: ObjectId,
        f: impl FnOnce(&mut Job) -> bool,
    ) -> Option<oneshot::Receiver<Result<Outcome>>> {
        let mut q = self.queue();
        let pending = q.pending.get_mut(&request)?;
        if !f(&mut pending.job) {
            return None;
        }
        let (done, receiver) = oneshot::channel();
        pending.done = Some(done);
        drop(q);
        self.wake();
        Some(receiver)
    }

    /// A request waits for an IE port to be emptied: keep looking at the ports while idle.
    pub fn watch_ports(&self) {
        self.ports_watched.store(true, Ordering::SeqCst);
    }

    /// Whether periodic checks (deferred dismounts) are due; at most once a second.
    pub fn housekeeping_due(&self) -> bool {
        let mut last = self.last_housekeeping.lock().unwrap_or_else(|p| p.into_inner());
        let due = last.is_none_or(|t| t.elapsed() >= Duration::from_secs(1));
        if due {
            *last = Some(Instant::now());
        }
        due
    }

    /// How many requests are queued, waiting or running here.
    pub fn pending_count(&self) -> usize {
        let q = self.queue();
        q.pending.len() + usize::from(q.running.is_some())
    }

    /// Cancel (or, with `STOPPED`, stop) a request of this library that has not finished. A
    /// queued or waiting one ends at once; a running one stops at its next safe point and undoes
    /// what it did. Returns whether the request was this library's.
    pub fn cancel(self: &Arc<Self>, request: ObjectId, end: LibRequestState) -> Result<bool> {
        let mut q = self.queue();
        if let Some(pending) = q.pending.remove(&request) {
            drop(q);
            pending.cancel.cancel();
            if let Job::Inject(job) = &pending.job {
                if job.ports_extended {
                    self.submit_internal(Job::Inject(super::ieport::InjectJob::retract_only(job)));
                }
            }
            let error = match end {
                LibRequestState::Stopped => Error::new(ErrorKind::RequestRefused, "the request was stopped"),
                _ => Error::new(ErrorKind::RequestRefused, "the request was cancelled"),
            };
            self.finish(request, end, Err(error), pending.done)?;
            self.wake();
            return Ok(true);
        }
        if let Some((id, token)) = q.running.clone() {
            if id == request {
                if end == LibRequestState::Stopped {
                    q.stopping.push(request);
                }
                token.cancel();
                return Ok(true);
            }
        }
        Ok(false)
    }

    /// Record the end of a request and tell whoever waits.
    fn finish(
        &self,
        request: ObjectId,
        end: LibRequestState,
        result: Result<Outcome>,
        done: Option<oneshot::Sender<Result<Outcome>>>,
    ) -> Result<()> {
        let service = self.service()?;
        let saved = service.db().write(|tx| {
            let mut object = db::load_as(tx, request, ObjectType::LibRequest)?;
            let info = request_info_mut(&mut object);
            info.request_state = end;
            info.completed = Some(now());
            match &result {
                Ok(outcome) => {
                    if outcome.drive.is_some() {
                        info.drive = outcome.drive;
                    }
                    if info.progress_total > 0 {
                        info.progress_done = info.progress_total;
                    }
                }
                Err(e) => {
                    info.error_code = Some(e.code());
                    info.error_message = Some(e.message().to_owned());
                }
            }
            db::save(tx, &mut object)?;
            tx.notify(Operation::EventComplete, ObjectType::LibRequest, request);
            Ok(())
        });
        self.stats.requests.fetch_add(1, Ordering::Relaxed);
        if let Some(done) = done {
            let _ = done.send(result);
        }
        saved
    }

    /// One pass of the scheduler: run one piece of work if any can run. Returns whether it did.
    async fn step(self: &Arc<Self>, service: &Arc<Service>) -> bool {
        let internal = self.queue().internal.pop_front();
        if let Some((job, done)) = internal {
            let ctx = JobCtx::new(self.clone(), service.clone(), None, CancellationToken::new(), "openrsm", "system");
            // Internal work mostly has nobody to report to: what it could not do shows in the
            // database (states, operator requests).
            let result = match run_job(&ctx, job).await {
                Step::Done(result) => result,
                Step::Yield(_) => Ok(Outcome::default()),
            };
            if let Some(done) = done {
                let _ = done.send(result);
            }
            return true;
        }
        if self.door_was_open.load(Ordering::SeqCst) || self.door_unlocked.load(Ordering::SeqCst) {
            // The door was open or may have been: once it is closed, look at the library again
            // before anything is decided on what the database says.
            let ctx = JobCtx::new(self.clone(), service.clone(), None, CancellationToken::new(), "openrsm", "system");
            if ctx.door_status().await.is_ok_and(|d| !d.open) {
                let _ = ctx.ensure_robot_ready().await;
            }
        }
        let order: Result<Vec<(ObjectId, LibRequestState)>> = service.db().read(|conn| {
            let mut stmt = conn.prepare_cached(
                "SELECT id, request_state FROM lib_requests WHERE library = ?1 AND request_state IN (0, 5)
                 ORDER BY priority DESC, arrival",
            )?;
            let rows = stmt.query_map([self.id], |r| Ok((r.get(0)?, r.get(1)?)))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        });
        let Ok(order) = order else { return false };
        for (id, state) in order {
            let (job, cancel, application, user) = {
                let q = self.queue();
                match q.pending.get(&id) {
                    Some(p) => (p.job.clone(), p.cancel.clone(), p.application.clone(), p.user.clone()),
                    None => continue,
                }
            };
            let ctx = JobCtx::new(self.clone(), service.clone(), Some(id), cancel.clone(), &application, &user);
            match plan_job(&ctx, &job) {
                Ok(Plan::Wait(_reason)) => {
                    if state != LibRequestState::Waiting {
                        let _ = ctx.set_state(LibRequestState::Waiting);
                    }
                    continue;
                }
                Ok(Plan::Fail(error)) | Err(error) => {
                    let pending = self.queue().pending.remove(&id);
                    if let Some(pending) = pending {
                        let _ = self.finish(id, LibRequestState::Failed, Err(error), pending.done);
                    }
                    return true;
                }
                Ok(Plan::Run) => {
                    let pending = {
                        let mut q = self.queue();
                        let pending = q.pending.remove(&id);
                        if pending.is_some() {
                            q.running = Some((id, cancel.clone()));
                        }
                        pending
                    };
                    let Some(mut pending) = pending else { continue };
                    let _ = ctx.set_state(LibRequestState::InProcess);
                    let step = run_job(&ctx, job).await;
                    let stopped = {
                        let mut q = self.queue();
                        q.running = None;
                        let stopped = q.stopping.contains(&id);
                        q.stopping.retain(|r| *r != id);
                        stopped
                    };
                    match step {
                        Step::Yield(next) => {
                            pending.job = next;
                            self.queue().pending.insert(id, pending);
                            let _ = ctx.set_state(LibRequestState::Waiting);
                        }
                        Step::Done(result) => {
                            let end = match &result {
                                Ok(_) => LibRequestState::Passed,
                                Err(_) if stopped => LibRequestState::Stopped,
                                Err(_) if cancel.is_cancelled() => LibRequestState::Cancelled,
                                Err(_) => LibRequestState::Failed,
                            };
                            let _ = self.finish(id, end, result, pending.done.take());
                        }
                    }
                    return true;
                }
            }
        }
        if self.ports_watched.swap(false, Ordering::SeqCst) {
            // Something waits for a port: see whether an operator emptied one.
            let ctx = JobCtx::new(self.clone(), service.clone(), None, CancellationToken::new(), "openrsm", "system");
            let changed = super::inventory::run_detect(&ctx, &[ElementType::ImportExport])
                .await
                .is_ok_and(|o| o.inventory.is_some_and(|i| i.changed > 0));
            if changed {
                return true;
            }
        }
        super::mount::queue_due_deferred_dismounts(self, service);
        false
    }
}

fn plan_job(ctx: &JobCtx, job: &Job) -> Result<Plan> {
    match job {
        Job::Mount(j) => super::mount::plan_mount(ctx, j),
        Job::Dismount(j) => super::mount::plan_dismount(ctx, j),
        Job::Inventory(_) | Job::DoorAccess | Job::Detect(_) => Ok(Plan::Run),
        Job::Inject(j) => super::ieport::plan_inject(ctx, j),
        Job::Eject(j) => super::ieport::plan_eject(ctx, j),
        Job::Clean(j) => super::cleaning::plan_clean(ctx, j),
        Job::InjectCleaner(_) | Job::EjectCleaner(_) => Ok(Plan::Run),
    }
}

async fn run_job(ctx: &JobCtx, job: Job) -> Step {
    match job {
        Job::Mount(j) => Step::Done(super::mount::run_mount(ctx, j).await),
        Job::Dismount(j) => Step::Done(super::mount::run_dismount(ctx, j).await),
        Job::Inventory(j) => Step::Done(super::inventory::run_inventory(ctx, j).await),
        Job::Inject(j) => super::ieport::run_inject(ctx, j).await,
        Job::Eject(j) => Step::Done(super::ieport::run_eject(ctx, j).await),
        Job::DoorAccess => Step::Done(super::ieport::run_door_access(ctx).await),
        Job::Clean(j) => Step::Done(super::cleaning::run_clean(ctx, j).await),
        Job::InjectCleaner(j) => Step::Done(super::cleaning::run_inject_cleaner(ctx, j).await),
        Job::EjectCleaner(j) => Step::Done(super::cleaning::run_eject_cleaner(ctx, j).await),
        Job::Detect(types) => Step::Done(super::inventory::run_detect(ctx, &types).await),
    }
}

/// What a running request works with.
pub(crate) struct JobCtx {
    pub rt: Arc<LibraryRuntime>,
    pub service: Arc<Service>,
    pub request: Option<ObjectId>,
    pub cancel: CancellationToken,
    pub application: String,
    pub user: String,
}

impl JobCtx {
    fn new(
        rt: Arc<LibraryRuntime>,
        service: Arc<Service>,
        request: Option<ObjectId>,
        cancel: CancellationToken,
        application: &str,
        user: &str,
    ) -> Self {
        JobCtx { rt, service, request, cancel, application: application.to_owned(), user: user.to_owned() }
    }

    pub fn db(&self) -> &Db {
        self.service.db()
    }

    pub fn library(&self) -> ObjectId {
        self.rt.id
    }

    /// `REQUEST_REFUSED` once the request is cancelled: called between robot operations.
    pub fn checkpoint(&self) -> Result<()> {
        if self.cancel.is_cancelled() {
            return Err(Error::new(ErrorKind::RequestRefused, "the request was cancelled"));
        }
        Ok(())
    }

    /// Set the request's state (and its start time when it starts), with its notifications.
    pub fn set_state(&self, state: LibRequestState) -> Result<()> {
        let Some(id) = self.request else { return Ok(()) };
        self.db().write(|tx| {
            let mut object = db::load_as(tx, id, ObjectType::LibRequest)?;
            let info = request_info_mut(&mut object);
            if info.request_state == state {
                return Ok(());
            }
            info.request_state = state;
            if state == LibRequestState::InProcess && info.started.is_none() {
                info.started = Some(now());
            }
            db::save(tx, &mut object)?;
            if state == LibRequestState::InProcess {
                tx.notify(Operation::EventSignal, ObjectType::LibRequest, id);
            }
            Ok(())
        })
    }

    /// Publish progress: `done` of `total`.
    pub fn progress(&self, done: u64, total: u64) -> Result<()> {
        let Some(id) = self.request else { return Ok(()) };
        self.db().write(|tx| {
            let mut object = db::load_as(tx, id, ObjectType::LibRequest)?;
            let info = request_info_mut(&mut object);
            info.progress_done = done;
            info.progress_total = total;
            db::save(tx, &mut object)?;
            tx.notify(Operation::EventSignal, ObjectType::LibRequest, id);
            Ok(())
        })
    }

    /// Record the drive a request works on.
    pub fn set_request_drive(&self, tx: &mut db::Tx<'_>, drive: ObjectId) -> Result<()> {
        let Some(id) = self.request else { return Ok(()) };
        let mut object = db::load_as(tx, id, ObjectType::LibRequest)?;
        let info = request_info_mut(&mut object);
        if info.drive != Some(drive) {
            info.drive = Some(drive);
            db::save(tx, &mut object)?;
        }
        Ok(())
    }

    async fn timed<T>(
        &self,
        what: &str,
        limit: Duration,
        call: impl std::future::Future<Output = Result<T>>,
    ) -> Result<T> {
        let start = Instant::now();
        let result = tokio::time::timeout(limit, call).await;
        self.rt.stats.changer_calls.fetch_add(1, Ordering::Relaxed);
        let nanos = u64::try_from(start.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.rt.stats.changer_nanos.fetch_add(nanos, Ordering::Relaxed);
        match result {
            Ok(result) => result,
            Err(_) => {
                Err(Error::new(ErrorKind::Timeout, format!("{what} did not finish within {} s", limit.as_secs_f64())))
            }
        }
    }

    /// MOVE MEDIUM, within the move timeout.
    pub async fn move_medium(&self, source: ElementAddress, destination: ElementAddress) -> Result<()> {
        let what = format!("moving a medium from element {source} to {destination}");
        self.timed(&what, self.rt.timeouts.move_medium, self.rt.changer.move_medium(source, destination)).await
    }

    /// Load the medium in a drive, within the move timeout.
    pub async fn load(&self, drive: ElementAddress) -> Result<()> {
        self.timed("loading a drive", self.rt.timeouts.move_medium, self.rt.changer.load(drive)).await
    }

    /// Unload the medium in a drive, within the move timeout.
    pub async fn unload(&self, drive: ElementAddress) -> Result<()> {
        self.timed("unloading a drive", self.rt.timeouts.move_medium, self.rt.changer.unload(drive)).await
    }

    /// Read the start of the medium in a drive, within the move timeout.
    pub async fn read_medium(&self, drive: ElementAddress, len: usize) -> Result<Vec<u8>> {
        self.timed("reading a label", self.rt.timeouts.move_medium, self.rt.changer.read_medium(drive, len)).await
    }

    /// The status of elements, within the inventory timeout.
    pub async fn element_status(&self, types: &[ElementType]) -> Result<Vec<ElementStatus>> {
        self.timed("reading element status", self.rt.timeouts.inventory, self.rt.changer.element_status(types)).await
    }

    /// A full rescan, within the inventory timeout.
    pub async fn scan(&self) -> Result<()> {
        self.timed("scanning the library", self.rt.timeouts.inventory, self.rt.changer.scan()).await
    }

    /// The door, within the move timeout.
    pub async fn door_status(&self) -> Result<DoorStatus> {
        self.timed("reading the door status", self.rt.timeouts.move_medium, self.rt.changer.door_status()).await
    }

    /// Lock or unlock the door, within the move timeout.
    pub async fn lock_door(&self, locked: bool) -> Result<()> {
        self.timed("locking the door", self.rt.timeouts.move_medium, self.rt.changer.lock_door(locked)).await
    }

    /// Extend or retract a port, within the move timeout.
    pub async fn set_port_extended(&self, port: ElementAddress, extended: bool) -> Result<()> {
        self.timed("moving an IE port", self.rt.timeouts.move_medium, self.rt.changer.set_port_extended(port, extended))
            .await
    }

    /// Before the robot moves: the door must be closed (otherwise an operator is asked to close
    /// it and the request fails with `NOT_READY`); after the door was open, the library is looked
    /// at again, since an operator may have moved media by hand.
    pub async fn ensure_robot_ready(&self) -> Result<()> {
        let door = self.door_status().await?;
        if door.open {
            self.rt.door_was_open.store(true, Ordering::SeqCst);
            let name = self.library_name();
            let library = self.library();
            let door_id = self.door_id()?;
            self.db().write(|tx| {
                if let Some(door_id) = door_id {
                    super::elements::set_door_state(tx, door_id, DoorState::Open)?;
                }
                crate::oprequest::raise(
                    tx,
                    OpRequestKind::DeviceService,
                    &format!("close the door of library {name}: the robot does not move while it is open"),
                    &[library],
                    &self.application,
                    &self.user,
                )
                .map(|_| ())
            })?;
            return Err(Error::new(ErrorKind::NotReady, format!("the door of library {name} is open")));
        }
        let was_open = self.rt.door_was_open.swap(false, Ordering::SeqCst);
        if was_open {
            // Closed after being open: lock it again, and the operator's request is answered.
            if self.lock_door(true).await.is_ok() {
                self.rt.door_unlocked.store(false, Ordering::SeqCst);
            }
            let library = self.library();
            let door_id = self.door_id()?;
            self.db().write(|tx| {
                if let Some(door_id) = door_id {
                    super::elements::set_door_state(tx, door_id, DoorState::Closed)?;
                }
                crate::oprequest::resolve(tx, OpRequestKind::DeviceService, library)
            })?;
        }
        if was_open || !door.locked {
            // An operator may have moved media by hand.
            super::inventory::reconcile_all(self).await?;
        }
        Ok(())
    }

    fn door_id(&self) -> Result<Option<ObjectId>> {
        self.db().read(|conn| {
            Ok(db::query(conn, ObjectType::IeDoor, "t.library = ?1", [self.library()])?.first().map(|d| d.id))
        })
    }

    /// The library's name, for messages.
    pub fn library_name(&self) -> String {
        self.db()
            .read(|conn| db::load_as(conn, self.library(), ObjectType::Library))
            .map(|l| l.name)
            .unwrap_or_else(|_| self.library().to_string())
    }

    /// Ask an operator for something, from inside a request.
    pub fn raise_operator_request(&self, kind: OpRequestKind, message: &str, arguments: &[ObjectId]) -> Result<()> {
        self.db().write(|tx| {
            crate::oprequest::raise(tx, kind, message, arguments, &self.application, &self.user).map(|_| ())
        })
    }
}

impl Session {
    /// The runtime of a library, started on first use.
    pub(crate) async fn library_runtime(&self, library: ObjectId) -> Result<Arc<LibraryRuntime>> {
        self.inner.check()?;
        runtime_for(&self.inner.service, library).await
    }

    /// Wake every running library scheduler (an operator answered, a resource came back).
    pub(crate) fn kick_libraries(&self) {
        for rt in self.inner.service.libraries.all() {
            rt.wake();
        }
    }

    /// The mounts waiting for offline media.
    pub(crate) fn offline_mounts(&self) -> MutexGuard<'_, HashMap<ObjectId, OfflineMount>> {
        self.inner.service.libraries.offline_mounts()
    }
}

/// Wait for a request's outcome, or give up at the deadline (then the request is cancelled and
/// whatever it did is undone before this returns).
pub(crate) async fn await_outcome(
    rt: &Arc<LibraryRuntime>,
    session: &Session,
    request: ObjectId,
    receiver: oneshot::Receiver<Result<Outcome>>,
    deadline: Option<tokio::time::Instant>,
) -> Result<Outcome> {
    let mut receiver = receiver;
    let closed = session.inner.cancel.clone();
    let outcome = tokio::select! {
        outcome = &mut receiver => outcome,
        _ = sleep_until(deadline) => {
            rt.cancel(request, LibRequestState::Cancelled)?;
            let _ = receiver.await;
            return Err(Error::new(ErrorKind::Timeout, "the request did not finish in time and was cancelled"));
        }
        _ = closed.cancelled() => {
            let _ = receiver.await;
            return Err(Error::closed("session"));
        }
    };
    outcome.unwrap_or_else(|_| {
        Err(Error::new(ErrorKind::RequestRefused, "the library stopped before the request finished"))
    })
}

async fn sleep_until(deadline: Option<tokio::time::Instant>) {
    match deadline {
        Some(d) => tokio::time::sleep_until(d).await,
        None => std::future::pending().await,
    }
}

pub(crate) fn final_error(object: &Object) -> Option<Error> {
    let info = request_info(object).ok()?;
    match info.request_state {
        LibRequestState::Failed | LibRequestState::Cancelled | LibRequestState::Invalid => Some(error_of(info)),
        _ => None,
    }
}
