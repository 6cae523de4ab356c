// Records of communities: the community itself, who belongs to it (and who
// is invited or asked to join), its pinned announcements and the record of
// what its moderators removed.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace atrium {

// Who sees a community's posts and how people join. Stored as these numbers.
enum class CommunityType : int {
  kPublic = 0,      // every member sees; anyone joins
  kModerated = 1,   // every member sees; joining needs approval
  kRestricted = 2,  // only members see; invitation or approved request
};
const char* CommunityTypeName(CommunityType t);
std::optional<CommunityType> ParseCommunityType(std::string_view name);

struct CommunityRecord {
  int64_t id = 0;
  std::string handle;  // unique, case-insensitive
  std::string name;
  std::string description;  // Markdown, as written
  // The description as HTML, rendered by the store whenever the community
  // is written (from `description`) and read back.
  std::string description_html;
  std::vector<std::string> tags;
  CommunityType type = CommunityType::kPublic;
  bool listed = true;  // restricted only: shown in the directory to non-members
  bool archived = false;
  std::string avatar;  // file name under media/avatars; '': none
  std::string banner;  // file name under media/banners (the community page's picture); '': none
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t members_count = 0;  // members proper (not invited, not requested)
};

// Roles of a member, and the two pending states, as stored.
inline constexpr const char* kCommunityOwner = "owner";
inline constexpr const char* kCommunityModerator = "moderator";
inline constexpr const char* kCommunityMember = "member";

enum class MembershipState : int {
  kMember = 0,
  kInvited = 1,    // an owner or moderator invited them; they have not answered
  kRequested = 2,  // they asked to join; nobody has answered
};

struct CommunityMemberRecord {
  int64_t id = 0;  // row id, the pagination cursor
  int64_t community_id = 0;
  int64_t account_id = 0;
  MembershipState state = MembershipState::kMember;
  std::string role = kCommunityMember;  // for members; the intended role when invited
  int64_t invited_by = 0;
  int64_t created_at = 0;
};

// One act of moderation, kept for the community's owners and moderators.
struct ModerationRecord {
  int64_t id = 0;
  int64_t community_id = 0;
  int64_t actor_id = 0;
  std::string action;  // remove_status, remove_member, …
  int64_t status_id = 0;
  int64_t target_account_id = 0;
  std::string reason;
  int64_t created_at = 0;
};

// The community directory: every given filter must match.
struct CommunityQuery {
  std::string q;                      // prefix of a word of handle, name, description or a tag
  std::optional<CommunityType> type;  // only this type
  int64_t member_id = 0;              // only communities where this account has a membership row
};

// Stored forms shared by the store implementations: tags joined by spaces,
// and the search text — every word of handle, name, tags and description,
// folded to lower case, each after a space, so that LIKE '% prefix%' finds a
// word by its start.
std::string JoinCommunityTags(const std::vector<std::string>& tags);
std::vector<std::string> SplitCommunityTags(const std::string& joined);
std::string CommunitySearchText(const CommunityRecord& c);

}  // namespace atrium
