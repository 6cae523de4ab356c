#include "store/sql/account_row.h"

#include "base/markdown.h"

namespace atrium::sql {

const char* const kAccountColumns =
    "id, username, display_name, COALESCE(email, ''), role, active, locked, note, password_hash, "
    "created_at, updated_at, COALESCE(external_id, ''), title, department, COALESCE(manager_id, "
    "0), "
    "location, phone, employee_number, cost_center, organization, division, pronouns, removed_at, "
    "avatar, directory_managed, note_html, approve_management_chain, header";

Account ReadAccount(const Stmt& s) {
  Account a;
  a.id = s.Int(0);
  a.username = s.Text(1);
  a.display_name = s.Text(2);
  a.email = s.Text(3);
  a.role = s.Text(4);
  a.active = s.Bool(5);
  a.locked = s.Bool(6);
  a.note = s.Text(7);
  a.password_hash = s.Text(8);
  a.created_at = s.Int(9);
  a.updated_at = s.Int(10);
  a.external_id = s.Text(11);
  a.title = s.Text(12);
  a.department = s.Text(13);
  a.manager_id = s.Int(14);
  a.location = s.Text(15);
  a.phone = s.Text(16);
  a.employee_number = s.Text(17);
  a.cost_center = s.Text(18);
  a.organization = s.Text(19);
  a.division = s.Text(20);
  a.pronouns = s.Text(21);
  a.removed_at = s.Int(22);
  a.avatar = s.Text(23);
  a.directory_managed = s.Bool(24);
  // NULL: written before notes were rendered when written.
  a.note_html = s.IsNull(25) ? RenderMarkdown(a.note) : s.Text(25);
  a.approve_management_chain = s.Bool(26);
  a.header = s.Text(27);
  return a;
}

}  // namespace atrium::sql
