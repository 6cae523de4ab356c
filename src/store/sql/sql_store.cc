#include "store/sql/sql_store.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <optional>

#include "base/markdown.h"
#include "store/sql/account_row.h"
#include "store/sql/announcement_store.h"
#include "store/sql/audit_store.h"
#include "store/sql/compliance_store.h"
#include "store/sql/compose_store.h"
#include "store/sql/conversation_store.h"
#include "store/sql/custom_emoji_store.h"
#include "store/sql/database.h"
#include "store/sql/directory_store.h"
#include "store/sql/draft_store.h"
#include "store/sql/feed_store.h"
#include "store/sql/filter_store.h"
#include "store/sql/link_card_store.h"
#include "store/sql/mail_store.h"
#include "store/sql/media_store.h"
#include "store/sql/poll_store.h"
#include "store/sql/push_store.h"
#include "store/sql/report_store.h"
#include "store/sql/rows.h"
#include "store/sql/scheduled_status_store.h"
#include "store/sql/search_store.h"
#include "store/sql/social_store.h"
#include "store/sql/sql_util.h"
#include "store/sql/tag_store.h"

namespace atrium::sql {
namespace {

// Binds the directory fields of `a` from external_id to directory_managed,
// in the order of kAccountColumns, at `first` and the thirteen indexes after
// it.
void BindDirectoryFields(Stmt& s, int first, const Account& a) {
  BindOptionalText(s, first, a.external_id);
  s.Bind(first + 1, a.title).Bind(first + 2, a.department);
  BindOptionalId(s, first + 3, a.manager_id);
  s.Bind(first + 4, a.location).Bind(first + 5, a.phone).Bind(first + 6, a.employee_number);
  s.Bind(first + 7, a.cost_center).Bind(first + 8, a.organization).Bind(first + 9, a.division);
  s.Bind(first + 10, a.pronouns).Bind(first + 11, a.removed_at).Bind(first + 12, a.avatar);
  s.Bind(first + 13, a.directory_managed);
}

class SqlAccountStore : public AccountStore {
 public:
  explicit SqlAccountStore(Database& db) : db_(db) {}

  Status Create(const Account& a) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        InsertAccountRow(c, a);
        IndexPerson(c, a.id);
      });
    });
  }

  Result<Account> Get(int64_t id) override {
    static const std::string sql =
        fmt::format("SELECT {} FROM accounts WHERE id = ?", kAccountColumns);
    return FindOne(sql.c_str(), [&](Stmt& s) { s.Bind(1, id); });
  }

  Result<Account> FindByUsername(std::string_view username) override {
    static const DialectSql sql([](const Dialect& d) {
      return fmt::format("SELECT {} FROM accounts WHERE {}", kAccountColumns,
                         d.CiEquals("username"));
    });
    return FindOne(sql.For(db_.dialect()).c_str(), [&](Stmt& s) { s.Bind(1, username); });
  }

  Result<Account> FindByEmail(std::string_view email) override {
    static const DialectSql sql([](const Dialect& d) {
      return fmt::format("SELECT {} FROM accounts WHERE {}", kAccountColumns, d.CiEquals("email"));
    });
    return FindOne(sql.For(db_.dialect()).c_str(), [&](Stmt& s) { s.Bind(1, email); });
  }

  Result<std::vector<Account>> List(int64_t after_id, int limit) override {
    static const std::string sql =
        fmt::format("SELECT {} FROM accounts WHERE id > ? ORDER BY id LIMIT ?", kAccountColumns);
    std::vector<Account> out;
    Status st = Guard([&] {
      db_.Read([&](Connection& c) {
        auto s = c.Prepare(sql.c_str());
        s.BindAll(after_id, limit);
        while (s.Step()) out.push_back(ReadAccount(s));
      });
    });
    if (!st.ok()) return st;
    return out;
  }

  Status Update(const Account& a, AuditEntry* audit) override {
    int changed = 0;
    const std::string note_html = RenderMarkdown(a.note);  // outside the write lock
    Status st = Guard([&] {
      db_.Write([&](Connection& c) {
        auto s = c.Prepare(
            "UPDATE accounts SET username = ?, display_name = ?, email = ?, role = ?, active = ?, "
            "locked = ?, note = ?, password_hash = ?, updated_at = ?, external_id = ?, title = ?, "
            "department = ?, manager_id = ?, location = ?, phone = ?, employee_number = ?, "
            "cost_center = ?, organization = ?, division = ?, pronouns = ?, removed_at = ?, "
            "avatar = ?, directory_managed = ?, note_html = ?, approve_management_chain = ?, "
            "header = ? WHERE id = ?");
        s.BindAll(a.username, a.display_name);
        BindOptionalText(s, 3, a.email);
        s.Bind(4, a.role).Bind(5, a.active).Bind(6, a.locked).Bind(7, a.note);
        s.Bind(8, a.password_hash).Bind(9, a.updated_at);
        BindDirectoryFields(s, 10, a);
        s.Bind(24, note_html).Bind(25, a.approve_management_chain);
        s.Bind(26, a.header);
        s.Bind(27, a.id);
        s.Run();
        changed = s.Changes();
        if (changed != 0) IndexPerson(c, a.id);
        if (audit && changed) AppendAudit(c, *audit);
      });
    });
    if (st.ok() && changed == 0) return Status::NotFound();
    return st;
  }

  Result<int64_t> CountActiveSince(int64_t since_ms, int64_t since_id) override {
    return GuardResult<int64_t>([&]() -> std::optional<int64_t> {
      int64_t n = 0;
      db_.Read([&](Connection& c) {
        auto s = c.Prepare(
            "SELECT COUNT(*) FROM accounts WHERE active = 1 AND id IN ("
            "SELECT account_id FROM sessions WHERE last_used_at >= ? "
            "UNION SELECT account_id FROM statuses WHERE id >= ?)");
        s.BindAll(since_ms, since_id);
        if (s.Step()) n = s.Int(0);
      });
      return n;
    });
  }

  Result<int64_t> Count(bool active_only) override {
    return GuardResult<int64_t>([&]() -> std::optional<int64_t> {
      int64_t n = 0;
      db_.Read([&](Connection& c) {
        auto s = c.Prepare(active_only ? "SELECT COUNT(*) FROM accounts WHERE active = 1"
                                       : "SELECT COUNT(*) FROM accounts");
        if (s.Step()) n = s.Int(0);
      });
      return n;
    });
  }

  Result<std::vector<Account>> Query(const AccountQuery& q, const PageRequest& page) override {
    return ReadResult(db_, [&](Connection& c) -> Result<std::vector<Account>> {
      SqlBuilder sql(fmt::format("SELECT {} FROM accounts WHERE 1 = 1", kAccountColumns));
      if (q.status == "active") sql.Add(" AND active = 1");
      if (q.status == "disabled") sql.Add(" AND active = 0");
      if (q.staff) sql.Add(" AND role IN ('admin', 'moderator')");
      if (!q.role.empty()) sql.Add(" AND role = ?", q.role);
      const std::string_view like = c.dialect().ILike();
      if (!q.username.empty())
        sql.Add(fmt::format(" AND username {} ? ESCAPE '\\'", like), EscapeLike(q.username) + "%");
      if (!q.email.empty())
        sql.Add(fmt::format(" AND email {} ? ESCAPE '\\'", like), EscapeLike(q.email) + "%");
      if (!q.display_name.empty())
        sql.Add(fmt::format(" AND display_name {} ? ESCAPE '\\'", like),
                "%" + EscapeLike(q.display_name) + "%");
      bool reverse = AppendPage(sql, "id", page);
      std::vector<Account> out;
      sql.ForEachRow(c, [&](const Stmt& s) { out.push_back(ReadAccount(s)); });
      if (reverse) std::reverse(out.begin(), out.end());
      return out;
    });
  }

  Result<std::vector<Account>> Search(std::string_view query, int limit, int offset) override {
    static const DialectSql sql([](const Dialect& d) {
      return fmt::format(
          "SELECT {0} FROM accounts WHERE active = 1 AND (username {1} ?1 ESCAPE '\\' OR "
          "display_name {1} ?1 ESCAPE '\\' OR display_name {1} ?2 ESCAPE '\\') "
          "ORDER BY ({2}) DESC, {3} LIMIT ?4 OFFSET ?5",
          kAccountColumns, d.ILike(), d.CiEquals("username", "?3"), d.CiOrder("username"));
    });
    std::string escaped = EscapeLike(query);
    std::vector<Account> out;
    Status st = Guard([&] {
      db_.Read([&](Connection& c) {
        auto s = c.Prepare(sql.For(c.dialect()));
        s.Bind(1, escaped + "%")
            .Bind(2, "% " + escaped + "%")
            .Bind(3, query)
            .Bind(4, limit)
            .Bind(5, offset);
        while (s.Step()) out.push_back(ReadAccount(s));
      });
    });
    if (!st.ok()) return st;
    return out;
  }

  Status Deactivate(int64_t id, int64_t now, AuditEntry* audit) override {
    int changed = 0;
    Status st = Guard([&] {
      db_.Write([&](Connection& c) {
        auto s = c.Prepare("UPDATE accounts SET active = 0, updated_at = ? WHERE id = ?");
        s.BindAll(now, id).Run();
        changed = s.Changes();
        c.Prepare("DELETE FROM sessions WHERE account_id = ?").BindAll(id).Run();
        c.Prepare("UPDATE oauth_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at = 0")
            .BindAll(now, id)
            .Run();
        c.Prepare("DELETE FROM feed_tokens WHERE account_id = ?").BindAll(id).Run();
        if (audit && changed) AppendAudit(c, *audit);
      });
    });
    if (st.ok() && changed == 0) return Status::NotFound();
    return st;
  }

  Status SetPassword(int64_t id, const std::string& password_hash, int64_t now,
                     std::string_view keep_session_hash, int64_t keep_token_id) override {
    int changed = 0;
    Status st = Guard([&] {
      db_.Write([&](Connection& c) {
        auto s = c.Prepare("UPDATE accounts SET password_hash = ?, updated_at = ? WHERE id = ?");
        s.BindAll(password_hash, now, id).Run();
        changed = s.Changes();
        c.Prepare("DELETE FROM sessions WHERE account_id = ? AND token_hash <> ?")
            .BindAll(id, keep_session_hash)
            .Run();
        c.Prepare(
             "UPDATE oauth_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at = 0 "
             "AND id <> ?")
            .BindAll(now, id, keep_token_id)
            .Run();
      });
    });
    if (st.ok() && changed == 0) return Status::NotFound();
    return st;
  }

 private:
  template <typename BindFn>
  Result<Account> FindOne(const char* sql, BindFn&& bind) {
    return GuardResult<Account>([&]() -> std::optional<Account> {
      std::optional<Account> out;
      db_.Read([&](Connection& c) {
        auto s = c.Prepare(sql);
        bind(s);
        if (s.Step()) out = ReadAccount(s);
      });
      return out;
    });
  }

  Database& db_;
};

OAuthApp ReadApp(const Stmt& s) {
  OAuthApp a;
  a.id = s.Int(0);
  a.name = s.Text(1);
  a.website = s.Text(2);
  a.redirect_uris = s.Text(3);
  a.scopes = s.Text(4);
  a.client_id = s.Text(5);
  a.client_secret_hash = s.Text(6);
  a.created_at = s.Int(7);
  return a;
}

AccessToken ReadToken(const Stmt& s) {
  AccessToken t;
  t.id = s.Int(0);
  t.token_hash = s.Text(1);
  t.app_id = s.Int(2);
  t.account_id = s.Int(3);
  t.scopes = s.Text(4);
  t.created_at = s.Int(5);
  t.revoked_at = s.Int(6);
  t.code_id = s.Int(7);
  return t;
}

class SqlAuthStore : public AuthStore {
 public:
  explicit SqlAuthStore(Database& db) : db_(db) {}

  Status CreateSession(const Session& x) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare(
             "INSERT INTO sessions (id, token_hash, account_id, created_at, user_agent, ip, "
             "last_used_at) VALUES (?,?,?,?,?,?,?)")
            .BindAll(x.id, x.token_hash, x.account_id, x.created_at, x.user_agent, x.ip,
                     x.last_used_at ? x.last_used_at : x.created_at)
            .Run();
      });
    });
  }

  Result<Session> FindSession(std::string_view token_hash) override {
    return GuardResult<Session>([&]() -> std::optional<Session> {
      std::optional<Session> out;
      db_.Read([&](Connection& c) {
        auto s = c.Prepare(
            "SELECT id, token_hash, account_id, created_at, user_agent, ip, last_used_at "
            "FROM sessions WHERE token_hash = ?");
        s.Bind(1, token_hash);
        if (s.Step())
          out = Session{s.Int(0), s.Text(1), s.Int(2), s.Int(3), s.Text(4), s.Text(5), s.Int(6)};
      });
      return out;
    });
  }

  Status DeleteSession(std::string_view token_hash) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare("DELETE FROM sessions WHERE token_hash = ?").Bind(1, token_hash).Run();
      });
    });
  }

  Status TouchSession(std::string_view token_hash, int64_t now, int64_t not_before) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare("UPDATE sessions SET last_used_at = ? WHERE token_hash = ? AND last_used_at <= ?")
            .BindAll(now, token_hash, not_before)
            .Run();
      });
    });
  }

  Status CreateApp(const OAuthApp& a) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare(
             "INSERT INTO oauth_apps (id, name, website, redirect_uris, scopes, client_id, "
             "client_secret_hash, created_at) VALUES (?,?,?,?,?,?,?,?)")
            .BindAll(a.id, a.name, a.website, a.redirect_uris, a.scopes, a.client_id,
                     a.client_secret_hash, a.created_at)
            .Run();
      });
    });
  }

  Result<OAuthApp> FindAppByClientId(std::string_view client_id) override {
    return FindApp(
        "SELECT id, name, website, redirect_uris, scopes, client_id, client_secret_hash, "
        "created_at FROM oauth_apps WHERE client_id = ?",
        [&](Stmt& s) { s.Bind(1, client_id); });
  }

  Result<OAuthApp> GetApp(int64_t id) override {
    return FindApp(
        "SELECT id, name, website, redirect_uris, scopes, client_id, client_secret_hash, "
        "created_at FROM oauth_apps WHERE id = ?",
        [&](Stmt& s) { s.Bind(1, id); });
  }

  Status CreateToken(const AccessToken& t) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        auto s = c.Prepare(
            "INSERT INTO oauth_tokens (id, token_hash, app_id, account_id, scopes, created_at, "
            "revoked_at, code_id) VALUES (?,?,?,?,?,?,?,?)");
        s.BindAll(t.id, t.token_hash, t.app_id);
        if (t.account_id)
          s.Bind(4, t.account_id);
        else
          s.BindNull(4);
        s.Bind(5, t.scopes).Bind(6, t.created_at).Bind(7, t.revoked_at);
        if (t.code_id)
          s.Bind(8, t.code_id);
        else
          s.BindNull(8);
        s.Run();
      });
    });
  }

  Result<AccessToken> FindToken(std::string_view token_hash) override {
    return GuardResult<AccessToken>([&]() -> std::optional<AccessToken> {
      std::optional<AccessToken> out;
      db_.Read([&](Connection& c) {
        auto s = c.Prepare(
            "SELECT id, token_hash, app_id, COALESCE(account_id, 0), scopes, created_at, "
            "revoked_at, COALESCE(code_id, 0) FROM oauth_tokens WHERE token_hash = ?");
        s.Bind(1, token_hash);
        if (s.Step()) out = ReadToken(s);
      });
      return out;
    });
  }

  Status RevokeToken(int64_t token_id, int64_t now) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare("UPDATE oauth_tokens SET revoked_at = ? WHERE id = ? AND revoked_at = 0")
            .BindAll(now, token_id)
            .Run();
      });
    });
  }

  Status CreateCode(const AuthCode& x) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare(
             "INSERT INTO oauth_codes (id, code_hash, app_id, account_id, redirect_uri, scopes, "
             "code_challenge, expires_at, used_at) VALUES (?,?,?,?,?,?,?,?,?)")
            .BindAll(x.id, x.code_hash, x.app_id, x.account_id, x.redirect_uri, x.scopes,
                     x.code_challenge, x.expires_at, x.used_at)
            .Run();
      });
    });
  }

  Result<AuthCode> ConsumeCode(std::string_view code_hash, int64_t now) override {
    std::optional<AuthCode> found;
    bool reused = false;
    Status st = Guard([&] {
      db_.Write([&](Connection& c) {
        // A retried transaction starts afresh.
        found.reset();
        reused = false;
        auto s = c.Prepare(
            std::string(
                "SELECT id, code_hash, app_id, account_id, redirect_uri, scopes, "
                "code_challenge, expires_at, used_at FROM oauth_codes WHERE code_hash = ?") +
            std::string(c.dialect().ForUpdate()));
        s.Bind(1, code_hash);
        if (!s.Step()) return;
        found = AuthCode{s.Int(0),  s.Text(1), s.Int(2), s.Int(3), s.Text(4),
                         s.Text(5), s.Text(6), s.Int(7), s.Int(8)};
        if (found->used_at) {
          reused = true;
          c.Prepare("UPDATE oauth_tokens SET revoked_at = ? WHERE code_id = ? AND revoked_at = 0")
              .BindAll(now, found->id)
              .Run();
        } else {
          c.Prepare("UPDATE oauth_codes SET used_at = ? WHERE id = ?")
              .BindAll(now, found->id)
              .Run();
        }
      });
    });
    if (!st.ok()) return st;
    if (!found) return Status::NotFound();
    if (reused) return Status::Conflict("invalid_grant", "The authorization code was already used");
    return std::move(*found);
  }

  Status CreateSamlRequest(const SamlRequest& r) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare(
             "INSERT INTO saml_requests (id, browser_hash, return_to, expires_at) "
             "VALUES (?,?,?,?)")
            .BindAll(r.id, r.browser_hash, r.return_to, r.expires_at)
            .Run();
      });
    });
  }

  Status CreateOidcRequest(const OidcRequest& r, int64_t now) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare("DELETE FROM oidc_requests WHERE expires_at < ?").BindAll(now).Run();
        c.Prepare(
             "INSERT INTO oidc_requests (state_hash, browser_hash, return_to, expires_at) "
             "VALUES (?,?,?,?)")
            .BindAll(r.state_hash, r.browser_hash, r.return_to, r.expires_at)
            .Run();
      });
    });
  }

  Result<SamlRequest> ConsumeSamlRequest(std::string_view id, int64_t now) override {
    std::optional<SamlRequest> found;
    Status st = Guard([&] {
      db_.Write([&](Connection& c) {
        found.reset();  // a retried transaction starts afresh
        auto s = c.Prepare(
            std::string("SELECT id, browser_hash, return_to, expires_at FROM saml_requests "
                        "WHERE id = ?") +
            std::string(c.dialect().ForUpdate()));
        s.Bind(1, id);
        if (!s.Step()) return;
        found = SamlRequest{s.Text(0), s.Text(1), s.Text(2), s.Int(3)};
        c.Prepare("DELETE FROM saml_requests WHERE id = ?").Bind(1, id).Run();
      });
    });
    if (!st.ok()) return st;
    if (!found || found->expires_at <= now) return Status::NotFound();
    return std::move(*found);
  }

  Result<bool> RememberSamlAssertion(std::string_view id, int64_t expires_at,
                                     int64_t now) override {
    bool fresh = false;
    Status st = Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare("DELETE FROM saml_assertions WHERE expires_at <= ?").Bind(1, now).Run();
        c.Prepare("DELETE FROM saml_requests WHERE expires_at <= ?").Bind(1, now).Run();
        auto s = c.Prepare("SELECT 1 FROM saml_assertions WHERE id = ?");
        s.Bind(1, id);
        fresh = !s.Step();
        if (!fresh) return;
        c.Prepare("INSERT INTO saml_assertions (id, expires_at) VALUES (?,?)")
            .BindAll(id, expires_at)
            .Run();
      });
    });
    if (!st.ok()) return st;
    return fresh;
  }

  Result<OidcRequest> TakeOidcRequest(std::string_view state_hash) override {
    std::optional<OidcRequest> found;
    Status st = Guard([&] {
      db_.Write([&](Connection& c) {
        found.reset();  // a retried transaction starts afresh
        auto s =
            c.Prepare(std::string("SELECT state_hash, browser_hash, return_to, expires_at FROM "
                                  "oidc_requests WHERE state_hash = ?") +
                      std::string(c.dialect().ForUpdate()));
        s.Bind(1, state_hash);
        if (!s.Step()) return;
        OidcRequest r{s.Text(0), s.Text(1), s.Text(2), s.Int(3)};
        auto del = c.Prepare("DELETE FROM oidc_requests WHERE state_hash = ?");
        del.Bind(1, state_hash).Run();
        if (del.Changes() == 1) found = std::move(r);
      });
    });
    if (!st.ok()) return st;
    if (!found) return Status::NotFound();
    return std::move(*found);
  }

  Status RecordOidcSignIn(const OidcSignIn& x) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare(
             "INSERT INTO oidc_sign_ins (id, account_id, subject, sid, created_at) "
             "VALUES (?,?,?,?,?)")
            .BindAll(x.id, x.account_id, x.subject, x.sid, x.created_at)
            .Run();
      });
    });
  }

  Result<std::vector<int64_t>> OidcAccounts(std::string_view subject,
                                            std::string_view sid) override {
    return GuardResult<std::vector<int64_t>>([&]() -> std::optional<std::vector<int64_t>> {
      std::vector<int64_t> out;
      db_.Read([&](Connection& c) {
        // An empty subject or sid matches nothing (the column's '' is "none").
        for (auto [column, value] : {std::pair{"subject", subject}, std::pair{"sid", sid}}) {
          if (value.empty()) continue;
          auto s = c.Prepare(std::string("SELECT DISTINCT account_id FROM oidc_sign_ins WHERE ") +
                             column + " = ?");
          s.Bind(1, value);
          while (s.Step()) out.push_back(s.Int(0));
        }
      });
      std::sort(out.begin(), out.end());
      out.erase(std::unique(out.begin(), out.end()), out.end());
      return out;
    });
  }

  Status SetFeedToken(const FeedTokenRecord& t) override {
    return Guard([&] {
      db_.Write([&](Connection& c) {
        c.Prepare(
             "INSERT INTO feed_tokens (account_id, token_hash, created_at) VALUES (?,?,?) "
             "ON CONFLICT (account_id) DO UPDATE SET token_hash = excluded.token_hash, "
             "created_at = excluded.created_at")
            .BindAll(t.account_id, t.token_hash, t.created_at)
            .Run();
      });
    });
  }

  Result<FeedTokenRecord> FindFeedToken(std::string_view token_hash) override {
    return FindFeedTokenWhere("token_hash = ?", [&](Stmt& s) { s.Bind(1, token_hash); });
  }

  Result<FeedTokenRecord> FeedTokenOf(int64_t account_id) override {
    return FindFeedTokenWhere("account_id = ?", [&](Stmt& s) { s.Bind(1, account_id); });
  }

  Result<bool> DeleteFeedToken(int64_t account_id) override {
    bool deleted = false;
    Status st = Guard([&] {
      db_.Write([&](Connection& c) {
        auto s = c.Prepare("DELETE FROM feed_tokens WHERE account_id = ?");
        s.Bind(1, account_id);
        s.Run();
        deleted = s.Changes() != 0;
      });
    });
    if (!st.ok()) return st;
    return deleted;
  }

  Status EndAllSessions(int64_t account_id, int64_t now) override {
    bool found = false;
    Status st = Guard([&] {
      db_.Write([&](Connection& c) {
        auto s = c.Prepare("SELECT id FROM accounts WHERE id = ?");
        s.Bind(1, account_id);
        found = s.Step();
        c.Prepare("DELETE FROM sessions WHERE account_id = ?").BindAll(account_id).Run();
        c.Prepare("UPDATE oauth_tokens SET revoked_at = ? WHERE account_id = ? AND revoked_at = 0")
            .BindAll(now, account_id)
            .Run();
      });
    });
    if (st.ok() && !found) return Status::NotFound();
    return st;
  }

 private:
  template <typename BindFn>
  Result<OAuthApp> FindApp(const char* sql, BindFn&& bind) {
    return GuardResult<OAuthApp>([&]() -> std::optional<OAuthApp> {
      std::optional<OAuthApp> out;
      db_.Read([&](Connection& c) {
        auto s = c.Prepare(sql);
        bind(s);
        if (s.Step()) out = ReadApp(s);
      });
      return out;
    });
  }

  // The feed token matching `where` (one condition, bound by `bind`).
  template <typename BindFn>
  Result<FeedTokenRecord> FindFeedTokenWhere(const char* where, BindFn&& bind) {
    return GuardResult<FeedTokenRecord>([&]() -> std::optional<FeedTokenRecord> {
      std::optional<FeedTokenRecord> out;
      db_.Read([&](Connection& c) {
        auto s = c.Prepare(
            std::string("SELECT account_id, token_hash, created_at FROM feed_tokens WHERE ") +
            where);
        bind(s);
        if (s.Step()) out = FeedTokenRecord{s.Int(0), s.Text(1), s.Int(2)};
      });
      return out;
    });
  }

  Database& db_;
};

}  // namespace

void InsertAccountRow(Connection& c, const Account& a) {
  auto s = c.Prepare(
      "INSERT INTO accounts (id, username, display_name, email, role, active, locked, note, "
      "password_hash, created_at, updated_at, external_id, title, department, manager_id, "
      "location, phone, employee_number, cost_center, organization, division, pronouns, "
      "removed_at, avatar, directory_managed, note_html, approve_management_chain, header) "
      "VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
  s.BindAll(a.id, a.username, a.display_name);
  BindOptionalText(s, 4, a.email);
  s.Bind(5, a.role).Bind(6, a.active).Bind(7, a.locked).Bind(8, a.note);
  s.Bind(9, a.password_hash).Bind(10, a.created_at).Bind(11, a.updated_at);
  BindDirectoryFields(s, 12, a);
  s.Bind(26, RenderMarkdown(a.note)).Bind(27, a.approve_management_chain);
  s.Bind(28, a.header);
  s.Run();
}

SqlStore::SqlStore(std::unique_ptr<Database> db)
    : db_(std::move(db)),
      accounts_(std::make_unique<SqlAccountStore>(*db_)),
      auth_(std::make_unique<SqlAuthStore>(*db_)),
      statuses_(std::make_unique<SqlStatusStore>(*db_)),
      relationships_(std::make_unique<SqlRelationshipStore>(*db_)),
      notifications_(std::make_unique<SqlNotificationStore>(*db_)),
      lists_(std::make_unique<SqlListStore>(*db_)),
      markers_(std::make_unique<SqlMarkerStore>(*db_)),
      directory_(std::make_unique<SqlDirectoryStore>(*db_)),
      communities_(std::make_unique<SqlCommunityStore>(*db_)),
      search_(std::make_unique<SqlSearchStore>(*db_)),
      media_(std::make_unique<SqlMediaAttachmentStore>(*db_)),
      audit_(std::make_unique<SqlAuditStore>(*db_)),
      polls_(std::make_unique<SqlPollStore>(*db_)),
      scheduled_statuses_(std::make_unique<SqlScheduledStatusStore>(*db_)),
      mail_(std::make_unique<SqlMailStore>(*db_)),
      compliance_(std::make_unique<SqlComplianceStore>(*db_)),
      reports_(std::make_unique<SqlReportStore>(*db_)),
      compose_(std::make_unique<SqlComposeStore>(*db_)),
      link_cards_(std::make_unique<SqlLinkCardStore>(*db_)),
      feeds_(std::make_unique<SqlFeedStore>(*db_)),
      drafts_(std::make_unique<SqlDraftStore>(*db_)),
      filters_(std::make_unique<SqlFilterStore>(*db_)),
      tags_(std::make_unique<SqlTagStore>(*db_)),
      announcements_(std::make_unique<SqlAnnouncementStore>(*db_)),
      conversations_(std::make_unique<SqlConversationStore>(*db_)),
      push_(std::make_unique<SqlPushStore>(*db_)),
      custom_emojis_(std::make_unique<SqlCustomEmojiStore>(*db_)) {}

SqlStore::~SqlStore() = default;

Database& SqlStore::DatabaseOf(Store& store) { return *dynamic_cast<SqlStore&>(store).db_; }

Status SqlStore::CheckReady() {
  auto v = SchemaVersion();
  if (!v.ok()) return v.status();
  if (*v != LatestSchemaVersion())
    return Status::Unavailable(
        "Not ready", fmt::format("schema version {} is not {}", *v, LatestSchemaVersion()));
  return Status::Ok();
}

void SqlStore::Close() { db_->Close(); }

Status SqlStore::TooNew(int version) const {
  return Status::Unavailable(
      "Database too new",
      fmt::format("the database has schema version {}, but this Atrium knows only up to {}; "
                  "run a newer Atrium",
                  version, LatestSchemaVersion()));
}

}  // namespace atrium::sql
