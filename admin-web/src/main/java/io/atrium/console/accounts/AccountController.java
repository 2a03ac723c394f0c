package io.atrium.console.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atrium.account.AccountPage;
import io.atrium.account.AccountQuery;
import io.atrium.account.AccountStatus;
import io.atrium.account.AuthorizationAuditLog;
import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.account.PermissionSet;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.console.web.Paging;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSubject;
import io.atrium.token.reconcile.AuthorizerReconciler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * Accounts: the ones the user may see, and one account's status, grants, token health and history. Never a
 * token: only when the cached one stops being valid, when it was last refreshed, and the last refresh error.
 */
@Controller
@RequestMapping("/accounts")
class AccountController {

	private static final Logger logger = LoggerFactory.getLogger(AccountController.class);

	private static final int HISTORY = 20;

	static final int PAGE_SIZE = 50;

	/** At most this many failing tokens are read for the filter (an outage of that size is the dashboard's). */
	private static final int MAX_FAILING = 10_000;

	private final ConsoleAccess access;

	private final OfficialAccountRepository accounts;

	private final TenantRepository tenants;

	private final AuthorizationAuditLog audit;

	private final TokenCache tokens;

	private final Clock clock;

	private final AuthorizerTokenManager authorizerTokens;

	private final AuthorizerReconciler reconciler;

	AccountController(ConsoleAccess access, OfficialAccountRepository accounts, TenantRepository tenants,
			AuthorizationAuditLog audit, TokenCache tokens, Clock clock, AuthorizerTokenManager authorizerTokens,
			AuthorizerReconciler reconciler) {
		this.access = access;
		this.accounts = accounts;
		this.tenants = tenants;
		this.audit = audit;
		this.tokens = tokens;
		this.clock = clock;
		this.authorizerTokens = authorizerTokens;
		this.reconciler = reconciler;
	}

	/**
	 * The accounts the user may see, {@value #PAGE_SIZE} a page: searched by name, appid or tenant name, filtered by
	 * status (with the number in each) and granted permission set, sorted by name, newest authorization or tenant.
	 */
	@GetMapping
	String list(@RequestParam(required = false) String q, @RequestParam(required = false) String status,
			@RequestParam(required = false) Integer set, @RequestParam(required = false) String sort,
			@RequestParam(required = false) String health, @RequestParam(defaultValue = "0") int offset, Model model) {
		Long tenantId = this.access.user().isOperator() ? null : this.access.user().tenantId();
		AccountQuery query;
		boolean failing = "failing".equals(health);
		try {
			query = new AccountQuery(tenantId, q, status(status), set, AccountQuery.Sort.of(sort), Math.max(0, offset),
					PAGE_SIZE, failing ? this.tokens.failingAuthorizers(MAX_FAILING) : null);
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("queryInvalid", true);
			query = new AccountQuery(tenantId, null, null, null, null, 0, PAGE_SIZE);
		}
		AccountPage page = this.accounts.search(query);
		if (page.accounts().isEmpty() && query.offset() > 0 && page.total() > 0) {
			// A bookmark past the end of a list that has since shrunk: its last page.
			query = query.at((int) ((page.total() - 1) / PAGE_SIZE) * PAGE_SIZE);
			page = this.accounts.search(query);
		}
		model.addAttribute("accounts", page.accounts());
		model.addAttribute("query", query);
		model.addAttribute("byStatus", page.byStatus());
		model.addAttribute("allCount", page.byStatus().values().stream().mapToLong(Long::longValue).sum());
		model.addAttribute("statuses", AccountStatus.values());
		model.addAttribute("sets", PermissionSet.values());
		model.addAttribute("paging", new Paging(query.offset(), PAGE_SIZE, (int) page.total()));
		String failingLink = UriComponentsBuilder.fromUriString(listLink(query, query.status()))
			.queryParam("health", "failing")
			.build()
			.toUriString();
		model.addAttribute("pageBase", failing ? failingLink : listLink(query, query.status()));
		Map<String, String> statusLinks = new LinkedHashMap<>();
		statusLinks.put("ALL", listLink(query, null));
		for (AccountStatus each : AccountStatus.values()) {
			statusLinks.put(each.name(), listLink(query, each));
		}
		model.addAttribute("statusLinks", statusLinks);
		model.addAttribute("failingFilter", failing);
		model.addAttribute("failingLink", failingLink);
		if (this.access.user().isOperator()) {
			model.addAttribute("failingCount", this.tokens.failing(0).count());
		}
		if (this.access.user().isOperator()) {
			Map<Long, Tenant> tenants = this.tenants.findAll()
				.stream()
				.collect(Collectors.toMap(Tenant::id, Function.identity()));
			model.addAttribute("tenants", tenants);
		}
		else {
			model.addAttribute("tenant", this.access.tenant(this.access.user().tenantId()));
		}
		return "accounts/list";
	}

	private static AccountStatus status(String status) {
		return (status == null || status.isBlank()) ? null : AccountStatus.valueOf(status.strip());
	}

	/** The list with the query's text, set and order, in the given status, from its first page. */
	private static String listLink(AccountQuery query, AccountStatus status) {
		return UriComponentsBuilder.fromPath("/accounts")
			.queryParamIfPresent("q", Optional.ofNullable(query.q()))
			.queryParamIfPresent("status", Optional.ofNullable(status))
			.queryParamIfPresent("set", Optional.ofNullable(query.permissionSet()))
			.queryParamIfPresent("sort", Optional.of(query.sort()).filter((sort) -> sort != AccountQuery.Sort.NAME)
				.map((sort) -> sort.name().toLowerCase(Locale.ROOT)))
			.encode()
			.toUriString();
	}

	@GetMapping("/{appId}")
	String show(@PathVariable String appId, Model model) {
		OfficialAccount account = this.access.account(appId);
		model.addAttribute("account", account);
		model.addAttribute("tenant", this.access.tenant(account.tenantId()));
		model.addAttribute("permissions", PermissionRow.of(account.permissions()));
		model.addAttribute("readiness", ContentReadiness.of(account));
		model.addAttribute("history", this.audit.history(appId, HISTORY));
		TokenSubject subject = TokenSubject.authorizer(appId);
		this.tokens.read(subject).ifPresent((token) -> {
			model.addAttribute("tokenValidUntil", token.validUntil());
			model.addAttribute("tokenMinutesLeft",
					Duration.between(this.clock.instant(), token.validUntil()).toMinutes());
		});
		model.addAttribute("tokenHealth", this.tokens.health(subject));
		return "accounts/detail";
	}

	/** Administrators only (the console's security rules): a new access token now, instead of at the next refresh. */
	@PostMapping("/{appId}/refresh")
	String refresh(@PathVariable String appId, RedirectAttributes flash) {
		this.access.account(appId);
		try {
			this.authorizerTokens.refreshNow(appId);
			flash.addFlashAttribute("actionResult", "account.action.refreshed");
		}
		catch (RuntimeException ex) {
			logger.warn("Refresh of {} asked from the console failed: {}", appId, ex.getMessage());
			flash.addFlashAttribute("actionProblem", "account.action.refresh-failed");
		}
		return "redirect:/accounts/" + appId;
	}

	/** Administrators only: compares the stored refresh token with WeChat's authorizer list, restoring it if needed. */
	@PostMapping("/{appId}/reconcile")
	String reconcile(@PathVariable String appId, RedirectAttributes flash) {
		this.access.account(appId);
		try {
			flash.addFlashAttribute("actionResult", this.reconciler.recover(appId).isPresent()
					? "account.action.reconciled" : "account.action.not-listed");
		}
		catch (RuntimeException ex) {
			logger.warn("Reconcile of {} asked from the console failed: {}", appId, ex.getMessage());
			flash.addFlashAttribute("actionProblem", "account.action.reconcile-failed");
		}
		return "redirect:/accounts/" + appId;
	}

}
