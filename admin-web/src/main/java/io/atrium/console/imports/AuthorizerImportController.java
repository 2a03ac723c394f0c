package io.atrium.console.imports;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

import io.atrium.console.access.ConsoleAccess;
import io.atrium.token.component.TicketUnavailableException;
import io.atrium.token.reconcile.AuthorizerImport;
import io.atrium.token.reconcile.ImportLog;
import io.atrium.token.reconcile.ImportPlan;
import io.atrium.token.reconcile.ImportSource;
import io.atrium.token.reconcile.ReconcileFindings;
import io.atrium.token.reconcile.ReconcileFindings.Kind;
import io.atrium.token.wechat.WeChatUnavailableException;
import io.atrium.wechat.WeChatApiException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.multipart.MultipartFile;

/**
 * The operators' import of authorizers WeChat lists that Atrium does not hold (a provider moving from another
 * platform): a file of {@code appid,tenant} lines or a rule, a dry run first, then the run. Platform
 * administrators only (the console's security rules: every path not opened to others is theirs).
 */
@Controller
@RequestMapping("/authorizer-import")
class AuthorizerImportController {

	private static final Logger logger = LoggerFactory.getLogger(AuthorizerImportController.class);

	/** The rows of a result the page shows; the run's record keeps every one. */
	static final int SHOWN_ACCOUNTS = 500;

	/** The largest import file read: some 500,000 lines, five times the largest provider we plan for. */
	static final long MAX_FILE_BYTES = 20L * 1024 * 1024;

	private static final String TOO_LARGE = "import.error.too-large";

	private final AuthorizerImport imports;

	private final ImportLog log;

	private final ReconcileFindings findings;

	private final ConsoleAccess access;

	AuthorizerImportController(AuthorizerImport imports, ImportLog log, ReconcileFindings findings,
			ConsoleAccess access) {
		this.imports = imports;
		this.log = log;
		this.findings = findings;
		this.access = access;
	}

	@GetMapping
	String page(Model model) {
		model.addAttribute("mode", "csv");
		model.addAttribute("tenant", "");
		return show(model);
	}

	/**
	 * A dry run ({@code action=dry-run}) or a run ({@code action=run}). The answer is the page with the result, not a
	 * redirect: a result of hundreds of accounts is no flash attribute for a session in Redis.
	 */
	@PostMapping
	String submit(@RequestParam(defaultValue = "csv") String mode, @RequestParam(required = false) MultipartFile file,
			@RequestParam(required = false) String csv, @RequestParam(required = false) String tenant,
			@RequestParam(defaultValue = "dry-run") String action, Model model, HttpServletResponse response) {
		model.addAttribute("mode", mode);
		model.addAttribute("tenant", (tenant != null) ? tenant : "");
		model.addAttribute("csv", (csv != null) ? csv : "");
		ImportSource source;
		try {
			source = source(mode, file, csv, tenant);
		}
		catch (UnreadableFileException ex) {
			if (ex.messageKey.equals(TOO_LARGE)) {
				response.setStatus(HttpServletResponse.SC_REQUEST_ENTITY_TOO_LARGE);
			}
			model.addAttribute("problem", ex.messageKey);
			return show(model);
		}
		if (source == null) {
			model.addAttribute("problem", "import.error.no-input");
			return show(model);
		}
		try {
			ImportPlan plan = "run".equals(action) ? this.imports.run(source, actor()) : this.imports.dryRun(source);
			model.addAttribute("plan", plan);
			model.addAttribute("dryRun", !"run".equals(action));
		}
		catch (WeChatApiException | WeChatUnavailableException | TicketUnavailableException ex) {
			logger.warn("Authorizer import could not read WeChat's authorizer list: {}", ex.getClass().getSimpleName());
			model.addAttribute("problem", "import.error.wechat");
		}
		return show(model);
	}

	private String show(Model model) {
		model.addAttribute("unknown", this.findings.current(Kind.UNKNOWN_TO_ATRIUM).size());
		model.addAttribute("runs", this.log.recent(10));
		model.addAttribute("shown", SHOWN_ACCOUNTS);
		return "imports/page";
	}

	private static ImportSource source(String mode, MultipartFile file, String csv, String tenant)
			throws UnreadableFileException {
		if ("rule".equals(mode)) {
			return (tenant != null && !tenant.isBlank()) ? new ImportSource.AllUnknownTo(tenant.strip()) : null;
		}
		if (file != null && !file.isEmpty()) {
			if (file.getSize() > MAX_FILE_BYTES) {
				throw new UnreadableFileException(TOO_LARGE);
			}
			return new ImportSource.Csv(utf8(file));
		}
		return (csv != null && !csv.isBlank()) ? new ImportSource.Csv(csv) : null;
	}

	/** The file as UTF-8; a file in another encoding (GBK from a spreadsheet, say) is refused, never guessed. */
	private static String utf8(MultipartFile file) throws UnreadableFileException {
		try {
			return StandardCharsets.UTF_8.newDecoder()
				.onMalformedInput(CodingErrorAction.REPORT)
				.onUnmappableCharacter(CodingErrorAction.REPORT)
				.decode(ByteBuffer.wrap(file.getBytes()))
				.toString();
		}
		catch (CharacterCodingException ex) {
			throw new UnreadableFileException("import.error.not-utf8");
		}
		catch (IOException ex) {
			throw new UnreadableFileException("import.error.unreadable");
		}
	}

	private String actor() {
		return "console:" + this.access.user().getUsername();
	}

	private static final class UnreadableFileException extends Exception {

		private final String messageKey;

		UnreadableFileException(String messageKey) {
			super(messageKey, null, false, false);
			this.messageKey = messageKey;
		}

	}

}
