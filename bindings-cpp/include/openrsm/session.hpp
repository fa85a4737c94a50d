/// @file
/// @brief Session: the handle every OpenRSM call goes through (`OpenNtmsSession`).
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openrsm/backup.hpp"
#include "openrsm/detect.hpp"
#include "openrsm/enums.hpp"
#include "openrsm/library.hpp"
#include "openrsm/media.hpp"
#include "openrsm/notification.hpp"
#include "openrsm/object.hpp"
#include "openrsm/object_id.hpp"

namespace openrsm {

/// How to open a Session.
struct SessionOptions {
  /// The server to connect to; none means this computer, with the database in this process.
  std::optional<std::string> server;
  /// The application's name, recorded in the requests it makes.
  std::optional<std::string> application;
  /// The home directory of the database; none means default_home().
  std::optional<std::string> home;
  /// How many undelivered events a notification holds before it reports NoDataError.
  std::optional<std::size_t> notification_capacity;
};

/// A session with OpenRSM: opened by the constructor, closed by the destructor.
///
/// Not copyable; movable (a moved-from session throws InvalidHandleError). Every member function
/// may be called from several threads at once. Calls that fail throw an openrsm::Error subclass;
/// each call is one database transaction, so a failed call changes nothing.
///
/// @code
/// openrsm::Session session({/*server*/ {}, /*application*/ "backup", /*home*/ "/var/lib/rsm"});
/// auto lto = session.ensure_media_type("LTO-6");
/// openrsm::PoolOptions options;
/// options.media_type = lto.id;
/// auto pool = session.create_media_pool("Backup/Weekly", options);
/// @endcode
class Session {
 public:
  /// Open a session (`OpenNtmsSession`).
  /// @throws NotReadyError when another process owns the home; NotConnectedError for a server.
  explicit Session(const SessionOptions& options = {});
  /// Take `other`'s session; `other` is left empty.
  Session(Session&& other) noexcept;
  /// Close this session and take `other`'s.
  Session& operator=(Session&& other) noexcept;
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;
  /// Closes the session.
  ~Session();

  /// @name Session
  /// @{

  /// Close the session (`CloseNtmsSession`); idempotent. Its notifications close too, and waits
  /// blocked in them wake with InvalidHandleError.
  void close() noexcept;
  /// Whether it is closed (or empty after a move).
  bool is_closed() const noexcept;
  /// This session's id, unique per open.
  ObjectId id() const;
  /// The application name given at open.
  std::string application() const;
  /// The user the session acts for (from `USER`/`LOGNAME`), recorded in the requests it makes.
  std::string user() const;
  /// The home directory of its database.
  std::string home() const;
  /// The sequence number of the last notification published (0 before the first).
  std::uint64_t last_sequence() const;

  /// @}

  /// @name Objects (`EnumerateNtmsObject`, `Get/SetNtmsObjectInformation`, ...)
  /// @{

  /// Every object of a type.
  std::vector<Object> enumerate(ObjectType type) const;
  /// The objects of a type inside a container (a library's drives, a pool's media, ...).
  /// @throws InvalidParameterError when such a container cannot hold that type.
  std::vector<Object> enumerate(const ObjectId& container, ObjectType type) const;
  /// One object. @throws ObjectNotFoundError.
  Object object(const ObjectId& id) const;
  /// The objects with this name, of any type.
  std::vector<Object> find_by_name(std::string_view name) const;
  /// The objects of a type with this name.
  std::vector<Object> find_by_name(ObjectType type, std::string_view name) const;
  /// One object by id, name, pool path or barcode. @throws ObjectNotFoundError; InvalidParameterError
  /// when several objects have that name.
  Object resolve(std::string_view id_or_name) const;
  /// One object of a type by id, name, pool path or barcode.
  Object resolve(ObjectType type, std::string_view id_or_name) const;
  /// Change writable fields (`SetNtmsObjectInformation`); returns the object as changed.
  Object set_object_info(const ObjectId& id, const ObjectChanges& changes) const;
  /// Enable an object (`EnableNtmsObject`).
  void enable(const ObjectId& id) const;
  /// Disable an object (`DisableNtmsObject`).
  void disable(const ObjectId& id) const;
  /// Delete a pool, media type, medium or finished request.
  void delete_object(const ObjectId& id) const;

  /// @}

  /// @name Named attributes (`Get/SetNtmsObjectAttribute`)
  /// @{

  /// An attribute's value. @throws ObjectNotFoundError when the object has none by that name.
  std::vector<std::uint8_t> attribute(const ObjectId& id, std::string_view name) const;
  /// The names of an object's attributes, sorted.
  std::vector<std::string> attribute_names(const ObjectId& id) const;
  /// Set an attribute (at most max_attribute_size bytes).
  void set_attribute(const ObjectId& id, std::string_view name, const std::vector<std::uint8_t>& value) const;
  /// Set an attribute to the bytes of a string.
  void set_attribute(const ObjectId& id, std::string_view name, std::string_view value) const;
  /// Remove an attribute. @throws ObjectNotFoundError when there is none by that name.
  void delete_attribute(const ObjectId& id, std::string_view name) const;

  /// @}

  /// @name Media types (`Add/Change/DeleteNtmsMediaType`)
  /// @{

  /// Add a media type with its system pools.
  Object add_media_type(const MediaTypeSpec& spec) const;
  /// The media type with this name, created (one side, rewritable) if there is none.
  Object ensure_media_type(std::string_view name) const;
  /// Change a media type.
  Object change_media_type(const ObjectId& id, const MediaTypeChanges& changes) const;
  /// Delete a media type. @throws NotEmptyError while media or pools of the type exist.
  void delete_media_type(const ObjectId& id) const;

  /// @}

  /// @name Media pools (`Create/DeleteNtmsMediaPool`, `GetNtmsMediaPoolName`, `MoveToNtmsMediaPool`)
  /// @{

  /// Create (or open, per PoolOptions::mode) an application pool at a path like `Backup/Weekly`.
  Object create_media_pool(std::string_view path, const PoolOptions& options = {}) const;
  /// Delete an application pool. @throws NotEmptyError while it holds media or pools.
  void delete_media_pool(const ObjectId& pool) const;
  /// A pool's full path, e.g. `Backup/Weekly` or `Free/LTO-6`.
  std::string media_pool_name(const ObjectId& pool) const;
  /// The pool at a path.
  Object media_pool_by_path(std::string_view path) const;
  /// The system pool of a kind for a media type (`Free/LTO-6`), or the top one (`Free`).
  Object system_pool(PoolKind kind, const std::optional<ObjectId>& media_type = std::nullopt) const;
  /// Move a physical medium to another pool; returns the medium as moved.
  Object move_to_pool(const ObjectId& media, const ObjectId& pool) const;

  /// @}

  /// @name Media and allocation (`Create/DeleteNtmsMedia`, `Allocate/DeallocateNtmsMedia`, ...)
  /// @{

  /// Create a physical medium with its sides, offline until a library takes it in.
  Object create_media(const MediaSpec& spec) const;
  /// Delete an offline physical medium none of whose sides is allocated.
  void delete_media(const ObjectId& media) const;
  /// Allocate a side from an application pool; returns its new logical media.
  /// @throws MediaUnavailableError when no side is (or becomes, within the timeout) available.
  Object allocate_media(const ObjectId& pool, const AllocateOptions& options = {}) const;
  /// Give an allocated side back.
  void deallocate_media(const ObjectId& logical_media) const;
  /// Retire a side: it is never allocated again.
  void decommission_media(const ObjectId& side) const;
  /// Mark an allocated side complete: no more writes.
  void set_media_complete(const ObjectId& logical_media) const;
  /// Swap the sides behind two logical media.
  void swap_media(const ObjectId& first, const ObjectId& second) const;
  /// Every physical medium with its type, pool path, library and place in it, ordered by library
  /// (offline media last), location and element number.
  std::vector<MediaOverview> media_overview() const;

  /// @}

  /// @name Database export and import (`ExportNtmsDatabase`, `ImportNtmsDatabase`)
  /// @{

  /// Write a consistent snapshot of the whole database to `path` while the service keeps running;
  /// `path` never holds half an export.
  SnapshotInfo export_database(const std::filesystem::path& path) const;
  /// Replace the whole database with an export. The file is validated first: a damaged,
  /// truncated or foreign file is refused (DatabaseFailureError, InvalidParameterError) and the
  /// database is left untouched. Afterwards every notification of this home fails its next wait
  /// with NoDataError: re-read state and subscribe again.
  SnapshotInfo import_database(const std::filesystem::path& path) const;

  /// @}

  /// @name Notifications (`OpenNtmsNotification`)
  /// @{

  /// Subscribe to the notifications of one object type.
  Notification open_notification(ObjectType type) const;
  /// Subscribe to the notifications of these object types; every type when empty.
  Notification open_notification(const std::vector<ObjectType>& types = {}) const;
  /// Subscribe to the notifications of these object types.
  Notification open_notification(std::initializer_list<ObjectType> types) const;

  /// @}

  /// @name Libraries (virtual and SCSI)
  /// @{

  /// Create a virtual library and register it: an ONLINE (or STANDALONE) library with its changer,
  /// door, drives, slots, IE ports and cartridges (media in the Free pools of their types).
  Object create_virtual_library(std::string_view name, const VirtualLibrarySpec& spec) const;
  /// The virtual library behind a library object (InvalidLibraryError for another driver).
  VirtualLibrary virtual_library(const ObjectId& library) const;
  /// Add a library whose changer speaks SCSI (iSCSI or a local device node).
  Object add_scsi_library(std::string_view name, const ScsiLibrarySpec& spec) const;
  /// Delete a library with its elements; its media go offline, records kept.
  void delete_library(const ObjectId& library) const;
  /// Delete a drive.
  void delete_drive(const ObjectId& drive) const;
  /// Compare the database with what the library's changer reports; empty when they agree.
  std::vector<Discrepancy> verify_library(const ObjectId& library) const;

  /// @}

  /// @name Mount and dismount (`MountNtmsMedia`, `DismountNtmsMedia`, `DismountNtmsDrive`)
  /// @{

  /// Mount media (logical media, sides or physical media): blocks until all are mounted, or none
  /// (on failure, timeout or close everything is undone).
  std::vector<MountedMedia> mount(const std::vector<ObjectId>& media, const MountOptions& options = {}) const;
  /// Dismount media: immediately back to their slots, or deferred (left DISMOUNTABLE in the drive).
  void dismount(const std::vector<ObjectId>& media, const DismountOptions& options = {}) const;
  /// Dismount whatever is in a drive.
  void dismount_drive(const ObjectId& drive) const;

  /// @}

  /// @name Inject, eject, door (`InjectNtmsMedia`, `EjectNtmsMedia`, `AccessNtmsLibraryDoor`)
  /// @{

  /// Take in what operators put in the IE ports; the media that came in.
  std::vector<ObjectId> inject(const ObjectId& library, const InjectOptions& options = {}) const;
  /// Open the IE ports for an operator until stop_inject(); the INJECT request.
  ObjectId start_inject(const ObjectId& library, const InjectOptions& options = {}) const;
  /// End a started inject; the media that came in.
  std::vector<ObjectId> stop_inject(const ObjectId& request) const;
  /// Carry media to IE ports; the EJECT requests.
  std::vector<ObjectId> eject(const std::vector<ObjectId>& media, const EjectOptions& options = {}) const;
  /// Stop a queued eject.
  void stop_eject(const ObjectId& request) const;
  /// Unlock the door for an operator.
  void access_door(const ObjectId& library) const;

  /// @}

  /// @name Inventory and labels (`InventoryNtmsLibrary`, `IdentifyNtmsSlot`, `UpdateNtmsOmidInfo`)
  /// @{

  /// Inventory a library and reconcile the database with what it holds.
  InventorySummary inventory(const ObjectId& library, const InventoryOptions& options = {}) const;
  /// Queue an inventory; the INVENTORY request (follow it with wait_request()).
  ObjectId start_inventory(const ObjectId& library, const InventoryOptions& options = {}) const;
  /// Read the label of the medium in a slot; the medium, none when the slot is empty.
  std::optional<ObjectId> identify_slot(const ObjectId& slot) const;
  /// Record what an application wrote on a side.
  void update_omid_info(const ObjectId& side, const Omid& omid) const;

  /// @}

  /// @name Cleaning
  /// @{

  /// Make a slot the library's cleaner slot.
  void reserve_cleaner_slot(const ObjectId& library, const ObjectId& slot) const;
  /// Give the cleaner slot back (it must be empty).
  void release_cleaner_slot(const ObjectId& library) const;
  /// Take a cleaner with `uses` uses from an IE port into the cleaner slot.
  void inject_cleaner(const ObjectId& library, std::uint32_t uses, const std::optional<ObjectId>& port = {}) const;
  /// Put the cleaner out through an IE port.
  void eject_cleaner(const ObjectId& library, const std::optional<ObjectId>& port = {}) const;
  /// Clean a drive with the library's cleaner.
  void clean_drive(const ObjectId& drive) const;

  /// @}

  /// @name Library requests
  /// @{

  /// Wait for a library request to end; the request object (its state COMPLETED, FAILED or
  /// CANCELLED). TimeoutError when it has not ended in time.
  Object wait_request(const ObjectId& request, std::chrono::milliseconds timeout = infinite) const;
  /// Cancel a queued or running request.
  void cancel_request(const ObjectId& request) const;
  /// Delete an ended request.
  void delete_request(const ObjectId& request) const;
  /// The library requests of one library (or all), optionally only those not ended.
  std::vector<Object> library_requests(const std::optional<ObjectId>& library = {}, bool unfinished_only = false) const;
  /// The queued requests of a library, in the order they will run.
  std::vector<Object> request_queue(const ObjectId& library) const;
  /// A queued request's position, from 1 (`GetNtmsRequestOrder`).
  std::uint32_t request_order(const ObjectId& request) const;
  /// Move a queued request (`SetNtmsRequestOrder`).
  void set_request_order(const ObjectId& request, std::uint32_t position) const;
  /// A library's request counters.
  LibraryStatistics library_statistics(const ObjectId& library) const;

  /// @}

  /// @name Operator requests
  /// @{

  /// Submit an operator request; it starts ACTIVE.
  Object submit_operator_request(OpRequestKind kind, std::string_view message,
                                 const std::vector<ObjectId>& arguments = {}) const;
  /// Wait for an operator request to end; TimeoutError when it has not in time.
  Object wait_operator_request(const ObjectId& request, std::chrono::milliseconds timeout = infinite) const;
  /// Mark an operator request done.
  void satisfy_operator_request(const ObjectId& request) const;
  /// Cancel an operator request.
  void cancel_operator_request(const ObjectId& request) const;
  /// The operator requests, optionally only the open ones.
  std::vector<Object> operator_requests(bool open_only = false) const;

  /// @}

  /// @name Device detection
  /// @{

  /// Begin a device change detection; it ends in its destructor.
  DeviceChangeDetection begin_device_change_detection() const;
  /// Look once at these targets now; how many changes were found.
  std::uint32_t detect_device_changes(const DetectionTargets& targets) const;
  /// The removable-media devices the database knows (empty on a machine with none).
  std::vector<DeviceRecord> devices() const;
  /// How device detection runs, for people.
  std::string device_detection_status() const;
  /// Scan for devices again; how many there are.
  std::size_t rescan_devices() const;
  /// Subscribe to the raw device events of this computer.
  DeviceEvents device_events() const;
  /// Eject the disc or disk of a standalone drive.
  void eject_disk_from_sa_drive(const ObjectId& drive) const;
  /// The mount points of the file systems on a standalone drive's medium.
  std::vector<std::string> volumes_from_drive(const ObjectId& drive) const;

  /// @}

  /// The bridge handle (internal).
  struct Handle;

 private:
  const Handle& handle() const;
  std::unique_ptr<Handle> handle_;
};

}  // namespace openrsm
