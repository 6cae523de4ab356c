// CommunityService: communities and who belongs to them — create, change,
// archive, delete; join, ask, invite, approve, leave, remove, roles; pinned
// announcements and moderators removing posts (recorded).
//
// What a person may know of a community: a public or moderated one, or a
// listed restricted one, is known to every member (a restricted one's posts
// only to its members — that is the visibility policy's part); an unlisted
// restricted one only to its members and the people invited to it, and to
// admins. To everyone else it answers 404 exactly like an id never used.
//
// Roles: owners change settings and roles and delete; owners and
// moderators invite, approve, remove members and posts and pin; in a public
// community any member may invite. Admins may do what owners may.
//
// Membership changes reach the social graph (the visibility policy's view
// of who belongs) before the call returns; a member who leaves or is removed
// has their live streams of the community closed.
//
// Handles: one namespace for every community, so a handle in use cannot be
// taken again, whoever holds it. Creating with a handle in use — by a
// community the creator may know of or not — or a reserved one answers the
// same 422 "Handle is unavailable", which names no community: that a handle
// cannot be had is all anyone learns of a community they may not know.
//
// Errors: 404 unknown (or unknowable), 403 not allowed, 409 conflicts
// (already a member), 422 invalid input or state (archived, the last owner
// leaving, a handle that is unavailable). Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "social/audit_log.h"
#include "social/avatar_store.h"
#include "social/posting_service.h"
#include "social/social_core.h"

namespace atrium {

// Fields to set; absent ones stay as they are (Create needs handle and name).
struct CommunityInput {
  std::optional<std::string> handle;
  std::optional<std::string> name;
  std::optional<std::string> description;
  std::optional<std::string> type;
  std::optional<bool> listed;
  std::optional<bool> archived;
  std::optional<std::vector<std::string>> tags;
};

// A community with the reader's own membership row (if any).
struct CommunityView {
  CommunityRecord community;
  std::optional<CommunityMemberRecord> membership;
};

class CommunityService {
 public:
  // `avatars` keeps communities' pictures (ReplaceAvatar); without it,
  // replacing one fails.
  CommunityService(SocialCore& core, PostingService& posting, AvatarStore* avatars = nullptr)
      : core_(core), posting_(posting), avatars_(avatars) {}
  CommunityService(const CommunityService&) = delete;
  CommunityService& operator=(const CommunityService&) = delete;

  Result<CommunityView> Get(const Account& reader, int64_t id);
  Result<CommunityView> FindByHandle(const Account& reader, const std::string& handle);
  // The directory: what the reader may know of, matching `query`.
  Result<std::vector<CommunityView>> Browse(const Account& reader, const CommunityQuery& query,
                                            const PageRequest& page);

  Result<CommunityView> Create(const Account& actor, const CommunityInput& input);
  // Changes the community's settings (owners only) and, when `avatar` is
  // given, its picture, all at once or not at all: every field and the image
  // are checked before anything is written (422 for an image AvatarStore
  // refuses), the new file is saved, then the record; the old file is
  // deleted once the change is stored, the new one if it is not.
  Result<CommunityView> Update(const Account& actor, int64_t id, const CommunityInput& input,
                               std::optional<std::string_view> avatar = std::nullopt);
  // Replaces the community's banner with `image` (through AvatarStore:
  // re-encoded, metadata stripped) or, given nullopt, removes it: owners and
  // moderators (and admins). 403 for other members, 422/413 for an image
  // AvatarStore refuses; the old file is deleted once the change is stored.
  Result<CommunityView> SetBanner(const Account& actor, int64_t id,
                                  std::optional<std::string_view> image);
  // The banner `file_name` (the one a community has now) for `reader`, who
  // must be allowed to read the community's posts: a restricted community's
  // banner is its members' only. 404 otherwise, as if there were none.
  Result<AvatarStore::Image> Banner(const Account& reader, const std::string& file_name);
  // Deletes the community and every post in it.
  Status Delete(const Account& actor, int64_t id);

  Result<CommunityView> Join(const Account& actor, int64_t id);
  Result<CommunityView> Leave(const Account& actor, int64_t id);
  Status Invite(const Account& actor, int64_t id, int64_t account_id);
  Status Approve(const Account& actor, int64_t id, int64_t account_id);
  Status Reject(const Account& actor, int64_t id, int64_t account_id);
  // A change made by a site administrator is appended to the audit log when
  // `by` is given (as are removals of posts below).
  Status SetRole(const Account& actor, int64_t id, int64_t account_id, const std::string& role,
                 bool transfer, const AuditActor* by = nullptr);
  Status RemoveMember(const Account& actor, int64_t id, int64_t account_id);

  // Members proper (to whoever may see the community's posts) or the
  // pending invitations / requests (owners and moderators).
  Result<std::vector<CommunityMemberRecord>> Members(const Account& reader, int64_t id,
                                                     MembershipState state, const std::string& role,
                                                     const PageRequest& page);

  Status Pin(const Account& actor, int64_t id, int64_t status_id);
  Status Unpin(const Account& actor, int64_t id, int64_t status_id);
  // Pinned post ids, for readers who may see the community's posts.
  Result<std::vector<int64_t>> Pins(const Account& reader, int64_t id);
  // A moderator removes a post or comment of their community.
  Status RemoveStatus(const Account& actor, int64_t id, int64_t status_id,
                      const std::string& reason, const AuditActor* by = nullptr);
  Result<std::vector<ModerationRecord>> ModerationLog(const Account& actor, int64_t id,
                                                      const PageRequest& page);

  // May `reader` read the community's posts? 404 if they may not know it,
  // 403 if they know it but may not read it.
  Status CheckReadable(const Account& reader, int64_t id);
  // The same answer, from the viewer's communities snapshot and graph when
  // they settle it (a community not restricted, or one the viewer is a
  // member of) without reading the store; otherwise as above.
  Status CheckReadable(const Viewer& viewer, const Account& reader, int64_t id);
  // Is `actor` an owner or moderator of the community (or an admin)? False
  // for a community that does not exist or that they may not know.
  bool Moderates(const Account& actor, int64_t id);

 private:
  struct Access {
    CommunityRecord community;
    std::optional<CommunityMemberRecord> membership;
    bool admin = false;
    bool member() const { return membership && membership->state == MembershipState::kMember; }
    bool owner() const { return admin || (member() && membership->role == kCommunityOwner); }
    bool moderator() const {
      return owner() || (member() && membership->role == kCommunityModerator);
    }
    bool readable() const {
      return admin || member() || community.type != CommunityType::kRestricted;
    }
  };
  // The community as `reader` may know it (404 otherwise).
  Result<Access> AccessTo(const Account& reader, int64_t id);
  Result<CommunityView> ViewOf(const Account& reader, int64_t id);
  // After a membership change of `account_id`: their graph, home feed and,
  // if they are no longer a member, live streams of the community.
  void MembershipChanged(int64_t community_id, int64_t account_id, bool left);
  Status Validate(const CommunityInput& input, CommunityRecord& out, bool creating);

  SocialCore& core_;
  PostingService& posting_;
  AvatarStore* avatars_;
};

}  // namespace atrium
