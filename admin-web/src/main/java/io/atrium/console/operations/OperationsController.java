package io.atrium.console.operations;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atrium.account.OfficialAccount;
import io.atrium.console.access.AccessAudit;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.content.AccountOperations;
import io.atrium.content.ContentOperations;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.webhook.WebhookBacklog;
import io.atrium.token.webhook.WebhookService;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamError;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * Operators' operations page (the security chain admits operators only): per account, WeChat content API calls
 * today, what the rate limiter has left, open quota breakers and the latest upstream errors with WeChat's rid;
 * and the latest refused console accesses. Read from Redis and PostgreSQL, never from WeChat.
 */
@Controller
class OperationsController {

	static final int REFUSALS = 50;

	static final int ERRORS_PER_ACCOUNT = 10;

	static final int WEBHOOK_BACKLOG = 50;

	private final ConsoleAccess access;

	private final ContentOperations operations;

	private final AccessAudit accessAudit;

	private final WebhookService webhooks;

	private final TenantRepository tenants;

	OperationsController(ConsoleAccess access, ContentOperations operations, AccessAudit accessAudit,
			WebhookService webhooks, TenantRepository tenants) {
		this.access = access;
		this.operations = operations;
		this.accessAudit = accessAudit;
		this.webhooks = webhooks;
		this.tenants = tenants;
	}

	@GetMapping("/operations")
	String operations(Model model) {
		Map<String, OfficialAccount> accounts = this.access.accounts()
			.stream()
			.collect(Collectors.toMap(OfficialAccount::appId, Function.identity()));
		TenantScope scope = this.access.user().isOperator() ? TenantScope.platform()
				: TenantScope.tenant(this.access.user().tenantId());
		List<AccountRow> rows = this.operations.accounts(scope)
			.stream()
			.map((ops) -> new AccountRow(accounts.get(ops.appId()), ops,
					ops.recentErrors().stream().limit(ERRORS_PER_ACCOUNT).toList()))
			.toList();
		model.addAttribute("rows", rows);
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

	/**
	 * One account on the operations page.
	 *
	 * @param account the account, for its name (null if it went away meanwhile)
	 * @param operations its operations today
	 * @param errors the latest of its upstream errors, newest first
	 */
	public record AccountRow(OfficialAccount account, AccountOperations operations,
			List<UpstreamError> errors) {

		public String name() {
			return (this.account != null) ? this.account.displayName() : this.operations.appId();
		}

	}

}
