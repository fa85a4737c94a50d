//! Running the core's blocking calls off the JavaScript thread, on a pool of reusable threads.
//!
//! The pool's threads are plain threads, not a tokio runtime's: threads of a runtime carry its
//! context, and the core refuses blocking calls made from inside a runtime (it would stall it).
//! Nor are they libuv's small pool, which Node needs for file and DNS work and which a call that
//! waits (an allocation with a timeout, an inject) would hold. A thread is started only when no
//! idle one can take a call, at most [`MAX_THREADS`], and ends after [`IDLE_LIFETIME`] unused:
//! a call then costs a queue push and a wake-up rather than a thread start. The long waits —
//! mounts, request and operator request waits, notification and device event waits — are futures
//! on the core's runtime and take no thread here.

use std::collections::VecDeque;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Condvar, Mutex, MutexGuard, OnceLock};
use std::time::Duration;

use crate::errors::to_napi;

/// The most threads the pool runs at once; calls beyond wait in its queue.
const MAX_THREADS: usize = 64;

/// How long an unused thread stays for the next call.
const IDLE_LIFETIME: Duration = Duration::from_secs(10);

type Job = Box<dyn FnOnce() + Send>;

#[derive(Default)]
struct Queue {
    jobs: VecDeque<Job>,
    threads: usize,
    idle: usize,
}

struct Pool {
    queue: Mutex<Queue>,
    ready: Condvar,
}

fn pool() -> &'static Pool {
    static POOL: OnceLock<Pool> = OnceLock::new();
    POOL.get_or_init(|| Pool { queue: Mutex::new(Queue::default()), ready: Condvar::new() })
}

impl Pool {
    fn lock(&self) -> MutexGuard<'_, Queue> {
        // A job runs outside the lock, so a poisoned lock still holds a consistent queue.
        self.queue.lock().unwrap_or_else(|p| p.into_inner())
    }

    fn submit(&'static self, job: Job) -> std::io::Result<()> {
        let mut queue = self.lock();
        queue.jobs.push_back(job);
        // Every queued job needs an idle thread to take it; start one if there are not enough.
        if queue.idle >= queue.jobs.len() || queue.threads >= MAX_THREADS {
            self.ready.notify_one();
            return Ok(());
        }
        queue.threads += 1;
        drop(queue);
        let started = std::thread::Builder::new().name("openrsm-call".into()).spawn(move || self.work());
        if let Err(e) = started {
            let mut queue = self.lock();
            queue.threads -= 1;
            if queue.threads == 0 {
                // No thread will ever take it: give the caller the error instead.
                queue.jobs.pop_back();
                return Err(e);
            }
        }
        Ok(())
    }

    fn work(&self) {
        let mut queue = self.lock();
        loop {
            if let Some(job) = queue.jobs.pop_front() {
                drop(queue);
                // A panic drops the job's sender: its caller learns of it, the thread lives on.
                let _ = catch_unwind(AssertUnwindSafe(job));
                queue = self.lock();
                continue;
            }
            queue.idle += 1;
            let (guard, waited) = self.ready.wait_timeout(queue, IDLE_LIFETIME).unwrap_or_else(|p| p.into_inner());
            queue = guard;
            queue.idle -= 1;
            if waited.timed_out() && queue.jobs.is_empty() {
                queue.threads -= 1;
                return;
            }
        }
    }
}

/// Run `call` on a thread of the pool; the returned future completes with its result.
pub(crate) async fn run<T, F>(call: F) -> napi::Result<T>
where
    F: FnOnce() -> openrsm::Result<T> + Send + 'static,
    T: Send + 'static,
{
    let (tx, rx) = tokio::sync::oneshot::channel();
    pool()
        .submit(Box::new(move || {
            // The receiver is gone only if the Promise's future was dropped (the environment is
            // shutting down): nobody waits for the result then.
            let _ = tx.send(call());
        }))
        .map_err(|e| napi::Error::from_reason(format!("cannot start a thread for an OpenRSM call: {e}")))?;
    match rx.await {
        Ok(result) => result.map_err(to_napi),
        Err(_) => Err(napi::Error::from_reason("an OpenRSM call panicked")),
    }
}
