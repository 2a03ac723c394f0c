package io.atrium.testsupport;

import java.util.ArrayDeque;
import java.util.Deque;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes what the shared servers opened, in reverse order, from a single shutdown hook. One hook
 * rather than one per resource because the JVM runs hooks concurrently: schemas must be dropped
 * before the server that holds them stops.
 */
final class JvmExit {

	private static final Logger logger = LoggerFactory.getLogger(JvmExit.class);

	private static final Deque<AutoCloseable> actions = new ArrayDeque<>();

	private static boolean hookRegistered;

	private JvmExit() {
	}

	static synchronized void onExit(AutoCloseable action) {
		if (!hookRegistered) {
			Runtime.getRuntime().addShutdownHook(new Thread(JvmExit::runAll, "atrium-test-support-exit"));
			hookRegistered = true;
		}
		actions.push(action);
	}

	private static void runAll() {
		AutoCloseable action;
		while ((action = next()) != null) {
			try {
				action.close();
			}
			catch (Exception ex) {
				logger.debug("Best-effort clean-up failed", ex);
			}
		}
	}

	private static synchronized AutoCloseable next() {
		return actions.poll();
	}

}
