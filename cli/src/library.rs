//! `rsm vlib ...`, `rsm libraries`, `rsm drives`, `rsm slots`, `rsm map`, `rsm inventory`,
//! `rsm verify`, `rsm detect`, `rsm door`: libraries, their elements, and virtual libraries.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Subcommand, ValueEnum};
use openrsm::library::{CartridgeSpec, DetectionTargets, VirtualDelays, VirtualFault, VirtualLibrarySpec};
use openrsm::{
    Detail, Error, ErrorKind, InventoryOptions, LibRequestState, Object, ObjectId, ObjectType, Operation, Result,
    Session, Timeout,
};
use serde::Serialize;

use crate::context::Context;
use crate::output::{render, table, Names};

/// `rsm vlib ...`
#[derive(Debug, Subcommand)]
pub enum VlibCommand {
    /// Create a virtual library and register it as an ONLINE library.
    Create(VlibCreateArgs),
    /// An operator puts a cartridge into an IE port of a virtual library.
    Insert(VlibInsertArgs),
    /// An operator takes the cartridge out of an IE port of a virtual library.
    Take {
        /// The library (name or id).
        library: String,
        /// The IE port number (from 0).
        #[arg(long, default_value_t = 0)]
        port: u32,
    },
    /// An operator opens or closes the door of a virtual library (opening needs `rsm door` first).
    Door {
        /// The library (name or id).
        library: String,
        /// open or close.
        action: DoorAction,
    },
    /// Give a virtual library a fault, or repair its faults.
    Fault(VlibFaultArgs),
    /// An operator clears a jammed robot.
    ClearJam {
        /// The library (name or id).
        library: String,
    },
}

/// open or close.
#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DoorAction {
    /// Open the door.
    Open,
    /// Close the door.
    Close,
}

/// How fast the virtual robot is.
#[derive(Debug, Clone, Copy, ValueEnum, Default)]
pub enum Speed {
    /// No delays.
    #[default]
    Instant,
    /// Moves of a fraction of a second.
    Realistic,
}

/// `rsm vlib create`
#[derive(Debug, Args)]
pub struct VlibCreateArgs {
    /// The library's name.
    pub name: String,
    /// Number of drives.
    #[arg(long, default_value_t = 2)]
    pub drives: u32,
    /// Number of storage slots.
    #[arg(long, default_value_t = 20)]
    pub slots: u32,
    /// Number of IE ports.
    #[arg(long, default_value_t = 1)]
    pub ieports: u32,
    /// Cartridges to put in: TYPE:COUNT (repeatable), e.g. `--media LTO-6:10`.
    #[arg(long, value_name = "TYPE:COUNT", value_parser = parse_media)]
    pub media: Vec<(String, u32)>,
    /// Barcode prefix (default: from the name).
    #[arg(long, value_name = "P")]
    pub barcode_prefix: Option<String>,
    /// Put a cleaner with this many uses in the last slot.
    #[arg(long, value_name = "USES")]
    pub cleaner: Option<u32>,
    /// A standalone drive instead (one drive, no robot).
    #[arg(long)]
    pub standalone: bool,
    /// How fast the robot is.
    #[arg(long, value_enum, default_value_t)]
    pub speed: Speed,
    /// Its directory (default: under the home).
    #[arg(long)]
    pub dir: Option<PathBuf>,
}

fn parse_media(text: &str) -> std::result::Result<(String, u32), String> {
    let (name, count) = text.rsplit_once(':').ok_or_else(|| format!("{text:?}: expected TYPE:COUNT"))?;
    let count = count.parse::<u32>().map_err(|_| format!("{count:?} is not a count"))?;
    if name.is_empty() {
        return Err("the media type is empty".into());
    }
    Ok((name.to_owned(), count))
}

/// `rsm vlib insert`
#[derive(Debug, Args)]
pub struct VlibInsertArgs {
    /// The library (name or id).
    pub library: String,
    /// The cartridge's barcode (none: an unlabeled cartridge).
    pub barcode: Option<String>,
    /// The IE port number (from 0).
    #[arg(long, default_value_t = 0)]
    pub port: u32,
    /// Its media type (default: the library's).
    #[arg(long = "type", value_name = "TYPE")]
    pub media_type: Option<String>,
    /// Write a sample label of this kind on it (VOL1, LTFS, ISO9660, TAR, BACULA, BAREOS, AMANDA).
    #[arg(long, value_name = "KIND")]
    pub label: Option<String>,
    /// Make it a cleaner with this many uses.
    #[arg(long, value_name = "USES")]
    pub cleaner: Option<u32>,
}

/// `rsm vlib fault`
#[derive(Debug, Args)]
pub struct VlibFaultArgs {
    /// The library (name or id).
    pub library: String,
    /// jam, drive-load:N, door-open, port-full:N, unreadable:BARCODE, cleaner-spent, or clear.
    pub fault: String,
}

fn parse_fault(text: &str) -> Result<Option<VirtualFault>> {
    let (name, arg) = text.split_once(':').unwrap_or((text, ""));
    let number = || {
        arg.parse::<u32>()
            .map_err(|_| Error::new(ErrorKind::InvalidParameter, format!("{text:?}: expected a number after ':'")))
    };
    Ok(Some(match name {
        "clear" => return Ok(None),
        "jam" => VirtualFault::MoveJam,
        "drive-load" => VirtualFault::DriveLoadFailure { drive: number()? },
        "door-open" => VirtualFault::DoorLeftOpen,
        "port-full" => VirtualFault::IePortFull { port: number()? },
        "unreadable" if !arg.is_empty() => VirtualFault::UnreadableBarcode { barcode: arg.to_owned() },
        "cleaner-spent" => VirtualFault::CleanerSpent,
        _ => {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                format!("unknown fault {text:?}: jam, drive-load:N, door-open, port-full:N, unreadable:BARCODE, cleaner-spent, clear"),
            ))
        }
    }))
}

/// A library argument.
#[derive(Debug, Args)]
pub struct LibraryArg {
    /// The library (name or id).
    pub library: String,
}

/// `rsm drives`
#[derive(Debug, Args)]
pub struct DrivesArgs {
    /// Only the drives of this library (name or id).
    pub library: Option<String>,
}

/// `rsm inventory`
#[derive(Debug, Args)]
pub struct InventoryArgs {
    /// The library (name or id).
    pub library: String,
    /// A full inventory: read the label of every medium (default: barcodes only).
    #[arg(long)]
    pub full: bool,
}

/// The library named `text`.
pub fn library(ctx: &Context, text: &str) -> Result<Object> {
    ctx.resolve(Some(ObjectType::Library), text)
}

/// `rsm vlib ...`
pub fn vlib(ctx: &Context, command: VlibCommand) -> Result<()> {
    let session = ctx.session()?;
    match command {
        VlibCommand::Create(args) => {
            let mut spec = if args.standalone {
                VirtualLibrarySpec::standalone()
            } else {
                VirtualLibrarySpec::new(args.drives, args.slots, args.ieports)
            };
            spec.media = args.media;
            spec.barcode_prefix = args.barcode_prefix;
            spec.cleaner = args.cleaner;
            spec.dir = args.dir;
            spec.delays = match args.speed {
                Speed::Instant => VirtualDelays::none(),
                Speed::Realistic => VirtualDelays::realistic(),
            };
            let created = session.create_virtual_library(&args.name, spec)?;
            let media = session.enumerate(Some(created.id), ObjectType::PhysicalMedia)?.len();
            ctx.out.emit(&created, || format!("created library {} ({}) with {media} media", created.name, created.id))
        }
        VlibCommand::Insert(args) => {
            let lib = library(ctx, &args.library)?;
            let vlib = session.virtual_library(lib.id)?;
            let mut spec = match &args.barcode {
                Some(b) => CartridgeSpec::new(b),
                None => CartridgeSpec::unlabeled(),
            };
            spec.media_type = args.media_type;
            spec.cleaner_uses = args.cleaner;
            if let Some(kind) = &args.label {
                let id = args.barcode.clone().unwrap_or_else(|| "VOLUME".into());
                spec.label = openrsm::media::label::sample_label(kind, &id.chars().take(6).collect::<String>())?;
            }
            vlib.insert_into_port(args.port, spec)?;
            ctx.out.ack("vlib insert", &[lib.id], || {
                format!(
                    "put {} into IE port {} of {}",
                    args.barcode.as_deref().unwrap_or("a cartridge"),
                    args.port,
                    lib.name
                )
            })
        }
        VlibCommand::Take { library: name, port } => {
            let lib = library(ctx, &name)?;
            let taken = session.virtual_library(lib.id)?.take_from_port(port)?;
            ctx.out.ack("vlib take", &[lib.id], || {
                format!("took {} out of IE port {port} of {}", taken.as_deref().unwrap_or("a cartridge"), lib.name)
            })
        }
        VlibCommand::Door { library: name, action } => {
            let lib = library(ctx, &name)?;
            let vlib = session.virtual_library(lib.id)?;
            match action {
                DoorAction::Open => vlib.open_door()?,
                DoorAction::Close => vlib.close_door()?,
            }
            ctx.out.ack("vlib door", &[lib.id], || format!("door of {} {action:?}", lib.name).to_lowercase())
        }
        VlibCommand::Fault(args) => {
            let lib = library(ctx, &args.library)?;
            let vlib = session.virtual_library(lib.id)?;
            match parse_fault(&args.fault)? {
                Some(fault) => vlib.set_fault(fault)?,
                None => vlib.clear_faults()?,
            }
            let faults = vlib.faults();
            ctx.out.emit(&faults, || {
                if faults.is_empty() {
                    format!("{} has no faults", lib.name)
                } else {
                    format!("{} has faults: {faults:?}", lib.name)
                }
            })
        }
        VlibCommand::ClearJam { library: name } => {
            let lib = library(ctx, &name)?;
            session.virtual_library(lib.id)?.clear_jam()?;
            ctx.out.ack("vlib clear-jam", &[lib.id], || format!("cleared the robot of {}", lib.name))
        }
    }
}

/// One library, as `rsm libraries` shows it.
#[derive(Debug, Serialize)]
struct LibraryRow {
    #[serde(flatten)]
    library: Object,
    drives: usize,
    slots: usize,
    slots_full: usize,
    ieports: usize,
    media: usize,
}

/// `rsm libraries`
pub fn libraries(ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let mut rows = Vec::new();
    for lib in session.enumerate(None, ObjectType::Library)? {
        let slots = session.enumerate(Some(lib.id), ObjectType::StorageSlot)?;
        let slots_full = slots
            .iter()
            .filter(|s| matches!(&s.detail, Detail::StorageSlot(i) if i.slot_state == openrsm::SlotState::Full))
            .count();
        rows.push(LibraryRow {
            drives: session.enumerate(Some(lib.id), ObjectType::Drive)?.len(),
            slots: slots.len(),
            slots_full,
            ieports: session.enumerate(Some(lib.id), ObjectType::IePort)?.len(),
            media: session.enumerate(Some(lib.id), ObjectType::PhysicalMedia)?.len(),
            library: lib,
        });
    }
    ctx.out.emit(&rows, || {
        if rows.is_empty() {
            return "(no libraries: create one with `rsm vlib create`)".into();
        }
        let mut t = table(["NAME", "TYPE", "STATE", "DRIVES", "SLOTS", "PORTS", "MEDIA", "CLEANER", "DRIVER"]);
        for r in &rows {
            let Detail::Library(info) = &r.library.detail else { continue };
            t.add_row([
                r.library.name.clone(),
                info.library_type.name().to_owned(),
                if r.library.enabled { r.library.state.name().to_owned() } else { "DISABLED".to_owned() },
                r.drives.to_string(),
                format!("{}/{}", r.slots_full, r.slots),
                r.ieports.to_string(),
                r.media.to_string(),
                info.cleaner_uses_left.map_or_else(|| "-".into(), |u| format!("{u} uses")),
                info.driver.clone().unwrap_or_else(|| "-".into()),
            ]);
        }
        render(t)
    })
}

fn barcode_or_name(names: &Names<'_>, session: &Session, id: Option<ObjectId>) -> String {
    match id {
        None => "-".into(),
        Some(id) => match session.object(id) {
            Ok(Object { detail: Detail::PhysicalMedia(m), name, .. }) => m.barcode.unwrap_or(name),
            _ => names.label(id),
        },
    }
}

/// `rsm drives [LIB]`
pub fn drives(ctx: &Context, args: DrivesArgs) -> Result<()> {
    let session = ctx.session()?;
    let container = match &args.library {
        Some(l) => Some(library(ctx, l)?.id),
        None => None,
    };
    let drives = session.enumerate(container, ObjectType::Drive)?;
    ctx.out.emit(&drives, || {
        if drives.is_empty() {
            return "(none)".into();
        }
        let names = Names::new(session);
        let mut t = table(["LIBRARY", "DRIVE", "NAME", "STATE", "MEDIA", "MOUNTS", "CLEANED", "DEVICE", "CONDITION"]);
        for d in &drives {
            let Detail::Drive(info) = &d.detail else { continue };
            t.add_row([
                names.label(info.library),
                info.number.to_string(),
                d.name.clone(),
                info.drive_state.name().to_owned(),
                barcode_or_name(&names, session, info.media),
                info.mount_count.to_string(),
                info.last_cleaned.as_ref().map_or_else(|| "-".into(), crate::output::when),
                info.device_path.clone().unwrap_or_else(|| "-".into()),
                if d.enabled { d.state.name().to_owned() } else { "DISABLED".into() },
            ]);
        }
        render(t)
    })
}

/// `rsm slots LIB`
pub fn slots(ctx: &Context, args: LibraryArg) -> Result<()> {
    let session = ctx.session()?;
    let lib = library(ctx, &args.library)?;
    let cleaner = match &lib.detail {
        Detail::Library(i) => i.cleaner_slot,
        _ => None,
    };
    let slots = session.enumerate(Some(lib.id), ObjectType::StorageSlot)?;
    ctx.out.emit(&slots, || {
        if slots.is_empty() {
            return "(no slots)".into();
        }
        let names = Names::new(session);
        let mut t = table(["SLOT", "ADDRESS", "STATE", "MEDIA", "POOL"]);
        for s in &slots {
            let Detail::StorageSlot(info) = &s.detail else { continue };
            let (media, pool) = match info.media.and_then(|m| session.object(m).ok()) {
                Some(Object { detail: Detail::PhysicalMedia(m), name, .. }) => {
                    (m.barcode.unwrap_or(name), names.label(m.pool))
                }
                _ if Some(s.id) == cleaner && info.slot_state == openrsm::SlotState::Full => {
                    ("(cleaner)".into(), "-".into())
                }
                _ if Some(s.id) == cleaner => ("(cleaner slot)".into(), "-".into()),
                _ => ("-".into(), "-".into()),
            };
            t.add_row([
                info.number.to_string(),
                info.element_address.map_or_else(|| "-".into(), |a| a.to_string()),
                info.slot_state.name().to_owned(),
                media,
                pool,
            ]);
        }
        render(t)
    })
}

/// The slot map of a library, as text: drives, IE ports, then the slots in rows of ten.
pub fn slot_map(session: &Session, lib: &Object) -> Result<String> {
    let cleaner = match &lib.detail {
        Detail::Library(i) => i.cleaner_slot,
        _ => None,
    };
    let label = |id: Option<ObjectId>| -> String {
        match id.and_then(|m| session.object(m).ok()) {
            Some(Object { detail: Detail::PhysicalMedia(m), name, .. }) => m.barcode.unwrap_or(name),
            _ => "·".into(),
        }
    };
    let mut out = format!("{} — slot map\n", lib.name);
    let drives = session.enumerate(Some(lib.id), ObjectType::Drive)?;
    let cells: Vec<String> = drives
        .iter()
        .filter_map(|d| match &d.detail {
            Detail::Drive(i) => {
                Some(format!("[{}: {} {}]", i.number, label(i.media), i.drive_state.name().to_lowercase()))
            }
            _ => None,
        })
        .collect();
    out.push_str(&format!("  drives  {}\n", cells.join(" ")));
    let ports = session.enumerate(Some(lib.id), ObjectType::IePort)?;
    if !ports.is_empty() {
        let cells: Vec<String> = ports
            .iter()
            .filter_map(|p| match &p.detail {
                Detail::IePort(i) => {
                    let what = if i.media.is_some() {
                        label(i.media)
                    } else if i.content == openrsm::PortContent::Full {
                        "(full)".into()
                    } else {
                        "·".into()
                    };
                    Some(format!("[{}: {} {}]", i.number, what, i.position.name().to_lowercase()))
                }
                _ => None,
            })
            .collect();
        out.push_str(&format!("  ports   {}\n", cells.join(" ")));
    }
    let slots = session.enumerate(Some(lib.id), ObjectType::StorageSlot)?;
    let width = slots
        .iter()
        .filter_map(|s| match &s.detail {
            Detail::StorageSlot(i) => Some(label(i.media).chars().count()),
            _ => None,
        })
        .max()
        .unwrap_or(1)
        .max(3);
    for (row, chunk) in slots.chunks(10).enumerate() {
        out.push_str(&format!("  {:>6}  ", row * 10));
        let cells: Vec<String> = chunk
            .iter()
            .map(|s| match &s.detail {
                Detail::StorageSlot(i)
                    if Some(s.id) == cleaner && i.media.is_none() && i.slot_state == openrsm::SlotState::Full =>
                {
                    format!("{:<width$}", "CLEANER")
                }
                Detail::StorageSlot(i) if i.media.is_none() && i.slot_state == openrsm::SlotState::Full => {
                    format!("{:<width$}", "(full)")
                }
                Detail::StorageSlot(i) => format!("{:<width$}", label(i.media)),
                _ => String::new(),
            })
            .collect();
        out.push_str(cells.join(" ").trim_end());
        out.push('\n');
    }
    Ok(out.trim_end().to_owned())
}

/// A slot map in JSON: each element with what it holds.
#[derive(Debug, Serialize)]
struct MapCell {
    element: String,
    number: u32,
    address: Option<u32>,
    state: String,
    media: Option<ObjectId>,
    barcode: Option<String>,
}

/// `rsm map LIB`
pub fn map(ctx: &Context, args: LibraryArg) -> Result<()> {
    let session = ctx.session()?;
    let lib = library(ctx, &args.library)?;
    if ctx.out.is_json() {
        let mut cells = Vec::new();
        for t in [ObjectType::Drive, ObjectType::IePort, ObjectType::StorageSlot] {
            for e in session.enumerate(Some(lib.id), t)? {
                let (number, address, state, media) = match &e.detail {
                    Detail::Drive(i) => (i.number, i.element_address, i.drive_state.name(), i.media),
                    Detail::IePort(i) => (i.number, i.element_address, i.content.name(), i.media),
                    Detail::StorageSlot(i) => (i.number, i.element_address, i.slot_state.name(), i.media),
                    _ => continue,
                };
                let barcode = media.and_then(|m| session.object(m).ok()).and_then(|m| match m.detail {
                    Detail::PhysicalMedia(i) => i.barcode,
                    _ => None,
                });
                cells.push(MapCell {
                    element: t.name().to_owned(),
                    number,
                    address,
                    state: state.to_owned(),
                    media,
                    barcode,
                });
            }
        }
        return ctx.out.json_line(&cells);
    }
    ctx.out.text(&slot_map(session, &lib)?)
}

/// A progress bar on stderr; hidden with `--json` or when stderr is no terminal.
pub fn progress_bar(ctx: &Context, message: &str) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if ctx.out.is_json() || !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(0).with_message(message.to_owned());
    bar.set_style(
        indicatif::ProgressStyle::with_template("{msg:12} [{bar:40}] {pos}/{len} {elapsed}")
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> "),
    );
    bar.enable_steady_tick(Duration::from_millis(100));
    bar
}

/// Run an inventory, showing its progress on `bar`; returns the finished request.
pub fn inventory_with_progress(
    session: &Session,
    library: ObjectId,
    options: &InventoryOptions,
    bar: &indicatif::ProgressBar,
) -> Result<Object> {
    let events = session.open_notification(&[ObjectType::LibRequest])?;
    let request = session.start_inventory(library, options)?;
    let result = loop {
        match events.wait(Timeout::from_millis(250)) {
            Ok(e) if e.object_id == request => {
                if let Ok(Object { detail: Detail::LibRequest(r), .. }) = session.object(request) {
                    if r.progress_total > 0 {
                        bar.set_length(r.progress_total);
                        bar.set_position(r.progress_done);
                    }
                    if e.operation == Operation::EventComplete
                        || !matches!(
                            r.request_state,
                            LibRequestState::Queued | LibRequestState::InProcess | LibRequestState::Waiting
                        )
                    {
                        break session.wait_request(request, Timeout::from_millis(1000));
                    }
                }
            }
            Ok(_) => {}
            Err(e) if e.kind() == ErrorKind::Timeout => {
                // Look at the request itself too: nothing is lost if an event was missed.
                if let Ok(Object { detail: Detail::LibRequest(r), .. }) = session.object(request) {
                    if !matches!(
                        r.request_state,
                        LibRequestState::Queued | LibRequestState::InProcess | LibRequestState::Waiting
                    ) {
                        break session.wait_request(request, Timeout::from_millis(1000));
                    }
                }
            }
            Err(e) if e.kind() == ErrorKind::NoData => break session.wait_request(request, Timeout::Infinite),
            Err(e) => break Err(e),
        }
    };
    events.close();
    bar.finish_and_clear();
    result
}

/// What `rsm inventory` prints in JSON.
#[derive(Debug, Serialize)]
struct InventoryResult {
    request: Object,
    media: Vec<Object>,
}

/// `rsm inventory LIB [--full]`
pub fn inventory(ctx: &Context, args: InventoryArgs) -> Result<()> {
    let session = ctx.session()?;
    let lib = library(ctx, &args.library)?;
    let options = if args.full { InventoryOptions::full() } else { InventoryOptions::fast() };
    let bar = progress_bar(ctx, if args.full { "inventory" } else { "scan" });
    let request = inventory_with_progress(session, lib.id, &options, &bar)?;
    let media = session.enumerate(Some(lib.id), ObjectType::PhysicalMedia)?;
    let result = InventoryResult { request, media };
    ctx.out.emit(&result, || {
        let mut text = format!("inventory of {} done: {} media\n", lib.name, result.media.len());
        text.push_str(&media_table(session, &result.media));
        text
    })
}

/// A table of media: barcode, where, state, pool.
pub fn media_table(session: &Session, media: &[Object]) -> String {
    let names = Names::new(session);
    let mut rows: Vec<(String, Vec<String>)> = media
        .iter()
        .filter_map(|m| match &m.detail {
            Detail::PhysicalMedia(i) => {
                let barcode = i.barcode.clone().unwrap_or_else(|| m.name.clone());
                let location = match i.location.element {
                    Some(e) => names.label(e),
                    None => i.location.kind.name().to_lowercase(),
                };
                Some((
                    barcode.clone(),
                    vec![
                        barcode,
                        location,
                        i.media_state.name().to_owned(),
                        names.label(i.pool),
                        i.barcode_state.name().to_owned(),
                    ],
                ))
            }
            _ => None,
        })
        .collect();
    rows.sort();
    let mut t = table(["BARCODE", "LOCATION", "STATE", "POOL", "LABEL"]);
    for (_, row) in rows {
        t.add_row(row);
    }
    render(t)
}

/// `rsm verify LIB`
pub fn verify(ctx: &Context, args: LibraryArg) -> Result<()> {
    let session = ctx.session()?;
    let lib = library(ctx, &args.library)?;
    let problems = session.verify_library(lib.id)?;
    ctx.out.emit(&problems, || {
        if problems.is_empty() {
            format!("{}: the database matches the library", lib.name)
        } else {
            let lines: Vec<String> = problems.iter().map(|p| format!("  {p}")).collect();
            format!("{}: {} discrepancies\n{}", lib.name, problems.len(), lines.join("\n"))
        }
    })?;
    if problems.is_empty() {
        Ok(())
    } else {
        Err(Error::new(
            ErrorKind::DatabaseFailure,
            format!("{} discrepancies between the database and {}", problems.len(), lib.name),
        ))
    }
}

/// `rsm detect LIB`: look once for media put in or taken out by hand.
pub fn detect(ctx: &Context, args: LibraryArg) -> Result<()> {
    let session = ctx.session()?;
    let lib = library(ctx, &args.library)?;
    let changed = session.detect_device_changes(&DetectionTargets::Libraries(vec![lib.id]))?;
    ctx.out.emit(&serde_json::json!({ "library": lib.id, "changed": changed }), || {
        format!("{}: {changed} objects changed", lib.name)
    })
}

/// `rsm door LIB`: unlock the door for an operator.
pub fn door(ctx: &Context, args: LibraryArg) -> Result<()> {
    let session = ctx.session()?;
    let lib = library(ctx, &args.library)?;
    session.access_door(lib.id)?;
    ctx.out.ack("door", &[lib.id], || format!("the door of {} is unlocked: it may be opened", lib.name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn media_and_faults_parse() {
        assert_eq!(parse_media("LTO-6:10").unwrap(), ("LTO-6".to_string(), 10));
        assert!(parse_media("LTO-6").is_err());
        assert!(parse_media(":3").is_err());
        assert_eq!(parse_fault("drive-load:1").unwrap(), Some(VirtualFault::DriveLoadFailure { drive: 1 }));
        assert_eq!(
            parse_fault("unreadable:AB01").unwrap(),
            Some(VirtualFault::UnreadableBarcode { barcode: "AB01".into() })
        );
        assert_eq!(parse_fault("clear").unwrap(), None);
        assert_eq!(parse_fault("melt").unwrap_err().kind(), ErrorKind::InvalidParameter);
        assert_eq!(parse_fault("port-full:x").unwrap_err().kind(), ErrorKind::InvalidParameter);
    }
}
