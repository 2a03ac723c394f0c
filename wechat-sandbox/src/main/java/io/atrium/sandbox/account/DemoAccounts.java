package io.atrium.sandbox.account;

import java.util.List;

import io.atrium.sandbox.content.ContentSpec;

/**
 * The merchant accounts a sandbox starts with: one that can do everything, one that is unverified (freepublish
 * answers 48001) and one that grants neither set 7 nor 11 (freepublish and material answer 61007). None has
 * authorized the platform yet.
 */
public final class DemoAccounts {

	/** Verified service account (服务号) granting 1, 2, 3, 7, 11, 15. */
	public static final String FULL_APPID = "wx5a7c1e9b3d2f4068";

	/** Unverified subscription account (订阅号, verify_type_info -1) granting 1, 7, 11. */
	public static final String UNVERIFIED_APPID = "wx8b2d4f6a1c3e5079";

	/** Verified service account granting 1, 2, 3, 15 only. */
	public static final String NO_CONTENT_SETS_APPID = "wx1e3c5a7b9d2f4860";

	private DemoAccounts() {
	}

	public static List<MerchantAccount> all() {
		return List.of(
				new MerchantAccount(FULL_APPID, "星河咖啡", 2, true, List.of(1, 2, 3, 7, 11, 15),
						ContentSpec.defaults(), "星河咖啡（深圳）餐饮管理有限公司", "xinghe_coffee",
						"一杯好咖啡，从一颗好豆子开始。"),
				new MerchantAccount(UNVERIFIED_APPID, "山野读书会", 0, false, List.of(1, 7, 11), ContentSpec.defaults(),
						"山野读书会", "shanye_books", "每周一本书，和你一起慢慢读。"),
				new MerchantAccount(NO_CONTENT_SETS_APPID, "云杉家居", 2, true, List.of(1, 2, 3, 15),
						ContentSpec.defaults(), "云杉家居用品（杭州）有限公司", "yunshan_home", "让家更温暖。"));
	}

}
