package io.atrium.sandbox.authpage;

import java.util.Map;

/** Chinese names of Official Account permission sets (protocol reference §6), as the authorization page lists them. */
final class PermissionSetNames {

	private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "消息管理"), Map.entry(2, "用户管理"),
			Map.entry(3, "账号服务"), Map.entry(4, "网页服务"), Map.entry(5, "微信小店"), Map.entry(6, "微信多客服"),
			Map.entry(7, "群发与通知"), Map.entry(8, "微信卡券"), Map.entry(9, "微信扫一扫"), Map.entry(10, "微信连WIFI"),
			Map.entry(11, "素材管理"), Map.entry(12, "微信摇周边"), Map.entry(13, "微信门店"), Map.entry(15, "菜单管理"),
			Map.entry(22, "城市服务"), Map.entry(23, "广告管理"), Map.entry(24, "开放平台账号管理"), Map.entry(26, "微信电子发票"),
			Map.entry(27, "快速注册小程序"), Map.entry(33, "小程序关联管理"), Map.entry(34, "微信商品库管理"),
			Map.entry(44, "好物圈"), Map.entry(46, "微信一物一码"), Map.entry(47, "微信财政电子票据"),
			Map.entry(54, "服务号对话管理"), Map.entry(66, "微信服务市场管理"), Map.entry(89, "服务号订阅通知"),
			Map.entry(100, "素材管理（新）"), Map.entry(113, "就医助手"));

	private PermissionSetNames() {
	}

	static String of(int id) {
		return NAMES.getOrDefault(id, "权限集 " + id);
	}

}
