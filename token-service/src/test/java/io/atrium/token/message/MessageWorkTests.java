package io.atrium.token.message;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Slow work never runs on the caller's thread and never queues without bound: a full queue refuses it at once.
 */
class MessageWorkTests {

	@Test
	void aFullQueueRefusesWorkInsteadOfRunningOrQueueingIt() throws Exception {
		MessageWork work = new MessageWork(new MessageProperties(1, 1));
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch started = new CountDownLatch(1);
		AtomicInteger ran = new AtomicInteger();
		try {
			assertThat(work.submit(() -> {
				started.countDown();
				await(release);
				ran.incrementAndGet();
			})).isTrue();
			assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
			assertThat(work.submit(ran::incrementAndGet)).as("queued").isTrue();
			String caller = Thread.currentThread().getName();
			AtomicInteger ranHere = new AtomicInteger();

			boolean accepted = work.submit(() -> {
				if (Thread.currentThread().getName().equals(caller)) {
					ranHere.incrementAndGet();
				}
			});

			assertThat(accepted).isFalse();
			assertThat(ranHere).hasValue(0);
			release.countDown();
		}
		finally {
			release.countDown();
			work.destroy();
		}
		assertThat(ran).hasValue(2);
	}

	@Test
	void failingWorkDoesNotStopTheWorkers() throws Exception {
		MessageWork work = new MessageWork(new MessageProperties(1, 10));
		CountDownLatch done = new CountDownLatch(1);
		try {
			assertThat(work.submit(() -> {
				throw new IllegalStateException("WeChat said no");
			})).isTrue();
			assertThat(work.submit(done::countDown)).isTrue();
			assertThat(done.await(10, TimeUnit.SECONDS)).isTrue();
		}
		finally {
			work.destroy();
		}
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
