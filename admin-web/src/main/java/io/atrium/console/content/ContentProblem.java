package io.atrium.console.content;

import java.util.function.Consumer;
import java.util.function.Supplier;

import io.atrium.account.AccountStatus;
import io.atrium.console.access.NotFoundException;
import io.atrium.content.InvalidContentRequestException;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.PermissionNotGrantedException;
import io.atrium.upstream.RateLimitedException;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Why a content page could not show WeChat's answer, as a key of the console's messages
 * ({@code content.problem.<key>}): the page says so in words instead of failing with an error page.
 *
 * @param key the message key's last part
 */
public record ContentProblem(String key) {

	private static final Logger logger = LoggerFactory.getLogger(ContentProblem.class);

	/** A permission set is missing (the API's 403): the merchant re-authorizes with it. */
	static final ContentProblem PERMISSION = new ContentProblem("permission");

	/**
	 * WeChat's 48001: the account itself lacks the API (freepublish needs a verified account), whatever sets it
	 * granted; re-authorizing does not help.
	 */
	static final ContentProblem UNVERIFIED = new ContentProblem("unverified");

	/** The account needs re-authorization (the API's 409). */
	static final ContentProblem NOT_AUTHORIZED = new ContentProblem("not-authorized");

	/** The merchant cancelled the authorization (revoked, or WeChat's 61003). */
	static final ContentProblem REVOKED = new ContentProblem("revoked");

	/** WeChat does not know the article or material (53600, 40007): the API's 404. */
	static final ContentProblem NOT_FOUND = new ContentProblem("not-found");

	/** Atrium's or WeChat's quota is spent (the API's 429). */
	static final ContentProblem RATE_LIMITED = new ContentProblem("rate-limited");

	/** A page parameter is out of range (the API's 400). */
	static final ContentProblem INVALID = new ContentProblem("invalid");

	/** WeChat, the token or storage is unavailable (the API's 502 and 503). */
	static final ContentProblem UNAVAILABLE = new ContentProblem("unavailable");

	/**
	 * Calls the content service.
	 * @param call the call
	 * @param onProblem told the problem when the call failed
	 * @return the answer, or null after a problem
	 * @throws NotFoundException if the account is not in the user's scope
	 */
	static <T> T attempt(Supplier<T> call, Consumer<ContentProblem> onProblem) {
		try {
			return call.get();
		}
		catch (AccountNotFoundException ex) {
			throw new NotFoundException("Account");
		}
		catch (PermissionNotGrantedException ex) {
			onProblem.accept((ex.error() != null && ex.error().errcode() == 48001) ? UNVERIFIED : PERMISSION);
		}
		catch (AccountNotAuthorizedException ex) {
			onProblem.accept((ex.status() == AccountStatus.REVOKED) ? REVOKED : NOT_AUTHORIZED);
		}
		catch (WeChatApiException ex) {
			if (ex.kind() == WeChatErrorKind.NOT_FOUND) {
				onProblem.accept(NOT_FOUND);
			}
			else if (ex.kind() == WeChatErrorKind.AUTHORIZATION_CANCELLED) {
				onProblem.accept(REVOKED);
			}
			else {
				logger.warn("Content unavailable: {}", ex.toString());
				onProblem.accept(UNAVAILABLE);
			}
		}
		catch (RateLimitedException ex) {
			onProblem.accept(RATE_LIMITED);
		}
		catch (InvalidContentRequestException ex) {
			onProblem.accept(INVALID);
		}
		catch (RuntimeException ex) {
			logger.warn("Content unavailable: {}", ex.toString());
			onProblem.accept(UNAVAILABLE);
		}
		return null;
	}

}
