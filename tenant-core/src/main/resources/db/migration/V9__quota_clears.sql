-- Each clear_quota an operator asked for, as the audit of a scarce allowance: WeChat allows ten per account and
-- month. PENDING while WeChat is asked (it counts against the allowance, so two operators at once cannot spend an
-- eleventh), then CLEARED, REFUSED (WeChat said no, e.g. 48006) or FAILED (no answer; not counted).
create table quota_clear (
    id        bigint generated always as identity primary key,
    appid     varchar(32) not null,
    actor     varchar(100) not null,
    at        timestamptz not null,
    outcome   varchar(16) not null constraint quota_clear_outcome check (outcome in ('PENDING', 'CLEARED', 'REFUSED', 'FAILED')),
    errcode   integer
);

create index quota_clear_appid_at on quota_clear (appid, at);
