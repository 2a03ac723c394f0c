package io.atrium.console.accounts;

import io.atrium.console.access.ConsoleAccess;
import io.atrium.quota.AccountQuotas;
import io.atrium.quota.QuotaClearRefusedException;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.wechat.WeChatApiException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * An account's quotas ({@code /accounts/{appid}/quota}): WeChat's figures per API beside Atrium's, the clear_quota
 * allowance of the month, and clearing (administrators only, by the console's security rules, behind an explicit
 * confirmation); and a WeChat rid's details ({@code /accounts/{appid}/rid/{rid}}) from the operations page.
 * Merchants see their own accounts' pages, read-only.
 */
@Controller
@RequestMapping("/accounts/{appId}")
class AccountQuotaController {

	private static final Logger logger = LoggerFactory.getLogger(AccountQuotaController.class);

	private final ConsoleAccess access;

	private final AccountQuotas quotas;

	AccountQuotaController(ConsoleAccess access, AccountQuotas quotas) {
		this.access = access;
		this.quotas = quotas;
	}

	@GetMapping("/quota")
	String quota(@PathVariable String appId, Model model) {
		model.addAttribute("account", this.access.account(appId));
		try {
			model.addAttribute("report", this.quotas.report(this.access.scope(), appId));
		}
		catch (AccountNotAuthorizedException ex) {
			model.addAttribute("quotaProblem", "quota.not-authorized");
		}
		catch (RuntimeException ex) {
			logger.warn("Quota figures of {} could not be read: {}", appId, ex.getClass().getSimpleName());
			model.addAttribute("quotaProblem", "quota.unavailable");
		}
		model.addAttribute("clearsThisMonth", this.quotas.clearsThisMonth(this.access.scope(), appId));
		model.addAttribute("clearAllowance", AccountQuotas.MONTHLY_ALLOWANCE);
		return "accounts/quota";
	}

	@PostMapping("/quota/clear")
	String clear(@PathVariable String appId, @RequestParam(required = false) String confirm, RedirectAttributes flash) {
		this.access.account(appId);
		if (!"yes".equals(confirm)) {
			flash.addFlashAttribute("actionProblem", "quota.clear.unconfirmed");
			return "redirect:/accounts/" + appId + "/quota";
		}
		try {
			this.quotas.clear(this.access.scope(), appId, "console:" + this.access.user().getUsername());
			flash.addFlashAttribute("actionResult", "quota.clear.done");
		}
		catch (QuotaClearRefusedException ex) {
			flash.addFlashAttribute("actionProblem",
					(ex.error() == null) ? "quota.clear.allowance-spent" : "quota.clear.refused");
		}
		catch (RuntimeException ex) {
			logger.warn("clear_quota of {} failed: {}", appId, ex.getClass().getSimpleName());
			flash.addFlashAttribute("actionProblem", "quota.clear.failed");
		}
		return "redirect:/accounts/" + appId + "/quota";
	}

	@GetMapping("/rid/{rid}")
	String rid(@PathVariable String appId, @PathVariable String rid, Model model) {
		model.addAttribute("account", this.access.account(appId));
		model.addAttribute("rid", rid);
		try {
			model.addAttribute("details", this.quotas.rid(this.access.scope(), appId, rid));
		}
		catch (IllegalArgumentException ex) {
			model.addAttribute("ridProblem", "rid.invalid");
		}
		catch (WeChatApiException ex) {
			model.addAttribute("ridProblem", "rid.unknown");
			model.addAttribute("ridErrcode", ex.errcode());
		}
		catch (RuntimeException ex) {
			logger.warn("rid of {} could not be looked up: {}", appId, ex.getClass().getSimpleName());
			model.addAttribute("ridProblem", "quota.unavailable");
		}
		return "accounts/rid";
	}

}
