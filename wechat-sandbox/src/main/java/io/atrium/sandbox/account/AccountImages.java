package io.atrium.sandbox.account;

/**
 * An account's avatar and QR code URLs: sandbox images (see {@link io.atrium.sandbox.content.ImageRenderer}), as
 * WeChat's point at its CDN.
 */
public final class AccountImages {

	private final String baseUrl;

	public AccountImages(String baseUrl) {
		this.baseUrl = baseUrl;
	}

	public String headImg(MerchantAccount account) {
		return this.baseUrl + "/mmbiz_png/" + account.appid() + "/square-head/0?wx_fmt=png";
	}

	public String qrcodeUrl(MerchantAccount account) {
		return this.baseUrl + "/mmbiz_jpg/" + account.appid() + "/square-qrcode/0?wx_fmt=jpeg";
	}

}
