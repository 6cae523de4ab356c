#include "social/marker_service.h"

#include "base/clock.h"

namespace atrium {

Result<std::vector<MarkerRecord>> MarkerService::Get(int64_t account_id,
                                                     const std::vector<std::string>& timelines) {
  return store_.markers().Get(account_id, timelines);
}

Result<MarkerRecord> MarkerService::Set(int64_t account_id, const std::string& timeline,
                                        int64_t last_read_id) {
  return store_.markers().Set(account_id, timeline, last_read_id, NowMillis());
}

}  // namespace atrium
