package io.atrium.tenant;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Tenants in PostgreSQL.
 */
@Repository
public class TenantRepository {

	private static final String COLUMNS = "id, name, contact_name, contact_email, contact_phone, note, created_at, updated_at";

	/** Matches every tenant when {@code :pattern} is null. */
	private static final String SEARCH = "(cast(:pattern as varchar) is null or name ilike :pattern "
			+ "or contact_name ilike :pattern or contact_email ilike :pattern)";

	private final JdbcClient jdbc;

	private final Clock clock;

	public TenantRepository(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	public Tenant create(String name, String contactName, String contactEmail, String contactPhone, String note) {
		Timestamp now = Timestamp.from(this.clock.instant());
		return this.jdbc.sql("insert into tenant (name, contact_name, contact_email, contact_phone, note, created_at, "
				+ "updated_at) values (:name, :contactName, :contactEmail, :contactPhone, :note, :now, :now) "
				+ "returning " + COLUMNS)
			.param("name", name)
			.param("contactName", contactName)
			.param("contactEmail", contactEmail)
			.param("contactPhone", contactPhone)
			.param("note", note)
			.param("now", now)
			.query(TenantRepository::map)
			.single();
	}

	public Optional<Tenant> findById(long id) {
		return this.jdbc.sql("select " + COLUMNS + " from tenant where id = :id")
			.param("id", id)
			.query(TenantRepository::map)
			.optional();
	}

	public Optional<Tenant> findByName(String name) {
		return this.jdbc.sql("select " + COLUMNS + " from tenant where name = :name")
			.param("name", name)
			.query(TenantRepository::map)
			.optional();
	}

	/**
	 * Changes a tenant's name and contact details.
	 * @return the tenant after the change; empty if there is no such tenant
	 */
	public Optional<Tenant> update(long id, String name, String contactName, String contactEmail, String contactPhone,
			String note) {
		return this.jdbc.sql("update tenant set name = :name, contact_name = :contactName, contact_email = :contactEmail, "
				+ "contact_phone = :contactPhone, note = :note, updated_at = :now where id = :id returning " + COLUMNS)
			.param("id", id)
			.param("name", name)
			.param("contactName", contactName)
			.param("contactEmail", contactEmail)
			.param("contactPhone", contactPhone)
			.param("note", note)
			.param("now", Timestamp.from(this.clock.instant()))
			.query(TenantRepository::map)
			.optional();
	}

	/**
	 * A page of tenants whose name or contact contains the query (any case), by name.
	 * @param query the text to look for; null or blank for every tenant
	 */
	public List<Tenant> search(String query, int offset, int limit) {
		return this.jdbc.sql("select " + COLUMNS + " from tenant where " + SEARCH + " order by name, id "
				+ "offset :offset limit :limit")
			.param("pattern", pattern(query))
			.param("offset", offset)
			.param("limit", limit)
			.query(TenantRepository::map)
			.list();
	}

	/** How many tenants {@link #search} finds for the query. */
	public long count(String query) {
		return this.jdbc.sql("select count(*) from tenant where " + SEARCH)
			.param("pattern", pattern(query))
			.query(Long.class)
			.single();
	}

	/** A LIKE pattern matching the text literally: its own % and _ are escaped. */
	private static String pattern(String query) {
		if (query == null || query.isBlank()) {
			return null;
		}
		String escaped = query.strip().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
		return "%" + escaped + "%";
	}

	public List<Tenant> findAll() {
		return this.jdbc.sql("select " + COLUMNS + " from tenant order by id").query(TenantRepository::map).list();
	}

	private static Tenant map(ResultSet rs, int row) throws SQLException {
		return new Tenant(rs.getLong("id"), rs.getString("name"), rs.getString("contact_name"),
				rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("note"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
