//! `rsm pools`, `rsm pool create|delete|list`: media pools.

use clap::{Args, Subcommand};
use openrsm::media::CreateMode;
use openrsm::{Detail, ObjectType, PoolOptions, Result};

use crate::context::Context;

/// `rsm pool ...`
#[derive(Debug, Subcommand)]
pub enum PoolCommand {
    /// List the media pools (the same as `rsm pools`).
    List,
    /// Create an application pool at a path such as `Backup/Weekly`.
    Create(CreateArgs),
    /// Delete an empty application pool.
    Delete {
        /// The pool: its path, unique name or id.
        pool: String,
    },
}

/// `rsm pool create`
#[derive(Debug, Args)]
pub struct CreateArgs {
    /// The pool's path, e.g. `Backup/Weekly`.
    pub path: String,
    /// The media type of its media (name or id).
    #[arg(long, value_name = "TYPE")]
    pub media_type: Option<String>,
    /// Create missing parent pools.
    #[arg(long)]
    pub parents: bool,
    /// Allocations per side before the side is decommissioned (0: no limit).
    #[arg(long, value_name = "N")]
    pub max_allocations: Option<u32>,
    /// Do not draw media from the Free pool when the pool is empty.
    #[arg(long)]
    pub no_draw_from_free: bool,
    /// Do not return deallocated media to the Free pool.
    #[arg(long)]
    pub no_return_to_free: bool,
    /// Open the pool if it exists instead of failing.
    #[arg(long)]
    pub exist_ok: bool,
    /// Its description.
    #[arg(long)]
    pub description: Option<String>,
}

/// `rsm pools`: every pool, in path order.
pub fn list(ctx: &Context) -> Result<()> {
    let session = ctx.session()?;
    let mut pools = session.enumerate(None, ObjectType::MediaPool)?;
    pools.sort_by_cached_key(|p| match &p.detail {
        Detail::MediaPool(info) => info.path.clone(),
        _ => p.name.clone(),
    });
    ctx.out.objects(session, &pools)
}

/// `rsm pool ...`
pub fn run(ctx: &Context, command: PoolCommand) -> Result<()> {
    match command {
        PoolCommand::List => list(ctx),
        PoolCommand::Create(args) => create(ctx, args),
        PoolCommand::Delete { pool } => {
            let pool = ctx.pool(&pool)?;
            ctx.session()?.delete_media_pool(pool.id)?;
            let path = match &pool.detail {
                Detail::MediaPool(info) => info.path.clone(),
                _ => pool.name.clone(),
            };
            ctx.out.ack("pool delete", &[pool.id], || format!("deleted pool {path} ({})", pool.id))
        }
    }
}

fn create(ctx: &Context, args: CreateArgs) -> Result<()> {
    let session = ctx.session()?;
    let mut options = PoolOptions::default();
    if let Some(media_type) = &args.media_type {
        options = options.media_type(ctx.resolve(Some(ObjectType::MediaType), media_type)?.id);
    }
    if args.parents {
        options = options.create_parents();
    }
    if let Some(max) = args.max_allocations {
        options = options.max_allocations(max);
    }
    if args.exist_ok {
        options = options.mode(CreateMode::OpenAlways);
    }
    options.draw_from_free = !args.no_draw_from_free;
    options.return_to_free = !args.no_return_to_free;
    options.description = args.description.unwrap_or_default();
    let pool = session.create_media_pool(&args.path, options)?;
    ctx.out.emit(&pool, || {
        let path = match &pool.detail {
            Detail::MediaPool(info) => info.path.as_str(),
            _ => pool.name.as_str(),
        };
        format!("pool {path} ({})", pool.id)
    })
}
