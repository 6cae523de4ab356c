// The API's entities, as much of them as the client reads.

// Whose follows wait for the person's approval: everyone's (Mastodon's
// locked account), only those of the people above them in the org chart,
// or no one's.
export type FollowApproval = "everyone" | "management_chain" | "off";

export interface Field {
  name: string;
  value: string;
  verified_at?: string | null;
}

/** Mastodon's CustomEmoji: one of the organization's emoji. */
export interface CustomEmoji {
  shortcode: string;
  url: string;
  static_url: string;
  visible_in_picker: boolean;
  category: string | null;
}

/** A custom emoji as administrators manage it (/api/v1/atrium/admin/custom_emojis). */
export interface AdminCustomEmoji extends CustomEmoji {
  id: string;
  width: number;
  height: number;
  created_at: string;
}

export interface Account {
  id: string;
  username: string;
  acct: string;
  display_name: string;
  locked: boolean;
  note: string;
  avatar: string;
  avatar_static?: string;
  header?: string;
  header_static?: string;
  url?: string;
  followers_count: number;
  following_count: number;
  statuses_count: number;
  fields: Field[];
  /** The custom emoji of the name and about text. */
  emojis?: CustomEmoji[];
  role?: { id: string | number; name: string; permissions?: string } | null;
  source?: { note?: string; fields?: Field[]; privacy?: string; follow_approval?: FollowApproval; follow_requests_count?: number };
}

export type Visibility = "public" | "unlisted" | "private" | "direct";

export interface CommunityRef {
  id: string;
  handle: string;
  name: string;
  type: CommunityType;
}

export interface Mention {
  id: string;
  username: string;
  acct: string;
}

export interface MediaSize {
  width: number;
  height: number;
  size: string;
  aspect: number;
}

/** Mastodon's MediaAttachment. */
export interface MediaAttachment {
  id: string;
  type: "image" | "video" | "gifv" | "audio" | "unknown";
  url: string;
  /** null for a document without a preview (anything but a PDF). */
  preview_url: string | null;
  remote_url: string | null;
  meta?: {
    original?: MediaSize;
    small?: MediaSize;
    focus?: { x: number; y: number };
    /** Atrium's, for documents: the name it was uploaded with, its size in bytes and its type. */
    file_name?: string;
    file_size?: number;
    mime_type?: string;
    /** Of a video, in seconds. */
    duration?: number;
  } | null;
  description: string | null;
  blurhash: string | null;
}

export interface Status {
  id: string;
  created_at: string;
  edited_at?: string | null;
  in_reply_to_id: string | null;
  in_reply_to_account_id?: string | null;
  visibility: Visibility;
  spoiler_text: string;
  content: string;
  account: Account;
  reblog: Status | null;
  quote?: { state: string; quoted_status?: Status | null } | null;
  community?: CommunityRef | null;
  /** Atrium's extension: set for blog entries and questions. */
  atrium?: KindRef | null;
  /** Atrium's extension: the post this one replies to, if the reader may see it. */
  in_reply_to?: ReplyContext | null;
  mentions: Mention[];
  tags: { name: string }[];
  /** The custom emoji its text uses. */
  emojis?: CustomEmoji[];
  media_attachments?: MediaAttachment[];
  poll?: Poll | null;
  /** The preview of its first link, once the server has made it. */
  card?: PreviewCard | null;
  replies_count: number;
  reblogs_count: number;
  favourites_count: number;
  favourited?: boolean;
  reblogged?: boolean;
  bookmarked?: boolean;
  pinned?: boolean;
  url?: string;
  /** The reader's filters this post matched where it is shown. */
  filtered?: FilterResult[];
  /** The reader muted its thread. */
  muted?: boolean;
}

/** Mastodon's Conversation: one of the reader's direct conversations. */
export interface Conversation {
  id: string;
  unread: boolean;
  /** The other people in it (not the reader). */
  accounts: Account[];
  last_status: Status | null;
}

export type FilterContext = "home" | "notifications" | "public" | "thread" | "account";
export type FilterAction = "warn" | "hide" | "blur";

/** Mastodon's Filter (API v2). */
export interface Filter {
  id: string;
  title: string;
  context: FilterContext[];
  expires_at: string | null;
  filter_action: FilterAction;
  keywords?: { id: string; keyword: string; whole_word: boolean }[];
  statuses?: { id: string; status_id: string }[];
}

/** Mastodon's FilterResult: a filter a post matched. */
export interface FilterResult {
  filter: Filter;
  keyword_matches: string[] | null;
  status_matches: string[] | null;
}

/** A post's poll (Mastodon's Poll), as the viewer sees it. */
export interface Poll {
  id: string;
  expires_at: string | null;
  expired: boolean;
  multiple: boolean;
  votes_count: number;
  voters_count: number | null;
  /** votes_count is null while a poll with hidden totals runs. */
  options: { title: string; votes_count: number | null }[];
  voted?: boolean;
  own_votes?: number[];
}

/** Mastodon's PreviewCard (the fields the client shows). */
export interface PreviewCard {
  url: string;
  title: string;
  description: string;
  type: "link" | "photo" | "video" | "rich";
  provider_name: string;
  author_name: string;
  image: string | null;
  width: number;
  height: number;
  blurhash: string | null;
}

/** A member's connected external blog (/api/v1/atrium/external_feeds). */
export interface ExternalFeed {
  id: string;
  url: string;
  title: string;
  visibility: Visibility;
  created_at: string;
  last_polled_at: string | null;
  next_poll_at: string;
  last_error: string | null;
  failures: number;
}

export type PostKind = "blog" | "question";

export interface KindRef {
  kind: PostKind;
  title: string;
  /** Absolute URL of the web client's page for the post. */
  permalink: string;
  /** Questions: the accepted reply, or null. */
  accepted_answer_id?: string | null;
}

export interface StatusEdit {
  atrium?: { title: string };
  content: string;
  spoiler_text: string;
  created_at: string;
  account: Account;
}

export interface Relationship {
  id: string;
  following: boolean;
  followed_by: boolean;
  requested: boolean;
  requested_by?: boolean;
  blocking: boolean;
  muting: boolean;
  connected?: boolean;
  connection_requested?: boolean;
  connection_requested_by?: boolean;
  /** You feature them on your profile (Mastodon's endorsement). */
  endorsed?: boolean;
  /** Your private note on them; only you see it. */
  note?: string;
}

/** Atrium's `in_reply_to` on a Status: the parent post in one line. */
export interface ReplyContext {
  id: string;
  excerpt: string;
  atrium: KindRef | null;
  account: { id: string; username: string; acct: string; display_name: string };
}

export interface Notification {
  id: string;
  type: string;
  created_at: string;
  group_key?: string;
  account: Account;
  status?: Status | null;
  /** report_resolved: the reporter's own report. */
  report?: { id: string; target_account: Account } | null;
  /** moderation_warning: what a moderator did, and the warning. */
  moderation_warning?: { id: string; action: string; text: string } | null;
}

/** Mastodon's NotificationGroup (GET /api/v2/notifications). */
export interface NotificationGroup {
  group_key: string;
  notifications_count: number;
  type: string;
  most_recent_notification_id: string;
  page_min_id?: string;
  page_max_id?: string;
  latest_page_notification_at?: string;
  sample_account_ids: string[];
  status_id?: string | null;
  /** report_resolved: the reporter's own report. */
  report?: { id: string; target_account: Account } | null;
  /** moderation_warning: what a moderator did, and the warning. */
  moderation_warning?: { id: string; action: string; text: string } | null;
}

/** Mastodon's GroupedNotificationsResults. */
export interface GroupedNotifications {
  accounts: Account[];
  statuses: Status[];
  notification_groups: NotificationGroup[];
}

export type CommunityType = "public" | "moderated" | "restricted";
export type CommunityRole = "owner" | "moderator" | "member";

export interface Community {
  id: string;
  handle: string;
  name: string;
  description: string;
  description_html: string;
  tags: string[];
  type: CommunityType;
  listed: boolean;
  archived: boolean;
  avatar: string | null;
  banner: string | null;
  members_count: number;
  created_at: string;
  role: CommunityRole | null;
  pending: "invited" | "requested" | null;
}

export interface Member {
  account: Account;
  role: CommunityRole;
  created_at: string;
}

export interface Expertise {
  tag: string;
  endorsements: number;
  endorsed: boolean;
}

export interface Profile {
  account: Account;
  // True when a block (either way) leaves only the org chart's part of the
  // person: no about, pronouns, expertise or contact details.
  limited?: boolean;
  pronouns: string;
  about: string;
  about_html: string;
  directory: {
    // The person came from the organization's directory: the name is its.
    managed?: boolean;
    title?: string;
    department?: string;
    location?: string;
    phone?: string;
    email?: string;
    employee_number?: string;
    cost_center?: string;
    organization?: string;
    division?: string;
    manager?: Account | string | null;
  };
  expertise: Expertise[];
}

export interface Session {
  csrf_token: string;
  account: Account;
}

/** GET /auth/providers: the ways to sign in here. */
export interface AuthProviders {
  local: "on" | "admins" | "off";
  providers: { id: string; label: string; url: string }[];
}

/** An entry of the audit log (GET /api/v1/atrium/admin/audit). */
export interface AuditEntry {
  id: string;
  created_at: string;
  actor_id: string | null;
  actor: string;
  action: string;
  target_type: string;
  target_id: string;
  request_id: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  prev_hash: string;
  hash: string;
}

export interface AdminAccount {
  id: string;
  username: string;
  email: string;
  role: { name: string };
  disabled?: boolean;
  suspended?: boolean;
  account: Account;
}

/** A background queue as the worker last measured it. */
export interface BackgroundQueue {
  depth: number;
  oldest_age_seconds: number;
}

/** GET /api/v1/atrium/admin/health: what an administrator checks at a glance. */
export interface AdminHealth {
  version: string;
  started_at: string;
  uptime_seconds: number;
  members_active_today: number;
  posts_last_hour: number;
  authors_last_hour: number;
  queues: {
    fanout: { queued: number; running: number };
    scheduled_posts: BackgroundQueue;
    mail: BackgroundQueue;
    retention: BackgroundQueue;
  };
  open_connections: number;
  open_streams: { sse: number; websocket: number };
  last_errors: { at: string; level: string; message: string }[];
}

/** A post waiting for its time (Mastodon's ScheduledStatus). */
export interface ScheduledStatus {
  id: string;
  scheduled_at: string;
  params: {
    text: string;
    visibility: Visibility | null;
    spoiler_text: string | null;
    in_reply_to_id: string | null;
    media_ids: string[] | null;
  };
  media_attachments: MediaAttachment[];
}

/** GET /api/v1/atrium/admin/retention: days each kind of post is kept (null: forever). */
export interface RetentionPolicy {
  posts_days: number | null;
  direct_days: number | null;
  communities: { community_id: string; days: number | null }[];
}

/** A legal hold on a person or a community (GET /api/v1/atrium/admin/legal_holds). */
export interface LegalHold {
  id: string;
  case_name: string;
  account_id: string | null;
  community_id: string | null;
  created_by: string | null;
  created_at: string;
  released_by: string | null;
  released_at: string | null;
  active: boolean;
}

/** A blog entry kept unpublished on the server (/api/v1/atrium/drafts); only its owner sees it. */
export interface BlogDraft {
  id: string;
  title: string;
  body: string;
  tags: string[];
  community_id: string | null;
  created_at: string;
  updated_at: string;
}

/** A hashtag with its last seven days (today first) and the reader's marks. */
export interface Tag {
  name: string;
  url: string;
  history: { day: string; uses: string; accounts: string }[];
  following?: boolean;
  featuring?: boolean;
}

/** An announcement from the organization's administrators. */
export interface Announcement {
  id: string;
  content: string;
  starts_at: string | null;
  ends_at: string | null;
  all_day: boolean;
  published: boolean;
  published_at: string;
  updated_at: string;
  read: boolean;
  reactions: { name: string; count: number; me: boolean }[];
  /** Administrators only: the Markdown and whether it is still ahead. */
  text?: string;
  scheduled?: boolean;
}
