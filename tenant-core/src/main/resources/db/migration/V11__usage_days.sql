-- The platform's use of WeChat per WeChat day (Asia/Shanghai), for the dashboard's 7- and 30-day charts. Redis
-- counts the current day (and keeps the day before) as calls happen; a scheduled roll-up copies each day's totals
-- here. One row per day, metric and key, so the table grows with days x APIs (and errcodes, refresh outcomes),
-- never with accounts:
--   calls      key = the API's registry key: attempts sent to WeChat by every account
--   errors     key = WeChat's errcode, or 'none' when WeChat did not answer in its protocol
--   refreshes  key = '<component|authorizer>:<outcome>': token refreshes by outcome ('ok', 'errcode-<n>', ...)
--   peak       key = the API's registry key: the most calls one account made of it that day (quota use)
-- The roll-up writes Redis's running totals, never adds to a row: writing the same day again, from any instance,
-- leaves the same row, and greatest() keeps an older read from lowering a newer one.
create table usage_day (
    day     date not null,
    metric  varchar(16) not null check (metric in ('calls', 'errors', 'refreshes', 'peak')),
    key     varchar(64) not null,
    count   bigint not null check (count >= 0),
    primary key (day, metric, key)
);
