"""OpenRSM for Python: removable media libraries, media pools, allocation and notifications.

>>> import openrsm, tempfile
>>> with openrsm.Session(application="docs", home=tempfile.mkdtemp()) as session:
...     lto = session.add_media_type("LTO-6")
...     pool = session.create_media_pool("Backup", media_type=lto)
...     tape = session.create_media(lto, barcode="TAPE01L6")
...     side = session.allocate_media(pool)
...     session.object(tape).pool == pool.id
True

`Session` makes blocking calls (the GIL is released, Ctrl-C works); `AsyncSession` makes the
same calls as awaitables. Objects are read-only instances of `RsmObject` subclasses
(`PhysicalMedia`, `MediaPool`, ...); enumerations are `enum.IntEnum`s whose values are the RSM
numbers; every error is an `RsmError` subclass named after its RSM code
(`ERROR_OBJECT_NOT_FOUND` -> `ObjectNotFoundError`).
"""

from ._display import ObjectList, SlotMap
from ._native import *  # noqa: F401,F403  (the classes, enumerations and exceptions)
from ._native import __version__
