// LinkCardService: preview cards for the links in posts (Mastodon's
// `card`), made off the request path.
//
// A new or edited post whose text links a page is queued in the store
// (LinkCardStore: durable, claimed by one node) and answered at once. The
// background worker of `serve` (RunDue) takes queued posts, finds the card
// of the first link — kept per URL for a week (a page without one for a
// day) — or makes it: the page is fetched through SafeFetch under the
// installation's outbound policy (`fetch-allow`, `fetch-public`), its
// OpenGraph tags read, its oEmbed endpoint asked when it names one, and its
// picture fetched the same way and re-encoded by the media image pipeline
// (a preview with its blurhash, kept among the media files). The card is
// then attached to the post, the post's cached copy dropped on every node,
// and `status.update` published to everyone who may see the post.
//
// Safe for concurrent use.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>

#include "base/status.h"
#include "social/media_store.h"
#include "social/social_core.h"

namespace atrium {

class LinkCardService {
 public:
  // `files` keeps the cards' pictures; it outlives this.
  LinkCardService(SocialCore& core, MediaStore& files) : core_(core), files_(files) {}
  LinkCardService(const LinkCardService&) = delete;
  LinkCardService& operator=(const LinkCardService&) = delete;

  // The link a post's card is made of: its text's first http(s) link, or ""
  // (a repost has none of its own).
  static std::string CardLink(const StatusRecord& status);

  // After an edit is stored: when the edit removed or changed the link the
  // post's card was made from, takes the card (and any queued job) off the
  // post and out of `status`, so the edit is announced without it.
  void Edited(StatusRecord& status);

  // Queues the card of a post just written or edited, when it links a page
  // (and `link-previews` is on). A failure is logged, not returned: the post
  // stands without a card.
  void PostWritten(const StatusRecord& status);

  // `wake` is called after a post is queued (the background worker's
  // doorbell), on the thread that wrote the post; set before serving and
  // cleared after.
  void OnQueued(std::function<void()> wake) { on_queued_ = std::move(wake); }

  // Works queued posts until none is due or `limit` are done; returns how
  // many were done. Also refreshes the queue's gauges.
  Result<int> RunDue(int limit);

  // The card of the post `status_id` as `viewer` may see it: kNotFound if
  // the post is not visible to them, nullopt if it has no card.
  Result<std::optional<LinkCardRecord>> CardOf(const Viewer& viewer, int64_t status_id);

  // The picture of a card (`key` as in LinkCardRecord::image_key); kNotFound
  // for a key that is not a card's.
  Result<std::shared_ptr<MediaFile>> Picture(std::string_view key) const;

 private:
  // Makes the card of `url`: nullopt when the page offers nothing to show.
  // Errors: the fetch's (refused, too large, unreachable).
  Result<std::optional<LinkCardRecord>> Make(const std::string& url);
  // The picture at `url` through the image pipeline, kept among the media
  // files; its fields set on `card`. A failure leaves the card without one.
  void AddPicture(const std::string& url, LinkCardRecord& card);
  // One queued post.
  void Work(const LinkCardJob& job);
  void UpdateGauges();

  SocialCore& core_;
  MediaStore& files_;
  std::function<void()> on_queued_;
};

}  // namespace atrium
