// Library control: virtual and SCSI libraries, mount and dismount, inject and eject, inventory,
// cleaning, library and operator requests, and the operator's side of a virtual library.

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "bridge.hpp"
#include "openrsm/library.hpp"
#include "openrsm/session.hpp"

namespace openrsm {

using detail::call;
using detail::from_ffi;
using detail::str;
using detail::to_ffi;
using detail::to_ids;

namespace {

rust::Slice<const ffi::Id> slice(const rust::Vec<ffi::Id>& ids) { return {ids.data(), ids.size()}; }

ffi::Wait wait_for(std::chrono::milliseconds timeout) { return detail::to_wait(timeout); }

std::uint64_t count_millis(std::chrono::milliseconds d) {
  return d.count() < 0 ? 0 : static_cast<std::uint64_t>(d.count());
}

ffi::VirtualDelays to_ffi_delays(const VirtualDelays& d) {
  return {count_millis(d.move_medium), count_millis(d.load), count_millis(d.unload), count_millis(d.scan),
          count_millis(d.door)};
}

ffi::CartridgeSpec to_ffi_cartridge(const CartridgeSpec& c) {
  ffi::CartridgeSpec rs;
  rs.barcode = to_ffi(c.barcode);
  rs.media_type = to_ffi(c.media_type);
  for (auto byte : c.label) {
    rs.label.push_back(byte);
  }
  rs.cleaner_uses = to_ffi(c.cleaner_uses);
  return rs;
}

ffi::Fault to_ffi_fault(const Fault& f) { return {value(f.kind), f.number, rust::String(f.barcode)}; }

ffi::InjectOptions to_ffi_inject(const InjectOptions& o) { return {to_ffi(o.port), o.priority, wait_for(o.timeout)}; }

ffi::InventoryOptions to_ffi_inventory(const InventoryOptions& o) {
  return {value(o.method), o.priority, wait_for(o.timeout)};
}

}  // namespace

// ---- libraries ----

Object Session::create_virtual_library(std::string_view name, const VirtualLibrarySpec& spec) const {
  return from_ffi(call([&] {
    ffi::VirtualLibrarySpec rs;
    rs.drives = spec.drives;
    rs.slots = spec.slots;
    rs.ieports = spec.ieports;
    for (const auto& [media_type, count] : spec.media) {
      rs.media.push_back(ffi::MediaCount{rust::String(media_type), count});
    }
    rs.barcode_prefix = to_ffi(spec.barcode_prefix);
    rs.cleaner = to_ffi(spec.cleaner);
    rs.standalone = spec.standalone;
    rs.delays = to_ffi_delays(spec.delays);
    rs.dir = spec.dir ? ffi::OptString{true, rust::String(spec.dir->string())} : ffi::OptString{};
    return handle().rs->create_virtual_library(str(name), rs);
  }));
}

VirtualLibrary Session::virtual_library(const ObjectId& library) const {
  auto rs = call([&] { return handle().rs->virtual_library(to_ffi(library)); });
  return VirtualLibrary(std::make_unique<VirtualLibrary::Handle>(VirtualLibrary::Handle{std::move(rs)}));
}

Object Session::add_scsi_library(std::string_view name, const ScsiLibrarySpec& spec) const {
  return from_ffi(call([&] {
    ffi::ScsiLibrarySpec rs;
    rs.changer = rust::String(spec.changer);
    for (const auto& drive : spec.drives) {
      rs.drives.push_back(rust::String(drive));
    }
    rs.inventory = spec.inventory;
    return handle().rs->add_scsi_library(str(name), rs);
  }));
}

void Session::delete_library(const ObjectId& library) const {
  call([&] { handle().rs->delete_library(to_ffi(library)); });
}

void Session::delete_drive(const ObjectId& drive) const {
  call([&] { handle().rs->delete_drive(to_ffi(drive)); });
}

std::vector<Discrepancy> Session::verify_library(const ObjectId& library) const {
  const auto rows = call([&] { return handle().rs->verify_library(to_ffi(library)); });
  std::vector<Discrepancy> out;
  for (const auto& d : rows) {
    Discrepancy row;
    row.element = from_ffi(d.element);
    if (d.address.present) {
      row.address = static_cast<std::uint16_t>(d.address.value);
    }
    row.media = from_ffi(d.media);
    row.message = detail::to_string(d.message);
    out.push_back(std::move(row));
  }
  return out;
}

// ---- mount and dismount ----

std::vector<MountedMedia> Session::mount(const std::vector<ObjectId>& media, const MountOptions& options) const {
  const auto ids = detail::to_ffi_ids(media);
  ffi::MountOptions rs;
  rs.read = options.read;
  rs.write = options.write;
  rs.error_if_unavailable = options.error_if_unavailable;
  rs.error_if_offline = options.error_if_offline;
  rs.drives = detail::to_ffi_ids(options.drives);
  rs.nowait = options.nowait;
  rs.priority = options.priority;
  rs.timeout = wait_for(options.timeout);
  const auto rows = call([&] { return handle().rs->mount(slice(ids), rs); });
  std::vector<MountedMedia> out;
  out.reserve(rows.size());
  for (const auto& m : rows) {
    out.push_back(MountedMedia{from_ffi(m.media), from_ffi(m.physical_media), from_ffi(m.side), from_ffi(m.request),
                               from_ffi(m.drive), from_ffi(m.device_path)});
  }
  return out;
}

void Session::dismount(const std::vector<ObjectId>& media, const DismountOptions& options) const {
  const auto ids = detail::to_ffi_ids(media);
  const ffi::DismountOptions rs{options.deferred, options.priority, wait_for(options.timeout)};
  call([&] { handle().rs->dismount(slice(ids), rs); });
}

void Session::dismount_drive(const ObjectId& drive) const {
  call([&] { handle().rs->dismount_drive(to_ffi(drive)); });
}

// ---- inject, eject, door ----

std::vector<ObjectId> Session::inject(const ObjectId& library, const InjectOptions& options) const {
  return to_ids(call([&] { return handle().rs->inject(to_ffi(library), to_ffi_inject(options)); }));
}

ObjectId Session::start_inject(const ObjectId& library, const InjectOptions& options) const {
  return from_ffi(call([&] { return handle().rs->start_inject(to_ffi(library), to_ffi_inject(options)); }));
}

std::vector<ObjectId> Session::stop_inject(const ObjectId& request) const {
  return to_ids(call([&] { return handle().rs->stop_inject(to_ffi(request)); }));
}

std::vector<ObjectId> Session::eject(const std::vector<ObjectId>& media, const EjectOptions& options) const {
  const auto ids = detail::to_ffi_ids(media);
  const ffi::EjectOptions rs{value(options.mode), options.force,    to_ffi(options.port),
                             options.nowait,      options.priority, wait_for(options.timeout)};
  return to_ids(call([&] { return handle().rs->eject(slice(ids), rs); }));
}

void Session::stop_eject(const ObjectId& request) const {
  call([&] { handle().rs->stop_eject(to_ffi(request)); });
}

void Session::access_door(const ObjectId& library) const {
  call([&] { handle().rs->access_door(to_ffi(library)); });
}

// ---- inventory and labels ----

InventorySummary Session::inventory(const ObjectId& library, const InventoryOptions& options) const {
  const auto s = call([&] { return handle().rs->inventory(to_ffi(library), to_ffi_inventory(options)); });
  InventorySummary out;
  out.request = from_ffi(s.request);
  out.elements = s.elements;
  out.media = s.media;
  out.added = to_ids(s.added);
  out.removed = to_ids(s.removed);
  out.moved = to_ids(s.moved);
  out.identified = to_ids(s.identified);
  out.changed = s.changed;
  return out;
}

ObjectId Session::start_inventory(const ObjectId& library, const InventoryOptions& options) const {
  return from_ffi(call([&] { return handle().rs->start_inventory(to_ffi(library), to_ffi_inventory(options)); }));
}

std::optional<ObjectId> Session::identify_slot(const ObjectId& slot) const {
  return from_ffi(call([&] { return handle().rs->identify_slot(to_ffi(slot)); }));
}

void Session::update_omid_info(const ObjectId& side, const Omid& omid) const {
  call([&] {
    const ffi::Omid rs{rust::String(omid.label_type), rust::String(omid.label_id), to_ffi(omid.application)};
    handle().rs->update_omid_info(to_ffi(side), rs);
  });
}

// ---- cleaning ----

void Session::reserve_cleaner_slot(const ObjectId& library, const ObjectId& slot) const {
  call([&] { handle().rs->reserve_cleaner_slot(to_ffi(library), to_ffi(slot)); });
}

void Session::release_cleaner_slot(const ObjectId& library) const {
  call([&] { handle().rs->release_cleaner_slot(to_ffi(library)); });
}

void Session::inject_cleaner(const ObjectId& library, std::uint32_t uses, const std::optional<ObjectId>& port) const {
  call([&] { handle().rs->inject_cleaner(to_ffi(library), uses, to_ffi(port)); });
}

void Session::eject_cleaner(const ObjectId& library, const std::optional<ObjectId>& port) const {
  call([&] { handle().rs->eject_cleaner(to_ffi(library), to_ffi(port)); });
}

void Session::clean_drive(const ObjectId& drive) const {
  call([&] { handle().rs->clean_drive(to_ffi(drive)); });
}

// ---- library requests ----

Object Session::wait_request(const ObjectId& request, std::chrono::milliseconds timeout) const {
  return from_ffi(call([&] { return handle().rs->wait_request(to_ffi(request), wait_for(timeout)); }));
}

void Session::cancel_request(const ObjectId& request) const {
  call([&] { handle().rs->cancel_request(to_ffi(request)); });
}

void Session::delete_request(const ObjectId& request) const {
  call([&] { handle().rs->delete_request(to_ffi(request)); });
}

std::vector<Object> Session::library_requests(const std::optional<ObjectId>& library, bool unfinished_only) const {
  return detail::to_objects(call([&] { return handle().rs->library_requests(to_ffi(library), unfinished_only); }));
}

std::vector<Object> Session::request_queue(const ObjectId& library) const {
  return detail::to_objects(call([&] { return handle().rs->request_queue(to_ffi(library)); }));
}

std::uint32_t Session::request_order(const ObjectId& request) const {
  return call([&] { return handle().rs->request_order(to_ffi(request)); });
}

void Session::set_request_order(const ObjectId& request, std::uint32_t position) const {
  call([&] { handle().rs->set_request_order(to_ffi(request), position); });
}

LibraryStatistics Session::library_statistics(const ObjectId& library) const {
  const auto s = call([&] { return handle().rs->library_statistics(to_ffi(library)); });
  return {s.requests, s.pending, s.changer_calls,
          std::chrono::milliseconds(static_cast<std::chrono::milliseconds::rep>(s.changer_time))};
}

// ---- operator requests ----

Object Session::submit_operator_request(OpRequestKind kind, std::string_view message,
                                        const std::vector<ObjectId>& arguments) const {
  const auto ids = detail::to_ffi_ids(arguments);
  return from_ffi(call([&] { return handle().rs->submit_operator_request(value(kind), str(message), slice(ids)); }));
}

Object Session::wait_operator_request(const ObjectId& request, std::chrono::milliseconds timeout) const {
  return from_ffi(call([&] { return handle().rs->wait_operator_request(to_ffi(request), wait_for(timeout)); }));
}

void Session::satisfy_operator_request(const ObjectId& request) const {
  call([&] { handle().rs->satisfy_operator_request(to_ffi(request)); });
}

void Session::cancel_operator_request(const ObjectId& request) const {
  call([&] { handle().rs->cancel_operator_request(to_ffi(request)); });
}

std::vector<Object> Session::operator_requests(bool open_only) const {
  return detail::to_objects(call([&] { return handle().rs->operator_requests(open_only); }));
}

// ---- VirtualLibrary ----

VirtualLibrary::VirtualLibrary(std::unique_ptr<Handle> handle) noexcept : handle_(std::move(handle)) {}
VirtualLibrary::VirtualLibrary(VirtualLibrary&& other) noexcept = default;
VirtualLibrary& VirtualLibrary::operator=(VirtualLibrary&& other) noexcept = default;
VirtualLibrary::~VirtualLibrary() = default;

const VirtualLibrary::Handle& VirtualLibrary::handle() const {
  if (!handle_) {
    throw InvalidHandleError("the virtual library was moved from");
  }
  return *handle_;
}

std::filesystem::path VirtualLibrary::dir() const {
  return std::filesystem::path(detail::to_string(call([&] { return handle().rs->dir(); })));
}

void VirtualLibrary::set_delays(const VirtualDelays& delays) const {
  call([&] { handle().rs->set_delays(to_ffi_delays(delays)); });
}

void VirtualLibrary::set_fault(const Fault& fault) const {
  call([&] { handle().rs->set_fault(to_ffi_fault(fault)); });
}

void VirtualLibrary::clear_fault(const Fault& fault) const {
  call([&] { handle().rs->clear_fault(to_ffi_fault(fault)); });
}

void VirtualLibrary::clear_faults() const {
  call([&] { handle().rs->clear_faults(); });
}

std::vector<Fault> VirtualLibrary::faults() const {
  const auto rows = call([&] { return handle().rs->faults(); });
  std::vector<Fault> out;
  for (const auto& f : rows) {
    out.push_back(Fault{detail::to_enum<FaultKind>(f.kind), f.number, detail::to_string(f.barcode)});
  }
  return out;
}

bool VirtualLibrary::is_jammed() const {
  return call([&] { return handle().rs->is_jammed(); });
}

void VirtualLibrary::clear_jam() const {
  call([&] { handle().rs->clear_jam(); });
}

void VirtualLibrary::open_door() const {
  call([&] { handle().rs->open_door(); });
}

void VirtualLibrary::close_door() const {
  call([&] { handle().rs->close_door(); });
}

void VirtualLibrary::operator_move(std::uint16_t source, std::uint16_t destination) const {
  call([&] { handle().rs->operator_move(source, destination); });
}

void VirtualLibrary::insert_into_port(std::uint32_t port, const CartridgeSpec& cartridge) const {
  call([&] { handle().rs->insert_into_port(port, to_ffi_cartridge(cartridge)); });
}

std::optional<std::string> VirtualLibrary::take_from_port(std::uint32_t port) const {
  return from_ffi(call([&] { return handle().rs->take_from_port(port); }));
}

void VirtualLibrary::insert_into_drive(std::uint32_t drive, const CartridgeSpec& cartridge) const {
  call([&] { handle().rs->insert_into_drive(drive, to_ffi_cartridge(cartridge)); });
}

std::optional<std::string> VirtualLibrary::remove_from_drive(std::uint32_t drive) const {
  return from_ffi(call([&] { return handle().rs->remove_from_drive(drive); }));
}

void VirtualLibrary::write_medium(std::string_view barcode, const std::vector<std::uint8_t>& bytes) const {
  call([&] { handle().rs->write_medium(str(barcode), rust::Slice<const std::uint8_t>(bytes.data(), bytes.size())); });
}

std::vector<std::uint8_t> VirtualLibrary::read_medium(std::string_view barcode, std::size_t len) const {
  const auto bytes = call([&] { return handle().rs->read_medium_bytes(str(barcode), len); });
  return std::vector<std::uint8_t>(bytes.begin(), bytes.end());
}

std::vector<ElementContent> VirtualLibrary::contents() const {
  const auto rows = call([&] { return handle().rs->contents(); });
  std::vector<ElementContent> out;
  out.reserve(rows.size());
  for (const auto& c : rows) {
    out.push_back(ElementContent{from_ffi(c.barcode), detail::to_enum<ElementType>(c.element_type), c.address});
  }
  return out;
}

std::optional<std::uint32_t> VirtualLibrary::cleaner_uses(std::string_view barcode) const {
  return from_ffi(call([&] { return handle().rs->cleaner_uses(str(barcode)); }));
}

}  // namespace openrsm
