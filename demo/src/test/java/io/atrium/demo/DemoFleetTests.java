package io.atrium.demo;

import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.ActiveProfiles;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The demo at a provider's size, made small: the fleet's merchants are created in the sandbox, taken into custody
 * in tenants of the configured size, and their posts synced into the content index by its own schedule.
 */
@SpringBootTest(properties = { "atrium.demo.sandbox-port=0", "atrium.demo.fleet.accounts=3",
		"atrium.demo.fleet.posts=4", "atrium.demo.fleet.accounts-per-tenant=2" })
@ActiveProfiles("demo")
class DemoFleetTests {

	@Autowired
	JdbcClient jdbc;

	@Test
	void theFleetsAccountsAreAuthorizedInTenantsOfTheirSizeAndTheirPostsIndexed() {
		await().atMost(Duration.ofSeconds(90)).until(() -> indexedPosts() == 12);
		Map<String, Long> perTenant = this.jdbc.sql("select t.name, count(*) from official_account a "
				+ "join tenant t on t.id = a.tenant_id where t.name like '演示商户%' and a.status = 'AUTHORIZED' "
				+ "group by t.name")
			.query((rs, row) -> Map.entry(rs.getString(1), rs.getLong(2)))
			.list()
			.stream()
			.collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
		assertThat(perTenant).containsExactlyInAnyOrderEntriesOf(Map.of("演示商户 01 (demo)", 2L, "演示商户 02 (demo)", 1L));
		assertThat(this.jdbc.sql("select count(*) from official_account where nickname like '演示公众号%'")
			.query(Long.class).single()).isEqualTo(3);
	}

	private long indexedPosts() {
		return this.jdbc.sql("select count(*) from content_post p join official_account a on a.appid = p.appid "
				+ "where a.nickname like '演示公众号%'").query(Long.class).single();
	}

}
