package io.atrium.token.message;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.concurrent.CustomizableThreadFactory;
import org.springframework.stereotype.Component;

/**
 * Where slow work on a message goes (calls to WeChat), so that WeChat's answer never waits for it: a fixed pool
 * ({@code atrium.messages.workers}) behind a bounded queue ({@code atrium.messages.queue-capacity}). When the queue
 * is full the work is refused rather than run on the request thread or queued without bound; the caller records
 * the drop and still acknowledges. Work lives in this instance's memory only: an instance that stops loses what is
 * queued (the 全网发布 test then fails that step and is run again).
 */
@Component
class MessageWork implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(MessageWork.class);

	private final ThreadPoolExecutor executor;

	MessageWork(MessageProperties properties) {
		CustomizableThreadFactory threads = new CustomizableThreadFactory("message-work-");
		threads.setDaemon(true);
		this.executor = new ThreadPoolExecutor(properties.workers(), properties.workers(), 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(properties.queueCapacity()), threads, new ThreadPoolExecutor.AbortPolicy());
	}

	/** Queues the work; false when the queue is full and the work was dropped. */
	boolean submit(Runnable work) {
		try {
			this.executor.execute(() -> {
				try {
					work.run();
				}
				catch (RuntimeException ex) {
					logger.error("Work on a message failed", ex);
				}
			});
			return true;
		}
		catch (RejectedExecutionException ex) {
			return false;
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.executor.shutdown();
		if (!this.executor.awaitTermination(5, TimeUnit.SECONDS)) {
			this.executor.shutdownNow();
		}
	}

}
