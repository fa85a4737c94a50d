//! Cleaner management (`ReserveNtmsCleanerSlot`, `ReleaseNtmsCleanerSlot`, `InjectNtmsCleaner`,
//! `EjectNtmsCleaner`, `CleanNtmsDrive`).
//!
//! A library keeps its cleaning cartridge in a reserved slot and counts its uses down, one per
//! cleaning. The cleaner is not a medium of any pool: the library records only its slot and uses
//! left. A spent cleaner — counted down to zero, or refused by the drive — raises a CLEANER
//! operator request.

use super::changer::*;
use super::elements::*;
use super::inventory::settle;
use super::mount::return_home;
use super::runtime::{await_outcome, Job, JobCtx, NewRequest, Outcome, Plan};
use super::virtual_lib::CLEANER_PREFIX;
use crate::db;
use crate::error::{Error, ErrorKind, Result};
use crate::model::*;
use crate::session::Session;

/// A drive cleaning.
#[derive(Debug, Clone)]
pub(crate) struct CleanJob {
    pub drive: ObjectId,
}

/// Taking a cleaner in from an IE port.
#[derive(Debug, Clone)]
pub(crate) struct InjectCleanerJob {
    pub port: Option<ElementAddress>,
    pub uses: u32,
}

/// Putting the cleaner out to an IE port.
#[derive(Debug, Clone)]
pub(crate) struct EjectCleanerJob {
    pub port: Option<ElementAddress>,
}

fn cleaner_of(ctx: &JobCtx) -> Result<(Object, Option<u32>)> {
    let lib = ctx.db().read(|conn| db::load_as(conn, ctx.library(), ObjectType::Library))?;
    let info = library_info(&lib)?;
    let slot = info.cleaner_slot.ok_or_else(|| {
        Error::new(ErrorKind::CleanerSlotNotSet, format!("library {} has no cleaner slot: reserve one first", lib.name))
    })?;
    let uses = info.cleaner_uses_left;
    let slot = ctx.db().read(|conn| db::load_as(conn, slot, ObjectType::StorageSlot))?;
    Ok((slot, uses))
}

pub(crate) fn plan_clean(ctx: &JobCtx, job: &CleanJob) -> Result<Plan> {
    let (_, uses) = match cleaner_of(ctx) {
        Ok(found) => found,
        Err(e) => return Ok(Plan::Fail(e)),
    };
    match uses {
        None => return Ok(Plan::Fail(Error::new(ErrorKind::InvalidCleaner, "the library has no cleaner installed"))),
        Some(0) => {
            raise_spent(ctx)?;
            return Ok(Plan::Fail(Error::new(ErrorKind::CleanerCartridgeSpent, "the cleaner has no uses left")));
        }
        _ => {}
    }
    let drive = ctx.db().read(|conn| db::load_as(conn, job.drive, ObjectType::Drive))?;
    let info = drive_info(&drive)?;
    if info.library != ctx.library() {
        return Ok(Plan::Fail(Error::new(ErrorKind::InvalidDriveObject, "the drive is not in this library")));
    }
    if matches!(info.drive_state, DriveState::Mounted | DriveState::BeingCleaned) {
        return Ok(Plan::Wait(format!("drive {} is in use", drive.name)));
    }
    Ok(Plan::Run)
}

fn raise_spent(ctx: &JobCtx) -> Result<()> {
    ctx.raise_operator_request(
        OpRequestKind::Cleaner,
        &format!("the cleaner of library {} is spent: replace it", ctx.library_name()),
        &[ctx.library()],
    )
}

/// Record the cleaner's new count of uses.
fn set_uses(ctx: &JobCtx, uses: Option<u32>) -> Result<()> {
    ctx.db().write(|tx| {
        let mut lib = db::load_as(tx, ctx.library(), ObjectType::Library)?;
        if library_info(&lib)?.cleaner_uses_left != uses {
            library_info_mut(&mut lib).cleaner_uses_left = uses;
            db::save(tx, &mut lib)?;
        }
        Ok(())
    })
}

/// Record that element `address` now holds the cleaner (`true`) or nothing.
fn set_holds_cleaner(ctx: &JobCtx, address: ElementAddress, holds: bool) -> Result<()> {
    let layout = ctx.rt.layout;
    ctx.db().write(|tx| {
        if let Some(mut element) = element_at(tx, ctx.library(), &layout, address)? {
            if set_element_media(&mut element, None, holds) {
                db::save(tx, &mut element)?;
            }
        }
        Ok(())
    })
}

pub(crate) async fn run_clean(ctx: &JobCtx, job: CleanJob) -> Result<Outcome> {
    let result = clean_steps(ctx, &job).await;
    if result.is_err() {
        settle(ctx).await;
    }
    result
}

async fn clean_steps(ctx: &JobCtx, job: &CleanJob) -> Result<Outcome> {
    let (slot, uses) = cleaner_of(ctx)?;
    let uses = uses.ok_or_else(|| Error::new(ErrorKind::InvalidCleaner, "the library has no cleaner installed"))?;
    let drive = ctx.db().read(|conn| db::load_as(conn, job.drive, ObjectType::Drive))?;
    let slot_address = address_of(&slot).ok_or_else(|| Error::invalid("the cleaner slot has no element address"))?;
    let drive_address = address_of(&drive).ok_or_else(|| Error::invalid("the drive has no element address"))?;
    ctx.ensure_robot_ready().await?;
    ctx.db().write(|tx| ctx.set_request_drive(tx, drive.id))?;
    if let Some(media) = drive_info(&drive)?.media {
        return_home(ctx, &drive, media).await?;
    }
    ctx.checkpoint()?;
    ctx.move_medium(slot_address, drive_address).await?;
    set_holds_cleaner(ctx, slot_address, false)?;
    set_holds_cleaner(ctx, drive_address, true)?;
    let cleaned = ctx.load(drive_address).await;
    let back = async {
        ctx.unload(drive_address).await?;
        ctx.move_medium(drive_address, slot_address).await?;
        set_holds_cleaner(ctx, drive_address, false)?;
        set_holds_cleaner(ctx, slot_address, true)
    }
    .await;
    match cleaned {
        Err(e) if e.kind() == ErrorKind::CleanerCartridgeSpent => {
            set_uses(ctx, Some(0))?;
            raise_spent(ctx)?;
            back?;
            return Err(e);
        }
        Err(e) => {
            back?;
            return Err(e);
        }
        Ok(()) => back?,
    }
    let left = uses.saturating_sub(1);
    set_uses(ctx, Some(left))?;
    ctx.db().write(|tx| {
        let mut d = db::load_as(tx, drive.id, ObjectType::Drive)?;
        drive_info_mut(&mut d).last_cleaned = Some(now());
        db::save(tx, &mut d)
    })?;
    if left == 0 {
        raise_spent(ctx)?;
    }
    Ok(Outcome { drive: Some(drive.id), ..Default::default() })
}

pub(crate) async fn run_inject_cleaner(ctx: &JobCtx, job: InjectCleanerJob) -> Result<Outcome> {
    let result = async {
        let (slot, uses) = cleaner_of(ctx)?;
        if uses.is_some() {
            return Err(Error::new(ErrorKind::CleanerCartridgeInstalled, "a cleaner is installed already"));
        }
        let slot_address =
            address_of(&slot).ok_or_else(|| Error::invalid("the cleaner slot has no element address"))?;
        let ports: Vec<ElementAddress> = ctx.rt.layout.import_export.addresses().collect();
        for port in &ports {
            if job.port.is_none_or(|p| p == *port) {
                ctx.set_port_extended(*port, false).await?;
            }
        }
        ctx.ensure_robot_ready().await?;
        let status = ctx.element_status(&[ElementType::ImportExport]).await?;
        let cleaner = status.iter().find(|s| {
            s.full
                && s.accessible
                && job.port.is_none_or(|p| p == s.address)
                && s.volume_tag.as_deref().is_some_and(|t| t.starts_with(CLEANER_PREFIX))
        });
        let port = cleaner.map(|s| s.address).ok_or_else(|| {
            Error::new(
                ErrorKind::InvalidCleaner,
                "no IE port holds a cleaner (a cartridge whose barcode starts with CLN)",
            )
        })?;
        ctx.move_medium(port, slot_address).await?;
        set_holds_cleaner(ctx, port, false)?;
        set_holds_cleaner(ctx, slot_address, true)?;
        set_uses(ctx, Some(job.uses))?;
        ctx.db().write(|tx| crate::oprequest::resolve(tx, OpRequestKind::Cleaner, ctx.library()))?;
        Ok(Outcome::default())
    }
    .await;
    if result.is_err() {
        settle(ctx).await;
    }
    result
}

pub(crate) async fn run_eject_cleaner(ctx: &JobCtx, job: EjectCleanerJob) -> Result<Outcome> {
    let result = async {
        let (slot, uses) = cleaner_of(ctx)?;
        if uses.is_none() {
            return Err(Error::new(ErrorKind::InvalidCleaner, "the library has no cleaner installed"));
        }
        let slot_address =
            address_of(&slot).ok_or_else(|| Error::invalid("the cleaner slot has no element address"))?;
        let library = ctx.library();
        let port = ctx.db().read(|conn| {
            let ports = db::query(conn, ObjectType::IePort, "t.library = ?1 ORDER BY t.number", [library])?;
            Ok(ports.into_iter().find(|p| {
                matches!(&p.detail, Detail::IePort(i) if i.media.is_none() && i.content == PortContent::Empty)
                    && job.port.is_none_or(|a| address_of(p) == Some(a))
            }))
        })?;
        let port = port.ok_or_else(|| Error::new(ErrorKind::IeportFull, "every IE port is full"))?;
        let port_address = address_of(&port).ok_or_else(|| Error::invalid("a port has no element address"))?;
        ctx.ensure_robot_ready().await?;
        ctx.set_port_extended(port_address, false).await?;
        ctx.move_medium(slot_address, port_address).await?;
        ctx.set_port_extended(port_address, true).await?;
        set_holds_cleaner(ctx, slot_address, false)?;
        set_holds_cleaner(ctx, port_address, true)?;
        set_uses(ctx, None)?;
        Ok(Outcome::default())
    }
    .await;
    if result.is_err() {
        settle(ctx).await;
    }
    result
}

impl Session {
    /// Reserve a slot for the library's cleaner (`ReserveNtmsCleanerSlot`). The slot must be empty
    /// (`NOT_EMPTY`); a library with a cleaner slot already is refused with `CLEANER_SLOT_SET`.
    pub fn reserve_cleaner_slot(&self, library: ObjectId, slot: ObjectId) -> Result<()> {
        self.db()?.write(|tx| {
            let mut lib = db::load_as(tx, library, ObjectType::Library)?;
            if library_info(&lib)?.cleaner_slot.is_some() {
                return Err(Error::new(
                    ErrorKind::CleanerSlotSet,
                    format!("library {} has a cleaner slot already", lib.name),
                ));
            }
            let s = db::load_as(tx, slot, ObjectType::StorageSlot)?;
            let Detail::StorageSlot(info) = &s.detail else { unreachable!("loaded as a slot") };
            if info.library != library {
                return Err(Error::invalid(format!("slot {} is not in library {}", s.name, lib.name)));
            }
            if info.media.is_some() || info.slot_state != SlotState::Empty {
                return Err(Error::new(ErrorKind::NotEmpty, format!("slot {} is not empty", s.name)));
            }
            library_info_mut(&mut lib).cleaner_slot = Some(slot);
            db::save(tx, &mut lib)
        })
    }

    /// Release the cleaner slot (`ReleaseNtmsCleanerSlot`); the cleaner must have been ejected
    /// (`CLEANER_CARTRIDGE_INSTALLED` otherwise).
    pub fn release_cleaner_slot(&self, library: ObjectId) -> Result<()> {
        self.db()?.write(|tx| {
            let mut lib = db::load_as(tx, library, ObjectType::Library)?;
            let info = library_info(&lib)?;
            if info.cleaner_slot.is_none() {
                return Err(Error::new(
                    ErrorKind::CleanerSlotNotSet,
                    format!("library {} has no cleaner slot", lib.name),
                ));
            }
            if info.cleaner_uses_left.is_some() {
                return Err(Error::new(ErrorKind::CleanerCartridgeInstalled, "eject the cleaner first"));
            }
            library_info_mut(&mut lib).cleaner_slot = None;
            db::save(tx, &mut lib)
        })
    }

    /// Take a cleaner in from an IE port to the cleaner slot (`InjectNtmsCleaner`), with its
    /// number of uses.
    pub fn inject_cleaner(&self, library: ObjectId, uses: u32, port: Option<ObjectId>) -> Result<()> {
        crate::runtime::block_on(self.inject_cleaner_async(library, uses, port))?
    }

    /// Like [`inject_cleaner`](Session::inject_cleaner), asynchronously.
    pub async fn inject_cleaner_async(&self, library: ObjectId, uses: u32, port: Option<ObjectId>) -> Result<()> {
        let lib = self.db()?.read(|conn| db::load_as(conn, library, ObjectType::Library))?;
        let info = library_info(&lib)?;
        if info.cleaner_slot.is_none() {
            return Err(Error::new(ErrorKind::CleanerSlotNotSet, format!("library {} has no cleaner slot", lib.name)));
        }
        if info.cleaner_uses_left.is_some() {
            return Err(Error::new(ErrorKind::CleanerCartridgeInstalled, "a cleaner is installed already"));
        }
        let port = match port {
            Some(p) => Some(self.db()?.read(|conn| {
                let object = db::load_as(conn, p, ObjectType::IePort)?;
                address_of(&object).ok_or_else(|| Error::invalid("the port has no element address"))
            })?),
            None => None,
        };
        let rt = self.library_runtime(library).await?;
        let (request, receiver) = rt.submit(
            self,
            NewRequest::new(LibRequestOperation::InjectCleaner),
            Job::InjectCleaner(InjectCleanerJob { port, uses }),
        )?;
        await_outcome(&rt, self, request.id, receiver, None).await.map(|_| ())
    }

    /// Put the cleaner out to an IE port (`EjectNtmsCleaner`).
    pub fn eject_cleaner(&self, library: ObjectId, port: Option<ObjectId>) -> Result<()> {
        crate::runtime::block_on(self.eject_cleaner_async(library, port))?
    }

    /// Like [`eject_cleaner`](Session::eject_cleaner), asynchronously.
    pub async fn eject_cleaner_async(&self, library: ObjectId, port: Option<ObjectId>) -> Result<()> {
        let port = match port {
            Some(p) => Some(self.db()?.read(|conn| {
                let object = db::load_as(conn, p, ObjectType::IePort)?;
                address_of(&object).ok_or_else(|| Error::invalid("the port has no element address"))
            })?),
            None => None,
        };
        let rt = self.library_runtime(library).await?;
        let (request, receiver) = rt.submit(
            self,
            NewRequest::new(LibRequestOperation::EjectCleaner),
            Job::EjectCleaner(EjectCleanerJob { port }),
        )?;
        await_outcome(&rt, self, request.id, receiver, None).await.map(|_| ())
    }

    /// Clean a drive (`CleanNtmsDrive`) with the library's cleaner; its uses left go down by one.
    pub fn clean_drive(&self, drive: ObjectId) -> Result<()> {
        crate::runtime::block_on(self.clean_drive_async(drive))?
    }

    /// Like [`clean_drive`](Session::clean_drive), asynchronously.
    pub async fn clean_drive_async(&self, drive: ObjectId) -> Result<()> {
        let object = self.db()?.read(|conn| db::load(conn, drive))?;
        let library = drive_info(&object)?.library;
        let rt = self.library_runtime(library).await?;
        let mut new = NewRequest::new(LibRequestOperation::CleanDrive);
        new.drive = Some(drive);
        let (request, receiver) = rt.submit(self, new, Job::Clean(CleanJob { drive }))?;
        await_outcome(&rt, self, request.id, receiver, None).await.map(|_| ())
    }
}
