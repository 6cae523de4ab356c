// DraftService: a member's unpublished blog entries kept on the server, so
// that a long entry started on one device can be continued on another.
// Only the draft's owner ever reads, changes or deletes it; another
// member's draft is answered as if it did not exist. A draft is not a
// post: it reaches no stream, no search and no one else, and publishing
// goes through the blogs endpoint like any entry (the client then deletes
// the draft).
//
// Safe for concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "social/community_service.h"
#include "social/social_core.h"
#include "store/draft_store.h"

namespace atrium {

// What a member writes into a draft: everything may still be unfinished,
// but it is bounded like a published entry.
struct DraftInput {
  std::string title;
  std::string body;
  std::vector<std::string> tags;
  int64_t community_id = 0;
};

class DraftService {
 public:
  static constexpr int kMaxDraftsPerMember = 50;
  static constexpr size_t kMaxTagChars = 100;

  DraftService(SocialCore& core, CommunityService& communities)
      : core_(core), communities_(communities) {}
  DraftService(const DraftService&) = delete;
  DraftService& operator=(const DraftService&) = delete;

  // Keeps a new draft for `member`. 422 when the input is invalid UTF-8,
  // empty (no title and no body), longer than a blog entry may be, has more
  // than kMaxExplicitTags tags or a tag with white space or longer than
  // kMaxTagChars, or when the member keeps kMaxDraftsPerMember already;
  // the community's error (404/403) when it names a community the member
  // cannot read.
  Result<DraftRecord> Create(const Account& member, const DraftInput& input);
  // The member's drafts, the most recently changed first.
  Result<std::vector<DraftRecord>> List(const Account& member);
  // The member's draft `id`; 404 if they have none such.
  Result<DraftRecord> Get(const Account& member, int64_t id);
  // Replaces the member's draft `id` with `input` (checked as by Create);
  // 404 if they have none such.
  Result<DraftRecord> Update(const Account& member, int64_t id, const DraftInput& input);
  // Deletes the member's draft `id`; 404 if they have none such.
  Status Delete(const Account& member, int64_t id);

 private:
  Status Check(const Account& member, const DraftInput& input);

  SocialCore& core_;
  CommunityService& communities_;
};

}  // namespace atrium
