package io.atrium.outbound;

import java.net.Inet6Address;
import java.net.InetAddress;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Addresses the proxy may connect to: public unicast only; loopback only where the demo allows it.
 */
class AddressPolicyTests {

	private final AddressPolicy production = new AddressPolicy(false);

	private final AddressPolicy demo = new AddressPolicy(true);

	@ParameterizedTest
	@ValueSource(strings = { "0.0.0.0", "10.0.0.1", "100.64.0.1", "127.0.0.1", "127.255.255.254", "169.254.169.254",
			"172.16.0.1", "172.31.255.255", "192.0.0.8", "192.0.2.1", "192.168.1.1", "198.18.0.1", "198.51.100.1",
			"203.0.113.1", "224.0.0.1", "240.0.0.1", "255.255.255.255", "::", "::1", "fc00::1", "fd12:3456::1",
			"fe80::1", "fec0::1", "ff02::1", "::ffff:7f00:1", "::ffff:a9fe:a9fe", "::7f00:1", "64:ff9b::a00:1",
			"2002:a00:1::1", "2002:7f00:1::1", "2001:db8::1", "2001:0:4136:e378::1", "100::1" })
	void refusesPrivateLoopbackLinkLocalReservedAndEmbeddedForms(String literal) throws Exception {
		InetAddress address = InetAddress.getByName(literal);
		assertThat(this.production.permits(address)).as(literal).isFalse();
		if (!address.isLoopbackAddress()) {
			assertThat(this.demo.permits(address)).as(literal).isFalse();
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "::ffff:127.0.0.1", "::ffff:10.0.0.1", "::ffff:169.254.169.254" })
	void refusesIpv4MappedAddressesKeptAsIpv6(String literal) throws Exception {
		// InetAddress turns a mapped literal into IPv4; a resolver could still hand out the IPv6 form.
		byte[] bytes = new byte[16];
		bytes[10] = (byte) 0xff;
		bytes[11] = (byte) 0xff;
		System.arraycopy(InetAddress.getByName(literal.substring(7)).getAddress(), 0, bytes, 12, 4);
		Inet6Address mapped = Inet6Address.getByAddress(null, bytes, -1);
		assertThat(this.production.permits(mapped)).isFalse();
		assertThat(this.demo.permits(mapped)).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "93.184.215.14", "1.1.1.1", "101.226.103.106", "2408:8756:c52:1a18::21", "2606:4700::1111" })
	void permitsPublicUnicast(String literal) throws Exception {
		assertThat(this.production.permits(InetAddress.getByName(literal))).as(literal).isTrue();
	}

	@ParameterizedTest
	@ValueSource(strings = { "127.0.0.1", "::1" })
	void permitsLoopbackOnlyWhereAllowed(String literal) throws Exception {
		assertThat(this.demo.permits(InetAddress.getByName(literal))).isTrue();
		assertThat(this.production.permits(InetAddress.getByName(literal))).isFalse();
	}

	@Test
	void permitsAllowListedNetworksOnly() throws Exception {
		AddressPolicy policy = AddressPolicy.of(false, List.of("10.1.2.0/24", "fd00:1::/32", "172.16.5.9"));
		assertThat(policy.permits(InetAddress.getByName("10.1.2.77"))).isTrue();
		assertThat(policy.permits(InetAddress.getByName("10.1.3.1"))).isFalse();
		assertThat(policy.permits(InetAddress.getByName("fd00:1:ffff::1"))).isTrue();
		assertThat(policy.permits(InetAddress.getByName("fd00:2::1"))).isFalse();
		assertThat(policy.permits(InetAddress.getByName("172.16.5.9"))).isTrue();
		assertThat(policy.permits(InetAddress.getByName("172.16.5.10"))).isFalse();
		assertThat(policy.permits(InetAddress.getByName("127.0.0.1"))).isFalse();
	}

	@ParameterizedTest
	@ValueSource(strings = { "intranet.example/8", "10.0.0.0/33", "10.0.0.0/x", "", "::1/129" })
	void refusesWhatIsNotACidrBlock(String cidr) {
		assertThatIllegalArgumentException().isThrownBy(() -> AddressPolicy.Network.parse(cidr));
	}

}
