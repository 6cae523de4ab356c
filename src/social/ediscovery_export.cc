#include "social/ediscovery_export.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <filesystem>
#include <fstream>
#include <map>
#include <vector>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/id.h"
#include "base/json_writer.h"
#include "social/post_record_json.h"

namespace atrium {
namespace {

namespace fs = std::filesystem;
namespace json = boost::json;

// One file of the export, for the manifest.
struct WrittenFile {
  std::string path;  // relative to the export's folder
  std::string sha256;
  int64_t bytes = 0;
};

Status WriteFile(const fs::path& dir, const std::string& relative, std::string_view bytes,
                 std::vector<WrittenFile>& written) {
  const fs::path full = dir / relative;
  std::error_code ec;
  fs::create_directories(full.parent_path(), ec);
  std::ofstream out(full, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return Status::Unavailable("cannot write " + full.string());
  written.push_back({relative, Sha256Hex(bytes), static_cast<int64_t>(bytes.size())});
  return Status::Ok();
}

// A file name with nothing but letters, digits, dots, dashes and underscores.
std::string SafeName(std::string_view name) {
  std::string out;
  for (char c : name)
    out +=
        (std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_') ? c : '_';
  if (out.empty() || out.front() == '.') out.insert(out.begin(), 'f');
  return out;
}

}  // namespace

Result<EDiscoveryCounts> EDiscoveryExport::ExportPerson(int64_t account_id, int64_t from,
                                                        int64_t to, const std::string& out_dir,
                                                        const AuditActor& by) {
  auto person = store_.accounts().Get(account_id);
  if (!person.ok()) return person.status();
  const int64_t until = to > 0 ? to : NowMillis() + 1;
  if (from >= until) return Status::BadRequest("Bad request", "--from must be before --to");
  const fs::path dir(out_dir);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return Status::BadRequest("Bad request", out_dir + " is not empty");
  fs::create_directories(dir, ec);
  if (ec)
    return Status::BadRequest("Bad request", "cannot create " + out_dir + ": " + ec.message());

  EDiscoveryCounts counts;
  std::vector<WrittenFile> written;
  // Every post, live or kept under hold, as {created_at, line}.
  std::vector<std::pair<int64_t, std::string>> lines;
  // Attachments as {file key, exported path}, and their JSON rewritten to
  // name the exported file.
  auto add_line = [&](const std::string& record, int64_t created_at, int64_t deleted_at) {
    json::value v = json::parse(record);
    json::object& o = v.as_object();
    for (json::value& a : o["attachments"].as_array()) {
      json::object& m = a.as_object();
      const std::string key(m["file"].as_string());
      const std::string name =
          SafeName(std::string(m["id"].as_string()) + "-" +
                   (m["file_name"].as_string().empty() ? std::string("original")
                                                       : std::string(m["file_name"].as_string())));
      const std::string relative = "attachments/" + name;
      auto file = media_.Open(key, "original");
      if (file.ok()) {
        auto bytes = (*file)->Read(0, (*file)->size());
        if (bytes.ok() && WriteFile(dir, relative, *bytes, written).ok()) {
          m["file"] = relative;
          ++counts.attachments;
          continue;
        }
      }
      m["file"] = nullptr;  // the file is gone (never under hold)
    }
    o["deleted_at"] = deleted_at ? json::value(FormatIso8601(deleted_at)) : json::value(nullptr);
    lines.emplace_back(created_at, json::serialize(v));
  };

  PageRequest page{IdGenerator::LowestAt(until), 0, 0, 200};
  const int64_t lowest = IdGenerator::LowestAt(from);
  for (bool more = true; more;) {
    auto ids = store_.statuses().ByAuthor(account_id, {}, page);
    if (!ids.ok()) return ids.status();
    if (ids->empty()) break;
    std::vector<int64_t> wanted;
    for (int64_t id : *ids) {
      if (id < lowest) {
        more = false;
        break;
      }
      wanted.push_back(id);
    }
    auto posts = store_.statuses().GetMany(wanted);
    if (!posts.ok()) return posts.status();
    for (const StatusRecord& p : *posts) {
      if (p.created_at < from || p.created_at >= until) continue;
      auto history = store_.statuses().History(p.id);
      if (!history.ok()) return history.status();
      JsonWriter w;
      WritePostRecord(w, p, *history);
      add_line(w.str(), p.created_at, 0);
      ++counts.posts;
    }
    page.max_id = ids->back();
    if (ids->size() < static_cast<size_t>(page.limit)) break;
  }
  auto held = store_.compliance().HeldBy(account_id, from, until);
  if (!held.ok()) return held.status();
  for (const HeldStatusRecord& h : *held) {
    add_line(h.record, h.created_at, h.deleted_at);
    ++counts.deleted_under_hold;
  }
  std::stable_sort(lines.begin(), lines.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string posts_text;
  for (const auto& [at, line] : lines) posts_text += line + "\n";
  if (Status s = WriteFile(dir, "posts.jsonl", posts_text, written); !s.ok()) return s;

  std::string likes_text;
  for (PageRequest likes{IdGenerator::LowestAt(until), IdGenerator::LowestAt(from) - 1, 0, 200};;) {
    auto liked = store_.statuses().Favourites(account_id, likes);
    if (!liked.ok()) return liked.status();
    for (const PageEntry& e : *liked) {
      JsonWriter w;
      w.BeginObject()
          .Field("status_id", std::to_string(e.id))
          .Field("liked_at", FormatIso8601(IdGenerator::MillisOf(e.cursor)))
          .EndObject();
      likes_text += w.str() + "\n";
      ++counts.likes;
    }
    if (liked->size() < static_cast<size_t>(likes.limit)) break;
    likes.max_id = liked->back().cursor;
  }
  if (Status s = WriteFile(dir, "likes.jsonl", likes_text, written); !s.ok()) return s;

  JsonWriter m;
  m.BeginObject()
      .Field("format", "atrium-ediscovery")
      .Field("version", static_cast<int64_t>(1))
      .Key("person")
      .BeginObject()
      .Field("id", std::to_string(person->id))
      .Field("username", person->username)
      .Field("display_name", person->display_name)
      .EndObject()
      .Field("from", FormatIso8601(from))
      .Field("to", FormatIso8601(until))
      .Field("generated_at", FormatIso8601(NowMillis()))
      .Key("counts")
      .BeginObject()
      .Field("posts", counts.posts)
      .Field("deleted_under_hold", counts.deleted_under_hold)
      .Field("likes", counts.likes)
      .Field("attachments", counts.attachments)
      .EndObject()
      .Key("files")
      .BeginArray();
  for (const WrittenFile& f : written)
    m.BeginObject()
        .Field("path", f.path)
        .Field("sha256", f.sha256)
        .Field("bytes", f.bytes)
        .EndObject();
  m.EndArray().EndObject();
  std::ofstream manifest(dir / "manifest.json", std::ios::trunc);
  manifest << m.str() << "\n";
  manifest.close();
  if (!manifest) return Status::Unavailable("cannot write the manifest");

  JsonWriter after;
  after.BeginObject()
      .Field("from", FormatIso8601(from))
      .Field("to", FormatIso8601(until))
      .Field("posts", counts.posts)
      .Field("deleted_under_hold", counts.deleted_under_hold)
      .Field("attachments", counts.attachments)
      .EndObject();
  if (Status s = AuditLog(store_).Record(by, "ediscovery.export", "account",
                                         std::to_string(account_id), "", after.Take());
      !s.ok())
    return s;
  return counts;
}

}  // namespace atrium
