//! `rsm library add`: register a SCSI tape library (an SMC changer over iSCSI or SG_IO).

use clap::{Args, Subcommand};
use openrsm::scsi::ScsiLibrarySpec;
use openrsm::{Detail, ObjectType, Result};

use crate::context::Context;

/// Library commands for real hardware.
#[derive(Debug, Subcommand)]
pub enum LibraryCommand {
    /// Add a SCSI library by its changer's iSCSI URL or device node; its drives are discovered
    /// (other LUNs of the target, or /dev/nst*) unless given with --drive, and a FAST inventory
    /// records its media.
    Add(AddArgs),
}

/// `rsm library add NAME (--iscsi URL | --scsi DEVICE) [--drive DEVICE]... [--no-inventory]`.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The library's name.
    pub name: String,
    /// The changer as an iSCSI URL: iscsi://host[:port]/target-iqn/lun.
    #[arg(long, value_name = "URL", conflicts_with = "scsi", required_unless_present = "scsi")]
    pub iscsi: Option<String>,
    /// The changer as a device node: /dev/sch0 or /dev/sgN.
    #[arg(long, value_name = "DEVICE")]
    pub scsi: Option<String>,
    /// A drive (iSCSI URL or /dev/nstN), in element address order; repeat for each drive.
    #[arg(long = "drive", value_name = "DEVICE")]
    pub drives: Vec<String>,
    /// Do not inventory the library after adding it.
    #[arg(long)]
    pub no_inventory: bool,
}

/// Run a `library` command.
pub fn run(ctx: &Context, command: LibraryCommand) -> Result<()> {
    match command {
        LibraryCommand::Add(args) => add(ctx, args),
    }
}

fn add(ctx: &Context, args: AddArgs) -> Result<()> {
    let changer = args.iscsi.or(args.scsi).unwrap_or_default();
    let mut spec = ScsiLibrarySpec::new(changer);
    spec.drives = args.drives;
    spec.inventory = !args.no_inventory;
    let session = ctx.session()?;
    let spinner = ctx.out.spinner(format!("adding library {}", args.name));
    let library = session.add_scsi_library(&args.name, &spec);
    spinner.finish_and_clear();
    let library = library?;
    let count = |t| session.enumerate(Some(library.id), t).map(|v| v.len());
    let (drives, slots, ports, media) = (
        count(ObjectType::Drive)?,
        count(ObjectType::StorageSlot)?,
        count(ObjectType::IePort)?,
        count(ObjectType::PhysicalMedia)?,
    );
    let driver = match &library.detail {
        Detail::Library(info) => info.driver.clone().unwrap_or_default(),
        _ => String::new(),
    };
    ctx.out.emit(&library, || {
        format!(
            "added library {} ({}): {drives} drives, {slots} slots, {ports} IE ports, {media} media\ndriver {driver}",
            library.name, library.id
        )
    })
}
