package io.atrium.token.onboarding;

import java.nio.charset.StandardCharsets;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Where WeChat's authorization page sends the merchant's browser: {@code redirect_uri?auth_code=..&expires_in=..}.
 * Answers the merchant a page in their browser's language.
 */
@RestController
class AuthorizationReturnController {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	private final OnboardingService onboarding;

	AuthorizationReturnController(OnboardingService onboarding) {
		this.onboarding = onboarding;
	}

	@GetMapping(OnboardingService.RETURN_PATH)
	ResponseEntity<String> returned(@RequestParam(required = false) String state,
			@RequestParam(name = "auth_code", required = false) String authCode,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
		ReturnResult result = this.onboarding.returned(state, authCode);
		return ResponseEntity.status(result.outcome().status())
			.contentType(HTML)
			.cacheControl(CacheControl.noStore())
			// The URL holds the state and the code: no page this links to may see it.
			.header("Referrer-Policy", "no-referrer")
			.body(ReturnPage.render(result, MerchantPage.languageOf(acceptLanguage)));
	}

}
