package io.atrium.sandbox.push;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** The latest push attempts, oldest first; bounded so that a long-running sandbox does not grow. */
public final class PushLog {

	private static final int KEPT = 1_000;

	private final Deque<PushRecord> records = new ArrayDeque<>();

	private long ids;

	public synchronized long nextId() {
		return ++this.ids;
	}

	public synchronized void add(PushRecord record) {
		this.records.addLast(record);
		while (this.records.size() > KEPT) {
			this.records.removeFirst();
		}
	}

	public synchronized List<PushRecord> list() {
		return new ArrayList<>(this.records);
	}

	public synchronized void clear() {
		this.records.clear();
	}

}
