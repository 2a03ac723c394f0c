package io.atrium.token.message;

import java.util.Set;

/**
 * WeChat's 全网发布 test accounts (protocol reference §3.2): five groups, each an Official Account and a Mini
 * Program, one group picked at random per test. Atrium answers their messages although it holds none of them,
 * and never takes them into custody: they are WeChat's, not a merchant's.
 */
public final class ReleaseTestAccounts {

	/** Official Accounts, then Mini Programs, group 1 to 5 each. */
	private static final Set<String> APPIDS = Set.of("wx570bc396a51b8ff8", "wx9252c5e0bb1836fc", "wx8e1097c5bc82cde9",
			"wx14550af28c71a144", "wxa35b9c23cfe664eb", "wxd101a85aa106f53e", "wxc39235c15087f6f3",
			"wx7720d01d4b2a4500", "wx05d483572dcd5d8b", "wx5910277cae6fd970");

	private ReleaseTestAccounts() {
	}

	public static boolean contains(String appId) {
		return APPIDS.contains(appId);
	}

	public static Set<String> appIds() {
		return APPIDS;
	}

}
