import asyncio
import pathlib

import pytest

import openrsm


def test_context_manager_closes_and_close_is_idempotent(home: pathlib.Path) -> None:
    with openrsm.Session(application="cm", home=home) as session:
        assert not session.closed
        assert session.application == "cm"
        assert pathlib.Path(session.home) == home.resolve()
        computers = session.enumerate(openrsm.ObjectType.COMPUTER)
        assert len(computers) == 1 and isinstance(computers[0], openrsm.Computer)
    assert session.closed
    session.close()
    session.close()
    assert session.closed


def test_closed_session_raises_invalid_handle(home: pathlib.Path) -> None:
    session = openrsm.Session(home=home)
    session.close()
    with pytest.raises(openrsm.InvalidHandleError) as err:
        session.enumerate(openrsm.ObjectType.MEDIA_POOL)
    assert err.value.code == 6
    assert err.value.kind is openrsm.ErrorKind.INVALID_HANDLE
    with pytest.raises(openrsm.InvalidHandleError):
        session.notifications(openrsm.ObjectType.MEDIA_POOL)


def test_exception_inside_with_propagates_and_closes(home: pathlib.Path) -> None:
    with pytest.raises(KeyError):
        with openrsm.Session(home=home) as session:
            raise KeyError("boom")
    assert session.closed


def test_a_server_is_refused_with_a_typed_error(home: pathlib.Path) -> None:
    with pytest.raises(openrsm.NotConnectedError) as err:
        openrsm.Session(server="tape-server.example", home=home)
    assert isinstance(err.value, ConnectionError)


def test_async_session_context_manager_and_awaitables(home: pathlib.Path) -> None:
    async def main() -> openrsm.AsyncSession:
        async with openrsm.AsyncSession(application="async", home=home) as session:
            lto = await session.add_media_type("LTO-7")
            pool = await session.create_media_pool("Nightly", media_type=lto)
            assert await session.media_pool_name(pool) == "Nightly"
            tape = await session.create_media(lto, barcode="A00001")
            side = await session.allocate_media(pool)
            assert isinstance(side, openrsm.LogicalMedia)
            assert side.physical_media == tape.id
            assert (await session.object(tape.id)).pool == pool.id
            with pytest.raises(openrsm.ObjectNotFoundError):
                await session.object("no such thing")
        return session

    session = asyncio.run(main())
    assert session.closed

    async def after_close() -> None:
        with pytest.raises(openrsm.InvalidHandleError):
            await session.enumerate(openrsm.ObjectType.MEDIA_POOL)

    asyncio.run(after_close())


def test_two_sessions_on_one_home_share_the_database(home: pathlib.Path) -> None:
    with openrsm.Session(home=home) as first, openrsm.Session(home=home) as second:
        first.add_media_type("DLT")
        assert [t.name for t in second.enumerate(openrsm.ObjectType.MEDIA_TYPE)] == ["DLT"]
