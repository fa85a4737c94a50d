//! Inventories (`InventoryNtmsLibrary`, `IdentifyNtmsSlot`), reconciliation of the database with
//! what the changer reports, reading and classifying labels, and `UpdateNtmsOmidInfo`.
//!
//! Reconciliation is the only way the database learns where media are outside a request's own
//! moves: the changer's element status is the truth, and each drive, slot, IE port and medium whose
//! record says otherwise is changed (and notified) to match — a medium found in a new place moves
//! there, one no longer anywhere in the library goes offline (its records stay), one never seen
//! before is created.

use std::collections::{HashMap, HashSet};

use serde::{Deserialize, Serialize};

use super::changer::*;
use super::elements::*;
use super::runtime::{await_outcome, Job, JobCtx, NewRequest, Outcome};
use super::virtual_lib::CLEANER_PREFIX;
use crate::db::{self, Tx};
use crate::error::{Error, ErrorKind, Result};
use crate::media::label::{self, LabelVerdict};
use crate::model::*;
use crate::notify::Timeout;
use crate::session::Session;

/// How to inventory a library, for [`Session::inventory`].
///
/// ```
/// use openrsm::{InventoryMethod, InventoryOptions};
/// let options = InventoryOptions::full().priority(5);
/// assert_eq!(options.method, InventoryMethod::Omid);
/// ```
#[derive(Debug, Clone, PartialEq)]
pub struct InventoryOptions {
    /// FAST (barcodes), OMID (load each medium and read its label) or DEFAULT (the library's own
    /// method).
    pub method: InventoryMethod,
    /// −15..+15, higher first.
    pub priority: i32,
    /// How long to wait for it; on timeout it is cancelled.
    pub timeout: Timeout,
}

impl Default for InventoryOptions {
    fn default() -> Self {
        InventoryOptions { method: InventoryMethod::Default, priority: 0, timeout: Timeout::Infinite }
    }
}

impl InventoryOptions {
    /// A FAST inventory: scan barcodes.
    pub fn fast() -> Self {
        InventoryOptions { method: InventoryMethod::Fast, ..Default::default() }
    }

    /// A full (OMID) inventory: scan, then read the label of every medium.
    pub fn full() -> Self {
        InventoryOptions { method: InventoryMethod::Omid, ..Default::default() }
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

/// What an inventory found.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct InventorySummary {
    /// The library request that did it.
    pub request: Option<ObjectId>,
    /// Elements looked at.
    pub elements: u32,
    /// Media found in the library.
    pub media: u32,
    /// Media new to the library: created, or back from offline or another library.
    pub added: Vec<ObjectId>,
    /// Media no longer in the library: now offline, records kept.
    pub removed: Vec<ObjectId>,
    /// Media found somewhere else than recorded.
    pub moved: Vec<ObjectId>,
    /// Media whose label was read.
    pub identified: Vec<ObjectId>,
    /// Database objects changed.
    pub changed: u32,
}

impl InventorySummary {
    fn absorb(&mut self, other: InventorySummary) {
        self.elements += other.elements;
        self.media = other.media.max(self.media);
        self.added.extend(other.added);
        self.removed.extend(other.removed);
        self.moved.extend(other.moved);
        self.identified.extend(other.identified);
        self.changed += other.changed;
    }
}

/// An inventory request.
#[derive(Debug, Clone)]
pub(crate) struct InventoryJob {
    pub method: InventoryMethod,
    /// Only these storage elements (IdentifyNtmsSlot); `None`: the whole library.
    pub slots: Option<Vec<ElementAddress>>,
}

/// What a full element holds, as reconciliation understands it.
enum Seen {
    Empty,
    Media(ObjectId),
    New { barcode: Option<String>, unreadable: bool, media_type: Option<String> },
    Cleaner,
    Occupied,
}

fn media_type_for(tx: &mut Tx<'_>, library: ObjectId, name: Option<&str>) -> Result<ObjectId> {
    if let Some(name) = name {
        if let Some(found) = crate::media::media_type_by_name(tx, name)? {
            return Ok(found.id);
        }
        return Ok(crate::media::add_media_type(tx, &crate::MediaTypeSpec::new(name))?.id);
    }
    let common: Option<ObjectId> = {
        use rusqlite::OptionalExtension;
        tx.prepare_cached(
            "SELECT media_type FROM physical_media WHERE library = ?1 GROUP BY media_type ORDER BY count(*) DESC LIMIT 1",
        )?
        .query_row([library], |r| r.get(0))
        .optional()?
    };
    match common {
        Some(id) => Ok(id),
        None => media_type_for(tx, library, Some("UNKNOWN")),
    }
}

/// Bring the database in line with `status` (the status of some elements of the library): only
/// those elements, and media recorded in them, are looked at.
pub(crate) fn reconcile(
    tx: &mut Tx<'_>,
    library: ObjectId,
    layout: &ChangerLayout,
    status: &[ElementStatus],
) -> Result<InventorySummary> {
    let lib = db::load_as(tx, library, ObjectType::Library)?;
    let lib_info = library_info(&lib)?.clone();
    let changer = changer_of(tx, library)?;
    let scope: HashSet<ElementAddress> = status.iter().map(|s| s.address).collect();
    let transport_address = layout.transport.address(0);
    let mut elements: HashMap<ElementAddress, Object> = HashMap::new();
    let mut address_of_element: HashMap<ObjectId, ElementAddress> = HashMap::new();
    for element in all_elements(tx, library)? {
        if let Some(address) = address_of(&element) {
            address_of_element.insert(element.id, address);
            if scope.contains(&address) {
                elements.insert(address, element);
            }
        }
    }
    let mut media: HashMap<ObjectId, Object> =
        db::query(tx, ObjectType::PhysicalMedia, "t.library = ?1", [library])?.into_iter().map(|m| (m.id, m)).collect();
    let mut by_barcode: HashMap<String, ObjectId> = HashMap::new();
    let mut in_transport = None;
    for m in media.values() {
        let info = crate::media::media_info(m)?;
        if let Some(b) = &info.barcode {
            by_barcode.entry(b.clone()).or_insert(m.id);
        }
        if info.location.kind == LocationKind::Transport {
            in_transport = Some(m.id);
        }
    }
    let location_address = |info: &PhysicalMediaInfo| -> Option<ElementAddress> {
        match info.location.kind {
            LocationKind::Transport => transport_address,
            LocationKind::Offline => None,
            _ => info.location.element.and_then(|e| address_of_element.get(&e).copied()),
        }
    };

    // What each element holds.
    let mut seen: Vec<(&ElementStatus, Seen)> = Vec::new();
    let mut taken: HashSet<ObjectId> = HashSet::new();
    for st in status {
        let element = elements.get(&st.address);
        if element.is_none() && st.element_type != ElementType::Transport {
            continue;
        }
        let current = match element {
            Some(e) => media_of(e),
            None => in_transport,
        };
        let what = if !st.full {
            Seen::Empty
        } else if let Some(tag) = &st.volume_tag {
            if tag.starts_with(CLEANER_PREFIX) {
                Seen::Cleaner
            } else if let Some(id) = by_barcode.get(tag).copied().filter(|id| !taken.contains(id)) {
                Seen::Media(id)
            } else {
                let elsewhere = db::query(
                    tx,
                    ObjectType::PhysicalMedia,
                    "t.barcode = ?1 AND (t.library IS NULL OR t.library <> ?2) ORDER BY t.library IS NOT NULL",
                    rusqlite::params![tag, library],
                )?;
                match elsewhere.into_iter().find(|m| !taken.contains(&m.id)) {
                    Some(m) => {
                        let id = m.id;
                        media.insert(id, m);
                        Seen::Media(id)
                    }
                    None => {
                        Seen::New { barcode: Some(tag.clone()), unreadable: false, media_type: st.media_type.clone() }
                    }
                }
            }
        } else if element.is_some_and(|e| Some(e.id) == lib_info.cleaner_slot)
            && lib_info.cleaner_uses_left.is_some()
            && current.is_none()
        {
            Seen::Cleaner
        } else if let Some(id) = current.filter(|id| !taken.contains(id) && media.contains_key(id)) {
            Seen::Media(id)
        } else if st.exception.is_some() && !st.tag_unreadable {
            Seen::Occupied
        } else {
            Seen::New { barcode: None, unreadable: st.tag_unreadable, media_type: st.media_type.clone() }
        };
        if let Seen::Media(id) = what {
            taken.insert(id);
        }
        seen.push((st, what));
    }

    let mut summary = InventorySummary { elements: seen.len() as u32, ..Default::default() };

    // Media of this library recorded in a looked-at element but found nowhere: they left.
    let leaving: Vec<ObjectId> = media
        .values()
        .filter(|m| !taken.contains(&m.id))
        .filter(|m| {
            crate::media::media_info(m)
                .is_ok_and(|i| i.library == Some(library) && location_address(i).is_some_and(|a| scope.contains(&a)))
        })
        .map(|m| m.id)
        .collect();
    for id in leaving {
        let mut m = media.remove(&id).expect("collected from the map");
        let info = crate::media::media_info_mut(&mut m);
        info.library = None;
        info.location = Location::OFFLINE;
        info.home_slot = None;
        info.media_state = MediaState::Idle;
        info.mounted_side = None;
        db::save(tx, &mut m)?;
        summary.removed.push(id);
        summary.changed += 1;
    }

    for (st, what) in seen {
        let mut element = elements.get(&st.address).cloned();
        let media_id = match &what {
            Seen::Media(id) => Some(*id),
            Seen::New { barcode, unreadable, media_type } => {
                let media_type = media_type_for(tx, library, media_type.as_deref())?;
                let pool = crate::media::system_pool(tx, PoolKind::Unrecognized, Some(media_type))?;
                let mut spec = crate::MediaSpec::new(media_type).pool(pool.id);
                spec.barcode = barcode.clone();
                let created = crate::media::new_physical_media(
                    tx,
                    crate::media::NewMedia {
                        spec: &spec,
                        library: Some(library),
                        location: Location::OFFLINE,
                        home_slot: None,
                        barcode_state: if *unreadable { BarcodeState::Unreadable } else { BarcodeState::Ok },
                    },
                )?;
                summary.added.push(created.id);
                summary.changed += 1;
                media.insert(created.id, created.clone());
                Some(created.id)
            }
            _ => None,
        };
        if let Some(el) = element.as_mut() {
            let before = el.clone();
            let keep_mounted = matches!(&el.detail, Detail::Drive(d) if d.media.is_some() && d.media == media_id);
            set_element_media(el, media_id, st.full);
            match &mut el.detail {
                Detail::Drive(d) => {
                    // A medium found in a drive that is not mounted there can serve the next
                    // mount or be put away: DISMOUNTABLE.
                    if media_id.is_some() && !(keep_mounted && d.drive_state == DriveState::Mounted) {
                        d.drive_state = DriveState::Dismountable;
                    }
                    if let Some(serial) = &st.device_id {
                        if d.serial.is_none() {
                            d.serial = Some(serial.clone());
                        }
                    }
                }
                Detail::IePort(p) => {
                    p.position = if st.accessible { PortPosition::Retracted } else { PortPosition::Extended };
                }
                _ => {}
            }
            if *el != before {
                db::save(tx, el)?;
                summary.changed += 1;
            }
        }
        if let Some(id) = media_id {
            summary.media += 1;
            let mut m = match media.get(&id) {
                Some(m) => m.clone(),
                None => db::load_as(tx, id, ObjectType::PhysicalMedia)?,
            };
            let before = m.clone();
            let old = crate::media::media_info(&m)?.clone();
            let came_back = old.library != Some(library);
            if let (Some(other), false) = (old.library, old.library == Some(library)) {
                // It was recorded in another library: that library's element no longer holds it.
                if let Some(e) = old.location.element {
                    if let Ok(mut stale) = db::load(tx, e) {
                        if media_of(&stale) == Some(id) && set_element_media(&mut stale, None, false) {
                            db::save(tx, &mut stale)?;
                        }
                    }
                }
                let _ = other;
            }
            let kind = location_kind_of(st.element_type);
            let info = crate::media::media_info_mut(&mut m);
            info.library = Some(library);
            info.location = Location { kind, element: element.as_ref().map(|e| e.id) };
            let mounted = matches!(element.as_ref().map(|e| &e.detail),
                Some(Detail::Drive(d)) if d.drive_state == DriveState::Mounted && d.media == Some(id));
            info.media_state = match st.element_type {
                ElementType::DataTransfer if mounted => MediaState::Mounted,
                ElementType::DataTransfer => MediaState::Loaded,
                ElementType::Transport => MediaState::OpError,
                _ => MediaState::Idle,
            };
            if !mounted {
                info.mounted_side = None;
            }
            if st.element_type == ElementType::Storage {
                info.home_slot = element.as_ref().map(|e| e.id);
            }
            if st.tag_unreadable {
                info.barcode_state = BarcodeState::Unreadable;
            } else if st.volume_tag.is_some() {
                info.barcode_state = BarcodeState::Ok;
            }
            if m != before {
                db::save(tx, &mut m)?;
                summary.changed += 1;
                if came_back {
                    if !summary.added.contains(&id) {
                        summary.added.push(id);
                    }
                } else if old.location != crate::media::media_info(&m)?.location {
                    summary.moved.push(id);
                }
            }
        }
        if let (Seen::Empty | Seen::Media(_) | Seen::New { .. }, Some(el)) = (&what, element.as_ref()) {
            if Some(el.id) == lib_info.cleaner_slot && lib_info.cleaner_uses_left.is_some() {
                let mut lib = db::load_as(tx, library, ObjectType::Library)?;
                library_info_mut(&mut lib).cleaner_uses_left = None;
                db::save(tx, &mut lib)?;
                summary.changed += 1;
            }
        }
        if st.element_type == ElementType::Transport {
            if let Some(changer) = &changer {
                let state = if st.full { OperationalState::NeedsService } else { OperationalState::Ready };
                if changer.state != state {
                    set_operational_state(tx, changer.id, state)?;
                    summary.changed += 1;
                }
                if st.full {
                    crate::oprequest::raise(
                        tx,
                        OpRequestKind::DeviceService,
                        &format!("the robot of library {} holds a medium and needs service", lib.name),
                        &[changer.id],
                        "openrsm",
                        "system",
                    )?;
                } else {
                    crate::oprequest::resolve(tx, OpRequestKind::DeviceService, changer.id)?;
                }
            }
        }
    }
    Ok(summary)
}

/// Look at every element and reconcile the whole library (after errors, and once the door closed).
pub(crate) async fn reconcile_all(ctx: &JobCtx) -> Result<InventorySummary> {
    let status = ctx.element_status(&[]).await?;
    let layout = ctx.rt.layout;
    ctx.db().write(|tx| reconcile(tx, ctx.library(), &layout, &status))
}

/// After a failed request: make the database match the changer again. Errors here are not the
/// request's error, so they are dropped (the next inventory tries again).
pub(crate) async fn settle(ctx: &JobCtx) {
    let _ = reconcile_all(ctx).await;
}

/// What the label at the start of a medium means for it: blank media go to Free, media a label
/// library claims but that are not ours go to Import, unclaimed media to Unrecognized. Media
/// allocated to applications stay where they are; only what is written on them is recorded.
pub(crate) fn apply_label(tx: &mut Tx<'_>, media: ObjectId, verdict: &LabelVerdict) -> Result<()> {
    let object = db::load_as(tx, media, ObjectType::PhysicalMedia)?;
    let info = crate::media::media_info(&object)?.clone();
    let sides = crate::media::sides_of(tx, media)?;
    let allocated = sides.iter().any(|s| matches!(&s.detail, Detail::Partition(p) if p.logical_media.is_some()));
    let pool = db::load_as(tx, info.pool, ObjectType::MediaPool)?;
    let kind = crate::media::pool_info(&pool).kind;
    let Some(mut first) = sides.into_iter().next() else { return Ok(()) };
    let current = match &first.detail {
        Detail::Partition(p) => p.omid.clone(),
        _ => None,
    };
    let (target, omid) = match verdict {
        LabelVerdict::Blank => (PoolKind::Free, None),
        LabelVerdict::Claimed(omid) if current.as_ref() == Some(omid) => return Ok(()),
        LabelVerdict::Claimed(omid) => (PoolKind::Import, Some(omid.clone())),
        LabelVerdict::Unrecognized => (PoolKind::Unrecognized, None),
    };
    if allocated || kind == PoolKind::Application {
        if let Some(omid) = omid {
            crate::media::side_info_mut(&mut first).omid = Some(omid);
            db::save(tx, &mut first)?;
        }
        return Ok(());
    }
    if current != omid {
        crate::media::side_info_mut(&mut first).omid = omid;
        db::save(tx, &mut first)?;
    }
    let destination = crate::media::system_pool(tx, target, Some(info.media_type))?;
    crate::media::move_media_to_pool(tx, media, destination.id)?;
    Ok(())
}

/// How many bytes to read for a label.
pub(crate) fn label_bytes() -> usize {
    label::max_label_size().max(512)
}

/// Read the label of a medium of this library and classify it. The medium is carried to a free
/// drive and back; returns `false` when no drive is free (nothing is done then).
pub(crate) async fn identify_media(ctx: &JobCtx, media: ObjectId) -> Result<bool> {
    let library = ctx.library();
    let layout = ctx.rt.layout;
    let object = ctx.db().read(|conn| db::load_as(conn, media, ObjectType::PhysicalMedia))?;
    let info = crate::media::media_info(&object)?.clone();
    if info.library != Some(library) {
        return Ok(false);
    }
    let element = match info.location.element {
        Some(e) => ctx.db().read(|conn| db::load(conn, e))?,
        None => return Ok(false),
    };
    let Some(address) = address_of(&element) else { return Ok(false) };
    if let Detail::Drive(d) = &element.detail {
        if d.drive_state == DriveState::Mounted {
            return Ok(false);
        }
        ctx.load(address).await?;
        let bytes = ctx.read_medium(address, label_bytes()).await?;
        let verdict = label::classify(&bytes);
        ctx.db().write(|tx| apply_label(tx, media, &verdict))?;
        return Ok(true);
    }
    if info.location.kind != LocationKind::Slot {
        return Ok(false);
    }
    let drive = ctx.db().read(|conn| {
        Ok(db::query(
            conn,
            ObjectType::Drive,
            "t.library = ?1 AND t.media IS NULL AND t.drive_state = 0 AND o.enabled AND o.state = 0
             ORDER BY t.number LIMIT 1",
            [library],
        )?
        .into_iter()
        .next())
    })?;
    let Some(drive) = drive else { return Ok(false) };
    let Some(drive_address) = address_of(&drive) else { return Ok(false) };
    ctx.ensure_robot_ready().await?;
    ctx.move_medium(address, drive_address).await?;
    ctx.db().write(|tx| record_move(tx, library, &layout, media, address, drive_address).map(|_| ()))?;
    let read = async {
        ctx.load(drive_address).await?;
        let bytes = ctx.read_medium(drive_address, label_bytes()).await;
        ctx.unload(drive_address).await?;
        bytes
    }
    .await;
    ctx.move_medium(drive_address, address).await?;
    ctx.db().write(|tx| record_move(tx, library, &layout, media, drive_address, address).map(|_| ()))?;
    let verdict = label::classify(&read?);
    ctx.db().write(|tx| apply_label(tx, media, &verdict))?;
    Ok(true)
}

pub(crate) async fn run_inventory(ctx: &JobCtx, job: InventoryJob) -> Result<Outcome> {
    let result = inventory_steps(ctx, &job).await;
    if result.is_err() {
        settle(ctx).await;
    }
    result.map(|summary| Outcome { inventory: Some(summary), ..Default::default() })
}

async fn inventory_steps(ctx: &JobCtx, job: &InventoryJob) -> Result<InventorySummary> {
    ctx.ensure_robot_ready().await?;
    let layout = ctx.rt.layout;
    let library = ctx.library();
    ctx.scan().await?;
    ctx.checkpoint()?;
    let mut status = ctx.element_status(&[]).await?;
    if let Some(slots) = &job.slots {
        status.retain(|s| slots.contains(&s.address));
    }
    let total_elements = status.len() as u64;
    ctx.progress(0, total_elements)?;
    let mut summary = ctx.db().write(|tx| reconcile(tx, library, &layout, &status))?;
    summary.request = ctx.request;
    if job.method != InventoryMethod::Omid {
        ctx.progress(total_elements, total_elements)?;
        return Ok(summary);
    }
    // Read the label of every medium at rest in a slot looked at.
    let slots: HashSet<ElementAddress> =
        status.iter().filter(|s| s.element_type == ElementType::Storage && s.full).map(|s| s.address).collect();
    let to_read: Vec<ObjectId> = ctx.db().read(|conn| {
        let media = db::query(conn, ObjectType::PhysicalMedia, "t.library = ?1 AND t.location_kind = 1", [library])?;
        let mut out = Vec::new();
        for m in media {
            let Some(slot) = crate::media::media_info(&m)?.location.element else { continue };
            let slot = db::load_as(conn, slot, ObjectType::StorageSlot)?;
            if address_of(&slot).is_some_and(|a| slots.contains(&a)) && m.enabled {
                out.push((address_of(&slot), m.id));
            }
        }
        out.sort();
        Ok(out.into_iter().map(|(_, id)| id).collect())
    })?;
    let total = to_read.len() as u64;
    ctx.progress(0, total)?;
    for (done, media) in to_read.into_iter().enumerate() {
        ctx.checkpoint()?;
        if identify_media(ctx, media).await? {
            summary.identified.push(media);
        }
        ctx.progress(done as u64 + 1, total)?;
    }
    Ok(summary)
}

/// Internal: pick up what changed from outside in these element types (all for an empty list),
/// and read the labels of media that appeared in standalone drives.
pub(crate) async fn run_detect(ctx: &JobCtx, types: &[ElementType]) -> Result<Outcome> {
    let layout = ctx.rt.layout;
    let status = ctx.element_status(types).await?;
    let door = ctx.door_status().await?;
    if door.open {
        ctx.rt.door_was_open.store(true, std::sync::atomic::Ordering::SeqCst);
    }
    let summary = ctx.db().write(|tx| reconcile(tx, ctx.library(), &layout, &status))?;
    let mut total = InventorySummary::default();
    if ctx.rt.identity.standalone {
        for media in &summary.added {
            let _ = identify_media(ctx, *media).await;
        }
    }
    total.absorb(summary);
    Ok(Outcome { media: total.added.clone(), inventory: Some(total), ..Default::default() })
}

impl Session {
    /// Inventory a library (`InventoryNtmsLibrary`) and wait for it: FAST scans barcodes, OMID
    /// also reads the label of every medium. The database changes to match what the changer
    /// reports, each change notified.
    pub fn inventory(&self, library: ObjectId, options: &InventoryOptions) -> Result<InventorySummary> {
        crate::runtime::block_on(self.inventory_async(library, options))?
    }

    /// Like [`inventory`](Session::inventory), asynchronously.
    pub async fn inventory_async(&self, library: ObjectId, options: &InventoryOptions) -> Result<InventorySummary> {
        let (rt, request, receiver) = self.queue_inventory(library, options, None).await?;
        let deadline = options.timeout.deadline().map(tokio::time::Instant::from_std);
        let outcome = await_outcome(&rt, self, request, receiver, deadline).await?;
        Ok(outcome.inventory.unwrap_or_default())
    }

    /// Start an inventory and return its request at once; follow it with notifications on the
    /// request (EVENT_SIGNAL carries progress) and [`wait_request`](Session::wait_request).
    pub fn start_inventory(&self, library: ObjectId, options: &InventoryOptions) -> Result<ObjectId> {
        crate::runtime::block_on(async {
            let (_, request, _) = self.queue_inventory(library, options, None).await?;
            Ok(request)
        })?
    }

    async fn queue_inventory(
        &self,
        library: ObjectId,
        options: &InventoryOptions,
        slots: Option<Vec<ElementAddress>>,
    ) -> Result<(
        std::sync::Arc<super::runtime::LibraryRuntime>,
        ObjectId,
        tokio::sync::oneshot::Receiver<Result<Outcome>>,
    )> {
        let lib = self.db()?.read(|conn| db::load_as(conn, library, ObjectType::Library))?;
        let info = library_info(&lib)?;
        check_library_usable(&lib)?;
        let method = match options.method {
            InventoryMethod::Default => match info.inventory_method {
                InventoryMethod::Omid => InventoryMethod::Omid,
                _ => InventoryMethod::Fast,
            },
            InventoryMethod::Fast | InventoryMethod::Omid => options.method,
            other => {
                return Err(Error::invalid(format!("{other} is not an inventory method to run (use FAST or OMID)")))
            }
        };
        let rt = self.library_runtime(library).await?;
        let mut new = NewRequest::new(LibRequestOperation::Inventory);
        new.priority = options.priority;
        if slots.is_some() {
            new.operation = LibRequestOperation::ProcessOmid;
        }
        let (request, receiver) = rt.submit(self, new, Job::Inventory(InventoryJob { method, slots }))?;
        Ok((rt, request.id, receiver))
    }

    /// Identify the medium in a slot (`IdentifyNtmsSlot`): look at the slot and read the label of
    /// what is in it. Returns the medium there, if any.
    pub fn identify_slot(&self, slot: ObjectId) -> Result<Option<ObjectId>> {
        crate::runtime::block_on(self.identify_slot_async(slot))?
    }

    /// Like [`identify_slot`](Session::identify_slot), asynchronously.
    pub async fn identify_slot_async(&self, slot: ObjectId) -> Result<Option<ObjectId>> {
        let object = self.db()?.read(|conn| db::load_as(conn, slot, ObjectType::StorageSlot))?;
        let Detail::StorageSlot(info) = &object.detail else { unreachable!("loaded as a slot") };
        let address = address_of(&object).ok_or_else(|| {
            Error::new(ErrorKind::InvalidOperation, format!("slot {} has no element address", object.name))
        })?;
        let (rt, request, receiver) =
            self.queue_inventory(info.library, &InventoryOptions::full(), Some(vec![address])).await?;
        await_outcome(&rt, self, request, receiver, None).await?;
        let object = self.db()?.read(|conn| db::load_as(conn, slot, ObjectType::StorageSlot))?;
        Ok(media_of(&object))
    }

    /// Record what an application wrote on a side (`UpdateNtmsOmidInfo`): its label type, label
    /// id and the application. `side` is a side, a logical media, or a one-sided physical medium.
    pub fn update_omid_info(&self, side: ObjectId, omid: Omid) -> Result<()> {
        if omid.label_type.trim().is_empty() {
            return Err(Error::invalid("an on-media identifier needs a label type"));
        }
        self.db()?.write(|tx| {
            let mut found = crate::media::resolve_side(tx, side, |_| true)?;
            let p = crate::media::side_info_mut(&mut found.side);
            if p.omid.as_ref() != Some(&omid) {
                p.omid = Some(omid);
                db::save(tx, &mut found.side)?;
            }
            Ok(())
        })
    }
}

/// Refuse work on a library that is disabled or has no robot.
pub(crate) fn check_library_usable(lib: &Object) -> Result<()> {
    let info = library_info(lib)?;
    if !lib.enabled {
        return Err(Error::new(ErrorKind::ResourceDisabled, format!("library {} is disabled", lib.name)));
    }
    if info.library_type == LibraryType::Offline {
        return Err(Error::new(ErrorKind::LibraryOffline, format!("{} is an offline library", lib.name)));
    }
    Ok(())
}
