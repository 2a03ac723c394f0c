package io.atrium.sandbox;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.IntFunction;

/**
 * Runs N tasks at once: every thread is started and waits at a gate, then all are let go together, so that they
 * race for the same state. Answers their results in task order; a task's exception fails the caller.
 */
final class Concurrently {

	private Concurrently() {
	}

	static <T> List<T> run(int threads, Callable<T> task) {
		return run(threads, (index) -> task);
	}

	static <T> List<T> run(int threads, IntFunction<Callable<T>> tasks) {
		ExecutorService pool = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch ready = new CountDownLatch(threads);
			CountDownLatch go = new CountDownLatch(1);
			List<Future<T>> futures = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				Callable<T> task = tasks.apply(i);
				futures.add(pool.submit(() -> {
					ready.countDown();
					go.await();
					return task.call();
				}));
			}
			ready.await();
			go.countDown();
			List<T> results = new ArrayList<>();
			for (Future<T> future : futures) {
				results.add(future.get(60, TimeUnit.SECONDS));
			}
			return results;
		}
		catch (Exception ex) {
			throw new AssertionError("a concurrent task failed", ex);
		}
		finally {
			pool.shutdownNow();
		}
	}

}
