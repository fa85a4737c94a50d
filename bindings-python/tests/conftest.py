import pathlib
from typing import Iterator

import pytest

import openrsm


@pytest.fixture
def home(tmp_path: pathlib.Path) -> pathlib.Path:
    """A fresh OpenRSM home (a real SQLite database in a temporary directory)."""
    return tmp_path / "rsm-home"


@pytest.fixture
def session(home: pathlib.Path) -> Iterator[openrsm.Session]:
    with openrsm.Session(application="pytest", home=home) as s:
        yield s


@pytest.fixture
def lto(session: openrsm.Session) -> openrsm.MediaType:
    return session.add_media_type("LTO-6")
