package io.atrium.console.access;

import java.time.Clock;
import java.util.List;
import java.util.Optional;

import io.atrium.account.OfficialAccount;
import io.atrium.account.OfficialAccountRepository;
import io.atrium.console.access.AccessAudit.Refusal;
import io.atrium.console.security.ConsolePrincipal;
import io.atrium.tenant.Tenant;
import io.atrium.tenant.TenantRepository;
import io.atrium.upstream.TenantScope;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Service;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * What the logged-in console user may see: operators every tenant, a merchant user their own tenant only. Every
 * console page reads accounts and tenants through here, and it finds the user itself (from the security context),
 * so no controller can forget to pass one or pass the wrong one. Something outside the user's reach is answered as
 * if it did not exist ({@link NotFoundException}, 404), and the attempt is written to {@code console_access_audit}
 * and to the log.
 */
@Service
public class ConsoleAccess {

	private static final Logger logger = LoggerFactory.getLogger(ConsoleAccess.class);

	private final OfficialAccountRepository accounts;

	private final TenantRepository tenants;

	private final AccessAudit audit;

	private final Clock clock;

	ConsoleAccess(OfficialAccountRepository accounts, TenantRepository tenants, AccessAudit audit, Clock clock) {
		this.accounts = accounts;
		this.tenants = tenants;
		this.audit = audit;
		this.clock = clock;
	}

	/** The logged-in user. */
	public ConsolePrincipal user() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication != null && authentication.getPrincipal() instanceof ConsolePrincipal principal) {
			return principal;
		}
		throw new AccessDeniedException("Not logged in to the console");
	}

	/** What the user may see, as the platform's services take it: everything for operators, a merchant's tenant. */
	public TenantScope scope() {
		ConsolePrincipal user = user();
		return user.isOperator() ? TenantScope.platform() : TenantScope.tenant(user.tenantId());
	}

	/** The accounts the user may see: every tenant's for operators, their tenant's for merchants. */
	public List<OfficialAccount> accounts() {
		ConsolePrincipal user = user();
		return user.isOperator() ? this.accounts.findAll() : this.accounts.findByTenant(user.tenantId());
	}

	/**
	 * The account, if the user may see it.
	 * @throws NotFoundException if it does not exist or is another tenant's (audited)
	 */
	public OfficialAccount account(String appId) {
		Optional<OfficialAccount> account = this.accounts.findById(appId);
		if (account.isPresent() && maySee(account.get().tenantId())) {
			return account.get();
		}
		if (account.isPresent()) {
			refuse("account", appId);
		}
		throw new NotFoundException("Account");
	}

	/**
	 * The tenant, if the user may see it.
	 * @throws NotFoundException if it does not exist or is not the merchant's own (audited)
	 */
	public Tenant tenant(long tenantId) {
		Optional<Tenant> tenant = this.tenants.findById(tenantId);
		if (tenant.isPresent() && maySee(tenantId)) {
			return tenant.get();
		}
		if (tenant.isPresent()) {
			refuse("tenant", Long.toString(tenantId));
		}
		throw new NotFoundException("Tenant");
	}

	/**
	 * Checks that something of a tenant (an onboarding session, say) is within the user's reach.
	 * @throws NotFoundException if it is not (audited)
	 */
	public void checkTenantOf(String kind, String id, long tenantId) {
		if (!maySee(tenantId)) {
			refuse(kind, id);
			throw new NotFoundException(kind);
		}
	}

	private boolean maySee(long tenantId) {
		ConsolePrincipal user = user();
		return user.isOperator() || (user.tenantId() != null && user.tenantId() == tenantId);
	}

	private void refuse(String kind, String target) {
		ConsolePrincipal user = user();
		Refusal refusal = new Refusal(user.getUsername(), user.tenantId(), kind, target, requestPath(),
				this.clock.instant());
		logger.warn("Console access refused: user={} userTenant={} kind={} target={} path={}", refusal.username(),
				refusal.userTenantId(), kind, target, refusal.requestPath());
		this.audit.append(refusal);
	}

	private static String requestPath() {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (attributes instanceof ServletRequestAttributes servlet) {
			HttpServletRequest request = servlet.getRequest();
			String path = request.getMethod() + " " + request.getRequestURI();
			return (path.length() > 500) ? path.substring(0, 500) : path;
		}
		return null;
	}

}
