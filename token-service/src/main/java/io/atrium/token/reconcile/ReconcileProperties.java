package io.atrium.token.reconcile;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Reconcile against WeChat's authorizer list.
 *
 * @param interval how often the deployment reconciles (once per interval across all its instances)
 * @param initialDelay how long after an instance starts its schedule first asks for the deployment's turn
 */
@ConfigurationProperties("atrium.reconcile")
public record ReconcileProperties(@DefaultValue("6h") Duration interval, @DefaultValue("5m") Duration initialDelay) {
}
