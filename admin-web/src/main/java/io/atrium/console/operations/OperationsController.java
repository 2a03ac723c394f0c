package io.atrium.console.operations;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import io.atrium.account.OfficialAccount;
import io.atrium.console.access.AccessAudit;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.content.AccountOperations;
import io.atrium.content.ContentOperations;
import io.atrium.content.TenantScope;
import io.atrium.content.UpstreamError;

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

	private final ConsoleAccess access;

	private final ContentOperations operations;

	private final AccessAudit accessAudit;

	OperationsController(ConsoleAccess access, ContentOperations operations, AccessAudit accessAudit) {
		this.access = access;
		this.operations = operations;
		this.accessAudit = accessAudit;
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
