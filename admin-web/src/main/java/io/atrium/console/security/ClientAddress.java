package io.atrium.console.security;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The client address as the login throttle counts it: an IPv4 address as it is, an IPv6 address by its /64 (one
 * household or server is routinely given a whole /64, so counting single IPv6 addresses would give an attacker
 * 2^64 fresh addresses), written {@code 2001:db8:1:2::/64}; the loopback as {@code ::1}. Never resolves a name:
 * only literals are parsed.
 */
final class ClientAddress {

	static final String UNKNOWN = "unknown";

	private ClientAddress() {
	}

	static String of(String remoteAddress) {
		if (remoteAddress == null || remoteAddress.isBlank()) {
			return UNKNOWN;
		}
		if (!remoteAddress.contains(":")) {
			return remoteAddress;
		}
		String literal = remoteAddress.startsWith("[") && remoteAddress.endsWith("]")
				? remoteAddress.substring(1, remoteAddress.length() - 1) : remoteAddress;
		int zone = literal.indexOf('%');
		if (zone >= 0) {
			literal = literal.substring(0, zone);
		}
		if (!literal.matches("[0-9A-Fa-f:.]+")) {
			// Not an address literal; InetAddress would look a name up.
			return UNKNOWN;
		}
		try {
			InetAddress address = InetAddress.getByName(literal);
			byte[] bytes = address.getAddress();
			if (bytes.length != 16) {
				return address.getHostAddress();
			}
			if (address.isLoopbackAddress()) {
				return "::1";
			}
			StringBuilder prefix = new StringBuilder();
			for (int i = 0; i < 8; i += 2) {
				prefix.append(Integer.toHexString(((bytes[i] & 0xff) << 8) | (bytes[i + 1] & 0xff))).append(':');
			}
			return prefix.append(":/64").toString();
		}
		catch (UnknownHostException ex) {
			return UNKNOWN;
		}
	}

}
