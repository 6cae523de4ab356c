#include "social/demo_organization.h"

namespace atrium {

Status CreateDemoOrganization(Store& store, AccountService& accounts, std::ostream& out) {
  auto count = store.accounts().Count(/*active_only=*/false);
  if (!count.ok()) return count.status();
  if (*count > 0) return Status::Ok();
  struct Person {
    const char* username;
    const char* name;
    const char* role;
  };
  static const Person kPeople[] = {
      {"admin", "Ada Admin", kRoleAdmin},
      {"maria", "Maria Okafor", kRoleModerator},
      {"jonas", "Jonas Lindqvist", kRoleMember},
      {"priya", "Priya Raman", kRoleMember},
      {"tomas", "Tomás Herrera", kRoleMember},
      {"mei", "Mei Chen", kRoleMember},
  };
  for (const Person& p : kPeople) {
    NewAccount a;
    a.username = p.username;
    a.display_name = p.name;
    a.email = std::string(p.username) + "@example.com";
    a.role = p.role;
    a.password = kDemoPassword;
    auto made = accounts.Create(a);
    if (!made.ok()) return made.status();
  }
  out << "Created the demo organization. Sign in as admin@example.com (or maria, jonas, priya, tomas, mei"
      << " @example.com) with the password '" << kDemoPassword << "'.\n";
  return Status::Ok();
}

}  // namespace atrium
