//! `rsm devices`: the removable-media hardware found on this computer, with identities; `--rescan`
//! scans again first, `--eject DRIVE` ejects the medium of a detected standalone drive.

use clap::Args;
use openrsm::{DeviceRecord, Result};
use serde::Serialize;

use crate::context::Context;
use crate::output::{render, table, Names};

/// `rsm devices [--rescan] [--eject DRIVE] [--volumes DRIVE]`
#[derive(Debug, Args)]
pub struct DevicesArgs {
    /// Scan the hardware again before listing (records new devices, marks missing ones NOT_PRESENT).
    #[arg(long)]
    rescan: bool,
    /// Eject the medium of this detected standalone drive (id or name) and record it offline.
    #[arg(long, value_name = "DRIVE", conflicts_with = "volumes")]
    eject: Option<String>,
    /// List the volumes (partitions) on the medium of this detected standalone drive.
    #[arg(long, value_name = "DRIVE")]
    volumes: Option<String>,
}

#[derive(Serialize)]
struct Listing<'a> {
    status: String,
    devices: &'a [DeviceRecord],
}

/// `rsm devices`
pub fn run(ctx: &Context, args: DevicesArgs) -> Result<()> {
    let session = ctx.session()?;
    if let Some(drive) = &args.eject {
        let drive = ctx.resolve(Some(openrsm::ObjectType::Drive), drive)?;
        session.eject_disk_from_sa_drive(drive.id)?;
        return ctx.out.ack("ejected", &[drive.id], || format!("ejected the medium of {}", drive.name));
    }
    if let Some(drive) = &args.volumes {
        let drive = ctx.resolve(Some(openrsm::ObjectType::Drive), drive)?;
        let volumes = session.volumes_from_drive(drive.id)?;
        return ctx.out.emit(&volumes, || volumes.join("\n"));
    }
    if args.rescan {
        session.rescan_devices()?;
    }
    let devices = session.devices()?;
    let status = session.device_detection_status()?;
    ctx.out.emit(&Listing { status: status.clone(), devices: &devices }, || {
        if devices.is_empty() {
            return format!("no removable-media devices found ({status})");
        }
        let names = Names::new(session);
        let mut t = table(["KIND", "STATE", "VENDOR", "MODEL", "IDENTITY", "PATHS", "LIBRARY", "MEDIA"]);
        for d in &devices {
            t.add_row(vec![
                format!("{:?}", d.info.kind),
                d.state.to_string(),
                d.info.vendor.clone(),
                d.info.model.clone(),
                d.info.identity.clone(),
                d.info.paths.join(" "),
                names.label(d.library),
                names.label_opt(d.media),
            ]);
        }
        format!("{}\n{status}", render(t).trim_end())
    })
}
