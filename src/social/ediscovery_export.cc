#include "social/ediscovery_export.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <vector>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/id.h"
#include "base/json_writer.h"
#include "social/post_record_json.h"
#include "store/profile_history_store.h"

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
  // Short enough for any archive: the start and the end (the extension).
  if (out.size() > 90) out = out.substr(0, 60) + "_" + out.substr(out.size() - 29);
  return out;
}

// Writes one export: the lines and files gathered, then the manifest.
class Writer {
 public:
  Writer(Store& store, const MediaStore& media, fs::path dir, const EDiscoveryExport::Progress& p)
      : store_(store), media_(media), dir_(std::move(dir)), progress_(p) {}

  EDiscoveryCounts counts;
  std::vector<WrittenFile> written;

  // A post's record (post_record_json.h) as a line of `lines`: its
  // attachments copied into attachments/, a direct message's participants
  // named, deleted_at set.
  Status AddPost(std::vector<std::pair<int64_t, std::string>>& lines, const std::string& record,
                 int64_t created_at, int64_t deleted_at) {
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
        if (bytes.ok() && WriteFile(dir_, relative, *bytes, written).ok()) {
          m["file"] = relative;
          ++counts.attachments;
          continue;
        }
      }
      m["file"] = nullptr;  // the file is gone (never under hold)
    }
    if (o["visibility"].as_string() == "direct") {
      json::array participants;
      std::vector<std::string> ids{std::string(o["account_id"].as_string())};
      for (const json::value& v : o["mentions"].as_array()) {
        std::string id(v.as_string());
        if (std::find(ids.begin(), ids.end(), id) == ids.end()) ids.push_back(std::move(id));
      }
      for (const std::string& id : ids) participants.push_back(Person(id));
      o["participants"] = std::move(participants);
    }
    o["deleted_at"] = deleted_at ? json::value(FormatIso8601(deleted_at)) : json::value(nullptr);
    lines.emplace_back(created_at, json::serialize(v));
    return Status::Ok();
  }

  // {id, username, display_name} of account `id` (null names when gone).
  json::object Person(const std::string& id) {
    json::object out{{"id", id}};
    auto it = people_.find(id);
    if (it == people_.end()) {
      int64_t n = 0;
      std::from_chars(id.data(), id.data() + id.size(), n);
      it = people_.emplace(id, store_.accounts().Get(n)).first;
    }
    if (it->second.ok()) {
      out["username"] = it->second->username;
      out["display_name"] = it->second->display_name;
    } else {
      out["username"] = nullptr;
      out["display_name"] = nullptr;
    }
    return out;
  }

  // Writes `lines`, oldest first, as `relative`.
  Status WriteLines(const std::string& relative,
                    std::vector<std::pair<int64_t, std::string>>& lines) {
    std::stable_sort(lines.begin(), lines.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    std::string text;
    for (const auto& [at, line] : lines) text += line + "\n";
    return WriteFile(dir_, relative, text, written);
  }

  Status Write(const std::string& relative, const std::string& text) {
    return WriteFile(dir_, relative, text, written);
  }

  // Tells the caller how far the export is; false when it should stop.
  bool Report() { return !progress_ || progress_(counts); }

 private:
  Store& store_;
  const MediaStore& media_;
  fs::path dir_;
  const EDiscoveryExport::Progress& progress_;
  std::map<std::string, Result<Account>> people_;
};

// Adds every post of `ids` created in [from, until) to `lines` with its
// earlier versions; how many.
Result<int64_t> AddPosts(Store& store, Writer& out,
                         std::vector<std::pair<int64_t, std::string>>& lines,
                         const std::vector<int64_t>& ids, int64_t from, int64_t until) {
  int64_t n = 0;
  auto posts = store.statuses().GetMany(ids);
  if (!posts.ok()) return posts.status();
  for (const StatusRecord& p : *posts) {
    if (p.created_at < from || p.created_at >= until) continue;
    auto history = store.statuses().History(p.id);
    if (!history.ok()) return history.status();
    JsonWriter w;
    WritePostRecord(w, p, *history);
    if (Status s = out.AddPost(lines, w.str(), p.created_at, 0); !s.ok()) return s;
    ++n;
  }
  return n;
}

}  // namespace

Result<EDiscoveryCounts> EDiscoveryExport::Export(const EDiscoveryRequest& request,
                                                  const std::string& out_dir, const AuditActor& by,
                                                  const Progress& progress) {
  if ((request.account_id == 0) == (request.community_id == 0))
    return Status::BadRequest("Bad request", "an export names a person or a community");
  const int64_t from = request.from;
  const int64_t until = request.to > 0 ? request.to : NowMillis() + 1;
  if (from >= until) return Status::BadRequest("Bad request", "--from must be before --to");
  std::optional<Account> person;
  std::optional<CommunityRecord> community;
  if (request.account_id != 0) {
    auto a = store_.accounts().Get(request.account_id);
    if (!a.ok()) return a.status();
    person = std::move(*a);
  } else {
    auto c = store_.communities().Get(request.community_id);
    if (!c.ok()) return c.status();
    community = std::move(*c);
  }
  const fs::path dir(out_dir);
  std::error_code ec;
  if (fs::exists(dir, ec) && !fs::is_empty(dir, ec))
    return Status::BadRequest("Bad request", out_dir + " is not empty");
  fs::create_directories(dir, ec);
  if (ec) return Status::BadRequest("Bad request", out_dir + " cannot be created: " + ec.message());

  Writer out(store_, media_, dir, progress);
  EDiscoveryCounts& counts = out.counts;
  // Every post, live or kept under hold, as {created_at, line}.
  std::vector<std::pair<int64_t, std::string>> lines;
  const int64_t lowest = IdGenerator::LowestAt(from);
  int64_t profile_changes = 0;  // a person's

  if (person) {
    PageRequest page{IdGenerator::LowestAt(until), 0, 0, 200};
    for (bool more = true; more;) {
      auto ids = store_.statuses().ByAuthor(person->id, {}, page);
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
      auto n = AddPosts(store_, out, lines, wanted, from, until);
      if (!n.ok()) return n.status();
      counts.posts += *n;
      if (!out.Report()) return Status::Unavailable("the export was stopped");
      page.max_id = ids->back();
      if (ids->size() < static_cast<size_t>(page.limit)) break;
    }
  } else {
    auto ids = store_.statuses().AllInCommunity(community->id);
    if (!ids.ok()) return ids.status();
    for (size_t i = 0; i < ids->size(); i += 200) {
      std::vector<int64_t> some(ids->begin() + i, ids->begin() + std::min(ids->size(), i + 200));
      auto n = AddPosts(store_, out, lines, some, from, until);
      if (!n.ok()) return n.status();
      counts.posts += *n;
      if (!out.Report()) return Status::Unavailable("the export was stopped");
    }
  }
  auto held = person ? store_.compliance().HeldBy(person->id, from, until)
                     : store_.compliance().HeldIn(community->id, from, until);
  if (!held.ok()) return held.status();
  for (const HeldStatusRecord& h : *held) {
    if (Status s = out.AddPost(lines, h.record, h.created_at, h.deleted_at); !s.ok()) return s;
    ++counts.deleted_under_hold;
  }
  if (Status s = out.WriteLines("posts.jsonl", lines); !s.ok()) return s;
  if (!out.Report()) return Status::Unavailable("the export was stopped");

  if (person) {
    // The direct messages others sent them.
    std::vector<std::pair<int64_t, std::string>> received;
    for (int64_t max_id = IdGenerator::LowestAt(until);;) {
      auto ids = store_.statuses().RecentMentioning(person->id, max_id, 200);
      if (!ids.ok()) return ids.status();
      std::vector<int64_t> wanted;
      bool more = ids->size() == 200;
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
        if (p.visibility != Visibility::kDirect || p.account_id == person->id ||
            p.created_at < from || p.created_at >= until)
          continue;
        auto history = store_.statuses().History(p.id);
        if (!history.ok()) return history.status();
        JsonWriter w;
        WritePostRecord(w, p, *history);
        if (Status s = out.AddPost(received, w.str(), p.created_at, 0); !s.ok()) return s;
        ++counts.direct_received;
      }
      if (!more || ids->empty()) break;
      max_id = ids->back();
    }
    if (Status s = out.WriteLines("direct_received.jsonl", received); !s.ok()) return s;

    std::string likes_text;
    for (PageRequest likes{IdGenerator::LowestAt(until), IdGenerator::LowestAt(from) - 1, 0, 200};
         ;) {
      auto liked = store_.statuses().Favourites(person->id, likes);
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
    if (Status s = out.Write("likes.jsonl", likes_text); !s.ok()) return s;

    auto changes = OpenProfileHistoryStore(store_)->Of(person->id, from, until - 1);
    if (!changes.ok()) return changes.status();
    json::array history;
    for (const ProfileChangeRecord& c : *changes) {
      json::object actor{{"kind", ProfileActorKindName(c.actor_kind)}};
      actor["account"] = c.actor_account_id
                             ? json::value(out.Person(std::to_string(c.actor_account_id)))
                             : json::value(nullptr);
      actor["source"] = c.actor_source.empty() ? json::value(nullptr) : json::value(c.actor_source);
      history.push_back(
          json::object{{"id", std::to_string(c.id)},
                       {"changed_at", FormatIso8601(c.changed_at)},
                       {"field", c.field},
                       {"before", c.before ? json::value(*c.before) : json::value(nullptr)},
                       {"after", c.after ? json::value(*c.after) : json::value(nullptr)},
                       {"actor", std::move(actor)}});
    }
    profile_changes = static_cast<int64_t>(history.size());
    if (Status s = out.Write("profile_changes.json", json::serialize(history) + "\n"); !s.ok())
      return s;
  } else {
    std::string members_text;
    for (PageRequest page{0, 0, 0, 200};;) {
      auto some = store_.communities().Members(community->id, MembershipState::kMember, "", page);
      if (!some.ok()) return some.status();
      for (const CommunityMemberRecord& m : *some) {
        json::object line = out.Person(std::to_string(m.account_id));
        line["role"] = m.role;
        line["joined_at"] = FormatIso8601(m.created_at);
        members_text += json::serialize(line) + "\n";
        ++counts.members;
      }
      if (some->size() < static_cast<size_t>(page.limit)) break;
      page.max_id = some->back().id;
    }
    if (Status s = out.Write("members.jsonl", members_text); !s.ok()) return s;
    std::vector<std::pair<int64_t, std::string>> log_lines;
    for (PageRequest page{0, 0, 0, 200};;) {
      auto some = store_.communities().ModerationLog(community->id, page);
      if (!some.ok()) return some.status();
      for (const ModerationRecord& r : *some) {
        if (r.created_at < from || r.created_at >= until) continue;
        json::object line;
        line["id"] = std::to_string(r.id);
        line["action"] = r.action;
        line["moderator"] = out.Person(std::to_string(r.actor_id));
        line["status_id"] =
            r.status_id ? json::value(std::to_string(r.status_id)) : json::value(nullptr);
        line["target"] = r.target_account_id
                             ? json::value(out.Person(std::to_string(r.target_account_id)))
                             : json::value(nullptr);
        line["reason"] = r.reason;
        line["created_at"] = FormatIso8601(r.created_at);
        log_lines.emplace_back(r.created_at, json::serialize(line));
        ++counts.moderation_actions;
      }
      if (some->size() < static_cast<size_t>(page.limit)) break;
      page.max_id = some->back().id;
    }
    if (Status s = out.WriteLines("moderation_log.jsonl", log_lines); !s.ok()) return s;
  }

  JsonWriter m;
  m.BeginObject().Field("format", "atrium-ediscovery").Field("version", static_cast<int64_t>(1));
  if (person) {
    m.Key("person")
        .BeginObject()
        .Field("id", std::to_string(person->id))
        .Field("username", person->username)
        .Field("display_name", person->display_name)
        .EndObject();
  } else {
    m.Key("community")
        .BeginObject()
        .Field("id", std::to_string(community->id))
        .Field("handle", community->handle)
        .Field("name", community->name)
        .EndObject();
  }
  m.Field("from", FormatIso8601(from))
      .Field("to", FormatIso8601(until))
      .Field("generated_at", FormatIso8601(NowMillis()))
      .Key("counts")
      .BeginObject()
      .Field("posts", counts.posts)
      .Field("deleted_under_hold", counts.deleted_under_hold);
  if (person)
    m.Field("direct_received", counts.direct_received)
        .Field("likes", counts.likes)
        .Field("profile_changes", profile_changes);
  else
    m.Field("members", counts.members).Field("moderation_actions", counts.moderation_actions);
  m.Field("attachments", counts.attachments).EndObject().Key("files").BeginArray();
  for (const WrittenFile& f : out.written)
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
      .Field("attachments", counts.attachments);
  if (person)
    after.Field("direct_received", counts.direct_received)
        .Field("profile_changes", profile_changes);
  after.EndObject();
  if (Status s = AuditLog(store_).Record(by, "ediscovery.export", person ? "account" : "community",
                                         std::to_string(person ? person->id : community->id), "",
                                         after.Take());
      !s.ok())
    return s;
  return counts;
}

}  // namespace atrium
