package io.atrium.console.users;

import io.atrium.console.security.ConsolePrincipal;
import io.atrium.console.security.ConsoleRole;
import io.atrium.console.security.ConsoleUserRefusal;
import io.atrium.console.security.ConsoleUsers;
import io.atrium.console.security.NewPassword;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every console user, for platform administrators only (the console's security rules): add an operator, disable
 * or re-enable anyone, set a forgotten password. Merchant users are added on their tenant's page.
 */
@Controller
@RequestMapping("/users")
class UsersController {

	private final ConsoleUsers users;

	UsersController(ConsoleUsers users) {
		this.users = users;
	}

	@GetMapping
	String list(Model model) {
		model.addAttribute("users", this.users.all());
		return "users/list";
	}

	/** An operator (administrator or viewer); the administrator hands the password over. */
	@PostMapping
	String add(@AuthenticationPrincipal ConsolePrincipal me, @RequestParam String username,
			@RequestParam String password, @RequestParam(required = false) String passwordConfirmation,
			@RequestParam(required = false) String role, RedirectAttributes redirect) {
		return act(redirect, "user.added-operator", username, () -> {
			ConsoleRole operator = operatorRole(role);
			String confirmed = new NewPassword(password, passwordConfirmation).confirmed();
			this.users.create(me.getUsername(), username, confirmed, operator, null);
		});
	}

	@PostMapping("/{id}/disable")
	String disable(@AuthenticationPrincipal ConsolePrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, "user.disabled", null, () -> this.users.disable(me.getUsername(), id));
	}

	@PostMapping("/{id}/enable")
	String enable(@AuthenticationPrincipal ConsolePrincipal me, @PathVariable long id, RedirectAttributes redirect) {
		return act(redirect, "user.enabled", null, () -> this.users.enable(me.getUsername(), id));
	}

	@PostMapping("/{id}/password")
	String resetPassword(@AuthenticationPrincipal ConsolePrincipal me, @PathVariable long id,
			@RequestParam String password, @RequestParam(required = false) String passwordConfirmation,
			RedirectAttributes redirect) {
		return act(redirect, "user.password-reset", null, () -> this.users.resetPassword(me.getUsername(), id,
				new NewPassword(password, passwordConfirmation).confirmed()));
	}

	/** Only the two operator roles are added here; merchant users belong to a tenant's page. */
	private static ConsoleRole operatorRole(String role) {
		for (ConsoleRole candidate : ConsoleRole.values()) {
			if (candidate.isOperator() && candidate.name().equals(role)) {
				return candidate;
			}
		}
		throw new ConsoleUserRefusal("role");
	}

	private String act(RedirectAttributes redirect, String done, String argument, Runnable action) {
		try {
			action.run();
			redirect.addFlashAttribute("done", done);
			redirect.addFlashAttribute("doneArgument", argument);
		}
		catch (ConsoleUserRefusal ex) {
			redirect.addFlashAttribute("problem", ex.messageKey());
			redirect.addFlashAttribute("problemHints", ex.hints());
		}
		return "redirect:/users";
	}

}
