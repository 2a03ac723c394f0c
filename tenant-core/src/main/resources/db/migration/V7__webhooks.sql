-- Webhooks (issue 11, part B): the provider's endpoints and the durable outbox of deliveries to them.
-- PostgreSQL rather than a Redis stream: an acknowledged message must survive a Redis flush or fail-over, and the
-- rows are the delivery log and the dead letters the console shows.

-- An endpoint of one tenant, or platform-wide (tenant_id null: every tenant's messages).
create table webhook_endpoint (
    id              bigint generated always as identity primary key,
    tenant_id       bigint references tenant (id) on delete cascade,
    url             varchar(2048) not null,
    -- Comma-separated, lower case: '*' (everything), a MsgType ('text', 'image', ..., 'event' for every event) or
    -- 'event:<name>' ('event:subscribe').
    event_filter    varchar(1000) not null,
    -- The signing secret sealed with CredentialCipher (bound to the endpoint id); shown once, never stored plain.
    secret_sealed   varchar(500) not null,
    -- After a rotation the old secret signs too (a second v1= value) until previous_until, so receivers can switch
    -- without dropping a delivery; null when revoked at once or never rotated.
    previous_secret_sealed varchar(500),
    previous_until  timestamptz,
    enabled         boolean not null,
    -- At most one per tenant: its answer within the budget becomes the passive reply.
    sync_reply      boolean not null default false,
    created_by      varchar(100) not null,
    created_at      timestamptz not null,
    updated_at      timestamptz not null
);

create index webhook_endpoint_tenant on webhook_endpoint (tenant_id);
create unique index webhook_endpoint_one_sync_per_tenant on webhook_endpoint (tenant_id) where sync_reply;

-- One row per (endpoint, message): pending until the receiver answers 2xx (delivered) or the retry window ends
-- (dead). A claim sets lease_until and lease_token; an instance that dies mid-delivery leaves a lease that runs out,
-- and another instance claims the row again.
create table webhook_delivery (
    id              bigint generated always as identity primary key,
    endpoint_id     bigint not null references webhook_endpoint (id) on delete cascade,
    -- Atrium-Webhook-Id: the message's delivery id (the same for WeChat's retries), or a test send's own.
    delivery_id     varchar(64) not null,
    appid           varchar(64),
    tenant_id       bigint,
    -- The user: deliveries of one user to one endpoint go out in order.
    openid          varchar(128) not null,
    kind            varchar(64) not null,
    -- The JSON body, kept as text: it is signed byte for byte.
    payload         text not null,
    status          varchar(16) not null,
    attempts        int not null default 0,
    next_attempt_at timestamptz not null,
    -- Start of the retry window (created, or redelivered from the console).
    window_start    timestamptz not null,
    lease_until     timestamptz,
    lease_token     varchar(36),
    last_status     int,
    last_error      varchar(500),
    latency_ms      int,
    created_at      timestamptz not null,
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    constraint webhook_delivery_status check (status in ('PENDING', 'DELIVERED', 'DEAD')),
    -- A message is queued once per endpoint even if the duplicate check in Redis was lost.
    constraint webhook_delivery_once unique (endpoint_id, delivery_id)
);

create index webhook_delivery_due on webhook_delivery (next_attempt_at) where status = 'PENDING';
create index webhook_delivery_user_order on webhook_delivery (endpoint_id, openid, id) where status = 'PENDING';
create index webhook_delivery_log on webhook_delivery (endpoint_id, id desc);
-- The purge of old delivered and dead rows (atrium.webhooks.keep-delivered, keep-dead).
create index webhook_delivery_finished on webhook_delivery (coalesce(delivered_at, last_attempt_at))
    where status <> 'PENDING';
