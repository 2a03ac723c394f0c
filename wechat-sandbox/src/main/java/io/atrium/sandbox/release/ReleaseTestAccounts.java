package io.atrium.sandbox.release;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

import io.atrium.sandbox.release.TestAccount.Kind;

/**
 * WeChat's 全网发布 test accounts (protocol reference §3.2): five groups, each an Official Account and a Mini
 * Program; the test picks a group at random. The original ids of the first group are WeChat's own
 * ({@code gh_3c884a361561}, {@code gh_8dad206e9538}); the others are not published, so the sandbox derives them
 * from the appid, as it derives the test users' openids.
 */
public final class ReleaseTestAccounts {

	public static final int GROUPS = 5;

	private static final String[] OFFICIAL_ACCOUNTS = { "wx570bc396a51b8ff8", "wx9252c5e0bb1836fc",
			"wx8e1097c5bc82cde9", "wx14550af28c71a144", "wxa35b9c23cfe664eb" };

	private static final String[] MINI_PROGRAMS = { "wxd101a85aa106f53e", "wxc39235c15087f6f3", "wx7720d01d4b2a4500",
			"wx05d483572dcd5d8b", "wx5910277cae6fd970" };

	private static final List<TestAccount> ALL = build();

	/** What a test account grants the platform when the test authorizes it. */
	static final List<Integer> OFFICIAL_ACCOUNT_SETS = List.of(1, 2, 3, 7, 11, 15);

	static final List<Integer> MINI_PROGRAM_SETS = List.of(17, 18, 19, 25, 30, 31);

	private ReleaseTestAccounts() {
	}

	private static List<TestAccount> build() {
		List<TestAccount> accounts = new ArrayList<>();
		for (int i = 0; i < GROUPS; i++) {
			int group = i + 1;
			accounts.add(account(group, OFFICIAL_ACCOUNTS[i], (group == 1) ? "gh_3c884a361561" : null,
					Kind.OFFICIAL_ACCOUNT));
			accounts.add(account(group, MINI_PROGRAMS[i], (group == 1) ? "gh_8dad206e9538" : null, Kind.MINI_PROGRAM));
		}
		return List.copyOf(accounts);
	}

	private static TestAccount account(int group, String appid, String knownUserName, Kind kind) {
		byte[] digest = sha256("release-test:" + appid);
		String userName = (knownUserName != null) ? knownUserName
				: "gh_" + HexFormat.of().formatHex(digest).substring(0, 12);
		// Shaped like WeChat's openids: 28 characters starting with "o".
		String openid = "o" + Base64.getUrlEncoder().withoutPadding().encodeToString(digest).substring(0, 27);
		return new TestAccount(group, appid, userName, kind, openid);
	}

	/** All ten, group by group (the Official Account first). */
	public static List<TestAccount> all() {
		return ALL;
	}

	/** The two accounts of a group (1 to 5). */
	public static List<TestAccount> group(int group) {
		return ALL.stream().filter((account) -> account.group() == group).toList();
	}

	public static Optional<TestAccount> find(String appid) {
		return ALL.stream().filter((account) -> account.appid().equals(appid)).findFirst();
	}

	static List<Integer> permissionSets(TestAccount account) {
		return (account.kind() == Kind.OFFICIAL_ACCOUNT) ? OFFICIAL_ACCOUNT_SETS : MINI_PROGRAM_SETS;
	}

	private static byte[] sha256(String value) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
