// Errors: the kinds match the core, each is thrown as its own class with its code, and a panic in
// the core arrives as an InternalError instead of aborting the process.

#include <gtest/gtest.h>

#include <string>
#include <utility>
#include <vector>

#include "bridge.hpp"
#include "helpers.hpp"
#include "openrsm/openrsm.hpp"

namespace openrsm {
namespace {

void fail_in_core(ErrorKind kind, std::string_view message) {
  detail::call([&] { ffi::testing_fail(value(kind), detail::str(message)); });
}

TEST(Errors, KindsMatchTheCoreThenInternal) {
  std::vector<std::pair<std::uint32_t, std::string>> core;
  for (const auto& e : detail::call([] { return ffi::error_kinds(); })) {
    core.emplace_back(e.value, detail::to_string(e.name));
  }
  std::vector<std::pair<std::uint32_t, std::string>> cpp;
  for (auto kind : values<ErrorKind>()) {
    cpp.emplace_back(value(kind), std::string(name(kind)));
  }
  ASSERT_EQ(cpp.size(), core.size() + 1);
  EXPECT_EQ(std::vector(cpp.begin(), cpp.end() - 1), core);
  EXPECT_EQ(cpp.back(), std::make_pair(1359u, std::string("INTERNAL_ERROR")));
}

template <ErrorKind K>
void expect_thrown_as_own_class() {
  SCOPED_TRACE(std::string(name(K)));
  try {
    fail_in_core(K, "it went wrong");
    ADD_FAILURE() << "nothing thrown";
  } catch (const KindError<K>& e) {
    EXPECT_EQ(e.kind(), K);
    EXPECT_EQ(e.code(), value(K));
    EXPECT_EQ(e.kind_name(), name(K));
    EXPECT_EQ(e.message(), "it went wrong");
    EXPECT_EQ(std::string(e.what()), std::string(name(K)) + " (" + std::to_string(value(K)) + "): it went wrong");
  } catch (const std::exception& e) {
    ADD_FAILURE() << "caught as another class: " << e.what();
  }
}

template <std::size_t... I>
void expect_each_core_kind_thrown_as_own_class(std::index_sequence<I...> /*unused*/) {
  (expect_thrown_as_own_class<EnumTraits<ErrorKind>::entries[I].value>(), ...);
}

TEST(Errors, EachKindIsThrownAsItsOwnClassWithItsCode) {
  // Every kind but the last (Internal, which the core never reports).
  expect_each_core_kind_thrown_as_own_class(std::make_index_sequence<EnumTraits<ErrorKind>::entries.size() - 1>{});
}

TEST(Errors, AllDeriveFromErrorAndRuntimeError) {
  EXPECT_THROW(fail_in_core(ErrorKind::NotEmpty, "x"), Error);
  EXPECT_THROW(fail_in_core(ErrorKind::NotEmpty, "x"), std::runtime_error);
  EXPECT_THROW(fail_in_core(ErrorKind::NotEmpty, "x"), NotEmptyError);
  static_assert(std::is_base_of_v<Error, ObjectNotFoundError>);
  static_assert(std::is_nothrow_copy_constructible_v<Error>);
}

TEST(Errors, APanicInTheCoreBecomesAnInternalError) {
  try {
    detail::call([] { ffi::testing_panic("the robot arm is on fire"); });
    FAIL() << "nothing thrown";
  } catch (const InternalError& e) {
    EXPECT_EQ(e.code(), 1359u);
    EXPECT_NE(e.message().find("the robot arm is on fire"), std::string_view::npos) << e.what();
  }
  // The process, and the core, go on working.
  testing::TempDir home;
  Session session(testing::options_for(home));
  EXPECT_EQ(session.enumerate(ObjectType::Computer).size(), 1u);
}

TEST(Errors, RealCallsThrowTypedErrors) {
  testing::TempDir home;
  Session session(testing::options_for(home));
  EXPECT_THROW(session.object(ObjectId::generate()), ObjectNotFoundError);
  EXPECT_THROW(session.create_media_pool(""), InvalidParameterError);
  EXPECT_THROW(session.media_pool_by_path("No/Such/Pool"), ObjectNotFoundError);
  try {
    session.delete_media_pool(session.system_pool(PoolKind::Free).id);
    FAIL() << "deleted a system pool";
  } catch (const Error& e) {
    EXPECT_EQ(e.kind(), ErrorKind::InvalidOperation);
    EXPECT_EQ(e.code(), 4317u);
  }
}

TEST(Errors, TextThatIsNotUtf8IsAnInvalidParameter) {
  testing::TempDir home;
  Session session(testing::options_for(home));
  EXPECT_THROW(session.ensure_media_type("LTO\xff"), InvalidParameterError);
  EXPECT_THROW(ObjectId::parse("\xc3"), InvalidParameterError);
  SessionOptions bad_home = testing::options_for(home);
  bad_home.home = home.path().string() + "/\xff";
  EXPECT_THROW(Session{bad_home}, InvalidParameterError);
}

TEST(Errors, ThrowErrorThrowsTheKindsClass) {
  EXPECT_THROW(throw_error(ErrorKind::Timeout, "late"), TimeoutError);
  EXPECT_THROW(throw_error(static_cast<ErrorKind>(77), "odd"), InternalError);
}

}  // namespace
}  // namespace openrsm
