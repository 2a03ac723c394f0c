package io.atrium.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Looks a host name up. An outbound client calls it once per new connection and connects only to what it returned,
 * after checking every address, so a name cannot answer a public address to the check and a private one to the
 * connection (DNS rebinding). Tests inject their own to make a name resolve to a private address.
 */
@FunctionalInterface
public interface HostResolver {

	/** The JVM's resolver (an IP literal is parsed, not looked up). */
	HostResolver SYSTEM = (host) -> List.of(InetAddress.getAllByName(host));

	List<InetAddress> resolve(String host) throws UnknownHostException;

}
