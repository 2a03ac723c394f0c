package io.atrium.account;

/**
 * What {@code api_get_authorizer_info} tells about an official account. Every field may be null: WeChat omits
 * some for some account types, and an account authorized through a push may not have been looked up yet.
 *
 * @param serviceType {@code service_type_info.id}: 0 subscription, 1 upgraded subscription, 2 service account
 * @param verifyType {@code verify_type_info.id}: -1 unverified, 0 WeChat verified, others as WeChat lists them
 */
public record AuthorizerProfile(String nickname, String headImg, Integer serviceType, Integer verifyType,
		String principalName, String userName, String alias, String qrcodeUrl) {

	public static AuthorizerProfile unknown() {
		return new AuthorizerProfile(null, null, null, null, null, null, null, null);
	}

	/** Whether WeChat reports the account as verified (认证); freepublish needs it. */
	public boolean verified() {
		return this.verifyType != null && this.verifyType >= 0;
	}

}
