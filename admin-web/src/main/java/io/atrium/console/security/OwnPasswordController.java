package io.atrium.console.security;

import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Every console user changes their own password here, given the current one. The session that changed it stays
 * logged in; the user's other sessions end on their next request.
 */
@Controller
@RequestMapping("/me/password")
class OwnPasswordController {

	private final ConsoleUsers users;

	private final LoginFailures failures;

	OwnPasswordController(ConsoleUsers users, LoginFailures failures) {
		this.users = users;
		this.failures = failures;
	}

	@GetMapping
	String form() {
		return "me/password";
	}

	@PostMapping
	String change(@AuthenticationPrincipal ConsolePrincipal me, @RequestParam String currentPassword,
			@RequestParam String newPassword, @RequestParam(required = false) String newPasswordConfirmation,
			HttpServletRequest request, RedirectAttributes redirect) {
		// The current password is guessed here as at the login form, so the same throttle applies to both.
		if (this.failures.lockedUntil(me.getUsername(), request.getRemoteAddr()).isPresent()) {
			redirect.addFlashAttribute("passwordProblem", "user.error.locked");
			return "redirect:/me/password";
		}
		try {
			String confirmed = new NewPassword(newPassword, newPasswordConfirmation).confirmed();
			Instant changedAt = this.users.changeOwnPassword(me.getUsername(), currentPassword, confirmed);
			// A new session id as well: whoever holds a copy of the old cookie is out with the old password.
			request.changeSessionId();
			SessionCheckFilter.credentialsSeen(request.getSession(), changedAt);
			redirect.addFlashAttribute("passwordChanged", true);
		}
		catch (ConsoleUserRefusal ex) {
			if ("current-password".equals(ex.getMessage())) {
				this.failures.recordFailure(me.getUsername(), request.getRemoteAddr());
			}
			redirect.addFlashAttribute("passwordProblem", ex.messageKey());
			redirect.addFlashAttribute("passwordHints", ex.hints());
		}
		return "redirect:/me/password";
	}

}
