package io.atrium.token.webhook;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which messages and events an endpoint receives: {@code *} (everything), a {@code MsgType} ({@code text},
 * {@code image}, ..., {@code event} for every event) or one event ({@code event:subscribe}, {@code event:click}).
 * Names are compared without case: WeChat writes some events in capitals ({@code CLICK}, {@code VIEW}).
 */
record EventFilter(Set<String> entries) {

	static final EventFilter ALL = new EventFilter(Set.of("*"));

	private static final Pattern ENTRY = Pattern.compile("\\*|[a-z_]{1,32}|event:[a-z0-9_.]{1,64}");

	/**
	 * Reads what an operator typed: entries separated by commas, spaces or new lines; empty means everything.
	 * @throws WebhookRefusedException naming the first entry that is none of the above
	 */
	static EventFilter parse(String text) {
		if (text == null || text.isBlank()) {
			return ALL;
		}
		Set<String> entries = new LinkedHashSet<>();
		for (String entry : text.toLowerCase(Locale.ROOT).split("[,\\s]+")) {
			if (entry.isEmpty()) {
				continue;
			}
			if (!ENTRY.matcher(entry).matches()) {
				throw WebhookRefusedException.badFilter(entry);
			}
			entries.add(entry);
		}
		if (entries.contains("*") || entries.isEmpty()) {
			return ALL;
		}
		if (entries.size() > 30) {
			throw WebhookRefusedException.badFilter("…");
		}
		return new EventFilter(Set.copyOf(entries));
	}

	/** As stored in {@code webhook_endpoint.event_filter}. */
	static EventFilter stored(String value) {
		return new EventFilter(new LinkedHashSet<>(Arrays.asList(value.split(","))));
	}

	boolean matches(String msgType, String event) {
		if (this.entries.contains("*")) {
			return true;
		}
		String type = (msgType != null) ? msgType.toLowerCase(Locale.ROOT) : "";
		if (this.entries.contains(type)) {
			return true;
		}
		return "event".equals(type) && event != null
				&& this.entries.contains("event:" + event.toLowerCase(Locale.ROOT));
	}

	@Override
	public String toString() {
		return String.join(",", this.entries.stream().sorted().toList());
	}

}
