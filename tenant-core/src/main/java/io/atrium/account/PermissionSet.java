package io.atrium.account;

import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The Official Account permission sets (公众号权限集, {@code funcscope_category.id}) a merchant can grant to the
 * platform, as WeChat's table lists them (protocol reference §6). WeChat adds sets over time: an id not listed
 * here is kept as a number by {@link GrantedPermissions}, never dropped.
 */
public enum PermissionSet {

	MESSAGE_MANAGEMENT(1, "消息管理", "Message management"),
	USER_MANAGEMENT(2, "用户管理", "User management"),
	ACCOUNT_SERVICE(3, "账号服务", "Account service"),
	WEB_SERVICE(4, "网页服务", "Web service"),
	WECHAT_STORE(5, "微信小店", "WeChat store"),
	CUSTOMER_SERVICE(6, "微信多客服", "Customer service"),
	/** Mass send, published articles (freepublish) and template messages. */
	MASS_SEND_AND_NOTIFY(7, "群发与通知", "Mass send and notifications"),
	CARDS(8, "微信卡券", "Cards and coupons"),
	SCAN(9, "微信扫一扫", "Scan"),
	WIFI(10, "微信连WIFI", "Wi-Fi"),
	/** Permanent materials (batchget_material, get_materialcount). */
	MATERIAL_MANAGEMENT(11, "素材管理", "Material management"),
	SHAKE(12, "微信摇周边", "Shake nearby"),
	STORES(13, "微信门店", "Stores"),
	MENU(15, "菜单管理", "Custom menu"),
	CITY_SERVICE(22, "城市服务", "City service"),
	ADVERTISING(23, "广告管理", "Advertising"),
	OPEN_PLATFORM_ACCOUNT(24, "开放平台账号管理", "Open Platform account"),
	ELECTRONIC_INVOICE(26, "微信电子发票", "Electronic invoices"),
	FAST_REGISTER_MINI_PROGRAM(27, "快速注册小程序", "Fast mini program registration"),
	MINI_PROGRAM_LINKING(33, "小程序关联管理", "Mini program linking"),
	PRODUCT_LIBRARY(34, "微信商品库管理", "Product library"),
	GOOD_THINGS(44, "好物圈", "Good things circle"),
	ONE_THING_ONE_CODE(46, "微信一物一码", "One thing, one code"),
	FISCAL_RECEIPT(47, "微信财政电子票据", "Fiscal e-receipts"),
	SERVICE_CONVERSATION(54, "服务号对话管理", "Service account conversations"),
	SERVICE_MARKET(66, "微信服务市场管理", "Service market"),
	SUBSCRIBE_NOTIFICATION(89, "服务号订阅通知", "Subscription notifications"),
	/** Named only as "material APIs: 11 or 100" in WeChat's API pages; it grants the same material APIs. */
	MATERIAL_MANAGEMENT_EXTENDED(100, "素材管理(扩展)", "Material management (extended)"),
	MEDICAL_ASSISTANT(113, "就医助手", "Medical assistant");

	private static final Map<Integer, PermissionSet> BY_ID = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(PermissionSet::id, Function.identity()));

	private final int id;

	private final String chineseName;

	private final String englishName;

	PermissionSet(int id, String chineseName, String englishName) {
		this.id = id;
		this.chineseName = chineseName;
		this.englishName = englishName;
	}

	public int id() {
		return this.id;
	}

	public String chineseName() {
		return this.chineseName;
	}

	public String englishName() {
		return this.englishName;
	}

	public static Optional<PermissionSet> fromId(int id) {
		return Optional.ofNullable(BY_ID.get(id));
	}

}
