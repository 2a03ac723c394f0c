package io.atrium.console.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atrium.account.AuthorizationAuditLog;
import io.atrium.account.OfficialAccount;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.token.authorizer.AuthorizerTokenManager;
import io.atrium.token.reconcile.AuthorizerReconciler;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSubject;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Accounts: the ones the user may see, and one account's status, grants, token health and history. Never a
 * token: only when the cached one stops being valid, when it was last refreshed, and the last refresh error.
 */
@Controller
@RequestMapping("/accounts")
class AccountController {

	private static final Logger logger = LoggerFactory.getLogger(AccountController.class);

	private static final int HISTORY = 20;

	private final ConsoleAccess access;

	private final TenantRepository tenants;

	private final AuthorizationAuditLog audit;

	private final TokenCache tokens;

	private final Clock clock;

	private final AuthorizerTokenManager authorizerTokens;

	private final AuthorizerReconciler reconciler;

	AccountController(ConsoleAccess access, TenantRepository tenants, AuthorizationAuditLog audit, TokenCache tokens,
			Clock clock, AuthorizerTokenManager authorizerTokens, AuthorizerReconciler reconciler) {
		this.access = access;
		this.tenants = tenants;
		this.audit = audit;
		this.tokens = tokens;
		this.clock = clock;
		this.authorizerTokens = authorizerTokens;
		this.reconciler = reconciler;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("accounts", this.access.accounts());
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
