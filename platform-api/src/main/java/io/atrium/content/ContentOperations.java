package io.atrium.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.AccountRateLimiter;
import io.atrium.upstream.QuotaBreaker;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.UpstreamUsage.AccountCount;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;

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

	private final UpstreamUsage usage;

	private final AccountRateLimiter limiter;

	private final QuotaBreaker breaker;

	private final WeChatApis apis;

	/** Always listed: the APIs the content API calls. Others are listed on a day they were called. */
	private final Set<WeChatApi> contentApis;

	ContentOperations(OfficialAccountRepository accounts, UpstreamUsage usage, AccountRateLimiter limiter,
			QuotaBreaker breaker, WeChatApis apis, ContentApiMethods methods) {
		this.accounts = accounts;
		this.usage = usage;
		this.limiter = limiter;
		this.breaker = breaker;
		this.apis = apis;
		this.contentApis = Set.of(methods.publishedPage(), methods.publishedArticle(), methods.materialPage(),
				methods.materialCount());
	}

	/** One account's operations. */
	public AccountOperations account(TenantScope scope, String appId) {
		this.accounts.findById(appId).filter(scope::includes).orElseThrow(() -> new AccountNotFoundException(appId));
		return read(appId, this.usage.today());
	}

	/** Every account the caller may see: a few Redis reads per account, so meant for pages, not for loops. */
	public List<AccountOperations> accounts(TenantScope scope) {
		List<OfficialAccount> visible = scope.isPlatform() ? this.accounts.findAll()
				: this.accounts.findByTenant(scope.tenantId()).stream().filter(scope::includes).toList();
		return readAll(visible.stream().map(OfficialAccount::appId).toList(), this.usage.today());
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
		for (WeChatApi api : shown(counted)) {
			callsByApi.put(api.path(), counted.getOrDefault(api.key(), 0L));
		}
		List<AccountOperations> busiest = readAll(
				this.usage.accountsByCalls(day, top).stream().map(AccountCount::appId).toList(), day);
		return new PlatformOperations(day, Collections.unmodifiableMap(callsByApi), this.usage.platformErrors(day),
				this.usage.accountsCalling(day), busiest, this.usage.accountsByErrors(day, top));
	}

	/** The content APIs, and the other APIs (listed or not) that have calls in these counts, in registry order. */
	private List<WeChatApi> shown(Map<String, ?> counted) {
		List<WeChatApi> shown = new ArrayList<>();
		for (WeChatApi api : this.apis.listed()) {
			if (this.contentApis.contains(api) || counted.containsKey(api.key())) {
				shown.add(api);
			}
		}
		if (counted.containsKey(WeChatApis.UNLISTED_KEY)) {
			shown.add(this.apis.unlisted());
		}
		return shown;
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

	/** The accounts' operations, read by {@link #readers} at once, in the order given. */
	private List<AccountOperations> readAll(List<String> appIds, LocalDate day) {
		List<CompletableFuture<AccountOperations>> reads = appIds.stream()
			.map((appId) -> CompletableFuture.supplyAsync(() -> read(appId, day), this.readers))
			.toList();
		try {
			return reads.stream().map(CompletableFuture::join).toList();
		}
		catch (CompletionException ex) {
			// What a reader met (Redis out of reach, say), as if this thread had met it.
			throw (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
		}
	}

	private AccountOperations read(String appId, LocalDate day) {
		Map<String, String> calls = this.usage.calls(appId, day);
		List<ApiOperations> apis = new ArrayList<>();
		for (WeChatApi api : shown(calls)) {
			apis.add(new ApiOperations(api.path(), Long.parseLong(calls.getOrDefault(api.key(), "0")),
					api.perMinute(), this.apis.perDay(), this.limiter.available(appId, api),
					this.breaker.state(appId, api)));
		}
		return new AccountOperations(appId, day, List.copyOf(apis), List.copyOf(this.usage.recentErrors(appId)));
	}

}
