#include "social/mail_digest.h"

#include <algorithm>
#include <charconv>
#include <unordered_set>

namespace atrium {
namespace {

// The home stream is read in pages of this size, at most this many.
constexpr int kPageSize = 40;
constexpr int kMaxPages = 10;
// How far up the management chain counts as close.
constexpr int kChainDepth = 10;
// Questions are looked for under this many expertise tags (the most
// endorsed first), new members in this many communities.
constexpr size_t kExpertiseTags = 5;
constexpr size_t kCommunities = 50;
constexpr int kMembersPerCommunity = 20;
// The member's own posts read for the reach, at most.
constexpr int kReachPages = 5;

// Numbers separated by `sep`; a part that is not one is left out.
std::vector<int64_t> Numbers(std::string_view text, char sep) {
  std::vector<int64_t> out;
  while (!text.empty()) {
    size_t at = text.find(sep);
    std::string_view part = text.substr(0, at);
    int64_t n = 0;
    auto [end, ec] = std::from_chars(part.data(), part.data() + part.size(), n);
    if (ec == std::errc() && end == part.data() + part.size()) out.push_back(n);
    if (at == std::string_view::npos) break;
    text.remove_prefix(at + 1);
  }
  return out;
}

std::string Joined(const std::vector<int64_t>& numbers, char sep) {
  std::string out;
  for (int64_t n : numbers) {
    if (!out.empty()) out += sep;
    out += std::to_string(n);
  }
  return out;
}

}  // namespace

// "posts;n=notifications;q=questions;m=community.account,…;r=posts.likes.replies.reposts"
std::string EncodeDigest(const DigestContent& c) {
  std::string out = Joined(c.posts, ',');
  if (!c.notifications.empty()) out += ";n=" + Joined(c.notifications, ',');
  if (!c.questions.empty()) out += ";q=" + Joined(c.questions, ',');
  if (!c.members.empty()) {
    out += ";m=";
    for (size_t i = 0; i < c.members.size(); ++i) {
      if (i) out += ',';
      out += std::to_string(c.members[i].first) + '.' + std::to_string(c.members[i].second);
    }
  }
  if (c.reach.posts > 0)
    out +=
        ";r=" + Joined({c.reach.posts, c.reach.favourites, c.reach.replies, c.reach.reblogs}, '.');
  return out;
}

DigestContent DecodeDigest(std::string_view payload) {
  DigestContent c;
  size_t at = payload.find(';');
  c.posts = Numbers(payload.substr(0, at), ',');
  while (at != std::string_view::npos) {
    payload.remove_prefix(at + 1);
    at = payload.find(';');
    std::string_view part = payload.substr(0, at);
    if (part.size() < 2 || part[1] != '=') continue;
    std::string_view value = part.substr(2);
    switch (part[0]) {
      case 'n':
        c.notifications = Numbers(value, ',');
        break;
      case 'q':
        c.questions = Numbers(value, ',');
        break;
      case 'm':
        while (!value.empty()) {
          size_t comma = value.find(',');
          auto pair = Numbers(value.substr(0, comma), '.');
          if (pair.size() == 2) c.members.emplace_back(pair[0], pair[1]);
          if (comma == std::string_view::npos) break;
          value.remove_prefix(comma + 1);
        }
        break;
      case 'r': {
        auto n = Numbers(value, '.');
        if (n.size() == 4) c.reach = {n[0], n[1], n[2], n[3]};
        break;
      }
      default:
        break;
    }
  }
  return c;
}

namespace {}  // namespace

Result<std::vector<VisiblePost>> MailDigest::Posts(const Viewer& viewer, int64_t since,
                                                   int64_t until, int cap) {
  std::vector<VisiblePost> candidates;
  std::unordered_set<int64_t> taken;
  PageRequest page{0, 0, 0, kPageSize};
  page.max_id = IdGenerator::LowestAt(until);
  for (int round = 0; round < kMaxPages; ++round) {
    auto got = timelines_.Home(viewer, page);
    if (!got.ok()) return got.status();
    bool older = false;
    for (const VisiblePost& p : got->posts) {
      if (p.status->id < IdGenerator::LowestAt(since)) older = true;
      // A repost brings nothing new; the original counts when it is shown itself.
      if (p.original || p.status->reblog_of_id != 0) continue;
      const StatusRecord& s = *p.status;
      if (s.in_reply_to_id != 0 || s.account_id == viewer.account_id) continue;
      if (s.created_at < since || s.created_at >= until) continue;
      if (taken.insert(s.id).second) candidates.push_back(p);
    }
    if (older || got->posts.empty() || got->last_cursor == 0) break;
    page.max_id = got->last_cursor;
  }
  if (candidates.empty()) return candidates;

  // Closeness: the management chain and the connections.
  std::unordered_set<int64_t> chain, connections;
  auto me = core_.accounts.Get(viewer.account_id);
  int64_t manager = me.ok() ? (*me)->account.manager_id : 0;
  for (int i = 0; i < kChainDepth && manager != 0 && chain.insert(manager).second; ++i) {
    auto m = core_.accounts.Get(manager);
    manager = m.ok() ? (*m)->account.manager_id : 0;
  }
  auto connected = core_.store.relationships().Connections(viewer.account_id, {0, 0, 0, 500});
  if (connected.ok())
    for (const PageEntry& e : *connected) connections.insert(e.id);

  const double period = std::max<int64_t>(until - since, 1);
  auto score = [&](const StatusRecord& s) {
    double points = static_cast<double>(s.favourites_count + s.reblogs_count + s.quotes_count +
                                        2 * s.replies_count);
    if (chain.count(s.account_id)) points += 4;
    if (connections.count(s.account_id)) points += 3;
    if (s.community_id != 0 && viewer.graph->MemberOf(s.community_id)) points += 1;
    points += 2.0 * static_cast<double>(s.created_at - since) / period;
    return points;
  };
  std::vector<std::pair<double, size_t>> ranked;
  for (size_t i = 0; i < candidates.size(); ++i)
    ranked.emplace_back(score(*candidates[i].status), i);
  std::stable_sort(ranked.begin(), ranked.end(),
                   [](const auto& a, const auto& b) { return a.first > b.first; });
  std::vector<VisiblePost> out;
  for (const auto& [points, i] : ranked) {
    if (static_cast<int>(out.size()) >= cap) break;
    out.push_back(candidates[i]);
  }
  return out;
}

Result<std::vector<VisiblePost>> MailDigest::Questions(const Viewer& viewer, int64_t since,
                                                       int64_t until,
                                                       const std::vector<int64_t>& taken, int cap) {
  std::vector<VisiblePost> out;
  if (cap <= 0) return out;
  auto expertise = core_.store.directory().Expertise(viewer.account_id);
  if (!expertise.ok()) return expertise.status();
  std::vector<ExpertiseRecord> tags = *expertise;
  std::stable_sort(tags.begin(), tags.end(),
                   [](const auto& a, const auto& b) { return a.endorsements > b.endorsements; });
  if (tags.size() > kExpertiseTags) tags.resize(kExpertiseTags);
  std::unordered_set<int64_t> seen(taken.begin(), taken.end());
  for (const ExpertiseRecord& tag : tags) {
    PostQuery query;
    query.text = "kind:question is:unanswered tag:" + tag.tag;
    query.recent = true;
    query.min_id = IdGenerator::LowestAt(since) - 1;
    query.max_id = IdGenerator::LowestAt(until);
    query.limit = cap + static_cast<int>(taken.size()) + 1;
    auto found = search_.Posts(viewer, query);
    if (!found.ok()) return found.status();
    for (const PostHit& hit : found->hits) {
      const StatusRecord& s = *hit.post.status;
      if (s.account_id == viewer.account_id || s.created_at < since || s.created_at >= until)
        continue;
      if (seen.insert(s.id).second) out.push_back(hit.post);
    }
  }
  std::stable_sort(out.begin(), out.end(),
                   [](const auto& a, const auto& b) { return a.status->id > b.status->id; });
  if (out.size() > static_cast<size_t>(cap)) out.resize(cap);
  return out;
}

Result<std::vector<std::pair<int64_t, int64_t>>> MailDigest::NewMembers(const Viewer& viewer,
                                                                        int64_t since,
                                                                        int64_t until, int cap) {
  std::vector<CommunityMemberRecord> joined;
  auto mine = core_.store.communities().MembershipsOf(viewer.account_id);
  if (!mine.ok()) return mine.status();
  size_t communities = 0;
  for (const CommunityMemberRecord& m : *mine) {
    if (m.state != MembershipState::kMember) continue;
    if (++communities > kCommunities) break;
    auto members = core_.store.communities().Members(m.community_id, MembershipState::kMember, "",
                                                     {0, 0, 0, kMembersPerCommunity});
    if (!members.ok()) return members.status();
    for (const CommunityMemberRecord& r : *members)
      if (r.account_id != viewer.account_id && r.created_at >= since && r.created_at < until)
        joined.push_back(r);
  }
  std::stable_sort(joined.begin(), joined.end(),
                   [](const auto& a, const auto& b) { return a.created_at > b.created_at; });
  std::vector<std::pair<int64_t, int64_t>> out;
  for (const CommunityMemberRecord& r : joined) {
    if (static_cast<int>(out.size()) >= cap) break;
    out.emplace_back(r.community_id, r.account_id);
  }
  return out;
}

Result<DigestReach> MailDigest::Reach(const Viewer& viewer, int64_t since, int64_t until) {
  DigestReach reach;
  StatusStore::AuthorFilter filter;
  filter.exclude_replies = true;
  filter.exclude_reblogs = true;
  PageRequest page{IdGenerator::LowestAt(until), 0, 0, kPageSize};
  for (int round = 0; round < kReachPages; ++round) {
    auto got = timelines_.Account(viewer, viewer.account_id, filter, page);
    if (!got.ok()) return got.status();
    bool older = false;
    for (const VisiblePost& p : got->posts) {
      const StatusRecord& s = *p.status;
      if (s.created_at < since) older = true;
      if (p.original || s.reblog_of_id != 0 || s.in_reply_to_id != 0) continue;
      if (s.account_id != viewer.account_id || s.created_at < since || s.created_at >= until)
        continue;
      ++reach.posts;
      reach.favourites += s.favourites_count;
      reach.replies += s.replies_count;
      reach.reblogs += s.reblogs_count;
    }
    if (older || got->posts.empty() || got->last_cursor == 0) break;
    page.max_id = got->last_cursor;
  }
  return reach;
}

}  // namespace atrium
