// Post search over the full-text index, with the reader's scope applied
// inside the query (see store/search_store.h).
//
// Query shape: the index's match drives (FTS5's inverted index / the GIN
// index), each candidate joins its post and author by primary key, and the
// scope is a few conditions on the post's own columns (community, author,
// visibility) with the reader's lists bound as IN lists, plus a primary-key
// probe of status_mentions for followers-only and direct posts. Without
// words (operators only) the posts are read newest first.
//
// Relevance blended with recency: ln(relevance) + created_at / τ, i.e.
// relevance × e^(created_at/τ), with τ such that a year-old post weighs half
// a new one. The blend depends only on the posts, not on the time of the
// query, so pages asked one after the other keep one order.
#include "store/sql/search_store.h"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <map>
#include <mutex>

#include "base/search_syntax.h"
#include "store/sql/sql_util.h"

namespace atrium::sql {
namespace {

// A year / ln 2, in ms.
constexpr const char* kRecencyScale = "45505740000.0";

// Appends "(column IN (…) OR column IN (…))" (or, negated, NOT IN … AND) for
// `ids`, not empty, in lists of at most kMaxInList.
void AddIdSet(SqlBuilder& q, std::string_view column, const std::vector<int64_t>& ids,
              bool negate) {
  q.Add("(");
  bool first = true;
  ForEachChunk(ids, [&](std::span<const int64_t> chunk) {
    if (!first) q.Add(negate ? " AND " : " OR ");
    first = false;
    q.Add(column).Add(negate ? " NOT IN " : " IN ").AddInList(chunk);
  });
  q.Add(")");
}

// Appends `piece`, binding `value` if it holds the one '?'.
void AddMaybeBound(SqlBuilder& q, std::string_view piece, const std::string& value) {
  if (piece.find('?') != std::string_view::npos)
    q.Add(piece, value);
  else
    q.Add(piece);
}

// Appends `sql`, whose '?'s (as many as `values`) are bound to `values` in order.
void AddBound(SqlBuilder& q, std::string_view sql, const std::vector<int64_t>& values) {
  size_t from = 0;
  for (int64_t v : values) {
    const size_t at = sql.find('?', from);
    q.Add(sql.substr(from, at + 1 - from), v);
    from = at + 1;
  }
  q.Add(sql.substr(from));
}

bool HasWords(const PostSearch& query) {
  return std::any_of(query.terms.begin(), query.terms.end(),
                     [](const SearchTerm& t) { return !t.exclude; });
}

// The post's id as the query's order walks it: the index's key with words,
// else the post's.
std::string_view PostKey(const Dialect& d, const PostSearch& query) {
  return HasWords(query) ? d.SearchPostKey() : "s.id";
}

// "FROM … WHERE …" of `query`: the match (if any), the reader's scope, the
// operators and the bounds max_id and min_id (a snapshot the counts keep
// too, so that they describe the pages).
void AppendFromWhere(SqlBuilder& q, const Dialect& d, const PostSearch& query) {
  const bool words = HasWords(query);
  const std::string match = words ? d.SearchMatchText(query.terms) : std::string();
  q.Add(" FROM ");
  if (words)
    AddMaybeBound(q, d.SearchFrom(), match);
  else
    q.Add("statuses s");
  q.Add(" JOIN accounts a ON a.id = s.account_id WHERE ");
  if (words)
    AddMaybeBound(q, d.SearchMatch(), match);
  else
    q.Add("TRUE");
  // Posts with words of their own, by active authors.
  q.Add(" AND s.reblog_of_id IS NULL AND a.active = 1");

  // The scope: what VisibilityPolicy::CanSee allows, as conditions.
  const SearchScope& scope = query.scope;
  q.Add(" AND ((s.community_id IS NULL AND (s.account_id = ?", scope.viewer_id);
  q.Add(" OR s.visibility IN (0, 1)");
  if (!scope.following.empty()) {
    q.Add(" OR (s.visibility = 2 AND ");
    AddIdSet(q, "s.account_id", scope.following, false);
    q.Add(")");
  }
  q.Add(
      " OR (s.visibility IN (2, 3) AND EXISTS (SELECT 1 FROM status_mentions m "
      "WHERE m.status_id = s.id AND m.account_id = ?)))",
      scope.viewer_id);
  q.Add(")");
  if (!scope.communities.empty()) {
    q.Add(" OR ");
    AddIdSet(q, "s.community_id", scope.communities, false);
  }
  q.Add(")");
  if (!scope.blocked.empty()) {
    q.Add(" AND ");
    AddIdSet(q, "s.account_id", scope.blocked, true);
  }

  // The operators.
  if (!query.from_username.empty())
    q.Add(" AND s.account_id = (SELECT id FROM accounts WHERE " + d.CiEquals("username") + ")",
          query.from_username);
  if (query.has_link) q.Add(" AND (s.text LIKE '%http://%' OR s.text LIKE '%https://%')");
  if (query.has_media) q.Add(" AND EXISTS (SELECT 1 FROM media m WHERE m.status_id = s.id)");
  if (query.has_poll) q.Add(" AND EXISTS (SELECT 1 FROM polls p WHERE p.status_id = s.id)");
  if (query.is_reply) q.Add(" AND s.in_reply_to_id IS NOT NULL");
  if (query.unanswered) q.Add(" AND s.kind = 2 AND s.accepted_answer_id IS NULL");
  if (query.in_library) {
    q.Add(" AND (s.account_id = ?", scope.viewer_id);
    q.Add(" OR EXISTS (SELECT 1 FROM favourites f WHERE f.status_id = s.id AND f.account_id = ?)",
          scope.viewer_id);
    q.Add(" OR EXISTS (SELECT 1 FROM bookmarks b WHERE b.status_id = s.id AND b.account_id = ?))",
          scope.viewer_id);
  }
  if (query.created_before != 0) q.Add(" AND s.created_at < ?", query.created_before);
  if (query.created_from != 0) q.Add(" AND s.created_at >= ?", query.created_from);
  if (query.kind) q.Add(" AND s.kind = ?", static_cast<int64_t>(*query.kind));
  if (!query.community_handle.empty())
    q.Add(" AND s.community_id = (SELECT id FROM communities WHERE " + d.CiEquals("handle") + ")",
          query.community_handle);
  for (const std::string& tag : query.tags)
    q.Add(
        " AND EXISTS (SELECT 1 FROM status_tags st JOIN tags t ON t.id = st.tag_id "
        "WHERE st.status_id = s.id AND " +
            d.CiEquals("t.name") + ")",
        tag);
  if (query.community_id != 0) q.Add(" AND s.community_id = ?", query.community_id);
  if (query.account_id != 0) q.Add(" AND s.account_id = ?", query.account_id);
  // On the index's key, so that the index's walk starts and stops there.
  const std::string key(PostKey(d, query));
  if (query.max_id != 0) q.Add(" AND " + key + " < ?", query.max_id);
  if (query.min_id != 0) q.Add(" AND " + key + " > ?", query.min_id);
}

// Appends "FROM … WHERE … ORDER BY key DESC LIMIT `limit`" of the newest
// `limit` posts `query` finds, to a SELECT whose columns are written.
void AppendNewestAfterColumns(SqlBuilder& q, const Dialect& d, const PostSearch& query,
                              int64_t limit) {
  AppendFromWhere(q, d, query);
  q.Add(" ORDER BY " + std::string(PostKey(d, query)) + " DESC LIMIT ?", limit);
}

// Appends "SELECT `columns` FROM … WHERE … ORDER BY key DESC LIMIT `limit`": the
// newest `limit` posts `query` finds (max_id, min_id and the scope applied),
// walking the index (or, without words, the posts) newest first.
void AppendNewest(SqlBuilder& q, const Dialect& d, const PostSearch& query,
                  std::string_view columns, int64_t limit) {
  q.Add("SELECT ").Add(columns);
  AppendNewestAfterColumns(q, d, query, limit);
}
SqlBuilder Newest(const Dialect& d, const PostSearch& query, std::string_view columns,
                  int64_t limit) {
  SqlBuilder q;
  AppendNewest(q, d, query, columns, limit);
  return q;
}

std::vector<SearchFacet> TopFacets(const std::map<int64_t, int64_t>& counts, size_t n) {
  std::vector<SearchFacet> out;
  for (const auto& [key, count] : counts) out.push_back({key, count});
  std::sort(out.begin(), out.end(), [](const SearchFacet& a, const SearchFacet& b) {
    return a.count != b.count ? a.count > b.count : a.key < b.key;
  });
  if (out.size() > n) out.resize(n);
  return out;
}

// The index of people: its columns, with PostgreSQL's weights, and
// SQLite's BM25 weights in the same order.
const std::vector<std::pair<std::string, char>>& PeopleFields() {
  static const std::vector<std::pair<std::string, char>> fields = {
      {"name", 'A'},     {"title", 'C'},     {"department", 'C'},
      {"location", 'C'}, {"expertise", 'B'}, {"about", 'D'}};
  return fields;
}
constexpr const char* kPeopleWeights = "10.0, 2.0, 1.0, 1.0, 4.0, 0.5";

const std::vector<std::pair<std::string, char>>& CommunityFields() {
  static const std::vector<std::pair<std::string, char>> fields = {
      {"name", 'A'}, {"handle", 'A'}, {"description", 'D'}, {"tags", 'B'}};
  return fields;
}
constexpr const char* kCommunityWeights = "10.0, 10.0, 1.0, 4.0";

// `terms`, positive ones only, each folded as the indexes are.
std::vector<SearchTerm> FoldedTerms(const std::vector<SearchTerm>& terms) {
  std::vector<SearchTerm> out;
  for (const SearchTerm& t : terms) {
    if (t.exclude) continue;
    SearchTerm f = t;
    f.text = FoldForSearch(t.text);
    if (!f.text.empty()) out.push_back(std::move(f));
  }
  return out;
}

// Appends the match of `index` joined to `joined` as `alias` ("FROM …
// WHERE match"), for `match_text`.
void AddIndexMatch(SqlBuilder& q, const Dialect& d, std::string_view index, std::string_view joined,
                   std::string_view alias, const std::string& match_text) {
  q.Add(" FROM ");
  AddMaybeBound(q, d.SearchIndexFrom(index, joined, alias), match_text);
  q.Add(" WHERE ");
  AddMaybeBound(q, d.SearchIndexMatch(index), match_text);
}

// The people `scope` may see: active, not removed, not blocked either way.
void AddPeopleScope(SqlBuilder& q, const SearchScope& scope, bool following) {
  q.Add(" AND a.active = 1 AND a.removed_at = 0");
  if (!scope.blocked.empty()) {
    q.Add(" AND ");
    AddIdSet(q, "a.id", scope.blocked, true);
  }
  if (following) {
    if (scope.following.empty()) {
      q.Add(" AND 1 = 0");
    } else {
      q.Add(" AND ");
      AddIdSet(q, "a.id", scope.following, false);
    }
  }
}

// The communities `scope` may know of (see CommunitySearch).
void AddCommunityScope(SqlBuilder& q, const SearchScope& scope) {
  q.Add(
      " AND (c.type <> 2 OR c.listed = 1 OR EXISTS (SELECT 1 FROM community_members m "
      "WHERE m.community_id = c.id AND m.account_id = ?))",
      scope.viewer_id);
}

// A post `s` outside every restricted community (as StatusStore's tag
// search reads it).
constexpr const char* kPublicTagPost =
    "EXISTS (SELECT 1 FROM status_tags st JOIN statuses s ON s.id = st.status_id "
    "WHERE st.tag_id = t.id AND s.visibility = 0 AND s.reblog_of_id IS NULL AND "
    "(s.community_id IS NULL OR s.community_id IN (SELECT id FROM communities WHERE type <> 2)))";

void DeleteEntry(Connection& c, std::string_view table, int64_t id) {
  c.Prepare(fmt::format("DELETE FROM {} WHERE {} = ?", table, c.dialect().SearchKey()))
      .BindAll(id)
      .Run();
}

void InsertName(Connection& c, std::string_view table, int64_t id, const std::string& name) {
  c.Prepare(fmt::format("INSERT INTO {} ({}, name) VALUES (?, ?)", table, c.dialect().SearchKey()))
      .BindAll(id, name)
      .Run();
}

}  // namespace

void IndexPost(Connection& c, const StatusRecord& post) {
  UnindexPost(c, post.id);
  if (post.reblog_of_id != 0) return;
  std::string body = post.spoiler_text;
  if (!body.empty()) body += "\n";
  body += post.text;
  c.Prepare(c.dialect().SearchIndexInsert())
      .BindAll(post.id, SpaceOutCjk(post.title), SpaceOutCjk(body))
      .Run();
}

void UnindexPost(Connection& c, int64_t id) {
  c.Prepare(c.dialect().SearchIndexDelete()).BindAll(id).Run();
}

std::vector<int64_t> SqlSearchStore::PhraseHits(Connection& c,
                                                const std::vector<SearchTerm>& terms) {
  const Dialect& d = c.dialect();
  const auto now = std::chrono::steady_clock::now();
  std::vector<int64_t> positive, excluded;
  for (const SearchTerm& t : terms) {
    // An excluded phrase is in no post the match finds: its count is moot.
    if (t.exclude) {
      excluded.push_back(0);
      continue;
    }
    const std::string match = d.SearchMatchText({t});
    {
      std::lock_guard lock(phrase_counts_mutex_);
      auto it = phrase_counts_.find(match);
      if (it != phrase_counts_.end() && now - it->second.counted < kPhraseCountsKept) {
        positive.push_back(it->second.posts);
        continue;
      }
    }
    // SQLite's words (only SQLite's rank takes the counts).
    auto count = c.Prepare("SELECT count(*) FROM search_posts WHERE search_posts MATCH ?");
    count.BindAll(match);
    const int64_t posts = count.Step() ? count.Int(0) : 0;
    positive.push_back(posts);
    std::lock_guard lock(phrase_counts_mutex_);
    if (phrase_counts_.size() >= kPhraseCountsHeld) phrase_counts_.clear();
    phrase_counts_[match] = {posts, now};
  }
  positive.insert(positive.end(), excluded.begin(), excluded.end());
  return positive;
}

Result<PostSearchPage> SqlSearchStore::SearchPosts(const PostSearch& query) {
  return ReadResult(db_, [&](Connection& c) -> Result<PostSearchPage> {
    const Dialect& d = c.dialect();
    PostSearchPage out;
    const int64_t limit = query.limit, offset = query.offset;
    if (!HasWords(query) || query.recent) {
      // Newest first: the index's walk stops at the page.
      SqlBuilder q = Newest(d, query, "s.id", limit);
      q.Add(" OFFSET ?", offset);
      q.ForEachRow(c, [&](const Stmt& s) { out.ids.push_back(s.Int(0)); });
    } else {
      // By relevance: the newest `candidates` matches, ranked, then the
      // older ones newest first.
      const int64_t n = std::max(query.candidates, 1);
      if (offset < n) {
        // On SQLite the rank is told how many posts hold each phrase.
        std::vector<int64_t> hits;
        if (d.SearchRankCountsPhrases()) hits = PhraseHits(c, query.terms);
        SqlBuilder q("SELECT id FROM (SELECT s.id AS id, ln(");
        AddBound(q, d.SearchRank(hits.size()), hits);
        q.Add(fmt::format(") + s.created_at / {} AS score", kRecencyScale));
        AppendNewestAfterColumns(q, d, query, n);
        q.Add(") candidates ORDER BY score DESC, id DESC LIMIT ?", std::min(limit, n - offset));
        q.Add(" OFFSET ?", offset);
        q.ForEachRow(c, [&](const Stmt& s) { out.ids.push_back(s.Int(0)); });
      }
      if (offset + limit > n) {
        // The oldest candidate, if the candidates are all there are not.
        int64_t oldest = 0;
        SqlBuilder last = Newest(d, query, "s.id", 1);
        last.Add(" OFFSET ?", n - 1);
        last.ForEachRow(c, [&](const Stmt& s) { oldest = s.Int(0); });
        if (oldest != 0) {
          PostSearch older = query;
          older.max_id = oldest;
          SqlBuilder q = Newest(d, older, "s.id", limit - static_cast<int64_t>(out.ids.size()));
          q.Add(" OFFSET ?", std::max<int64_t>(offset - n, 0));
          q.ForEachRow(c, [&](const Stmt& s) { out.ids.push_back(s.Int(0)); });
        }
      }
    }
    if (!query.count) return out;
    // The newest count_cap matches (and one more, to know there are more).
    const int64_t cap = std::max(query.count_cap, 1);
    std::map<int64_t, int64_t> kinds, communities, authors;
    Newest(d, query, "s.kind, COALESCE(s.community_id, 0), s.account_id", cap + 1)
        .ForEachRow(c, [&](const Stmt& s) {
          if (out.total == cap) {
            out.capped = true;
            return;
          }
          ++out.total;
          ++kinds[s.Int(0)];
          ++communities[s.Int(1)];
          ++authors[s.Int(2)];
        });
    out.kinds = TopFacets(kinds, kinds.size());
    out.communities = TopFacets(communities, 10);
    out.authors = TopFacets(authors, 10);
    return out;
  });
}

Result<int64_t> SqlSearchStore::ReindexPostBatch(int64_t after_id, int batch) {
  return WriteResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare(
        "SELECT id, title, spoiler_text, text, COALESCE(reblog_of_id, 0) FROM statuses "
        "WHERE id > ? ORDER BY id LIMIT ?");
    s.BindAll(after_id, static_cast<int64_t>(batch));
    std::vector<StatusRecord> posts;
    while (s.Step()) {
      StatusRecord p;
      p.id = s.Int(0);
      p.title = s.Text(1);
      p.spoiler_text = s.Text(2);
      p.text = s.Text(3);
      p.reblog_of_id = s.Int(4);
      posts.push_back(std::move(p));
    }
    for (const StatusRecord& p : posts) IndexPost(c, p);
    return posts.empty() ? int64_t{0} : posts.back().id;
  });
}

void IndexPerson(Connection& c, int64_t id) {
  DeleteEntry(c, "search_people", id);
  DeleteEntry(c, "search_people_names", id);
  auto a = c.Prepare(
      "SELECT username, display_name, title, department, location, note FROM accounts "
      "WHERE id = ?");
  a.BindAll(id);
  if (!a.Step()) return;
  const std::string name = FoldForSearch(a.Text(0) + " " + a.Text(1));
  std::string expertise;
  auto x = c.Prepare("SELECT tag FROM expertise WHERE account_id = ? ORDER BY position");
  x.BindAll(id);
  while (x.Step()) expertise += x.Text(0) + " ";
  static const DialectSql kInsert(
      [](const Dialect& d) { return d.SearchDocumentInsert("search_people", PeopleFields()); });
  c.Prepare(kInsert.For(c.dialect()))
      .BindAll(id, name, FoldForSearch(a.Text(2)), FoldForSearch(a.Text(3)),
               FoldForSearch(a.Text(4)), FoldForSearch(expertise), FoldForSearch(a.Text(5)))
      .Run();
  InsertName(c, "search_people_names", id, name);
}

void IndexCommunity(Connection& c, int64_t id) {
  DeleteEntry(c, "search_communities", id);
  DeleteEntry(c, "search_community_names", id);
  auto r = c.Prepare("SELECT handle, name, description, tags FROM communities WHERE id = ?");
  r.BindAll(id);
  if (!r.Step()) return;
  static const DialectSql kInsert([](const Dialect& d) {
    return d.SearchDocumentInsert("search_communities", CommunityFields());
  });
  const std::string handle = FoldForSearch(r.Text(0)), name = FoldForSearch(r.Text(1));
  c.Prepare(kInsert.For(c.dialect()))
      .BindAll(id, name, handle, FoldForSearch(r.Text(2)), FoldForSearch(r.Text(3)))
      .Run();
  InsertName(c, "search_community_names", id, handle + " " + name);
}

void IndexTag(Connection& c, int64_t id, std::string_view name) {
  DeleteEntry(c, "search_tag_names", id);
  InsertName(c, "search_tag_names", id, FoldForSearch(name));
}

Result<std::vector<int64_t>> SqlSearchStore::SearchPeople(const PeopleSearch& query) {
  const std::vector<SearchTerm> terms = FoldedTerms(query.terms);
  if (terms.empty()) return std::vector<int64_t>{};
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    const Dialect& d = c.dialect();
    std::string match;
    if (query.experts)
      match = d.SearchMatchTextIn(terms, "expertise", "B");
    else if (query.names_only)
      match = d.SearchMatchTextIn(terms, "name", "A");
    else
      match = d.SearchMatchTextIn(terms, "", "");
    SqlBuilder q("SELECT a.id");
    AddIndexMatch(q, d, "search_people", "accounts a", "a", match);
    AddPeopleScope(q, query.scope, query.following);
    q.Add(" ORDER BY ");
    if (!query.exact_username.empty())
      q.Add("CASE WHEN " + d.CiEquals("a.username") + " THEN 0 ELSE 1 END, ", query.exact_username);
    if (query.experts && !query.endorsed_tags.empty()) {
      q.Add("(SELECT COUNT(*) FROM endorsements e WHERE e.account_id = a.id AND " + d.Ci("e.tag") +
            " IN ");
      q.AddCiInList(d, query.endorsed_tags);
      q.Add(") DESC, ");
    }
    q.Add(d.SearchIndexRank("search_people", kPeopleWeights) + " DESC, a.id");
    q.Add(" LIMIT ?", static_cast<int64_t>(query.limit));
    q.Add(" OFFSET ?", static_cast<int64_t>(query.offset));
    std::vector<int64_t> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(s.Int(0)); });
    return out;
  });
}

Result<std::vector<int64_t>> SqlSearchStore::SearchCommunities(const CommunitySearch& query) {
  const std::vector<SearchTerm> terms = FoldedTerms(query.terms);
  if (terms.empty()) return std::vector<int64_t>{};
  return ReadResult(db_, [&](Connection& c) -> Result<std::vector<int64_t>> {
    const Dialect& d = c.dialect();
    const std::string match = query.names_only ? d.SearchMatchTextIn(terms, "name handle", "A")
                                               : d.SearchMatchTextIn(terms, "", "");
    SqlBuilder q("SELECT c.id");
    AddIndexMatch(q, d, "search_communities", "communities c", "c", match);
    AddCommunityScope(q, query.scope);
    q.Add(" ORDER BY " + d.SearchIndexRank("search_communities", kCommunityWeights) +
          " DESC, c.id DESC");
    q.Add(" LIMIT ?", static_cast<int64_t>(query.limit));
    q.Add(" OFFSET ?", static_cast<int64_t>(query.offset));
    std::vector<int64_t> out;
    q.ForEachRow(c, [&](const Stmt& s) { out.push_back(s.Int(0)); });
    return out;
  });
}

Result<NamePage> SqlSearchStore::SearchNames(const NameSearch& query) {
  const std::string folded = FoldForSearch(query.text);
  NamePage out;
  if (folded.empty()) return out;
  const int64_t limit = query.limit;
  // Shorter than a trigram: the start of a word of the name.
  if (folded.size() < 3) {
    SearchTerm word{.text = folded, .prefix = true};
    PeopleSearch people{.terms = {word}, .scope = query.scope, .names_only = true};
    people.limit = query.limit;
    auto p = SearchPeople(people);
    if (!p.ok()) return p.status();
    out.people = std::move(*p);
    CommunitySearch communities{.terms = {word}, .scope = query.scope, .names_only = true};
    communities.limit = query.limit;
    auto c = SearchCommunities(communities);
    if (!c.ok()) return c.status();
    out.communities = std::move(*c);
  }
  return ReadResult(db_, [&](Connection& c) -> Result<NamePage> {
    const Dialect& d = c.dialect();
    const std::string text = d.SearchNameText(folded);
    const std::string key = std::string(d.SearchKey());
    if (folded.size() >= 3) {
      SqlBuilder p;
      p.Add("SELECT a.id FROM search_people_names JOIN accounts a ON a.id = search_people_names." +
                key + " WHERE " + d.SearchNameMatch("search_people_names"),
            text);
      AddPeopleScope(p, query.scope, false);
      p.Add(" ORDER BY " + d.CiOrder("a.username") + " LIMIT ?", limit);
      p.ForEachRow(c, [&](const Stmt& s) { out.people.push_back(s.Int(0)); });
      SqlBuilder m;
      m.Add(
          "SELECT c.id FROM search_community_names JOIN communities c ON c.id = "
          "search_community_names." +
              key + " WHERE " + d.SearchNameMatch("search_community_names"),
          text);
      AddCommunityScope(m, query.scope);
      m.Add(" ORDER BY " + d.CiOrder("c.handle") + " LIMIT ?", limit);
      m.ForEachRow(c, [&](const Stmt& s) { out.communities.push_back(s.Int(0)); });
      SqlBuilder t;
      t.Add("SELECT t.name FROM search_tag_names JOIN tags t ON t.id = search_tag_names." + key +
                " WHERE " + d.SearchNameMatch("search_tag_names"),
            text);
      t.Add(std::string(" AND ") + kPublicTagPost);
      t.Add(" ORDER BY " + d.CiOrder("t.name") + " LIMIT ?", limit);
      t.ForEachRow(c, [&](const Stmt& s) { out.tags.push_back(s.Text(0)); });
    } else {
      SqlBuilder t;
      t.Add("SELECT t.name FROM tags t WHERE " + d.Ci("t.name") + " LIKE " + d.Ci("?") +
                " ESCAPE '\\'",
            EscapeLike(folded) + "%");
      t.Add(std::string(" AND ") + kPublicTagPost);
      t.Add(" ORDER BY " + d.CiOrder("t.name") + " LIMIT ?", limit);
      t.ForEachRow(c, [&](const Stmt& s) { out.tags.push_back(s.Text(0)); });
    }
    return out;
  });
}

Result<int64_t> SqlSearchStore::ReindexPart(SearchPart part, int64_t after_id, int batch) {
  if (part == SearchPart::kPosts) return ReindexPostBatch(after_id, batch);
  return WriteResult(db_, [&](Connection& c) -> Result<int64_t> {
    const char* table = part == SearchPart::kPeople        ? "accounts"
                        : part == SearchPart::kCommunities ? "communities"
                                                           : "tags";
    auto s = c.Prepare(fmt::format("SELECT id, {} FROM {} WHERE id > ? ORDER BY id LIMIT ?",
                                   part == SearchPart::kTags ? "name" : "''", table));
    s.BindAll(after_id, static_cast<int64_t>(batch));
    std::vector<std::pair<int64_t, std::string>> rows;
    while (s.Step()) rows.emplace_back(s.Int(0), s.Text(1));
    for (const auto& [id, name] : rows) {
      if (part == SearchPart::kPeople) IndexPerson(c, id);
      if (part == SearchPart::kCommunities) IndexCommunity(c, id);
      if (part == SearchPart::kTags) IndexTag(c, id, name);
    }
    return rows.empty() ? int64_t{0} : rows.back().first;
  });
}

Result<bool> SqlSearchStore::MergePostIndex(int pages) {
  return WriteResult(db_, [&](Connection& c) -> Result<bool> {
    if (c.dialect().postgres()) return false;
    // FTS5's structure record (the list of the index's pieces) is its row
    // 10; a merge that did something rewrote it. A negative count merges
    // every piece, not only levels that hold `usermerge` pieces.
    auto structure = [&c] {
      auto s = c.Prepare("SELECT block FROM search_posts_data WHERE id = 10");
      return s.Step() ? s.Text(0) : std::string();
    };
    const std::string before = structure();
    c.Prepare("INSERT INTO search_posts (search_posts, rank) VALUES ('merge', ?)")
        .BindAll(-static_cast<int64_t>(std::max(pages, 1)))
        .Run();
    return structure() != before;
  });
}

Result<int64_t> SqlSearchStore::CountPart(SearchPart part) {
  if (part == SearchPart::kPosts) return CountPosts();
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare(
        fmt::format("SELECT COUNT(*) FROM {}", part == SearchPart::kPeople        ? "accounts"
                                               : part == SearchPart::kCommunities ? "communities"
                                                                                  : "tags"));
    s.Step();
    return s.Int(0);
  });
}

Result<int> SqlSearchStore::IndexVersion() {
  return ReadResult(db_, [&](Connection& c) -> Result<int> {
    auto s = c.Prepare("SELECT version FROM search_state WHERE name = 'posts'");
    return s.Step() ? static_cast<int>(s.Int(0)) : 0;
  });
}

Status SqlSearchStore::SetIndexVersion(int version) {
  return WriteResult(db_, [&](Connection& c) -> Status {
    c.Prepare(
         "INSERT INTO search_state (name, version) VALUES ('posts', ?) "
         "ON CONFLICT (name) DO UPDATE SET version = excluded.version")
        .BindAll(static_cast<int64_t>(version))
        .Run();
    return Status::Ok();
  });
}

Result<int64_t> SqlSearchStore::CountPosts() {
  return ReadResult(db_, [&](Connection& c) -> Result<int64_t> {
    auto s = c.Prepare("SELECT COUNT(*) FROM statuses");
    s.Step();
    return s.Int(0);
  });
}

}  // namespace atrium::sql
