// For tests: a fresh, migrated embedded store in a temporary folder that is
// removed when the TestStore goes away.
#pragma once

#include <stdlib.h>

#include <filesystem>
#include <memory>
#include <stdexcept>
#include <string>

#include "base/settings.h"
#include "store/store.h"

namespace atrium {

class TestStore {
 public:
  TestStore() {
    char tmpl[] = "/tmp/atrium-test-XXXXXX";
    if (!mkdtemp(tmpl)) throw std::runtime_error("mkdtemp failed");
    dir_ = tmpl;
    settings_.data_dir = dir_;
    auto s = OpenStore(settings_);
    if (!s.ok()) throw std::runtime_error(s.status().ToString());
    store_ = std::move(s).value();
    if (Status m = store_->Migrate(); !m.ok()) throw std::runtime_error(m.ToString());
  }
  ~TestStore() {
    store_.reset();
    std::error_code ec;
    std::filesystem::remove_all(dir_, ec);
  }
  TestStore(const TestStore&) = delete;
  TestStore& operator=(const TestStore&) = delete;

  Store& store() { return *store_; }
  Settings& settings() { return settings_; }
  const std::string& dir() const { return dir_; }
  // Closes and reopens the store (without migrating).
  void Reopen() {
    store_.reset();
    auto s = OpenStore(settings_);
    if (!s.ok()) throw std::runtime_error(s.status().ToString());
    store_ = std::move(s).value();
  }

 private:
  std::string dir_;
  Settings settings_;
  std::unique_ptr<Store> store_;
};

}  // namespace atrium
