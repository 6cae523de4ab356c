// The PreviewCard entity, as Mastodon documents it
// (docs.joinmastodon.org/entities/PreviewCard): one place for how a link's
// card looks on the wire, in a post and from GET /api/v1/statuses/:id/card.
#pragma once

#include <string>

#include "base/json_writer.h"
#include "store/social_records.h"

namespace atrium::api {

// The URL a card's picture is served at (members only).
std::string CardPictureUrl(const std::string& base_url, const LinkCardRecord& card);

void WriteCard(JsonWriter& w, const LinkCardRecord& card, const std::string& base_url);
// The card's members, into an open object (a trending link adds its history).
void WriteCardFields(JsonWriter& w, const LinkCardRecord& card, const std::string& base_url);

}  // namespace atrium::api
