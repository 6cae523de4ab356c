// AudienceService: who will be able to see a post before it is written —
// the number of members and the words the composer shows under the draft
// ("everyone in Contoso (412,338 people)", "your 215 followers", "the 36
// other members of Project Atlas (restricted)", "only the 2 people
// mentioned"). The count is exactly the active members other than the
// writer whom VisibilityPolicy::CanSee lets see the post as it would be
// written (a reply takes its thread's community and, unless told
// otherwise, at most its thread's reach, as PostingService does).
//
// Fast at 400,000 members: the active members' ids are kept sorted in
// memory (read again after kActiveIdsLifetimeMs), restricted communities'
// member lists likewise (kMembersLifetimeMs); followers come from the
// social graph; blocks from the writer's graph entry. A count is thus at
// most those lifetimes old. Safe for concurrent use.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "social/social_core.h"

namespace atrium {

struct AudienceDraft {
  std::string visibility;  // empty: public (or, for a reply, at most the thread's)
  int64_t community_id = 0;
  int64_t in_reply_to_id = 0;
  std::vector<std::string> mentions;  // usernames, as @mentioned
};

struct Audience {
  int64_t count = 0;
  std::string description;
  // Everyone in the organization may see the post.
  bool organization_wide = false;
};

class AudienceService {
 public:
  static constexpr int64_t kActiveIdsLifetimeMs = 30000;
  static constexpr int64_t kMembersLifetimeMs = 10000;
  static constexpr size_t kMaxMentions = 50;

  explicit AudienceService(SocialCore& core) : core_(core) {}
  AudienceService(const AudienceService&) = delete;
  AudienceService& operator=(const AudienceService&) = delete;

  // The post `author` would write from `draft`, as far as visibility goes
  // (author, visibility, community, mentions, reply), with the answered
  // post in `parent` when it is a reply. The errors posting would give:
  // 422 for a bad visibility or a reply to a post the author cannot see,
  // 404 for a community they may not know of, 403 for one they are not a
  // member of.
  Result<StatusRecord> DraftPost(const Account& author, const AudienceDraft& draft,
                                 StatusPtr* parent = nullptr);
  // Who may see the post `author` would write from `draft`.
  Result<Audience> Describe(const Account& author, const AudienceDraft& draft);
  // Who may see `post` (written by post.account_id): the count and words.
  Result<Audience> Of(const StatusRecord& post);

 private:
  using Ids = std::shared_ptr<const std::vector<int64_t>>;
  Result<Ids> ActiveIds();
  Result<Ids> MemberIds(int64_t community_id);

  SocialCore& core_;
  std::mutex mu_;
  Ids active_;  // guarded by mu_
  int64_t active_loaded_at_ = 0;
  std::map<int64_t, std::pair<Ids, int64_t>> members_;  // community -> (ids, loaded at)
};

// 412338 as "412,338".
std::string GroupThousands(int64_t n);

}  // namespace atrium
