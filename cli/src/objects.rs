//! `rsm objects`, `info`, `set`, `attr`, `enable`, `disable`: object management for any type.

use std::io::Read;
use std::path::PathBuf;
use std::str::FromStr;

use clap::{Args, Subcommand};
use openrsm::{Error, ErrorKind, InventoryMethod, ObjectChanges, ObjectId, ObjectType, Result};
use serde::Serialize;

use crate::context::Context;
use crate::output::{object_rows, render, rows_table, table, Names};

/// `rsm objects TYPE [--in CONTAINER]`
#[derive(Debug, Args)]
pub struct ObjectsArgs {
    /// The object type, e.g. MEDIA_POOL, physical-media, partition (any case) or its number.
    #[arg(value_parser = ObjectType::from_str)]
    object_type: ObjectType,
    /// Only the objects inside this container (id, name, pool path or barcode).
    #[arg(long = "in", value_name = "CONTAINER")]
    container: Option<String>,
}

/// `rsm info ID|NAME`
#[derive(Debug, Args)]
pub struct InfoArgs {
    /// The object: id, name, pool path or barcode.
    object: String,
    /// The type to look for when a name is ambiguous.
    #[arg(long = "type", value_name = "TYPE", value_parser = ObjectType::from_str)]
    object_type: Option<ObjectType>,
}

/// An object named on the command line.
#[derive(Debug, Args)]
pub struct TargetArgs {
    /// The object: id, name, pool path or barcode.
    object: String,
    /// The type to look for when a name is ambiguous.
    #[arg(long = "type", value_name = "TYPE", value_parser = ObjectType::from_str)]
    object_type: Option<ObjectType>,
}

/// `rsm set ID --field value ...`
#[derive(Debug, Args)]
pub struct SetArgs {
    #[command(flatten)]
    target: TargetArgs,
    /// New name.
    #[arg(long)]
    name: Option<String>,
    /// New description.
    #[arg(long)]
    description: Option<String>,
    /// Library: inventory method (NONE, FAST, OMID, DEFAULT, SLOT, STOP).
    #[arg(long, value_parser = InventoryMethod::from_str)]
    inventory_method: Option<InventoryMethod>,
    /// Library: automatic drive recovery.
    #[arg(long, value_name = "BOOL")]
    auto_recovery: Option<bool>,
    /// Drive: deferred dismount delay in seconds.
    #[arg(long, value_name = "SECS")]
    deferred_dismount_seconds: Option<u32>,
    /// IE door: how long it may stay open, in seconds.
    #[arg(long, value_name = "SECS")]
    max_open_seconds: Option<u32>,
    /// IE port: how long it may stay extended, in seconds.
    #[arg(long, value_name = "SECS")]
    max_extend_seconds: Option<u32>,
    /// Media pool: draw from Free when empty.
    #[arg(long, value_name = "BOOL")]
    draw_from_free: Option<bool>,
    /// Media pool: return deallocated media to Free.
    #[arg(long, value_name = "BOOL")]
    return_to_free: Option<bool>,
    /// Media pool: allocations per side before decommission (0: no limit).
    #[arg(long, value_name = "N")]
    max_allocations: Option<u32>,
    /// Physical media: barcode.
    #[arg(long)]
    barcode: Option<String>,
    /// Computer: library request purge time in seconds.
    #[arg(long, value_name = "SECS")]
    librequest_purge_seconds: Option<u32>,
    /// Computer: operator request purge time in seconds.
    #[arg(long, value_name = "SECS")]
    oprequest_purge_seconds: Option<u32>,
    /// Library request: priority, -15..15.
    #[arg(long, allow_negative_numbers = true)]
    priority: Option<i32>,
}

/// `rsm attr ...`
#[derive(Debug, Subcommand)]
pub enum AttrCommand {
    /// List an object's attributes and their sizes.
    List {
        /// The object.
        object: String,
    },
    /// Print an attribute's value (raw bytes; with --json, as text and hex).
    Get {
        /// The object.
        object: String,
        /// The attribute's name.
        name: String,
    },
    /// Set an attribute from a value, a file or standard input (at most 64 KiB).
    Set {
        /// The object.
        object: String,
        /// The attribute's name.
        name: String,
        /// The value (UTF-8 text); `-` reads standard input.
        #[arg(required_unless_present = "file", conflicts_with = "file")]
        value: Option<String>,
        /// Read the value from this file.
        #[arg(long)]
        file: Option<PathBuf>,
    },
    /// Delete an attribute.
    Delete {
        /// The object.
        object: String,
        /// The attribute's name.
        name: String,
    },
}

/// `rsm objects`
pub fn list(ctx: &Context, args: ObjectsArgs) -> Result<()> {
    let session = ctx.session()?;
    let container = args.container.as_deref().map(|c| ctx.resolve(None, c)).transpose()?;
    let objects = session.enumerate(container.map(|c| c.id), args.object_type)?;
    ctx.out.objects(session, &objects)
}

/// `rsm info`
pub fn info(ctx: &Context, args: InfoArgs) -> Result<()> {
    let session = ctx.session()?;
    let object = ctx.resolve(args.object_type, &args.object)?;
    ctx.out.emit(&object, || {
        let names = Names::new(session);
        let mut rows = object_rows(&object, &names);
        if let Ok(attributes) = session.attribute_names(object.id) {
            let shown: Vec<String> = attributes
                .iter()
                .map(|name| match session.attribute(object.id, name) {
                    Ok(value) => format!("{name} ({} bytes)", value.len()),
                    Err(_) => name.clone(),
                })
                .collect();
            rows.push(("attributes".to_owned(), if shown.is_empty() { "-".to_owned() } else { shown.join(", ") }));
        }
        render(rows_table(&rows))
    })
}

/// `rsm set`
pub fn set(ctx: &Context, args: SetArgs) -> Result<()> {
    let changes = ObjectChanges {
        name: args.name,
        description: args.description,
        inventory_method: args.inventory_method,
        auto_recovery: args.auto_recovery,
        deferred_dismount_seconds: args.deferred_dismount_seconds,
        max_open_seconds: args.max_open_seconds,
        max_extend_seconds: args.max_extend_seconds,
        draw_from_free: args.draw_from_free,
        return_to_free: args.return_to_free,
        max_allocations: args.max_allocations,
        barcode: args.barcode,
        librequest_purge_seconds: args.librequest_purge_seconds,
        oprequest_purge_seconds: args.oprequest_purge_seconds,
        priority: args.priority,
    };
    if changes == ObjectChanges::default() {
        return Err(Error::new(ErrorKind::InvalidParameter, "nothing to change: give at least one --field"));
    }
    let session = ctx.session()?;
    let target = ctx.resolve(args.target.object_type, &args.target.object)?;
    let changed = session.set_object_info(target.id, &changes)?;
    ctx.out.emit(&changed, || {
        let names = Names::new(session);
        render(rows_table(&object_rows(&changed, &names)))
    })
}

/// `rsm enable` / `rsm disable`
pub fn enable(ctx: &Context, args: TargetArgs, enabled: bool) -> Result<()> {
    let session = ctx.session()?;
    let target = ctx.resolve(args.object_type, &args.object)?;
    if enabled {
        session.enable(target.id)?;
    } else {
        session.disable(target.id)?;
    }
    let (action, verb) = if enabled { ("enable", "enabled") } else { ("disable", "disabled") };
    ctx.out.ack(action, &[target.id], || format!("{verb} {} {} ({})", target.object_type, target.name, target.id))
}

/// One attribute in `rsm --json attr list`.
#[derive(Debug, Serialize)]
struct AttributeEntry {
    name: String,
    size: usize,
}

/// An attribute value in `rsm --json attr get`.
#[derive(Debug, Serialize)]
struct AttributeValue<'a> {
    object: ObjectId,
    name: &'a str,
    size: usize,
    /// The value as UTF-8 text, `null` when it is not valid UTF-8.
    text: Option<&'a str>,
    /// The value in lowercase hex.
    hex: String,
}

/// `rsm attr ...`
pub fn attr(ctx: &Context, command: AttrCommand) -> Result<()> {
    let session = ctx.session()?;
    match command {
        AttrCommand::List { object } => {
            let target = ctx.resolve(None, &object)?;
            let mut entries = Vec::new();
            for name in session.attribute_names(target.id)? {
                let size = session.attribute(target.id, &name)?.len();
                entries.push(AttributeEntry { name, size });
            }
            ctx.out.emit(&entries, || {
                if entries.is_empty() {
                    return "(none)".to_owned();
                }
                let mut t = table(["NAME", "SIZE"]);
                for e in &entries {
                    t.add_row([e.name.clone(), e.size.to_string()]);
                }
                render(t)
            })
        }
        AttrCommand::Get { object, name } => {
            let target = ctx.resolve(None, &object)?;
            let value = session.attribute(target.id, &name)?;
            if ctx.out.is_json() {
                ctx.out.json_line(&AttributeValue {
                    object: target.id,
                    name: &name,
                    size: value.len(),
                    text: std::str::from_utf8(&value).ok(),
                    hex: value.iter().map(|b| format!("{b:02x}")).collect(),
                })
            } else {
                ctx.out.raw(&value);
                Ok(())
            }
        }
        AttrCommand::Set { object, name, value, file } => {
            let target = ctx.resolve(None, &object)?;
            let bytes = match (value, file) {
                (_, Some(path)) => std::fs::read(&path)
                    .map_err(|e| Error::from(e).with_context(format!("cannot read {}", path.display())))?,
                (Some(v), None) if v == "-" => {
                    let mut buf = Vec::new();
                    std::io::stdin()
                        .read_to_end(&mut buf)
                        .map_err(|e| Error::from(e).with_context("cannot read standard input"))?;
                    buf
                }
                (Some(v), None) => v.into_bytes(),
                (None, None) => return Err(Error::new(ErrorKind::InvalidParameter, "give a value or --file")),
            };
            session.set_attribute(target.id, &name, &bytes)?;
            ctx.out.ack("attr set", &[target.id], || format!("set {name} of {} ({} bytes)", target.name, bytes.len()))
        }
        AttrCommand::Delete { object, name } => {
            let target = ctx.resolve(None, &object)?;
            session.delete_attribute(target.id, &name)?;
            ctx.out.ack("attr delete", &[target.id], || format!("deleted {name} of {}", target.name))
        }
    }
}
