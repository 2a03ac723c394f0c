-- When a console user's password was last set (reset or changed) or the user was disabled. A session that logged
-- in before this moment is ended on its next request (admin-web's SessionCheckFilter): sessions live in Redis and
-- may be served by another instance, so the database, not memory, says whether they still stand.
alter table console_user add column credentials_changed_at timestamptz;
update console_user set credentials_changed_at = created_at;
alter table console_user alter column credentials_changed_at set not null;
