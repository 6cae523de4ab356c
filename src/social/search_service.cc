#include "social/search_service.h"

#include <spdlog/spdlog.h>

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

constexpr int kReindexBatch = 500;
// Pages of the post index merged per transaction after a reindex (4 KB each).
constexpr int kMergePages = 2000;

}  // namespace

Result<PostResults> SearchService::Posts(const Viewer& viewer, const PostQuery& q) {
  auto parsed = ParseSearch(q.text);
  if (!parsed.ok()) return parsed.status();
  if (parsed->PositiveTerms() == 0 && !parsed->HasOperators())
    return Status::Unprocessable("Invalid search", "a search needs a word to find");
  if (parsed->PositiveTerms() == 0 && !parsed->terms.empty())
    return Status::Unprocessable("Invalid search", "a search needs a word to find beside '-'");
  PostSearch search;
  search.terms = parsed->terms;
  search.scope = VisibilityPolicy::SearchScopeOf(viewer);
  search.from_username = parsed->from;
  search.has_link = parsed->has_link;
  search.has_media = parsed->has_media;
  search.has_poll = parsed->has_poll;
  search.is_reply = parsed->is_reply;
  search.unanswered = parsed->is_unanswered;
  search.in_library = parsed->in_library;
  search.created_before = parsed->created_before;
  search.created_from = parsed->created_from;
  if (!parsed->kind.empty()) search.kind = static_cast<int>(*ParseStatusKind(parsed->kind));
  search.community_handle = parsed->community;
  search.tags = parsed->tags;
  search.account_id = q.account_id;
  search.recent = q.recent;
  search.max_id = q.max_id;
  search.min_id = q.min_id;
  search.limit = q.limit;
  search.offset = q.offset;
  search.count = q.count;
  auto page = core_.store.search().SearchPosts(search);
  if (!page.ok()) return page.status();
  // The guard: the policy's own check of every post found.
  auto visible = core_.VisibleMany(viewer, page->ids, /*for_streams=*/false);
  if (!visible.ok()) return visible.status();
  if (visible->size() != page->ids.size()) {
    guard_drops_ += static_cast<int64_t>(page->ids.size() - visible->size());
    spdlog::warn("search: the policy refused {} of {} posts the scoped query found",
                 page->ids.size() - visible->size(), page->ids.size());
  }
  PostResults out;
  out.hits.reserve(visible->size());
  for (auto& post : *visible) {
    PostHit hit;
    if (!post.status->title.empty())
      hit.title_highlight = HighlightSearch(post.status->title, parsed->terms, 400);
    std::string body = post.status->spoiler_text;
    if (!body.empty()) body += "\n";
    body += post.status->text;
    hit.highlight = HighlightSearch(body, parsed->terms);
    hit.post = std::move(post);
    out.hits.push_back(std::move(hit));
  }
  if (q.count) {
    out.total = page->total;
    out.capped = page->capped;
    for (const SearchFacet& f : page->kinds)
      out.kinds.emplace_back(StatusKindName(static_cast<StatusKind>(f.key)), f.count);
    out.communities = page->communities;
    out.authors = page->authors;
  }
  return out;
}

Status SearchService::Reindex(
    SearchStore& index, const std::function<bool(std::string_view, int64_t, int64_t)>& progress) {
  static constexpr std::pair<SearchPart, std::string_view> kParts[] = {
      {SearchPart::kPosts, "posts"},
      {SearchPart::kPeople, "people"},
      {SearchPart::kCommunities, "communities"},
      {SearchPart::kTags, "hashtags"}};
  for (const auto& [part, name] : kParts) {
    auto total = index.CountPart(part);
    if (!total.ok()) return total.status();
    int64_t done = 0, after = 0;
    for (;;) {
      auto last = index.ReindexPart(part, after, kReindexBatch);
      if (!last.ok()) return last.status();
      if (*last == 0) break;
      after = *last;
      done += kReindexBatch;
      if (progress && !progress(name, std::min(done, *total), *total))
        return Status::Unavailable("Reindex stopped", "the reindex was stopped before its end");
    }
  }
  // The post index merged into one piece (SearchStore::MergePostIndex), a
  // transaction at a time, so that posting afterwards pays for no merge.
  for (int64_t merged = 0;;) {
    auto more = index.MergePostIndex(kMergePages);
    if (!more.ok()) return more.status();
    if (!*more) break;
    merged += kMergePages;
    if (progress && !progress("pages of the post index merged", merged, 0))
      return Status::Unavailable("Reindex stopped", "the reindex was stopped before its end");
  }
  return index.SetIndexVersion(kSearchIndexVersion);
}

Result<bool> SearchService::IndexCurrent(SearchStore& index) {
  auto version = index.IndexVersion();
  if (!version.ok()) return version.status();
  return *version >= kSearchIndexVersion;
}

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

namespace {

// Each word of `text` as a term found by its start.
std::vector<SearchTerm> WordPrefixes(const std::string& text) {
  std::vector<SearchTerm> out;
  for (const SearchToken& t : SearchTokens(text))
    out.push_back({.text = text.substr(t.begin, t.end - t.begin), .prefix = true});
  if (out.size() > kMaxSearchTerms) out.resize(kMaxSearchTerms);
  return out;
}

// The expertise tags that `text` names: each word, and the words joined (as
// "machine_learning" and "machinelearning"), normalized as hashtags.
std::vector<std::string> TagsNamedBy(const std::string& text) {
  std::vector<std::string> words, out;
  for (const SearchToken& t : SearchTokens(text))
    words.push_back(NormalizeHashtag(text.substr(t.begin, t.end - t.begin)));
  out = words;
  if (words.size() > 1) {
    std::string under, joined;
    for (const std::string& w : words) {
      under += (under.empty() ? "" : "_") + w;
      joined += w;
    }
    out.push_back(under);
    out.push_back(joined);
  }
  if (out.size() > kMaxSearchTerms) out.resize(kMaxSearchTerms);
  return out;
}

}  // namespace

Result<std::vector<int64_t>> SearchService::Accounts(const Viewer& viewer, std::string q, int limit,
                                                     int offset, bool following) {
  while (!q.empty() && (q[0] == '@' || q[0] == ' ')) q.erase(0, 1);
  if (auto at = q.find('@'); at != std::string::npos) q.erase(at);  // user@this-server
  PeopleSearch search;
  search.terms = WordPrefixes(q);
  if (search.terms.empty()) return std::vector<int64_t>{};
  search.scope = VisibilityPolicy::SearchScopeOf(viewer);
  search.following = following;
  search.exact_username = q;
  search.limit = limit;
  search.offset = offset;
  auto found = core_.store.search().SearchPeople(search);
  if (!found.ok()) return found.status();
  return VisibilityPolicy::VisibleAccounts(viewer, *found);
}

Result<std::vector<int64_t>> SearchService::People(const Viewer& viewer, const DirectoryQuery& q) {
  PeopleSearch search;
  search.terms = WordPrefixes(q.text);
  if (search.terms.empty()) return std::vector<int64_t>{};
  search.scope = VisibilityPolicy::SearchScopeOf(viewer);
  search.experts = q.experts;
  if (q.experts) {
    // Who knows it: whole words in the expertise, not their starts.
    for (SearchTerm& t : search.terms) t.prefix = false;
    search.endorsed_tags = TagsNamedBy(q.text);
  }
  search.limit = q.limit;
  search.offset = q.offset;
  auto found = core_.store.search().SearchPeople(search);
  if (!found.ok()) return found.status();
  return VisibilityPolicy::VisibleAccounts(viewer, *found);
}

Result<std::vector<int64_t>> SearchService::Communities(const Viewer& viewer,
                                                        const DirectoryQuery& q) {
  CommunitySearch search;
  search.terms = WordPrefixes(q.text);
  if (search.terms.empty()) return std::vector<int64_t>{};
  search.scope = VisibilityPolicy::SearchScopeOf(viewer);
  search.limit = q.limit;
  search.offset = q.offset;
  return core_.store.search().SearchCommunities(search);
}

Result<NamePage> SearchService::Typeahead(const Viewer& viewer, const std::string& text,
                                          int limit) {
  NameSearch search;
  search.text = text;
  while (!search.text.empty() && (search.text[0] == '@' || search.text[0] == '#'))
    search.text.erase(0, 1);
  search.scope = VisibilityPolicy::SearchScopeOf(viewer);
  search.limit = limit;
  auto found = core_.store.search().SearchNames(search);
  if (!found.ok()) return found.status();
  found->people = VisibilityPolicy::VisibleAccounts(viewer, found->people);
  return found;
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
  if (Wants(q, SearchKind::kStatuses) && !address) {
    PostQuery pq;
    pq.text = q.text;
    pq.limit = q.limit;
    pq.offset = q.offset;
    pq.max_id = q.max_id;
    pq.min_id = q.min_id;
    pq.account_id = q.account_id;
    auto posts = Posts(viewer, pq);
    if (!posts.ok()) return posts.status();
    for (auto& hit : posts->hits) out.statuses.push_back(std::move(hit.post));
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
