import datetime
import sys
import uuid

import pytest

import openrsm


def test_objects_are_typed_and_read_only(session: openrsm.Session, lto: openrsm.MediaType) -> None:
    pool = session.create_media_pool("Backup/Weekly", media_type=lto, create_parents=True, max_allocations=5)
    assert isinstance(pool, openrsm.MediaPool) and isinstance(pool, openrsm.RsmObject)
    assert pool.path == "Backup/Weekly"
    assert pool.kind is openrsm.PoolKind.APPLICATION
    assert pool.media_type == lto.id and isinstance(pool.id, uuid.UUID)
    assert pool.max_allocations == 5
    assert pool.type is openrsm.ObjectType.MEDIA_POOL
    assert pool.created.tzinfo is not None and pool.created <= datetime.datetime.now(datetime.timezone.utc)
    with pytest.raises(AttributeError):
        pool.name = "other"  # type: ignore[misc]

    tape = session.create_media(lto, barcode="TAPE01L6", pool=pool)
    assert isinstance(tape, openrsm.PhysicalMedia)
    assert tape.barcode == "TAPE01L6" and tape.pool == pool.id and tape.media_type == lto.id
    assert tape.location.kind is openrsm.LocationKind.OFFLINE and tape.location.element is None
    assert tape.media_state is openrsm.MediaState.IDLE
    sides = session.enumerate(openrsm.ObjectType.PARTITION, tape)
    assert len(sides) == 1 and isinstance(sides[0], openrsm.Partition)
    assert sides[0].partition_state is openrsm.PartitionState.AVAILABLE
    assert session.object(tape.id) == tape
    assert hash(session.object(str(tape.id))) == hash(tape)
    assert session.resolve("TAPE01L6") == tape
    assert session.object("Backup/Weekly") == pool


def test_set_object_info_enable_disable(session: openrsm.Session, lto: openrsm.MediaType) -> None:
    pool = session.create_media_pool("Archive", media_type=lto)
    changed = session.set_object_info(pool, description="kept for ten years", return_to_free=False)
    assert isinstance(changed, openrsm.MediaPool)
    assert changed.description == "kept for ten years" and changed.return_to_free is False
    with pytest.raises(openrsm.InvalidParameterError):
        session.set_object_info(pool, barcode="X")
    session.disable(pool)
    assert session.object(pool.id).enabled is False
    session.enable(pool.id)
    assert session.object(pool.id).enabled is True
    session.delete_object(pool)
    with pytest.raises(openrsm.ObjectNotFoundError):
        session.object(pool.id)


def test_attribute_bytes_round_trip(session: openrsm.Session, lto: openrsm.MediaType) -> None:
    value = bytes(range(256)) * 4
    session.set_attribute(lto, "catalog", value)
    session.set_attribute(lto, "empty", b"")
    session.set_attribute(lto, "array", bytearray(b"\x00\xff"))
    session.set_attribute(lto, "view", memoryview(b"abc"))
    assert session.attribute(lto, "catalog") == value
    assert isinstance(session.attribute(lto, "catalog"), bytes)
    assert session.attribute(lto, "empty") == b""
    assert session.attribute(lto, "array") == b"\x00\xff"
    assert session.attribute(lto, "view") == b"abc"
    assert session.attribute_names(lto) == ["array", "catalog", "empty", "view"]
    with pytest.raises(TypeError):
        session.set_attribute(lto, "text", "not bytes")  # type: ignore[arg-type]
    with pytest.raises(openrsm.InvalidParameterError):
        session.set_attribute(lto, "big", b"x" * (64 * 1024 + 1))
    session.delete_attribute(lto, "catalog")
    with pytest.raises(openrsm.ObjectNotFoundError):
        session.attribute(lto, "catalog")


def test_allocation_cycle(session: openrsm.Session, lto: openrsm.MediaType) -> None:
    pool = session.create_media_pool("Nightly", media_type=lto)
    tapes = [session.create_media(lto, barcode=f"N{i:05}") for i in range(2)]
    first = session.allocate_media(pool, new_media=True)
    second = session.allocate_media("Nightly", new_media=True)
    assert {first.physical_media, second.physical_media} == {t.id for t in tapes}
    with pytest.raises(openrsm.MediaUnavailableError):
        session.allocate_media(pool, error_if_unavailable=True)
    with pytest.raises(openrsm.MediaUnavailableError):
        session.allocate_media(pool, timeout=0.3)
    session.set_media_complete(first)
    session.swap_media(first, second)
    session.deallocate_media(first)
    session.deallocate_media(second)
    free = session.system_pool(openrsm.PoolKind.FREE, lto)
    assert free.path == "Free/LTO-6"
    assert all(session.object(t.id).pool == free.id for t in tapes)


def test_allocation_waits_for_a_side(session: openrsm.Session, lto: openrsm.MediaType) -> None:
    import threading

    pool = session.create_media_pool("Waiting", media_type=lto)
    timer = threading.Timer(0.3, lambda: session.create_media(lto, barcode="LATE01"))
    timer.start()
    side = session.allocate_media(pool, timeout=10)
    timer.join()
    assert session.object(side.physical_media).barcode == "LATE01"


def test_html_display_of_objects_and_lists(session: openrsm.Session, lto: openrsm.MediaType) -> None:
    session.create_media(lto, barcode="<B&1>")
    media = session.enumerate(openrsm.ObjectType.PHYSICAL_MEDIA)
    assert isinstance(media, openrsm.ObjectList) and isinstance(media, list)
    table = media._repr_html_()
    assert table.startswith("<table>") and "&lt;B&amp;1&gt;" in table and "barcode" in table
    single = media[0]._repr_html_()
    assert "PhysicalMedia" in single and "&lt;B&amp;1&gt;" in single
    assert "IDLE" in single


def test_inventory_frame(session: openrsm.Session, lto: openrsm.MediaType) -> None:
    pytest.importorskip("pandas")
    pool = session.create_media_pool("Weekly", media_type=lto)
    for i in range(3):
        session.create_media(lto, barcode=f"W{i:05}")
    session.allocate_media(pool)
    frame = session.inventory_frame()
    assert list(frame.columns[:8]) == ["library", "location", "slot", "barcode", "name", "type", "pool", "state"]
    assert list(frame["barcode"]) == ["W00000", "W00001", "W00002"]
    assert set(frame["type"]) == {"LTO-6"}
    assert list(frame["pool"]) == ["Weekly", "Free/LTO-6", "Free/LTO-6"]
    assert set(frame["location"]) == {"OFFLINE"} and set(frame["state"]) == {"IDLE"}
    assert frame["slot"].isna().all() and frame["library"].isna().all()


def test_inventory_frame_without_pandas_says_what_to_install(
    session: openrsm.Session, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match="pip install pandas"):
        session.inventory_frame()
