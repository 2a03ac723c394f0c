package io.atrium.bench.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What must never be lost, counted in PostgreSQL (the system of record): sealed refresh tokens of authorized
 * accounts, the verify ticket, audit entries (which only ever grow) and API keys.
 *
 * @param counts each figure by name
 */
public record DataSnapshot(Map<String, Long> counts) {

	private static final Map<String, String> QUERIES = Map.of(
			"refresh tokens", "select count(*) from official_account where status = 'AUTHORIZED' and refresh_token_sealed is not null",
			"verify tickets", "select count(*) from component_verify_ticket",
			"authorization audit entries", "select count(*) from authorization_audit",
			"console access audit entries", "select count(*) from console_access_audit",
			"API keys", "select count(*) from api_key where revoked_at is null");

	public static DataSnapshot take(PrivatePostgres postgres) {
		Map<String, Long> counts = new LinkedHashMap<>();
		QUERIES.forEach((name, sql) -> counts.put(name, query(postgres, sql)));
		return new DataSnapshot(counts);
	}

	/** What is missing now that was there before (audit entries may only grow; the rest must be equal or more). */
	public List<String> lostSince(DataSnapshot before) {
		return before.counts.entrySet()
			.stream()
			.filter((entry) -> this.counts.getOrDefault(entry.getKey(), 0L) < entry.getValue())
			.map((entry) -> entry.getKey() + " " + entry.getValue() + " -> " + this.counts.get(entry.getKey()))
			.toList();
	}

	/** One number from PostgreSQL, e.g. a {@code count(*)}. */
	public static long count(PrivatePostgres postgres, String sql) {
		return query(postgres, sql);
	}

	private static long query(PrivatePostgres postgres, String sql) {
		try {
			Process process = new ProcessBuilder("psql", "-h", "127.0.0.1", "-p", String.valueOf(postgres.port()), "-U",
					"postgres", "-d", "postgres", "-At", "-c", sql).redirectErrorStream(true).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
			process.waitFor(30, TimeUnit.SECONDS);
			return Long.parseLong(out);
		}
		catch (IOException | NumberFormatException ex) {
			throw new IllegalStateException("Counting in PostgreSQL failed: " + sql, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

}
