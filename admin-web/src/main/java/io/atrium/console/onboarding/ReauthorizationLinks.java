package io.atrium.console.onboarding;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.tenant.Tenant;
import io.atrium.token.onboarding.OnboardingLinks;
import io.atrium.token.onboarding.OnboardingService;
import io.atrium.token.onboarding.SharedLinks;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.PostMapping;

/**
 * Re-authorization links in bulk: for every account WeChat no longer accepts the refresh token of (needs
 * re-authorization), a link restricted to that account ({@code biz_appid}), to send to its merchant: copied, or by
 * e-mail to the tenant's contact. Shown in this answer only, like a new API key: the links carry pre-auth codes.
 */
@Controller
class ReauthorizationLinks {

	private static final Logger logger = LoggerFactory.getLogger(ReauthorizationLinks.class);

	/** At most this many links a request: each costs WeChat a pre-auth code, and they expire within minutes. */
	static final int MAX_LINKS = 50;

	private final OnboardingService onboarding;

	private final SharedLinks sharedLinks;

	private final ConsoleAccess access;

	private final MessageSource messages;

	ReauthorizationLinks(OnboardingService onboarding, SharedLinks sharedLinks, ConsoleAccess access,
			MessageSource messages) {
		this.onboarding = onboarding;
		this.sharedLinks = sharedLinks;
		this.access = access;
		this.messages = messages;
	}

	@PostMapping("/onboarding/reauthorization")
	String issue(Model model, Locale locale) {
		List<OfficialAccount> waiting = this.access.accounts()
			.stream()
			.filter((account) -> account.status() == AccountStatus.NEEDS_REAUTH)
			.sorted(Comparator.comparing(OfficialAccount::displayName))
			.toList();
		List<Link> links = new ArrayList<>();
		// Read once per tenant: accounts to re-authorize are often a few tenants' many accounts.
		Map<Long, Tenant> tenants = new HashMap<>();
		for (OfficialAccount account : waiting.subList(0, Math.min(MAX_LINKS, waiting.size()))) {
			Tenant tenant = tenants.computeIfAbsent(account.tenantId(), this.access::tenant);
			OnboardingLinks started = this.onboarding.start(tenant.id(), account.appId());
			String shareUrl = this.sharedLinks.share(started);
			links.add(new Link(account, tenant, shareUrl, started.expiresAt(), mailto(tenant, account, shareUrl, locale)));
		}
		logger.info("{} issued {} re-authorization links", this.access.user().getUsername(), links.size());
		model.addAttribute("links", links);
		model.addAttribute("left", waiting.size() - links.size());
		return "onboarding/reauthorization";
	}

	/** An e-mail to the tenant's contact with the link, in the console's language; null without an address. */
	private String mailto(Tenant tenant, OfficialAccount account, String shareUrl, Locale locale) {
		if (tenant.contactEmail() == null || tenant.contactEmail().isBlank()) {
			return null;
		}
		String subject = this.messages.getMessage("reauth.mail.subject", new Object[] { account.displayName() },
				locale);
		String body = this.messages.getMessage("reauth.mail.body",
				new Object[] { account.displayName(), account.appId(), shareUrl }, locale);
		return "mailto:" + encode(tenant.contactEmail().strip()) + "?subject=" + encode(subject) + "&body="
				+ encode(body);
	}

	private static String encode(String value) {
		// mailto: wants %20, not +, for spaces.
		return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
	}

	/** One account's link, for the page. */
	record Link(OfficialAccount account, Tenant tenant, String shareUrl, Instant expiresAt, String mailto) {
	}

}
