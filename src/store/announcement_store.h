// AnnouncementStore: the organization's announcements from administrators
// (shown above every member's home stream), who dismissed which, and the
// reactions members add to them. Every method is one transaction; safe for
// concurrent use.
#pragma once

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "base/status.h"

namespace atrium {

struct AnnouncementRecord {
  int64_t id = 0;
  std::string text;          // Markdown, as the administrator wrote it
  std::string content_html;  // rendered from text
  int64_t starts_at = 0;     // 0: none (the event's start, shown)
  int64_t ends_at = 0;       // 0: none; past it, the announcement is no longer shown
  bool all_day = false;
  int64_t published_at = 0;  // shown to members from this time on
  int64_t created_by = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  // False while its publication is ahead and not yet announced live.
  bool announced = true;
};

struct AnnouncementReaction {
  std::string name;
  int64_t count = 0;
  bool me = false;
};

class AnnouncementStore {
 public:
  virtual ~AnnouncementStore() = default;
  virtual Status Create(const AnnouncementRecord& a) = 0;
  // Replaces everything but id, created_by and created_at; kNotFound if absent.
  virtual Status Update(const AnnouncementRecord& a) = 0;
  // Removes it with its dismissals and reactions; kNotFound if absent.
  virtual Status Delete(int64_t id) = 0;
  virtual Result<AnnouncementRecord> Get(int64_t id) = 0;
  // Every announcement, published or scheduled, newest publication first.
  virtual Result<std::vector<AnnouncementRecord>> All() = 0;
  // Those published by `now` and not ended by it, newest publication first.
  virtual Result<std::vector<AnnouncementRecord>> Active(int64_t now) = 0;
  // Those in force at `now` not yet announced live, oldest publication first.
  virtual Result<std::vector<AnnouncementRecord>> Unannounced(int64_t now) = 0;
  // Marks it announced; false if it already was (another node did it).
  virtual Result<bool> MarkAnnounced(int64_t id) = 0;

  // Marks it read by `account_id` (idempotent).
  virtual Status Dismiss(int64_t id, int64_t account_id) = 0;
  // Which of `ids` `account_id` dismissed.
  virtual Result<std::vector<int64_t>> Dismissed(int64_t account_id,
                                                 const std::vector<int64_t>& ids) = 0;
  // Adds or removes `account_id`'s reaction `name`; false if nothing changed.
  virtual Result<bool> React(int64_t id, int64_t account_id, const std::string& name,
                             int64_t now) = 0;
  virtual Result<bool> Unreact(int64_t id, int64_t account_id, const std::string& name) = 0;
  // The reactions to each of `ids`, the first given first, `me` for `account_id`'s.
  virtual Result<std::unordered_map<int64_t, std::vector<AnnouncementReaction>>> Reactions(
      int64_t account_id, const std::vector<int64_t>& ids) = 0;
};

}  // namespace atrium
