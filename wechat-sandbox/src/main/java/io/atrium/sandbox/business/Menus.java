package io.atrium.sandbox.business;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import tools.jackson.databind.node.ArrayNode;

/**
 * Each account's custom menu (自定义菜单) as last created through {@code menu/create}, in memory like the rest of
 * the sandbox's state; a reset forgets them.
 */
public final class Menus {

	private final Map<String, ArrayNode> buttons = new ConcurrentHashMap<>();

	/** Replaces the account's menu, as menu/create does. */
	public void put(String appid, ArrayNode button) {
		this.buttons.put(appid, button.deepCopy());
	}

	/** The account's top-level buttons, if it has a menu. */
	public Optional<ArrayNode> find(String appid) {
		ArrayNode button = this.buttons.get(appid);
		return (button != null) ? Optional.of(button.deepCopy()) : Optional.empty();
	}

	public void reset() {
		this.buttons.clear();
	}

}
