/**
 * WeChat's error taxonomy: what each {@code errcode} means for the caller.
 */
package io.atrium.wechat;
