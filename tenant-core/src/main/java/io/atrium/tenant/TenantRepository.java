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

	public List<Tenant> findAll() {
		return this.jdbc.sql("select " + COLUMNS + " from tenant order by id").query(TenantRepository::map).list();
	}

	private static Tenant map(ResultSet rs, int row) throws SQLException {
		return new Tenant(rs.getLong("id"), rs.getString("name"), rs.getString("contact_name"),
				rs.getString("contact_email"), rs.getString("contact_phone"), rs.getString("note"),
				rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant());
	}

}
