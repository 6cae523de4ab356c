#include "store/sqlite/sqlite_migrations.h"

namespace atrium::sqlite {

const std::vector<Migration>& Migrations() {
  static const std::vector<Migration> migrations = {
      {1, "accounts and sign-in", R"sql(
CREATE TABLE accounts (
  id INTEGER PRIMARY KEY,
  username TEXT NOT NULL COLLATE NOCASE UNIQUE,
  display_name TEXT NOT NULL DEFAULT '',
  email TEXT COLLATE NOCASE UNIQUE,
  role TEXT NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'moderator', 'admin')),
  active INTEGER NOT NULL DEFAULT 1,
  locked INTEGER NOT NULL DEFAULT 0,
  note TEXT NOT NULL DEFAULT '',
  password_hash TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE sessions (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  user_agent TEXT NOT NULL DEFAULT '',
  ip TEXT NOT NULL DEFAULT ''
);
CREATE INDEX sessions_account ON sessions(account_id);

CREATE TABLE oauth_apps (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  website TEXT NOT NULL DEFAULT '',
  redirect_uris TEXT NOT NULL,
  scopes TEXT NOT NULL,
  client_id TEXT NOT NULL UNIQUE,
  client_secret_hash TEXT NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE oauth_codes (
  id INTEGER PRIMARY KEY,
  code_hash TEXT NOT NULL UNIQUE,
  app_id INTEGER NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  redirect_uri TEXT NOT NULL,
  scopes TEXT NOT NULL,
  code_challenge TEXT NOT NULL DEFAULT '',
  expires_at INTEGER NOT NULL,
  used_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE oauth_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  app_id INTEGER NOT NULL REFERENCES oauth_apps(id) ON DELETE CASCADE,
  account_id INTEGER REFERENCES accounts(id) ON DELETE CASCADE,
  scopes TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  revoked_at INTEGER NOT NULL DEFAULT 0,
  code_id INTEGER
);
CREATE INDEX oauth_tokens_account ON oauth_tokens(account_id);
CREATE INDEX oauth_tokens_code ON oauth_tokens(code_id);
)sql"},
      {2, "the social core: posts, relationships, notifications, lists, markers", R"sql(
-- Posts and their authors' counters.
ALTER TABLE accounts ADD COLUMN statuses_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE accounts ADD COLUMN last_status_at INTEGER NOT NULL DEFAULT 0;

-- Absent references are NULL. Replies and quotes outlive their parent, so
-- in_reply_to_id and quote_of_id have no foreign key: they keep the id of a
-- deleted parent (a reply stays a reply). Reposts die with their original.
CREATE TABLE statuses (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  in_reply_to_id INTEGER,
  in_reply_to_account_id INTEGER,
  reblog_of_id INTEGER REFERENCES statuses(id) ON DELETE CASCADE,
  quote_of_id INTEGER,
  community_id INTEGER,
  visibility INTEGER NOT NULL DEFAULT 0 CHECK (visibility BETWEEN 0 AND 3),
  text TEXT NOT NULL DEFAULT '',
  spoiler_text TEXT NOT NULL DEFAULT '',
  sensitive INTEGER NOT NULL DEFAULT 0,
  language TEXT NOT NULL DEFAULT '',
  content_html TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  edited_at INTEGER NOT NULL DEFAULT 0,
  replies_count INTEGER NOT NULL DEFAULT 0,
  reblogs_count INTEGER NOT NULL DEFAULT 0,
  favourites_count INTEGER NOT NULL DEFAULT 0,
  quotes_count INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX statuses_account ON statuses(account_id, id);
CREATE INDEX statuses_reply ON statuses(in_reply_to_id, id) WHERE in_reply_to_id IS NOT NULL;
CREATE UNIQUE INDEX statuses_reblog ON statuses(reblog_of_id, account_id)
  WHERE reblog_of_id IS NOT NULL;
-- The organization stream (PublicTimeline): public originals outside
-- communities that are not replies, except to the author's own posts.
CREATE INDEX statuses_public ON statuses(id)
  WHERE visibility = 0 AND reblog_of_id IS NULL AND community_id IS NULL
    AND (in_reply_to_id IS NULL OR in_reply_to_account_id = account_id);

CREATE TABLE status_mentions (
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (status_id, account_id)
) WITHOUT ROWID;
CREATE INDEX status_mentions_account ON status_mentions(account_id, status_id);

-- Names arrive normalized; NOCASE makes one tag of differently cased uses.
CREATE TABLE tags (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL COLLATE NOCASE UNIQUE,
  created_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE status_tags (
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (status_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX status_tags_tag ON status_tags(tag_id, status_id);

CREATE TABLE status_edits (
  id INTEGER PRIMARY KEY,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  text TEXT NOT NULL DEFAULT '',
  spoiler_text TEXT NOT NULL DEFAULT '',
  sensitive INTEGER NOT NULL DEFAULT 0,
  content_html TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX status_edits_status ON status_edits(status_id, created_at);

CREATE TABLE favourites (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  UNIQUE (account_id, status_id)
);
CREATE INDEX favourites_account ON favourites(account_id, id);
CREATE INDEX favourites_status ON favourites(status_id, id);

CREATE TABLE bookmarks (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  UNIQUE (account_id, status_id)
);
CREATE INDEX bookmarks_account ON bookmarks(account_id, id);
CREATE INDEX bookmarks_status ON bookmarks(status_id);

CREATE TABLE pins (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, status_id)
) WITHOUT ROWID;
CREATE INDEX pins_status ON pins(status_id);

-- Relationships: one row per direction; `id` is the pagination cursor.
CREATE TABLE follows (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  show_reblogs INTEGER NOT NULL DEFAULT 1,
  notify INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, target_id),
  CHECK (account_id <> target_id)
);
CREATE INDEX follows_account ON follows(account_id, id);
CREATE INDEX follows_target ON follows(target_id, id);

CREATE TABLE follow_requests (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  UNIQUE (account_id, target_id),
  CHECK (account_id <> target_id)
);
CREATE INDEX follow_requests_target ON follow_requests(target_id, id);

CREATE TABLE blocks (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, target_id),
  CHECK (account_id <> target_id)
);
CREATE INDEX blocks_account ON blocks(account_id, id);
CREATE INDEX blocks_target ON blocks(target_id);

-- expires_at: 0 never; else the mute ends at that time (ms).
CREATE TABLE mutes (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  hide_notifications INTEGER NOT NULL DEFAULT 1,
  expires_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, target_id),
  CHECK (account_id <> target_id)
);
CREATE INDEX mutes_account ON mutes(account_id, id);
CREATE INDEX mutes_target ON mutes(target_id);

-- An established connection is two rows, one per side, so each side lists it.
CREATE TABLE connections (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  other_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, other_id),
  CHECK (account_id <> other_id)
);
CREATE INDEX connections_account ON connections(account_id, id);
CREATE INDEX connections_other ON connections(other_id);

-- account_id invited target_id.
CREATE TABLE connection_invitations (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  UNIQUE (account_id, target_id),
  CHECK (account_id <> target_id)
);
CREATE INDEX connection_invitations_account ON connection_invitations(account_id, id);
CREATE INDEX connection_invitations_target ON connection_invitations(target_id, id);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  from_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  type TEXT NOT NULL,
  status_id INTEGER REFERENCES statuses(id) ON DELETE CASCADE,
  group_key TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX notifications_account ON notifications(account_id, id);
CREATE INDEX notifications_group ON notifications(account_id, group_key);
CREATE INDEX notifications_from ON notifications(from_account_id, account_id);
CREATE INDEX notifications_status ON notifications(status_id) WHERE status_id IS NOT NULL;

CREATE TABLE lists (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  replies_policy TEXT NOT NULL DEFAULT 'list' CHECK (replies_policy IN ('followed', 'list', 'none')),
  exclusive INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX lists_account ON lists(account_id);

CREATE TABLE list_accounts (
  id INTEGER PRIMARY KEY,
  list_id INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  UNIQUE (list_id, account_id)
);
CREATE INDEX list_accounts_account ON list_accounts(account_id);

CREATE TABLE markers (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  timeline TEXT NOT NULL,
  last_read_id INTEGER NOT NULL DEFAULT 0,
  version INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, timeline)
) WITHOUT ROWID;

-- The post created for an Idempotency-Key header.
CREATE TABLE idempotency_keys (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  key TEXT NOT NULL,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_keys_status ON idempotency_keys(status_id);
)sql"},
      {3,
       "the directory: work contact fields, profile fields, expertise, endorsements, groups, SCIM",
       R"sql(
-- Work contact information from the organization's directory. Absent
-- references and absent external ids are NULL (NULLs never collide in a
-- UNIQUE index, so accounts without an external id do not).
ALTER TABLE accounts ADD COLUMN external_id TEXT;
ALTER TABLE accounts ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN department TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN manager_id INTEGER REFERENCES accounts(id) ON DELETE SET NULL;
ALTER TABLE accounts ADD COLUMN location TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN phone TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN employee_number TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN cost_center TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN organization TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN division TEXT NOT NULL DEFAULT '';
ALTER TABLE accounts ADD COLUMN pronouns TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX accounts_external_id ON accounts(external_id);
CREATE INDEX accounts_manager ON accounts(manager_id) WHERE manager_id IS NOT NULL;
-- NOCASE indexes let a case-insensitive prefix LIKE use a range scan.
CREATE INDEX accounts_display_name ON accounts(display_name COLLATE NOCASE);
CREATE INDEX accounts_title ON accounts(title COLLATE NOCASE);
CREATE INDEX accounts_department ON accounts(department COLLATE NOCASE);
CREATE INDEX accounts_location ON accounts(location COLLATE NOCASE);

-- Mastodon's profile `fields`, in the person's order.
CREATE TABLE profile_fields (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  name TEXT NOT NULL,
  value TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (account_id, position)
) WITHOUT ROWID;

-- Tags arrive normalized like hashtags; NOCASE as for `tags`.
CREATE TABLE expertise (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  tag TEXT NOT NULL COLLATE NOCASE,
  PRIMARY KEY (account_id, tag)
) WITHOUT ROWID;
CREATE INDEX expertise_tag ON expertise(tag, account_id);

-- endorser_id vouches for account_id's `tag`. Dropping the tag from the
-- account's expertise drops its endorsements (done by the store).
CREATE TABLE endorsements (
  endorser_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  tag TEXT NOT NULL COLLATE NOCASE,
  created_at INTEGER NOT NULL,
  UNIQUE (endorser_id, account_id, tag)
);
CREATE INDEX endorsements_account ON endorsements(account_id, tag);

CREATE TABLE scim_tokens (
  id INTEGER PRIMARY KEY,
  token_hash TEXT NOT NULL UNIQUE,
  description TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  revoked_at INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE groups (
  id INTEGER PRIMARY KEY,
  display_name TEXT NOT NULL COLLATE NOCASE,
  external_id TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX groups_display_name ON groups(display_name, id);

CREATE TABLE group_members (
  group_id INTEGER NOT NULL REFERENCES groups(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  PRIMARY KEY (group_id, account_id)
) WITHOUT ROWID;
CREATE INDEX group_members_account ON group_members(account_id);
)sql"},
      {4, "accounts removed by the directory", R"sql(
-- When the directory removed the person (SCIM DELETE); 0: not removed.
ALTER TABLE accounts ADD COLUMN removed_at INTEGER NOT NULL DEFAULT 0;
)sql"},
      {5, "avatars", R"sql(
-- The file name of the person's avatar under media/avatars; '': none.
ALTER TABLE accounts ADD COLUMN avatar TEXT NOT NULL DEFAULT '';
)sql"},
      {6, "communities", R"sql(
-- tags: the normalized tags, space-separated. search_text: handle, name,
-- tags and description folded to lower case, each word preceded by a
-- space, for prefix search (LIKE '% word%').
CREATE TABLE communities (
  id INTEGER PRIMARY KEY,
  handle TEXT NOT NULL COLLATE NOCASE UNIQUE,
  name TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  type INTEGER NOT NULL CHECK (type BETWEEN 0 AND 2),
  listed INTEGER NOT NULL DEFAULT 1,
  archived INTEGER NOT NULL DEFAULT 0,
  avatar TEXT NOT NULL DEFAULT '',
  created_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  members_count INTEGER NOT NULL DEFAULT 0,
  search_text TEXT NOT NULL DEFAULT ''
);

-- One row per person and community: a member (state 0), invited (1) or
-- asking to join (2).
CREATE TABLE community_members (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  state INTEGER NOT NULL CHECK (state BETWEEN 0 AND 2),
  role TEXT NOT NULL DEFAULT 'member',
  invited_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (community_id, account_id)
);
CREATE INDEX community_members_account ON community_members(account_id);
CREATE INDEX community_members_state ON community_members(community_id, state, id);

CREATE TABLE community_pins (
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (community_id, status_id)
) WITHOUT ROWID;

CREATE TABLE community_moderation (
  id INTEGER PRIMARY KEY,
  community_id INTEGER NOT NULL REFERENCES communities(id) ON DELETE CASCADE,
  actor_id INTEGER NOT NULL,
  action TEXT NOT NULL,
  status_id INTEGER NOT NULL DEFAULT 0,
  target_account_id INTEGER NOT NULL DEFAULT 0,
  reason TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL
);
CREATE INDEX community_moderation_community ON community_moderation(community_id, id);

-- A community's stream, and every post of a community (to delete them).
CREATE INDEX statuses_community ON statuses(community_id, id)
  WHERE community_id IS NOT NULL AND reblog_of_id IS NULL AND in_reply_to_id IS NULL;
CREATE INDEX statuses_in_community ON statuses(community_id) WHERE community_id IS NOT NULL;

-- The organization stream now holds public and moderated communities' posts.
DROP INDEX statuses_public;
CREATE INDEX statuses_public ON statuses(id)
  WHERE visibility = 0 AND reblog_of_id IS NULL
    AND (in_reply_to_id IS NULL OR in_reply_to_account_id = account_id);
)sql"},
      {7, "blog entries and questions", R"sql(
-- kind: 0 a status update, 1 a blog entry, 2 a question. title: blog entries
-- and questions. accepted_answer_id: a question's accepted reply.
ALTER TABLE statuses ADD COLUMN kind INTEGER NOT NULL DEFAULT 0 CHECK (kind BETWEEN 0 AND 2);
ALTER TABLE statuses ADD COLUMN title TEXT NOT NULL DEFAULT '';
ALTER TABLE statuses ADD COLUMN accepted_answer_id INTEGER
  REFERENCES statuses(id) ON DELETE SET NULL;
ALTER TABLE status_edits ADD COLUMN title TEXT NOT NULL DEFAULT '';
-- Lists of blog entries and questions (by kind, and by author).
CREATE INDEX statuses_kind ON statuses(kind, id) WHERE kind <> 0;
CREATE INDEX statuses_kind_author ON statuses(account_id, kind, id) WHERE kind <> 0;
CREATE INDEX statuses_accepted_answer ON statuses(accepted_answer_id)
  WHERE accepted_answer_id IS NOT NULL;
)sql"},
      {8, "followers from the index alone", R"sql(
-- Fan-out reads the followers of a post's author (target_id = ?, in id
-- order): with the follower's id in the index that is one range of it and
-- no lookup of each row. The index still serves the followers list's pages
-- (target_id, id).
DROP INDEX follows_target;
CREATE INDEX follows_target ON follows(target_id, id, account_id);
)sql"},
      {9, "notes and descriptions rendered once, when written", R"sql(
-- The HTML of a profile's note and of a community's description, rendered
-- when they are written rather than at every serialization. NULL: written
-- before this migration, rendered when read until the next write.
ALTER TABLE accounts ADD COLUMN note_html TEXT;
ALTER TABLE communities ADD COLUMN description_html TEXT;
)sql"},
      {10, "people from the directory", R"sql(
-- The person came from the organization's directory (SCIM, CSV import or
-- LDAP sync): their display name is the directory's. Those provisioned
-- before are the people with a directory id, removed by the directory, or
-- with any field only the directory writes.
ALTER TABLE accounts ADD COLUMN directory_managed INTEGER NOT NULL DEFAULT 0;
UPDATE accounts SET directory_managed = 1
  WHERE external_id IS NOT NULL OR removed_at <> 0 OR manager_id IS NOT NULL
     OR title <> '' OR department <> '' OR location <> '' OR phone <> ''
     OR employee_number <> '' OR cost_center <> '' OR organization <> '' OR division <> '';
)sql"},
      {11, "when a session was last used", R"sql(
-- Recorded at most once a minute per session, for session-idle-timeout.
-- Sessions from before count as used when they began.
ALTER TABLE sessions ADD COLUMN last_used_at INTEGER NOT NULL DEFAULT 0;
UPDATE sessions SET last_used_at = created_at;
)sql"},
      {12, "SAML sign-in", R"sql(
-- The authentication requests sent to the SAML identity provider, until
-- answered (once) or expired, each bound to the browser that started it by
-- the SHA-256 of a cookie secret; and the ids of the assertions it sent,
-- until they expire, so that none is accepted twice.
CREATE TABLE saml_requests (
  id TEXT PRIMARY KEY,
  browser_hash TEXT NOT NULL,
  return_to TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE TABLE saml_assertions (
  id TEXT PRIMARY KEY,
  expires_at INTEGER NOT NULL
);
CREATE INDEX saml_requests_expires ON saml_requests(expires_at);
CREATE INDEX saml_assertions_expires ON saml_assertions(expires_at);
)sql"},
      {13, "OpenID Connect sign-in", R"sql(
-- A sign-in begun at the identity provider and not yet come back: single-use
-- (deleted when it comes back), found by the SHA-256 of its state and bound
-- to the browser by the SHA-256 of a cookie secret; the nonce and the PKCE
-- verifier are derived from that secret, so none is stored.
CREATE TABLE oidc_requests (
  state_hash TEXT PRIMARY KEY,
  browser_hash TEXT NOT NULL,
  return_to TEXT NOT NULL,
  expires_at INTEGER NOT NULL
);
CREATE INDEX oidc_requests_expires ON oidc_requests(expires_at);
-- Who signed in through the provider, by its subject and session id, for
-- its back-channel logout.
CREATE TABLE oidc_sign_ins (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  subject TEXT NOT NULL,
  sid TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX oidc_sign_ins_subject ON oidc_sign_ins(subject);
CREATE INDEX oidc_sign_ins_sid ON oidc_sign_ins(sid);
CREATE INDEX oidc_sign_ins_account ON oidc_sign_ins(account_id);
)sql"},
      {14, "full-text search of posts", R"sql(
-- The index of every post but reposts: rowid is the post's id; title and
-- body (content warning and text), each Chinese, Japanese or Korean
-- character spaced out as a word of its own. Written by the store with the
-- post; filled by the reindex `atrium serve` starts when search_state says
-- the index is older than the binary's (here: never built).
CREATE VIRTUAL TABLE search_posts USING fts5(
  title, body, tokenize = 'unicode61 remove_diacritics 2'
);
-- The version of each index's format ('posts').
CREATE TABLE search_state (
  name TEXT PRIMARY KEY,
  version INTEGER NOT NULL
);
)sql"},
      {15, "media attachments", R"sql(
-- Uploaded files (the bytes live in the media folder under file_key):
-- status_id is NULL until the upload is attached to a post; a post's
-- deletion takes its attachments' rows with it. type: 0 image, 1 video,
-- 2 document. focus_x, focus_y: -1000..1000. Sizes in pixels and bytes.
CREATE TABLE media (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  status_id INTEGER REFERENCES statuses(id) ON DELETE CASCADE,
  position INTEGER NOT NULL DEFAULT 0,
  type INTEGER NOT NULL CHECK (type BETWEEN 0 AND 2),
  content_type TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  focus_x INTEGER NOT NULL DEFAULT 0,
  focus_y INTEGER NOT NULL DEFAULT 0,
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  small_width INTEGER NOT NULL DEFAULT 0,
  small_height INTEGER NOT NULL DEFAULT 0,
  size INTEGER NOT NULL DEFAULT 0,
  blurhash TEXT NOT NULL DEFAULT '',
  file_key TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
CREATE INDEX media_status ON media(status_id, position) WHERE status_id IS NOT NULL;
CREATE INDEX media_unattached ON media(created_at) WHERE status_id IS NULL;
CREATE INDEX media_account ON media(account_id);
)sql"},
      {16, "full-text search of people, communities and names", R"sql(
-- People (rowid = the account's id) and communities (rowid = the
-- community's id) by their words, each field folded by the store (Latin
-- diacritics removed, Chinese, Japanese and Korean characters spaced out)
-- so that both backends index the same words. Written by the store with the
-- profile, the expertise or the community; filled by the reindex.
CREATE VIRTUAL TABLE search_people USING fts5(
  name, title, department, location, expertise, about,
  tokenize = 'unicode61 remove_diacritics 2'
);
CREATE VIRTUAL TABLE search_communities USING fts5(
  name, handle, description, tags, tokenize = 'unicode61 remove_diacritics 2'
);
-- Typeahead: the folded names of people (username and display name),
-- communities (handle and name) and hashtags, matched by any three
-- characters in a row (rowid = the account's, community's or tag's id).
CREATE VIRTUAL TABLE search_people_names USING fts5(name, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_community_names USING fts5(name, tokenize = 'trigram');
CREATE VIRTUAL TABLE search_tag_names USING fts5(name, tokenize = 'trigram');
)sql"},
      {17, "documents and video", R"sql(
-- file_name: the name a document was uploaded with ('' for pictures and
-- video). duration_ms and frame_rate ("30/1"): of a video; 0 and ''
-- otherwise.
ALTER TABLE media ADD COLUMN file_name TEXT NOT NULL DEFAULT '';
ALTER TABLE media ADD COLUMN duration_ms INTEGER NOT NULL DEFAULT 0;
ALTER TABLE media ADD COLUMN frame_rate TEXT NOT NULL DEFAULT '';
)sql"},
      {18, "audit log", R"sql(
-- The audit log (store/audit_store.h): append-only, hash-chained. seq runs
-- from 1 without gaps; hash = SHA-256 of the entry's canonical content,
-- prev_hash included. audit_head holds one row (id 1), the chain's last
-- seq and hash, taken for update by every append.
CREATE TABLE audit_entries (
  seq INTEGER PRIMARY KEY,
  created_at INTEGER NOT NULL,
  actor_id INTEGER NOT NULL DEFAULT 0,
  actor TEXT NOT NULL DEFAULT '',
  action TEXT NOT NULL,
  target_type TEXT NOT NULL DEFAULT '',
  target_id TEXT NOT NULL DEFAULT '',
  request_id TEXT NOT NULL DEFAULT '',
  before_json TEXT NOT NULL DEFAULT '',
  after_json TEXT NOT NULL DEFAULT '',
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL
);
CREATE INDEX audit_entries_actor ON audit_entries(actor_id, seq);
CREATE INDEX audit_entries_target ON audit_entries(target_type, target_id, seq);
CREATE INDEX audit_entries_action ON audit_entries(action, seq);
CREATE INDEX audit_entries_time ON audit_entries(created_at);
CREATE TABLE audit_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq INTEGER NOT NULL,
  hash TEXT NOT NULL
);
)sql"},
      {19, "scheduled posts", R"sql(
-- Posts waiting for their time: params is the post's parameters (JSON,
-- written and read by the service). A node publishing one claims it first
-- (claimed_until: the end of its lease, 0 when unclaimed), so it is
-- published once however many nodes run.
CREATE TABLE scheduled_statuses (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  application_id INTEGER NOT NULL DEFAULT 0,
  scheduled_at INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  params TEXT NOT NULL,
  claimed_until INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX scheduled_statuses_due ON scheduled_statuses(scheduled_at);
CREATE INDEX scheduled_statuses_account ON scheduled_statuses(account_id, id);
-- The uploads a scheduled post will carry, in order; they are not swept
-- as abandoned while they wait.
CREATE TABLE scheduled_status_media (
  scheduled_status_id INTEGER NOT NULL REFERENCES scheduled_statuses(id) ON DELETE CASCADE,
  media_id INTEGER NOT NULL REFERENCES media(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (scheduled_status_id, position)
);
CREATE INDEX scheduled_status_media_media ON scheduled_status_media(media_id);
)sql"},
      {20, "e-mail: the outbox, mail cursors, preferences", R"sql(
-- Messages to send, written before anything is sent (see
-- store/mail_store.h). state: 0 queued, 1 sent, 2 failed for good,
-- 3 dropped (nothing left to say when it was due). A sender holds a
-- message while lease_until is in the future; attempts counts the attempts
-- begun, failures those that failed.
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  payload TEXT NOT NULL DEFAULT '',
  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
  attempts INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  last_error_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  sent_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX mail_outbox_due ON mail_outbox(next_attempt_at) WHERE state = 0;
CREATE INDEX mail_outbox_account ON mail_outbox(account_id, id);
-- The last notification of each member considered for mail.
CREATE TABLE mail_cursors (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  last_notification_id INTEGER NOT NULL
) WITHOUT ROWID;
-- kind: mention, direct, follow_request, reply, answer (mode immediate,
-- digest or never) and digest (daily, weekly or off); no row: the default.
CREATE TABLE email_preferences (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  kind TEXT NOT NULL,
  mode TEXT NOT NULL,
  PRIMARY KEY (account_id, kind)
) WITHOUT ROWID;
-- The mail secret (the key of unsubscribe links) and the notification
-- floor (notifications from before the first mail worker ran are never
-- mailed), each written by the first node that needs it.
CREATE TABLE mail_state (
  name TEXT PRIMARY KEY,
  text_value TEXT NOT NULL DEFAULT '',
  int_value INTEGER NOT NULL DEFAULT 0
);
)sql"},
      {21, "follow approval from the management chain, personal feed tokens", R"sql(
-- The follow-approval setting management_chain: while the account is not
-- locked, follows from anyone above the person in the org chart wait for
-- their approval (locked: everyone's do).
ALTER TABLE accounts ADD COLUMN approve_management_chain INTEGER NOT NULL DEFAULT 0;
-- Each member's personal feed token (the credential in their Atom feed
-- URLs): only its SHA-256 is kept; at most one per member.
CREATE TABLE feed_tokens (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at INTEGER NOT NULL
);
)sql"},
      {22, "header images and community banners", R"sql(
-- The file name of the person's header image under media/headers; '': none.
ALTER TABLE accounts ADD COLUMN header TEXT NOT NULL DEFAULT '';
-- The file name of the community's banner under media/banners; '': none.
ALTER TABLE communities ADD COLUMN banner TEXT NOT NULL DEFAULT '';
)sql"},
      {23, "retention policies, legal holds, posts kept under hold", R"sql(
-- Retention: how many days posts are kept. scope 0: the organization's
-- posts outside direct messages, 1: direct messages, 2: the posts of one
-- community (community_id), overriding scope 0. days 0: kept forever. No
-- row: kept forever (for a community: the organization's policy).
CREATE TABLE retention_policies (
  scope INTEGER NOT NULL CHECK (scope BETWEEN 0 AND 2),
  community_id INTEGER NOT NULL DEFAULT 0,
  days INTEGER NOT NULL CHECK (days >= 0),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (scope, community_id)
);
-- Posts by age, for the retention job.
CREATE INDEX statuses_created ON statuses(created_at);
-- Legal holds on a person (account_id) or a community (community_id; the
-- other 0), until released (released_at 0 while in force). Held content is
-- exempt from retention and kept when deleted.
CREATE TABLE legal_holds (
  id INTEGER PRIMARY KEY,
  case_name TEXT NOT NULL,
  account_id INTEGER NOT NULL DEFAULT 0,
  community_id INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  released_by INTEGER NOT NULL DEFAULT 0,
  released_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX legal_holds_account ON legal_holds(account_id) WHERE released_at = 0;
CREATE INDEX legal_holds_community ON legal_holds(community_id) WHERE released_at = 0;
-- Posts deleted while under a legal hold: gone for every member, kept here
-- for eDiscovery (record: the post, its edits and attachments as JSON; the
-- attachments' files stay in the media store).
CREATE TABLE held_statuses (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  community_id INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  deleted_at INTEGER NOT NULL,
  record TEXT NOT NULL
);
CREATE INDEX held_statuses_account ON held_statuses(account_id, created_at);
CREATE INDEX held_statuses_community ON held_statuses(community_id, created_at);
)sql"},
      {24, "compose advice: the organization's changes to its rule pack", R"sql(
-- What administrators changed in the advice rule pack (docs/ADVICE.md):
-- kind 'rule' (name: a rule id; value: {"enabled": true|false}) or 'list'
-- (name: a word list; value: {"words": [...]}). No row: as the pack says.
CREATE TABLE advice_overrides (
  kind TEXT NOT NULL CHECK (kind IN ('rule', 'list')),
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_by INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (kind, name)
);
)sql"},
      {25, "polls: a post's poll, its options and the votes", R"sql(
-- A post's poll (at most one, written with the post). ended: 0 while the
-- poll runs or until its end is announced, 1 once the node that claimed it
-- has written the `poll` notifications (each poll's end is announced once
-- in a cluster).
CREATE TABLE polls (
  status_id INTEGER PRIMARY KEY REFERENCES statuses(id) ON DELETE CASCADE,
  expires_at INTEGER NOT NULL,
  multiple INTEGER NOT NULL DEFAULT 0,
  hide_totals INTEGER NOT NULL DEFAULT 0,
  voters_count INTEGER NOT NULL DEFAULT 0,
  ended INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX polls_ending ON polls(expires_at) WHERE ended = 0;
-- The options in their order, each with its count of votes (kept in the
-- transaction of the vote).
CREATE TABLE poll_options (
  status_id INTEGER NOT NULL REFERENCES polls(status_id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  title TEXT NOT NULL,
  votes_count INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (status_id, position)
) WITHOUT ROWID;
-- One row a voter: a person votes once, for one or (multiple) several
-- options, listed in `choices` as positions separated by commas.
CREATE TABLE poll_votes (
  status_id INTEGER NOT NULL REFERENCES polls(status_id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  choices TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (status_id, account_id)
) WITHOUT ROWID;
CREATE INDEX poll_votes_account ON poll_votes(account_id, status_id);
)sql"},
      {26, "e-mail: the digest's schedule", R"sql(
-- When each member's digest was last made (the end of the period it
-- covered) and when the next is due; a node that makes one moves both in
-- the transaction that queues it (a compare-and-set on next_at).
CREATE TABLE mail_digests (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  period_end INTEGER NOT NULL,
  next_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX mail_digests_due ON mail_digests(next_at);
)sql"},
      {27, "link preview cards and blog feed import", R"sql(
-- Preview cards, one per link (the URL as written in posts), shared by
-- every post that links it. state: 1 a card, 2 none (the page could not be
-- fetched or said nothing worth showing; tried again after a day).
-- image_key names the card's picture among the media files (empty: none).
CREATE TABLE link_cards (
  url TEXT PRIMARY KEY,
  state INTEGER NOT NULL CHECK (state IN (1, 2)),
  card_url TEXT NOT NULL DEFAULT '',
  title TEXT NOT NULL DEFAULT '',
  description TEXT NOT NULL DEFAULT '',
  type TEXT NOT NULL DEFAULT 'link',
  author_name TEXT NOT NULL DEFAULT '',
  author_url TEXT NOT NULL DEFAULT '',
  provider_name TEXT NOT NULL DEFAULT '',
  provider_url TEXT NOT NULL DEFAULT '',
  image_key TEXT NOT NULL DEFAULT '',
  width INTEGER NOT NULL DEFAULT 0,
  height INTEGER NOT NULL DEFAULT 0,
  blurhash TEXT NOT NULL DEFAULT '',
  embed_url TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  fetched_at INTEGER NOT NULL
);
-- The card each post shows (its first link's).
CREATE TABLE status_cards (
  status_id INTEGER PRIMARY KEY REFERENCES statuses(id) ON DELETE CASCADE,
  url TEXT NOT NULL
);
CREATE INDEX status_cards_url ON status_cards(url);
-- Posts waiting for their card: the durable queue of the background
-- worker. A worker holds a job while claimed_until is in the future.
CREATE TABLE link_card_jobs (
  status_id INTEGER PRIMARY KEY REFERENCES statuses(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  claimed_until INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT ''
);
CREATE INDEX link_card_jobs_due ON link_card_jobs(next_attempt_at);
-- A member's external blog, read for new entries (each becomes a post
-- linking it). etag and last_modified: the validators of the last answer,
-- sent back as If-None-Match and If-Modified-Since. failures: errors in a
-- row (the wait doubles with each). primed: the first reading is done.
CREATE TABLE feed_subscriptions (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  url TEXT NOT NULL,
  visibility INTEGER NOT NULL DEFAULT 0,
  title TEXT NOT NULL DEFAULT '',
  etag TEXT NOT NULL DEFAULT '',
  last_modified TEXT NOT NULL DEFAULT '',
  primed INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  last_polled_at INTEGER NOT NULL DEFAULT 0,
  next_poll_at INTEGER NOT NULL,
  claimed_until INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, url)
);
CREATE INDEX feed_subscriptions_due ON feed_subscriptions(next_poll_at);
-- Every entry of a feed ever seen, by its id (or link), so that none is
-- posted twice; status_id: the post made of it (0: seen, not posted).
CREATE TABLE feed_entries (
  subscription_id INTEGER NOT NULL REFERENCES feed_subscriptions(id) ON DELETE CASCADE,
  entry_key TEXT NOT NULL,
  status_id INTEGER NOT NULL DEFAULT 0,
  seen_at INTEGER NOT NULL,
  PRIMARY KEY (subscription_id, entry_key)
);
)sql"},
      {28, "blog drafts kept on the server", R"sql(
-- A blog entry a member started and has not published, so that writing
-- can go on from another device. tags: one per line, as written.
-- community_id: 0 for the member's own blog.
CREATE TABLE drafts (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  title TEXT NOT NULL DEFAULT '',
  body TEXT NOT NULL DEFAULT '',
  tags TEXT NOT NULL DEFAULT '',
  community_id INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX drafts_by_member ON drafts(account_id, updated_at);
)sql"},
      {29, "notification policies and accepted notification requests", R"sql(
-- A member's notification policy (Mastodon's NotificationPolicy): per kind
-- of sender, accept, filter or drop. No row: accept everything.
CREATE TABLE notification_policies (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  for_not_following TEXT NOT NULL DEFAULT 'accept',
  for_not_followers TEXT NOT NULL DEFAULT 'accept',
  for_new_accounts TEXT NOT NULL DEFAULT 'accept',
  for_private_mentions TEXT NOT NULL DEFAULT 'accept',
  for_limited_accounts TEXT NOT NULL DEFAULT 'accept',
  updated_at INTEGER NOT NULL
);
-- Senders whose notifications a member accepts whatever the policy (an
-- accepted notification request).
CREATE TABLE notification_permissions (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  from_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, from_account_id)
);
)sql"},
      {30, "filters and muted threads", R"sql(
-- A member's filters: contexts is a bit set (1 home, 2 notifications,
-- 4 public, 8 thread, 16 account); action 0 warn, 1 hide, 2 blur;
-- expires_at 0: never.
CREATE TABLE filters (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  title TEXT NOT NULL,
  contexts INTEGER NOT NULL,
  action INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE INDEX filters_account ON filters(account_id, id);
CREATE TABLE filter_keywords (
  id INTEGER PRIMARY KEY,
  filter_id INTEGER NOT NULL REFERENCES filters(id) ON DELETE CASCADE,
  keyword TEXT NOT NULL,
  whole_word INTEGER NOT NULL DEFAULT 1,
  position INTEGER NOT NULL
);
CREATE INDEX filter_keywords_filter ON filter_keywords(filter_id);
CREATE TABLE filter_statuses (
  id INTEGER PRIMARY KEY,
  filter_id INTEGER NOT NULL REFERENCES filters(id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  UNIQUE (filter_id, status_id)
);
CREATE INDEX filter_statuses_status ON filter_statuses(status_id);
-- Threads (by their first post) whose notifications a member muted.
CREATE TABLE thread_mutes (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  thread_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  PRIMARY KEY (account_id, thread_id)
);
)sql"},
      {31, "followed and featured tags, announcements", R"sql(
-- Tags a member follows: their posts reach the member's home stream. id:
-- the page cursor of /api/v1/followed_tags.
CREATE TABLE tag_follows (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, tag_id)
);
CREATE INDEX tag_follows_tag ON tag_follows(tag_id, account_id);
-- Tags a member features on their profile.
CREATE TABLE featured_tags (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  tag_id INTEGER NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, tag_id)
);
-- The organization's announcements from administrators: text (Markdown)
-- and its HTML; shown from published_at (a later time: scheduled) until
-- ends_at (0: no end); starts_at/ends_at also name the event's time.
CREATE TABLE announcements (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  content_html TEXT NOT NULL,
  starts_at INTEGER NOT NULL DEFAULT 0,
  ends_at INTEGER NOT NULL DEFAULT 0,
  all_day INTEGER NOT NULL DEFAULT 0,
  published_at INTEGER NOT NULL,
  created_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX announcements_published ON announcements(published_at);
CREATE TABLE announcement_dismissals (
  announcement_id INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  PRIMARY KEY (announcement_id, account_id)
) WITHOUT ROWID;
CREATE TABLE announcement_reactions (
  announcement_id INTEGER NOT NULL REFERENCES announcements(id) ON DELETE CASCADE,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (announcement_id, account_id, name)
) WITHOUT ROWID;
)sql"},
      {32, "reports, the organization's rules, warnings and limits on people", R"sql(
-- The organization's rules, shown to members and cited by reports
-- (Mastodon's instance rules). deleted_at: a rule removed by an
-- administrator is no longer listed but stays for the reports that cite it.
-- The default set is written by the store at the rules' first use, not
-- here, so that a new database stays empty for an import.
CREATE TABLE instance_rules (
  id INTEGER PRIMARY KEY,
  text TEXT NOT NULL,
  hint TEXT NOT NULL DEFAULT '',
  position INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  deleted_at INTEGER NOT NULL DEFAULT 0
);
-- A member's report of a person (and some of their posts) to the
-- moderators. community_id: the one community all reported posts are in
-- (its moderators see the report), 0 otherwise. rule_ids: the rules cited,
-- comma-separated. action_taken_at 0: unresolved.
CREATE TABLE reports (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  community_id INTEGER NOT NULL DEFAULT 0,
  category TEXT NOT NULL,
  comment TEXT NOT NULL DEFAULT '',
  rule_ids TEXT NOT NULL DEFAULT '',
  forwarded INTEGER NOT NULL DEFAULT 0,
  assigned_account_id INTEGER NOT NULL DEFAULT 0,
  action_taken_at INTEGER NOT NULL DEFAULT 0,
  action_taken_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX reports_open ON reports(action_taken_at, id);
CREATE INDEX reports_target ON reports(target_account_id, id);
CREATE INDEX reports_reporter ON reports(account_id, id);
CREATE INDEX reports_community ON reports(community_id, id);
-- The posts a report names. A post removed by a moderator keeps its row:
-- removed_at, who removed it, the reason, and the post as it was (record:
-- JSON, social/post_record_json.h).
CREATE TABLE report_statuses (
  report_id INTEGER NOT NULL REFERENCES reports(id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL,
  removed_at INTEGER NOT NULL DEFAULT 0,
  removed_by INTEGER NOT NULL DEFAULT 0,
  removal_reason TEXT NOT NULL DEFAULT '',
  record TEXT NOT NULL DEFAULT '',
  PRIMARY KEY (report_id, status_id)
);
-- A moderator's action on a person, with the warning they are shown
-- (Mastodon's AccountWarning). action: none, sensitive, disable, silence,
-- suspend.
CREATE TABLE account_warnings (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  action TEXT NOT NULL,
  text TEXT NOT NULL DEFAULT '',
  report_id INTEGER NOT NULL DEFAULT 0,
  created_by INTEGER NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX account_warnings_account ON account_warnings(account_id, id);
-- Limits moderators placed on a person: sensitized (their attachments are
-- marked sensitive), silenced (they read but do not write); 0: not.
CREATE TABLE account_limits (
  account_id INTEGER PRIMARY KEY REFERENCES accounts(id) ON DELETE CASCADE,
  sensitized_at INTEGER NOT NULL DEFAULT 0,
  silenced_at INTEGER NOT NULL DEFAULT 0
);
-- What a moderation notification is about: the report resolved (for its
-- reporter) or the warning given (for the person warned).
CREATE TABLE moderation_notifications (
  notification_id INTEGER PRIMARY KEY REFERENCES notifications(id) ON DELETE CASCADE,
  report_id INTEGER NOT NULL DEFAULT 0,
  warning_id INTEGER NOT NULL DEFAULT 0
);
)sql"},
      {33, "direct conversations", R"sql(
-- Members' direct conversations (Mastodon's AccountConversation): one
-- member's entry for the direct posts of one thread (thread_id: its first
-- post) among the same people (participants: the others' ids, sorted,
-- comma-separated), with an unread flag of the member's own. last_status_id:
-- the newest of its posts, the list's order and cursor.
CREATE TABLE conversations (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  thread_id INTEGER NOT NULL,
  participants TEXT NOT NULL,
  last_status_id INTEGER NOT NULL,
  unread INTEGER NOT NULL DEFAULT 0,
  UNIQUE (account_id, thread_id, participants)
);
CREATE INDEX conversations_account ON conversations(account_id, last_status_id);
-- The posts of each member's conversation (they leave with the post).
CREATE TABLE conversation_statuses (
  conversation_id INTEGER NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
  status_id INTEGER NOT NULL REFERENCES statuses(id) ON DELETE CASCADE,
  PRIMARY KEY (conversation_id, status_id)
);
CREATE INDEX conversation_statuses_status ON conversation_statuses(status_id);
)sql"},
      {34, "private notes on people, endorsements, dismissed suggestions", R"sql(
-- A member's private note on another person (Mastodon's account note):
-- only its writer ever sees it.
CREATE TABLE account_notes (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  comment TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, target_id)
);
-- The people a member features on their profile (endorsements): only
-- people they follow; unfollowing or a block takes the endorsement away.
CREATE TABLE account_pins (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  UNIQUE (account_id, target_id)
);
CREATE INDEX account_pins_account ON account_pins(account_id, id);
-- Follow suggestions a member dismissed: never suggested to them again.
CREATE TABLE suggestion_dismissals (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  target_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (account_id, target_id)
);
)sql"},
      {35, "web push: subscriptions and their deliveries", R"sql(
-- One push subscription per access token (token_id) or browser session
-- (session_id), as Mastodon; it goes with the token or session. alerts:
-- the notification types to push, as ",mention,follow,"; policy: all,
-- followed, follower or none.
CREATE TABLE push_subscriptions (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  token_id INTEGER UNIQUE REFERENCES oauth_tokens(id) ON DELETE CASCADE,
  session_id INTEGER UNIQUE REFERENCES sessions(id) ON DELETE CASCADE,
  endpoint TEXT NOT NULL,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  alerts TEXT NOT NULL DEFAULT ',',
  policy TEXT NOT NULL DEFAULT 'all',
  created_at INTEGER NOT NULL
);
CREATE INDEX push_subscriptions_account ON push_subscriptions(account_id);
-- One notification to push to one subscription, queued with the
-- notification (store/push_store.h). state: 0 queued, 1 sent, 2 failed for
-- good, 3 dropped (nothing to push when it was due); the lease columns as
-- mail_outbox's (store/sql/leased_queue.h).
CREATE TABLE push_jobs (
  id INTEGER PRIMARY KEY,
  subscription_id INTEGER NOT NULL REFERENCES push_subscriptions(id) ON DELETE CASCADE,
  notification_id INTEGER NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
  state INTEGER NOT NULL DEFAULT 0 CHECK (state BETWEEN 0 AND 3),
  attempts INTEGER NOT NULL DEFAULT 0,
  failures INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until INTEGER NOT NULL DEFAULT 0,
  last_error TEXT NOT NULL DEFAULT '',
  last_error_at INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  sent_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX push_jobs_due ON push_jobs(next_attempt_at) WHERE state = 0;
CREATE INDEX push_jobs_subscription ON push_jobs(subscription_id);
CREATE INDEX push_jobs_notification ON push_jobs(notification_id);
)sql"},
      {36, "eDiscovery export jobs", R"sql(
-- An administrator's eDiscovery export, run by the background worker of
-- one node (a lease: lease_owner until lease_until). state: 0 queued, 1
-- running, 2 done (the file in the data folder's exports/), 3 failed.
CREATE TABLE ediscovery_exports (
  id INTEGER PRIMARY KEY,
  requested_by INTEGER NOT NULL,
  account_id INTEGER NOT NULL DEFAULT 0,
  community_id INTEGER NOT NULL DEFAULT 0,
  from_at INTEGER NOT NULL DEFAULT 0,
  to_at INTEGER NOT NULL DEFAULT 0,
  state INTEGER NOT NULL DEFAULT 0,
  progress TEXT NOT NULL DEFAULT '',
  error TEXT NOT NULL DEFAULT '',
  lease_owner TEXT NOT NULL DEFAULT '',
  lease_until INTEGER NOT NULL DEFAULT 0,
  attempts INTEGER NOT NULL DEFAULT 0,
  file_bytes INTEGER NOT NULL DEFAULT 0,
  file_sha256 TEXT NOT NULL DEFAULT '',
  created_at INTEGER NOT NULL,
  started_at INTEGER NOT NULL DEFAULT 0,
  finished_at INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ediscovery_exports_pending ON ediscovery_exports(state, id);
)sql"},
      {37, "the quotes of a post; announcements announced live", R"sql(
-- GET /api/v1/statuses/:id/quotes: the posts quoting one, newest first.
CREATE INDEX statuses_quote_of ON statuses(quote_of_id, id) WHERE quote_of_id IS NOT NULL;
-- 0 while a scheduled announcement's start has not yet been announced on
-- the live streams (claimed once in a cluster); those before this count as
-- announced.
ALTER TABLE announcements ADD COLUMN announced INTEGER NOT NULL DEFAULT 1;
CREATE INDEX announcements_unannounced ON announcements(published_at) WHERE announced = 0;
)sql"},
      {38, "custom emoji", R"sql(
-- The organization's custom emoji (":shortcode:" in posts and names):
-- the picture's files are the media store's (file_key, variants
-- "original" and "static"), content_type the original's.
CREATE TABLE custom_emojis (
  id INTEGER PRIMARY KEY,
  shortcode TEXT NOT NULL UNIQUE,
  category TEXT NOT NULL DEFAULT '',
  visible_in_picker INTEGER NOT NULL DEFAULT 1,
  file_key TEXT NOT NULL,
  content_type TEXT NOT NULL,
  width INTEGER NOT NULL,
  height INTEGER NOT NULL,
  created_by INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
)sql"},
      {39, "members' preferences; the history of profile changes", R"sql(
-- A member's own settings kept on the account, by name: interface_language
-- (a BCP 47 tag), posting_visibility, posting_sensitive ("true"/"false")
-- and posting_language (ISO 639-1). No row: the default.
CREATE TABLE account_preferences (
  account_id INTEGER NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
  name TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY (account_id, name)
);
-- Every change to a person's profile, append-only (no route changes or
-- deletes a row; nothing deletes them, so a held person's history stays):
-- actor_kind self (the person), directory (actor_source names the source
-- and its run, e.g. "scim", "csv:<run>", "ldap:<run>") or admin
-- (actor_account_id). Pictures: the file's reference, never its bytes.
CREATE TABLE profile_changes (
  id INTEGER PRIMARY KEY,
  account_id INTEGER NOT NULL,
  changed_at INTEGER NOT NULL,
  actor_kind TEXT NOT NULL,
  actor_account_id INTEGER NOT NULL DEFAULT 0,
  actor_source TEXT NOT NULL DEFAULT '',
  field TEXT NOT NULL,
  before_value TEXT,
  after_value TEXT
);
CREATE INDEX profile_changes_account ON profile_changes(account_id, id);
)sql"},
  };
  return migrations;
}

}  // namespace atrium::sqlite
