package io.atrium.testsupport;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Both shared servers at once, for Spring Boot tests.
 * <p>
 * Typical use:
 * <pre class="code">
 * &#64;SpringBootTest
 * class HealthTests {
 *
 * 	&#64;DynamicPropertySource
 * 	static void services(DynamicPropertyRegistry registry) {
 * 		TestServices.springProperties(HealthTests.class).forEach((name, value) -&gt; registry.add(name, () -&gt; value));
 * 	}
 *
 * }
 * </pre>
 * Each call creates a new schema and key prefix; Spring calls a {@code @DynamicPropertySource}
 * method once per application context, so test classes that share a context share them too.
 */
public final class TestServices {

	private TestServices() {
	}

	/**
	 * Spring Boot properties for a new schema ({@link TestPostgres#schemaFor(Class)}) and a new key
	 * prefix ({@link TestRedis#keyPrefixFor(Class)}).
	 * @param testClass the test class they are for
	 * @return {@code spring.datasource.*}, {@code spring.data.redis.url} (or {@code .cluster.nodes}) and
	 * {@code atrium.redis.key-prefix}
	 */
	public static Map<String, Object> springProperties(Class<?> testClass) {
		Map<String, Object> properties = new LinkedHashMap<>(TestPostgres.schemaFor(testClass).springProperties());
		properties.putAll(TestRedis.keyPrefixFor(testClass).springProperties());
		return properties;
	}

}
