package io.atrium.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BiConsumer;

import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import org.springframework.beans.factory.DisposableBean;

/**
 * The demo at a provider's size ({@code atrium.demo.fleet.*}): after the demo's own accounts, a background thread
 * creates sandbox merchants with their posts and materials, authorizes each in the sandbox and takes it into
 * custody the way the demo's accounts are; the content index's schedule then syncs them like any other. Tenants
 * are named 演示商户 01 (demo), 02, …; the start-up is not held up, the log says how far it got.
 */
class DemoFleet implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(DemoFleet.class);

	private static final JsonMapper json = JsonMapper.builder().build();

	private final DemoSandbox sandbox;

	private final DemoProperties.Fleet fleet;

	private final TenantRepository tenants;

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	private volatile Thread worker;

	DemoFleet(DemoSandbox sandbox, DemoProperties properties, TenantRepository tenants) {
		this.sandbox = sandbox;
		this.fleet = properties.fleet();
		this.tenants = tenants;
	}

	/** Starts provisioning; {@code custody} takes one authorized sandbox account into custody for a tenant. */
	void startInBackground(BiConsumer<Tenant, String> custody) {
		if (this.fleet.accounts() == 0) {
			return;
		}
		Thread thread = new Thread(() -> provision(custody), "demo-fleet");
		thread.setDaemon(true);
		this.worker = thread;
		thread.start();
	}

	private void provision(BiConsumer<Tenant, String> custody) {
		logger.info("Demo fleet: provisioning {} accounts with {} posts each", this.fleet.accounts(), this.fleet.posts());
		Tenant tenant = null;
		for (int i = 0; i < this.fleet.accounts() && !Thread.currentThread().isInterrupted(); i++) {
			if (i % this.fleet.accountsPerTenant() == 0) {
				String name = String.format("演示商户 %02d (demo)", i / this.fleet.accountsPerTenant() + 1);
				tenant = this.tenants.findByName(name)
					.orElseGet(() -> this.tenants.create(name, null, null, null, "Demo fleet"));
			}
			try {
				custody.accept(tenant, createAccount(String.format("演示公众号 %04d", i + 1)));
			}
			catch (RuntimeException ex) {
				if (Thread.currentThread().isInterrupted()) {
					return;
				}
				logger.warn("Demo fleet: account {} not provisioned ({})", i + 1, ex.toString());
			}
			if ((i + 1) % 100 == 0 || i + 1 == this.fleet.accounts()) {
				logger.info("Demo fleet: {} of {} accounts in custody", i + 1, this.fleet.accounts());
			}
		}
	}

	/** A merchant in the sandbox with its content: the fleet's posts, and a few materials of each kind. */
	private String createAccount(String nickname) {
		ObjectNode spec = json.createObjectNode().put("nickname", nickname);
		spec.putArray("permissionSets").add(1).add(7).add(11);
		spec.putObject("content")
			.put("posts", this.fleet.posts())
			.put("images", 20)
			.put("voices", 5)
			.put("videos", 5)
			.put("news", 10);
		HttpRequest request = HttpRequest.newBuilder(URI.create(this.sandbox.baseUrl() + "/sandbox/accounts"))
			.timeout(Duration.ofSeconds(30))
			.header("Content-Type", "application/json")
			.POST(HttpRequest.BodyPublishers.ofString(spec.toString()))
			.build();
		try {
			HttpResponse<String> response = this.http.send(request, HttpResponse.BodyHandlers.ofString());
			if (response.statusCode() != 200 && response.statusCode() != 201) {
				throw new IllegalStateException("Sandbox refused an account: " + response.statusCode());
			}
			return json.readTree(response.body()).path("appid").asString();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Sandbox unreachable", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		Thread thread = this.worker;
		if (thread != null) {
			thread.interrupt();
			thread.join(Duration.ofSeconds(10).toMillis());
		}
	}

}
