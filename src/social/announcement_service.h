// AnnouncementService: the organization's announcements — the memo every
// member sees above their home stream. Administrators publish, schedule
// (a publication time ahead: members see nothing before it), edit and
// withdraw them, each recorded in the audit log; members read the ones in
// force, dismiss them (marked read) and react with an emoji.
//
// An announcement is in force from its publication time until its end
// (ends_at, if any). Each change is sent live to every member's `user`
// stream (the events on kStreamKey): `announcement` when one comes into
// force (at once, or at its scheduled time through AnnounceDue) or is
// edited, `announcement.reaction` when a reaction is added or taken back,
// `announcement.delete` when one in force is withdrawn or moved ahead.
// Thread-safe.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "social/audit_log.h"
#include "social/social_core.h"

namespace atrium {

// What an administrator writes; absent times are 0.
struct AnnouncementInput {
  std::string text;  // Markdown, required
  int64_t starts_at = 0;
  int64_t ends_at = 0;
  bool all_day = false;
  int64_t scheduled_at = 0;  // 0: publish now
};

// An announcement as one member sees it.
struct AnnouncementView {
  AnnouncementRecord announcement;
  bool read = false;
  std::vector<AnnouncementReaction> reactions;
};

class AnnouncementService {
 public:
  // The longest text, in bytes.
  static constexpr size_t kMaxText = 10000;
  // The live events' stream key, which every member's `user` stream hears.
  static constexpr const char* kStreamKey = "announcements";

  AnnouncementService(SocialCore& core, AuditLog& audit) : core_(core), audit_(audit) {}
  AnnouncementService(const AnnouncementService&) = delete;
  AnnouncementService& operator=(const AnnouncementService&) = delete;

  // The announcements in force for `viewer`, newest first, with their
  // state for them.
  Result<std::vector<AnnouncementView>> InForce(const Viewer& viewer);
  // The announcement `id` as `viewer` sees it; 404 unless it is in force.
  Result<AnnouncementView> View(const Viewer& viewer, int64_t id);
  // Announces live the scheduled announcements whose time came (each once
  // in a cluster); returns how many. For the background worker.
  Result<int> AnnounceDue();
  // 404 unless `id` is in force.
  Status Dismiss(const Viewer& viewer, int64_t id);
  // `name`: one emoji; 422 otherwise. 404 unless `id` is in force.
  Status React(const Viewer& viewer, int64_t id, const std::string& name);
  Status Unreact(const Viewer& viewer, int64_t id, const std::string& name);

  // For administrators (the caller checks the role): every announcement,
  // scheduled ones included.
  Result<std::vector<AnnouncementView>> All(const Viewer& viewer);
  Result<AnnouncementRecord> Publish(const AuditActor& actor, const AnnouncementInput& input);
  Result<AnnouncementRecord> Edit(const AuditActor& actor, int64_t id,
                                  const AnnouncementInput& input);
  Status Withdraw(const AuditActor& actor, int64_t id);

  // OK if `name` is one emoji (a symbol with its modifiers and joiners).
  static Status CheckReactionName(const std::string& name);

 private:
  // 422 for input an announcement cannot hold.
  static Status Check(const AnnouncementInput& input);
  Result<AnnouncementRecord> InForceNow(int64_t id);
  // Publishes the live event `name` about `id` (a reaction's, with its name
  // and count).
  void SendEvent(const char* name, int64_t id, const std::string& reaction = "", int64_t count = 0);
  // Sends announcement.reaction with the number now reacting `name` to `id`.
  Status SendReactionCount(const Viewer& viewer, int64_t id, const std::string& name);
  Result<std::vector<AnnouncementView>> ViewsOf(const Viewer& viewer,
                                                std::vector<AnnouncementRecord> records);

  SocialCore& core_;
  AuditLog& audit_;
};

}  // namespace atrium
