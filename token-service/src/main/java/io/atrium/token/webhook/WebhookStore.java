package io.atrium.token.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The endpoints and the outbox in PostgreSQL ({@code webhook_endpoint}, {@code webhook_delivery}). Every time
 * comes from the caller (the injected clock), none from the database's {@code now()}, so tests move time.
 * Scopes: a tenant id, or null for the platform-wide endpoints; {@code is not distinct from} compares both.
 */
@Repository
class WebhookStore {

	private static final String ENDPOINT_COLUMNS = "id, tenant_id, url, event_filter, enabled, sync_reply, created_by, "
			+ "created_at, updated_at";

	private static final String DELIVERY_COLUMNS = "id, endpoint_id, delivery_id, appid, kind, status, attempts, "
			+ "next_attempt_at, last_status, last_error, latency_ms, created_at, last_attempt_at, delivered_at";

	private final JdbcClient jdbc;

	WebhookStore(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	// Endpoints

	long insertEndpoint(Long tenantId, String url, String filter, boolean syncReply, String createdBy, Instant now) {
		return this.jdbc
			.sql("insert into webhook_endpoint (tenant_id, url, event_filter, secret_sealed, enabled, sync_reply, "
					+ "created_by, created_at, updated_at) values (:tenantId, :url, :filter, '', true, :sync, "
					+ ":createdBy, :now, :now) returning id")
			.param("tenantId", tenantId)
			.param("url", url)
			.param("filter", filter)
			.param("sync", syncReply)
			.param("createdBy", createdBy)
			.param("now", Timestamp.from(now))
			.query(Long.class)
			.single();
	}

	void updateSecret(long id, String sealed, Instant now) {
		this.jdbc.sql("update webhook_endpoint set secret_sealed = :sealed, updated_at = :now where id = :id")
			.param("sealed", sealed)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	/**
	 * A new secret; the current one keeps signing until {@code previousUntil}, or stops at once when that is null.
	 */
	void rotateSecret(long id, String sealed, Instant previousUntil, Instant now) {
		this.jdbc.sql("update webhook_endpoint set previous_secret_sealed = case when cast(:until as timestamptz) "
				+ "is null then null else secret_sealed end, previous_until = :until, secret_sealed = :sealed, "
				+ "updated_at = :now where id = :id")
			.param("sealed", sealed)
			.param("until", (previousUntil != null) ? Timestamp.from(previousUntil) : null)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	void updateEnabled(long id, boolean enabled, Instant now) {
		this.jdbc.sql("update webhook_endpoint set enabled = :enabled, updated_at = :now where id = :id")
			.param("enabled", enabled)
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update();
	}

	void deleteEndpoint(long id) {
		this.jdbc.sql("delete from webhook_endpoint where id = :id").param("id", id).update();
	}

	Optional<WebhookEndpoint> endpoint(long id) {
		return this.jdbc.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoint where id = :id")
			.param("id", id)
			.query(WebhookStore::endpoint)
			.optional();
	}

	Optional<String> sealedSecret(long id) {
		return this.jdbc.sql("select secret_sealed from webhook_endpoint where id = :id")
			.param("id", id)
			.query(String.class)
			.optional();
	}

	/** The endpoints of one scope: a tenant's, or the platform-wide ones (null). */
	List<WebhookEndpoint> endpoints(Long tenantId) {
		return this.jdbc
			.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoint where tenant_id is not distinct from "
					+ "cast(:tenantId as bigint) order by id")
			.param("tenantId", tenantId)
			.query(WebhookStore::endpoint)
			.list();
	}

	/** Where a tenant's messages go: its enabled endpoints and the enabled platform-wide ones. */
	List<WebhookEndpoint> targets(long tenantId) {
		return this.jdbc
			.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoint where enabled and (tenant_id = :tenantId "
					+ "or tenant_id is null) order by id")
			.param("tenantId", tenantId)
			.query(WebhookStore::endpoint)
			.list();
	}

	/** Pending deliveries and dead letters per endpoint of one scope; endpoints with neither are left out. */
	Map<Long, DeliveryCounts> counts(Long tenantId) {
		Map<Long, DeliveryCounts> counts = new HashMap<>();
		this.jdbc.sql("""
				select d.endpoint_id, count(*) filter (where d.status = 'PENDING') as pending,
				  count(*) filter (where d.status = 'DEAD') as dead
				from webhook_delivery d join webhook_endpoint ep on ep.id = d.endpoint_id
				where ep.tenant_id is not distinct from cast(:tenantId as bigint) and d.status <> 'DELIVERED'
				group by d.endpoint_id """)
			.param("tenantId", tenantId)
			.query((ResultSet rs) -> {
				counts.put(rs.getLong("endpoint_id"), new DeliveryCounts(rs.getLong("pending"), rs.getLong("dead")));
			});
		return counts;
	}

	/** Every endpoint with pending deliveries or dead letters, those with the most dead letters first. */
	List<WebhookBacklog> backlog(int limit) {
		return this.jdbc.sql("""
				select ep.id, ep.tenant_id, ep.url, ep.event_filter, ep.enabled, ep.sync_reply, ep.created_by,
				  ep.created_at, ep.updated_at, c.pending, c.dead
				from webhook_endpoint ep join (
				  select endpoint_id, count(*) filter (where status = 'PENDING') as pending,
				    count(*) filter (where status = 'DEAD') as dead
				  from webhook_delivery where status <> 'DELIVERED' group by endpoint_id) c on c.endpoint_id = ep.id
				order by c.dead desc, c.pending desc, ep.id
				limit :limit """)
			.param("limit", limit)
			.query((rs, row) -> new WebhookBacklog(endpoint(rs, row),
					new DeliveryCounts(rs.getLong("pending"), rs.getLong("dead"))))
			.list();
	}

	/** The tenant's enabled synchronous endpoint, if it has one. */
	Optional<WebhookEndpoint> syncEndpoint(long tenantId) {
		return this.jdbc
			.sql("select " + ENDPOINT_COLUMNS + " from webhook_endpoint where tenant_id = :tenantId and sync_reply "
					+ "and enabled")
			.param("tenantId", tenantId)
			.query(WebhookStore::endpoint)
			.optional();
	}

	// Deliveries

	/** Queues a delivery, due now; empty if this endpoint has it already (the same message queued twice). */
	Optional<Long> enqueue(long endpointId, String deliveryId, String appId, Long tenantId, String openid, String kind,
			String payload, Instant now) {
		return enqueue(endpointId, deliveryId, appId, tenantId, openid, kind, payload, now, now);
	}

	/** Queues a delivery due at {@code due} (later for the synchronous endpoint, whose first attempt is the reply). */
	Optional<Long> enqueue(long endpointId, String deliveryId, String appId, Long tenantId, String openid, String kind,
			String payload, Instant now, Instant due) {
		return this.jdbc
			.sql("insert into webhook_delivery (endpoint_id, delivery_id, appid, tenant_id, openid, kind, payload, "
					+ "status, next_attempt_at, window_start, created_at) values (:endpointId, :deliveryId, :appId, "
					+ ":tenantId, :openid, :kind, :payload, 'PENDING', :due, :now, :now) "
					+ "on conflict (endpoint_id, delivery_id) do nothing returning id")
			.param("endpointId", endpointId)
			.param("deliveryId", deliveryId)
			.param("appId", appId)
			.param("tenantId", tenantId)
			.param("openid", openid)
			.param("kind", kind)
			.param("payload", payload)
			.param("now", Timestamp.from(now))
			.param("due", Timestamp.from(due))
			.query(Long.class)
			.optional();
	}

	Optional<Long> deliveryRow(long endpointId, String deliveryId) {
		return this.jdbc
			.sql("select id from webhook_delivery where endpoint_id = :endpointId and delivery_id = :deliveryId")
			.param("endpointId", endpointId)
			.param("deliveryId", deliveryId)
			.query(Long.class)
			.optional();
	}

	/**
	 * Claims due deliveries of enabled endpoints for this instance until {@code leaseUntil}. Rows another instance
	 * is claiming are skipped ({@code skip locked}), and a row whose lease ran out is due again. Deliveries of one
	 * user to one endpoint go out in order: a row waits while an earlier one of the same (endpoint, openid) is
	 * pending, retried or in flight. {@code only} claims that row now, whenever it is due and whatever waits before
	 * it (a test send, the synchronous reply), if it is pending and not leased.
	 */
	List<Claim> claim(Instant now, Instant leaseUntil, String token, int limit, Long only) {
		return this.jdbc.sql("""
				with due as (
				  select c.id from webhook_delivery c
				  join webhook_endpoint ep on ep.id = c.endpoint_id and ep.enabled
				  where c.status = 'PENDING' and (c.next_attempt_at <= :now or cast(:only as bigint) is not null)
				    and (c.lease_until is null or c.lease_until <= :now)
				    and (cast(:only as bigint) is null or c.id = :only)
				    and (cast(:only as bigint) is not null or not exists (
				      select 1 from webhook_delivery e where e.endpoint_id = c.endpoint_id and e.openid = c.openid
				        and e.status = 'PENDING' and e.id < c.id))
				  order by c.next_attempt_at, c.id
				  limit :limit
				  for update of c skip locked),
				claimed as (
				  update webhook_delivery d set lease_until = :leaseUntil, lease_token = :token
				  from due where d.id = due.id
				  returning d.id, d.endpoint_id, d.delivery_id, d.payload, d.attempts, d.window_start)
				select claimed.*, ep.url, ep.secret_sealed,
				  case when ep.previous_until > :now then ep.previous_secret_sealed end as previous_secret_sealed
				from claimed join webhook_endpoint ep on ep.id = claimed.endpoint_id
				order by claimed.id""")
			.param("now", Timestamp.from(now))
			.param("leaseUntil", Timestamp.from(leaseUntil))
			.param("token", token)
			.param("limit", limit)
			.param("only", only)
			.query((rs, row) -> new Claim(rs.getLong("id"), rs.getLong("endpoint_id"), rs.getString("delivery_id"),
					rs.getString("payload"), rs.getInt("attempts"), instant(rs, "window_start"), rs.getString("url"),
					rs.getString("secret_sealed"), rs.getString("previous_secret_sealed"), token))
			.list();
	}

	/** Records a 2xx answer; false when the lease was lost meanwhile (the row is another instance's now). */
	boolean delivered(Claim claim, int status, long latencyMs, Instant now) {
		return this.jdbc.sql("update webhook_delivery set status = 'DELIVERED', attempts = attempts + 1, "
				+ "last_status = :status, last_error = null, latency_ms = :latency, last_attempt_at = :now, "
				+ "delivered_at = :now, lease_until = null, lease_token = null where id = :id and lease_token = :token")
			.param("status", status)
			.param("latency", (int) Math.min(latencyMs, Integer.MAX_VALUE))
			.param("now", Timestamp.from(now))
			.param("id", claim.id())
			.param("token", claim.leaseToken())
			.update() == 1;
	}

	/** Records a failed attempt: pending again at {@code next}, or dead. */
	boolean failed(Claim claim, Integer status, String error, long latencyMs, Instant now, Instant next,
			boolean dead) {
		return this.jdbc.sql("update webhook_delivery set status = :newStatus, attempts = attempts + 1, "
				+ "last_status = :status, last_error = :error, latency_ms = :latency, last_attempt_at = :now, "
				+ "next_attempt_at = :next, lease_until = null, lease_token = null "
				+ "where id = :id and lease_token = :token")
			.param("newStatus", dead ? WebhookDelivery.DEAD : WebhookDelivery.PENDING)
			.param("status", status)
			.param("error", (error.length() > 500) ? error.substring(0, 500) : error)
			.param("latency", (int) Math.min(latencyMs, Integer.MAX_VALUE))
			.param("now", Timestamp.from(now))
			.param("next", Timestamp.from(next))
			.param("id", claim.id())
			.param("token", claim.leaseToken())
			.update() == 1;
	}

	/** A dead delivery pending again, due now, with a fresh retry window. */
	boolean redeliver(long id, Instant now) {
		return this.jdbc.sql("update webhook_delivery set status = 'PENDING', next_attempt_at = :now, "
				+ "window_start = :now, lease_until = null, lease_token = null where id = :id and status = 'DEAD'")
			.param("now", Timestamp.from(now))
			.param("id", id)
			.update() == 1;
	}

	/**
	 * Deletes up to {@code limit} delivered rows delivered before {@code deliveredBefore} and dead rows whose last
	 * attempt was before {@code deadBefore}; returns how many. In batches, so no purge holds many locks for long.
	 */
	int purge(Instant deliveredBefore, Instant deadBefore, int limit) {
		Instant later = deliveredBefore.isAfter(deadBefore) ? deliveredBefore : deadBefore;
		return this.jdbc.sql("""
				delete from webhook_delivery where id in (
				  select id from webhook_delivery
				  where status <> 'PENDING' and coalesce(delivered_at, last_attempt_at) < :later
				    and ((status = 'DELIVERED' and delivered_at < :deliveredBefore)
				      or (status = 'DEAD' and last_attempt_at < :deadBefore))
				  limit :limit)""")
			.param("later", Timestamp.from(later))
			.param("deliveredBefore", Timestamp.from(deliveredBefore))
			.param("deadBefore", Timestamp.from(deadBefore))
			.param("limit", limit)
			.update();
	}

	Optional<WebhookDelivery> delivery(long id) {
		return this.jdbc.sql("select " + DELIVERY_COLUMNS + " from webhook_delivery where id = :id")
			.param("id", id)
			.query(WebhookStore::delivery)
			.optional();
	}

	/** The newest deliveries to an endpoint, optionally of one status. */
	List<WebhookDelivery> deliveries(long endpointId, String status, int limit) {
		return this.jdbc
			.sql("select " + DELIVERY_COLUMNS + " from webhook_delivery where endpoint_id = :endpointId "
					+ "and (cast(:status as varchar) is null or status = :status) order by id desc limit :limit")
			.param("endpointId", endpointId)
			.param("status", status)
			.param("limit", limit)
			.query(WebhookStore::delivery)
			.list();
	}

	/** A claimed delivery: what to send where, and the lease that makes it this instance's. */
	record Claim(long id, long endpointId, String deliveryId, String payload, int attempts, Instant windowStart,
			String url, String sealedSecret, String previousSealedSecret, String leaseToken) {

		@Override
		public String toString() {
			return "Claim[id=" + this.id + ", endpointId=" + this.endpointId + ", attempts=" + this.attempts + "]";
		}

	}

	private static WebhookEndpoint endpoint(ResultSet rs, int row) throws SQLException {
		long tenantId = rs.getLong("tenant_id");
		boolean platformWide = rs.wasNull();
		return new WebhookEndpoint(rs.getLong("id"), platformWide ? null : tenantId, rs.getString("url"),
				rs.getString("event_filter"), rs.getBoolean("enabled"), rs.getBoolean("sync_reply"),
				rs.getString("created_by"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	private static WebhookDelivery delivery(ResultSet rs, int row) throws SQLException {
		return new WebhookDelivery(rs.getLong("id"), rs.getLong("endpoint_id"), rs.getString("delivery_id"),
				rs.getString("appid"), rs.getString("kind"), rs.getString("status"), rs.getInt("attempts"),
				instant(rs, "next_attempt_at"), integer(rs, "last_status"), rs.getString("last_error"),
				integer(rs, "latency_ms"), instant(rs, "created_at"), instant(rs, "last_attempt_at"),
				instant(rs, "delivered_at"));
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

}
