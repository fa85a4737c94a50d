// Conversions between openrsm:: values and their openrsm::ffi:: forms.

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "bridge.hpp"

namespace openrsm::detail {

Timestamp to_time(std::int64_t millis) {
  return Timestamp(std::chrono::duration_cast<Timestamp::duration>(std::chrono::milliseconds(millis)));
}

ffi::Id to_ffi(const ObjectId& id) { return ffi::Id{id.bytes()}; }

ffi::OptId to_ffi(const std::optional<ObjectId>& id) {
  return id ? ffi::OptId{true, to_ffi(*id)} : ffi::OptId{false, ffi::Id{}};
}

ffi::OptString to_ffi(const std::optional<std::string>& text) {
  return text ? ffi::OptString{true, rust::String(*text)} : ffi::OptString{false, rust::String()};
}

ffi::OptU32 to_ffi(const std::optional<std::uint32_t>& value) { return ffi::OptU32{value.has_value(), value.value_or(0)}; }

ffi::Wait to_wait(std::chrono::milliseconds timeout) {
  if (timeout == infinite) {
    return ffi::Wait{true, 0};
  }
  const auto millis = timeout.count() < 0 ? 0 : timeout.count();
  return ffi::Wait{false, static_cast<std::uint64_t>(millis)};
}

ObjectId from_ffi(const ffi::Id& id) { return ObjectId(id.bytes); }

std::optional<ObjectId> from_ffi(const ffi::OptId& id) {
  return id.present ? std::optional<ObjectId>(from_ffi(id.id)) : std::nullopt;
}

std::optional<std::string> from_ffi(const ffi::OptString& text) {
  return text.present ? std::optional<std::string>(to_string(text.value)) : std::nullopt;
}

std::optional<std::uint32_t> from_ffi(const ffi::OptU32& value) {
  return value.present ? std::optional<std::uint32_t>(value.value) : std::nullopt;
}

std::optional<Timestamp> from_ffi(const ffi::OptTime& time) {
  return time.present ? std::optional<Timestamp>(to_time(time.millis)) : std::nullopt;
}

std::string to_string(const rust::String& text) { return std::string(text.data(), text.size()); }

namespace {

ComputerInfo convert(const ffi::ComputerInfo& c) { return {c.librequest_purge_seconds, c.oprequest_purge_seconds}; }

LibraryInfo convert(const ffi::LibraryInfo& l) {
  LibraryInfo out;
  out.library_type = to_enum<LibraryType>(l.library_type);
  out.cleaner_slot = from_ffi(l.cleaner_slot);
  out.cleaner_uses_left = from_ffi(l.cleaner_uses_left);
  out.barcode_reader = l.barcode_reader;
  out.inventory_method = to_enum<InventoryMethod>(l.inventory_method);
  out.auto_recovery = l.auto_recovery;
  out.driver = from_ffi(l.driver);
  return out;
}

ChangerInfo convert(const ffi::ChangerInfo& c) {
  return {from_ffi(c.library), from_ffi(c.changer_type), from_ffi(c.device_path), from_ffi(c.serial)};
}

template <class T>
T convert_device_type(const ffi::DeviceTypeInfo& t) {
  T out;
  out.vendor = to_string(t.vendor);
  out.product = to_string(t.product);
  out.device_type = t.device_type;
  return out;
}

DriveInfo convert(const ffi::DriveInfo& d) {
  DriveInfo out;
  out.library = from_ffi(d.library);
  out.number = d.number;
  out.drive_state = to_enum<DriveState>(d.drive_state);
  out.drive_type = from_ffi(d.drive_type);
  out.device_path = from_ffi(d.device_path);
  out.serial = from_ffi(d.serial);
  out.mount_count = d.mount_count;
  out.last_cleaned = from_ffi(d.last_cleaned);
  out.deferred_dismount_seconds = d.deferred_dismount_seconds;
  out.media = from_ffi(d.media);
  out.element_address = from_ffi(d.element_address);
  return out;
}

SlotInfo convert(const ffi::SlotInfo& s) {
  return {from_ffi(s.library), s.number, to_enum<SlotState>(s.slot_state), from_ffi(s.media), from_ffi(s.element_address)};
}

IeDoorInfo convert(const ffi::IeDoorInfo& d) {
  return {from_ffi(d.library), to_enum<DoorState>(d.door_state), d.max_open_seconds};
}

IePortInfo convert(const ffi::IePortInfo& p) {
  return {from_ffi(p.library),          p.number, to_enum<PortContent>(p.content), to_enum<PortPosition>(p.position),
          p.max_extend_seconds, from_ffi(p.media), from_ffi(p.element_address)};
}

MediaTypeInfo convert(const ffi::MediaTypeInfo& t) { return {t.sides, to_enum<ReadWrite>(t.read_write)}; }

PhysicalMediaInfo convert(const ffi::PhysicalMediaInfo& m) {
  PhysicalMediaInfo out;
  out.library = from_ffi(m.library);
  out.location = Location{to_enum<LocationKind>(m.location_kind), from_ffi(m.location_element)};
  out.home_slot = from_ffi(m.home_slot);
  out.media_type = from_ffi(m.media_type);
  out.pool = from_ffi(m.pool);
  out.barcode = from_ffi(m.barcode);
  out.barcode_state = to_enum<BarcodeState>(m.barcode_state);
  out.media_state = to_enum<MediaState>(m.media_state);
  out.sides = m.sides;
  out.mounted_side = from_ffi(m.mounted_side);
  return out;
}

PartitionInfo convert(const ffi::PartitionInfo& p) {
  PartitionInfo out;
  out.physical_media = from_ffi(p.physical_media);
  out.side = p.side;
  out.partition_state = to_enum<PartitionState>(p.partition_state);
  if (p.has_omid) {
    out.omid = Omid{to_string(p.omid_label_type), to_string(p.omid_label_id), from_ffi(p.omid_application)};
  }
  out.capacity = p.capacity;
  out.mount_count = p.mount_count;
  out.allocation_count = p.allocation_count;
  out.logical_media = from_ffi(p.logical_media);
  return out;
}

LogicalMediaInfo convert(const ffi::LogicalMediaInfo& l) {
  return {from_ffi(l.partition), from_ffi(l.physical_media), from_ffi(l.pool)};
}

MediaPoolInfo convert(const ffi::MediaPoolInfo& p) {
  MediaPoolInfo out;
  out.kind = to_enum<PoolKind>(p.kind);
  out.media_type = from_ffi(p.media_type);
  out.parent = from_ffi(p.parent);
  out.path = to_string(p.path);
  out.draw_from_free = p.draw_from_free;
  out.return_to_free = p.return_to_free;
  out.max_allocations = p.max_allocations;
  return out;
}

LibRequestInfo convert(const ffi::LibRequestInfo& r) {
  LibRequestInfo out;
  out.operation = to_enum<LibRequestOperation>(r.operation);
  out.request_state = to_enum<LibRequestState>(r.request_state);
  out.priority = r.priority;
  out.library = from_ffi(r.library);
  out.drive = from_ffi(r.drive);
  out.media = from_ffi(r.media);
  out.submitted = to_time(r.submitted);
  out.started = from_ffi(r.started);
  out.completed = from_ffi(r.completed);
  out.application = to_string(r.application);
  out.user = to_string(r.user);
  out.error_code = from_ffi(r.error_code);
  out.error_message = from_ffi(r.error_message);
  out.progress_done = r.progress_done;
  out.progress_total = r.progress_total;
  return out;
}

OpRequestInfo convert(const ffi::OpRequestInfo& r) {
  OpRequestInfo out;
  out.kind = to_enum<OpRequestKind>(r.kind);
  out.request_state = to_enum<OpRequestState>(r.request_state);
  out.message = to_string(r.message);
  for (const auto& id : r.arguments) {
    out.arguments.push_back(from_ffi(id));
  }
  out.submitted = to_time(r.submitted);
  out.application = to_string(r.application);
  out.user = to_string(r.user);
  return out;
}

Detail convert_detail(const ffi::Object& o) {
  switch (to_enum<ObjectType>(o.detail_type)) {
    case ObjectType::Computer: return convert(o.computer);
    case ObjectType::Library: return convert(o.library);
    case ObjectType::Changer: return convert(o.changer);
    case ObjectType::ChangerType: return convert_device_type<ChangerTypeInfo>(o.device_type);
    case ObjectType::Drive: return convert(o.drive);
    case ObjectType::DriveType: return convert_device_type<DriveTypeInfo>(o.device_type);
    case ObjectType::IeDoor: return convert(o.ie_door);
    case ObjectType::IePort: return convert(o.ie_port);
    case ObjectType::StorageSlot: return convert(o.slot);
    case ObjectType::MediaType: return convert(o.media_type);
    case ObjectType::PhysicalMedia: return convert(o.physical_media);
    case ObjectType::Partition: return convert(o.partition);
    case ObjectType::LogicalMedia: return convert(o.logical_media);
    case ObjectType::MediaPool: return convert(o.media_pool);
    case ObjectType::LibRequest: return convert(o.lib_request);
    case ObjectType::OpRequest: return convert(o.op_request);
    case ObjectType::Unknown:
    case ObjectType::Object:
    case ObjectType::UiDestination: break;
  }
  return std::monostate{};
}

}  // namespace

Object from_ffi(const ffi::Object& o) {
  Object out;
  out.id = from_ffi(o.id);
  out.type = to_enum<ObjectType>(o.object_type);
  out.name = to_string(o.name);
  out.description = to_string(o.description);
  out.created = to_time(o.created);
  out.modified = to_time(o.modified);
  out.enabled = o.enabled;
  out.state = to_enum<OperationalState>(o.state);
  out.detail = convert_detail(o);
  return out;
}

Event from_ffi(const ffi::Event& e) {
  return Event{to_enum<Operation>(e.operation), to_enum<ObjectType>(e.object_type), from_ffi(e.object_id), e.sequence};
}

std::vector<Object> to_objects(const rust::Vec<ffi::Object>& objects) {
  std::vector<Object> out;
  out.reserve(objects.size());
  for (const auto& o : objects) {
    out.push_back(from_ffi(o));
  }
  return out;
}

std::vector<ObjectId> to_ids(const rust::Vec<ffi::Id>& ids) {
  std::vector<ObjectId> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    out.push_back(from_ffi(id));
  }
  return out;
}

rust::Vec<ffi::Id> to_ffi_ids(const std::vector<ObjectId>& ids) {
  rust::Vec<ffi::Id> out;
  out.reserve(ids.size());
  for (const auto& id : ids) {
    out.push_back(to_ffi(id));
  }
  return out;
}

}  // namespace openrsm::detail
