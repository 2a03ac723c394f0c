package io.atrium.console.image;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host name into addresses: one lookup, every address checked, and the
 * client connects to the addresses returned here, so no second lookup can lead elsewhere.
 */
record CheckedDnsResolver(HostResolver resolver, AddressPolicy policy) implements DnsResolver {

	@Override
	public InetAddress[] resolve(String host) throws UnknownHostException {
		List<InetAddress> addresses = this.resolver.resolve(host);
		if (addresses.isEmpty()) {
			throw new UnknownHostException(host);
		}
		for (InetAddress address : addresses) {
			if (!this.policy.permits(address)) {
				throw new ForbiddenAddressException(host);
			}
		}
		return addresses.toArray(InetAddress[]::new);
	}

	@Override
	public String resolveCanonicalHostname(String host) {
		// Only used for Kerberos/SPNEGO, which the proxy never does: answer the name unchanged, without a lookup.
		return host;
	}

	/** A host name that resolves (in part) to an address the proxy must not connect to. */
	static class ForbiddenAddressException extends UnknownHostException {

		ForbiddenAddressException(String host) {
			super("The image host resolves to an address that is not proxied");
		}

	}

}
