// The ScheduledStatus entity (docs.joinmastodon.org/entities/ScheduledStatus)
// and the /api/v1/scheduled_statuses routes.
#pragma once

#include <string>

#include "social/scheduled_post_service.h"

namespace atrium::api {

std::string ScheduledStatusJson(const ScheduledPost& post, const std::string& base_url);

}  // namespace atrium::api
