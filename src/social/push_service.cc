#include "social/push_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <boost/url.hpp>

#include "base/clock.h"
#include "base/ip_address.h"
#include "base/job_worker.h"
#include "base/json_writer.h"
#include "base/link_page.h"
#include "base/metrics.h"
#include "base/safe_fetch.h"
#include "social/post_permalink.h"

namespace atrium {
namespace {

constexpr const char* kKeysSecret = "vapid_keys";
constexpr int64_t kMaxRetryMs = 60 * 60 * 1000;
constexpr int64_t kTimeoutMs = 10000;
// A round stops claiming after this long, so that a slow push service
// cannot hold the background thread (and the scheduled posts behind it).
constexpr int64_t kRoundBudgetMs = 5000;
constexpr int64_t kLeaseMarginMs = 30000;
constexpr int64_t kTtlSeconds = 48 * 3600;          // as Mastodon
constexpr int64_t kJwtLifetimeSeconds = 12 * 3600;  // RFC 8292: at most a day
constexpr int64_t kKeepFinishedMs = 24 * 3600 * 1000;
constexpr size_t kMaxEndpointBytes = 2048;
constexpr size_t kBodyChars = 140;

bool IsLoopbackHost(std::string_view host) {
  if (host == "localhost") return true;
  if (host.size() > 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  auto address = IpAddress::Parse(host);
  if (!address) return false;
  static const std::vector<IpNetwork> loopback = *ParseIpNetworks("127.0.0.0/8, ::1/128");
  return AnyContains(loopback, *address);
}

// Who the principal's subscription belongs to; nullopt for a principal
// with neither a token nor a session.
std::optional<PushOwner> OwnerOf(const Principal& p) {
  if (!p.has_account()) return std::nullopt;
  if (p.via_session && !p.session_token_hash.empty()) return PushOwner{0, p.session_token_hash};
  if (!p.via_session && p.token_id != 0) return PushOwner{p.token_id, {}};
  return std::nullopt;
}

std::string DisplayName(const Account& a) {
  return a.display_name.empty() ? a.username : a.display_name;
}

// What the notification says, as Mastodon's push titles.
std::string Title(const std::string& type, const std::string& name) {
  if (type == "mention") return name + " mentioned you";
  if (type == "status") return name + " just posted";
  if (type == "reblog") return name + " reposted your post";
  if (type == "follow") return name + " followed you";
  if (type == "follow_request") return name + " asked to follow you";
  if (type == "favourite") return name + " liked your post";
  if (type == "poll") return "A poll has ended";
  if (type == "update") return name + " edited a post";
  if (type == "quote") return name + " quoted your post";
  if (type == "answer") return name + " answered your question";
  if (type == "answer_accepted") return name + " accepted your answer";
  if (type == "moderation_warning") return "You have received a moderation warning";
  return name + " sent you a notification";
}

}  // namespace

const std::vector<std::string>& PushService::AlertTypes() {
  static const std::vector<std::string> types = {
      "mention",      "status", "reblog",          "follow",    "follow_request",
      "favourite",    "poll",   "update",          "quote",     "admin.sign_up",
      "admin.report", "answer", "answer_accepted", "community", "moderation_warning"};
  return types;
}

const std::vector<std::string>& PushService::Policies() {
  static const std::vector<std::string> policies = {"all", "followed", "follower", "none"};
  return policies;
}

PushService::PushService(SocialCore& core, NotificationService& notifications)
    : core_(core), notifications_(notifications), owner_(LeaseOwnerName(core.settings.node_id)) {}

Result<VapidKeys> PushService::Keys() {
  std::lock_guard lock(mu_);
  if (keys_) return *keys_;
  auto candidate = GenerateVapidKeys();
  if (!candidate.ok()) return candidate.status();
  // The first node to keep a pair wins; every node then uses that one.
  auto kept = core_.store.mail().KeepSecret(kKeysSecret, EncodeVapidKeys(*candidate));
  if (!kept.ok()) return kept.status();
  auto keys = DecodeVapidKeys(*kept);
  if (!keys.ok()) return Status::Internal("The kept VAPID key pair is not valid");
  keys_ = *keys;
  return *keys_;
}

Result<std::string> PushService::ServerKey() {
  auto keys = Keys();
  if (!keys.ok()) return keys.status();
  return keys->public_key;
}

std::string PushService::PublicKey() {
  auto key = ServerKey();
  if (key.ok()) return *key;
  spdlog::warn("push: cannot read the VAPID key: {}", key.status().ToString());
  return "";
}

Status PushService::CheckEndpoint(const std::string& endpoint) const {
  auto url = boost::urls::parse_uri(endpoint);
  bool https = url && url->scheme() == "https";
  bool loopback_http = url && url->scheme() == "http" &&
                       core_.settings.push_allow_insecure_loopback &&
                       IsLoopbackHost(url->encoded_host());
  if (endpoint.size() > kMaxEndpointBytes || !url || !url->has_authority() ||
      url->encoded_host().empty() || url->has_userinfo() || (!https && !loopback_http))
    return Status::Unprocessable(
        "Validation failed: subscription[endpoint] must be an https URL of a push service");
  return Status::Ok();
}

Status PushService::CheckData(const PushData& data) const {
  for (const auto& a : data.alerts)
    if (std::find(AlertTypes().begin(), AlertTypes().end(), a) == AlertTypes().end())
      return Status::Unprocessable("Validation failed: data[alerts] has an unknown type: " + a);
  if (std::find(Policies().begin(), Policies().end(), data.policy) == Policies().end())
    return Status::Unprocessable(
        "Validation failed: data[policy] must be all, followed, follower or none");
  return Status::Ok();
}

Result<PushSubscriptionRecord> PushService::Subscribe(const Principal& principal,
                                                      const PushSubscribeRequest& request) {
  auto owner = OwnerOf(principal);
  if (!owner) return Status::Forbidden("This action needs a member's token or session");
  if (Status st = CheckEndpoint(request.endpoint); !st.ok()) return st;
  if (Status st = CheckPushKeys(request.p256dh, request.auth); !st.ok()) return st;
  if (Status st = CheckData(request.data); !st.ok()) return st;
  if (auto key = Keys(); !key.ok()) return key.status();
  PushSubscriptionRecord r;
  r.id = core_.ids.Next();
  r.account_id = principal.account.id;
  r.endpoint = request.endpoint;
  r.p256dh = request.p256dh;
  r.auth = request.auth;
  r.alerts = request.data.alerts;
  std::sort(r.alerts.begin(), r.alerts.end());
  r.alerts.erase(std::unique(r.alerts.begin(), r.alerts.end()), r.alerts.end());
  r.policy = request.data.policy;
  r.created_at = NowMillis();
  if (Status st = core_.store.push().Replace(*owner, r); !st.ok()) return st;
  return r;
}

Result<PushSubscriptionRecord> PushService::Get(const Principal& principal) {
  auto owner = OwnerOf(principal);
  if (!owner) return Status::NotFound();
  return core_.store.push().Get(*owner);
}

Result<PushSubscriptionRecord> PushService::Update(const Principal& principal,
                                                   const PushData& data) {
  auto owner = OwnerOf(principal);
  if (!owner) return Status::NotFound();
  if (Status st = CheckData(data); !st.ok()) return st;
  std::vector<std::string> alerts = data.alerts;
  std::sort(alerts.begin(), alerts.end());
  alerts.erase(std::unique(alerts.begin(), alerts.end()), alerts.end());
  return core_.store.push().Update(*owner, alerts, data.policy);
}

Status PushService::Unsubscribe(const Principal& principal) {
  auto owner = OwnerOf(principal);
  if (!owner) return Status::Ok();
  return core_.store.push().Delete(*owner);
}

Result<std::optional<std::string>> PushService::Payload(const PushSubscriptionRecord& subscription,
                                                        const PushJobRecord& job) {
  using Out = Result<std::optional<std::string>>;
  const Out none = std::optional<std::string>();
  // Gone or no longer visible: nothing to push; any other failure: retry.
  auto unless_gone = [&](const Status& st) -> Out {
    return st.code() == Code::kNotFound ? none : Out(st);
  };
  auto account = core_.accounts.Get(subscription.account_id);
  if (!account.ok()) return unless_gone(account.status());
  if (!(*account)->account.active) return none;
  auto viewer = core_.ViewerFor(subscription.account_id);
  if (!viewer.ok()) return viewer.status();
  // The notification as the member may see it now (blocks, mutes, the
  // visibility policy, their notification policy).
  auto n = notifications_.Get(*viewer, job.notification_id);
  if (!n.ok()) return unless_gone(n.status());
  if (subscription.policy == "none") return none;
  if (subscription.policy == "followed" && !viewer->graph->Follows(n->from_account_id)) return none;
  if (subscription.policy == "follower") {
    auto sender_graph = core_.graph.Get(n->from_account_id);
    if (!sender_graph.ok()) return sender_graph.status();
    if (!(*sender_graph)->Follows(subscription.account_id)) return none;
  }
  auto sender = core_.accounts.Get(n->from_account_id);
  const std::string base = core_.settings.BaseUrl();
  std::string name = sender.ok() ? DisplayName((*sender)->account) : "Someone";
  std::string icon = base + "/avatars/original/missing.png";
  if (sender.ok() && !(*sender)->account.avatar.empty())
    icon = base + "/media/avatars/" + (*sender)->account.avatar;
  std::string body;
  std::string url = base + "/notifications";
  if (n->status_id != 0) {
    auto post = core_.Visible(*viewer, n->status_id);
    if (!post.ok()) return unless_gone(post.status());
    const StatusRecord& st = *post->status;
    body = !st.spoiler_text.empty() ? st.spoiler_text : !st.title.empty() ? st.title : st.text;
    body = Excerpt(body, kBodyChars);
    auto author = core_.accounts.Get(st.account_id);
    if (author.ok()) url = base + PostPermalinkPath((*author)->account.username, st);
  } else if (sender.ok()) {
    url = base + "/people/" + std::to_string((*sender)->account.id);
  }
  JsonWriter w;
  w.BeginObject()
      .Field("access_token", "")
      .Field("preferred_locale", "en")
      .Field("notification_id", std::to_string(n->id))
      .Field("notification_type", n->type)
      .Field("icon", icon)
      .Field("title", Title(n->type, name))
      .Field("body", body)
      .Field("url", url)
      .EndObject();
  return std::optional<std::string>(w.Take());
}

void PushService::Deliver(const PushJobRecord& job) {
  PushStore& store = core_.store.push();
  auto finish = [&](PushJobState state) {
    if (Status st = store.Finish(job.id, owner_, state, NowMillis()); !st.ok())
      spdlog::warn("push {}: {}", job.id, st.ToString());
  };
  auto retry = [&](const std::string& error, bool permanent) {
    bool give_up = permanent || job.attempts >= core_.settings.push_max_attempts;
    int64_t wait = RetryBackoffMs(job.attempts, core_.settings.push_retry_ms, kMaxRetryMs);
    spdlog::warn("push {} not delivered (attempt {}): {}", job.id, job.attempts, error);
    if (Status st = store.Retry(job.id, owner_, error, NowMillis(), NowMillis() + wait, give_up);
        !st.ok())
      spdlog::warn("push {}: {}", job.id, st.ToString());
  };
  auto subscription = store.Find(job.subscription_id);
  if (!subscription.ok()) {
    if (subscription.status().code() == Code::kNotFound) return finish(PushJobState::kDropped);
    return retry(subscription.status().ToString(), false);
  }
  auto payload = Payload(*subscription, job);
  if (!payload.ok()) return retry(payload.status().ToString(), false);
  if (!*payload) return finish(PushJobState::kDropped);
  auto keys = Keys();
  if (!keys.ok()) return retry(keys.status().ToString(), false);
  auto body = EncryptWebPush(**payload, subscription->p256dh, subscription->auth);
  if (!body.ok()) return retry(body.status().ToString(), true);
  const std::string subject =
      core_.settings.push_subject.empty() ? core_.settings.BaseUrl() : core_.settings.push_subject;
  auto authorization = VapidAuthorization(subscription->endpoint, subject,
                                          NowMillis() / 1000 + kJwtLifetimeSeconds, *keys);
  if (!authorization.ok()) return retry(authorization.status().ToString(), true);

  SafeFetchRequest request;
  request.url = subscription->endpoint;
  request.post_body = std::move(*body);
  request.post_content_type = "application/octet-stream";
  request.user_agent = "Atrium (Web Push)";
  request.timeout_ms = kTimeoutMs;
  request.max_bytes = 64 << 10;
  request.headers = {{"Content-Encoding", "aes128gcm"},
                     {"TTL", std::to_string(kTtlSeconds)},
                     {"Urgency", "normal"},
                     {"Authorization", *authorization}};
  OutboundPolicy policy = core_.settings.Outbound();
  if (core_.settings.push_allow_insecure_loopback) {
    const std::vector<IpNetwork> loopback = *ParseIpNetworks("127.0.0.0/8, ::1/128");
    policy.networks.insert(policy.networks.end(), loopback.begin(), loopback.end());
  }
  auto sent = SafeFetch(request, policy);
  if (!sent.ok()) {
    // Refused by the outbound policy: no later attempt does better.
    return retry(sent.status().ToString(), sent.status().code() == Code::kForbidden);
  }
  int status = sent->status;
  if (status >= 200 && status < 300) return finish(PushJobState::kSent);
  if (status == 404 || status == 410) {
    // The push service forgot the subscription: so does Atrium (its
    // deliveries, this one included, go with it).
    spdlog::info("push: subscription {} is gone at its push service ({}); removed",
                 subscription->id, status);
    if (Status st = store.Remove(subscription->id); !st.ok())
      spdlog::warn("push: cannot remove subscription {}: {}", subscription->id, st.ToString());
    return;
  }
  bool permanent = status >= 400 && status < 500 && status != 408 && status != 429;
  retry("the push service answered " + std::to_string(status), permanent);
}

Result<int> PushService::RunDue(int limit) {
  int attempted = 0;
  const int64_t started = NowMillis();
  for (; attempted < limit && NowMillis() - started < kRoundBudgetMs; ++attempted) {
    int64_t now = NowMillis();
    auto claimed = core_.store.push().Claim(owner_, now, now + kTimeoutMs + kLeaseMarginMs);
    if (!claimed.ok()) return claimed.status();
    if (!*claimed) break;
    Deliver(**claimed);
  }
  if (auto pruned = core_.store.push().Prune(NowMillis() - kKeepFinishedMs, 1000); !pruned.ok())
    return pruned.status();
  return attempted;
}

Status PushService::MeasureBacklog() {
  auto backlog = core_.store.push().Backlog();
  if (!backlog.ok()) return backlog.status();
  Metrics::Get().push_queue.Set(backlog->depth, backlog->oldest_at, NowMillis());
  return Status::Ok();
}

}  // namespace atrium
