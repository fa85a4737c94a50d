//! `rsm mount`, `rsm dismount`, `rsm inject`, `rsm eject`, `rsm clean`, `rsm cleaner ...`: library
//! requests that move media.

use std::time::Duration;

use clap::{Args, Subcommand};
use openrsm::{
    Detail, DismountOptions, EjectOptions, InjectOptions, MountOptions, Object, ObjectId, ObjectType, Result, Timeout,
};
use serde::Serialize;

use crate::context::Context;
use crate::library::library;
use crate::output::{render, table, Names};

/// `rsm mount`
#[derive(Debug, Args)]
pub struct MountArgs {
    /// The media to mount: logical media, sides, or media by barcode, name or id.
    #[arg(required = true)]
    pub media: Vec<String>,
    /// Mount for writing too (refused for complete sides).
    #[arg(long)]
    pub write: bool,
    /// Mount in these drives, one per medium, in order.
    #[arg(long = "drive", value_name = "DRIVE")]
    pub drives: Vec<String>,
    /// Fail at once when a medium or drive is busy.
    #[arg(long)]
    pub error_if_unavailable: bool,
    /// Fail at once for media outside every library.
    #[arg(long)]
    pub error_if_offline: bool,
    /// Return once the requests are queued.
    #[arg(long)]
    pub nowait: bool,
    /// −15..15, higher first.
    #[arg(long, default_value_t = 0, allow_negative_numbers = true)]
    pub priority: i32,
    /// Give up (undoing everything) after this many seconds.
    #[arg(long, value_name = "SECS")]
    pub timeout: Option<f64>,
}

/// `rsm dismount`
#[derive(Debug, Args)]
pub struct DismountArgs {
    /// The media to dismount.
    #[arg(required = true)]
    pub media: Vec<String>,
    /// Leave them in their drives for a later mount.
    #[arg(long)]
    pub deferred: bool,
}

/// `rsm inject`
#[derive(Debug, Args)]
pub struct InjectArgs {
    /// The library (name or id).
    pub library: Option<String>,
    /// Only this IE port (name or id).
    #[arg(long)]
    pub port: Option<String>,
    /// Open the ports for an operator and return the request; finish with `--stop REQUEST`.
    #[arg(long, conflicts_with = "stop")]
    pub start: bool,
    /// Finish a started inject: take in what the operator put in the ports.
    #[arg(long, value_name = "REQUEST")]
    pub stop: Option<String>,
}

/// `rsm eject`
#[derive(Debug, Args)]
pub struct EjectArgs {
    /// The media to eject.
    #[arg(required = true)]
    pub media: Vec<String>,
    /// Queue what does not fit in the ports now (default: refuse unless all fit).
    #[arg(long)]
    pub queue: bool,
    /// Eject mounted media too.
    #[arg(long)]
    pub force: bool,
    /// Only through this IE port (name or id).
    #[arg(long)]
    pub port: Option<String>,
    /// Return once the requests are queued.
    #[arg(long)]
    pub nowait: bool,
}

/// `rsm clean`
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// The drive (name or id).
    pub drive: String,
}

/// `rsm cleaner ...`
#[derive(Debug, Subcommand)]
pub enum CleanerCommand {
    /// Reserve an empty slot for the library's cleaner.
    Reserve {
        /// The library.
        library: String,
        /// The slot (name or id).
        slot: String,
    },
    /// Release the cleaner slot (the cleaner must be ejected).
    Release {
        /// The library.
        library: String,
    },
    /// Take a cleaner in from an IE port.
    Inject {
        /// The library.
        library: String,
        /// Its cleaning uses.
        #[arg(long)]
        uses: u32,
    },
    /// Put the cleaner out to an IE port.
    Eject {
        /// The library.
        library: String,
    },
}

fn media(ctx: &Context, texts: &[String]) -> Result<Vec<Object>> {
    texts
        .iter()
        .map(|t| ctx.resolve_first(&[ObjectType::LogicalMedia, ObjectType::PhysicalMedia, ObjectType::Partition], t))
        .collect()
}

fn timeout(secs: Option<f64>) -> Timeout {
    secs.map_or(Timeout::Infinite, |s| Timeout::After(Duration::from_secs_f64(s.max(0.0))))
}

/// `rsm mount`
pub fn mount(ctx: &Context, args: MountArgs) -> Result<()> {
    let session = ctx.session()?;
    let targets = media(ctx, &args.media)?;
    let mut options = MountOptions {
        write: args.write,
        priority: args.priority,
        timeout: timeout(args.timeout),
        ..Default::default()
    };
    options.error_if_unavailable = args.error_if_unavailable;
    options.error_if_offline = args.error_if_offline;
    options.nowait = args.nowait;
    for d in &args.drives {
        options.drives.push(ctx.resolve(Some(ObjectType::Drive), d)?.id);
    }
    let ids: Vec<ObjectId> = targets.iter().map(|t| t.id).collect();
    let mounted = session.mount(&ids, &options)?;
    ctx.out.emit(&mounted, || {
        let names = Names::new(session);
        let mut t = table(["MEDIA", "DRIVE", "DEVICE", "REQUEST"]);
        for m in &mounted {
            t.add_row([
                names.label(m.physical_media),
                m.drive.map_or_else(|| "(queued)".into(), |d| names.label(d)),
                m.device_path.clone().unwrap_or_else(|| "-".into()),
                m.request.to_string(),
            ]);
        }
        render(t)
    })
}

/// `rsm dismount`
pub fn dismount(ctx: &Context, args: DismountArgs) -> Result<()> {
    let session = ctx.session()?;
    let targets = media(ctx, &args.media)?;
    let ids: Vec<ObjectId> = targets.iter().map(|t| t.id).collect();
    let options = if args.deferred { DismountOptions::deferred() } else { DismountOptions::immediate() };
    session.dismount(&ids, &options)?;
    ctx.out.ack("dismount", &ids, || {
        let names: Vec<&str> = targets.iter().map(|t| t.name.as_str()).collect();
        format!("dismounted {}{}", names.join(", "), if args.deferred { " (deferred)" } else { "" })
    })
}

#[derive(Debug, Serialize)]
struct Injected {
    request: Option<ObjectId>,
    media: Vec<Object>,
}

/// `rsm inject`
pub fn inject(ctx: &Context, args: InjectArgs) -> Result<()> {
    let session = ctx.session()?;
    if let Some(request) = &args.stop {
        let request = ctx.resolve(Some(ObjectType::LibRequest), request)?;
        let media = session.stop_inject(request.id)?;
        return print_injected(ctx, Some(request.id), &media);
    }
    let lib = library(ctx, args.library.as_deref().unwrap_or_default())?;
    let mut options = InjectOptions::default();
    if let Some(port) = &args.port {
        options.port = Some(ctx.resolve(Some(ObjectType::IePort), port)?.id);
    }
    if args.start {
        let request = session.start_inject(lib.id, &options)?;
        return ctx.out.ack("inject start", &[request], || {
            format!("the IE ports of {} are open for an operator; finish with: rsm inject --stop {request}", lib.name)
        });
    }
    let media = session.inject(lib.id, &options)?;
    print_injected(ctx, None, &media)
}

fn print_injected(ctx: &Context, request: Option<ObjectId>, ids: &[ObjectId]) -> Result<()> {
    let session = ctx.session()?;
    let media: Vec<Object> = ids.iter().map(|id| session.object(*id)).collect::<Result<_>>()?;
    ctx.out.emit(&Injected { request, media: media.clone() }, || {
        if media.is_empty() {
            return "nothing to inject: the IE ports are empty".into();
        }
        format!("injected {} media\n{}", media.len(), crate::library::media_table(session, &media))
    })
}

/// `rsm eject`
pub fn eject(ctx: &Context, args: EjectArgs) -> Result<()> {
    let session = ctx.session()?;
    let targets = media(ctx, &args.media)?;
    let ids: Vec<ObjectId> = targets.iter().map(|t| t.id).collect();
    let mut options = EjectOptions { force: args.force, nowait: args.nowait, ..Default::default() };
    if args.queue {
        options = options.queue();
    }
    if let Some(port) = &args.port {
        options.port = Some(ctx.resolve(Some(ObjectType::IePort), port)?.id);
    }
    let requests = session.eject(&ids, &options)?;
    ctx.out.ack("eject", &requests, || {
        let names = Names::new(session);
        let lines: Vec<String> = targets
            .iter()
            .map(|t| {
                let now = session.object(t.id).ok();
                let place = match now.as_ref().map(|o| &o.detail) {
                    Some(Detail::PhysicalMedia(i)) => {
                        i.location.element.map_or_else(|| i.location.kind.name().to_lowercase(), |e| names.label(e))
                    }
                    _ => "-".into(),
                };
                format!("{} → {place}", t.name)
            })
            .collect();
        format!("ejected:\n  {}", lines.join("\n  "))
    })
}

/// `rsm clean DRIVE`
pub fn clean(ctx: &Context, args: CleanArgs) -> Result<()> {
    let session = ctx.session()?;
    let drive = ctx.resolve(Some(ObjectType::Drive), &args.drive)?;
    session.clean_drive(drive.id)?;
    let left = match &drive.detail {
        Detail::Drive(d) => session.object(d.library).ok().and_then(|l| match l.detail {
            Detail::Library(i) => i.cleaner_uses_left,
            _ => None,
        }),
        _ => None,
    };
    ctx.out.ack("clean", &[drive.id], || {
        format!(
            "cleaned {}; the cleaner has {} uses left",
            drive.name,
            left.map_or_else(|| "?".into(), |u| u.to_string())
        )
    })
}

/// `rsm cleaner ...`
pub fn cleaner(ctx: &Context, command: CleanerCommand) -> Result<()> {
    let session = ctx.session()?;
    match command {
        CleanerCommand::Reserve { library: l, slot } => {
            let lib = library(ctx, &l)?;
            let slot = ctx.resolve(Some(ObjectType::StorageSlot), &slot)?;
            session.reserve_cleaner_slot(lib.id, slot.id)?;
            ctx.out.ack("cleaner reserve", &[lib.id, slot.id], || {
                format!("{} is the cleaner slot of {}", slot.name, lib.name)
            })
        }
        CleanerCommand::Release { library: l } => {
            let lib = library(ctx, &l)?;
            session.release_cleaner_slot(lib.id)?;
            ctx.out.ack("cleaner release", &[lib.id], || format!("{} has no cleaner slot now", lib.name))
        }
        CleanerCommand::Inject { library: l, uses } => {
            let lib = library(ctx, &l)?;
            session.inject_cleaner(lib.id, uses, None)?;
            ctx.out.ack("cleaner inject", &[lib.id], || format!("{} has a cleaner with {uses} uses", lib.name))
        }
        CleanerCommand::Eject { library: l } => {
            let lib = library(ctx, &l)?;
            session.eject_cleaner(lib.id, None)?;
            ctx.out.ack("cleaner eject", &[lib.id], || format!("the cleaner of {} is in an IE port", lib.name))
        }
    }
}
