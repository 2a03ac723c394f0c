package io.atrium.sandbox.content;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Chinese word lists for the content of a small retail brand's account, and the phrases made of them. */
final class Lexicon {

	private static final List<String> HEADLINES = List.of("秋季新品上市", "会员日福利来袭", "双十一预售开启", "门店焕新开业",
			"限时折扣最后三天", "冬日暖饮回归", "年终感恩回馈", "新品试吃邀请", "周末亲子手作课", "品牌故事第二季", "积分兑换升级啦", "早鸟礼盒开抢",
			"新会员专享好礼", "一周年店庆", "国庆出行指南", "本周热卖榜单", "主理人的咖啡笔记", "小程序商城上线", "环保袋换购计划", "线下快闪店来了");

	private static final List<String> TAGLINES = List.of("到店即享好礼", "名额有限先到先得", "附活动细则", "错过再等一年", "全场包邮",
			"第二件半价", "会员再享九折", "看完这篇就够了", "文末有福利", "欢迎转发给好友");

	private static final List<String> AUTHORS = List.of("李婷", "王磊", "张晓雨", "陈思远", "刘洋", "赵敏", "孙佳怡", "周子涵",
			"吴昊", "林小北", "品牌小编", "店长阿杰");

	private static final List<String> SENTENCES = List.of("秋风渐起，我们为你准备了一份温暖的新品清单。", "本次活动面向全体会员开放，到店出示会员码即可参与。",
			"每一款新品都经过了三个月的反复打磨，只为给你更好的体验。", "活动期间，全场商品满两百元即可享受包邮服务。", "我们的门店位于市中心步行街，交通十分便利。",
			"感谢一路以来的陪伴，你们的支持是我们前进的动力。", "新品数量有限，建议提前通过小程序预约到店时间。", "积分规则已全面升级，消费一元即可累积一分。",
			"周末的手作课程适合三到十岁的小朋友，家长可陪同参加。", "本店所有原料均来自可追溯的合作农场。", "如有任何疑问，欢迎在公众号后台留言，我们会尽快回复。",
			"转发本文到朋友圈，截图发送至后台即可领取优惠券一张。", "这个冬天，我们想和你一起慢下来，好好喝一杯热饮。", "线下快闪店将在十一月中旬亮相，敬请期待。",
			"每位顾客限领一份，先到先得，送完即止。", "我们邀请了五位老顾客分享他们与品牌的故事。", "环保袋换购计划已在全部门店上线，旧袋也能换新礼。",
			"主理人亲自挑选的咖啡豆，带着淡淡的坚果与焦糖香气。", "小程序商城同步上线，足不出户也能买到心仪好物。", "活动最终解释权归本店所有，具体以门店公告为准。");

	/** A bold label and the detail that follows it. */
	private static final List<List<String>> HIGHLIGHTS = List.of(List.of("活动时间：", "11月8日至11月12日"),
			List.of("活动时间：", "每日上午十点准时开抢"), List.of("活动地点：", "全国所有直营门店"), List.of("参与方式：", "关注公众号并回复“福利”"),
			List.of("温馨提示：", "请携带会员卡或会员码"), List.of("会员福利：", "消费满一百元赠送限定徽章一枚"));

	private static final List<String> CLOSINGS = List.of("点击左下角“阅读原文”，了解更多活动详情。", "喜欢这篇文章的话，记得点个“在看”哦。",
			"我们下期再见！", "图片仅供参考，请以实物为准。");

	private static final List<String> IMAGE_NAMES = List.of("banner", "product", "poster", "storefront", "event",
			"menu", "gift-box", "team");

	private static final List<String> VOICE_NAMES = List.of("welcome", "store-intro", "promo", "podcast");

	private static final List<String> VIDEO_NAMES = List.of("brand-story", "new-arrivals", "store-tour", "how-to");

	/** One per video name, in the same order. */
	private static final List<String> VIDEO_DESCRIPTIONS = List.of("从一家街角小店到十家门店，我们走了五年。",
			"秋季新品抢先看，三分钟了解本季所有上新。", "带你走进我们的第一家门店，看看一杯咖啡背后的故事。", "店长手把手教你在家做出一杯好喝的拿铁。");

	private static final List<String> TAGS = List.of("新品", "品牌", "门店", "教程", "活动", "会员", "咖啡", "生活方式");

	private Lexicon() {
	}

	static String title(SplittableRandom random) {
		String headline = pick(random, HEADLINES);
		return random.nextBoolean() ? headline : headline + "｜" + pick(random, TAGLINES);
	}

	static String author(SplittableRandom random) {
		return pick(random, AUTHORS);
	}

	/** A summary within WeChat's 54 characters (a single sentence fits). */
	static String digest(SplittableRandom random) {
		return pick(random, SENTENCES);
	}

	/** Two or three different sentences. */
	static String paragraph(SplittableRandom random) {
		return String.join("", distinct(random, SENTENCES, 2 + random.nextInt(2)));
	}

	/** A label to set in bold and its detail, such as {@code 活动时间：} and {@code 11月8日至11月12日}. */
	static List<String> highlight(SplittableRandom random) {
		return HIGHLIGHTS.get(random.nextInt(HIGHLIGHTS.size()));
	}

	static String closing(SplittableRandom random) {
		return pick(random, CLOSINGS);
	}

	/** A file name such as {@code banner-03.png}: a stem from the list and a one-based, two-digit number. */
	static String fileName(MaterialType type, int index, String extension) {
		List<String> stems = switch (type) {
			case IMAGE -> IMAGE_NAMES;
			case VOICE -> VOICE_NAMES;
			case VIDEO -> VIDEO_NAMES;
			case NEWS -> throw new IllegalArgumentException("News materials have no file name");
		};
		return stems.get(index % stems.size()) + "-" + String.format("%02d", index + 1) + "." + extension;
	}

	/** The description of the video that {@link #fileName} names for the same index. */
	static String videoDescription(int index) {
		return VIDEO_DESCRIPTIONS.get(index % VIDEO_DESCRIPTIONS.size());
	}

	/** One to three different tags. */
	static List<String> tags(SplittableRandom random) {
		return distinct(random, TAGS, 1 + random.nextInt(3));
	}

	private static List<String> distinct(SplittableRandom random, List<String> words, int count) {
		List<String> picked = new ArrayList<>(count);
		while (picked.size() < count) {
			String word = pick(random, words);
			if (!picked.contains(word)) {
				picked.add(word);
			}
		}
		return picked;
	}

	private static String pick(SplittableRandom random, List<String> words) {
		return words.get(random.nextInt(words.size()));
	}

}
