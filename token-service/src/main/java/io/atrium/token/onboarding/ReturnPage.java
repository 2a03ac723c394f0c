package io.atrium.token.onboarding;

import java.util.Locale;
import java.util.stream.Collectors;

import io.atrium.account.OfficialAccount;
import io.atrium.account.PermissionSet;
import io.atrium.token.onboarding.MerchantPage.Text;

/**
 * The page the merchant's browser lands on after WeChat's authorization page, in the merchant's language. Shows the
 * account's nickname and granted sets, never a code or token.
 */
final class ReturnPage {

	private static final Text IN_PROGRESS = new Text("授权处理中", "Saving the authorization");

	private static final Text NOT_COMPLETED = new Text("授权未完成", "Authorization not completed");

	private ReturnPage() {
	}

	static String render(ReturnResult result, Locale locale) {
		return switch (result.outcome()) {
			case AUTHORIZED -> authorized(result.account(), result.appId(), locale);
			case IN_PROGRESS -> page(locale, IN_PROGRESS, new Text("正在保存授权，请稍候，本页会自动刷新。",
					"The authorization is being saved; this page reloads itself."), "info", 2);
			// Each reload asks WeChat once more; WeChat's push usually comes within seconds.
			case AWAITING_WECHAT -> page(locale, IN_PROGRESS, new Text(
					"微信已收到您的授权，正在等待微信的授权通知以完成保存，请稍候，本页会自动刷新。",
					"WeChat has your authorization; it is saved as soon as WeChat's notification arrives. This page "
							+ "reloads itself."), "info", 5);
			case INVALID_LINK -> page(locale, new Text("授权链接无效", "Invalid authorization link"), new Text(
					"该授权链接无效，请联系平台运营人员重新发起授权。",
					"This authorization link is not valid. Ask the platform's operator for a new one."), "danger", 0);
			case EXPIRED -> page(locale, new Text("授权链接已过期", "Authorization link expired"), new Text(
					"该授权链接已过期，请联系平台运营人员重新发起授权；如已完成授权，无需再次操作。",
					"This authorization link has expired. Ask the platform's operator for a new one; if you already "
							+ "authorized, there is nothing more to do."), "warning", 0);
			case ALREADY_USED -> page(locale, new Text("授权链接已使用", "Authorization link already used"), new Text(
					"该授权链接已经使用过，授权结果已告知平台。",
					"This authorization link was already used; the platform has the result."), "warning", 0);
			case CODE_REJECTED -> page(locale, NOT_COMPLETED, new Text("微信未接受本次授权码，请联系平台运营人员重新发起授权。",
					"WeChat did not accept this authorization code. Ask the platform's operator for a new link."),
					"danger", 0);
			case NOT_LISTED -> page(locale, NOT_COMPLETED, new Text(
					"微信的授权列表中已没有该公众号（授权可能已被取消），未保存任何授权。请联系平台运营人员重新发起授权。",
					"WeChat no longer lists this Official Account as authorized (the authorization may have been "
							+ "cancelled); nothing was saved. Ask the platform's operator for a new link."), "danger",
					0);
			case HELD_BY_ANOTHER_TENANT -> page(locale, new Text("无法授权", "Cannot authorize"), new Text(
					"该公众号已由其他租户托管，不能授权给当前租户。如需变更，请联系平台运营人员。",
					"This Official Account belongs to another tenant and cannot be authorized for this one. Contact "
							+ "the platform operator to move it."), "danger", 0);
			case UNAVAILABLE -> page(locale, new Text("暂时无法完成授权", "Cannot complete the authorization now"),
					new Text("暂时无法连接微信，请稍后刷新本页重试。",
							"WeChat cannot be reached right now. Reload this page in a moment to try again."),
					"warning", 0);
		};
	}

	private static String authorized(OfficialAccount account, String appId, Locale locale) {
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
		return page(locale, new Text("授权成功", "Authorization succeeded"),
				new Text("公众号「" + name + "」已授权。授权的权限集：" + chineseSets + "。",
						"Authorization succeeded: " + name + " granted " + englishSets + "."),
				"success", 0);
	}

	private static String page(Locale locale, Text title, Text message, String tone, int reloadSeconds) {
		return MerchantPage.render(locale, title, message, tone, "", reloadSeconds);
	}

}
