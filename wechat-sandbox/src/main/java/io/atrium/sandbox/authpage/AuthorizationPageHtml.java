package io.atrium.sandbox.authpage;

import java.util.List;
import java.util.function.Predicate;

import io.atrium.sandbox.account.MerchantAccount;

/**
 * The HTML of the authorization pages: self-contained (inline CSS, no scripts, no external assets), Chinese, fits a
 * phone. Elements have stable ids for browser tests: {@code account-{appid}}, {@code perm-{appid}-{set}},
 * {@code authorize-{appid}}.
 */
final class AuthorizationPageHtml {

	private static final String STYLE = """
			*{box-sizing:border-box}body{margin:0;font-family:-apple-system,"PingFang SC","Microsoft YaHei",sans-serif;\
			background:#f2f2f2;color:#191919}main{max-width:640px;margin:0 auto;padding:16px}\
			header{background:#07c160;color:#fff;padding:16px;border-radius:8px;margin-bottom:16px}\
			header h1{font-size:20px;margin:0 0 4px}header p{margin:0;font-size:14px;opacity:.9}\
			.card{background:#fff;border-radius:8px;padding:16px;margin-bottom:12px}\
			.card h2{font-size:17px;margin:0 0 4px}.meta{font-size:13px;color:#888;margin:0 0 12px}\
			.tag{display:inline-block;font-size:12px;padding:1px 6px;border-radius:4px;background:#eef;margin-left:6px}\
			.tag.warn{background:#fde2e2;color:#c00}.tag.ok{background:#e1f5e9;color:#06ae56}\
			fieldset{border:0;margin:0 0 12px;padding:0}legend{font-size:14px;margin-bottom:6px}\
			label{display:block;padding:6px 0;font-size:15px}input[type=checkbox]{margin-right:8px;transform:scale(1.2)}\
			button{width:100%;background:#07c160;color:#fff;border:0;border-radius:6px;padding:12px;font-size:16px}\
			.empty,.error{background:#fff;border-radius:8px;padding:24px;text-align:center}.error h1{color:#c00;font-size:18px}\
			footer{font-size:12px;color:#aaa;text-align:center;margin-top:16px}""";

	private final boolean mobile;

	AuthorizationPageHtml(boolean mobile) {
		this.mobile = mobile;
	}

	String render(String componentAppId, String preAuthCode, String redirectUri, String bizAppid,
			List<MerchantAccount> accounts, Predicate<String> authorized) {
		StringBuilder html = new StringBuilder(4096);
		head(html, "公众号授权");
		html.append("<main id=\"authorization\" data-view=\"").append(this.mobile ? "mobile" : "pc").append("\">");
		html.append("<header><h1>授权给第三方平台</h1><p>第三方平台 <span id=\"component-appid\">")
			.append(escape(componentAppId))
			.append("</span> 请求获得你的公众号的以下权限。选择要授权的公众号和权限集，然后点击「授权」。</p></header>");
		if (accounts.isEmpty()) {
			html.append("<div class=\"empty\" id=\"no-accounts\">没有可授权的公众号。</div>");
		}
		for (MerchantAccount account : accounts) {
			String appid = escape(account.appid());
			html.append("<section class=\"card\" id=\"account-").append(appid).append("\">");
			html.append("<h2>").append(escape(account.nickname()));
			html.append("<span class=\"tag\">").append(account.serviceTypeLabel()).append("</span>");
			html.append(account.verified() ? "<span class=\"tag ok\">已认证</span>"
					: "<span class=\"tag warn\">未认证</span>");
			if (authorized.test(account.appid())) {
				html.append("<span class=\"tag\" id=\"authorized-").append(appid).append("\">已授权</span>");
			}
			html.append("</h2><p class=\"meta\">AppID ").append(appid).append(" · ").append(escape(account.userName()))
				.append("</p>");
			html.append("<form method=\"post\" action=\"").append(AuthorizationPages.CONFIRM_PATH)
				.append("\" id=\"form-").append(appid).append("\">");
			hidden(html, "component_appid", componentAppId);
			hidden(html, "pre_auth_code", preAuthCode);
			hidden(html, "redirect_uri", redirectUri);
			hidden(html, "authorizer_appid", account.appid());
			if (bizAppid != null) {
				hidden(html, "biz_appid", bizAppid);
			}
			html.append("<fieldset><legend>授权权限集</legend>");
			for (int set : account.grantablePermissionSets()) {
				html.append("<label for=\"perm-").append(appid).append('-').append(set).append("\">")
					.append("<input type=\"checkbox\" name=\"permission_set\" value=\"").append(set)
					.append("\" id=\"perm-").append(appid).append('-').append(set).append("\" checked>")
					.append(escape(PermissionSetNames.of(set))).append("（").append(set).append("）</label>");
			}
			html.append("</fieldset><button type=\"submit\" id=\"authorize-").append(appid).append("\">授权</button>");
			html.append("</form></section>");
		}
		html.append("<footer>WeChat sandbox · 仅用于开发与测试</footer></main></body></html>");
		return html.toString();
	}

	static String error(String message) {
		StringBuilder html = new StringBuilder(1024);
		head(html, "授权失败");
		html.append("<main><div class=\"error\" id=\"authorization-error\"><h1>授权失败</h1><p>")
			.append(escape(message))
			.append("</p></div><footer>WeChat sandbox · 仅用于开发与测试</footer></main></body></html>");
		return html.toString();
	}

	private static void head(StringBuilder html, String title) {
		html.append("<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"UTF-8\">")
			.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
			.append("<title>").append(title).append("</title><style>").append(STYLE).append("</style></head><body>");
	}

	private static void hidden(StringBuilder html, String name, String value) {
		html.append("<input type=\"hidden\" name=\"").append(name).append("\" value=\"").append(escape(value))
			.append("\">");
	}

	static String escape(String value) {
		if (value == null) {
			return "";
		}
		StringBuilder escaped = new StringBuilder(value.length() + 16);
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '<' -> escaped.append("&lt;");
				case '>' -> escaped.append("&gt;");
				case '&' -> escaped.append("&amp;");
				case '"' -> escaped.append("&quot;");
				case '\'' -> escaped.append("&#39;");
				default -> escaped.append(c);
			}
		}
		return escaped.toString();
	}

}
