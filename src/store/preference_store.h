// PreferenceStore: a member's own settings kept on the account, by name
// (the interface language, the posting defaults). A name without a stored
// value takes its default; the service that owns a name decides its values.
// Every method is one transaction; safe for concurrent use.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>

#include "base/status.h"

namespace atrium {

class Store;

class PreferenceStore {
 public:
  virtual ~PreferenceStore() = default;
  // The member's stored preferences (name -> value); empty if none.
  virtual Result<std::map<std::string, std::string>> Get(int64_t account_id) = 0;
  // Stores every entry of `changes` in one transaction: an empty value
  // removes the name (back to its default), others replace it.
  virtual Status Set(int64_t account_id, const std::map<std::string, std::string>& changes) = 0;
};

// The preference store of `store` (an SQL store: SQLite or PostgreSQL). The
// result refers to `store`, which must outlive it; cheap to make.
std::unique_ptr<PreferenceStore> OpenPreferenceStore(Store& store);

}  // namespace atrium
