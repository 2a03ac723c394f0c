-- The console's users and the audit of their attempts to reach what is not theirs (issue 5). Operators
-- (PLATFORM_ADMIN, PLATFORM_VIEWER) see every tenant; a MERCHANT user is bound to exactly one tenant.
-- Passwords are stored as Spring Security's delegating encoder writes them: {bcrypt}$2a$...

create table console_user (
    id             bigint generated always as identity primary key,
    username       varchar(64) not null,
    password_hash  varchar(200) not null,
    role           varchar(20) not null
                   constraint console_user_role check (role in ('PLATFORM_ADMIN', 'PLATFORM_VIEWER', 'MERCHANT')),
    tenant_id      bigint references tenant (id),
    enabled        boolean not null default true,
    created_at     timestamptz not null,
    constraint console_user_tenant check ((role = 'MERCHANT') = (tenant_id is not null))
);

-- Usernames are unique regardless of case, so that "Alice" cannot sit beside "alice".
create unique index console_user_username on console_user (lower(username));
create index console_user_tenant on console_user (tenant_id);

-- A console user asked for an account, tenant or onboarding session outside what they may see. They were
-- answered 404, as if it did not exist; this is where an operator finds out who probed what.
create table console_access_audit (
    id              bigint generated always as identity primary key,
    username        varchar(64) not null,
    user_tenant_id  bigint,
    target_kind     varchar(20) not null,
    target          varchar(100) not null,
    request_path    varchar(500),
    occurred_at     timestamptz not null
);

create index console_access_audit_time on console_access_audit (occurred_at desc);
