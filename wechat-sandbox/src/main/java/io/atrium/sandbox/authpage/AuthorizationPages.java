package io.atrium.sandbox.authpage;

import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

import io.atrium.sandbox.SandboxSettings;
import io.atrium.sandbox.account.MerchantAccount;
import io.atrium.sandbox.account.MerchantAccounts;
import io.atrium.sandbox.component.AuthorizationFlow;
import io.atrium.sandbox.component.Authorizations;
import io.atrium.sandbox.component.CodeState;
import io.atrium.sandbox.component.PreAuthCodes;
import io.atrium.sandbox.http.Reply;
import io.atrium.sandbox.http.Request;
import io.atrium.sandbox.http.Router;

/**
 * The pages a merchant admin sees when a platform sends them to authorize (protocol reference §1.4): the PC
 * {@code /cgi-bin/componentloginpage} and the mobile {@code /safe/bindcomponent} (also under {@code /wxaopen}). The
 * sandbox has no QR scan and no login: the page lists the sandbox's merchant accounts, the admin picks one and the
 * permission sets, and confirming authorizes it, pushes the event and redirects to
 * {@code redirect_uri?auth_code=...&expires_in=600}. A link with {@code biz_appid} lists and authorizes only that
 * account; {@code redirect_uri} must be an absolute http(s) URL.
 */
public final class AuthorizationPages {

	static final String CONFIRM_PATH = "/cgi-bin/componentloginpage/confirm";

	private final SandboxSettings settings;

	private final MerchantAccounts accounts;

	private final PreAuthCodes preAuthCodes;

	private final Authorizations authorizations;

	private final AuthorizationFlow flow;

	public AuthorizationPages(SandboxSettings settings, MerchantAccounts accounts, PreAuthCodes preAuthCodes,
			Authorizations authorizations, AuthorizationFlow flow) {
		this.settings = settings;
		this.accounts = accounts;
		this.preAuthCodes = preAuthCodes;
		this.authorizations = authorizations;
		this.flow = flow;
	}

	public void register(Router router) {
		router.add("GET", "/cgi-bin/componentloginpage", (request) -> page(request, false));
		router.add("GET", "/safe/bindcomponent", (request) -> page(request, true));
		router.add("GET", "/wxaopen/safe/bindcomponent", (request) -> page(request, true));
		router.add("POST", CONFIRM_PATH, this::confirm);
	}

	private Reply page(Request request, boolean mobile) {
		String componentAppId = request.query("component_appid");
		String preAuthCode = request.query("pre_auth_code");
		String redirectUri = request.query("redirect_uri");
		Optional<Reply> invalid = checkLink(componentAppId, preAuthCode, redirectUri,
				this.preAuthCodes.state(preAuthCode));
		if (invalid.isPresent()) {
			return invalid.get();
		}
		String bizAppid = blankToNull(request.query("biz_appid"));
		String authType = blankToNull(request.query("auth_type"));
		List<MerchantAccount> shown = new ArrayList<>();
		for (MerchantAccount account : this.accounts.list()) {
			if (bizAppid != null ? account.appid().equals(bizAppid) : !"2".equals(authType)) {
				// auth_type 2 lists Mini Programs only; the sandbox's accounts are all Official Accounts.
				shown.add(account);
			}
		}
		return Reply.html(200, new AuthorizationPageHtml(mobile).render(componentAppId, preAuthCode, redirectUri,
				bizAppid, shown, (appid) -> this.authorizations.find(appid).isPresent()));
	}

	private Reply confirm(Request request) {
		Map<String, List<String>> form = request.form();
		String componentAppId = first(form, "component_appid");
		String preAuthCode = first(form, "pre_auth_code");
		String redirectUri = first(form, "redirect_uri");
		Optional<Reply> invalid = checkLink(componentAppId, preAuthCode, redirectUri,
				this.preAuthCodes.state(preAuthCode));
		if (invalid.isPresent()) {
			return invalid.get();
		}
		String appid = first(form, "authorizer_appid");
		Optional<MerchantAccount> account = (appid != null) ? this.accounts.find(appid) : Optional.empty();
		if (account.isEmpty()) {
			return error("没有找到这个公众号，请返回重新选择。");
		}
		String bizAppid = blankToNull(first(form, "biz_appid"));
		if (bizAppid != null && !bizAppid.equals(appid)) {
			// A link with biz_appid authorizes exactly that account (protocol reference §1.4).
			return error("此授权链接只能由公众号 " + bizAppid + " 授权。");
		}
		TreeSet<Integer> chosen = new TreeSet<>();
		for (String value : form.getOrDefault("permission_set", List.of())) {
			try {
				chosen.add(Integer.parseInt(value));
			}
			catch (NumberFormatException ex) {
				return error("权限集无效：" + value);
			}
		}
		if (chosen.isEmpty()) {
			return error("请至少选择一个权限集。");
		}
		if (!account.get().grantablePermissionSets().containsAll(chosen)) {
			return error("所选权限集超出了该公众号可授权的范围。");
		}
		// Spent last, so that a form mistake does not burn the link.
		Optional<Reply> spent = checkLink(componentAppId, preAuthCode, redirectUri,
				this.preAuthCodes.consume(preAuthCode));
		if (spent.isPresent()) {
			return spent.get();
		}
		AuthorizationFlow.Outcome outcome = this.flow.authorize(appid, chosen, preAuthCode);
		return Reply.redirect(redirectTarget(redirectUri, outcome.code().code(), outcome.code().expiresIn()));
	}

	private Optional<Reply> checkLink(String componentAppId, String preAuthCode, String redirectUri,
			CodeState state) {
		if (!this.settings.componentAppId().equals(componentAppId)) {
			return Optional.of(error("第三方平台 appid 无效，请联系第三方平台。"));
		}
		if (redirectUri == null || redirectUri.isBlank()) {
			return Optional.of(error("授权链接缺少 redirect_uri，请联系第三方平台。"));
		}
		if (!isAbsoluteHttpUrl(redirectUri)) {
			return Optional.of(error("授权链接的 redirect_uri 无效，请联系第三方平台。"));
		}
		return switch (state) {
			case VALID -> Optional.empty();
			case EXPIRED -> Optional.of(error("授权链接已过期（预授权码已过期），请返回第三方平台重新发起授权。"));
			case USED -> Optional.of(error("授权链接已失效（预授权码已使用），请返回第三方平台重新发起授权。"));
			case UNKNOWN -> Optional.of(error("授权链接无效（预授权码无效），请返回第三方平台重新发起授权。"));
		};
	}

	/**
	 * Whether a redirect_uri is an absolute http(s) URL with a host. WeChat also requires its domain to be the
	 * platform's configured 授权发起页域名, which the sandbox does not know: it checks only the form.
	 */
	static boolean isAbsoluteHttpUrl(String value) {
		URI uri;
		try {
			uri = new URI(value);
		}
		catch (URISyntaxException ex) {
			return false;
		}
		String scheme = uri.getScheme();
		return ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) && uri.getHost() != null
				&& !uri.getHost().isEmpty();
	}

	/** {@code redirect_uri} with {@code auth_code} and {@code expires_in} added to its query, before any fragment. */
	static String redirectTarget(String redirectUri, String authCode, long expiresIn) {
		int hash = redirectUri.indexOf('#');
		String base = (hash >= 0) ? redirectUri.substring(0, hash) : redirectUri;
		String fragment = (hash >= 0) ? redirectUri.substring(hash) : "";
		String separator = !base.contains("?") ? "?" : (base.endsWith("?") || base.endsWith("&")) ? "" : "&";
		return base + separator + "auth_code=" + URLEncoder.encode(authCode, StandardCharsets.UTF_8) + "&expires_in="
				+ expiresIn + fragment;
	}

	private static Reply error(String message) {
		return Reply.html(400, AuthorizationPageHtml.error(message));
	}

	private static String first(Map<String, List<String>> form, String name) {
		List<String> values = form.get(name);
		return (values == null || values.isEmpty()) ? null : values.get(0);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value;
	}

}
