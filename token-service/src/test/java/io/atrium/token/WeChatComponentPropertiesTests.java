package io.atrium.token;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class WeChatComponentPropertiesTests {

	@Test
	void toStringMasksTheSecrets() {
		WeChatComponentProperties properties = new WeChatComponentProperties("https://api.weixin.qq.com",
				"https://mp.weixin.qq.com", "https://open.weixin.qq.com", "wx1234567890abcdef", "the-secret-value",
				"the-token-value", "TheEncodingAesKeyValue0123456789abcdefghijk", Duration.ofSeconds(10));
		assertThat(properties.toString()).contains("wx1234567890abcdef", "https://api.weixin.qq.com")
			.doesNotContain("the-secret-value", "the-token-value", "TheEncodingAesKeyValue");
	}

	@Test
	void toStringShowsWhichSecretsAreMissing() {
		WeChatComponentProperties properties = bind(Map.of());
		assertThat(properties.toString()).contains("componentSecret=null");
	}

	@Test
	void defaultsToTheRealWeChat() {
		WeChatComponentProperties properties = bind(Map.of("atrium.wechat.component-app-id", "wx1234567890abcdef"));
		assertThat(properties.apiBaseUrl()).isEqualTo("https://api.weixin.qq.com");
		assertThat(properties.mpBaseUrl()).isEqualTo("https://mp.weixin.qq.com");
		assertThat(properties.openBaseUrl()).isEqualTo("https://open.weixin.qq.com");
		assertThat(properties.componentAppId()).isEqualTo("wx1234567890abcdef");
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void readTimeoutIsConfigurable() {
		WeChatComponentProperties properties = bind(Map.of("atrium.wechat.read-timeout", "2s"));
		assertThat(properties.readTimeout()).isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void theEnvironmentVariablesOfDockerComposeBindEveryAddressAndTheComponent() {
		Map<String, Object> environment = Map.of("ATRIUM_WECHAT_API_BASE_URL", "http://sandbox:9090",
				"ATRIUM_WECHAT_MP_BASE_URL", "http://sandbox:9090/mp", "ATRIUM_WECHAT_OPEN_BASE_URL",
				"http://sandbox:9090/open", "ATRIUM_WECHAT_COMPONENT_APP_ID", "wx1234567890abcdef");
		WeChatComponentProperties properties = new Binder(
				ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("environment", environment)))
			.bindOrCreate("atrium.wechat", WeChatComponentProperties.class);
		assertThat(properties.apiBaseUrl()).isEqualTo("http://sandbox:9090");
		assertThat(properties.mpBaseUrl()).isEqualTo("http://sandbox:9090/mp");
		assertThat(properties.openBaseUrl()).isEqualTo("http://sandbox:9090/open");
		assertThat(properties.componentAppId()).isEqualTo("wx1234567890abcdef");
	}

	private static WeChatComponentProperties bind(Map<String, String> values) {
		return new Binder(new MapConfigurationPropertySource(values))
			.bindOrCreate("atrium.wechat", WeChatComponentProperties.class);
	}

}
