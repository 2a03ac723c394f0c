package io.atrium.token.onboarding;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Optional;

import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.token.onboarding.MerchantPage.Text;
import io.atrium.token.onboarding.OnboardingStatus.Phase;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The page of a link shared with a merchant ({@link SharedLinks}): who asks, until when, and the buttons that open
 * WeChat's authorization page on a computer or inside WeChat. Once the session is completed or its links expired,
 * it says so and offers no button.
 */
@RestController
class AuthorizationStartController {

	private static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

	/** WeChat's time, which is the merchant's. */
	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
		.withZone(ZoneId.of("Asia/Shanghai"));

	private static final Text TITLE = new Text("授权公众号", "Authorize your Official Account");

	private final SharedLinks links;

	private final OnboardingService onboarding;

	private final TenantRepository tenants;

	AuthorizationStartController(SharedLinks links, OnboardingService onboarding, TenantRepository tenants) {
		this.links = links;
		this.onboarding = onboarding;
		this.tenants = tenants;
	}

	@GetMapping(SharedLinks.START_PATH + "{token}")
	ResponseEntity<String> start(@PathVariable String token, @RequestParam(required = false) String lang,
			@RequestHeader(name = HttpHeaders.ACCEPT_LANGUAGE, required = false) String acceptLanguage) {
		Locale locale = MerchantPage.languageOf((lang != null) ? lang : acceptLanguage);
		Optional<OnboardingLinks> found = this.links.find(token);
		Optional<OnboardingStatus> status = found.flatMap((shared) -> this.onboarding.status(shared.sessionId()));
		if (found.isEmpty() || status.isEmpty() || status.get().phase() == Phase.EXPIRED) {
			return answer(HttpStatus.NOT_FOUND, MerchantPage.render(locale,
					new Text("授权链接已失效", "This authorization link is no longer valid"),
					new Text("该链接已过期或不存在。请联系平台运营人员获取新的授权链接；如已完成授权，无需再次操作。",
							"The link has expired or does not exist. Ask the platform's operator for a new one; if you "
									+ "already authorized, there is nothing more to do."),
					"warning", "", 0));
		}
		OnboardingLinks shared = found.get();
		if (status.get().phase() == Phase.COMPLETED) {
			return answer(HttpStatus.OK, MerchantPage.render(locale, TITLE,
					new Text("授权已完成，无需再次操作。", "The authorization is complete; there is nothing more to do."),
					"success", "", 0));
		}
		String tenant = this.tenants.findById(shared.tenantId()).map(Tenant::name).orElse("");
		String until = TIME.format(shared.expiresAt());
		Text message = new Text("平台邀请「" + tenant + "」授权公众号。请公众号管理员打开微信授权页，选择公众号并确认授权。链接有效期至 "
				+ until + "（北京时间）。", "The platform asks " + tenant + " to authorize its Official Account. The "
						+ "account's administrator opens WeChat's authorization page, picks the account and confirms. "
						+ "The link is valid until " + until + " (China Standard Time).");
		// WeChat checks that its page is opened from the platform's domain: the buttons send the origin as Referer.
		String actions = "<p class=\"d-grid gap-2 d-sm-flex\">"
				+ button("authorize-pc", shared.pcUrl(), new Text("在电脑上授权", "Authorize on a computer").in(locale))
				+ button("authorize-mobile", shared.mobileUrl(),
						new Text("在手机微信中授权", "Authorize in WeChat on a phone").in(locale))
				+ "</p><p class=\"small\"><a id=\"language\" href=\"?lang=" + (MerchantPage.english(locale) ? "zh-CN" : "en")
				+ "\">" + (MerchantPage.english(locale) ? "中文" : "English") + "</a></p>";
		return answer(HttpStatus.OK, MerchantPage.render(locale, TITLE, message, "info", actions, 0));
	}

	private static String button(String id, String url, String label) {
		return "<a class=\"btn btn-primary\" id=\"" + id + "\" rel=\"noopener\" referrerpolicy=\"origin\" href=\""
				+ MerchantPage.escape(url) + "\">" + MerchantPage.escape(label) + "</a>";
	}

	private static ResponseEntity<String> answer(HttpStatus status, String page) {
		return ResponseEntity.status(status).contentType(HTML).cacheControl(CacheControl.noStore()).body(page);
	}

}
