//! `rsm media ...` and `rsm media-type(s) ...`: physical media, their sides and media types.

use std::collections::HashSet;
use std::str::FromStr;
use std::time::Duration;

use clap::{Args, Subcommand};
use openrsm::{
    AllocateOptions, Detail, Error, ErrorKind, MediaSpec, MediaTypeSpec, Object, ObjectType, ReadWrite, Result,
};

use crate::context::Context;

/// `rsm media [list options] [command]`
#[derive(Debug, Args)]
#[command(args_conflicts_with_subcommands = true)]
pub struct MediaArgs {
    #[command(subcommand)]
    command: Option<MediaCommand>,
    #[command(flatten)]
    list: ListArgs,
}

/// Filters of `rsm media` / `rsm media list`.
#[derive(Debug, Args, Default)]
pub struct ListArgs {
    /// Only the media of this pool (path, unique name or id).
    #[arg(long)]
    pool: Option<String>,
    /// Only the media of this library (name or id).
    #[arg(long)]
    library: Option<String>,
    /// Only the media of this media type (name or id).
    #[arg(long, value_name = "TYPE")]
    media_type: Option<String>,
}

/// `rsm media <command>`
#[derive(Debug, Subcommand)]
enum MediaCommand {
    /// List physical media (the same as `rsm media`).
    List(ListArgs),
    /// Create offline physical media with their sides.
    Create(CreateArgs),
    /// Allocate a side from an application pool; prints the new logical media.
    Allocate(AllocateArgs),
    /// Give an allocated side back (logical media, side, or one-sided medium).
    Deallocate {
        /// The logical media, side or medium.
        media: String,
    },
    /// Retire a side for good.
    Decommission {
        /// The side, or a medium with one side that fits.
        media: String,
    },
    /// Mark an allocated side complete (no more writes).
    Complete {
        /// The logical media, side or medium.
        media: String,
    },
    /// Delete an offline medium and its sides.
    Delete {
        /// The medium (name, barcode or id).
        media: String,
    },
    /// Swap the sides behind two logical media.
    Swap {
        /// The first logical media.
        first: String,
        /// The second logical media.
        second: String,
    },
    /// Move a medium to another pool.
    Move {
        /// The medium (name, barcode or id).
        media: String,
        /// The pool (path, unique name or id).
        pool: String,
    },
}

/// `rsm media create`
#[derive(Debug, Args)]
struct CreateArgs {
    /// The media type (name or id).
    #[arg(long = "type", value_name = "TYPE")]
    media_type: String,
    /// The barcode; with `--count`, `#` characters are replaced by the number (`TAPE###L6`).
    #[arg(long)]
    barcode: Option<String>,
    /// The name (default: the barcode); with `--count`, `#` characters are replaced by the number.
    #[arg(long)]
    name: Option<String>,
    /// The pool (default: the Free pool of the media type).
    #[arg(long)]
    pool: Option<String>,
    /// How many media to create.
    #[arg(long, default_value_t = 1, value_name = "N")]
    count: u32,
    /// The first number used with `--count`.
    #[arg(long, default_value_t = 1, value_name = "N")]
    first: u32,
    /// The description.
    #[arg(long)]
    description: Option<String>,
}

/// `rsm media allocate`
#[derive(Debug, Args)]
struct AllocateArgs {
    /// The application pool to allocate from (path, unique name or id).
    pool: String,
    /// Take a side of a medium none of whose sides is allocated.
    #[arg(long, conflicts_with = "next")]
    new: bool,
    /// Take the next side of the medium of this logical media.
    #[arg(long, value_name = "LMID")]
    next: Option<String>,
    /// Wait up to SECS seconds for a side to become available (default: fail at once).
    #[arg(long, value_name = "SECS", allow_negative_numbers = true)]
    wait: Option<f64>,
}

/// `rsm media-type ...`
#[derive(Debug, Subcommand)]
pub enum MediaTypeCommand {
    /// List the media types (the same as `rsm media-types`).
    List,
    /// Add a media type, with its Free, Import and Unrecognized pools.
    Add {
        /// Its name, e.g. `LTO-6`.
        name: String,
        /// Sides per medium.
        #[arg(long, default_value_t = 1)]
        sides: u32,
        /// rewritable, worm or readonly.
        #[arg(long = "rw", value_name = "KIND", default_value = "rewritable", value_parser = ReadWrite::from_str)]
        read_write: ReadWrite,
        /// Its description.
        #[arg(long)]
        description: Option<String>,
    },
    /// Delete a media type that no media or application pool uses.
    Delete {
        /// The media type (name or id).
        media_type: String,
    },
}

/// `rsm media ...`
pub fn run(ctx: &Context, args: MediaArgs) -> Result<()> {
    match args.command {
        None => list(ctx, args.list),
        Some(MediaCommand::List(list_args)) => list(ctx, list_args),
        Some(MediaCommand::Create(create_args)) => create(ctx, create_args),
        Some(MediaCommand::Allocate(allocate_args)) => allocate(ctx, allocate_args),
        Some(MediaCommand::Deallocate { media }) => {
            let target = ctx.resolve_first(&SIDE_FIRST_LOGICAL, &media)?;
            ctx.session()?.deallocate_media(target.id)?;
            ctx.out.ack("media deallocate", &[target.id], || format!("deallocated {} ({})", target.name, target.id))
        }
        Some(MediaCommand::Decommission { media }) => {
            let target = ctx
                .resolve_first(&[ObjectType::Partition, ObjectType::PhysicalMedia, ObjectType::LogicalMedia], &media)?;
            ctx.session()?.decommission_media(target.id)?;
            ctx.out
                .ack("media decommission", &[target.id], || format!("decommissioned {} ({})", target.name, target.id))
        }
        Some(MediaCommand::Complete { media }) => {
            let target = ctx.resolve_first(&SIDE_FIRST_LOGICAL, &media)?;
            ctx.session()?.set_media_complete(target.id)?;
            ctx.out.ack("media complete", &[target.id], || format!("completed {} ({})", target.name, target.id))
        }
        Some(MediaCommand::Delete { media }) => {
            let target = ctx.resolve(Some(ObjectType::PhysicalMedia), &media)?;
            ctx.session()?.delete_media(target.id)?;
            ctx.out.ack("media delete", &[target.id], || format!("deleted {} ({})", target.name, target.id))
        }
        Some(MediaCommand::Swap { first, second }) => {
            let a = ctx.resolve(Some(ObjectType::LogicalMedia), &first)?;
            let b = ctx.resolve(Some(ObjectType::LogicalMedia), &second)?;
            ctx.session()?.swap_media(a.id, b.id)?;
            ctx.out.ack("media swap", &[a.id, b.id], || format!("swapped {} and {}", a.name, b.name))
        }
        Some(MediaCommand::Move { media, pool }) => {
            let media = ctx.resolve(Some(ObjectType::PhysicalMedia), &media)?;
            let pool = ctx.pool(&pool)?;
            let moved = ctx.session()?.move_to_pool(media.id, pool.id)?;
            ctx.out.emit(&moved, || format!("moved {} to {}", moved.name, pool_path(&pool)))
        }
    }
}

/// Sides and their logical media share names; these commands mean the logical media first.
const SIDE_FIRST_LOGICAL: [ObjectType; 3] =
    [ObjectType::LogicalMedia, ObjectType::Partition, ObjectType::PhysicalMedia];

fn pool_path(pool: &Object) -> String {
    match &pool.detail {
        Detail::MediaPool(info) => info.path.clone(),
        _ => pool.name.clone(),
    }
}

fn list(ctx: &Context, args: ListArgs) -> Result<()> {
    let session = ctx.session()?;
    let mut media = match &args.pool {
        Some(pool) => session.enumerate(Some(ctx.pool(pool)?.id), ObjectType::PhysicalMedia)?,
        None => session.enumerate(None, ObjectType::PhysicalMedia)?,
    };
    if let Some(library) = &args.library {
        let library = ctx.resolve(Some(ObjectType::Library), library)?;
        let inside: HashSet<_> =
            session.enumerate(Some(library.id), ObjectType::PhysicalMedia)?.into_iter().map(|m| m.id).collect();
        media.retain(|m| inside.contains(&m.id));
    }
    if let Some(media_type) = &args.media_type {
        let media_type = ctx.resolve(Some(ObjectType::MediaType), media_type)?;
        media.retain(|m| matches!(&m.detail, Detail::PhysicalMedia(info) if info.media_type == media_type.id));
    }
    media.sort_by(|a, b| a.name.cmp(&b.name).then(a.id.cmp(&b.id)));
    ctx.out.objects(session, &media)
}

/// `template` with its first run of `#` replaced by `number`, zero-padded to the run's length.
fn numbered(template: &str, number: u32) -> Option<String> {
    let start = template.find('#')?;
    let len = template[start..].chars().take_while(|&c| c == '#').count();
    Some(format!("{}{number:0len$}{}", &template[..start], &template[start + len..]))
}

fn create(ctx: &Context, args: CreateArgs) -> Result<()> {
    let session = ctx.session()?;
    if args.count == 0 {
        return Err(Error::new(ErrorKind::InvalidParameter, "--count must be at least 1"));
    }
    let many = args.count > 1;
    for (flag, value) in [("--barcode", &args.barcode), ("--name", &args.name)] {
        if let Some(value) = value.as_ref().filter(|v| many && !v.contains('#')) {
            return Err(Error::new(
                ErrorKind::InvalidParameter,
                format!("with --count, {flag} needs # where the number goes (e.g. {value}###)"),
            ));
        }
    }
    let media_type = ctx.resolve(Some(ObjectType::MediaType), &args.media_type)?;
    let pool = args.pool.as_deref().map(|p| ctx.pool(p)).transpose()?;
    let mut created = Vec::with_capacity(args.count as usize);
    for i in 0..args.count {
        let number = args.first.saturating_add(i);
        let fill = |v: &String| if many { numbered(v, number).unwrap_or_else(|| v.clone()) } else { v.clone() };
        let mut spec = MediaSpec::new(media_type.id);
        spec.barcode = args.barcode.as_ref().map(fill);
        spec.name = args.name.as_ref().map(fill);
        spec.pool = pool.as_ref().map(|p| p.id);
        spec.description = args.description.clone().unwrap_or_default();
        match session.create_media(spec) {
            Ok(media) => created.push(media),
            Err(e) if many => {
                return Err(e.with_context(format!("created {} of {} media, then", created.len(), args.count)))
            }
            Err(e) => return Err(e),
        }
    }
    ctx.out.objects(session, &created)
}

fn allocate(ctx: &Context, args: AllocateArgs) -> Result<()> {
    let session = ctx.session()?;
    let pool = ctx.pool(&args.pool)?;
    let mut options = AllocateOptions::default();
    if args.new {
        options = options.new_media();
    }
    if let Some(next) = &args.next {
        options = options.next_of(ctx.resolve_first(&SIDE_FIRST_LOGICAL, next)?.id);
    }
    let spinner = match args.wait {
        Some(secs) if secs.is_finite() && secs >= 0.0 => {
            options = options.timeout(Duration::from_secs_f64(secs));
            Some(ctx.out.spinner(format!("waiting up to {secs} s for a side in {}", pool_path(&pool))))
        }
        Some(secs) => {
            return Err(Error::new(ErrorKind::InvalidParameter, format!("--wait {secs}: give seconds, 0 or more")))
        }
        None => None,
    };
    let result = session.allocate_media(pool.id, options);
    if let Some(spinner) = spinner {
        spinner.finish_and_clear();
    }
    let logical = result?;
    ctx.out.emit(&logical, || format!("allocated {} ({}) from {}", logical.name, logical.id, pool_path(&pool)))
}

/// `rsm media-types`
pub fn list_types(ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let types = session.enumerate(None, ObjectType::MediaType)?;
    ctx.out.objects(session, &types)
}

/// `rsm media-type ...`
pub fn run_type(ctx: &Context, command: MediaTypeCommand) -> Result<()> {
    match command {
        MediaTypeCommand::List => list_types(ctx),
        MediaTypeCommand::Add { name, sides, read_write, description } => {
            let spec = MediaTypeSpec::new(name)
                .sides(sides)
                .read_write(read_write)
                .description(description.unwrap_or_default());
            let media_type = ctx.session()?.add_media_type(spec)?;
            ctx.out.emit(&media_type, || format!("media type {} ({})", media_type.name, media_type.id))
        }
        MediaTypeCommand::Delete { media_type } => {
            let target = ctx.resolve(Some(ObjectType::MediaType), &media_type)?;
            ctx.session()?.delete_media_type(target.id)?;
            ctx.out.ack("media-type delete", &[target.id], || {
                format!("deleted media type {} ({})", target.name, target.id)
            })
        }
    }
}

#[cfg(test)]
mod tests {
    use super::numbered;

    #[test]
    fn numbering_fills_the_first_run_of_hashes() {
        assert_eq!(numbered("TAPE###L6", 7).as_deref(), Some("TAPE007L6"));
        assert_eq!(numbered("D#", 12).as_deref(), Some("D12"));
        assert_eq!(numbered("A##-##", 3).as_deref(), Some("A03-##"));
        assert_eq!(numbered("PLAIN", 3), None);
    }
}
