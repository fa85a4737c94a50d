import builtins

import pytest

import openrsm
from openrsm import _native

STANDARD_BASES = {
    "TIMEOUT": builtins.TimeoutError,
    "ACCESS_DENIED": PermissionError,
    "INVALID_PARAMETER": ValueError,
    "OBJECT_NOT_FOUND": LookupError,
    "NOT_CONNECTED": ConnectionError,
}


def class_name(rsm_name: str) -> str:
    return "".join(word.capitalize() for word in rsm_name.split("_")) + "Error"


def test_every_core_error_kind_has_a_subclass_under_the_root() -> None:
    kinds = _native.ERROR_KINDS
    assert len(kinds) == len(openrsm.ErrorKind) >= 50
    codes = set()
    for kind in kinds:
        cls = getattr(openrsm, class_name(kind.name))
        assert issubclass(cls, openrsm.RsmError) and issubclass(cls, Exception)
        assert cls.kind is kind
        assert cls.code == kind.value
        assert cls.__module__ == "openrsm"
        codes.add(cls.code)
        if kind.name in STANDARD_BASES:
            assert issubclass(cls, STANDARD_BASES[kind.name])
        error = cls("message")
        assert isinstance(error, openrsm.RsmError)
        assert str(error) == "message"
    assert len(codes) == len(kinds)


def test_rsm_numbers_are_faithful() -> None:
    assert openrsm.ErrorKind.OBJECT_NOT_FOUND == 4312
    assert openrsm.ObjectNotFoundError.code == 4312
    assert openrsm.TimeoutError.code == 1460
    assert openrsm.InvalidHandleError.code == 6


def test_core_errors_arrive_as_their_subclass(session: openrsm.Session, lto: openrsm.MediaType) -> None:
    with pytest.raises(openrsm.ObjectNotFoundError) as not_found:
        session.media_pool("No/Such/Pool")
    assert isinstance(not_found.value, LookupError)
    assert "No/Such/Pool" in str(not_found.value)

    with pytest.raises(openrsm.InvalidParameterError) as invalid:
        session.add_media_type("LTO-6")
    assert isinstance(invalid.value, ValueError)

    pool = session.create_media_pool("Full", media_type=lto)
    session.create_media(lto, pool=pool, barcode="X1")
    with pytest.raises(openrsm.NotEmptyError) as not_empty:
        session.delete_media_pool(pool)
    assert not_empty.value.code == 4307

    with pytest.raises(openrsm.MediaUnavailableError):
        session.allocate_media(session.create_media_pool("Empty", media_type=lto, draw_from_free=False))


def test_every_enum_comes_from_the_core_with_rsm_numbers() -> None:
    assert openrsm.ObjectType.PHYSICAL_MEDIA.value == 15
    assert openrsm.ObjectType.OPREQUEST.value == 17
    assert openrsm.DriveState.DISMOUNTABLE.value == 7
    assert openrsm.PartitionState.RESERVED.value == 9
    assert openrsm.Operation.EVENT_COMPLETE.value == 5
    assert openrsm.PoolKind.APPLICATION.value == 1000
    for name in _native.ENUM_NAMES:
        cls = getattr(openrsm, name)
        assert cls.__module__ == "openrsm"
        assert len(cls) > 0
        for member in cls:
            assert isinstance(member.value, int)


def test_enum_arguments_accept_members_numbers_and_names(session: openrsm.Session) -> None:
    by_member = session.enumerate(openrsm.ObjectType.MEDIA_POOL)
    assert session.enumerate(12) == by_member
    assert session.enumerate("media_pool") == by_member
    with pytest.raises(ValueError):
        session.enumerate("TAPE")
