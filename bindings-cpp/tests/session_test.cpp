// Sessions: RAII open and close, moves, use from several threads, and what a session reports.

#include <gtest/gtest.h>

#include <atomic>
#include <set>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "bridge.hpp"
#include "helpers.hpp"
#include "openrsm/openrsm.hpp"

namespace openrsm {
namespace {

using testing::options_for;
using testing::SessionTest;
using testing::TempDir;

static_assert(!std::is_copy_constructible_v<Session>);
static_assert(!std::is_copy_assignable_v<Session>);

TEST_F(SessionTest, ReportsWhatItWasOpenedWith) {
  EXPECT_EQ(session.application(), "cpp-tests");
  const char* user = std::getenv("USER");
  EXPECT_EQ(session.user(), user ? user : session.user());
  EXPECT_FALSE(session.user().empty());
  EXPECT_EQ(std::filesystem::path(session.home()), home.path());
  EXPECT_FALSE(session.id().is_nil());
  EXPECT_FALSE(session.is_closed());
  EXPECT_EQ(session.enumerate(ObjectType::Computer).size(), 1u);
}

TEST(Session, DestructorClosesAndNotificationsSeeIt) {
  TempDir home;
  std::optional<Notification> events;
  {
    Session session(options_for(home));
    events.emplace(session.open_notification(ObjectType::MediaPool));
  }
  EXPECT_TRUE(events->is_closed());
  EXPECT_THROW(events->wait(std::chrono::milliseconds(10)), InvalidHandleError);
}

TEST_F(SessionTest, ClosedSessionsRefuseCalls) {
  session.close();
  session.close();
  EXPECT_TRUE(session.is_closed());
  EXPECT_THROW(session.enumerate(ObjectType::MediaPool), InvalidHandleError);
  EXPECT_THROW(session.home(), InvalidHandleError);
}

TEST_F(SessionTest, MovedFromSessionsRefuseCalls) {
  Session moved(std::move(session));
  EXPECT_EQ(moved.application(), "cpp-tests");
  EXPECT_TRUE(session.is_closed());  // NOLINT(bugprone-use-after-move): testing exactly that.
  EXPECT_THROW(session.application(), InvalidHandleError);

  TempDir other_home;
  Session other(options_for(other_home, "other"));
  other = std::move(moved);
  EXPECT_EQ(other.application(), "cpp-tests");
}

TEST(Session, ServersAreNotConnected) {
  SessionOptions options;
  options.server = "tapehost";
  EXPECT_THROW(Session{options}, NotConnectedError);
}

TEST_F(SessionTest, SessionsOnOneHomeShareTheDatabase) {
  Session second(options_for(home, "second"));
  session.create_media_pool("Shared");
  EXPECT_EQ(second.media_pool_by_path("Shared").name, "Shared");
}

TEST_F(SessionTest, UsableFromSeveralThreadsAtOnce) {
  const auto lto = session.ensure_media_type("LTO-6");
  constexpr int kThreads = 4;
  constexpr int kPerThread = 10;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      try {
        for (int i = 0; i < kPerThread; ++i) {
          MediaSpec spec;
          spec.media_type = lto.id;
          spec.barcode = "T" + std::to_string(t) + "N" + std::to_string(i);
          session.create_media(spec);
          session.enumerate(ObjectType::PhysicalMedia);
        }
      } catch (...) {
        ++failures;
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  EXPECT_EQ(failures.load(), 0);
  std::set<std::string> barcodes;
  for (const auto& media : session.enumerate(ObjectType::PhysicalMedia)) {
    barcodes.insert(media.as<PhysicalMediaInfo>().barcode.value_or(""));
  }
  EXPECT_EQ(barcodes.size(), static_cast<std::size_t>(kThreads * kPerThread));
}

TEST_F(SessionTest, LastSequenceCountsPublishedEvents) {
  const auto before = session.last_sequence();
  session.create_media_pool("Counted");
  EXPECT_EQ(session.last_sequence(), before + 1);
}

TEST(About, FactsMatchTheCore) {
  const auto facts = detail::call([] { return ffi::core_facts(); });
  EXPECT_EQ(version(), detail::to_string(facts.version));
  EXPECT_EQ(version(), "0.1.0");
  EXPECT_GE(schema_version(), 1u);
  EXPECT_EQ(home_env(), "OPENRSM_HOME");
  EXPECT_EQ(max_name_length, facts.max_name_len);
  EXPECT_EQ(max_description_length, facts.max_description_len);
  EXPECT_EQ(max_barcode_length, facts.max_barcode_len);
  EXPECT_EQ(max_attribute_size, facts.max_attribute_size);
}

TEST(About, DefaultHomeFollowsTheEnvironment) {
  TempDir home;
  const char* old = std::getenv("OPENRSM_HOME");
  const std::string saved = old ? old : "";
  setenv("OPENRSM_HOME", home.path().c_str(), 1);
  EXPECT_EQ(default_home(), home.path().string());
  {
    Session session(SessionOptions{});
    EXPECT_EQ(std::filesystem::path(session.home()), home.path());
  }
  if (old) {
    setenv("OPENRSM_HOME", saved.c_str(), 1);
  } else {
    unsetenv("OPENRSM_HOME");
  }
}

}  // namespace
}  // namespace openrsm
