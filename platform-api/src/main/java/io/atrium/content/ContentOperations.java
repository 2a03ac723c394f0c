package io.atrium.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Service;

/**
 * The read model of the content client's operations per account: calls today per API, what the shared rate
 * limiter has left, open quota breakers and recent upstream errors with WeChat's rid. Scoped like
 * {@link ContentService}: an account outside the caller's scope is {@link AccountNotFoundException}.
 */
@Service
public class ContentOperations implements DisposableBean {

	/**
	 * Readers of a page's accounts. An account is a dozen Redis round trips (usage, errors, and per API the limiter
	 * and the breaker); read one after the other, 30 accounts took over 10 s under the soak's load, and eight at a
	 * time still once did. The readers only wait on Redis, sharing Lettuce's one connection (which pipelines them),
	 * so up to 32 read at once and go away when idle. A full queue makes the page's own thread read.
	 */
	private final ThreadPoolExecutor readers = readers();

	private final OfficialAccountRepository accounts;

	private final ContentUsage usage;

	private final AccountRateLimiter limiter;

	private final QuotaBreaker breaker;

	private final ContentProperties.Limits limits;

	ContentOperations(OfficialAccountRepository accounts, ContentUsage usage, AccountRateLimiter limiter,
			QuotaBreaker breaker, ContentProperties properties) {
		this.accounts = accounts;
		this.usage = usage;
		this.limiter = limiter;
		this.breaker = breaker;
		this.limits = properties.limits();
	}

	/** One account's operations. */
	public AccountOperations account(TenantScope scope, String appId) {
		this.accounts.findById(appId).filter(scope::includes).orElseThrow(() -> new AccountNotFoundException(appId));
		return read(appId, this.usage.today());
	}

	/** Every account the caller may see: a few Redis reads per account, so meant for pages, not for loops. */
	public List<AccountOperations> accounts(TenantScope scope) {
		List<OfficialAccount> visible = scope.isPlatform() ? this.accounts.findAll()
				: this.accounts.findByTenant(scope.tenantId());
		LocalDate day = this.usage.today();
		List<CompletableFuture<AccountOperations>> reads = visible.stream()
			.map((account) -> CompletableFuture.supplyAsync(() -> read(account.appId(), day), this.readers))
			.toList();
		try {
			return reads.stream().map(CompletableFuture::join).toList();
		}
		catch (CompletionException ex) {
			// What a reader met (Redis out of reach, say), as if this thread had met it.
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	/**
	 * The whole platform today: calls per API, errors per errcode, and the accounts with the most of either.
	 * Operators only: the figures cover every tenant.
	 *
	 * @param top how many accounts to list as busiest and as most failing
	 */
	public PlatformOperations platformToday(TenantScope scope, int top) {
		if (!scope.isPlatform()) {
			throw new IllegalArgumentException("Platform-wide operations need the platform scope");
		}
		LocalDate day = this.usage.today();
		Map<String, Long> counted = this.usage.platformCalls(day);
		Map<String, Long> callsByApi = new LinkedHashMap<>();
		for (ContentEndpoint endpoint : ContentEndpoint.values()) {
			callsByApi.put(endpoint.path(), counted.getOrDefault(endpoint.key(), 0L));
		}
		List<AccountOperations> busiest = this.usage.accountsByCalls(day, top)
			.stream()
			.map((account) -> read(account.appId(), day))
			.toList();
		return new PlatformOperations(day, Collections.unmodifiableMap(callsByApi), this.usage.platformErrors(day),
				this.usage.accountsCalling(day), busiest, this.usage.accountsByErrors(day, top));
	}

	private static ThreadPoolExecutor readers() {
		ThreadPoolExecutor readers = new ThreadPoolExecutor(32, 32, 30, TimeUnit.SECONDS, new ArrayBlockingQueue<>(256),
				new CustomizableThreadFactory("operations-read-"), new ThreadPoolExecutor.CallerRunsPolicy());
		readers.allowCoreThreadTimeOut(true);
		return readers;
	}

	@Override
	public void destroy() {
		this.readers.shutdownNow();
	}

	private AccountOperations read(String appId, LocalDate day) {
		Map<String, String> calls = this.usage.calls(appId, day);
		List<ApiOperations> apis = new ArrayList<>();
		for (ContentEndpoint endpoint : ContentEndpoint.values()) {
			apis.add(new ApiOperations(endpoint.path(), Long.parseLong(calls.getOrDefault(endpoint.key(), "0")),
					this.limits.perMinute(endpoint), this.limits.perDay(), this.limiter.available(appId, endpoint),
					this.breaker.state(appId, endpoint)));
		}
		return new AccountOperations(appId, day, List.copyOf(apis), List.copyOf(this.usage.recentErrors(appId)));
	}

}
