// Conversations (conversations: one row per member and conversation) and
// the posts in each (conversation_statuses). A conversation is found by
// (account_id, thread_id, participants): its participants are kept as their
// sorted ids, comma-separated, so that one unique index finds it.
#include "store/sql/conversation_store.h"

#include <string>

#include "base/id.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr const char* kColumns =
    "SELECT id, account_id, thread_id, participants, last_status_id, unread FROM conversations ";

std::string JoinIds(const std::vector<int64_t>& ids) {
  std::string out;
  for (int64_t id : ids) {
    if (!out.empty()) out += ',';
    out += std::to_string(id);
  }
  return out;
}

std::vector<int64_t> SplitIds(const std::string& text) {
  std::vector<int64_t> out;
  size_t start = 0;
  while (start < text.size()) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size();
    if (auto id = ParseId(text.substr(start, comma - start))) out.push_back(*id);
    start = comma + 1;
  }
  return out;
}

ConversationRecord ReadConversation(const Stmt& s) {
  ConversationRecord r;
  r.id = s.Int(0);
  r.account_id = s.Int(1);
  r.thread_id = s.Int(2);
  r.participant_ids = SplitIds(s.Text(3));
  r.last_status_id = s.Int(4);
  r.unread = s.Bool(5);
  return r;
}

}  // namespace

Result<std::vector<ConversationRecord>> SqlConversationStore::Page(int64_t account_id,
                                                                   const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<ConversationRecord>> {
    SqlBuilder q(kColumns);
    q.Add("WHERE account_id = ?", account_id);
    const bool reverse = AppendPage(q, "last_status_id", page);
    std::vector<ConversationRecord> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadConversation(s)); });
    if (reverse) std::reverse(out.begin(), out.end());
    return out;
  });
}

Result<ConversationRecord> SqlConversationStore::Get(int64_t account_id, int64_t id) {
  return ReadResult(db_, [&](Connection& c) -> Result<ConversationRecord> {
    auto s = c.Prepare(std::string(kColumns) + "WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id);
    if (!s.Step()) return Status::NotFound();
    return ReadConversation(s);
  });
}

Result<ConversationRecord> SqlConversationStore::OfStatus(int64_t account_id, int64_t status_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<ConversationRecord> {
    auto s = c.Prepare(std::string(kColumns) +
                       "WHERE account_id = ? AND id IN (SELECT conversation_id FROM "
                       "conversation_statuses WHERE status_id = ?)");
    s.BindAll(account_id, status_id);
    if (!s.Step()) return Status::NotFound();
    return ReadConversation(s);
  });
}

Result<std::vector<int64_t>> SqlConversationStore::StatusIds(int64_t id, const PageRequest& page) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    SqlBuilder q;
    q.Add("SELECT status_id FROM conversation_statuses WHERE conversation_id = ?", id);
    return ReadIdPage(c, q, "status_id", page);
  });
}

Status SqlConversationStore::SetUnread(int64_t account_id, int64_t id, bool unread) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto s = c.Prepare("UPDATE conversations SET unread = ? WHERE id = ? AND account_id = ?");
    s.BindAll(static_cast<int64_t>(unread), id, account_id).Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

Status SqlConversationStore::Remove(int64_t account_id, int64_t id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    // Its posts' rows go by ON DELETE CASCADE.
    auto s = c.Prepare("DELETE FROM conversations WHERE id = ? AND account_id = ?");
    s.BindAll(id, account_id).Run();
    if (s.Changes() == 0) return Status::NotFound();
    return Status::Ok();
  });
}

void JoinConversations(Connection& c, int64_t status_id,
                       const std::vector<ConversationEntry>& entries) {
  for (const ConversationEntry& e : entries) {
    const std::string participants = JoinIds(e.participant_ids);
    c.Prepare(
         "INSERT INTO conversations (id, account_id, thread_id, participants, last_status_id, "
         "unread) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (account_id, thread_id, participants) "
         "DO UPDATE SET last_status_id = excluded.last_status_id, unread = excluded.unread")
        .BindAll(e.id, e.account_id, e.thread_id, participants, status_id,
                 static_cast<int64_t>(e.unread))
        .Run();
    auto found = c.Prepare(
        "SELECT id FROM conversations WHERE account_id = ? AND thread_id = ? AND participants = ?");
    found.BindAll(e.account_id, e.thread_id, participants);
    if (!found.Step()) continue;
    c.Prepare(
         "INSERT INTO conversation_statuses (conversation_id, status_id) VALUES (?, ?) "
         "ON CONFLICT DO NOTHING")
        .BindAll(found.Int(0), status_id)
        .Run();
  }
}

std::vector<int64_t> ConversationsHolding(Connection& c, int64_t status_id) {
  std::vector<int64_t> out;
  auto s = c.Prepare("SELECT conversation_id FROM conversation_statuses WHERE status_id = ?");
  s.BindAll(status_id);
  while (s.Step()) out.push_back(s.Int(0));
  return out;
}

void RefreshConversations(Connection& c, const std::vector<int64_t>& conversation_ids) {
  for (int64_t id : conversation_ids) {
    c.Prepare(
         "UPDATE conversations SET last_status_id = COALESCE((SELECT MAX(status_id) FROM "
         "conversation_statuses WHERE conversation_id = ?), 0) WHERE id = ?")
        .BindAll(id, id)
        .Run();
    c.Prepare("DELETE FROM conversations WHERE id = ? AND last_status_id = 0").BindAll(id).Run();
  }
}

}  // namespace atrium::sql
