#include "social/link_card_service.h"

#include <spdlog/spdlog.h>

#include <algorithm>

#include "base/clock.h"
#include "base/crypto.h"
#include "base/link_page.h"
#include "base/low_priority.h"
#include "base/metrics.h"
#include "base/safe_fetch.h"
#include "base/status_text.h"
#include "base/text.h"
#include "social/image_pipeline.h"
#include "social/visibility_policy.h"

namespace atrium {
namespace {

constexpr int64_t kCardLifeMs = 7LL * 24 * 3600 * 1000;  // a card is made again after a week
constexpr int64_t kNoCardLifeMs = 24LL * 3600 * 1000;    // a page without one, after a day
constexpr int64_t kClaimMs = 2 * 60 * 1000;              // a worker's hold on a job
constexpr int kMaxAttempts = 3;                          // unreachable pages, then no card
constexpr int64_t kRetryMs = 60 * 1000;                  // doubling after each failure
constexpr size_t kMaxTitleChars = 200;
constexpr size_t kMaxDescriptionChars = 400;
constexpr const char* kVariant = "small";

// The card's picture keys: "card-" and 32 lower-case hex digits.
bool IsPictureKey(std::string_view key) {
  if (key.size() != 37 || !key.starts_with("card-")) return false;
  return std::all_of(key.begin() + 5, key.end(),
                     [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

// `text` cut for a card (valid UTF-8 kept, "" if it is not).
std::string Fit(const std::string& text, size_t max_chars) {
  if (!IsValidUtf8(text)) return "";
  return Excerpt(text, max_chars);
}

SafeFetchRequest FetchOf(const std::string& url, const Settings& s, std::string accept) {
  SafeFetchRequest r;
  r.url = url;
  r.accept = std::move(accept);
  r.timeout_ms = s.fetch_timeout_ms;
  r.max_bytes = s.fetch_max_bytes;
  r.max_redirects = s.fetch_max_redirects;
  return r;
}

std::string HostOf(const std::string& url) {
  std::string_view rest = url;
  size_t scheme = rest.find("://");
  if (scheme == std::string_view::npos) return "";
  rest = rest.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest = rest.substr(at + 1);
  if (!rest.starts_with("[")) rest = rest.substr(0, rest.find(':'));
  return AsciiLower(rest);
}

}  // namespace

std::string LinkCardService::CardLink(const StatusRecord& status) {
  if (status.reblog_of_id) return "";
  for (const LinkToken& link : ParseStatusText(status.text).links) {
    if (link.url.size() > 2048) continue;
    if (!ResolveHttpUrl(link.url, link.url).empty()) return link.url;
  }
  return "";
}

void LinkCardService::Edited(StatusRecord& status) {
  if (status.card && status.card->url == CardLink(status)) return;  // kept its link
  if (Status st = core_.store.link_cards().Detach(status.id); !st.ok()) {
    spdlog::warn("link preview of post {}: {}", status.id, st.ToString());
    return;
  }
  status.card.reset();
}

void LinkCardService::PostWritten(const StatusRecord& status) {
  if (!core_.settings.link_previews) return;
  const std::string url = CardLink(status);
  if (url.empty()) return;
  if (status.card && status.card->url == url) return;  // an edit that kept its link
  if (Status st = core_.store.link_cards().Enqueue(status.id, url, NowMillis()); !st.ok()) {
    spdlog::warn("link preview of post {}: {}", status.id, st.ToString());
    return;
  }
  if (on_queued_) on_queued_();
}

Result<int> LinkCardService::RunDue(int limit) {
  int done = 0;
  while (done < limit) {
    const int64_t now = NowMillis();
    auto job = core_.store.link_cards().Claim(now, now + kClaimMs);
    if (!job.ok()) {
      UpdateGauges();
      return job.status();
    }
    if (!*job) break;
    Work(**job);
    ++done;
  }
  UpdateGauges();
  return done;
}

void LinkCardService::UpdateGauges() {
  auto stats = core_.store.link_cards().QueueStats();
  if (!stats.ok()) return;
  Metrics& m = Metrics::Get();
  m.link_card_queue_depth.Set(static_cast<double>(stats->depth));
  m.link_card_queue_oldest_age_seconds.Set(
      stats->oldest_created_at ? std::max<int64_t>(0, NowMillis() - stats->oldest_created_at) / 1e3
                               : 0.0);
}

void LinkCardService::Work(const LinkCardJob& job) {
  LinkCardStore& cards = core_.store.link_cards();
  auto post = core_.statuses.Get(job.status_id);
  if (!post.ok()) {  // deleted meanwhile (its job goes with it), or the store is away
    if (post.status().code() == Code::kNotFound) (void)cards.Finish(job.status_id);
    return;
  }
  const int64_t now = NowMillis();
  auto cached = cards.Find(job.url);
  const bool fresh =
      cached.ok() && now - cached->fetched_at < (cached->card ? kCardLifeMs : kNoCardLifeMs);
  std::string result = fresh ? "cached" : "";
  if (!fresh) {
    auto made = Make(job.url);
    if (!made.ok()) {
      const Status& st = made.status();
      if (st.code() == Code::kUnavailable && job.attempts < kMaxAttempts) {
        (void)cards.Retry(job.status_id, st.ToString(), now + (kRetryMs << (job.attempts - 1)));
        return;
      }
      spdlog::info("no link preview for {}: {}", job.url, st.ToString());
      (void)cards.Save(job.url, std::nullopt, st.ToString(), now);
      result = st.error() == "fetch_refused"        ? "refused"
               : st.error() == "too_large"          ? "too_large"
               : st.error() == "too_many_redirects" ? "redirects"
                                                    : "failed";
    } else {
      (void)cards.Save(job.url, *made, "", now);
      result = *made ? "card" : "none";
    }
  }
  if (Status st = cards.Attach(job.status_id, job.url); !st.ok()) {
    (void)cards.Retry(job.status_id, st.ToString(), now + kRetryMs);
    return;
  }
  (void)cards.Finish(job.status_id);
  Metrics::Get().CountLinkCard(result);
  // Everyone showing the post hears of its card.
  core_.statuses.Invalidate(job.status_id);
  auto updated = core_.statuses.Get(job.status_id);
  if (updated.ok() && (*updated)->card) core_.fanout.PostEdited(**updated);
}

Result<std::optional<LinkCardRecord>> LinkCardService::Make(const std::string& url) {
  const Settings& s = core_.settings;
  const OutboundPolicy policy = s.Outbound();
  auto page = SafeFetch(FetchOf(url, s, "text/html,application/xhtml+xml"), policy);
  if (!page.ok()) return page.status();
  if (page->status >= 500) return Status::Unavailable("fetch_failed", url + " answered 5xx");
  if (page->status != 200) return std::optional<LinkCardRecord>();
  const std::string type = AsciiLower(page->content_type);
  LinkCardRecord card;
  card.url = url;
  card.card_url = page->final_url;
  if (type.starts_with("image/")) {  // a link to a picture: the picture is the card
    card.type = "photo";
    card.title = Fit(page->final_url.substr(page->final_url.rfind('/') + 1), kMaxTitleChars);
    AddPicture(page->final_url, card);
    if (card.image_key.empty()) return std::optional<LinkCardRecord>();
    card.provider_name = HostOf(page->final_url);
    return std::optional<LinkCardRecord>(std::move(card));
  }
  if (!type.starts_with("text/html") && !type.starts_with("application/xhtml"))
    return std::optional<LinkCardRecord>();
  LinkPage meta = ParseLinkPage(page->body, page->final_url);
  if (!meta.url.empty()) card.card_url = meta.url;
  card.title = Fit(meta.title, kMaxTitleChars);
  card.description = Fit(meta.description, kMaxDescriptionChars);
  card.provider_name = Fit(!meta.site_name.empty() ? meta.site_name : HostOf(card.card_url), 100);
  card.author_name = Fit(meta.author, 100);
  if (meta.type.starts_with("video")) card.type = "video";
  std::string picture = meta.image;
  if (!meta.oembed_url.empty()) {
    auto answer = SafeFetch(FetchOf(meta.oembed_url, s, "application/json"), policy);
    if (answer.ok() && answer->status == 200) {
      if (auto oembed = ParseOEmbed(answer->body); oembed) {
        if (card.title.empty()) card.title = Fit(oembed->title, kMaxTitleChars);
        if (!oembed->author_name.empty()) card.author_name = Fit(oembed->author_name, 100);
        card.author_url = ResolveHttpUrl(meta.oembed_url, oembed->author_url);
        if (!oembed->provider_name.empty()) card.provider_name = Fit(oembed->provider_name, 100);
        card.provider_url = ResolveHttpUrl(meta.oembed_url, oembed->provider_url);
        card.type = oembed->type;
        if (oembed->type == "photo" && !oembed->url.empty())
          picture = ResolveHttpUrl(meta.oembed_url, oembed->url);
        else if (picture.empty() && !oembed->thumbnail_url.empty())
          picture = ResolveHttpUrl(meta.oembed_url, oembed->thumbnail_url);
        if (oembed->type == "video" || oembed->type == "rich") card.embed_url = card.card_url;
      }
    } else if (!answer.ok()) {
      spdlog::info("oEmbed of {}: {}", url, answer.status().ToString());
    }
  }
  if (card.title.empty()) return std::optional<LinkCardRecord>();
  if (!picture.empty()) AddPicture(picture, card);
  return std::optional<LinkCardRecord>(std::move(card));
}

void LinkCardService::AddPicture(const std::string& url, LinkCardRecord& card) {
  const Settings& s = core_.settings;
  SafeFetchRequest request = FetchOf(url, s, "image/*");
  request.max_bytes = s.fetch_max_image_bytes;
  auto fetched = SafeFetch(request, s.Outbound());
  if (!fetched.ok() || fetched->status != 200) {
    spdlog::info(
        "link preview picture {}: {}", url,
        fetched.ok() ? "HTTP " + std::to_string(fetched->status) : fetched.status().ToString());
    return;
  }
  if (!InitImagePipeline()) return;
  // At a lower priority than serving, as uploads (base/low_priority.h).
  auto image = AtLowPriority(
      [&] { return ProcessImage(fetched->body, ImageLimits{.max_decoded_pixels = 40'000'000}); });
  if (!image.ok()) {
    spdlog::info("link preview picture {}: {}", url, image.status().ToString());
    return;
  }
  const std::string key = "card-" + Sha256Hex(RandomToken(16)).substr(0, 32);
  if (Status st = files_.Put(key, kVariant, image->preview); !st.ok()) {
    spdlog::warn("link preview picture {}: {}", url, st.ToString());
    return;
  }
  card.image_key = key;
  card.width = image->preview_width;
  card.height = image->preview_height;
  card.blurhash = image->blurhash;
}

Result<std::optional<LinkCardRecord>> LinkCardService::CardOf(const Viewer& viewer,
                                                              int64_t status_id) {
  auto post = core_.Visible(viewer, status_id);
  if (!post.ok()) return post.status();
  const StatusPtr& shown = post->original ? post->original : post->status;
  return shown->card;
}

Result<std::shared_ptr<MediaFile>> LinkCardService::Picture(std::string_view key) const {
  if (!IsPictureKey(key)) return Status::NotFound();
  return files_.Open(key, kVariant);
}

}  // namespace atrium
