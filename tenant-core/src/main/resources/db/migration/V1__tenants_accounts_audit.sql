-- Tenants (merchants), their official accounts (authorizers), the audit of every authorization change,
-- and the last verify ticket per component. All migrations live in tenant-core, which owns the schema.

create table tenant (
    id             bigint generated always as identity primary key,
    name           varchar(100) not null,
    contact_name   varchar(100),
    contact_email  varchar(200),
    contact_phone  varchar(50),
    note           varchar(1000),
    created_at     timestamptz not null,
    updated_at     timestamptz not null,
    constraint tenant_name_unique unique (name)
);

create table official_account (
    appid                 varchar(32) primary key,
    tenant_id             bigint not null references tenant (id),
    status                varchar(16) not null
                          constraint official_account_status check (status in ('AUTHORIZED', 'NEEDS_REAUTH', 'REVOKED')),
    permission_sets       integer[] not null default '{}',
    nickname              varchar(200),
    head_img              varchar(1000),
    service_type          integer,
    verify_type           integer,
    principal_name        varchar(200),
    user_name             varchar(64),
    alias                 varchar(64),
    qrcode_url            varchar(1000),
    -- AES-GCM sealed (io.atrium.custody.CredentialCipher), bound to appid; null once revoked.
    refresh_token_sealed  varchar(2000),
    authorized_at         timestamptz,
    revoked_at            timestamptz,
    created_at            timestamptz not null,
    updated_at            timestamptz not null
);

create index official_account_tenant on official_account (tenant_id);

create table authorization_audit (
    id           bigint generated always as identity primary key,
    appid        varchar(32) not null,
    tenant_id    bigint,
    actor        varchar(100) not null,
    action       varchar(40) not null,
    detail       varchar(500),
    before_state jsonb,
    after_state  jsonb,
    occurred_at  timestamptz not null
);

create index authorization_audit_appid on authorization_audit (appid, occurred_at desc);

create table component_verify_ticket (
    component_appid  varchar(32) primary key,
    ticket           varchar(512) not null,
    create_time      timestamptz not null,
    received_at      timestamptz not null
);

-- What the last reconcile against WeChat's authorizer list found that needs a person: authorizers WeChat lists
-- that Atrium does not hold, and accounts Atrium holds as authorized that WeChat no longer lists.
create table reconcile_finding (
    kind        varchar(32) not null
                constraint reconcile_finding_kind check (kind in ('UNKNOWN_TO_ATRIUM', 'NOT_LISTED_BY_WECHAT')),
    appid       varchar(32) not null,
    first_seen  timestamptz not null,
    last_seen   timestamptz not null,
    primary key (kind, appid)
);
