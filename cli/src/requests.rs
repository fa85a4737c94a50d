//! `rsm requests`, `rsm request ...`, `rsm oprequests`, `rsm oprequest ...`: library requests and
//! operator requests.

use std::time::Duration;

use clap::{Args, Subcommand};
use openrsm::{Detail, Object, ObjectType, OpRequestKind, Result, Timeout};

use crate::context::Context;
use crate::library::library;
use crate::output::{render, table, when, Names};

/// `rsm requests`
#[derive(Debug, Args)]
pub struct RequestsArgs {
    /// Only the requests of this library.
    pub library: Option<String>,
    /// Finished requests too.
    #[arg(long)]
    pub all: bool,
}

/// `rsm request ...`
#[derive(Debug, Subcommand)]
pub enum RequestCommand {
    /// Cancel a request that has not finished.
    Cancel {
        /// The request's id.
        request: String,
    },
    /// Delete a finished request.
    Delete {
        /// The request's id.
        request: String,
    },
    /// Move a queued request to a position (from 1) in its library's queue.
    Order {
        /// The request's id.
        request: String,
        /// Its new position.
        position: u32,
    },
    /// Wait until a request finishes.
    Wait {
        /// The request's id.
        request: String,
        /// Give up after this many seconds.
        #[arg(long, value_name = "SECS")]
        timeout: Option<f64>,
    },
}

/// `rsm oprequests`
#[derive(Debug, Args)]
pub struct OpRequestsArgs {
    /// Answered requests too.
    #[arg(long)]
    pub all: bool,
}

/// `rsm oprequest ...`
#[derive(Debug, Subcommand)]
pub enum OpRequestCommand {
    /// Satisfy an operator request.
    Satisfy {
        /// The request's id.
        request: String,
    },
    /// Cancel (refuse) an operator request.
    Cancel {
        /// The request's id.
        request: String,
    },
    /// Submit an operator request with a message.
    Submit {
        /// The message for operators.
        message: String,
        /// Its kind (NEWMEDIA, CLEANER, DEVICESERVICE, MOVEMEDIA, MESSAGE).
        #[arg(long, default_value = "MESSAGE")]
        kind: String,
    },
}

fn requests_table(ctx: &Context, requests: &[Object]) -> Result<()> {
    let session = ctx.session()?;
    ctx.out.emit(requests, || {
        if requests.is_empty() {
            return "(none)".into();
        }
        let names = Names::new(session);
        let mut t =
            table(["ID", "OPERATION", "STATE", "PRI", "LIBRARY", "DRIVE", "MEDIA", "SUBMITTED", "PROGRESS", "ERROR"]);
        for r in requests {
            let Detail::LibRequest(i) = &r.detail else { continue };
            t.add_row([
                r.id.to_string(),
                i.operation.name().to_owned(),
                i.request_state.name().to_owned(),
                i.priority.to_string(),
                names.label_opt(i.library),
                names.label_opt(i.drive),
                names.label_opt(i.media),
                when(&i.submitted),
                if i.progress_total > 0 { format!("{}/{}", i.progress_done, i.progress_total) } else { "-".into() },
                i.error_code
                    .and_then(openrsm::ErrorKind::from_code)
                    .map_or_else(|| "-".into(), |k| k.name().to_owned()),
            ]);
        }
        render(t)
    })
}

/// `rsm requests [LIB] [--all]`
pub fn list(ctx: &Context, args: RequestsArgs) -> Result<()> {
    let session = ctx.session()?;
    let lib = match &args.library {
        Some(l) => Some(library(ctx, l)?.id),
        None => None,
    };
    let requests = session.library_requests(lib, !args.all)?;
    requests_table(ctx, &requests)
}

/// `rsm request ...`
pub fn run(ctx: &Context, command: RequestCommand) -> Result<()> {
    let session = ctx.session()?;
    match command {
        RequestCommand::Cancel { request } => {
            let r = ctx.resolve(Some(ObjectType::LibRequest), &request)?;
            session.cancel_request(r.id)?;
            ctx.out.ack("request cancel", &[r.id], || format!("cancelled {}", r.id))
        }
        RequestCommand::Delete { request } => {
            let r = ctx.resolve(Some(ObjectType::LibRequest), &request)?;
            session.delete_request(r.id)?;
            ctx.out.ack("request delete", &[r.id], || format!("deleted {}", r.id))
        }
        RequestCommand::Order { request, position } => {
            let r = ctx.resolve(Some(ObjectType::LibRequest), &request)?;
            session.set_request_order(r.id, position)?;
            let now = session.request_order(r.id)?;
            ctx.out.ack("request order", &[r.id], || format!("{} is now number {now} in its queue", r.id))
        }
        RequestCommand::Wait { request, timeout } => {
            let r = ctx.resolve(Some(ObjectType::LibRequest), &request)?;
            let timeout = timeout.map_or(Timeout::Infinite, |s| Timeout::After(Duration::from_secs_f64(s.max(0.0))));
            let done = session.wait_request(r.id, timeout)?;
            requests_table(ctx, &[done])
        }
    }
}

/// `rsm oprequests [--all]`
pub fn list_op(ctx: &Context, args: OpRequestsArgs) -> Result<()> {
    let session = ctx.session()?;
    let requests = session.operator_requests(!args.all)?;
    ctx.out.emit(&requests, || {
        if requests.is_empty() {
            return "(no operator requests)".into();
        }
        let names = Names::new(session);
        let mut t = table(["ID", "KIND", "STATE", "SUBMITTED", "ABOUT", "MESSAGE"]);
        for r in &requests {
            let Detail::OpRequest(i) = &r.detail else { continue };
            let about: Vec<String> = i.arguments.iter().map(|a| names.label(*a)).collect();
            t.add_row([
                r.id.to_string(),
                i.kind.name().to_owned(),
                i.request_state.name().to_owned(),
                when(&i.submitted),
                if about.is_empty() { "-".into() } else { about.join(", ") },
                i.message.clone(),
            ]);
        }
        render(t)
    })
}

/// `rsm oprequest ...`
pub fn run_op(ctx: &Context, command: OpRequestCommand) -> Result<()> {
    let session = ctx.session()?;
    match command {
        OpRequestCommand::Satisfy { request } => {
            let r = ctx.resolve(Some(ObjectType::OpRequest), &request)?;
            session.satisfy_operator_request(r.id)?;
            ctx.out.ack("oprequest satisfy", &[r.id], || format!("satisfied {}", r.id))
        }
        OpRequestCommand::Cancel { request } => {
            let r = ctx.resolve(Some(ObjectType::OpRequest), &request)?;
            session.cancel_operator_request(r.id)?;
            ctx.out.ack("oprequest cancel", &[r.id], || format!("refused {}", r.id))
        }
        OpRequestCommand::Submit { message, kind } => {
            let kind: OpRequestKind = kind.parse()?;
            let r = session.submit_operator_request(kind, &message, &[])?;
            ctx.out.emit(&r, || format!("submitted {} ({})", r.id, kind))
        }
    }
}
