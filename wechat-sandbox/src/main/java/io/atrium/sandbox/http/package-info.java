/**
 * HTTP plumbing of the sandbox: routing, requests and replies, WeChat-shaped error bodies (errcode, errmsg with
 * rid).
 */
package io.atrium.sandbox.http;
