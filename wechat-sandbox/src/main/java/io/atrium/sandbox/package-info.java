/**
 * An offline, stateful stand-in for api.weixin.qq.com and for WeChat's pushes to a third-party platform. Start
 * one with {@link io.atrium.sandbox.WeChatSandbox#start(io.atrium.sandbox.SandboxSettings)} or run
 * {@link io.atrium.sandbox.SandboxMain}.
 */
package io.atrium.sandbox;
