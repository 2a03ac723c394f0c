-- A claim whose holder may have had its code spent by WeChat without storing the account (api_query_auth timed
-- out, or answered and the write failed) is kept as UNCONFIRMED, with the authorizer when WeChat named it, so that
-- the next arrival of the code recovers the authorization instead of reading WeChat's 61009 as a refusal.
-- NOT_LISTED: such a recovery found that WeChat does not list the authorizer (the authorization is gone).
-- attempts counts the holders: above 1, an earlier holder may have presented the code to WeChat.

alter table authorization_code_claim drop constraint authorization_code_claim_outcome;

alter table authorization_code_claim add constraint authorization_code_claim_outcome
    check (outcome in ('AUTHORIZED', 'HELD_BY_ANOTHER_TENANT', 'CODE_REJECTED', 'UNCONFIRMED', 'NOT_LISTED'));

alter table authorization_code_claim add column attempts integer not null default 1;
