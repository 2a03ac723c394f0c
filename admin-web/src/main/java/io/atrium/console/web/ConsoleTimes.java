package io.atrium.console.web;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

/**
 * Times on console pages, in China Standard Time: the platform's operators and merchants, and WeChat's own
 * quota days, live there. Templates call it as {@code ${@consoleTimes.format(instant)}}.
 */
@Component
public class ConsoleTimes {

	static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

	private static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(CHINA);

	public String format(Instant instant) {
		return (instant != null) ? FORMAT.format(instant) : "—";
	}

}
