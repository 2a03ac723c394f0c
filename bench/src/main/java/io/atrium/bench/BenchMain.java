package io.atrium.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code java -jar bench/target/atrium-bench.jar soak|faults ...}: see bench/README.md. */
@Command(name = "atrium-bench", mixinStandardHelpOptions = true, subcommands = { SoakCommand.class, FaultsCommand.class, IndexCommand.class, FleetCommand.class,
		ProvisionCommand.class },
		description = "Soak and fault runs against two Atrium instances, a private PostgreSQL and Redis, and the sandbox.")
public final class BenchMain {

	private BenchMain() {
	}

	public static void main(String[] args) {
		int exit = new CommandLine(new BenchMain()).execute(args);
		System.exit(exit);
	}

}
