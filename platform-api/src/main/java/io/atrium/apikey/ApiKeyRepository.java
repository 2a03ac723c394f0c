package io.atrium.apikey;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * API keys in PostgreSQL, by the SHA-256 of the key.
 */
@Repository
class ApiKeyRepository {

	private static final String COLUMNS = "id, name, tenant_id, key_hint, created_by, created_at, revoked_by, revoked_at, "
			+ "scopes, wechat_paths, appid, per_minute, expires_at";

	private final JdbcClient jdbc;

	ApiKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	ApiKey insert(String name, Long tenantId, ApiKeyGrant grant, String hash, String hint, String createdBy,
			Instant createdAt) {
		return this.jdbc.sql("insert into api_key (name, tenant_id, key_hash, key_hint, created_by, created_at, scopes, "
				+ "wechat_paths, appid, per_minute, expires_at) values (:name, :tenant, :hash, :hint, :createdBy, "
				+ ":createdAt, string_to_array(:scopes, ' '), string_to_array(:paths, ' '), :appid, :perMinute, "
				+ ":expiresAt) returning " + COLUMNS)
			.param("name", name)
			.param("tenant", tenantId)
			.param("scopes", String.join(" ", grant.scopes().stream().map(ApiScope::value).sorted().toList()))
			.param("paths", String.join(" ", grant.wechatPaths()))
			.param("appid", grant.appId())
			.param("perMinute", grant.perMinute(), Types.INTEGER)
			.param("expiresAt", (grant.expiresAt() != null) ? Timestamp.from(grant.expiresAt()) : null, Types.TIMESTAMP)
			.param("hash", hash)
			.param("hint", hint)
			.param("createdBy", createdBy)
			.param("createdAt", Timestamp.from(createdAt))
			.query(ApiKeyRepository::map)
			.single();
	}

	Optional<ApiKey> findActiveByHash(String hash) {
		return this.jdbc.sql("select " + COLUMNS + " from api_key where key_hash = :hash and revoked_at is null")
			.param("hash", hash)
			.query(ApiKeyRepository::map)
			.optional();
	}

	boolean existsByHash(String hash) {
		return this.jdbc.sql("select count(*) from api_key where key_hash = :hash")
			.param("hash", hash)
			.query(Integer.class)
			.single() > 0;
	}

	List<ApiKey> findAll() {
		return this.jdbc.sql("select " + COLUMNS + " from api_key order by id").query(ApiKeyRepository::map).list();
	}

	Optional<ApiKey> revoke(long id, String revokedBy, Instant revokedAt) {
		return this.jdbc.sql("update api_key set revoked_by = :revokedBy, revoked_at = :revokedAt "
				+ "where id = :id and revoked_at is null returning " + COLUMNS)
			.param("id", id)
			.param("revokedBy", revokedBy)
			.param("revokedAt", Timestamp.from(revokedAt))
			.query(ApiKeyRepository::map)
			.optional();
	}

	private static ApiKey map(ResultSet rs, int row) throws SQLException {
		long tenant = rs.getLong("tenant_id");
		Long tenantId = rs.wasNull() ? null : tenant;
		Timestamp revokedAt = rs.getTimestamp("revoked_at");
		Set<ApiScope> scopes = EnumSet.noneOf(ApiScope.class);
		for (String value : (String[]) rs.getArray("scopes").getArray()) {
			ApiScope.fromValue(value).ifPresent(scopes::add);
		}
		int limit = rs.getInt("per_minute");
		Integer perMinute = rs.wasNull() ? null : limit;
		Timestamp expiresAt = rs.getTimestamp("expires_at");
		ApiKeyGrant grant = new ApiKeyGrant(scopes, List.of((String[]) rs.getArray("wechat_paths").getArray()),
				rs.getString("appid"), perMinute, (expiresAt != null) ? expiresAt.toInstant() : null);
		return new ApiKey(rs.getLong("id"), rs.getString("name"), tenantId, grant, rs.getString("key_hint"),
				rs.getString("created_by"), rs.getTimestamp("created_at").toInstant(), rs.getString("revoked_by"),
				(revokedAt != null) ? revokedAt.toInstant() : null);
	}

}
