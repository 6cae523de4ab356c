// The Tag entity (docs.joinmastodon.org/entities/Tag) with its history, and
// the history of a trending link: one place for how they look on the wire.
#pragma once

#include <string>
#include <vector>

#include "base/json_writer.h"
#include "social/tag_service.h"
#include "social/trends_service.h"

namespace atrium::api {

// [{day, uses, accounts}], strings as Mastodon sends them, today first.
void WriteHistory(JsonWriter& w, const std::vector<DayCount>& history);
// A Tag; with `mine`, also `following` and `featuring` for the reader.
void WriteTag(JsonWriter& w, const std::string& base_url, const std::string& name,
              const std::vector<DayCount>& history, const TagView* mine = nullptr);
// A FeaturedTag of the member `username`.
void WriteFeaturedTag(JsonWriter& w, const std::string& base_url, const std::string& username,
                      const FeaturedTagRecord& f);

}  // namespace atrium::api
