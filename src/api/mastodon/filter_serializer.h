// The Filter entities (docs.joinmastodon.org/entities/Filter, FilterKeyword,
// FilterStatus, FilterResult, and V1_Filter): how a member's filters look on
// the wire, written in one place for the filters routes and the statuses
// they match.
#pragma once

#include "base/json_writer.h"
#include "social/filter_service.h"

namespace atrium::api {

// A Filter; with `rules`, its keywords and statuses too (as the filters
// routes answer; a FilterResult's filter has none).
void WriteFilter(JsonWriter& w, const FilterRecord& filter, bool rules);
void WriteFilterKeyword(JsonWriter& w, const FilterKeywordRecord& keyword);
void WriteFilterStatus(JsonWriter& w, const FilterStatusRecord& status);
void WriteFilterResult(JsonWriter& w, const FilterMatch& match);
// The v1 filter of one keyword of `filter`.
void WriteV1Filter(JsonWriter& w, const FilterRecord& filter, const FilterKeywordRecord& keyword);

}  // namespace atrium::api
