package io.atrium.sandbox.http;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The error codes the sandbox answers, with WeChat's message text where it is known (protocol reference §5). The
 * {@code rid} suffix is added when the error is written, not here.
 */
public enum WeChatError {

	SYSTEM_ERROR(-1, "system error"),

	INVALID_CREDENTIAL(40001, "invalid credential, access_token is invalid or not latest"),

	INVALID_OPENID(40003, "invalid openid"),

	INVALID_MEDIA_TYPE(40004, "invalid media type"),

	/** The file's name does not end as its {@code type} requires. */
	INVALID_FILE_TYPE(40005, "invalid file type"),

	INVALID_MEDIA_ID(40007, "invalid media_id"),

	INVALID_MESSAGE_TYPE(40008, "invalid message type"),

	INVALID_IMAGE_SIZE(40009, "invalid image size"),

	INVALID_VOICE_SIZE(40010, "invalid voice size"),

	INVALID_VIDEO_SIZE(40011, "invalid video size"),

	INVALID_THUMB_SIZE(40012, "invalid thumb size"),

	INVALID_APPID(40013, "invalid appid"),

	INVALID_BUTTON_SIZE(40016, "invalid button size"),

	INVALID_BUTTON_TYPE(40017, "invalid button type"),

	INVALID_BUTTON_NAME_SIZE(40018, "invalid button name size"),

	INVALID_BUTTON_KEY_SIZE(40019, "invalid button key size"),

	INVALID_BUTTON_URL_SIZE(40020, "invalid button url size"),

	INVALID_SUB_MENU_LEVEL(40022, "invalid sub_menu level"),

	INVALID_SUB_BUTTON_SIZE(40023, "invalid sub button size"),

	INVALID_SUB_BUTTON_TYPE(40024, "invalid sub button type"),

	INVALID_SUB_BUTTON_NAME_SIZE(40025, "invalid sub button name size"),

	INVALID_SUB_BUTTON_KEY_SIZE(40026, "invalid sub button key size"),

	INVALID_SUB_BUTTON_URL_SIZE(40027, "invalid sub button url size"),

	INVALID_ARGS(40097, "invalid args"),

	INVALID_APPSECRET(40125, "invalid appsecret"),

	ACCESS_TOKEN_MISSING(41001, "access_token missing"),

	APPSECRET_MISSING(41004, "appsecret missing"),

	MEDIA_DATA_MISSING(41005, "media data missing"),

	MEDIA_ID_MISSING(41006, "media_id missing"),

	ACCESS_TOKEN_EXPIRED(42001, "access_token expired"),

	EMPTY_POST_DATA(44002, "empty post data"),

	EMPTY_CONTENT(44004, "empty content"),

	DAILY_QUOTA(45009, "reach max api daily quota limit"),

	MINUTE_QUOTA(45011, "api minute-quota reach limit, must slower, retry next minute"),

	OUT_OF_TIME_LIMIT(45015, "response out of time limit"),

	MENU_NO_EXIST(46003, "menu no exist"),

	DATA_FORMAT_ERROR(47001, "data format error"),

	API_UNAUTHORIZED(48001, "api unauthorized"),

	CLEAR_QUOTA_LIMIT(48006, "forbid to clear quota because of reaching the limit"),

	INVALID_ARTICLE_ID(53600, "Article ID 无效"),

	COMPONENT_NOT_AUTHORIZED(61003, "component is not authorized by this account"),

	TICKET_EXPIRED(61005, "component ticket is expired"),

	TICKET_INVALID(61006, "component ticket is invalid"),

	API_UNAUTHORIZED_TO_COMPONENT(61007, "api is unauthorized to component"),

	CODE_INVALID(61009, "code is invalid"),

	CODE_EXPIRED(61010, "code is expired"),

	INVALID_COMPONENT(61011, "invalid component"),

	REFRESH_TOKEN_INVALID(61023, "refresh_token is invalid"),

	RID_NOT_FOUND(76001, "rid not found"),

	RID_INVALID(76002, "rid is error"),

	/** Same code as {@link #CGI_PATH_INVALID}, WeChat's text for openapi/rid/get. */
	RID_NO_PERMISSION(76003, "could not query this rid,no permission"),

	CGI_PATH_INVALID(76003, "invalid cgi_path, it must start with /"),

	CGI_PATH_NOT_FOUND(76021, "cgi_path not found, please check"),

	CGI_PATH_NO_PERMISSION(76022, "could not use this cgi_path,no permission");

	/** A code answered with two texts (76003) maps to the first one declared. */
	private static final Map<Integer, WeChatError> BY_CODE = Arrays.stream(values())
		.collect(Collectors.toUnmodifiableMap(WeChatError::code, Function.identity(), (first, second) -> first));

	private final int code;

	private final String message;

	WeChatError(int code, String message) {
		this.code = code;
		this.message = message;
	}

	public int code() {
		return this.code;
	}

	public String message() {
		return this.message;
	}

	public WeChatException exception() {
		return new WeChatException(this.code, this.message);
	}

	/** WeChat's text for a code, for injected faults that name only the code. */
	public static String messageFor(int code) {
		WeChatError known = BY_CODE.get(code);
		return (known != null) ? known.message : "sandbox injected error";
	}

}
