#include "store/transfer.h"

#include <fmt/format.h>
#include <sodium.h>

#include <algorithm>
#include <boost/json.hpp>
#include <fstream>
#include <map>
#include <numeric>
#include <set>
#include <system_error>
#include <unordered_map>

#include "base/json_writer.h"
#include "store/media_files.h"

namespace atrium {
namespace fs = std::filesystem;
namespace {

constexpr const char* kFormatName = "atrium-export";
constexpr size_t kBatchRows = 1000;

// The key of the row hash. Fixed: digests must agree between the export
// and the store it is loaded into, which may be on another machine.
constexpr unsigned char kDigestKey[crypto_shorthash_KEYBYTES] = {
    'a', 't', 'r', 'i', 'u', 'm', '-', 'e', 'x', 'p', 'o', 'r', 't', '-', 'v', '1'};

// The order in which a table's values enter its digest: by column name.
std::vector<size_t> CanonicalOrder(const std::vector<std::string>& columns) {
  std::vector<size_t> order(columns.size());
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(),
            [&](size_t a, size_t b) { return columns[a] < columns[b]; });
  return order;
}

std::vector<std::string> ColumnNames(const TableSchema& t) {
  std::vector<std::string> out;
  for (const TableColumn& c : t.columns) out.push_back(c.name);
  return out;
}

std::vector<std::string> GeneratedColumns(const TableSchema& t) {
  std::vector<std::string> out;
  for (const TableColumn& c : t.columns)
    if (c.generated) out.push_back(c.name);
  return out;
}

bool Contains(const std::vector<std::string>& list, const std::string& x) {
  return std::find(list.begin(), list.end(), x) != list.end();
}

// Adds one row to a table's count and digest.
class Digest {
 public:
  explicit Digest(const std::vector<std::string>& columns) : order_(CanonicalOrder(columns)) {}

  void Add(const TableRow& row) {
    buf_.clear();
    for (size_t i : order_) {
      const TableValue& v = row[i];
      if (std::holds_alternative<std::monostate>(v)) {
        buf_ += 'n';
      } else if (const int64_t* n = std::get_if<int64_t>(&v)) {
        buf_ += 'i';
        AppendU64(static_cast<uint64_t>(*n));
      } else {
        const std::string& s = std::get<std::string>(v);
        buf_ += 's';
        AppendU64(s.size());
        buf_ += s;
      }
    }
    unsigned char out[crypto_shorthash_BYTES];
    crypto_shorthash(out, reinterpret_cast<const unsigned char*>(buf_.data()), buf_.size(),
                     kDigestKey);
    uint64_t h = 0;
    for (int i = 7; i >= 0; --i) h = (h << 8) | out[i];
    sum_ += h;
    ++rows_;
  }

  int64_t rows() const { return rows_; }
  uint64_t value() const { return sum_; }

 private:
  void AppendU64(uint64_t v) {
    for (int i = 0; i < 8; ++i) buf_ += static_cast<char>((v >> (8 * i)) & 0xff);
  }

  std::vector<size_t> order_;
  std::string buf_;
  uint64_t sum_ = 0;
  int64_t rows_ = 0;
};

std::string Hex(uint64_t v) { return fmt::format("{:016x}", v); }

Status Bad(std::string detail) { return Status::BadRequest("Invalid export", std::move(detail)); }

// Tables in an order where each comes after those it refers to.
Result<std::vector<TableSchema>> LoadOrder(std::vector<TableSchema> tables) {
  std::set<std::string> names;
  for (const TableSchema& t : tables) names.insert(t.name);
  std::vector<TableSchema> out;
  std::set<std::string> done;
  while (!tables.empty()) {
    auto ready = std::find_if(tables.begin(), tables.end(), [&](const TableSchema& t) {
      return std::all_of(t.references.begin(), t.references.end(),
                         [&](const std::string& r) { return done.count(r) || !names.count(r); });
    });
    if (ready == tables.end())
      return Status::Internal(
          "Unsupported schema",
          "tables refer to each other in a cycle, starting at " + tables.front().name);
    done.insert(ready->name);
    out.push_back(std::move(*ready));
    tables.erase(ready);
  }
  return out;
}

bool SameContents(const fs::path& a, const fs::path& b) {
  std::error_code ec;
  if (fs::file_size(a, ec) != fs::file_size(b, ec) || ec) return false;
  std::ifstream fa(a, std::ios::binary), fb(b, std::ios::binary);
  return std::equal(std::istreambuf_iterator<char>(fa), std::istreambuf_iterator<char>(),
                    std::istreambuf_iterator<char>(fb));
}

// Copies every file of `from` (relative paths `files`) into `to`.
Status CopyFiles(const fs::path& from, const fs::path& to, const std::vector<fs::path>& files,
                 TransferSummary& summary) {
  for (const fs::path& rel : files) {
    std::error_code ec;
    fs::create_directories((to / rel).parent_path(), ec);
    if (!ec && !fs::exists(to / rel)) fs::copy_file(from / rel, to / rel, ec);
    if (ec)
      return Status::Unavailable("Cannot copy a media file",
                                 (to / rel).string() + ": " + ec.message());
    summary.media_files++;
    summary.media_bytes += static_cast<int64_t>(fs::file_size(from / rel, ec));
  }
  return Status::Ok();
}

Result<TransferSummary> Summarize(TableReader& reader, int schema_version) {
  auto tables = reader.Tables();
  if (!tables.ok()) return tables.status();
  TransferSummary summary;
  summary.schema_version = schema_version;
  for (const TableSchema& t : *tables) {
    TransferTable out{.name = t.name, .columns = ColumnNames(t)};
    Digest digest(out.columns);
    Status st = reader.Scan(t, [&](const TableRow& row) {
      digest.Add(row);
      return Status::Ok();
    });
    if (!st.ok()) return st;
    out.rows = digest.rows();
    out.digest = digest.value();
    summary.tables.push_back(std::move(out));
  }
  return summary;
}

// --- the manifest ---

std::string ManifestJson(const TransferSummary& s, const std::string& created_at) {
  JsonWriter w;
  w.BeginObject()
      .Field("format", kFormatName)
      .Field("format_version", kExportFormatVersion)
      .Field("schema_version", s.schema_version)
      .Field("created_at", created_at)
      .Key("media")
      .BeginObject()
      .Field("files", s.media_files)
      .Field("bytes", s.media_bytes)
      .EndObject()
      .Key("tables")
      .BeginArray();
  for (const TransferTable& t : s.tables) {
    w.BeginObject().Field("name", t.name).Key("columns").BeginArray();
    for (const std::string& c : t.columns) w.String(c);
    w.EndArray();
    if (!t.generated.empty()) {
      w.Key("generated").BeginArray();
      for (const std::string& c : t.generated) w.String(c);
      w.EndArray();
    }
    w.Field("rows", t.rows).Field("digest", Hex(t.digest)).EndObject();
  }
  w.EndArray().EndObject();
  return w.Take();
}

Result<TransferSummary> ReadManifest(const fs::path& dir) {
  std::ifstream in(dir / "manifest.json");
  if (!in)
    return Bad(
        fmt::format("{} has no manifest.json: it is not an Atrium export, or an export "
                    "that did not finish",
                    dir.string()));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  boost::system::error_code ec;
  boost::json::value v = boost::json::parse(text, ec);
  if (ec || !v.is_object()) return Bad("manifest.json is not a JSON object");
  const auto& o = v.as_object();
  auto str = [&](const boost::json::object& obj, const char* key) -> const boost::json::string* {
    auto* x = obj.if_contains(key);
    return x && x->is_string() ? &x->as_string() : nullptr;
  };
  auto num = [&](const boost::json::object& obj, const char* key) -> std::optional<int64_t> {
    auto* x = obj.if_contains(key);
    if (!x) return std::nullopt;
    if (x->is_int64()) return x->as_int64();
    if (x->is_uint64() && x->as_uint64() <= INT64_MAX) return static_cast<int64_t>(x->as_uint64());
    return std::nullopt;
  };
  const auto* format = str(o, "format");
  if (!format || *format != kFormatName) return Bad("manifest.json is not an Atrium export's");
  if (num(o, "format_version") != kExportFormatVersion)
    return Bad(fmt::format("the export's format version is not {}", kExportFormatVersion));
  TransferSummary s;
  auto schema = num(o, "schema_version");
  if (!schema || *schema <= 0) return Bad("manifest.json lacks the schema version");
  s.schema_version = static_cast<int>(*schema);
  const auto* tables = o.if_contains("tables");
  if (!tables || !tables->is_array()) return Bad("manifest.json lacks its tables");
  std::set<std::string> seen;
  for (const auto& tv : tables->as_array()) {
    if (!tv.is_object()) return Bad("a table in manifest.json is not an object");
    const auto& to = tv.as_object();
    TransferTable t;
    const auto* name = str(to, "name");
    const auto* digest = str(to, "digest");
    auto rows = num(to, "rows");
    const auto* cols = to.if_contains("columns");
    if (!name || name->empty() || !digest || !rows || *rows < 0 || !cols || !cols->is_array())
      return Bad("a table in manifest.json lacks its name, columns, rows or digest");
    t.name = std::string(*name);
    if (t.name.find('/') != std::string::npos || t.name.find("..") != std::string::npos ||
        !seen.insert(t.name).second)
      return Bad("manifest.json names a table twice or in a way no table is named: " + t.name);
    t.rows = *rows;
    try {
      size_t used = 0;
      t.digest = std::stoull(std::string(*digest), &used, 16);
      if (used != digest->size()) throw std::invalid_argument("digest");
    } catch (const std::exception&) {
      return Bad("table " + t.name + ": the digest is not a hexadecimal number");
    }
    for (const auto& c : cols->as_array()) {
      if (!c.is_string()) return Bad("table " + t.name + ": a column name is not a string");
      t.columns.emplace_back(c.as_string());
    }
    if (const auto* gen = to.if_contains("generated")) {
      if (!gen->is_array()) return Bad("table " + t.name + ": `generated` is not a list");
      for (const auto& c : gen->as_array()) {
        if (!c.is_string() || !Contains(t.columns, std::string(c.as_string())))
          return Bad("table " + t.name + ": `generated` names a column the table lacks");
        t.generated.emplace_back(c.as_string());
      }
    }
    s.tables.push_back(std::move(t));
  }
  if (const auto* media = o.if_contains("media"); media && media->is_object()) {
    s.media_files = num(media->as_object(), "files").value_or(0);
    s.media_bytes = num(media->as_object(), "bytes").value_or(0);
  }
  return s;
}

// A JSON value from a table file as the value of a column of `kind`.
std::optional<TableValue> ToValue(const boost::json::value& v, ColumnKind kind) {
  if (v.is_null()) return TableValue{};
  if (kind == ColumnKind::kInteger) {
    if (v.is_int64()) return TableValue{v.as_int64()};
    if (v.is_uint64() && v.as_uint64() <= INT64_MAX)
      return TableValue{static_cast<int64_t>(v.as_uint64())};
    return std::nullopt;
  }
  if (v.is_string()) return TableValue{std::string(v.as_string())};
  return std::nullopt;
}

// The part of `target` the export fills: its columns the export has, in
// the target's order. 400 when the two differ by more than generated
// columns (see TransferTable::generated).
Result<TableSchema> SharedColumns(const TableSchema& target, const TransferTable& exported) {
  TableSchema shared = target;
  shared.columns.clear();
  for (const TableColumn& c : target.columns) {
    if (Contains(exported.columns, c.name))
      shared.columns.push_back(c);
    else if (!c.generated)
      return Bad(fmt::format("table {}: the export lacks column {}", target.name, c.name));
  }
  for (const std::string& c : exported.columns)
    if (target.ColumnIndex(c) < 0 && !Contains(exported.generated, c))
      return Bad(fmt::format("table {}: this database has no column {}", target.name, c));
  return shared;
}

// Rows loaded and their digest over the shared columns.
struct Loaded {
  int64_t rows = 0;
  uint64_t digest = 0;
};

// Loads one table's file into `writer` (`shared`: see SharedColumns);
// self-referencing values are loaded as NULL and set aside in `later`, one
// list per column of shared.self_references. Checks the file against the
// manifest's count and digest.
Result<Loaded> LoadTable(TableWriter& writer, const TableSchema& shared,
                         const TransferTable& manifest, const fs::path& file,
                         std::vector<std::pair<TableValue, TableValue>>* later) {
  std::ifstream in(file, std::ios::binary);
  if (!in) return Bad("the export lacks tables/" + file.filename().string());
  // For each of the file's columns, where it goes in a row of `shared`
  // (-1: a generated column this database does not have).
  std::vector<int> place;
  for (const std::string& c : manifest.columns) place.push_back(shared.ColumnIndex(c));
  std::vector<int> self_index;
  for (const std::string& c : shared.self_references) self_index.push_back(shared.ColumnIndex(c));
  const int key_index =
      shared.primary_key.size() == 1 ? shared.ColumnIndex(shared.primary_key[0]) : -1;
  if (!self_index.empty() &&
      (key_index < 0 || std::find(self_index.begin(), self_index.end(), -1) != self_index.end()))
    return Status::Internal("Unsupported schema",
                            "table " + shared.name + " refers to itself without a one-column key");

  Digest file_digest(manifest.columns);
  Digest shared_digest(ColumnNames(shared));
  std::vector<TableRow> batch;
  std::string line;
  int64_t line_no = 0;
  while (std::getline(in, line)) {
    ++line_no;
    auto where = [&] { return fmt::format("tables/{}.jsonl line {}", shared.name, line_no); };
    boost::system::error_code ec;
    boost::json::value v = boost::json::parse(line, ec);
    if (ec || !v.is_array() || v.as_array().size() != manifest.columns.size())
      return Bad(where() + ": not a JSON array of " + std::to_string(manifest.columns.size()) +
                 " values");
    TableRow file_row(manifest.columns.size());
    TableRow row(shared.columns.size());
    const auto& values = v.as_array();
    for (size_t i = 0; i < values.size(); ++i) {
      std::optional<TableValue> value;
      if (place[i] >= 0) {
        value = ToValue(values[i], shared.columns[static_cast<size_t>(place[i])].kind);
      } else {
        value = ToValue(values[i], ColumnKind::kInteger);
        if (!value) value = ToValue(values[i], ColumnKind::kText);
      }
      if (!value)
        return Bad(where() + ": column " + manifest.columns[i] + " holds a value of another type");
      file_row[i] = *value;
      if (place[i] >= 0) row[static_cast<size_t>(place[i])] = std::move(*value);
    }
    file_digest.Add(file_row);
    shared_digest.Add(row);
    for (size_t k = 0; k < self_index.size(); ++k) {
      TableValue& ref = row[static_cast<size_t>(self_index[k])];
      if (std::holds_alternative<std::monostate>(ref)) continue;
      later[k].emplace_back(row[static_cast<size_t>(key_index)], ref);
      ref = std::monostate{};
    }
    batch.push_back(std::move(row));
    if (batch.size() >= kBatchRows) {
      if (Status st = writer.Insert(shared, batch); !st.ok()) return st;
      batch.clear();
    }
  }
  if (in.bad()) return Status::Unavailable("Cannot read the export", file.string());
  if (!batch.empty())
    if (Status st = writer.Insert(shared, batch); !st.ok()) return st;
  if (file_digest.rows() != manifest.rows || file_digest.value() != manifest.digest)
    return Bad(fmt::format(
        "tables/{}.jsonl holds {} rows (digest {}) but the manifest says {} (digest {}): the "
        "file was changed or cut short",
        shared.name, file_digest.rows(), Hex(file_digest.value()), manifest.rows,
        Hex(manifest.digest)));
  return Loaded{shared_digest.rows(), shared_digest.value()};
}

std::string NowIso8601() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace

Result<TransferSummary> SummarizeStore(Store& store) {
  auto version = store.SchemaVersion();
  if (!version.ok()) return version.status();
  std::optional<Result<TransferSummary>> out;
  Status st = store.tables().Read([&](TableReader& reader) {
    out.emplace(Summarize(reader, *version));
    return out->ok() ? Status::Ok() : out->status();
  });
  if (!st.ok()) return st;
  return std::move(*out);
}

Result<TransferSummary> ExportStore(Store& store, const fs::path& media_dir,
                                    const fs::path& out_dir, const TransferProgress& progress) {
  std::error_code ec;
  if (fs::exists(out_dir, ec) && !fs::is_empty(out_dir, ec))
    return Status::BadRequest("Export folder not empty",
                              out_dir.string() + " already holds files; name a new folder");
  fs::create_directories(out_dir / "tables", ec);
  if (ec)
    return Status::BadRequest("Cannot create the export folder",
                              out_dir.string() + ": " + ec.message());
  auto version = store.SchemaVersion();
  if (!version.ok()) return version.status();
  if (*version != store.LatestSchemaVersion())
    return Status::BadRequest(
        "Schema not current",
        fmt::format(
            "the database has schema version {}, this Atrium {}: run `atrium migrate` first",
            *version, store.LatestSchemaVersion()));

  TransferSummary summary;
  summary.schema_version = *version;
  Status st = store.tables().Read([&](TableReader& reader) -> Status {
    summary.tables.clear();  // the read may start over on a new connection
    auto tables = reader.Tables();
    if (!tables.ok()) return tables.status();
    for (const TableSchema& t : *tables) {
      TransferTable out{
          .name = t.name, .columns = ColumnNames(t), .generated = GeneratedColumns(t)};
      const fs::path file = out_dir / "tables" / (t.name + ".jsonl");
      std::ofstream f(file, std::ios::binary | std::ios::trunc);
      Digest digest(out.columns);
      Status scanned = reader.Scan(t, [&](const TableRow& row) {
        JsonWriter w;
        w.BeginArray();
        for (const TableValue& v : row) {
          if (std::holds_alternative<std::monostate>(v))
            w.Null();
          else if (const int64_t* n = std::get_if<int64_t>(&v))
            w.Int(*n);
          else
            w.String(std::get<std::string>(v));
        }
        w.EndArray();
        f << w.str() << '\n';
        digest.Add(row);
        return f ? Status::Ok() : Status::Unavailable("Cannot write the export", file.string());
      });
      if (!scanned.ok()) return scanned;
      f.close();
      if (!f) return Status::Unavailable("Cannot write the export", file.string());
      out.rows = digest.rows();
      out.digest = digest.value();
      if (progress) progress(out.name, out.rows);
      summary.tables.push_back(std::move(out));
    }
    return Status::Ok();
  });
  if (!st.ok()) return st;

  auto files = MediaFilesUnder(media_dir);
  if (!files.ok()) return files.status();
  if (Status copied = CopyFiles(media_dir, out_dir / "media", *files, summary); !copied.ok())
    return copied;

  // The manifest last, and whole or not at all: its presence says the
  // export is complete.
  const fs::path tmp = out_dir / "manifest.json.tmp";
  {
    std::ofstream m(tmp, std::ios::binary | std::ios::trunc);
    m << ManifestJson(summary, NowIso8601()) << '\n';
    m.close();
    if (!m) return Status::Unavailable("Cannot write the export", tmp.string());
  }
  fs::rename(tmp, out_dir / "manifest.json", ec);
  if (ec) return Status::Unavailable("Cannot write the export", ec.message());
  return summary;
}

Result<TransferSummary> ImportStore(Store& store, const fs::path& in_dir, const fs::path& media_dir,
                                    const TransferProgress& progress) {
  auto manifest = ReadManifest(in_dir);
  if (!manifest.ok()) return manifest.status();
  auto version = store.SchemaVersion();
  if (!version.ok()) return version.status();
  if (manifest->schema_version != *version)
    return Status::BadRequest(
        "Schema versions differ",
        fmt::format("the export has schema version {} and this database {}; export and import "
                    "with the same version of Atrium",
                    manifest->schema_version, *version));

  // Media files that would replace different ones: refused before anything.
  auto files = MediaFilesUnder(in_dir / "media");
  if (!files.ok()) return files.status();
  for (const fs::path& rel : *files) {
    std::error_code ec;
    if (fs::exists(media_dir / rel, ec) && !SameContents(in_dir / "media" / rel, media_dir / rel))
      return Status::BadRequest("Media file exists",
                                (media_dir / rel).string() + " exists with other contents");
  }

  std::optional<TransferSummary> verified;
  Status st = store.tables().Write([&](TableWriter& writer) -> Status {
    auto target = writer.Tables();
    if (!target.ok()) return target.status();
    std::map<std::string, const TransferTable*> by_name;
    for (const TransferTable& t : manifest->tables) by_name[t.name] = &t;
    if (by_name.size() != target->size() ||
        !std::all_of(target->begin(), target->end(),
                     [&](const TableSchema& t) { return by_name.count(t.name); }))
      return Bad("the export's tables are not this database's tables");
    std::map<std::string, TableSchema> shared;
    for (const TableSchema& t : *target) {
      auto cols = SharedColumns(t, *by_name[t.name]);
      if (!cols.ok()) return cols.status();
      shared[t.name] = std::move(*cols);
      bool empty = true;
      Status scanned = writer.Scan(t, [&](const TableRow&) {
        empty = false;
        return Status::Conflict("stop");
      });
      if (!empty)
        return Status::BadRequest(
            "Database not empty",
            "table " + t.name + " already holds rows; import into a new, empty database");
      if (!scanned.ok()) return scanned;
    }
    auto order = LoadOrder(*target);
    if (!order.ok()) return order.status();
    TransferSummary summary;
    summary.schema_version = manifest->schema_version;
    for (const TableSchema& t : *order) {
      const TableSchema& cols = shared[t.name];
      std::vector<std::vector<std::pair<TableValue, TableValue>>> later(
          cols.self_references.size());
      auto loaded = LoadTable(writer, cols, *by_name[t.name],
                              in_dir / "tables" / (t.name + ".jsonl"), later.data());
      if (!loaded.ok()) return loaded.status();
      for (size_t k = 0; k < later.size(); ++k)
        if (Status u = writer.Update(cols, cols.self_references[k], later[k]); !u.ok()) return u;
      summary.tables.push_back(TransferTable{.name = t.name,
                                             .columns = ColumnNames(cols),
                                             .generated = GeneratedColumns(cols),
                                             .rows = loaded->rows,
                                             .digest = loaded->digest});
      if (progress) progress(t.name, loaded->rows);
    }
    if (Status fin = writer.Finish(*target); !fin.ok()) return fin;

    // Read every table back before committing.
    for (const TransferTable& want : summary.tables) {
      Digest got(want.columns);
      Status scanned = writer.Scan(shared[want.name], [&](const TableRow& row) {
        got.Add(row);
        return Status::Ok();
      });
      if (!scanned.ok()) return scanned;
      if (got.rows() != want.rows || got.value() != want.digest)
        return Status::Internal(
            "Verification failed",
            fmt::format("table {}: {} rows (digest {}) in the database after loading, {} "
                        "(digest {}) in the export",
                        want.name, got.rows(), Hex(got.value()), want.rows, Hex(want.digest)));
    }
    std::sort(summary.tables.begin(), summary.tables.end(),
              [](const TransferTable& a, const TransferTable& b) { return a.name < b.name; });
    verified = std::move(summary);
    return Status::Ok();
  });
  if (!st.ok()) return st;

  TransferSummary summary = std::move(*verified);
  if (Status copied = CopyFiles(in_dir / "media", media_dir, *files, summary); !copied.ok())
    return copied;
  return summary;
}

}  // namespace atrium
