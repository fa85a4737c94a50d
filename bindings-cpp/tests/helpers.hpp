// Test helpers: a session on a fresh home directory that is removed afterwards.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <string>
#include <system_error>

#include "openrsm/openrsm.hpp"

namespace openrsm::testing {

/// A temporary directory, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "openrsm-cpp-XXXXXX").string();
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "mkdtemp");
    }
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

/// Options for a session on `home`.
inline SessionOptions options_for(const TempDir& home, const char* application = "cpp-tests") {
  SessionOptions options;
  options.application = application;
  options.home = home.path().string();
  return options;
}

/// A fixture with a session on a fresh home.
class SessionTest : public ::testing::Test {
 protected:
  TempDir home;
  Session session{options_for(home)};
};

}  // namespace openrsm::testing
