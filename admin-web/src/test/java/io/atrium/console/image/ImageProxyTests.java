package io.atrium.console.image;

import java.net.InetAddress;
import java.net.SocketException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.atrium.outbound.HostResolver;
import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.WeChatSandbox;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.util.unit.DataSize;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;

/**
 * {@code GET /img}: the SSRF classics are all refused without a request leaving the JVM (a test resolver answers
 * every name; nothing reaches the internet), only raster images within the cap pass, and a sandbox image comes
 * back with its type and cache headers. The controller is called directly: securing it is the console's login.
 */
class ImageProxyTests {

	static final ImageHostServer host = startHost();

	static final WeChatSandbox sandbox = WeChatSandbox.start(SandboxSettings.defaults());

	/**
	 * Every name the proxy may look up in these tests: WeChat's hosts resolve to private or mixed addresses, so the
	 * address check is what refuses them (all addresses are checked before any connection, so the public one is
	 * never contacted); anything else is unknown. The JVM's resolver is never used.
	 */
	static final Map<String, List<InetAddress>> names = Map.of("mmbiz.qpic.cn", List.of(address("10.0.0.1")),
			"mmbiz.qlogo.cn", List.of(address("93.184.215.14"), address("192.168.0.7")), "wx.qlogo.cn",
			List.of(address("169.254.169.254")), "thirdwx.qlogo.cn", List.of(address("fd00::1")));

	static final HostResolver resolver = (name) -> {
		String bare = name.startsWith("[") ? name.substring(1, name.length() - 1) : name;
		if (names.containsKey(bare)) {
			return names.get(bare);
		}
		if (Character.isDigit(bare.charAt(0)) || bare.contains(":")) {
			return List.of(InetAddress.getByName(bare)); // a literal: parsed, never looked up
		}
		throw new UnknownHostException(name);
	};

	/** The demo's shape: the loopback test host and the sandbox allowed explicitly, loopback allowed. */
	final MockMvc mvc = mvc(true);

	/** Production's shape with the same allow-list: loopback refused. */
	final MockMvc strict = mvc(false);

	@BeforeEach
	void forget() {
		host.requests.clear();
	}

	@AfterAll
	static void stop() {
		host.close();
		sandbox.close();
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://127.0.0.1/", "http://localhost/", "http://[::1]/",
			"http://169.254.169.254/latest/meta-data", "http://10.0.0.1/", "http://2130706433/", "http://0x7f.1/",
			"http://0177.0.0.1/", "http://127.1/", "http://[::ffff:127.0.0.1]/", "http://[::ffff:7f00:1]/",
			"https://evil.example/a.png", "https://mmbiz.qpic.cn@evil.example/a.png",
			"https://evil.example@mmbiz.qpic.cn/a.png", "https://mmbiz.qpic.cn:443@evil.example/",
			"https://mmbiz.qpic.cn.evil.example/a.png", "https://mmbiz.qpic.cn./a.png", "http://mmbiz.qpic.cn/a.png",
			"https://mmbiz.qpic.cn:8443/a.png", "https://mmbiz.qpic.cn/a.png?access_token=ACCESS",
			"https://mmbiz.qpic.cn/a.png?wx_fmt=png&Access%5FToken=ACCESS", "file:///etc/passwd",
			"gopher://127.0.0.1:6379/_FLUSHALL", "ftp://mmbiz.qpic.cn/a.png", "//mmbiz.qpic.cn/a.png", "/img?u=x",
			"javascript:alert(1)", "", " " })
	void refusesMalformedAndNotAllowListedUrlsWithA4xx(String url) throws Exception {
		for (MockMvc proxy : List.of(this.mvc, this.strict)) {
			MvcResult result = proxy.perform(get("/img").param("u", url)).andReturn();
			assertThat(result.getResponse().getStatus()).as(url).isIn(400, 403);
			assertThat(result.getResponse().getContentType()).startsWith("text/plain");
		}
		assertThat(host.requests).isEmpty();
	}

	@Test
	void refusesAnAllowListedNameThatResolvesToAPrivateLinkLocalOrUniqueLocalAddress() throws Exception {
		for (String name : List.of("mmbiz.qpic.cn", "mmbiz.qlogo.cn", "wx.qlogo.cn", "thirdwx.qlogo.cn")) {
			MvcResult result = this.mvc.perform(get("/img").param("u", "https://" + name + "/mmbiz_png/a/0")).andReturn();
			assertThat(result.getResponse().getStatus()).as(name).isEqualTo(403);
			assertThat(result.getResponse().getContentAsString()).contains("address");
		}
	}

	@Test
	void refusesLoopbackOutsideTheDemoEvenForAnAllowListedHostAndPort() throws Exception {
		MvcResult result = this.strict.perform(get("/img").param("u", host.url("/image.png"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(403);
		assertThat(host.requests).isEmpty();
	}

	@Test
	void refusesAHostOnlyAllowedOnAnotherPort() throws Exception {
		MvcResult result = this.mvc.perform(get("/img").param("u", "http://127.0.0.1:1/image.png")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(403);
	}

	@ParameterizedTest
	@ValueSource(strings = { "http://10.0.0.1/x", "http://169.254.169.254/latest/meta-data", "http://127.0.0.1:1/x",
			"https://mmbiz.qpic.cn/mmbiz_png/a/0", "file:///etc/passwd", "http://[::1]:80/" })
	void doesNotFollowARedirectOffTheListOrToAPrivateAddress(String target) throws Exception {
		MvcResult result = this.mvc.perform(get("/img").param("u", host.url("/redirect?" + target))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(502);
		assertThat(host.requests).extracting(ImageHostServer.HttpExchangeRecord::path).containsExactly("/redirect");
	}

	@Test
	void followsARedirectThatPassesTheSameChecks() throws Exception {
		MvcResult result = this.mvc.perform(get("/img").param("u", host.url("/redirect?/image.png"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(ImageHostServer.PNG);
	}

	@Test
	void stopsAfterTooManyRedirects() throws Exception {
		String loop = host.url("/redirect?" + host.url("/redirect?" + host.url("/redirect?" + host.url("/redirect?"
				+ host.url("/image.png")))));
		assertThat(this.mvc.perform(get("/img").param("u", loop)).andReturn().getResponse().getStatus()).isEqualTo(502);
		assertThat(host.requests).hasSize(4);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/large.png", "/large-chunked.png", "/page.html", "/image.svg", "/missing.png" })
	void answers502ForOversizedNonImageAndFailedAnswers(String path) throws Exception {
		MvcResult result = this.mvc.perform(get("/img").param("u", host.url(path))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(502);
		assertThat(result.getResponse().getContentType()).startsWith("text/plain");
		assertThat(result.getResponse().getContentAsString()).doesNotContain("<script>", "<svg");
	}

	@Test
	void answers502WhenTheHostCannotBeReached() throws Exception {
		int closedPort;
		try (ImageHostServer gone = new ImageHostServer()) {
			closedPort = gone.port();
		}
		MvcResult result = mvc(true, List.of("127.0.0.1:" + closedPort)).perform(
				get("/img").param("u", "http://127.0.0.1:" + closedPort + "/image.png")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(502);
	}

	@Test
	void answers502WhenTheHostIsSlowerThanTheReadTimeout() throws Exception {
		MockMvc impatient = mvc(true, List.of("127.0.0.1:" + host.port()), Duration.ofMillis(300));
		long start = System.nanoTime();
		MvcResult result = impatient.perform(get("/img").param("u", host.url("/slow.png"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(502);
		assertThat(Duration.ofNanos(System.nanoTime() - start)).as("gave up before the answer came")
			.isLessThan(Duration.ofMillis(1900));
	}

	@Test
	void aHostThatDripsItsAnswerIsCutOffAtTheDeadline() throws Exception {
		MockMvc hurried = mvc(true, List.of("127.0.0.1:" + host.port()), Duration.ofSeconds(5), Duration.ofSeconds(1));
		// Without a declared length the body is read before answering, so the deadline is a clean 502.
		MvcResult result = hurried.perform(get("/img").param("u", host.url("/drip.png"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(502);
		assertThat(result.getResponse().getContentAsString()).contains("deadline");
		// One byte every 300 ms: a second's deadline leaves a handful of the 100 (each read alone was quick enough).
		assertThat(host.bytesSent.get("/drip.png")).hasValueLessThan(20);
		// With a declared length the image is already being streamed to the browser: the deadline cuts the stream.
		assertThatException()
			.isThrownBy(() -> hurried.perform(get("/img").param("u", host.url("/drip-declared.png"))))
			.isInstanceOf(SocketException.class);
		assertThat(host.bytesSent.get("/drip-declared.png")).hasValueLessThan(20);
	}

	@ParameterizedTest
	@ValueSource(strings = { "/huge-declared.png", "/huge-chunked.png" })
	void anOversizedAnswerIsRefusedWithoutReadingItsBody(String path) throws Exception {
		MvcResult result = this.mvc.perform(get("/img").param("u", host.url(path))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(502);
		assertThat(result.getResponse().getContentAsString()).contains("larger than");
		// The cap is 64 KB; what the host got onto the wire before it noticed is socket buffers, not 100 MB.
		Thread.sleep(200);
		assertThat(host.bytesSent.get(path)).hasValueLessThan(20_000_000L);
	}

	@Test
	void theSandboxIsProxiedForItsImagePathsOnly() throws Exception {
		String sandboxHost = "127.0.0.1:" + sandbox.port();
		MockMvc demo = mvc(true, List.of(sandboxHost + "/mmbiz_png/", sandboxHost + "/mmbiz_jpg/"));
		String base = sandbox.baseUrl();
		for (String refused : List.of("/sandbox/accounts", "/sandbox/reset", "/cgi-bin/component/api_component_token",
				"/mmbiz_png/../sandbox/accounts", "/mmbiz_png/%2e%2e/sandbox/accounts", "/mmbiz_png%2f..%2fsandbox")) {
			MvcResult result = demo.perform(get(URI.create(ImageProxyLinks.of(base + refused)))).andReturn();
			assertThat(result.getResponse().getStatus()).as(refused).isEqualTo(403);
		}
		String appId = "wx5a7c1e9b3d2f4068";
		assertThat(demo.perform(get(URI.create(ImageProxyLinks.of(base + "/mmbiz_png/" + appId + "/square-head/0"))))
			.andReturn()
			.getResponse()
			.getStatus()).isEqualTo(200);
	}

	@Test
	void streamsAnImageWithItsTypeValidatorsAndCacheHeadersAndNothingOfTheBrowsersRequest() throws Exception {
		MvcResult result = this.mvc.perform(get("/img").param("u", host.url("/image.png"))
			.header(HttpHeaders.COOKIE, "SESSION=console-session")
			.header(HttpHeaders.AUTHORIZATION, "Bearer atr_secret")
			.header(HttpHeaders.REFERER, "http://localhost:8080/console/articles/1")).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentType()).isEqualTo("image/png");
		assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(ImageHostServer.PNG);
		assertThat(result.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("max-age=86400, public");
		assertThat(result.getResponse().getHeader(HttpHeaders.ETAG)).isEqualTo(ImageHostServer.ETAG);
		assertThat(result.getResponse().getHeader(HttpHeaders.LAST_MODIFIED)).isEqualTo("Sat, 21 Nov 2026 08:00:00 GMT");
		assertThat(result.getResponse().getHeader("X-Content-Type-Options")).isEqualTo("nosniff");
		assertThat(host.requests).singleElement().satisfies((request) -> {
			assertThat(request.referer()).isNull();
			assertThat(request.cookie()).isNull();
			assertThat(request.authorization()).isNull();
		});
	}

	@Test
	void passesTheBrowsersValidatorOnAndAnswers304() throws Exception {
		MvcResult result = this.mvc.perform(get("/img").param("u", host.url("/image.png"))
			.header(HttpHeaders.IF_NONE_MATCH, ImageHostServer.ETAG)).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(304);
		assertThat(result.getResponse().getContentAsByteArray()).isEmpty();
		assertThat(result.getResponse().getHeader(HttpHeaders.ETAG)).isEqualTo(ImageHostServer.ETAG);
		assertThat(result.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("max-age=86400, public");
	}

	@Test
	void passesAnImageOfUndeclaredLengthWithinTheCap() throws Exception {
		MvcResult result = this.mvc.perform(get("/img").param("u", host.url("/chunked.png"))).andReturn();
		assertThat(result.getResponse().getStatus()).isEqualTo(200);
		assertThat(result.getResponse().getContentAsByteArray()).isEqualTo(ImageHostServer.PNG);
	}

	@Test
	void streamsTheSandboxsImagesAsTheDemoShowsThem() throws Exception {
		String appId = "wx5a7c1e9b3d2f4068";
		MvcResult png = this.mvc
			.perform(get(URI.create(ImageProxyLinks.of(sandbox.baseUrl() + "/mmbiz_png/" + appId + "/square-head/0?wx_fmt=png"))))
			.andReturn();
		assertThat(png.getResponse().getStatus()).isEqualTo(200);
		assertThat(png.getResponse().getContentType()).isEqualTo("image/png");
		assertThat(png.getResponse().getContentAsByteArray()).startsWith(ImageHostServer.PNG[0], ImageHostServer.PNG[1]);
		assertThat(png.getResponse().getHeader(HttpHeaders.CACHE_CONTROL)).isEqualTo("max-age=86400, public");
		MvcResult jpeg = this.mvc
			.perform(get(URI.create(ImageProxyLinks.of(sandbox.baseUrl() + "/mmbiz_jpg/" + appId + "/square-qrcode/0?wx_fmt=jpeg"))))
			.andReturn();
		assertThat(jpeg.getResponse().getStatus()).isEqualTo(200);
		assertThat(jpeg.getResponse().getContentType()).isEqualTo("image/jpeg");
		assertThat(jpeg.getResponse().getContentAsByteArray()).startsWith((byte) 0xff, (byte) 0xd8);
	}

	private static MockMvc mvc(boolean allowLoopback) {
		return mvc(allowLoopback, List.of("127.0.0.1:" + host.port(), "127.0.0.1:" + sandbox.port()));
	}

	private static MockMvc mvc(boolean allowLoopback, List<String> plainHttpHosts) {
		return mvc(allowLoopback, plainHttpHosts, Duration.ofSeconds(5));
	}

	private static MockMvc mvc(boolean allowLoopback, List<String> plainHttpHosts, Duration readTimeout) {
		return mvc(allowLoopback, plainHttpHosts, readTimeout, Duration.ofSeconds(5));
	}

	private static MockMvc mvc(boolean allowLoopback, List<String> plainHttpHosts, Duration readTimeout,
			Duration deadline) {
		ImageProxyProperties properties = new ImageProxyProperties(
				List.of("mmbiz.qpic.cn", "mmbiz.qlogo.cn", "wx.qlogo.cn", "thirdwx.qlogo.cn"), plainHttpHosts,
				allowLoopback, DataSize.ofKilobytes(64), Duration.ofSeconds(2), readTimeout, deadline,
				Duration.ofDays(1), 3);
		return MockMvcBuilders
			.standaloneSetup(new ImageProxyController(new ImageFetcher(properties, resolver), properties))
			.build();
	}

	private static InetAddress address(String literal) {
		try {
			return InetAddress.getByName(literal);
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static ImageHostServer startHost() {
		try {
			return new ImageHostServer();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
