package io.atrium.console.operations;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atrium.account.OfficialAccount;
import io.atrium.console.access.AccessAudit;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.console.web.Paging;
import io.atrium.content.AccountOperations;
import io.atrium.content.ContentOperations;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.webhook.WebhookBacklog;
import io.atrium.token.webhook.WebhookService;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamError;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatDay;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The operations pages: every account as one row (calls today, errors today, open breakers, nearness to a daily
 * limit), filtered to what needs attention and sorted, each linking to the account's page (per API: calls, what
 * the rate limiter has left, open quota breakers; the latest upstream errors with WeChat's rid); webhook backlogs
 * and the latest refused console accesses. Read from Redis and PostgreSQL, never from WeChat.
 */
@Controller
class OperationsController {

	static final int REFUSALS = 50;

	static final int ERRORS_PER_ACCOUNT = 10;

	static final int WEBHOOK_BACKLOG = 50;

	static final int PAGE_SIZE = 50;

	/** At most this many failing tokens are read for the filter (an outage of that size is the dashboard's). */
	static final int MAX_FAILING = 10_000;

	private final ConsoleAccess access;

	private final ContentOperations operations;

	private final AccessAudit accessAudit;

	private final WebhookService webhooks;

	private final TenantRepository tenants;

	private final TokenCache tokens;

	OperationsController(ConsoleAccess access, ContentOperations operations, AccessAudit accessAudit,
			WebhookService webhooks, TenantRepository tenants, TokenCache tokens) {
		this.access = access;
		this.operations = operations;
		this.accessAudit = accessAudit;
		this.webhooks = webhooks;
		this.tenants = tenants;
		this.tokens = tokens;
	}

	/**
	 * Every account the user may see as one row (calls today, errors today, open breakers, the API nearest its
	 * daily limit), filtered by what needs attention, sorted, {@value #PAGE_SIZE} a page; each row links to the
	 * account's own page.
	 */
	@GetMapping("/operations")
	String operations(@RequestParam(defaultValue = "all") String show, @RequestParam(defaultValue = "calls") String sort,
			@RequestParam(defaultValue = "0") int offset, Model model) {
		Map<String, OfficialAccount> accounts = this.access.accounts()
			.stream()
			.collect(Collectors.toMap(OfficialAccount::appId, Function.identity()));
		Set<String> failing = this.tokens.failingAuthorizers(MAX_FAILING);
		List<AccountRow> all = this.operations.accounts(scope())
			.stream()
			.map((ops) -> new AccountRow(accounts.get(ops.appId()), ops,
					ops.recentErrors().stream().limit(ERRORS_PER_ACCOUNT).toList(), failing.contains(ops.appId())))
			.toList();
		Show shown = Show.of(show);
		Map<String, Long> counts = new HashMap<>();
		for (Show each : Show.values()) {
			counts.put(each.name(), all.stream().filter(each::includes).count());
		}
		List<AccountRow> rows = all.stream().filter(shown::includes).sorted(order(sort)).toList();
		int start = (offset >= rows.size()) ? Math.max(0, ((rows.size() - 1) / PAGE_SIZE) * PAGE_SIZE)
				: Math.max(0, offset);
		model.addAttribute("rows", rows.subList(start, Math.min(rows.size(), start + PAGE_SIZE)));
		model.addAttribute("show", shown);
		model.addAttribute("shows", Show.values());
		model.addAttribute("counts", counts);
		model.addAttribute("sort", sort);
		model.addAttribute("paging", new Paging(start, PAGE_SIZE, rows.size()));
		model.addAttribute("pageBase", "/operations?show=" + shown.name().toLowerCase(Locale.ROOT) + "&sort="
				+ ("errors".equals(sort) || "name".equals(sort) ? sort : "calls"));
		model.addAttribute("refusals", this.accessAudit.latest(REFUSALS));
		if (this.access.user().isOperator()) {
			List<WebhookBacklog> backlog = this.webhooks.backlog(WEBHOOK_BACKLOG);
			Map<Long, String> tenantNames = new HashMap<>();
			backlog.stream()
				.map((waiting) -> waiting.endpoint().tenantId())
				.filter(Objects::nonNull)
				.distinct()
				.forEach((id) -> this.tenants.findById(id).ifPresent((tenant) -> tenantNames.put(id, tenant.name())));
			model.addAttribute("webhookBacklog", backlog);
			model.addAttribute("tenantNames", tenantNames);
		}
		return "operations";
	}

	/** One account's operations: each API's calls, limits and breaker, and its latest upstream errors. */
	@GetMapping("/operations/{appId}")
	String account(@PathVariable String appId, Model model) {
		OfficialAccount account = this.access.account(appId);
		AccountOperations operations = this.operations.account(scope(), account.appId());
		model.addAttribute("row", new AccountRow(account, operations, operations.recentErrors(),
				this.tokens.health(TokenSubject.authorizer(account.appId())).failing()));
		return "operations-account";
	}

	private TenantScope scope() {
		return this.access.user().isOperator() ? TenantScope.platform()
				: TenantScope.tenant(this.access.user().tenantId());
	}

	private static Comparator<AccountRow> order(String sort) {
		Comparator<AccountRow> byName = Comparator.comparing(AccountRow::name);
		return switch (sort) {
			case "errors" -> Comparator.comparingLong(AccountRow::errorsToday).reversed().thenComparing(byName);
			case "name" -> byName;
			default -> Comparator.comparingLong((AccountRow row) -> row.operations().callsToday())
				.reversed()
				.thenComparing(byName);
		};
	}

	/** Which accounts the list shows: all, or those that need attention. */
	public enum Show {

		ALL, ERRORS, BREAKER, NEAR_QUOTA, REFRESH_FAILING;

		/** Share of a daily limit from which an API counts as near its quota. */
		static final long NEAR_QUOTA_PERCENT = UpstreamUsage.NEAR_QUOTA_PERCENT;

		boolean includes(AccountRow row) {
			return switch (this) {
				case ALL -> true;
				case ERRORS -> row.errorsToday() > 0;
				case BREAKER -> row.breakersOpen() > 0;
				case NEAR_QUOTA -> row.nearQuota();
				case REFRESH_FAILING -> row.refreshFailing();
			};
		}

		static Show of(String name) {
			for (Show show : values()) {
				if (show.name().replace('_', '-').equalsIgnoreCase(name) || show.name().equalsIgnoreCase(name)) {
					return show;
				}
			}
			return ALL;
		}

	}

	/**
	 * One account on the operations page.
	 *
	 * @param account the account, for its name (null if it went away meanwhile)
	 * @param operations its operations today
	 * @param errors the latest of its upstream errors, newest first
	 * @param refreshFailing whether its token fails to refresh
	 */
	public record AccountRow(OfficialAccount account, AccountOperations operations,
			List<UpstreamError> errors, boolean refreshFailing) {

		public String name() {
			return (this.account != null) ? this.account.displayName() : this.operations.appId();
		}

		/** Upstream errors of today (WeChat's day), among the latest kept. */
		public long errorsToday() {
			return this.operations.recentErrors()
				.stream()
				.filter((error) -> WeChatDay.of(error.at()).equals(this.operations.day()))
				.count();
		}

		public long breakersOpen() {
			return this.operations.apis().stream().filter((api) -> api.breaker() != null).count();
		}

		/** Whether an API has used {@value Show#NEAR_QUOTA_PERCENT} % of its daily limit or more today. */
		public boolean nearQuota() {
			return this.operations.nearestDailyLimit().dailyPercent() >= Show.NEAR_QUOTA_PERCENT;
		}

	}

}
