// The MediaAttachment entity, as Mastodon documents it
// (docs.joinmastodon.org/entities/MediaAttachment): one place for how an
// attachment looks on the wire, in a post and from the media endpoints.
#pragma once

#include <string>

#include "base/json_writer.h"
#include "store/media_records.h"

namespace atrium::api {

// The URL of `variant` ("original" or "small") of `media`'s file.
std::string MediaUrl(const std::string& base_url, const MediaRecord& media,
                     std::string_view variant);

void WriteMediaAttachment(JsonWriter& w, const MediaRecord& media, const std::string& base_url);
std::string MediaAttachmentJson(const MediaRecord& media, const std::string& base_url);

}  // namespace atrium::api
