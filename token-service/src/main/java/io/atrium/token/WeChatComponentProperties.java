package io.atrium.token;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The third-party platform (component) as registered with WeChat, and where WeChat is.
 *
 * @param apiBaseUrl base URL of the WeChat API ({@code cgi-bin/component/*}, {@code freepublish/*}, ...)
 * @param mpBaseUrl base URL of the PC authorization page (the QR code link)
 * @param openBaseUrl base URL of the mobile authorization page
 * @param componentAppId the platform's appid
 * @param componentSecret the platform's appsecret
 * @param componentToken the message-check token pushes are signed with
 * @param componentAesKey the 43-character EncodingAESKey pushes are encrypted with
 * @param readTimeout how long a {@code cgi-bin/component/*} call may wait for WeChat's answer; past it the call
 * fails without telling whether WeChat acted on it
 */
@ConfigurationProperties("atrium.wechat")
public record WeChatComponentProperties(@DefaultValue("https://api.weixin.qq.com") String apiBaseUrl,
		@DefaultValue("https://mp.weixin.qq.com") String mpBaseUrl,
		@DefaultValue("https://open.weixin.qq.com") String openBaseUrl, String componentAppId, String componentSecret,
		String componentToken, String componentAesKey, @DefaultValue("10s") Duration readTimeout) {

	/**
	 * Secrets are masked: this string ends up in logs and actuator output.
	 */
	@Override
	public String toString() {
		return "WeChatComponentProperties[apiBaseUrl=" + this.apiBaseUrl + ", mpBaseUrl=" + this.mpBaseUrl
				+ ", openBaseUrl=" + this.openBaseUrl + ", componentAppId=" + this.componentAppId
				+ ", componentSecret=" + mask(this.componentSecret) + ", componentToken="
				+ mask(this.componentToken) + ", componentAesKey=" + mask(this.componentAesKey) + ", readTimeout="
				+ this.readTimeout + "]";
	}

	private static String mask(String secret) {
		return (secret != null) ? "******" : null;
	}

}
