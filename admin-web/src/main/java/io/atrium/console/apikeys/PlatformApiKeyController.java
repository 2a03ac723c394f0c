package io.atrium.console.apikeys;

import java.util.List;

import io.atrium.apikey.ApiKey;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.IssuedApiKey;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.console.access.NotFoundException;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Platform-wide API keys (they read every tenant's accounts), for platform administrators only (the console's
 * security rules). A tenant's own keys are on the tenant's page; both use the same fragment and rules: a new key is
 * shown in the answer that created it and nowhere else.
 */
@Controller
@RequestMapping("/api-keys")
class PlatformApiKeyController {

	private final ApiKeyService apiKeys;

	private final ConsoleAccess access;

	PlatformApiKeyController(ApiKeyService apiKeys, ConsoleAccess access) {
		this.apiKeys = apiKeys;
		this.access = access;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("apiKeys", platformKeys());
		return "api-keys/platform";
	}

	@PostMapping
	String create(@RequestParam String name, Model model, HttpServletResponse response) {
		if (name.isBlank() || name.strip().length() > 100) {
			model.addAttribute("apiKeyProblem", "api-key.error.name");
		}
		else {
			IssuedApiKey issued = this.apiKeys.create(name.strip(), null, actor());
			model.addAttribute("issuedKey", issued.secret());
			response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		}
		return list(model);
	}

	@PostMapping("/{keyId}/revoke")
	String revoke(@PathVariable long keyId) {
		if (platformKeys().stream().noneMatch((key) -> key.id() == keyId)) {
			throw new NotFoundException("API key");
		}
		this.apiKeys.revoke(keyId, actor());
		return "redirect:/api-keys";
	}

	private List<ApiKey> platformKeys() {
		return this.apiKeys.list().stream().filter((key) -> key.tenantId() == null).toList();
	}

	private String actor() {
		return "console:" + this.access.user().getUsername();
	}

}
