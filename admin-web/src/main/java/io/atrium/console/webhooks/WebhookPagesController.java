package io.atrium.console.webhooks;

import java.io.IOException;
import java.io.Serializable;
import java.util.List;

import io.atrium.console.access.ConsoleAccess;
import io.atrium.console.access.NotFoundException;
import io.atrium.console.security.ConsolePrincipal;
import io.atrium.tenant.Tenant;
import io.atrium.token.webhook.IssuedWebhookSecret;
import io.atrium.token.webhook.WebhookDelivery;
import io.atrium.token.webhook.WebhookEndpoint;
import io.atrium.token.webhook.WebhookNotFoundException;
import io.atrium.token.webhook.WebhookRefusedException;
import io.atrium.token.webhook.WebhookService;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Webhook pages: a tenant's endpoints ({@code /tenants/{id}/webhooks}) and the platform-wide ones
 * ({@code /webhooks}) for operators (viewers read, administrators change: the console's security rules), each
 * endpoint's delivery log and dead letters with redelivery; and the merchant's read-only list of their own
 * tenant's endpoints ({@code /my/webhooks}). A new or rotated secret is shown in the answer that made it only (not
 * through the session, not cached). The scope comes from the path and {@link ConsoleAccess}; the service checks
 * every endpoint and delivery against it again.
 */
@Controller
class WebhookPagesController {

	private static final int LOG_SIZE = 50;

	private final WebhookService webhooks;

	private final ConsoleAccess access;

	WebhookPagesController(WebhookService webhooks, ConsoleAccess access) {
		this.webhooks = webhooks;
		this.access = access;
	}

	// Pages

	@GetMapping("/tenants/{tenantId}/webhooks")
	String tenantPage(@PathVariable long tenantId, Model model) {
		return page(tenantScope(tenantId), model);
	}

	@GetMapping("/webhooks")
	String platformPage(Model model) {
		return page(Scope.PLATFORM, model);
	}

	/** The merchant's view: their tenant's endpoints, no secrets, no actions. */
	@GetMapping("/my/webhooks")
	String merchantPage(Model model) {
		ConsolePrincipal user = this.access.user();
		if (user.isOperator() || user.tenantId() == null) {
			throw new NotFoundException("Page");
		}
		Tenant tenant = this.access.tenant(user.tenantId());
		model.addAttribute("readOnly", true);
		return page(new Scope(tenant.id(), "/my/webhooks", tenant.name()), model);
	}

	@GetMapping("/tenants/{tenantId}/webhooks/{endpointId}")
	String tenantDeliveries(@PathVariable long tenantId, @PathVariable long endpointId,
			@RequestParam(required = false) String status, Model model) {
		return deliveries(tenantScope(tenantId), endpointId, status, model);
	}

	@GetMapping("/webhooks/{endpointId}")
	String platformDeliveries(@PathVariable long endpointId, @RequestParam(required = false) String status,
			Model model) {
		return deliveries(Scope.PLATFORM, endpointId, status, model);
	}

	// Changes (administrators only)

	@PostMapping("/tenants/{tenantId}/webhooks")
	String createForTenant(@PathVariable long tenantId, @RequestParam String url,
			@RequestParam(defaultValue = "") String events, @RequestParam(defaultValue = "false") boolean syncReply,
			Model model, HttpServletResponse response) {
		return create(tenantScope(tenantId), url, events, syncReply, model, response);
	}

	@PostMapping("/webhooks")
	String createForPlatform(@RequestParam String url, @RequestParam(defaultValue = "") String events, Model model,
			HttpServletResponse response) {
		return create(Scope.PLATFORM, url, events, false, model, response);
	}

	@PostMapping({ "/tenants/{tenantId}/webhooks/{endpointId}/rotate", "/webhooks/{endpointId}/rotate" })
	String rotate(@PathVariable(required = false) Long tenantId, @PathVariable long endpointId,
			@RequestParam(defaultValue = "false") boolean revokeOld, Model model, HttpServletResponse response) {
		Scope scope = scope(tenantId);
		IssuedWebhookSecret issued = this.webhooks.rotateSecret(scope.tenantId(), endpointId, revokeOld, actor());
		showOnce(issued, model, response);
		return page(scope, model);
	}

	@PostMapping({ "/tenants/{tenantId}/webhooks/{endpointId}/test", "/webhooks/{endpointId}/test" })
	String testSend(@PathVariable(required = false) Long tenantId, @PathVariable long endpointId,
			RedirectAttributes redirect) {
		Scope scope = scope(tenantId);
		WebhookDelivery sent = this.webhooks.testSend(scope.tenantId(), endpointId);
		redirect.addFlashAttribute("testResult", TestResult.of(sent));
		return "redirect:" + scope.basePath();
	}

	@PostMapping({ "/tenants/{tenantId}/webhooks/{endpointId}/enabled", "/webhooks/{endpointId}/enabled" })
	String setEnabled(@PathVariable(required = false) Long tenantId, @PathVariable long endpointId,
			@RequestParam boolean enabled) {
		Scope scope = scope(tenantId);
		this.webhooks.setEnabled(scope.tenantId(), endpointId, enabled, actor());
		return "redirect:" + scope.basePath();
	}

	@PostMapping({ "/tenants/{tenantId}/webhooks/{endpointId}/delete", "/webhooks/{endpointId}/delete" })
	String delete(@PathVariable(required = false) Long tenantId, @PathVariable long endpointId) {
		Scope scope = scope(tenantId);
		this.webhooks.delete(scope.tenantId(), endpointId, actor());
		return "redirect:" + scope.basePath();
	}

	@PostMapping({ "/tenants/{tenantId}/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver",
			"/webhooks/{endpointId}/deliveries/{deliveryId}/redeliver" })
	String redeliver(@PathVariable(required = false) Long tenantId, @PathVariable long endpointId,
			@PathVariable long deliveryId, RedirectAttributes redirect) {
		Scope scope = scope(tenantId);
		WebhookEndpoint endpoint = this.webhooks.endpoint(scope.tenantId(), endpointId);
		try {
			this.webhooks.redeliver(scope.tenantId(), deliveryId, actor());
			redirect.addFlashAttribute("redelivered", deliveryId);
		}
		catch (WebhookRefusedException ex) {
			redirect.addFlashAttribute("webhookProblem", ex.messageKey());
		}
		return "redirect:" + scope.basePath() + "/" + endpoint.id() + "?status=DEAD";
	}

	/** Another scope's endpoint or delivery: as if it did not exist (the console's 404 page). */
	@ExceptionHandler(WebhookNotFoundException.class)
	void notFound(HttpServletResponse response) throws IOException {
		response.sendError(HttpServletResponse.SC_NOT_FOUND);
	}

	private String create(Scope scope, String url, String events, boolean syncReply, Model model,
			HttpServletResponse response) {
		try {
			IssuedWebhookSecret issued = this.webhooks.create(scope.tenantId(), url, events, syncReply, actor());
			showOnce(issued, model, response);
		}
		catch (WebhookRefusedException ex) {
			response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
			model.addAttribute("webhookProblem", ex.messageKey());
			model.addAttribute("webhookProblemDetail", ex.detail());
			model.addAttribute("formUrl", url);
			model.addAttribute("formEvents", events);
		}
		return page(scope, model);
	}

	private static void showOnce(IssuedWebhookSecret issued, Model model, HttpServletResponse response) {
		model.addAttribute("issuedSecret", issued.secret());
		model.addAttribute("issuedFor", issued.endpoint().id());
		response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
	}

	private String page(Scope scope, Model model) {
		model.addAttribute("scope", scope);
		model.addAttribute("endpoints", this.webhooks.endpoints(scope.tenantId()));
		if (model.getAttribute("readOnly") == null) {
			model.addAttribute("counts", this.webhooks.counts(scope.tenantId()));
		}
		return "webhooks/page";
	}

	private String deliveries(Scope scope, long endpointId, String status, Model model) {
		String filter = WebhookDelivery.DEAD.equals(status) || WebhookDelivery.PENDING.equals(status)
				|| WebhookDelivery.DELIVERED.equals(status) ? status : null;
		WebhookEndpoint endpoint = this.webhooks.endpoint(scope.tenantId(), endpointId);
		List<WebhookDelivery> log = this.webhooks.deliveries(scope.tenantId(), endpointId, filter, LOG_SIZE);
		model.addAttribute("scope", scope);
		model.addAttribute("endpoint", endpoint);
		model.addAttribute("deliveries", log);
		model.addAttribute("status", filter);
		return "webhooks/deliveries";
	}

	private Scope scope(Long tenantId) {
		return (tenantId != null) ? tenantScope(tenantId) : Scope.PLATFORM;
	}

	private Scope tenantScope(long tenantId) {
		Tenant tenant = this.access.tenant(tenantId);
		return new Scope(tenant.id(), "/tenants/" + tenant.id() + "/webhooks", tenant.name());
	}

	private String actor() {
		return "console:" + this.access.user().getUsername();
	}

	/**
	 * @param tenantId null for the platform-wide endpoints
	 * @param basePath where the scope's pages and forms are
	 * @param tenantName the tenant's name, null for the platform
	 */
	record Scope(Long tenantId, String basePath, String tenantName) {

		static final Scope PLATFORM = new Scope(null, "/webhooks", null);

		public boolean platform() {
			return this.tenantId == null;
		}

	}

	/** A test send's outcome, carried to the page through the session (in Redis): plain and serializable. */
	record TestResult(String status, Integer lastStatus, Integer latencyMs, String lastError) implements Serializable {

		static TestResult of(WebhookDelivery delivery) {
			return new TestResult(delivery.status(), delivery.lastStatus(), delivery.latencyMs(), delivery.lastError());
		}

	}

}
