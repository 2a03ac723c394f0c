package io.atrium.console.security;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page. After a lock it says how many minutes are left, as the failure handler put them in the link;
 * the figure is read as a number and kept within the configured longest lock, so a crafted link cannot make the
 * page say anything else.
 */
@Controller
class LoginController {

	private final ConsoleProperties properties;

	LoginController(ConsoleProperties properties) {
		this.properties = properties;
	}

	@GetMapping("/login")
	String login(@RequestParam(name = "locked", required = false) String locked, Model model) {
		if (locked != null) {
			long longest = Math.max(1, this.properties.loginThrottle().maxLock().toMinutes());
			long minutes;
			try {
				minutes = Long.parseLong(locked);
			}
			catch (NumberFormatException ex) {
				minutes = longest;
			}
			model.addAttribute("lockMinutes", Math.min(Math.max(minutes, 1), longest));
		}
		return "login";
	}

}
