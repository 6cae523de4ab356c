#include "api/mastodon/card_serializer.h"

namespace atrium::api {

std::string CardPictureUrl(const std::string& base_url, const LinkCardRecord& card) {
  return base_url + "/media/cards/" + card.image_key;
}

void WriteCard(JsonWriter& w, const LinkCardRecord& card, const std::string& base_url) {
  w.BeginObject();
  WriteCardFields(w, card, base_url);
  w.EndObject();
}

void WriteCardFields(JsonWriter& w, const LinkCardRecord& card, const std::string& base_url) {
  w.Field("url", card.card_url.empty() ? card.url : card.card_url)
      .Field("title", card.title)
      .Field("description", card.description)
      .Key("language")
      .Null()
      .Field("type", card.type)
      .Field("author_name", card.author_name)
      .Field("author_url", card.author_url)
      .Field("provider_name", card.provider_name)
      .Field("provider_url", card.provider_url)
      // A page's own embedding HTML is never passed on: clients show the
      // picture and the link.
      .Field("html", "")
      .Field("width", card.image_key.empty() ? 0 : card.width)
      .Field("height", card.image_key.empty() ? 0 : card.height);
  w.Key("image");
  if (card.image_key.empty())
    w.Null();
  else
    w.String(CardPictureUrl(base_url, card));
  w.Field("image_description", "").Field("embed_url", card.embed_url);
  w.Key("blurhash");
  if (card.blurhash.empty() || card.image_key.empty())
    w.Null();
  else
    w.String(card.blurhash);
  w.Key("published_at").Null();
  w.Key("authors").BeginArray().EndArray();
}

}  // namespace atrium::api
