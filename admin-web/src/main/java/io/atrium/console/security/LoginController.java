package io.atrium.console.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The login page. It names the configured lock duration, so the message stays true when an operator changes it.
 */
@Controller
class LoginController {

	private final ConsoleProperties properties;

	LoginController(ConsoleProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/login")
	String login(Model model) {
		model.addAttribute("lockMinutes", this.properties.loginThrottle().lockDuration().toMinutes());
		return "login";
	}

}
