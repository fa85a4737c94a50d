//! `rsm`: the OpenRSM command line.
//!
//! This file parses the arguments, dispatches to one module per command group and prints errors;
//! everything else lives in those modules. To add a command group: add a variant to [`Command`]
//! holding its clap arguments, and an arm to [`dispatch`].

mod backup;
mod batch;
mod context;
mod demo;
mod devices;
mod library;
mod media;
mod mounts;
mod objects;
mod output;
mod pools;
mod requests;
mod scsi;
mod watch;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use openrsm::{Error, ErrorKind, Result};

use context::Context;

/// rsm: manage removable media with OpenRSM — libraries, media pools, media and their sides.
/// Try `rsm demo`.
#[derive(Debug, Parser)]
#[command(name = "rsm", version, after_help = EXIT_CODES_HELP)]
struct Cli {
    /// The OpenRSM home directory (default: $OPENRSM_HOME, else ~/.local/share/openrsm).
    #[arg(long, global = true, value_name = "DIR")]
    home: Option<PathBuf>,

    /// Print machine-readable JSON, one document per line (see cli/README.md).
    #[arg(long, global = true)]
    json: bool,

    #[command(subcommand)]
    command: Command,
}

/// One command line of a batch: a command without the global options.
#[derive(Debug, Parser)]
#[command(name = "rsm", no_binary_name = true, disable_version_flag = true)]
struct Line {
    #[command(subcommand)]
    command: Command,
}

/// The commands of `rsm`.
#[derive(Debug, Subcommand)]
enum Command {
    /// List the media pools.
    Pools,
    /// Create or delete a media pool.
    #[command(subcommand)]
    Pool(pools::PoolCommand),
    /// List physical media, or create, allocate and manage them.
    Media(media::MediaArgs),
    /// List the media types.
    MediaTypes,
    /// Add or delete a media type.
    #[command(subcommand)]
    MediaType(media::MediaTypeCommand),
    /// List the objects of a type, optionally those inside a container.
    Objects(objects::ObjectsArgs),
    /// Show one object, by id, name, pool path or barcode.
    Info(objects::InfoArgs),
    /// Change the writable fields of an object.
    Set(objects::SetArgs),
    /// Read and write the named attributes of an object.
    #[command(subcommand)]
    Attr(objects::AttrCommand),
    /// Enable an object.
    Enable(objects::TargetArgs),
    /// Disable an object.
    Disable(objects::TargetArgs),
    /// Print database notifications as they happen.
    Watch(watch::WatchArgs),
    /// List the removable-media devices found (tape drives, changers, optical drives, removable disks).
    Devices(devices::DevicesArgs),
    /// Write a consistent snapshot of the database to a file.
    Export(backup::ExportArgs),
    /// Replace the database with a snapshot file (validated first).
    Import(backup::ImportArgs),
    /// Run commands from a file or standard input, one per line, in one session.
    Batch(batch::BatchArgs),
    /// Create a virtual library, and act as its operator (ports, door, faults).
    #[command(subcommand)]
    Vlib(library::VlibCommand),
    /// List the libraries.
    Libraries,
    /// List the drives, of one library or all.
    Drives(library::DrivesArgs),
    /// List the storage slots of a library.
    Slots(library::LibraryArg),
    /// Show a library's slot map.
    Map(library::LibraryArg),
    /// Inventory a library (barcodes; with --full, labels too).
    Inventory(library::InventoryArgs),
    /// Check that the database matches a library.
    Verify(library::LibraryArg),
    /// Look once for media put in or taken out by hand.
    Detect(library::LibraryArg),
    /// Unlock a library's door for an operator.
    Door(library::LibraryArg),
    /// Mount media in drives.
    Mount(mounts::MountArgs),
    /// Dismount media.
    Dismount(mounts::DismountArgs),
    /// Take media in from IE ports.
    Inject(mounts::InjectArgs),
    /// Put media out to IE ports.
    Eject(mounts::EjectArgs),
    /// Clean a drive.
    Clean(mounts::CleanArgs),
    /// Manage a library's cleaner.
    #[command(subcommand)]
    Cleaner(mounts::CleanerCommand),
    /// List library requests (unfinished ones unless --all).
    Requests(requests::RequestsArgs),
    /// Cancel, delete, reorder or wait for a library request.
    #[command(subcommand)]
    Request(requests::RequestCommand),
    /// List operator requests (open ones unless --all).
    Oprequests(requests::OpRequestsArgs),
    /// Satisfy, cancel or submit an operator request.
    #[command(subcommand)]
    Oprequest(requests::OpRequestCommand),
    /// The main job on a virtual library: inventory, allocate, mount, eject, inject.
    Demo(demo::DemoArgs),
    /// Add a SCSI tape library (iSCSI or SG_IO).
    #[command(subcommand)]
    Library(scsi::LibraryCommand),
}

/// Run one command.
fn dispatch(ctx: &Context, command: Command) -> Result<()> {
    match command {
        Command::Pools => pools::list(ctx),
        Command::Pool(cmd) => pools::run(ctx, cmd),
        Command::Media(args) => media::run(ctx, args),
        Command::MediaTypes => media::list_types(ctx),
        Command::MediaType(cmd) => media::run_type(ctx, cmd),
        Command::Objects(args) => objects::list(ctx, args),
        Command::Info(args) => objects::info(ctx, args),
        Command::Set(args) => objects::set(ctx, args),
        Command::Attr(cmd) => objects::attr(ctx, cmd),
        Command::Enable(args) => objects::enable(ctx, args, true),
        Command::Disable(args) => objects::enable(ctx, args, false),
        Command::Watch(args) => watch::run(ctx, args),
        Command::Devices(args) => devices::run(ctx, args),
        Command::Export(args) => backup::export(ctx, args),
        Command::Import(args) => backup::import(ctx, args),
        Command::Batch(args) => batch::run(ctx, args),
        Command::Vlib(cmd) => library::vlib(ctx, cmd),
        Command::Libraries => library::libraries(ctx),
        Command::Drives(args) => library::drives(ctx, args),
        Command::Slots(args) => library::slots(ctx, args),
        Command::Map(args) => library::map(ctx, args),
        Command::Inventory(args) => library::inventory(ctx, args),
        Command::Verify(args) => library::verify(ctx, args),
        Command::Detect(args) => library::detect(ctx, args),
        Command::Door(args) => library::door(ctx, args),
        Command::Mount(args) => mounts::mount(ctx, args),
        Command::Dismount(args) => mounts::dismount(ctx, args),
        Command::Inject(args) => mounts::inject(ctx, args),
        Command::Eject(args) => mounts::eject(ctx, args),
        Command::Clean(args) => mounts::clean(ctx, args),
        Command::Cleaner(cmd) => mounts::cleaner(ctx, cmd),
        Command::Requests(args) => requests::list(ctx, args),
        Command::Request(cmd) => requests::run(ctx, cmd),
        Command::Oprequests(args) => requests::list_op(ctx, args),
        Command::Oprequest(cmd) => requests::run_op(ctx, cmd),
        Command::Demo(args) => demo::run(ctx, args),
        Command::Library(cmd) => scsi::run(ctx, cmd),
    }
}

/// Parse one batch line (already split into words).
fn parse_line(words: &[String]) -> std::result::Result<Command, clap::Error> {
    Line::try_parse_from(words).map(|line| line.command)
}

const EXIT_CODES_HELP: &str = "\
Exit codes: 0 success; 1 output could not be written; 2 usage error;
RSM errors: their own code below 100 (ACCESS_DENIED 5, INVALID_HANDLE 6, BAD_FORMAT 11,
NOT_READY 21, INVALID_PARAMETER 87), NO_DATA 90, INVALID_COMPUTERNAME 91, TIMEOUT 92,
NOT_CONNECTED 93, the RSM range 4300+n as 30+n (NOT_EMPTY 37, OBJECT_NOT_FOUND 42,
DATABASE_FAILURE 43), any other code 99.";

/// The process exit code for an RSM error (documented in `EXIT_CODES_HELP` and the README).
fn exit_code(kind: ErrorKind) -> u8 {
    match kind.code() {
        code @ 1..=99 => code as u8,
        232 => 90,
        1210 => 91,
        1460 => 92,
        2250 => 93,
        code @ 4300..=4356 => (code - 4300 + 30) as u8,
        _ => 99,
    }
}

/// Print an error the one way `rsm` prints errors: `error: NAME (code): message`.
fn report(err: &Error) {
    eprintln!("error: {} ({}): {}", err.kind().name(), err.code(), err.full_message());
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let ctx = Context::new(cli.home, cli.json);
    let result = dispatch(&ctx, cli.command);
    ctx.close();
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            report(&err);
            ExitCode::from(exit_code(err.kind()))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn the_command_line_is_well_formed() {
        Cli::command().debug_assert();
        Line::command().debug_assert();
    }

    #[test]
    fn exit_codes_are_distinct_and_nonzero() {
        let mut seen = std::collections::HashMap::new();
        for &kind in ErrorKind::ALL {
            let code = exit_code(kind);
            assert!(code > 2 && code < 126, "{kind}: {code}");
            if let Some(other) = seen.insert(code, kind) {
                panic!("{kind} and {other} share exit code {code}");
            }
        }
        assert_eq!(exit_code(ErrorKind::ObjectNotFound), 42);
        assert_eq!(exit_code(ErrorKind::NotEmpty), 37);
        assert_eq!(exit_code(ErrorKind::NotReady), 21);
        assert_eq!(exit_code(ErrorKind::Timeout), 92);
    }
}
