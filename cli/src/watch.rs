//! `rsm watch`: print database notifications as they happen.

use std::str::FromStr;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use openrsm::{Error, ErrorKind, Event, Notification, ObjectType, Result, Session, Timeout};

use crate::context::Context;
use crate::output::Output;

/// `rsm watch [TYPE ...] [--count N] [--timeout SECS]`
#[derive(Debug, Clone, Args)]
pub struct WatchArgs {
    /// The object types to watch, e.g. MEDIA_POOL physical-media (default: every type).
    #[arg(value_parser = ObjectType::from_str, value_name = "TYPE")]
    types: Vec<ObjectType>,
    /// Stop after N notifications.
    #[arg(long, value_name = "N")]
    count: Option<u64>,
    /// Stop after SECS seconds. With --count, fewer than N notifications by then is a TIMEOUT error;
    /// without it, the time running out is the normal end.
    #[arg(long, value_name = "SECS", allow_negative_numbers = true)]
    timeout: Option<f64>,
    /// Also print device events (devices added, changed — media in or out —, removed, rescans).
    #[arg(long)]
    devices: bool,
}

impl WatchArgs {
    /// Whether this watch ends on its own (a count or a time limit).
    pub fn has_timeout(&self) -> bool {
        self.timeout.is_some()
    }
}

/// A running watch: a subscription and where to print what it receives.
pub struct Watcher {
    session: Session,
    out: Output,
    notification: Notification,
    count: Option<u64>,
    timeout: Option<Duration>,
    deadline: Option<Instant>,
    stop: Arc<AtomicBool>,
    devices: Option<openrsm::detect::DeviceEvents>,
}

/// Ends a watch started in the background; events already published are still printed.
#[derive(Clone)]
pub struct StopHandle(Arc<AtomicBool>);

impl StopHandle {
    /// Ask the watch to print what is queued and end.
    pub fn stop(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
}

/// How often a stoppable watch looks at its stop flag.
const STOP_POLL: Duration = Duration::from_millis(50);

impl Watcher {
    /// Subscribe now (so nothing that happens after this call is missed) and say so on stderr.
    pub fn start(session: &Session, out: Output, args: &WatchArgs) -> Result<Watcher> {
        let timeout = match args.timeout {
            Some(secs) if secs.is_finite() && secs >= 0.0 => Some(Duration::from_secs_f64(secs)),
            Some(secs) => {
                return Err(Error::new(
                    ErrorKind::InvalidParameter,
                    format!("--timeout {secs}: give seconds, 0 or more"),
                ))
            }
            None => None,
        };
        if args.count == Some(0) {
            return Err(Error::new(ErrorKind::InvalidParameter, "--count must be at least 1"));
        }
        let notification = session.open_notification(&args.types)?;
        let what = if args.types.is_empty() {
            "every object type".to_owned()
        } else {
            args.types.iter().map(|t| t.name()).collect::<Vec<_>>().join(", ")
        };
        eprintln!("watching notifications of {what}");
        Ok(Watcher {
            session: session.clone(),
            out,
            notification,
            count: args.count,
            timeout,
            deadline: timeout.and_then(|t| Instant::now().checked_add(t)),
            stop: Arc::new(AtomicBool::new(false)),
            devices: if args.devices { Some(session.device_events()?) } else { None },
        })
    }

    /// A handle that ends this watch from another thread.
    pub fn stop_handle(&self) -> StopHandle {
        StopHandle(self.stop.clone())
    }

    /// Print events until the count is reached, the time runs out, or the watch is stopped.
    pub fn run(mut self) -> Result<()> {
        let mut seen = 0u64;
        loop {
            if self.count.is_some_and(|n| seen >= n) {
                return Ok(());
            }
            if self.stop.load(Ordering::SeqCst) {
                // Print what was published before the stop, then end.
                while let Some(event) = self.notification.try_next()? {
                    self.print(&event)?;
                    seen += 1;
                    if self.count.is_some_and(|n| seen >= n) {
                        break;
                    }
                }
                return Ok(());
            }
            let left = self.deadline.map(|d| d.saturating_duration_since(Instant::now()));
            if left.is_some_and(|l| l.is_zero()) {
                return self.timed_out(seen);
            }
            let slice = left.map_or(STOP_POLL, |l| l.min(STOP_POLL));
            match self.notification.wait(Timeout::After(slice)) {
                Ok(event) => {
                    self.print(&event)?;
                    seen += 1;
                }
                Err(e) if e.kind() == ErrorKind::Timeout => {}
                Err(e) => return Err(e),
            }
            self.print_device_events()?;
        }
    }

    fn timed_out(&self, seen: u64) -> Result<()> {
        match self.count {
            Some(n) => Err(Error::new(
                ErrorKind::Timeout,
                format!(
                    "{seen} of {n} notifications arrived within {} s",
                    self.timeout.unwrap_or_default().as_secs_f64()
                ),
            )),
            None => Ok(()),
        }
    }

    fn print_device_events(&mut self) -> Result<()> {
        let Some(devices) = self.devices.as_mut() else { return Ok(()) };
        while let Some(event) = devices.next_timeout(Duration::ZERO)? {
            if self.out.is_json() {
                self.out.json_line(&serde_json::json!({ "device_event": event }))?;
            } else {
                self.out.text(&device_line(&event, chrono::Local::now()))?;
            }
        }
        Ok(())
    }

    fn print(&self, event: &Event) -> Result<()> {
        if self.out.is_json() {
            self.out.json_line(event)
        } else {
            let name = self.session.object(event.object_id).ok().map(|o| o.name);
            self.out.text(&event_line(event, name.as_deref(), chrono::Local::now()))
        }
    }
}

/// `rsm watch`
pub fn run(ctx: &Context, args: WatchArgs) -> Result<()> {
    Watcher::start(ctx.session()?, ctx.out, &args)?.run()
}

/// One device event for people: time, `DEVICE`, what happened, the kernel name and identity.
pub fn device_line<Tz: chrono::TimeZone>(event: &openrsm::DeviceEvent, at: chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    use openrsm::DeviceEvent;
    let what = match event {
        DeviceEvent::Added(i) => format!("added    {} {} ({:?}, media {:?})", i.sysname, i.identity, i.kind, i.media),
        DeviceEvent::Changed(i) => format!("changed  {} {} (media {:?})", i.sysname, i.identity, i.media),
        DeviceEvent::Removed { sysname, .. } => format!("removed  {sysname}"),
        DeviceEvent::Rescan { reason } => format!("rescan   {reason}"),
    };
    format!("{}  DEVICE  {what}", at.format("%H:%M:%S%.3f"))
}

/// One event for people: time, sequence, operation, type, id and the object's name (`-` when
/// it no longer exists).
pub fn event_line<Tz: chrono::TimeZone>(event: &Event, name: Option<&str>, at: chrono::DateTime<Tz>) -> String
where
    Tz::Offset: std::fmt::Display,
{
    format!(
        "{}  #{:<6} {:<13} {:<15} {}  {}",
        at.format("%H:%M:%S%.3f"),
        event.sequence,
        event.operation.name(),
        event.object_type.name(),
        event.object_id,
        name.unwrap_or("-")
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use openrsm::{ObjectId, Operation};

    fn event() -> Event {
        Event {
            operation: Operation::Insert,
            object_type: ObjectType::MediaPool,
            object_id: "2f1c0a55-7f7e-4c39-9c55-0d2b4c0e3a11".parse::<ObjectId>().unwrap(),
            sequence: 42,
        }
    }

    #[test]
    fn human_lines_show_time_sequence_operation_type_id_and_name() {
        let at = chrono::DateTime::parse_from_rfc3339("2026-03-01T12:34:56.789+00:00").unwrap();
        assert_eq!(
            event_line(&event(), Some("Weekly"), at),
            "12:34:56.789  #42     INSERT        MEDIA_POOL      2f1c0a55-7f7e-4c39-9c55-0d2b4c0e3a11  Weekly"
        );
        assert!(event_line(&event(), None, at).ends_with("3a11  -"));
    }

    #[test]
    fn json_lines_are_the_core_event_form() {
        let line = serde_json::to_string(&event()).unwrap();
        assert_eq!(
            line,
            r#"{"operation":"INSERT","object_type":"MEDIA_POOL","object_id":"2f1c0a55-7f7e-4c39-9c55-0d2b4c0e3a11","sequence":42}"#
        );
        let back: Event = serde_json::from_str(&line).unwrap();
        assert_eq!(back, event());
    }
}
