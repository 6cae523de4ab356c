// Moving an installation between backends: `atrium export` writes every
// table of a store and the media files into a folder; `atrium import` loads
// such a folder into an empty store of either backend and verifies, before
// it commits, that every table holds exactly the rows exported.
//
// The folder:
//   manifest.json        format, schema version, and for each table its
//                        columns, row count and digest; written last, so a
//                        folder without it is an export that did not finish
//   tables/<name>.jsonl  one JSON array per row, values in the manifest's
//                        column order (integers, strings, null)
//   media/               a copy of the data folder's media/ (avatars)
//
// A table's digest is the sum (mod 2^64) of a keyed hash of each row, with
// the row's values taken in column-name order: it does not depend on the
// order rows are read in nor on the order a backend keeps columns in, and
// any changed, lost or extra row changes it. The two backends keep the same
// tables and columns, except that a table may have a surrogate key on one
// backend only (a generated column nothing refers to): such a column is
// left out on the way in or numbered by the target, and the verification
// compares the columns both have.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "base/status.h"
#include "store/store.h"

namespace atrium {

inline constexpr int kExportFormatVersion = 1;

struct TransferTable {
  std::string name;
  std::vector<std::string> columns;
  // Of `columns`, those the source database numbered by itself (see
  // TableColumn::generated): left out where the target has no such column.
  std::vector<std::string> generated;
  int64_t rows = 0;
  uint64_t digest = 0;
};

struct TransferSummary {
  int schema_version = 0;
  std::vector<TransferTable> tables;  // by name
  int64_t media_files = 0;
  int64_t media_bytes = 0;
};

// Called after each table with its name and row count.
using TransferProgress = std::function<void(const std::string& table, int64_t rows)>;

// Writes every table of `store` (one consistent snapshot, so a running
// server may keep writing) and every file under `media_dir` into `out_dir`,
// which must be missing or empty. 400 if it is not; the store is only read.
Result<TransferSummary> ExportStore(Store& store, const std::filesystem::path& media_dir,
                                    const std::filesystem::path& out_dir,
                                    const TransferProgress& progress = {});

// Loads the export in `in_dir` into `store` — migrated to the export's
// schema version and holding no rows at all — in one transaction that
// commits only when every table's row count and digest, read back from the
// store, equal the manifest's; then copies the media files into `media_dir`.
// A malformed or incomplete export, another schema version or a store that
// is not empty: 400 and nothing changed.
Result<TransferSummary> ImportStore(Store& store, const std::filesystem::path& in_dir,
                                    const std::filesystem::path& media_dir,
                                    const TransferProgress& progress = {});

// Counts and digests every table of `store` as it is now (one snapshot).
Result<TransferSummary> SummarizeStore(Store& store);

}  // namespace atrium
