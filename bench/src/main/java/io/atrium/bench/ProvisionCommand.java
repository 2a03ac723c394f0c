package io.atrium.bench;

import java.util.List;
import java.util.concurrent.Callable;

import io.atrium.bench.fleet.Provisioner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Provisions one account and a platform key on an Atrium that a script started (with the bench's admin, see
 * {@code Stack}), and prints them as shell assignments: platform-api/bench/hot-path.sh uses it when the sandbox
 * runs in a JVM of its own.
 */
@Command(name = "provision", mixinStandardHelpOptions = true,
		description = "One tenant, one onboarded account and a platform key; prints appid=... and key=...")
final class ProvisionCommand implements Callable<Integer> {

	@Option(names = "--atrium", required = true, description = "Atrium's base URL")
	String atrium;

	@Option(names = "--sandbox", required = true, description = "the sandbox's base URL")
	String sandbox;

	@Option(names = "--scopes", split = ",", defaultValue = "content:read,wechat:call,token:lend",
			description = "the key's scopes")
	List<String> scopes;

	@Option(names = "--paths", defaultValue = "/**", description = "the key's WeChat path patterns")
	String paths;

	@Override
	public Integer call() {
		Provisioner.OneAccount one = new Provisioner(this.atrium, this.sandbox).oneAccount(this.scopes, this.paths);
		System.out.println("appid=" + one.appId());
		System.out.println("key=" + one.key());
		return 0;
	}

}
