package io.atrium.outbound;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Which resolved addresses an outbound request chosen by someone else (the console's image proxy, an operator's
 * webhook URL) may connect to: public unicast only, so the request cannot be turned against the platform's own
 * network. Refused: loopback (unless allowed, for the demo and tests), the unspecified address, private, shared (CGN), link-local (cloud metadata at 169.254.169.254),
 * benchmarking, documentation, multicast and reserved IPv4 ranges; for IPv6 everything outside global unicast
 * {@code 2000::/3} (so {@code ::1}, {@code fc00::/7}, {@code fe80::/10}, {@code ff00::/8}, IPv4-mapped
 * {@code ::ffff:0:0/96}, IPv4-compatible and NAT64 {@code 64:ff9b::/96}), and inside it Teredo and documentation
 * prefixes and 6to4 addresses whose embedded IPv4 address is refused. An operator may allow-list networks
 * ({@code 10.1.2.0/24}, {@code fd00::/8}) that are then permitted whatever their kind: the provider's own systems
 * often live on a private network.
 *
 * @param allowLoopback whether loopback addresses are permitted
 * @param allowedNetworks CIDR blocks permitted even though private or reserved
 */
public record AddressPolicy(boolean allowLoopback, List<Network> allowedNetworks) {

	/** Public unicast, and loopback if so allowed. */
	public AddressPolicy(boolean allowLoopback) {
		this(allowLoopback, List.of());
	}

	public AddressPolicy {
		allowedNetworks = List.copyOf(allowedNetworks);
	}

	/** From CIDR strings; @throws IllegalArgumentException naming the entry that is not one */
	public static AddressPolicy of(boolean allowLoopback, List<String> allowedNetworks) {
		return new AddressPolicy(allowLoopback, allowedNetworks.stream().map(Network::parse).toList());
	}

	public boolean permits(InetAddress address) {
		if (this.allowLoopback && address.isLoopbackAddress()) {
			return true;
		}
		for (Network network : this.allowedNetworks) {
			if (network.contains(address)) {
				return true;
			}
		}
		if (address instanceof Inet4Address v4) {
			return isPublic(v4.getAddress());
		}
		if (address instanceof Inet6Address v6) {
			return isPublic6(v6.getAddress());
		}
		return false;
	}

	private static boolean isPublic(byte[] b) {
		int a0 = b[0] & 0xff;
		int a1 = b[1] & 0xff;
		int a2 = b[2] & 0xff;
		return !(a0 == 0 // "this" network
				|| a0 == 10 // private
				|| (a0 == 100 && (a1 & 0xc0) == 64) // shared address space (CGN), 100.64.0.0/10
				|| a0 == 127 // loopback
				|| (a0 == 169 && a1 == 254) // link-local, cloud metadata
				|| (a0 == 172 && (a1 & 0xf0) == 16) // private
				|| (a0 == 192 && a1 == 0 && (a2 == 0 || a2 == 2)) // IETF protocol assignments, TEST-NET-1
				|| (a0 == 192 && a1 == 88 && a2 == 99) // 6to4 relay anycast
				|| (a0 == 192 && a1 == 168) // private
				|| (a0 == 198 && (a1 & 0xfe) == 18) // benchmarking
				|| (a0 == 198 && a1 == 51 && a2 == 100) // TEST-NET-2
				|| (a0 == 203 && a1 == 0 && a2 == 113) // TEST-NET-3
				|| a0 >= 224); // multicast, reserved, broadcast
	}

	private static boolean isPublic6(byte[] b) {
		if ((b[0] & 0xe0) != 0x20) {
			// Outside global unicast 2000::/3: loopback, unspecified, IPv4-mapped/compatible, NAT64, ULA, link-local,
			// multicast, ...
			return false;
		}
		int first = ((b[0] & 0xff) << 8) | (b[1] & 0xff);
		int second = ((b[2] & 0xff) << 8) | (b[3] & 0xff);
		if (first == 0x2001 && (second == 0x0000 || second == 0x0db8)) {
			return false; // Teredo (tunnels to an IPv4 address), documentation
		}
		if (first == 0x2002) {
			return isPublic(new byte[] { b[2], b[3], b[4], b[5] }); // 6to4 embeds an IPv4 address
		}
		return true;
	}

	/** A CIDR block, IPv4 or IPv6, given as an address literal (never a name) and a prefix length. */
	public record Network(byte[] prefix, int length) {

		public static Network parse(String cidr) {
			String value = cidr.strip();
			int slash = value.indexOf('/');
			String literal = (slash < 0) ? value : value.substring(0, slash);
			// A literal only: a letter here would be a host name, and looking one up would be a DNS query at start-up.
			if (literal.isEmpty() || !literal.matches("[0-9a-fA-F:.]+")) {
				throw new IllegalArgumentException("Not a CIDR block: " + cidr);
			}
			try {
				byte[] bytes = InetAddress.getByName(literal).getAddress();
				int length = (slash < 0) ? bytes.length * 8 : Integer.parseInt(value.substring(slash + 1));
				if (length < 0 || length > bytes.length * 8) {
					throw new IllegalArgumentException("Not a CIDR block: " + cidr);
				}
				return new Network(bytes, length);
			}
			catch (UnknownHostException | NumberFormatException ex) {
				throw new IllegalArgumentException("Not a CIDR block: " + cidr);
			}
		}

		boolean contains(InetAddress address) {
			byte[] bytes = address.getAddress();
			if (bytes.length != this.prefix.length) {
				return false;
			}
			int full = this.length / 8;
			for (int i = 0; i < full; i++) {
				if (bytes[i] != this.prefix[i]) {
					return false;
				}
			}
			int rest = this.length % 8;
			if (rest == 0) {
				return true;
			}
			int mask = (0xff << (8 - rest)) & 0xff;
			return (bytes[full] & mask) == (this.prefix[full] & mask);
		}

	}

}
