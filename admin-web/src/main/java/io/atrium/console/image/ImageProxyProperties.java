package io.atrium.console.image;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the console's image proxy ({@code GET /img?u=...}) may fetch ({@code atrium.console.image-proxy.*}).
 *
 * @param hosts host names fetched over https on port 443 only: WeChat's image hosts by default
 * @param plainHttpHosts {@code host:port} entries that may also be fetched over plain http, on that port only (the
 * demo's sandbox), each optionally followed by a path prefix ({@code host:port/mmbiz_png/}) that confines it to the
 * paths under that prefix; empty outside the demo
 * @param allowLoopback whether a loopback address may be connected to (the demo's sandbox listens on loopback);
 * every other private, link-local or reserved address is refused regardless
 * @param maxSize the largest image passed on
 * @param connectTimeout TCP (and TLS) connect timeout
 * @param readTimeout longest wait for the answer and between two reads of it
 * @param deadline longest a whole fetch may take, connect, redirects and body included: a host that sends a byte
 * every few seconds cannot hold a request longer than this
 * @param maxAge how long browsers and shared caches may keep an image ({@code Cache-Control: public, max-age})
 * @param maxRedirects redirects followed, each checked like the first URL
 */
@ConfigurationProperties("atrium.console.image-proxy")
public record ImageProxyProperties(
		@DefaultValue({ "mmbiz.qpic.cn", "mmbiz.qlogo.cn", "wx.qlogo.cn", "thirdwx.qlogo.cn" }) List<String> hosts,
		@DefaultValue List<String> plainHttpHosts, @DefaultValue("false") boolean allowLoopback,
		@DefaultValue("5MB") DataSize maxSize, @DefaultValue("3s") Duration connectTimeout,
		@DefaultValue("10s") Duration readTimeout, @DefaultValue("5s") Duration deadline,
		@DefaultValue("1d") Duration maxAge, @DefaultValue("3") int maxRedirects) {

	public ImageProxyProperties {
		hosts = List.copyOf(hosts);
		plainHttpHosts = List.copyOf(plainHttpHosts);
	}

}
