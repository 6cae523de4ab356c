// BlogFeedService: blogs out as feeds. Each member may hold one personal
// feed token, the credential in the URLs of the Atom feeds (a member's or a
// community's blog entries) they subscribe to in a feed reader, which sends
// no cookie and no Authorization header. A token is 32 random bytes
// (base64url); only its SHA-256 is stored, so it is shown once, when issued.
// Issuing replaces the member's token, revoking ends it, and it stops
// working the moment the member is deactivated. A feed shows what the
// visibility policy lets the token's owner see, nothing more.
//
// Thread-safe.
#pragma once

#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "social/community_service.h"
#include "social/social_core.h"
#include "social/timeline_service.h"

namespace atrium {

struct IssuedFeedToken {
  FeedTokenRecord record;
  std::string secret;  // shown once; not stored
};

// The entries of a feed as its reader may see them, newest first.
struct BlogFeed {
  Viewer reader;
  std::vector<VisiblePost> entries;
  std::unordered_map<int64_t, AccountPtr> authors;  // of the entries, by id
  AccountPtr author;                                // a member's feed: whose blog; else null
  CommunityRecord community;                        // a community's feed: which (id 0 otherwise)
};

class BlogFeedService {
 public:
  // How many entries a feed holds: the newest.
  static constexpr int kEntries = 40;

  BlogFeedService(SocialCore& core, TimelineService& timelines, CommunityService& communities)
      : core_(core), timelines_(timelines), communities_(communities) {}
  BlogFeedService(const BlogFeedService&) = delete;
  BlogFeedService& operator=(const BlogFeedService&) = delete;

  // Issues a new token to `account_id`, replacing the one they had.
  Result<IssuedFeedToken> IssueToken(int64_t account_id);
  // The member's token (its hash and when it was issued); 404 if none.
  Result<FeedTokenRecord> TokenOf(int64_t account_id);
  // Revokes the member's token; 404 if they have none.
  Status RevokeToken(int64_t account_id);

  // OK if `secret` is a live token of an active member; 401 otherwise.
  Status CheckToken(std::string_view secret) { return Owner(secret).status(); }

  // The blog entries of `account_id` that the owner of the token `secret`
  // may see. 401 for a missing, unknown or revoked token or a deactivated
  // owner; 404 for an unknown author.
  Result<BlogFeed> AccountFeed(std::string_view secret, int64_t account_id);
  // The blog entries of community `community_id` that the token's owner may
  // see. 401 as above; 404 for a community they may not know, 403 for one
  // they may not read (a restricted community they are not a member of).
  Result<BlogFeed> CommunityFeed(std::string_view secret, int64_t community_id);

 private:
  // The active member whose token is `secret`; 401 otherwise.
  Result<Account> Owner(std::string_view secret);
  // The newest blog entries matching `filter` that `reader` may see.
  Result<BlogFeed> Entries(const Account& reader, const StatusStore::KindFilter& filter);

  SocialCore& core_;
  TimelineService& timelines_;
  CommunityService& communities_;
};

}  // namespace atrium
