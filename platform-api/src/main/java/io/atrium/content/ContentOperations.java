package io.atrium.content;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;

import org.springframework.stereotype.Service;

/**
 * The read model of the content client's operations per account: calls today per API, what the shared rate
 * limiter has left, open quota breakers and recent upstream errors with WeChat's rid. Scoped like
 * {@link ContentService}: an account outside the caller's scope is {@link AccountNotFoundException}.
 */
@Service
public class ContentOperations {

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
		return read(appId);
	}

	/** Every account the caller may see: a few Redis reads per account, so meant for pages, not for loops. */
	public List<AccountOperations> accounts(TenantScope scope) {
		List<OfficialAccount> visible = scope.isPlatform() ? this.accounts.findAll()
				: this.accounts.findByTenant(scope.tenantId());
		return visible.stream().map((account) -> read(account.appId())).toList();
	}

	private AccountOperations read(String appId) {
		LocalDate day = this.usage.today();
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
