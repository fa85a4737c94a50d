import asyncio
import pathlib

import pytest

import openrsm


def test_export_then_import_restores_the_database(session: openrsm.Session, tmp_path: pathlib.Path) -> None:
    lto = session.add_media_type("LTO-6")
    session.create_media(lto, barcode="KEEP01")
    file = tmp_path / "backup.rsmdb"
    info = session.export_database(file)
    assert isinstance(info, openrsm.SnapshotInfo)
    assert info.path == file and file.exists()
    assert info.schema_version == openrsm.SCHEMA_VERSION and info.objects > 0 and len(info.sha256) == 64

    sub = session.notifications(openrsm.ObjectType.PHYSICAL_MEDIA)
    session.create_media(lto, barcode="DROP01")
    restored = session.import_database(str(file))
    assert restored.sha256 == info.sha256
    barcodes = [m.barcode for m in session.enumerate(openrsm.ObjectType.PHYSICAL_MEDIA)]
    assert barcodes == ["KEEP01"]
    with pytest.raises(openrsm.NoDataError):
        sub.wait(1)


def test_damaged_or_foreign_files_are_refused(session: openrsm.Session, tmp_path: pathlib.Path) -> None:
    session.add_media_type("LTO-6")
    foreign = tmp_path / "foreign.bin"
    foreign.write_bytes(b"not an export")
    with pytest.raises(openrsm.InvalidParameterError):
        session.import_database(foreign)
    good = tmp_path / "good.rsmdb"
    session.export_database(good)
    damaged = tmp_path / "damaged.rsmdb"
    data = bytearray(good.read_bytes())
    data[-10] ^= 0xFF
    damaged.write_bytes(bytes(data))
    with pytest.raises(openrsm.DatabaseFailureError):
        session.import_database(damaged)
    assert [t.name for t in session.enumerate(openrsm.ObjectType.MEDIA_TYPE)] == ["LTO-6"]


def test_async_export(home: pathlib.Path, tmp_path: pathlib.Path) -> None:
    async def main() -> openrsm.SnapshotInfo:
        async with openrsm.AsyncSession(home=home) as session:
            await session.add_media_type("DVD-RAM", sides=2)
            return await session.export_database(tmp_path / "a.rsmdb")

    assert asyncio.run(main()).objects > 0
