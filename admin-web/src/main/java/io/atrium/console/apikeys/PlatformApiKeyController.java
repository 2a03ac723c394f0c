package io.atrium.console.apikeys;

import java.util.List;

import io.atrium.apikey.ApiKey;
import io.atrium.apikey.ApiKeyService;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.console.access.NotFoundException;
import io.atrium.console.security.ConsolePrincipal;
import io.atrium.tenant.Tenant;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Platform-wide API keys, for platform operators (the console's security rules), and the merchant's read-only list
 * of their tenant's keys ({@code /my/api-keys}). A tenant's own keys are on the tenant's page; both use the same fragment and rules: a new key is
 * shown in the answer that created it and nowhere else.
 */
@Controller
class PlatformApiKeyController {

	private final ApiKeyService apiKeys;

	private final ApiKeyPages pages;

	private final ConsoleAccess access;

	PlatformApiKeyController(ApiKeyService apiKeys, ApiKeyPages pages, ConsoleAccess access) {
		this.apiKeys = apiKeys;
		this.pages = pages;
		this.access = access;
	}

	@GetMapping("/api-keys")
	String list(Model model) {
		this.pages.show(platformKeys(), model);
		return "api-keys/platform";
	}

	@PostMapping("/api-keys")
	String create(ApiKeyForm form, Model model, HttpServletResponse response) {
		this.pages.create(form, null, actor(), model, response);
		return list(model);
	}

	/** The merchant's view: their tenant's keys, read-only (no secrets exist to show: only hints). */
	@GetMapping("/my/api-keys")
	String mine(Model model) {
		ConsolePrincipal user = this.access.user();
		if (user.isOperator() || user.tenantId() == null) {
			throw new NotFoundException("Page");
		}
		Tenant tenant = this.access.tenant(user.tenantId());
		model.addAttribute("tenant", tenant);
		model.addAttribute("readOnly", true);
		this.pages.show(this.apiKeys.list().stream().filter((key) -> Long.valueOf(tenant.id()).equals(key.tenantId())).toList(),
				model);
		return "api-keys/mine";
	}

	@PostMapping("/api-keys/{keyId}/revoke")
	String revoke(@PathVariable long keyId, RedirectAttributes redirect) {
		ApiKey revoked = platformKeys().stream()
			.filter((key) -> key.id() == keyId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("API key"));
		this.apiKeys.revoke(keyId, actor());
		redirect.addFlashAttribute("apiKeyRevoked", revoked.name());
		return "redirect:/api-keys";
	}

	private List<ApiKey> platformKeys() {
		return this.apiKeys.list().stream().filter((key) -> key.tenantId() == null).toList();
	}

	private String actor() {
		return "console:" + this.access.user().getUsername();
	}

}
