-- Onboarding: a session per authorization link handed to a tenant, and a claim per authorization code, so that
-- the browser's return and WeChat's authorized push redeem each code exactly once. Codes are stored only as
-- SHA-256 hex digests: enough to find a session from a push, useless to anyone reading the table.

create table onboarding_session (
    id                   uuid primary key,
    tenant_id            bigint not null references tenant (id),
    pre_auth_code_hash   char(64) not null,
    expires_at           timestamptz not null,
    completed_appid      varchar(32),
    completed_code_hash  char(64),
    completed_at         timestamptz,
    -- When the browser came back through the return URL with the completing code; a second visit is a replay.
    returned_at          timestamptz,
    created_at           timestamptz not null,
    constraint onboarding_session_pre_auth_code unique (pre_auth_code_hash)
);

create index onboarding_session_tenant on onboarding_session (tenant_id, created_at desc);

create table authorization_code_claim (
    code_hash    char(64) primary key,
    -- Null for a code redeemed to update an account Atrium holds (updateauthorized without a session).
    session_id   uuid references onboarding_session (id),
    claim_id     uuid not null,
    claimed_at   timestamptz not null,
    outcome      varchar(32)
                 constraint authorization_code_claim_outcome
                 check (outcome in ('AUTHORIZED', 'HELD_BY_ANOTHER_TENANT', 'CODE_REJECTED')),
    appid        varchar(32),
    finished_at  timestamptz
);
