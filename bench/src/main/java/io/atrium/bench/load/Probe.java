package io.atrium.bench.load;

import java.time.Duration;
import java.util.List;

import io.atrium.bench.fleet.Fleet;

/**
 * "Fully healthy": every instance ready, and on every instance one call per account answered 200 through WeChat
 * ({@code freepublish/getarticle}, a real upstream call with the account's token).
 */
public final class Probe {

	private final Http http = Http.plain(Duration.ofSeconds(10));

	private final Fleet fleet;

	public Probe(Fleet fleet) {
		this.fleet = fleet;
	}

	/** Null when healthy, else what is not. */
	public String unhealthy(List<String> instances, List<String> skippedAccounts) {
		for (String base : instances) {
			Answer ready = this.http.get(base + "/readyz");
			if (ready.status() != 200) {
				return base + " readiness " + ready.status();
			}
			for (Fleet.Account account : this.fleet.accounts()) {
				if (skippedAccounts.contains(account.appId())) {
					continue;
				}
				// Live: an answer from the content index would say nothing of the path to WeChat.
				Answer answer = this.http.get(base + "/api/v1/accounts/" + account.appId() + "/articles/"
						+ account.articleIds().get(0) + "?source=live", "Authorization",
						"Bearer " + this.fleet.platformKey());
				if (answer.status() != 200) {
					return base + " " + account.appId() + " " + answer.status();
				}
			}
		}
		return null;
	}

	/** Polls until healthy; the time it took, or null if not within {@code limit}. */
	public Duration awaitHealthy(List<String> instances, List<String> skippedAccounts, Duration limit)
			throws InterruptedException {
		long start = System.nanoTime();
		while (System.nanoTime() - start < limit.toNanos()) {
			if (unhealthy(instances, skippedAccounts) == null) {
				return Duration.ofNanos(System.nanoTime() - start);
			}
			Thread.sleep(500);
		}
		return null;
	}

}
