package io.atrium.sandbox.business;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import io.atrium.sandbox.http.Json;
import io.atrium.sandbox.http.WeChatError;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What {@code menu/create} accepts, as far as WeChat documents it (official createCustomMenu page and the global
 * return codes 40016..40027): 1 to 3 top-level buttons (40016), each either a leaf with a {@code type} (40017) or a
 * parent of 1 to 5 sub-buttons (40023) that are leaves themselves (40022 for a third level, 40024 for their type);
 * names up to 16 bytes at the top and 60 below (40018/40025); {@code key} 1..128 bytes for the click-like types
 * (40019/40026); {@code url} 1..1024 bytes for view and miniprogram (40020/40027). Which code a missing
 * {@code media_id}, {@code article_id}, {@code appid} or {@code pagepath} gets is UNCONFIRMED: the sandbox answers
 * 40097 invalid args. Also UNCONFIRMED: that a button with a non-empty {@code sub_button} may carry a type (it is
 * ignored and left out, as {@code type} and {@code sub_button} are documented as mutually exclusive).
 */
final class MenuRules {

	private static final int MAX_BUTTONS = 3;

	private static final int MAX_SUB_BUTTONS = 5;

	private static final int MAX_NAME_BYTES = 16;

	private static final int MAX_SUB_NAME_BYTES = 60;

	private static final int MAX_KEY_BYTES = 128;

	private static final int MAX_URL_BYTES = 1024;

	/** Types whose click reaches the account as an event carrying the button's key. */
	private static final Set<String> KEYED = Set.of("click", "scancode_push", "scancode_waitmsg", "pic_sysphoto",
			"pic_photo_or_album", "pic_weixin", "location_select");

	private static final Set<String> LINKED = Set.of("view", "miniprogram");

	private static final Set<String> MEDIA = Set.of("media_id", "view_limited");

	private static final Set<String> ARTICLE = Set.of("article_id", "article_view_limited");

	/** Fields of a button that menu/get answers back, in WeChat's order. */
	private static final String[] FIELDS = { "type", "name", "key", "url", "media_id", "appid", "pagepath",
			"article_id" };

	private MenuRules() {
	}

	/**
	 * Checks a menu/create body's {@code button} and answers it as menu/get will show it: known fields only, and an
	 * empty {@code sub_button} on every leaf, as in WeChat's examples.
	 */
	static ArrayNode check(JsonNode button) {
		if (button == null || !button.isArray() || button.size() < 1 || button.size() > MAX_BUTTONS) {
			throw WeChatError.INVALID_BUTTON_SIZE.exception();
		}
		ArrayNode checked = Json.array();
		for (JsonNode top : button) {
			checked.add(topLevel(top));
		}
		return checked;
	}

	private static ObjectNode topLevel(JsonNode button) {
		if (!button.isObject()) {
			throw WeChatError.INVALID_BUTTON_TYPE.exception();
		}
		if (!fits(button.get("name"), MAX_NAME_BYTES)) {
			throw WeChatError.INVALID_BUTTON_NAME_SIZE.exception();
		}
		JsonNode subButtons = button.get("sub_button");
		if (subButtons == null || subButtons.isNull() || (subButtons.isArray() && subButtons.isEmpty())) {
			return leaf(button, Level.TOP);
		}
		if (!subButtons.isArray() || subButtons.size() > MAX_SUB_BUTTONS) {
			throw WeChatError.INVALID_SUB_BUTTON_SIZE.exception();
		}
		ObjectNode parent = Json.object();
		parent.put("name", button.get("name").stringValue());
		ArrayNode children = parent.putArray("sub_button");
		for (JsonNode sub : subButtons) {
			if (!sub.isObject()) {
				throw WeChatError.INVALID_SUB_BUTTON_TYPE.exception();
			}
			JsonNode third = sub.get("sub_button");
			if (third != null && third.isArray() && !third.isEmpty()) {
				throw WeChatError.INVALID_SUB_MENU_LEVEL.exception();
			}
			if (!fits(sub.get("name"), MAX_SUB_NAME_BYTES)) {
				throw WeChatError.INVALID_SUB_BUTTON_NAME_SIZE.exception();
			}
			children.add(leaf(sub, Level.SUB));
		}
		return parent;
	}

	private static ObjectNode leaf(JsonNode button, Level level) {
		String type = text(button.get("type"));
		boolean known = type != null && (KEYED.contains(type) || LINKED.contains(type) || MEDIA.contains(type)
				|| ARTICLE.contains(type));
		if (!known) {
			throw level.typeError.exception();
		}
		if (KEYED.contains(type) && !fits(button.get("key"), MAX_KEY_BYTES)) {
			throw level.keyError.exception();
		}
		if (LINKED.contains(type) && !fits(button.get("url"), MAX_URL_BYTES)) {
			throw level.urlError.exception();
		}
		boolean complete = (!MEDIA.contains(type) || present(button.get("media_id")))
				&& (!ARTICLE.contains(type) || present(button.get("article_id")))
				&& (!"miniprogram".equals(type) || (present(button.get("appid")) && present(button.get("pagepath"))));
		if (!complete) {
			throw WeChatError.INVALID_ARGS.exception();
		}
		ObjectNode leaf = Json.object();
		for (String field : FIELDS) {
			String value = text(button.get(field));
			if (value != null) {
				leaf.put(field, value);
			}
		}
		leaf.putArray("sub_button");
		return leaf;
	}

	/** A string of 1 to {@code maxBytes} bytes in UTF-8 (WeChat counts bytes, so a Chinese character is 3). */
	private static boolean fits(JsonNode value, int maxBytes) {
		String text = text(value);
		if (text == null || text.isEmpty()) {
			return false;
		}
		return text.getBytes(StandardCharsets.UTF_8).length <= maxBytes;
	}

	private static boolean present(JsonNode value) {
		String text = text(value);
		return text != null && !text.isEmpty();
	}

	private static String text(JsonNode value) {
		return (value != null && value.isString()) ? value.stringValue() : null;
	}

	/** The codes of a top-level button and of a sub-button. */
	private enum Level {

		TOP(WeChatError.INVALID_BUTTON_TYPE, WeChatError.INVALID_BUTTON_KEY_SIZE, WeChatError.INVALID_BUTTON_URL_SIZE),

		SUB(WeChatError.INVALID_SUB_BUTTON_TYPE, WeChatError.INVALID_SUB_BUTTON_KEY_SIZE,
				WeChatError.INVALID_SUB_BUTTON_URL_SIZE);

		private final WeChatError typeError;

		private final WeChatError keyError;

		private final WeChatError urlError;

		Level(WeChatError typeError, WeChatError keyError, WeChatError urlError) {
			this.typeError = typeError;
			this.keyError = keyError;
			this.urlError = urlError;
		}

	}

}
