#include "social/audience_service.h"

#include <fmt/format.h>

#include <algorithm>

#include "base/clock.h"

namespace atrium {
namespace {

int Breadth(Visibility v) { return static_cast<int>(v); }  // larger: narrower

bool Contains(const std::vector<int64_t>& sorted, int64_t id) {
  return std::binary_search(sorted.begin(), sorted.end(), id);
}

std::string People(int64_t n) { return GroupThousands(n) + (n == 1 ? " person" : " people"); }

}  // namespace

std::string GroupThousands(int64_t n) {
  std::string digits = std::to_string(n < 0 ? -n : n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return n < 0 ? "-" + out : out;
}

Result<AudienceService::Ids> AudienceService::ActiveIds() {
  const int64_t now = NowMillis();
  {
    std::lock_guard lock(mu_);
    if (active_ && now - active_loaded_at_ < kActiveIdsLifetimeMs) return active_;
  }
  auto ids = core_.store.compose().ActiveAccountIds();
  if (!ids.ok()) return ids.status();
  auto fresh = std::make_shared<const std::vector<int64_t>>(std::move(*ids));
  std::lock_guard lock(mu_);
  active_ = fresh;
  active_loaded_at_ = now;
  return fresh;
}

namespace {

// The ids of `ids` that are in `active` (ascending), ascending.
std::vector<int64_t> ActiveAmong(std::vector<int64_t> ids, const std::vector<int64_t>& active) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::vector<int64_t> out;
  std::set_intersection(ids.begin(), ids.end(), active.begin(), active.end(),
                        std::back_inserter(out));
  return out;
}

}  // namespace

Result<AudienceService::Ids> AudienceService::ActiveMemberIds(int64_t community_id,
                                                              const Ids& active) {
  const int64_t now = NowMillis();
  {
    std::lock_guard lock(mu_);
    auto it = members_.find(community_id);
    if (it != members_.end() && it->second.active == active &&
        now - it->second.loaded_at < kMembersLifetimeMs)
      return it->second.ids;
  }
  auto ids = core_.store.communities().MemberIds(community_id);
  if (!ids.ok()) return ids.status();
  auto fresh = std::make_shared<const std::vector<int64_t>>(ActiveAmong(std::move(*ids), *active));
  std::lock_guard lock(mu_);
  // Few communities are restricted; forget the old ones now and then.
  if (members_.size() > 4096) members_.clear();
  members_[community_id] = {fresh, active, now};
  return fresh;
}

Result<AudienceService::Ids> AudienceService::ActiveFollowerIds(int64_t account_id,
                                                                const Ids& active) {
  auto followers = core_.graph.FollowerIds(account_id);
  if (!followers.ok()) return followers.status();
  const auto& list = *followers;
  if (list->size() < kCachedFollowersFrom)
    return std::make_shared<const std::vector<int64_t>>(ActiveAmong(*list, *active));
  {
    std::lock_guard lock(mu_);
    auto it = followers_.find(account_id);
    if (it != followers_.end() && it->second.followers == list && it->second.active == active)
      return it->second.ids;
  }
  auto fresh = std::make_shared<const std::vector<int64_t>>(ActiveAmong(*list, *active));
  std::lock_guard lock(mu_);
  // Only the widely followed are kept: a few thousand at most.
  if (followers_.size() > 4096) followers_.clear();
  followers_[account_id] = {list, active, fresh};
  return fresh;
}

Result<StatusRecord> AudienceService::DraftPost(const Account& author, const AudienceDraft& d,
                                                StatusPtr* parent_out) {
  StatusRecord s;
  s.account_id = author.id;
  if (!d.visibility.empty()) {
    auto v = ParseVisibility(d.visibility);
    if (!v)
      return Status::Unprocessable(
          "Validation failed: Visibility must be public, unlisted, private or direct");
    s.visibility = *v;
  }
  if (d.mentions.size() > kMaxMentions)
    return Status::Unprocessable(
        fmt::format("Validation failed: At most {} mentions may be given", kMaxMentions));
  auto viewer = core_.ViewerFor(author.id);
  if (!viewer.ok()) return viewer.status();
  if (d.in_reply_to_id != 0) {
    auto p = core_.Visible(*viewer, d.in_reply_to_id);
    if (!p.ok()) {
      if (p.status().code() == Code::kNotFound)
        return Status::Unprocessable(
            "Validation failed: The post you reply to does not exist or you cannot see it");
      return p.status();
    }
    const StatusPtr& parent = p->status;
    if (d.visibility.empty() && Breadth(parent->visibility) > Breadth(s.visibility))
      s.visibility = parent->visibility;
    s.community_id = parent->community_id;
    s.in_reply_to_id = parent->id;
    s.in_reply_to_account_id = parent->account_id;
    if (d.community_id != 0 && d.community_id != parent->community_id)
      return Status::Unprocessable(
          "Validation failed: A comment stays in the community of the post it answers");
    if (parent_out) *parent_out = parent;
  } else {
    s.community_id = d.community_id;
  }
  if (s.community_id != 0) {
    const CommunityRecord* c = viewer->communities->Find(s.community_id);
    const bool member = viewer->graph->MemberOf(s.community_id);
    if (!c || (!member && c->type == CommunityType::kRestricted && !c->listed))
      return Status::NotFound("Record not found", "No such community");
    if (!member)
      return Status::Forbidden("This action is not allowed", "Join the community to post in it");
    if (d.visibility == "direct")
      return Status::Unprocessable("Validation failed: Direct posts cannot be made in a community");
    s.visibility =
        c->type == CommunityType::kRestricted ? Visibility::kPrivate : Visibility::kPublic;
  }
  for (const std::string& raw : d.mentions) {
    std::string_view name = raw;
    if (!name.empty() && name[0] == '@') name.remove_prefix(1);
    if (name.empty() || name.find('@') != std::string_view::npos)
      return Status::Unprocessable("Validation failed: mentions[] holds usernames");
    auto a = core_.store.accounts().FindByUsername(name);
    if (!a.ok()) {
      if (a.status().code() == Code::kNotFound) continue;  // plain text, as posting does
      return a.status();
    }
    if (!a->active) continue;
    if (std::find(s.mention_ids.begin(), s.mention_ids.end(), a->id) == s.mention_ids.end())
      s.mention_ids.push_back(a->id);
  }
  return s;
}

Result<Audience> AudienceService::Describe(const Account& author, const AudienceDraft& draft) {
  auto post = DraftPost(author, draft);
  if (!post.ok()) return post.status();
  return Of(*post);
}

Result<Audience> AudienceService::Of(const StatusRecord& s) {
  auto graph = core_.graph.Get(s.account_id);
  if (!graph.ok()) return graph.status();
  const GraphEntry& g = **graph;
  auto active = ActiveIds();
  if (!active.ok()) return active.status();
  const std::vector<int64_t>& act = **active;
  // Whether `id` counts: an active member, not the writer, on neither side
  // of a block with them (CanSee's rules common to every kind of post).
  auto counts = [&](int64_t id) {
    return id != s.account_id && Contains(act, id) && !g.BlockedEitherWay(id);
  };
  auto count_of = [&](const std::vector<int64_t>& ids) {
    return static_cast<int64_t>(std::count_if(ids.begin(), ids.end(), counts));
  };
  // Those blocked either way, once each.
  std::vector<int64_t> blocked;
  std::set_union(g.blocking.begin(), g.blocking.end(), g.blocked_by.begin(), g.blocked_by.end(),
                 std::back_inserter(blocked));
  blocked.erase(std::unique(blocked.begin(), blocked.end()), blocked.end());
  // The people of `sorted_active` (active members, ascending) who count:
  // all of them less the writer and those blocked either way.
  auto count_sorted = [&](const std::vector<int64_t>& sorted_active) {
    int64_t n = static_cast<int64_t>(sorted_active.size());
    if (Contains(sorted_active, s.account_id)) --n;
    for (int64_t id : blocked)
      if (id != s.account_id && Contains(sorted_active, id)) --n;
    return n;
  };
  auto everyone = [&]() { return count_sorted(act); };
  const std::string& org = core_.settings.title;
  Audience out;
  if (s.community_id != 0) {
    auto communities = core_.communities.Snapshot();
    const CommunityRecord* c = communities->Find(s.community_id);
    if (c == nullptr) return Status::NotFound("Record not found", "No such community");
    if (c->type == CommunityType::kRestricted) {
      auto members = ActiveMemberIds(c->id, *active);
      if (!members.ok()) return members.status();
      out.count = count_sorted(**members);
      const bool writer_member = Contains(**members, s.account_id);
      out.kind = "restricted_community";
      out.community_name = c->name;
      out.writer_is_member = writer_member;
      out.description =
          fmt::format("the {} {}member{} of {} (restricted)", GroupThousands(out.count),
                      writer_member ? "other " : "", out.count == 1 ? "" : "s", c->name);
      return out;
    }
    out.count = everyone();
    out.organization_wide = true;
    out.kind = "organization_community";
    out.organization = org;
    out.community_name = c->name;
    out.description = fmt::format("everyone in {} ({}), in {}", org, People(out.count), c->name);
    return out;
  }
  switch (s.visibility) {
    case Visibility::kPublic:
    case Visibility::kUnlisted:
      out.count = everyone();
      out.organization_wide = true;
      out.kind = "organization";
      out.organization = org;
      out.description = fmt::format("everyone in {} ({})", org, People(out.count));
      return out;
    case Visibility::kPrivate: {
      auto followers = ActiveFollowerIds(s.account_id, *active);
      if (!followers.ok()) return followers.status();
      const std::vector<int64_t>& ids = **followers;
      const int64_t follower_count = count_sorted(ids);
      int64_t others = 0;
      for (int64_t m : s.mention_ids)
        if (counts(m) && !Contains(ids, m)) ++others;
      out.count = follower_count + others;
      out.kind = "followers";
      out.followers = follower_count;
      out.mentioned = others;
      std::string words = fmt::format("your {} follower{}", GroupThousands(follower_count),
                                      follower_count == 1 ? "" : "s");
      if (others > 0)
        words += fmt::format(" and {} {} mentioned", GroupThousands(others),
                             others == 1 ? "person" : "people");
      out.description = words;
      return out;
    }
    case Visibility::kDirect:
      out.count = count_of(s.mention_ids);
      out.kind = "mentioned";
      out.description =
          out.count == 0   ? "only you"
          : out.count == 1 ? "only the 1 person mentioned"
                           : fmt::format("only the {} people mentioned", GroupThousands(out.count));
      return out;
  }
  return out;
}

}  // namespace atrium
