// The Announcement entity (docs.joinmastodon.org/entities/Announcement), as
// members and administrators see it.
#pragma once

#include "base/json_writer.h"
#include "social/announcement_service.h"

namespace atrium::api {

// With `for_admin`, also the Markdown `text` and whether it is still
// `scheduled` (published_at ahead of `now`).
void WriteAnnouncement(JsonWriter& w, const AnnouncementView& v, bool for_admin = false,
                       int64_t now = 0);

}  // namespace atrium::api
