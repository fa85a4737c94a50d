/// @file
/// @brief Session: the handle every OpenRSM call goes through (`OpenNtmsSession`).
#pragma once

#include <cstdint>
#include <filesystem>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "openrsm/backup.hpp"
#include "openrsm/enums.hpp"
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

  /// The bridge handle (internal).
  struct Handle;

 private:
  const Handle& handle() const;
  std::unique_ptr<Handle> handle_;
};

}  // namespace openrsm
