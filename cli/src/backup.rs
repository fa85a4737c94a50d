//! `rsm export FILE` and `rsm import FILE`: database snapshots.

use std::path::PathBuf;

use clap::Args;
use openrsm::{Result, SnapshotInfo};

use crate::context::Context;
use crate::output::when;

/// `rsm export FILE`
#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The file to write (replaced atomically if it exists).
    file: PathBuf,
}

/// `rsm import FILE`
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The export file to restore. It is validated completely before anything changes.
    file: PathBuf,
}

fn describe(info: &SnapshotInfo) -> String {
    format!(
        "{} objects, {} bytes, schema version {}, exported {}, sha256 {}",
        info.objects,
        info.payload_bytes,
        info.schema_version,
        when(&info.created),
        info.sha256
    )
}

/// `rsm export`
pub fn export(ctx: &Context, args: ExportArgs) -> Result<()> {
    let session = ctx.session()?;
    let spinner = ctx.out.spinner(format!("exporting to {}", args.file.display()));
    let result = session.export_database(&args.file);
    spinner.finish_and_clear();
    let info = result?;
    ctx.out.emit(&info, || format!("exported to {}: {}", info.path.display(), describe(&info)))
}

/// `rsm import`
pub fn import(ctx: &Context, args: ImportArgs) -> Result<()> {
    let session = ctx.session()?;
    let spinner = ctx.out.spinner(format!("validating and importing {}", args.file.display()));
    let result = session.import_database(&args.file);
    spinner.finish_and_clear();
    let info = result?;
    ctx.out.emit(&info, || format!("imported {}: {}", info.path.display(), describe(&info)))
}
