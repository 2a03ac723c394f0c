package io.atrium.console.onboarding;

import java.time.Clock;
import java.util.UUID;

import io.atrium.account.OfficialAccountRepository;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.console.access.NotFoundException;
import io.atrium.tenant.Tenant;
import io.atrium.token.onboarding.OnboardingLinks;
import io.atrium.token.onboarding.OnboardingService;
import io.atrium.token.onboarding.OnboardingStatus;
import io.atrium.token.onboarding.SharedLinks;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Onboarding in the console: an operator (for any tenant) or a merchant (for their own, to re-authorize) starts a
 * session; the page shows the authorization link and its QR code and polls the session's status with htmx until
 * the merchant has authorized.
 */
@Controller
@RequestMapping("/onboarding")
class OnboardingController {

	private final OnboardingService onboarding;

	private final SharedLinks sharedLinks;

	private final OfficialAccountRepository accounts;

	private final ConsoleAccess access;

	private final Clock clock;

	OnboardingController(OnboardingService onboarding, SharedLinks sharedLinks, OfficialAccountRepository accounts,
			ConsoleAccess access, Clock clock) {
		this.onboarding = onboarding;
		this.sharedLinks = sharedLinks;
		this.accounts = accounts;
		this.access = access;
		this.clock = clock;
	}

	@PostMapping
	String start(@RequestParam long tenantId, HttpSession session) {
		Tenant tenant = this.access.tenant(tenantId);
		OnboardingLinks links = this.onboarding.start(tenant.id());
		IssuedLinks.keep(session, IssuedLinks.of(links, this.sharedLinks.share(links)), this.clock.instant());
		return "redirect:/onboarding/" + links.sessionId();
	}

	@GetMapping("/{sessionId}")
	String show(@PathVariable UUID sessionId, HttpSession session, Model model) {
		OnboardingStatus status = status(sessionId);
		model.addAttribute("tenant", this.access.tenant(status.tenantId()));
		addStatus(model, status);
		IssuedLinks.find(session, sessionId).ifPresent((links) -> {
			model.addAttribute("links", links);
			model.addAttribute("qrCode", QrCode.svgDataUri(links.pcUrl()));
		});
		return "onboarding/page";
	}

	/** The part of the page htmx polls; it stops polling once the session is no longer pending. */
	@GetMapping("/{sessionId}/status")
	String status(@PathVariable UUID sessionId, Model model) {
		addStatus(model, status(sessionId));
		return "onboarding/page :: status";
	}

	/** The status, and the account's name once it is in custody (the session's tenant's, so the user's to see). */
	private void addStatus(Model model, OnboardingStatus status) {
		model.addAttribute("status", status);
		if (status.phase() == OnboardingStatus.Phase.COMPLETED) {
			this.accounts.findById(status.appId())
				.ifPresent((account) -> model.addAttribute("accountName", account.displayName()));
		}
	}

	private OnboardingStatus status(UUID sessionId) {
		OnboardingStatus status = this.onboarding.status(sessionId)
			.orElseThrow(() -> new NotFoundException("Onboarding session"));
		this.access.checkTenantOf("onboarding", sessionId.toString(), status.tenantId());
		return status;
	}

}
