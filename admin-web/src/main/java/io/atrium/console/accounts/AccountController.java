package io.atrium.console.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atrium.account.AuthorizationAuditLog;
import io.atrium.account.OfficialAccount;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSubject;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * Accounts: the ones the user may see, and one account's status, grants, token health and history. Never a
 * token: only when the cached one stops being valid.
 */
@Controller
@RequestMapping("/accounts")
class AccountController {

	private static final int HISTORY = 20;

	private final ConsoleAccess access;

	private final TenantRepository tenants;

	private final AuthorizationAuditLog audit;

	private final TokenCache tokens;

	private final Clock clock;

	AccountController(ConsoleAccess access, TenantRepository tenants, AuthorizationAuditLog audit, TokenCache tokens,
			Clock clock) {
		this.access = access;
		this.tenants = tenants;
		this.audit = audit;
		this.tokens = tokens;
		this.clock = clock;
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
		this.tokens.read(TokenSubject.authorizer(appId)).ifPresent((token) -> {
			model.addAttribute("tokenValidUntil", token.validUntil());
			model.addAttribute("tokenMinutesLeft",
					Duration.between(this.clock.instant(), token.validUntil()).toMinutes());
		});
		return "accounts/detail";
	}

}
