package io.atrium;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one {@link Clock} everything that depends on time is given, so that tests move time instead of sleeping.
 * A benchmark may have it follow the WeChat sandbox's clock ({@link ClockSettings#followSandbox()}); that is refused
 * when any WeChat address is WeChat's own, so it can never reach production by a stray setting.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ClockSettings.class)
class ClockConfiguration {

	/** Where the WeChat addresses are configured, with the defaults they have when not set (WeChat's). */
	private static final List<String[]> WECHAT_ADDRESSES = List.of(
			new String[] { "atrium.wechat.api-base-url", "https://api.weixin.qq.com" },
			new String[] { "atrium.wechat.mp-base-url", "https://mp.weixin.qq.com" },
			new String[] { "atrium.wechat.open-base-url", "https://open.weixin.qq.com" });

	@Bean
	Clock clock(ClockSettings settings, Environment environment) {
		if (settings.followSandbox() == null) {
			return Clock.systemUTC();
		}
		for (String[] address : WECHAT_ADDRESSES) {
			String url = environment.getProperty(address[0], address[1]);
			if (isWeChat(url)) {
				throw new IllegalStateException("atrium.clock.follow-sandbox is for benchmarks and demos against the "
						+ "WeChat sandbox, and is refused while " + address[0] + " is WeChat's (" + url + ")");
			}
		}
		return new SandboxFollowingClock(settings.followSandbox(), Clock.systemUTC());
	}

	private static boolean isWeChat(String url) {
		String host;
		try {
			host = URI.create(url.trim()).getHost();
		}
		catch (IllegalArgumentException ex) {
			return true;
		}
		if (host == null) {
			return true;
		}
		host = host.toLowerCase(Locale.ROOT);
		return host.equals("qq.com") || host.endsWith(".qq.com") || host.endsWith(".weixin.com")
				|| host.endsWith(".wechat.com");
	}

}
