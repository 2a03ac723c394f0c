package io.atrium.token.message;

import java.util.regex.Pattern;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.token.push.PushRejectedException;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Whom a push to {@code /wechat/accounts/{appid}/messages} is for: an account Atrium holds (authorized, or waiting
 * for re-authorization: WeChat still delivers its messages) or one of WeChat's 全网发布 test accounts. Anything
 * else, a revoked account included (WeChat stops delivering after {@code unauthorized}), is refused with 404
 * before anything is stored.
 */
@Component
class MessageRecipients {

	private static final Pattern APPID = Pattern.compile("wx[0-9a-f]{16}");

	private final OfficialAccountRepository accounts;

	MessageRecipients(OfficialAccountRepository accounts) {
		this.accounts = accounts;
	}

	/** @throws PushRejectedException 404 when Atrium neither holds the account nor answers for it */
	Recipient find(String appId) {
		if (ReleaseTestAccounts.contains(appId)) {
			return new Recipient(appId, null);
		}
		// Not an appid at all: no need to ask PostgreSQL.
		OfficialAccount account = APPID.matcher(appId).matches() ? this.accounts.findById(appId)
			.filter((found) -> found.status() != AccountStatus.REVOKED)
			.orElse(null) : null;
		if (account == null) {
			throw new PushRejectedException(HttpStatus.NOT_FOUND, "not an account Atrium answers for");
		}
		return new Recipient(appId, account);
	}

	/** An account Atrium holds ({@code account} set), or a 全网发布 test account ({@code account} null). */
	record Recipient(String appId, OfficialAccount account) {

		boolean isReleaseTest() {
			return this.account == null;
		}

	}

}
