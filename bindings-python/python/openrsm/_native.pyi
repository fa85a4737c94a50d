# Type stubs of the native module openrsm._native (checked by mypy.stubtest in tests/test_stubs.py).
import builtins
import datetime
import enum
import os
import pathlib
import uuid
from typing import Any, AsyncIterator, ClassVar, Dict, Iterator, List, Literal, Optional, Tuple, Union, final

from typing_extensions import disjoint_base


from ._display import ObjectList, SlotMap

__version__: str
SCHEMA_VERSION: int
ENUM_NAMES: List[str]
ERROR_KINDS: List[ErrorKind]

#: An object, a `uuid.UUID`, an id string, or a name (a pool path, a barcode, ...).
_ObjectRef = Union[RsmObject, uuid.UUID, str]
#: _Seconds (`math.inf`: no limit) or a `datetime.timedelta`.
_Seconds = Union[float, datetime.timedelta]
_EnumArg = Union[int, str]
#: One object or a list of them.
_ObjectRefs = Union[_ObjectRef, List[_ObjectRef], Tuple[_ObjectRef, ...]]
_PoolMode = Literal["create_new", "open_existing", "open_always"]

class RsmError(Exception):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

@disjoint_base
class RsmObject:
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def type(self) -> ObjectType: ...
    @property
    def name(self) -> str: ...
    @property
    def description(self) -> str: ...
    @property
    def created(self) -> datetime.datetime: ...
    @property
    def modified(self) -> datetime.datetime: ...
    @property
    def enabled(self) -> bool: ...
    @property
    def state(self) -> OperationalState: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def _repr_html_(self) -> str: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __ne__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Location:
    @property
    def kind(self) -> LocationKind: ...
    @property
    def element(self) -> Optional[uuid.UUID]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Omid:
    @property
    def label_type(self) -> str: ...
    @property
    def label_id(self) -> str: ...
    @property
    def application(self) -> Optional[str]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Computer(RsmObject):
    @property
    def librequest_purge_seconds(self) -> int: ...
    @property
    def oprequest_purge_seconds(self) -> int: ...

@final
class Library(RsmObject):
    @property
    def library_type(self) -> LibraryType: ...
    @property
    def cleaner_slot(self) -> Optional[uuid.UUID]: ...
    @property
    def cleaner_uses_left(self) -> Optional[int]: ...
    @property
    def barcode_reader(self) -> bool: ...
    @property
    def inventory_method(self) -> InventoryMethod: ...
    @property
    def auto_recovery(self) -> bool: ...
    @property
    def driver(self) -> Optional[str]: ...

@final
class Changer(RsmObject):
    @property
    def library(self) -> uuid.UUID: ...
    @property
    def changer_type(self) -> Optional[uuid.UUID]: ...
    @property
    def device_path(self) -> Optional[str]: ...
    @property
    def serial(self) -> Optional[str]: ...

@final
class ChangerType(RsmObject):
    @property
    def vendor(self) -> str: ...
    @property
    def product(self) -> str: ...
    @property
    def device_type(self) -> int: ...

@final
class Drive(RsmObject):
    @property
    def library(self) -> uuid.UUID: ...
    @property
    def number(self) -> int: ...
    @property
    def drive_state(self) -> DriveState: ...
    @property
    def drive_type(self) -> Optional[uuid.UUID]: ...
    @property
    def device_path(self) -> Optional[str]: ...
    @property
    def serial(self) -> Optional[str]: ...
    @property
    def mount_count(self) -> int: ...
    @property
    def last_cleaned(self) -> Optional[datetime.datetime]: ...
    @property
    def deferred_dismount_seconds(self) -> int: ...
    @property
    def media(self) -> Optional[uuid.UUID]: ...
    @property
    def element_address(self) -> Optional[int]: ...

@final
class DriveType(RsmObject):
    @property
    def vendor(self) -> str: ...
    @property
    def product(self) -> str: ...
    @property
    def device_type(self) -> int: ...

@final
class IeDoor(RsmObject):
    @property
    def library(self) -> uuid.UUID: ...
    @property
    def door_state(self) -> DoorState: ...
    @property
    def max_open_seconds(self) -> int: ...

@final
class IePort(RsmObject):
    @property
    def library(self) -> uuid.UUID: ...
    @property
    def number(self) -> int: ...
    @property
    def content(self) -> PortContent: ...
    @property
    def position(self) -> PortPosition: ...
    @property
    def max_extend_seconds(self) -> int: ...
    @property
    def media(self) -> Optional[uuid.UUID]: ...
    @property
    def element_address(self) -> Optional[int]: ...

@final
class StorageSlot(RsmObject):
    @property
    def library(self) -> uuid.UUID: ...
    @property
    def number(self) -> int: ...
    @property
    def slot_state(self) -> SlotState: ...
    @property
    def media(self) -> Optional[uuid.UUID]: ...
    @property
    def element_address(self) -> Optional[int]: ...

@final
class MediaType(RsmObject):
    @property
    def sides(self) -> int: ...
    @property
    def read_write(self) -> ReadWrite: ...

@final
class PhysicalMedia(RsmObject):
    @property
    def library(self) -> Optional[uuid.UUID]: ...
    @property
    def location(self) -> Location: ...
    @property
    def home_slot(self) -> Optional[uuid.UUID]: ...
    @property
    def media_type(self) -> uuid.UUID: ...
    @property
    def pool(self) -> uuid.UUID: ...
    @property
    def barcode(self) -> Optional[str]: ...
    @property
    def barcode_state(self) -> BarcodeState: ...
    @property
    def media_state(self) -> MediaState: ...
    @property
    def sides(self) -> int: ...
    @property
    def mounted_side(self) -> Optional[uuid.UUID]: ...

@final
class Partition(RsmObject):
    @property
    def physical_media(self) -> uuid.UUID: ...
    @property
    def side(self) -> int: ...
    @property
    def partition_state(self) -> PartitionState: ...
    @property
    def omid(self) -> Optional[Omid]: ...
    @property
    def capacity(self) -> int: ...
    @property
    def mount_count(self) -> int: ...
    @property
    def allocation_count(self) -> int: ...
    @property
    def logical_media(self) -> Optional[uuid.UUID]: ...

@final
class LogicalMedia(RsmObject):
    @property
    def partition(self) -> uuid.UUID: ...
    @property
    def physical_media(self) -> uuid.UUID: ...
    @property
    def pool(self) -> uuid.UUID: ...

@final
class MediaPool(RsmObject):
    @property
    def kind(self) -> PoolKind: ...
    @property
    def media_type(self) -> Optional[uuid.UUID]: ...
    @property
    def parent(self) -> Optional[uuid.UUID]: ...
    @property
    def path(self) -> str: ...
    @property
    def draw_from_free(self) -> bool: ...
    @property
    def return_to_free(self) -> bool: ...
    @property
    def max_allocations(self) -> int: ...

@final
class LibRequest(RsmObject):
    @property
    def operation(self) -> LibRequestOperation: ...
    @property
    def request_state(self) -> LibRequestState: ...
    @property
    def priority(self) -> int: ...
    @property
    def library(self) -> Optional[uuid.UUID]: ...
    @property
    def drive(self) -> Optional[uuid.UUID]: ...
    @property
    def media(self) -> Optional[uuid.UUID]: ...
    @property
    def submitted(self) -> datetime.datetime: ...
    @property
    def started(self) -> Optional[datetime.datetime]: ...
    @property
    def completed(self) -> Optional[datetime.datetime]: ...
    @property
    def application(self) -> str: ...
    @property
    def user(self) -> str: ...
    @property
    def error_code(self) -> Optional[int]: ...
    @property
    def error_message(self) -> Optional[str]: ...
    @property
    def progress_done(self) -> int: ...
    @property
    def progress_total(self) -> int: ...

@final
class OpRequest(RsmObject):
    @property
    def kind(self) -> OpRequestKind: ...
    @property
    def request_state(self) -> OpRequestState: ...
    @property
    def message(self) -> str: ...
    @property
    def arguments(self) -> List[uuid.UUID]: ...
    @property
    def submitted(self) -> datetime.datetime: ...
    @property
    def application(self) -> str: ...
    @property
    def user(self) -> str: ...

@final
class Event:
    @property
    def operation(self) -> Operation: ...
    @property
    def object_type(self) -> ObjectType: ...
    @property
    def object_id(self) -> uuid.UUID: ...
    @property
    def sequence(self) -> int: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class SnapshotInfo:
    @property
    def path(self) -> pathlib.Path: ...
    @property
    def format_version(self) -> int: ...
    @property
    def schema_version(self) -> int: ...
    @property
    def created(self) -> datetime.datetime: ...
    @property
    def payload_bytes(self) -> int: ...
    @property
    def sha256(self) -> str: ...
    @property
    def objects(self) -> int: ...

@final
class Subscription:
    @property
    def object_types(self) -> List[ObjectType]: ...
    @property
    def pending(self) -> int: ...
    @property
    def closed(self) -> bool: ...
    def wait(self, timeout: Optional[_Seconds] = None) -> Optional[Event]: ...
    def try_next(self) -> Optional[Event]: ...
    async def next(self, timeout: Optional[_Seconds] = None) -> Optional[Event]: ...
    def close(self) -> None: ...
    def __iter__(self) -> Iterator[Event]: ...
    def __next__(self) -> Event: ...
    def __aiter__(self) -> AsyncIterator[Event]: ...
    async def __anext__(self) -> Event: ...
    def __enter__(self) -> Subscription: ...
    def __exit__(self, *exc: object) -> bool: ...
    async def __aenter__(self) -> Subscription: ...
    async def __aexit__(self, *exc: object) -> bool: ...

@final
class MountedMedia:
    @property
    def media(self) -> uuid.UUID: ...
    @property
    def physical_media(self) -> uuid.UUID: ...
    @property
    def side(self) -> uuid.UUID: ...
    @property
    def request(self) -> uuid.UUID: ...
    @property
    def drive(self) -> Optional[uuid.UUID]: ...
    @property
    def device_path(self) -> Optional[str]: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class InventorySummary:
    @property
    def request(self) -> Optional[uuid.UUID]: ...
    @property
    def elements(self) -> int: ...
    @property
    def media(self) -> int: ...
    @property
    def added(self) -> List[uuid.UUID]: ...
    @property
    def removed(self) -> List[uuid.UUID]: ...
    @property
    def moved(self) -> List[uuid.UUID]: ...
    @property
    def identified(self) -> List[uuid.UUID]: ...
    @property
    def changed(self) -> int: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class LibraryStatistics:
    @property
    def requests(self) -> int: ...
    @property
    def pending(self) -> int: ...
    @property
    def changer_calls(self) -> int: ...
    @property
    def changer_time(self) -> datetime.timedelta: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Discrepancy:
    @property
    def element(self) -> Optional[uuid.UUID]: ...
    @property
    def address(self) -> Optional[int]: ...
    @property
    def media(self) -> Optional[uuid.UUID]: ...
    @property
    def message(self) -> str: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class Fault:
    @staticmethod
    def move_jam() -> Fault: ...
    @staticmethod
    def drive_load_failure(drive: int) -> Fault: ...
    @staticmethod
    def door_left_open() -> Fault: ...
    @staticmethod
    def ieport_full(port: int) -> Fault: ...
    @staticmethod
    def unreadable_barcode(barcode: str) -> Fault: ...
    @staticmethod
    def cleaner_spent() -> Fault: ...
    def __eq__(self, other: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class VirtualLibrary:
    @property
    def dir(self) -> pathlib.Path: ...
    def insert_into_port(
        self,
        port: int,
        barcode: Optional[str] = None,
        *,
        media_type: Optional[str] = None,
        label: Optional[Union[bytes, bytearray, memoryview]] = None,
        cleaner_uses: Optional[int] = None,
    ) -> None: ...
    def take_from_port(self, port: int) -> Optional[str]: ...
    def insert_into_drive(
        self, drive: int, barcode: Optional[str] = None, *, media_type: Optional[str] = None, label: Optional[Union[bytes, bytearray, memoryview]] = None
    ) -> None: ...
    def remove_from_drive(self, drive: int) -> Optional[str]: ...
    def open_door(self) -> None: ...
    def close_door(self) -> None: ...
    def operator_move(self, source: int, destination: int) -> None: ...
    def clear_jam(self) -> None: ...
    @property
    def jammed(self) -> bool: ...
    def write_medium(self, barcode: str, data: Union[bytes, bytearray, memoryview]) -> None: ...
    def read_medium(self, barcode: str, length: int) -> bytes: ...
    def contents(self) -> List[Tuple[Optional[str], str, int]]: ...
    def cleaner_uses(self, barcode: str) -> Optional[int]: ...
    def set_fault(self, fault: Fault) -> None: ...
    def clear_fault(self, fault: Fault) -> None: ...
    def clear_faults(self) -> None: ...
    @property
    def faults(self) -> List[Fault]: ...

@final
class DeviceInfo:
    @property
    def kind(self) -> str: ...
    @property
    def identity(self) -> str: ...
    @property
    def vendor(self) -> str: ...
    @property
    def model(self) -> str: ...
    @property
    def serial(self) -> Optional[str]: ...
    @property
    def wwn(self) -> Optional[str]: ...
    @property
    def devnode(self) -> Optional[str]: ...
    @property
    def paths(self) -> List[str]: ...
    @property
    def sysname(self) -> str: ...
    @property
    def syspath(self) -> str: ...
    @property
    def media(self) -> str: ...
    @property
    def media_size(self) -> int: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DeviceRecord:
    @property
    def library(self) -> uuid.UUID: ...
    @property
    def drive(self) -> Optional[uuid.UUID]: ...
    @property
    def changer(self) -> Optional[uuid.UUID]: ...
    @property
    def state(self) -> OperationalState: ...
    @property
    def media(self) -> Optional[uuid.UUID]: ...
    @property
    def info(self) -> DeviceInfo: ...
    def to_dict(self) -> Dict[str, Any]: ...
    def __eq__(self, other: object, /) -> bool: ...

@final
class DeviceChangeDetection:
    def set_targets(self, *, libraries: Optional[_ObjectRefs] = None, media_types: Optional[_ObjectRefs] = None, media: Optional[_ObjectRefs] = None) -> None: ...
    def set_interval(self, seconds: _Seconds) -> None: ...
    @property
    def targets(self) -> List[uuid.UUID]: ...
    def end(self) -> None: ...
    @property
    def ended(self) -> bool: ...
    def __enter__(self) -> DeviceChangeDetection: ...
    def __exit__(self, *exc: object) -> bool: ...

@final
class DeviceEvent:
    @property
    def kind(self) -> str: ...
    @property
    def device(self) -> Optional[DeviceInfo]: ...
    @property
    def syspath(self) -> Optional[str]: ...
    @property
    def reason(self) -> Optional[str]: ...

@final
class DeviceEvents:
    def wait(self, timeout: Optional[_Seconds] = None) -> Optional[DeviceEvent]: ...

@final
class Session:
    def __new__(
        cls,
        server: Optional[str] = None,
        application: Optional[str] = None,
        home: Optional[Union[str, os.PathLike[str]]] = None,
        *,
        notification_capacity: Optional[int] = None,
    ) -> Session: ...
    def __enter__(self) -> Session: ...
    def __exit__(self, *exc: object) -> bool: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def application(self) -> str: ...
    @property
    def home(self) -> pathlib.Path: ...
    def last_sequence(self) -> int: ...
    def notifications(self, *object_types: Union[ObjectType, _EnumArg]) -> Subscription: ...
    # object management
    def enumerate(self, object_type: Union[ObjectType, _EnumArg], container: Optional[_ObjectRef] = None) -> ObjectList[RsmObject]: ...
    def object(self, target: _ObjectRef) -> RsmObject: ...
    def find_by_name(self, name: str, object_type: Optional[Union[ObjectType, _EnumArg]] = None) -> ObjectList[RsmObject]: ...
    def resolve(self, id_or_name: str, object_type: Optional[Union[ObjectType, _EnumArg]] = None) -> RsmObject: ...
    def set_object_info(
        self,
        target: _ObjectRef,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        inventory_method: Optional[Union[InventoryMethod, _EnumArg]] = None,
        auto_recovery: Optional[bool] = None,
        deferred_dismount_seconds: Optional[int] = None,
        max_open_seconds: Optional[int] = None,
        max_extend_seconds: Optional[int] = None,
        draw_from_free: Optional[bool] = None,
        return_to_free: Optional[bool] = None,
        max_allocations: Optional[int] = None,
        barcode: Optional[str] = None,
        librequest_purge_seconds: Optional[int] = None,
        oprequest_purge_seconds: Optional[int] = None,
        priority: Optional[int] = None,
    ) -> RsmObject: ...
    def attribute(self, target: _ObjectRef, name: str) -> bytes: ...
    def set_attribute(self, target: _ObjectRef, name: str, value: Union[bytes, bytearray, memoryview]) -> None: ...
    def delete_attribute(self, target: _ObjectRef, name: str) -> None: ...
    def attribute_names(self, target: _ObjectRef) -> List[str]: ...
    def enable(self, target: _ObjectRef) -> None: ...
    def disable(self, target: _ObjectRef) -> None: ...
    def delete_object(self, target: _ObjectRef) -> None: ...
    # media types, pools, media, allocation
    def add_media_type(self, name: str, *, sides: int = 1, read_write: Optional[Union[ReadWrite, _EnumArg]] = None, description: str = ...) -> MediaType: ...
    def ensure_media_type(self, name: str) -> MediaType: ...
    def change_media_type(self, media_type: _ObjectRef, *, name: Optional[str] = None, sides: Optional[int] = None, read_write: Optional[Union[ReadWrite, _EnumArg]] = None) -> MediaType: ...
    def delete_media_type(self, media_type: _ObjectRef) -> None: ...
    def create_media_pool(
        self,
        path: str,
        *,
        media_type: Optional[_ObjectRef] = None,
        mode: Optional[_PoolMode] = None,
        create_parents: bool = False,
        draw_from_free: bool = True,
        return_to_free: bool = True,
        max_allocations: int = 0,
        description: str = ...,
    ) -> MediaPool: ...
    def delete_media_pool(self, pool: _ObjectRef) -> None: ...
    def media_pool_name(self, pool: _ObjectRef) -> str: ...
    def media_pool(self, path: str) -> MediaPool: ...
    def system_pool(self, kind: Union[PoolKind, _EnumArg], media_type: Optional[_ObjectRef] = None) -> MediaPool: ...
    def move_to_pool(self, media: _ObjectRef, pool: _ObjectRef) -> PhysicalMedia: ...
    def create_media(self, media_type: _ObjectRef, *, pool: Optional[_ObjectRef] = None, barcode: Optional[str] = None, name: Optional[str] = None, description: str = ...) -> PhysicalMedia: ...
    def delete_media(self, media: _ObjectRef) -> None: ...
    def allocate_media(
        self,
        pool: _ObjectRef,
        *,
        new_media: bool = False,
        next_of: Optional[_ObjectRef] = None,
        error_if_unavailable: bool = False,
        timeout: Optional[_Seconds] = None,
        preferred: Optional[_ObjectRef] = None,
    ) -> LogicalMedia: ...
    def deallocate_media(self, logical_media: _ObjectRef) -> None: ...
    def decommission_media(self, side: _ObjectRef) -> None: ...
    def set_media_complete(self, logical_media: _ObjectRef) -> None: ...
    def swap_media(self, first: _ObjectRef, second: _ObjectRef) -> None: ...
    def media_overview(self) -> List[Dict[str, Any]]: ...
    def inventory_frame(self) -> Any: ...  # a pandas.DataFrame
    # library control
    def create_virtual_library(
        self,
        name: str,
        *,
        drives: int = 2,
        slots: int = 20,
        ieports: int = 1,
        media: Optional[Union[Dict[str, int], List[Tuple[str, int]]]] = None,
        barcode_prefix: Optional[str] = None,
        cleaner: Optional[int] = None,
        standalone: bool = False,
        delays: Optional[Union[Literal["none", "realistic"], Dict[str, _Seconds]]] = None,
        dir: Optional[Union[str, os.PathLike[str]]] = None,
    ) -> Library: ...
    def virtual_library(self, library: _ObjectRef) -> VirtualLibrary: ...
    def add_scsi_library(self, name: str, changer: str, *, drives: List[str] = ..., inventory: bool = True) -> Library: ...
    def delete_library(self, library: _ObjectRef) -> None: ...
    def delete_drive(self, drive: _ObjectRef) -> None: ...
    def mount(
        self,
        media: _ObjectRefs,
        *,
        write: bool = False,
        read: bool = True,
        error_if_unavailable: bool = False,
        error_if_offline: bool = False,
        drives: Optional[_ObjectRefs] = None,
        nowait: bool = False,
        priority: int = 0,
        timeout: Optional[_Seconds] = None,
    ) -> List[MountedMedia]: ...
    def dismount(self, media: _ObjectRefs, *, deferred: bool = False, priority: int = 0, timeout: Optional[_Seconds] = None) -> None: ...
    def dismount_drive(self, drive: _ObjectRef) -> None: ...
    def inject(self, library: _ObjectRef, *, port: Optional[_ObjectRef] = None, priority: int = 0, timeout: Optional[_Seconds] = None) -> List[uuid.UUID]: ...
    def start_inject(self, library: _ObjectRef, *, port: Optional[_ObjectRef] = None, priority: int = 0) -> uuid.UUID: ...
    def stop_inject(self, request: _ObjectRef) -> List[uuid.UUID]: ...
    def eject(
        self,
        media: _ObjectRefs,
        *,
        queue: bool = False,
        force: bool = False,
        port: Optional[_ObjectRef] = None,
        nowait: bool = False,
        priority: int = 0,
        timeout: Optional[_Seconds] = None,
    ) -> List[uuid.UUID]: ...
    def stop_eject(self, request: _ObjectRef) -> None: ...
    def access_door(self, library: _ObjectRef) -> None: ...
    def inventory(self, library: _ObjectRef, *, method: Optional[Union[InventoryMethod, _EnumArg]] = None, priority: int = 0, timeout: Optional[_Seconds] = None) -> InventorySummary: ...
    def start_inventory(self, library: _ObjectRef, *, method: Optional[Union[InventoryMethod, _EnumArg]] = None, priority: int = 0) -> uuid.UUID: ...
    def identify_slot(self, slot: _ObjectRef) -> Optional[uuid.UUID]: ...
    def update_omid_info(self, side: _ObjectRef, label_type: str, label_id: str, application: Optional[str] = None) -> None: ...
    def reserve_cleaner_slot(self, library: _ObjectRef, slot: _ObjectRef) -> None: ...
    def release_cleaner_slot(self, library: _ObjectRef) -> None: ...
    def inject_cleaner(self, library: _ObjectRef, uses: int, *, port: Optional[_ObjectRef] = None) -> None: ...
    def eject_cleaner(self, library: _ObjectRef, *, port: Optional[_ObjectRef] = None) -> None: ...
    def clean_drive(self, drive: _ObjectRef) -> None: ...
    def wait_request(self, request: _ObjectRef, timeout: Optional[_Seconds] = None) -> LibRequest: ...
    def cancel_request(self, request: _ObjectRef) -> None: ...
    def delete_request(self, request: _ObjectRef) -> None: ...
    def library_requests(self, library: Optional[_ObjectRef] = None, unfinished_only: bool = False) -> ObjectList[RsmObject]: ...
    def request_queue(self, library: _ObjectRef) -> ObjectList[RsmObject]: ...
    def request_order(self, request: _ObjectRef) -> int: ...
    def set_request_order(self, request: _ObjectRef, position: int) -> None: ...
    def library_statistics(self, library: _ObjectRef) -> LibraryStatistics: ...
    def verify_library(self, library: _ObjectRef) -> List[Discrepancy]: ...
    def slot_map(self, library: _ObjectRef) -> SlotMap: ...
    # operator requests
    def submit_operator_request(self, kind: Union[OpRequestKind, _EnumArg], message: str = ..., arguments: Optional[_ObjectRefs] = None) -> OpRequest: ...
    def operator_requests(self, open_only: bool = False) -> ObjectList[RsmObject]: ...
    def wait_operator_request(self, request: _ObjectRef, timeout: Optional[_Seconds] = None) -> OpRequest: ...
    def satisfy_operator_request(self, request: _ObjectRef) -> None: ...
    def cancel_operator_request(self, request: _ObjectRef) -> None: ...
    # device detection
    def begin_device_change_detection(self) -> DeviceChangeDetection: ...
    def detect_device_changes(self, *, libraries: Optional[_ObjectRefs] = None, media_types: Optional[_ObjectRefs] = None, media: Optional[_ObjectRefs] = None) -> int: ...
    def devices(self) -> List[DeviceRecord]: ...
    def device_detection_status(self) -> str: ...
    def rescan_devices(self) -> int: ...
    def device_events(self) -> DeviceEvents: ...
    def eject_disk_from_sa_drive(self, drive: _ObjectRef) -> None: ...
    def volumes_from_drive(self, drive: _ObjectRef) -> List[str]: ...
    # database backup
    def export_database(self, path: Union[str, os.PathLike[str]]) -> SnapshotInfo: ...
    def import_database(self, path: Union[str, os.PathLike[str]]) -> SnapshotInfo: ...

@final
class AsyncSession:
    def __new__(
        cls,
        server: Optional[str] = None,
        application: Optional[str] = None,
        home: Optional[Union[str, os.PathLike[str]]] = None,
        *,
        notification_capacity: Optional[int] = None,
    ) -> AsyncSession: ...
    async def __aenter__(self) -> AsyncSession: ...
    async def __aexit__(self, *exc: object) -> bool: ...
    def close(self) -> None: ...
    @property
    def closed(self) -> bool: ...
    @property
    def id(self) -> uuid.UUID: ...
    @property
    def application(self) -> str: ...
    @property
    def home(self) -> pathlib.Path: ...
    def last_sequence(self) -> int: ...
    def notifications(self, *object_types: Union[ObjectType, _EnumArg]) -> Subscription: ...
    # object management
    async def enumerate(self, object_type: Union[ObjectType, _EnumArg], container: Optional[_ObjectRef] = None) -> ObjectList[RsmObject]: ...
    async def object(self, target: _ObjectRef) -> RsmObject: ...
    async def find_by_name(self, name: str, object_type: Optional[Union[ObjectType, _EnumArg]] = None) -> ObjectList[RsmObject]: ...
    async def resolve(self, id_or_name: str, object_type: Optional[Union[ObjectType, _EnumArg]] = None) -> RsmObject: ...
    async def set_object_info(
        self,
        target: _ObjectRef,
        *,
        name: Optional[str] = None,
        description: Optional[str] = None,
        inventory_method: Optional[Union[InventoryMethod, _EnumArg]] = None,
        auto_recovery: Optional[bool] = None,
        deferred_dismount_seconds: Optional[int] = None,
        max_open_seconds: Optional[int] = None,
        max_extend_seconds: Optional[int] = None,
        draw_from_free: Optional[bool] = None,
        return_to_free: Optional[bool] = None,
        max_allocations: Optional[int] = None,
        barcode: Optional[str] = None,
        librequest_purge_seconds: Optional[int] = None,
        oprequest_purge_seconds: Optional[int] = None,
        priority: Optional[int] = None,
    ) -> RsmObject: ...
    async def attribute(self, target: _ObjectRef, name: str) -> bytes: ...
    async def set_attribute(self, target: _ObjectRef, name: str, value: Union[bytes, bytearray, memoryview]) -> None: ...
    async def delete_attribute(self, target: _ObjectRef, name: str) -> None: ...
    async def attribute_names(self, target: _ObjectRef) -> List[str]: ...
    async def enable(self, target: _ObjectRef) -> None: ...
    async def disable(self, target: _ObjectRef) -> None: ...
    async def delete_object(self, target: _ObjectRef) -> None: ...
    # media types, pools, media, allocation
    async def add_media_type(self, name: str, *, sides: int = 1, read_write: Optional[Union[ReadWrite, _EnumArg]] = None, description: str = ...) -> MediaType: ...
    async def ensure_media_type(self, name: str) -> MediaType: ...
    async def change_media_type(self, media_type: _ObjectRef, *, name: Optional[str] = None, sides: Optional[int] = None, read_write: Optional[Union[ReadWrite, _EnumArg]] = None) -> MediaType: ...
    async def delete_media_type(self, media_type: _ObjectRef) -> None: ...
    async def create_media_pool(
        self,
        path: str,
        *,
        media_type: Optional[_ObjectRef] = None,
        mode: Optional[_PoolMode] = None,
        create_parents: bool = False,
        draw_from_free: bool = True,
        return_to_free: bool = True,
        max_allocations: int = 0,
        description: str = ...,
    ) -> MediaPool: ...
    async def delete_media_pool(self, pool: _ObjectRef) -> None: ...
    async def media_pool_name(self, pool: _ObjectRef) -> str: ...
    async def media_pool(self, path: str) -> MediaPool: ...
    async def system_pool(self, kind: Union[PoolKind, _EnumArg], media_type: Optional[_ObjectRef] = None) -> MediaPool: ...
    async def move_to_pool(self, media: _ObjectRef, pool: _ObjectRef) -> PhysicalMedia: ...
    async def create_media(self, media_type: _ObjectRef, *, pool: Optional[_ObjectRef] = None, barcode: Optional[str] = None, name: Optional[str] = None, description: str = ...) -> PhysicalMedia: ...
    async def delete_media(self, media: _ObjectRef) -> None: ...
    async def allocate_media(
        self,
        pool: _ObjectRef,
        *,
        new_media: bool = False,
        next_of: Optional[_ObjectRef] = None,
        error_if_unavailable: bool = False,
        timeout: Optional[_Seconds] = None,
        preferred: Optional[_ObjectRef] = None,
    ) -> LogicalMedia: ...
    async def deallocate_media(self, logical_media: _ObjectRef) -> None: ...
    async def decommission_media(self, side: _ObjectRef) -> None: ...
    async def set_media_complete(self, logical_media: _ObjectRef) -> None: ...
    async def swap_media(self, first: _ObjectRef, second: _ObjectRef) -> None: ...
    async def media_overview(self) -> List[Dict[str, Any]]: ...
    async def inventory_frame(self) -> Any: ...  # a pandas.DataFrame
    # library control
    async def create_virtual_library(
        self,
        name: str,
        *,
        drives: int = 2,
        slots: int = 20,
        ieports: int = 1,
        media: Optional[Union[Dict[str, int], List[Tuple[str, int]]]] = None,
        barcode_prefix: Optional[str] = None,
        cleaner: Optional[int] = None,
        standalone: bool = False,
        delays: Optional[Union[Literal["none", "realistic"], Dict[str, _Seconds]]] = None,
        dir: Optional[Union[str, os.PathLike[str]]] = None,
    ) -> Library: ...
    async def virtual_library(self, library: _ObjectRef) -> VirtualLibrary: ...
    async def add_scsi_library(self, name: str, changer: str, *, drives: List[str] = ..., inventory: bool = True) -> Library: ...
    async def delete_library(self, library: _ObjectRef) -> None: ...
    async def delete_drive(self, drive: _ObjectRef) -> None: ...
    async def mount(
        self,
        media: _ObjectRefs,
        *,
        write: bool = False,
        read: bool = True,
        error_if_unavailable: bool = False,
        error_if_offline: bool = False,
        drives: Optional[_ObjectRefs] = None,
        nowait: bool = False,
        priority: int = 0,
        timeout: Optional[_Seconds] = None,
    ) -> List[MountedMedia]: ...
    async def dismount(self, media: _ObjectRefs, *, deferred: bool = False, priority: int = 0, timeout: Optional[_Seconds] = None) -> None: ...
    async def dismount_drive(self, drive: _ObjectRef) -> None: ...
    async def inject(self, library: _ObjectRef, *, port: Optional[_ObjectRef] = None, priority: int = 0, timeout: Optional[_Seconds] = None) -> List[uuid.UUID]: ...
    async def start_inject(self, library: _ObjectRef, *, port: Optional[_ObjectRef] = None, priority: int = 0) -> uuid.UUID: ...
    async def stop_inject(self, request: _ObjectRef) -> List[uuid.UUID]: ...
    async def eject(
        self,
        media: _ObjectRefs,
        *,
        queue: bool = False,
        force: bool = False,
        port: Optional[_ObjectRef] = None,
        nowait: bool = False,
        priority: int = 0,
        timeout: Optional[_Seconds] = None,
    ) -> List[uuid.UUID]: ...
    async def stop_eject(self, request: _ObjectRef) -> None: ...
    async def access_door(self, library: _ObjectRef) -> None: ...
    async def inventory(self, library: _ObjectRef, *, method: Optional[Union[InventoryMethod, _EnumArg]] = None, priority: int = 0, timeout: Optional[_Seconds] = None) -> InventorySummary: ...
    async def start_inventory(self, library: _ObjectRef, *, method: Optional[Union[InventoryMethod, _EnumArg]] = None, priority: int = 0) -> uuid.UUID: ...
    async def identify_slot(self, slot: _ObjectRef) -> Optional[uuid.UUID]: ...
    async def update_omid_info(self, side: _ObjectRef, label_type: str, label_id: str, application: Optional[str] = None) -> None: ...
    async def reserve_cleaner_slot(self, library: _ObjectRef, slot: _ObjectRef) -> None: ...
    async def release_cleaner_slot(self, library: _ObjectRef) -> None: ...
    async def inject_cleaner(self, library: _ObjectRef, uses: int, *, port: Optional[_ObjectRef] = None) -> None: ...
    async def eject_cleaner(self, library: _ObjectRef, *, port: Optional[_ObjectRef] = None) -> None: ...
    async def clean_drive(self, drive: _ObjectRef) -> None: ...
    async def wait_request(self, request: _ObjectRef, timeout: Optional[_Seconds] = None) -> LibRequest: ...
    async def cancel_request(self, request: _ObjectRef) -> None: ...
    async def delete_request(self, request: _ObjectRef) -> None: ...
    async def library_requests(self, library: Optional[_ObjectRef] = None, unfinished_only: bool = False) -> ObjectList[RsmObject]: ...
    async def request_queue(self, library: _ObjectRef) -> ObjectList[RsmObject]: ...
    async def request_order(self, request: _ObjectRef) -> int: ...
    async def set_request_order(self, request: _ObjectRef, position: int) -> None: ...
    async def library_statistics(self, library: _ObjectRef) -> LibraryStatistics: ...
    async def verify_library(self, library: _ObjectRef) -> List[Discrepancy]: ...
    async def slot_map(self, library: _ObjectRef) -> SlotMap: ...
    # operator requests
    async def submit_operator_request(self, kind: Union[OpRequestKind, _EnumArg], message: str = ..., arguments: Optional[_ObjectRefs] = None) -> OpRequest: ...
    async def operator_requests(self, open_only: bool = False) -> ObjectList[RsmObject]: ...
    async def wait_operator_request(self, request: _ObjectRef, timeout: Optional[_Seconds] = None) -> OpRequest: ...
    async def satisfy_operator_request(self, request: _ObjectRef) -> None: ...
    async def cancel_operator_request(self, request: _ObjectRef) -> None: ...
    # device detection
    async def begin_device_change_detection(self) -> DeviceChangeDetection: ...
    async def detect_device_changes(self, *, libraries: Optional[_ObjectRefs] = None, media_types: Optional[_ObjectRefs] = None, media: Optional[_ObjectRefs] = None) -> int: ...
    async def devices(self) -> List[DeviceRecord]: ...
    async def device_detection_status(self) -> str: ...
    async def rescan_devices(self) -> int: ...
    async def device_events(self) -> DeviceEvents: ...
    async def eject_disk_from_sa_drive(self, drive: _ObjectRef) -> None: ...
    async def volumes_from_drive(self, drive: _ObjectRef) -> List[str]: ...
    # database backup
    async def export_database(self, path: Union[str, os.PathLike[str]]) -> SnapshotInfo: ...
    async def import_database(self, path: Union[str, os.PathLike[str]]) -> SnapshotInfo: ...

# BEGIN GENERATED by scripts/gen_stubs.py from the core's tables: do not edit
class ErrorKind(enum.IntEnum):
    ACCESS_DENIED = 5
    INVALID_HANDLE = 6
    BAD_FORMAT = 11
    NOT_READY = 21
    INVALID_PARAMETER = 87
    NO_DATA = 232
    INVALID_COMPUTERNAME = 1210
    TIMEOUT = 1460
    NOT_CONNECTED = 2250
    INVALID_MEDIA = 4300
    INVALID_LIBRARY = 4301
    INVALID_MEDIA_POOL = 4302
    DRIVE_MEDIA_MISMATCH = 4303
    MEDIA_OFFLINE = 4304
    LIBRARY_OFFLINE = 4305
    EMPTY = 4306
    NOT_EMPTY = 4307
    MEDIA_UNAVAILABLE = 4308
    RESOURCE_DISABLED = 4309
    INVALID_CLEANER = 4310
    UNABLE_TO_CLEAN = 4311
    OBJECT_NOT_FOUND = 4312
    DATABASE_FAILURE = 4313
    DATABASE_FULL = 4314
    MEDIA_INCOMPATIBLE = 4315
    RESOURCE_NOT_PRESENT = 4316
    INVALID_OPERATION = 4317
    MEDIA_NOT_AVAILABLE = 4318
    DEVICE_NOT_AVAILABLE = 4319
    REQUEST_REFUSED = 4320
    INVALID_DRIVE_OBJECT = 4321
    LIBRARY_FULL = 4322
    MEDIUM_NOT_ACCESSIBLE = 4323
    UNABLE_TO_LOAD_MEDIUM = 4324
    UNABLE_TO_INVENTORY_DRIVE = 4325
    UNABLE_TO_INVENTORY_SLOT = 4326
    UNABLE_TO_INVENTORY_TRANSPORT = 4327
    TRANSPORT_FULL = 4328
    CONTROLLING_IEPORT = 4329
    UNABLE_TO_EJECT_MOUNTED_MEDIA = 4330
    CLEANER_SLOT_SET = 4331
    CLEANER_SLOT_NOT_SET = 4332
    CLEANER_CARTRIDGE_SPENT = 4333
    UNEXPECTED_OMID = 4334
    CANT_DELETE_LAST_ITEM = 4335
    MESSAGE_EXCEEDS_MAX_SIZE = 4336
    VOLUME_CONTAINS_SYS_FILES = 4337
    INDIGENOUS_TYPE = 4338
    NO_SUPPORTING_DRIVES = 4339
    CLEANER_CARTRIDGE_INSTALLED = 4340
    IEPORT_FULL = 4341

class ObjectType(enum.IntEnum):
    UNKNOWN = 0
    OBJECT = 1
    CHANGER = 2
    CHANGER_TYPE = 3
    COMPUTER = 4
    DRIVE = 5
    DRIVE_TYPE = 6
    IEDOOR = 7
    IEPORT = 8
    LIBRARY = 9
    LIBREQUEST = 10
    LOGICAL_MEDIA = 11
    MEDIA_POOL = 12
    MEDIA_TYPE = 13
    PARTITION = 14
    PHYSICAL_MEDIA = 15
    STORAGESLOT = 16
    OPREQUEST = 17
    UI_DESTINATION = 18

class OperationalState(enum.IntEnum):
    READY = 0
    INITIALIZING = 10
    NEEDS_SERVICE = 20
    NOT_PRESENT = 21

class LibraryType(enum.IntEnum):
    OFFLINE = 1
    ONLINE = 2
    STANDALONE = 3

class InventoryMethod(enum.IntEnum):
    NONE = 0
    FAST = 1
    OMID = 2
    DEFAULT = 3
    SLOT = 4
    STOP = 5

class DriveState(enum.IntEnum):
    DISMOUNTED = 0
    MOUNTED = 1
    LOADED = 2
    UNLOADED = 5
    BEING_CLEANED = 6
    DISMOUNTABLE = 7

class SlotState(enum.IntEnum):
    FULL = 1
    EMPTY = 2
    NOTPRESENT = 3
    NEEDSINVENTORY = 4

class DoorState(enum.IntEnum):
    UNKNOWN = 0
    CLOSED = 1
    OPEN = 2

class PortContent(enum.IntEnum):
    UNKNOWN = 0
    FULL = 1
    EMPTY = 2

class PortPosition(enum.IntEnum):
    UNKNOWN = 0
    EXTENDED = 1
    RETRACTED = 2

class ReadWrite(enum.IntEnum):
    REWRITABLE = 1
    WORM = 2
    READONLY = 3

class BarcodeState(enum.IntEnum):
    OK = 1
    UNREADABLE = 2

class MediaState(enum.IntEnum):
    IDLE = 0
    INUSE = 1
    MOUNTED = 2
    LOADED = 3
    UNLOADED = 4
    OPERROR = 5
    OPREQ = 6

class PartitionState(enum.IntEnum):
    NEW = 0
    UNPREPARED = 1
    INCOMPATIBLE = 2
    DECOMMISSIONED = 3
    AVAILABLE = 4
    ALLOCATED = 5
    COMPLETE = 6
    FOREIGN = 7
    IMPORT = 8
    RESERVED = 9

class PoolKind(enum.IntEnum):
    FREE = 1
    UNRECOGNIZED = 2
    IMPORT = 3
    APPLICATION = 1000

class LibRequestOperation(enum.IntEnum):
    REMOVE = 0
    DISABLELIBRARY = 1
    ENABLELIBRARY = 2
    DISABLEDRIVE = 3
    ENABLEDRIVE = 4
    DISABLEMEDIA = 5
    ENABLEMEDIA = 6
    UPDATEOMID = 7
    INVENTORY = 8
    DOORACCESS = 9
    EJECT = 10
    EJECTCLEANER = 11
    INJECT = 12
    INJECTCLEANER = 13
    PROCESSOMID = 14
    CLEANDRIVE = 15
    DISMOUNT = 16
    MOUNT = 17
    WRITESCRATCH = 18
    CLASSIFY = 19
    RESERVECLEANER = 20
    RELEASECLEANER = 21

class LibRequestState(enum.IntEnum):
    QUEUED = 0
    INPROCESS = 1
    PASSED = 2
    FAILED = 3
    INVALID = 4
    WAITING = 5
    DEFERRED = 6
    CANCELLED = 7
    STOPPED = 8

class OpRequestKind(enum.IntEnum):
    UNKNOWN = 0
    NEWMEDIA = 1
    CLEANER = 2
    DEVICESERVICE = 3
    MOVEMEDIA = 4
    MESSAGE = 5

class OpRequestState(enum.IntEnum):
    UNKNOWN = 0
    SUBMITTED = 1
    ACTIVE = 2
    INPROGRESS = 3
    REFUSED = 4
    COMPLETE = 5

class Operation(enum.IntEnum):
    UPDATE = 1
    INSERT = 2
    DELETE = 3
    EVENT_SIGNAL = 4
    EVENT_COMPLETE = 5

class LocationKind(enum.IntEnum):
    OFFLINE = 0
    SLOT = 1
    DRIVE = 2
    IEPORT = 3
    TRANSPORT = 4

class AccessDeniedError(RsmError, builtins.PermissionError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class InvalidHandleError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class BadFormatError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class NotReadyError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class InvalidParameterError(RsmError, builtins.ValueError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class NoDataError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class InvalidComputernameError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class TimeoutError(RsmError, builtins.TimeoutError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class NotConnectedError(RsmError, builtins.ConnectionError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class InvalidMediaError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class InvalidLibraryError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class InvalidMediaPoolError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class DriveMediaMismatchError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class MediaOfflineError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class LibraryOfflineError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class EmptyError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class NotEmptyError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class MediaUnavailableError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class ResourceDisabledError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class InvalidCleanerError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class UnableToCleanError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class ObjectNotFoundError(RsmError, builtins.LookupError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class DatabaseFailureError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class DatabaseFullError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class MediaIncompatibleError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class ResourceNotPresentError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class InvalidOperationError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class MediaNotAvailableError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class DeviceNotAvailableError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class RequestRefusedError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class InvalidDriveObjectError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class LibraryFullError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class MediumNotAccessibleError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class UnableToLoadMediumError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class UnableToInventoryDriveError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class UnableToInventorySlotError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class UnableToInventoryTransportError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class TransportFullError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class ControllingIeportError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class UnableToEjectMountedMediaError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class CleanerSlotSetError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class CleanerSlotNotSetError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class CleanerCartridgeSpentError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class UnexpectedOmidError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class CantDeleteLastItemError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class MessageExceedsMaxSizeError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class VolumeContainsSysFilesError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class IndigenousTypeError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class NoSupportingDrivesError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class CleanerCartridgeInstalledError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

class IeportFullError(RsmError):
    code: ClassVar[int]
    kind: ClassVar[ErrorKind]

__all__ = [
    'AccessDeniedError',
    'AsyncSession',
    'BadFormatError',
    'BarcodeState',
    'CantDeleteLastItemError',
    'Changer',
    'ChangerType',
    'CleanerCartridgeInstalledError',
    'CleanerCartridgeSpentError',
    'CleanerSlotNotSetError',
    'CleanerSlotSetError',
    'Computer',
    'ControllingIeportError',
    'DatabaseFailureError',
    'DatabaseFullError',
    'DeviceChangeDetection',
    'DeviceEvent',
    'DeviceEvents',
    'DeviceInfo',
    'DeviceNotAvailableError',
    'DeviceRecord',
    'Discrepancy',
    'DoorState',
    'Drive',
    'DriveMediaMismatchError',
    'DriveState',
    'DriveType',
    'ENUM_NAMES',
    'ERROR_KINDS',
    'EmptyError',
    'ErrorKind',
    'Event',
    'Fault',
    'IeDoor',
    'IePort',
    'IeportFullError',
    'IndigenousTypeError',
    'InvalidCleanerError',
    'InvalidComputernameError',
    'InvalidDriveObjectError',
    'InvalidHandleError',
    'InvalidLibraryError',
    'InvalidMediaError',
    'InvalidMediaPoolError',
    'InvalidOperationError',
    'InvalidParameterError',
    'InventoryMethod',
    'InventorySummary',
    'LibRequest',
    'LibRequestOperation',
    'LibRequestState',
    'Library',
    'LibraryFullError',
    'LibraryOfflineError',
    'LibraryStatistics',
    'LibraryType',
    'Location',
    'LocationKind',
    'LogicalMedia',
    'MediaIncompatibleError',
    'MediaNotAvailableError',
    'MediaOfflineError',
    'MediaPool',
    'MediaState',
    'MediaType',
    'MediaUnavailableError',
    'MediumNotAccessibleError',
    'MessageExceedsMaxSizeError',
    'MountedMedia',
    'NoDataError',
    'NoSupportingDrivesError',
    'NotConnectedError',
    'NotEmptyError',
    'NotReadyError',
    'ObjectNotFoundError',
    'ObjectType',
    'Omid',
    'OpRequest',
    'OpRequestKind',
    'OpRequestState',
    'Operation',
    'OperationalState',
    'Partition',
    'PartitionState',
    'PhysicalMedia',
    'PoolKind',
    'PortContent',
    'PortPosition',
    'ReadWrite',
    'RequestRefusedError',
    'ResourceDisabledError',
    'ResourceNotPresentError',
    'RsmError',
    'RsmObject',
    'SCHEMA_VERSION',
    'Session',
    'SlotState',
    'SnapshotInfo',
    'StorageSlot',
    'Subscription',
    'TimeoutError',
    'TransportFullError',
    'UnableToCleanError',
    'UnableToEjectMountedMediaError',
    'UnableToInventoryDriveError',
    'UnableToInventorySlotError',
    'UnableToInventoryTransportError',
    'UnableToLoadMediumError',
    'UnexpectedOmidError',
    'VirtualLibrary',
    'VolumeContainsSysFilesError',
    '__version__',
]
# END GENERATED
