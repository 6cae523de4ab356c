#include "social/directory_import.h"

#include <algorithm>
#include <array>
#include <optional>
#include <unordered_map>
#include <unordered_set>
#include <utility>

#include "base/clock.h"
#include "base/id.h"
#include "base/json_writer.h"
#include "base/text.h"
#include "social/account_service.h"

namespace atrium {
namespace {

// Provision's limits on directory text (DirectoryService::Provision) and the
// account's own limit on a display name (AccountService::Create).
constexpr size_t kMaxTextChars = 500;
constexpr size_t kMaxDisplayNameChars = 100;
constexpr size_t kMaxExternalIdBytes = 500;

enum Column {
  kUsername,
  kEmail,
  kDisplayName,
  kTitle,
  kDepartment,
  kManager,
  kLocation,
  kPhone,
  kEmployeeNumber,
  kCostCenter,
  kOrganization,
  kDivision,
  kExternalId,
  kActive,
  kColumnCount
};

struct ColumnName {
  std::string_view name;
  Column column;
};

constexpr ColumnName kColumnNames[] = {
    {"username", kUsername},
    {"email", kEmail},
    {"display_name", kDisplayName},
    {"name", kDisplayName},
    {"title", kTitle},
    {"department", kDepartment},
    {"manager", kManager},
    {"location", kLocation},
    {"phone", kPhone},
    {"employee_number", kEmployeeNumber},
    {"cost_center", kCostCenter},
    {"organization", kOrganization},
    {"division", kDivision},
    {"external_id", kExternalId},
    {"active", kActive},
};

// The optional text fields of an entry, with the names used in messages.
struct TextColumn {
  Column column;
  std::optional<std::string> DirectoryEntry::*field;
  const char* name;
};

constexpr TextColumn kTextColumns[] = {
    {kEmail, &DirectoryEntry::email, "email"},
    {kDisplayName, &DirectoryEntry::display_name, "display_name"},
    {kTitle, &DirectoryEntry::title, "title"},
    {kDepartment, &DirectoryEntry::department, "department"},
    {kLocation, &DirectoryEntry::location, "location"},
    {kPhone, &DirectoryEntry::phone, "phone"},
    {kEmployeeNumber, &DirectoryEntry::employee_number, "employee_number"},
    {kCostCenter, &DirectoryEntry::cost_center, "cost_center"},
    {kOrganization, &DirectoryEntry::organization, "organization"},
    {kDivision, &DirectoryEntry::division, "division"},
};

using ColumnIndex = std::array<int, kColumnCount>;  // field index per column, -1: absent

// A service's refusal without its "Validation failed: " prefix.
std::string Reason(const Status& s) {
  constexpr std::string_view kPrefix = "Validation failed: ";
  std::string text = s.error();
  if (std::string_view(text).starts_with(kPrefix)) text.erase(0, kPrefix.size());
  if (!s.description().empty()) text += ": " + s.description();
  return text;
}

// The account found, nullopt when there is none, or the store's error.
Result<std::optional<Account>> Found(Result<Account> r) {
  if (r.ok()) return std::optional<Account>(std::move(r).value());
  if (r.status().code() == Code::kNotFound) return std::optional<Account>();
  return r.status();
}

// "line 4", or the name a record of another source has.
std::string RecordWhere(int line, const std::string& name) {
  return name.empty() ? "line " + std::to_string(line) : name;
}

// One data row of the file, checked and resolved against the directory.
struct Row {
  int line = 0;
  std::string name;                    // CsvRecord::name
  DirectoryEntry entry;                // everything but the manager
  std::optional<std::string> manager;  // the reference as written; nullopt: column absent
  std::optional<Account> existing;     // the person this row updates; nullopt: a new person
  int64_t manager_node = 0;            // see Plan::Node; 0: none
};

// Checks a whole file and, when it is good, applies it. Accounts and rows
// are both nodes of the management graph: a row is -(index + 1), an account
// that no row names is its id, 0 is nobody.
class Plan {
 public:
  Plan(Store& store, DirectoryService& directory) : store_(store), directory_(directory) {}

  // Fills rows_ and problems_; an error Status only when the store fails.
  Status Check(const DirectoryRecords& records, bool deactivate_missing);
  // `run` names the import's run in the profile history.
  Status Apply(const DirectoryImportOptions& options, const std::string& run,
               DirectoryImportReport& report);
  std::vector<ImportProblem>& problems() { return problems_; }

 private:
  // A problem with a record or a row (anything with a line and a name).
  template <typename Record>
  void Problem(const Record& r, std::string message) {
    problems_.push_back({r.line, std::move(message), r.name});
  }
  template <typename Record>
  static std::string Where(const Record& r) {
    return RecordWhere(r.line, r.name);
  }
  bool ReadHeader(const CsvRecord& header);
  void ReadRow(const CsvRecord& record);
  Status FindPeople();
  Status ResolveManagers();
  Status OrderManagersFirst();
  Result<std::optional<int64_t>> ResolveManager(const std::string& ref);

  static int64_t RowNode(size_t index) { return -static_cast<int64_t>(index) - 1; }
  static size_t RowOf(int64_t node) { return static_cast<size_t>(-node - 1); }
  int64_t NodeOfAccount(int64_t account_id) const {
    auto it = row_of_account_.find(account_id);
    return it == row_of_account_.end() ? account_id : RowNode(it->second);
  }
  Result<const Account*> Stored(int64_t account_id);
  // The person `node` stands for as they will be once the file is applied
  // (a row's active column applied), for DirectoryService::CheckCanManage.
  Result<Account> AsItWillBe(int64_t node);
  Result<int64_t> ManagerOf(int64_t node);
  Result<std::string> Describe(int64_t node);

  Store& store_;
  DirectoryService& directory_;
  ColumnIndex columns_{};
  size_t header_width_ = 0;
  std::vector<Row> rows_;
  std::vector<ImportProblem> problems_;
  std::unordered_map<std::string, size_t> row_of_username_;  // lower-cased
  std::unordered_map<std::string, size_t> row_of_external_id_;
  std::unordered_map<int64_t, size_t> row_of_account_;
  std::unordered_map<int64_t, std::optional<Account>> stored_;  // accounts read for the graph
  std::vector<size_t> order_;                                   // rows, managers first
};

bool Plan::ReadHeader(const CsvRecord& header) {
  columns_.fill(-1);
  header_width_ = header.fields.size();
  std::vector<std::string> unknown;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = AsciiLower(Trim(header.fields[i]));
    auto known = std::find_if(std::begin(kColumnNames), std::end(kColumnNames),
                              [&](const ColumnName& c) { return c.name == name; });
    if (known == std::end(kColumnNames)) {
      unknown.push_back("'" + name + "'");
    } else if (columns_[known->column] >= 0) {
      Problem(header, "column " + name + " is given twice");
    } else {
      columns_[known->column] = static_cast<int>(i);
    }
  }
  if (!unknown.empty()) {
    std::string list;
    for (const auto& u : unknown) list += (list.empty() ? "" : ", ") + u;
    std::string known;
    for (const auto& c : kColumnNames) known += (known.empty() ? "" : ", ") + std::string(c.name);
    Problem(header, "unknown column" + std::string(unknown.size() > 1 ? "s " : " ") + list +
                        " (the columns are " + known + ")");
  }
  if (columns_[kUsername] < 0) Problem(header, "the header has no username column");
  return problems_.empty();
}

void Plan::ReadRow(const CsvRecord& record) {
  Row row;
  row.line = record.line;
  row.name = record.name;
  if (record.fields.size() != header_width_) {
    Problem(record, "has " + std::to_string(record.fields.size()) + " fields; the header has " +
                        std::to_string(header_width_));
    return;
  }
  for (const std::string& f : record.fields)
    if (!IsValidUtf8(f)) {
      Problem(record, "is not valid UTF-8");
      return;
    }
  auto cell = [&](Column c) -> std::optional<std::string> {
    if (columns_[c] < 0) return std::nullopt;
    return std::string(Trim(record.fields[columns_[c]]));
  };

  row.entry.username = cell(kUsername);
  if (row.entry.username->empty())
    Problem(record, "username is empty");
  else if (Status s = ValidateUsername(*row.entry.username); !s.ok())
    Problem(record, Reason(s) + " ('" + *row.entry.username + "')");

  for (const TextColumn& t : kTextColumns) {
    std::optional<std::string> v = cell(t.column);
    const size_t max_chars = t.column == kDisplayName ? kMaxDisplayNameChars : kMaxTextChars;
    if (v && CountCodePoints(*v) > max_chars)
      Problem(record, std::string(t.name) + " must be at most " + std::to_string(max_chars) +
                          " characters");
    row.entry.*t.field = std::move(v);
  }
  if (row.entry.email)
    if (Status s = ValidateEmail(*row.entry.email); !s.ok())
      Problem(record, Reason(s) + " ('" + *row.entry.email + "')");

  row.entry.external_id = cell(kExternalId).value_or("");
  if (row.entry.external_id.size() > kMaxExternalIdBytes)
    Problem(record, "external_id must be at most 500 bytes");

  if (std::optional<std::string> active = cell(kActive); active && !active->empty()) {
    std::string v = AsciiLower(*active);
    if (v == "true")
      row.entry.active = true;
    else if (v == "false")
      row.entry.active = false;
    else
      Problem(record, "active must be true or false, not '" + *active + "'");
  }
  row.manager = cell(kManager);

  // Rows with bad fields are still indexed, so that references to them do not
  // add a second, misleading problem; they are never applied.
  const size_t index = rows_.size();
  const std::string username = AsciiLower(*row.entry.username);
  if (!username.empty()) {
    auto [it, added] = row_of_username_.emplace(username, index);
    if (!added)
      Problem(record,
              "username " + *row.entry.username + " is also on " + Where(rows_[it->second]));
  }
  if (!row.entry.external_id.empty()) {
    auto [it, added] = row_of_external_id_.emplace(row.entry.external_id, index);
    if (!added)
      Problem(record,
              "external_id " + row.entry.external_id + " is also on " + Where(rows_[it->second]));
  }
  rows_.push_back(std::move(row));
}

// Finds the person each row updates, as Provision would (by external id, then
// by username), and refuses what Provision would refuse with 409.
Status Plan::FindPeople() {
  std::unordered_map<std::string, size_t> row_of_email;  // lower-cased
  for (size_t i = 0; i < rows_.size(); ++i) {
    Row& row = rows_[i];
    if (!row.entry.external_id.empty()) {
      auto found = Found(store_.directory().FindByExternalId(row.entry.external_id));
      if (!found.ok()) return found.status();
      row.existing = std::move(found).value();
    }
    if (!row.existing && !row.entry.username->empty()) {
      auto found = Found(store_.accounts().FindByUsername(*row.entry.username));
      if (!found.ok()) return found.status();
      row.existing = std::move(found).value();
    }
    const int64_t id = row.existing ? row.existing->id : 0;
    if (id != 0) {
      auto [it, added] = row_of_account_.emplace(id, i);
      if (!added)
        Problem(row, "is the same person (@" + row.existing->username + ") as " +
                         Where(rows_[it->second]));
    }
    if (!row.entry.username->empty() &&
        (!row.existing || row.existing->username != *row.entry.username)) {
      auto owner = Found(store_.accounts().FindByUsername(*row.entry.username));
      if (!owner.ok()) return owner.status();
      if (*owner && (*owner)->id != id)
        Problem(row, "username " + *row.entry.username +
                         " belongs to another person than external_id " + row.entry.external_id);
    }
    if (row.entry.email && !row.entry.email->empty()) {
      auto [it, added] = row_of_email.emplace(AsciiLower(*row.entry.email), i);
      if (!added) {
        Problem(row, "email " + *row.entry.email + " is also on " + Where(rows_[it->second]));
      } else if (!row.existing || row.existing->email != *row.entry.email) {
        auto owner = Found(store_.accounts().FindByEmail(*row.entry.email));
        if (!owner.ok()) return owner.status();
        if (*owner && (*owner)->id != id)
          Problem(row, "email " + *row.entry.email + " belongs to another person (@" +
                           (*owner)->username + ")");
      }
    }
  }
  return Status::Ok();
}

// As DirectoryService resolves a manager: by account id, by external id, by
// username — each looked for in the file first, since the file is what the
// directory will be. nullopt: nobody.
Result<std::optional<int64_t>> Plan::ResolveManager(const std::string& ref) {
  if (auto id = ParseId(ref)) {
    auto a = Found(store_.accounts().Get(*id));
    if (!a.ok()) return a.status();
    if (*a) return std::optional<int64_t>(NodeOfAccount((*a)->id));
  }
  if (auto it = row_of_external_id_.find(ref); it != row_of_external_id_.end())
    return std::optional<int64_t>(RowNode(it->second));
  auto by_external = Found(store_.directory().FindByExternalId(ref));
  if (!by_external.ok()) return by_external.status();
  if (*by_external) return std::optional<int64_t>(NodeOfAccount((*by_external)->id));
  if (auto it = row_of_username_.find(AsciiLower(ref)); it != row_of_username_.end())
    return std::optional<int64_t>(RowNode(it->second));
  auto by_username = Found(store_.accounts().FindByUsername(ref));
  if (!by_username.ok()) return by_username.status();
  if (*by_username) return std::optional<int64_t>(NodeOfAccount((*by_username)->id));
  return std::optional<int64_t>();
}

Status Plan::ResolveManagers() {
  for (Row& row : rows_) {
    if (!row.manager) {  // no manager column: the manager stays what it is
      row.manager_node =
          row.existing && row.existing->manager_id ? NodeOfAccount(row.existing->manager_id) : 0;
      continue;
    }
    if (row.manager->empty()) continue;
    auto node = ResolveManager(*row.manager);
    if (!node.ok()) return node.status();
    if (!*node) {
      Problem(row, "manager " + *row.manager + " is neither in the file nor in the directory");
      continue;
    }
    row.manager_node = **node;
    const int64_t current =
        row.existing && row.existing->manager_id ? NodeOfAccount(row.existing->manager_id) : 0;
    if (row.manager_node == current) continue;  // the manager they have may stay
    auto manager = AsItWillBe(row.manager_node);
    if (!manager.ok()) return manager.status();
    if (Status s = DirectoryService::CheckCanManage(*manager); !s.ok()) Problem(row, Reason(s));
  }
  return Status::Ok();
}

Result<Account> Plan::AsItWillBe(int64_t node) {
  if (node > 0) {
    auto a = Stored(node);
    if (!a.ok()) return a.status();
    if (*a) return **a;
    return Status::NotFound();
  }
  const Row& row = rows_[RowOf(node)];
  Account a = row.existing.value_or(Account{});
  if (!row.entry.username->empty()) a.username = *row.entry.username;
  if (row.entry.active) a.active = *row.entry.active;
  return a;
}

Result<const Account*> Plan::Stored(int64_t account_id) {
  auto it = stored_.find(account_id);
  if (it == stored_.end()) {
    auto a = Found(store_.accounts().Get(account_id));
    if (!a.ok()) return a.status();
    it = stored_.emplace(account_id, std::move(a).value()).first;
  }
  return it->second ? &*it->second : nullptr;
}

Result<int64_t> Plan::ManagerOf(int64_t node) {
  if (node < 0) return rows_[RowOf(node)].manager_node;
  auto a = Stored(node);
  if (!a.ok()) return a.status();
  return *a && (*a)->manager_id ? NodeOfAccount((*a)->manager_id) : 0;
}

Result<std::string> Plan::Describe(int64_t node) {
  if (node < 0) {
    const Row& row = rows_[RowOf(node)];
    return *row.entry.username + " (" + Where(row) + ")";
  }
  auto a = Stored(node);
  if (!a.ok()) return a.status();
  return *a ? "@" + (*a)->username : std::to_string(node);
}

// Orders the rows so that everyone's managers, up the final chain (through
// people not in the file too), come before them; reports cycles.
Status Plan::OrderManagersFirst() {
  constexpr int kOnPath = -1;
  std::unordered_map<int64_t, int> depth;
  for (size_t i = 0; i < rows_.size(); ++i) {
    std::vector<int64_t> path;
    int64_t node = RowNode(i);
    while (node != 0 && !depth.contains(node)) {
      depth[node] = kOnPath;
      path.push_back(node);
      auto next = ManagerOf(node);
      if (!next.ok()) return next.status();
      node = *next;
    }
    size_t above = path.size();  // path[0, above) gets depths counted from `node`
    int d = node == 0 ? -1 : depth[node];
    if (node != 0 && depth[node] == kOnPath) {
      above = static_cast<size_t>(std::find(path.begin(), path.end(), node) - path.begin());
      std::string chain;
      for (size_t k = above; k <= path.size(); ++k) {
        auto name = Describe(k < path.size() ? path[k] : node);
        if (!name.ok()) return name.status();
        chain += (chain.empty() ? "" : " -> ") + *name;
      }
      bool reported = false;
      for (size_t k = above; k < path.size(); ++k) {
        depth[path[k]] = 0;
        if (path[k] < 0) {
          const Row& row = rows_[RowOf(path[k])];
          Problem(row, "manager " + row.manager.value_or("") + " makes a cycle: " + chain);
          reported = true;
        }
      }
      if (!reported)
        Problem(rows_[i], "the management chain above this person has a cycle: " + chain);
      d = 0;
    }
    for (size_t k = above; k-- > 0;) depth[path[k]] = ++d;
  }
  order_.resize(rows_.size());
  for (size_t i = 0; i < rows_.size(); ++i) order_[i] = i;
  std::stable_sort(order_.begin(), order_.end(),
                   [&](size_t a, size_t b) { return depth[RowNode(a)] < depth[RowNode(b)]; });
  return Status::Ok();
}

Status Plan::Check(const DirectoryRecords& records, bool deactivate_missing) {
  problems_ = records.problems;
  if (!ReadHeader(records.header)) return Status::Ok();
  for (const CsvRecord& record : records.rows) ReadRow(record);
  if (rows_.empty() && deactivate_missing)
    Problem(records.header, "there are no people; refusing to deactivate everyone");
  if (Status s = FindPeople(); !s.ok()) return s;
  if (Status s = ResolveManagers(); !s.ok()) return s;
  if (Status s = OrderManagersFirst(); !s.ok()) return s;
  std::stable_sort(problems_.begin(), problems_.end(),
                   [](const ImportProblem& a, const ImportProblem& b) { return a.line < b.line; });
  return Status::Ok();
}

Status Plan::Apply(const DirectoryImportOptions& options, const std::string& run,
                   DirectoryImportReport& report) {
  std::vector<int64_t> account_of_row(rows_.size(), 0);
  std::unordered_set<int64_t> named;
  size_t done = 0;
  for (size_t index : order_) {
    const Row& row = rows_[index];
    DirectoryEntry entry = row.entry;
    entry.source = run;
    if (row.manager) {
      // By account id, so that Provision finds exactly the person checked here.
      int64_t m = row.manager_node;
      entry.manager = m == 0 ? "" : std::to_string(m < 0 ? account_of_row[RowOf(m)] : m);
    }
    auto result = directory_.Provision(entry, row.existing ? row.existing->id : 0);
    if (!result.ok())
      return Status(result.status().code(), Where(row) + ": " + Reason(result.status()),
                    "the rows before it were applied; running the import again completes it");
    account_of_row[index] = result->account.id;
    named.insert(result->account.id);
    if (result->created)
      ++report.created;
    else if (result->changed)
      ++report.updated;
    else
      ++report.unchanged;
    ++done;
    if (options.progress &&
        (done % std::max<size_t>(options.progress_every, 1) == 0 || done == rows_.size()))
      options.progress(done, rows_.size());
  }
  if (!options.deactivate_missing) return Status::Ok();
  int64_t after = 0;
  for (;;) {
    auto page = store_.accounts().List(after, 500);
    if (!page.ok()) return page.status();
    if (page->empty()) break;
    after = page->back().id;
    for (const Account& a : *page) {
      if (!a.active || a.external_id.empty() || named.contains(a.id)) continue;
      DirectoryEntry off;
      off.active = false;
      off.source = run;
      auto result = directory_.Provision(off, a.id);
      if (!result.ok()) return result.status();
      ++report.deactivated;
    }
  }
  return Status::Ok();
}

}  // namespace

std::string ImportProblem::Where() const { return RecordWhere(line, record); }

bool IsDirectoryColumn(std::string_view name) {
  const std::string lower = AsciiLower(Trim(name));
  return std::any_of(std::begin(kColumnNames), std::end(kColumnNames),
                     [&](const ColumnName& c) { return c.name == lower; });
}

std::string DirectoryImportReport::Summary() const {
  return "created " + std::to_string(created) + ", updated " + std::to_string(updated) +
         ", unchanged " + std::to_string(unchanged) + ", deactivated " +
         std::to_string(deactivated);
}

std::string ImportProgressText(size_t done, size_t total) {
  auto grouped = [](size_t n) {
    std::string digits = std::to_string(n);
    std::string out;
    for (size_t k = 0; k < digits.size(); ++k) {
      if (k > 0 && (digits.size() - k) % 3 == 0) out += ',';
      out += digits[k];
    }
    return out;
  };
  return grouped(done) + " / " + grouped(total);
}

Result<DirectoryImportReport> DirectoryImport::Run(std::string_view csv,
                                                   const DirectoryImportOptions& options) {
  CsvParseResult parsed = ParseCsv(csv);
  if (parsed.records.empty()) {
    DirectoryImportReport report;
    for (auto& p : parsed.problems) report.problems.push_back({p.line, std::move(p.message)});
    report.problems.push_back({1, "the file has no header row"});
    return report;
  }
  DirectoryRecords records;
  records.header = std::move(parsed.records.front());
  records.rows.assign(std::make_move_iterator(parsed.records.begin() + 1),
                      std::make_move_iterator(parsed.records.end()));
  for (auto& p : parsed.problems) records.problems.push_back({p.line, std::move(p.message)});
  return Run(records, options);
}

namespace {

// The run as the profile history names it: the command, the source and
// when the run began ("atrium import-directory people.csv run 2026-…Z").
std::string RunName(const DirectoryImportOptions& options) {
  std::string out = options.audit_by ? options.audit_by->name : "directory import";
  if (!options.source.empty()) out += " " + options.source;
  return out + " run " + FormatIso8601(NowMillis());
}

}  // namespace

Result<DirectoryImportReport> DirectoryImport::Run(const DirectoryRecords& records,
                                                   const DirectoryImportOptions& options) {
  DirectoryImportReport report;
  Plan plan(store_, directory_);
  if (Status s = plan.Check(records, options.deactivate_missing); !s.ok()) return s;
  if (!plan.problems().empty())
    report.problems = std::move(plan.problems());
  else if (Status s = plan.Apply(options, RunName(options), report); !s.ok())
    return s;
  if (options.audit_by) {
    JsonWriter w;
    w.BeginObject()
        .Field("created", report.created)
        .Field("updated", report.updated)
        .Field("unchanged", report.unchanged)
        .Field("deactivated", report.deactivated)
        .Field("rows", static_cast<int64_t>(records.rows.size()))
        .Field("problems", static_cast<int64_t>(report.problems.size()))
        .Field("deactivate_missing", options.deactivate_missing)
        .EndObject();
    if (Status s = AuditLog(store_).Record(*options.audit_by, "directory.import", "directory",
                                           options.source, "", w.Take());
        !s.ok())
      return s;
  }
  return report;
}

}  // namespace atrium
