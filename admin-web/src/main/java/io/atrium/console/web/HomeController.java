package io.atrium.console.web;

import io.atrium.console.security.ConsolePrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The start page by role: operators land on the dashboard, merchants on their accounts.
 */
@Controller
class HomeController {

	@GetMapping("/")
	String home(@AuthenticationPrincipal ConsolePrincipal me) {
		return me.isOperator() ? "redirect:/dashboard" : "redirect:/accounts";
	}

}
