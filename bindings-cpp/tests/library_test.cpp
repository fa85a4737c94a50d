// Library control on a virtual library, end to end through the C++ API: inventory, allocate,
// mount, dismount, eject, inject, faults ending in FAILED requests and operator requests, waits
// with timeouts, request progress notifications, device change detection and devices.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <string>
#include <vector>

#include "bridge.hpp"
#include "helpers.hpp"

namespace openrsm {
namespace {

using namespace std::chrono_literals;

/// A session with a virtual library of 2 drives, 8 slots, 1 IE port and 4 LTO-6 tapes.
class LibraryTest : public testing::SessionTest {
 protected:
  Object create_library() const {
    VirtualLibrarySpec spec{2, 8, 1};
    spec.add_media("LTO-6", 4).barcode_prefix = "T";
    return session.create_virtual_library("Robot", spec);
  }

  std::vector<Object> in_library(ObjectType type) const { return session.enumerate(library.id, type); }

  Object medium(const std::string& barcode) const { return session.resolve(ObjectType::PhysicalMedia, barcode); }

  const PhysicalMediaInfo& where(const Object& media) const { return media.as<PhysicalMediaInfo>(); }

  Object library = create_library();
  VirtualLibrary robot = session.virtual_library(library.id);
};

TEST_F(LibraryTest, CreatesAnOnlineLibraryWithElementAddresses) {
  EXPECT_EQ(library.type, ObjectType::Library);
  EXPECT_EQ(library.as<LibraryInfo>().library_type, LibraryType::Online);
  const auto drives = in_library(ObjectType::Drive);
  const auto slots = in_library(ObjectType::StorageSlot);
  ASSERT_EQ(drives.size(), 2u);
  ASSERT_EQ(slots.size(), 8u);
  ASSERT_EQ(in_library(ObjectType::IePort).size(), 1u);
  for (const auto& slot : slots) {
    EXPECT_TRUE(slot.as<SlotInfo>().element_address.has_value()) << slot.name;
  }
  EXPECT_TRUE(drives[0].as<DriveInfo>().element_address.has_value());
  // The operator's view: four cartridges in storage slots.
  const auto contents = robot.contents();
  EXPECT_EQ(std::count_if(contents.begin(), contents.end(),
                          [](const ElementContent& c) { return c.element_type == ElementType::Storage; }),
            4);
  EXPECT_TRUE(std::filesystem::is_directory(robot.dir()));
  EXPECT_TRUE(session.verify_library(library.id).empty());
}

TEST_F(LibraryTest, InventoryAllocateMountDismountEjectInject) {
  auto requests = session.open_notification(ObjectType::LibRequest);

  const auto summary = session.inventory(library.id, InventoryOptions::fast());
  EXPECT_EQ(summary.media, 4u);
  ASSERT_TRUE(summary.request.has_value());
  const auto done = session.wait_request(*summary.request, 1s);
  const auto& info = done.as<LibRequestInfo>();
  EXPECT_EQ(info.operation, LibRequestOperation::Inventory);
  EXPECT_EQ(info.request_state, LibRequestState::Passed);
  EXPECT_GT(info.progress_total, 0u);
  EXPECT_EQ(info.progress_done, info.progress_total);
  // Its progress was published as updates of the request.
  bool updated = false;
  while (auto event = requests.try_next()) {
    updated |= event->object_id == *summary.request && event->operation == Operation::Update;
  }
  EXPECT_TRUE(updated);

  PoolOptions pool_options;
  pool_options.media_type = session.resolve(ObjectType::MediaType, "LTO-6").id;
  const auto pool = session.create_media_pool("Backup", pool_options);
  const auto side = session.allocate_media(pool.id);
  const auto physical = side.as<LogicalMediaInfo>().physical_media;

  MountOptions write;
  write.write = true;
  write.timeout = 5s;
  const auto mounted = session.mount({side.id}, write);
  ASSERT_EQ(mounted.size(), 1u);
  EXPECT_EQ(mounted[0].media, side.id);
  EXPECT_EQ(mounted[0].physical_media, physical);
  ASSERT_TRUE(mounted[0].drive.has_value());
  EXPECT_EQ(session.object(*mounted[0].drive).as<DriveInfo>().media, physical);
  EXPECT_EQ(where(session.object(physical)).location.kind, LocationKind::Drive);
  EXPECT_EQ(session.wait_request(mounted[0].request, 1s).as<LibRequestInfo>().request_state,
            LibRequestState::Passed);

  session.dismount({side.id});
  EXPECT_EQ(where(session.object(physical)).location.kind, LocationKind::Slot);
  EXPECT_FALSE(session.object(*mounted[0].drive).as<DriveInfo>().media.has_value());

  // A deferred dismount leaves it in the drive, dismountable.
  session.mount({side.id});
  DismountOptions deferred;
  deferred.deferred = true;
  session.dismount({side.id}, deferred);
  EXPECT_EQ(session.object(*mounted[0].drive).as<DriveInfo>().drive_state, DriveState::Dismountable);
  session.dismount_drive(*mounted[0].drive);
  EXPECT_EQ(where(session.object(physical)).location.kind, LocationKind::Slot);

  // Out through the IE port, taken by an operator, and back in.
  const auto barcode = *where(session.object(physical)).barcode;
  const auto ejects = session.eject({physical});
  ASSERT_EQ(ejects.size(), 1u);
  EXPECT_EQ(where(session.object(physical)).location.kind, LocationKind::IePort);
  EXPECT_EQ(robot.take_from_port(0), barcode);
  CartridgeSpec cartridge;
  cartridge.barcode = barcode;
  robot.insert_into_port(0, cartridge);
  const auto injected = session.inject(library.id);
  EXPECT_EQ(injected, std::vector<ObjectId>{physical});
  EXPECT_EQ(where(session.object(physical)).location.kind, LocationKind::Slot);

  const auto stats = session.library_statistics(library.id);
  EXPECT_GE(stats.requests, 5u);
  EXPECT_EQ(stats.pending, 0u);
  EXPECT_GT(stats.changer_calls, 0u);
  EXPECT_TRUE(session.verify_library(library.id).empty());
  // Range-for over every request the library ran.
  std::size_t completed = 0;
  for (const auto& request : session.library_requests(library.id)) {
    completed += request.as<LibRequestInfo>().request_state == LibRequestState::Passed;
  }
  EXPECT_GE(completed, 5u);
}

TEST_F(LibraryTest, AFailedLoadEndsInAFailedRequestAndAnOperatorRequest) {
  session.inventory(library.id, InventoryOptions::fast());
  const auto drive0 = in_library(ObjectType::Drive)[0].id;
  robot.set_fault(Fault{FaultKind::DriveLoadFailure, 0, ""});
  EXPECT_EQ(robot.faults(), std::vector<Fault>{(Fault{FaultKind::DriveLoadFailure, 0, ""})});

  const auto tape = session.enumerate(ObjectType::PhysicalMedia).at(0);
  const auto before = where(tape).location;
  MountOptions options;
  options.drives = {drive0};
  EXPECT_THROW(session.mount({tape.id}, options), UnableToLoadMediumError);
  EXPECT_EQ(where(session.object(tape.id)).location.kind, before.kind) << "the medium went back";

  const auto requests = session.library_requests(library.id);
  ASSERT_FALSE(requests.empty());
  const auto& failed = requests.back().as<LibRequestInfo>();
  EXPECT_EQ(failed.request_state, LibRequestState::Failed);
  EXPECT_EQ(failed.error_code, std::optional<std::uint32_t>(value(UnableToLoadMediumError::kind_value)));

  const auto open = session.operator_requests(true);
  const auto service = std::find_if(open.begin(), open.end(), [&](const Object& o) {
    const auto& op = o.as<OpRequestInfo>();
    return op.kind == OpRequestKind::DeviceService &&
           std::find(op.arguments.begin(), op.arguments.end(), drive0) != op.arguments.end();
  });
  ASSERT_NE(service, open.end());
  session.satisfy_operator_request(service->id);
  EXPECT_EQ(session.wait_operator_request(service->id, 1s).as<OpRequestInfo>().request_state,
            OpRequestState::Complete);
  robot.clear_faults();
  EXPECT_TRUE(robot.faults().empty());
  EXPECT_TRUE(session.verify_library(library.id).empty());
}

TEST_F(LibraryTest, AJamStopsTheRobotUntilAnOperatorClearsIt) {
  session.inventory(library.id, InventoryOptions::fast());
  robot.set_fault(Fault{FaultKind::MoveJam, 0, ""});
  const auto tape = session.enumerate(ObjectType::PhysicalMedia).at(0);
  EXPECT_THROW(session.mount({tape.id}), NotReadyError);
  EXPECT_TRUE(robot.is_jammed());
  robot.clear_jam();
  EXPECT_FALSE(robot.is_jammed());
  session.inventory(library.id, InventoryOptions::fast());
  EXPECT_TRUE(session.verify_library(library.id).empty());
}

TEST_F(LibraryTest, WaitsTimeOut) {
  const auto op = session.submit_operator_request(OpRequestKind::Message, "load the weekly tapes");
  EXPECT_EQ(op.as<OpRequestInfo>().request_state, OpRequestState::Active);
  EXPECT_THROW(session.wait_operator_request(op.id, 20ms), TimeoutError);
  session.cancel_operator_request(op.id);
  EXPECT_THROW(session.wait_operator_request(op.id, 1s), RequestRefusedError);
  EXPECT_EQ(session.object(op.id).as<OpRequestInfo>().request_state, OpRequestState::Refused);

  // A started inject waits for the operator: the wait times out until it is stopped.
  auto updates = session.open_notification(ObjectType::LibRequest);
  const auto request = session.start_inject(library.id);
  EXPECT_THROW(session.wait_request(request, 20ms), TimeoutError);
  const auto state = [&] { return session.object(request).as<LibRequestInfo>().request_state; };
  while (state() != LibRequestState::Waiting && updates.wait(5s)) {
  }
  ASSERT_EQ(state(), LibRequestState::Waiting) << "the ports are open for an operator";
  CartridgeSpec cartridge;
  cartridge.barcode = "NEW001";
  robot.insert_into_port(0, cartridge);
  const auto in = session.stop_inject(request);
  ASSERT_EQ(in.size(), 1u);
  EXPECT_EQ(in[0], medium("NEW001").id);
  EXPECT_EQ(session.wait_request(request, 1s).as<LibRequestInfo>().request_state, LibRequestState::Passed);
}

TEST_F(LibraryTest, BadInputIsATypedError) {
  EXPECT_THROW(session.mount({ObjectId::generate()}), ObjectNotFoundError);
  EXPECT_THROW(session.virtual_library(ObjectId::generate()), ObjectNotFoundError);
  EXPECT_THROW(robot.set_fault(Fault{static_cast<FaultKind>(42), 0, ""}), InvalidParameterError);
  EjectOptions eject;
  eject.mode = static_cast<EjectMode>(9);
  EXPECT_THROW(session.eject({}, eject), InvalidParameterError);
  EXPECT_THROW(session.submit_operator_request(OpRequestKind::Message, std::string(300, 'x')),
               MessageExceedsMaxSizeError);
  robot.insert_into_port(0, CartridgeSpec{std::string("FULL01"), {}, {}, {}});
  EXPECT_THROW(robot.insert_into_port(0, CartridgeSpec{std::string("FULL02"), {}, {}, {}}), IeportFullError);
}

TEST_F(LibraryTest, OneShotDetectionFindsAnOperatorInsert) {
  session.inventory(library.id, InventoryOptions::fast());
  CartridgeSpec cartridge;
  cartridge.barcode = "HAND01";
  robot.insert_into_port(0, cartridge);
  EXPECT_THROW(medium("HAND01"), ObjectNotFoundError);
  EXPECT_GT(session.detect_device_changes(DetectionTargets::libraries({library.id})), 0u);
  EXPECT_EQ(where(medium("HAND01")).location.kind, LocationKind::IePort);
  EXPECT_THROW(session.detect_device_changes(DetectionTargets::libraries({ObjectId::generate()})),
               ObjectNotFoundError);
}

TEST_F(LibraryTest, ARunningDetectionNotifiesAndEndsInItsDestructor) {
  session.inventory(library.id, InventoryOptions::fast());
  auto media_events = session.open_notification(ObjectType::PhysicalMedia);
  {
    auto detection = session.begin_device_change_detection();
    detection.set_targets(DetectionTargets::libraries({library.id}));
    detection.set_interval(20ms);
    const auto targets = detection.targets();
    EXPECT_EQ(targets.kind, DetectionTargetKind::Libraries);
    EXPECT_EQ(targets.ids, std::vector<ObjectId>{library.id});
    EXPECT_THROW(detection.set_targets(DetectionTargets::media_types({library.id})), ObjectNotFoundError);
    EXPECT_FALSE(detection.is_ended());

    CartridgeSpec cartridge;
    cartridge.barcode = "DROP01";
    robot.insert_into_port(0, cartridge);
    std::optional<Event> inserted;
    while (auto event = media_events.wait(2s)) {
      if (event->operation == Operation::Insert) {
        inserted = event;
        break;
      }
    }
    ASSERT_TRUE(inserted.has_value());
    EXPECT_EQ(inserted->object_id, medium("DROP01").id);

    auto moved = std::move(detection);
    EXPECT_TRUE(detection.is_ended());  // NOLINT(bugprone-use-after-move): a moved-from detection is ended
    EXPECT_FALSE(moved.is_ended());
    moved.end();
    EXPECT_TRUE(moved.is_ended());
  }
}

TEST_F(LibraryTest, RequestsCanBeQueuedReorderedAndCancelled) {
  InventoryOptions options = InventoryOptions::fast();
  robot.set_delays(VirtualDelays{0ms, 0ms, 0ms, 400ms, 0ms});
  const auto first = session.start_inventory(library.id, options);
  const auto second = session.start_inventory(library.id, options);
  const auto third = session.start_inventory(library.id, options);
  // The robot is busy with the first for 400 ms: the others wait in the queue.
  EXPECT_GE(session.request_queue(library.id).size(), 2u);
  session.set_request_order(third, 1);
  EXPECT_LT(session.request_order(third), session.request_order(second));
  session.cancel_request(third);
  EXPECT_THROW(session.wait_request(third, 1s), RequestRefusedError);
  EXPECT_EQ(session.object(third).as<LibRequestInfo>().request_state, LibRequestState::Cancelled);
  session.delete_request(third);
  EXPECT_THROW(session.object(third), ObjectNotFoundError);
  for (const auto& request : {first, second}) {
    EXPECT_EQ(session.wait_request(request, 5s).as<LibRequestInfo>().request_state, LibRequestState::Passed);
  }
  EXPECT_TRUE(session.request_queue(library.id).empty());
  robot.set_delays(VirtualDelays{});
}

TEST_F(LibraryTest, CleaningCountsDown) {
  VirtualLibrarySpec spec{1, 4, 1};
  spec.cleaner = 3;
  const auto cleaned = session.create_virtual_library("Cleaned", spec);
  session.inventory(cleaned.id, InventoryOptions::fast());
  const auto drive = session.enumerate(cleaned.id, ObjectType::Drive).at(0).id;
  session.clean_drive(drive);
  EXPECT_EQ(session.object(cleaned.id).as<LibraryInfo>().cleaner_uses_left, 2u);
  EXPECT_TRUE(session.object(drive).as<DriveInfo>().last_cleaned.has_value());
}

TEST_F(LibraryTest, DeletingTheLibraryTakesItsElements) {
  session.delete_library(library.id);
  EXPECT_THROW(session.object(library.id), ObjectNotFoundError);
  EXPECT_TRUE(session.enumerate(ObjectType::Drive).empty());
}

TEST(LibraryOptions, DefaultsMatchTheCore) {
  const auto core = detail::call([] { return ffi::library_option_defaults(); });
  const MountOptions mount;
  EXPECT_EQ(mount.read, core.mount.read);
  EXPECT_EQ(mount.write, core.mount.write);
  EXPECT_EQ(mount.error_if_unavailable, core.mount.error_if_unavailable);
  EXPECT_EQ(mount.error_if_offline, core.mount.error_if_offline);
  EXPECT_EQ(mount.drives.size(), core.mount.drives.size());
  EXPECT_EQ(mount.nowait, core.mount.nowait);
  EXPECT_EQ(mount.priority, core.mount.priority);
  EXPECT_EQ(mount.timeout == infinite, core.mount.timeout.infinite);
  const DismountOptions dismount;
  EXPECT_EQ(dismount.deferred, core.dismount.deferred);
  EXPECT_EQ(dismount.priority, core.dismount.priority);
  EXPECT_EQ(dismount.timeout == infinite, core.dismount.timeout.infinite);
  const InjectOptions inject;
  EXPECT_EQ(inject.port.has_value(), core.inject.port.present);
  EXPECT_EQ(inject.priority, core.inject.priority);
  EXPECT_EQ(inject.timeout == infinite, core.inject.timeout.infinite);
  const EjectOptions eject;
  EXPECT_EQ(value(eject.mode), core.eject.mode);
  EXPECT_EQ(eject.force, core.eject.force);
  EXPECT_EQ(eject.port.has_value(), core.eject.port.present);
  EXPECT_EQ(eject.nowait, core.eject.nowait);
  EXPECT_EQ(eject.priority, core.eject.priority);
  EXPECT_EQ(eject.timeout == infinite, core.eject.timeout.infinite);
  const InventoryOptions inventory;
  EXPECT_EQ(value(inventory.method), core.inventory.method);
  EXPECT_EQ(inventory.priority, core.inventory.priority);
  EXPECT_EQ(inventory.timeout == infinite, core.inventory.timeout.infinite);
  EXPECT_EQ(InventoryOptions::fast().method, InventoryMethod::Fast);
  EXPECT_EQ(InventoryOptions::full().method, InventoryMethod::Omid);
}

TEST_F(LibraryTest, DevicesReturnQuietlyWithoutHardware) {
  auto events = session.device_events();
  for (const auto& device : session.devices()) {
    EXPECT_FALSE(device.info.identity.empty());
  }
  EXPECT_FALSE(session.device_detection_status().empty());
  session.rescan_devices();
  // A rescan is announced to every subscriber, after whatever it found.
  std::optional<DeviceEvent> rescan;
  while (auto event = events.next(2s)) {
    if (event->kind == DeviceEventKind::Rescan) {
      rescan = event;
      break;
    }
  }
  ASSERT_TRUE(rescan.has_value());
  EXPECT_FALSE(rescan->reason.empty());
  // A virtual drive is no detected device.
  EXPECT_THROW(session.eject_disk_from_sa_drive(in_library(ObjectType::Drive)[0].id), InvalidDriveObjectError);
}

}  // namespace
}  // namespace openrsm
