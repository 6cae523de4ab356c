#include "social/unsubscribe_token.h"

#include <charconv>

#include "base/crypto.h"

namespace atrium {
namespace {

std::string Signed(int64_t account_id, std::string_view kind) {
  return "unsubscribe\n" + std::to_string(account_id) + "\n" + std::string(kind);
}

bool IsKind(std::string_view kind) {
  if (kind.empty() || kind.size() > 100) return false;
  for (char c : kind)
    if (!(c >= 'a' && c <= 'z') && c != '_' && c != '-') return false;
  return true;
}

}  // namespace

std::string MakeUnsubscribeToken(std::string_view secret, int64_t account_id,
                                 std::string_view kind) {
  return std::to_string(account_id) + "." + std::string(kind) + "." +
         HmacSha256Base64Url(secret, Signed(account_id, kind));
}

std::optional<UnsubscribeTarget> CheckUnsubscribeToken(std::string_view secret,
                                                       std::string_view token) {
  if (secret.empty() || token.size() > 200) return std::nullopt;
  size_t first = token.find('.');
  if (first == std::string_view::npos) return std::nullopt;
  size_t second = token.find('.', first + 1);
  if (second == std::string_view::npos) return std::nullopt;
  std::string_view id_text = token.substr(0, first);
  std::string_view kind = token.substr(first + 1, second - first - 1);
  std::string_view mac = token.substr(second + 1);
  int64_t id = 0;
  auto [end, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (ec != std::errc() || end != id_text.data() + id_text.size() || id <= 0) return std::nullopt;
  if (!IsKind(kind)) return std::nullopt;
  if (!ConstantTimeEquals(mac, HmacSha256Base64Url(secret, Signed(id, kind)))) return std::nullopt;
  return UnsubscribeTarget{id, std::string(kind)};
}

}  // namespace atrium
