package io.atrium.console.web;

import io.atrium.console.security.ConsolePrincipal;

import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/**
 * What every console page's layout needs: who is logged in, for the navigation by role.
 */
@ControllerAdvice(basePackages = "io.atrium.console")
class ConsoleModel {

	@ModelAttribute("me")
	ConsolePrincipal me(@AuthenticationPrincipal ConsolePrincipal principal) {
		return principal;
	}

}
