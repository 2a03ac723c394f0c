package io.atrium;

import java.time.Clock;

import io.atrium.token.TestSandbox;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * token-service's beans (and tenant-core's) as the application wires them, for integration tests.
 */
@SpringBootApplication
public class TokenServiceTestApplication {

	/** The sandbox's clock: moving it moves WeChat's time and Atrium's together, so tests never sleep. */
	@Bean
	@Primary
	Clock sandboxClock() {
		return TestSandbox.get().clock();
	}

}
