// The `atrium` command: serve, migrate, export and import, backup and restore, user
// administration, SCIM provisioning tokens, version.
//
// Settings come from flags, ATRIUM_* environment variables and an optional
// config file, in that order of precedence (see base/settings.h).
#include <fmt/format.h>
#include <pthread.h>
#include <signal.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <atomic>
#include <condition_variable>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <mutex>
#include <sstream>
#include <thread>

#include "api/routes.h"
#include "api/services.h"
#include "base/clock.h"
#include "base/crypto.h"
#include "base/id.h"
#include "base/json_writer.h"
#include "base/log_sink.h"
#include "base/settings.h"
#include "cluster/redis_cluster.h"
#include "doctor.h"
#include "http/router.h"
#include "http/server.h"
#include "seed/organization_seed.h"
#include "social/account_service.h"
#include "social/audit_log.h"
#include "social/auth_service.h"
#include "social/demo_organization.h"
#include "social/directory_import.h"
#include "social/ediscovery_export.h"
#include "social/ldap_sign_in.h"
#include "social/ldap_sync.h"
#include "social/outside_changes.h"
#include "social/scim_token_service.h"
#include "social/search_service.h"
#include "store/backup.h"
#include "store/seed_writer.h"
#include "store/store.h"
#include "store/transfer.h"

extern char** environ;

namespace atrium {
namespace {

struct CommonOptions {
  SettingsLayer flags;
  std::string config_file;
};

// Adds --KEY for every setting to `cmd`, recording only those given.
void AddSettingsFlags(CLI::App* cmd, CommonOptions& common) {
  cmd->add_option("--config", common.config_file, "Config file of `key = value` lines");
  for (const std::string& key : SettingKeys()) {
    cmd->add_option_function<std::string>(
           "--" + key, [&common, key](const std::string& v) { common.flags[key] = v; },
           "Setting '" + key + "' (env ATRIUM_" +
               [&] {
                 std::string e = key;
                 for (char& c : e) c = c == '-' ? '_' : static_cast<char>(std::toupper(c));
                 return e;
               }() +
               ")")
        ->type_name("VALUE");
  }
}

int Fail(const std::string& message) {
  std::cerr << "atrium: " << message << "\n";
  return 1;
}

Result<Settings> LoadSettings(const CommonOptions& common) {
  std::string file = common.config_file;
  if (file.empty())
    if (const char* env = std::getenv("ATRIUM_CONFIG")) file = env;
  SettingsLayer from_file;
  if (!file.empty()) {
    std::ifstream in(file);
    if (!in) return Status::BadRequest("invalid_config", "cannot read the config file " + file);
    std::stringstream text;
    text << in.rdbuf();
    auto parsed = ParseSettingsFile(text.str());
    if (!parsed.ok())
      return Status::BadRequest("invalid_config", file + ": " + parsed.status().description());
    from_file = std::move(parsed).value();
  }
  return ResolveSettings(common.flags, SettingsFromEnvironment(environ), from_file);
}

void SetUpLogging(const Settings& s) {
  // On a terminal, coloured and line by line; otherwise (a service's log, a
  // file) in batches, so a busy server's access log costs no system call
  // per request (see BatchingLogSink).
  // log-format=json: one JSON object a line, for a log pipeline. The last
  // warnings and errors are kept too, for the admin health page.
  std::shared_ptr<spdlog::sinks::sink> out;
  if (isatty(STDERR_FILENO))
    out = std::make_shared<spdlog::sinks::stderr_color_sink_mt>();
  else
    out = std::make_shared<BatchingLogSink>(STDERR_FILENO);
  auto logger = std::make_shared<spdlog::logger>(
      "atrium", spdlog::sinks_init_list{out, RecentProblemsSink()});
  spdlog::set_default_logger(logger);
  spdlog::set_level(spdlog::level::from_str(s.log_level));
  LogFormat format = LogFormat::kText;
  ParseLogFormat(s.log_format, &format);  // checked by the settings
  spdlog::set_formatter(NewLogFormatter(format));
}

// Opens the store and brings its schema up to date.
Result<std::unique_ptr<Store>> OpenMigratedStore(const Settings& s) {
  auto store = OpenStore(s);
  if (!store.ok()) return store.status();
  if (Status st = (*store)->Migrate(); !st.ok()) return st;
  return store;
}

std::string ReadPasswordFromStdin() {
  std::string line;
  std::getline(std::cin, line);
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

// Runs an import of people from `source` (progress on a terminal): the counts
// on success; every problem on stderr and exit 1 when the import is rejected
// (then nothing was changed), or its error.
// The run is audited as done by `command`.
int RunDirectoryImport(
    const std::string& source, const std::string& command, bool deactivate_missing,
    const std::function<Result<DirectoryImportReport>(const DirectoryImportOptions&)>& run) {
  const AuditActor by = AuditActor::Command(command);
  DirectoryImportOptions options;
  options.deactivate_missing = deactivate_missing;
  options.audit_by = &by;
  options.source = source;
  bool progress_shown = false;
  if (isatty(STDOUT_FILENO))
    options.progress = [&progress_shown](size_t done, size_t total) {
      std::cout << "\r" << ImportProgressText(done, total) << std::flush;
      progress_shown = true;
    };
  auto report = run(options);
  if (progress_shown) std::cout << "\n";
  if (!report.ok()) return Fail(source + ": " + report.status().ToString());
  if (report->rejected()) {
    for (const ImportProblem& p : report->problems)
      std::cerr << p.Where() << ": " << p.message << "\n";
    return Fail(source + " was not imported; nothing was changed");
  }
  std::cout << report->Summary() << "\n";
  return 0;
}

// `atrium import-directory FILE`.
int ImportDirectory(Store& store, IdGenerator& ids, AccountService& accounts,
                    const std::string& file, bool deactivate_missing) {
  std::ifstream in(file, std::ios::binary);
  std::stringstream text;
  if (in) text << in.rdbuf();
  std::error_code ec;
  if (!in || in.bad() || std::filesystem::is_directory(file, ec))
    return Fail("cannot read " + file);
  DirectoryService directory(store, ids, accounts);
  DirectoryImport importer(store, directory);
  return RunDirectoryImport(
      file, "atrium import-directory", deactivate_missing,
      [&](const DirectoryImportOptions& options) { return importer.Run(text.str(), options); });
}

// `atrium sync-ldap`: the directory the ldap-* settings name.
int SyncLdap(Store& store, IdGenerator& ids, AccountService& accounts, const Settings& settings,
             bool deactivate_missing) {
  DirectoryService directory(store, ids, accounts);
  LdapSync sync(store, directory);
  return RunDirectoryImport(
      "the LDAP directory", "atrium sync-ldap", deactivate_missing,
      [&](const DirectoryImportOptions& options) { return sync.Run(settings, options); });
}

// `atrium audit verify`: 0 when the chain holds; else 1, naming the first
// entry found edited or missing.
int VerifyAudit(Store& store) {
  AuditLog audit(store);
  auto v = audit.Verify();
  if (!v.ok()) return Fail(v.status().ToString());
  if (!v->ok()) return Fail("the audit log does not verify: " + v->problem);
  std::cout << "the audit log verifies: " << v->checked << " entries\n";
  return 0;
}

// `atrium audit export`: the entries in [from, to) as JSON Lines.
int ExportAudit(Store& store, const std::string& from_text, const std::string& to_text,
                const std::string& out_file) {
  int64_t from = 0, to = 0;
  if (!from_text.empty()) {
    auto ms = ParseAuditTime(from_text, false);
    if (!ms) return Fail("--from must be an ISO 8601 date or time (UTC)");
    from = *ms;
  }
  if (!to_text.empty()) {
    auto ms = ParseAuditTime(to_text, true);
    if (!ms) return Fail("--to must be an ISO 8601 date or time (UTC)");
    to = *ms;
  }
  std::ofstream file;
  if (!out_file.empty()) {
    file.open(out_file, std::ios::binary | std::ios::trunc);
    if (!file) return Fail("cannot write " + out_file);
  }
  std::ostream& out = out_file.empty() ? std::cout : file;
  Status st = AuditLog(store).Export(
      from, to, [&out](const AuditEntry& e) { out << AuditJsonLine(e) << "\n"; });
  if (!st.ok()) return Fail(st.ToString());
  out.flush();
  if (!out) return Fail("cannot write " + (out_file.empty() ? "standard output" : out_file));
  return 0;
}

// `atrium ediscovery export`: everything `person` wrote and received, or
// everything in `community`, in [from, to) into `out_dir`
// (social/ediscovery_export.h).
int ExportEDiscovery(Store& store, const Settings& settings, const std::string& person,
                     const std::string& community, const std::string& from_text,
                     const std::string& to_text, const std::string& out_dir) {
  if (person.empty() == community.empty()) return Fail("give --person or --community");
  EDiscoveryRequest request;
  if (!from_text.empty()) {
    auto ms = ParseAuditTime(from_text, false);
    if (!ms) return Fail("--from must be an ISO 8601 date or time (UTC)");
    request.from = *ms;
  }
  if (!to_text.empty()) {
    auto ms = ParseAuditTime(to_text, true);
    if (!ms) return Fail("--to must be an ISO 8601 date or time (UTC)");
    request.to = *ms;
  }
  if (!person.empty()) {
    auto account = store.accounts().FindByUsername(person);
    if (!account.ok()) return Fail("no account named " + person);
    request.account_id = account->id;
  } else {
    auto c = store.communities().FindByHandle(community);
    if (!c.ok()) return Fail("no community with the handle " + community);
    request.community_id = c->id;
  }
  FileMediaStore media(settings.data_dir);
  auto counts = EDiscoveryExport(store, media)
                    .Export(request, out_dir, AuditActor::Command("atrium ediscovery export"));
  if (!counts.ok()) return Fail(counts.status().ToString());
  if (!person.empty())
    std::cout << "exported " << counts->posts << " posts, " << counts->deleted_under_hold
              << " deleted under hold, " << counts->direct_received << " direct messages received, "
              << counts->likes << " likes, " << counts->attachments << " attachments to " << out_dir
              << std::endl;
  else
    std::cout << "exported " << counts->posts << " posts, " << counts->deleted_under_hold
              << " deleted under hold, " << counts->members << " members, "
              << counts->moderation_actions << " moderation actions, " << counts->attachments
              << " attachments to " << out_dir << std::endl;
  return 0;
}

// `atrium seed`: a synthetic organization in an empty store, for benchmarks.
// `store` is closed first: the bulk loader needs the database to itself.
int Seed(Store& store, const Settings& settings, seed::SeedOptions options,
         const std::string& password, bool verify) {
  store.Close();
  auto writer = OpenSeedWriter(settings);
  if (!writer.ok()) return Fail(writer.status().ToString());
  options.password_hash = HashPassword(password);
  options.base_url = settings.BaseUrl();
  const bool tty = isatty(STDERR_FILENO);
  const int64_t started = NowMillis();
  if (tty)
    options.progress = [&](std::string_view stage, int64_t done) {
      std::cerr << "\r" << stage << ": " << done << "          " << std::flush;
    };
  auto report = seed::SeedOrganization(**writer, options, verify);
  writer->reset();  // closes the database
  if (tty) std::cerr << "\n";
  if (!report.ok()) return Fail(report.status().ToString());
  const seed::SeedReport& r = *report;
  // One `key value` a line, for people and for the benchmark scripts.
  std::cout << "members " << r.accounts << "\nfollows " << r.follows << "\nconnections "
            << r.connections << "\ncommunities " << r.communities << "\nmemberships "
            << r.memberships << "\nstatuses " << r.statuses << "\nreplies " << r.replies
            << "\nreposts " << r.reposts << "\ncommunity_posts " << r.community_posts
            << "\nmentions " << r.mentions << "\ntagged " << r.tagged << "\nfavourites "
            << r.favourites << "\nnotifications " << r.notifications << "\nlevels "
            << r.max_level + 1 << "\nceo_id " << r.ceo_id << "\nceo_followers " << r.ceo_followers
            << "\npopular_id " << r.popular_id << "\npopular_followers " << r.popular_followers
            << "\nlargest_community_id " << r.largest_community_id << "\ndigest "
            << fmt::format("{:016x}", r.digest) << "\nseconds "
            << fmt::format("{:.1f}", (NowMillis() - started) / 1000.0) << std::endl;
  return 0;
}

// `atrium issue-tokens`: real OAuth access tokens for `count` members spread
// evenly over the store (by id), one `account_id username token` a line.
// `also`: accounts that get a token besides, written first.
int IssueTokens(Store& store, IdGenerator& ids, const Settings& settings, int64_t count,
                const std::vector<int64_t>& also, const std::string& out_file,
                const std::string& scopes) {
  auto total = store.accounts().Count(/*active_only=*/true);
  if (!total.ok()) return Fail(total.status().ToString());
  if (count <= 0 || *total == 0) return Fail("nothing to issue");
  AuthService auth(store, ids, settings);
  auto app = auth.RegisterApp("Atrium benchmark", {"urn:ietf:wg:oauth:2.0:oob"}, scopes, "");
  if (!app.ok()) return Fail(app.status().ToString());
  std::ofstream out(out_file, std::ios::trunc);
  if (!out) return Fail("cannot write " + out_file);
  for (int64_t id : also) {
    auto a = store.accounts().Get(id);
    if (!a.ok()) return Fail("no account with id " + std::to_string(id));
    auto token = auth.IssueToken(app->app, a->id, scopes);
    if (!token.ok()) return Fail(token.status().ToString());
    out << a->id << "\t" << a->username << "\t" << token->secret << "\n";
  }
  const int64_t step = std::max<int64_t>(1, *total / count);
  int64_t after = 0, seen = 0, issued = 0;
  while (issued < count) {
    auto page = store.accounts().List(after, 1000);
    if (!page.ok()) return Fail(page.status().ToString());
    if (page->empty()) break;
    for (const Account& a : *page) {
      if (!a.active || seen++ % step != 0 || issued >= count) continue;
      auto token = auth.IssueToken(app->app, a.id, scopes);
      if (!token.ok()) return Fail(token.status().ToString());
      out << a.id << "\t" << a.username << "\t" << token->secret << "\n";
      ++issued;
    }
    after = page->back().id;
  }
  out.close();
  if (!out) return Fail("cannot write " + out_file);
  // One audit entry for the run (as for a directory import): how many
  // tokens, with which scopes, for which application — never the tokens.
  JsonWriter summary;
  summary.BeginObject()
      .Field("tokens", issued + static_cast<int64_t>(also.size()))
      .Field("scopes", scopes)
      .EndObject();
  if (Status st =
          AuditLog(store).Record(AuditActor::Command("atrium issue-tokens"), "oauth_token.issue",
                                 "application", std::to_string(app->app.id), "", summary.Take());
      !st.ok())
    return Fail(st.ToString());
  std::cout << "issued " << issued + static_cast<int64_t>(also.size()) << " tokens to " << out_file
            << std::endl;
  return 0;
}

int Serve(const Settings& configured, bool demo) {
  // SIGINT and SIGTERM are blocked in every thread and taken by one waiting
  // thread, so that a signal arriving at any moment — even before the server
  // runs — begins a graceful shutdown rather than killing the process.
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGINT);
  sigaddset(&stop_signals, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);

  auto opened = OpenMigratedStore(configured);
  if (!opened.ok()) return Fail(opened.status().ToString());
  std::unique_ptr<Store> store = std::move(opened).value();

  http::Router router;
  http::ServerOptions options;
  options.host = configured.listen_host;
  options.port = configured.listen_port;
  options.threads = configured.threads > 0 ? configured.threads
                                           : std::max(2u, std::thread::hardware_concurrency());
  options.write_threads = configured.write_threads;
  options.blocking_paths = api::BlockingPaths();
  options.max_body_bytes = configured.max_body_bytes;
  // Media uploads may be as large as the largest file a type allows, with
  // room for the multipart framing and the other fields.
  options.upload_paths = {"/api/v2/media", "/api/v1/media"};
  options.max_upload_bytes =
      std::max({configured.media_image_max_bytes, configured.media_video_max_bytes,
                configured.media_document_max_bytes}) +
      (64 << 10);
  options.max_header_bytes = configured.max_header_bytes;
  options.request_timeout_ms = configured.request_timeout_ms;
  options.idle_timeout_ms = configured.idle_timeout_ms;
  options.max_connections = configured.max_connections;
  options.shutdown_grace_ms = configured.shutdown_grace_ms;
  options.trusted_proxies = configured.trusted_proxies;
  // A request waiting for "100 Continue" that its route's check refuses on
  // the headers alone (not signed in) gets that answer instead.
  options.refuse_before_body = [&router](http::Request& req) {
    return router.RefuseBeforeBody(req);
  };
  http::Server server(options, [&router](http::Request& req) { return router.Handle(req); });
  if (Status st = server.Listen(); !st.ok()) return Fail(st.ToString());
  Settings s = configured;
  s.listen_port = server.port();  // links name the port actually bound

  IdGenerator ids(s.node_id);
  // Cluster mode (the `redis` setting): the one place the Redis
  // implementations are wired in.
  std::unique_ptr<Cluster> cluster = MakeRedisCluster(s);
  api::Services services(s, *store, ids, cluster.get());
  services.context.started_at = NowMillis();
  // ldap-sign-in: the password form asks the directory first.
  std::unique_ptr<LdapPasswordDirectory> password_directory;
  if (s.ldap_sign_in) {
    auto directory = LdapPasswordDirectory::FromSettings(s);
    if (!directory.ok()) return Fail("ldap-sign-in: " + directory.status().ToString());
    password_directory = std::move(directory).value();
    services.auth.UseDirectory(password_directory.get());
  }
  if (Status st = services.oidc.Configure(); !st.ok()) return Fail(st.ToString());
  if (Status st = services.advisor.Load(); !st.ok()) return Fail(st.ToString());
  if (Status st = services.social.Connect(); !st.ok()) return Fail(st.ToString());
  if (Status st = services.social.communities.Load(); !st.ok())
    return Fail("cannot read the communities: " + st.ToString());
  if (demo) {
    if (Status st = CreateDemoOrganization(*store, services.accounts, services.directory,
                                           services.relationships, services.posting,
                                           services.communities, services.questions, std::cout);
        !st.ok())
      return Fail("cannot create the demo organization: " + st.ToString());
  }
  auto saml = SamlService::Open(s, *store);
  if (!saml.ok()) return Fail(saml.status().ToString());
  services.saml = std::move(saml).value();
  services.context.saml = services.saml.get();
  if (Status st = services.mail.Start(); !st.ok()) return Fail(st.ToString());
  // The VAPID key pair: made by the first node ever to start, kept in the store.
  if (auto key = services.push.ServerKey(); !key.ok())
    return Fail("cannot read or make the Web Push key: " + key.status().ToString());
  api::RegisterAllRoutes(router, services.context);

  // metrics-listen: GET /metrics on an address of its own, for Prometheus.
  http::Router metrics_router;
  api::RegisterMetricsListenerRoutes(metrics_router);
  std::unique_ptr<http::Server> metrics_server;
  if (s.metrics_listen_port >= 0) {
    http::ServerOptions metrics_options;
    metrics_options.host = s.metrics_listen_host;
    metrics_options.port = s.metrics_listen_port;
    metrics_options.threads = 1;
    metrics_options.write_threads = 0;
    metrics_options.max_connections = 64;
    metrics_options.access_log = false;  // a scrape every few seconds is not news
    metrics_server = std::make_unique<http::Server>(
        metrics_options,
        [&metrics_router](http::Request& req) { return metrics_router.Handle(req); });
    if (Status st = metrics_server->Listen(); !st.ok())
      return Fail("metrics-listen: " + st.ToString());
  }

  // A search index older than this build's (or never built: a new schema,
  // an import, a bulk load) is rebuilt beside serving; until it is done,
  // search finds what is indexed so far.
  std::atomic<bool> stopping{false};
  std::thread reindex;
  auto current = SearchService::IndexCurrent(store->search());
  if (!current.ok()) return Fail("cannot read the search index: " + current.status().ToString());
  if (!*current) {
    reindex = std::thread([&store, &stopping] {
      spdlog::info("search: reindexing every post, person, community and hashtag");
      Status st = SearchService::Reindex(
          store->search(), [&](std::string_view what, int64_t done, int64_t total) {
            if (total == 0) {
              if (done % 50000 == 0) spdlog::info("search: {} {}", done, what);
            } else if (done % 50000 < 500 || done == total) {
              spdlog::info("search: reindexed {} of {} {}", done, total, what);
            }
            return !stopping.load();
          });
      if (st.ok())
        spdlog::info("search: the index is complete");
      else
        spdlog::warn("search: reindex not finished: {}", st.ToString());
    });
  }

  std::thread([&server, &metrics_server, stop_signals] {
    int sig = 0;
    sigwait(&stop_signals, &sig);
    spdlog::info("received signal {}", sig);
    server.Shutdown();
    if (metrics_server) metrics_server->Shutdown();
  }).detach();

  std::string host =
      s.listen_host.find(':') != std::string::npos ? "[" + s.listen_host + "]" : s.listen_host;
  std::cout << "listening on http://" << host << ":" << server.port() << std::endl;
  std::thread metrics_thread;
  if (metrics_server) {
    std::string metrics_host = s.metrics_listen_host.find(':') != std::string::npos
                                   ? "[" + s.metrics_listen_host + "]"
                                   : s.metrics_listen_host;
    std::cout << "metrics served on http://" << metrics_host << ":" << metrics_server->port()
              << "/metrics" << std::endl;
    metrics_thread =
        std::thread([&metrics_server] { metrics_server->Run(/*handle_signals=*/false); });
  }
  spdlog::info("Atrium {} serving {} on {}:{} with {} threads", ATRIUM_VERSION,
               s.DatabaseUrlForLog(), host, server.port(), options.threads);
  // The background worker, on every node: posts whose time came are
  // published (at start too, for those that fell due while no server ran;
  // each is claimed in the store, so published once in a cluster), polls
  // that ended are announced to their voters and authors (once in a cluster
  // too), as are announcements whose scheduled time came (to the live
  // streams), posts older than the retention policy are deleted (a batch a
  // round: social/retention_service.h), an administrator's eDiscovery
  // export is run (one a round: social/export_job_service.h), the queue gauges of /metrics are
  // measured, and uploads never attached to a post are removed once a day
  // old (a removal
  // is conditional: an upload attached meanwhile stays). It stops at once
  // on shutdown.
  std::mutex background_mu;
  std::condition_variable background_cv;
  bool background_stop = false;
  bool background_wake = false;  // work was queued: do not wait for the interval
  services.link_cards.OnQueued([&] {
    {
      std::lock_guard lock(background_mu);
      background_wake = true;
    }
    background_cv.notify_all();
  });
  std::thread background([&] {
    const auto interval =
        std::chrono::milliseconds(std::max<int64_t>(10, s.background_interval_ms));
    constexpr int64_t kSweepEveryMs = 10 * 60 * 1000;
    int64_t last_sweep = NowMillis();
    std::unique_lock lock(background_mu);
    for (;;) {
      lock.unlock();
      auto published = services.scheduled.PublishDue();
      if (!published.ok())
        spdlog::warn("publishing scheduled posts: {}", published.status().ToString());
      else if (*published > 0)
        spdlog::info("published {} scheduled posts", *published);
      if (auto announced = services.announcements.AnnounceDue(); !announced.ok())
        spdlog::warn("announcing scheduled announcements: {}", announced.status().ToString());
      auto ended = services.polls.EndDue();
      if (!ended.ok()) spdlog::warn("announcing ended polls: {}", ended.status().ToString());
      if (auto retained = services.retention.RunOnce(); !retained.ok())
        spdlog::warn("retention: {}", retained.status().ToString());
      // An administrator's eDiscovery export, one a round.
      if (auto exported = services.exports.RunOnce(); !exported.ok())
        spdlog::warn("eDiscovery exports: {}", exported.status().ToString());
      // Web Push deliveries (a batch a round; each claimed in the store, so
      // sent by one node in a cluster).
      if (auto pushed = services.push.RunDue(100); !pushed.ok())
        spdlog::warn("web push: {}", pushed.status().ToString());
      for (Status st : {services.scheduled.MeasureBacklog(), services.mail.MeasureBacklog(),
                        services.retention.MeasureBacklog(), services.exports.MeasureBacklog(),
                        services.push.MeasureBacklog()})
        if (!st.ok()) spdlog::warn("measuring the background queues: {}", st.ToString());
      // Link preview cards, then connected blog feeds (a batch each per
      // round, so neither waits long behind the other).
      if (auto cards = services.link_cards.RunDue(50); !cards.ok())
        spdlog::warn("link previews: {}", cards.status().ToString());
      if (auto feeds = services.feed_imports.PollDue(20); !feeds.ok())
        spdlog::warn("blog feeds: {}", feeds.status().ToString());
      if (NowMillis() - last_sweep >= kSweepEveryMs) {
        last_sweep = NowMillis();
        auto removed = services.media.RemoveAbandoned(1000);
        if (!removed.ok())
          spdlog::warn("removing abandoned uploads: {}", removed.status().ToString());
        else if (*removed > 0)
          spdlog::info("removed {} uploads never attached to a post", *removed);
      }
      lock.lock();
      background_cv.wait_for(lock, interval, [&] { return background_stop || background_wake; });
      if (background_stop) break;
      background_wake = false;
    }
  });
  server.Run(/*handle_signals=*/false);
  if (metrics_server) metrics_server->Shutdown();
  if (metrics_thread.joinable()) metrics_thread.join();
  stopping = true;
  if (reindex.joinable()) reindex.join();
  {
    std::lock_guard lock(background_mu);
    background_stop = true;
  }
  background_cv.notify_all();
  background.join();
  services.link_cards.OnQueued(nullptr);
  services.mail.Stop();
  services.social.fanout.Stop();
  services.social.Disconnect();
  store->Close();
  spdlog::info("stopped; the store is closed");
  return 0;
}

// `atrium search reindex`: rebuilds the index of posts, people,
// communities and hashtags in batches (each its own transaction, so a
// server keeps serving), printing its progress. With --if-stale, only an
// index older than this build's (or never built), which a server would
// otherwise rebuild beside serving when it starts.
int ReindexSearch(Store& store, bool if_stale) {
  if (if_stale) {
    auto current = SearchService::IndexCurrent(store.search());
    if (!current.ok()) return Fail("cannot read the search index: " + current.status().ToString());
    if (*current) {
      std::cout << "the search index is current\n";
      return 0;
    }
  }
  Status st = SearchService::Reindex(
      store.search(), [](std::string_view what, int64_t done, int64_t total) {
        if (total == 0)  // merging: no total known in advance
          std::cout << fmt::format("{} {}\n", done, what) << std::flush;
        else
          std::cout << fmt::format("reindexed {} of {} {}\n", done, total, what) << std::flush;
        return true;
      });
  if (!st.ok()) return Fail(st.ToString());
  std::cout << "the search index is complete\n";
  return 0;
}

// `atrium export` and `atrium import`: prints each table's rows as it goes,
// then the totals; for an import, only once every table was verified.
int Transfer(Store& store, const Settings& settings, const std::string& dir, bool import) {
  const std::filesystem::path media = std::filesystem::path(settings.data_dir) / "media";
  auto progress = [](const std::string& table, int64_t rows) {
    std::cout << fmt::format("  {:<28} {:>12} rows\n", table, rows) << std::flush;
  };
  std::cout << (import ? "importing " : "exporting ") << settings.DatabaseUrlForLog()
            << (import ? " from " : " to ") << dir << "\n";
  auto done =
      import ? ImportStore(store, dir, media, progress) : ExportStore(store, media, dir, progress);
  if (!done.ok()) return Fail(done.status().ToString());
  int64_t rows = 0;
  for (const TransferTable& t : done->tables) rows += t.rows;
  std::cout << fmt::format(
      "{} {} tables, {} rows, {} media files ({} bytes), schema version {}{}\n",
      import ? "imported" : "exported", done->tables.size(), rows, done->media_files,
      done->media_bytes, done->schema_version,
      import ? ": every table's row count and contents match the export" : "");
  return 0;
}

// `atrium backup --out DIR`: the embedded store and media files, beside a
// running server.
int Backup(const Settings& settings, const std::string& out_dir) {
  std::cout << "backing up " << settings.DatabaseUrlForLog() << " to " << out_dir << std::endl;
  auto done = BackUpDataFolder(settings, out_dir,
                               [](const std::string& line) { std::cout << "  " << line << "\n"; });
  if (!done.ok()) return Fail(done.status().ToString());
  int64_t bytes = 0;
  for (const BackupFile& f : done->files) bytes += f.bytes;
  std::cout << fmt::format(
      "backed up the database (schema version {}) and {} media files, {} bytes in all, to {}\n",
      done->schema_version, done->files.size() - 1, bytes, out_dir);
  return 0;
}

// `atrium restore --from DIR --data DATA [--force]`.
int Restore(const Settings& settings, const std::string& from_dir, bool force) {
  std::cout << "restoring " << from_dir << " into " << settings.data_dir << std::endl;
  auto done = RestoreDataFolder(settings, from_dir, force,
                                [](const std::string& line) { std::cout << "  " << line << "\n"; });
  if (!done.ok()) return Fail(done.status().ToString());
  std::cout << fmt::format("restored the backup of {} (Atrium {}, schema version {}) into {}\n",
                           done->manifest.created_at, done->manifest.atrium_version,
                           done->manifest.schema_version, settings.data_dir);
  if (!done->replaced.empty())
    std::cout << "the folder's previous contents are in " << done->replaced.string() << "\n";
  return 0;
}

}  // namespace
}  // namespace atrium

int main(int argc, char** argv) {
  using namespace atrium;
  InitCrypto();
  CLI::App app{"Atrium: the enterprise social network of your organization"};
  app.require_subcommand(1);
  CommonOptions common;

  auto* serve = app.add_subcommand("serve", "Serve the API and the web client");
  AddSettingsFlags(serve, common);
  bool demo = false;
  serve->add_flag("--demo", demo, "Create a demo organization if the store is empty");

  auto* doctor = app.add_subcommand(
      "doctor", "Check the settings, store, Redis, identity provider, disk and folders");
  AddSettingsFlags(doctor, common);

  auto* migrate = app.add_subcommand("migrate", "Apply the store's pending schema migrations");
  AddSettingsFlags(migrate, common);

  auto* export_cmd = app.add_subcommand(
      "export", "Write every table and media file of the store into a new folder");
  std::string transfer_dir;
  export_cmd->add_option("--out", transfer_dir, "The folder to create (missing or empty)")
      ->required();
  AddSettingsFlags(export_cmd, common);
  auto* import_cmd = app.add_subcommand(
      "import", "Load an export into an empty store (of either backend) and verify it");
  import_cmd->add_option("--from", transfer_dir, "A folder written by `atrium export`")->required();
  AddSettingsFlags(import_cmd, common);

  auto* backup_cmd = app.add_subcommand(
      "backup", "Copy the embedded store and the media files into a new folder, while serving");
  std::string backup_dir;
  bool restore_force = false;
  backup_cmd->add_option("--out", backup_dir, "The folder to create (missing or empty)")
      ->required();
  AddSettingsFlags(backup_cmd, common);
  auto* restore_cmd = app.add_subcommand(
      "restore", "Check a backup and make it the data folder (--data), replacing nothing");
  restore_cmd->add_option("--from", backup_dir, "A folder written by `atrium backup`")->required();
  restore_cmd->add_flag("--force", restore_force,
                        "Replace a data folder that holds files (they are moved aside)");
  AddSettingsFlags(restore_cmd, common);

  auto* search_cmd = app.add_subcommand("search", "Administer the search index");
  search_cmd->require_subcommand(1);
  auto* search_reindex =
      search_cmd->add_subcommand("reindex",
                                 "Rebuild the search index (posts, people, communities, hashtags), "
                                 "beside a serving process, with progress");
  bool reindex_if_stale = false;
  search_reindex->add_flag("--if-stale", reindex_if_stale,
                           "Only when the index is older than this build's or was never built");
  AddSettingsFlags(search_reindex, common);
  auto* mail_cmd = app.add_subcommand("mail", "E-mail");
  mail_cmd->require_subcommand(1);
  auto* mail_test = mail_cmd->add_subcommand(
      "test", "Send one message through the smtp-* settings and print what the server said");
  std::string mail_to;
  mail_test->add_option("--to", mail_to, "The address to send to")->required();
  AddSettingsFlags(mail_test, common);
  auto* version = app.add_subcommand("version", "Print the version");

  auto* user = app.add_subcommand("user", "Administer accounts");
  user->require_subcommand(1);
  std::string name, email, role = kRoleMember;
  bool password_stdin = false;
  auto* user_add = user->add_subcommand("add", "Create an account");
  user_add->add_option("name", name, "Username")->required();
  user_add->add_option("--email", email, "E-mail address");
  user_add->add_option("--role", role, "member, moderator or admin");
  user_add->add_option("--display-name", common.flags["__display_name"], "Display name");
  user_add->add_flag("--password-stdin", password_stdin, "Read the password from standard input");
  auto* user_list = user->add_subcommand("list", "List accounts, one a line, username first");
  auto* user_role = user->add_subcommand("set-role", "Change an account's role");
  user_role->add_option("name", name)->required();
  user_role->add_option("role", role, "member, moderator or admin")->required();
  auto* user_deactivate =
      user->add_subcommand("deactivate", "Deactivate an account: access ends at once");
  user_deactivate->add_option("name", name)->required();
  auto* user_reactivate = user->add_subcommand("reactivate", "Reactivate an account");
  user_reactivate->add_option("name", name)->required();
  auto* user_reset = user->add_subcommand("reset-password", "Set a new password");
  user_reset->add_option("name", name)->required();
  user_reset->add_flag("--password-stdin", password_stdin, "Read the password from standard input")
      ->required();
  for (auto* cmd : {user_add, user_list, user_role, user_deactivate, user_reactivate, user_reset})
    AddSettingsFlags(cmd, common);

  auto* scim_token = app.add_subcommand("scim-token", "Administer SCIM provisioning tokens");
  scim_token->require_subcommand(1);
  std::string token_description;
  int64_t token_id = 0;
  auto* token_create = scim_token->add_subcommand(
      "create", "Issue a token for an identity provider (printed only now)");
  token_create->add_option("--description", token_description, "What the token is for");
  auto* token_list =
      scim_token->add_subcommand("list", "List tokens, one a line, id first (never their secrets)");
  auto* token_revoke =
      scim_token->add_subcommand("revoke", "Revoke a token: it stops working at once");
  token_revoke->add_option("id", token_id, "The token's id")->required();
  for (auto* cmd : {token_create, token_list, token_revoke}) AddSettingsFlags(cmd, common);

  auto* audit_cmd = app.add_subcommand("audit", "Check and export the audit log");
  audit_cmd->require_subcommand(1);
  auto* audit_verify = audit_cmd->add_subcommand(
      "verify", "Check that no audit entry was edited or removed (exit 1 naming the first)");
  auto* audit_export =
      audit_cmd->add_subcommand("export", "Write audit entries as JSON Lines, oldest first");
  std::string audit_from, audit_to, audit_out;
  audit_export->add_option("--from", audit_from, "From this date or time (ISO 8601, UTC)");
  audit_export->add_option("--to", audit_to,
                           "Before this time, or through this date (ISO 8601, UTC)");
  audit_export->add_option("--out", audit_out, "Write to this file (default: standard output)");
  for (auto* cmd : {audit_verify, audit_export}) AddSettingsFlags(cmd, common);

  auto* ediscovery_cmd =
      app.add_subcommand("ediscovery", "Export what one person wrote, or one community");
  ediscovery_cmd->require_subcommand(1);
  auto* ediscovery_export = ediscovery_cmd->add_subcommand(
      "export",
      "Write a person's posts, deleted posts under hold, direct messages received, likes and "
      "attachments; or a community's posts, members and moderation log");
  std::string ediscovery_person, ediscovery_community, ediscovery_from, ediscovery_to,
      ediscovery_out;
  auto* person_opt =
      ediscovery_export->add_option("--person", ediscovery_person, "The person's username");
  auto* community_opt =
      ediscovery_export->add_option("--community", ediscovery_community, "The community's handle");
  person_opt->excludes(community_opt);
  community_opt->excludes(person_opt);
  ediscovery_export->add_option("--from", ediscovery_from,
                                "Posts from this date or time (ISO 8601, UTC)");
  ediscovery_export->add_option("--to", ediscovery_to,
                                "Posts before this time, or through this date (ISO 8601, UTC)");
  ediscovery_export->add_option("--out", ediscovery_out, "A new or empty folder")->required();
  AddSettingsFlags(ediscovery_export, common);

  auto* import_directory = app.add_subcommand(
      "import-directory", "Create and update people from a CSV export of the directory");
  std::string import_file;
  bool deactivate_missing = false;
  import_directory
      ->add_option("file", import_file, "CSV file with a header row (username, email, title, ...)")
      ->required();
  import_directory->add_flag(
      "--deactivate-missing", deactivate_missing,
      "Deactivate active people with an external id who are not in the file");
  AddSettingsFlags(import_directory, common);

  auto* sync_ldap = app.add_subcommand(
      "sync-ldap",
      "Create and update people from an LDAP directory (the ldap-* settings say which)");
  sync_ldap->add_flag("--deactivate-missing", deactivate_missing,
                      "Deactivate active people with an external id whom the search does not find");
  AddSettingsFlags(sync_ldap, common);

  auto* seed_cmd = app.add_subcommand(
      "seed", "Fill an empty store with a synthetic organization, for benchmarks");
  seed::SeedOptions seed_options;
  bool seed_verify = false;
  std::string seed_password = "atrium-seed";
  seed_cmd->add_option("--members", seed_options.members, "How many people")->capture_default_str();
  seed_cmd->add_option("--seed", seed_options.seed, "The same seed gives the same organization")
      ->capture_default_str();
  seed_cmd
      ->add_option("--posts-per-member", seed_options.posts_per_member,
                   "Posts a person writes in the year, on average")
      ->capture_default_str();
  seed_cmd->add_option("--password", seed_password, "Every seeded person's password")
      ->capture_default_str();
  seed_cmd->add_flag("--verify", seed_verify,
                     "Check afterwards that every reference names an existing row");
  AddSettingsFlags(seed_cmd, common);

  auto* tokens_cmd = app.add_subcommand(
      "issue-tokens", "Issue OAuth access tokens for people spread over the store, for benchmarks");
  int64_t token_count = 0;
  std::string tokens_file, token_scopes = "read write follow";
  tokens_cmd->add_option("--count", token_count, "How many people get a token")->required();
  tokens_cmd->add_option("--out", tokens_file, "File of `account_id username token` lines")
      ->required();
  tokens_cmd->add_option("--scopes", token_scopes, "Scopes of the tokens")->capture_default_str();
  std::vector<int64_t> token_also;
  tokens_cmd->add_option("--also", token_also, "Account ids that get a token besides")
      ->delimiter(',');
  AddSettingsFlags(tokens_cmd, common);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return app.exit(e);
  }
  std::string display_name = common.flags["__display_name"];
  common.flags.erase("__display_name");

  if (version->parsed()) {
    std::cout << "atrium " << ATRIUM_VERSION << "\n";
    return 0;
  }
  auto settings = LoadSettings(common);
  if (doctor->parsed()) {
    if (!settings.ok()) {
      PrintSettingsFailure(settings.status().description(), std::cout);
      return 1;
    }
    SetUpLogging(*settings);  // on stderr: stdout holds the checks' lines alone
    std::string file = common.config_file;
    if (file.empty())
      if (const char* env = std::getenv("ATRIUM_CONFIG")) file = env;
    return RunDoctor(*settings, file, std::cout);
  }
  if (!settings.ok()) return Fail(settings.status().description());
  SetUpLogging(*settings);

  if (serve->parsed()) return Serve(*settings, demo);
  if (mail_test->parsed()) {
    auto reply = MailService::SendTest(*settings, mail_to);
    if (!reply.ok()) return Fail(reply.status().ToString());
    std::cout << reply->lines << "\n";
    return 0;
  }
  // Neither opens the store as the other commands do: backup reads it beside
  // a server, restore makes a new data folder.
  if (backup_cmd->parsed()) return Backup(*settings, backup_dir);
  if (restore_cmd->parsed()) return Restore(*settings, backup_dir, restore_force);

  auto opened = OpenMigratedStore(*settings);
  if (!opened.ok()) return Fail(opened.status().ToString());
  std::unique_ptr<Store> store = std::move(opened).value();
  if (migrate->parsed()) {
    std::cout << "schema is at version " << store->LatestSchemaVersion() << "\n";
    return 0;
  }
  if (export_cmd->parsed() || import_cmd->parsed())
    return Transfer(*store, *settings, transfer_dir, import_cmd->parsed());
  if (seed_cmd->parsed()) return Seed(*store, *settings, seed_options, seed_password, seed_verify);
  if (search_reindex->parsed()) return ReindexSearch(*store, reindex_if_stale);
  if (audit_verify->parsed()) return VerifyAudit(*store);
  if (audit_export->parsed()) return ExportAudit(*store, audit_from, audit_to, audit_out);
  if (ediscovery_export->parsed())
    return ExportEDiscovery(*store, *settings, ediscovery_person, ediscovery_community,
                            ediscovery_from, ediscovery_to, ediscovery_out);
  IdGenerator ids(settings->node_id);
  if (tokens_cmd->parsed())
    return IssueTokens(*store, ids, *settings, token_count, token_also, tokens_file, token_scopes);
  AccountService accounts(*store, ids);
  // Serving processes drop what they cached about the people changed here.
  std::unique_ptr<Cluster> cluster = MakeRedisCluster(*settings);
  OutsideChanges outside(*settings, cluster.get());
  accounts.SetChangeListener([&outside](int64_t id) { outside.AccountChanged(id); });
  if (import_directory->parsed())
    return ImportDirectory(*store, ids, accounts, import_file, deactivate_missing);
  if (sync_ldap->parsed()) return SyncLdap(*store, ids, accounts, *settings, deactivate_missing);

  if (user_add->parsed()) {
    NewAccount a;
    a.username = name;
    a.email = email;
    a.role = role;
    a.display_name = display_name;
    if (password_stdin) {
      a.password = ReadPasswordFromStdin();
      if (a.password.empty()) return Fail("no password on standard input");
    }
    auto made = accounts.Create(a);
    if (!made.ok()) return Fail(made.status().ToString());
    std::cout << "created " << made->username << " (id " << made->id << ", " << made->role << ")\n";
    return 0;
  }
  if (user_list->parsed()) {
    int64_t after = 0;
    while (true) {
      auto page = accounts.List(after, 500);
      if (!page.ok()) return Fail(page.status().ToString());
      if (page->empty()) break;
      for (const Account& a : *page)
        std::cout << a.username << "\t" << a.email << "\t" << a.role << "\t"
                  << (a.active ? "active" : "deactivated") << "\t" << a.id << "\n";
      after = page->back().id;
    }
    return 0;
  }
  if (token_create->parsed()) {
    ScimTokenService scim_tokens(*store, ids);
    auto issued =
        scim_tokens.Issue(token_description, AuditActor::Command("atrium scim-token create"));
    if (!issued.ok()) return Fail(issued.status().ToString());
    std::cout << "created SCIM token " << issued->record.id << "; it is shown only now:\n"
              << issued->secret << "\n";
    return 0;
  }
  if (token_list->parsed()) {
    auto tokens = ScimTokenService(*store, ids).List();
    if (!tokens.ok()) return Fail(tokens.status().ToString());
    for (const ScimTokenRecord& t : *tokens)
      std::cout << t.id << "\t" << FormatIso8601(t.created_at) << "\t"
                << (t.revoked_at != 0 ? "revoked " + FormatIso8601(t.revoked_at)
                                      : std::string("active"))
                << "\t" << t.description << "\n";
    return 0;
  }
  if (token_revoke->parsed()) {
    Status revoked = ScimTokenService(*store, ids)
                         .Revoke(token_id, AuditActor::Command("atrium scim-token revoke"))
                         .status();
    if (revoked.code() == Code::kNotFound)
      return Fail("no SCIM token with id " + std::to_string(token_id));
    if (!revoked.ok()) return Fail(revoked.ToString());
    std::cout << "ok\n";
    return 0;
  }

  auto target = accounts.FindByLogin(name);
  if (!target.ok()) return Fail("no account named " + name);
  Status st;
  if (user_role->parsed()) {
    const AuditActor by = AuditActor::Command("atrium user set-role");
    st = accounts.SetRole(target->id, role, &by);
  }
  if (user_deactivate->parsed()) {
    const AuditActor by = AuditActor::Command("atrium user deactivate");
    st = accounts.Deactivate(target->id, &by);
  }
  if (user_reactivate->parsed()) {
    const AuditActor by = AuditActor::Command("atrium user reactivate");
    st = accounts.Reactivate(target->id, &by);
  }
  if (user_reset->parsed()) {
    std::string password = ReadPasswordFromStdin();
    if (password.empty()) return Fail("no password on standard input");
    const AuditActor by = AuditActor::Command("atrium user reset-password");
    st = accounts.SetPassword(target->id, password, &by);
  }
  if (!st.ok()) return Fail(st.ToString());
  std::cout << "ok\n";
  return 0;
}
