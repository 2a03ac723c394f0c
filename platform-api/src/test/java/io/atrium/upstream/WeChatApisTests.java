package io.atrium.upstream;

import java.util.List;
import java.util.Map;

import io.atrium.account.PermissionSet;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class WeChatApisTests {

	@Test
	void listsTheContentApisWithTheirSetsLimitsAndRetry() {
		WeChatApis apis = registry(Map.of());
		WeChatApi batchget = apis.forPath("/cgi-bin/freepublish/batchget");
		assertThat(batchget.key()).isEqualTo("freepublish-batchget");
		assertThat(batchget.permissionSets()).containsExactly(PermissionSet.MASS_SEND_AND_NOTIFY);
		assertThat(batchget.perMinute()).isEqualTo(60);
		assertThat(batchget.retryable()).isTrue();
		assertThat(apis.forPath("/cgi-bin/message/custom/send").retryable()).isFalse();
		assertThat(apis.forPath("/cgi-bin/menu/get").permissionSets()).containsExactly(PermissionSet.MENU);
	}

	@Test
	void anUnlistedPathSharesOneUngatedNeverRetriedEntry() {
		WeChatApis apis = registry(Map.of());
		WeChatApi other = apis.forPath("/cgi-bin/tags/get");
		assertThat(other).isSameAs(apis.unlisted()).isSameAs(apis.forPath("/datacube/getusersummary"));
		assertThat(other.key()).isEqualTo(WeChatApis.UNLISTED_KEY);
		assertThat(other.permissionSets()).isEmpty();
		assertThat(other.retryable()).isFalse();
		assertThat(apis.find("/cgi-bin/tags/get")).isEmpty();
	}

	@Test
	void configurationAddsAnEntryOrChangesABuiltInOne() {
		WeChatApis apis = registry(Map.of("tags-get",
				new UpstreamProperties.Api("get", "/cgi-bin/tags/get", List.of(PermissionSet.USER_MANAGEMENT), 30, true),
				"menu-get", new UpstreamProperties.Api(null, null, null, 5, null)));
		WeChatApi tags = apis.forPath("/cgi-bin/tags/get");
		assertThat(tags.key()).isEqualTo("tags-get");
		assertThat(tags.method()).isEqualTo("GET");
		assertThat(tags.permissionSets()).containsExactly(PermissionSet.USER_MANAGEMENT);
		WeChatApi menu = apis.byKey("menu-get");
		assertThat(menu.perMinute()).isEqualTo(5);
		assertThat(menu.path()).isEqualTo("/cgi-bin/menu/get");
		assertThat(menu.permissionSets()).containsExactly(PermissionSet.MENU);
	}

	@Test
	void aNewEntryWithoutAPathOrWithAQueryIsRefusedAtStartUp() {
		assertThatIllegalStateException().isThrownBy(
				() -> registry(Map.of("x", new UpstreamProperties.Api("GET", null, List.of(), 1, false))))
			.withMessageContaining("needs a method and a path");
		assertThatIllegalStateException().isThrownBy(
				() -> registry(Map.of("x", new UpstreamProperties.Api("GET", "/cgi-bin/x?a=1", List.of(), 1, false))))
			.withMessageContaining("must be a path");
		assertThatIllegalStateException().isThrownBy(() -> registry(
				Map.of("second-menu", new UpstreamProperties.Api("GET", "/cgi-bin/menu/get", List.of(), 1, false))))
			.withMessageContaining("Two registry entries");
	}

	@Test
	void componentTokenSecretAndQuotaClearingPathsAreNeverForwarded() {
		WeChatApis apis = registry(Map.of());
		assertThat(apis.forwardable("/cgi-bin/menu/get")).isTrue();
		assertThat(apis.forwardable("/cgi-bin/component/api_authorizer_token")).isFalse();
		assertThat(apis.forwardable("/cgi-bin/token")).isFalse();
		assertThat(apis.forwardable("/cgi-bin/stable_token")).isFalse();
		assertThat(apis.forwardable("/cgi-bin/clear_quota")).isFalse();
		assertThat(apis.forwardable("/sns/oauth2/access_token")).isFalse();
	}

	private static WeChatApis registry(Map<String, UpstreamProperties.Api> apis) {
		return new WeChatApis(new UpstreamProperties(null, null, 5000, 60, apis, null, null));
	}

}
