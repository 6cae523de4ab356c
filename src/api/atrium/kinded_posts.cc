#include "api/atrium/kinded_posts.h"

#include "api/mastodon/renderer.h"
#include "api/pagination.h"
#include "base/status_text.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

// The optional id parameter `name` into *out; 422 if present but not an id.
Status ReadIdParam(const http::Params& params, const char* name, int64_t* out) {
  auto v = params.Get(name);
  if (!v || v->empty()) return Status::Ok();
  auto id = ParseId(*v);
  if (!id)
    return Status::Unprocessable(std::string("Validation failed: ") + name + " is not an id");
  *out = *id;
  return Status::Ok();
}

// spoiler_text, sensitive and language, shared by writing and editing.
template <typename Input>
Status ReadCommon(const http::Params& params, Input& in) {
  in.spoiler_text = params.GetOr("spoiler_text", "");
  in.language = params.GetOr("language", "");
  bool bad = false;
  in.sensitive = params.GetBool("sensitive", &bad).value_or(false);
  if (bad) return Status::Unprocessable("Validation failed: sensitive must be a boolean");
  return Status::Ok();
}

// The question list's filters: `state` (open, unanswered, answered; or
// all), the older `unanswered=true` (the same as state=open), and
// `expertise=true` (only questions tagged with one of the reader's expertise
// tags).
Status ReadQuestionFilters(const http::Params& params, const Principal& p,
                           StatusStore::KindFilter& filter) {
  using AnswerState = StatusStore::AnswerState;
  bool bad = false;
  const bool unanswered = params.GetBool("unanswered", &bad).value_or(false);
  if (bad) return Status::Unprocessable("Validation failed: unanswered must be a boolean");
  if (unanswered) filter.answer = AnswerState::kOpen;
  if (auto state = params.Get("state")) {
    if (params.Has("unanswered"))
      return Status::Unprocessable("Validation failed: give state or unanswered, not both");
    if (*state == "open")
      filter.answer = AnswerState::kOpen;
    else if (*state == "unanswered")
      filter.answer = AnswerState::kUnanswered;
    else if (*state == "answered")
      filter.answer = AnswerState::kAnswered;
    else if (*state != "all")
      return Status::Unprocessable(
          "Validation failed: state must be open, unanswered, answered or all");
  }
  const bool expertise = params.GetBool("expertise", &bad).value_or(false);
  if (bad) return Status::Unprocessable("Validation failed: expertise must be a boolean");
  if (expertise && p.account.id == 0)
    return Status::Unprocessable("Validation failed: expertise needs a member's token");
  if (expertise) filter.expertise_of = p.account.id;
  return Status::Ok();
}

}  // namespace

Response RenderKindedPost(ApiContext& ctx, const Viewer& viewer, int64_t id, StatusKind kind) {
  auto post = ctx.social.Visible(viewer, id);
  if (!post.ok()) return ErrorResponse(post.status());
  if (post->status->kind != kind) return ErrorResponse(Status::NotFound());
  Renderer r(ctx, viewer);
  return JsonOr(r.Status(*post));
}

Response CreateKindedPost(ApiContext& ctx, Request& req, const Principal& p, StatusKind kind) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  PostInput in;
  in.kind = kind;
  in.title = params->GetOr("title", "");
  in.text = params->GetOr("body", "");
  in.tags = params->GetAll("tags");
  in.visibility = params->GetOr("visibility", "");
  if (Status s = ReadCommon(*params, in); !s.ok()) return ErrorResponse(s);
  if (Status s = ReadIdParam(*params, "community_id", &in.community_id); !s.ok())
    return ErrorResponse(s);
  in.idempotency_key = std::string(req.Header("Idempotency-Key")).substr(0, 200);
  auto posted = ctx.posting.Post(p.account, in);
  if (!posted.ok()) return ErrorResponse(posted.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return RenderKindedPost(ctx, *viewer, posted->id, kind);
}

Response EditKindedPost(ApiContext& ctx, Request& req, const Principal& p, StatusKind kind) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto post = ctx.social.Visible(*viewer, *id);
  if (!post.ok()) return ErrorResponse(post.status());
  if (post->status->kind != kind) return ErrorResponse(Status::NotFound());
  EditInput in;
  in.title = params->Get("title");
  in.text = params->Get("body").value_or(post->status->text);
  if (params->Has("tags") || params->Has("tags[]")) in.tags = params->GetAll("tags");
  if (Status s = ReadCommon(*params, in); !s.ok()) return ErrorResponse(s);
  if (!params->Has("spoiler_text")) in.spoiler_text = post->status->spoiler_text;
  auto edited = ctx.posting.Edit(p.account, *id, in);
  if (!edited.ok()) return ErrorResponse(edited.status());
  return RenderKindedPost(ctx, *viewer, edited->id, kind);
}

Response ShowKindedPost(ApiContext& ctx, Request& req, const Principal& p, StatusKind kind) {
  auto id = PathId(req);
  if (!id) return ErrorResponse(Status::NotFound());
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  return RenderKindedPost(ctx, *viewer, *id, kind);
}

Response ListKindedPosts(ApiContext& ctx, Request& req, const Principal& p, StatusKind kind,
                         bool question_filters) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  auto page = ParsePage(*params);
  if (!page.ok()) return ErrorResponse(page.status());
  StatusStore::KindFilter filter;
  filter.kind = kind;
  if (Status s = ReadIdParam(*params, "account_id", &filter.account_id); !s.ok())
    return ErrorResponse(s);
  if (Status s = ReadIdParam(*params, "community_id", &filter.community_id); !s.ok())
    return ErrorResponse(s);
  std::string tag = params->GetOr("tag", "");
  if (!tag.empty() && tag[0] == '#') tag.erase(0, 1);
  if (!tag.empty()) filter.tagged = NormalizeHashtag(tag);
  if (question_filters) {
    if (Status s = ReadQuestionFilters(*params, p, filter); !s.ok()) return ErrorResponse(s);
  } else {
    for (const char* name : {"state", "unanswered", "expertise"})
      if (params->Has(name))
        return ErrorResponse(Status::Unprocessable(std::string("Validation failed: ") + name +
                                                   " applies to questions only"));
  }
  if (filter.account_id != 0) {
    auto author = ctx.accounts.Get(filter.account_id);
    if (!author.ok()) return ErrorResponse(author.status());
  }
  if (filter.community_id != 0)
    if (Status s = ctx.communities.CheckReadable(p.account, filter.community_id); !s.ok())
      return ErrorResponse(s);
  auto viewer = ViewerOf(ctx, p);
  if (!viewer.ok()) return ErrorResponse(viewer.status());
  auto result = ctx.timelines.Kind(*viewer, filter, *page);
  if (!result.ok()) return ErrorResponse(result.status());
  Renderer r(ctx, *viewer);
  r.ApplyFilters(filter.account_id != 0 ? FilterContext::kAccount : FilterContext::kPublic);
  Response res = JsonOr(r.Statuses(result->posts));
  AddLinkHeader(res, ctx, req, result->first_cursor, result->last_cursor);
  return res;
}

}  // namespace atrium::api
