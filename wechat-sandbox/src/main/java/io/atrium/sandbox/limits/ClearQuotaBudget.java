package io.atrium.sandbox.limits;

import java.time.Clock;
import java.time.YearMonth;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The clear-quota allowance: 10 successful clears per account per calendar month (Asia/Shanghai), shared by
 * clear_quota and clear_quota/v2 (protocol reference §1.10).
 */
public final class ClearQuotaBudget {

	public static final int CLEARS_PER_MONTH = 10;

	private final Clock clock;

	private final Map<String, Spent> spent = new ConcurrentHashMap<>();

	public ClearQuotaBudget(Clock clock) {
		this.clock = clock;
	}

	/** Spends one clear; false when this month's ten are gone. */
	public boolean trySpend(String account) {
		YearMonth month = YearMonth.from(this.clock.instant().atZone(Quotas.SHANGHAI));
		boolean[] granted = new boolean[1];
		this.spent.compute(account, (key, current) -> {
			Spent thisMonth = (current == null || !current.month().equals(month)) ? new Spent(month, 0) : current;
			if (thisMonth.count() >= CLEARS_PER_MONTH) {
				return thisMonth;
			}
			granted[0] = true;
			return new Spent(month, thisMonth.count() + 1);
		});
		return granted[0];
	}

	public void reset() {
		this.spent.clear();
	}

	private record Spent(YearMonth month, int count) {
	}

}
