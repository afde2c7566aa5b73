-- Co-drafting: the access level `comment` (may comment and suggest, may not edit), comment threads on
-- documents, and in-app notifications (mentions, replies). A thread's anchor is a `comment` mark with its id
-- in the Yjs document, so it moves with concurrent edits; a thread whose marked text is gone is orphaned
-- (computed when read, never deleted).

alter table membership drop constraint membership_access_check;
alter table membership add constraint membership_access_check check (access in ('edit', 'comment', 'view'));

create table comment_thread (
  id uuid not null default gen_random_uuid(),
  body_id uuid not null,
  document_id uuid not null,
  -- The text that was selected when the thread was opened: shown for orphaned threads.
  quote text not null,
  created_by uuid,
  created_at timestamptz not null default now(),
  resolved_at timestamptz,
  -- Null when open, or when the person who resolved it was deleted.
  resolved_by uuid,
  constraint comment_thread_pkey primary key (id),
  constraint comment_thread_body_id_fkey foreign key (body_id) references body (id) on delete cascade,
  constraint comment_thread_document_id_fkey foreign key (document_id) references document (id) on delete cascade,
  constraint comment_thread_created_by_fkey foreign key (created_by) references app_user (id) on delete set null,
  constraint comment_thread_resolved_by_fkey foreign key (resolved_by) references app_user (id) on delete set null
);
create index comment_thread_document_id_idx on comment_thread (document_id, created_at);

-- The first comment of a thread opens it; the others are replies, oldest first. A deleted comment keeps
-- its place in the thread ("Kommentar gelöscht") with its text removed.
create table comment (
  id uuid not null default gen_random_uuid(),
  thread_id uuid not null,
  author_id uuid,
  text text not null,
  created_at timestamptz not null default now(),
  edited_at timestamptz,
  deleted_at timestamptz,
  constraint comment_pkey primary key (id),
  constraint comment_thread_id_fkey foreign key (thread_id) references comment_thread (id) on delete cascade,
  constraint comment_author_id_fkey foreign key (author_id) references app_user (id) on delete set null,
  constraint comment_deleted_check check (deleted_at is null or text = '')
);
create index comment_thread_id_idx on comment (thread_id, created_at);

-- People a comment mentions (@Name); each may read the document when mentioned.
create table comment_mention (
  comment_id uuid not null,
  user_id uuid not null,
  constraint comment_mention_pkey primary key (comment_id, user_id),
  constraint comment_mention_comment_id_fkey foreign key (comment_id) references comment (id) on delete cascade,
  constraint comment_mention_user_id_fkey foreign key (user_id) references app_user (id) on delete cascade
);
create index comment_mention_user_id_idx on comment_mention (user_id);

-- In-app notifications: `mention` (someone mentioned the user) and `reply` (a reply in a thread the user
-- opened or replied to). Never for one's own comments.
create table notification (
  id uuid not null default gen_random_uuid(),
  user_id uuid not null,
  kind text not null,
  thread_id uuid not null,
  comment_id uuid not null,
  actor_id uuid,
  created_at timestamptz not null default now(),
  read_at timestamptz,
  constraint notification_pkey primary key (id),
  constraint notification_user_id_fkey foreign key (user_id) references app_user (id) on delete cascade,
  constraint notification_thread_id_fkey foreign key (thread_id) references comment_thread (id) on delete cascade,
  constraint notification_comment_id_fkey foreign key (comment_id) references comment (id) on delete cascade,
  constraint notification_actor_id_fkey foreign key (actor_id) references app_user (id) on delete set null,
  constraint notification_kind_check check (kind in ('mention', 'reply')),
  constraint notification_user_id_comment_id_uq unique (user_id, comment_id)
);
create index notification_user_id_idx on notification (user_id, created_at desc);
create index notification_unread_idx on notification (user_id) where read_at is null;
