//! The Linux backend on libudev: enumeration of `scsi_tape`, `scsi_changer`, `scsi_generic` (type
//! 8) and `block` devices, and a netlink monitor driven by tokio's `AsyncFd`.

use std::ffi::OsStr;
use std::os::fd::AsRawFd;
use std::path::Path;

use tokio::io::unix::AsyncFd;
use tokio::sync::mpsc;

use super::backend::*;
use crate::error::{Error, ErrorKind, Result};

/// The subsystems a removable-media device can show up in.
const SUBSYSTEMS: [&str; 4] = ["scsi_tape", "scsi_changer", "scsi_generic", "block"];

/// Which netlink source a monitor listens on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UdevSource {
    /// Events after udevd processed them (with its properties: serials, WWNs, media flags).
    Udev,
    /// Raw kernel uevents, for machines without udevd.
    Kernel,
}

/// Whether udevd runs on this machine (its control socket exists).
pub fn udevd_running() -> bool {
    Path::new("/run/udev/control").exists()
}

/// Set to `1` to treat loop devices as removable disks (end-to-end tests on a real kernel).
pub const LOOP_ENV: &str = "OPENRSM_DEVICE_LOOP";

/// The libudev backend.
#[derive(Debug, Clone)]
pub struct UdevBackend {
    source: UdevSource,
    loops: bool,
}

impl Default for UdevBackend {
    fn default() -> Self {
        UdevBackend::new()
    }
}

impl UdevBackend {
    /// A backend on the "udev" source when udevd runs (or under umockdev, which fakes it), on the
    /// "kernel" source otherwise.
    pub fn new() -> Self {
        let faked = std::env::var_os("UMOCKDEV_DIR").is_some();
        UdevBackend::with_source(if faked || udevd_running() { UdevSource::Udev } else { UdevSource::Kernel })
    }

    /// A backend on this source.
    pub fn with_source(source: UdevSource) -> Self {
        UdevBackend { source, loops: std::env::var(LOOP_ENV).is_ok_and(|v| v == "1") }
    }

    /// Also treat loop devices (`/dev/loop*`) as removable disks: a loop device with a file
    /// attached is a medium in a drive, one without is an empty drive.
    pub fn with_loop_devices(mut self, loops: bool) -> Self {
        self.loops = loops;
        self
    }

    /// Its source.
    pub fn source(&self) -> UdevSource {
        self.source
    }
}

fn udev_error(e: std::io::Error, what: &str) -> Error {
    Error::new(ErrorKind::DeviceNotAvailable, format!("{what}: {e}"))
}

fn text(value: Option<&OsStr>) -> Option<String> {
    value.and_then(|v| v.to_str()).map(|v| v.trim().to_owned()).filter(|v| !v.is_empty())
}

/// The SCSI device (`scsi` subsystem, devtype `scsi_device`) a node hangs off, if any.
fn scsi_parent(device: &udev::Device) -> Option<udev::Device> {
    let mut current = device.parent();
    while let Some(parent) = current {
        if parent.subsystem() == Some(OsStr::new("scsi")) && parent.attribute_value("type").is_some() {
            return Some(parent);
        }
        current = parent.parent();
    }
    None
}

/// A serial number from SCSI VPD page 0x80 (unit serial number): 4 header bytes, then ASCII.
fn vpd_serial(page: &[u8]) -> Option<String> {
    let len = usize::from(*page.get(3)?);
    let body = page.get(4..(4 + len).min(page.len()))?;
    let s: String = String::from_utf8_lossy(body).trim_matches(|c: char| c.is_whitespace() || c == '\0').to_owned();
    (!s.is_empty()).then_some(s)
}

fn read_vpd80(scsi: &udev::Device) -> Option<String> {
    std::fs::read(scsi.syspath().join("vpd_pg80")).ok().and_then(|p| vpd_serial(&p))
}

/// Describe a udev device if it is one of ours.
pub(crate) fn describe(device: &udev::Device, loops: bool) -> Option<DeviceInfo> {
    let subsystem = device.subsystem()?.to_str()?;
    let scsi = scsi_parent(device);
    let scsi_type = scsi.as_ref().and_then(|s| text(s.attribute_value("type"))).and_then(|t| t.parse::<u32>().ok());
    let kind = match subsystem {
        "scsi_tape" => {
            // st creates st0, nst0 and mode variants (st0l, st0m, st0a): only the main node counts.
            let name = device.sysname().to_str()?;
            if !name.starts_with("st") || !name[2..].chars().all(|c| c.is_ascii_digit()) {
                return None;
            }
            DeviceKind::TapeDrive
        }
        "scsi_changer" => DeviceKind::Changer,
        "scsi_generic" if scsi_type == Some(8) => {
            // A changer without the ch driver is reached through sg; with it, scsi_changer counts.
            let has_ch = scsi
                .as_ref()
                .and_then(|s| std::fs::read_dir(s.syspath().join("scsi_changer")).ok())
                .is_some_and(|mut d| d.next().is_some());
            if has_ch {
                return None;
            }
            DeviceKind::Changer
        }
        "block" => {
            if device.devtype() != Some(OsStr::new("disk")) {
                return None;
            }
            let optical = device.property_value("ID_CDROM").is_some() || scsi_type == Some(5);
            let removable = text(device.attribute_value("removable")).as_deref() == Some("1")
                || (loops && device.sysname().to_str().is_some_and(|n| n.starts_with("loop")));
            match (optical, removable) {
                (true, _) => DeviceKind::OpticalDrive,
                (false, true) => DeviceKind::RemovableDisk,
                _ => return None,
            }
        }
        _ => return None,
    };
    let prop = |name: &str| text(device.property_value(name));
    let scsi_attr = |name: &str| scsi.as_ref().and_then(|s| text(s.attribute_value(name)));
    let vendor = prop("ID_VENDOR").or_else(|| scsi_attr("vendor")).unwrap_or_default();
    let model = prop("ID_MODEL").or_else(|| scsi_attr("model")).unwrap_or_default();
    let serial =
        prop("ID_SCSI_SERIAL").or_else(|| prop("ID_SERIAL_SHORT")).or_else(|| scsi.as_ref().and_then(read_vpd80));
    let wwn = prop("ID_WWN_WITH_EXTENSION").or_else(|| prop("ID_WWN")).or_else(|| {
        scsi_attr("wwid").filter(|w| w.starts_with("naa.") || w.starts_with("eui.") || w.starts_with("0x"))
    });
    let syspath = device.syspath().to_string_lossy().into_owned();
    let identity = match (&wwn, &serial) {
        (Some(wwn), _) => format!("wwn:{wwn}"),
        (None, Some(serial)) => format!("serial:{vendor}:{model}:{serial}"),
        (None, None) => match prop("ID_PATH") {
            Some(path) => format!("path:{path}:{}", kind.media_type_name()),
            None => {
                let anchor = scsi.as_ref().map_or(device.devpath().to_string_lossy().into_owned(), |s| {
                    s.devpath().to_string_lossy().into_owned()
                });
                format!("path:{anchor}")
            }
        },
    };
    let devnode = device
        .devnode()
        .map(|p| p.to_string_lossy().into_owned())
        .or_else(|| prop("DEVNAME").map(|n| if n.starts_with('/') { n } else { format!("/dev/{n}") }));
    let mut paths: Vec<String> = devnode.iter().cloned().collect();
    if kind == DeviceKind::TapeDrive {
        if let Some(node) = &devnode {
            if let Some((dir, name)) = node.rsplit_once('/') {
                paths.push(format!("{dir}/n{name}"));
            }
        }
    }
    if let Some(links) = prop("DEVLINKS") {
        paths.extend(links.split_whitespace().map(str::to_owned));
    }
    let size_sectors = text(device.attribute_value("size")).and_then(|s| s.parse::<u64>().ok()).unwrap_or(0);
    let (media, media_size) = match kind {
        DeviceKind::OpticalDrive => {
            let present = match prop("ID_CDROM_MEDIA") {
                Some(v) => v == "1",
                None => size_sectors > 0,
            };
            (if present { MediaPresence::Present } else { MediaPresence::Absent }, size_sectors * 512)
        }
        DeviceKind::RemovableDisk => {
            let present = size_sectors > 0;
            (if present { MediaPresence::Present } else { MediaPresence::Absent }, size_sectors * 512)
        }
        _ => (MediaPresence::Unknown, 0),
    };
    Some(DeviceInfo {
        kind,
        identity,
        vendor,
        model,
        serial,
        wwn,
        devnode,
        paths,
        sysname: device.sysname().to_string_lossy().into_owned(),
        syspath,
        media,
        media_size,
    })
}

/// What one received uevent means.
fn event_of(event: &udev::Event, loops: bool) -> Option<DeviceEvent> {
    let device = event.device();
    let subsystem = device.subsystem().and_then(OsStr::to_str).unwrap_or_default();
    if !SUBSYSTEMS.contains(&subsystem) {
        return None;
    }
    match event.event_type() {
        udev::EventType::Remove => Some(DeviceEvent::Removed {
            syspath: device.syspath().to_string_lossy().into_owned(),
            sysname: device.sysname().to_string_lossy().into_owned(),
        }),
        udev::EventType::Add => describe(&device, loops).map(DeviceEvent::Added),
        udev::EventType::Change => describe(&device, loops).map(DeviceEvent::Changed),
        _ => None,
    }
}

/// What a non-blocking zero-length peek at the socket says.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Peek {
    /// A message is waiting.
    Ready,
    /// Nothing is waiting.
    Empty,
    /// The kernel dropped messages because the receive buffer was full.
    Overflow,
    /// Another error.
    Failed(i32),
}

/// Peek at a socket without consuming a message. The error an overflow leaves on a netlink
/// socket (`ENOBUFS`) is reported, and cleared, by this call; libudev would swallow it.
pub(crate) fn peek(fd: std::os::fd::RawFd) -> Peek {
    let mut byte = 0u8;
    // SAFETY: a one-byte buffer we own; MSG_PEEK leaves the message in the queue.
    let n = unsafe { libc::recv(fd, (&mut byte as *mut u8).cast(), 1, libc::MSG_PEEK | libc::MSG_DONTWAIT) };
    if n >= 0 {
        return Peek::Ready;
    }
    match std::io::Error::last_os_error().raw_os_error().unwrap_or(0) {
        libc::EAGAIN => Peek::Empty,
        libc::ENOBUFS => Peek::Overflow,
        libc::EINTR => Peek::Ready,
        code => Peek::Failed(code),
    }
}

/// Read every waiting message, sending what they mean. Returns `false` when the receiver is gone.
fn drain(socket: &udev::MonitorSocket, tx: &mpsc::UnboundedSender<DeviceEvent>, loops: bool) -> std::io::Result<bool> {
    loop {
        match peek(socket.as_raw_fd()) {
            Peek::Empty => return Ok(true),
            Peek::Overflow => {
                if tx
                    .send(DeviceEvent::Rescan { reason: "the kernel event socket overflowed (ENOBUFS)".into() })
                    .is_err()
                {
                    return Ok(false);
                }
            }
            Peek::Failed(code) => return Err(std::io::Error::from_raw_os_error(code)),
            Peek::Ready => {
                // libudev returns nothing for a message it filters out or cannot parse; the
                // message is consumed either way, so the loop moves on.
                if let Some(event) = socket.iter().next() {
                    if let Some(e) = event_of(&event, loops) {
                        if tx.send(e).is_err() {
                            return Ok(false);
                        }
                    }
                }
            }
        }
    }
}

fn open_monitor(source: UdevSource) -> std::io::Result<udev::MonitorSocket> {
    let mut builder = match source {
        UdevSource::Udev => udev::MonitorBuilder::new()?,
        UdevSource::Kernel => udev::MonitorBuilder::new_kernel()?,
    };
    for subsystem in SUBSYSTEMS {
        builder = builder.match_subsystem(subsystem)?;
    }
    let socket = builder.listen()?;
    // A large receive buffer makes overflows rare; they are still caught (see `peek`).
    let size: libc::c_int = 16 * 1024 * 1024;
    // SAFETY: setsockopt on our socket with a pointer to a live c_int. Failure (no privilege for
    // the FORCE variant) leaves the default, which is fine.
    unsafe {
        let p = (&size as *const libc::c_int).cast();
        let len = std::mem::size_of::<libc::c_int>() as libc::socklen_t;
        if libc::setsockopt(socket.as_raw_fd(), libc::SOL_SOCKET, libc::SO_RCVBUFFORCE, p, len) != 0 {
            libc::setsockopt(socket.as_raw_fd(), libc::SOL_SOCKET, libc::SO_RCVBUF, p, len);
        }
    }
    Ok(socket)
}

impl DeviceBackend for UdevBackend {
    fn name(&self) -> &str {
        match self.source {
            UdevSource::Udev => "udev",
            UdevSource::Kernel => "udev (kernel source)",
        }
    }

    fn scan(&self) -> Result<Vec<DeviceInfo>> {
        let mut found = Vec::new();
        for subsystem in SUBSYSTEMS {
            let mut enumerator = udev::Enumerator::new().map_err(|e| udev_error(e, "cannot enumerate devices"))?;
            enumerator.match_subsystem(subsystem).map_err(|e| udev_error(e, "cannot enumerate devices"))?;
            let devices = enumerator.scan_devices().map_err(|e| udev_error(e, "cannot enumerate devices"))?;
            found.extend(devices.filter_map(|d| describe(&d, self.loops)));
        }
        found.sort_by(|a, b| a.syspath.cmp(&b.syspath));
        Ok(found)
    }

    fn device(&self, syspath: &str) -> Result<Option<DeviceInfo>> {
        match udev::Device::from_syspath(Path::new(syspath)) {
            Ok(device) => Ok(describe(&device, self.loops)),
            Err(_) => Ok(None),
        }
    }

    fn events(&self) -> Result<DeviceEventStream> {
        // Unbounded: a burst of events is queued, never dropped; the consumer applies them in order.
        let (tx, rx) = mpsc::unbounded_channel();
        let (opened_tx, opened_rx) = std::sync::mpsc::channel();
        let source = self.source;
        let loops = self.loops;
        // libudev handles are not Send: the monitor lives on its own thread, with a small tokio
        // runtime that drives its socket through AsyncFd.
        std::thread::Builder::new()
            .name("openrsm-udev".into())
            .spawn(move || {
                let runtime = match tokio::runtime::Builder::new_current_thread().enable_io().enable_time().build() {
                    Ok(rt) => rt,
                    Err(e) => return drop(opened_tx.send(Err(e))),
                };
                runtime.block_on(monitor_loop(source, loops, tx, opened_tx));
            })
            .map_err(|e| udev_error(e, "cannot start the udev monitor"))?;
        opened_rx
            .recv()
            .map_err(|_| Error::new(ErrorKind::DeviceNotAvailable, "the udev monitor thread ended"))?
            .map_err(|e| udev_error(e, "cannot open the udev monitor"))?;
        Ok(Box::pin(futures::stream::unfold(rx, |mut rx| async move { rx.recv().await.map(|e| (e, rx)) })))
    }
}

async fn monitor_loop(
    source: UdevSource,
    loops: bool,
    tx: mpsc::UnboundedSender<DeviceEvent>,
    opened: std::sync::mpsc::Sender<std::io::Result<()>>,
) {
    let fd = match open_monitor(source).and_then(|socket| {
        // SAFETY: the socket owns its descriptor and the AsyncFd owns the socket, so the
        // descriptor stays open for as long as it is registered.
        unsafe { AsyncFd::register_with_interest(socket, tokio::io::Interest::READABLE) }.map_err(|e| e.into())
    }) {
        Ok(fd) => fd,
        Err(e) => return drop(opened.send(Err(e))),
    };
    let _ = opened.send(Ok(()));
    loop {
        let mut ready = tokio::select! {
            ready = fd.readable() => match ready {
                Ok(ready) => ready,
                Err(_) => return,
            },
            _ = tx.closed() => return,
        };
        match drain(fd.get_ref(), &tx, loops) {
            Ok(true) => ready.clear_ready(),
            Ok(false) => return,
            Err(e) => {
                // An unexpected socket error: say so and keep listening rather than die.
                let reason = format!("the udev monitor failed ({e}); events may have been lost");
                if tx.send(DeviceEvent::Rescan { reason }).is_err() {
                    return;
                }
                ready.clear_ready();
                tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn vpd_page_80_gives_the_serial() {
        let mut page = vec![0x01, 0x80, 0x00, 0x0c];
        page.extend_from_slice(b"  1013000001");
        assert_eq!(vpd_serial(&page).as_deref(), Some("1013000001"));
        assert_eq!(vpd_serial(&[0x01, 0x80, 0x00, 0x00]), None);
        assert_eq!(vpd_serial(&[0x01]), None);
        // A length past the end is cut to what is there.
        assert_eq!(vpd_serial(&[0x01, 0x80, 0x00, 0x40, b'A', b'B']).as_deref(), Some("AB"));
    }

    #[test]
    fn peek_tells_empty_from_ready() {
        let (a, b) = std::os::unix::net::UnixDatagram::pair().unwrap();
        a.set_nonblocking(true).unwrap();
        assert_eq!(peek(a.as_raw_fd()), Peek::Empty);
        b.send(b"x").unwrap();
        assert_eq!(peek(a.as_raw_fd()), Peek::Ready);
        // Peeking does not consume.
        assert_eq!(peek(a.as_raw_fd()), Peek::Ready);
        assert_eq!(peek(-1), Peek::Failed(libc::EBADF));
    }

    #[test]
    fn the_source_follows_udevd() {
        let backend = UdevBackend::with_source(UdevSource::Kernel);
        assert_eq!(backend.source(), UdevSource::Kernel);
        assert_eq!(backend.name(), "udev (kernel source)");
    }
}
