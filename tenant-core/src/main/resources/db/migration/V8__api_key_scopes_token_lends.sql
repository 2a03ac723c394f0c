-- API keys gain what they may do (scopes), where (an account binding, WeChat path patterns), how often (a per-key
-- limit) and until when (an expiry). Keys made before keep exactly what they could do: read content.
alter table api_key
    add column scopes         varchar(100)[] not null default '{content:read}',
    -- Path patterns a key with wechat:call may call through the gateway, e.g. /cgi-bin/menu/*; none: none.
    add column wechat_paths   varchar(200)[] not null default '{}',
    -- The one account the key may reach (of its tenant); null: every account of its scope.
    add column appid          varchar(32) references official_account (appid),
    add column per_minute     integer constraint api_key_per_minute_positive check (per_minute is null or per_minute > 0),
    add column expires_at     timestamptz,
    add constraint api_key_account_has_tenant check (appid is null or tenant_id is not null);

-- Every token lent to another system, and every report of a refused one: who (key), which account (null: the
-- component token), when, and whether the report made Atrium refresh.
create table token_lend (
    id          bigint generated always as identity primary key,
    api_key_id  bigint not null references api_key (id),
    appid       varchar(32),
    kind        varchar(16) not null constraint token_lend_kind check (kind in ('LEND', 'REPORT_INVALID')),
    refreshed   boolean not null default false,
    at          timestamptz not null
);

create index token_lend_key_at on token_lend (api_key_id, at);
create index token_lend_appid_at on token_lend (appid, at);
