package io.atrium.upstream;

import java.util.List;
import java.util.stream.Collectors;

import io.atrium.account.PermissionSet;
import io.atrium.wechat.WeChatError;

/**
 * The merchant has not granted the permission set the API belongs to (checked before the call), or WeChat
 * refused the API (48001, 61007). Names the set, e.g. {@code 权限集 7 群发与通知 (MASS_SEND_AND_NOTIFY)}.
 */
public class PermissionNotGrantedException extends RuntimeException {

	private final List<PermissionSet> required;

	private final WeChatError error;

	public PermissionNotGrantedException(String appId, List<PermissionSet> required, WeChatError error) {
		super(message(appId, required, error));
		this.required = List.copyOf(required);
		this.error = error;
	}

	public List<PermissionSet> required() {
		return this.required;
	}

	/** WeChat's error when WeChat refused, else null. */
	public WeChatError error() {
		return this.error;
	}

	private static String message(String appId, List<PermissionSet> required, WeChatError error) {
		String sets = required.stream()
			.map((set) -> set.id() + " " + set.chineseName() + " (" + set.name() + ")")
			.collect(Collectors.joining(" or "));
		if (error == null) {
			return "权限集 " + sets + " not granted by " + appId
					+ "; the merchant must re-authorize the platform with it";
		}
		if (error.errcode() == 48001) {
			return "WeChat refused the API for " + appId + " (48001 api unauthorized): the account itself lacks it, "
					+ "e.g. it is not verified (认证); needs 权限集 " + sets;
		}
		return "WeChat refused the API for " + appId + " (errcode " + error.errcode() + "): 权限集 " + sets
				+ " not granted to the platform; the merchant must re-authorize with it";
	}

}
