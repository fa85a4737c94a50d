// Media types, pools, physical media and allocation.

#include <gtest/gtest.h>

#include <chrono>
#include <future>
#include <string>
#include <thread>

#include "helpers.hpp"
#include "openrsm/openrsm.hpp"

namespace openrsm {
namespace {

using namespace std::chrono_literals;

class MediaTest : public testing::SessionTest {
 protected:
  Object lto = session.ensure_media_type("LTO-6");

  Object pool(const std::string& path) {
    PoolOptions options;
    options.media_type = lto.id;
    options.create_parents = true;
    return session.create_media_pool(path, options);
  }

  Object tape(const std::string& barcode, std::optional<ObjectId> in_pool = std::nullopt) {
    MediaSpec spec;
    spec.media_type = lto.id;
    spec.barcode = barcode;
    spec.pool = in_pool;
    return session.create_media(spec);
  }
};

TEST_F(MediaTest, MediaTypesWithTheirSystemPools) {
  MediaTypeSpec spec;
  spec.name = "DVD-R";
  spec.sides = 2;
  spec.read_write = ReadWrite::Worm;
  spec.description = "write once";
  const auto dvd = session.add_media_type(spec);
  EXPECT_EQ(dvd.type, ObjectType::MediaType);
  EXPECT_EQ(dvd.description, "write once");
  EXPECT_EQ(dvd.as<MediaTypeInfo>().sides, 2u);
  EXPECT_EQ(dvd.as<MediaTypeInfo>().read_write, ReadWrite::Worm);
  EXPECT_EQ(session.media_pool_name(session.system_pool(PoolKind::Import, dvd.id).id), "Import/DVD-R");
  EXPECT_EQ(session.ensure_media_type("DVD-R").id, dvd.id);
  EXPECT_THROW(session.add_media_type(spec), InvalidParameterError);

  MediaTypeChanges changes;
  changes.name = "DVD+R";
  changes.read_write = ReadWrite::ReadOnly;
  const auto renamed = session.change_media_type(dvd.id, changes);
  EXPECT_EQ(renamed.name, "DVD+R");
  EXPECT_EQ(renamed.as<MediaTypeInfo>().read_write, ReadWrite::ReadOnly);
  EXPECT_EQ(session.media_pool_by_path("Free/DVD+R").as<MediaPoolInfo>().media_type, dvd.id);

  session.delete_media_type(dvd.id);
  EXPECT_THROW(session.object(dvd.id), ObjectNotFoundError);
  EXPECT_THROW(session.media_pool_by_path("Free/DVD+R"), ObjectNotFoundError);
}

TEST_F(MediaTest, MediaTypesInUseCannotBeDeleted) {
  tape("T1");
  EXPECT_THROW(session.delete_media_type(lto.id), NotEmptyError);
}

TEST_F(MediaTest, PoolsByPathWithCreateModes) {
  const auto weekly = pool("Backup/Weekly");
  EXPECT_EQ(weekly.as<MediaPoolInfo>().path, "Backup/Weekly");
  EXPECT_EQ(weekly.as<MediaPoolInfo>().kind, PoolKind::Application);
  EXPECT_EQ(weekly.as<MediaPoolInfo>().parent, session.media_pool_by_path("Backup").id);
  EXPECT_EQ(session.media_pool_name(weekly.id), "Backup/Weekly");
  EXPECT_THROW(session.create_media_pool("Backup/Weekly"), InvalidParameterError);

  PoolOptions open;
  open.mode = CreateMode::OpenExisting;
  EXPECT_EQ(session.create_media_pool("Backup/Weekly", open).id, weekly.id);
  EXPECT_THROW(session.create_media_pool("Backup/Monthly", open), ObjectNotFoundError);
  open.mode = CreateMode::OpenAlways;
  EXPECT_NE(session.create_media_pool("Backup/Monthly", open).id, weekly.id);

  EXPECT_THROW(session.create_media_pool("Nightly/Full"), ObjectNotFoundError);
  EXPECT_THROW(session.create_media_pool("Free/Mine"), InvalidMediaPoolError);
  EXPECT_THROW(session.delete_media_pool(session.media_pool_by_path("Backup").id), NotEmptyError);
  session.delete_media_pool(weekly.id);
  EXPECT_THROW(session.media_pool_by_path("Backup/Weekly"), ObjectNotFoundError);
}

TEST_F(MediaTest, PhysicalMediaMoveAndDelete) {
  const auto t = tape("TAPE01L6");
  EXPECT_EQ(t.name, "TAPE01L6");
  EXPECT_EQ(t.as<PhysicalMediaInfo>().sides, 1u);
  const auto backup = pool("Backup");
  const auto moved = session.move_to_pool(t.id, backup.id);
  EXPECT_EQ(moved.as<PhysicalMediaInfo>().pool, backup.id);
  MediaSpec other_type;
  other_type.media_type = session.ensure_media_type("LTO-7").id;
  const auto lto7 = session.create_media(other_type);
  EXPECT_THROW(session.move_to_pool(lto7.id, backup.id), MediaIncompatibleError);
  session.delete_media(t.id);
  EXPECT_THROW(session.object(t.id), ObjectNotFoundError);
}

TEST_F(MediaTest, AllocateCompleteDeallocate) {
  const auto backup = pool("Backup");
  const auto t = tape("TAPE01L6");
  const auto logical = session.allocate_media(backup.id);
  EXPECT_EQ(logical.type, ObjectType::LogicalMedia);
  const auto& info = logical.as<LogicalMediaInfo>();
  EXPECT_EQ(info.physical_media, t.id);
  EXPECT_EQ(info.pool, backup.id);
  EXPECT_EQ(session.object(info.partition).as<PartitionInfo>().partition_state, PartitionState::Allocated);
  EXPECT_EQ(session.object(info.partition).as<PartitionInfo>().logical_media, logical.id);

  AllocateOptions now;
  now.error_if_unavailable = true;
  EXPECT_THROW(session.allocate_media(backup.id, now), MediaUnavailableError);

  session.set_media_complete(logical.id);
  EXPECT_EQ(session.object(info.partition).as<PartitionInfo>().partition_state, PartitionState::Complete);
  session.deallocate_media(logical.id);
  EXPECT_THROW(session.object(logical.id), ObjectNotFoundError);
  EXPECT_EQ(session.object(t.id).as<PhysicalMediaInfo>().pool, session.system_pool(PoolKind::Free, lto.id).id);
  EXPECT_THROW(session.deallocate_media(logical.id), ObjectNotFoundError);
}

TEST_F(MediaTest, OverviewResolvesNamesAndCountsAllocatedSides) {
  const auto backup = pool("Backup/Weekly");
  const auto first = tape("B00002", backup.id);
  tape("A00001");
  session.allocate_media(backup.id);
  const auto rows = session.media_overview();
  ASSERT_EQ(rows.size(), 2u);
  const auto& allocated = rows[0].id == first.id ? rows[0] : rows[1];
  const auto& free = rows[0].id == first.id ? rows[1] : rows[0];
  EXPECT_EQ(allocated.barcode, "B00002");
  EXPECT_EQ(allocated.media_type, "LTO-6");
  EXPECT_EQ(allocated.pool, "Backup/Weekly");
  EXPECT_EQ(allocated.allocated_sides, 1u);
  EXPECT_EQ(allocated.location_kind, LocationKind::Offline);
  EXPECT_FALSE(allocated.library.has_value());
  EXPECT_FALSE(allocated.element.has_value());
  EXPECT_EQ(allocated.media_state, MediaState::Idle);
  EXPECT_TRUE(allocated.enabled);
  EXPECT_EQ(free.pool, "Free/LTO-6");
  EXPECT_EQ(free.allocated_sides, 0u);
  EXPECT_EQ(free.sides, 1u);
}

TEST_F(MediaTest, DecommissionedSidesAreNotAllocated) {
  const auto backup = pool("Backup");
  const auto t = tape("OLD001");
  session.decommission_media(t.id);
  EXPECT_EQ(session.enumerate(t.id, ObjectType::Partition).at(0).as<PartitionInfo>().partition_state,
            PartitionState::Decommissioned);
  EXPECT_THROW(session.allocate_media(backup.id), MediaUnavailableError);
}

TEST_F(MediaTest, SwapExchangesTheSidesBehindLogicalMedia) {
  const auto backup = pool("Backup");
  tape("A00001");
  tape("B00001");
  const auto first = session.allocate_media(backup.id);
  const auto second = session.allocate_media(backup.id);
  const auto a = first.as<LogicalMediaInfo>().physical_media;
  const auto b = second.as<LogicalMediaInfo>().physical_media;
  session.swap_media(first.id, second.id);
  EXPECT_EQ(session.object(first.id).as<LogicalMediaInfo>().physical_media, b);
  EXPECT_EQ(session.object(second.id).as<LogicalMediaInfo>().physical_media, a);
  EXPECT_THROW(session.swap_media(first.id, first.id), InvalidParameterError);
}

TEST_F(MediaTest, AllocationWaitsForMediaWithinItsTimeout) {
  const auto backup = pool("Backup");
  AllocateOptions wait;
  wait.timeout = 20s;
  auto allocation = std::async(std::launch::async, [&] { return session.allocate_media(backup.id, wait); });
  EXPECT_EQ(allocation.wait_for(100ms), std::future_status::timeout);
  const auto t = tape("LATE01");
  EXPECT_EQ(allocation.get().as<LogicalMediaInfo>().physical_media, t.id);

  AllocateOptions brief;
  brief.timeout = 50ms;
  const auto start = std::chrono::steady_clock::now();
  EXPECT_THROW(session.allocate_media(backup.id, brief), MediaUnavailableError);
  EXPECT_GE(std::chrono::steady_clock::now() - start, 50ms);
}

}  // namespace
}  // namespace openrsm
