#include "api/pagination.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "base/id.h"
#include "base/text.h"

namespace atrium::api {

Result<PageRequest> ParsePage(const http::Params& params, int default_limit, int max_limit) {
  PageRequest page;
  page.limit = default_limit;
  struct Field {
    const char* name;
    int64_t* out;
  } fields[] = {{"max_id", &page.max_id}, {"since_id", &page.since_id}, {"min_id", &page.min_id}};
  for (auto& f : fields) {
    auto v = params.Get(f.name);
    if (!v || v->empty()) continue;
    auto id = ParseId(*v);
    if (!id)
      return Status::BadRequest(fmt::format("Invalid {}", f.name),
                                fmt::format("{} must be an id", f.name));
    *f.out = *id;
  }
  if (auto v = params.Get("limit"); v && !v->empty()) {
    int64_t n = 0;
    auto [p, ec] = std::from_chars(v->data(), v->data() + v->size(), n);
    if (ec != std::errc() || p != v->data() + v->size())
      return Status::BadRequest("Invalid limit", "limit must be a number");
    page.limit = static_cast<int>(std::clamp<int64_t>(n, 1, max_limit));
  }
  return page;
}

PageRequest WithLookahead(PageRequest page) {
  page.limit += 1;
  return page;
}

namespace {

// The request's absolute URL up to its query, and its parameters but
// `dropped`, each followed by '&': the start of a link to another page.
std::string PageLinkBase(const ApiContext& ctx, const http::Request& request,
                         std::initializer_list<std::string_view> dropped) {
  // Keep the request's other parameters, as given.
  std::string kept;
  size_t pos = 0;
  const std::string& q = request.query;
  while (pos < q.size()) {
    size_t amp = q.find('&', pos);
    std::string pair = q.substr(pos, amp == std::string::npos ? std::string::npos : amp - pos);
    std::string name = pair.substr(0, pair.find('='));
    if (!pair.empty() && std::find(dropped.begin(), dropped.end(), name) == dropped.end())
      kept += pair + "&";
    if (amp == std::string::npos) break;
    pos = amp + 1;
  }
  std::string path;
  size_t start = 0;
  while (start <= request.path.size()) {
    size_t slash = request.path.find('/', start);
    std::string segment =
        request.path.substr(start, slash == std::string::npos ? std::string::npos : slash - start);
    path += UrlEncode(segment);
    if (slash == std::string::npos) break;
    path += '/';
    start = slash + 1;
  }
  return ctx.settings.BaseUrl() + path + "?" + kept;
}

}  // namespace

void AddLinkHeader(http::Response& response, const ApiContext& ctx, const http::Request& request,
                   int64_t first_cursor, int64_t last_cursor, bool has_next) {
  if (first_cursor == 0 && last_cursor == 0) return;
  const std::string base = PageLinkBase(ctx, request, {"max_id", "min_id", "since_id"});
  const std::string prev = fmt::format("<{}min_id={}>; rel=\"prev\"", base, first_cursor);
  response.Set("Link", has_next
                           ? fmt::format("<{}max_id={}>; rel=\"next\", {}", base, last_cursor, prev)
                           : prev);
}

void AddOffsetLinkHeader(http::Response& response, const ApiContext& ctx,
                         const http::Request& request, int offset, int limit, bool full) {
  const std::string base = PageLinkBase(ctx, request, {"offset"});
  std::string links;
  if (full) links = fmt::format("<{}offset={}>; rel=\"next\"", base, offset + limit);
  if (offset > limit)
    links += fmt::format("{}<{}offset={}>; rel=\"prev\"", links.empty() ? "" : ", ", base,
                         offset - limit);
  if (!links.empty()) response.Set("Link", links);
}

}  // namespace atrium::api
