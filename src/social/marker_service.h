// MarkerService: where a member stopped reading their home stream and their
// notifications (Mastodon's markers), so another app or device resumes
// there. Each Set bumps the marker's version. Thread-safe.
#pragma once

#include <string>
#include <vector>

#include "store/store.h"

namespace atrium {

class MarkerService {
 public:
  explicit MarkerService(Store& store) : store_(store) {}
  MarkerService(const MarkerService&) = delete;
  MarkerService& operator=(const MarkerService&) = delete;

  // The member's markers of `timelines` ("home", "notifications") that exist.
  Result<std::vector<MarkerRecord>> Get(int64_t account_id,
                                        const std::vector<std::string>& timelines);
  // Sets the member's marker of `timeline` to `last_read_id`; the new marker.
  Result<MarkerRecord> Set(int64_t account_id, const std::string& timeline, int64_t last_read_id);

 private:
  Store& store_;
};

}  // namespace atrium
