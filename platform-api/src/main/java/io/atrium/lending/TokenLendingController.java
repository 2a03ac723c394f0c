package io.atrium.lending;

import io.atrium.apikey.ApiKey;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Token lending ({@code token:lend}, {@code component-token:lend}): the current token and how long it is good for,
 * and the report of a token WeChat refused. Answers are never cached on the way.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class TokenLendingController {

	private final TokenLending lending;

	TokenLendingController(TokenLending lending) {
		this.lending = lending;
	}

	@GetMapping("/accounts/{appid}/access-token")
	ResponseEntity<LentToken> lend(ApiKey key, @PathVariable String appid) {
		return noStore(this.lending.lend(key, appid));
	}

	@PostMapping(path = "/accounts/{appid}/access-token/invalid", consumes = "application/json")
	ResponseEntity<LentToken> reportInvalid(ApiKey key, @PathVariable String appid, @RequestBody RefusedToken body) {
		return noStore(this.lending.reportInvalid(key, appid, body.checked()));
	}

	@GetMapping("/component/access-token")
	ResponseEntity<LentToken> lendComponent(ApiKey key) {
		return noStore(this.lending.lendComponent(key));
	}

	@PostMapping(path = "/component/access-token/invalid", consumes = "application/json")
	ResponseEntity<LentToken> reportComponentInvalid(ApiKey key, @RequestBody RefusedToken body) {
		return noStore(this.lending.reportComponentInvalid(key, body.checked()));
	}

	private static ResponseEntity<LentToken> noStore(LentToken token) {
		return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(token);
	}

}
