package io.atrium.sandbox.account;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The merchant accounts that exist on the sandbox's WeChat side, in creation order. */
public final class MerchantAccounts {

	private final Map<String, MerchantAccount> accounts = new LinkedHashMap<>();

	private final boolean seedDemoAccounts;

	public MerchantAccounts(boolean seedDemoAccounts) {
		this.seedDemoAccounts = seedDemoAccounts;
		reset();
	}

	/** Adds an account; false when one with this appid exists already. */
	public synchronized boolean add(MerchantAccount account) {
		return this.accounts.putIfAbsent(account.appid(), account) == null;
	}

	public synchronized Optional<MerchantAccount> find(String appid) {
		return Optional.ofNullable(this.accounts.get(appid));
	}

	public synchronized List<MerchantAccount> list() {
		return new ArrayList<>(this.accounts.values());
	}

	/** Back to the demo accounts, or to none. */
	public synchronized void reset() {
		this.accounts.clear();
		if (this.seedDemoAccounts) {
			DemoAccounts.all().forEach((account) -> this.accounts.put(account.appid(), account));
		}
	}

}
