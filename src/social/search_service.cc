#include "social/search_service.h"

#include <algorithm>
#include <boost/url/parse.hpp>
#include <regex>

#include "base/id.h"
#include "base/status_text.h"
#include "base/text.h"

namespace atrium {
namespace {

bool Wants(const SearchQuery& q, SearchKind kind) {
  return q.kinds.empty() || std::find(q.kinds.begin(), q.kinds.end(), kind) != q.kinds.end();
}

}  // namespace

int64_t SearchService::PostIdFromAddress(const std::string& address,
                                         const std::string& request_host) const {
  auto url = boost::urls::parse_absolute_uri(address);
  if (!url) return 0;
  const std::string base_url = core_.settings.BaseUrl();  // outlives the view of it
  auto base = boost::urls::parse_absolute_uri(base_url);
  const std::string host(url->encoded_host_and_port());
  const bool ours =
      (base && host == std::string(base->encoded_host_and_port())) || host == request_host;
  if (!ours) return 0;
  static const std::regex path(
      R"(^/(?:@[^/]+/(?:(?:blog|questions)/)?|statuses/|web/statuses/)([0-9]{1,19})(?:-[^/]*)?/?$)");
  std::smatch m;
  const std::string p(url->encoded_path());
  if (!std::regex_match(p, m, path)) return 0;
  return ParseId(m[1].str()).value_or(0);
}

Result<std::vector<int64_t>> SearchService::Accounts(const Viewer& viewer, std::string q, int limit,
                                                     int offset, bool following) {
  while (!q.empty() && (q[0] == '@' || q[0] == ' ')) q.erase(0, 1);
  if (auto at = q.find('@'); at != std::string::npos) q.erase(at);  // user@this-server
  if (q.empty()) return std::vector<int64_t>{};
  auto found = core_.store.accounts().Search(q, limit, offset);
  if (!found.ok()) return found.status();
  std::vector<int64_t> ids;
  for (const auto& a : *found) {
    if (!VisibilityPolicy::CanSeeAccount(viewer, a.id)) continue;
    if (following && !viewer.graph->Follows(a.id)) continue;
    ids.push_back(a.id);
  }
  return ids;
}

Result<std::vector<std::string>> SearchService::Hashtags(const std::string& text, int limit,
                                                         int offset) {
  std::string name = NormalizeHashtag(!text.empty() && text[0] == '#' ? text.substr(1) : text);
  if (name.empty() || name.find(' ') != std::string::npos) return std::vector<std::string>{};
  return core_.store.statuses().SearchTags(name, limit, offset);
}

Result<SearchResult> SearchService::Search(const Viewer& viewer, const SearchQuery& q) {
  SearchResult out;
  if (q.text.empty()) return out;
  const bool address = q.text.find("://") != std::string::npos;
  if (Wants(q, SearchKind::kAccounts) && !address) {
    auto ids = Accounts(viewer, q.text, q.limit, q.offset, q.following);
    if (!ids.ok()) return ids.status();
    out.account_ids = std::move(ids).value();
  }
  if (Wants(q, SearchKind::kHashtags) && !address) {
    auto tags = Hashtags(q.text, q.limit, q.offset);
    if (!tags.ok()) return tags.status();
    out.hashtags = std::move(tags).value();
  }
  if (Wants(q, SearchKind::kStatuses) && address && q.offset == 0) {
    if (int64_t id = PostIdFromAddress(q.text, q.request_host); id != 0) {
      auto post = core_.Visible(viewer, id);
      if (post.ok())
        out.statuses.push_back(std::move(post).value());
      else if (post.status().code() != Code::kNotFound)
        return post.status();
    }
  }
  return out;
}

}  // namespace atrium
