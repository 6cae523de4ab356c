// Posts on either backend: statuses with their mentions, tags and edit history,
// likes, bookmarks, pins and the post lists timelines are built from.
//
// Timeline queries walk an index newest first and stop at the page limit:
// ByAuthor and RecentByAuthors use statuses(account_id, id), PublicTimeline a
// partial index holding exactly its posts, TagTimeline status_tags(tag_id,
// status_id). RecentByAuthors with n authors seeks n ranges and sorts the
// candidates (O(k log k) for k posts below max_id of those authors).
// CommunityTimeline and RecentIdsInCommunities read the partial index
// statuses_community, one community at a time, each read bounded by its
// limit.
//
// PublicTimeline, as Mastodon's public feed, hides replies except replies to
// the author's own posts (threads), like ByAuthor's exclude_replies.
#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <functional>
#include <optional>
#include <set>
#include <unordered_map>

#include "store/sql/conversation_store.h"
#include "store/sql/database.h"
#include "store/sql/link_card_store.h"
#include "store/sql/media_store.h"
#include "store/sql/poll_store.h"
#include "store/sql/rows.h"
#include "store/sql/search_store.h"
#include "store/sql/social_store.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

// An Idempotency-Key names one post for this long (Mastodon keeps it an
// hour); afterwards the same key makes a new post.
constexpr int64_t kIdempotencyWindowMs = 3600 * 1000;

// Ids gathered from several chunks of an IN list: the newest `limit`,
// newest first.
std::vector<int64_t> NewestIds(std::vector<int64_t> ids, int limit) {
  std::sort(ids.begin(), ids.end(), std::greater<>());
  if (ids.size() > static_cast<size_t>(limit)) ids.resize(static_cast<size_t>(limit));
  return ids;
}

// The rest of a home rebuild's query after "... IN ": the chunk of ids,
// the posts' bound and order. `community_stream`: only posts that are
// neither reposts nor replies.
void FinishRecentQuery(SqlBuilder& q, std::span<const int64_t> chunk, bool community_stream,
                       int64_t max_id, int limit) {
  q.AddInList(chunk);
  if (community_stream) q.Add(" AND s.reblog_of_id IS NULL AND s.in_reply_to_id IS NULL");
  if (max_id > 0) q.Add(" AND s.id < ?", max_id);
  q.Add(" ORDER BY s.id DESC LIMIT ?", static_cast<int64_t>(limit));
}

// The ids of the newest posts whose `column` (account_id) is one of
// `values`, from that column's index: the home rebuild's candidates.
Result<std::vector<int64_t>> RecentIds(Database& db, const char* column,
                                       const std::vector<int64_t>& values, bool community_stream,
                                       int64_t max_id, int limit) {
  if (values.empty() || limit <= 0) return std::vector<int64_t>{};
  return ReadResult(db, [&](Connection& c) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> out;
    ForEachChunk(SortedUnique(values), [&](std::span<const int64_t> chunk) {
      SqlBuilder q(fmt::format("SELECT s.id FROM statuses s WHERE s.{} IN ", column));
      FinishRecentQuery(q, chunk, community_stream, max_id, limit);
      q.ForEachRow(c, [&](const Stmt& s) { out.push_back(s.Int(0)); });
    });
    return NewestIds(std::move(out), limit);
  });
}

// "SELECT id FROM statuses" read through statuses_community, the partial
// index holding exactly a community's top-level posts (neither reposts nor
// replies) by (community_id, id): the query goes on with "WHERE
// community_id = ? AND reblog_of_id IS NULL AND in_reply_to_id IS NULL",
// its condition, which SQLite checks before it accepts the index.
const std::string& CommunityPostIds(const Dialect& d) {
  static const std::string sqlite =
      "SELECT id FROM statuses" + Dialect::Sqlite().IndexedBy("statuses_community");
  static const std::string postgres =
      "SELECT id FROM statuses" + Dialect::Postgres().IndexedBy("statuses_community");
  return d.postgres() ? postgres : sqlite;
}
constexpr const char* kCommunityPostsWhere =
    " WHERE community_id = ? AND reblog_of_id IS NULL AND in_reply_to_id IS NULL";

constexpr const char* kStatusColumns =
    "s.id, s.account_id, COALESCE(s.in_reply_to_id, 0), COALESCE(s.in_reply_to_account_id, 0), "
    "COALESCE(s.reblog_of_id, 0), COALESCE(s.quote_of_id, 0), COALESCE(s.community_id, 0), "
    "s.visibility, s.text, s.spoiler_text, s.sensitive, s.language, s.content_html, "
    "s.created_at, s.edited_at, s.replies_count, s.reblogs_count, s.favourites_count, "
    "s.quotes_count, s.kind, s.title, COALESCE(s.accepted_answer_id, 0)";

std::string SelectStatuses(std::string_view rest) {
  return std::string("SELECT ") + kStatusColumns + " FROM statuses s " + std::string(rest);
}

StatusRecord ReadStatus(const Stmt& s) {
  StatusRecord r;
  r.id = s.Int(0);
  r.account_id = s.Int(1);
  r.in_reply_to_id = s.Int(2);
  r.in_reply_to_account_id = s.Int(3);
  r.reblog_of_id = s.Int(4);
  r.quote_of_id = s.Int(5);
  r.community_id = s.Int(6);
  r.visibility = static_cast<Visibility>(s.Int(7));
  r.text = s.Text(8);
  r.spoiler_text = s.Text(9);
  r.sensitive = s.Bool(10);
  r.language = s.Text(11);
  r.content_html = s.Text(12);
  r.created_at = s.Int(13);
  r.edited_at = s.Int(14);
  r.replies_count = s.Int(15);
  r.reblogs_count = s.Int(16);
  r.favourites_count = s.Int(17);
  r.quotes_count = s.Int(18);
  r.kind = static_cast<StatusKind>(s.Int(19));
  r.title = s.Text(20);
  r.accepted_answer_id = s.Int(21);
  return r;
}

// Names without case-insensitive repeats (tags compare case-insensitively).
std::vector<std::string> UniqueNames(const std::vector<std::string>& names) {
  std::vector<std::string> out;
  std::set<std::string> seen;
  for (const auto& name : names) {
    std::string key = name;
    for (char& ch : key) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    if (seen.insert(key).second) out.push_back(name);
  }
  return out;
}

bool StatusExists(Connection& c, int64_t id) {
  auto s = c.Prepare("SELECT 1 FROM statuses WHERE id = ?");
  s.Bind(1, id);
  return s.Step();
}

std::optional<StatusRecord> LoadStatusRow(Connection& c, int64_t id) {
  static const std::string sql = SelectStatuses("WHERE s.id = ?");
  auto s = c.Prepare(sql);
  s.Bind(1, id);
  if (!s.Step()) return std::nullopt;
  return ReadStatus(s);
}

// Fills the mention_ids of the posts `mentioning` and the tags of the posts
// `tagged`, in order; `by_id` holds every one of them.
void LoadMentionsAndTagsOf(Connection& c, std::unordered_map<int64_t, StatusRecord*>& by_id,
                           const std::vector<int64_t>& mentioning,
                           const std::vector<int64_t>& tagged) {
  ForEachChunk(mentioning, [&](std::span<const int64_t> chunk) {
    SqlBuilder mentions("SELECT status_id, account_id FROM status_mentions WHERE status_id IN ");
    mentions.AddInList(chunk).Add(" ORDER BY status_id, position");
    mentions.ForEachRow(c,
                        [&](const Stmt& s) { by_id[s.Int(0)]->mention_ids.push_back(s.Int(1)); });
  });
  ForEachChunk(tagged, [&](std::span<const int64_t> chunk) {
    SqlBuilder tags(
        "SELECT st.status_id, t.name FROM status_tags st JOIN tags t ON t.id = st.tag_id "
        "WHERE st.status_id IN ");
    tags.AddInList(chunk).Add(" ORDER BY st.status_id, st.position");
    tags.ForEachRow(c, [&](const Stmt& s) { by_id[s.Int(0)]->tags.push_back(s.Text(1)); });
  });
}

// Fills mention_ids (and tags if `with_tags`) of `statuses`, in order.
void LoadMentionsAndTags(Connection& c, std::vector<StatusRecord>& statuses, bool with_tags) {
  if (statuses.empty()) return;
  auto [by_id, ids] = IndexById(statuses);
  LoadMentionsAndTagsOf(c, by_id, ids, with_tags ? ids : std::vector<int64_t>{});
}

void WriteMentionsAndTags(Connection& c, const StatusRecord& st, int64_t now) {
  int position = 0;
  for (int64_t account_id : st.mention_ids) {
    c.Prepare(
         "INSERT INTO status_mentions (status_id, account_id, position) VALUES (?, ?, ?) "
         "ON CONFLICT DO NOTHING")
        .BindAll(st.id, account_id, position++)
        .Run();
  }
  position = 0;
  for (const std::string& name : st.tags) {
    if (name.empty()) continue;
    auto tag =
        c.Prepare("INSERT INTO tags (name, created_at) VALUES (?, ?) ON CONFLICT DO NOTHING");
    tag.BindAll(name, now).Run();
    if (tag.Changes() != 0) {
      static const DialectSql kTagId(
          [](const Dialect& d) { return "SELECT id FROM tags WHERE " + d.CiEquals("name"); });
      auto id = c.Prepare(kTagId.For(c.dialect()));
      id.BindAll(name);
      if (id.Step()) IndexTag(c, id.Int(0), name);
    }
    static const DialectSql kLinkTag([](const Dialect& d) {
      return "INSERT INTO status_tags (status_id, tag_id, position) SELECT ?, id, ? FROM tags "
             "WHERE " +
             d.CiEquals("name") + " ON CONFLICT DO NOTHING";
    });
    c.Prepare(kLinkTag.For(c.dialect())).BindAll(st.id, position++, name).Run();
  }
}

// Adds `delta` to a counter column of one post, never going below 0.
void AddToCounter(Connection& c, std::string_view column, int64_t status_id, int64_t delta) {
  c.Prepare(fmt::format("UPDATE statuses SET {0} = {1}({0} + ?, 0) WHERE id = ?", column,
                        c.dialect().Greatest()))
      .BindAll(delta, status_id)
      .Run();
}

// The counters a post affects (see social_store.h): delta +1 when it
// is created, -1 when it is deleted.
void ApplyCounters(Connection& c, const StatusRecord& st, int64_t delta) {
  if (st.visibility == Visibility::kDirect) return;
  // A community's posts belong to the community: they count neither in the
  // author's profile nor on a post they quote (which could reveal them).
  const bool in_community = st.community_id != 0;
  if (!CountsOnAuthor(st)) {
    // nothing on the author
  } else if (delta > 0) {
    static const DialectSql kCount([](const Dialect& d) {
      return fmt::format(
          "UPDATE accounts SET statuses_count = statuses_count + 1, "
          "last_status_at = {}(last_status_at, ?) WHERE id = ?",
          d.Greatest());
    });
    c.Prepare(kCount.For(c.dialect())).BindAll(st.created_at, st.account_id).Run();
  } else {
    static const DialectSql kUncount([](const Dialect& d) {
      return fmt::format(
          "UPDATE accounts SET statuses_count = {}(statuses_count - 1, 0) WHERE id = ?",
          d.Greatest());
    });
    c.Prepare(kUncount.For(c.dialect())).BindAll(st.account_id).Run();
  }
  if (st.reblog_of_id) AddToCounter(c, "reblogs_count", st.reblog_of_id, delta);
  if (st.quote_of_id && !in_community) AddToCounter(c, "quotes_count", st.quote_of_id, delta);
  bool distributable =
      st.visibility == Visibility::kPublic || st.visibility == Visibility::kUnlisted;
  if (st.in_reply_to_id && distributable)
    AddToCounter(c, "replies_count", st.in_reply_to_id, delta);
}

}  // namespace

Status SqlStatusStore::Create(const StatusRecord& st,
                              const std::vector<NotificationRecord>& notifications,
                              const std::string& idempotency_key,
                              const std::vector<ConversationEntry>& conversations) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    if (!idempotency_key.empty()) {
      auto existing =
          c.Prepare("SELECT created_at FROM idempotency_keys WHERE account_id = ? AND key = ?");
      existing.BindAll(st.account_id, idempotency_key);
      if (existing.Step() && existing.Int(0) > st.created_at - kIdempotencyWindowMs)
        return Status::Conflict("Duplicate", "a post was already made with this idempotency key");
    }
    InsertStatusRow(c, st);
    WritePoll(c, st);
    IndexPost(c, st);
    WriteMentionsAndTags(c, st, st.created_at);
    if (!st.media.empty())
      if (Status s = WriteStatusMedia(c, st); !s.ok()) return s;
    ApplyCounters(c, st, +1);
    if (!idempotency_key.empty()) {
      c.Prepare(
           "INSERT INTO idempotency_keys (account_id, key, status_id, created_at) "
           "VALUES (?, ?, ?, ?) ON CONFLICT (account_id, key) DO UPDATE SET "
           "status_id = excluded.status_id, created_at = excluded.created_at")
          .BindAll(st.account_id, idempotency_key, st.id, st.created_at)
          .Run();
    }
    for (const auto& n : notifications) InsertNotification(c, n);
    JoinConversations(c, st.id, conversations);
    return Status::Ok();
  });
}

Result<int64_t> SqlStatusStore::FindIdempotent(int64_t account_id, const std::string& key,
                                               int64_t since_ms) {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare(
        "SELECT status_id FROM idempotency_keys WHERE account_id = ? AND key = ? "
        "AND created_at >= ?");
    s.BindAll(account_id, key, since_ms);
    if (!s.Step()) return Status::NotFound();
    return s.Int(0);
  });
}

Result<StatusStore::RecentActivity> SqlStatusStore::CountSince(int64_t since_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<RecentActivity> {
    // A range of the primary key: ids are time-ordered.
    auto s = c.Prepare("SELECT COUNT(*), COUNT(DISTINCT account_id) FROM statuses WHERE id >= ?");
    s.BindAll(since_id);
    RecentActivity activity;
    if (s.Step()) activity = {s.Int(0), s.Int(1)};
    return activity;
  });
}

Result<StatusRecord> SqlStatusStore::Get(int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<StatusRecord> {
    std::optional<StatusRecord> st = LoadStatusRow(c, id);
    if (!st) return Status::NotFound();
    std::vector<StatusRecord> one{std::move(*st)};
    LoadMentionsAndTags(c, one, /*with_tags=*/true);
    LoadStatusMedia(c, one);
    LoadPolls(c, one);
    LoadStatusCards(c, one);
    return std::move(one.front());
  });
}

Result<std::vector<StatusRecord>> SqlStatusStore::GetMany(const std::vector<int64_t>& ids) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<StatusRecord>> {
    std::vector<StatusRecord> out;
    ForEachChunk(SortedUnique(ids), [&](std::span<const int64_t> chunk) {
      SqlBuilder q(SelectStatuses("WHERE s.id IN "));
      q.AddInList(chunk);
      q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadStatus(s)); });
    });
    LoadMentionsAndTags(c, out, /*with_tags=*/true);
    LoadStatusMedia(c, out);
    LoadPolls(c, out);
    LoadStatusCards(c, out);
    return out;
  });
}

Result<std::vector<StatusRecord>> SqlStatusStore::GetRouting(const std::vector<int64_t>& ids,
                                                             bool with_tags) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<StatusRecord>> {
    std::vector<StatusRecord> out;
    ForEachChunk(SortedUnique(ids), [&](std::span<const int64_t> chunk) {
      SqlBuilder q(
          "SELECT id, account_id, COALESCE(in_reply_to_id, 0), "
          "COALESCE(in_reply_to_account_id, 0), COALESCE(reblog_of_id, 0), "
          "COALESCE(community_id, 0), visibility FROM statuses WHERE id IN ");
      q.AddInList(chunk);
      q.ForEachRow(c, [&](const Stmt& s) {
        StatusRecord& r = out.emplace_back();
        r.id = s.Int(0);
        r.account_id = s.Int(1);
        r.in_reply_to_id = s.Int(2);
        r.in_reply_to_account_id = s.Int(3);
        r.reblog_of_id = s.Int(4);
        r.community_id = s.Int(5);
        r.visibility = static_cast<Visibility>(s.Int(6));
      });
    });
    // Mentions decide only who sees a followers-only or direct post; tags
    // only whose stream a public post that is not a repost reaches.
    std::vector<int64_t> mentioning, tagged;
    for (const StatusRecord& r : out) {
      if (r.visibility == Visibility::kPrivate || r.visibility == Visibility::kDirect)
        mentioning.push_back(r.id);
      else if (with_tags && r.visibility == Visibility::kPublic && r.reblog_of_id == 0)
        tagged.push_back(r.id);
    }
    auto index = IndexById(out);
    LoadMentionsAndTagsOf(c, index.by_id, mentioning, tagged);
    return out;
  });
}

Result<std::vector<int64_t>> SqlStatusStore::Delete(int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    std::optional<StatusRecord> target = LoadStatusRow(c, id);
    if (!target) return Status::NotFound();
    std::vector<StatusRecord> reposts;
    {
      static const std::string sql = SelectStatuses("WHERE s.reblog_of_id = ? ORDER BY s.id");
      auto s = c.Prepare(sql);
      s.Bind(1, id);
      while (s.Step()) reposts.push_back(ReadStatus(s));
    }
    std::vector<int64_t> deleted{id};
    // Favourites, bookmarks, pins, mentions, tags, edits, notifications and
    // idempotency keys go by ON DELETE CASCADE.
    for (const StatusRecord& repost : reposts) {
      ApplyCounters(c, repost, -1);
      UnindexPost(c, repost.id);
      c.Prepare("DELETE FROM statuses WHERE id = ?").BindAll(repost.id).Run();
      deleted.push_back(repost.id);
    }
    ApplyCounters(c, *target, -1);
    UnindexPost(c, id);
    const std::vector<int64_t> conversations = ConversationsHolding(c, id);
    c.Prepare("DELETE FROM statuses WHERE id = ?").BindAll(id).Run();
    RefreshConversations(c, conversations);
    return deleted;
  });
}

Status SqlStatusStore::Update(const StatusRecord& st, const StatusEditRecord& previous,
                              const std::vector<NotificationRecord>& notifications) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto update = c.Prepare(
        "UPDATE statuses SET title = ?, text = ?, spoiler_text = ?, sensitive = ?, "
        "language = ?, content_html = ?, edited_at = ? WHERE id = ?");
    update.BindAll(st.title, st.text, st.spoiler_text, st.sensitive, st.language, st.content_html,
                   st.edited_at, st.id);
    update.Run();
    if (update.Changes() == 0) return Status::NotFound();
    IndexPost(c, st);
    static const DialectSql kInsertEdit([](const Dialect& d) {
      return "INSERT INTO status_edits (id, status_id, text, spoiler_text, sensitive, "
             "content_html, created_at, title) VALUES (" +
             d.GeneratedId("status_edits", "id") + ", ?, ?, ?, ?, ?, ?, ?)";
    });
    auto edit = c.Prepare(kInsertEdit.For(c.dialect()));
    BindOptionalId(edit, 1, previous.id);
    edit.Bind(2, st.id).Bind(3, previous.text).Bind(4, previous.spoiler_text);
    edit.Bind(5, previous.sensitive).Bind(6, previous.content_html).Bind(7, previous.created_at);
    edit.Bind(8, previous.title);
    edit.Run();
    c.Prepare("DELETE FROM status_mentions WHERE status_id = ?").BindAll(st.id).Run();
    c.Prepare("DELETE FROM status_tags WHERE status_id = ?").BindAll(st.id).Run();
    WriteMentionsAndTags(c, st, st.edited_at);
    if (Status s = WriteStatusMedia(c, st); !s.ok()) return s;
    for (const auto& n : notifications) InsertNotification(c, n);
    return Status::Ok();
  });
}

Result<std::vector<StatusEditRecord>> SqlStatusStore::History(int64_t status_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<StatusEditRecord>> {
    auto s = c.Prepare(
        "SELECT id, status_id, text, spoiler_text, sensitive, content_html, created_at, title "
        "FROM status_edits WHERE status_id = ? ORDER BY created_at, id");
    s.Bind(1, status_id);
    std::vector<StatusEditRecord> out;
    while (s.Step())
      out.push_back(
          {s.Int(0), s.Int(1), s.Text(2), s.Text(3), s.Bool(4), s.Text(5), s.Int(6), s.Text(7)});
    return out;
  });
}

Result<bool> SqlStatusStore::Favourite(int64_t favourite_id, int64_t account_id, int64_t status_id,
                                       const NotificationRecord& notification) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    if (!StatusExists(c, status_id)) return Status::NotFound();
    auto s = c.Prepare(
        "INSERT INTO favourites (id, account_id, status_id) VALUES (?, ?, ?) "
        "ON CONFLICT (account_id, status_id) DO NOTHING");
    s.BindAll(favourite_id, account_id, status_id).Run();
    if (s.Changes() == 0) return false;
    AddToCounter(c, "favourites_count", status_id, +1);
    InsertNotification(c, notification);
    return true;
  });
}

Result<bool> SqlStatusStore::Unfavourite(int64_t account_id, int64_t status_id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("DELETE FROM favourites WHERE account_id = ? AND status_id = ?");
    s.BindAll(account_id, status_id).Run();
    if (s.Changes() == 0) return false;
    AddToCounter(c, "favourites_count", status_id, -1);
    c.Prepare(
         "DELETE FROM notifications WHERE status_id = ? AND from_account_id = ? "
         "AND type = 'favourite'")
        .BindAll(status_id, account_id)
        .Run();
    return true;
  });
}

Result<int64_t> SqlStatusStore::FindReblog(int64_t account_id, int64_t status_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare("SELECT id FROM statuses WHERE reblog_of_id = ? AND account_id = ?");
    s.BindAll(status_id, account_id);
    return s.Step() ? s.Int(0) : int64_t{0};
  });
}

Result<bool> SqlStatusStore::Bookmark(int64_t bookmark_id, int64_t account_id, int64_t status_id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    if (!StatusExists(c, status_id)) return Status::NotFound();
    auto s = c.Prepare(
        "INSERT INTO bookmarks (id, account_id, status_id) VALUES (?, ?, ?) "
        "ON CONFLICT (account_id, status_id) DO NOTHING");
    s.BindAll(bookmark_id, account_id, status_id).Run();
    return s.Changes() > 0;
  });
}

Result<bool> SqlStatusStore::Unbookmark(int64_t account_id, int64_t status_id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("DELETE FROM bookmarks WHERE account_id = ? AND status_id = ?");
    s.BindAll(account_id, status_id).Run();
    return s.Changes() > 0;
  });
}

Result<bool> SqlStatusStore::Pin(int64_t account_id, int64_t status_id, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    if (!StatusExists(c, status_id)) return Status::NotFound();
    auto s = c.Prepare(
        "INSERT INTO pins (account_id, status_id, created_at) VALUES (?, ?, ?) "
        "ON CONFLICT DO NOTHING");
    s.BindAll(account_id, status_id, now).Run();
    return s.Changes() > 0;
  });
}

Result<bool> SqlStatusStore::Unpin(int64_t account_id, int64_t status_id) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("DELETE FROM pins WHERE account_id = ? AND status_id = ?");
    s.BindAll(account_id, status_id).Run();
    return s.Changes() > 0;
  });
}

Result<std::unordered_map<int64_t, StatusViewerState>> SqlStatusStore::ViewerState(
    int64_t account_id, const std::vector<int64_t>& status_ids) {
  using StateMap = std::unordered_map<int64_t, StatusViewerState>;
  return ReadResult(db_, [&](Connection& c) -> Result<StateMap> {
    StateMap out;
    for (int64_t id : status_ids) out[id];
    // One query per flag (each on its (account_id, status_id) index).
    struct Flag {
      const char* select;
      bool StatusViewerState::*field;
    };
    static constexpr Flag kFlags[] = {
        {"SELECT status_id FROM favourites WHERE account_id = ? AND status_id IN ",
         &StatusViewerState::favourited},
        {"SELECT reblog_of_id FROM statuses WHERE account_id = ? AND reblog_of_id IN ",
         &StatusViewerState::reblogged},
        {"SELECT status_id FROM bookmarks WHERE account_id = ? AND status_id IN ",
         &StatusViewerState::bookmarked},
        {"SELECT status_id FROM pins WHERE account_id = ? AND status_id IN ",
         &StatusViewerState::pinned},
    };
    ForEachChunk(SortedUnique(status_ids), [&](std::span<const int64_t> chunk) {
      for (const Flag& flag : kFlags) {
        SqlBuilder q;
        q.Add(flag.select, account_id).AddInList(chunk);
        q.ForEachRow(c, [&](const Stmt& s) { out[s.Int(0)].*flag.field = true; });
      }
    });
    return out;
  });
}

Result<std::vector<int64_t>> SqlStatusStore::ByAuthor(int64_t account_id,
                                                      const AuthorFilter& filter,
                                                      const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    SqlBuilder q("SELECT s.id FROM statuses s");
    if (filter.only_pinned)
      q.Add(" JOIN pins p ON p.status_id = s.id AND p.account_id = s.account_id");
    q.Add(" WHERE s.account_id = ?", account_id);
    if (filter.exclude_replies)
      q.Add(" AND (s.in_reply_to_id IS NULL OR s.in_reply_to_account_id = s.account_id)");
    if (filter.exclude_reblogs) q.Add(" AND s.reblog_of_id IS NULL");
    if (filter.only_media) q.Add(" AND EXISTS (SELECT 1 FROM media m WHERE m.status_id = s.id)");
    if (!filter.tagged.empty()) {
      q.Add(
          " AND EXISTS (SELECT 1 FROM status_tags st JOIN tags t ON t.id = st.tag_id "
          "WHERE st.status_id = s.id AND " +
              c.dialect().CiEquals("t.name") + ")",
          filter.tagged);
    }
    // Pinned posts: newest pin first, bounded by status id (as Mastodon).
    return ReadIdPage(c, q, "s.id", page, filter.only_pinned ? "p.created_at" : "");
  });
}

Result<std::vector<int64_t>> SqlStatusStore::ByKind(const KindFilter& filter,
                                                    const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    // The kind is written into the SQL (a small integer) so that the partial
    // indexes statuses_kind and statuses_kind_author serve the query.
    SqlBuilder q("SELECT s.id FROM statuses s WHERE s.kind = " +
                 std::to_string(static_cast<int>(filter.kind)) +
                 " AND s.reblog_of_id IS NULL AND s.in_reply_to_id IS NULL");
    if (filter.account_id != 0) q.Add(" AND s.account_id = ?", filter.account_id);
    if (filter.community_id != 0) q.Add(" AND s.community_id = ?", filter.community_id);
    using AnswerState = StatusStore::AnswerState;
    switch (filter.answer) {
      case AnswerState::kAny:
        break;
      case AnswerState::kOpen:
        q.Add(" AND s.accepted_answer_id IS NULL");
        break;
      case AnswerState::kUnanswered:
        q.Add(" AND s.accepted_answer_id IS NULL AND s.replies_count = 0");
        break;
      case AnswerState::kAnswered:
        q.Add(" AND s.accepted_answer_id IS NOT NULL");
        break;
    }
    if (filter.expertise_of != 0) {
      q.Add(
          " AND EXISTS (SELECT 1 FROM status_tags st JOIN tags t ON t.id = st.tag_id "
          "JOIN expertise x ON " +
              c.dialect().CiEquals("x.tag", "t.name") +
              " WHERE st.status_id = s.id AND x.account_id = ?)",
          filter.expertise_of);
    }
    if (!filter.tagged.empty()) {
      q.Add(
          " AND EXISTS (SELECT 1 FROM status_tags st JOIN tags t ON t.id = st.tag_id "
          "WHERE st.status_id = s.id AND " +
              c.dialect().CiEquals("t.name") + ")",
          filter.tagged);
    }
    return ReadIdPage(c, q, "s.id", page);
  });
}

Result<int64_t> SqlStatusStore::SetAcceptedAnswer(int64_t question_id, int64_t answer_id,
                                                  const NotificationRecord& notification) {
  return WriteResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto current = c.Prepare("SELECT COALESCE(accepted_answer_id, 0) FROM statuses WHERE id = ?");
    current.Bind(1, question_id);
    if (!current.Step()) return Status::NotFound();
    const int64_t before = current.Int(0);
    auto set = c.Prepare("UPDATE statuses SET accepted_answer_id = ? WHERE id = ?");
    BindOptionalId(set, 1, answer_id);
    set.Bind(2, question_id);
    set.Run();
    if (before != 0 && before != answer_id) {
      c.Prepare("DELETE FROM notifications WHERE status_id = ? AND type = 'answer_accepted'")
          .BindAll(before)
          .Run();
    }
    if (before != answer_id) InsertNotification(c, notification);
    return before;
  });
}

Result<std::vector<int64_t>> SqlStatusStore::PublicTimeline(const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    // Exactly the condition of the partial index statuses_public.
    SqlBuilder q(
        "SELECT id FROM statuses WHERE visibility = 0 AND reblog_of_id IS NULL "
        "AND (in_reply_to_id IS NULL OR in_reply_to_account_id = account_id) "
        "AND (community_id IS NULL OR community_id IN "
        "(SELECT id FROM communities WHERE type <> 2))");
    return ReadIdPage(c, q, "id", page);
  });
}

Result<std::vector<int64_t>> SqlStatusStore::CommunityTimeline(int64_t community_id,
                                                               const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    SqlBuilder q(CommunityPostIds(c.dialect()));
    q.Add(kCommunityPostsWhere, community_id);
    return ReadIdPage(c, q, "id", page);
  });
}

Result<std::vector<StatusRecord>> SqlStatusStore::RecentInCommunities(
    const std::vector<int64_t>& communities, int64_t max_id, int limit) {
  if (communities.empty() || limit <= 0) return std::vector<StatusRecord>{};
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<StatusRecord>> {
    std::vector<StatusRecord> out;
    ForEachChunk(SortedUnique(communities), [&](std::span<const int64_t> chunk) {
      SqlBuilder q(SelectStatuses("WHERE s.community_id IN "));
      FinishRecentQuery(q, chunk, /*community_stream=*/true, max_id, limit);
      q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadStatus(s)); });
    });
    std::sort(out.begin(), out.end(),
              [](const StatusRecord& a, const StatusRecord& b) { return a.id > b.id; });
    if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
    LoadMentionsAndTags(c, out, /*with_tags=*/false);
    return out;
  });
}

Result<std::vector<int64_t>> SqlStatusStore::RecentIdsInCommunities(
    const std::vector<int64_t>& communities, int64_t max_id, int limit) {
  if (communities.empty() || limit <= 0) return std::vector<int64_t>{};
  // One bounded read per community, newest first from its index, then the
  // newest `limit` of them all: one IN over every community would read
  // each community's every post and sort them all.
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    std::vector<int64_t> out;
    for (int64_t community : SortedUnique(communities)) {
      SqlBuilder q(CommunityPostIds(c.dialect()));
      q.Add(kCommunityPostsWhere, community);
      if (max_id > 0) q.Add(" AND id < ?", max_id);
      q.Add(" ORDER BY id DESC LIMIT ?", static_cast<int64_t>(limit));
      q.ForEachRow(c, [&](const Stmt& s) { out.push_back(s.Int(0)); });
    }
    return NewestIds(std::move(out), limit);
  });
}

Result<std::vector<int64_t>> SqlStatusStore::AllInCommunity(int64_t community_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare("SELECT id FROM statuses WHERE community_id = ? ORDER BY id DESC");
    s.Bind(1, community_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<std::vector<std::string>> SqlStatusStore::SearchTags(std::string_view prefix, int limit,
                                                            int offset) {
  const std::string like = EscapeLike(prefix) + "%";
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<std::string>> {
    auto s = c.Prepare(fmt::format(
        "SELECT t.name FROM tags t WHERE {0} LIKE ? ESCAPE '\\' AND EXISTS (SELECT 1 FROM "
        "status_tags st JOIN statuses s ON s.id = st.status_id WHERE st.tag_id = t.id AND "
        "s.visibility = 0 AND s.reblog_of_id IS NULL AND {1}) ORDER BY {0} = ? DESC, {0} "
        "LIMIT ? "
        "OFFSET ?",
        c.dialect().Ci("t.name"), kOutsideRestrictedCommunities));
    s.BindAll(like, std::string(prefix), limit, offset);
    std::vector<std::string> out;
    while (s.Step()) out.push_back(s.Text(0));
    return out;
  });
}

Result<std::vector<int64_t>> SqlStatusStore::TagTimeline(const std::vector<std::string>& any,
                                                         const std::vector<std::string>& all,
                                                         const std::vector<std::string>& none,
                                                         const PageRequest& page) {
  std::vector<std::string> any_names = UniqueNames(any);
  std::vector<std::string> all_names = UniqueNames(all);
  std::vector<std::string> none_names = UniqueNames(none);
  // A tag timeline needs a tag: with neither `any` nor `all` it is empty.
  if (any_names.empty() && all_names.empty()) return std::vector<int64_t>{};
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    // Walk status_tags(tag_id, status_id) of the `any` tags (or, without
    // them, of the `all` tags) newest first; filter the rest per post.
    SqlBuilder q(
        "SELECT DISTINCT st.status_id FROM status_tags st JOIN tags t ON t.id = st.tag_id "
        "JOIN statuses s ON s.id = st.status_id WHERE ");
    const Dialect& d = c.dialect();
    q.Add(d.Ci("t.name") + " IN ").AddCiInList(d, any_names.empty() ? all_names : any_names);
    q.Add(" AND s.visibility = 0 AND s.reblog_of_id IS NULL AND ");
    q.Add(kOutsideRestrictedCommunities);
    if (!all_names.empty()) {
      q.Add(
          " AND (SELECT COUNT(*) FROM status_tags a JOIN tags ta ON ta.id = a.tag_id "
          "WHERE a.status_id = s.id AND " +
          d.Ci("ta.name") + " IN ");
      q.AddCiInList(d, all_names).Add(") = ?", static_cast<int64_t>(all_names.size()));
    }
    if (!none_names.empty()) {
      q.Add(
          " AND NOT EXISTS (SELECT 1 FROM status_tags n JOIN tags nt ON nt.id = n.tag_id "
          "WHERE n.status_id = s.id AND " +
          d.Ci("nt.name") + " IN ");
      q.AddCiInList(d, none_names).Add(")");
    }
    return ReadIdPage(c, q, "st.status_id", page);
  });
}

Result<std::vector<int64_t>> SqlStatusStore::LinkTimeline(const std::string& url,
                                                          const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    // status_cards_url finds the posts of the link as written; a card's own
    // address (og:url) leads back to the links that gave it.
    SqlBuilder q(
        "SELECT sc.status_id FROM status_cards sc JOIN statuses s ON s.id = sc.status_id WHERE ");
    q.Add("(sc.url = ?", url)
        .Add(
            " OR sc.url IN (SELECT lc.url FROM link_cards lc WHERE lc.state = 1 AND lc.card_url = "
            "?))",
            url);
    // A restricted community's posts (stored as followers-only) are read
    // too: the visibility policy keeps them for its members, who see its
    // links trend.
    q.Add(" AND (s.visibility = 0 OR s.community_id IS NOT NULL) AND s.reblog_of_id IS NULL");
    return ReadIdPage(c, q, "sc.status_id", page);
  });
}

// Tags are left empty: the home feed rebuild needs mentions (to filter) only.
Result<std::vector<StatusRecord>> SqlStatusStore::RecentByAuthors(
    const std::vector<int64_t>& authors, int64_t max_id, int limit) {
  if (authors.empty() || limit <= 0) return std::vector<StatusRecord>{};
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<StatusRecord>> {
    std::vector<StatusRecord> out;
    ForEachChunk(SortedUnique(authors), [&](std::span<const int64_t> chunk) {
      SqlBuilder q(SelectStatuses("WHERE s.account_id IN "));
      FinishRecentQuery(q, chunk, /*community_stream=*/false, max_id, limit);
      q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadStatus(s)); });
    });
    // More than one chunk: merge the chunks' newest.
    std::sort(out.begin(), out.end(),
              [](const StatusRecord& a, const StatusRecord& b) { return a.id > b.id; });
    if (out.size() > static_cast<size_t>(limit)) out.resize(static_cast<size_t>(limit));
    LoadMentionsAndTags(c, out, /*with_tags=*/false);
    return out;
  });
}

Result<std::vector<int64_t>> SqlStatusStore::RecentIdsByAuthors(const std::vector<int64_t>& authors,
                                                                int64_t max_id, int limit) {
  return RecentIds(db_, "account_id", authors, /*community_stream=*/false, max_id, limit);
}

Result<std::vector<int64_t>> SqlStatusStore::RecentMentioning(int64_t account_id, int64_t max_id,
                                                              int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    SqlBuilder q;
    q.Add("SELECT status_id FROM status_mentions WHERE account_id = ?", account_id);
    if (max_id > 0) q.Add(" AND status_id < ?", max_id);
    q.Add(" ORDER BY status_id DESC LIMIT ?", static_cast<int64_t>(std::max(limit, 0)));
    std::vector<int64_t> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(s.Int(0)); });
    return out;
  });
}

Result<std::vector<int64_t>> SqlStatusStore::Replies(int64_t status_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare("SELECT id FROM statuses WHERE in_reply_to_id = ? ORDER BY id");
    s.Bind(1, status_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<std::vector<PageEntry>> SqlStatusStore::FavouritedBy(int64_t status_id,
                                                            const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, account_id FROM favourites WHERE status_id = ?", status_id,
                       page);
}

Result<std::vector<PageEntry>> SqlStatusStore::RebloggedBy(int64_t status_id,
                                                           const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, account_id FROM statuses WHERE reblog_of_id = ?", status_id,
                       page);
}

Result<std::vector<PageEntry>> SqlStatusStore::QuotesOf(int64_t status_id,
                                                        const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, id FROM statuses WHERE quote_of_id = ?", status_id, page);
}

Result<std::vector<PageEntry>> SqlStatusStore::Favourites(int64_t account_id,
                                                          const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, status_id FROM favourites WHERE account_id = ?", account_id,
                       page);
}

Result<std::vector<PageEntry>> SqlStatusStore::Bookmarks(int64_t account_id,
                                                         const PageRequest& page) {
  return ReadKeyedPage(db_, "SELECT id, status_id FROM bookmarks WHERE account_id = ?", account_id,
                       page);
}

Result<StatusStore::AuthorStats> SqlStatusStore::Stats(int64_t account_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<AuthorStats> {
    auto s = c.Prepare("SELECT statuses_count, last_status_at FROM accounts WHERE id = ?");
    s.Bind(1, account_id);
    if (!s.Step()) return Status::NotFound();
    return AuthorStats{s.Int(0), s.Int(1)};
  });
}

Result<int64_t> SqlStatusStore::CountAll() {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare("SELECT COUNT(*) FROM statuses");
    return s.Step() ? s.Int(0) : int64_t{0};
  });
}

void InsertStatusRow(Connection& c, const StatusRecord& st) {
  auto s = c.Prepare(
      "INSERT INTO statuses (id, account_id, in_reply_to_id, in_reply_to_account_id, "
      "reblog_of_id, quote_of_id, community_id, visibility, text, spoiler_text, sensitive, "
      "language, content_html, created_at, edited_at, kind, title) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
  s.BindAll(st.id, st.account_id);
  BindOptionalId(s, 3, st.in_reply_to_id);
  BindOptionalId(s, 4, st.in_reply_to_account_id);
  BindOptionalId(s, 5, st.reblog_of_id);
  BindOptionalId(s, 6, st.quote_of_id);
  BindOptionalId(s, 7, st.community_id);
  s.Bind(8, static_cast<int64_t>(st.visibility)).Bind(9, st.text).Bind(10, st.spoiler_text);
  s.Bind(11, st.sensitive).Bind(12, st.language).Bind(13, st.content_html);
  s.Bind(14, st.created_at).Bind(15, st.edited_at);
  s.Bind(16, static_cast<int64_t>(st.kind)).Bind(17, st.title);
  s.Run();
}

}  // namespace atrium::sql
