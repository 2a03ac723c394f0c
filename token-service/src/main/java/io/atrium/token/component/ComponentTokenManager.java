package io.atrium.token.component;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

import io.atrium.token.cache.CachedToken;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSource.FreshToken;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.redis.RedisKeyspace;
import io.atrium.token.ticket.VerifyTicket;
import io.atrium.token.ticket.VerifyTicketStore;
import io.atrium.token.wechat.ComponentClient.TokenGrant;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.wechat.WeChatApiException;
import io.atrium.wechat.WeChatErrorKind;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.stereotype.Service;

/**
 * The platform's {@code component_access_token}: cached, refreshed single-flight, and the one place that decides
 * what happens when WeChat refuses it. A missing or stale verify ticket (61005/61006) makes it ask WeChat to push
 * a new one and fail fast; the ticket's arrival (see the callback) brings the token back.
 */
@Service
public class ComponentTokenManager {

	private static final Logger logger = LoggerFactory.getLogger(ComponentTokenManager.class);

	/** How often, at most, the platform asks WeChat to restart ticket pushes. */
	static final Duration PUSH_REQUEST_INTERVAL = Duration.ofMinutes(1);

	/** Records "asked at ARGV[1]" unless the last ask is younger than ARGV[2] ms, judged by the caller's clock. */
	private static final RedisScript<Long> PUSH_REQUEST_DUE = RedisScript.of("""
			local last = redis.call('GET', KEYS[1])
			if last and tonumber(ARGV[1]) - tonumber(last) < tonumber(ARGV[2]) then
				return 0
			end
			redis.call('SET', KEYS[1], ARGV[1], 'PX', 24 * 3600 * 1000)
			return 1""", Long.class);

	private final ComponentClient client;

	private final TokenCache cache;

	private final VerifyTicketStore tickets;

	private final TicketHealth ticketHealth;

	private final TokenSubject subject;

	private final StringRedisTemplate redis;

	private final String pushRequestedKey;

	private final Clock clock;

	public ComponentTokenManager(ComponentClient client, TokenCache cache, VerifyTicketStore tickets,
			TicketHealth ticketHealth, StringRedisTemplate redis, RedisKeyspace keys, Clock clock) {
		this.client = client;
		this.cache = cache;
		this.tickets = tickets;
		this.ticketHealth = ticketHealth;
		this.subject = TokenSubject.component(client.componentAppId());
		this.redis = redis;
		this.pushRequestedKey = keys.key("ticket-push-requested", client.componentAppId());
		this.clock = clock;
	}

	/** The current token; one Redis read unless it has to be refreshed. */
	public String get() {
		return current().token();
	}

	/** The current token with how long it counts as valid. */
	public CachedToken current() {
		return this.cache.get(this.subject, this::fetch);
	}

	/**
	 * Evicts {@code failedToken} if it is still the cached one: the next {@link #get} refreshes, single-flight.
	 * @return whether it was evicted
	 */
	public boolean invalidateIfCurrent(String failedToken) {
		return this.cache.invalidateIfSame(this.subject, failedToken);
	}

	/**
	 * Runs a call that needs the component token. If WeChat says the token is invalid or expired, evicts it (only
	 * if it is still the one that failed), fetches a fresh one and replays the call once; never more.
	 */
	public <T> T call(Function<String, T> call) {
		String token = get();
		try {
			return call.apply(token);
		}
		catch (WeChatApiException ex) {
			if (ex.kind() != WeChatErrorKind.TOKEN_INVALID) {
				throw ex;
			}
			logger.info("WeChat refused the component token ({}); refreshing once", ex.errcode());
			this.cache.invalidateIfSame(this.subject, token);
			return call.apply(get());
		}
	}

	/**
	 * A verify ticket was just stored. If no valid token is cached (a refresh failed for want of a ticket, or none
	 * was ever made), refreshes now instead of making the next caller wait. Never waits for another instance's
	 * refresh and never throws: the push that brought the ticket must still be answered {@code success}.
	 */
	public void ticketArrived() {
		if (this.cache.read(this.subject).isPresent()) {
			return;
		}
		try {
			this.cache.refreshIfDue(this.subject, this::fetch);
		}
		catch (RuntimeException ex) {
			logger.warn("Refreshing the component token after a ticket push failed: {}", ex.getMessage());
		}
	}

	/** Proactive refresh, from the scheduler. */
	public void refreshIfDue() {
		this.cache.refreshIfDue(this.subject, this::fetch);
	}

	public TokenSubject subject() {
		return this.subject;
	}

	private FreshToken fetch() {
		VerifyTicket ticket = this.tickets.current().orElseThrow(() -> {
			requestTicketPush("no valid verify ticket stored");
			return new TicketUnavailableException("No valid component_verify_ticket; asked WeChat to push one");
		});
		try {
			TokenGrant grant = this.client.componentAccessToken(ticket.ticket());
			this.ticketHealth.accepted();
			return new FreshToken(grant.accessToken(), Duration.ofSeconds(grant.expiresInSeconds()));
		}
		catch (WeChatApiException ex) {
			if (ex.kind() == WeChatErrorKind.TICKET_INVALID) {
				requestTicketPush("WeChat refused the ticket with " + ex.errcode());
				throw new TicketUnavailableException("WeChat refused the verify ticket (" + ex.errcode()
						+ "); asked WeChat to push a new one");
			}
			throw ex;
		}
	}

	private void requestTicketPush(String reason) {
		this.ticketHealth.refused(reason);
		askForTicketPush(reason);
	}

	/**
	 * Asks WeChat to (re)start ticket pushes ({@code api_start_push_ticket}), unless any instance asked within
	 * {@link #PUSH_REQUEST_INTERVAL}: every failed refresh of every instance, and every instance starting, lands
	 * here, and WeChat needs asking once a minute, not every few seconds.
	 * @return whether this call asked WeChat
	 */
	boolean askForTicketPush(String reason) {
		long now = this.clock.millis();
		Long due = this.redis.execute(PUSH_REQUEST_DUE, List.of(this.pushRequestedKey), String.valueOf(now),
				String.valueOf(PUSH_REQUEST_INTERVAL.toMillis()));
		if (due == null || due == 0) {
			return false;
		}
		try {
			this.client.startPushTicket();
			logger.warn("Verify ticket unusable ({}); asked WeChat to restart ticket pushes", reason);
		}
		catch (RuntimeException ex) {
			logger.error("Verify ticket unusable ({}) and api_start_push_ticket failed: {}", reason, ex.getMessage());
		}
		return true;
	}

}
