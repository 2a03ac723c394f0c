package io.atrium.token.onboarding;

/**
 * An {@code authorized} or {@code updateauthorized} push, as the callback read it. {@code toString} leaves the codes
 * out.
 *
 * @param preAuthCode the pre-auth code the merchant spent, null if WeChat sent none
 */
public record AuthorizationPush(String infoType, String authorizerAppId, String authorizationCode,
		String preAuthCode) {

	public boolean isUpdate() {
		return "updateauthorized".equals(this.infoType);
	}

	@Override
	public String toString() {
		return "AuthorizationPush[infoType=" + this.infoType + ", authorizerAppId=" + this.authorizerAppId + "]";
	}

}
