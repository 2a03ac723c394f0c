package io.atrium.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import org.apache.hc.client5.http.DnsResolver;

/**
 * The HTTP client's only way to turn a host name into addresses: one lookup, every address checked, and the
 * client connects to the addresses returned here, so no second lookup can lead elsewhere.
 */
public record CheckedDnsResolver(HostResolver resolver, AddressPolicy policy) implements DnsResolver {

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
		// Only used for Kerberos/SPNEGO, which outbound requests never do: the name unchanged, without a lookup.
		return host;
	}

	/** A host name that resolves (in part) to an address outbound requests must not connect to. */
	public static class ForbiddenAddressException extends UnknownHostException {

		ForbiddenAddressException(String host) {
			super("The host resolves to an address outbound requests may not reach");
		}

	}

}
