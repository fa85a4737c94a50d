//! `rsm demo`: OpenRSM's main job on a virtual library, step by step, with the notifications each
//! step produced.

use std::collections::BTreeMap;
use std::time::Instant;

use clap::Args;
use openrsm::library::{VirtualDelays, VirtualLibrarySpec};
use openrsm::media::CreateMode;
use openrsm::scsi::ScsiLibrarySpec;
use openrsm::{
    AllocateOptions, Detail, DismountOptions, EjectOptions, Event, InjectOptions, InventoryOptions, LocationKind,
    MountOptions, Notification, Object, ObjectId, ObjectType, Omid, PoolOptions, Result, Session,
};
use serde::Serialize;

use crate::context::Context;
use crate::library::{inventory_with_progress, media_table, progress_bar, slot_map};

/// `rsm demo`
#[derive(Debug, Args)]
pub struct DemoArgs {
    /// The demo library's name (created on the first run, reused after).
    #[arg(long, default_value = "demo")]
    pub name: String,
    /// A robot with no delays.
    #[arg(long)]
    pub instant: bool,
    /// Run on a SCSI tape library over iSCSI (`iscsi://host:port/iqn/lun`) instead of a virtual one.
    #[arg(long, value_name = "URL", conflicts_with = "scsi")]
    pub iscsi: Option<String>,
    /// Run on a SCSI tape library at this changer device (`/dev/sch0`) instead of a virtual one.
    #[arg(long, value_name = "DEVICE")]
    pub scsi: Option<String>,
    /// A drive of the SCSI library, in element order (repeat; default: discovered).
    #[arg(long = "drive", value_name = "DEVICE")]
    pub drives: Vec<String>,
}

impl DemoArgs {
    /// The SCSI changer to run on, if one was named.
    fn changer(&self) -> Option<&str> {
        self.iscsi.as_deref().or(self.scsi.as_deref())
    }
}

/// What one step did, for `--json`.
#[derive(Debug, Serialize)]
struct StepReport {
    step: String,
    detail: String,
    seconds: f64,
    notifications: Vec<Count>,
}

/// How many notifications of one kind a step produced.
#[derive(Debug, Serialize)]
struct Count {
    object_type: String,
    operation: String,
    count: usize,
}

/// The end of the demo, for `--json`.
#[derive(Debug, Serialize)]
struct Final {
    library: ObjectId,
    media: Vec<Object>,
    consistent: bool,
}

struct Demo<'a> {
    ctx: &'a Context,
    events: Notification,
    started: Instant,
}

impl Demo<'_> {
    fn heading(&self, number: usize, title: &str) -> Result<()> {
        if self.ctx.out.is_json() {
            return Ok(());
        }
        self.ctx.out.text(&format!("\n{number}. {title}"))
    }

    /// Report a step: what it did and the notifications it caused.
    fn report(&mut self, step: &str, detail: String) -> Result<()> {
        let mut events: Vec<Event> = Vec::new();
        while let Ok(Some(e)) = self.events.try_next() {
            events.push(e);
        }
        let mut counts: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut order: Vec<(String, String)> = Vec::new();
        for e in &events {
            let key = (e.object_type.name().to_owned(), e.operation.name().to_owned());
            if !counts.contains_key(&key) {
                order.push(key.clone());
            }
            *counts.entry(key).or_default() += 1;
        }
        let seconds = self.started.elapsed().as_secs_f64();
        self.started = Instant::now();
        let report = StepReport {
            step: step.to_owned(),
            detail: detail.clone(),
            seconds,
            notifications: order
                .iter()
                .map(|k| Count { object_type: k.0.clone(), operation: k.1.clone(), count: counts[k] })
                .collect(),
        };
        self.ctx.out.emit(&report, || {
            let mut text = String::new();
            for line in detail.lines() {
                text.push_str(&format!("   {line}\n"));
            }
            text.push_str(&format!("   {} notifications in {seconds:.2} s", events.len()));
            let mut by_type: Vec<(String, Vec<String>)> = Vec::new();
            for (t, op) in &order {
                let item = format!("{} {}", op.to_lowercase(), counts[&(t.clone(), op.clone())]);
                match by_type.iter_mut().find(|(name, _)| name == t) {
                    Some((_, items)) => items.push(item),
                    None => by_type.push((t.clone(), vec![item])),
                }
            }
            for (t, items) in by_type {
                text.push_str(&format!("\n     {t:<15} {}", items.join(", ")));
            }
            text
        })
    }
}

fn barcode(session: &Session, media: ObjectId) -> String {
    match session.object(media) {
        Ok(Object { detail: Detail::PhysicalMedia(m), name, .. }) => m.barcode.unwrap_or(name),
        _ => media.to_string(),
    }
}

fn physical_of(logical: &Object) -> Option<ObjectId> {
    match &logical.detail {
        Detail::LogicalMedia(l) => Some(l.physical_media),
        _ => None,
    }
}

/// `rsm demo`
pub fn run(ctx: &Context, args: DemoArgs) -> Result<()> {
    let session = ctx.session()?;
    let delays = if args.instant { VirtualDelays::none() } else { VirtualDelays::realistic() };
    if !ctx.out.is_json() {
        ctx.out.text(&format!("OpenRSM demo — home {}", session.home()?.display()))?;
    }
    let events = session.open_notification(&[])?;
    let mut demo = Demo { ctx, events, started: Instant::now() };

    // 1. The library: created on the first run, reused (and tidied up) after.
    let existing = session.find_by_name(Some(ObjectType::Library), &args.name)?.into_iter().next();
    let (library, what) = match (args.changer(), existing) {
        (Some(changer), existing) => {
            demo.heading(1, "a SCSI tape library")?;
            match existing {
                Some(lib) => (lib, "reused"),
                None => {
                    let mut spec = ScsiLibrarySpec::new(changer);
                    spec.drives = args.drives.clone();
                    (session.add_scsi_library(&args.name, &spec)?, "added")
                }
            }
        }
        (None, Some(lib)) => {
            demo.heading(1, "a virtual tape library")?;
            let vlib = session.virtual_library(lib.id)?;
            vlib.clear_faults()?;
            vlib.set_delays(delays)?;
            let _ = vlib.close_door();
            if vlib.is_jammed() {
                vlib.clear_jam()?;
            }
            (lib, "reused")
        }
        (None, None) => {
            demo.heading(1, "a virtual tape library")?;
            let spec =
                VirtualLibrarySpec::new(2, 24, 2).media("LTO-6", 16).barcode_prefix("DEMO").cleaner(10).delays(delays);
            (session.create_virtual_library(&args.name, spec)?, "created")
        }
    };
    // Whatever an earlier run left in drives or ports goes back to the slots.
    for drive in session.enumerate(Some(library.id), ObjectType::Drive)? {
        if matches!(&drive.detail, Detail::Drive(d) if d.media.is_some()) {
            session.dismount_drive(drive.id)?;
        }
    }
    let driver = match &library.detail {
        Detail::Library(l) => l.driver.clone().unwrap_or_default(),
        _ => String::new(),
    };
    demo.report("library", format!("{what} library {} ({driver})", library.name))?;

    // 2. Inventory, with a progress bar.
    // A virtual library's barcodes say enough; media new to a SCSI library are loaded and their
    // labels read, so that blank tapes are known to be scratch.
    let full = args.changer().is_some();
    demo.heading(2, if full { "inventory (barcodes and labels)" } else { "inventory (barcode scan)" })?;
    let bar = progress_bar(ctx, "inventory");
    let options = if full { InventoryOptions::full() } else { InventoryOptions::fast() };
    inventory_with_progress(session, library.id, &options, &bar)?;
    let ports_full = session
        .enumerate(Some(library.id), ObjectType::IePort)?
        .iter()
        .any(|p| matches!(&p.detail, Detail::IePort(i) if i.media.is_some()));
    let injected = if ports_full { session.inject(library.id, &InjectOptions::default())? } else { Vec::new() };
    let media = session.enumerate(Some(library.id), ObjectType::PhysicalMedia)?;
    let mut detail = format!("{} media in the library", media.len());
    if !injected.is_empty() {
        detail.push_str(&format!("; {} left in the IE ports were taken back in", injected.len()));
    }
    demo.report("inventory", detail)?;

    // 3. Scratch media into an application pool.
    demo.heading(3, "allocate scratch media to an application pool")?;
    let lto = session.ensure_media_type("LTO-6")?;
    let pool = session.create_media_pool(
        "Demo/Backups",
        PoolOptions::default().media_type(lto.id).create_parents().mode(CreateMode::OpenAlways),
    )?;
    for old in session.enumerate(Some(pool.id), ObjectType::LogicalMedia)? {
        session.deallocate_media(old.id)?;
    }
    let first = session.allocate_media(pool.id, AllocateOptions::default().new_media())?;
    let second = session.allocate_media(pool.id, AllocateOptions::default().new_media())?;
    let (first_media, second_media) = match (physical_of(&first), physical_of(&second)) {
        (Some(a), Some(b)) => (a, b),
        _ => return Err(openrsm::Error::new(openrsm::ErrorKind::InvalidMedia, "allocation returned no logical media")),
    };
    demo.report(
        "allocate",
        format!("pool Demo/Backups got {} and {}", barcode(session, first_media), barcode(session, second_media)),
    )?;

    // 4. Mount for writing, write a label, dismount.
    demo.heading(4, "mount, write a label, dismount")?;
    let mounted = session.mount(&[first.id], &MountOptions::default().write())?;
    let drive = mounted[0].drive.map(|d| session.object(d).map(|o| o.name)).transpose()?.unwrap_or_default();
    let code = barcode(session, first_media);
    let volume: String =
        code.chars().filter(char::is_ascii_alphanumeric).rev().take(6).collect::<Vec<_>>().into_iter().rev().collect();
    // A virtual drive is an image file; a SCSI drive's first block is the application's to write.
    if let Some(device) = mounted[0].device_path.as_deref().filter(|d| std::path::Path::new(d).is_file()) {
        let label = openrsm::media::label::sample_label("VOL1", &volume)?;
        std::fs::write(device, &label).map_err(|e| {
            openrsm::Error::new(openrsm::ErrorKind::DeviceNotAvailable, format!("cannot write to {device}"))
                .with_source(e)
        })?;
    }
    session.update_omid_info(
        first.id,
        Omid { label_type: "VOL1".into(), label_id: volume.clone(), application: Some("rsm demo".into()) },
    )?;
    session.dismount(&[first.id], &DismountOptions::immediate())?;
    demo.report(
        "mount",
        format!(
            "{code} mounted in {drive} at {}, labelled VOL1 {volume}, dismounted back to its slot",
            mounted[0].device_path.as_deref().unwrap_or("-")
        ),
    )?;

    // 5. Eject one cartridge.
    demo.heading(5, "eject a cartridge to an IE port")?;
    session.eject(&[second_media], &EjectOptions::default())?;
    let place = match session.object(second_media)?.detail {
        Detail::PhysicalMedia(m) if m.location.kind == LocationKind::IePort => {
            m.location.element.map(|e| session.object(e).map(|o| o.name)).transpose()?.unwrap_or_default()
        }
        _ => "?".into(),
    };
    demo.report(
        "eject",
        format!("{} is in {place}, the port extended for the operator", barcode(session, second_media)),
    )?;

    // 6. Inject it back.
    demo.heading(6, "inject it back")?;
    let back = session.inject(library.id, &InjectOptions::default())?;
    let slot = match session.object(second_media)?.detail {
        Detail::PhysicalMedia(m) => {
            m.location.element.map(|e| session.object(e).map(|o| o.name)).transpose()?.unwrap_or_default()
        }
        _ => String::new(),
    };
    demo.report(
        "inject",
        format!("{} media taken in; {} is back in {slot}", back.len(), barcode(session, second_media)),
    )?;

    // 7. Where everything is.
    let media = session.enumerate(Some(library.id), ObjectType::PhysicalMedia)?;
    let problems = session.verify_library(library.id)?;
    let library = session.object(library.id)?;
    if ctx.out.is_json() {
        ctx.out.json_line(&Final { library: library.id, media, consistent: problems.is_empty() })?;
    } else {
        ctx.out.text(&format!("\n7. inventory\n{}", media_table(session, &media)))?;
        ctx.out.text(&format!("\n{}", slot_map(session, &library)?))?;
        if problems.is_empty() {
            ctx.out.text("\nthe database matches the library")?;
        } else {
            for p in &problems {
                ctx.out.text(&format!("  discrepancy: {p}"))?;
            }
        }
    }
    if !problems.is_empty() {
        return Err(openrsm::Error::new(
            openrsm::ErrorKind::DatabaseFailure,
            "the database does not match the library",
        ));
    }
    Ok(())
}
