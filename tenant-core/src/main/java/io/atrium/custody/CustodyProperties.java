package io.atrium.custody;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys that seal credentials at rest ({@code atrium.custody.*}). To rotate: add a key, make it active, restart,
 * then run the re-seal; keep the old key until that is done.
 *
 * @param keys key id to a Base64 encoded 32-byte AES key
 * @param activeKey the id of the key new values are sealed with
 */
@ConfigurationProperties("atrium.custody")
public record CustodyProperties(Map<String, String> keys, String activeKey) {

	@Override
	public String toString() {
		return "CustodyProperties[keys=" + ((this.keys != null) ? this.keys.keySet() : "[]") + ", activeKey="
				+ this.activeKey + "]";
	}

}
