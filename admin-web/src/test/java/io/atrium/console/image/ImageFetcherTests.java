package io.atrium.console.image;

import java.time.Duration;
import java.util.List;

import io.atrium.outbound.HostResolver;
import io.atrium.testsupport.ClosingKeepAliveServer;
import org.junit.jupiter.api.Test;

import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image fetcher against a host that closes each kept-alive connection right after its answer (as a busy server
 * does when it has too many idle connections): the next image is asked on the pooled connection, which answers
 * nothing, and is asked again, once, on a new one instead of answering the browser 502.
 */
class ImageFetcherTests {

	private static final byte[] PNG = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	@Test
	void anImageAskedOnAConnectionTheHostHadClosedIsAskedAgainOnANewOne() throws Exception {
		try (ClosingKeepAliveServer host = ClosingKeepAliveServer.start("image/png", PNG, Duration.ZERO)) {
			String hostAndPort = "127.0.0.1:" + host.port();
			ImageProxyProperties properties = new ImageProxyProperties(List.of(), List.of(hostAndPort), true,
					DataSize.ofKilobytes(64), Duration.ofSeconds(2), Duration.ofSeconds(2), Duration.ofSeconds(5),
					Duration.ofDays(1), 3);
			ImageFetcher fetcher = new ImageFetcher(properties, HostResolver.SYSTEM);
			try {
				for (int i = 0; i < 3; i++) {
					try (UpstreamImage image = fetcher.fetch("http://" + hostAndPort + "/image.png", null, null)) {
						assertThat(image.body().readAllBytes()).isEqualTo(PNG);
					}
				}
			}
			finally {
				fetcher.destroy();
			}
			// Each fetch after the first met the closed connection, then a new one: one connection per image.
			assertThat(host.connections()).isEqualTo(3);
		}
	}

}
