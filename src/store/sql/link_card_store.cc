// Preview cards: link_cards (one per URL), status_cards (post -> URL) and
// the queue link_card_jobs.
#include "store/sql/link_card_store.h"

#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

constexpr int kCardState = 1;
constexpr int kNoCardState = 2;

constexpr const char* kCardColumns =
    "lc.url, lc.card_url, lc.title, lc.description, lc.type, lc.author_name, lc.author_url, "
    "lc.provider_name, lc.provider_url, lc.image_key, lc.width, lc.height, lc.blurhash, "
    "lc.embed_url, lc.fetched_at";

// The card in the columns of kCardColumns, from column `at` on.
LinkCardRecord ReadCard(const Stmt& s, int at) {
  LinkCardRecord r;
  r.url = s.Text(at + 0);
  r.card_url = s.Text(at + 1);
  r.title = s.Text(at + 2);
  r.description = s.Text(at + 3);
  r.type = s.Text(at + 4);
  r.author_name = s.Text(at + 5);
  r.author_url = s.Text(at + 6);
  r.provider_name = s.Text(at + 7);
  r.provider_url = s.Text(at + 8);
  r.image_key = s.Text(at + 9);
  r.width = static_cast<int>(s.Int(at + 10));
  r.height = static_cast<int>(s.Int(at + 11));
  r.blurhash = s.Text(at + 12);
  r.embed_url = s.Text(at + 13);
  r.fetched_at = s.Int(at + 14);
  return r;
}

}  // namespace

Status SqlLinkCardStore::Enqueue(int64_t status_id, const std::string& url, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO link_card_jobs (status_id, url, created_at, next_attempt_at) "
         "VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING")
        .BindAll(status_id, url, now, now)
        .Run();
    return Status::Ok();
  });
}

Result<std::optional<LinkCardJob>> SqlLinkCardStore::Claim(int64_t now, int64_t until) {
  return WriteResult(db_, [&](Connection& c) -> Result<std::optional<LinkCardJob>> {
    auto s = c.Prepare(
        "SELECT status_id, url, created_at, attempts FROM link_card_jobs "
        "WHERE next_attempt_at <= ? AND claimed_until <= ? "
        "ORDER BY next_attempt_at, status_id LIMIT 1");
    s.BindAll(now, now);
    if (!s.Step()) return std::optional<LinkCardJob>();
    LinkCardJob job{s.Int(0), s.Text(1), s.Int(2), static_cast<int>(s.Int(3)) + 1};
    c.Prepare("UPDATE link_card_jobs SET claimed_until = ?, attempts = ? WHERE status_id = ?")
        .BindAll(until, job.attempts, job.status_id)
        .Run();
    return std::optional<LinkCardJob>(std::move(job));
  });
}

Status SqlLinkCardStore::Finish(int64_t status_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare("DELETE FROM link_card_jobs WHERE status_id = ?").BindAll(status_id).Run();
    return Status::Ok();
  });
}

Status SqlLinkCardStore::Retry(int64_t status_id, const std::string& error,
                               int64_t next_attempt_at) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "UPDATE link_card_jobs SET claimed_until = 0, next_attempt_at = ?, last_error = ? "
         "WHERE status_id = ?")
        .BindAll(next_attempt_at, error, status_id)
        .Run();
    return Status::Ok();
  });
}

Result<LinkCardQueueStats> SqlLinkCardStore::QueueStats() {
  return ReadResult(db_, [&](Connection& c) -> Result<LinkCardQueueStats> {
    auto s = c.Prepare("SELECT COUNT(*), COALESCE(MIN(created_at), 0) FROM link_card_jobs");
    LinkCardQueueStats out;
    if (s.Step()) {
      out.depth = s.Int(0);
      out.oldest_created_at = s.Int(1);
    }
    return out;
  });
}

Result<CachedLinkCard> SqlLinkCardStore::Find(const std::string& url) {
  return ReadResult(db_, [&](Connection& c) -> Result<CachedLinkCard> {
    auto s = c.Prepare(std::string("SELECT lc.state, ") + kCardColumns +
                       " FROM link_cards lc WHERE lc.url = ?");
    s.BindAll(url);
    if (!s.Step()) return Status::NotFound();
    CachedLinkCard out;
    LinkCardRecord card = ReadCard(s, 1);
    out.fetched_at = card.fetched_at;
    if (s.Int(0) == kCardState) out.card = std::move(card);
    return out;
  });
}

Status SqlLinkCardStore::Save(const std::string& url, const std::optional<LinkCardRecord>& card,
                              const std::string& error, int64_t now) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    LinkCardRecord r = card ? *card : LinkCardRecord{};
    c.Prepare(
         "INSERT INTO link_cards (url, state, card_url, title, description, type, author_name, "
         "author_url, provider_name, provider_url, image_key, width, height, blurhash, embed_url, "
         "error, fetched_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
         "ON CONFLICT (url) DO UPDATE SET state = excluded.state, card_url = excluded.card_url, "
         "title = excluded.title, description = excluded.description, type = excluded.type, "
         "author_name = excluded.author_name, author_url = excluded.author_url, "
         "provider_name = excluded.provider_name, provider_url = excluded.provider_url, "
         "image_key = excluded.image_key, width = excluded.width, height = excluded.height, "
         "blurhash = excluded.blurhash, embed_url = excluded.embed_url, error = excluded.error, "
         "fetched_at = excluded.fetched_at")
        .BindAll(url, card ? kCardState : kNoCardState, r.card_url, r.title, r.description, r.type,
                 r.author_name, r.author_url, r.provider_name, r.provider_url, r.image_key,
                 int64_t{r.width}, int64_t{r.height}, r.blurhash, r.embed_url, error, now)
        .Run();
    return Status::Ok();
  });
}

Status SqlLinkCardStore::Attach(int64_t status_id, const std::string& url) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO status_cards (status_id, url) VALUES (?, ?) "
         "ON CONFLICT (status_id) DO UPDATE SET url = excluded.url")
        .BindAll(status_id, url)
        .Run();
    return Status::Ok();
  });
}

Status SqlLinkCardStore::Detach(int64_t status_id) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare("DELETE FROM status_cards WHERE status_id = ?").BindAll(status_id).Run();
    c.Prepare("DELETE FROM link_card_jobs WHERE status_id = ?").BindAll(status_id).Run();
    return Status::Ok();
  });
}

void LoadStatusCards(Connection& c, std::vector<StatusRecord>& statuses) {
  if (statuses.empty()) return;
  auto [by_id, ids] = IndexById(statuses);
  ForEachChunk(ids, [&](std::span<const int64_t> chunk) {
    SqlBuilder q(std::string("SELECT sc.status_id, ") + kCardColumns +
                 " FROM status_cards sc JOIN link_cards lc ON lc.url = sc.url "
                 "WHERE lc.state = 1 AND sc.status_id IN ");
    q.AddInList(chunk);
    q.ForEachRow(c, [&](const Stmt& s) { by_id[s.Int(0)]->card = ReadCard(s, 1); });
  });
}

}  // namespace atrium::sql
