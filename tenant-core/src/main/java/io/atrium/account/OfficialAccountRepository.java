package io.atrium.account;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import io.atrium.custody.CredentialCipher;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Official accounts in PostgreSQL. Refresh tokens are sealed on the way in and opened on the way out, so no
 * other type ever sees the stored form or the key. Changes of authorization go through
 * {@link AccountAuthorizations}, which audits them; this type only reads and writes rows.
 */
@Repository
public class OfficialAccountRepository {

	private static final String COLUMNS = "appid, tenant_id, status, permission_sets, nickname, head_img, service_type, "
			+ "verify_type, principal_name, user_name, alias, qrcode_url, authorized_at, revoked_at, created_at, updated_at";

	private static final RowMapper<OfficialAccount> MAPPER = OfficialAccountRepository::map;

	private final JdbcClient jdbc;

	private final CredentialCipher cipher;

	public OfficialAccountRepository(JdbcClient jdbc, CredentialCipher cipher) {
		this.jdbc = jdbc;
		this.cipher = cipher;
	}

	public Optional<OfficialAccount> findById(String appId) {
		return this.jdbc.sql("select " + COLUMNS + " from official_account where appid = :appid")
			.param("appid", appId)
			.query(MAPPER)
			.optional();
	}

	/** Reads the account and locks its row until the surrounding transaction ends. */
	Optional<OfficialAccount> findByIdForUpdate(String appId) {
		return this.jdbc.sql("select " + COLUMNS + " from official_account where appid = :appid for update")
			.param("appid", appId)
			.query(MAPPER)
			.optional();
	}

	public List<OfficialAccount> findByTenant(long tenantId) {
		return this.jdbc.sql("select " + COLUMNS + " from official_account where tenant_id = :tenant order by appid")
			.param("tenant", tenantId)
			.query(MAPPER)
			.list();
	}

	/** Every account of every tenant, by tenant and appid: what a platform-wide caller sees. */
	public List<OfficialAccount> findAll() {
		return this.jdbc.sql("select " + COLUMNS + " from official_account order by tenant_id, appid")
			.query(MAPPER)
			.list();
	}

	/** How many accounts each tenant holds (tenants without accounts are absent). */
	/**
	 * A page of the accounts a query matches, with their number and their numbers by status. The text matches
	 * the name, the appid or the tenant's name anywhere (Chinese included).
	 */
	public AccountPage search(AccountQuery query) {
		List<String> terms = new ArrayList<>(List.of("true"));
		Map<String, Object> params = new LinkedHashMap<>();
		if (query.tenantId() != null) {
			terms.add("a.tenant_id = :tenant");
			params.put("tenant", query.tenantId());
		}
		if (query.q() != null) {
			terms.add("(a.nickname ilike :q escape '\\' or a.appid ilike :q escape '\\' or t.name ilike :q escape '\\')");
			params.put("q", "%" + query.q().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
		}
		if (query.permissionSet() != null) {
			terms.add(":permissionSet = any(a.permission_sets)");
			params.put("permissionSet", query.permissionSet());
		}
		if (query.appIds() != null) {
			terms.add("a.appid = any(cast(:appIds as text[]))");
			params.put("appIds", query.appIds()
				.stream()
				.map((appId) -> "\"" + appId.replace("\\", "\\\\").replace("\"", "\\\"") + "\"")
				.collect(Collectors.joining(",", "{", "}")));
		}
		String from = " from official_account a join tenant t on t.id = a.tenant_id where " + String.join(" and ", terms);
		Map<AccountStatus, Long> byStatus = new EnumMap<>(AccountStatus.class);
		bind(this.jdbc.sql("select a.status, count(*) as n" + from + " group by a.status"), params)
			.query((rs, row) -> byStatus.put(AccountStatus.valueOf(rs.getString("status")), rs.getLong("n")))
			.list();
		String where = from;
		Map<String, Object> pageParams = new LinkedHashMap<>(params);
		if (query.status() != null) {
			where = from + " and a.status = :status";
			pageParams.put("status", query.status().name());
		}
		long total = (query.status() != null) ? byStatus.getOrDefault(query.status(), 0L)
				: byStatus.values().stream().mapToLong(Long::longValue).sum();
		List<OfficialAccount> accounts = bind(this.jdbc.sql("select " + qualified() + where + " order by "
				+ query.sort().orderBy() + " limit :limit offset :offset"), pageParams)
			.param("limit", query.limit())
			.param("offset", query.offset())
			.query(MAPPER)
			.list();
		return new AccountPage(accounts, total, byStatus);
	}

	private static JdbcClient.StatementSpec bind(JdbcClient.StatementSpec statement, Map<String, Object> params) {
		JdbcClient.StatementSpec bound = statement;
		for (Map.Entry<String, Object> param : params.entrySet()) {
			bound = bound.param(param.getKey(), param.getValue());
		}
		return bound;
	}

	/** The row mapper's columns, of {@code official_account a}. */
	private static String qualified() {
		return Arrays.stream(COLUMNS.split(",\\s*")).map((column) -> "a." + column).collect(Collectors.joining(", "));
	}

	public Map<Long, Long> countByTenant() {
		return this.jdbc.sql("select tenant_id, count(*) from official_account group by tenant_id")
			.query((rs, row) -> Map.entry(rs.getLong(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
	}

	public List<OfficialAccount> findByStatus(AccountStatus status) {
		return this.jdbc.sql("select " + COLUMNS + " from official_account where status = :status order by appid")
			.param("status", status.name())
			.query(MAPPER)
			.list();
	}

	/** The appids of the accounts in a status, without the rest of their rows (the token schedule's repair). */
	public List<String> findAppIdsByStatus(AccountStatus status) {
		return this.jdbc.sql("select appid from official_account where status = :status order by appid")
			.param("status", status.name())
			.query(String.class)
			.list();
	}

	/** The account's refresh token, opened; empty when the account is unknown or holds none (revoked). */
	public Optional<String> findRefreshToken(String appId) {
		return this.jdbc.sql("select refresh_token_sealed from official_account where appid = :appid")
			.param("appid", appId)
			.query(String.class)
			.optional()
			.map((sealed) -> this.cipher.open(sealed, appId));
	}

	void insert(OfficialAccount account, String refreshToken) {
		this.jdbc.sql("""
				insert into official_account (appid, tenant_id, status, permission_sets, nickname, head_img,
					service_type, verify_type, principal_name, user_name, alias, qrcode_url, refresh_token_sealed,
					authorized_at, revoked_at, created_at, updated_at)
				values (:appid, :tenant, :status, :sets::integer[], :nickname, :headImg, :serviceType, :verifyType,
					:principalName, :userName, :alias, :qrcodeUrl, :sealed, :authorizedAt, :revokedAt, :createdAt,
					:updatedAt)""")
			.paramSource(params(account, refreshToken))
			.update();
	}

	void update(OfficialAccount account) {
		this.jdbc.sql("""
				update official_account set tenant_id = :tenant, status = :status, permission_sets = :sets::integer[],
					nickname = :nickname, head_img = :headImg, service_type = :serviceType, verify_type = :verifyType,
					principal_name = :principalName, user_name = :userName, alias = :alias, qrcode_url = :qrcodeUrl,
					authorized_at = :authorizedAt, revoked_at = :revokedAt, updated_at = :updatedAt
				where appid = :appid""")
			.paramSource(params(account, null))
			.update();
	}

	/** Seals and stores the account's refresh token; null purges it. */
	void writeRefreshToken(String appId, String refreshToken) {
		this.jdbc.sql("update official_account set refresh_token_sealed = :sealed where appid = :appid")
			.param("sealed", (refreshToken != null) ? this.cipher.seal(refreshToken, appId) : null)
			.param("appid", appId)
			.update();
	}

	private AccountRow params(OfficialAccount account, String refreshToken) {
		AuthorizerProfile profile = account.profile();
		return new AccountRow(account.appId(), account.tenantId(), account.status().name(),
				arrayLiteral(account.permissions()), profile.nickname(), profile.headImg(), profile.serviceType(),
				profile.verifyType(), profile.principalName(), profile.userName(), profile.alias(),
				profile.qrcodeUrl(), (refreshToken != null) ? this.cipher.seal(refreshToken, account.appId()) : null,
				timestamp(account.authorizedAt()), timestamp(account.revokedAt()), timestamp(account.createdAt()),
				timestamp(account.updatedAt()));
	}

	/**
	 * Re-seals, with the active key, every refresh token sealed by an older one; run after a key rotation.
	 * Compare-and-set per row, so a token written concurrently is never overwritten with an older one.
	 * @return how many tokens were re-sealed
	 */
	public int resealRefreshTokens() {
		List<SealedToken> stale = this.jdbc
			.sql("select appid, refresh_token_sealed from official_account where refresh_token_sealed is not null")
			.query((rs, row) -> new SealedToken(rs.getString(1), rs.getString(2)))
			.list()
			.stream()
			.filter((token) -> this.cipher.needsResealing(token.sealed()))
			.toList();
		int resealed = 0;
		for (SealedToken token : stale) {
			String plain = this.cipher.open(token.sealed(), token.appId());
			resealed += this.jdbc.sql("update official_account set refresh_token_sealed = :sealed "
					+ "where appid = :appid and refresh_token_sealed = :old")
				.param("sealed", this.cipher.seal(plain, token.appId()))
				.param("appid", token.appId())
				.param("old", token.sealed())
				.update();
		}
		return resealed;
	}

	private record SealedToken(String appId, String sealed) {
	}

	private static String arrayLiteral(GrantedPermissions permissions) {
		return permissions.ids().stream().map(String::valueOf).collect(Collectors.joining(",", "{", "}"));
	}

	private static Timestamp timestamp(Instant instant) {
		return (instant != null) ? Timestamp.from(instant) : null;
	}

	private static Instant instant(ResultSet rs, String column) throws SQLException {
		Timestamp timestamp = rs.getTimestamp(column);
		return (timestamp != null) ? timestamp.toInstant() : null;
	}

	private static Integer integer(ResultSet rs, String column) throws SQLException {
		int value = rs.getInt(column);
		return rs.wasNull() ? null : value;
	}

	private static OfficialAccount map(ResultSet rs, int row) throws SQLException {
		Array sets = rs.getArray("permission_sets");
		GrantedPermissions permissions = GrantedPermissions.of(Arrays.asList((Integer[]) sets.getArray()));
		AuthorizerProfile profile = new AuthorizerProfile(rs.getString("nickname"), rs.getString("head_img"),
				integer(rs, "service_type"), integer(rs, "verify_type"), rs.getString("principal_name"),
				rs.getString("user_name"), rs.getString("alias"), rs.getString("qrcode_url"));
		return new OfficialAccount(rs.getString("appid"), rs.getLong("tenant_id"),
				AccountStatus.valueOf(rs.getString("status")), permissions, profile, instant(rs, "authorized_at"),
				instant(rs, "revoked_at"), instant(rs, "created_at"), instant(rs, "updated_at"));
	}

	/** Named parameters of one row; a record so that JdbcClient binds it by property name. */
	record AccountRow(String appid, long tenant, String status, String sets, String nickname, String headImg,
			Integer serviceType, Integer verifyType, String principalName, String userName, String alias,
			String qrcodeUrl, String sealed, Timestamp authorizedAt, Timestamp revokedAt, Timestamp createdAt,
			Timestamp updatedAt) {
	}

}
