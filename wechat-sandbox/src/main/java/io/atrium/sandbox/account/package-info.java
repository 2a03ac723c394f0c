/**
 * The merchant Official Accounts that exist on the sandbox's WeChat side, including the seeded demo accounts.
 */
package io.atrium.sandbox.account;
