// Reports and the moderators' queue: the entities (Mastodon's Rule, Report,
// Admin::Report) and the calls the report dialog and the queue make.

import { api, post } from "./api";
import type { Account, AdminAccount, Status } from "./types";
import { t } from "../i18n";

export interface Rule {
  id: string;
  text: string;
  hint: string;
}

export type ReportCategory = "spam" | "legal" | "violation" | "other";

export const categories: { value: ReportCategory; label: string; hint: string }[] = [
  { value: "violation", get label() { return t("reports.category.violation"); }, get hint() { return t("reports.categoryHint.violation"); } },
  { value: "spam", get label() { return t("reports.category.spam"); }, get hint() { return t("reports.categoryHint.spam"); } },
  { value: "legal", get label() { return t("reports.category.legal"); }, get hint() { return t("reports.categoryHint.legal"); } },
  { value: "other", get label() { return t("reports.category.other"); }, get hint() { return t("reports.categoryHint.other"); } },
];

export interface Report {
  id: string;
  action_taken: boolean;
  category: ReportCategory;
  comment: string;
  status_ids: string[] | null;
  rule_ids: string[] | null;
  target_account: Account;
}

export interface RemovedStatus {
  id: string;
  removed_at: string;
  removed_by: string;
  reason: string;
  record: { text?: string } | null;
}

export interface AdminReport {
  id: string;
  action_taken: boolean;
  action_taken_at: string | null;
  category: ReportCategory;
  comment: string;
  created_at: string;
  updated_at: string;
  account: AdminAccount;
  target_account: AdminAccount & { silenced?: boolean; sensitized?: boolean };
  assigned_account: AdminAccount | null;
  action_taken_by_account: AdminAccount | null;
  statuses: Status[];
  rules: Rule[];
  community_id: string | null;
  removed_statuses: RemovedStatus[];
}

export interface ReportDraft {
  category: ReportCategory;
  ruleIds: string[];
  comment: string;
}

/** What a draft lacks before it can be sent, or null when it is complete. */
export function draftProblem(d: ReportDraft): string | null {
  if (d.category === "violation" && d.ruleIds.length === 0) return t("reports.chooseRules");
  if (d.comment.length > 1000) return t("reports.commentTooLong", { max: 1000 });
  return null;
}

export const loadRules = (signal?: AbortSignal) => api<Rule[]>("/api/v1/instance/rules", { signal });

export function fileReport(accountId: string, statusIds: string[], d: ReportDraft) {
  return post<Report>("/api/v1/reports", {
    account_id: accountId,
    status_ids: statusIds,
    category: d.category,
    rule_ids: d.category === "violation" ? d.ruleIds : [],
    comment: d.comment,
  });
}

export type AccountActionType = "none" | "sensitive" | "disable" | "silence" | "suspend";

export const accountActions: { value: AccountActionType; label: string }[] = [
  { value: "none", get label() { return t("reports.action.none"); } },
  { value: "sensitive", get label() { return t("reports.action.sensitive"); } },
  { value: "silence", get label() { return t("reports.action.silence"); } },
  { value: "disable", get label() { return t("reports.action.disable"); } },
];
