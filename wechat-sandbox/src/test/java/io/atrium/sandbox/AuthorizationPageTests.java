package io.atrium.sandbox;

import java.net.URI;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import static io.atrium.sandbox.SandboxClient.COMPONENT_APPID;
import static io.atrium.sandbox.SandboxClient.FULL;
import static io.atrium.sandbox.SandboxClient.NO_CONTENT_SETS;
import static io.atrium.sandbox.SandboxClient.UNVERIFIED;
import static org.assertj.core.api.Assertions.assertThat;

/** The merchant-facing authorization pages, driven with a plain HTTP client as a browser would. */
class AuthorizationPageTests extends AbstractSandboxTests {

	private static final String REDIRECT = "https://platform.example/wechat/authorized?tenant=7";

	private static final Pattern HIDDEN = Pattern
		.compile("<input type=\"hidden\" name=\"([a-z_]+)\" value=\"([^\"]*)\">");

	@Test
	void pageListsAccountsWithPreTickedSets() {
		String page = page("/cgi-bin/componentloginpage", preAuthCode(), "&auth_type=1").body();
		assertThat(page).contains("<meta charset=\"UTF-8\">", "name=\"viewport\"", "授权")
			.contains("id=\"authorize-" + FULL + "\"", "id=\"authorize-" + UNVERIFIED + "\"",
					"id=\"authorize-" + NO_CONTENT_SETS + "\"")
			.contains("id=\"perm-" + FULL + "-7\" checked", "id=\"perm-" + FULL + "-11\" checked")
			.contains("星河咖啡", "群发与通知")
			.doesNotContain("<script", "http://", "https://fonts");
	}

	@Test
	void confirmingAuthorizesRedirectsWithACodeThatQueryAuthAccepts() {
		String preAuthCode = preAuthCode();
		String page = page("/cgi-bin/componentloginpage", preAuthCode, "").body();
		List<Map.Entry<String, String>> form = formOf(page, FULL);
		form.add(Map.entry("permission_set", "1"));
		form.add(Map.entry("permission_set", "7"));
		SandboxClient.Response confirmed = client.postForm("/cgi-bin/componentloginpage/confirm", form);
		assertThat(confirmed.status()).isEqualTo(302);
		String location = confirmed.header("Location");
		assertThat(location).startsWith(REDIRECT + "&auth_code=queryauthcode%40%40%40").endsWith("&expires_in=600");
		String authCode = queryParameter(location, "auth_code");
		JsonNode info = client.queryAuth(client.componentToken(), authCode).get("authorization_info");
		assertThat(info.get("authorizer_appid").asString()).isEqualTo(FULL);
		assertThat(AuthorizationTests.funcInfo(info)).containsExactly(1, 7);
	}

	@Test
	void aPreAuthCodeAuthorizesOnce() {
		String preAuthCode = preAuthCode();
		List<Map.Entry<String, String>> form = formOf(page("/cgi-bin/componentloginpage", preAuthCode, "").body(),
				FULL);
		form.add(Map.entry("permission_set", "7"));
		assertThat(client.postForm("/cgi-bin/componentloginpage/confirm", form).status()).isEqualTo(302);
		SandboxClient.Response again = client.postForm("/cgi-bin/componentloginpage/confirm", form);
		assertThat(again.status()).isEqualTo(400);
		assertThat(again.header("Content-Type")).startsWith("text/html");
		assertThat(again.body()).contains("id=\"authorization-error\"", "预授权码已使用");
		assertThat(page("/cgi-bin/componentloginpage", preAuthCode, "").status()).isEqualTo(400);
	}

	@Test
	void unknownExpiredOrForeignLinksAre400() {
		assertThat(page("/cgi-bin/componentloginpage", "preauthcode@@@nope", "").status()).isEqualTo(400);
		String code = preAuthCode();
		assertThat(client.get("/cgi-bin/componentloginpage?component_appid=wx0000000000000000&pre_auth_code="
				+ encode(code) + "&redirect_uri=" + encode(REDIRECT)).status()).isEqualTo(400);
		assertThat(client.get("/cgi-bin/componentloginpage?component_appid=" + COMPONENT_APPID + "&pre_auth_code="
				+ encode(code)).status()).isEqualTo(400);
		client.advance(1800);
		SandboxClient.Response expired = page("/cgi-bin/componentloginpage", code, "");
		assertThat(expired.status()).isEqualTo(400);
		assertThat(expired.body()).contains("已过期");
	}

	@Test
	void formMistakesDoNotSpendTheCode() {
		String preAuthCode = preAuthCode();
		List<Map.Entry<String, String>> form = formOf(page("/cgi-bin/componentloginpage", preAuthCode, "").body(),
				NO_CONTENT_SETS);
		List<Map.Entry<String, String>> tooMuch = new ArrayList<>(form);
		tooMuch.add(Map.entry("permission_set", "7"));
		assertThat(client.postForm("/cgi-bin/componentloginpage/confirm", tooMuch).status()).isEqualTo(400);
		assertThat(client.postForm("/cgi-bin/componentloginpage/confirm", form).status()).as("no set chosen")
			.isEqualTo(400);
		form.add(Map.entry("permission_set", "15"));
		assertThat(client.postForm("/cgi-bin/componentloginpage/confirm", form).status()).isEqualTo(302);
	}

	@Test
	void mobilePagesServeTheSameFlow() {
		String code = preAuthCode();
		SandboxClient.Response mobile = page("/safe/bindcomponent", code, "&action=bindcomponent&no_scan=1");
		assertThat(mobile.status()).isEqualTo(200);
		assertThat(mobile.body()).contains("data-view=\"mobile\"", "id=\"authorize-" + FULL + "\"");
		assertThat(page("/wxaopen/safe/bindcomponent", code, "&action=bindcomponent&no_scan=1&auth_type=3").status())
			.isEqualTo(200);
	}

	@Test
	void bizAppidRestrictsTheListAndAuthType2ShowsNoOfficialAccounts() {
		String code = preAuthCode();
		String only = page("/cgi-bin/componentloginpage", code, "&biz_appid=" + UNVERIFIED).body();
		assertThat(only).contains("id=\"authorize-" + UNVERIFIED + "\"").doesNotContain("id=\"authorize-" + FULL);
		String miniPrograms = page("/cgi-bin/componentloginpage", code, "&auth_type=2").body();
		assertThat(miniPrograms).contains("id=\"no-accounts\"").doesNotContain("id=\"authorize-");
	}

	@Test
	void aLinkWithBizAppidAuthorizesOnlyThatAccount() {
		String code = preAuthCode();
		String page = page("/cgi-bin/componentloginpage", code, "&biz_appid=" + UNVERIFIED).body();
		List<Map.Entry<String, String>> form = formOf(page, UNVERIFIED);
		assertThat(form).contains(Map.entry("biz_appid", UNVERIFIED));
		// Another account posted with this link's fields, as a hand-made form would.
		List<Map.Entry<String, String>> other = new ArrayList<>();
		for (Map.Entry<String, String> field : form) {
			other.add("authorizer_appid".equals(field.getKey()) ? Map.entry("authorizer_appid", FULL) : field);
		}
		other.add(Map.entry("permission_set", "7"));
		SandboxClient.Response refused = client.postForm("/cgi-bin/componentloginpage/confirm", other);
		assertThat(refused.status()).isEqualTo(400);
		assertThat(refused.body()).contains("id=\"authorization-error\"", UNVERIFIED);
		assertThat(client.get("/sandbox/accounts/" + FULL).json().get("authorized").asBoolean()).isFalse();
		form.add(Map.entry("permission_set", "7"));
		SandboxClient.Response confirmed = client.postForm("/cgi-bin/componentloginpage/confirm", form);
		assertThat(confirmed.status()).as("the refusal did not spend the link").isEqualTo(302);
		assertThat(client.get("/sandbox/accounts/" + UNVERIFIED).json().get("authorized").asBoolean()).isTrue();
	}

	@Test
	void redirectUriMustBeAnAbsoluteHttpUrl() {
		String code = preAuthCode();
		for (String bad : List.of("/wechat/authorized", "platform.example/cb", "javascript:alert(1)",
				"ftp://platform.example/cb", "https:///cb", "http://exa mple.com/")) {
			SandboxClient.Response page = client.get("/cgi-bin/componentloginpage?component_appid=" + COMPONENT_APPID
					+ "&pre_auth_code=" + encode(code) + "&redirect_uri=" + encode(bad));
			assertThat(page.status()).as(bad).isEqualTo(400);
			assertThat(page.body()).contains("redirect_uri");
			SandboxClient.Response confirm = client.postForm("/cgi-bin/componentloginpage/confirm",
					List.of(Map.entry("component_appid", COMPONENT_APPID), Map.entry("pre_auth_code", code),
							Map.entry("redirect_uri", bad), Map.entry("authorizer_appid", FULL),
							Map.entry("permission_set", "7")));
			assertThat(confirm.status()).as(bad).isEqualTo(400);
		}
		assertThat(client.get("/sandbox/accounts/" + FULL).json().get("authorized").asBoolean()).isFalse();
		assertThat(page("/cgi-bin/componentloginpage", code, "").status()).as("the link is still unused")
			.isEqualTo(200);
		assertThat(client.get("/cgi-bin/componentloginpage?component_appid=" + COMPONENT_APPID + "&pre_auth_code="
				+ encode(code) + "&redirect_uri=" + encode("HTTP://127.0.0.1:8080/cb?x=1")).status()).isEqualTo(200);
	}

	@Test
	void reauthorizingThroughThePageMarksTheAccount() {
		client.authorize(FULL);
		String page = page("/cgi-bin/componentloginpage", preAuthCode(), "").body();
		assertThat(page).contains("id=\"authorized-" + FULL + "\"");
		List<Map.Entry<String, String>> form = formOf(page, FULL);
		form.add(Map.entry("permission_set", "11"));
		assertThat(client.postForm("/cgi-bin/componentloginpage/confirm", form).status()).isEqualTo(302);
		assertThat(client.get("/sandbox/accounts/" + FULL).json().get("authorization").get("permissionSets")
			.toString()).isEqualTo("[11]");
	}

	@Test
	void redirectKeepsAFragmentAfterTheQuery() {
		String code = preAuthCode();
		List<Map.Entry<String, String>> form = new ArrayList<>(List.of(Map.entry("component_appid", COMPONENT_APPID),
				Map.entry("pre_auth_code", code), Map.entry("redirect_uri", "https://p.example/cb#/done"),
				Map.entry("authorizer_appid", FULL), Map.entry("permission_set", "1")));
		String location = client.postForm("/cgi-bin/componentloginpage/confirm", form).header("Location");
		assertThat(location).matches("https://p\\.example/cb\\?auth_code=[^&]+&expires_in=600#/done");
	}

	private static String preAuthCode() {
		return client.call("/cgi-bin/component/api_create_preauthcode?component_access_token="
				+ client.componentToken(), Map.of("component_appid", COMPONENT_APPID)).get("pre_auth_code").asString();
	}

	private static SandboxClient.Response page(String path, String preAuthCode, String extra) {
		return client.get(path + "?component_appid=" + COMPONENT_APPID + "&pre_auth_code=" + encode(preAuthCode)
				+ "&redirect_uri=" + encode(REDIRECT) + extra);
	}

	/** The hidden fields of one account's form, as a browser would submit them. */
	private static List<Map.Entry<String, String>> formOf(String page, String appid) {
		int start = page.indexOf("<form method=\"post\" action=\"/cgi-bin/componentloginpage/confirm\" id=\"form-"
				+ appid + "\">");
		assertThat(start).as("form of " + appid).isNotNegative();
		String form = page.substring(start, page.indexOf("</form>", start));
		List<Map.Entry<String, String>> fields = new ArrayList<>();
		Matcher matcher = HIDDEN.matcher(form);
		while (matcher.find()) {
			fields.add(Map.entry(matcher.group(1), matcher.group(2).replace("&amp;", "&").replace("&quot;", "\"")));
		}
		List<String> names = fields.stream().map(Map.Entry::getKey).toList();
		if (names.contains("biz_appid")) {
			assertThat(names).containsExactly("component_appid", "pre_auth_code", "redirect_uri", "authorizer_appid",
					"biz_appid");
		}
		else {
			assertThat(names).containsExactly("component_appid", "pre_auth_code", "redirect_uri", "authorizer_appid");
		}
		return fields;
	}

	private static String queryParameter(String url, String name) {
		for (String pair : URI.create(url).getRawQuery().split("&")) {
			if (pair.startsWith(name + "=")) {
				return URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
			}
		}
		throw new AssertionError("no " + name + " in " + url);
	}

	private static String encode(String value) {
		return URLEncoder.encode(value, StandardCharsets.UTF_8);
	}

}
