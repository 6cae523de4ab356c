#include "social/posting_service.h"

#include <fmt/format.h>

#include <algorithm>
#include <unordered_set>

#include "base/clock.h"
#include "base/json_writer.h"
#include "base/markdown.h"
#include "base/status_text.h"
#include "base/text.h"
#include "social/conversation_service.h"
#include "social/pin_limit.h"
#include "social/post_record_json.h"

namespace atrium {
namespace {

bool IsBlank(const std::string& s) { return s.find_first_not_of(" \t\r\n") == std::string::npos; }

int Breadth(Visibility v) { return static_cast<int>(v); }  // larger: narrower

// Tags in order of first use, each de-duplicated in constant time: a long
// body may carry tens of thousands of them.
class TagList {
 public:
  void Add(std::string name) {
    if (seen_.insert(name).second) list_.push_back(std::move(name));
  }
  std::vector<std::string> Take() { return std::move(list_); }

 private:
  std::vector<std::string> list_;
  std::unordered_set<std::string> seen_;
};

// The normalized #tags written in `text`, in order of first use.
std::vector<std::string> TagsIn(const std::string& text) {
  TagList out;
  for (const auto& tag : ParseStatusText(text).hashtags) out.Add(NormalizeHashtag(tag.name));
  return out.Take();
}

// An explicit tag ("#name" or "name") normalized, or nullopt if it is not
// one hashtag exactly.
std::optional<std::string> ExplicitTag(const std::string& raw) {
  std::string written = std::string(Trim(raw));
  if (!written.empty() && written[0] == '#') written.erase(0, 1);
  if (written.empty()) return std::nullopt;
  ParsedText parsed = ParseStatusText("#" + written);
  if (parsed.hashtags.size() != 1 || parsed.hashtags[0].span.end != written.size() + 1)
    return std::nullopt;
  return NormalizeHashtag(written);
}

// What a Mastodon app shows for a blog entry or question: the title as a
// strong first line (marked, so that Atrium's own client can show it as a
// heading instead), then the rendered body, its #hashtags linked to
// `base_url`'s tag pages.
std::string LongFormHtml(const std::string& title, const std::string& body,
                         const std::string& base_url) {
  std::string html = "<p class=\"atrium-title\"><strong>" + HtmlEscape(title) + "</strong></p>";
  if (!IsBlank(body)) html += RenderMarkdown(body, base_url);
  return html;
}

}  // namespace

NotificationRecord PostingService::MakeNotification(int64_t to, int64_t from,
                                                    const std::string& type, int64_t status_id) {
  NotificationRecord n;
  n.id = core_.ids.Next();
  n.account_id = to;
  n.from_account_id = from;
  n.type = type;
  n.status_id = status_id;
  n.created_at = NowMillis();
  if (type == "favourite" || type == "reblog")
    n.group_key = fmt::format("{}-{}", type, status_id);
  else
    n.group_key = fmt::format("ungrouped-{}", n.id);
  return n;
}

void PostingService::Announce(const std::vector<NotificationRecord>& notifications) {
  for (const auto& n : notifications) core_.fanout.Notified(n);
}

Status PostingService::ValidateText(const std::string& text, const std::string& spoiler_text) {
  if (!IsValidUtf8(text) || !IsValidUtf8(spoiler_text))
    return Status::Unprocessable("Validation failed: Text is not valid UTF-8");
  if (IsBlank(text)) return Status::Unprocessable("Validation failed: Text can't be blank");
  size_t chars = CountCodePoints(text) + CountCodePoints(spoiler_text);
  if (chars > static_cast<size_t>(core_.settings.status_max_chars))
    return Status::Unprocessable(fmt::format(
        "Validation failed: Text character limit of {} exceeded", core_.settings.status_max_chars));
  return Status::Ok();
}

PostingService::Rendered PostingService::Render(const std::string& text) {
  Rendered out;
  ParsedText parsed = ParseStatusText(text);
  const std::string base = core_.settings.BaseUrl();
  MentionResolver resolve = [&](std::string_view username) -> std::optional<MentionTarget> {
    auto a = core_.store.accounts().FindByUsername(username);
    if (!a.ok() || !a->active) return std::nullopt;
    if (std::find(out.mention_ids.begin(), out.mention_ids.end(), a->id) == out.mention_ids.end())
      out.mention_ids.push_back(a->id);
    return MentionTarget{base + "/@" + a->username, a->username};
  };
  out.html = RenderStatusHtml(text, parsed, resolve, base);
  TagList tags;
  for (const auto& tag : parsed.hashtags) tags.Add(NormalizeHashtag(tag.name));
  out.tags = tags.Take();
  return out;
}

Result<PostingService::Rendered> PostingService::RenderKind(
    StatusKind kind, const std::string& title, const std::string& text,
    const std::string& spoiler_text, const std::vector<std::string>& explicit_tags) {
  if (kind == StatusKind::kStatus) {
    if (Status s = ValidateText(text, spoiler_text); !s.ok()) return s;
    return Render(text);
  }
  if (!IsValidUtf8(title) || !IsValidUtf8(text) || !IsValidUtf8(spoiler_text))
    return Status::Unprocessable("Validation failed: Text is not valid UTF-8");
  const std::string heading = std::string(Trim(title));
  if (heading.empty()) return Status::Unprocessable("Validation failed: Title can't be blank");
  if (CountCodePoints(heading) > kMaxTitleChars)
    return Status::Unprocessable(
        fmt::format("Validation failed: Title is longer than {} characters", kMaxTitleChars));
  if (kind == StatusKind::kBlog && IsBlank(text))
    return Status::Unprocessable("Validation failed: Text can't be blank");
  if (CountCodePoints(text) + CountCodePoints(spoiler_text) > kMaxLongFormChars)
    return Status::Unprocessable(
        fmt::format("Validation failed: Text character limit of {} exceeded", kMaxLongFormChars));
  if (explicit_tags.size() > kMaxExplicitTags)
    return Status::Unprocessable(
        fmt::format("Validation failed: At most {} tags may be given", kMaxExplicitTags));
  if (Status s = CheckMarkdown(text, "Text"); !s.ok()) return s;
  Rendered out;
  out.html = LongFormHtml(heading, text, core_.settings.BaseUrl());
  TagList tags;
  for (auto& tag : TagsIn(text)) tags.Add(std::move(tag));
  for (const auto& raw : explicit_tags) {
    auto tag = ExplicitTag(raw);
    if (!tag) return Status::Unprocessable("Validation failed: A tag is not a valid hashtag");
    tags.Add(std::move(*tag));
  }
  out.tags = tags.Take();
  return out;
}

Result<SocialCore::VisiblePost> PostingService::VisibleTo(const Account& actor, int64_t status_id) {
  auto viewer = core_.ViewerFor(actor.id);
  if (!viewer.ok()) return viewer.status();
  return core_.Visible(*viewer, status_id);
}

Status PostingService::CheckCommunityPost(const Viewer& viewer, StatusRecord& s,
                                          bool visibility_given) {
  const CommunityRecord* c = viewer.communities->Find(s.community_id);
  const bool member = viewer.graph->MemberOf(s.community_id);
  // A restricted, unlisted community is as absent to a non-member as one
  // that never existed.
  if (!c || (!member && c->type == CommunityType::kRestricted && !c->listed))
    return Status::NotFound("Record not found", "No such community");
  if (c->archived)
    return Status::Unprocessable("Validation failed: The community is archived (read-only)");
  if (!member)
    return Status::Forbidden("This action is not allowed", "Join the community to post in it");
  if (visibility_given && s.visibility == Visibility::kDirect)
    return Status::Unprocessable("Validation failed: Direct posts cannot be made in a community");
  // The community decides who sees its posts; the visibility shown to apps
  // says so (a lock for a restricted community).
  s.visibility = c->type == CommunityType::kRestricted ? Visibility::kPrivate : Visibility::kPublic;
  return Status::Ok();
}

Status PostingService::RefuseIfArchived(const StatusRecord& post) const {
  if (post.community_id == 0) return Status::Ok();
  auto communities = core_.communities.Snapshot();
  const CommunityRecord* c = communities->Find(post.community_id);
  if (c && c->archived)
    return Status::Unprocessable("Validation failed: The community is archived (read-only)");
  return Status::Ok();
}

Status PostingService::CheckOptions(const PostInput& in) {
  if (in.kind != StatusKind::kStatus) {
    if (in.in_reply_to_id != 0)
      return Status::Unprocessable("Validation failed: A blog entry or question cannot be a reply");
    if (in.visibility == "direct")
      return Status::Unprocessable(
          "Validation failed: A blog entry or question cannot be a direct post");
  }
  if (in.poll) {
    if (in.kind != StatusKind::kStatus)
      return Status::Unprocessable(
          "Validation failed: A blog entry or question cannot have a poll");
    if (!in.media_ids.empty())
      return Status::Unprocessable("Validation failed: A post with a poll cannot have attachments");
    if (auto poll = MakePoll(*in.poll, NowMillis(), core_.settings.poll_min_expiration_ms);
        !poll.ok())
      return poll.status();
  }
  if (!in.visibility.empty() && !ParseVisibility(in.visibility))
    return Status::Unprocessable(
        "Validation failed: Visibility must be public, unlisted, private or direct");
  if (in.language.size() > 16 || !IsValidUtf8(in.language))
    return Status::Unprocessable("Validation failed: Language is not a language code");
  return Status::Ok();
}

Status PostingService::Validate(const PostInput& in) {
  auto r = RenderKind(in.kind, in.title, in.text, in.spoiler_text, in.tags);
  if (!r.ok()) return r.status();
  return CheckOptions(in);
}

namespace {

// The ids of `mentioned` that `allowed` does not list (none when it is absent).
std::vector<int64_t> NotAllowed(const std::vector<int64_t>& mentioned,
                                const std::optional<std::vector<int64_t>>& allowed) {
  std::vector<int64_t> out;
  if (!allowed) return out;
  for (int64_t id : mentioned)
    if (std::find(allowed->begin(), allowed->end(), id) == allowed->end()) out.push_back(id);
  return out;
}

}  // namespace

Result<std::vector<int64_t>> PostingService::UnexpectedMentions(const PostInput& in) {
  if (!in.allowed_mentions) return std::vector<int64_t>();
  auto r = RenderKind(in.kind, in.title, in.text, in.spoiler_text, in.tags);
  if (!r.ok()) return r.status();
  return NotAllowed(r->mention_ids, in.allowed_mentions);
}

Result<StatusRecord> PostingService::Post(const Account& author, const PostInput& in) {
  auto r = RenderKind(in.kind, in.title, in.text, in.spoiler_text, in.tags);
  if (!r.ok()) return r.status();
  if (!NotAllowed(r->mention_ids, in.allowed_mentions).empty())
    return Status::Unprocessable(kUnexpectedMentions);
  if (Status st = CheckOptions(in); !st.ok()) return st;
  // Limits a moderator placed on the author (ReportService::ActOnAccount).
  auto limits = core_.store.reports().Limits(author.id);
  if (!limits.ok()) return limits.status();
  if (limits->silenced_at != 0)
    return Status::Forbidden("Your account is limited",
                             "A moderator limited your account: you can read but not post");
  if (!in.idempotency_key.empty()) {
    auto existing = core_.store.statuses().FindIdempotent(author.id, in.idempotency_key,
                                                          NowMillis() - kIdempotencyWindowMs);
    if (existing.ok()) {
      auto s = core_.statuses.Get(*existing);
      if (s.ok()) return **s;
    }
  }
  StatusRecord s;
  s.visibility = ParseVisibility(in.visibility).value_or(Visibility::kPublic);

  auto viewer = core_.ViewerFor(author.id);
  if (!viewer.ok()) return viewer.status();
  StatusPtr parent;
  if (in.in_reply_to_id != 0) {
    auto p = core_.Visible(*viewer, in.in_reply_to_id);
    if (!p.ok()) {
      if (p.status().code() == Code::kNotFound)
        return Status::Unprocessable(
            "Validation failed: The post you reply to does not exist or you cannot see it");
      return p.status();
    }
    if (p->status->reblog_of_id != 0)
      return Status::Unprocessable(
          "Validation failed: Reply to the original post, not to a repost");
    parent = p->status;
    // A reply is never more widely visible than what it answers.
    if (in.visibility.empty() && Breadth(parent->visibility) > Breadth(s.visibility))
      s.visibility = parent->visibility;
    s.community_id = parent->community_id;
  }
  if (in.quoted_status_id != 0) {
    auto q = core_.Visible(*viewer, in.quoted_status_id);
    if (!q.ok()) {
      if (q.status().code() == Code::kNotFound)
        return Status::Unprocessable(
            "Validation failed: The post you quote does not exist or you cannot see it");
      return q.status();
    }
    if (q->status->reblog_of_id != 0)
      return Status::Unprocessable("Validation failed: Quote the original post, not a repost");
    if (q->status->visibility == Visibility::kPrivate ||
        q->status->visibility == Visibility::kDirect)
      return Status::Unprocessable(
          "Validation failed: Only public and unlisted posts may be quoted");
    s.quote_of_id = q->status->id;
  }

  s.id = core_.ids.Next();
  s.account_id = author.id;
  if (parent) {
    s.in_reply_to_id = parent->id;
    s.in_reply_to_account_id = parent->account_id;
  }
  if (in.community_id != 0) {
    if (parent && parent->community_id != in.community_id)
      return Status::Unprocessable(
          "Validation failed: A comment stays in the community of the post it answers");
    s.community_id = in.community_id;
  }
  if (s.community_id != 0)
    if (Status st = CheckCommunityPost(*viewer, s, !in.visibility.empty()); !st.ok()) return st;
  s.kind = in.kind;
  if (in.kind != StatusKind::kStatus) s.title = std::string(Trim(in.title));
  s.text = in.text;
  s.spoiler_text = in.spoiler_text;
  s.sensitive = in.sensitive || !in.spoiler_text.empty() ||
                (limits->sensitized_at != 0 && !in.media_ids.empty());
  s.language = in.language;
  s.content_html = r->html;
  s.created_at = NowMillis();
  if (in.poll) {
    auto poll = MakePoll(*in.poll, s.created_at, core_.settings.poll_min_expiration_ms);
    if (!poll.ok()) return poll.status();
    s.poll = std::move(*poll);
  }
  s.mention_ids = r->mention_ids;
  s.tags = r->tags;
  if (!in.media_ids.empty()) {
    auto media = Attachments(author.id, s.id, in.media_ids);
    if (!media.ok()) return media.status();
    s.media = std::move(*media);
  }

  // Notifications: mentions, a reply to someone's post, a quote of it. Not to
  // yourself, not to someone who blocks you or whom you block, not to
  // someone who may not see the post.
  std::vector<NotificationRecord> notes;
  std::vector<int64_t> notified;
  auto notify = [&](int64_t to, const std::string& type) {
    if (to == author.id || std::find(notified.begin(), notified.end(), to) != notified.end())
      return;
    if ((*viewer).graph->BlockedEitherWay(to)) return;
    auto g = core_.graph.Get(to);
    if (!g.ok()) return;
    if (!VisibilityPolicy::CanSee(core_.ViewerWith(to, *g), s)) return;
    if ((*g)->MutesNotificationsOf(author.id)) return;
    if (core_.MutedThread(to, s)) return;
    notified.push_back(to);
    notes.push_back(MakeNotification(to, author.id, type, s.id));
  };
  for (int64_t id : s.mention_ids) notify(id, "mention");
  if (parent) notify(parent->account_id, "reply");
  if (s.quote_of_id != 0) {
    auto q = core_.statuses.Get(s.quote_of_id);
    if (q.ok()) notify((*q)->account_id, "quote");
  }

  const AccountPtr author_before = core_.accounts.Cached(author.id);
  const uint64_t marks_ticket = core_.viewer_states.Ticket(author.id);
  // A direct post joins its people's conversations, written with it.
  Status st =
      core_.store.statuses().Create(s, notes, in.idempotency_key, ConversationEntries(core_, s));
  if (st.code() == Code::kConflict && !in.idempotency_key.empty()) {
    // Another request with the same key won the race: answer with its post.
    auto existing = core_.store.statuses().FindIdempotent(author.id, in.idempotency_key, 0);
    if (existing.ok()) {
      auto e = core_.statuses.Get(*existing);
      if (e.ok()) return **e;
    }
  }
  if (!st.ok()) return st;
  if (parent) core_.statuses.Invalidate(parent->id);
  if (s.quote_of_id) core_.statuses.Invalidate(s.quote_of_id);
  core_.statuses.Put(s);
  core_.accounts.PostCounted(author_before, s, +1);
  core_.viewer_states.NewPostWritten(author.id, s.id, marks_ticket);
  core_.fanout.PostCreated(s);
  if (link_cards_) link_cards_->PostWritten(s);
  Announce(notes);
  return s;
}

Result<StatusRecord> PostingService::Edit(const Account& author, int64_t status_id,
                                          const EditInput& in) {
  auto current = core_.statuses.Get(status_id);
  if (!current.ok()) return current.status();
  const StatusRecord& old = **current;
  if (old.account_id != author.id) {
    // Someone else's post: as good as missing if they cannot see it.
    auto visible = VisibleTo(author, status_id);
    if (!visible.ok()) return visible.status();
    return Status::NotFound();  // as Mastodon: someone else's post is not yours to edit
  }
  if (old.reblog_of_id != 0)
    return Status::Unprocessable("Validation failed: A repost cannot be edited");
  if (Status s = RefuseIfArchived(old); !s.ok()) return s;
  // The explicit tags of a blog entry or question: given, or those of the old
  // version that its body did not carry.
  std::vector<std::string> explicit_tags;
  if (in.tags) {
    explicit_tags = *in.tags;
  } else if (old.kind != StatusKind::kStatus) {
    const std::vector<std::string> in_body = TagsIn(old.text);
    for (const auto& tag : old.tags)
      if (std::find(in_body.begin(), in_body.end(), tag) == in_body.end())
        explicit_tags.push_back(tag);
  }
  const std::string title = in.title.value_or(old.title);
  auto r = RenderKind(old.kind, title, in.text, in.spoiler_text, explicit_tags);
  if (!r.ok()) return r.status();
  if (in.language.size() > 16 || !IsValidUtf8(in.language))
    return Status::Unprocessable("Validation failed: Language is not a language code");

  StatusEditRecord previous;
  previous.id = core_.ids.Next();
  previous.status_id = old.id;
  previous.title = old.title;
  previous.text = old.text;
  previous.spoiler_text = old.spoiler_text;
  previous.sensitive = old.sensitive;
  previous.content_html = old.content_html;
  previous.created_at = old.edited_at ? old.edited_at : old.created_at;

  StatusRecord s = old;
  if (old.kind != StatusKind::kStatus) s.title = std::string(Trim(title));
  s.text = in.text;
  s.spoiler_text = in.spoiler_text;
  s.sensitive = in.sensitive || !in.spoiler_text.empty();
  s.language = in.language.empty() ? old.language : in.language;
  s.content_html = r->html;
  s.mention_ids = r->mention_ids;
  s.tags = r->tags;
  s.edited_at = std::max(NowMillis(), old.created_at + 1);
  if (in.media_ids) {
    auto media = Attachments(author.id, s.id, *in.media_ids);
    if (!media.ok()) return media.status();
    s.media = std::move(*media);
  }

  // Tell the people who liked or reposted it.
  std::vector<NotificationRecord> notes;
  std::vector<int64_t> told;
  PageRequest all{0, 0, 0, 1000};
  for (auto fn : {&StatusStore::FavouritedBy, &StatusStore::RebloggedBy}) {
    auto who = (core_.store.statuses().*fn)(old.id, all);
    if (!who.ok()) continue;
    for (const PageEntry& e : *who) {
      if (e.id == author.id || std::find(told.begin(), told.end(), e.id) != told.end()) continue;
      auto g = core_.graph.Get(e.id);
      if (!g.ok() || !VisibilityPolicy::CanSee(core_.ViewerWith(e.id, *g), s)) continue;
      if (core_.MutedThread(e.id, s)) continue;
      told.push_back(e.id);
      notes.push_back(MakeNotification(e.id, author.id, "update", s.id));
    }
  }
  if (Status st = core_.store.statuses().Update(s, previous, notes); !st.ok()) return st;
  // A card whose link the edit removed or changed goes before anyone hears
  // of the edit (PostWritten below queues the new link's).
  if (link_cards_) link_cards_->Edited(s);
  core_.statuses.Invalidate(s.id);
  core_.fanout.PostEdited(s);
  Announce(notes);
  auto fresh = core_.statuses.Get(s.id);
  if (!fresh.ok()) return fresh.status();
  if (link_cards_) link_cards_->PostWritten(**fresh);
  return **fresh;
}

// What the audit log keeps of a post deleted by someone else than its author.
std::string DeletedPostJson(const StatusRecord& post) {
  JsonWriter w;
  w.BeginObject()
      .Field("account_id", std::to_string(post.account_id))
      .Field("created_at", FormatIso8601(post.created_at))
      .Key("community_id")
      .IdOrNull(post.community_id)
      .Field("text", post.text)
      .EndObject();
  return w.Take();
}

Result<StatusRecord> PostingService::Delete(const Account& actor, int64_t status_id,
                                            const AuditActor* by) {
  auto current = core_.statuses.Get(status_id);
  if (!current.ok()) return current.status();
  StatusRecord old = **current;
  if (old.account_id != actor.id) {
    auto visible = VisibleTo(actor, status_id);
    if (!visible.ok()) return visible.status();
    if (actor.role != kRoleModerator && actor.role != kRoleAdmin)
      return Status::NotFound();  // as Mastodon: someone else's post is not yours to delete
  }
  auto erased = EraseThread(old);
  if (erased.ok() && by && old.account_id != actor.id)
    if (Status s = AuditLog(core_.store)
                       .Record(*by, "status.delete", "status", std::to_string(status_id),
                               DeletedPostJson(old));
        !s.ok())
      return s;
  return erased;
}

Result<StatusRecord> PostingService::EraseThread(const StatusRecord& root) {
  // The thread below the post, breadth first: parents before their comments.
  std::vector<int64_t> below;
  std::unordered_set<int64_t> seen{root.id};
  int64_t parent = root.id;
  for (size_t next = 0;; ++next) {
    auto replies = core_.store.statuses().Replies(parent);
    if (!replies.ok()) return replies.status();
    for (int64_t id : *replies)
      if (seen.insert(id).second) below.push_back(id);
    if (next >= below.size()) break;
    parent = below[next];
  }
  for (auto it = below.rbegin(); it != below.rend(); ++it) {
    auto reply = core_.store.statuses().Get(*it);
    if (!reply.ok()) {
      if (reply.status().code() == Code::kNotFound) continue;  // gone meanwhile
      return reply.status();
    }
    auto erased = Erase(*reply);
    if (!erased.ok() && erased.status().code() != Code::kNotFound) return erased.status();
  }
  return Erase(root);
}

Result<StatusRecord> PostingService::Erase(const StatusRecord& old) {
  const int64_t status_id = old.id;
  // The store deletes the post's reposts with it, each counted down on its
  // author: those accounts change too.
  std::vector<int64_t> reposters;
  for (PageRequest page{0, 0, 0, 1000}; old.reblog_of_id == 0;) {
    auto some = core_.store.statuses().RebloggedBy(status_id, page);
    if (!some.ok()) return some.status();
    for (const PageEntry& e : *some) reposters.push_back(e.id);
    if (some->size() < static_cast<size_t>(page.limit)) break;
    page.max_id = some->back().cursor;
  }
  // Under a legal hold the post is kept, as it was, before it goes: gone
  // for every member, there for eDiscovery (its files too).
  auto held = core_.store.compliance().IsHeld(old.account_id, old.community_id);
  if (!held.ok()) return held.status();
  if (*held) {
    auto history = core_.store.statuses().History(status_id);
    if (!history.ok()) return history.status();
    JsonWriter record;
    WritePostRecord(record, old, *history);
    if (Status s = core_.store.compliance().KeepHeld({status_id, old.account_id, old.community_id,
                                                      old.created_at, NowMillis(), record.Take()});
        !s.ok())
      return s;
  }
  const AccountPtr author_before = core_.accounts.Cached(old.account_id);
  auto ids = core_.store.statuses().Delete(status_id);
  if (!ids.ok()) return ids.status();
  for (int64_t id : *ids) core_.statuses.Invalidate(id);
  core_.accounts.PostCounted(author_before, old, -1);
  for (int64_t id : reposters)
    if (id != old.account_id) core_.accounts.Invalidate(id);
  core_.viewer_states.Invalidate(old.account_id);  // a repost or a pin of theirs
  if (old.in_reply_to_id) core_.statuses.Invalidate(old.in_reply_to_id);
  if (old.reblog_of_id) core_.statuses.Invalidate(old.reblog_of_id);
  if (old.quote_of_id) core_.statuses.Invalidate(old.quote_of_id);
  core_.fanout.PostsDeleted(old, *ids);
  // The rows went with the post; the files follow (unless held).
  if (media_ && !*held) media_->RemoveFiles(old.media);
  return old;
}

Result<std::vector<MediaRecord>> PostingService::Attachments(int64_t author_id, int64_t status_id,
                                                             const std::vector<int64_t>& ids) {
  if (media_ == nullptr)
    return Status::Unprocessable("Validation failed: Media attachments are not supported");
  return media_->ForPost(author_id, status_id, ids);
}

Result<StatusRecord> PostingService::Reblog(const Account& actor, int64_t status_id,
                                            const std::string& visibility) {
  auto visible = VisibleTo(actor, status_id);
  if (!visible.ok()) return visible.status();
  StatusPtr original = visible->original ? visible->original : visible->status;
  if (!original) return Status::NotFound();
  if (Status s = RefuseIfArchived(*original); !s.ok()) return s;
  if ((original->visibility == Visibility::kPrivate && original->account_id != actor.id) ||
      original->visibility == Visibility::kDirect)
    return Status::Forbidden("This action is not allowed",
                             "Followers-only and direct posts cannot be reposted");
  auto existing = core_.store.statuses().FindReblog(actor.id, original->id);
  if (!existing.ok()) return existing.status();
  if (*existing != 0) {
    auto s = core_.statuses.Get(*existing);
    if (s.ok()) return **s;
  }
  StatusRecord s;
  s.id = core_.ids.Next();
  s.account_id = actor.id;
  s.reblog_of_id = original->id;
  s.community_id = original->community_id;
  s.visibility = Visibility::kPublic;
  if (!visibility.empty()) {
    auto v = ParseVisibility(visibility);
    if (!v || *v == Visibility::kDirect)
      return Status::Unprocessable(
          "Validation failed: Visibility must be public, unlisted or private");
    s.visibility = *v;
  }
  if (Breadth(original->visibility) > Breadth(s.visibility)) s.visibility = original->visibility;
  s.created_at = NowMillis();
  std::vector<NotificationRecord> notes;
  if (original->account_id != actor.id) {
    auto g = core_.graph.Get(original->account_id);
    if (g.ok() && !(*g)->BlockedEitherWay(actor.id) && !(*g)->MutesNotificationsOf(actor.id) &&
        !core_.MutedThread(original->account_id, *original))
      notes.push_back(MakeNotification(original->account_id, actor.id, "reblog", original->id));
  }
  const AccountPtr actor_before = core_.accounts.Cached(actor.id);
  if (Status st = core_.store.statuses().Create(s, notes, ""); !st.ok()) return st;
  core_.statuses.Invalidate(original->id);
  core_.statuses.Put(s);
  core_.accounts.PostCounted(actor_before, s, +1);
  core_.viewer_states.Invalidate(actor.id);
  core_.fanout.PostCreated(s);
  Announce(notes);
  return s;
}

Result<StatusRecord> PostingService::Unreblog(const Account& actor, int64_t status_id) {
  auto visible = VisibleTo(actor, status_id);
  if (!visible.ok()) return visible.status();
  StatusPtr original = visible->original ? visible->original : visible->status;
  auto existing = core_.store.statuses().FindReblog(actor.id, original->id);
  if (!existing.ok()) return existing.status();
  if (*existing != 0) {
    auto wrapper = core_.statuses.Get(*existing);
    const AccountPtr actor_before = core_.accounts.Cached(actor.id);
    auto ids = core_.store.statuses().Delete(*existing);
    if (!ids.ok()) return ids.status();
    for (int64_t id : *ids) core_.statuses.Invalidate(id);
    core_.statuses.Invalidate(original->id);
    if (wrapper.ok())
      core_.accounts.PostCounted(actor_before, **wrapper, -1);
    else
      core_.accounts.Invalidate(actor.id);
    core_.viewer_states.Invalidate(actor.id);
    if (wrapper.ok()) core_.fanout.PostsDeleted(**wrapper, *ids);
  }
  auto fresh = core_.statuses.Get(original->id);
  if (!fresh.ok()) return fresh.status();
  return **fresh;
}

Result<StatusRecord> PostingService::Favourite(const Account& actor, int64_t status_id) {
  auto visible = VisibleTo(actor, status_id);
  if (!visible.ok()) return visible.status();
  StatusPtr target = visible->original ? visible->original : visible->status;
  if (Status s = RefuseIfArchived(*target); !s.ok()) return s;
  NotificationRecord note;
  if (target->account_id != actor.id) {
    auto g = core_.graph.Get(target->account_id);
    if (g.ok() && !(*g)->BlockedEitherWay(actor.id) && !(*g)->MutesNotificationsOf(actor.id) &&
        !core_.MutedThread(target->account_id, *target))
      note = MakeNotification(target->account_id, actor.id, "favourite", target->id);
  }
  auto added = core_.store.statuses().Favourite(core_.ids.Next(), actor.id, target->id, note);
  if (!added.ok()) return added.status();
  core_.statuses.Invalidate(target->id);
  core_.viewer_states.Invalidate(actor.id);
  if (*added && note.account_id) Announce({note});
  auto fresh = core_.statuses.Get(target->id);
  if (!fresh.ok()) return fresh.status();
  return **fresh;
}

Result<StatusRecord> PostingService::Unfavourite(const Account& actor, int64_t status_id) {
  auto visible = VisibleTo(actor, status_id);
  if (!visible.ok()) return visible.status();
  StatusPtr target = visible->original ? visible->original : visible->status;
  if (Status s = RefuseIfArchived(*target); !s.ok()) return s;
  auto removed = core_.store.statuses().Unfavourite(actor.id, target->id);
  if (!removed.ok()) return removed.status();
  core_.statuses.Invalidate(target->id);
  core_.viewer_states.Invalidate(actor.id);
  auto fresh = core_.statuses.Get(target->id);
  if (!fresh.ok()) return fresh.status();
  return **fresh;
}

Result<StatusRecord> PostingService::Bookmark(const Account& actor, int64_t status_id) {
  auto visible = VisibleTo(actor, status_id);
  if (!visible.ok()) return visible.status();
  StatusPtr target = visible->original ? visible->original : visible->status;
  auto r = core_.store.statuses().Bookmark(core_.ids.Next(), actor.id, target->id);
  if (!r.ok()) return r.status();
  core_.viewer_states.Invalidate(actor.id);
  return *target;
}

Result<StatusRecord> PostingService::Unbookmark(const Account& actor, int64_t status_id) {
  auto visible = VisibleTo(actor, status_id);
  if (!visible.ok()) return visible.status();
  StatusPtr target = visible->original ? visible->original : visible->status;
  auto r = core_.store.statuses().Unbookmark(actor.id, target->id);
  if (!r.ok()) return r.status();
  core_.viewer_states.Invalidate(actor.id);
  return *target;
}

Result<StatusRecord> PostingService::Pin(const Account& actor, int64_t status_id) {
  auto visible = VisibleTo(actor, status_id);
  if (!visible.ok()) return visible.status();
  const StatusRecord& s = *visible->status;
  if (s.account_id != actor.id)
    return Status::Unprocessable("Validation failed: You can pin only your own posts");
  if (s.reblog_of_id != 0)
    return Status::Unprocessable("Validation failed: A repost cannot be pinned");
  if (s.visibility == Visibility::kDirect)
    return Status::Unprocessable("Validation failed: A direct post cannot be pinned");
  // At most kMaxPinnedStatuses; pinning one already pinned changes nothing.
  StatusStore::AuthorFilter only_pinned;
  only_pinned.only_pinned = true;
  auto pinned = core_.store.statuses().ByAuthor(actor.id, only_pinned,
                                                PageRequest{0, 0, 0, kMaxPinnedStatuses + 1});
  if (!pinned.ok()) return pinned.status();
  if (std::find(pinned->begin(), pinned->end(), s.id) == pinned->end() &&
      pinned->size() >= static_cast<size_t>(kMaxPinnedStatuses))
    return Status::Unprocessable(
        "Validation failed: You have already pinned the maximum number of posts",
        "at most " + std::to_string(kMaxPinnedStatuses) + " posts can be pinned; unpin one first");
  auto r = core_.store.statuses().Pin(actor.id, s.id, NowMillis());
  if (!r.ok()) return r.status();
  core_.viewer_states.Invalidate(actor.id);
  return s;
}

Result<StatusRecord> PostingService::Unpin(const Account& actor, int64_t status_id) {
  auto visible = VisibleTo(actor, status_id);
  if (!visible.ok()) return visible.status();
  auto r = core_.store.statuses().Unpin(actor.id, status_id);
  if (!r.ok()) return r.status();
  core_.viewer_states.Invalidate(actor.id);
  return *visible->status;
}

}  // namespace atrium
