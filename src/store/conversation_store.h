// ConversationStore: members' direct conversations (Mastodon's
// AccountConversation). A conversation is one member's entry for the direct
// posts of one thread among the same people: the other participants, the
// posts of it the member received, the newest of them (the list's order and
// cursor) and an unread flag of the member's own.
//
// Entries are written with their post (StatusStore::Create, from the
// ConversationEntry list it is given), lose a post when it is deleted
// (StatusStore::Delete, which also removes an entry left with no post), and
// leave one member's list alone when that member removes theirs (Remove);
// the next post of the thread brings back a new entry.
//
// Every method is one transaction; safe for concurrent use.
#pragma once

#include <cstdint>
#include <vector>

#include "base/status.h"
#include "store/social_records.h"

namespace atrium {

struct ConversationRecord {
  int64_t id = 0;
  int64_t account_id = 0;  // the member whose entry it is
  int64_t thread_id = 0;   // the first post of the thread
  // The other people in it (the authors and those mentioned, without
  // account_id), sorted.
  std::vector<int64_t> participant_ids;
  int64_t last_status_id = 0;  // the newest post in it: the list's order and cursor
  bool unread = false;
};

// A new direct post joining one member's conversation (thread_id,
// participant_ids): written with the post by StatusStore::Create, which
// makes the entry (with `id`) if the member has none, moves it to the top
// and sets its unread flag to `unread`.
struct ConversationEntry {
  int64_t id = 0;  // the entry's id, if it is new
  int64_t account_id = 0;
  int64_t thread_id = 0;
  std::vector<int64_t> participant_ids;  // sorted, without account_id
  bool unread = false;                   // false for the post's author
};

class ConversationStore {
 public:
  virtual ~ConversationStore() = default;

  // A page of `account_id`'s conversations, the newest last post first; the
  // cursor (max_id, since_id, min_id) is last_status_id.
  virtual Result<std::vector<ConversationRecord>> Page(int64_t account_id,
                                                       const PageRequest& page) = 0;
  // `account_id`'s conversation `id`; kNotFound if there is none or it is
  // someone else's.
  virtual Result<ConversationRecord> Get(int64_t account_id, int64_t id) = 0;
  // `account_id`'s conversation that holds the post `status_id`; kNotFound
  // if none does.
  virtual Result<ConversationRecord> OfStatus(int64_t account_id, int64_t status_id) = 0;
  // A page of the posts of conversation `id`, newest first (the cursor is
  // the post's id).
  virtual Result<std::vector<int64_t>> StatusIds(int64_t id, const PageRequest& page) = 0;
  // Sets the unread flag of `account_id`'s conversation `id`; kNotFound if
  // there is none.
  virtual Status SetUnread(int64_t account_id, int64_t id, bool unread) = 0;
  // Removes `account_id`'s conversation `id` from their list (the other
  // participants keep theirs); kNotFound if there is none.
  virtual Status Remove(int64_t account_id, int64_t id) = 0;
};

}  // namespace atrium
