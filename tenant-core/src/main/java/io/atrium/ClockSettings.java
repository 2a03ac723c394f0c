package io.atrium;

import java.net.URI;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the application's time comes from ({@code atrium.clock.*}).
 *
 * @param followSandbox for benchmarks and demos only: the base URL of a WeChat sandbox whose clock the application
 * follows (the system clock plus the offset the sandbox's control API reports), so that a benchmark can move both
 * through several token lifetimes. Refused at start-up unless every WeChat address points away from WeChat
 */
@ConfigurationProperties("atrium.clock")
public record ClockSettings(URI followSandbox) {

}
