"""Automate a backup's media handling with OpenRSM: allocate a side from an application pool,
mount it in a drive of a (virtual) tape library, dismount it, mark it complete and give it back,
following every step through database notifications.

    python examples/python/automation.py [--home DIR]

Without --home it works in a fresh temporary home, so it can run anywhere.
"""

from __future__ import annotations

import argparse
import asyncio
import tempfile
import threading
from typing import List

import openrsm


def describe(session: openrsm.Session, event: openrsm.Event) -> str:
    try:
        name = session.object(event.object_id).name
    except openrsm.ObjectNotFoundError:
        name = "(deleted)"
    return f"#{event.sequence:<4} {event.operation.name:<7} {event.object_type.name:<14} {name}"


def watch(sub: openrsm.Subscription, session: openrsm.Session, log: List[str]) -> None:
    """Log events until the subscription is closed (the blocking iterator ends then)."""
    for event in sub:
        log.append(describe(session, event))


def run(home: str) -> List[str]:
    log: List[str] = []
    with openrsm.Session(application="nightly-backup", home=home) as session:
        if not session.find_by_name("Robot", openrsm.ObjectType.LIBRARY):
            # A tape library with two drives and three LTO-6 cartridges NB0001..NB0003.
            library = session.create_virtual_library("Robot", drives=2, slots=10, media={"LTO-6": 3}, barcode_prefix="NB")
            session.inventory(library)
        lto = session.ensure_media_type("LTO-6")
        pool = session.create_media_pool("Backup/Nightly", media_type=lto, create_parents=True, mode="open_always")

        types = (
            openrsm.ObjectType.LOGICAL_MEDIA,
            openrsm.ObjectType.PHYSICAL_MEDIA,
            openrsm.ObjectType.DRIVE,
            openrsm.ObjectType.LIBREQUEST,
        )
        with session.notifications(*types) as sub:
            watcher = threading.Thread(target=watch, args=(sub, session, log))
            watcher.start()

            side = session.allocate_media(pool, new_media=True, timeout=30)
            tape = session.object(side.physical_media)
            assert isinstance(tape, openrsm.PhysicalMedia)
            print(f"allocated {side.name} on {tape.barcode} from {session.media_pool_name(pool)}")
            (mounted,) = session.mount(side, write=True, timeout=60)
            assert mounted.drive is not None
            print(f"mounted {tape.barcode} in {session.object(mounted.drive).name} at {mounted.device_path}")
            # ... write the backup to mounted.device_path here ...
            session.dismount(side)
            print(f"dismounted {tape.barcode}")
            session.set_attribute(side, "backup-set", b"2026-11-21T02:00:00Z full")
            session.set_media_complete(side)
            session.deallocate_media(side)
            returned = session.object(tape.id)
            assert isinstance(returned, openrsm.PhysicalMedia)
            print(f"returned {tape.barcode} to {session.media_pool_name(returned.pool)}")

            while sub.pending:
                threading.Event().wait(0.05)
        watcher.join()
    return log


async def run_async(home: str) -> int:
    """The same with AsyncSession, waiting for the allocation's notification with `async for`."""
    async with openrsm.AsyncSession(application="nightly-backup", home=home) as session:
        async with session.notifications(openrsm.ObjectType.LOGICAL_MEDIA) as sub:
            side = await session.allocate_media("Backup/Nightly", timeout=30)
            await session.mount(side, timeout=60)  # cancelling this await would undo the mount
            await session.dismount(side)
            async for event in sub:
                if event.object_id == side.id and event.operation is openrsm.Operation.INSERT:
                    await session.deallocate_media(side)
                    return event.sequence
    raise RuntimeError("the subscription ended before the allocation was notified")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--home", help="the OpenRSM home directory (default: a new temporary one)")
    args = parser.parse_args()
    home = args.home or tempfile.mkdtemp(prefix="openrsm-automation-")
    for line in run(home):
        print(line)
    print(f"async allocation notified as event #{asyncio.run(run_async(home))}")


if __name__ == "__main__":
    main()
