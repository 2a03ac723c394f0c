package io.atrium.console.dashboard;

import java.time.Clock;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.content.ContentOperations;
import io.atrium.token.PublicUrlProperties;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.component.TicketHealth;
import io.atrium.token.message.ReleaseTestLog;
import io.atrium.token.reconcile.ReconcileFindings;
import io.atrium.token.ticket.VerifyTicketStore;
import io.atrium.content.PlatformOperations;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.usage.UsageHistory;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Operators' overview: accounts by status, tokens (without a valid cached one, refresh overdue, failing), the
 * verify ticket's age and health, today's content API calls and upstream errors platform-wide (a few Redis keys, whatever the
 * number of accounts), WeChat's 全网发布 test (one Redis hash), reconcile findings; charts of the last 7 or 30 days
 * (calls by API, errors by errcode, token refresh outcomes, quota use) from the daily usage history, and counters
 * that open the filtered accounts and operations lists.
 */
@Controller
class DashboardController {

	/** How many accounts the busiest and most-failing lists show. */
	static final int TOP_ACCOUNTS = 5;

	/** Failing tokens listed by name; the count says how many there are in all. */
	private static final int FAILING_LISTED = 20;

	private final OfficialAccountRepository accounts;

	private final TokenCache tokens;

	private final VerifyTicketStore tickets;

	private final TicketHealth ticketHealth;

	private final ReconcileFindings findings;

	private final ContentOperations operations;

	private final ReleaseTestLog releaseTests;

	private final String messageUrl;

	private final Clock clock;

	private final UpstreamUsage usage;

	private final UsageHistory history;

	private final UsageCharts charts;

	DashboardController(OfficialAccountRepository accounts, TokenCache tokens, VerifyTicketStore tickets,
			TicketHealth ticketHealth, ReconcileFindings findings, ContentOperations operations,
			ReleaseTestLog releaseTests, PublicUrlProperties publicUrl, Clock clock, UpstreamUsage usage,
			UsageHistory history, UsageCharts charts) {
		this.accounts = accounts;
		this.tokens = tokens;
		this.tickets = tickets;
		this.ticketHealth = ticketHealth;
		this.findings = findings;
		this.operations = operations;
		this.releaseTests = releaseTests;
		// What the platform registers with WeChat as its 消息与事件接收URL.
		this.messageUrl = publicUrl.publicBaseUrl() + "/wechat/accounts/$APPID$/messages";
		this.clock = clock;
		this.usage = usage;
		this.history = history;
		this.charts = charts;
	}

	/** The charts' spans: a week, or a month. */
	static final List<Integer> SPANS = List.of(7, 30);

	@GetMapping("/dashboard")
	String dashboard(@RequestParam(defaultValue = "7") int days, Model model) {
		List<OfficialAccount> all = this.accounts.findAll();
		Map<AccountStatus, Long> byStatus = new EnumMap<>(AccountStatus.class);
		for (AccountStatus status : AccountStatus.values()) {
			byStatus.put(status, all.stream().filter((account) -> account.status() == status).count());
		}
		// An authorized account without a valid cached token is refreshed on first use; many of them at once
		// means the proactive refresh is not keeping up.
		long withoutToken = this.tokens.countWithoutValidToken(all.stream()
			.filter(OfficialAccount::isAuthorized)
			.map((account) -> TokenSubject.authorizer(account.appId()))
			.toList());
		Health ticket = this.ticketHealth.health();
		model.addAttribute("total", all.size());
		model.addAttribute("byStatus", byStatus);
		model.addAttribute("withoutToken", withoutToken);
		// From two Redis sorted sets, not one read per account; the names come from the accounts read above.
		model.addAttribute("overdueRefreshes", this.tokens.overdueRefreshes());
		model.addAttribute("failingTokens", this.tokens.failing(FAILING_LISTED));
		model.addAttribute("ticketUp", Status.UP.equals(ticket.getStatus()));
		model.addAttribute("ticketProblem", ticket.getDetails().get("problem"));
		this.tickets.latest().ifPresent((latest) -> {
			model.addAttribute("ticketReceivedAt", latest.receivedAt());
			model.addAttribute("ticketAgeMinutes", latest.ageAt(this.clock.instant()).toMinutes());
		});
		model.addAttribute("unknownToAtrium", this.findings.current(ReconcileFindings.Kind.UNKNOWN_TO_ATRIUM));
		model.addAttribute("notListed", this.findings.current(ReconcileFindings.Kind.NOT_LISTED_BY_WECHAT));
		PlatformOperations today = this.operations.platformToday(TenantScope.platform(), TOP_ACCOUNTS);
		model.addAttribute("today", today);
		// What the operations list's filters would count today, from two Redis keys (not one read per account).
		model.addAttribute("accountsWithErrors", this.usage.accountsWithErrors(today.day()));
		model.addAttribute("accountsNearQuota", this.usage.accountsNearQuota(today.day()));
		int span = SPANS.contains(days) ? days : SPANS.get(0);
		model.addAttribute("days", span);
		model.addAttribute("spans", SPANS);
		model.addAttribute("charts", this.charts.charts(this.history.lastDays(span)));
		model.addAttribute("names", all.stream()
			.collect(Collectors.toMap(OfficialAccount::appId, OfficialAccount::displayName)));
		model.addAttribute("releaseTest", this.releaseTests.status());
		model.addAttribute("messageUrl", this.messageUrl);
		model.addAttribute("needsReauth", all.stream().filter((a) -> a.status() == AccountStatus.NEEDS_REAUTH).toList());
		return "dashboard";
	}

}
