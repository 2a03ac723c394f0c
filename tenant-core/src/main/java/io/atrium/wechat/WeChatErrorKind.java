package io.atrium.wechat;

import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * What an {@code errcode} means for the caller (protocol reference §5): whether to retry, refresh a token,
 * back off, or give up and tell someone.
 */
public enum WeChatErrorKind {

	/** -1 system busy: retry with backoff, within a budget. */
	TRANSIENT(-1),

	/** The access token is invalid, not the latest, or expired: invalidate it if it is still the one used, refresh once. */
	TOKEN_INVALID(40001, 40014, 42001),

	/** Daily quota of this API for this account is spent: nothing helps before midnight (Asia/Shanghai). */
	DAILY_QUOTA_EXCEEDED(45009),

	/** Per-minute limit: back off for a minute. */
	MINUTE_QUOTA_EXCEEDED(45011),

	/** The account or the platform lacks the permission: verification (48001), a permission set (61007), ... */
	PERMISSION_DENIED(48001, 48004, 50001, 61007),

	/** The thing asked for does not exist: unknown article (53600), media id (40007). */
	NOT_FOUND(53600, 40007),

	/** The request itself is wrong: a bug on our side or bad input; never retried. */
	INVALID_REQUEST(40004, 40097, 41001, 44002, 47001, 61014, 61015),

	/** The verify ticket is missing or stale: ask WeChat to push one ({@code api_start_push_ticket}). */
	TICKET_INVALID(61005, 61006),

	/** The refresh token is no longer accepted: reconcile from {@code api_get_authorizer_list}, else re-authorize. */
	REFRESH_TOKEN_INVALID(61023),

	/** The merchant cancelled the authorization. */
	AUTHORIZATION_CANCELLED(61003),

	/** An authorization or pre-auth code is invalid, used or expired. */
	CODE_INVALID(61009, 61010),

	/** The platform's own configuration is wrong: appid, secret, IP whitelist, publication. */
	CONFIGURATION(40013, 40125, 41004, 61004, 61011, 61024, 61028),

	/** Anything else: treated as a failure of this request, not retried. */
	OTHER();

	private static final Map<Integer, WeChatErrorKind> BY_CODE = Stream.of(values())
		.flatMap((kind) -> IntStream.of(kind.codes).mapToObj((code) -> Map.entry(code, kind)))
		.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));

	private final int[] codes;

	WeChatErrorKind(int... codes) {
		this.codes = codes;
	}

	public static WeChatErrorKind of(int errcode) {
		return BY_CODE.getOrDefault(errcode, OTHER);
	}

}
