package io.atrium.console.tenants;

import java.util.List;
import java.util.Map;

import io.atrium.account.OfficialAccountRepository;
import io.atrium.apikey.ApiKey;
import io.atrium.apikey.ApiKeyService;
import io.atrium.console.access.ConsoleAccess;
import io.atrium.console.access.NotFoundException;
import io.atrium.console.apikeys.ApiKeyForm;
import io.atrium.console.apikeys.ApiKeyPages;
import io.atrium.console.security.ConsoleRole;
import io.atrium.console.security.ConsoleUserRefusal;
import io.atrium.console.security.ConsoleUsers;
import io.atrium.console.security.NewPassword;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Operators' tenant pages: a searchable, paged list; create and edit; a tenant's accounts, users and API keys.
 */
@Controller
@RequestMapping("/tenants")
class TenantController {

	static final int PAGE_SIZE = 20;

	private final TenantRepository tenants;

	private final OfficialAccountRepository accounts;

	private final ConsoleUsers users;

	private final ApiKeyService apiKeys;

	private final ApiKeyPages apiKeyPages;

	private final ConsoleAccess access;

	TenantController(TenantRepository tenants, OfficialAccountRepository accounts, ConsoleUsers users,
			ApiKeyService apiKeys, ApiKeyPages apiKeyPages, ConsoleAccess access) {
		this.tenants = tenants;
		this.accounts = accounts;
		this.users = users;
		this.apiKeys = apiKeys;
		this.apiKeyPages = apiKeyPages;
		this.access = access;
	}

	@GetMapping
	String list(@RequestParam(required = false) String q, @RequestParam(defaultValue = "1") int page, Model model) {
		long total = this.tenants.count(q);
		int pages = (int) Math.max(1, (total + PAGE_SIZE - 1) / PAGE_SIZE);
		int current = Math.min(Math.max(page, 1), pages);
		List<Tenant> found = this.tenants.search(q, (current - 1) * PAGE_SIZE, PAGE_SIZE);
		Map<Long, Long> accountCounts = this.accounts.countByTenant();
		model.addAttribute("q", (q != null) ? q : "");
		model.addAttribute("tenants", found);
		model.addAttribute("accountCounts", accountCounts);
		model.addAttribute("total", total);
		model.addAttribute("page", current);
		model.addAttribute("pages", pages);
		return "tenants/list";
	}

	@GetMapping("/new")
	String create(Model model) {
		model.addAttribute("form", TenantForm.empty());
		return "tenants/form";
	}

	@PostMapping
	String create(TenantForm form, Model model) {
		String problem = form.problem();
		if (problem == null) {
			try {
				Tenant tenant = this.tenants.create(form.trimmedName(), TenantForm.orNull(form.contactName()),
						TenantForm.orNull(form.contactEmail()), TenantForm.orNull(form.contactPhone()),
						TenantForm.orNull(form.note()));
				return "redirect:/tenants/" + tenant.id();
			}
			catch (DuplicateKeyException ex) {
				problem = "tenant.error.name-taken";
			}
		}
		model.addAttribute("form", form);
		model.addAttribute("problem", problem);
		return "tenants/form";
	}

	@GetMapping("/{id}")
	String show(@PathVariable long id, Model model) {
		Tenant tenant = this.access.tenant(id);
		model.addAttribute("tenant", tenant);
		model.addAttribute("accounts", this.accounts.findByTenant(id));
		model.addAttribute("users", this.users.ofTenant(id));
		this.apiKeyPages.show(keysOf(id), model);
		return "tenants/detail";
	}

	/**
	 * A tenant-scoped API key. Its secret is shown in this answer only: not redirected through the session (which
	 * lives in Redis), not cached by the browser, stored nowhere but as a hash.
	 */
	@PostMapping("/{id}/api-keys")
	String createApiKey(@PathVariable long id, ApiKeyForm form, Model model, HttpServletResponse response) {
		this.access.tenant(id);
		this.apiKeyPages.create(form, id, actor(), model, response);
		return show(id, model);
	}

	@PostMapping("/{id}/api-keys/{keyId}/revoke")
	String revokeApiKey(@PathVariable long id, @PathVariable long keyId, RedirectAttributes redirect) {
		this.access.tenant(id);
		ApiKey revoked = keysOf(id).stream()
			.filter((key) -> key.id() == keyId)
			.findFirst()
			.orElseThrow(() -> new NotFoundException("API key"));
		this.apiKeys.revoke(keyId, actor());
		redirect.addFlashAttribute("apiKeyRevoked", revoked.name());
		return "redirect:/tenants/" + id;
	}

	private List<ApiKey> keysOf(long tenantId) {
		return this.apiKeys.list().stream().filter((key) -> Long.valueOf(tenantId).equals(key.tenantId())).toList();
	}

	private String actor() {
		return "console:" + this.access.user().getUsername();
	}

	@GetMapping("/{id}/edit")
	String edit(@PathVariable long id, Model model) {
		Tenant tenant = this.access.tenant(id);
		model.addAttribute("tenant", tenant);
		model.addAttribute("form", TenantForm.of(tenant));
		return "tenants/form";
	}

	@PostMapping("/{id}")
	String update(@PathVariable long id, TenantForm form, Model model) {
		Tenant tenant = this.access.tenant(id);
		String problem = form.problem();
		if (problem == null) {
			try {
				this.tenants.update(id, form.trimmedName(), TenantForm.orNull(form.contactName()),
						TenantForm.orNull(form.contactEmail()), TenantForm.orNull(form.contactPhone()),
						TenantForm.orNull(form.note()));
				return "redirect:/tenants/" + id;
			}
			catch (DuplicateKeyException ex) {
				problem = "tenant.error.name-taken";
			}
		}
		model.addAttribute("tenant", tenant);
		model.addAttribute("form", form);
		model.addAttribute("problem", problem);
		return "tenants/form";
	}

	/** A merchant user for this tenant; the operator hands the password over. */
	@PostMapping("/{id}/users")
	String addUser(@PathVariable long id, @RequestParam String username, @RequestParam String password,
			@RequestParam(required = false) String passwordConfirmation, RedirectAttributes redirect) {
		this.access.tenant(id);
		try {
			String confirmed = new NewPassword(password, passwordConfirmation).confirmed();
			this.users.create(this.access.user().getUsername(), username, confirmed, ConsoleRole.MERCHANT, id);
			redirect.addFlashAttribute("userAdded", username);
		}
		catch (ConsoleUserRefusal ex) {
			redirect.addFlashAttribute("userProblem", ex.messageKey());
			redirect.addFlashAttribute("userProblemHints", ex.hints());
		}
		return "redirect:/tenants/" + id;
	}

}
