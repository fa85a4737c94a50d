import asyncio
import pathlib
import threading
import time
import _thread

import pytest

import openrsm

POOL = openrsm.ObjectType.MEDIA_POOL


def test_wait_returns_event_or_none_on_timeout(session: openrsm.Session) -> None:
    with session.notifications(POOL) as sub:
        assert sub.object_types == [POOL]
        assert sub.wait(timeout=0.05) is None
        pool = session.create_media_pool("Backup")
        event = sub.wait(timeout=5)
        assert event is not None
        assert event.operation is openrsm.Operation.INSERT
        assert event.object_type is POOL and event.object_id == pool.id
        assert event.sequence == session.last_sequence()
        assert sub.try_next() is None
        start = time.monotonic()
        assert sub.wait(timeout=0.25) is None
        assert 0.2 <= time.monotonic() - start < 2
    assert sub.closed
    with pytest.raises(openrsm.InvalidHandleError):
        sub.wait(0)


def test_blocking_iteration_ends_when_the_subscription_closes(session: openrsm.Session) -> None:
    sub = session.notifications(POOL)
    names = [f"P{i}" for i in range(3)]
    for name in names:
        session.create_media_pool(name)
    seen = []
    for event in sub:
        seen.append(event.object_id)
        if len(seen) == 3:
            threading.Timer(0.1, sub.close).start()
    assert seen == [session.media_pool(n).id for n in names]


def test_closing_the_session_wakes_a_blocked_iteration(home: pathlib.Path) -> None:
    session = openrsm.Session(home=home)
    sub = session.notifications()
    threading.Timer(0.2, session.close).start()
    assert list(sub) == []
    assert sub.closed


def test_async_iteration_and_next_with_timeout(session: openrsm.Session) -> None:
    async def main() -> None:
        async with session.notifications(POOL) as sub:
            assert await sub.next(timeout=0.05) is None
            session.create_media_pool("A")
            session.create_media_pool("B")
            names = []
            async for event in sub:
                names.append(session.object(event.object_id).name)
                if len(names) == 2:
                    break
            assert names == ["A", "B"]
        assert sub.closed
        async for _ in sub:
            raise AssertionError("a closed subscription yields nothing")

    asyncio.run(main())


def test_cancelled_async_steps_never_lose_an_event(session: openrsm.Session) -> None:
    count = 40

    def produce() -> None:
        for i in range(count):
            session.create_media_pool(f"C{i:03}")
            time.sleep(0.002)

    async def main() -> list:
        received = []
        with session.notifications(POOL) as sub:
            it = sub.__aiter__()
            producer = threading.Thread(target=produce)
            producer.start()
            while len(received) < count:
                try:
                    received.append(await asyncio.wait_for(it.__anext__(), timeout=0.001))
                except asyncio.TimeoutError:
                    pass
            producer.join()
        return received

    received = asyncio.run(main())
    assert [e.sequence for e in received] == sorted(e.sequence for e in received)
    assert len({e.object_id for e in received}) == count


def test_a_subscriber_that_fell_behind_gets_no_data(home: pathlib.Path) -> None:
    with openrsm.Session(home=home, notification_capacity=2) as session:
        sub = session.notifications(POOL)
        for i in range(3):
            session.create_media_pool(f"L{i}")
        with pytest.raises(openrsm.NoDataError) as err:
            sub.wait(1)
        assert err.value.code == 232
        with pytest.raises(openrsm.NoDataError):
            next(iter(sub))
        fresh = session.notifications(POOL)
        session.create_media_pool("after")
        assert fresh.wait(1) is not None


def test_a_blocking_wait_releases_the_gil(session: openrsm.Session) -> None:
    sub = session.notifications(POOL)
    result = {}

    def waiter() -> None:
        result["event"] = sub.wait(timeout=10)

    thread = threading.Thread(target=waiter)
    thread.start()
    time.sleep(0.1)
    # Pure-Python work in this thread makes progress while the other thread waits in Rust.
    start = time.monotonic()
    total = sum(i * i for i in range(300_000))
    busy = time.monotonic() - start
    assert total > 0 and busy < 5
    assert thread.is_alive()
    pool = session.create_media_pool("Wakeup")
    thread.join(5)
    assert not thread.is_alive()
    assert result["event"].object_id == pool.id


def test_ctrl_c_interrupts_an_unlimited_wait(session: openrsm.Session) -> None:
    sub = session.notifications(POOL)
    threading.Timer(0.3, _thread.interrupt_main).start()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        sub.wait()
    assert time.monotonic() - start < 3
    threading.Timer(0.3, _thread.interrupt_main).start()
    with pytest.raises(KeyboardInterrupt):
        next(iter(sub))


def test_ctrl_c_interrupts_an_allocation_wait(session: openrsm.Session) -> None:
    lto = session.add_media_type("LTO-8")
    pool = session.create_media_pool("Never", media_type=lto)
    threading.Timer(0.3, _thread.interrupt_main).start()
    with pytest.raises(KeyboardInterrupt):
        session.allocate_media(pool, timeout=float("inf"))


def test_cancelled_async_allocation_leaves_nothing_allocated(home: pathlib.Path) -> None:
    async def main() -> None:
        async with openrsm.AsyncSession(home=home) as session:
            lto = await session.add_media_type("LTO-9")
            pool = await session.create_media_pool("Cancelled", media_type=lto)
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(session.allocate_media(pool, timeout=30), timeout=0.3)
            await session.create_media(lto, barcode="AFTER1")
            await asyncio.sleep(0.3)
            assert await session.enumerate(openrsm.ObjectType.LOGICAL_MEDIA) == []
            side = await session.allocate_media(pool, timeout=5)
            assert (await session.object(side.physical_media)).barcode == "AFTER1"

    asyncio.run(main())
