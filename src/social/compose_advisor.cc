#include "social/compose_advisor.h"

#include <boost/json.hpp>
#include <fstream>
#include <sstream>

#include "base/clock.h"
#include "base/id.h"
#include "base/status_text.h"
#include "base/text.h"
#include "social/post_permalink.h"

namespace atrium {
namespace {

constexpr int64_t kDayMs = 86400000;

std::string Json(const boost::json::value& v) { return boost::json::serialize(v); }

// A link as two posts compare it: without a trailing '/'.
std::string_view LinkKey(std::string_view url) {
  while (!url.empty() && url.back() == '/') url.remove_suffix(1);
  return url;
}

}  // namespace

ComposeAdvisor::ComposeAdvisor(SocialCore& core, AudienceService& audience, AuditLog& audit)
    : core_(core), audience_(audience), audit_(audit) {
  auto base = ParseAdvicePack(DefaultAdvicePackJson());
  if (base.ok()) base_ = std::move(*base);  // compose_advisor_test checks that it parses
}

Status ComposeAdvisor::Load() {
  auto base = ParseAdvicePack(DefaultAdvicePackJson());
  if (!base.ok()) return base.status();
  base_ = std::move(*base);
  const std::string& path = core_.settings.advice_rules;
  if (!path.empty()) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return Status::BadRequest("advice-rules: cannot read " + path);
    std::ostringstream text;
    text << in.rdbuf();
    auto org = ParseAdvicePack(text.str());
    if (!org.ok()) return Status::BadRequest("advice-rules " + path + ": " + org.status().error());
    base_ = MergeAdvicePacks(std::move(base_), *org);
  }
  Forget();
  return Status::Ok();
}

void ComposeAdvisor::Forget() {
  std::lock_guard lock(mu_);
  pack_.reset();
}

Result<std::vector<AdviceOverride>> ComposeAdvisor::Overrides() {
  return core_.store.compose().AdviceOverrides();
}

Result<std::shared_ptr<const AdvicePack>> ComposeAdvisor::Pack() {
  const int64_t now = NowMillis();
  {
    std::lock_guard lock(mu_);
    if (pack_ && now - pack_loaded_at_ < kOverridesLifetimeMs) return pack_;
  }
  auto overrides = core_.store.compose().AdviceOverrides();
  if (!overrides.ok()) return overrides.status();
  auto pack = std::make_shared<AdvicePack>(base_);
  for (const AdviceOverride& o : *overrides) {
    boost::system::error_code ec;
    const boost::json::value v = boost::json::parse(o.value, ec);
    if (ec || !v.is_object()) continue;
    if (o.kind == "rule") {
      for (AdviceRule& r : pack->rules)
        if (r.id == o.name && v.as_object().contains("enabled") &&
            v.as_object().at("enabled").is_bool())
          r.enabled = v.as_object().at("enabled").as_bool();
    } else if (o.kind == "list" && pack->lists.contains(o.name)) {
      const boost::json::value* words = v.as_object().if_contains("words");
      if (!words || !words->is_array()) continue;
      std::vector<std::string> list;
      for (const auto& w : words->as_array())
        if (w.is_string()) list.emplace_back(w.as_string());
      pack->lists[o.name] = std::move(list);
    }
  }
  std::lock_guard lock(mu_);
  pack_ = pack;
  pack_loaded_at_ = now;
  return std::shared_ptr<const AdvicePack>(pack);
}

Status ComposeAdvisor::SetRuleEnabled(const AuditActor& actor, const std::string& id,
                                      bool enabled) {
  if (base_.Find(id) == nullptr) return Status::NotFound("Record not found", "No such rule");
  boost::json::object v{{"enabled", enabled}};
  Status s = core_.store.compose().SetAdviceOverride(
      AdviceOverride{"rule", id, Json(v), actor.id, NowMillis()});
  if (!s.ok()) return s;
  Forget();
  return audit_.Record(actor, "advice.rule.update", "advice_rule", id, {}, Json(v));
}

Status ComposeAdvisor::SetListWords(const AuditActor& actor, const std::string& name,
                                    const std::vector<std::string>& words) {
  if (!base_.lists.contains(name)) return Status::NotFound("Record not found", "No such list");
  if (words.size() > kMaxListWords)
    return Status::Unprocessable("Validation failed: a list holds at most " +
                                 std::to_string(kMaxListWords) + " words");
  boost::json::array list;
  for (const std::string& w : words) {
    if (!IsValidUtf8(w) || w.size() > 200 || Trim(w).empty())
      return Status::Unprocessable(
          "Validation failed: each word or phrase is text of at most 200 bytes");
    list.emplace_back(std::string(Trim(w)));
  }
  boost::json::object v{{"words", list}};
  Status s = core_.store.compose().SetAdviceOverride(
      AdviceOverride{"list", name, Json(v), actor.id, NowMillis()});
  if (!s.ok()) return s;
  Forget();
  return audit_.Record(actor, "advice.list.update", "advice_list", name, {}, Json(v));
}

Status ComposeAdvisor::Reset(const AuditActor& actor, const std::string& kind,
                             const std::string& name) {
  if (kind == "rule" ? base_.Find(name) == nullptr : !base_.lists.contains(name))
    return Status::NotFound("Record not found", "No such " + kind);
  Status s = core_.store.compose().ClearAdviceOverride(kind, name);
  if (!s.ok()) return s;
  Forget();
  return audit_.Record(actor, "advice." + kind + ".reset", "advice_" + kind, name);
}

bool ComposeAdvisor::InManagementChain(const Account& author, int64_t account_id) {
  int64_t next = author.manager_id;
  for (int depth = 0; next != 0 && depth < 64; ++depth) {
    if (next == account_id) return true;
    auto m = core_.accounts.Get(next);
    if (!m.ok()) return false;
    next = (*m)->account.manager_id;
  }
  return false;
}

void ComposeAdvisor::FindSharedLink(const Account& author, const Viewer& viewer, AdviceDraft& d) {
  const ParsedText parsed = ParseStatusText(d.status);
  const int64_t now = NowMillis();
  const int64_t since = IdGenerator::LowestAt(now - kSharedLinkDays * kDayMs);
  size_t tried = 0;
  for (const LinkToken& link : parsed.links) {
    if (++tried > 5) break;
    const std::string_view key = LinkKey(link.url);
    auto found = core_.store.compose().PostsWithLink(key, since, 20);
    if (!found.ok()) continue;
    for (const LinkedPost& p : *found) {
      if (p.account_id == author.id) continue;
      auto post = core_.Visible(viewer, p.status_id);  // the one policy decides
      if (!post.ok()) continue;
      const ParsedText theirs = ParseStatusText(post->status->text);
      const bool same = std::any_of(theirs.links.begin(), theirs.links.end(),
                                    [&](const LinkToken& t) { return LinkKey(t.url) == key; });
      if (!same) continue;
      auto who = core_.accounts.Get(p.account_id);
      if (!who.ok() || !(*who)->account.active) continue;
      d.shared_days = std::max<int64_t>(0, (now - post->status->created_at) / kDayMs);
      d.shared_by = (*who)->account.display_name.empty() ? (*who)->account.username
                                                         : (*who)->account.display_name;
      d.shared_url =
          core_.settings.BaseUrl() + PostPermalinkPath((*who)->account.username, *post->status);
      d.shared_status_id = p.status_id;
      d.shared_link_begin = link.span.begin;
      d.shared_link_end = link.span.end;
      return;
    }
  }
}

Result<std::vector<AdviceItem>> ComposeAdvisor::Judge(const Account& author,
                                                      const AdviceRequest& in,
                                                      const AdvicePack& pack) {
  if (!IsValidUtf8(in.status) || !IsValidUtf8(in.title))
    return Status::Unprocessable("Validation failed: Text is not valid UTF-8");
  if (CountCodePoints(in.status) > 100000 || CountCodePoints(in.title) > 1000)
    return Status::Unprocessable("Validation failed: The draft is too long to advise on");
  AudienceDraft ad;
  ad.visibility = in.visibility;
  ad.community_id = in.community_id;
  ad.in_reply_to_id = in.in_reply_to_id;
  // The mentions of the text, as posting would find them.
  for (const MentionToken& m : ParseStatusText(in.status).mentions) {
    if (ad.mentions.size() == AudienceService::kMaxMentions) break;
    ad.mentions.push_back(m.username);
  }
  StatusPtr parent;
  auto post = audience_.DraftPost(author, ad, &parent);
  if (!post.ok()) return post.status();
  auto audience = audience_.Of(*post);
  if (!audience.ok()) return audience.status();

  AdviceDraft d;
  d.status = in.status;
  d.title = in.title;
  d.visibility = std::string(VisibilityName(post->visibility));
  d.organization_wide = audience->organization_wide;
  if (post->community_id != 0) {
    auto communities = core_.communities.Snapshot();
    if (const CommunityRecord* c = communities->Find(post->community_id))
      d.community_handle = c->handle;
  }
  d.is_reply = parent != nullptr;
  if (parent) {
    d.thread_replies = parent->replies_count;
    d.reply_to_manager = InManagementChain(author, parent->account_id);
  }
  d.language = in.language.empty() ? "en" : in.language;
  const bool wants_links =
      std::any_of(pack.rules.begin(), pack.rules.end(), [](const AdviceRule& r) {
        return r.enabled && std::any_of(r.all.begin(), r.all.end(), [](const AdviceCondition& c) {
                 return c.kind == AdviceCondition::Kind::kSharedLink;
               });
      });
  if (wants_links) {
    auto viewer = core_.ViewerFor(author.id);
    if (!viewer.ok()) return viewer.status();
    FindSharedLink(author, *viewer, d);
  }
  return EvaluateAdvice(pack, d);
}

Result<std::vector<AdviceItem>> ComposeAdvisor::Advise(const Account& author,
                                                       const AdviceRequest& draft) {
  auto pack = Pack();
  if (!pack.ok()) return pack.status();
  return Judge(author, draft, **pack);
}

Result<std::vector<AdviceItem>> ComposeAdvisor::DryRun(const Account& author,
                                                       const std::string& pack_json,
                                                       const AdviceRequest& draft) {
  if (pack_json.empty()) return Advise(author, draft);
  auto org = ParseAdvicePack(pack_json);
  if (!org.ok()) return org.status();
  auto base = ParseAdvicePack(DefaultAdvicePackJson());
  if (!base.ok()) return base.status();
  return Judge(author, draft, MergeAdvicePacks(std::move(*base), *org));
}

}  // namespace atrium
