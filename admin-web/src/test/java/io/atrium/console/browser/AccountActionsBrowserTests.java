package io.atrium.console.browser;

import java.util.Optional;

import io.atrium.token.cache.CachedToken;
import io.atrium.token.cache.TokenCache;
import io.atrium.token.cache.TokenSubject;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

import org.springframework.beans.factory.annotation.Autowired;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An administrator's actions on an account page: refresh the token now, reconcile with WeChat. Merchants see
 * neither.
 */
class AccountActionsBrowserTests extends ConsoleBrowserTests {

	/** 云杉家居, held by 星河集团 (demo) like the merchant user {@code xinghe}. */
	static final String ACCOUNT = "wx1e3c5a7b9d2f4860";

	@Autowired
	TokenCache tokens;

	@Test
	void anAdministratorRefreshesTheTokenAndReconcilesWithWeChat() {
		logIn(OPERATOR, OPERATOR_PASSWORD);
		waitFor(By.id("nav-accounts"));
		Optional<CachedToken> before = this.tokens.read(TokenSubject.authorizer(ACCOUNT));
		open("/accounts/" + ACCOUNT);

		waitFor(By.id("refresh-token")).click();

		assertThat(waitFor(By.id("action-result")).getText()).contains("已向微信取得新的访问令牌");
		Optional<CachedToken> after = this.tokens.read(TokenSubject.authorizer(ACCOUNT));
		assertThat(after).isPresent();
		assertThat(after.get().token()).isNotEqualTo(before.map(CachedToken::token).orElse(null));
		assertThat(waitFor(By.id("token-health")).getText()).doesNotContain(after.get().token());
		screenshot("account-refreshed-zh");

		waitFor(By.id("reconcile")).click();

		assertThat(waitFor(By.id("action-result")).getText()).contains("已与微信的授权列表核对");
	}

	@Test
	void merchantsSeeNeitherAction() {
		logIn(MERCHANT, MERCHANT_PASSWORD);
		waitFor(By.id("nav-accounts"));
		open("/accounts/" + ACCOUNT);

		waitFor(By.id("account-name"));
		assertThat(present(By.id("refresh-token"))).isFalse();
		assertThat(present(By.id("reconcile"))).isFalse();
		assertThat(present(By.id("reauthorize"))).isTrue();
	}

}
