#include "store/sqlite/search_rank.h"

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_db.h"

namespace atrium::sqlite {
namespace {

constexpr double kK1 = 1.2;
constexpr double kB = 0.75;

// What one query's rows share: the store's average row length, each
// phrase's inverse document frequency, each column's weight, and room for
// a row's phrase frequencies.
struct RankQuery {
  double average_length = 1;
  std::vector<double> idf;
  std::vector<double> weights;
  std::vector<double> frequencies;
};

void DeleteRankQuery(void* p) { delete static_cast<RankQuery*>(p); }

int CountRow(const Fts5ExtensionApi*, Fts5Context*, void* count) {
  ++*static_cast<sqlite3_int64*>(count);
  return SQLITE_OK;
}

// The query's shared part, made on its first row; null (and an error set
// on `ctx`) when the arguments do not fit the index and the match.
RankQuery* QueryOf(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
                   sqlite3_value** argv) {
  if (auto* kept = static_cast<RankQuery*>(api->xGetAuxdata(fts, 0))) return kept;
  const int columns = api->xColumnCount(fts);
  const int phrases = api->xPhraseCount(fts);
  if (argc < columns) {
    sqlite3_result_error(ctx, "atrium_bm25: one weight per column, then one count per phrase", -1);
    return nullptr;
  }
  sqlite3_int64 rows = 0, tokens = 0;
  if (int rc = api->xRowCount(fts, &rows); rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return nullptr;
  }
  if (int rc = api->xColumnTotalSize(fts, -1, &tokens); rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return nullptr;
  }
  auto* q = new RankQuery;
  q->average_length = rows > 0 ? static_cast<double>(tokens) / static_cast<double>(rows) : 1;
  if (q->average_length <= 0) q->average_length = 1;
  for (int i = 0; i < columns; ++i) q->weights.push_back(sqlite3_value_double(argv[i]));
  // The counts the caller gives, if they are one per phrase; otherwise
  // (a phrase FTS5's tokenizer found empty, say) each phrase's posts are
  // counted here, as bm25() does.
  const bool given = argc == columns + phrases;
  for (int i = 0; i < phrases; ++i) {
    sqlite3_int64 hits = 0;
    if (given) {
      hits = sqlite3_value_int64(argv[columns + i]);
    } else if (int rc = api->xQueryPhrase(fts, i, &hits, &CountRow); rc != SQLITE_OK) {
      delete q;
      sqlite3_result_error_code(ctx, rc);
      return nullptr;
    }
    // At most 0 for a phrase in half of the posts or more: such a phrase
    // still counts a little, as in FTS5's bm25().
    double idf = std::log((static_cast<double>(rows) - static_cast<double>(hits) + 0.5) /
                          (static_cast<double>(hits) + 0.5));
    if (idf <= 0) idf = 1e-6;
    q->idf.push_back(idf);
  }
  q->frequencies.assign(static_cast<size_t>(phrases), 0.0);
  if (int rc = api->xSetAuxdata(fts, q, &DeleteRankQuery); rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return nullptr;  // xSetAuxdata has called the deleter
  }
  return q;
}

void AtriumBm25(const Fts5ExtensionApi* api, Fts5Context* fts, sqlite3_context* ctx, int argc,
                sqlite3_value** argv) {
  RankQuery* q = QueryOf(api, fts, ctx, argc, argv);
  if (!q) return;
  std::fill(q->frequencies.begin(), q->frequencies.end(), 0.0);
  int instances = 0;
  if (int rc = api->xInstCount(fts, &instances); rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  for (int i = 0; i < instances; ++i) {
    int phrase = 0, column = 0, offset = 0;
    if (int rc = api->xInst(fts, i, &phrase, &column, &offset); rc != SQLITE_OK) {
      sqlite3_result_error_code(ctx, rc);
      return;
    }
    q->frequencies[static_cast<size_t>(phrase)] += q->weights[static_cast<size_t>(column)];
  }
  int length = 0;
  if (int rc = api->xColumnSize(fts, -1, &length); rc != SQLITE_OK) {
    sqlite3_result_error_code(ctx, rc);
    return;
  }
  const double norm = kK1 * (1 - kB + kB * static_cast<double>(length) / q->average_length);
  double score = 0;
  for (size_t i = 0; i < q->idf.size(); ++i) {
    const double f = q->frequencies[i];
    score += q->idf[i] * (f * (kK1 + 1)) / (f + norm);
  }
  sqlite3_result_double(ctx, score);
}

}  // namespace

void RegisterSearchRank(sqlite3* db) {
  fts5_api* api = nullptr;
  sqlite3_stmt* stmt = nullptr;
  int rc = sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr);
  if (rc == SQLITE_OK) {
    sqlite3_bind_pointer(stmt, 1, static_cast<void*>(&api), "fts5_api_ptr", nullptr);
    sqlite3_step(stmt);
  }
  sqlite3_finalize(stmt);
  if (!api || api->iVersion < 2)
    throw SqliteError(SQLITE_ERROR, "this SQLite has no FTS5: search needs it");
  rc = api->xCreateFunction(api, "atrium_bm25", nullptr, &AtriumBm25, nullptr);
  if (rc != SQLITE_OK) throw SqliteError(rc, "cannot register atrium_bm25");
}

}  // namespace atrium::sqlite
