#include "doctor.h"

#include <fmt/format.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <ostream>

#include "base/http_fetch.h"
#include "cluster/redis_client.h"
#include "social/mail_service.h"
#include "social/oidc_service.h"
#include "store/database_url.h"
#include "store/sqlite/sqlite_backup.h"
#include "store/store.h"

namespace atrium {
namespace {

namespace fs = std::filesystem;

enum class Verdict { kOk, kWarn, kSkip, kFail };

// Prints the checks' lines and remembers whether one failed.
class Report {
 public:
  explicit Report(std::ostream& out) : out_(out) {}

  void Line(Verdict verdict, std::string_view part, std::string_view why) {
    static constexpr const char* kWords[] = {"ok  ", "warn", "skip", "FAIL"};
    out_ << kWords[static_cast<int>(verdict)] << "  " << part << ": " << why << std::endl;
    failed_ = failed_ || verdict == Verdict::kFail;
  }
  bool failed() const { return failed_; }

 private:
  std::ostream& out_;
  bool failed_ = false;
};

std::string Bytes(double n) {
  const char* units[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  int u = 0;
  while (n >= 1024 && u < 4) {
    n /= 1024;
    ++u;
  }
  return fmt::format("{:.1f} {}", n, units[u]);
}

void CheckSettings(const Settings& s, const std::string& config_file, Report& r) {
  r.Line(Verdict::kOk, "settings",
         config_file.empty() ? "read (no config file; flags, ATRIUM_* and defaults)"
                             : "read from " + config_file);
  if (s.public_url.empty())
    r.Line(Verdict::kWarn, "public-url",
           "not set: links and redirects name the listen address " + s.BaseUrl());
  else if (s.public_url.starts_with("https://") && !s.cookie_secure)
    r.Line(Verdict::kWarn, "cookie-secure",
           "false while public-url is https: session cookies are sent over plain HTTP too");
  if (s.metrics_listen_port >= 0 && s.metrics_listen_host != "127.0.0.1" &&
      s.metrics_listen_host != "::1" && s.metrics_listen_host != "localhost")
    r.Line(Verdict::kWarn, "metrics-listen",
           s.metrics_listen_host +
               " is not a loopback address: /metrics is open to whoever reaches it");
}

void CheckDataFolder(const Settings& s, Report& r) {
  std::error_code ec;
  const std::string& dir = s.data_dir;
  if (!fs::is_directory(dir, ec)) {
    r.Line(Verdict::kFail, "data folder", dir + " is missing or not a folder");
    return;
  }
  if (::access(dir.c_str(), R_OK | W_OK | X_OK) != 0) {
    r.Line(Verdict::kFail, "data folder",
           dir + " is not readable and writable by this user (uid " + std::to_string(::getuid()) +
               ")");
    return;
  }
  struct stat st {};
  ::stat(dir.c_str(), &st);
  if (st.st_mode & S_IWOTH)
    r.Line(Verdict::kFail, "data folder",
           fmt::format("{} is writable by every user of the machine (mode {:o}); chmod o-w", dir,
                       st.st_mode & 07777));
  else if (st.st_mode & S_IROTH)
    r.Line(Verdict::kWarn, "data folder",
           fmt::format("{} is readable by every user of the machine (mode {:o}); chmod o-rwx", dir,
                       st.st_mode & 07777));
  else
    r.Line(Verdict::kOk, "data folder",
           fmt::format("{} (mode {:o}, owner uid {})", dir, st.st_mode & 07777, st.st_uid));
}

// Free space where `path` lives: FAIL under 512 MiB or 1 %, warn under
// 5 GiB or 5 %.
void CheckDisk(const std::string& part, const std::string& path, Report& r) {
  struct statvfs v {};
  if (::statvfs(path.c_str(), &v) != 0) {
    r.Line(Verdict::kSkip, part, path + " does not exist yet");
    return;
  }
  const double free = static_cast<double>(v.f_bavail) * static_cast<double>(v.f_frsize);
  const double total = static_cast<double>(v.f_blocks) * static_cast<double>(v.f_frsize);
  const double share = total > 0 ? free / total : 0;
  const std::string what =
      fmt::format("{} free of {} ({:.0f} %) at {}", Bytes(free), Bytes(total), share * 100, path);
  constexpr double kMiB = 1024.0 * 1024;
  if (free < 512 * kMiB || share < 0.01)
    r.Line(Verdict::kFail, part, what + ": uploads and writes will fail soon");
  else if (free < 5 * 1024 * kMiB || share < 0.05)
    r.Line(Verdict::kWarn, part, what);
  else
    r.Line(Verdict::kOk, part, what);
}

void CheckStore(const Settings& s, Report& r) {
  auto target = ParseDatabaseUrl(s.DatabaseUrl());
  if (!target.ok()) {
    r.Line(Verdict::kFail, "store", target.status().description());
    return;
  }
  if (!target->postgres) {
    const std::string& path = target->sqlite_path;
    std::error_code ec;
    if (!fs::exists(path, ec)) {
      r.Line(Verdict::kFail, "store",
             "SQLite " + path + " does not exist (`atrium migrate` or `atrium serve` makes it)");
      return;
    }
    if (::access(path.c_str(), R_OK | W_OK) != 0) {
      r.Line(Verdict::kFail, "store",
             "SQLite " + path + " is not readable and writable by this user");
      return;
    }
    auto version = sqlite::CheckDatabase(path);
    if (!version.ok()) {
      r.Line(Verdict::kFail, "store",
             "SQLite " + path + " failed its check: " + version.status().description());
      return;
    }
    const int latest = sqlite::LatestSchemaVersion();
    if (*version < latest)
      r.Line(Verdict::kWarn, "store",
             fmt::format("SQLite {}: integrity ok, schema {} (this build: {}; `atrium serve` or "
                         "`atrium migrate` brings it up to date)",
                         path, *version, latest));
    else if (*version > latest)
      r.Line(Verdict::kFail, "store",
             fmt::format("SQLite {}: schema {} was written by a newer Atrium (this build: {})",
                         path, *version, latest));
    else
      r.Line(Verdict::kOk, "store",
             fmt::format("SQLite {}: schema {} (current), integrity ok", path, *version));
    return;
  }
  auto store = OpenStore(s);
  if (!store.ok()) {
    r.Line(Verdict::kFail, "store",
           "PostgreSQL " + s.DatabaseUrlForLog() + ": " + store.status().ToString());
    return;
  }
  auto version = (*store)->SchemaVersion();
  const int latest = (*store)->LatestSchemaVersion();
  if (!version.ok())
    r.Line(Verdict::kFail, "store",
           "PostgreSQL " + s.DatabaseUrlForLog() + ": " + version.status().ToString());
  else if (*version != latest)
    r.Line(*version < latest ? Verdict::kWarn : Verdict::kFail, "store",
           fmt::format("PostgreSQL {}: schema {} (this build: {})", s.DatabaseUrlForLog(), *version,
                       latest));
  else
    r.Line(Verdict::kOk, "store",
           fmt::format("PostgreSQL {}: connected, schema {} (current)", s.DatabaseUrlForLog(),
                       *version));
  (*store)->Close();
}

void CheckRedis(const Settings& s, Report& r) {
  if (s.redis.empty()) {
    r.Line(Verdict::kSkip, "redis", "not configured (one node: feeds and events in process)");
    return;
  }
  auto address = ParseRedisUrl(s.redis);
  if (!address.ok()) {
    r.Line(Verdict::kFail, "redis", address.status().description());
    return;
  }
  RedisClient client(*address, /*timeout_ms=*/3000);
  auto pong = client.Command({"PING"});
  if (!pong.ok())
    r.Line(Verdict::kFail, "redis", address->ForLog() + ": " + pong.status().description());
  else
    r.Line(Verdict::kOk, "redis", address->ForLog() + ": answers PING");
}

void CheckSmtp(const Settings& s, Report& r) {
  if (s.smtp_url.empty()) {
    r.Line(Verdict::kSkip, "mail (SMTP)", "smtp-url is not set: no mail is sent");
    return;
  }
  auto server = MailService::SmtpServerOf(s);
  if (!server.ok()) {
    r.Line(Verdict::kFail, "mail (SMTP)", server.status().description());
    return;
  }
  server->timeout_ms = 5000;
  auto reply = ProbeSmtp(*server);
  if (!reply.ok())
    r.Line(Verdict::kFail, "mail (SMTP)", s.smtp_url + ": " + reply.status().description());
  else
    r.Line(Verdict::kOk, "mail (SMTP)", s.smtp_url + ": answers (" + reply->lines + ")");
}

void CheckOidc(const Settings& s, Report& r) {
  if (s.oidc_issuer.empty()) {
    r.Line(Verdict::kSkip, "identity provider (OpenID Connect)", "oidc-issuer is not set");
    return;
  }
  auto provider = DiscoverOidcProvider(s.oidc_issuer);
  if (!provider.ok()) {
    r.Line(Verdict::kFail, "identity provider (OpenID Connect)", provider.status().description());
    return;
  }
  auto keys = FetchOidcKeys(*provider);
  if (!keys.ok())
    r.Line(Verdict::kFail, "identity provider (OpenID Connect)", keys.status().description());
  else if (keys->empty())
    r.Line(Verdict::kFail, "identity provider (OpenID Connect)",
           provider->jwks_uri + " holds no signing key Atrium can use");
  else
    r.Line(
        Verdict::kOk, "identity provider (OpenID Connect)",
        fmt::format("{}: discovery document and {} signing key(s)", s.oidc_issuer, keys->size()));
}

void CheckSaml(const Settings& s, Report& r) {
  const std::string& source = s.saml_idp_metadata;
  if (source.empty()) {
    r.Line(Verdict::kSkip, "identity provider (SAML)", "saml-idp-metadata is not set");
    return;
  }
  std::string text;
  if (source.starts_with("https://") || source.starts_with("http://")) {
    auto fetched = HttpFetch({.url = source});
    if (!fetched.ok() || fetched->status != 200) {
      r.Line(Verdict::kFail, "identity provider (SAML)",
             source + ": " +
                 (fetched.ok() ? "answered HTTP " + std::to_string(fetched->status)
                               : fetched.status().description()));
      return;
    }
    text = std::move(fetched->body);
  } else {
    std::ifstream in(source, std::ios::binary);
    if (!in) {
      r.Line(Verdict::kFail, "identity provider (SAML)", source + " cannot be read");
      return;
    }
    text.assign(std::istreambuf_iterator<char>(in), {});
  }
  if (text.find("EntityDescriptor") == std::string::npos)
    r.Line(Verdict::kFail, "identity provider (SAML)",
           source + " is not SAML metadata (no EntityDescriptor)");
  else
    r.Line(Verdict::kOk, "identity provider (SAML)", source + ": metadata readable");
}

void CheckWebRoot(const Settings& s, Report& r) {
  std::error_code ec;
  const fs::path index = fs::path(s.web_root) / "index.html";
  if (!fs::is_regular_file(index, ec))
    r.Line(Verdict::kWarn, "web root",
           index.string() + " is missing: the API works, the web client will not load");
  else
    r.Line(Verdict::kOk, "web root", s.web_root);
}

}  // namespace

void PrintSettingsFailure(const std::string& why, std::ostream& out) {
  Report(out).Line(Verdict::kFail, "settings", why);
}

int RunDoctor(const Settings& settings, const std::string& config_file, std::ostream& out) {
  Report report(out);
  CheckSettings(settings, config_file, report);
  CheckDataFolder(settings, report);
  CheckDisk("free disk (data)", settings.data_dir, report);
  CheckDisk("free disk (media)", (fs::path(settings.data_dir) / "media").string(), report);
  CheckStore(settings, report);
  CheckRedis(settings, report);
  CheckSmtp(settings, report);
  CheckOidc(settings, report);
  CheckSaml(settings, report);
  CheckWebRoot(settings, report);
  return report.failed() ? 1 : 0;
}

}  // namespace atrium
