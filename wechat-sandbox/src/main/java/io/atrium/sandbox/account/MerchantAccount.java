package io.atrium.sandbox.account;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;

import io.atrium.sandbox.content.ContentSpec;

/**
 * A merchant's Official Account as it exists on the WeChat side, whether or not it has authorized the platform.
 *
 * @param appid {@code wx} + 16 hex
 * @param nickname shown name (nick_name)
 * @param serviceType service_type_info.id: 0 subscription, 1 upgraded old subscription, 2 service account
 * @param verified whether verify_type_info.id is 0 (WeChat-verified) rather than -1 (unverified)
 * @param grantablePermissionSets the permission sets the merchant grants when authorizing (pre-ticked on the page)
 * @param content how much content the account has
 * @param principalName the legal entity (principal_name)
 * @param alias the WeChat id (alias)
 * @param signature the account's description
 */
public record MerchantAccount(String appid, String nickname, int serviceType, boolean verified,
		List<Integer> grantablePermissionSets, ContentSpec content, String principalName, String alias,
		String signature) {

	private static final Pattern APPID = Pattern.compile("wx[0-9a-f]{16}");

	public MerchantAccount {
		Objects.requireNonNull(appid, "appid");
		if (!APPID.matcher(appid).matches()) {
			throw new IllegalArgumentException("appid must be 'wx' followed by 16 lowercase hex digits");
		}
		if (nickname == null || nickname.isBlank()) {
			throw new IllegalArgumentException("nickname must not be blank");
		}
		if (serviceType < 0 || serviceType > 2) {
			throw new IllegalArgumentException("serviceType must be 0, 1 or 2");
		}
		grantablePermissionSets = List.copyOf(new TreeSet<>(grantablePermissionSets));
		for (int id : grantablePermissionSets) {
			if (id < 1 || id > 999) {
				throw new IllegalArgumentException("permission set ids are 1..999: " + id);
			}
		}
		Objects.requireNonNull(content, "content");
		Objects.requireNonNull(principalName, "principalName");
		Objects.requireNonNull(alias, "alias");
		Objects.requireNonNull(signature, "signature");
	}

	public static boolean isAppid(String value) {
		return value != null && APPID.matcher(value).matches();
	}

	/** verify_type_info.id: 0 = 微信认证, -1 = 未认证. */
	public int verifyTypeInfo() {
		return this.verified ? 0 : -1;
	}

	/** The original id ({@code gh_} + 12 hex), stable per appid. */
	public String userName() {
		return "gh_" + digest(this.appid).substring(0, 12);
	}

	/** Which kind of account, in the words of the authorization page. */
	public String serviceTypeLabel() {
		return (this.serviceType == 2) ? "服务号" : "订阅号";
	}

	static String digest(String value) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
