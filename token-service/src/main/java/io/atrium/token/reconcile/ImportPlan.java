package io.atrium.token.reconcile;

import java.util.List;

/**
 * What an import would do (a dry run) or did (a run), per account; or why its input was refused, per line. A plan
 * with problems changes nothing.
 *
 * @param importId the run's id in {@code authorizer_import}; null for a dry run or a refused run
 * @param listed how many authorizers WeChat listed
 * @param accounts each assigned account and what happens (or happened) to it, in the input's order
 * @param problems the input's problems, by line (line 0: the input as a whole, e.g. the rule's tenant)
 */
public record ImportPlan(Long importId, String source, int listed, List<Account> accounts, List<LineProblem> problems) {

	public boolean refused() {
		return !this.problems.isEmpty();
	}

	public long count(Outcome outcome) {
		return this.accounts.stream().filter((account) -> account.outcome() == outcome).count();
	}

	ImportPlan withImportId(long id, List<Account> done) {
		return new ImportPlan(id, this.source, this.listed, done, this.problems);
	}

	/**
	 * One account of the import.
	 * @param line its line in the file (0 for a rule)
	 * @param nickname the name WeChat gave when the account was imported; null in a dry run
	 * @param detail why it failed, when it did (WeChat's errcode or the kind of failure; never a token)
	 */
	public record Account(int line, String appId, long tenantId, String tenantName, Outcome outcome, String nickname,
			String detail) {

		Account with(Outcome outcome, String nickname, String detail) {
			return new Account(this.line, this.appId, this.tenantId, this.tenantName, outcome, nickname, detail);
		}

	}

	public enum Outcome {

		/** Atrium does not hold it: a run takes it over (dry run). */
		NEW,

		/** Taken into custody for the tenant (run). */
		IMPORTED,

		/** The tenant holds it already: nothing to do. */
		ALREADY_HELD,

		/** Another tenant holds it: it stays there, an import never moves an account. */
		HELD_BY_ANOTHER_TENANT,

		/** WeChat lists it without a refresh token: only the merchant authorizing again brings it in. */
		NO_REFRESH_TOKEN,

		/** WeChat could not tell its details now, or storing it failed; a later run tries again. */
		FAILED

	}

	/**
	 * A line of the input that cannot be imported as it stands.
	 * @param otherLine for a duplicate, the line that names the account first
	 */
	public record LineProblem(int line, String appId, Problem problem, String text, Integer otherLine) {
	}

	public enum Problem {

		/** Not {@code appid,tenant}: another number of fields, or an empty one. */
		MALFORMED_LINE,

		/** Not an appid ({@code wx} and 16 hexadecimal digits). */
		MALFORMED_APPID,

		/** No tenant has this name or id. */
		UNKNOWN_TENANT,

		/** One tenant has this name and another this id. */
		AMBIGUOUS_TENANT,

		/** The account is named on an earlier line. */
		DUPLICATE,

		/** WeChat does not list the account as an authorizer of this platform. */
		NOT_LISTED,

		/** One of WeChat's 全网发布 test accounts, which are never a tenant's. */
		TEST_ACCOUNT,

		/** The file names no account. */
		EMPTY

	}

}
