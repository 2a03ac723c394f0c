-- Imports of authorizers WeChat lists but Atrium does not hold (a provider moving from another platform): who ran
-- one, when, how it assigned tenants, and how many accounts came out which way. Each imported account also has an
-- IMPORTED row in authorization_audit; the per-account rows here also keep the accounts that were not imported.
create table authorizer_import (
    id            bigint generated always as identity primary key,
    actor         varchar(100) not null,
    source        varchar(200) not null,
    started_at    timestamptz not null,
    finished_at   timestamptz,
    listed        integer not null,
    imported      integer not null default 0,
    already_held  integer not null default 0,
    held_by_other integer not null default 0,
    failed        integer not null default 0
);

create table authorizer_import_account (
    import_id  bigint not null references authorizer_import (id),
    appid      varchar(32) not null,
    tenant_id  bigint,
    outcome    varchar(32) not null,
    detail     varchar(500),
    primary key (import_id, appid)
);

-- When a deployment's scheduled jobs last started, so that of several instances only one runs a job per interval
-- (reconcile reads WeChat's whole authorizer list: once per deployment, not once per instance).
create table scheduled_run (
    job         varchar(64) primary key,
    started_at  timestamptz not null,
    started_by  varchar(200) not null
);
