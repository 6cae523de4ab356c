// The Mastodon streaming API: /api/v1/streaming over WebSocket (with
// subscribe/unsubscribe messages) and the SSE endpoints
// /api/v1/streaming/{user, user/notification, public, public/local,
// hashtag, hashtag/local, list, direct, community}, plus
// /api/v1/streaming/health. `community` (an Atrium extension) takes
// `community=ID`; a member who leaves or is removed loses it at once.
//
// A stream subscribes to event-hub keys for its viewer. Every event is
// rendered for that viewer at the moment it is sent, after the same checks
// as any read: the visibility policy (so a post the viewer may not see,
// including one in a community they have left, never goes out), mutes for
// the streams, and the viewer's account still being active and their token
// still valid (checked at least every 30 seconds; a deactivated member's
// streams close at once on their next event). A delete names a post that is
// gone: it goes only to a member who could see the post, judged from the
// post's audience the event carries. The direct stream sends, as Mastodon's,
// a `conversation` event (the member's conversation a new direct post
// joined) and the `delete` of a direct post. The organization's
// announcements go out on the user stream (announcement,
// announcement.reaction, announcement.delete).
//
// Bounds: a member may have `max-streams-per-member` streams open at once on
// this node (SSE and WebSocket together; one more is refused with 429), and
// one WebSocket may hold `max-stream-subscriptions` subscriptions (one more
// is refused with Mastodon's error message, status 429, and not added).
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <mutex>
#include <set>

#include "api/api_helpers.h"
#include "api/mastodon/announcement_serializer.h"
#include "api/mastodon/renderer.h"
#include "api/routes.h"
#include "base/clock.h"
#include "base/status_text.h"
#include "http/cookies.h"
#include "http/stream.h"
#include "social/scopes.h"
#include "social/visibility_policy.h"

namespace atrium::api {
namespace {

using http::Request;
using http::Response;

constexpr int64_t kRecheckMs = 30 * 1000;

// One open stream of one viewer.
class Subscription : public StreamRegistry::Entry,
                     public std::enable_shared_from_this<Subscription> {
 public:
  Subscription(ApiContext& ctx, Principal principal, std::string token,
               std::unique_ptr<StreamRegistry::Slot> slot)
      : ctx_(ctx),
        principal_(std::move(principal)),
        token_(std::move(token)),
        checked_at_(NowMillis()),
        slot_(std::move(slot)) {}

  void Open(const std::shared_ptr<http::StreamSink>& sink) {
    std::weak_ptr<Subscription> weak = weak_from_this();
    {
      std::lock_guard lock(mu_);
      sink_ = sink;
    }
    hub_token_ = ctx_.social.events.Subscribe([weak](const std::string& key, const Event& e) {
      if (auto self = weak.lock()) self->OnEvent(key, e);
    });
    ctx_.social.events.AddKey(hub_token_, "control:" + std::to_string(principal_.account.id));
    // Heard only while the user stream is subscribed (OnEvent).
    ctx_.social.events.AddKey(hub_token_, AnnouncementService::kStreamKey);
    registry_token_ =
        ctx_.streams.Add(std::static_pointer_cast<StreamRegistry::Entry>(shared_from_this()));
    std::vector<std::pair<std::string, std::vector<std::string>>> pending;
    {
      std::lock_guard lock(mu_);
      pending.swap(pending_);
    }
    for (auto& [key, names] : pending) AddKey(key, names);
  }

  void Close() {
    if (hub_token_) ctx_.social.events.Unsubscribe(hub_token_);
    if (registry_token_) ctx_.streams.Remove(registry_token_);
    std::lock_guard lock(mu_);
    sink_.reset();
    slot_.reset();  // the member may open another stream now
  }

  // Subscribes to `stream` (a Mastodon stream name) with its parameter.
  // Returns the error to report for an unknown stream, a list that is not
  // the viewer's, or one subscription more than max-stream-subscriptions.
  Status Subscribe(const std::string& stream, const std::string& tag, const std::string& list,
                   const std::string& community, bool add = true) {
    const std::string me = std::to_string(principal_.account.id);
    std::string key;
    std::vector<std::string> names = {stream};
    if (stream == "user") {
      key = "user:" + me;
    } else if (stream == "user:notification") {
      key = "user:notification:" + me;
    } else if (stream == "public" || stream == "public:local") {
      key = stream;
    } else if (stream == "public:remote" || stream == "public:media" ||
               stream == "public:local:media" || stream == "public:remote:media") {
      return Status::Ok();  // one organization, no media: nothing will ever arrive
    } else if (stream == "hashtag" || stream == "hashtag:local") {
      if (tag.empty()) return Status::BadRequest("Missing tag", "The hashtag stream needs a tag");
      key = stream + ":" + NormalizeHashtag(tag[0] == '#' ? tag.substr(1) : tag);
      names.push_back(tag);
    } else if (stream == "list") {
      auto id = ParseId(list);
      if (!id) return Status::BadRequest("Missing list", "The list stream needs a list id");
      if (!ctx_.lists.Get(principal_.account.id, *id).ok()) return Status::NotFound("No such list");
      key = "list:" + list;
      names.push_back(list);
    } else if (stream == "direct") {
      key = "direct:" + me;
    } else if (stream == "community") {
      auto id = ParseId(community);
      if (!id)
        return Status::BadRequest("Missing community", "The community stream needs a community id");
      if (add)
        if (Status s = ctx_.communities.CheckReadable(principal_.account, *id); !s.ok()) return s;
      key = "community:" + community;
      names.push_back(community);
    } else {
      return Status::BadRequest("Unknown stream type", "Unknown stream: " + stream);
    }
    if (!add) {
      std::lock_guard lock(mu_);
      names_.erase(key);
      if (hub_token_) ctx_.social.events.RemoveKey(hub_token_, key);
      return Status::Ok();
    }
    {
      std::lock_guard lock(mu_);
      const bool known =
          names_.count(key) > 0 || std::any_of(pending_.begin(), pending_.end(),
                                               [&key](const auto& p) { return p.first == key; });
      const int max = ctx_.settings.max_stream_subscriptions;
      if (!known && static_cast<int>(names_.size() + pending_.size()) >= max)
        return Status::TooManyRequests(
            "Too many subscriptions",
            "A stream may hold at most " + std::to_string(max) + " subscriptions");
      if (!hub_token_) {
        pending_.emplace_back(key, names);
        return Status::Ok();
      }
    }
    AddKey(key, names);
    return Status::Ok();
  }

  void OnMessage(std::string_view text) {
    auto params = http::Params::Parse(Request{.method = "POST",
                                              .headers = {{"Content-Type", "application/json"}},
                                              .body = std::string(text)});
    if (!params.ok()) return SendError(Status::BadRequest("Invalid JSON"));
    std::string type = params->GetOr("type", "");
    if (type != "subscribe" && type != "unsubscribe")
      return SendError(Status::BadRequest("Unknown message type"));
    Status s =
        Subscribe(params->GetOr("stream", ""), params->GetOr("tag", ""), params->GetOr("list", ""),
                  params->GetOr("community", ""), type == "subscribe");
    if (!s.ok()) SendError(s);
  }

 private:
  void AddKey(const std::string& key, const std::vector<std::string>& names) {
    {
      std::lock_guard lock(mu_);
      names_[key] = names;
    }
    ctx_.social.events.AddKey(hub_token_, key);
  }

  std::shared_ptr<http::StreamSink> Sink() {
    std::lock_guard lock(mu_);
    return sink_;
  }

  // Mastodon's error message: {"error": "...", "status": 400}, unwrapped,
  // with the status of `s` and its description (or else its error).
  void SendError(const Status& s) {
    if (auto sink = Sink()) {
      JsonWriter w;
      w.BeginObject()
          .Field("error", s.description().empty() ? s.error() : s.description())
          .Field("status", s.http_status())
          .EndObject();
      sink->SendRaw(w.str());
    }
  }

 public:
  void Revalidate() override {
    checked_at_ = 0;  // check the token too
    if (StillAllowed()) return;
    if (auto sink = Sink()) sink->Close();
  }

 private:
  // Still allowed to stream? Rechecks the account on every event (a point
  // read of the store, so a deactivation by any process counts at once) and
  // the token every kRecheckMs.
  bool StillAllowed() {
    auto account = ctx_.accounts.Get(principal_.account.id);
    if (!account.ok() || !account->active) return false;
    int64_t now = NowMillis();
    if (now - checked_at_.load() > kRecheckMs) {
      checked_at_ = now;
      // Rechecking is not a use: an open stream does not keep an idle session alive.
      auto p = token_.empty() ? ctx_.auth.FromSession(session_, AuthService::SessionUse::kCheckOnly)
                              : ctx_.auth.FromBearer(token_);
      if (!p.ok()) return false;
    }
    return true;
  }

  void OnEvent(const std::string& key, const Event& e) {
    auto sink = Sink();
    if (!sink || sink->closed()) return;
    if (e.name == "account.changed") return Revalidate();
    if (e.name == "community.left") {
      // Out of the community: a stream of it ends at once.
      bool watching;
      {
        std::lock_guard lock(mu_);
        watching = names_.count("community:" + std::to_string(e.community_id)) > 0;
      }
      if (watching) sink->Close();
      return;
    }
    std::vector<std::string> names;
    {
      std::lock_guard lock(mu_);
      // The organization's announcements go out on the member's user stream.
      const bool announcement = key == AnnouncementService::kStreamKey;
      auto it = names_.find(announcement ? "user:" + std::to_string(principal_.account.id) : key);
      if (it == names_.end()) return;
      names = it->second;
    }
    if (!StillAllowed()) {
      sink->Close();
      return;
    }
    if (e.name == "notifications_merged") {
      // Mastodon's payload, which clients ignore: refresh the notifications.
      if (e.recipient_id == principal_.account.id) sink->Send(e.name, "1", names);
      return;
    }
    auto viewer = ctx_.social.ViewerFor(principal_.account.id);
    if (!viewer.ok()) return;
    Renderer r(ctx_, *viewer);
    if (auto context = FilterContextOf(key, e)) r.ApplyFilters(*context);
    if (e.announcement_id != 0) return SendAnnouncement(*sink, *viewer, e, names);
    if (e.name == "delete") {
      if (!CouldSeeDeleted(*viewer, e)) return;
      sink->Send("delete", std::to_string(e.status_id), names);
    } else if (e.name == "conversation") {
      // The viewer's conversation the direct post joined, as they are shown
      // it; nothing if they may not see the post or it joined none of theirs.
      auto conversation = ctx_.conversations->OfStatus(*viewer, e.status_id);
      if (!conversation.ok()) return;
      auto json = r.Conversation(*conversation);
      if (json.ok()) sink->Send("conversation", *json, names);
    } else if (e.name == "notification") {
      auto n = ctx_.notifications.Get(*viewer, e.notification_id);
      if (!n.ok()) return;
      auto json = r.Notification(*n);
      if (json.ok()) sink->Send("notification", *json, names);
    } else {  // update, status.update
      auto post = ctx_.social.Visible(*viewer, e.status_id);
      if (!post.ok()) return;
      if (VisibilityPolicy::HiddenFromStreams(*viewer, *post->status, post->original.get())) return;
      auto json = r.Status(*post);
      if (json.ok()) sink->Send(e.name, *json, names);
    }
  }

  // announcement (as the viewer sees it, while in force), announcement.reaction
  // ({name, count, announcement_id}), announcement.delete (the id).
  void SendAnnouncement(http::StreamSink& sink, const Viewer& viewer, const Event& e,
                        const std::vector<std::string>& names) {
    const std::string id = std::to_string(e.announcement_id);
    if (e.name == "announcement.delete") {
      sink.Send(e.name, id, names);
      return;
    }
    JsonWriter w;
    if (e.name == "announcement.reaction") {
      w.BeginObject()
          .Field("name", e.reaction)
          .Field("count", e.reaction_count)
          .Field("announcement_id", id)
          .EndObject();
    } else {
      auto view = ctx_.announcements->View(viewer, e.announcement_id);
      if (!view.ok()) return;  // withdrawn or ended meanwhile
      WriteAnnouncement(w, *view);
    }
    sink.Send(e.name, w.Take(), names);
  }

  // Which of the reader's filters apply to an event of the stream `key`: a
  // notification's; the home ones on the home and list streams; the public
  // ones on the organization, hashtag and community streams; none on direct.
  static std::optional<FilterContext> FilterContextOf(const std::string& key, const Event& e) {
    if (e.name == "notification") return FilterContext::kNotifications;
    if (key.starts_with("user:") || key.starts_with("list:")) return FilterContext::kHome;
    if (key.starts_with("public") || key.starts_with("hashtag") || key.starts_with("community:"))
      return FilterContext::kPublic;
    return std::nullopt;
  }

  // Could the viewer see the post a delete names? Judged by the policy from
  // the post as it was (the event's audience; none: nobody), and for a
  // repost deleted on its own, from its original, still there, too.
  bool CouldSeeDeleted(const Viewer& viewer, const Event& e) {
    if (!e.deleted) return false;
    const StatusRecord& post = *e.deleted;
    if (!VisibilityPolicy::CanSee(viewer, post)) return false;
    if (post.reblog_of_id == 0) return true;
    return ctx_.social.Visible(viewer, post.reblog_of_id).ok();
  }

 public:
  std::string session_;  // the session cookie, when signed in that way

 private:
  ApiContext& ctx_;
  Principal principal_;
  std::string token_;
  std::atomic<int64_t> checked_at_;
  uint64_t hub_token_ = 0;
  uint64_t registry_token_ = 0;
  std::mutex mu_;
  std::shared_ptr<http::StreamSink> sink_;
  std::map<std::string, std::vector<std::string>> names_;
  std::vector<std::pair<std::string, std::vector<std::string>>> pending_;
  std::unique_ptr<StreamRegistry::Slot> slot_;  // until Close
};

// Authenticates a streaming request: a bearer token from the Authorization
// header, the Sec-WebSocket-Protocol header or the access_token parameter,
// else the session cookie.
struct StreamAuth {
  Principal principal;
  std::string token;
  std::string session;
  bool via_protocol = false;
};

Result<StreamAuth> AuthenticateStream(ApiContext& ctx, const Request& req,
                                      const http::Params& params) {
  StreamAuth out;
  out.token = BearerToken(req);
  if (out.token.empty()) {
    std::string_view proto = req.Header("Sec-WebSocket-Protocol");
    if (!proto.empty()) {
      out.token = std::string(proto);
      out.via_protocol = true;
    }
  }
  if (out.token.empty()) out.token = params.GetOr("access_token", "");
  Result<Principal> p = Status::Unauthorized("Missing access token");
  if (!out.token.empty()) {
    p = ctx.auth.FromBearer(out.token);
  } else {
    out.session = http::GetCookie(req, kSessionCookie);
    if (!out.session.empty()) {
      // A browser sends the cookie wherever the page came from; a stream
      // opened by a page of another site is refused (defence in depth
      // beside SameSite=Lax). Same origin: the Origin's host is our Host.
      std::string_view origin = req.Header("Origin");
      if (!origin.empty()) {
        size_t scheme_end = origin.find("://");
        std::string_view host =
            scheme_end == std::string_view::npos ? origin : origin.substr(scheme_end + 3);
        if (host != req.Header("Host"))
          return Status::Forbidden("Cross-site stream refused",
                                   "A stream signed in with the session cookie must be opened "
                                   "by a page of this site");
      }
      p = ctx.auth.FromSession(out.session);
    }
  }
  if (!p.ok()) return p.status();
  if (!p->has_account()) return Status::Unauthorized("This method requires an authenticated user");
  if (!ScopesAllow(p->scopes, "read:statuses") && !ScopesAllow(p->scopes, "read:notifications"))
    return Status::Forbidden("This action is outside the authorized scopes");
  out.principal = std::move(p).value();
  return out;
}

Response OpenStream(ApiContext& ctx, Request& req, bool websocket,
                    const std::string& fixed_stream) {
  auto params = http::Params::Parse(req);
  if (!params.ok()) return ErrorResponse(params.status());
  auto auth = AuthenticateStream(ctx, req, *params);
  if (!auth.ok()) return ErrorResponse(auth.status());
  // A slot of the member's, held until the stream closes (or, if it never
  // opens, until the handler is dropped).
  auto slot = ctx.streams.Claim(auth->principal.account.id, ctx.settings.max_streams_per_member);
  if (!slot)
    return ErrorResponse(Status::TooManyRequests(
        "Too many open streams", "A member may have at most " +
                                     std::to_string(ctx.settings.max_streams_per_member) +
                                     " streams open at once"));
  auto sub = std::make_shared<Subscription>(ctx, auth->principal, auth->token, std::move(slot));
  sub->session_ = auth->session;
  std::string stream = fixed_stream.empty() ? params->GetOr("stream", "") : fixed_stream;
  if (!stream.empty()) {
    Status s = sub->Subscribe(stream, params->GetOr("tag", ""), params->GetOr("list", ""),
                              params->GetOr("community", ""));
    if (!s.ok()) return ErrorResponse(s);
  } else if (!websocket) {
    return ErrorResponse(Status::BadRequest("Unknown stream type", "Name a stream"));
  }
  auto handler = std::make_shared<http::StreamHandler>();
  handler->websocket = websocket;
  if (auth->via_protocol) handler->subprotocol = auth->token;
  handler->on_open = [sub](const std::shared_ptr<http::StreamSink>& sink) { sub->Open(sink); };
  handler->on_message = [sub](const std::shared_ptr<http::StreamSink>&, std::string_view text) {
    sub->OnMessage(text);
  };
  handler->on_close = [sub] { sub->Close(); };
  Response res;
  res.stream = handler;
  return res;
}

}  // namespace

void RegisterStreamingRoutes(http::Router& router, ApiContext& ctx) {
  router.Add("GET", "/api/v1/streaming/health", [](Request&) {
    Response r;
    r.body = "OK";
    r.Set("Content-Type", "text/plain; charset=utf-8");
    return r;
  });
  router.Add("GET", "/api/v1/streaming", [&ctx](Request& req) {
    if (!http::IsWebSocketUpgrade(req)) {
      // Mastodon answers SSE here too, for the stream named in ?stream=.
      return OpenStream(ctx, req, false, "");
    }
    return OpenStream(ctx, req, true, "");
  });
  const std::pair<const char*, const char*> sse[] = {
      {"/api/v1/streaming/user", "user"},
      {"/api/v1/streaming/user/notification", "user:notification"},
      {"/api/v1/streaming/public", "public"},
      {"/api/v1/streaming/public/local", "public:local"},
      {"/api/v1/streaming/public/remote", "public:remote"},
      {"/api/v1/streaming/hashtag", "hashtag"},
      {"/api/v1/streaming/hashtag/local", "hashtag:local"},
      {"/api/v1/streaming/list", "list"},
      {"/api/v1/streaming/direct", "direct"},
      {"/api/v1/streaming/community", "community"},
  };
  for (const auto& [path, stream] : sse) {
    std::string name = stream;
    router.Add("GET", path,
               [&ctx, name](Request& req) { return OpenStream(ctx, req, false, name); });
  }
}

}  // namespace atrium::api
