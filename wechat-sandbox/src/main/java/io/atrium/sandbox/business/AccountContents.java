package io.atrium.sandbox.business;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.atrium.sandbox.account.MerchantAccount;
import io.atrium.sandbox.content.AccountContent;

/** Each account's generated content, built on first use and kept (generation is deterministic but not free). */
public final class AccountContents {

	private final String imageBaseUrl;

	private final Map<String, AccountContent> contents = new ConcurrentHashMap<>();

	public AccountContents(String imageBaseUrl) {
		this.imageBaseUrl = imageBaseUrl;
	}

	public AccountContent of(MerchantAccount account) {
		AccountContent content = this.contents.get(account.appid());
		if (content == null || !content.spec().equals(account.content())) {
			content = AccountContent.generate(account.appid(), account.content(), this.imageBaseUrl);
			this.contents.put(account.appid(), content);
		}
		return content;
	}

	public void reset() {
		this.contents.clear();
	}

}
