-- The content index: each authorized account's published posts and permanent materials, synced from WeChat, so
-- that lists and searches answer from here whatever WeChat is doing and spend no quota.
--
-- Search: search_text is the searched text (titles, authors, digests) in lower case, grams its distinct pairs of
-- consecutive characters. A query of two characters or more looks up the rows holding all of its pairs in the GIN
-- index of grams, then checks search_text LIKE '%query%'. Chinese has no spaces, and its searches are mostly of
-- two characters, which a trigram index (pg_trgm) cannot serve and whose CJK support depends on the database's
-- locale; pairs in a plain text[] need no extension and no locale. A one-character query scans.
-- One row per published post (freepublish/batchget item), narrow: what lists are searched, filtered and sorted
-- by, so that a search reads little. removed_at: no longer listed by WeChat; deleted: every article of the post is
-- is_deleted.
create table content_post (
    appid          varchar(32) not null,
    article_id     varchar(128) not null,
    update_time    bigint not null,
    title          text not null,
    search_text    text not null,
    grams          text[] not null,
    deleted        boolean not null default false,
    seen_at        timestamptz not null,
    removed_at     timestamptz,
    primary key (appid, article_id)
);

create index content_post_list on content_post (appid, update_time desc, article_id);
create index content_post_recent on content_post (update_time desc, appid, article_id);
create index content_post_grams on content_post using gin (grams);

-- A post's articles as getarticle answered them (HTML included), fetched only when the post is new or changed;
-- read for the page's rows only.
create table content_post_body (
    appid       varchar(32) not null,
    article_id  varchar(128) not null,
    articles    jsonb not null,
    primary key (appid, article_id)
);

-- One row per permanent material (batchget_material item), as WeChat listed it.
create table content_material (
    appid         varchar(32) not null,
    media_id      varchar(128) not null,
    type          varchar(8) not null constraint content_material_type check (type in ('image', 'video', 'voice', 'news')),
    update_time   bigint not null,
    name          text not null default '',
    item          jsonb not null,
    search_text   text not null,
    grams         text[] not null,
    seen_at       timestamptz not null,
    removed_at    timestamptz,
    primary key (appid, media_id)
);

create index content_material_list on content_material (appid, type, update_time desc, media_id);
create index content_material_grams on content_material using gin (grams);

-- Each account's sync: when it is due, who holds it (a lease in the database's own time, so two instances never
-- sync one account at once whatever their clocks say), where a paused pass resumes, and how the last run ended.
-- posts_synced_at and materials_synced_at: when each list was last read to its end. Reads of the index wait for
-- them, so an account whose posts WeChat refuses (unverified: 48001) is still asked live and told so.
create table content_sync (
    appid            varchar(32) primary key,
    next_sync_at     timestamptz not null,
    lease_owner      varchar(64),
    lease_until      timestamptz,
    pass_started_at  timestamptz,
    phase            varchar(8),
    phase_offset     integer not null default 0,
    pass_calls       integer not null default 0,
    synced_at        timestamptz,
    posts_synced_at      timestamptz,
    materials_synced_at  timestamptz,
    last_run_at      timestamptz,
    last_outcome     varchar(16),
    last_calls       integer not null default 0,
    last_error       varchar(300)
);

create index content_sync_due on content_sync (next_sync_at);
