"""Library control through the Python binding, on real virtual libraries in temporary homes."""

import asyncio
import builtins
import pathlib
import time
from typing import Callable, List

import pytest

import openrsm
from openrsm import LibRequestState, LocationKind, ObjectType, Operation, OpRequestKind


@pytest.fixture
def lib(session: openrsm.Session) -> openrsm.Library:
    return session.create_virtual_library("Robot", drives=2, slots=8, ieports=1, media={"LTO-6": 4}, barcode_prefix="T")


def physical(session: openrsm.Session, barcode: str) -> openrsm.PhysicalMedia:
    media = session.resolve(barcode, ObjectType.PHYSICAL_MEDIA)
    assert isinstance(media, openrsm.PhysicalMedia)
    return media


def eventually(check: Callable[[], bool], seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        if check():
            return True
        time.sleep(0.02)
    return check()


def test_a_virtual_library_end_to_end(session: openrsm.Session, lib: openrsm.Library) -> None:
    assert lib.library_type is openrsm.LibraryType.ONLINE
    summary = session.inventory(lib, method=openrsm.InventoryMethod.FAST)
    assert isinstance(summary, openrsm.InventorySummary)
    assert summary.media == 4 and summary.elements >= 8 + 2 + 1
    slots = session.enumerate(ObjectType.STORAGESLOT, lib)
    assert len(slots) == 8 and all(s.element_address is not None for s in slots)

    pool = session.create_media_pool("Backup/Nightly", media_type="LTO-6", create_parents=True)
    side = session.allocate_media(pool)
    (mounted,) = session.mount(side, write=True, timeout=10)
    assert mounted.media == side.id and mounted.physical_media == side.physical_media
    drive = session.object(mounted.drive)
    assert isinstance(drive, openrsm.Drive)
    assert drive.media == side.physical_media and drive.drive_state is openrsm.DriveState.MOUNTED
    assert mounted.device_path and pathlib.Path(mounted.device_path).exists()
    assert session.object(side.physical_media).location.kind is LocationKind.DRIVE
    assert session.wait_request(mounted.request, timeout=5).request_state is LibRequestState.PASSED

    session.dismount(side)
    assert session.object(side.physical_media).location.kind is LocationKind.SLOT

    tape = physical(session, "T0004")
    (eject_request,) = session.eject(tape)
    assert session.object(tape).location.kind is LocationKind.IEPORT
    vlib = session.virtual_library(lib)
    assert vlib.take_from_port(0) == "T0004"
    session.inventory(lib)
    assert session.object(tape).location.kind is LocationKind.OFFLINE, "ejected media keep their records"
    assert session.object(eject_request).request_state is LibRequestState.PASSED

    vlib.insert_into_port(0, "T0004")
    (injected,) = session.inject(lib)
    assert injected == tape.id
    assert session.object(tape).location.kind is LocationKind.SLOT
    assert session.verify_library(lib) == []
    stats = session.library_statistics(lib)
    assert stats.requests >= 5 and stats.pending == 0 and stats.changer_calls > 0

    slot_map = session.slot_map(lib)
    assert isinstance(slot_map, openrsm.SlotMap)
    assert [c[4] for c in slot_map.slots if c[4]] == sorted(c[4] for c in slot_map.slots if c[4])
    svg = slot_map._repr_svg_()
    assert svg.startswith("<svg") and "T0001" in svg and "drive 1" in svg


def test_deferred_dismount_leaves_the_medium_in_the_drive(session: openrsm.Session, lib: openrsm.Library) -> None:
    tape = physical(session, "T0001")
    (first,) = session.mount(tape)
    session.dismount([tape], deferred=True)
    drive = session.object(first.drive)
    assert isinstance(drive, openrsm.Drive) and drive.drive_state is openrsm.DriveState.DISMOUNTABLE
    (second,) = session.mount(tape)
    assert second.drive == first.drive
    session.dismount_drive(first.drive)
    assert session.object(tape).location.kind is LocationKind.SLOT


def test_a_drive_fault_fails_the_request_and_raises_an_operator_request(session: openrsm.Session, lib: openrsm.Library) -> None:
    vlib = session.virtual_library(lib)
    vlib.set_fault(openrsm.Fault.drive_load_failure(0))
    assert vlib.faults == [openrsm.Fault.drive_load_failure(0)]
    drive0 = next(d for d in session.enumerate(ObjectType.DRIVE, lib) if d.number == 0)
    tape = physical(session, "T0002")
    with pytest.raises(openrsm.UnableToLoadMediumError):
        session.mount(tape, drives=[drive0])
    assert session.object(tape).location.kind is LocationKind.SLOT, "the medium went back"
    failed = session.library_requests(lib)[-1]
    assert isinstance(failed, openrsm.LibRequest)
    assert failed.request_state is LibRequestState.FAILED
    assert failed.error_code == openrsm.UnableToLoadMediumError.code
    (service,) = [o for o in session.operator_requests(open_only=True) if drive0.id in o.arguments]
    assert isinstance(service, openrsm.OpRequest) and service.kind is OpRequestKind.DEVICESERVICE

    vlib.clear_faults()
    session.satisfy_operator_request(service)
    assert session.object(drive0).state is openrsm.OperationalState.READY
    assert session.mount(tape, drives=[drive0])[0].drive == drive0.id
    assert session.verify_library(lib) == []


def test_waits_time_out(session: openrsm.Session, lib: openrsm.Library) -> None:
    op = session.submit_operator_request(OpRequestKind.MESSAGE, "load the new tapes", [lib])
    started = time.monotonic()
    with pytest.raises(openrsm.TimeoutError) as err:
        session.wait_operator_request(op, timeout=0.2)
    assert isinstance(err.value, builtins.TimeoutError)
    assert 0.15 < time.monotonic() - started < 3
    session.cancel_operator_request(op)
    with pytest.raises(openrsm.RequestRefusedError):
        session.wait_operator_request(op, timeout=1)
    with pytest.raises(openrsm.MessageExceedsMaxSizeError):
        session.submit_operator_request(OpRequestKind.MESSAGE, "x" * 300)


def test_request_progress_is_notified(session: openrsm.Session, lib: openrsm.Library) -> None:
    with session.notifications(ObjectType.LIBREQUEST) as sub:
        request = session.start_inventory(lib, method="FAST")
        done = session.wait_request(request, timeout=10)
        events = []
        while (event := sub.wait(timeout=0.5)) is not None:
            events.append(event)
    assert isinstance(done, openrsm.LibRequest)
    assert done.request_state is LibRequestState.PASSED
    assert done.progress_total > 0 and done.progress_done == done.progress_total
    mine = [e.operation for e in events if e.object_id == request]
    assert mine[0] is Operation.INSERT
    assert mine.count(Operation.UPDATE) >= 2, mine


def test_one_shot_detection_finds_an_operator_insert(session: openrsm.Session, lib: openrsm.Library) -> None:
    vlib = session.virtual_library(lib)
    vlib.insert_into_port(0, "NEW001", media_type="LTO-6")
    assert session.detect_device_changes(libraries=[lib]) > 0
    found = physical(session, "NEW001")
    assert found.location.kind is LocationKind.IEPORT
    with pytest.raises(openrsm.InvalidParameterError):
        session.detect_device_changes(libraries=[lib], media=[found])


def test_running_detection_notices_an_insert_and_ends(session: openrsm.Session, lib: openrsm.Library) -> None:
    vlib = session.virtual_library(lib)
    with session.notifications(ObjectType.PHYSICAL_MEDIA) as sub, session.begin_device_change_detection() as detection:
        detection.set_interval(0.02)
        detection.set_targets(libraries=[lib])
        assert detection.targets == [lib.id]
        vlib.insert_into_port(0, "DROP01")
        event = sub.wait(timeout=5)
        while event is not None and event.operation is not Operation.INSERT:
            event = sub.wait(timeout=5)
        assert event is not None and session.object(event.object_id).barcode == "DROP01"
    assert detection.ended


def test_devices_return_quietly_without_hardware(session: openrsm.Session) -> None:
    devices = session.devices()
    assert isinstance(devices, list) and all(isinstance(d, openrsm.DeviceRecord) for d in devices)
    assert isinstance(session.device_detection_status(), str)
    started = time.monotonic()
    event = session.device_events().wait(timeout=0.05)
    assert event is None or isinstance(event, openrsm.DeviceEvent)
    assert time.monotonic() - started < 2


def test_option_values_and_records_follow_the_core(session: openrsm.Session, lib: openrsm.Library) -> None:
    # Enumerations come from the core's tables; the inventory methods the options take are its own.
    for method in ("FAST", openrsm.InventoryMethod.FAST, openrsm.InventoryMethod.FAST.value):
        assert session.inventory(lib, method=method).media == 4
    with pytest.raises(ValueError):
        session.inventory(lib, method="SIDEWAYS")
    with pytest.raises(openrsm.InvalidParameterError):
        session.mount(physical(session, "T0001"), priority=16)
    with pytest.raises(ValueError):
        session.create_virtual_library("Other", delays="sluggish")
    faults = {
        openrsm.Fault.move_jam(),
        openrsm.Fault.door_left_open(),
        openrsm.Fault.cleaner_spent(),
        openrsm.Fault.ieport_full(0),
        openrsm.Fault.unreadable_barcode("T0001"),
        openrsm.Fault.drive_load_failure(1),
    }
    vlib = session.virtual_library(lib)
    for fault in faults:
        vlib.set_fault(fault)
    assert set(vlib.faults) == faults
    vlib.clear_fault(openrsm.Fault.move_jam())
    assert openrsm.Fault.move_jam() not in vlib.faults
    vlib.clear_faults()
    assert vlib.faults == []
    summary = session.inventory(lib)
    assert set(summary.to_dict()) == {"request", "elements", "media", "added", "removed", "moved", "identified", "changed"}
    with pytest.raises(openrsm.ObjectNotFoundError):
        session.virtual_library("No such library")


def test_async_library_control(home: pathlib.Path) -> None:
    async def main() -> List[str]:
        async with openrsm.AsyncSession(application="async", home=home) as s:
            lib = await s.create_virtual_library("Robot", drives=1, slots=4, ieports=1, media={"LTO-6": 2}, barcode_prefix="A")
            await s.inventory(lib)
            tape = await s.resolve("A0001", ObjectType.PHYSICAL_MEDIA)
            (mounted,) = await s.mount(tape)
            request = await s.wait_request(mounted.request, timeout=5)
            await s.dismount(tape)
            await s.eject(tape)
            vlib = await s.virtual_library(lib)
            assert vlib.take_from_port(0) == "A0001"
            vlib.insert_into_port(0, "A0001")
            injected = await s.inject(lib)
            assert injected == [tape.id]
            assert await s.verify_library(lib) == []
            return [request.request_state.name, (await s.object(tape)).location.kind.name]

    assert asyncio.run(main()) == ["PASSED", "SLOT"]


def test_a_cancelled_async_mount_leaves_nothing_half_done(home: pathlib.Path) -> None:
    async def main() -> None:
        async with openrsm.AsyncSession(application="cancel", home=home) as s:
            lib = await s.create_virtual_library(
                "Slow", drives=1, slots=4, ieports=1, media={"LTO-6": 2}, barcode_prefix="S", delays={"move_medium": 0.3, "load": 0.3}
            )
            tape = await s.resolve("S0001", ObjectType.PHYSICAL_MEDIA)
            with pytest.raises(asyncio.TimeoutError):
                await asyncio.wait_for(s.mount(tape), timeout=0.1)
            deadline = time.monotonic() + 10
            while await s.library_requests(lib, unfinished_only=True):
                assert time.monotonic() < deadline, "the cancelled mount ends"
                await asyncio.sleep(0.05)
            (request,) = [r for r in await s.library_requests(lib) if r.operation is openrsm.LibRequestOperation.MOUNT]
            assert request.request_state is LibRequestState.CANCELLED
            assert (await s.object(tape)).location.kind is LocationKind.SLOT
            (drive,) = await s.enumerate(ObjectType.DRIVE, lib)
            assert drive.media is None
            assert await s.verify_library(lib) == []
            # The library still works.
            (mounted,) = await s.mount(tape, timeout=10)
            assert mounted.drive == drive.id

    asyncio.run(main())
