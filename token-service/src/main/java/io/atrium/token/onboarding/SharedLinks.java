package io.atrium.token.onboarding;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;
import java.util.UUID;

import io.atrium.token.PublicUrlProperties;
import io.atrium.token.redis.RedisKeyspace;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * Links an operator can hand to a merchant (chat, e-mail): an unguessable Atrium address whose page leads to
 * WeChat's authorization page. WeChat only accepts a start from a page of the platform's own domain
 * (授权发起页域名), so the merchant cannot be sent WeChat's link itself. The links are kept in Redis until the
 * pre-auth code they carry expires, and nowhere else.
 */
@Component
public class SharedLinks {

	static final String START_PATH = "/wechat/authorization/start/";

	private static final SecureRandom random = new SecureRandom();

	private final StringRedisTemplate redis;

	private final RedisKeyspace keys;

	private final String baseUrl;

	private final Clock clock;

	SharedLinks(StringRedisTemplate redis, RedisKeyspace keys, PublicUrlProperties publicUrl, Clock clock) {
		this.redis = redis;
		this.keys = keys;
		this.baseUrl = publicUrl.publicBaseUrl() + START_PATH;
		this.clock = clock;
	}

	/**
	 * Keeps the session's links for its merchant.
	 * @return the address to send the merchant, valid until the links expire
	 */
	public String share(OnboardingLinks links) {
		Duration left = Duration.between(this.clock.instant(), links.expiresAt());
		if (left.isNegative() || left.isZero()) {
			throw new IllegalStateException("The links of onboarding session " + links.sessionId() + " have expired");
		}
		byte[] bytes = new byte[24];
		random.nextBytes(bytes);
		String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
		String value = String.join("\n", links.sessionId().toString(), Long.toString(links.tenantId()),
				Long.toString(links.expiresAt().toEpochMilli()), links.pcUrl(), links.mobileUrl());
		this.redis.opsForValue().set(key(token), value, left);
		return this.baseUrl + token;
	}

	Optional<OnboardingLinks> find(String token) {
		if (token == null || !token.matches("[A-Za-z0-9_-]{32}")) {
			return Optional.empty();
		}
		String value = this.redis.opsForValue().get(key(token));
		if (value == null) {
			return Optional.empty();
		}
		String[] parts = value.split("\n", -1);
		return Optional.of(new OnboardingLinks(UUID.fromString(parts[0]), Long.parseLong(parts[1]), parts[3],
				parts[4], Instant.ofEpochMilli(Long.parseLong(parts[2]))));
	}

	private String key(String token) {
		return this.keys.key("onboarding", "shared", token);
	}

}
