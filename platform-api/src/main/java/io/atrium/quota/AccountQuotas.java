package io.atrium.quota;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import io.atrium.account.AccountStatus;
import io.atrium.account.OfficialAccount;
import io.atrium.gateway.WeChatGateway;
import io.atrium.token.authorizer.AccountNotAuthorizedException;
import io.atrium.token.wechat.ComponentClient;
import io.atrium.upstream.AccountGate;
import io.atrium.upstream.QuotaBreaker;
import io.atrium.upstream.TenantScope;
import io.atrium.upstream.UpstreamUsage;
import io.atrium.upstream.WeChatApi;
import io.atrium.upstream.WeChatApis;
import io.atrium.upstream.WeChatDay;
import io.atrium.wechat.WeChatApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;

import org.springframework.stereotype.Service;

/**
 * An account's quotas, seen and managed: WeChat's own figures per API ({@code openapi/quota/get}) beside Atrium's
 * counts, an error's details by its rid ({@code openapi/rid/get}), and {@code clear_quota} within WeChat's monthly
 * allowance of ten, audited and enforced here across instances. A clear reopens the account's quota breakers.
 */
@Service
public class AccountQuotas {

	/** WeChat's clear_quota allowance per account and month (protocol reference §1.10). */
	public static final int MONTHLY_ALLOWANCE = 10;

	private static final String QUOTA_GET = "/cgi-bin/openapi/quota/get";

	private static final String RID_GET = "/cgi-bin/openapi/rid/get";

	private static final Pattern RID = Pattern.compile("[0-9A-Za-z-]{1,64}");

	private final AccountGate gate;

	private final WeChatGateway gateway;

	private final WeChatApis apis;

	private final UpstreamUsage usage;

	private final QuotaBreaker breaker;

	private final ComponentClient component;

	private final QuotaClearLog clears;

	private final Clock clock;

	AccountQuotas(AccountGate gate, WeChatGateway gateway, WeChatApis apis, UpstreamUsage usage, QuotaBreaker breaker,
			ComponentClient component, QuotaClearLog clears, Clock clock) {
		this.gate = gate;
		this.gateway = gateway;
		this.apis = apis;
		this.usage = usage;
		this.breaker = breaker;
		this.component = component;
		this.clears = clears;
		this.clock = clock;
	}

	/**
	 * WeChat's figures for the APIs the content API uses and every other API called today, beside Atrium's. One
	 * {@code quota/get} per API: meant for a page an operator opens, not for loops.
	 */
	public QuotaReport report(TenantScope scope, String appId) {
		authorized(scope, appId);
		Map<String, String> calls = this.usage.calls(appId, this.usage.today());
		List<QuotaReport.ApiQuota> quotas = new ArrayList<>();
		for (WeChatApi api : this.apis.listed()) {
			boolean shown = api.key().startsWith("freepublish-") || api.key().equals("material-batchget")
					|| api.key().equals("material-count") || calls.containsKey(api.key());
			if (!shown || api.path().startsWith("/cgi-bin/openapi/")) {
				continue;
			}
			long atrium = Long.parseLong(calls.getOrDefault(api.key(), "0"));
			try {
				JsonNode quota = this.gateway.callJson(appId, QUOTA_GET,
						JsonNodeFactory.instance.objectNode().put("cgi_path", api.path()).toString()).path("quota");
				quotas.add(new QuotaReport.ApiQuota(api.path(), quota.path("daily_limit").asLong(),
						quota.path("used").asLong(), quota.path("remain").asLong(), atrium, this.apis.perDay(), null));
			}
			catch (WeChatApiException ex) {
				quotas.add(new QuotaReport.ApiQuota(api.path(), null, null, null, atrium, this.apis.perDay(),
						ex.errcode()));
			}
		}
		return new QuotaReport(appId, List.copyOf(quotas), this.clears.spent(appId, monthStart()), MONTHLY_ALLOWANCE);
	}

	/** This month's clear_quota calls counted against the allowance; no call to WeChat. */
	public int clearsThisMonth(TenantScope scope, String appId) {
		this.gate.visible(scope, appId);
		return this.clears.spent(appId, monthStart());
	}

	/**
	 * What WeChat recorded for one of its request ids (from an error's errmsg).
	 * @throws IllegalArgumentException for something that is not a rid
	 */
	public RidDetails rid(TenantScope scope, String appId, String rid) {
		if (rid == null || !RID.matcher(rid).matches()) {
			throw new IllegalArgumentException("Not a WeChat rid");
		}
		authorized(scope, appId);
		JsonNode request = this.gateway
			.callJson(appId, RID_GET, JsonNodeFactory.instance.objectNode().put("rid", rid).toString())
			.path("request");
		return new RidDetails(rid, Instant.ofEpochSecond(request.path("invoke_time").asLong()),
				request.path("cost_in_ms").asLong(),
				request.path("request_url").asString("").replaceAll("(access_token=)[^&]*", "$1***"),
				request.path("request_body").asString(""), request.path("response_body").asString(""),
				request.path("client_ip").asString(""));
	}

	/**
	 * Resets the account's daily counts at WeChat ({@code clear_quota/v2}) and reopens its quota breakers. Refused
	 * without asking WeChat once this month's allowance is spent.
	 * @throws QuotaClearRefusedException when the allowance is spent, or WeChat refused
	 */
	public void clear(TenantScope scope, String appId, String actor) {
		authorized(scope, appId);
		Long claim = this.clears.claim(appId, actor, this.clock.instant(), monthStart(), MONTHLY_ALLOWANCE);
		if (claim == null) {
			throw new QuotaClearRefusedException(appId, null);
		}
		try {
			this.component.clearAccountQuota(appId);
		}
		catch (WeChatApiException ex) {
			this.clears.settle(claim, QuotaClearLog.Outcome.REFUSED, ex.errcode());
			throw new QuotaClearRefusedException(appId, ex.error());
		}
		catch (RuntimeException ex) {
			// No answer (or storage failed): not counted, the operator may try again.
			this.clears.settle(claim, QuotaClearLog.Outcome.FAILED, null);
			throw ex;
		}
		this.clears.settle(claim, QuotaClearLog.Outcome.CLEARED, null);
		for (WeChatApi api : this.apis.listed()) {
			this.breaker.close(appId, api);
		}
		this.breaker.close(appId, this.apis.unlisted());
	}

	/** Months as WeChat counts them: in China time. */
	private Instant monthStart() {
		return WeChatDay.of(this.clock.instant()).withDayOfMonth(1).atStartOfDay(WeChatDay.ZONE).toInstant();
	}

	private void authorized(TenantScope scope, String appId) {
		OfficialAccount account = this.gate.visible(scope, appId);
		if (account.status() != AccountStatus.AUTHORIZED) {
			throw new AccountNotAuthorizedException(appId, account.status());
		}
	}

}
