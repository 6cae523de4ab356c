// DirectoryImport: people from a CSV export of the organization's directory
// (`atrium import-directory FILE.csv`) or from any other source read into the
// same shape of columns and records (`atrium sync-ldap`, see ldap_sync.h),
// applied through DirectoryService::Provision, the one way people enter from a
// directory. Every rule below holds for every source.
//
// The file: RFC 4180 CSV (quoted fields, doubled quotes, CRLF or LF line
// ends, a UTF-8 byte order mark tolerated), UTF-8, with a header row naming
// its columns in any order and any letter case: username (required), email,
// display_name (or name), title, department, manager, location, phone,
// employee_number, cost_center, organization, division, external_id, active.
// An unknown column rejects the file. Values are trimmed of surrounding
// spaces. A column that is present sets its field for every row, and an
// empty cell clears it (an empty display_name keeps the name; an empty
// active leaves the account as it is); a column that is absent leaves the
// field alone. `manager` names the manager by account id, external id or
// username, in the file or already in Atrium, in that order (as Provision
// resolves it); a manager may appear anywhere in the file.
//
// All or nothing: every row is checked before anything is written — field
// rules (ValidateUsername, ValidateEmail, the text limits), duplicates within
// the file, a username or e-mail that belongs to another person, manager
// references, a new manager who may not manage (deactivated, also by this
// file, or removed: DirectoryService::CheckCanManage), manager cycles (with
// the existing directory taken into account). If any row is bad, nothing is
// applied and every bad row is reported with its line number. Otherwise
// rows are applied managers first (so a new person's manager exists before
// them and no intermediate state has a cycle), one Provision call per row.
// Only a failure of the store itself can stop an import half-way; running
// it again completes it, because an import is idempotent: rows that match
// what is there change nothing.
//
// People absent from the file are left alone, unless `deactivate_missing`:
// then active accounts with an external id that no row names are
// deactivated (through Provision, which also ends their sessions and tokens).
//
// Not thread-safe: one import at a time, from one thread.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/csv.h"
#include "base/status.h"
#include "social/audit_log.h"
#include "social/directory_service.h"
#include "store/store.h"

namespace atrium {

// What is wrong with one record: a line of the file (line 1 is the header),
// or a record that names itself otherwise (an LDAP entry by its DN).
struct ImportProblem {
  int line = 0;  // orders the problems
  std::string message;
  std::string record;  // how the record is named; empty: "line N"

  // "line 4" or the record's name.
  std::string Where() const;
};

// A directory read from any source: the columns (the names a CSV header
// gives, above), the records with one field per column, and the problems met
// while reading them — each rejects the import like a bad row.
struct DirectoryRecords {
  CsvRecord header;
  std::vector<CsvRecord> rows;
  std::vector<ImportProblem> problems;
};

// Whether `name` is a column the import knows (any letter case).
bool IsDirectoryColumn(std::string_view name);

struct DirectoryImportOptions {
  bool deactivate_missing = false;
  // Called with (rows applied, rows in the file) after every `progress_every`
  // rows and after the last one. May be empty.
  std::function<void(size_t done, size_t total)> progress;
  size_t progress_every = 500;
  // When set, the run (applied or rejected) is appended to the audit log as
  // one "directory.import" entry by this actor, with the counts and
  // `source` (a file's name, "ldap").
  const AuditActor* audit_by = nullptr;
  std::string source;
};

struct DirectoryImportReport {
  // Not empty: the file was rejected and nothing was changed.
  std::vector<ImportProblem> problems;
  int created = 0;
  int updated = 0;  // rows that changed something about an existing person
  int unchanged = 0;
  int deactivated = 0;

  bool rejected() const { return !problems.empty(); }
  // "created N, updated N, unchanged N, deactivated N"
  std::string Summary() const;
};

// "12,500 / 40,000": the progress of an import, for a terminal.
std::string ImportProgressText(size_t done, size_t total);

class DirectoryImport {
 public:
  DirectoryImport(Store& store, DirectoryService& directory)
      : store_(store), directory_(directory) {}
  DirectoryImport(const DirectoryImport&) = delete;
  DirectoryImport& operator=(const DirectoryImport&) = delete;

  // Checks the records and, if every one is good, applies them. Returns the
  // report: either the problems (nothing changed) or the counts. An error
  // Status only when the store fails; rows applied before it stay applied.
  Result<DirectoryImportReport> Run(const DirectoryRecords& records,
                                    const DirectoryImportOptions& options);
  // The same for CSV text (ParseCsv, the first record being the header).
  Result<DirectoryImportReport> Run(std::string_view csv, const DirectoryImportOptions& options);

 private:
  Store& store_;
  DirectoryService& directory_;
};

}  // namespace atrium
