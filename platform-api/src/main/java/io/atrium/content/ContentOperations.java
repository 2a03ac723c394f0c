package io.atrium.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.upstream.AccountApi;
import io.atrium.upstream.AccountNotFoundException;
import io.atrium.upstream.AccountRateLimiter;
import io.atrium.upstream.OpenBreaker;
import io.atrium.upstream.QuotaBreaker;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.UpstreamUsage.AccountCount;
import io.atrium.upstream.UpstreamUsage.AccountUsage;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;

import org.springframework.stereotype.Service;

/**
 * The read model of the content client's operations per account: calls today per API, what the shared rate
 * limiter has left, open quota breakers and recent upstream errors with WeChat's rid. Scoped like
 * {@link ContentService}: an account outside the caller's scope is {@link AccountNotFoundException}.
 */
@Service
public class ContentOperations {

	private final OfficialAccountRepository accounts;

	private final UpstreamUsage usage;

	private final AccountRateLimiter limiter;

	private final QuotaBreaker breaker;

	private final WeChatApis apis;

	/** Always listed: the APIs the content API calls. Others are listed on a day they were called. */
	private final Set<WeChatApi> contentApis;

	ContentOperations(OfficialAccountRepository accounts, UpstreamUsage usage, AccountRateLimiter limiter,
			QuotaBreaker breaker, WeChatApis apis) {
		this.accounts = accounts;
		this.usage = usage;
		this.limiter = limiter;
		this.breaker = breaker;
		this.apis = apis;
		this.contentApis = ContentService.contentApis(apis);
	}

	/** One account's operations. */
	public AccountOperations account(TenantScope scope, String appId) {
		this.accounts.findById(appId).filter(scope::includes).orElseThrow(() -> new AccountNotFoundException(appId));
		return readAll(List.of(appId), this.usage.today()).get(0);
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

	/**
	 * The accounts' operations, in the order given, in three Redis round trips whatever their number (pipelines):
	 * calls and errors, then the buckets, then the breakers of the APIs shown. Read one account after the other
	 * (a dozen round trips each), a page of 30 accounts passed 10 s when the machine was busy.
	 */
	private List<AccountOperations> readAll(List<String> appIds, LocalDate day) {
		List<AccountUsage> usage = this.usage.accountUsage(appIds, day);
		List<AccountApi> asked = new ArrayList<>();
		for (int i = 0; i < appIds.size(); i++) {
			for (WeChatApi api : shown(usage.get(i).calls())) {
				asked.add(new AccountApi(appIds.get(i), api));
			}
		}
		List<Long> available = this.limiter.available(asked);
		List<OpenBreaker> breakers = this.breaker.states(asked);
		List<AccountOperations> read = new ArrayList<>(appIds.size());
		int next = 0;
		for (int i = 0; i < appIds.size(); i++) {
			Map<String, String> calls = usage.get(i).calls();
			List<ApiOperations> apis = new ArrayList<>();
			for (WeChatApi api : shown(calls)) {
				apis.add(apiOperations(api, calls, available.get(next), breakers.get(next)));
				next++;
			}
			read.add(new AccountOperations(appIds.get(i), day, List.copyOf(apis),
					List.copyOf(usage.get(i).recentErrors())));
		}
		return read;
	}

	private ApiOperations apiOperations(WeChatApi api, Map<String, String> calls, long available, OpenBreaker breaker) {
		return new ApiOperations(api.path(), Long.parseLong(calls.getOrDefault(api.key(), "0")), api.perMinute(),
				this.apis.perDay(), available, breaker);
	}

}
