// ComposeAdvisor: advice on a draft before it is posted — never a refusal.
// The rules come from the built-in posting guidance laid under the
// organization's pack (setting `advice-rules`, read by Load) and the
// administrators' changes kept in the store (rules switched on or off,
// word lists edited; read again after kOverridesLifetimeMs, at once on the
// node that wrote them). A draft is judged with what posting would make of
// it: its audience (AudienceService), its thread, the writer's management
// chain, and links someone in the organization shared in the last days
// (found through the visibility policy: only posts the writer may see).
// Everything is computed here: no text leaves the server. Safe for
// concurrent use.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "social/advice_pack.h"
#include "social/audience_service.h"
#include "social/audit_log.h"
#include "social/social_core.h"

namespace atrium {

struct AdviceRequest {
  std::string status;
  std::string title;
  std::string visibility;
  int64_t community_id = 0;
  int64_t in_reply_to_id = 0;
  std::string language = "en";
};

// A rule as the admin screen shows it.
struct AdviceRuleView {
  const AdviceRule* rule = nullptr;
  bool overridden = false;  // switched on or off by an administrator
};

class ComposeAdvisor {
 public:
  static constexpr int64_t kOverridesLifetimeMs = 5000;
  static constexpr int kSharedLinkDays = 30;
  static constexpr size_t kMaxListWords = 2000;

  // With the built-in pack; Load adds the organization's.
  ComposeAdvisor(SocialCore& core, AudienceService& audience, AuditLog& audit);
  ComposeAdvisor(const ComposeAdvisor&) = delete;
  ComposeAdvisor& operator=(const ComposeAdvisor&) = delete;

  // Reads the built-in pack and the organization's (`advice-rules`); an
  // error naming the file and the place when it is not a valid pack.
  Status Load();

  // The advice on `author`'s draft. The errors posting would give for a
  // bad visibility, community or reply (AudienceService::DraftPost).
  Result<std::vector<AdviceItem>> Advise(const Account& author, const AdviceRequest& draft);
  // The advice `pack_json` (a whole pack, laid over the built-in one like
  // the organization's; empty: the pack in force) gives on the draft, as
  // `author` writing it. 422 naming the place for a bad pack.
  Result<std::vector<AdviceItem>> DryRun(const Account& author, const std::string& pack_json,
                                         const AdviceRequest& draft);

  // The pack in force, with the administrators' changes.
  Result<std::shared_ptr<const AdvicePack>> Pack();
  // Which rules and lists an administrator changed.
  Result<std::vector<AdviceOverride>> Overrides();
  // Switches rule `id` on or off (404 for an unknown rule).
  Status SetRuleEnabled(const AuditActor& actor, const std::string& id, bool enabled);
  // Replaces word list `name`'s words (404 for an unknown list; 422 for more
  // than kMaxListWords or an entry that is not text of at most 200 bytes).
  Status SetListWords(const AuditActor& actor, const std::string& name,
                      const std::vector<std::string>& words);
  // Gives rule or list `name` back to the pack (kind "rule" or "list").
  Status Reset(const AuditActor& actor, const std::string& kind, const std::string& name);

 private:
  Result<std::vector<AdviceItem>> Judge(const Account& author, const AdviceRequest& draft,
                                        const AdvicePack& pack);
  void FindSharedLink(const Account& author, const Viewer& viewer, AdviceDraft& d);
  bool InManagementChain(const Account& author, int64_t account_id);
  void Forget();

  SocialCore& core_;
  AudienceService& audience_;
  AuditLog& audit_;
  AdvicePack base_;  // built-in + the organization's file; set by Load
  std::mutex mu_;
  std::shared_ptr<const AdvicePack> pack_;  // guarded by mu_: base_ + overrides
  int64_t pack_loaded_at_ = 0;
};

}  // namespace atrium
