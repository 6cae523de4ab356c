// atrium_bm25: the relevance of a post search's match on SQLite.
//
// FTS5's own bm25() counts, once per query, every post that holds each of
// the query's phrases (for their inverse document frequency) by walking
// the phrase's whole list of posts: for a common word of a large store,
// hundreds of thousands of entries, tens of milliseconds at 2 million
// posts and ten times that at 20 million, although the query ranks only
// its newest kSearchCandidates matches. atrium_bm25 is the same Okapi
// BM25 (k1 = 1.2, b = 0.75, column weights, the same inverse document
// frequency with its floor) but is told those counts:
//
//   atrium_bm25(search_posts, weight_0, …, weight_(columns-1), posts_0, …, posts_(phrases-1))
//
// returns the score (higher is better; bm25() returns it negated).
// SqlSearchStore counts each phrase's posts once and keeps the count for a
// while (search_store.cc), so the walk is paid once per word, not per query.
#pragma once

#include <sqlite3.h>

namespace atrium::sqlite {

// Registers atrium_bm25 on `db`; throws SqliteError if FTS5 is missing.
void RegisterSearchRank(sqlite3* db);

}  // namespace atrium::sqlite
