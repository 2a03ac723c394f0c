/**
 * WeChat's auth-event URL (授权事件接收URL): verify, decrypt and act on pushed verify tickets and authorization
 * events; refuse anything forged, replayed, stale, oversized or malformed without changing anything.
 */
package io.atrium.token.callback;
