package io.atrium.account;

/**
 * An account's stored authorization changed (status, tenant, permission sets, profile): whoever keeps a copy of
 * the account drops it. Published by {@link AccountAuthorizations}, inside its transaction; listen after commit.
 *
 * @param appId the account
 */
public record AccountChanged(String appId) {

}
