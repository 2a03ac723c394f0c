package io.atrium.token.onboarding;

import java.util.stream.Collectors;

import io.atrium.account.OfficialAccount;
import io.atrium.account.PermissionSet;

import org.springframework.web.util.HtmlUtils;

/**
 * The page the merchant's browser lands on after WeChat's authorization page: Chinese first, English second. Shows
 * the account's nickname and granted sets, never a code or token.
 */
final class ReturnPage {

	private ReturnPage() {
	}

	static String render(ReturnResult result) {
		return switch (result.outcome()) {
			case AUTHORIZED -> authorized(result.account(), result.appId());
			case IN_PROGRESS -> page("授权处理中", "正在保存授权，请稍候，本页会自动刷新。",
					"The authorization is being saved; this page reloads itself.", 2);
			// Each reload asks WeChat once more; WeChat's push usually comes within seconds.
			case AWAITING_WECHAT -> page("授权处理中", "微信已收到您的授权，正在等待微信的授权通知以完成保存，请稍候，本页会自动刷新。",
					"WeChat has your authorization; it is saved as soon as WeChat's notification arrives. This page "
							+ "reloads itself.",
					5);
			case INVALID_LINK -> page("授权链接无效", "该授权链接无效，请回到控制台重新发起授权。",
					"This authorization link is not valid. Start the authorization again from the console.", 0);
			case EXPIRED -> page("授权链接已过期", "该授权链接已过期，请回到控制台重新发起授权；如已完成授权，请在控制台查看。",
					"This authorization link has expired. Start again from the console, or check there whether it "
							+ "completed.",
					0);
			case ALREADY_USED -> page("授权链接已使用", "该授权链接已经使用过，请在控制台查看授权结果。",
					"This authorization link was already used. See the result in the console.", 0);
			case CODE_REJECTED -> page("授权未完成", "微信未接受本次授权码，请回到控制台重新发起授权。",
					"WeChat did not accept this authorization code. Start the authorization again from the console.",
					0);
			case NOT_LISTED -> page("授权未完成", "微信的授权列表中已没有该公众号（授权可能已被取消），未保存任何授权。请回到控制台重新发起授权。",
					"WeChat no longer lists this Official Account as authorized (the authorization may have been "
							+ "cancelled); nothing was saved. Start the authorization again from the console.",
					0);
			case HELD_BY_ANOTHER_TENANT -> page("无法授权", "该公众号已由其他租户托管，不能授权给当前租户。如需变更，请联系平台运营人员。",
					"This Official Account belongs to another tenant and cannot be authorized for this one. Contact "
							+ "the platform operator to move it.",
					0);
			case UNAVAILABLE -> page("暂时无法完成授权", "暂时无法连接微信，请稍后刷新本页重试。",
					"WeChat cannot be reached right now. Reload this page in a moment to try again.", 0);
		};
	}

	private static String authorized(OfficialAccount account, String appId) {
		String name = (account != null) ? account.displayName() : appId;
		String chineseSets = (account != null) ? account.permissions()
			.ids()
			.stream()
			.map((id) -> PermissionSet.fromId(id).map(PermissionSet::chineseName).orElse("权限集") + "（" + id + "）")
			.collect(Collectors.joining("、")) : "";
		String englishSets = (account != null) ? account.permissions()
			.ids()
			.stream()
			.map((id) -> PermissionSet.fromId(id).map(PermissionSet::englishName).orElse("Set") + " (" + id + ")")
			.collect(Collectors.joining(", ")) : "";
		return page("授权成功", "公众号「" + name + "」已授权。授权的权限集：" + chineseSets + "。",
				"Authorization succeeded: " + name + " granted " + englishSets + ".", 0);
	}

	/** @param reloadSeconds when the page reloads itself; 0 for never */
	private static String page(String title, String chinese, String english, int reloadSeconds) {
		return "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">"
				+ "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
				+ ((reloadSeconds > 0) ? "<meta http-equiv=\"refresh\" content=\"" + reloadSeconds + "\">" : "")
				+ "<title>" + escape(title)
				+ "</title></head><body><main><h1 id=\"result\">" + escape(title) + "</h1><p id=\"message\">"
				+ escape(chinese) + "</p><p id=\"message-en\" lang=\"en\">" + escape(english)
				+ "</p></main></body></html>";
	}

	private static String escape(String text) {
		return HtmlUtils.htmlEscape(text, "UTF-8");
	}

}
