// Polls: one row in polls, its options in poll_options (with their counts),
// one row a voter in poll_votes.
#include "store/sql/poll_store.h"

#include <algorithm>
#include <charconv>

#include "store/sql/rows.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

std::string JoinChoices(const std::vector<int>& choices) {
  std::string out;
  for (int c : choices) {
    if (!out.empty()) out += ',';
    out += std::to_string(c);
  }
  return out;
}

std::vector<int> SplitChoices(std::string_view text) {
  std::vector<int> out;
  while (!text.empty()) {
    size_t comma = text.find(',');
    std::string_view part = text.substr(0, comma);
    int v = 0;
    if (std::from_chars(part.data(), part.data() + part.size(), v).ec == std::errc())
      out.push_back(v);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  std::sort(out.begin(), out.end());
  return out;
}

}  // namespace

void WritePoll(Connection& c, const StatusRecord& st) {
  if (!st.poll) return;
  c.Prepare(
       "INSERT INTO polls (status_id, expires_at, multiple, hide_totals, voters_count, ended) "
       "VALUES (?, ?, ?, ?, 0, 0)")
      .BindAll(st.id, st.poll->expires_at, st.poll->multiple, st.poll->hide_totals)
      .Run();
  int position = 0;
  for (const std::string& title : st.poll->options)
    c.Prepare("INSERT INTO poll_options (status_id, position, title) VALUES (?, ?, ?)")
        .BindAll(st.id, position++, title)
        .Run();
}

void LoadPolls(Connection& c, std::vector<StatusRecord>& statuses) {
  if (statuses.empty()) return;
  auto [by_id, ids] = IndexById(statuses);
  ForEachChunk(ids, [&](std::span<const int64_t> chunk) {
    SqlBuilder q(
        "SELECT status_id, expires_at, multiple, hide_totals FROM polls WHERE status_id IN ");
    q.AddInList(chunk);
    q.ForEachRow(c, [&](const Stmt& s) {
      PollRecord p;
      p.expires_at = s.Int(1);
      p.multiple = s.Bool(2);
      p.hide_totals = s.Bool(3);
      by_id[s.Int(0)]->poll = std::move(p);
    });
    SqlBuilder o("SELECT status_id, title FROM poll_options WHERE status_id IN ");
    o.AddInList(chunk).Add(" ORDER BY status_id, position");
    o.ForEachRow(c, [&](const Stmt& s) {
      StatusRecord* st = by_id[s.Int(0)];
      if (st->poll) st->poll->options.push_back(s.Text(1));
    });
  });
}

Result<std::unordered_map<int64_t, PollTally>> SqlPollStore::Tallies(
    const std::vector<int64_t>& status_ids, int64_t viewer_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::unordered_map<int64_t, PollTally>> {
    std::unordered_map<int64_t, PollTally> out;
    ForEachChunk(SortedUnique(status_ids), [&](std::span<const int64_t> chunk) {
      SqlBuilder q("SELECT status_id, voters_count FROM polls WHERE status_id IN ");
      q.AddInList(chunk);
      q.ForEachRow(c, [&](const Stmt& s) { out[s.Int(0)].voters_count = s.Int(1); });
      SqlBuilder o("SELECT status_id, votes_count FROM poll_options WHERE status_id IN ");
      o.AddInList(chunk).Add(" ORDER BY status_id, position");
      o.ForEachRow(c, [&](const Stmt& s) { out[s.Int(0)].votes.push_back(s.Int(1)); });
      SqlBuilder v;
      v.Add("SELECT status_id, choices FROM poll_votes WHERE account_id = ? AND status_id IN ",
            viewer_id);
      v.AddInList(chunk);
      v.ForEachRow(c, [&](const Stmt& s) {
        PollTally& t = out[s.Int(0)];
        t.voted = true;
        t.own_votes = SplitChoices(s.Text(1));
      });
    });
    return out;
  });
}

Status SqlPollStore::Vote(int64_t status_id, int64_t account_id, const std::vector<int>& choices,
                          int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    auto exists = c.Prepare("SELECT 1 FROM polls WHERE status_id = ?");
    exists.Bind(1, status_id);
    if (!exists.Step()) return Status::NotFound();
    // The primary key refuses a second vote, on every backend and node.
    c.Prepare(
         "INSERT INTO poll_votes (status_id, account_id, choices, created_at) VALUES (?, ?, ?, ?)")
        .BindAll(status_id, account_id, JoinChoices(choices), now)
        .Run();
    for (int choice : choices)
      c.Prepare(
           "UPDATE poll_options SET votes_count = votes_count + 1 "
           "WHERE status_id = ? AND position = ?")
          .BindAll(status_id, choice)
          .Run();
    c.Prepare("UPDATE polls SET voters_count = voters_count + 1 WHERE status_id = ?")
        .BindAll(status_id)
        .Run();
    return Status::Ok();
  });
}

Result<std::vector<int64_t>> SqlPollStore::Voters(int64_t status_id) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare("SELECT account_id FROM poll_votes WHERE status_id = ? ORDER BY account_id");
    s.Bind(1, status_id);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<std::vector<int64_t>> SqlPollStore::Ended(int64_t now, int limit) {
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    auto s = c.Prepare(
        "SELECT status_id FROM polls WHERE ended = 0 AND expires_at <= ? "
        "ORDER BY expires_at, status_id LIMIT ?");
    s.BindAll(now, limit);
    std::vector<int64_t> out;
    while (s.Step()) out.push_back(s.Int(0));
    return out;
  });
}

Result<bool> SqlPollStore::End(int64_t status_id,
                               const std::vector<NotificationRecord>& notifications) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    auto s = c.Prepare("UPDATE polls SET ended = 1 WHERE status_id = ? AND ended = 0");
    s.Bind(1, status_id);
    s.Run();
    if (s.Changes() == 0) return false;
    for (const auto& n : notifications) InsertNotification(c, n);
    return true;
  });
}

}  // namespace atrium::sql
