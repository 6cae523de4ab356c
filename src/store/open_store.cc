#include "store/database_url.h"
#include "store/postgres/pg_store.h"
#include "store/sqlite/sqlite_store.h"
#include "store/store.h"

namespace atrium {

bool IsValidRole(const std::string& role) {
  return role == kRoleMember || role == kRoleModerator || role == kRoleAdmin;
}

const char* VisibilityName(Visibility v) {
  switch (v) {
    case Visibility::kPublic:
      return "public";
    case Visibility::kUnlisted:
      return "unlisted";
    case Visibility::kPrivate:
      return "private";
    case Visibility::kDirect:
      return "direct";
  }
  return "public";
}

std::optional<Visibility> ParseVisibility(std::string_view name) {
  if (name == "public") return Visibility::kPublic;
  if (name == "unlisted") return Visibility::kUnlisted;
  if (name == "private") return Visibility::kPrivate;
  if (name == "direct") return Visibility::kDirect;
  return std::nullopt;
}

const char* StatusKindName(StatusKind k) {
  switch (k) {
    case StatusKind::kStatus:
      return "status";
    case StatusKind::kBlog:
      return "blog";
    case StatusKind::kQuestion:
      return "question";
  }
  return "status";
}

std::optional<StatusKind> ParseStatusKind(std::string_view name) {
  if (name == "status") return StatusKind::kStatus;
  if (name == "blog") return StatusKind::kBlog;
  if (name == "question") return StatusKind::kQuestion;
  return std::nullopt;
}

Result<std::unique_ptr<Store>> OpenStore(const Settings& settings) {
  auto target = ParseDatabaseUrl(settings.DatabaseUrl());
  if (!target.ok()) return target.status();
  if (target->postgres) return pg::OpenPostgresStore(target->url);
  return sqlite::OpenSqliteStore(target->sqlite_path);
}

}  // namespace atrium
