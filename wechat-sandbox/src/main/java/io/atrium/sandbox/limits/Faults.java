package io.atrium.sandbox.limits;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import io.atrium.sandbox.api.ApiEndpoint;

/**
 * The faults in force. The first rule that matches a call and fires is spent on it. Clearing the faults (also by a
 * reset) ends the delays of calls that are waiting on a fault at that moment, so that no call stays held up by a
 * fault that no longer exists.
 */
public final class Faults {

	private final List<Rule> rules = new CopyOnWriteArrayList<>();

	private final AtomicLong ids = new AtomicLong();

	/** Opened by {@link #clear()}; delays of faults added before wait on it, later ones on the next. */
	private volatile CountDownLatch cleared = new CountDownLatch(1);

	public long add(Fault fault) {
		Rule rule = new Rule(this.ids.incrementAndGet(), fault,
				new AtomicInteger((fault.times() != null) ? fault.times() : -1), this.cleared);
		this.rules.add(rule);
		return rule.id();
	}

	/** The fault to apply to this call, if any; {@code appid} is the account the call concerns, may be null. */
	public Optional<Taken> take(ApiEndpoint endpoint, String appid) {
		if (this.rules.isEmpty()) {
			return Optional.empty();
		}
		for (Rule rule : this.rules) {
			Fault fault = rule.fault();
			if (fault.endpoint() != endpoint || (fault.appid() != null && !fault.appid().equals(appid))) {
				continue;
			}
			if (fault.probability() < 1 && ThreadLocalRandom.current().nextDouble() >= fault.probability()) {
				continue;
			}
			if (rule.trySpend()) {
				if (rule.remaining().get() == 0) {
					this.rules.remove(rule);
				}
				return Optional.of(new Taken(fault, rule.cleared()));
			}
		}
		return Optional.empty();
	}

	public List<Active> list() {
		List<Active> active = new ArrayList<>();
		for (Rule rule : this.rules) {
			int remaining = rule.remaining().get();
			if (remaining != 0) {
				active.add(new Active(rule.id(), rule.fault(), (remaining < 0) ? null : remaining));
			}
		}
		return active;
	}

	/** Removes every fault and ends the delays in progress. */
	public void clear() {
		CountDownLatch previous = this.cleared;
		this.cleared = new CountDownLatch(1);
		this.rules.clear();
		previous.countDown();
	}

	/** A fault spent on a call. */
	public record Taken(Fault fault, CountDownLatch cleared) {

		/** Waits the fault's delay, or less when the faults are cleared meanwhile. */
		public void delay() {
			if (this.fault.delayMillis() <= 0) {
				return;
			}
			try {
				this.cleared.await(this.fault.delayMillis(), TimeUnit.MILLISECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

	}

	/** A rule in force and how many more times it fires (null = unbounded). */
	public record Active(long id, Fault fault, Integer remaining) {
	}

	private record Rule(long id, Fault fault, AtomicInteger remaining, CountDownLatch cleared) {

		boolean trySpend() {
			while (true) {
				int left = this.remaining.get();
				if (left < 0) {
					return true;
				}
				if (left == 0) {
					return false;
				}
				if (this.remaining.compareAndSet(left, left - 1)) {
					return true;
				}
			}
		}

	}

}
