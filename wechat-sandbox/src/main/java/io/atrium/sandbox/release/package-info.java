/**
 * The 全网发布 (release) test WeChat runs against a platform before publishing it to all accounts: its test
 * accounts, and a run of its three steps against the platform's message URL with a pass or fail per step.
 */
package io.atrium.sandbox.release;
