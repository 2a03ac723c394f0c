package io.atrium.token.webhook;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

import io.atrium.outbound.AddressPolicy;
import io.atrium.outbound.HostResolver;

/**
 * Which webhook URLs an operator may configure: absolute {@code https} URLs (and {@code http} where allowed), no
 * user info, no fragment, at most 2048 characters, whose host resolves only to addresses the {@link AddressPolicy}
 * permits (the image proxy's rules: no loopback, link-local or private ranges unless allow-listed). The check at
 * configuration time gives the operator a clear answer; the same policy is applied again on every connection
 * (the sender's resolver), so a name that later resolves elsewhere (DNS rebinding) is still refused.
 */
final class WebhookUrlPolicy {

	private static final int MAX_LENGTH = 2048;

	private final boolean allowPlainHttp;

	private final AddressPolicy addresses;

	private final HostResolver resolver;

	WebhookUrlPolicy(boolean allowPlainHttp, AddressPolicy addresses, HostResolver resolver) {
		this.allowPlainHttp = allowPlainHttp;
		this.addresses = addresses;
		this.resolver = resolver;
	}

	/**
	 * The URL as it will be stored and called.
	 * @throws WebhookRefusedException saying what is wrong with it
	 */
	URI check(String url) {
		if (url == null || url.isBlank() || url.strip().length() > MAX_LENGTH) {
			throw WebhookRefusedException.badUrl("an absolute https URL of at most 2048 characters is required");
		}
		URI uri;
		try {
			uri = new URI(url.strip());
		}
		catch (URISyntaxException ex) {
			throw WebhookRefusedException.badUrl("not a valid URL");
		}
		String scheme = (uri.getScheme() != null) ? uri.getScheme().toLowerCase(Locale.ROOT) : "";
		if (!uri.isAbsolute() || uri.isOpaque() || !("https".equals(scheme) || "http".equals(scheme))) {
			throw WebhookRefusedException.badUrl("only http(s) URLs can receive webhooks");
		}
		if ("http".equals(scheme) && !this.allowPlainHttp) {
			throw WebhookRefusedException.plainHttp();
		}
		if (uri.getRawUserInfo() != null || (uri.getRawAuthority() != null && uri.getRawAuthority().contains("@"))) {
			throw WebhookRefusedException.badUrl("no user info in the URL; the signature authenticates Atrium");
		}
		if (uri.getRawFragment() != null) {
			throw WebhookRefusedException.badUrl("no fragment in the URL");
		}
		if (uri.getHost() == null) {
			throw WebhookRefusedException.badUrl("the URL names no valid host");
		}
		String host = uri.getHost();
		List<InetAddress> resolved;
		try {
			resolved = this.resolver.resolve(host.startsWith("[") ? host.substring(1, host.length() - 1) : host);
		}
		catch (UnknownHostException ex) {
			throw WebhookRefusedException.unresolvable(host);
		}
		if (resolved.isEmpty()) {
			throw WebhookRefusedException.unresolvable(host);
		}
		for (InetAddress address : resolved) {
			if (!this.addresses.permits(address)) {
				throw WebhookRefusedException.forbiddenAddress(host);
			}
		}
		String path = (uri.getRawPath() == null || uri.getRawPath().isEmpty()) ? "/" : uri.getRawPath();
		String query = (uri.getRawQuery() != null) ? "?" + uri.getRawQuery() : "";
		return URI.create(scheme + "://" + uri.getRawAuthority() + path + query);
	}

}
