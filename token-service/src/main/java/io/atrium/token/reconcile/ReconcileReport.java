package io.atrium.token.reconcile;

import java.util.List;

/**
 * What one reconcile run did and found.
 *
 * @param listed how many authorizers WeChat listed
 * @param restored accounts whose refresh token was restored from WeChat's list
 * @param unknownToAtrium authorizers WeChat lists that Atrium does not hold
 * @param notListedByWeChat accounts Atrium holds as authorized that WeChat does not list
 */
public record ReconcileReport(int listed, List<String> restored, List<String> unknownToAtrium,
		List<String> notListedByWeChat) {
}
