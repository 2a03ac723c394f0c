-- API keys of the provider's other backends (REST /api/v1). Only the SHA-256 of a key is stored: the key
-- itself is shown once, when it is created. A key sees every tenant's accounts (tenant_id null) or one tenant's.
create table api_key (
    id          bigint generated always as identity primary key,
    name        varchar(100) not null,
    tenant_id   bigint references tenant (id),
    key_hash    char(64) not null,
    -- The key's first characters, so that an operator can tell keys apart; not enough to use one.
    key_hint    varchar(16) not null,
    created_by  varchar(100) not null,
    created_at  timestamptz not null,
    revoked_by  varchar(100),
    revoked_at  timestamptz,
    constraint api_key_hash_unique unique (key_hash)
);

create index api_key_tenant on api_key (tenant_id);
