package io.atrium.console.apikeys;

import java.util.List;

import io.atrium.apikey.ApiKey;
import io.atrium.apikey.ApiKeyService;
import io.atrium.apikey.ApiKeyUsage;
import io.atrium.apikey.ApiScope;
import io.atrium.apikey.IssuedApiKey;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.ui.Model;

/**
 * What every page with API keys shows and does, tenant or platform: the keys with their scopes, bindings, limits,
 * last use and calls, and creating one (its secret in that answer only: not through the session, which lives in
 * Redis, not cached by the browser, stored nowhere but as a hash).
 */
@Component
public class ApiKeyPages {

	private final ApiKeyService keys;

	private final ApiKeyUsage usage;

	ApiKeyPages(ApiKeyService keys, ApiKeyUsage usage) {
		this.keys = keys;
		this.usage = usage;
	}

	/** Puts a scope's keys and their use on the page. */
	public void show(List<ApiKey> keys, Model model) {
		model.addAttribute("apiKeys", keys);
		model.addAttribute("apiKeyUses", this.usage.uses(keys));
		model.addAttribute("apiScopes", ApiScope.values());
	}

	/** Creates a key from the form, or puts the problem on the page. */
	public void create(ApiKeyForm form, Long tenantId, String actor, Model model, HttpServletResponse response) {
		if (!form.hasValidName()) {
			model.addAttribute("apiKeyProblem", "api-key.error.name");
			return;
		}
		try {
			IssuedApiKey issued = this.keys.create(form.name().strip(), tenantId, form.grant(), actor);
			model.addAttribute("issuedKey", issued.secret());
			response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
		}
		catch (IllegalArgumentException ex) {
			// The service's reasons name scopes and paths, never a secret.
			model.addAttribute("apiKeyProblem", "api-key.error.grant");
			model.addAttribute("apiKeyProblemDetail", ex.getMessage());
		}
	}

}
