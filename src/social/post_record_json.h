// A post as eDiscovery reads it: what it says, where, when, every earlier
// version and its attachments (with the key of their files), as one JSON
// object. Written when a held post is deleted (kept in the store) and for
// each post of an export, so both read alike (docs/COMPLIANCE.md).
#pragma once

#include <string>
#include <vector>

#include "base/json_writer.h"
#include "store/social_records.h"

namespace atrium {

// Writes `post` with `edits` (its earlier versions, oldest first) as one
// JSON object to `w`. Attachments carry "file": their file key.
void WritePostRecord(JsonWriter& w, const StatusRecord& post,
                     const std::vector<StatusEditRecord>& edits);

}  // namespace atrium
