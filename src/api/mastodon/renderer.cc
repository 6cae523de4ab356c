#include "api/mastodon/renderer.h"

#include <algorithm>
#include <unordered_set>

#include "api/mastodon/account_json_cache.h"
#include "api/mastodon/account_serializer.h"
#include "api/mastodon/card_serializer.h"
#include "api/mastodon/custom_emoji_serializer.h"
#include "api/mastodon/filter_serializer.h"
#include "api/mastodon/media_serializer.h"
#include "api/mastodon/report_serializer.h"
#include "base/clock.h"
#include "base/emoji_shortcode.h"
#include "base/link_page.h"
#include "base/text.h"
#include "social/post_permalink.h"

namespace atrium::api {
namespace {

void AddUnique(std::vector<int64_t>& v, int64_t id) {
  if (id != 0 && std::find(v.begin(), v.end(), id) == v.end()) v.push_back(id);
}

// How a post is named in one line where another refers to it: the title of
// a blog entry or question, the content warning of a post that has one (its
// text stays behind the warning), else the start of its text.
std::string OneLineExcerpt(const StatusRecord& s) {
  constexpr size_t kChars = 100;
  if (!s.title.empty()) return Excerpt(s.title, kChars);
  if (!s.spoiler_text.empty()) return Excerpt(s.spoiler_text, kChars);
  std::string flat;
  for (char c : s.text) {
    const bool space = c == ' ' || c == '\n' || c == '\r' || c == '\t';
    if (!space)
      flat.push_back(c);
    else if (!flat.empty() && flat.back() != ' ')
      flat.push_back(' ');
  }
  if (!flat.empty() && flat.back() == ' ') flat.pop_back();
  return Excerpt(flat, kChars);
}

}  // namespace

const VisiblePost* Renderer::Lookup(int64_t id) {
  auto it = extra_.find(id);
  if (it != extra_.end()) return &it->second;
  if (missing_.count(id)) return nullptr;
  auto post = ctx_.social.Visible(viewer_, id);
  if (!post.ok()) {
    missing_[id] = true;
    return nullptr;
  }
  return &(extra_[id] = std::move(post).value());
}

atrium::Status Renderer::LoadRules() {
  if (rules_ || !ctx_.filters) return atrium::Status::Ok();
  auto rules = ctx_.filters->Rules(viewer_.account_id);
  if (!rules.ok()) return rules.status();
  rules_ = *rules;
  rules_now_ = NowMillis();
  return atrium::Status::Ok();
}

const FilterVerdict& Renderer::VerdictFor(const StatusRecord& s) {
  static const FilterVerdict kNone;
  if (!filter_context_ || !rules_) return kNone;
  auto it = verdicts_.find(s.id);
  if (it != verdicts_.end()) return it->second;
  return verdicts_[s.id] =
             FilterService::Check(*rules_, viewer_.account_id, *filter_context_, s, rules_now_);
}

bool Renderer::Hidden(const VisiblePost& post) {
  const StatusRecord& s = post.original ? *post.original : *post.status;
  return VerdictFor(s).hide;
}

void Renderer::WriteFiltered(JsonWriter& w, const StatusRecord& s) {
  w.Key("filtered").BeginArray();
  for (const FilterMatch& m : VerdictFor(s).matches) WriteFilterResult(w, m);
  w.EndArray();
}

bool Renderer::Muted(const StatusRecord& s) {
  if (!rules_ || rules_->muted_threads.empty()) return false;
  return std::binary_search(rules_->muted_threads.begin(), rules_->muted_threads.end(),
                            ctx_.social.ThreadOf(s));
}

atrium::Status Renderer::Prepare(const std::vector<const VisiblePost*>& posts) {
  if (auto s = LoadRules(); !s.ok()) return s;
  std::vector<int64_t> account_ids;
  std::vector<int64_t> status_ids;
  std::vector<const StatusRecord*> records;
  auto add = [&](const StatusRecord* s) {
    if (!s) return;
    records.push_back(s);
    AddUnique(account_ids, s->account_id);
    for (int64_t m : s->mention_ids) AddUnique(account_ids, m);
    AddUnique(status_ids, s->id);
  };
  for (const VisiblePost* p : posts) {
    add(p->status.get());
    add(p->original.get());
  }
  // The posts these reply to, as far as the viewer may see them (the
  // policy, through Lookup), and their authors: the reply context.
  for (const StatusRecord* s : records)
    if (s->in_reply_to_id)
      if (const VisiblePost* parent = Lookup(s->in_reply_to_id))
        AddUnique(account_ids, parent->status->account_id);
  // Quoted posts, one level deep (a quote inside a quote is shown shallow).
  std::vector<const StatusRecord*> quoting(records.begin(), records.end());
  for (const StatusRecord* s : quoting) {
    if (!s->quote_of_id) continue;
    if (const VisiblePost* q = Lookup(s->quote_of_id)) add(q->status.get());
  }
  std::vector<int64_t> need_accounts;
  for (int64_t id : account_ids)
    if (!accounts_.count(id)) need_accounts.push_back(id);
  auto accounts = ctx_.social.accounts.GetMany(need_accounts);
  if (!accounts.ok()) return accounts.status();
  for (auto& [id, a] : *accounts) accounts_[id] = a;
  std::vector<int64_t> need_state;
  for (int64_t id : status_ids)
    if (!state_.count(id)) need_state.push_back(id);
  if (!need_state.empty()) {
    auto state = ctx_.social.viewer_states.Get(viewer_.account_id, need_state);
    if (!state.ok()) return state.status();
    for (int64_t id : need_state) state_[id] = (*state)[id];
  }
  // The counts and the viewer's votes of the polls among them (one read,
  // only for pages that hold a poll).
  std::vector<int64_t> need_polls;
  for (const StatusRecord* s : records)
    if (s->poll && !polls_.count(s->id)) AddUnique(need_polls, s->id);
  if (!need_polls.empty() && ctx_.polls) {
    auto tallies = ctx_.polls->Tallies(viewer_, need_polls);
    if (!tallies.ok()) return tallies.status();
    for (auto& [id, t] : *tallies) polls_[id] = std::move(t);
  }
  return atrium::Status::Ok();
}

void Renderer::WriteAccountRef(JsonWriter& w, int64_t id) {
  auto it = accounts_.find(id);
  if (it == accounts_.end()) {
    w.Null();
    return;
  }
  WriteAccountJson(w, it->second, VisibilityPolicy::ProfileViewOf(viewer_, id));
}

void Renderer::WriteAccountJson(JsonWriter& w, const AccountPtr& account, ProfileView view) {
  AccountJsonCache* cache = ctx_.account_json;
  const uint64_t emoji_version = emojis_ ? emojis_->version() : 0;
  if (!cache) {
    WriteAccount(w, *account, ctx_.settings.BaseUrl(), view, emojis_.get());
    return;
  }
  if (CachedAccountJsonPtr cached = cache->Get(account, view, emoji_version)) {
    w.Raw(cached->json);
    return;
  }
  auto entry = std::make_shared<CachedAccountJson>();
  entry->account = account;
  entry->view = view;
  entry->emoji_version = emoji_version;
  entry->json = AccountJson(*account, ctx_.settings.BaseUrl(), view, emojis_.get());
  w.Raw(entry->json);
  cache->Put(std::move(entry));
}

void Renderer::WriteCommunityRef(JsonWriter& w, int64_t community_id) {
  w.Key("community");
  const CommunityRecord* c =
      community_id && viewer_.communities ? viewer_.communities->Find(community_id) : nullptr;
  if (!c) {
    w.Null();
    return;
  }
  w.BeginObject()
      .Field("id", std::to_string(c->id))
      .Field("handle", c->handle)
      .Field("name", c->name)
      .Field("type", CommunityTypeName(c->type))
      .EndObject();
}

void Renderer::WriteKindRef(JsonWriter& w, const StatusRecord& s, const std::string& permalink) {
  w.Key("atrium");
  if (s.kind == StatusKind::kStatus) {
    w.Null();
    return;
  }
  w.BeginObject()
      .Field("kind", StatusKindName(s.kind))
      .Field("title", s.title)
      .Field("permalink", permalink);
  if (s.kind == StatusKind::kQuestion) w.Key("accepted_answer_id").IdOrNull(s.accepted_answer_id);
  w.EndObject();
}

void Renderer::WriteReplyContext(JsonWriter& w, const StatusRecord& s, int depth) {
  w.Key("in_reply_to");
  const VisiblePost* parent = depth == 0 && s.in_reply_to_id ? Lookup(s.in_reply_to_id) : nullptr;
  auto author = parent ? accounts_.find(parent->status->account_id) : accounts_.end();
  if (!parent || author == accounts_.end()) {
    w.Null();
    return;
  }
  const StatusRecord& p = *parent->status;
  const atrium::Account& a = author->second->account;
  w.BeginObject().Field("id", std::to_string(p.id)).Field("excerpt", OneLineExcerpt(p));
  WriteKindRef(w, p, ctx_.settings.BaseUrl() + PostPermalinkPath(a.username, p));
  w.Key("account")
      .BeginObject()
      .Field("id", std::to_string(a.id))
      .Field("username", a.username)
      .Field("acct", a.username)
      .Field("display_name", a.display_name)
      .EndObject();
  w.EndObject();
}

void Renderer::WriteQuote(JsonWriter& w, const StatusRecord& s, int depth) {
  w.Key("quote");
  if (!s.quote_of_id) {
    w.Null();
    return;
  }
  const VisiblePost* q = Lookup(s.quote_of_id);
  w.BeginObject();
  if (!q) {
    w.Field("state", "deleted").Key("quoted_status").Null();
  } else if (depth > 0) {
    w.Field("state", "accepted").Field("quoted_status_id", std::to_string(q->status->id));
  } else {
    w.Field("state", "accepted").Key("quoted_status");
    WriteStatus(w, q->status, q->original, depth + 1);
  }
  w.EndObject();
}

StatusJsonPtr Renderer::SharedParts(const StatusPtr& sp) {
  const StatusRecord& s = *sp;
  auto author_it = accounts_.find(s.account_id);
  AccountPtr author = author_it != accounts_.end() ? author_it->second : nullptr;
  const uint64_t emoji_version = emojis_ ? emojis_->version() : 0;
  if (author)
    if (StatusJsonPtr cached = ctx_.status_json.Get(sp, author, emoji_version)) return cached;

  const std::string base = ctx_.settings.BaseUrl();
  const std::string username = author ? author->account.username : "";
  const std::string url = base + "/@" + username + "/" + std::to_string(s.id);
  // A blog entry or question opens at its permalink.
  const std::string page =
      s.kind == StatusKind::kStatus ? url : base + PostPermalinkPath(username, s);
  JsonWriter w;
  w.BeginObject()
      .Field("id", std::to_string(s.id))
      .Field("created_at", FormatIso8601(s.created_at))
      .Key("in_reply_to_id")
      .IdOrNull(s.in_reply_to_id)
      .Key("in_reply_to_account_id")
      .IdOrNull(s.in_reply_to_account_id)
      .Field("sensitive", s.sensitive)
      .Field("spoiler_text", s.spoiler_text)
      .Field("visibility", VisibilityName(s.visibility))
      .Key("language")
      .StringOrNull(s.language)
      .Field("uri", url)
      .Field("url", page)
      .Field("replies_count", s.replies_count)
      .Field("reblogs_count", s.reblogs_count)
      .Field("favourites_count", s.favourites_count)
      .Field("quotes_count", s.quotes_count);
  if (s.edited_at)
    w.Field("edited_at", FormatIso8601(s.edited_at));
  else
    w.Key("edited_at").Null();
  w.Field("content", s.content_html);
  // Shared by every viewer: whoever may see a post may see its author whole
  // (the policy refuses both on either side of a block).
  w.Key("account");
  if (author)
    WriteAccountJson(w, author, ProfileView::kFull);
  else
    w.Null();
  w.Key("media_attachments").BeginArray();
  for (const MediaRecord& m : s.media) WriteMediaAttachment(w, m, base);
  w.EndArray();
  w.Key("mentions").BeginArray();
  for (int64_t m : s.mention_ids) {
    auto it = accounts_.find(m);
    if (it == accounts_.end()) continue;
    const std::string& name = it->second->account.username;
    w.BeginObject()
        .Field("id", std::to_string(m))
        .Field("username", name)
        .Field("url", base + "/@" + name)
        .Field("acct", name)
        .EndObject();
  }
  w.EndArray();
  w.Key("tags").BeginArray();
  for (const auto& t : s.tags)
    w.BeginObject().Field("name", t).Field("url", base + "/tags/" + UrlEncode(t)).EndObject();
  w.EndArray();
  if (emojis_ && !emojis_->all().empty())
    WriteEmojisUsed(w, emojis_.get(), PostEmojiShortcodes(s), base);
  else
    w.Key("emojis").BeginArray().EndArray();
  w.Key("card");
  if (s.card)
    WriteCard(w, *s.card, base);
  else
    w.Null();
  w.Key("application").Null();
  WriteKindRef(w, s, page);
  w.EndObject();
  auto parts = std::make_shared<StatusJson>();
  parts->record = sp;
  parts->author = author;
  parts->emoji_version = emoji_version;
  parts->head = w.TakeMembers();

  JsonWriter t;
  t.BeginObject();
  t.Key("quote_approval")
      .BeginObject()
      .Key("automatic")
      .BeginArray()
      .String("public")
      .EndArray()
      .Key("manual")
      .BeginArray()
      .EndArray()
      .Field("current_user", "automatic")
      .EndObject();
  t.EndObject();
  parts->tail = t.TakeMembers();
  if (author) ctx_.status_json.Put(parts);
  return parts;
}

void Renderer::WritePoll(JsonWriter& w, const StatusRecord& s) {
  if (!s.poll) {
    w.Null();
    return;
  }
  const PollRecord& poll = *s.poll;
  auto it = polls_.find(s.id);
  const PollTally tally = it != polls_.end() ? it->second : PollTally{};
  const bool expired = NowMillis() >= poll.expires_at;
  // While it runs, a poll with hidden totals shows no counts per option.
  const bool hidden = poll.hide_totals && !expired;
  int64_t votes = 0;
  for (int64_t v : tally.votes) votes += v;
  w.BeginObject()
      .Field("id", std::to_string(s.id))
      .Field("expires_at", FormatIso8601(poll.expires_at))
      .Field("expired", expired)
      .Field("multiple", poll.multiple)
      .Field("votes_count", votes)
      .Field("voters_count", tally.voters_count);
  w.Key("options").BeginArray();
  for (size_t i = 0; i < poll.options.size(); ++i) {
    w.BeginObject().Field("title", poll.options[i]).Key("votes_count");
    if (hidden)
      w.Null();
    else
      w.Int(i < tally.votes.size() ? tally.votes[i] : 0);
    w.EndObject();
  }
  w.EndArray();
  std::vector<std::string> option_codes;
  if (emojis_ && !emojis_->all().empty())
    for (const auto& option : poll.options) AddEmojiShortcodes(option, option_codes);
  WriteEmojisUsed(w, emojis_.get(), option_codes, ctx_.settings.BaseUrl());
  // The author does not vote in their own poll (as Mastodon: it counts as voted).
  w.Field("voted", tally.voted || s.account_id == viewer_.account_id);
  w.Key("own_votes").BeginArray();
  for (int c : tally.own_votes) w.Int(c);
  w.EndArray();
  w.EndObject();
}

Result<std::string> Renderer::Poll(const VisiblePost& post) {
  if (auto s = Prepare({&post}); !s.ok()) return s;
  JsonWriter w;
  WritePoll(w, *post.status);
  return w.Take();
}

void Renderer::WriteOwnStatus(JsonWriter& w, const StatusPtr& sp, int depth) {
  const StatusRecord& s = *sp;
  StatusJsonPtr parts = SharedParts(sp);
  w.RawMembers(parts->head);
  w.Key("poll");
  WritePoll(w, s);
  WriteQuote(w, s, depth);
  WriteReplyContext(w, s, depth);
  w.RawMembers(parts->tail);
  WriteFiltered(w, s);
  WriteCommunityRef(w, s.community_id);
  const StatusViewerState st = state_.count(s.id) ? state_[s.id] : StatusViewerState{};
  w.Field("favourited", st.favourited)
      .Field("reblogged", st.reblogged)
      .Field("muted", Muted(s))
      .Field("bookmarked", st.bookmarked);
  if (s.account_id == viewer_.account_id) w.Field("pinned", st.pinned);
}

void Renderer::WriteStatus(JsonWriter& w, const StatusPtr& sp, const StatusPtr& original,
                           int depth) {
  const StatusRecord& s = *sp;
  w.BeginObject();
  if (s.reblog_of_id && original) {
    // A repost: its own envelope, with the original inside.
    const std::string base = ctx_.settings.BaseUrl();
    auto author = accounts_.find(s.account_id);
    const std::string username = author != accounts_.end() ? author->second->account.username : "";
    const std::string url = base + "/@" + username + "/" + std::to_string(s.id);
    const StatusViewerState st =
        state_.count(original->id) ? state_[original->id] : StatusViewerState{};
    w.Field("id", std::to_string(s.id))
        .Field("created_at", FormatIso8601(s.created_at))
        .Key("in_reply_to_id")
        .Null()
        .Key("in_reply_to_account_id")
        .Null()
        .Field("sensitive", false)
        .Field("spoiler_text", "")
        .Field("visibility", VisibilityName(s.visibility))
        .Key("language")
        .Null()
        .Field("uri", url)
        .Field("url", url)
        .Field("replies_count", 0)
        .Field("reblogs_count", 0)
        .Field("favourites_count", 0)
        .Field("quotes_count", 0)
        .Key("edited_at")
        .Null()
        .Field("content", "");
    w.Key("account");
    WriteAccountRef(w, s.account_id);
    w.Key("reblog");
    WriteStatus(w, original, nullptr, depth);
    w.Key("media_attachments").BeginArray().EndArray();
    w.Key("mentions").BeginArray().EndArray();
    w.Key("tags").BeginArray().EndArray();
    w.Key("emojis").BeginArray().EndArray();
    w.Key("card").Null().Key("poll").Null().Key("application").Null().Key("quote").Null();
    WriteFiltered(w, *original);
    w.Field("favourited", st.favourited)
        .Field("reblogged", st.reblogged)
        .Field("muted", Muted(*original))
        .Field("bookmarked", st.bookmarked);
  } else {
    WriteOwnStatus(w, sp, depth);
    w.Key("reblog").Null();
  }
  w.EndObject();
}

bool Renderer::Dependencies(std::vector<StatusPtr>* posts,
                            std::vector<AccountPtr>* accounts) const {
  for (const auto& [id, post] : extra_) {
    posts->push_back(post.status);
    if (post.original) posts->push_back(post.original);
  }
  for (const auto& [id, account] : accounts_) accounts->push_back(account);
  // A poll's counts and its end change without a change to its post.
  return missing_.empty() && polls_.empty();
}

Result<std::string> Renderer::Statuses(const std::vector<VisiblePost>& posts) {
  std::vector<const VisiblePost*> ptrs;
  for (const auto& p : posts) ptrs.push_back(&p);
  if (auto s = Prepare(ptrs); !s.ok()) return s;
  JsonWriter w;
  w.BeginArray();
  for (const auto& p : posts)
    if (!Hidden(p)) WriteStatus(w, p.status, p.original, 0);
  w.EndArray();
  return w.Take();
}

Result<std::string> Renderer::Status(const VisiblePost& post) {
  if (auto s = Prepare({&post}); !s.ok()) return s;
  if (Hidden(post)) return atrium::Status::NotFound();
  JsonWriter w;
  WriteStatus(w, post.status, post.original, 0);
  return w.Take();
}

Result<std::string> Renderer::DeletedStatus(const StatusRecord& post) {
  VisiblePost p{std::make_shared<const StatusRecord>(post), nullptr};
  if (post.reblog_of_id) {
    auto o = ctx_.social.statuses.Get(post.reblog_of_id);
    if (o.ok()) p.original = *o;
  }
  if (auto s = Prepare({&p}); !s.ok()) return s;
  JsonWriter w;
  w.BeginObject();
  if (p.original) {
    w.Field("id", std::to_string(post.id)).Key("reblog");
    WriteStatus(w, p.original, nullptr, 0);
  } else {
    WriteOwnStatus(w, p.status, 0);
    w.Key("reblog").Null();
  }
  w.Field("text", post.text);
  w.EndObject();
  return w.Take();
}

Result<std::string> Renderer::Accounts(const std::vector<int64_t>& ids) {
  auto accounts = ctx_.social.accounts.GetMany(ids);
  if (!accounts.ok()) return accounts.status();
  JsonWriter w;
  w.BeginArray();
  for (int64_t id : ids) {
    auto it = accounts->find(id);
    if (it != accounts->end())
      WriteAccountJson(w, it->second, VisibilityPolicy::ProfileViewOf(viewer_, id));
  }
  w.EndArray();
  return w.Take();
}

Result<std::string> Renderer::Account(int64_t id) {
  auto a = ctx_.social.accounts.Get(id);
  if (!a.ok()) return a.status();
  return AccountJson(**a, ctx_.settings.BaseUrl(), VisibilityPolicy::ProfileViewOf(viewer_, id),
                     emojis_.get());
}

Result<std::string> CredentialAccountJson(ApiContext& ctx, const atrium::Account& account) {
  const int64_t id = account.id;
  auto a = ctx.social.accounts.Get(id);
  if (a.ok() && (*a)->account.updated_at != account.updated_at) {
    ctx.social.accounts.Invalidate(id);
    a = ctx.social.accounts.Get(id);
  }
  if (!a.ok()) return a.status();
  auto requests = ctx.relationships.CountFollowRequests(id);
  if (!requests.ok()) return requests.status();
  JsonWriter w;
  CustomEmojiCatalogPtr emojis = ctx.custom_emojis ? ctx.custom_emojis->Catalog() : nullptr;
  auto prefs = PreferenceService(ctx.social.store).Of(id);
  if (!prefs.ok()) return prefs.status();
  WriteCredentialAccount(w, **a, *requests, ctx.settings.BaseUrl(), emojis.get(), &*prefs);
  return w.Take();
}

Result<std::string> Renderer::Relationships(const std::vector<int64_t>& requested) {
  auto known = ctx_.social.accounts.GetMany(requested);  // unknown ids are left out
  if (!known.ok()) return known.status();
  std::vector<int64_t> ids;
  for (int64_t id : requested)
    if (known->count(id) && std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(id);
  if (ids.empty()) return std::string("[]");
  auto rels = ctx_.relationships.Relationships(viewer_.account_id, ids);
  if (!rels.ok()) return rels.status();
  JsonWriter w;
  w.BeginArray();
  for (const auto& r : *rels) WriteRelationship(w, r);
  w.EndArray();
  return w.Take();
}

void Renderer::WriteNotification(JsonWriter& w, const NotificationRecord& n) {
  w.BeginObject()
      .Field("id", std::to_string(n.id))
      .Field("type", n.type)
      .Field("created_at", FormatIso8601(n.created_at))
      .Field("group_key", n.group_key);
  w.Key("account");
  WriteAccountRef(w, n.from_account_id);
  if (n.status_id) {
    const VisiblePost* p = Lookup(n.status_id);
    w.Key("status");
    if (p)
      WriteStatus(w, p->status, p->original, 0);
    else
      w.Null();
  }
  WriteModerationRef(w, n);
  w.EndObject();
}

void Renderer::WriteModerationRef(JsonWriter& w, const NotificationRecord& n) {
  if (n.type == "admin.report") {
    // A new report, for the moderators whose scope covers it.
    auto viewer = ctx_.social.accounts.Get(viewer_.account_id);
    if (!viewer.ok()) return;
    auto report = ctx_.reports->NotedReport((*viewer)->account, n.id);
    if (!report.ok()) return;
    if (auto json = ReportJson(ctx_, viewer_, *report); json.ok()) w.Key("report").Raw(*json);
    return;
  }
  if (n.type != "report_resolved" && n.type != "moderation_warning") return;
  auto ref = ctx_.reports->NoteRef(n.id);
  if (!ref.ok()) return;
  if (ref->report_id) {
    // Atrium: the reporter's own report, resolved.
    auto report = ctx_.reports->OwnReport(viewer_.account_id, ref->report_id);
    if (!report.ok()) return;
    if (auto json = ReportJson(ctx_, viewer_, *report); json.ok()) w.Key("report").Raw(*json);
  } else if (ref->warning_id) {
    auto warning = ctx_.reports->OwnWarning(viewer_.account_id, ref->warning_id);
    if (!warning.ok()) return;
    if (auto json = AccountWarningJson(ctx_, viewer_, *warning); json.ok())
      w.Key("moderation_warning").Raw(*json);
  }
}

Result<std::vector<NotificationRecord>> Renderer::PrepareNotifications(
    const std::vector<NotificationRecord>& all, std::vector<int64_t>* people,
    std::vector<const VisiblePost*>* posts) {
  if (auto s = LoadRules(); !s.ok()) return s;
  std::vector<NotificationRecord> list;
  AccountPtr viewer;
  for (const auto& n : all) {
    if (n.type == "admin.report") {
      // Only while the viewer still moderates what the report is about.
      if (!viewer) {
        auto a = ctx_.social.accounts.Get(viewer_.account_id);
        if (!a.ok()) return a.status();
        viewer = *a;
      }
      if (!ctx_.reports->NotedReport(viewer->account, n.id).ok()) continue;
    }
    const VisiblePost* p = n.status_id ? Lookup(n.status_id) : nullptr;
    if (!p || !Hidden(*p)) list.push_back(n);
  }
  for (const auto& n : list) {
    AddUnique(*people, n.from_account_id);
    if (n.status_id)
      if (const VisiblePost* p = Lookup(n.status_id)) posts->push_back(p);
  }
  if (auto s = LoadForWriting(*people, *posts); !s.ok()) return s;
  return list;
}

atrium::Status Renderer::LoadForWriting(const std::vector<int64_t>& people,
                                        const std::vector<const VisiblePost*>& posts) {
  auto accounts = ctx_.social.accounts.GetMany(people);
  if (!accounts.ok()) return accounts.status();
  for (auto& [id, a] : *accounts) accounts_[id] = a;
  return Prepare(posts);
}

Result<std::string> Renderer::Notifications(const std::vector<NotificationRecord>& all) {
  std::vector<int64_t> people;
  std::vector<const VisiblePost*> posts;
  auto list = PrepareNotifications(all, &people, &posts);
  if (!list.ok()) return list.status();
  JsonWriter w;
  w.BeginArray();
  for (const auto& n : *list) WriteNotification(w, n);
  w.EndArray();
  return w.Take();
}

Result<std::string> Renderer::NotificationRequests(
    const std::vector<NotificationRequestInfo>& requests) {
  std::vector<int64_t> people;
  std::vector<const VisiblePost*> posts;
  for (const auto& r : requests) {
    AddUnique(people, r.from_account_id);
    if (r.last_status_id)
      if (const VisiblePost* p = Lookup(r.last_status_id)) posts.push_back(p);
  }
  if (auto s = LoadForWriting(people, posts); !s.ok()) return s;
  JsonWriter w;
  w.BeginArray();
  for (const auto& r : requests) {
    w.BeginObject()
        .Field("id", std::to_string(r.id))
        .Field("created_at", FormatIso8601(r.created_at))
        .Field("updated_at", FormatIso8601(r.updated_at))
        // A string, as Mastodon sends it.
        .Field("notifications_count", std::to_string(r.notifications_count));
    w.Key("account");
    WriteAccountRef(w, r.from_account_id);
    if (const VisiblePost* p = r.last_status_id ? Lookup(r.last_status_id) : nullptr) {
      w.Key("last_status");
      WriteStatus(w, p->status, p->original, 0);
    }
    w.EndObject();
  }
  w.EndArray();
  return w.Take();
}

Result<std::string> Renderer::Conversations(const std::vector<ConversationView>& conversations) {
  std::vector<int64_t> people;
  std::vector<const VisiblePost*> posts;
  for (const ConversationView& c : conversations) {
    for (int64_t id : c.account_ids) AddUnique(people, id);
    posts.push_back(&c.last_status);
  }
  auto accounts = ctx_.social.accounts.GetMany(people);
  if (!accounts.ok()) return accounts.status();
  for (auto& [id, a] : *accounts) accounts_[id] = a;
  if (auto s = Prepare(posts); !s.ok()) return s;
  JsonWriter w;
  w.BeginArray();
  for (const ConversationView& c : conversations) {
    w.BeginObject().Field("id", std::to_string(c.id)).Field("unread", c.unread);
    w.Key("accounts").BeginArray();
    for (int64_t id : c.account_ids)
      if (accounts_.count(id)) WriteAccountRef(w, id);
    w.EndArray();
    w.Key("last_status");
    WriteStatus(w, c.last_status.status, c.last_status.original, 0);
    w.EndObject();
  }
  w.EndArray();
  return w.Take();
}

Result<std::string> Renderer::Conversation(const ConversationView& conversation) {
  auto arr = Conversations({conversation});
  if (!arr.ok()) return arr;
  return arr->substr(1, arr->size() - 2);
}

Result<std::string> Renderer::NotificationRequest(const NotificationRequestInfo& request) {
  auto arr = NotificationRequests({request});
  if (!arr.ok()) return arr;
  return arr->substr(1, arr->size() - 2);
}

Result<std::string> Renderer::Notification(const NotificationRecord& n) {
  auto arr = Notifications({n});
  if (!arr.ok()) return arr;
  if (*arr == "[]") return atrium::Status::NotFound();
  // Strip the array brackets.
  return arr->substr(1, arr->size() - 2);
}

Result<std::string> Renderer::GroupedNotifications(const std::vector<NotificationRecord>& all,
                                                   const std::vector<std::string>& groupable) {
  std::vector<int64_t> people;
  std::vector<const VisiblePost*> posts;
  auto list = PrepareNotifications(all, &people, &posts);
  if (!list.ok()) return list.status();
  auto can_group = [&](const std::string& type) {
    if (type != "favourite" && type != "reblog" && type != "follow") return false;
    return groupable.empty() ||
           std::find(groupable.begin(), groupable.end(), type) != groupable.end();
  };
  struct Group {
    std::string key;
    std::vector<const NotificationRecord*> members;
  };
  std::vector<Group> groups;
  std::unordered_map<std::string, size_t> index;
  for (const auto& n : *list) {
    std::string key = can_group(n.type) ? n.group_key : "ungrouped-" + std::to_string(n.id);
    auto it = index.find(key);
    if (it == index.end()) {
      index[key] = groups.size();
      groups.push_back({key, {}});
      it = index.find(key);
    }
    groups[it->second].members.push_back(&n);
  }
  JsonWriter w;
  w.BeginObject().Key("accounts").BeginArray();
  for (int64_t id : people) WriteAccountRef(w, id);
  w.EndArray().Key("statuses").BeginArray();
  std::unordered_set<int64_t> written;
  for (const VisiblePost* p : posts)
    if (written.insert(p->status->id).second) WriteStatus(w, p->status, p->original, 0);
  w.EndArray().Key("notification_groups").BeginArray();
  for (const Group& g : groups) {
    const NotificationRecord& newest = *g.members.front();
    const NotificationRecord& oldest = *g.members.back();
    w.BeginObject()
        .Field("group_key", g.key)
        .Field("notifications_count", static_cast<int64_t>(g.members.size()))
        .Field("type", newest.type)
        .Field("most_recent_notification_id", std::to_string(newest.id))
        .Field("page_min_id", std::to_string(oldest.id))
        .Field("page_max_id", std::to_string(newest.id))
        .Field("latest_page_notification_at", FormatIso8601(newest.created_at));
    w.Key("sample_account_ids").BeginArray();
    std::vector<int64_t> sample;
    for (const auto* m : g.members)
      if (sample.size() < 8) AddUnique(sample, m->from_account_id);
    for (int64_t id : sample) w.String(std::to_string(id));
    w.EndArray();
    if (newest.status_id && Lookup(newest.status_id))
      w.Field("status_id", std::to_string(newest.status_id));
    WriteModerationRef(w, newest);
    w.EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

Result<std::string> Renderer::StatusEdits(const StatusRecord& current,
                                          const std::vector<StatusEditRecord>& edits) {
  VisiblePost p{std::make_shared<const StatusRecord>(current), nullptr};
  if (auto s = Prepare({&p}); !s.ok()) return s;
  JsonWriter w;
  w.BeginArray();
  auto write = [&](const std::string& title, const std::string& content, const std::string& spoiler,
                   bool sensitive, int64_t at) {
    w.BeginObject();
    if (current.kind != StatusKind::kStatus)
      w.Key("atrium").BeginObject().Field("title", title).EndObject();
    w.Field("content", content)
        .Field("spoiler_text", spoiler)
        .Field("sensitive", sensitive)
        .Field("created_at", FormatIso8601(at));
    w.Key("account");
    WriteAccountRef(w, current.account_id);
    w.Key("poll").Null();
    w.Key("media_attachments").BeginArray().EndArray();
    w.Key("emojis").BeginArray().EndArray();
    w.EndObject();
  };
  for (const auto& e : edits)
    write(e.title, e.content_html, e.spoiler_text, e.sensitive, e.created_at);
  write(current.title, current.content_html, current.spoiler_text, current.sensitive,
        current.edited_at ? current.edited_at : current.created_at);
  w.EndArray();
  return w.Take();
}

}  // namespace atrium::api
