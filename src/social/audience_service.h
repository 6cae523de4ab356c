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
// memory (read again after kActiveIdsLifetimeMs), and so are the active
// members of a restricted community (kMembersLifetimeMs) and the active
// followers of anyone with at least kCachedFollowersFrom followers (until
// their follower list or the active members change). A count is then the
// size of one of those lists less the writer and the few people blocked
// either way, found by binary search: it costs O(blocks × log n), not
// O(n), however large the audience. A count is thus at most those
// lifetimes old. Safe for concurrent use.
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
  // In English, for API clients; the web client says the same in the
  // reader's language from the fields below.
  std::string description;
  // Everyone in the organization may see the post.
  bool organization_wide = false;
  // Which sentence describes it: "organization", "organization_community"
  // (a public or moderated community's post), "restricted_community",
  // "followers" or "mentioned" (a direct post).
  std::string kind;
  std::string organization;       // the organization's name
  std::string community_name;     // for the community kinds
  bool writer_is_member = false;  // restricted_community: count leaves the writer out
  int64_t followers = 0;          // followers: how many of them
  int64_t mentioned = 0;          // followers: the people mentioned beyond them
};

class AudienceService {
 public:
  static constexpr int64_t kActiveIdsLifetimeMs = 30000;
  static constexpr int64_t kMembersLifetimeMs = 10000;
  static constexpr size_t kMaxMentions = 50;
  static constexpr size_t kCachedFollowersFrom = 1000;

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
  // The active members of a community, ascending.
  Result<Ids> ActiveMemberIds(int64_t community_id, const Ids& active);
  // The active followers of `account_id`, ascending.
  Result<Ids> ActiveFollowerIds(int64_t account_id, const Ids& active);

  SocialCore& core_;
  std::mutex mu_;
  Ids active_;  // guarded by mu_
  int64_t active_loaded_at_ = 0;
  struct CachedMembers {
    Ids ids;     // active members, ascending
    Ids active;  // the active list they were taken from
    int64_t loaded_at = 0;
  };
  std::map<int64_t, CachedMembers> members_;  // community -> its active members; guarded by mu_
  struct CachedFollowers {
    std::shared_ptr<const std::vector<int64_t>> followers;  // the graph's list they came from
    Ids active;
    Ids ids;  // active followers, ascending
  };
  std::map<int64_t, CachedFollowers> followers_;  // account -> its active followers; guarded by mu_
};

// 412338 as "412,338".
std::string GroupThousands(int64_t n);

}  // namespace atrium
