// What the blog and question endpoints share: reading a blog entry's or
// question's fields from a request, and answering with one post or a page
// of them (as Status entities, with the "atrium" extension).
#pragma once

#include "api/api_helpers.h"
#include "store/social_records.h"

namespace atrium::api {

// POST: title, body, tags[], visibility, community_id, spoiler_text,
// sensitive, language. Answers with the new post (or a 4xx).
http::Response CreateKindedPost(ApiContext& ctx, http::Request& req, const Principal& p,
                                StatusKind kind);
// PUT /:id: title, body, tags[] (each absent: unchanged), spoiler_text,
// sensitive, language.
http::Response EditKindedPost(ApiContext& ctx, http::Request& req, const Principal& p,
                              StatusKind kind);
// GET /:id: the post if it is of `kind` and the viewer may see it; else 404.
http::Response ShowKindedPost(ApiContext& ctx, http::Request& req, const Principal& p,
                              StatusKind kind);
// GET: a page of posts of `kind` (filters account_id, community_id, tag, and
// with `question_filters` state, unanswered and expertise; without, those
// three are refused), with Link headers.
http::Response ListKindedPosts(ApiContext& ctx, http::Request& req, const Principal& p,
                               StatusKind kind, bool question_filters);
// The post `id` of `kind` as the viewer sees it, or 404.
http::Response RenderKindedPost(ApiContext& ctx, const Viewer& viewer, int64_t id, StatusKind kind);

}  // namespace atrium::api
